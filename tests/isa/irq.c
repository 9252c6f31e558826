/*
 * Interrupts: CLINT msip (software) and mtimecmp (timer, with wfi),
 * Sstc stimecmp, delegation of S interrupts, M interrupts taken in lower
 * modes whatever mstatus.MIE, priority among several pending, vectored
 * entry. RISC-V Privileged ISA, "Machine Interrupt Registers (mip and
 * mie)", "Machine Trap-Vector Base-Address Register", "Wait for
 * Interrupt", "Sstc"; ACLINT (CLINT) register map.
 *
 * Inside #ifndef ISA_QEMU: the priority order (QEMU 7.2 takes pending
 * interrupts lowest number first).
 * ISA-QEMU: virt (Sstc needs the time CSR, which QEMU's spike lacks)
 */
#include "rt.h"

static volatile int s_flag;

/* Timer deadlines: 10 ms at QEMU's 10 MHz, long enough for the code that
 * arms the timer to reach the instruction that waits, even on a loaded
 * host. */
#define DELAY 100000

static unsigned long mtime(void)
{
	return *CLINT_MTIME;
}

static long spin(long n)
{
	for (volatile long i = 0; i < n; i++)
		;
	return 0;
}

static long s_spin_sie(long n)
{
	csr_set(sstatus, MSTATUS_SIE);
	for (volatile long i = 0; i < n && !s_trap.count; i++)
		;
	csr_clear(sstatus, MSTATUS_SIE);
	return s_trap.count;
}

static void quiet(void)
{
	csr_clear(mstatus, MSTATUS_MIE);
	csr_write(mie, 0);
	csr_write(mip, 0);
	csr_write(mideleg, 0);
	*CLINT_MSIP = 0;
	*CLINT_MTIMECMP = -1UL;
	csr_write(mtvec, (unsigned long)m_trap_entry);
}

static void test_msip(void)
{
	quiet();
	trap_reset();
	/* pending but disabled: nothing taken, mip.MSIP visible */
	*CLINT_MSIP = 1;
	CHECK_EQ(*CLINT_MSIP, 1);
	spin(100);
	CHECK_EQ(m_trap.count, 0);
	CHECK(csr_read(mip) & (1UL << IRQ_MSI));
	/* mie.MSIE but mstatus.MIE = 0 in M: still nothing */
	csr_set(mie, 1UL << IRQ_MSI);
	spin(100);
	CHECK_EQ(m_trap.count, 0);
	/* MIE = 1: taken, once (the handler clears msip) */
	csr_set(mstatus, MSTATUS_MIE);
	spin(100);
	csr_clear(mstatus, MSTATUS_MIE);
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.cause, CAUSE_INTR | IRQ_MSI);
	CHECK_EQ(*CLINT_MSIP, 0);
	CHECK(!(csr_read(mip) & (1UL << IRQ_MSI)));
	/* in S, an M interrupt is taken even with mstatus.MIE = 0 */
	trap_reset();
	*CLINT_MSIP = 1;
	run_mode(PRV_S, spin, 1000);
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.cause, CAUSE_INTR | IRQ_MSI);
	quiet();
}

static void test_mtimer(void)
{
	unsigned long t;

	quiet();
	trap_reset();
	/* mtime moves */
	t = mtime();
	spin(1000);
	CHECK(mtime() > t);
	/* wfi with mstatus.MIE = 0 wakes on the pending timer, no trap */
	csr_set(mie, 1UL << IRQ_MTI);
	*CLINT_MTIMECMP = mtime() + DELAY;
	CHECK(!(csr_read(mip) & (1UL << IRQ_MTI)));
	for (int i = 0; i < 1000 && !(csr_read(mip) & (1UL << IRQ_MTI)); i++)
		asm volatile("wfi");
	CHECK(csr_read(mip) & (1UL << IRQ_MTI));
	CHECK(mtime() >= *CLINT_MTIMECMP);
	CHECK_EQ(m_trap.count, 0);
	/* writing mtimecmp ahead clears MTIP */
	*CLINT_MTIMECMP = mtime() + 100000000;
	CHECK(!(csr_read(mip) & (1UL << IRQ_MTI)));
	/* with MIE = 1, wfi then the interrupt */
	*CLINT_MTIMECMP = mtime() + DELAY;
	csr_set(mstatus, MSTATUS_MIE);
	for (int i = 0; i < 1000 && !m_trap.count; i++)
		asm volatile("wfi");
	csr_clear(mstatus, MSTATUS_MIE);
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.cause, CAUSE_INTR | IRQ_MTI);
	quiet();
}

