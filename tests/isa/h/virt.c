/*
 * Virtual-instruction exceptions (cause 22) against illegal-instruction
 * ones (cause 2), instruction by instruction in VS, VU, U and HS: the
 * hypervisor and VS CSRs, M-level CSRs, S CSRs from VU, SRET (VTSR, TSR),
 * WFI (VTW, TW), SFENCE.VMA/SINVAL.VMA/satp (VTVM, TVM), HLV/HLVX/HSV
 * (hstatus.HU), HFENCE/HINVAL, the counters (mcounteren, hcounteren,
 * scounteren), high-half CSRs, FP with vsstatus.FS or sstatus.FS off (both
 * become dirty otherwise), CBO.ZERO (menvcfg/henvcfg/senvcfg.CBZE); mtval
 * = the instruction as for illegal instructions, mtinst = 0; cause 22
 * delegated to HS, never to VS. RISC-V Privileged ISA, "Hypervisor
 * Extension", "Trap Cause Codes" (the list of virtual-instruction cases),
 * "Svinval".
 *
 *
 * Inside #ifndef ISA_QEMU: what QEMU 7.2 gets wrong (named at each).
 *
 * Smstateen's ENVCFG bit and Ssnpm's PMM fields change what this checks
 * (stateen.c and pm.c check them): hvrun runs it without them, as
 * QEMU 7.2's hart is.
 * ISA-HVRUN-ARGS: --isa rva23s64,smstateen=off,ssnpm=off
 */
#include "h.h"

/*
 * One instruction per function, at the global label at_NAME, so that the
 * expected mtval is the instruction word there. pre sets up registers (t1
 * = the argument, an address the HLV/HSV may use).
 */
#define INSN_FN(name, pre, insn)                                         \
	extern const uint32_t at_##name[];                               \
	static __attribute__((noinline, unused)) long name(long a)       \
	{                                                                \
		asm volatile(".option push\n\t.option norvc\n\t"         \
			     ".option arch, +h, +svinval\n\t"            \
			     "mv t1, %0\n\t" pre "\n\t"                  \
			     ".globl at_" #name "\nat_" #name ":\t" insn \
			     "\n\t.option pop" ::"r"(a)                  \
			     : "t0", "t1", "memory");                    \
		return a;                                                \
	}

#define CSR_RD(name, csr) INSN_FN(name, "", "csrr t0, " STR(csr))
#define CSR_WR0(name, csr) INSN_FN(name, "", "csrw " STR(csr) ", zero")

