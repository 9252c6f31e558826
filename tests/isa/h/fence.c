/*
 * Address-translation fences with the H extension: after a G-stage PTE
 * changes, HFENCE.GVMA (no operand, a GPA, a VMID, both; from M and HS)
 * makes the new one used, also under a VS-stage mapping and for a VMID
 * that is not the current one; after a VS-stage PTE changes, HFENCE.VVMA
 * (no operand, a GVA, an ASID, both) or SFENCE.VMA executed in VS does;
 * guest-page faults are not cached. Switching hgatp between VMIDs and
 * vsatp between ASIDs (and the same ASID in two VMIDs) needs no fence
 * once each was fenced; changing hgatp.MODE does, with HFENCE.GVMA. Only
 * what the spec guarantees is checked: the new translation after the
 * fence. RISC-V Privileged ISA, "Hypervisor Extension": "Hypervisor
 * Memory-Management Fence Instructions", "Memory-Management Fences",
 * "hgatp" (VMID).
 *
 */
#include "h.h"

static uint64_t data0[512] __attribute__((aligned(4096)));
static uint64_t data1[512] __attribute__((aligned(4096)));

#define GPA_A 0x100000000UL
#define GPA_B (GPA_A + PAGE)
#define VA_A 0x40000000UL

static uint64_t *g1, *g2, *v1, *v2;
static uint64_t *g1_a, *g2_a, *v1_a, *v2_a; /* the PTEs for GPA_A / VA_A */
static unsigned long vmid1, vmid2, asid1, asid2;

static uint64_t leaf(uint64_t *page, unsigned long flags)
{
	return pte_of((unsigned long)page, PTE_V | flags | PTE_AD);
}

static uint64_t gleaf(uint64_t *page)
{
	return leaf(page, PTE_R | PTE_W | PTE_U);
}

static uint64_t vleaf(unsigned long gpa)
{
	return pte_of(gpa, PTE_V | PTE_R | PTE_W | PTE_AD);
}

static void build(void)
{
	for (int i = 0; i < 512; i++) {
		data0[i] = 0xd0d0000000000000UL | i;
		data1[i] = 0xd1d1000000000000UL | i;
	}
	pt_reset();
	g1 = g_space(3);
	g2 = g_space(3);
	g1_a = pt_map(g1, 3, 1, GPA_A, (unsigned long)data0, 0,
		      PTE_R | PTE_W | PTE_U | PTE_AD);
	pt_map(g1, 3, 1, GPA_B, (unsigned long)data1, 0,
	       PTE_R | PTE_W | PTE_U | PTE_AD);
	/* where the machine has nothing */
	pt_map(g1, 3, 1, UNMAPPED_PA, (unsigned long)data0, 0,
	       PTE_R | PTE_W | PTE_U | PTE_AD);
	g2_a = pt_map(g2, 3, 1, GPA_A, (unsigned long)data1, 0,
		      PTE_R | PTE_W | PTE_U | PTE_AD);
	pt_map(g2, 3, 1, GPA_B, (unsigned long)data0, 0,
	       PTE_R | PTE_W | PTE_U | PTE_AD);
	v1 = vs_space(3, PTE_RWX);
	v2 = vs_space(3, PTE_RWX);
	v1_a = pt_map(v1, 3, 0, VA_A, GPA_A, 0, PTE_R | PTE_W | PTE_AD);
	v2_a = pt_map(v2, 3, 0, VA_A, GPA_B, 0, PTE_R | PTE_W | PTE_AD);

	/* the VMID and ASID widths decide which switches need no fence */
	csr_write(CSR_HGATP, hgatp_of(g1, 3, HGATP_VMID_MASK));
	vmid2 = (csr_read(CSR_HGATP) >> HGATP_VMID_SHIFT) & 2;
	vmid1 = vmid2 ? 1 : 0;
	csr_write(CSR_VSATP, satp_of(v1, 3, SATP_ASID_MASK));
	asid2 = (csr_read(CSR_VSATP) >> SATP_ASID_SHIFT) & 2;
	asid1 = asid2 ? 1 : 0;
	csr_write(CSR_VSATP, 0);
	csr_write(CSR_HGATP, 0);
	hfence_gvma();
}

