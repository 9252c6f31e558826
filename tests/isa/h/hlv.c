/*
 * Hypervisor virtual-machine loads and stores: HLV.B/BU/H/HU/W/WU/D and
 * HSV.B/H/W/D (sign and zero extension, bytes written), HLVX.HU/WU (execute
 * permission in both stages instead of read; faults still load faults),
 * from M, HS and U with hstatus.HU = 1; hstatus.SPVP chooses VS- or
 * VU-level access; vsstatus.SUM applies, the HS-level SUM does not;
 * vsstatus.MXR for the VS stage, the HS-level MXR for both; MPRV does not
 * change them. Their faults: mtval = the guest virtual address, GVA = 1
 * with MPV/SPV = 0, mtval2 = 0 or the GPA >> 2, mtinst = 0 or the
 * transformed instruction; delegated to HS (htval, htinst, hstatus.SPVP
 * kept). RISC-V Privileged ISA, "Hypervisor Virtual-Machine Load and
 * Store Instructions".
 *
 *
 * Inside #ifndef ISA_QEMU: what QEMU 7.2 gets wrong (named at each).
 */
#include "h.h"

static uint64_t data0[512] __attribute__((aligned(4096)));
static uint64_t data1[512] __attribute__((aligned(4096)));
static uint32_t code[1024] __attribute__((aligned(4096)));

#define GPA_T 0x100000000UL
#define GPA_D0 (GPA_T + 0 * PAGE)    /* data0, RW */
#define GPA_D1R (GPA_T + 1 * PAGE)   /* data1, R */
#define GPA_C (GPA_T + 2 * PAGE)     /* code, RX */
#define GPA_CX (GPA_T + 3 * PAGE)    /* code, X */
#define GPA_HOLE (GPA_T + 16 * PAGE) /* nothing */

#define VA_T 0x40000000UL
#define VA_S (VA_T + 0 * PAGE)	   /* GPA_D0, RW */
#define VA_U (VA_T + 1 * PAGE)	   /* GPA_D0, RW U */
#define VA_X (VA_T + 2 * PAGE)	   /* GPA_C, X */
#define VA_UX (VA_T + 3 * PAGE)	   /* GPA_C, X U */
#define VA_XX (VA_T + 4 * PAGE)	   /* GPA_CX, X */
#define VA_R (VA_T + 5 * PAGE)	   /* GPA_D1R, R */
#define VA_RW_GR (VA_T + 6 * PAGE) /* GPA_D1R, RW */
#define VA_RX_GR (VA_T + 7 * PAGE) /* GPA_D1R, RX */
#define VA_GHOLE (VA_T + 8 * PAGE) /* GPA_HOLE, RWX (used with SPVP = 1) */
#define VA_NONE (VA_T + 9 * PAGE)  /* nothing */

#define PATTERN 0xf1e2d3c4b5a69788UL

static void build(void)
{
	uint64_t *g, *v;
	unsigned long d0 = (unsigned long)data0, d1 = (unsigned long)data1;
	unsigned long c = (unsigned long)code;

	for (int i = 0; i < 512; i++) {
		data0[i] = 0xd0d0000000000000UL | i;
		data1[i] = 0xd1d1000000000000UL | i;
	}
	data0[0] = PATTERN;
	put_code(code);
	code[2] = 0x8badf00d;
	fence_i();

	pt_reset();
	g = g_space(3);
	pt_map(g, 3, 1, GPA_D0, d0, 0, PTE_R | PTE_W | PTE_U | PTE_AD);
	pt_map(g, 3, 1, GPA_D1R, d1, 0, PTE_R | PTE_U | PTE_AD);
	pt_map(g, 3, 1, GPA_C, c, 0, PTE_R | PTE_X | PTE_U | PTE_AD);
	pt_map(g, 3, 1, GPA_CX, c, 0, PTE_X | PTE_U | PTE_AD);
	v = vs_space(3, PTE_RWX);
	pt_map(v, 3, 0, VA_S, GPA_D0, 0, PTE_R | PTE_W | PTE_AD);
	pt_map(v, 3, 0, VA_U, GPA_D0, 0, PTE_R | PTE_W | PTE_U | PTE_AD);
	pt_map(v, 3, 0, VA_X, GPA_C, 0, PTE_X | PTE_AD);
	pt_map(v, 3, 0, VA_UX, GPA_C, 0, PTE_X | PTE_U | PTE_AD);
	pt_map(v, 3, 0, VA_XX, GPA_CX, 0, PTE_X | PTE_AD);
	pt_map(v, 3, 0, VA_R, GPA_D1R, 0, PTE_R | PTE_AD);
	pt_map(v, 3, 0, VA_RW_GR, GPA_D1R, 0, PTE_R | PTE_W | PTE_AD);
	pt_map(v, 3, 0, VA_RX_GR, GPA_D1R, 0, PTE_R | PTE_X | PTE_AD);
	pt_map(v, 3, 0, VA_GHOLE, GPA_HOLE, 0, PTE_RWX | PTE_AD);
	g_use(g, 3, 0);
	vs_use(v, 3, 0);
}

