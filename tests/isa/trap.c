/*
 * Exceptions: illegal instruction (mtval = the instruction, 32 and 16
 * bits), ecall from U/S/M, ebreak, misaligned AMO and LR, access faults
 * on fetch/load/store at an address with nothing behind it, delegation to
 * S, MRET/SRET state changes (MPP/MPIE/SPP/SPIE, MPRV), TSR/TVM/TW.
 * RISC-V Privileged ISA, "Machine Trap Delegation Registers", "Machine
 * Cause Register", "Trap-Return Instructions", "Virtualization Support in
 * mstatus Register".
 */
#include "rt.h"

static volatile unsigned long ecall_pc;
static uint64_t amo_word[4] __attribute__((aligned(16)));

static long do_ecall(long a)
{
	unsigned long pc;

	/* a7 = 0: not the runtime's return-from-run_mode call */
	asm volatile("li a7, 0\n\t1: auipc %0, 0\n\tecall"
		     : "=r"(pc)::"a7", "memory");
	ecall_pc = pc + 4;
	return 0;
}

static long do_illegal32(long a)
{
	asm volatile(".word 0x7e000033");
	return 0;
}

static long do_illegal16(long a)
{
	/* c.lui a0, 0: reserved (x1, x3 ... x15 would be Zcmop's c.mop) */
	asm volatile(".half 0x6501");
	return 0;
}

static long do_ebreak(long a)
{
	asm volatile("ebreak");
	return 0;
}

static long do_sret(long a)
{
	asm volatile("la t0, 1f\n\tcsrw sepc, t0\n\tsret\n1:" ::
			     : "t0", "memory");
	return 7;
}

static long do_sret_only(long a)
{
	asm volatile("sret" ::: "memory");
	return 7;
}

static long do_satp(long a)
{
	return csr_read(satp);
}

static long do_sfence(long a)
{
	asm volatile("sfence.vma");
	return 0;
}

static long do_wfi(long a)
{
	asm volatile("wfi");
	return 0;
}

static long read_sstatus(long a)
{
	return csr_read(sstatus);
}

static long do_ret5(long a)
{
	return 5;
}

/* Runs in S: sret to U at do_ret5 with SPIE = a, SIE = 0; U returns
 * through lower_exit to M. */
static long s_to_u(long a)
{
	csr_clear(sstatus, MSTATUS_SPP | MSTATUS_SIE | MSTATUS_SPIE);
	if (a)
		csr_set(sstatus, MSTATUS_SPIE);
	csr_write(sepc, (unsigned long)do_ret5);
	asm volatile("la ra, lower_exit\n\tsret" ::: "ra", "memory");
	return -1;
}

static void s_handler_on(void)
{
	csr_write(stvec, (unsigned long)s_trap_entry);
	csr_write(sscratch, (unsigned long)s_trap_stack_top);
}

static void test_ecall_illegal(void)
{
	unsigned long pc;
	static const unsigned long cause[] = {CAUSE_ECALL_U, CAUSE_ECALL_S, 0,
					      CAUSE_ECALL_M};

	for (int m = 0; m < 4; m++) {
		if (m == 2)
			continue;
		trap_reset();
		run_mode(m, do_ecall, 0);
		CHECK_MTRAP(cause[m], 0);
		CHECK_EQ(m_trap.epc, ecall_pc);
		CHECK_EQ((m_trap.status & MSTATUS_MPP) >> 11, m);
	}
	/* illegal instruction: mtval holds the instruction bits */
	for (int m = 0; m < 4; m++) {
		if (m == 2)
			continue;
		trap_reset();
		run_mode(m, do_illegal32, 0);
		CHECK_MTRAP(CAUSE_ILLEGAL, 0x7e000033);
		trap_reset();
		run_mode(m, do_illegal16, 0);
		CHECK_MTRAP(CAUSE_ILLEGAL, 0x6501);
	}
	trap_reset();
	asm volatile(".half 0x0000");
	CHECK_MTRAP(CAUSE_ILLEGAL, 0);
	/* c.addi4spn with a zero immediate is reserved */
	trap_reset();
	asm volatile(".half 0x0004");
	CHECK_MTRAP(CAUSE_ILLEGAL, 0x0004);
	/* ebreak: cause 3, mepc at the ebreak; mtval 0 or the pc */
	trap_reset();
	asm volatile("1: ebreak\n\tla %0, 1b" : "=r"(pc));
	CHECK_MTRAP_CAUSE(CAUSE_BREAKPOINT);
	CHECK_EQ(m_trap.epc, pc);
	CHECK(m_trap.tval == 0 || m_trap.tval == pc);
	trap_reset();
	run_mode(PRV_U, do_ebreak, 0);
	CHECK_MTRAP_CAUSE(CAUSE_BREAKPOINT);
	/* mret in S or U, sret in U: illegal */
	trap_reset();
	run_mode(PRV_U, do_sret_only, 0);
	CHECK_MTRAP(CAUSE_ILLEGAL, 0x10200073);
}

