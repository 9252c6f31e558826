/*
 * Two-stage translation: VS-stage (vsatp Sv39/Sv48/Sv57) over G-stage
 * (hgatp Sv39x4/Sv48x4/Sv57x4), in VS and VU. Page faults (12/13/15) of
 * the VS stage and guest-page faults (20/21/23) of the G stage: mtval =
 * the guest virtual address, mtval2 = 0 or the GPA >> 2, GVA = 1; the
 * VS-stage U bit with vsstatus.SUM (the HS-level SUM does not apply),
 * vsstatus.MXR (VS stage only) and the HS-level MXR (both stages);
 * superpages in either stage over pages of the other; misaligned VS
 * superpages. The VS-stage walk's own accesses go through the G stage:
 * a guest-page fault there reports the original access type, mtval2 =
 * the PTE's GPA >> 2 and mtinst = the 0x3000/0x3020 pseudoinstruction
 * (when mtval2 is not zero), and they are U-level implicit loads (or
 * stores for A/D updates), whatever the access. A/D in the VS stage
 * (henvcfg.ADUE with Svadu). VS-stage page faults delegated to VS
 * (vstval) and to HS (htval = 0). MPRV with MPV = 1 from M. RISC-V
 * Privileged ISA, "Hypervisor Extension": "Two-Stage Address Translation",
 * "Guest-Page Faults", "Transformed Instruction or Pseudoinstruction for
 * mtinst or htinst", "Machine Status Registers" (MPRV).
 *
 *
 * Inside #ifndef ISA_QEMU: what QEMU 7.2 gets wrong (named at each).
 */
#include "h.h"

static uint64_t data0[512] __attribute__((aligned(4096)));
static uint64_t data1[512] __attribute__((aligned(4096)));
static uint32_t code[1024] __attribute__((aligned(4096)));

/* G stage: guest physical pages */
#define GPA_T 0x100000000UL
#define GPA_D0 (GPA_T + 0 * PAGE)      /* data0, RW */
#define GPA_D1 (GPA_T + 1 * PAGE)      /* data1, R */
#define GPA_C (GPA_T + 2 * PAGE)       /* code, RX */
#define GPA_CX (GPA_T + 3 * PAGE)      /* code, X */
#define GPA_HOLE (GPA_T + 16 * PAGE)   /* nothing */
#define GPA_2M (GPA_T + 2 * MIB2)      /* a 2 MiB page holding data0 */
#define GPA_PT (GPA_T + 4 * MIB2)      /* VS page tables */
#define GPA_PT_HOLE (GPA_T + 6 * MIB2) /* nothing */

/* VS stage: guest virtual pages */
#define VA_T 0x40000000UL
#define VA_D0 (VA_T + 0 * PAGE)	     /* -> GPA_D0, RW */
#define VA_D1 (VA_T + 1 * PAGE)	     /* -> GPA_D1, R */
#define VA_D1W (VA_T + 2 * PAGE)     /* -> GPA_D1, RW */
#define VA_GHOLE (VA_T + 3 * PAGE)   /* -> GPA_HOLE, RWX */
#define VA_U (VA_T + 4 * PAGE)	     /* -> GPA_D0, RW U */
#define VA_X (VA_T + 5 * PAGE)	     /* -> GPA_C, X */
#define VA_XX (VA_T + 6 * PAGE)	     /* -> GPA_CX, X */
#define VA_CODE (VA_T + 7 * PAGE)    /* -> GPA_C, X */
#define VA_UCODE (VA_T + 8 * PAGE)   /* -> GPA_C, X U */
#define VA_NONE (VA_T + 9 * PAGE)    /* nothing */
#define VA_G2M (VA_T + 10 * PAGE)    /* -> in GPA_2M, RW */
#define VA_UGHOLE (VA_T + 11 * PAGE) /* -> GPA_HOLE, RWX U */
#define VA_V2M (VA_T + MIB2)	     /* 2 MiB -> GPA_T */
#define VA_V2M_BAD (VA_T + 2 * MIB2) /* 2 MiB -> GPA_T + PAGE */
#define VA_V1G 0xc0000000UL	     /* 1 GiB -> GPA_T */

static uint64_t *g_root, *v_root;
static int g_lv, v_lv;

static uint64_t *gmap(unsigned long gpa, unsigned long pa, int level,
		      unsigned long flags)
{
	return pt_map(g_root, g_lv, 1, gpa, pa, level, flags);
}

static uint64_t *vmap(unsigned long va, unsigned long gpa, int level,
		      unsigned long flags)
{
	return pt_map(v_root, v_lv, 0, va, gpa, level, flags);
}