static long ld_then(long a)
{
	return ld_at(a);
}

static unsigned long vs_ld(unsigned long a)
{
	return try_v(PRV_S, ld_then, a);
}

static long hs_hfence_gvma(long gpa)
{
	if (gpa)
		hfence_gvma_gpa(gpa);
	else
		hfence_gvma();
	return 0;
}

static long hs_hfence_vvma(long va)
{
	if (va)
		hfence_vvma_va(va);
	else
		hfence_vvma();
	return 0;
}

/* SFENCE.VMA in VS, then the load */
static long vs_sfence_ld(long a)
{
	sfence_vma();
	return ld_at(a);
}

static long vs_sfence_va_ld(long a)
{
	asm volatile("sfence.vma %0, zero" ::"r"(a) : "memory");
	return ld_at(a);
}

static void test_gvma(void)
{
	build();
	rt_ctx = "G-stage fence, case";
	g_use(g1, 3, vmid1);
	csr_write(CSR_VSATP, 0);
	rt_ctx_n = 0;
	CHECK_EQ(vs_ld(GPA_A), data0[0]);

	*g1_a = gleaf(data1);
	hfence_gvma();
	rt_ctx_n = 1;
	CHECK_EQ(vs_ld(GPA_A + 8), data1[1]);
	*g1_a = gleaf(data0);
	hfence_gvma_gpa(GPA_A);
	rt_ctx_n = 2;
	CHECK_EQ(vs_ld(GPA_A + 16), data0[2]);
	*g1_a = gleaf(data1);
	hfence_gvma_vmid(vmid1);
	rt_ctx_n = 3;
	CHECK_EQ(vs_ld(GPA_A + 24), data1[3]);
	*g1_a = gleaf(data0);
	hfence_gvma_gpa_vmid(GPA_A, vmid1);
	rt_ctx_n = 4;
	CHECK_EQ(vs_ld(GPA_A + 32), data0[4]);
	/* from HS */
	*g1_a = gleaf(data1);
	run_mode(PRV_S, hs_hfence_gvma, 0);
	rt_ctx_n = 5;
	CHECK_EQ(vs_ld(GPA_A + 40), data1[5]);
	*g1_a = gleaf(data0);
	run_mode(PRV_S, hs_hfence_gvma, GPA_A);
	rt_ctx_n = 6;
	CHECK_EQ(vs_ld(GPA_A + 48), data0[6]);
	/* unmapped: a guest-page fault, which is not cached */
	*g1_a = 0;
	hfence_gvma();
	rt_ctx_n = 7;
	CHECK_EQ(vs_ld(GPA_A), TRAPPED(CAUSE_LOAD_GUEST_PAGE));
	*g1_a = gleaf(data1);
	hfence_gvma_gpa(GPA_A);
	rt_ctx_n = 8;
	CHECK_EQ(vs_ld(GPA_A + 56), data1[7]);

	/* under a VS-stage mapping: VA_A -> GPA_A -> data1, then data0 */
	vs_use(v1, 3, asid1);
	rt_ctx_n = 9;
	CHECK_EQ(vs_ld(VA_A + 64), data1[8]);
	*g1_a = gleaf(data0);
	hfence_gvma_gpa(GPA_A);
	rt_ctx_n = 10;
	CHECK_EQ(vs_ld(VA_A + 72), data0[9]);
	*g1_a = gleaf(data1);
	hfence_gvma();
	rt_ctx_n = 11;
	CHECK_EQ(vs_ld(VA_A + 80), data1[10]);
	rt_ctx = 0;
	csr_write(CSR_VSATP, 0);
	csr_write(CSR_HGATP, 0);
	hfence_gvma();
}

