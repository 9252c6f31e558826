/*
 * Modes and traps with the H extension: HS, VS and VU entered by MRET
 * (MPV, MPP) and SRET (hstatus.SPV, sstatus.SPP; vsstatus.SPP in VS); ecall
 * causes 8/9/10 and what a trap into M writes (MPV, MPP, GVA, mtval2,
 * mtinst); S CSR numbers reaching the VS CSRs when V=1 (and senvcfg,
 * scounteren that have no VS copy); traps into HS (hstatus.SPV, SPVP, GVA,
 * sstatus.SPP, htval, htinst) and, through hedeleg, into VS (vsstatus.SPP,
 * SPIE, SIE, vsepc, vscause, vstval; hstatus and sstatus untouched); what
 * cannot be delegated to VS. RISC-V Privileged ISA, "Hypervisor
 * Extension": "Privilege Modes", "Traps" ("Trap Entry", "Trap Return").
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

/* ecall (a7 = 0: recorded), then the runtime's return from run_mode */
void ecall_exit(void);
asm(".text\n"
    ".balign 4\n"
    ".globl ecall_exit\n"
    "ecall_exit:\n"
    "	.option push\n"
    "	.option norvc\n"
    "	li a7, 0\n"
    "	ecall\n"
    "	li a0, 77\n"
    "	li a7, " STR(RT_MAGIC) "\n"
			       "	ecall\n"
			       "1:	j 1b\n"
			       "	.option pop\n");
#define ECALL_PC ((unsigned long)ecall_exit + 4)

/* csrr t0, mstatus: illegal below M (also in VS: not HS-qualified) */
#define INSN_RD_MSTATUS 0x300022f3UL

static long do_ecall(long a)
{
	asm volatile("li a7, 0\n\tecall" ::: "a7", "memory");
	return a;
}

static long do_illegal(long a)
{
	asm volatile(".option push\n\t.option norvc\n\tcsrr t0, mstatus\n\t"
		     ".option pop" ::
			     : "t0");
	return a + 1;
}

static long do_ebreak(long a)
{
	asm volatile(".option push\n\t.option norvc\n\tebreak\n\t.option pop");
	return a;
}

/* MRET with MPV and MPP: the mode reached shows in the ecall's cause and
 * in mstatus.MPV/MPP after that trap. */
static void test_mret(void)
{
	static const struct {
		int v, mode;
		unsigned long cause;
	} t[] = {
		{1, PRV_S, CAUSE_ECALL_VS},
		{1, PRV_U, CAUSE_ECALL_U},
		{0, PRV_S, CAUSE_ECALL_S},
		{0, PRV_U, CAUSE_ECALL_U},
	};

	for (unsigned i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		rt_ctx = "mret to V, mode";
		rt_ctx_n = t[i].v << 4 | t[i].mode;
		csr_set(mstatus, MSTATUS_GVA);
		trap_reset();
		if (t[i].v)
			run_v(t[i].mode, do_ecall, 0);
		else
			run_mode(t[i].mode, do_ecall, 0);
		CHECK_MTRAP(t[i].cause, 0);
		CHECK_EQ(!!(m_trap.status & MSTATUS_MPV), t[i].v);
		CHECK_EQ((m_trap.status & MSTATUS_MPP) >> 11, t[i].mode);
		/* not a guest-virtual-address trap; no GPA, no tinst
		 * (ecall: zero or custom only) */
		CHECK_EQ(m_trap.tval2, 0);
		CHECK_EQ(m_trap.tinst, 0);
#ifndef ISA_QEMU
		/* (QEMU 7.2 leaves mstatus.GVA as it was) */
		CHECK(!(m_trap.status & MSTATUS_GVA));
#endif
	}
	rt_ctx = 0;

	/* MPP = M: V stays 0 whatever MPV; MRET sets MPV = 0, MPP = U */
	unsigned long st;

	csr_set(mstatus, MSTATUS_MPV | MSTATUS_MPP);
	asm volatile("la t0, 1f\n\tcsrw mepc, t0\n\tmret\n1:\tcsrr %0, mstatus"
		     : "=r"(st)::"t0", "memory");
	CHECK_EQ(st & (MSTATUS_MPV | MSTATUS_MPP), 0);
	trap_reset();
	asm volatile("csrr t0, 0x600" ::: "t0"); /* M: no trap */
	CHECK_NO_TRAP();
}

