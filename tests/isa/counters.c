/*
 * Hardware performance counters and their events (accel/dbt/pmu.h:
 * instructions 2, cycles 1, branches and jumps 5, loads 0x10000, stores
 * 0x10002, DTLB load/store misses 0x10019/0x1001b, ITLB misses 0x10021),
 * mhpmevent's WARL field, mcountinhibit, and Sscofpmf: the xINH mode
 * filters, the OF bit and the local counter-overflow interrupt (13),
 * its delegation, scountovf and its access rules. Privileged ISA
 * "Hardware Performance Monitor" and "Sscofpmf".
 * ISA-QEMU: skip QEMU 7.2's hpm counters count no exact events (its cycles and instructions follow host time without -icount)
 */
#include "rt.h"

typedef unsigned long u64;

#define MHPMEVENT3 0x323
#define MHPMEVENT4 0x324
#define MHPMCOUNTER3 0xb03
#define MHPMCOUNTER4 0xb04
#define HPMCOUNTER3 0xc03
#define SCOUNTOVF 0xda0
#define MCOUNTEREN 0x306
#define IRQ_LCOF 13
#define OF (1UL << 63)
#define MINH (1UL << 62)
#define SINH (1UL << 61)
#define UINH (1UL << 60)

#define EV_CYCLES 0x1
#define EV_INSNS 0x2
#define EV_BRANCHES 0x5
#define EV_LOADS 0x10000
#define EV_STORES 0x10002
#define EV_DTLB_LOAD 0x10019
#define EV_DTLB_STORE 0x1001b
#define EV_ITLB 0x10021

static void test_warl(void)
{
	static const u64 events[] = {EV_CYCLES,	    EV_INSNS,  EV_BRANCHES,
				     EV_LOADS,	    EV_STORES, EV_DTLB_LOAD,
				     EV_DTLB_STORE, EV_ITLB};

	for (unsigned i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
		csr_write(MHPMEVENT3, events[i]);
		CHECK_EQ(csr_read(MHPMEVENT3), events[i]);
	}
	/* no such event: no event at all */
	csr_write(MHPMEVENT3, 0x3);
	CHECK_EQ(csr_read(MHPMEVENT3), 0);
	csr_write(MHPMEVENT3, 0x12345);
	CHECK_EQ(csr_read(MHPMEVENT3), 0);
	/* OF and the xINH bits are writable; bits 57:56 are WPRI */
	csr_write(MHPMEVENT3, ~0UL);
	CHECK_EQ(csr_read(MHPMEVENT3), 0xfc00000000000000UL);
	csr_write(MHPMEVENT3, 0);
	/* mcountinhibit: every counter but time */
	csr_write(CSR_MCOUNTINHIBIT, ~0UL);
	CHECK_EQ(csr_read(CSR_MCOUNTINHIBIT), 0xfffffffdUL);
	csr_write(CSR_MCOUNTINHIBIT, 0);
	/* the counters hold what is written */
	csr_write(MHPMCOUNTER3, 0x123456789UL);
	CHECK_EQ(csr_read(MHPMCOUNTER3), 0x123456789UL);
}

static void test_counting(void)
{
	u64 n;

	/* instructions: the write's own retirement does not count */
	csr_write(MHPMEVENT3, EV_INSNS);
	asm volatile("csrw 0xb03, zero\n\tnop\n\tnop\n\taddi x0, x0, 1\n\t"
		     "csrr %0, 0xb03"
		     : "=r"(n));
	CHECK_EQ(n, 3);
	csr_write(MHPMEVENT3, EV_CYCLES);
	asm volatile("csrw 0xb03, zero\n\tnop\n\tnop\n\tcsrr %0, 0xb03"
		     : "=r"(n));
	CHECK_EQ(n, 2);
	/* branches and jumps: 10 bnez, one j */
	csr_write(MHPMEVENT3, EV_BRANCHES);
	asm volatile("li t0, 10\n\tcsrw 0xb03, zero\n\t"
		     "1: addi t0, t0, -1\n\tbnez t0, 1b\n\tj 2f\n\t2:\n\t"
		     "csrr %0, 0xb03"
		     : "=r"(n)::"t0");
	CHECK_EQ(n, 11);
	/* loads (an AMO reads and writes) and stores */
	static volatile u64 cell[4];
	csr_write(MHPMEVENT3, EV_LOADS);
	csr_write(MHPMEVENT4, EV_STORES);
	asm volatile("csrw 0xb03, zero\n\tcsrw 0xb04, zero\n\t"
		     "ld t0, 0(%2)\n\tlw t0, 8(%2)\n\tlbu t0, 16(%2)\n\t"
		     "sd t0, 0(%2)\n\tsb t0, 24(%2)\n\t"
		     "amoadd.d t0, t0, (%2)\n\t"
		     "csrr %0, 0xb03\n\tcsrr %1, 0xb04"
		     : "=&r"(n), "=&r"(cell[3])
		     : "r"(cell)
		     : "t0", "memory");
	CHECK_EQ(n, 4);
	CHECK_EQ(cell[3], 3);
	/* mcountinhibit stops counter 3 alone */
	csr_write(MHPMEVENT3, EV_INSNS);
	csr_write(MHPMEVENT4, EV_INSNS);
	csr_write(CSR_MCOUNTINHIBIT, 1UL << 3);
	csr_write(MHPMCOUNTER3, 0);
	csr_write(MHPMCOUNTER4, 0);
	asm volatile("nop\n\tnop");
	n = csr_read(MHPMCOUNTER3);
	CHECK_EQ(n, 0);
	CHECK(csr_read(MHPMCOUNTER4) >= 3);
	csr_write(CSR_MCOUNTINHIBIT, 0);
	csr_write(MHPMEVENT4, 0);
}