static long do_mret(long a)
{
	asm volatile("mret" ::: "memory");
	return 0;
}

/* Reserved encodings of otherwise valid instructions. */
static void test_reserved(void)
{
	static const struct {
		uint32_t insn;
		int len;
	} bad[] = {
		{0x0205159b, 4}, /* slliw a1, a0, 32: shamt[5] set */
		{0x4205559b, 4}, /* sraiw a1, a0, 32 */
		{0x0205559b, 4}, /* srliw a1, a0, 32 */
		{0x2001, 2},	 /* c.addiw x0, 0: rd = 0 reserved */
		{0x4002, 2},	 /* c.lwsp x0: rd = 0 reserved */
		{0x6002, 2},	 /* c.ldsp x0: rd = 0 reserved */
		{0x8002, 2},	 /* c.jr x0: reserved */
		{0x6101, 2},	 /* c.addi16sp 0: reserved */
		{0x00000073 | (1 << 20) | (1 << 7), 4}, /* ebreak, rd != 0 */
		{0x3020c073, 4}, /* SYSTEM funct3 = 4, no H load/store */
	};
	static uint32_t buf[4] __attribute__((aligned(16)));

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint16_t *h = (uint16_t *)buf;

		buf[0] = buf[1] = 0;
		if (bad[i].len == 4) {
			buf[0] = bad[i].insn;
			buf[1] = 0x00008067; /* ret */
		} else {
			h[0] = bad[i].insn;
			h[1] = 0x8082; /* c.ret */
		}
		fence_i();
		trap_reset();
		call_addr((unsigned long)buf);
		if (m_trap.count != 1 || m_trap.cause != CAUSE_ILLEGAL ||
		    m_trap.tval != bad[i].insn) {
			printf("reserved %x: traps %lu cause %lx tval %lx\n",
			       bad[i].insn, m_trap.count, m_trap.cause,
			       m_trap.tval);
			CHECK(0);
		}
	}
	/* mret in S and U */
	trap_reset();
	run_mode(PRV_S, do_mret, 0);
	CHECK_MTRAP(CAUSE_ILLEGAL, 0x30200073);
	trap_reset();
	run_mode(PRV_U, do_mret, 0);
	CHECK_MTRAP(CAUSE_ILLEGAL, 0x30200073);
}

static uint64_t precise_buf[2];

/* A faulting instruction in a straight run: what comes before it is
 * done, it writes nothing, mepc points at it. */
static void test_precise(void)
{
	unsigned long a0 = 0, a1 = 0, a2 = 0x1111, pc;

	precise_buf[0] = precise_buf[1] = 0;
	trap_reset();
	asm volatile("li %0, 7\n\t"
		     "sd %0, 0(%4)\n\t"
		     "addi %1, %0, 1\n\t"
		     "1: ld %2, 0(%5)\n\t"
		     "sd %1, 8(%4)\n\t"
		     "la %3, 1b\n\t"
		     : "+&r"(a0), "+&r"(a1), "+&r"(a2), "=&r"(pc)
		     : "r"(precise_buf), "r"(UNMAPPED_PA)
		     : "memory");
	CHECK_MTRAP(CAUSE_LOAD_ACCESS, UNMAPPED_PA);
	CHECK_EQ(m_trap.epc, pc);
	CHECK_EQ(a2, 0x1111);
	CHECK_EQ(precise_buf[0], 7);
	CHECK_EQ(precise_buf[1], 8);
	/* rd == rs1 on a faulting load keeps the address */
	unsigned long p = UNMAPPED_PA + 16;
	trap_reset();
	asm volatile("ld %0, 0(%0)" : "+r"(p)::"memory");
	CHECK_MTRAP(CAUSE_LOAD_ACCESS, UNMAPPED_PA + 16);
	CHECK_EQ(p, UNMAPPED_PA + 16);
}