/* SRET from HS: hstatus.SPV and sstatus.SPP pick the mode. */
static long hs_sret(long v_spp)
{
	if (v_spp & 2)
		csr_set(CSR_HSTATUS, HSTATUS_SPV);
	else
		csr_clear(CSR_HSTATUS, HSTATUS_SPV);
	if (v_spp & 1)
		csr_set(sstatus, MSTATUS_SPP);
	else
		csr_clear(sstatus, MSTATUS_SPP);
	csr_set(sstatus, MSTATUS_SPIE);
	csr_clear(sstatus, MSTATUS_SIE);
	csr_write(sepc, (unsigned long)ecall_exit);
	asm volatile("sret" ::: "memory");
	return 0;
}

/* SRET in VS: vsstatus.SPP picks VS or VU; hstatus is not used. */
static long vs_sret(long spp)
{
	if (spp)
		csr_set(sstatus, MSTATUS_SPP);
	else
		csr_clear(sstatus, MSTATUS_SPP);
	csr_set(sstatus, MSTATUS_SPIE);
	csr_clear(sstatus, MSTATUS_SIE);
	csr_write(sepc, (unsigned long)ecall_exit);
	asm volatile("sret" ::: "memory");
	return 0;
}

static void test_sret(void)
{
	static const unsigned long cause[4] = {CAUSE_ECALL_U, CAUSE_ECALL_S,
					       CAUSE_ECALL_U, CAUSE_ECALL_VS};

	for (int v_spp = 0; v_spp < 4; v_spp++) {
		rt_ctx = "sret from HS, SPV<<1|SPP";
		rt_ctx_n = v_spp;
		trap_reset();
		CHECK_EQ(run_mode(PRV_S, hs_sret, v_spp), 77);
		CHECK_EQ(m_trap.count, 1);
		CHECK_EQ(m_trap.cause, cause[v_spp]);
		CHECK_EQ(m_trap.epc, ECALL_PC);
		CHECK_EQ(!!(m_trap.status & MSTATUS_MPV), v_spp >> 1);
		/* SRET: SPV = 0, SPP = U, SIE = SPIE (1), SPIE = 1 */
		CHECK_EQ(csr_read(CSR_HSTATUS) & HSTATUS_SPV, 0);
		CHECK_EQ(csr_read(mstatus) &
				 (MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE),
			 MSTATUS_SPIE | MSTATUS_SIE);
		csr_clear(mstatus, MSTATUS_SIE);
	}

	/* SRET in VS: to VU or VS by vsstatus.SPP, which becomes 0, with
	 * SIE = SPIE and SPIE = 1; HS's hstatus.SPV and sstatus.SPP stay */
	for (int spp = 0; spp < 2; spp++) {
		rt_ctx = "sret from VS, SPP";
		rt_ctx_n = spp;
		csr_set(CSR_HSTATUS, HSTATUS_SPV);
		csr_set(mstatus, MSTATUS_SPP);
		trap_reset();
		CHECK_EQ(run_v(PRV_S, vs_sret, spp), 77);
		CHECK_EQ(m_trap.count, 1);
		CHECK_EQ(m_trap.cause, spp ? CAUSE_ECALL_VS : CAUSE_ECALL_U);
		CHECK(m_trap.status & MSTATUS_MPV);
		CHECK_EQ(csr_read(CSR_VSSTATUS) &
				 (MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE),
			 MSTATUS_SPIE | MSTATUS_SIE);
		CHECK(csr_read(CSR_HSTATUS) & HSTATUS_SPV);
		CHECK(csr_read(mstatus) & MSTATUS_SPP);
		csr_clear(CSR_HSTATUS, HSTATUS_SPV);
		csr_clear(mstatus, MSTATUS_SPP);
		csr_write(CSR_VSSTATUS, 0);
	}
	rt_ctx = 0;
}

/* What VS reads through the S CSR numbers, then what it writes. */
static unsigned long seen[12];