/*
 * QEMU 7.2 keeps the translations of HLV/HSV (permissions included)
 * across changes of hstatus.SPVP and vsstatus.SUM/MXR; its copy flushes
 * them by a fence where the spec needs none.
 */
static void qemu_flush(void)
{
#ifdef ISA_QEMU
	hfence_vvma();
	hfence_gvma();
#endif
}

static void spvp(int vs)
{
	if (vs)
		csr_set(CSR_HSTATUS, HSTATUS_SPVP);
	else
		csr_clear(CSR_HSTATUS, HSTATUS_SPVP);
	qemu_flush();
}

static void vsstatus(unsigned long v)
{
	csr_write(CSR_VSSTATUS, v);
	qemu_flush();
}

/* An HLV/HSV from M: its value, or TRAPPED(cause) after one trap whose
 * mtval is a, GVA = 1, MPV = 0, and mtinst zero or the instruction with
 * rs1 zero. */
enum op { B, BU, H, HU, W, WU, D, XHU, XWU, SB, SH, SW, SD };

static unsigned long do_op(enum op op, unsigned long a)
{
	switch (op) {
	case B:
		return hlv_b(a);
	case BU:
		return hlv_bu(a);
	case H:
		return hlv_h(a);
	case HU:
		return hlv_hu(a);
	case W:
		return hlv_w(a);
	case WU:
		return hlv_wu(a);
	case D:
		return hlv_d(a);
	case XHU:
		return hlvx_hu(a);
	case XWU:
		return hlvx_wu(a);
	case SB:
		hsv_b(a, 0x5a);
		return 0;
	case SH:
		hsv_h(a, 0x5a5b);
		return 0;
	case SW:
		hsv_w(a, 0x5a5b5c5d);
		return 0;
	case SD:
		hsv_d(a, STORE_VALUE);
		return 0;
	}
	return 0;
}

static unsigned long try_m(enum op op, unsigned long a)
{
	unsigned long r;
	uint32_t insn;

	trap_reset();
	r = do_op(op, a);
	if (!m_trap.count)
		return r;
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.tval, a);
#ifndef ISA_QEMU
	/* (QEMU 7.2 leaves mstatus.GVA clear for HLV/HSV faults) */
	CHECK(m_trap.status & MSTATUS_GVA);
#endif
	CHECK(!(m_trap.status & MSTATUS_MPV));
	CHECK_EQ((m_trap.status & MSTATUS_MPP) >> 11, PRV_M);
	insn = *(uint32_t *)m_trap.epc;
	CHECK(m_trap.tinst == 0 || m_trap.tinst == (insn & ~(31U << 15)));
	return TRAPPED(m_trap.cause);
}

#define LPF TRAPPED(CAUSE_LOAD_PAGE)
#define SPF TRAPPED(CAUSE_STORE_PAGE)
#define LGPF TRAPPED(CAUSE_LOAD_GUEST_PAGE)
#define SGPF TRAPPED(CAUSE_STORE_GUEST_PAGE)