CSR_RD(rd_hstatus, CSR_HSTATUS)
CSR_RD(rd_hedeleg, CSR_HEDELEG)
CSR_RD(rd_hideleg, CSR_HIDELEG)
CSR_RD(rd_hie, CSR_HIE)
CSR_RD(rd_hcounteren, CSR_HCOUNTEREN)
CSR_RD(rd_hgeie, CSR_HGEIE)
CSR_RD(rd_htval, CSR_HTVAL)
CSR_RD(rd_hip, CSR_HIP)
CSR_RD(rd_hvip, CSR_HVIP)
CSR_RD(rd_htinst, CSR_HTINST)
CSR_RD(rd_hgeip, CSR_HGEIP)
CSR_RD(rd_henvcfg, CSR_HENVCFG)
CSR_RD(rd_hgatp, CSR_HGATP)
CSR_RD(rd_htimedelta, CSR_HTIMEDELTA)
CSR_RD(rd_vsstatus, CSR_VSSTATUS)
CSR_RD(rd_vsie, CSR_VSIE)
CSR_RD(rd_vstvec, CSR_VSTVEC)
CSR_RD(rd_vsscratch, CSR_VSSCRATCH)
CSR_RD(rd_vsepc, CSR_VSEPC)
CSR_RD(rd_vscause, CSR_VSCAUSE)
CSR_RD(rd_vstval, CSR_VSTVAL)
CSR_RD(rd_vsip, CSR_VSIP)
CSR_RD(rd_vsatp, CSR_VSATP)
CSR_WR0(wr_htval, CSR_HTVAL)
CSR_WR0(wr_vsscratch, CSR_VSSCRATCH)
CSR_WR0(wr_hgeip, CSR_HGEIP)
CSR_RD(rd_htimedeltah, CSR_HTIMEDELTAH)
CSR_RD(rd_henvcfgh, CSR_HENVCFGH)
CSR_RD(rd_mstatus, mstatus)
CSR_RD(rd_mtval2, CSR_MTVAL2)
CSR_RD(rd_mtinst, CSR_MTINST)
CSR_RD(rd_sstatus, sstatus)
CSR_RD(rd_sscratch, sscratch)
CSR_RD(rd_satp, satp)
CSR_WR0(wr_sscratch, sscratch)
CSR_RD(rd_senvcfg, CSR_SENVCFG)
CSR_RD(rd_scounteren, CSR_SCOUNTEREN)
CSR_RD(rd_cycle, cycle)
CSR_RD(rd_instret, instret)
CSR_RD(rd_cycleh, cycleh)
INSN_FN(sret_plain, "", "sret")
/* SRET to the next instruction: SPP (vsstatus.SPP in VS) must be S */
INSN_FN(sret_self, "la t0, 1f\n\tcsrw sepc, t0", "sret\n1:")
INSN_FN(do_wfi, "", "wfi")
INSN_FN(do_sfence, "", "sfence.vma zero, zero")
INSN_FN(do_sinval, "", "sinval.vma zero, zero")
INSN_FN(do_sfence_w_inval, "", "sfence.w.inval")
INSN_FN(do_sfence_inval_ir, "", "sfence.inval.ir")
INSN_FN(do_hlv_d, "", "hlv.d t0, (t1)")
INSN_FN(do_hlv_b, "", "hlv.b t0, (t1)")
INSN_FN(do_hlvx_hu, "", "hlvx.hu t0, (t1)")
INSN_FN(do_hlvx_wu, "", "hlvx.wu t0, (t1)")
INSN_FN(do_hsv_d, "li t0, 0", "hsv.d t0, (t1)")
INSN_FN(do_hsv_w, "li t0, 0", "hsv.w t0, (t1)")
INSN_FN(do_hfence_vvma, "", "hfence.vvma zero, zero")
INSN_FN(do_hfence_gvma, "", "hfence.gvma zero, zero")
INSN_FN(do_hfence_vvma_r, "", "hfence.vvma t1, t1")
INSN_FN(do_hfence_gvma_r, "", "hfence.gvma t1, zero")
INSN_FN(do_hinval_vvma, "", "hinval.vvma zero, zero")
INSN_FN(do_hinval_gvma, "", "hinval.gvma zero, zero")
INSN_FN(do_fmv, "", "fmv.d.x ft0, zero")
INSN_FN(do_cbo_zero, "", "cbo.zero (t1)")

/* The modes, as rt_ctx_n shows them: V << 4 | nominal mode. */
#define VS 0x11
#define VU 0x10
#define HS 0x01
#define U 0x00
#define NONE 0UL
#define ILL 2UL
#define VIRT 22UL

/* mtval on illegal instruction: the instruction or zero; on a virtual
 * instruction the same as this hart does for illegal instructions. */
static int tval_is_insn;

#ifdef ISA_QEMU
/* QEMU 7.2 leaves mtval as it was for illegal and virtual instructions
 * that are SINVAL.VMA, HINVAL, HLV, HLVX, HSV */
static int qemu_stale_tval;
#define QEMU_STALE_TVAL(on) (qemu_stale_tval = (on))
#else
#define QEMU_STALE_TVAL(on) ((void)0)
#endif

/* 64 bytes: CBO.ZERO may clear a whole block */
static uint64_t scratch_word[8] __attribute__((aligned(64)));