/* 256 pages above the program: fresh translations. */
static void test_tlb(void)
{
	volatile char *p = (volatile char *)(((u64)_end + 0x200000) & ~0xfffUL);
	u64 n, m;

	csr_write(MHPMEVENT3, EV_DTLB_LOAD);
	csr_write(MHPMEVENT4, EV_DTLB_STORE);
	csr_write(MHPMCOUNTER3, 0);
	csr_write(MHPMCOUNTER4, 0);
	for (int i = 0; i < 256; i++)
		(void)p[i * 4096];
	n = csr_read(MHPMCOUNTER3);
	m = csr_read(MHPMCOUNTER4);
	/* one miss a page, and the few of the loop's own data */
	CHECK(n >= 256 && n < 256 + 16);
	CHECK(m < 16);
	/* again: the pages are in the TLB now */
	csr_write(MHPMCOUNTER3, 0);
	for (int i = 0; i < 256; i++)
		(void)p[i * 4096];
	CHECK(csr_read(MHPMCOUNTER3) < 16);
	/* stores to 64 other fresh pages */
	csr_write(MHPMCOUNTER4, 0);
	for (int i = 0; i < 64; i++)
		p[(512 + i) * 4096] = 1;
	m = csr_read(MHPMCOUNTER4);
	CHECK(m >= 64 && m < 64 + 16);
	csr_write(MHPMEVENT3, 0);
	csr_write(MHPMEVENT4, 0);
}

static long count_in_s(long a)
{
	asm volatile("nop\n\tnop\n\tnop\n\tnop");
	return 0;
}

static void test_filters(void)
{
	u64 n;

	/* MINH: nothing counted in M */
	csr_write(MHPMEVENT3, EV_INSNS | MINH);
	asm volatile("csrw 0xb03, zero\n\tnop\n\tnop\n\tcsrr %0, 0xb03"
		     : "=r"(n));
	CHECK_EQ(n, 0);
	/* ... but in S it is */
	csr_write(MHPMCOUNTER3, 0);
	run_mode(PRV_S, count_in_s, 0);
	n = csr_read(MHPMCOUNTER3);
	CHECK(n >= 4 && n < 100);
	/* SINH: S is not counted, U is */
	csr_write(MHPMEVENT3, EV_INSNS | MINH | SINH);
	csr_write(MHPMCOUNTER3, 0);
	run_mode(PRV_S, count_in_s, 0);
	CHECK_EQ(csr_read(MHPMCOUNTER3), 0);
	run_mode(PRV_U, count_in_s, 0);
	n = csr_read(MHPMCOUNTER3);
	CHECK(n >= 4 && n < 100);
	csr_write(MHPMEVENT3, EV_INSNS | MINH | UINH);
	csr_write(MHPMCOUNTER3, 0);
	run_mode(PRV_U, count_in_s, 0);
	CHECK_EQ(csr_read(MHPMCOUNTER3), 0);
	csr_write(MHPMEVENT3, 0);
}

static void spin(int n)
{
	for (volatile int i = 0; i < n; i++)
		;
}

static volatile long spun, spun_at_irq;

/* Where the loop of test_overflow() was when the interrupt came. */
static int note_spun(struct trap_frame *f, unsigned long cause)
{
	if (cause == (CAUSE_INTR | IRQ_LCOF))
		spun_at_irq = spun;
	return 0;
}