#define CHECK_GPA(t2, gpa) CHECK((t2) == 0 || (t2) == (gpa) >> 2)
#define CHECK_TINST(ti, tr) CHECK((ti) == 0 || (ti) == (tr))

/* A page fault of the VS stage: mtval2 = 0, GVA = 1 */
static void check_pf(unsigned long r, unsigned long cause, unsigned long va,
		     unsigned long tr)
{
	CHECK_EQ(r, TRAPPED(cause));
	if (r != TRAPPED(cause))
		return;
	CHECK_EQ(m_trap.tval, va);
	CHECK_EQ(m_trap.tval2, 0);
	CHECK_TINST(m_trap.tinst, tr);
	CHECK(m_trap.status & MSTATUS_GVA);
}

/* A guest-page fault on the access itself: mtval2 = its GPA */
static void check_gpf(unsigned long r, unsigned long cause, unsigned long va,
		      unsigned long gpa, unsigned long tr)
{
	CHECK_EQ(r, TRAPPED(cause));
	if (r != TRAPPED(cause))
		return;
	CHECK_EQ(m_trap.tval, va);
	CHECK_GPA(m_trap.tval2, gpa);
	CHECK_TINST(m_trap.tinst, tr);
	CHECK(m_trap.status & MSTATUS_GVA);
}

static int implicit_pseudo = -1;

/*
 * A guest-page fault on an implicit access of the VS-stage walk to the
 * PTE at pte_gpa: mtval2 = 0 or pte_gpa >> 2, and with the latter mtinst =
 * the pseudoinstruction (read, or write for an A/D update).
 */
static void check_gpf_pt(unsigned long r, unsigned long cause, unsigned long va,
			 unsigned long pte_gpa, unsigned long pseudo)
{
	CHECK_EQ(r, TRAPPED(cause));
	if (r != TRAPPED(cause))
		return;
	CHECK_EQ(m_trap.tval, va);
	CHECK_GPA(m_trap.tval2, pte_gpa);
	if (m_trap.tval2)
		CHECK_EQ(m_trap.tinst, pseudo);
	CHECK(m_trap.status & MSTATUS_GVA);
	if (implicit_pseudo < 0) {
		implicit_pseudo = m_trap.tval2 != 0;
		printf("mtval2 on a VS-stage walk fault: %s\n",
		       m_trap.tval2 ? "the PTE's GPA" : "zero");
	}
}

static void setup_pages(void)
{
	for (int i = 0; i < 512; i++) {
		data0[i] = 0xd0d0000000000000UL | i;
		data1[i] = 0xd1d1000000000000UL | i;
	}
	put_code(code);
}

/* Both stages: RAM one to one (in the VS stage with ram_flags), and
 * the test pages above. */
static void build(int glv, int vlv, unsigned long ram_flags)
{
	unsigned long d0 = (unsigned long)data0, d1 = (unsigned long)data1;
	unsigned long c = (unsigned long)code;

	csr_clear(mstatus, MSTATUS_SUM | MSTATUS_MXR);
	csr_write(CSR_VSSTATUS, 0);
	pt_reset();
	g_lv = glv;
	v_lv = vlv;
	g_root = g_space(glv);
	gmap(GPA_D0, d0, 0, PTE_R | PTE_W | PTE_U | PTE_AD);
	gmap(GPA_D1, d1, 0, PTE_R | PTE_U | PTE_AD);
	gmap(GPA_C, c, 0, PTE_R | PTE_X | PTE_U | PTE_AD);
	gmap(GPA_CX, c, 0, PTE_X | PTE_U | PTE_AD);
	gmap(GPA_2M, d0 & ~(MIB2 - 1), 1, PTE_R | PTE_W | PTE_U | PTE_AD);

	v_root = vs_space(vlv, ram_flags);
	vmap(VA_D0, GPA_D0, 0, PTE_R | PTE_W | PTE_AD);
	vmap(VA_D1, GPA_D1, 0, PTE_R | PTE_AD);
	vmap(VA_D1W, GPA_D1, 0, PTE_R | PTE_W | PTE_AD);
	vmap(VA_GHOLE, GPA_HOLE, 0, PTE_RWX | PTE_AD);
	vmap(VA_U, GPA_D0, 0, PTE_R | PTE_W | PTE_U | PTE_AD);
	vmap(VA_X, GPA_C, 0, PTE_X | PTE_AD);
	vmap(VA_XX, GPA_CX, 0, PTE_X | PTE_AD);
	vmap(VA_CODE, GPA_C, 0, PTE_X | PTE_AD);
	vmap(VA_UCODE, GPA_C, 0, PTE_X | PTE_U | PTE_AD);
	vmap(VA_UGHOLE, GPA_HOLE, 0, PTE_RWX | PTE_U | PTE_AD);
	vmap(VA_G2M, GPA_2M + (d0 & (MIB2 - 1)), 0, PTE_R | PTE_W | PTE_AD);
	vmap(VA_V2M, GPA_T, 1, PTE_R | PTE_W | PTE_AD);
	vmap(VA_V2M_BAD, GPA_T + PAGE, 1, PTE_R | PTE_AD);
	vmap(VA_V1G, GPA_T, 2, PTE_R | PTE_AD);

	g_use(g_root, glv, 0);
	vs_use(v_root, vlv, 0);
}

