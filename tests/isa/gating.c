/*
 * A hart --isa made smaller: rv64gc without C and with Zba. misa says
 * exactly that; an instruction of an extension left out is illegal
 * (Zbb, Zicond, Zfh, Zicbom, C, H); CSRs and fields of left-out
 * extensions do not exist or read zero (hstatus, stimecmp, scountovf,
 * the user hpm counters, mstatus.MPV, medeleg's H causes, menvcfg's
 * fields); and without C the hart has IALIGN 32: a jump or taken branch
 * to a 2-mod-4 target raises instruction-address-misaligned on the jump,
 * which writes no link, and xepc bit 1 reads zero. Unprivileged ISA,
 * "Base Integer ISA" (IALIGN); Privileged ISA, "misa".
 * ISA-MARCH: rv64g_zba
 * ISA-HVRUN-ARGS: --isa rv64gc,c=off,zba=on
 * ISA-QEMU-CPU: c=false,h=false,zbb=false,zbs=false,sstc=false,svpbmt=false,svnapot=false,svinval=false
 */
#include "rt.h"

typedef unsigned long u64;

#define MISA_BIT(c) (1UL << ((c) - 'A'))
#define MSTATUS_MPV (1UL << 39)

static void test_misa(void)
{
	CHECK_EQ(csr_read(misa), 2UL << 62 | MISA_BIT('I') | MISA_BIT('M') |
					 MISA_BIT('A') | MISA_BIT('F') |
					 MISA_BIT('D') | MISA_BIT('S') |
					 MISA_BIT('U'));
}

static int skip_word(struct trap_frame *f, unsigned long cause)
{
	if (cause != CAUSE_ILLEGAL)
		return 0;
	m_trap.cause = cause;
	m_trap.tval = csr_read(mtval);
	m_trap.epc = f->epc;
	m_trap.count++;
	f->epc += 4;
	return 1;
}

static void test_instructions(void)
{
	u64 r;

	/* Zba is on */
	asm volatile("sh1add %0, %1, %2" : "=r"(r) : "r"(3UL), "r"(1UL));
	CHECK_EQ(r, 7);
	/* cpop (Zbb), czero.eqz (Zicond), fmv.h.x (Zfh): illegal */
	trap_reset();
	asm volatile(".word 0x60251513"); /* cpop a0, a0 */
	CHECK_MTRAP(CAUSE_ILLEGAL, 0x60251513);
	trap_reset();
	asm volatile(".word 0x0ec5d533"); /* czero.eqz a0, a1, a2 */
	CHECK_MTRAP(CAUSE_ILLEGAL, 0x0ec5d533);
	csr_set(mstatus, MSTATUS_FS);
	trap_reset();
	asm volatile(".word 0xf4058053"); /* fmv.h.x ft0, a1 */
	CHECK_MTRAP(CAUSE_ILLEGAL, 0xf4058053);
	/*
	 * A compressed instruction: illegal, tval its 16 bits. The handler
	 * cannot step 2 bytes (mepc bit 1 reads zero): it steps 4.
	 */
	trap_reset();
	m_trap_hook = skip_word;
	asm volatile(".half 0x0001\n\t.half 0x0001"); /* c.nop twice */
	m_trap_hook = 0;
	CHECK_MTRAP(CAUSE_ILLEGAL, 0x0001);
	/* hlv.b (H) */
	trap_reset();
	asm volatile(".word 0x6005c573" ::: "a0"); /* hlv.b a0, (a1) */
	CHECK_MTRAP(CAUSE_ILLEGAL, 0x6005c573);
}