static void expect_(const char *name, long (*fn)(long), const uint32_t *at,
		    int m, unsigned long want)
{
	/* SRET in HS and VS back to S */
	csr_set(mstatus, MSTATUS_SPP);
	csr_set(CSR_VSSTATUS, MSTATUS_SPP);
	trap_reset();
	if (m & 0x10)
		run_v(m & 3, fn, (long)scratch_word);
	else
		run_mode(m & 3, fn, (long)scratch_word);
	rt_ctx = name;
	rt_ctx_n = m;
	if (want == NONE) {
		CHECK_NO_TRAP();
	} else {
		CHECK_EQ(m_trap.count, 1);
		CHECK_EQ(s_trap.count + vs_trap.count, 0);
		CHECK_EQ(m_trap.cause, want);
		CHECK_EQ(m_trap.epc, (unsigned long)at);
#ifdef ISA_QEMU
		if (!qemu_stale_tval)
#endif
			CHECK_EQ(m_trap.tval, tval_is_insn ? *at : 0);
		CHECK_EQ(m_trap.tinst, 0);
		CHECK_EQ(!!(m_trap.status & MSTATUS_MPV), m >> 4);
	}
	rt_ctx = 0;
}

#define EXPECT(fn, m, want) expect_(#fn, fn, at_##fn, m, want)
/* In VS, VU, U and HS */
#define EXPECT4(fn, vs, vu, u, hs)  \
	do {                        \
		EXPECT(fn, VS, vs); \
		EXPECT(fn, VU, vu); \
		EXPECT(fn, U, u);   \
		EXPECT(fn, HS, hs); \
	} while (0)

/* VU running a supervisor instruction or accessing an S CSR, or running
 * HFENCE/HINVAL: QEMU 7.2 raises an illegal-instruction exception where
 * the spec wants a virtual-instruction one; not checked on QEMU. */
#ifndef ISA_QEMU
#define EXPECT_VU_S(fn, want) EXPECT(fn, VU, want)
#else
#define EXPECT_VU_S(fn, want) ((void)0)
#endif
#define EXPECT4_S(fn, vs, vu, u, hs) \
	do {                         \
		EXPECT(fn, VS, vs);  \
		EXPECT_VU_S(fn, vu); \
		EXPECT(fn, U, u);    \
		EXPECT(fn, HS, hs);  \
	} while (0)

static void setup(void)
{
	h_quiet();
	csr_write(CSR_MCOUNTEREN, -1UL);
	csr_write(CSR_HCOUNTEREN, -1UL);
	csr_write(CSR_SCOUNTEREN, -1UL);
	/* SRET in HS and VS back to S */
	csr_set(mstatus, MSTATUS_SPP);
	csr_write(CSR_VSSTATUS, MSTATUS_SPP);
}

