/*
 * G-stage translation alone (vsatp = Bare): Sv39x4, Sv48x4 and Sv57x4
 * where hgatp takes them; the root widened by two bits (entries beyond
 * 511) and guest physical addresses beyond the widened space;
 * 4 KiB pages and superpages at every level, misaligned superpages;
 * R/W/X, the U bit (every G-stage access is a U-level one, from VS as
 * from VU), MXR (HS-level only) and vsstatus.MXR (no effect here); A/D
 * (Svade faults, or Svadu updates when menvcfg.ADUE = 1); guest-page
 * faults 20/21/23 with mtval = the guest virtual address, mtval2 = the
 * guest physical address >> 2 (or 0), mtinst = 0 or the transformed
 * instruction, mstatus.GVA = 1; the same delegated to HS (htval, htinst,
 * hstatus.GVA/SPV), never to VS. RISC-V Privileged ISA, "Hypervisor
 * Extension", "Two-Stage Address Translation", "Guest Physical Address
 * Translation", "Guest-Page Faults"; "Svadu".
 *
 *
 * Inside #ifndef ISA_QEMU: what QEMU 7.2 gets wrong (named at each).
 */
#include "h.h"

static uint64_t data0[512] __attribute__((aligned(4096)));
static uint64_t data1[512] __attribute__((aligned(4096)));
static uint32_t code[1024] __attribute__((aligned(4096)));

/* Guest physical addresses the G stage maps (or not). */
#define GPA_T 0x100000000UL /* 4 KiB pages from here */
#define GPA_RW (GPA_T + 0 * PAGE)
#define GPA_R (GPA_T + 1 * PAGE)
#define GPA_X (GPA_T + 2 * PAGE)
#define GPA_RX (GPA_T + 3 * PAGE)
#define GPA_NOU (GPA_T + 4 * PAGE)
#define GPA_W (GPA_T + 5 * PAGE)
#define GPA_NOA (GPA_T + 6 * PAGE)
#define GPA_NOD (GPA_T + 7 * PAGE)
#define GPA_EDGE (GPA_T + 8 * PAGE) /* mapped; the page after it is not */
#define GPA_HOLE (GPA_T + 16 * PAGE)
#define GPA_2M (GPA_T + MIB2) /* a 2 MiB page */
#define GPA_2M_BAD (GPA_T + 2 * MIB2)

static uint64_t *g_root;
static int g_lv;

static uint64_t *gmap(unsigned long gpa, unsigned long pa, int level,
		      unsigned long flags)
{
	return pt_map(g_root, g_lv, 1, gpa, pa, level, flags);
}

/* mtval2/htval: zero or the GPA >> 2 */
#define CHECK_GPA(t2, gpa) CHECK((t2) == 0 || (t2) == (gpa) >> 2)
/* mtinst/htinst on an explicit access: zero or the transformed one */
#define CHECK_TINST(ti, tr) CHECK((ti) == 0 || (ti) == (tr))

static int tval2_gpa = -1, tinst_tr = -1;