static void test_vvma(void)
{
	build();
	rt_ctx = "VS-stage fence, case";
	g_use(g1, 3, vmid1);
	vs_use(v1, 3, asid1);
	rt_ctx_n = 0;
	CHECK_EQ(vs_ld(VA_A), data0[0]);
	*v1_a = vleaf(GPA_B);
	hfence_vvma();
	rt_ctx_n = 1;
	CHECK_EQ(vs_ld(VA_A + 8), data1[1]);
	*v1_a = vleaf(GPA_A);
	hfence_vvma_va(VA_A);
	rt_ctx_n = 2;
	CHECK_EQ(vs_ld(VA_A + 16), data0[2]);
	*v1_a = vleaf(GPA_B);
	hfence_vvma_asid(asid1);
	rt_ctx_n = 3;
	CHECK_EQ(vs_ld(VA_A + 24), data1[3]);
	*v1_a = vleaf(GPA_A);
	hfence_vvma_va_asid(VA_A, asid1);
	rt_ctx_n = 4;
	CHECK_EQ(vs_ld(VA_A + 32), data0[4]);
	/* from HS */
	*v1_a = vleaf(GPA_B);
	run_mode(PRV_S, hs_hfence_vvma, 0);
	rt_ctx_n = 5;
	CHECK_EQ(vs_ld(VA_A + 40), data1[5]);
	*v1_a = vleaf(GPA_A);
	run_mode(PRV_S, hs_hfence_vvma, VA_A);
	rt_ctx_n = 6;
	CHECK_EQ(vs_ld(VA_A + 48), data0[6]);
	/* SFENCE.VMA in VS fences the VS stage */
	*v1_a = vleaf(GPA_B);
	trap_reset();
	rt_ctx_n = 7;
	CHECK_EQ(run_v(PRV_S, vs_sfence_ld, VA_A + 56), data1[7]);
	CHECK_NO_TRAP();
	*v1_a = vleaf(GPA_A);
	trap_reset();
	rt_ctx_n = 8;
	CHECK_EQ(run_v(PRV_S, vs_sfence_va_ld, VA_A + 64), data0[8]);
	CHECK_NO_TRAP();
	/* a page fault is not cached */
	*v1_a = 0;
	hfence_vvma();
	rt_ctx_n = 9;
	CHECK_EQ(vs_ld(VA_A), TRAPPED(CAUSE_LOAD_PAGE));
	*v1_a = vleaf(GPA_B);
	hfence_vvma_va(VA_A);
	rt_ctx_n = 10;
	CHECK_EQ(vs_ld(VA_A + 72), data1[9]);
	rt_ctx = 0;
	csr_write(CSR_VSATP, 0);
	csr_write(CSR_HGATP, 0);
	hfence_gvma();
}

static void use_vm(int which)
{
	csr_write(CSR_VSATP, 0);
	csr_write(CSR_HGATP,
		  which == 1 ? hgatp_of(g1, 3, vmid1) : hgatp_of(g2, 3, vmid2));
	if (vmid1 == vmid2)
		hfence_gvma();
}