static void test_overflow(void)
{
	trap_reset();
	irq_seq_len = 0;
	/* a write never overflows, even to all ones with OF clear */
	csr_write(MHPMEVENT3, EV_INSNS | MINH);
	csr_write(MHPMCOUNTER3, -1UL);
	csr_set(mie, 1UL << IRQ_LCOF);
	csr_set(mstatus, MSTATUS_MIE);
	spin(10);
	CHECK_EQ(m_trap.count, 0);
	CHECK_EQ(csr_read(mip) & (1UL << IRQ_LCOF), 0);
	/* counting in M past all ones: OF, LCOFIP, the interrupt */
	csr_write(MHPMEVENT3, EV_INSNS);
	csr_write(MHPMCOUNTER3, -20UL);
	spin(100);
	csr_clear(mstatus, MSTATUS_MIE);
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.cause, CAUSE_INTR | IRQ_LCOF);
	CHECK(csr_read(MHPMEVENT3) & OF);
	CHECK(csr_read(MHPMCOUNTER3) < 1000);
	CHECK_EQ(csr_read(SCOUNTOVF), 1UL << 3);
	/*
	 * In a loop that has run before (a translator has it linked to
	 * itself by now): the interrupt comes in the first iterations, not
	 * when the loop is over.
	 */
	for (int round = 0; round < 2; round++) {
		csr_write(MHPMEVENT3, EV_INSNS);
		csr_write(MHPMCOUNTER3, round ? -40UL : 0);
		spun_at_irq = -1;
		m_trap_hook = note_spun;
		csr_set(mstatus, MSTATUS_MIE);
		for (spun = 0; spun < 1000; spun++)
			;
		csr_clear(mstatus, MSTATUS_MIE);
		m_trap_hook = 0;
	}
	CHECK_EQ(m_trap.count, 2);
	CHECK_EQ(m_trap.cause, CAUSE_INTR | IRQ_LCOF);
	CHECK(spun_at_irq >= 0 && spun_at_irq < 50);
	/* wrapping again with OF set: no interrupt */
	csr_write(MHPMCOUNTER3, -20UL);
	csr_set(mstatus, MSTATUS_MIE);
	spin(100);
	csr_clear(mstatus, MSTATUS_MIE);
	CHECK_EQ(m_trap.count, 2);
	csr_write(MHPMEVENT3, 0);
	CHECK_EQ(csr_read(SCOUNTOVF), 0);
	csr_clear(mie, 1UL << IRQ_LCOF);
}

static long read_scountovf(long a)
{
	return csr_read(SCOUNTOVF);
}

static long read_hpm3(long a)
{
	return csr_read(HPMCOUNTER3);
}

static long s_clear_lcofip(long a)
{
	u64 v = csr_read(sip) & (1UL << IRQ_LCOF);

	csr_clear(sip, 1UL << IRQ_LCOF);
	return v | (csr_read(sip) & (1UL << IRQ_LCOF)) << 1;
}

static void test_s_view(void)
{
	long v;

	/* scountovf: S sees the bits mcounteren gives it; U cannot read */
	csr_write(MHPMEVENT3, OF | EV_INSNS | MINH);
	csr_write(MHPMEVENT4, OF | EV_INSNS | MINH);
	csr_write(MCOUNTEREN, 1UL << 3);
	CHECK_EQ(run_mode(PRV_S, read_scountovf, 0), 1UL << 3);
	CHECK_EQ(csr_read(SCOUNTOVF), 3UL << 3);
	trap_reset();
	run_mode(PRV_U, read_scountovf, 0);
	CHECK_MTRAP_CAUSE(CAUSE_ILLEGAL);
	/* hpmcounter3 from S follows mcounteren (no event: it holds) */
	csr_write(MHPMEVENT3, 0);
	csr_write(MHPMCOUNTER3, 77);
	CHECK_EQ(run_mode(PRV_S, read_hpm3, 0), 77);
	csr_write(MCOUNTEREN, 0);
	trap_reset();
	run_mode(PRV_S, read_hpm3, 0);
	CHECK_MTRAP_CAUSE(CAUSE_ILLEGAL);
	csr_write(MHPMEVENT3, 0);
	csr_write(MHPMEVENT4, 0);
	/* LCOFI delegated: S sees sip.LCOFIP and clears it */
	csr_set(mideleg, 1UL << IRQ_LCOF);
	CHECK(csr_read(mideleg) & (1UL << IRQ_LCOF));
	csr_set(mip, 1UL << IRQ_LCOF);
	v = run_mode(PRV_S, s_clear_lcofip, 0);
	CHECK_EQ(v, 1UL << IRQ_LCOF);
	CHECK_EQ(csr_read(mip) & (1UL << IRQ_LCOF), 0);
	csr_clear(mideleg, 1UL << IRQ_LCOF);
}

int main(void)
{
	test_warl();
	test_counting();
	test_tlb();
	test_filters();
	test_overflow();
	test_s_view();
	return rt_failures ? 1 : 0;
}