static void test_vs(int glv, int vlv)
{
	rt_ctx = "two-stage in VS, G<<4|VS levels";
	rt_ctx_n = glv << 4 | vlv;
	build(glv, vlv, PTE_RWX);

	CHECK_EQ(try_v(PRV_S, ld_at, VA_D0 + 8), data0[1]);
	CHECK_EQ(try_v(PRV_S, sd_at, VA_D0 + 16), 0);
	CHECK_EQ(data0[2], STORE_VALUE);
	data0[2] = 0xd0d0000000000002UL;
	CHECK_EQ(try_v(PRV_S, ld_at, VA_D1 + 24), data1[3]);
	CHECK_EQ(try_v(PRV_S, call_at, VA_CODE), 42);

	/* the VS stage first, then the G stage */
	check_pf(try_v(PRV_S, sd_at, VA_D1), CAUSE_STORE_PAGE, VA_D1,
		 TINST_SD_T1);
	check_gpf(try_v(PRV_S, sd_at, VA_D1W + 8), CAUSE_STORE_GUEST_PAGE,
		  VA_D1W + 8, GPA_D1 + 8, TINST_SD_T1);
	CHECK_EQ(data1[1], 0xd1d1000000000001UL);
	check_gpf(try_v(PRV_S, ld_at, VA_GHOLE + 16), CAUSE_LOAD_GUEST_PAGE,
		  VA_GHOLE + 16, GPA_HOLE + 16, TINST_LD_T1);
	check_gpf(try_v(PRV_S, sd_at, VA_GHOLE + 24), CAUSE_STORE_GUEST_PAGE,
		  VA_GHOLE + 24, GPA_HOLE + 24, TINST_SD_T1);
	check_gpf(try_v(PRV_S, call_at, VA_GHOLE), CAUSE_FETCH_GUEST_PAGE,
		  VA_GHOLE, GPA_HOLE, 0);
	check_pf(try_v(PRV_S, ld_at, VA_NONE + 8), CAUSE_LOAD_PAGE, VA_NONE + 8,
		 TINST_LD_T1);
	check_pf(try_v(PRV_S, sd_at, VA_NONE), CAUSE_STORE_PAGE, VA_NONE,
		 TINST_SD_T1);
	check_pf(try_v(PRV_S, call_at, VA_NONE), CAUSE_FETCH_PAGE, VA_NONE, 0);
	check_pf(try_v(PRV_S, call_at, VA_D0), CAUSE_FETCH_PAGE, VA_D0, 0);

	/* U pages from VS: vsstatus.SUM for loads and stores, never
	 * fetches; the HS-level SUM does not count */
	check_pf(try_v(PRV_S, ld_at, VA_U), CAUSE_LOAD_PAGE, VA_U, TINST_LD_T1);
	csr_set(mstatus, MSTATUS_SUM);
	check_pf(try_v(PRV_S, ld_at, VA_U), CAUSE_LOAD_PAGE, VA_U, TINST_LD_T1);
	csr_clear(mstatus, MSTATUS_SUM);
	csr_write(CSR_VSSTATUS, MSTATUS_SUM);
	CHECK_EQ(try_v(PRV_S, ld_at, VA_U + 32), data0[4]);
	check_pf(try_v(PRV_S, call_at, VA_UCODE), CAUSE_FETCH_PAGE, VA_UCODE,
		 0);
	csr_write(CSR_VSSTATUS, 0);

	/* MXR: vsstatus.MXR for the VS stage; the HS-level MXR for both */
	check_pf(try_v(PRV_S, ld_at, VA_X), CAUSE_LOAD_PAGE, VA_X, TINST_LD_T1);
	csr_write(CSR_VSSTATUS, MSTATUS_MXR);
	CHECK_EQ(try_v(PRV_S, ld_at, VA_X), *(uint64_t *)code);
#ifndef ISA_QEMU
	/* (QEMU 7.2 applies vsstatus.MXR to the G stage too) */
	check_gpf(try_v(PRV_S, ld_at, VA_XX), CAUSE_LOAD_GUEST_PAGE, VA_XX,
		  GPA_CX, TINST_LD_T1);
#endif
	csr_write(CSR_VSSTATUS, 0);
	csr_set(mstatus, MSTATUS_MXR);
#ifndef ISA_QEMU
	/* (QEMU 7.2 ignores the HS-level MXR when V = 1) */
	CHECK_EQ(try_v(PRV_S, ld_at, VA_X), *(uint64_t *)code);
	CHECK_EQ(try_v(PRV_S, ld_at, VA_XX), *(uint64_t *)code);
#endif
	csr_clear(mstatus, MSTATUS_MXR);

	/* superpages: VS 2 MiB and 1 GiB over G-stage 4 KiB pages, VS
	 * 4 KiB over a G-stage 2 MiB page; a misaligned VS superpage */
	CHECK_EQ(try_v(PRV_S, ld_at, VA_V2M + PAGE + 40), data1[5]);
	CHECK_EQ(try_v(PRV_S, sd_at, VA_V2M + 48), 0);
	CHECK_EQ(data0[6], STORE_VALUE);
	data0[6] = 0xd0d0000000000006UL;
	CHECK_EQ(try_v(PRV_S, ld_at, VA_V1G + 56), data0[7]);
	CHECK_EQ(try_v(PRV_S, ld_at, VA_V1G + 2 * PAGE), *(uint64_t *)code);
	check_gpf(try_v(PRV_S, ld_at, VA_V1G + 16 * PAGE + 8),
		  CAUSE_LOAD_GUEST_PAGE, VA_V1G + 16 * PAGE + 8, GPA_HOLE + 8,
		  TINST_LD_T1);
	CHECK_EQ(try_v(PRV_S, ld_at, VA_G2M + 64), data0[8]);
	check_pf(try_v(PRV_S, ld_at, VA_V2M_BAD + 8), CAUSE_LOAD_PAGE,
		 VA_V2M_BAD + 8, TINST_LD_T1);
	rt_ctx = 0;
}