static void test_csrs(void)
{
	u64 v;

	trap_reset();
	asm volatile("csrr %0, 0x600" : "=r"(v)); /* hstatus */
	CHECK_MTRAP_CAUSE(CAUSE_ILLEGAL);
	trap_reset();
	asm volatile("csrr %0, 0x14d" : "=r"(v)); /* stimecmp */
	CHECK_MTRAP_CAUSE(CAUSE_ILLEGAL);
	trap_reset();
	asm volatile("csrr %0, 0x34b" : "=r"(v)); /* mtval2 */
	CHECK_MTRAP_CAUSE(CAUSE_ILLEGAL);
#ifndef ISA_QEMU
	/* QEMU 7.2 keeps scountovf and the user hpm counters regardless */
	trap_reset();
	asm volatile("csrr %0, 0xda0" : "=r"(v)); /* scountovf */
	CHECK_MTRAP_CAUSE(CAUSE_ILLEGAL);
	trap_reset();
	asm volatile("csrr %0, 0xc03" : "=r"(v)); /* hpmcounter3 */
	CHECK_MTRAP_CAUSE(CAUSE_ILLEGAL);
#endif
	trap_reset();
	(void)csr_read(0xb03); /* mhpmcounter3: M's, always there */
	CHECK_NO_TRAP();
#ifndef ISA_QEMU
	/* QEMU 7.2 with h=false keeps these H fields writable */
	csr_set(mstatus, MSTATUS_MPV);
	CHECK_EQ(csr_read(mstatus) & MSTATUS_MPV, 0);
	csr_write(medeleg, ~0UL);
	CHECK_EQ(csr_read(medeleg) & (1UL << 10 | 0xfUL << 20), 0);
	csr_write(medeleg, 0);
	csr_write(mideleg, ~0UL);
	CHECK_EQ(csr_read(mideleg) & 0x1444, 0); /* VS bits, SGEI */
	csr_write(mideleg, 0);
#endif
#ifndef ISA_QEMU
	/* QEMU 7.2 leaves menvcfg's CBIE, CBCFE and CBZE writable */
	csr_write(CSR_MENVCFG, ~0UL);
	CHECK_EQ(csr_read(CSR_MENVCFG), 1);
	csr_write(CSR_MENVCFG, 0);
#endif
}

static void test_ialign(void)
{
	u64 ra_after, jpc;

#ifndef ISA_QEMU
	/* mepc keeps 4-byte alignment (QEMU 7.2 keeps bit 1) */
	csr_write(mepc, 0x80000002UL);
	CHECK_EQ(csr_read(mepc), 0x80000000UL);
#endif
	/* jalr to 2 mod 4: the fault is the jalr's, ra stays */
	trap_reset();
	asm volatile("la ra, 2f\n\t"
		     "la t0, 2f\n\t"
		     "addi t0, t0, 2\n\t"
		     "1: jalr ra, 0(t0)\n\t"
		     "nop\n\t"
		     "2: mv %0, ra\n\t"
		     "la %1, 1b"
		     : "=r"(ra_after), "=r"(jpc)::"ra", "t0");
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.cause, CAUSE_MISALIGNED_FETCH);
	CHECK_EQ(m_trap.epc, jpc);
	CHECK_EQ(m_trap.tval, jpc + 10);
	CHECK_EQ(ra_after, jpc + 8);
	/* jal +6 and a taken beq +6; a branch not taken does nothing */
	trap_reset();
	asm volatile("la ra, 2f\n\t"
		     "1: .word 0x0060006f\n\t" /* jal x0, +6 */
		     "nop\n\t"
		     "2: la %0, 1b"
		     : "=r"(jpc)::"ra");
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.cause, CAUSE_MISALIGNED_FETCH);
	CHECK_EQ(m_trap.epc, jpc);
#ifndef ISA_QEMU
	/* QEMU 7.2 writes another address than the target to mtval */
	CHECK_EQ(m_trap.tval, jpc + 6);
#endif
	trap_reset();
	asm volatile("la ra, 2f\n\t"
		     ".word 0x00001363\n\t"    /* bne x0, x0, +6 */
		     "1: .word 0x00000363\n\t" /* beq x0, x0, +6 */
		     "nop\n\t"
		     "2: la %0, 1b"
		     : "=r"(jpc)::"ra");
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.cause, CAUSE_MISALIGNED_FETCH);
	CHECK_EQ(m_trap.epc, jpc);
#ifndef ISA_QEMU
	CHECK_EQ(m_trap.tval, jpc + 6);
#endif
}

int main(void)
{
	test_misa();
	test_instructions();
	test_csrs();
	test_ialign();
	return rt_failures ? 1 : 0;
}