static void test_access_faults(void)
{
	unsigned long v = 0, a = UNMAPPED_PA;

	trap_reset();
	call_addr(a);
	CHECK_MTRAP(CAUSE_FETCH_ACCESS, a);
	CHECK_EQ(m_trap.epc, a);
	trap_reset();
	asm volatile("ld %0, 8(%1)" : "+r"(v) : "r"(a) : "memory");
	CHECK_MTRAP(CAUSE_LOAD_ACCESS, a + 8);
	trap_reset();
	asm volatile("sw %0, 4(%1)" ::"r"(v), "r"(a) : "memory");
	CHECK_MTRAP(CAUSE_STORE_ACCESS, a + 4);
	trap_reset();
	asm volatile("amoadd.d %0, %0, (%1)" : "+r"(v) : "r"(a) : "memory");
#ifndef ISA_QEMU
	CHECK_MTRAP(CAUSE_STORE_ACCESS, a);
#else
	/* QEMU 7.2 reports an AMO's access fault as a load's */
	CHECK_MTRAP(CAUSE_LOAD_ACCESS, a);
#endif
	trap_reset();
	asm volatile("lb %0, 0(%1)" : "+r"(v) : "r"(0x0UL) : "memory");
	CHECK_MTRAP(CAUSE_LOAD_ACCESS, 0);
	/* above RAM (128 MiB on QEMU, at most a few GiB on hvrun) */
	trap_reset();
	asm volatile("lw %0, 0(%1)" : "+r"(v) : "r"(0x4000000000UL) : "memory");
	CHECK_MTRAP(CAUSE_LOAD_ACCESS, 0x4000000000UL);
}

#ifndef ISA_QEMU
#define AMO_MISALIGNED_OK(c) \
	((c) == CAUSE_MISALIGNED_STORE || (c) == CAUSE_STORE_ACCESS)
#else
/* QEMU 7.2 reports a misaligned AMO as a misaligned load */
#define AMO_MISALIGNED_OK(c) ((c) == CAUSE_MISALIGNED_LOAD)
#endif

static void test_misaligned_amo(void)
{
	unsigned long v = 1;
	unsigned long p = (unsigned long)amo_word;

	/* AMOs and LR/SC never complete misaligned: address-misaligned or
	 * access fault, mtval = the address */
	trap_reset();
	asm volatile("amoadd.w %0, %0, (%1)" : "+r"(v) : "r"(p + 2) : "memory");
	CHECK_EQ(m_trap.count, 1);
	CHECK(AMO_MISALIGNED_OK(m_trap.cause));
	CHECK_EQ(m_trap.tval, p + 2);
	trap_reset();
	asm volatile("amoswap.d %0, %0, (%1)"
		     : "+r"(v)
		     : "r"(p + 4)
		     : "memory");
	CHECK_EQ(m_trap.count, 1);
	CHECK(AMO_MISALIGNED_OK(m_trap.cause));
	CHECK_EQ(m_trap.tval, p + 4);
	trap_reset();
	asm volatile("lr.d %0, (%1)" : "+r"(v) : "r"(p + 1) : "memory");
	CHECK_EQ(m_trap.count, 1);
	CHECK(m_trap.cause == CAUSE_MISALIGNED_LOAD ||
	      m_trap.cause == CAUSE_LOAD_ACCESS);
	CHECK_EQ(m_trap.tval, p + 1);
#ifndef ISA_QEMU
	/* QEMU 7.2 fails such an sc without trapping */
	trap_reset();
	asm volatile("sc.w %0, %0, (%1)" : "+r"(v) : "r"(p + 1) : "memory");
	CHECK_EQ(m_trap.count, 1);
	CHECK(m_trap.cause == CAUSE_MISALIGNED_STORE ||
	      m_trap.cause == CAUSE_STORE_ACCESS);
#endif
	CHECK_EQ(amo_word[0], 0);
}