static void test_vu(int glv, int vlv)
{
	rt_ctx = "two-stage in VU, G<<4|VS levels";
	rt_ctx_n = glv << 4 | vlv;
	build(glv, vlv, PTE_RWX | PTE_U);
	CHECK_EQ(try_v(PRV_U, ld_at, VA_U + 8), data0[1]);
	CHECK_EQ(try_v(PRV_U, sd_at, VA_U + 16), 0);
	CHECK_EQ(data0[2], STORE_VALUE);
	data0[2] = 0xd0d0000000000002UL;
	CHECK_EQ(try_v(PRV_U, call_at, VA_UCODE), 42);
	check_pf(try_v(PRV_U, ld_at, VA_D0), CAUSE_LOAD_PAGE, VA_D0,
		 TINST_LD_T1);
	check_pf(try_v(PRV_U, sd_at, VA_D0), CAUSE_STORE_PAGE, VA_D0,
		 TINST_SD_T1);
	check_pf(try_v(PRV_U, call_at, VA_CODE), CAUSE_FETCH_PAGE, VA_CODE, 0);
	/* SUM does not open S pages to VU */
	csr_write(CSR_VSSTATUS, MSTATUS_SUM);
	check_pf(try_v(PRV_U, ld_at, VA_D0), CAUSE_LOAD_PAGE, VA_D0,
		 TINST_LD_T1);
	csr_write(CSR_VSSTATUS, 0);
	check_gpf(try_v(PRV_U, ld_at, VA_UGHOLE), CAUSE_LOAD_GUEST_PAGE,
		  VA_UGHOLE, GPA_HOLE, TINST_LD_T1);
	rt_ctx = 0;
}