static void test_csrs(void)
{
	/* the hypervisor and VS CSRs: HS's alone */
	EXPECT4(rd_hstatus, VIRT, VIRT, ILL, NONE);
	EXPECT4(rd_hedeleg, VIRT, VIRT, ILL, NONE);
	EXPECT4(rd_hideleg, VIRT, VIRT, ILL, NONE);
	EXPECT4(rd_hie, VIRT, VIRT, ILL, NONE);
	EXPECT4(rd_hcounteren, VIRT, VIRT, ILL, NONE);
	EXPECT4(rd_hgeie, VIRT, VIRT, ILL, NONE);
	EXPECT4(rd_htval, VIRT, VIRT, ILL, NONE);
	EXPECT4(rd_hip, VIRT, VIRT, ILL, NONE);
	EXPECT4(rd_hvip, VIRT, VIRT, ILL, NONE);
	EXPECT4(rd_htinst, VIRT, VIRT, ILL, NONE);
	EXPECT4(rd_hgeip, VIRT, VIRT, ILL, NONE);
	EXPECT4(rd_henvcfg, VIRT, VIRT, ILL, NONE);
	EXPECT4(rd_hgatp, VIRT, VIRT, ILL, NONE);
#ifndef ISA_QEMU
	/* (QEMU's spike board has no time CSR, hence no htimedelta) */
	EXPECT4(rd_htimedelta, VIRT, VIRT, ILL, NONE);
#endif
	EXPECT4(rd_vsstatus, VIRT, VIRT, ILL, NONE);
	EXPECT4(rd_vsie, VIRT, VIRT, ILL, NONE);
	EXPECT4(rd_vstvec, VIRT, VIRT, ILL, NONE);
	EXPECT4(rd_vsscratch, VIRT, VIRT, ILL, NONE);
	EXPECT4(rd_vsepc, VIRT, VIRT, ILL, NONE);
	EXPECT4(rd_vscause, VIRT, VIRT, ILL, NONE);
	EXPECT4(rd_vstval, VIRT, VIRT, ILL, NONE);
	EXPECT4(rd_vsip, VIRT, VIRT, ILL, NONE);
	EXPECT4(rd_vsatp, VIRT, VIRT, ILL, NONE);
	EXPECT4(wr_htval, VIRT, VIRT, ILL, NONE);
	EXPECT4(wr_vsscratch, VIRT, VIRT, ILL, NONE);
	/* not allowed in HS either: illegal everywhere */
	EXPECT4(wr_hgeip, ILL, ILL, ILL, ILL);
	EXPECT4(rd_htimedeltah, ILL, ILL, ILL, ILL);
	EXPECT4(rd_henvcfgh, ILL, ILL, ILL, ILL);
	EXPECT4(rd_mstatus, ILL, ILL, ILL, ILL);
	EXPECT4(rd_mtval2, ILL, ILL, ILL, ILL);
	EXPECT4(rd_mtinst, ILL, ILL, ILL, ILL);
	EXPECT4(rd_cycleh, ILL, ILL, ILL, ILL);
	/* S CSRs: VU gets a virtual instruction, U an illegal one */
	EXPECT4_S(rd_sstatus, NONE, VIRT, ILL, NONE);
	EXPECT4_S(rd_sscratch, NONE, VIRT, ILL, NONE);
	EXPECT4_S(wr_sscratch, NONE, VIRT, ILL, NONE);
	EXPECT4_S(rd_satp, NONE, VIRT, ILL, NONE);
	EXPECT4_S(rd_senvcfg, NONE, VIRT, ILL, NONE);
	EXPECT4_S(rd_scounteren, NONE, VIRT, ILL, NONE);
	/* VS's vsscratch was zeroed by wr_vsscratch... from HS */
	hs_vs_vectors();
}