static void test_delegation(void)
{
	s_handler_on();
	csr_write(medeleg, (1UL << CAUSE_ILLEGAL) | (1UL << CAUSE_BREAKPOINT) |
				   (1UL << CAUSE_ECALL_U));
	/* from U: to S, with scause/stval/sepc and sstatus.SPP = U */
	trap_reset();
	run_mode(PRV_U, do_illegal32, 0);
	CHECK_EQ(m_trap.count, 0);
	CHECK_EQ(s_trap.count, 1);
	CHECK_EQ(s_trap.cause, CAUSE_ILLEGAL);
	CHECK_EQ(s_trap.tval, 0x7e000033);
	CHECK_EQ(s_trap.status & MSTATUS_SPP, 0);
	trap_reset();
	run_mode(PRV_U, do_ecall, 0);
	CHECK_EQ(m_trap.count, 0);
	CHECK_EQ(s_trap.count, 1);
	CHECK_EQ(s_trap.cause, CAUSE_ECALL_U);
	CHECK_EQ(s_trap.epc, ecall_pc);
	/* from S: to S, SPP = S */
	trap_reset();
	run_mode(PRV_S, do_ebreak, 0);
	CHECK_EQ(m_trap.count, 0);
	CHECK_EQ(s_trap.count, 1);
	CHECK_EQ(s_trap.cause, CAUSE_BREAKPOINT);
	CHECK(s_trap.status & MSTATUS_SPP);
	/* ecall from S is not delegated here: to M */
	trap_reset();
	run_mode(PRV_S, do_ecall, 0);
	CHECK_EQ(s_trap.count, 0);
	CHECK_MTRAP(CAUSE_ECALL_S, 0);
	/* traps from M are never delegated */
	trap_reset();
	asm volatile(".word 0x7e000033");
	CHECK_EQ(s_trap.count, 0);
	CHECK_MTRAP(CAUSE_ILLEGAL, 0x7e000033);
	/* an S trap handler's sstatus: SIE -> SPIE, SIE = 0 */
	csr_set(sstatus, MSTATUS_SIE);
	trap_reset();
	run_mode(PRV_S, do_ebreak, 0);
	CHECK_EQ(s_trap.count, 1);
	CHECK_EQ(s_trap.status & (MSTATUS_SIE | MSTATUS_SPIE), MSTATUS_SPIE);
	csr_clear(sstatus, MSTATUS_SIE | MSTATUS_SPIE);
	csr_write(medeleg, 0);
}