static void test_widths(void)
{
	rt_ctx = "HLV/HSV widths, SPVP";
	for (int vs = 0; vs < 2; vs++) {
		unsigned long a = vs ? VA_S : VA_U;

		rt_ctx_n = vs;
		spvp(vs);
		CHECK_EQ(try_m(B, a), 0xffffffffffffff88UL);
		CHECK_EQ(try_m(BU, a), 0x88);
		CHECK_EQ(try_m(B, a + 7), 0xfffffffffffffff1UL);
		CHECK_EQ(try_m(H, a), 0xffffffffffff9788UL);
		CHECK_EQ(try_m(HU, a), 0x9788);
		CHECK_EQ(try_m(H, a + 2), 0xffffffffffffb5a6UL);
		CHECK_EQ(try_m(W, a), 0xffffffffb5a69788UL);
		CHECK_EQ(try_m(WU, a), 0xb5a69788UL);
		CHECK_EQ(try_m(W, a + 4), 0xfffffffff1e2d3c4UL);
		CHECK_EQ(try_m(WU, a + 4), 0xf1e2d3c4UL);
		CHECK_EQ(try_m(D, a), PATTERN);
		CHECK_EQ(try_m(D, a + 8), data0[1]);
		data0[2] = 0;
		CHECK_EQ(try_m(SB, a + 16), 0);
		CHECK_EQ(data0[2], 0x5a);
		CHECK_EQ(try_m(SH, a + 18), 0);
		CHECK_EQ(data0[2], 0x5a5b005aUL);
		CHECK_EQ(try_m(SW, a + 20), 0);
		CHECK_EQ(data0[2], 0x5a5b5c5d5a5b005aUL);
		CHECK_EQ(try_m(SD, a + 24), 0);
		CHECK_EQ(data0[3], STORE_VALUE);
		data0[3] = 0xd0d0000000000003UL;
	}
	rt_ctx = 0;
}

/*
 * QEMU 7.2 gets HLV/HLVX/HSV permissions wrong: a VS-stage page fault
 * becomes an access fault (5/7, GVA = 0), SPVP = 1 reads U pages without
 * vsstatus.SUM, HLVX wants read permission, not execute, and vsstatus.MXR
 * is not applied; those checks are not made on QEMU (QEMU_HLV_PERMS).
 */
static void test_perms(void)
{
	uint64_t w MAYBE_UNUSED = *(uint64_t *)code;

	rt_ctx = "HLV permissions, case";
	/* SPVP = 1: VS-level, vsstatus.SUM for U pages */
	spvp(1);
	rt_ctx_n = 0;
#ifndef ISA_QEMU /* QEMU_HLV_PERMS */
	CHECK_EQ(try_m(D, VA_U), LPF);
	CHECK_EQ(try_m(SD, VA_U), SPF);
	csr_set(mstatus, MSTATUS_SUM);
	CHECK_EQ(try_m(D, VA_U), LPF);
	csr_clear(mstatus, MSTATUS_SUM);
#endif
	vsstatus(MSTATUS_SUM);
	CHECK_EQ(try_m(D, VA_U + 8), data0[1]);
	vsstatus(0);
#ifndef ISA_QEMU /* QEMU_HLV_PERMS */
	/* SPVP = 0: VU-level, never S pages */
	spvp(0);
	rt_ctx_n = 1;
	CHECK_EQ(try_m(D, VA_S), LPF);
	vsstatus(MSTATUS_SUM);
	CHECK_EQ(try_m(D, VA_S), LPF);
	CHECK_EQ(try_m(SW, VA_S), SPF);
	vsstatus(0);
	CHECK_EQ(try_m(XWU, VA_UX), (uint32_t)w);
	CHECK_EQ(try_m(XWU, VA_X), LPF);

	/* HLVX: execute permission in both stages, no read needed */
	spvp(1);
	rt_ctx_n = 2;
	CHECK_EQ(try_m(XHU, VA_X), w & 0xffff);
	CHECK_EQ(try_m(XWU, VA_X), (uint32_t)w);
	CHECK_EQ(try_m(XWU, VA_X + 8), 0x8badf00dUL);
	CHECK_EQ(try_m(XHU, VA_X + 10), 0x8badUL);
	CHECK_EQ(try_m(XWU, VA_XX), (uint32_t)w);
	CHECK_EQ(try_m(D, VA_X), LPF);
	/* not executable: a load fault, of the stage that refuses */
	CHECK_EQ(try_m(XWU, VA_R), LPF);
	CHECK_EQ(try_m(XWU, VA_RX_GR), LGPF);
#endif
	spvp(1);
	CHECK_EQ(try_m(D, VA_RX_GR), data1[0]);

#ifndef ISA_QEMU /* QEMU_HLV_PERMS */
	/* MXR: vsstatus.MXR for the VS stage only, the HS-level MXR for
	 * both */
	rt_ctx_n = 3;
	vsstatus(MSTATUS_MXR);
	CHECK_EQ(try_m(D, VA_X), w);
	CHECK_EQ(try_m(D, VA_XX), LGPF);
	vsstatus(0);
	csr_set(mstatus, MSTATUS_MXR);
	CHECK_EQ(try_m(D, VA_X), w);
	CHECK_EQ(try_m(D, VA_XX), w);
	csr_clear(mstatus, MSTATUS_MXR);
	vsstatus(0);
#endif

	/* stores: VS-stage read-only, G-stage read-only, no mapping */
	rt_ctx_n = 4;
#ifndef ISA_QEMU /* QEMU_HLV_PERMS */
	CHECK_EQ(try_m(SD, VA_R), SPF);
	CHECK_EQ(try_m(SD, VA_NONE), SPF);
	CHECK_EQ(try_m(D, VA_NONE + 8), LPF);
	CHECK_EQ(m_trap.tval2, 0);
#endif
	CHECK_EQ(try_m(SD, VA_RW_GR + 8), SGPF);
	CHECK_EQ(data1[1], 0xd1d1000000000001UL);
	/* guest-page faults: mtval2 zero or the GPA */
	CHECK_EQ(try_m(D, VA_GHOLE + 16), LGPF);
	CHECK(m_trap.tval2 == 0 || m_trap.tval2 == (GPA_HOLE + 16) >> 2);
	CHECK_EQ(try_m(SW, VA_GHOLE + 20), SGPF);
	CHECK(m_trap.tval2 == 0 || m_trap.tval2 == (GPA_HOLE + 20) >> 2);
	rt_ctx = 0;
}