static void test_supervisor_insns(void)
{
	EXPECT_VU_S(sret_plain, VIRT);
	EXPECT(sret_plain, U, ILL);
	EXPECT(sret_self, VS, NONE);
	EXPECT(sret_self, HS, NONE);
	EXPECT(do_wfi, VU, VIRT);
	EXPECT(do_wfi, U, ILL);
	EXPECT4_S(do_sfence, NONE, VIRT, ILL, NONE);
	QEMU_STALE_TVAL(1);
	EXPECT4_S(do_sinval, NONE, VIRT, ILL, NONE);
	QEMU_STALE_TVAL(0);
#ifndef ISA_QEMU
	/* (QEMU 7.2 runs these two in U and VU) */
	EXPECT4(do_sfence_w_inval, NONE, VIRT, ILL, NONE);
	EXPECT4(do_sfence_inval_ir, NONE, VIRT, ILL, NONE);
#endif

	/* VTSR: SRET in VS; HS unaffected. TSR: HS; VS unaffected. */
	csr_set(CSR_HSTATUS, HSTATUS_VTSR);
	EXPECT(sret_self, VS, VIRT);
	EXPECT(sret_self, HS, NONE);
	EXPECT_VU_S(sret_plain, VIRT);
	csr_clear(CSR_HSTATUS, HSTATUS_VTSR);
	csr_set(mstatus, MSTATUS_TSR);
#ifndef ISA_QEMU
	/* (QEMU 7.2 applies TSR to VS) */
	EXPECT(sret_self, VS, NONE);
#endif
	EXPECT(sret_self, HS, ILL);
	csr_clear(mstatus, MSTATUS_TSR);
	csr_set(mstatus, MSTATUS_SPP);

	/* VTW: WFI in VS (nothing pending: it cannot complete); TW = 1
	 * makes WFI illegal in every mode below M, VS too */
	csr_set(CSR_HSTATUS, HSTATUS_VTW);
	EXPECT(do_wfi, VS, VIRT);
	EXPECT(do_wfi, VU, VIRT);
	csr_clear(CSR_HSTATUS, HSTATUS_VTW);
	csr_set(mstatus, MSTATUS_TW);
	EXPECT(do_wfi, VS, ILL);
#ifndef ISA_QEMU
	/* (QEMU 7.2: virtual instruction) */
	EXPECT(do_wfi, VU, ILL);
#endif
	EXPECT(do_wfi, HS, ILL);
	EXPECT(do_wfi, U, ILL);
	csr_set(CSR_HSTATUS, HSTATUS_VTW);
	EXPECT(do_wfi, VS, ILL);
	csr_clear(CSR_HSTATUS, HSTATUS_VTW);
	csr_clear(mstatus, MSTATUS_TW);

	/* VTVM: SFENCE.VMA, SINVAL.VMA and satp in VS; HFENCE.VVMA from HS
	 * is not affected */
	csr_set(CSR_HSTATUS, HSTATUS_VTVM);
	EXPECT(do_sfence, VS, VIRT);
	QEMU_STALE_TVAL(1);
	EXPECT(do_sinval, VS, VIRT);
	QEMU_STALE_TVAL(0);
#ifndef ISA_QEMU
	/* (QEMU 7.2 ignores VTVM for satp) */
	EXPECT(rd_satp, VS, VIRT);
#endif
	EXPECT_VU_S(do_sfence, VIRT);
	EXPECT(do_sfence, HS, NONE);
	EXPECT(rd_satp, HS, NONE);
	EXPECT(do_hfence_vvma, HS, NONE);
	EXPECT(do_sfence_w_inval, VS, NONE);
	csr_clear(CSR_HSTATUS, HSTATUS_VTVM);
	/* TVM: HS's satp, SFENCE.VMA, hgatp, HFENCE.GVMA; never VS */
	csr_set(mstatus, MSTATUS_TVM);
#ifndef ISA_QEMU
	/* (QEMU 7.2 applies TVM to VS) */
	EXPECT(do_sfence, VS, NONE);
	EXPECT(do_sinval, VS, NONE);
	EXPECT(rd_satp, VS, NONE);
#endif
	EXPECT(do_sfence, HS, ILL);
	EXPECT(rd_satp, HS, ILL);
	EXPECT(do_hfence_vvma, HS, NONE);
	EXPECT(rd_vsatp, HS, NONE);
#ifndef ISA_QEMU
	/* (QEMU 7.2 ignores TVM for hgatp and HFENCE.GVMA) */
	EXPECT(do_hfence_gvma, HS, ILL);
	EXPECT(rd_hgatp, HS, ILL);
#endif
	/* HS-qualified assuming TVM = 0: virtual in VS */
	EXPECT(do_hfence_gvma, VS, VIRT);
	EXPECT(rd_hgatp, VS, VIRT);
	csr_clear(mstatus, MSTATUS_TVM);
}

static void test_h_insns(void)
{
	/* HLV, HLVX, HSV, HFENCE, HINVAL: HS (and M); U with HU = 1 for
	 * HLV/HLVX/HSV only */
	QEMU_STALE_TVAL(1);
	EXPECT4(do_hlv_d, VIRT, VIRT, ILL, NONE);
	EXPECT4(do_hlv_b, VIRT, VIRT, ILL, NONE);
	EXPECT4(do_hlvx_hu, VIRT, VIRT, ILL, NONE);
	EXPECT4(do_hlvx_wu, VIRT, VIRT, ILL, NONE);
	EXPECT4(do_hsv_d, VIRT, VIRT, ILL, NONE);
	EXPECT4(do_hsv_w, VIRT, VIRT, ILL, NONE);
	QEMU_STALE_TVAL(0);
	EXPECT4_S(do_hfence_vvma, VIRT, VIRT, ILL, NONE);
	EXPECT4_S(do_hfence_gvma, VIRT, VIRT, ILL, NONE);
	EXPECT4_S(do_hfence_vvma_r, VIRT, VIRT, ILL, NONE);
	EXPECT4_S(do_hfence_gvma_r, VIRT, VIRT, ILL, NONE);
	QEMU_STALE_TVAL(1);
	EXPECT4_S(do_hinval_vvma, VIRT, VIRT, ILL, NONE);
	EXPECT4_S(do_hinval_gvma, VIRT, VIRT, ILL, NONE);
	csr_set(CSR_HSTATUS, HSTATUS_HU);
	EXPECT4(do_hlv_d, VIRT, VIRT, NONE, NONE);
	EXPECT4(do_hlv_b, VIRT, VIRT, NONE, NONE);
	EXPECT4(do_hlvx_hu, VIRT, VIRT, NONE, NONE);
	EXPECT4(do_hlvx_wu, VIRT, VIRT, NONE, NONE);
	EXPECT4(do_hsv_d, VIRT, VIRT, NONE, NONE);
	EXPECT4(do_hsv_w, VIRT, VIRT, NONE, NONE);
	EXPECT(do_hinval_vvma, U, ILL);
	EXPECT(do_hinval_gvma, U, ILL);
	QEMU_STALE_TVAL(0);
	EXPECT(do_hfence_vvma, U, ILL);
	EXPECT(do_hfence_gvma, U, ILL);
	csr_clear(CSR_HSTATUS, HSTATUS_HU);
	/* M may run them all */
	trap_reset();
	do_hlv_d((long)scratch_word);
	do_hsv_d((long)scratch_word);
	do_hlvx_wu((long)scratch_word);
	do_hfence_vvma(0);
	do_hfence_gvma(0);
	CHECK_NO_TRAP();
}