/* VS-stage page faults delegated: to VS (vstval), to HS (htval 0). */
static void test_deleg(void)
{
	build(3, 3, PTE_RWX);
	csr_write(medeleg, 1UL << CAUSE_LOAD_PAGE);
	csr_write(CSR_HEDELEG, 1UL << CAUSE_LOAD_PAGE);
	csr_write(CSR_HSTATUS, 2UL << HSTATUS_VSXL_SHIFT);
	trap_reset();
	CHECK_EQ(run_v(PRV_S, ld_at, VA_NONE + 8), NOVAL);
	CHECK_EQ(m_trap.count + s_trap.count, 0);
	CHECK_EQ(vs_trap.count, 1);
	CHECK_EQ(vs_trap.cause, CAUSE_LOAD_PAGE);
	CHECK_EQ(vs_trap.tval, VA_NONE + 8);
	CHECK(vs_trap.status & MSTATUS_SPP);
	CHECK_EQ(csr_read(CSR_HSTATUS), 2UL << HSTATUS_VSXL_SHIFT);
	/* to HS */
	csr_write(CSR_HEDELEG, 0);
	csr_write(CSR_HTVAL, 0x1234);
	trap_reset();
	run_v(PRV_S, ld_at, VA_NONE + 16);
	CHECK_EQ(m_trap.count + vs_trap.count, 0);
	CHECK_EQ(s_trap.count, 1);
	CHECK_EQ(s_trap.cause, CAUSE_LOAD_PAGE);
	CHECK_EQ(s_trap.tval, VA_NONE + 16);
	CHECK_EQ(s_trap.tval2, 0);
	CHECK_TINST(s_trap.tinst, TINST_LD_T1);
	CHECK(s_trap.hstatus & HSTATUS_GVA);
	CHECK(s_trap.hstatus & HSTATUS_SPV);
	csr_write(medeleg, 0);
}

/* M-mode loads with MPRV = 1 and MPV = 1: as VS or VU, two stages. */
static unsigned long mprv_load(unsigned long mpv_mpp, unsigned long va)
{
	unsigned long v = NOVAL, set = MSTATUS_MPRV | mpv_mpp;

	trap_reset();
	asm volatile("csrc mstatus, %3\n\t"
		     "csrs mstatus, %2\n\t"
		     "ld %0, 0(%1)\n\t"
		     "csrc mstatus, %4\n\t"
		     : "+&r"(v)
		     : "r"(va), "r"(set), "r"(MSTATUS_MPP | MSTATUS_MPV),
		       "r"(MSTATUS_MPRV | MSTATUS_MPP | MSTATUS_MPV)
		     : "memory");
	if (m_trap.count) {
		CHECK_EQ(m_trap.count, 1);
		CHECK_EQ(m_trap.tval, va);
		CHECK(m_trap.status & MSTATUS_GVA);
		return TRAPPED(m_trap.cause);
	}
	return v;
}

static void test_mprv(void)
{
	const unsigned long vs = MSTATUS_MPV | (1UL << 11), vu = MSTATUS_MPV;

	build(3, 3, PTE_RWX);
	CHECK_EQ(mprv_load(vs, VA_D0 + 8), data0[1]);
	CHECK_EQ(mprv_load(vu, VA_U + 16), data0[2]);
#ifndef ISA_QEMU
	/* (QEMU 7.2, for MPRV with MPV = 1: VS-level loads from U pages
	 * whatever SUM, a page fault for a G-stage fault, no two-stage
	 * translation for MPP = U) */
	CHECK_EQ(mprv_load(vs, VA_U), TRAPPED(CAUSE_LOAD_PAGE));
	CHECK_EQ(mprv_load(vs, VA_GHOLE), TRAPPED(CAUSE_LOAD_GUEST_PAGE));
	CHECK_EQ(mprv_load(vu, VA_D0), TRAPPED(CAUSE_LOAD_PAGE));
	/* vsstatus.SUM, not the HS-level one */
	csr_set(mstatus, MSTATUS_SUM);
	CHECK_EQ(mprv_load(vs, VA_U), TRAPPED(CAUSE_LOAD_PAGE));
	csr_clear(mstatus, MSTATUS_SUM);
#endif
	csr_write(CSR_VSSTATUS, MSTATUS_SUM);
	CHECK_EQ(mprv_load(vs, VA_U + 24), data0[3]);
	csr_write(CSR_VSSTATUS, 0);
	/* MPP = M: no translation, whatever MPV */
	CHECK_EQ(
		mprv_load(MSTATUS_MPV | MSTATUS_MPP, (unsigned long)data1 + 32),
		data1[4]);
	/* MPV = 0, MPP = S: HS-level translation (satp = Bare) */
	CHECK_EQ(mprv_load(1UL << 11, (unsigned long)data1 + 40), data1[5]);
}

/*
 * The VS-stage walk through the G stage. A three-level Sv39 tree for VA_I
 * whose tables sit at GPA_PT + n pages (PA: pool pages); its root also
 * maps RAM so that VS can run.
 */
#define VA_I 0x40603000UL
static uint64_t *t_root, *t_l1, *t_l0, *t_leaf;

static unsigned long gpa_pt(int n)
{
	return GPA_PT + n * PAGE;
}