static void test_xret(void)
{
	unsigned long st;

	/* MRET: MIE = MPIE, MPIE = 1, MPP = U (least privileged) */
	csr_clear(mstatus, MSTATUS_MIE);
	csr_set(mstatus, MSTATUS_MPIE);
	trap_reset();
	CHECK_EQ(run_mode(PRV_S, do_ret5, 0), 5);
	/* the trap back into M saved S's MIE in MPIE: it was MPIE (1) */
	st = csr_read(mstatus);
	CHECK(st & MSTATUS_MPIE);
	CHECK_EQ((st & MSTATUS_MPP) >> 11, PRV_S);
	CHECK(!(st & MSTATUS_MIE));
	csr_clear(mstatus, MSTATUS_MPIE);
	CHECK_EQ(run_mode(PRV_U, do_ret5, 0), 5);
	st = csr_read(mstatus);
	CHECK(!(st & MSTATUS_MPIE));
	CHECK_EQ((st & MSTATUS_MPP) >> 11, PRV_U);
	/* after an mret in M, MPP reads U and MPIE 1 */
	csr_set(mstatus, MSTATUS_MPP);
	csr_clear(mstatus, MSTATUS_MPIE);
	asm volatile("la t0, 1f\n\tcsrw mepc, t0\n\tmret\n1:" ::
			     : "t0", "memory");
	st = csr_read(mstatus);
	CHECK_EQ(st & MSTATUS_MPP, 0);
	CHECK(st & MSTATUS_MPIE);
	CHECK(!(st & MSTATUS_MIE));
	/* mret to S clears MPRV; to M keeps it */
#ifndef ISA_QEMU
	/* (QEMU 7.2 leaves MPRV set) */
	csr_set(mstatus, MSTATUS_MPRV);
	CHECK_EQ(run_mode(PRV_S, do_ret5, 0), 5);
	CHECK(!(csr_read(mstatus) & MSTATUS_MPRV));
#endif
	csr_set(mstatus, MSTATUS_MPRV | MSTATUS_MPP);
	asm volatile("la t0, 1f\n\tcsrw mepc, t0\n\tmret\n1:" ::
			     : "t0", "memory");
	CHECK(csr_read(mstatus) & MSTATUS_MPRV);
	csr_clear(mstatus, MSTATUS_MPRV);

	/* SRET to U: SIE = SPIE, SPIE = 1, SPP = U */
	CHECK_EQ(run_mode(PRV_S, s_to_u, 1), 5);
	st = csr_read(mstatus);
	CHECK_EQ(st & (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP),
		 MSTATUS_SIE | MSTATUS_SPIE);
	CHECK_EQ((st & MSTATUS_MPP) >> 11, PRV_U);
	CHECK_EQ(run_mode(PRV_S, s_to_u, 0), 5);
	st = csr_read(mstatus);
	CHECK_EQ(st & (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP), MSTATUS_SPIE);
	csr_clear(mstatus, MSTATUS_SIE | MSTATUS_SPIE);
	/* SRET to S (SPP = S), from S: stays in S, SPP becomes U */
	csr_set(mstatus, MSTATUS_SPP);
	trap_reset();
	CHECK_EQ(run_mode(PRV_S, do_sret, 0), 7);
	CHECK_NO_TRAP();
	CHECK_EQ((csr_read(mstatus) & MSTATUS_MPP) >> 11, PRV_S);
	CHECK_EQ(csr_read(mstatus) & MSTATUS_SPP, 0);
	/* SRET in M works too: to S here (SPP = S), which returns to M
	 * through lower_exit */
	csr_set(mstatus, MSTATUS_SPP);
	trap_reset();
	CHECK_EQ(run_mode(PRV_M, do_sret, 0), 7);
	CHECK_NO_TRAP();
	CHECK_EQ((csr_read(mstatus) & MSTATUS_MPP) >> 11, PRV_S);
	CHECK_EQ(run_mode(PRV_S, read_sstatus, 0) & MSTATUS_SPP, 0);
}

static void test_tsr_tvm_tw(void)
{
	/* TSR: sret in S is illegal; in M it is not */
	csr_set(mstatus, MSTATUS_TSR);
	trap_reset();
	run_mode(PRV_S, do_sret, 0);
	CHECK_MTRAP(CAUSE_ILLEGAL, 0x10200073);
	trap_reset();
	csr_set(mstatus, MSTATUS_SPP);
	CHECK_EQ(run_mode(PRV_M, do_sret, 0), 7);
	CHECK_NO_TRAP();
	csr_clear(mstatus, MSTATUS_TSR);
	trap_reset();
	run_mode(PRV_S, do_sret, 0);
	CHECK_NO_TRAP();

	/* TVM: satp and sfence.vma in S are illegal */
	csr_set(mstatus, MSTATUS_TVM);
	trap_reset();
	run_mode(PRV_S, do_satp, 0);
	CHECK_MTRAP(CAUSE_ILLEGAL, 0x18002573);
	trap_reset();
	run_mode(PRV_S, do_sfence, 0);
	CHECK_MTRAP(CAUSE_ILLEGAL, 0x12000073);
	trap_reset();
	(void)csr_read(satp);
	asm volatile("sfence.vma");
	CHECK_NO_TRAP();
	csr_clear(mstatus, MSTATUS_TVM);
	trap_reset();
	run_mode(PRV_S, do_satp, 0);
	run_mode(PRV_S, do_sfence, 0);
	CHECK_NO_TRAP();
	/* sfence.vma in U is always illegal */
	trap_reset();
	run_mode(PRV_U, do_sfence, 0);
	CHECK_MTRAP(CAUSE_ILLEGAL, 0x12000073);

	/* TW: wfi in S is illegal (without TW it would wait) */
	csr_set(mstatus, MSTATUS_TW);
	trap_reset();
	run_mode(PRV_S, do_wfi, 0);
	CHECK_MTRAP(CAUSE_ILLEGAL, 0x10500073);
	csr_clear(mstatus, MSTATUS_TW);
}

int main(void)
{
	test_ecall_illegal();
	test_reserved();
	test_precise();
	test_access_faults();
	test_misaligned_amo();
	test_delegation();
	test_xret();
	test_tsr_tvm_tw();
	return 0;
}