static void test_counters(void)
{
	unsigned long hc;

	/* hcounteren clear, mcounteren set: virtual in VS and VU */
	csr_write(CSR_HCOUNTEREN, 0);
	EXPECT4(rd_cycle, VIRT, VIRT, NONE, NONE);
	EXPECT4(rd_instret, VIRT, VIRT, NONE, NONE);
	/* scounteren clear too: VU virtual, U illegal */
	csr_write(CSR_SCOUNTEREN, 0);
	EXPECT4(rd_cycle, VIRT, VIRT, ILL, NONE);
	/* hcounteren set (where writable), scounteren clear: VS may, VU
	 * may not */
	csr_write(CSR_HCOUNTEREN, 5);
	hc = csr_read(CSR_HCOUNTEREN);
	EXPECT4(rd_cycle, hc & 1 ? NONE : VIRT, VIRT, ILL, NONE);
	EXPECT4(rd_instret, hc & 4 ? NONE : VIRT, VIRT, ILL, NONE);
	csr_write(CSR_SCOUNTEREN, 5);
	EXPECT4(rd_cycle, hc & 1 ? NONE : VIRT, hc & 1 ? NONE : VIRT, NONE,
		NONE);
	/* mcounteren clear: illegal below M whatever the others */
	csr_write(CSR_MCOUNTEREN, 0);
	EXPECT4(rd_cycle, ILL, ILL, ILL, ILL);
	EXPECT4(rd_instret, ILL, ILL, ILL, ILL);
	csr_write(CSR_MCOUNTEREN, -1UL);
	csr_write(CSR_HCOUNTEREN, -1UL);
	csr_write(CSR_SCOUNTEREN, -1UL);
}

/* FS off in vsstatus or in sstatus: illegal, never virtual; on in both,
 * a write to an FP register makes both dirty. */
static void test_fp(void)
{
	const unsigned long fs_init = 1UL << 13, fs_dirty = 3UL << 13;
	unsigned long ms = csr_read(mstatus);

	for (int m = VU; m <= VS; m++) {
		csr_clear(mstatus, MSTATUS_FS);
		csr_set(mstatus, fs_dirty);
		csr_write(CSR_VSSTATUS, MSTATUS_SPP);
		EXPECT(do_fmv, m, ILL);
		csr_clear(mstatus, MSTATUS_FS);
		csr_write(CSR_VSSTATUS, MSTATUS_SPP | fs_dirty);
		EXPECT(do_fmv, m, ILL);
		csr_set(mstatus, fs_init);
		csr_write(CSR_VSSTATUS, MSTATUS_SPP | fs_init);
		EXPECT(do_fmv, m, NONE);
		rt_ctx = "FS dirty after fmv in";
		rt_ctx_n = m;
		CHECK_EQ(csr_read(mstatus) & MSTATUS_FS, fs_dirty);
		CHECK_EQ(csr_read(CSR_VSSTATUS) & MSTATUS_FS, fs_dirty);
#ifndef ISA_QEMU
		/* (QEMU 7.2 does not keep vsstatus.SD) */
		CHECK(csr_read(CSR_VSSTATUS) & MSTATUS_SD);
#endif
		rt_ctx = 0;
	}
	csr_write(mstatus, ms);
	csr_write(CSR_VSSTATUS, MSTATUS_SPP);
}