#define VS_SWAP(i, csr) (seen[i] = csr_swap(csr, seen[i]))

static long vs_csrs(long a)
{
	VS_SWAP(0, sstatus);
	VS_SWAP(1, sie);
	VS_SWAP(2, sip);
	VS_SWAP(3, stvec);
	VS_SWAP(4, sscratch);
	VS_SWAP(5, sepc);
	VS_SWAP(6, scause);
	VS_SWAP(7, stval);
	VS_SWAP(8, satp);
	VS_SWAP(9, CSR_SENVCFG);
	VS_SWAP(10, CSR_SCOUNTEREN);
	return 0;
}

static void test_vs_csrs(void)
{
	uint64_t *root;
	unsigned long hs[9], satp_v;

	pt_reset();
	root = vs_space(3, PTE_RWX);
	satp_v = satp_of(root, 3, 0);
	/* HS's values, which must stay */
	hs[0] = csr_read(sstatus);
	csr_write(sie, 1UL << IRQ_SEI);
	hs[1] = csr_read(sie);
	hs[2] = csr_read(sip);
	hs[3] = csr_read(stvec);
	hs[4] = csr_read(sscratch);
	csr_write(sepc, 0x80000100UL);
	hs[5] = csr_read(sepc);
	csr_write(scause, 3);
	hs[6] = 3;
	csr_write(stval, 0x1111);
	hs[7] = 0x1111;
	hs[8] = csr_read(satp);
	/* VS's */
	csr_write(mideleg, S_IRQS);
	csr_write(CSR_HIDELEG, VS_IRQS);
	csr_write(CSR_HIE, 1UL << IRQ_VSSI);
	csr_write(CSR_HVIP, 1UL << IRQ_VSSI);
	csr_write(CSR_VSSTATUS, MSTATUS_SUM | MSTATUS_SPP);
	csr_write(CSR_VSSCRATCH, 0x5555);
	csr_write(CSR_VSEPC, 0x80000200UL);
	csr_write(CSR_VSCAUSE, 13);
	csr_write(CSR_VSTVAL, 0x2222);
	csr_write(CSR_VSATP, 0);
	csr_write(CSR_SENVCFG, 0);
	csr_write(CSR_SCOUNTEREN, 0);
	/* and what VS writes */
	seen[0] = MSTATUS_MXR;
	seen[1] = (1UL << IRQ_STI) | (1UL << IRQ_SEI);
	seen[2] = 0;
	seen[3] = (unsigned long)vs_trap_entry;
	seen[4] = 0x6666;
	seen[5] = 0x80000300UL;
	seen[6] = 15;
	seen[7] = 0x3333;
	seen[8] = satp_v;
	seen[9] = 1; /* FIOM */
	seen[10] = 5;
	trap_reset();
	run_v(PRV_S, vs_csrs, 0);
	CHECK_NO_TRAP();
	/* read: the VS CSRs (vsie/vsip at the S positions) */
	CHECK_EQ(seen[0] & (MSTATUS_SUM | MSTATUS_SPP | MSTATUS_MXR),
		 MSTATUS_SUM | MSTATUS_SPP);
	CHECK_EQ(seen[1] & 0xffff, 1UL << IRQ_SSI);
	CHECK_EQ(seen[2] & 0xffff, 1UL << IRQ_SSI);
	CHECK_EQ(seen[3], (unsigned long)vs_trap_entry);
	CHECK_EQ(seen[4], 0x5555);
	CHECK_EQ(seen[5], 0x80000200UL);
	CHECK_EQ(seen[6], 13);
	CHECK_EQ(seen[7], 0x2222);
	CHECK_EQ(seen[8], 0);
	CHECK_EQ(seen[9], 0);
	CHECK_EQ(seen[10], 0);
	/* written: the VS CSRs */
	CHECK_EQ(csr_read(CSR_VSSTATUS) &
			 (MSTATUS_SUM | MSTATUS_SPP | MSTATUS_MXR),
		 MSTATUS_MXR);
	CHECK_EQ(csr_read(CSR_HIE), (1UL << IRQ_VSTI) | (1UL << IRQ_VSEI));
	CHECK_EQ(csr_read(CSR_HVIP), 0); /* vsip.SSIP = hvip.VSSIP */
	CHECK_EQ(csr_read(CSR_VSTVEC), (unsigned long)vs_trap_entry);
	CHECK_EQ(csr_read(CSR_VSSCRATCH), 0x6666);
	CHECK_EQ(csr_read(CSR_VSEPC), 0x80000300UL);
	CHECK_EQ(csr_read(CSR_VSCAUSE), 15);
	CHECK_EQ(csr_read(CSR_VSTVAL), 0x3333);
	CHECK_EQ(csr_read(CSR_VSATP), satp_v);
	/* senvcfg and scounteren have no VS copy: VS uses HS's */
	CHECK_EQ(csr_read(CSR_SENVCFG) & 1, 1);
	CHECK_EQ(csr_read(CSR_SCOUNTEREN), 5);
	/* HS's own stay */
	CHECK_EQ(csr_read(sstatus), hs[0]);
	CHECK_EQ(csr_read(sie), hs[1]);
	CHECK_EQ(csr_read(sip), hs[2]);
	CHECK_EQ(csr_read(stvec), hs[3]);
	CHECK_EQ(csr_read(sscratch), hs[4]);
	CHECK_EQ(csr_read(sepc), hs[5]);
	CHECK_EQ(csr_read(scause), hs[6]);
	CHECK_EQ(csr_read(stval), hs[7]);
	CHECK_EQ(csr_read(satp), hs[8]);
	h_quiet();
	csr_write(mideleg, 0);
	csr_write(sie, 0);
	csr_write(CSR_SENVCFG, 0);
	csr_write(CSR_SCOUNTEREN, 0);
	csr_write(CSR_VSSTATUS, 0);
}