static void test_switch(void)
{
	build();
	printf("VMIDs %lu/%lu, ASIDs %lu/%lu\n", vmid1, vmid2, asid1, asid2);
	/* each VM and address space fenced once */
	g_use(g1, 3, vmid1);
	vs_use(v1, 3, asid1);
	vs_use(v2, 3, asid2);
	g_use(g2, 3, vmid2);
	vs_use(v1, 3, asid1);
	vs_use(v2, 3, asid2);

	/* G stage: VMID 1 maps GPA_A to data0, VMID 2 to data1 */
	rt_ctx = "switch hgatp, round";
	for (int i = 0; i < 4; i++) {
		rt_ctx_n = i;
		use_vm(1);
		CHECK_EQ(vs_ld(GPA_A + 8 * i), data0[i]);
		use_vm(2);
		CHECK_EQ(vs_ld(GPA_A + 8 * i), data1[i]);
	}
	/* VS stage: ASID 1 maps VA_A to GPA_A, ASID 2 to GPA_B */
	rt_ctx = "switch vsatp, round";
	use_vm(1);
	for (int i = 0; i < 4; i++) {
		rt_ctx_n = i;
		csr_write(CSR_VSATP, satp_of(v1, 3, asid1));
		if (asid1 == asid2)
			hfence_vvma();
		CHECK_EQ(vs_ld(VA_A + 8 * i), data0[i]);
		csr_write(CSR_VSATP, satp_of(v2, 3, asid2));
		if (asid1 == asid2)
			hfence_vvma();
		CHECK_EQ(vs_ld(VA_A + 8 * i), data1[i]);
	}
	/*
	 * One ASID in two VMs. VMID 1 runs v1 (VA_A -> GPA_A -> data0) and
	 * VMID 2 the same table, where GPA_A is data1: a translation of
	 * VMID 1 must not serve VMID 2. Then VMID 2 runs v2 (VA_A -> GPA_B
	 * -> data0): nor must VMID 2's VS-stage translation with v1.
	 */
	for (int t = 0; t < 2; t++) {
		uint64_t *v = t ? v2 : v1;

		rt_ctx = t ? "one ASID in two VMs, v2, round"
			   : "one ASID in two VMs, v1, round";
		use_vm(2);
		vs_use(v, 3, asid1);
		for (int i = 0; i < 4; i++) {
			rt_ctx_n = i;
			use_vm(1);
			csr_write(CSR_VSATP, satp_of(v1, 3, asid1));
			if (vmid1 == vmid2)
				hfence_vvma();
			CHECK_EQ(vs_ld(VA_A + 8 * i), data0[i]);
			use_vm(2);
			csr_write(CSR_VSATP, satp_of(v, 3, asid1));
			if (vmid1 == vmid2)
				hfence_vvma();
			CHECK_EQ(vs_ld(VA_A + 8 * i), t ? data0[i] : data1[i]);
		}
	}
	/* fencing a VMID that is not the current one */
	if (vmid1 != vmid2) {
		rt_ctx = "fence another VMID";
		rt_ctx_n = 0;
		use_vm(1);
		csr_write(CSR_VSATP, 0);
		*g2_a = gleaf(data0);
		hfence_gvma_vmid(vmid2);
		use_vm(2);
		CHECK_EQ(vs_ld(GPA_A + 16), data0[2]);
		use_vm(1);
		*g2_a = gleaf(data1);
		hfence_gvma_gpa_vmid(GPA_A, vmid2);
		use_vm(2);
		rt_ctx_n = 1;
		CHECK_EQ(vs_ld(GPA_A + 24), data1[3]);
	}
	/* hgatp.MODE changes: HFENCE.GVMA, then the new mode applies */
	rt_ctx = "hgatp mode change";
	rt_ctx_n = 0;
	csr_write(CSR_VSATP, 0);
	csr_write(CSR_HGATP, 0);
	hfence_gvma();
	CHECK_EQ(vs_ld((unsigned long)data1 + 32), data1[4]);
	CHECK_EQ(vs_ld(UNMAPPED_PA), TRAPPED(CAUSE_LOAD_ACCESS));
	csr_write(CSR_HGATP, hgatp_of(g1, 3, vmid1));
	hfence_gvma();
	rt_ctx_n = 1;
	CHECK_EQ(vs_ld(UNMAPPED_PA + 40), data0[5]);
	csr_write(CSR_HGATP, 0);
	hfence_gvma();
	rt_ctx_n = 2;
	CHECK_EQ(vs_ld(UNMAPPED_PA), TRAPPED(CAUSE_LOAD_ACCESS));
	rt_ctx = 0;
	csr_write(CSR_VSATP, 0);
	csr_write(CSR_HGATP, 0);
	hfence_gvma();
}

int main(void)
{
	CHECK(has_h());
	if (rt_failures)
		return 0;
	h_quiet();
	test_gvma();
	test_vvma();
	test_switch();
	return 0;
}