/* MPRV (with any MPP/MPV) leaves HLV/HSV as they are. */
static unsigned long hlv_mprv(unsigned long mpp_mpv, unsigned long a)
{
	unsigned long v = NOVAL, set = MSTATUS_MPRV | mpp_mpv;

	trap_reset();
	asm volatile("csrc mstatus, %3\n\t"
		     "csrs mstatus, %2\n\t" H_ASM(
			     "hlv.d %0, (%1)") "\n\t"
					       "csrc mstatus, %4\n\t"
		     : "+&r"(v)
		     : "r"(a), "r"(set), "r"(MSTATUS_MPP | MSTATUS_MPV),
		       "r"(MSTATUS_MPRV | MSTATUS_MPP | MSTATUS_MPV)
		     : "memory");
	return m_trap.count ? TRAPPED(m_trap.cause) : v;
}

static void test_mprv(void)
{
	spvp(1);
	rt_ctx = "HLV with MPRV, MPP|MPV";
	rt_ctx_n = 3UL << 11;
	CHECK_EQ(hlv_mprv(3UL << 11, VA_S + 8), data0[1]);
	rt_ctx_n = 0;
	CHECK_EQ(hlv_mprv(0, VA_S + 16), data0[2]);
	rt_ctx_n = MSTATUS_MPV;
	CHECK_EQ(hlv_mprv(MSTATUS_MPV, VA_S + 24), data0[3]);
#ifndef ISA_QEMU /* QEMU_HLV_PERMS */
	rt_ctx_n = MSTATUS_MPV | 1UL << 11;
	spvp(0);
	CHECK_EQ(hlv_mprv(MSTATUS_MPV | 1UL << 11, VA_S), LPF);
#endif
	rt_ctx = 0;
	csr_clear(mstatus, MSTATUS_MPP);
}

static long hs_hlv_d(long a)
{
	return hlv_d(a);
}

static MAYBE_UNUSED long hs_hlvx_wu(long a)
{
	return hlvx_wu(a);
}

static long hs_hsv_w(long a)
{
	hsv_w(a, 0x600d600d);
	return 0;
}

/* From HS, and from U with HU = 1: the same accesses; faults into M or,
 * delegated, into HS. */