static unsigned long pte_gpa(int n, int level)
{
	return gpa_pt(n) + 8 * pt_index(VA_I, level, 3, 0);
}

/* G-stage flags for the three table pages; the leaf maps VA_I to
 * leaf_gpa (GPA_C: code, GPA_D0: data0) */
static void walk_tree(unsigned long f0, unsigned long f1, unsigned long f2,
		      unsigned long leaf_gpa, unsigned long leaf_flags)
{
	build(3, 3, PTE_RWX);
	t_root = pt_page();
	t_l1 = pt_page();
	t_l0 = pt_page();
	t_root[pt_index(RAM_BASE, 2, 3, 0)] =
		pte_of(RAM_BASE, PTE_V | PTE_RWX | PTE_AD);
	t_root[pt_index(VA_I, 2, 3, 0)] = pte_of(gpa_pt(1), PTE_V);
	t_l1[pt_index(VA_I, 1, 3, 0)] = pte_of(gpa_pt(2), PTE_V);
	t_leaf = &t_l0[pt_index(VA_I, 0, 3, 0)];
	*t_leaf = pte_of(leaf_gpa, PTE_V | leaf_flags);
	gmap(gpa_pt(0), (unsigned long)t_root, 0, f0);
	if (f1)
		gmap(gpa_pt(1), (unsigned long)t_l1, 0, f1);
	if (f2)
		gmap(gpa_pt(2), (unsigned long)t_l0, 0, f2);
	g_use(g_root, 3, 0);
	csr_write(CSR_VSATP, (MODE_SV39 << 60) | (gpa_pt(0) >> 12));
	hfence_vvma();
}

#define G_RW (PTE_R | PTE_W | PTE_U | PTE_AD)
#define V_RWX_AD (PTE_RWX | PTE_AD)

static void test_walk(void)
{
	unsigned long hlv;

	rt_ctx = "VS-stage walk";
	/* all mapped */
	walk_tree(G_RW, G_RW, G_RW, GPA_C, V_RWX_AD);
	rt_ctx_n = 0;
	CHECK_EQ(try_v(PRV_S, ld_at, VA_I), *(uint64_t *)code);
	CHECK_EQ(try_v(PRV_S, call_at, VA_I), 42);

	/* the root's GPA not mapped: only HLV from M can reach it (VS
	 * could not fetch) */
	walk_tree(G_RW, G_RW, G_RW, GPA_C, V_RWX_AD);
	rt_ctx_n = 1;
	csr_write(CSR_VSATP, (MODE_SV39 << 60) | (GPA_PT_HOLE >> 12));
	hfence_vvma();
	csr_set(CSR_HSTATUS, HSTATUS_SPVP);
	trap_reset();
	hlv = hlv_d(VA_I);
	CHECK_EQ(hlv, NOVAL);
	check_gpf_pt(TRAPPED(m_trap.cause), CAUSE_LOAD_GUEST_PAGE, VA_I,
		     GPA_PT_HOLE + 8 * pt_index(VA_I, 2, 3, 0), TINST_PT_READ);
	CHECK_EQ(m_trap.count, 1);
#ifndef ISA_QEMU
	/* (QEMU 7.2 reports a guest-page fault of the walk as a load one
	 * whatever the access) */
	trap_reset();
	hsv_d(VA_I, 0);
	check_gpf_pt(TRAPPED(m_trap.cause), CAUSE_STORE_GUEST_PAGE, VA_I,
		     GPA_PT_HOLE + 8 * pt_index(VA_I, 2, 3, 0), TINST_PT_READ);
#endif
	csr_clear(CSR_HSTATUS, HSTATUS_SPVP);

	/* level-1 table's GPA not mapped: the original access type */
	walk_tree(G_RW, 0, G_RW, GPA_C, V_RWX_AD);
	rt_ctx_n = 2;
	check_gpf_pt(try_v(PRV_S, ld_at, VA_I), CAUSE_LOAD_GUEST_PAGE, VA_I,
		     pte_gpa(1, 1), TINST_PT_READ);
#ifndef ISA_QEMU
	/* (QEMU 7.2: a load guest-page fault) */
	check_gpf_pt(try_v(PRV_S, sd_at, VA_I), CAUSE_STORE_GUEST_PAGE, VA_I,
		     pte_gpa(1, 1), TINST_PT_READ);
	check_gpf_pt(try_v(PRV_S, call_at, VA_I), CAUSE_FETCH_GUEST_PAGE, VA_I,
		     pte_gpa(1, 1), TINST_PT_READ);
#endif

	/* G-stage page of a table without U: the walk is U-level */
	walk_tree(G_RW, G_RW, PTE_R | PTE_W | PTE_AD, GPA_C, V_RWX_AD);
	rt_ctx_n = 3;
	check_gpf_pt(try_v(PRV_S, ld_at, VA_I), CAUSE_LOAD_GUEST_PAGE, VA_I,
		     pte_gpa(2, 0), TINST_PT_READ);
	/* (VU runs from RAM mapped U) */
	t_root[pt_index(RAM_BASE, 2, 3, 0)] |= PTE_U;
	hfence_vvma();
	check_gpf_pt(try_v(PRV_U, ld_at, VA_I), CAUSE_LOAD_GUEST_PAGE, VA_I,
		     pte_gpa(2, 0), TINST_PT_READ);

	/* G-stage page of a table execute-only: the walk reads, even for a
	 * fetch (reported as a fetch) */
	walk_tree(G_RW, PTE_X | PTE_U | PTE_AD, G_RW, GPA_C, V_RWX_AD);
	rt_ctx_n = 4;
	check_gpf_pt(try_v(PRV_S, ld_at, VA_I), CAUSE_LOAD_GUEST_PAGE, VA_I,
		     pte_gpa(1, 1), TINST_PT_READ);
#ifndef ISA_QEMU
	/* (QEMU 7.2: a load guest-page fault) */
	check_gpf_pt(try_v(PRV_S, call_at, VA_I), CAUSE_FETCH_GUEST_PAGE, VA_I,
		     pte_gpa(1, 1), TINST_PT_READ);
#endif

	/* read-only G-stage page of a table: enough to walk and to store
	 * through it when no A/D update is needed */
	walk_tree(G_RW, G_RW, PTE_R | PTE_U | PTE_AD, GPA_C, V_RWX_AD);
	rt_ctx_n = 5;
	CHECK_EQ(try_v(PRV_S, ld_at, VA_I), *(uint64_t *)code);
	rt_ctx = 0;
}