static long wfi_s(long a)
{
	unsigned long pc;

	asm volatile("wfi\n\t1: auipc %0, 0" : "=r"(pc)::"memory");
	return pc;
}

static long nothing(long a)
{
	return 3;
}

/* An interrupt made takeable by a CSR write is taken before the next
 * instruction; one pending at an mret into S at S's first instruction;
 * wfi in S wakes for an M interrupt, which returns after the wfi. */
static void test_precise(void)
{
	unsigned long pc;

	quiet();
	trap_reset();
	csr_set(mie, 1UL << IRQ_MSI);
	*CLINT_MSIP = 1;
	asm volatile("csrs mstatus, %1\n\t"
		     "1: auipc %0, 0\n\t"
		     "csrc mstatus, %1"
		     : "=&r"(pc)
		     : "r"(MSTATUS_MIE)
		     : "memory");
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.epc, pc);
	trap_reset();
	*CLINT_MSIP = 1;
	CHECK_EQ(run_mode(PRV_S, nothing, 0), 3);
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.epc, (unsigned long)nothing);
	/* mie written while MIE = 1 */
	trap_reset();
	csr_write(mie, 0);
	*CLINT_MSIP = 1;
	csr_set(mstatus, MSTATUS_MIE);
	asm volatile("csrs mie, %1\n\t"
		     "1: auipc %0, 0\n\t"
		     "csrc mstatus, %2"
		     : "=&r"(pc)
		     : "r"(1UL << IRQ_MSI), "r"(MSTATUS_MIE)
		     : "memory");
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.epc, pc);
	/* wfi in S (TW = 0) */
	quiet();
	trap_reset();
	csr_set(mie, 1UL << IRQ_MTI);
	*CLINT_MTIMECMP = mtime() + DELAY;
	pc = run_mode(PRV_S, wfi_s, 0);
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.cause, CAUSE_INTR | IRQ_MTI);
	CHECK_EQ(m_trap.epc, pc);
	quiet();
}

static int loop_hook(struct trap_frame *f, unsigned long cause)
{
	extern char loop_top[], loop_out[];

	if (cause != (CAUSE_INTR | IRQ_MTI))
		return 0;
	if (f->epc != (unsigned long)loop_top) {
		/* too early, the loop is yet to come: again a bit later */
		*CLINT_MTIMECMP = *CLINT_MTIME + 1000;
		return 1;
	}
	*CLINT_MTIMECMP = -1UL;
	m_trap.count++;
	f->epc = (unsigned long)loop_out;
	return 1;
}

static __attribute__((noinline, noclone)) long tight_loop(long a)
{
	asm volatile(".globl loop_top\nloop_top: j loop_top\n\t"
		     ".globl loop_out\nloop_out:" ::
			     : "memory");
	return 1;
}

/* A timer interrupt ends a loop that touches nothing: the hart must look
 * for interrupts on a backward jump too. In M (MIE = 1) and in U. */
static void test_loop(void)
{
	quiet();
	trap_reset();
	m_trap_hook = loop_hook;
	csr_set(mie, 1UL << IRQ_MTI);
	*CLINT_MTIMECMP = mtime() + 5000;
	csr_set(mstatus, MSTATUS_MIE);
	tight_loop(0);
	csr_clear(mstatus, MSTATUS_MIE);
	CHECK_EQ(m_trap.count, 1);
	*CLINT_MTIMECMP = mtime() + 5000;
	CHECK_EQ(run_mode(PRV_U, tight_loop, 0), 1);
	CHECK_EQ(m_trap.count, 2);
	m_trap_hook = 0;
	quiet();
}

