/*
 * Where the H extension leaves the implementation a choice and hvrun
 * makes QEMU's: printed as "@" lines that must match QEMU's line for line.
 * mtval on illegal and virtual instructions and on a breakpoint in VS;
 * mtval2 on a guest-page fault (the GPA, not zero); mtinst on a fault of
 * the VS-stage walk; VMIDLEN, VS ASIDLEN, GEILEN; the hgatp and vsatp
 * modes; VSXL (VS-mode XLEN) fixed at 64; hcounteren's CY/TM/IR; WFI in
 * VS with VTW = 1 and an interrupt pending; htval holding any GPA. Choices
 * hvrun makes differently (Svadu, htinst on explicit accesses, VSBE) are
 * left out. RISC-V Privileged ISA, "Hypervisor Extension".
 *
 * ISA-DIFF
 */
#include "h.h"

#define GPA_HOLE 0x100000000UL

static long rd_mstatus(long a)
{
	register long t0 asm("t0");

	asm volatile(".option push\n\t.option norvc\n\tcsrr t0, mstatus\n\t"
		     ".option pop"
		     : "=r"(t0));
	return a;
}

static long rd_hstatus(long a)
{
	register long t0 asm("t0");

	asm volatile(".option push\n\t.option norvc\n\tcsrr t0, 0x600\n\t"
		     ".option pop"
		     : "=r"(t0));
	return a;
}

static long do_ebreak(long a)
{
	asm volatile(".option push\n\t.option norvc\n\tebreak\n\t.option pop");
	return a;
}

static long do_wfi(long a)
{
	asm volatile("wfi" ::: "memory");
	return a;
}

static const char *tval_kind(unsigned long tval, unsigned long insn_addr)
{
	if (tval == 0)
		return "zero";
	if (tval == *(uint32_t *)insn_addr)
		return "the instruction";
	if (tval == insn_addr)
		return "the pc";
	return "other";
}

static void traps(void)
{
	uint64_t *g, *v;

	trap_reset();
	run_v(PRV_S, rd_mstatus, 0);
	printf("@mtval on an illegal instruction: %s\n",
	       tval_kind(m_trap.tval, m_trap.epc));
	trap_reset();
	run_v(PRV_S, rd_hstatus, 0);
	printf("@mtval on a virtual instruction: %s\n",
	       tval_kind(m_trap.tval, m_trap.epc));
	trap_reset();
	run_v(PRV_S, do_ebreak, 0);
	printf("@mtval on a breakpoint in VS: %s\n",
	       tval_kind(m_trap.tval, m_trap.epc));

	/* a guest-page fault, and one of the VS-stage walk */
	pt_reset();
	g = g_space(3);
	g_use(g, 3, 0);
	trap_reset();
	run_v(PRV_S, ld_at, GPA_HOLE + 8);
	printf("@mtval2 on a guest-page fault: %s\n",
	       m_trap.tval2 == (GPA_HOLE + 8) >> 2 ? "the GPA"
	       : m_trap.tval2 == 0		   ? "zero"
						   : "other");
	v = vs_space(3, PTE_RWX);
	v[1] = pte_of(GPA_HOLE, PTE_V); /* VA 1 GiB: its table in a hole */
	vs_use(v, 3, 0);
	trap_reset();
	run_v(PRV_S, ld_at, GIB + 16);
	printf("@mtval2, mtinst on a fault of the VS-stage walk: %lx %lx\n",
	       m_trap.tval2, m_trap.tinst);
	csr_write(CSR_VSATP, 0);
	csr_write(CSR_HGATP, 0);
	hfence_gvma();
}

static void widths(void)
{
	unsigned long v;
	int n;

	csr_write(CSR_HGATP, (MODE_SV39 << HGATP_MODE_SHIFT) |
				     (HGATP_VMID_MASK << HGATP_VMID_SHIFT));
	v = (csr_read(CSR_HGATP) >> HGATP_VMID_SHIFT) & HGATP_VMID_MASK;
	for (n = 0; v & (1UL << n); n++)
		;
	printf("@VMIDLEN %d\n", n);
	csr_write(CSR_VSATP,
		  (MODE_SV39 << 60) | (SATP_ASID_MASK << SATP_ASID_SHIFT));
	v = (csr_read(CSR_VSATP) >> SATP_ASID_SHIFT) & SATP_ASID_MASK;
	for (n = 0; v & (1UL << n); n++)
		;
	printf("@VS ASIDLEN %d\n", n);
	csr_write(CSR_HGEIE, -1UL);
	v = csr_read(CSR_HGEIE);
	for (n = 0; v; v &= v - 1)
		n++;
	printf("@GEILEN %d\n", n);
	csr_write(CSR_HGEIE, 0);
	for (unsigned long m = MODE_SV39; m <= MODE_SV57; m++) {
		csr_write(CSR_HGATP, m << HGATP_MODE_SHIFT);
		csr_write(CSR_VSATP, m << 60);
		printf("@mode %lu: hgatp %s, vsatp %s\n", m,
		       csr_read(CSR_HGATP) >> HGATP_MODE_SHIFT == m ? "yes"
								    : "no",
		       csr_read(CSR_VSATP) >> 60 == m ? "yes" : "no");
	}
	csr_write(CSR_HGATP, 0);
	csr_write(CSR_VSATP, 0);
	hfence_gvma();
	csr_write(CSR_HSTATUS, 1UL << HSTATUS_VSXL_SHIFT);
	printf("@VSXL after writing 1: %lu\n",
	       (csr_read(CSR_HSTATUS) & HSTATUS_VSXL) >> HSTATUS_VSXL_SHIFT);
	csr_write(CSR_HSTATUS, 2UL << HSTATUS_VSXL_SHIFT);
	csr_write(CSR_HCOUNTEREN, -1UL);
	printf("@hcounteren CY TM IR: %lx\n", csr_read(CSR_HCOUNTEREN) & 7);
	csr_write(CSR_HCOUNTEREN, 0);
	csr_write(CSR_HTVAL, 0x40001234UL);
	printf("@htval holds a GPA: %s\n",
	       csr_read(CSR_HTVAL) == 0x40001234UL ? "yes" : "no");
	csr_write(CSR_HTVAL, 0);
}

static void wfi(void)
{
	csr_write(mideleg, S_IRQS);
	csr_write(CSR_HIDELEG, VS_IRQS);
	csr_write(CSR_HIE, 1UL << IRQ_VSSI);
	csr_write(CSR_HVIP, 1UL << IRQ_VSSI);
	csr_set(CSR_HSTATUS, HSTATUS_VTW);
	trap_reset();
	run_v(PRV_S, do_wfi, 0);
	printf("@WFI in VS with VTW = 1, an interrupt pending: %s\n",
	       m_trap.count ? "virtual instruction" : "completes");
	csr_clear(CSR_HSTATUS, HSTATUS_VTW);
	csr_write(CSR_HVIP, 0);
	csr_write(CSR_HIE, 0);
	csr_write(CSR_HIDELEG, 0);
	csr_write(mideleg, 0);
}

int main(void)
{
	CHECK(has_h());
	if (rt_failures)
		return 0;
	h_quiet();
	traps();
	widths();
	wfi();
	return 0;
}