static void test_hs_u(void)
{
	static const int modes[2] = {PRV_S, PRV_U};

	for (int i = 0; i < 2; i++) {
		int m = modes[i];

		rt_ctx = "HLV from mode";
		rt_ctx_n = m;
		csr_write(CSR_HSTATUS, (2UL << HSTATUS_VSXL_SHIFT) |
					       HSTATUS_SPVP |
					       (m == PRV_U ? HSTATUS_HU : 0));
		trap_reset();
		CHECK_EQ(run_mode(m, hs_hlv_d, VA_S + 32), data0[4]);
#ifndef ISA_QEMU /* QEMU_HLV_PERMS */
		CHECK_EQ(run_mode(m, hs_hlvx_wu, VA_X),
			 (uint32_t) * (uint64_t *)code);
#endif
		CHECK_EQ(run_mode(m, hs_hsv_w, VA_S + 40), 0);
		CHECK_EQ(data0[5], 0xd0d00000600d600dUL);
		data0[5] = 0xd0d0000000000005UL;
		CHECK_NO_TRAP();
		/* a fault into M: from that mode, V = 0, GVA = 1 */
		trap_reset();
		CHECK_EQ(run_mode(m, hs_hlv_d, VA_GHOLE), NOVAL);
		CHECK_MTRAP(CAUSE_LOAD_GUEST_PAGE, VA_GHOLE);
#ifndef ISA_QEMU
		/* (QEMU 7.2 leaves mstatus.GVA clear for HLV/HSV faults) */
		CHECK(m_trap.status & MSTATUS_GVA);
#endif
		CHECK(!(m_trap.status & MSTATUS_MPV));
		CHECK_EQ((m_trap.status & MSTATUS_MPP) >> 11, m);
		/* into HS: SPV = 0, GVA = 1, SPVP as it was; htval */
		csr_write(medeleg, (1UL << CAUSE_LOAD_PAGE) |
					   (1UL << CAUSE_LOAD_GUEST_PAGE) |
					   (1UL << CAUSE_STORE_GUEST_PAGE));
#ifndef ISA_QEMU /* QEMU_HLV_PERMS */
		trap_reset();
		run_mode(m, hs_hlv_d, VA_NONE + 8);
		CHECK_EQ(m_trap.count, 0);
		CHECK_EQ(s_trap.count, 1);
		CHECK_EQ(s_trap.cause, CAUSE_LOAD_PAGE);
		CHECK_EQ(s_trap.tval, VA_NONE + 8);
		CHECK_EQ(s_trap.tval2, 0);
		CHECK(s_trap.hstatus & HSTATUS_GVA);
		CHECK(!(s_trap.hstatus & HSTATUS_SPV));
		CHECK(s_trap.hstatus & HSTATUS_SPVP);
		CHECK_EQ(!!(s_trap.status & MSTATUS_SPP), m == PRV_S);
#endif
		trap_reset();
		run_mode(m, hs_hsv_w, VA_GHOLE + 8);
		CHECK_EQ(s_trap.count, 1);
		CHECK_EQ(s_trap.cause, CAUSE_STORE_GUEST_PAGE);
		CHECK_EQ(s_trap.tval, VA_GHOLE + 8);
		CHECK(s_trap.tval2 == 0 || s_trap.tval2 == (GPA_HOLE + 8) >> 2);
		CHECK(s_trap.hstatus & HSTATUS_GVA);
		CHECK(!(s_trap.hstatus & HSTATUS_SPV));
		CHECK(s_trap.hstatus & HSTATUS_SPVP);
		CHECK_EQ(!!(s_trap.status & MSTATUS_SPP), m == PRV_S);
		csr_write(medeleg, 0);
		csr_clear(mstatus, MSTATUS_SUM);
	}
	rt_ctx = 0;
	csr_write(CSR_HSTATUS, 2UL << HSTATUS_VSXL_SHIFT);
}

/* Both stages Bare: guest virtual = guest physical = physical. */
static void test_bare(void)
{
	csr_write(CSR_VSATP, 0);
	csr_write(CSR_HGATP, 0);
	hfence_gvma();
	spvp(0);
	CHECK_EQ(try_m(D, (unsigned long)&data1[6]), data1[6]);
	CHECK_EQ(try_m(XWU, (unsigned long)code), code[0]);
}

int main(void)
{
	CHECK(has_h());
	if (rt_failures)
		return 0;
	h_quiet();
	build();
	test_widths();
	test_perms();
	test_mprv();
	test_hs_u();
	test_bare();
	return 0;
}