/* The CLINT's registers also take 32-bit accesses. */
static void test_clint_words(void)
{
	volatile uint32_t *cmp = (volatile uint32_t *)CLINT_MTIMECMP;
	volatile uint32_t *tm = (volatile uint32_t *)CLINT_MTIME;
	unsigned long t, lo, hi;

	quiet();
	cmp[0] = 0x89abcdef;
	cmp[1] = 0x01234567;
	CHECK_EQ(*CLINT_MTIMECMP, 0x0123456789abcdefUL);
	CHECK_EQ(cmp[1], 0x01234567);
	*CLINT_MTIMECMP = -1UL;
	do {
		hi = tm[1];
		lo = tm[0];
	} while (tm[1] != hi);
	t = (hi << 32) | lo;
	CHECK(t <= mtime());
	CHECK(mtime() - t < 100000000);
	quiet();
}

static void test_vectored(void)
{
	quiet();
	trap_reset();
	csr_write(mtvec, (unsigned long)m_vector_table | 1);
	csr_set(mie, 1UL << IRQ_MSI);
	*CLINT_MSIP = 1;
	csr_set(mstatus, MSTATUS_MIE);
	spin(100);
	csr_clear(mstatus, MSTATUS_MIE);
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(rt_last_vector, IRQ_MSI);
	/* exceptions use the base */
	trap_reset();
	asm volatile("ebreak");
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(rt_last_vector, 0);
	/* timer: entry 7 */
	trap_reset();
	csr_set(mie, 1UL << IRQ_MTI);
	*CLINT_MTIMECMP = 0;
	csr_set(mstatus, MSTATUS_MIE);
	spin(100);
	csr_clear(mstatus, MSTATUS_MIE);
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(rt_last_vector, IRQ_MTI);
	quiet();
}

static void test_priority(void)
{
	quiet();
	trap_reset();
	/* all of MSI, MTI, SEI, SSI, STI pending and enabled at once, none
	 * delegated: taken in the order MSI, MTI, SEI, SSI, STI */
	csr_write(CSR_MENVCFG, 0);
	csr_write(mip, (1UL << IRQ_SSI) | (1UL << IRQ_STI) | (1UL << IRQ_SEI));
	*CLINT_MSIP = 1;
	*CLINT_MTIMECMP = 0;
	csr_write(mie, 0xaaa);
	spin(10);
	CHECK_EQ(m_trap.count, 0);
	csr_set(mstatus, MSTATUS_MIE);
	spin(100);
	csr_clear(mstatus, MSTATUS_MIE);
	CHECK_EQ(irq_seq_len, 5);
#ifndef ISA_QEMU
	CHECK_EQ(irq_seq[0], IRQ_MSI);
	CHECK_EQ(irq_seq[1], IRQ_MTI);
	CHECK_EQ(irq_seq[2], IRQ_SEI);
	CHECK_EQ(irq_seq[3], IRQ_SSI);
	CHECK_EQ(irq_seq[4], IRQ_STI);
#endif
	/* an M interrupt goes before an S one even if the S one is pending
	 * longer; S ones in S priority: SEI > SSI > STI */
	quiet();
	trap_reset();
	csr_write(mip, (1UL << IRQ_STI) | (1UL << IRQ_SSI));
	csr_write(mie, 0xaaa);
	*CLINT_MTIMECMP = 0;
	csr_set(mstatus, MSTATUS_MIE);
	spin(100);
	csr_clear(mstatus, MSTATUS_MIE);
	CHECK_EQ(irq_seq_len, 3);
#ifndef ISA_QEMU
	CHECK_EQ(irq_seq[0], IRQ_MTI);
	CHECK_EQ(irq_seq[1], IRQ_SSI);
	CHECK_EQ(irq_seq[2], IRQ_STI);
#endif
	quiet();
}