/* Traps into HS from each mode: hstatus.SPV/SPVP, sstatus.SPP. */
static void test_trap_hs(void)
{
	static const struct {
		int v, mode;
	} t[] = {{1, PRV_S}, {1, PRV_U}, {0, PRV_U}, {0, PRV_S}};

	csr_write(medeleg, 1UL << CAUSE_ILLEGAL);
	for (unsigned i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		for (int spvp = 0; spvp < 2; spvp++) {
			unsigned long hs;

			rt_ctx = "trap into HS from V, mode, SPVP before";
			rt_ctx_n = t[i].v << 8 | t[i].mode << 4 | spvp;
			csr_write(CSR_HSTATUS,
				  (2UL << HSTATUS_VSXL_SHIFT) |
					  (spvp ? HSTATUS_SPVP : 0) |
					  HSTATUS_GVA);
			csr_write(CSR_HTVAL, 0x1234);
			csr_write(CSR_HTINST, 0x3000);
			trap_reset();
			if (t[i].v)
				CHECK_EQ(run_v(t[i].mode, do_illegal, 1), 2);
			else
				CHECK_EQ(run_mode(t[i].mode, do_illegal, 1), 2);
			CHECK_EQ(m_trap.count, 0);
			CHECK_EQ(s_trap.count, 1);
			CHECK_EQ(s_trap.cause, CAUSE_ILLEGAL);
			CHECK(s_trap.tval == INSN_RD_MSTATUS ||
			      s_trap.tval == 0);
			hs = s_trap.hstatus;
			CHECK_EQ(!!(hs & HSTATUS_SPV), t[i].v);
			/* SPVP: the nominal mode when V was 1, else kept */
			CHECK_EQ(!!(hs & HSTATUS_SPVP),
				 t[i].v ? t[i].mode == PRV_S : spvp);
			CHECK_EQ(!!(s_trap.status & MSTATUS_SPP),
				 t[i].mode == PRV_S);
			/* no guest virtual address, no GPA; illegal
			 * instruction: htinst zero */
			CHECK(!(hs & HSTATUS_GVA));
			CHECK_EQ(s_trap.tval2, 0);
			CHECK_EQ(s_trap.tinst, 0);
		}
	}
	rt_ctx = 0;

	/* ecall from VS delegated to HS: cause 10 in scause */
	csr_write(medeleg, 1UL << CAUSE_ECALL_VS);
	trap_reset();
	run_v(PRV_S, do_ecall, 0);
	CHECK_EQ(m_trap.count, 0);
	CHECK_EQ(s_trap.count, 1);
	CHECK_EQ(s_trap.cause, CAUSE_ECALL_VS);
	CHECK(s_trap.hstatus & HSTATUS_SPV);

	/* breakpoint from VS: stval is 0 or the pc, a guest virtual
	 * address; GVA says which */
	csr_write(medeleg, 1UL << CAUSE_BREAKPOINT);
	trap_reset();
	run_v(PRV_S, do_ebreak, 0);
	CHECK_EQ(s_trap.count, 1);
	CHECK_EQ(s_trap.cause, CAUSE_BREAKPOINT);
	CHECK(s_trap.tval == 0 || s_trap.tval == s_trap.epc);
	CHECK_EQ(!!(s_trap.hstatus & HSTATUS_GVA), s_trap.tval != 0);
	CHECK_EQ(s_trap.tinst, 0);
	/* and into M */
	csr_write(medeleg, 0);
	trap_reset();
	run_v(PRV_U, do_ebreak, 0);
	CHECK_MTRAP_CAUSE(CAUSE_BREAKPOINT);
	CHECK(m_trap.tval == 0 || m_trap.tval == m_trap.epc);
	CHECK_EQ(!!(m_trap.status & MSTATUS_GVA), m_trap.tval != 0);
	CHECK(m_trap.status & MSTATUS_MPV);
	csr_write(CSR_HSTATUS, 2UL << HSTATUS_VSXL_SHIFT);
}