/*
 * A and D: the VS stage updates them in hardware when henvcfg.ADUE = 1
 * (Svadu, with menvcfg.ADUE = 1), else raises a page fault (Svade); a
 * hart without Svadu does one or the other. The update is an implicit
 * store, checked by the G stage as such and reported, when it faults, as
 * the original access with the write pseudoinstruction.
 */
static void test_ad(void)
{
	unsigned long r;
	int svadu, hw;

	csr_write(CSR_MENVCFG, ENVCFG_ADUE);
	csr_write(CSR_HENVCFG, ENVCFG_ADUE);
	svadu = !!(csr_read(CSR_HENVCFG) & ENVCFG_ADUE);
	rt_ctx = "VS-stage A/D";
	/* A clear, tables writable: updated or a page fault */
	walk_tree(G_RW, G_RW, G_RW, GPA_D0, PTE_R | PTE_W | PTE_D);
	rt_ctx_n = 0;
	r = try_v(PRV_S, ld_at, VA_I + 8);
	hw = r != TRAPPED(CAUSE_LOAD_PAGE);
	if (svadu)
		CHECK(hw);
	if (hw) {
		CHECK_EQ(r, data0[1]);
		CHECK(*t_leaf & PTE_A);
	} else {
		check_pf(r, CAUSE_LOAD_PAGE, VA_I + 8, TINST_LD_T1);
		CHECK(!(*t_leaf & PTE_A));
	}
	printf("VS-stage A/D: %s\n", hw ? "set by the hart" : "page fault");
	/* D clear on a store */
	walk_tree(G_RW, G_RW, G_RW, GPA_D0, PTE_R | PTE_W | PTE_A);
	rt_ctx_n = 1;
	r = try_v(PRV_S, sd_at, VA_I + 16);
	if (hw) {
		CHECK_EQ(r, 0);
		CHECK_EQ(*t_leaf & PTE_AD, PTE_AD);
		CHECK_EQ(data0[2], STORE_VALUE);
		data0[2] = 0xd0d0000000000002UL;
	} else {
		check_pf(r, CAUSE_STORE_PAGE, VA_I + 16, TINST_SD_T1);
	}
#ifndef ISA_QEMU
	/* (QEMU 7.2 updates A/D in a VS-level table that the G stage maps
	 * read-only) */
	if (hw) {
		/* the update hits a read-only G-stage page: a guest-page
		 * fault of the original type, write pseudoinstruction */
		walk_tree(G_RW, G_RW, PTE_R | PTE_U | PTE_AD, GPA_D0,
			  PTE_R | PTE_W | PTE_D);
		rt_ctx_n = 2;
		check_gpf_pt(try_v(PRV_S, ld_at, VA_I), CAUSE_LOAD_GUEST_PAGE,
			     VA_I, pte_gpa(2, 0), TINST_PT_WRITE);
		CHECK(!(*t_leaf & PTE_A));
		walk_tree(G_RW, G_RW, PTE_R | PTE_U | PTE_AD, GPA_C,
			  PTE_X | PTE_D);
		check_gpf_pt(try_v(PRV_S, call_at, VA_I),
			     CAUSE_FETCH_GUEST_PAGE, VA_I, pte_gpa(2, 0),
			     TINST_PT_WRITE);
		walk_tree(G_RW, G_RW, PTE_R | PTE_U | PTE_AD, GPA_D0,
			  PTE_R | PTE_W | PTE_A);
		rt_ctx_n = 3;
		check_gpf_pt(try_v(PRV_S, sd_at, VA_I), CAUSE_STORE_GUEST_PAGE,
			     VA_I, pte_gpa(2, 0), TINST_PT_WRITE);
		CHECK(!(*t_leaf & PTE_D));
		CHECK_EQ(data0[0], 0xd0d0000000000000UL);
	}
#endif
	if (svadu) {
		/* henvcfg.ADUE = 0: Svade for the VS stage */
		csr_write(CSR_HENVCFG, 0);
		walk_tree(G_RW, G_RW, G_RW, GPA_D0, PTE_R | PTE_W | PTE_D);
		rt_ctx_n = 4;
		check_pf(try_v(PRV_S, ld_at, VA_I), CAUSE_LOAD_PAGE, VA_I,
			 TINST_LD_T1);
		CHECK(!(*t_leaf & PTE_A));
		/* menvcfg.ADUE = 0: Svade for the G stage, also for the
		 * walk's own reads */
		csr_write(CSR_MENVCFG, 0);
		walk_tree(G_RW, G_RW, PTE_R | PTE_W | PTE_U, GPA_D0, V_RWX_AD);
		rt_ctx_n = 5;
		check_gpf_pt(try_v(PRV_S, ld_at, VA_I), CAUSE_LOAD_GUEST_PAGE,
			     VA_I, pte_gpa(2, 0), TINST_PT_READ);
		/* menvcfg.ADUE = 1: the hart sets the G-stage A of the
		 * table's page, and D when the walk writes */
		csr_write(CSR_MENVCFG, ENVCFG_ADUE);
		csr_write(CSR_HENVCFG, ENVCFG_ADUE);
		walk_tree(G_RW, G_RW, PTE_R | PTE_W | PTE_U, GPA_D0,
			  PTE_R | PTE_W | PTE_D);
		rt_ctx_n = 6;
		CHECK_EQ(try_v(PRV_S, ld_at, VA_I + 24), data0[3]);
		CHECK_EQ(*pt_pte(g_root, 3, 1, gpa_pt(2), 0) & PTE_AD, PTE_AD);
		CHECK(*t_leaf & PTE_A);
	}
	rt_ctx = 0;
	csr_write(CSR_MENVCFG, 0);
	csr_write(CSR_HENVCFG, 0);
}