#ifndef ISA_QEMU
/* (QEMU 7.2 has no Zicboz) */
static void test_cbo(void)
{
	/* CBO.ZERO: HS-qualified when menvcfg.CBZE = 1; then henvcfg.CBZE
	 * (VS, VU) and senvcfg.CBZE (VU) may disable it: virtual */
	csr_write(CSR_MENVCFG, 0);
	csr_write(CSR_HENVCFG, ENVCFG_CBZE);
	csr_write(CSR_SENVCFG, ENVCFG_CBZE);
	EXPECT4(do_cbo_zero, ILL, ILL, ILL, ILL);
	csr_write(CSR_MENVCFG, ENVCFG_CBZE);
	EXPECT4(do_cbo_zero, NONE, NONE, NONE, NONE);
	csr_write(CSR_HENVCFG, 0);
	EXPECT4(do_cbo_zero, VIRT, VIRT, NONE, NONE);
	csr_write(CSR_HENVCFG, ENVCFG_CBZE);
	csr_write(CSR_SENVCFG, 0);
	EXPECT4(do_cbo_zero, NONE, VIRT, ILL, NONE);
	csr_write(CSR_MENVCFG, 0);
	csr_write(CSR_HENVCFG, 0);
}
#endif

/* Cause 22 goes to HS through medeleg; hedeleg cannot pass it on. */
static void test_deleg(void)
{
	csr_write(medeleg, 1UL << CAUSE_VIRTUAL_INSN);
	csr_write(CSR_HEDELEG, -1UL);
	trap_reset();
	run_v(PRV_S, do_hlv_d, (long)scratch_word);
	CHECK_EQ(m_trap.count, 0);
	CHECK_EQ(vs_trap.count, 0);
	CHECK_EQ(s_trap.count, 1);
	CHECK_EQ(s_trap.cause, CAUSE_VIRTUAL_INSN);
#ifndef ISA_QEMU
	/* (QEMU 7.2 leaves stval as it was) */
	CHECK_EQ(s_trap.tval, tval_is_insn ? at_do_hlv_d[0] : 0);
#endif
	CHECK_EQ(s_trap.epc, (unsigned long)at_do_hlv_d);
	CHECK(s_trap.hstatus & HSTATUS_SPV);
	CHECK(s_trap.hstatus & HSTATUS_SPVP);
	CHECK(!(s_trap.hstatus & HSTATUS_GVA));
	CHECK_EQ(s_trap.tval2, 0);
	CHECK_EQ(s_trap.tinst, 0);
	trap_reset();
	run_v(PRV_U, rd_hstatus, 0);
	CHECK_EQ(s_trap.count, 1);
	CHECK_EQ(s_trap.cause, CAUSE_VIRTUAL_INSN);
	CHECK(!(s_trap.hstatus & HSTATUS_SPVP));
	CHECK(!(s_trap.status & MSTATUS_SPP));
	csr_write(medeleg, 0);
	csr_write(CSR_HEDELEG, 0);
}

int main(void)
{
	CHECK(has_h());
	if (rt_failures)
		return 0;
	setup();
	/* how this hart fills mtval on illegal instructions */
	trap_reset();
	run_v(PRV_S, rd_mstatus, 0);
	CHECK(m_trap.tval == at_rd_mstatus[0] || m_trap.tval == 0);
	tval_is_insn = m_trap.tval != 0;
	printf("mtval on illegal instructions: %s\n",
	       tval_is_insn ? "the instruction" : "zero");
	test_csrs();
	test_supervisor_insns();
	test_h_insns();
	test_counters();
	test_fp();
#ifndef ISA_QEMU
	test_cbo();
#endif
	test_deleg();
	return 0;
}