/* Traps into VS through hedeleg. */
static void test_trap_vs(void)
{
	const unsigned long hs_before =
		(2UL << HSTATUS_VSXL_SHIFT) | HSTATUS_SPVP | HSTATUS_GVA;

	/* illegal instruction and breakpoint in VS and VU */
	for (int i = 0; i < 4; i++) {
		int mode = i & 1 ? PRV_S : PRV_U;
		unsigned long cause = i & 2 ? CAUSE_BREAKPOINT : CAUSE_ILLEGAL;

#ifdef ISA_QEMU
		/* (QEMU 7.2 writes vscause = 1 for an illegal instruction:
		 * it turns the VS interrupt causes 2, 6, 10 into 1, 5, 9 for
		 * exceptions too) */
		if (cause == CAUSE_ILLEGAL)
			continue;
#endif
		rt_ctx = "trap into VS, cause<<4|mode";
		rt_ctx_n = cause << 4 | mode;
		csr_write(medeleg, 1UL << cause);
		csr_write(CSR_HEDELEG, 1UL << cause);
		csr_write(CSR_HSTATUS, hs_before);
		csr_clear(mstatus, MSTATUS_SPP | MSTATUS_SPIE);
		csr_write(CSR_VSSTATUS, MSTATUS_SIE | (mode ? 0 : MSTATUS_SPP));
		trap_reset();
		/* VU has the VS-level interrupts globally enabled whatever
		 * vsstatus.SIE; none is pending */
		if (cause == CAUSE_ILLEGAL)
			CHECK_EQ(run_v(mode, do_illegal, 5), 6);
		else
			CHECK_EQ(run_v(mode, do_ebreak, 5), 5);
		CHECK_EQ(m_trap.count, 0);
		CHECK_EQ(s_trap.count, 0);
		CHECK_EQ(vs_trap.count, 1);
		CHECK_EQ(vs_trap.cause, cause);
		if (cause == CAUSE_ILLEGAL)
			CHECK(vs_trap.tval == INSN_RD_MSTATUS ||
			      vs_trap.tval == 0);
		else
			CHECK(vs_trap.tval == vs_trap.epc || vs_trap.tval == 0);
		/* vsstatus: SPP = the mode, SPIE = SIE before, SIE = 0 (the
		 * handler's sret made SIE = SPIE and SPIE = 1 since) */
		CHECK_EQ(vs_trap.status &
				 (MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE),
			 (mode == PRV_S ? MSTATUS_SPP : 0) | MSTATUS_SPIE);
		CHECK_EQ(csr_read(CSR_VSSTATUS) &
				 (MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE),
			 MSTATUS_SPIE | MSTATUS_SIE);
		CHECK_EQ(csr_read(CSR_VSCAUSE), cause);
		/* (the handler moved on past the instruction) */
		CHECK_EQ(csr_read(CSR_VSEPC), vs_trap.epc + 4);
		/* HS state untouched */
#ifndef ISA_QEMU
		/* (QEMU 7.2 writes hstatus.GVA on traps into VS) */
		CHECK_EQ(csr_read(CSR_HSTATUS), hs_before);
#endif
		CHECK_EQ(csr_read(mstatus) & (MSTATUS_SPP | MSTATUS_SPIE), 0);
	}
	rt_ctx = 0;

	/* ecall from VU to VS (cause 8) */
	csr_write(medeleg, 1UL << CAUSE_ECALL_U);
	csr_write(CSR_HEDELEG, 1UL << CAUSE_ECALL_U);
	trap_reset();
	run_v(PRV_U, do_ecall, 0);
	CHECK_EQ(m_trap.count, 0);
	CHECK_EQ(vs_trap.count, 1);
	CHECK_EQ(vs_trap.cause, CAUSE_ECALL_U);
	CHECK_EQ(vs_trap.tval, 0);

	/* hedeleg without medeleg: M */
	csr_write(medeleg, 0);
	csr_write(CSR_HEDELEG, 1UL << CAUSE_ILLEGAL);
	trap_reset();
	run_v(PRV_S, do_illegal, 0);
	CHECK_MTRAP_CAUSE(CAUSE_ILLEGAL);
	CHECK_EQ(vs_trap.count, 0);
	/* medeleg and hedeleg, V = 0 before the trap: HS */
	csr_write(medeleg, 1UL << CAUSE_ILLEGAL);
	trap_reset();
	run_mode(PRV_U, do_illegal, 0);
	CHECK_EQ(s_trap.count, 1);
	CHECK_EQ(vs_trap.count, 0);
	CHECK_EQ(m_trap.count, 0);
	trap_reset();
	run_mode(PRV_S, do_illegal, 0);
	CHECK_EQ(s_trap.count, 1);
	CHECK_EQ(vs_trap.count, 0);

	/* what hedeleg cannot delegate goes to HS: ecall from VS (bit 10
	 * read-only zero) */
	csr_write(medeleg, 1UL << CAUSE_ECALL_VS);
	csr_write(CSR_HEDELEG, -1UL);
	trap_reset();
	run_v(PRV_S, do_ecall, 0);
	CHECK_EQ(s_trap.count, 1);
	CHECK_EQ(s_trap.cause, CAUSE_ECALL_VS);
	CHECK_EQ(vs_trap.count, 0);
	csr_write(medeleg, 0);
	csr_write(CSR_HEDELEG, 0);
	csr_write(CSR_HSTATUS, 2UL << HSTATUS_VSXL_SHIFT);
	csr_write(CSR_VSSTATUS, 0);
}

/* A trap into HS from VS returns there by SRET: V comes back from SPV. */
static long illegal_then_ecall(long a)
{
	do_illegal(0);
	do_ecall(0);
	return a;
}

static void test_round_trip(void)
{
	csr_write(medeleg, 1UL << CAUSE_ILLEGAL);
	trap_reset();
	CHECK_EQ(run_v(PRV_S, illegal_then_ecall, 9), 9);
	CHECK_EQ(s_trap.count, 1);
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.cause, CAUSE_ECALL_VS);
	trap_reset();
	CHECK_EQ(run_v(PRV_U, illegal_then_ecall, 9), 9);
	CHECK_EQ(s_trap.count, 1);
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.cause, CAUSE_ECALL_U);
	CHECK(m_trap.status & MSTATUS_MPV);
	csr_write(medeleg, 0);
}

int main(void)
{
	CHECK(has_h());
	if (rt_failures)
		return 0;
	h_quiet();
	test_mret();
	test_sret();
	test_vs_csrs();
	test_trap_hs();
	test_trap_vs();
	test_round_trip();
	return 0;
}