static void test_delegated(void)
{
	quiet();
	trap_reset();
	csr_write(stvec, (unsigned long)s_trap_entry);
	csr_write(sscratch, (unsigned long)s_trap_stack_top);
	csr_write(mideleg,
		  (1UL << IRQ_SSI) | (1UL << IRQ_STI) | (1UL << IRQ_SEI));
	csr_write(mie, (1UL << IRQ_SSI));
	csr_write(mip, 1UL << IRQ_SSI);
	/* delegated: not taken in M even with MIE = 1 */
	csr_set(mstatus, MSTATUS_MIE);
	spin(100);
	csr_clear(mstatus, MSTATUS_MIE);
	CHECK_EQ(m_trap.count, 0);
	CHECK_EQ(s_trap.count, 0);
	/* in S with SIE = 0: held */
	run_mode(PRV_S, spin, 100);
	CHECK_EQ(s_trap.count, 0);
	/* in S with SIE = 1: taken in S */
	CHECK_EQ(run_mode(PRV_S, s_spin_sie, 100000), 1);
	CHECK_EQ(s_trap.cause, CAUSE_INTR | IRQ_SSI);
	CHECK_EQ(m_trap.count, 0);
	CHECK(!(csr_read(mip) & (1UL << IRQ_SSI)));
	/* in U: taken in S whatever SIE */
	trap_reset();
	csr_clear(mstatus, MSTATUS_SIE);
	csr_write(mip, 1UL << IRQ_SSI);
	run_mode(PRV_U, spin, 1000);
	CHECK_EQ(s_trap.count, 1);
	CHECK_EQ(s_trap.cause, CAUSE_INTR | IRQ_SSI);
	CHECK_EQ(s_trap.status & MSTATUS_SPP, 0);
	/* not delegated and pending while in S: M takes it */
	trap_reset();
	csr_write(mideleg, 0);
	csr_write(mip, 1UL << IRQ_SEI);
	csr_write(mie, 1UL << IRQ_SEI);
	run_mode(PRV_S, spin, 1000);
	CHECK_EQ(s_trap.count, 0);
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.cause, CAUSE_INTR | IRQ_SEI);
	CHECK_EQ((m_trap.status & MSTATUS_MPP) >> 11, PRV_S);
	quiet();
	(void)s_flag;
}

static void test_sstc(void)
{
	unsigned long t;

	quiet();
	trap_reset();
	/* time is the CLINT's mtime */
	t = mtime();
	unsigned long tc = csr_read(time);
	CHECK(t <= tc && tc <= mtime());
	csr_write(CSR_MENVCFG, 1UL << 63);
	csr_write(mcounteren, 2); /* TM: S may use time and stimecmp */
	csr_write(CSR_STIMECMP, -1UL);
	CHECK_EQ(csr_read(CSR_STIMECMP), -1UL);
	CHECK(!(csr_read(mip) & (1UL << IRQ_STI)));
	/* STIP follows time >= stimecmp and is not writable */
	csr_write(CSR_STIMECMP, 0);
	CHECK(csr_read(mip) & (1UL << IRQ_STI));
	csr_clear(mip, 1UL << IRQ_STI);
	CHECK(csr_read(mip) & (1UL << IRQ_STI));
	csr_write(CSR_STIMECMP, -1UL);
	CHECK(!(csr_read(mip) & (1UL << IRQ_STI)));
	/* delegated to S: an S timer interrupt a little later */
	csr_write(stvec, (unsigned long)s_trap_entry);
	csr_write(sscratch, (unsigned long)s_trap_stack_top);
	csr_write(mideleg, 1UL << IRQ_STI);
	csr_write(mie, 1UL << IRQ_STI);
	t = csr_read(time);
	csr_write(CSR_STIMECMP, t + 2000);
	CHECK_EQ(run_mode(PRV_S, s_spin_sie, 100000000), 1);
	CHECK_EQ(s_trap.cause, CAUSE_INTR | IRQ_STI);
	CHECK(csr_read(time) >= t + 2000);
	CHECK_EQ(m_trap.count, 0);
	/* menvcfg.STCE = 0: stimecmp is illegal in S */
	csr_write(CSR_MENVCFG, 0);
	trap_reset();
	CHECK_EQ(run_mode(PRV_S, s_spin_sie, 1), 0);
	CHECK_EQ(m_trap.count, 0);
	csr_write(mcounteren, 0);
	quiet();
}

int main(void)
{
	test_msip();
	test_mtimer();
	test_precise();
	test_loop();
	test_clint_words();
	test_vectored();
	test_priority();
	test_delegated();
	test_sstc();
	return 0;
}