/* One guest-page fault into M from an access at a (GVA = GPA here). */
static void check_gpf(unsigned long r, unsigned long cause, unsigned long a,
		      unsigned long tr)
{
	CHECK_EQ(r, TRAPPED(cause));
	if (r != TRAPPED(cause))
		return;
	CHECK_EQ(m_trap.tval, a);
	CHECK_GPA(m_trap.tval2, a);
	CHECK_TINST(m_trap.tinst, tr);
	CHECK(m_trap.status & MSTATUS_GVA);
	CHECK(m_trap.status & MSTATUS_MPV);
	if (tval2_gpa < 0) {
		tval2_gpa = m_trap.tval2 != 0;
		printf("mtval2 on guest-page faults: %s\n",
		       tval2_gpa ? "the GPA" : "zero");
	}
	if (tinst_tr < 0 && tr) {
		tinst_tr = m_trap.tinst != 0;
		printf("mtinst on guest-page faults of loads/stores: %s\n",
		       tinst_tr ? "transformed instruction" : "zero");
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

static void fresh(int lv)
{
	pt_reset();
	g_lv = lv;
	g_root = g_space(lv);
}

static void test_walk(int lv)
{
	unsigned long d0 = (unsigned long)data0, d1 = (unsigned long)data1;
	unsigned long c = (unsigned long)code;
	/* the widened root: entries past 511 (the two GPA bits above the
	 * VA's top bit), and beyond */
	unsigned long wide = 1UL << (12 + 9 * lv);
	unsigned long top = 1UL << (12 + 9 * lv + 1);
	unsigned long beyond = 1UL << (12 + 9 * lv + 2);
	unsigned long r;

	fresh(lv);
	gmap(GPA_RW, d0, 0, PTE_R | PTE_W | PTE_U | PTE_AD);
	gmap(GPA_R, d1, 0, PTE_R | PTE_U | PTE_AD);
	gmap(GPA_X, c, 0, PTE_X | PTE_U | PTE_AD);
	gmap(GPA_RX, c, 0, PTE_R | PTE_X | PTE_U | PTE_AD);
	gmap(GPA_NOU, d0, 0, PTE_RWX | PTE_AD);
	gmap(GPA_W, d0, 0, PTE_W | PTE_U | PTE_AD);
	gmap(GPA_EDGE, d0, 0, PTE_R | PTE_W | PTE_U | PTE_AD);
	gmap(wide + 2 * PAGE, d1, 0, PTE_R | PTE_U | PTE_AD);
	gmap(top + 3 * PAGE, d1, 0, PTE_R | PTE_U | PTE_AD);
	/* the last entry of the widened root */
	gmap(beyond - PAGE, d1, 0, PTE_R | PTE_U | PTE_AD);
	g_use(g_root, lv, 0);

	rt_ctx = "G-stage levels";
	rt_ctx_n = lv;
	for (int m = PRV_U; m <= PRV_S; m++) {
		CHECK_EQ(try_v(m, ld_at, GPA_RW + 8), data0[1]);
		CHECK_EQ(try_v(m, sd_at, GPA_RW + 16), 0);
		CHECK_EQ(data0[2], STORE_VALUE);
		data0[2] = 0xd0d0000000000002UL;
		CHECK_EQ(try_v(m, ld_at, GPA_R + 24), data1[3]);
		CHECK_EQ(try_v(m, call_at, GPA_X), 42);
		CHECK_EQ(try_v(m, call_at, GPA_RX), 42);
		CHECK_EQ(try_v(m, ld_at, wide + 2 * PAGE + 32), data1[4]);
#ifndef ISA_QEMU
		/* (QEMU 7.2 takes the top bit of the widened GPA for a sign
		 * bit: a guest-page fault) */
		CHECK_EQ(try_v(m, ld_at, top + 3 * PAGE + 32), data1[4]);
		CHECK_EQ(try_v(m, ld_at, beyond - PAGE + 40), data1[5]);
#endif

		/* not mapped, and beyond the widened space */
		check_gpf(try_v(m, ld_at, GPA_HOLE + 8), CAUSE_LOAD_GUEST_PAGE,
			  GPA_HOLE + 8, TINST_LD_T1);
		check_gpf(try_v(m, sd_at, GPA_HOLE + 16),
			  CAUSE_STORE_GUEST_PAGE, GPA_HOLE + 16, TINST_SD_T1);
		check_gpf(try_v(m, call_at, GPA_HOLE), CAUSE_FETCH_GUEST_PAGE,
			  GPA_HOLE, 0);
		check_gpf(try_v(m, ld_at, beyond + 8), CAUSE_LOAD_GUEST_PAGE,
			  beyond + 8, TINST_LD_T1);
		check_gpf(try_v(m, ld_at, beyond | (3 * PAGE + 32)),
			  CAUSE_LOAD_GUEST_PAGE, beyond | (3 * PAGE + 32),
			  TINST_LD_T1);
		check_gpf(try_v(m, ld_at, (1UL << 63) | (GPA_RW + 8)),
			  CAUSE_LOAD_GUEST_PAGE, (1UL << 63) | (GPA_RW + 8),
			  TINST_LD_T1);

		/* permissions */
		check_gpf(try_v(m, sd_at, GPA_R), CAUSE_STORE_GUEST_PAGE, GPA_R,
			  TINST_SD_T1);
		CHECK_EQ(data1[0], 0xd1d1000000000000UL);
		check_gpf(try_v(m, call_at, GPA_RW), CAUSE_FETCH_GUEST_PAGE,
			  GPA_RW, 0);
		check_gpf(try_v(m, ld_at, GPA_X), CAUSE_LOAD_GUEST_PAGE, GPA_X,
			  TINST_LD_T1);
		check_gpf(try_v(m, sd_at, GPA_X + 8), CAUSE_STORE_GUEST_PAGE,
			  GPA_X + 8, TINST_SD_T1);
		/* W without R: reserved */
		check_gpf(try_v(m, ld_at, GPA_W), CAUSE_LOAD_GUEST_PAGE, GPA_W,
			  TINST_LD_T1);
		check_gpf(try_v(m, sd_at, GPA_W), CAUSE_STORE_GUEST_PAGE, GPA_W,
			  TINST_SD_T1);
		/* U = 0: no G-stage access at all, from VS either */
		check_gpf(try_v(m, ld_at, GPA_NOU), CAUSE_LOAD_GUEST_PAGE,
			  GPA_NOU, TINST_LD_T1);
		check_gpf(try_v(m, sd_at, GPA_NOU), CAUSE_STORE_GUEST_PAGE,
			  GPA_NOU, TINST_SD_T1);
		check_gpf(try_v(m, call_at, GPA_NOU), CAUSE_FETCH_GUEST_PAGE,
			  GPA_NOU, 0);
		/* HS-level SUM does not change that */
		csr_set(mstatus, MSTATUS_SUM);
		check_gpf(try_v(m, ld_at, GPA_NOU), CAUSE_LOAD_GUEST_PAGE,
			  GPA_NOU, TINST_LD_T1);
		csr_clear(mstatus, MSTATUS_SUM);

		/* MXR: the HS-level bit makes the G-stage X page readable,
		 * vsstatus.MXR does not */
#ifndef ISA_QEMU
		/* (QEMU 7.2 applies vsstatus.MXR to the G stage and not the
		 * HS-level MXR) */
		csr_write(CSR_VSSTATUS, MSTATUS_MXR);
		check_gpf(try_v(m, ld_at, GPA_X), CAUSE_LOAD_GUEST_PAGE, GPA_X,
			  TINST_LD_T1);
		csr_write(CSR_VSSTATUS, 0);
		csr_set(mstatus, MSTATUS_MXR);
		CHECK_EQ(try_v(m, ld_at, GPA_X), *(uint64_t *)code);
		check_gpf(try_v(m, sd_at, GPA_X), CAUSE_STORE_GUEST_PAGE, GPA_X,
			  TINST_SD_T1);
		csr_clear(mstatus, MSTATUS_MXR);
#endif
	}

	/* a misaligned load across into an unmapped page: done and a
	 * guest-page fault for the second page (mtval, mtval2 at the page
	 * boundary), or a misaligned-load exception */
	r = try_v(PRV_S, ld_at, GPA_EDGE + PAGE - 4);
	if (r == TRAPPED(CAUSE_MISALIGNED_LOAD))
		CHECK_EQ(m_trap.tval, GPA_EDGE + PAGE - 4);
	else
		/* (a transformed instruction's offset field: 4) */
		check_gpf(r, CAUSE_LOAD_GUEST_PAGE, GPA_EDGE + PAGE,
			  TINST_LD_T1 | (4UL << 15));

	/* a G-stage fault is never cached: mapped now, it works after
	 * HFENCE.GVMA */
	gmap(GPA_HOLE, d0, 0, PTE_R | PTE_U | PTE_AD);
	hfence_gvma();
	CHECK_EQ(try_v(PRV_S, ld_at, GPA_HOLE + 48), data0[6]);

	/* V = 0: hgatp does not apply */
	trap_reset();
	CHECK_EQ(run_mode(PRV_S, ld_at, d0 + 56), data0[7]);
	CHECK_NO_TRAP();
	rt_ctx = 0;
	csr_write(CSR_HGATP, 0);
	hfence_gvma();
}

/* Superpages at each level below the root, and a leaf in the root. */
static void test_superpages(int lv)
{
	unsigned long d0 = (unsigned long)data0;

	fresh(lv);
	rt_ctx = "G-stage superpages, levels";
	rt_ctx_n = lv;
	for (int l = 1; l < lv; l++) {
		unsigned long size = 1UL << (12 + 9 * l);
		/* a GPA aligned to the page size, a PA that holds data0 */
		unsigned long gpa = (GPA_T << (l > 2 ? 9 * (l - 2) : 0)) +
				    2 * size,
			      pa = d0 & ~(size - 1);

		if (l == lv - 1)
			gpa = 5 * size; /* a leaf in the root */
		if (gpa <= RAM_BASE + GIB && gpa + size > RAM_BASE)
			gpa += 2 * size;
		gmap(gpa, pa, l, PTE_R | PTE_W | PTE_U | PTE_AD);
		/* misaligned: PPN bits below the level nonzero */
		gmap(gpa + size, pa + PAGE, l, PTE_R | PTE_U | PTE_AD);
		g_use(g_root, lv, 0);
		rt_ctx_n = lv << 4 | l;
		CHECK_EQ(try_v(PRV_S, ld_at, gpa + (d0 - pa) + 8), data0[1]);
		CHECK_EQ(try_v(PRV_U, sd_at, gpa + (d0 - pa) + 16), 0);
		CHECK_EQ(data0[2], STORE_VALUE);
		data0[2] = 0xd0d0000000000002UL;
		check_gpf(try_v(PRV_S, ld_at, gpa + size + 24),
			  CAUSE_LOAD_GUEST_PAGE, gpa + size + 24, TINST_LD_T1);
	}
	rt_ctx = 0;
	csr_write(CSR_HGATP, 0);
	hfence_gvma();
}

/*
 * A and D in G-stage PTEs. With Svadu (menvcfg.ADUE writable), ADUE = 0
 * is Svade: a guest-page fault when A (or D for a store) is clear; ADUE
 * = 1: the hart sets them. Without it, either (both are allowed).
 */
static void test_ad(void)
{
	unsigned long d0 = (unsigned long)data0, r;
	uint64_t *pa_, *pd;
	int svadu;

	csr_write(CSR_MENVCFG, ENVCFG_ADUE);
	svadu = !!(csr_read(CSR_MENVCFG) & ENVCFG_ADUE);
	printf("Svadu: %s\n", svadu ? "yes" : "no");
	for (int adue = 0; adue <= svadu; adue++) {
		rt_ctx = "G-stage A/D, ADUE";
		rt_ctx_n = adue;
		csr_write(CSR_MENVCFG, adue ? ENVCFG_ADUE : 0);
		fresh(3);
		pa_ = gmap(GPA_NOA, d0, 0, PTE_R | PTE_W | PTE_U);
		pd = gmap(GPA_NOD, d0, 0, PTE_R | PTE_W | PTE_U | PTE_A);
		g_use(g_root, 3, 0);
		r = try_v(PRV_S, ld_at, GPA_NOA + 8);
		if (svadu && !adue) {
			check_gpf(r, CAUSE_LOAD_GUEST_PAGE, GPA_NOA + 8,
				  TINST_LD_T1);
			CHECK(!(*pa_ & PTE_A));
		} else if (r == TRAPPED(CAUSE_LOAD_GUEST_PAGE)) {
			CHECK(!svadu);
			check_gpf(r, CAUSE_LOAD_GUEST_PAGE, GPA_NOA + 8,
				  TINST_LD_T1);
			printf("G-stage A clear: guest-page fault\n");
		} else {
			CHECK_EQ(r, data0[1]);
			CHECK_EQ(*pa_ & PTE_AD, PTE_A);
			if (!adue)
				printf("G-stage A clear: set by the hart\n");
		}
		/* a store needs D */
		r = try_v(PRV_S, sd_at, GPA_NOD + 16);
		if (svadu && !adue) {
			check_gpf(r, CAUSE_STORE_GUEST_PAGE, GPA_NOD + 16,
				  TINST_SD_T1);
			CHECK(!(*pd & PTE_D));
		} else if (r == TRAPPED(CAUSE_STORE_GUEST_PAGE)) {
			CHECK(!svadu);
			check_gpf(r, CAUSE_STORE_GUEST_PAGE, GPA_NOD + 16,
				  TINST_SD_T1);
		} else {
			CHECK_EQ(r, 0);
			CHECK_EQ(*pd & PTE_AD, PTE_AD);
			CHECK_EQ(data0[2], STORE_VALUE);
		}
		data0[2] = 0xd0d0000000000002UL;
	}
	rt_ctx = 0;
	csr_write(CSR_MENVCFG, 0);
	csr_write(CSR_HGATP, 0);
	hfence_gvma();
}

/* Guest-page faults delegated to HS: htval, htinst, stval, hstatus. */
static void test_deleg(void)
{
	fresh(3);
	gmap(GPA_R, (unsigned long)data1, 0, PTE_R | PTE_U | PTE_AD);
	g_use(g_root, 3, 0);
	csr_write(medeleg, (1UL << CAUSE_FETCH_GUEST_PAGE) |
				   (1UL << CAUSE_LOAD_GUEST_PAGE) |
				   (1UL << CAUSE_STORE_GUEST_PAGE));
	/* hedeleg cannot pass them on to VS */
	csr_write(CSR_HEDELEG, -1UL);
	for (int m = PRV_U; m <= PRV_S; m++) {
		static const struct {
			long (*fn)(long);
			unsigned long a, cause, tr;
		} t[] = {
			{ld_at, GPA_HOLE + 8, CAUSE_LOAD_GUEST_PAGE,
			 TINST_LD_T1},
			{sd_at, GPA_R + 16, CAUSE_STORE_GUEST_PAGE,
			 TINST_SD_T1},
			{call_at, GPA_HOLE + 4 * PAGE, CAUSE_FETCH_GUEST_PAGE,
			 0},
		};

		for (unsigned i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
			rt_ctx = "guest-page fault into HS, mode<<4|case";
			rt_ctx_n = m << 4 | i;
			csr_write(CSR_HSTATUS, 2UL << HSTATUS_VSXL_SHIFT);
			trap_reset();
			run_v(m, t[i].fn, t[i].a);
			CHECK_EQ(m_trap.count, 0);
			CHECK_EQ(vs_trap.count, 0);
			CHECK_EQ(s_trap.count, 1);
			CHECK_EQ(s_trap.cause, t[i].cause);
			CHECK_EQ(s_trap.tval, t[i].a);
			CHECK_GPA(s_trap.tval2, t[i].a);
			CHECK_TINST(s_trap.tinst, t[i].tr);
			CHECK(s_trap.hstatus & HSTATUS_GVA);
			CHECK(s_trap.hstatus & HSTATUS_SPV);
			CHECK_EQ(!!(s_trap.hstatus & HSTATUS_SPVP), m);
			CHECK_EQ(!!(s_trap.status & MSTATUS_SPP), m);
		}
	}
	rt_ctx = 0;
	CHECK_EQ(data1[4], 0xd1d1000000000004UL);
	csr_write(medeleg, 0);
	csr_write(CSR_HEDELEG, 0);
	csr_write(CSR_HGATP, 0);
	hfence_gvma();
}

int main(void)
{
	CHECK(has_h());
	if (rt_failures)
		return 0;
	h_quiet();
	setup_pages();
	for (int lv = 3; lv <= 5; lv++) {
		unsigned long mode = lv - 3 + MODE_SV39;

		csr_write(CSR_HGATP, mode << HGATP_MODE_SHIFT);
		if (csr_read(CSR_HGATP) >> HGATP_MODE_SHIFT != mode) {
			/* Sv39x4 is required; the others are optional */
			CHECK(lv != 3);
			printf("hgatp: no mode %lu\n", mode);
			continue;
		}
		csr_write(CSR_HGATP, 0);
		test_walk(lv);
		test_superpages(lv);
	}
	test_ad();
	test_deleg();
	return 0;
}