int main(void)
{
	static const int lv[][2] = {{3, 3}, {4, 4}, {5, 5}, {4, 3}, {3, 5}};

	CHECK(has_h());
	if (rt_failures)
		return 0;
	h_quiet();
	setup_pages();
	for (unsigned i = 0; i < sizeof(lv) / sizeof(lv[0]); i++) {
		unsigned long gm = MODE_SV39 + lv[i][0] - 3;
		unsigned long vm = MODE_SV39 + lv[i][1] - 3;

		csr_write(CSR_HGATP, gm << HGATP_MODE_SHIFT);
		csr_write(CSR_VSATP, vm << 60);
		if (csr_read(CSR_HGATP) >> HGATP_MODE_SHIFT != gm ||
		    csr_read(CSR_VSATP) >> 60 != vm) {
			CHECK(i != 0);
			printf("no two-stage %d/%d\n", lv[i][0], lv[i][1]);
			csr_write(CSR_HGATP, 0);
			csr_write(CSR_VSATP, 0);
			continue;
		}
		csr_write(CSR_HGATP, 0);
		csr_write(CSR_VSATP, 0);
		test_vs(lv[i][0], lv[i][1]);
		test_vu(lv[i][0], lv[i][1]);
	}
	test_deleg();
	test_mprv();
	test_walk();
	test_ad();
	h_quiet();
	hfence_gvma();
	return 0;
}
