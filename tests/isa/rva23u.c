/*
 * The small unprivileged extensions of RVA23U64: Zcb (its loads, stores
 * and register forms), Zimop (mop.r.n and mop.rr.n write 0 to rd),
 * Zcmop (c.mop.n writes nothing), Zawrs (wrs.nto and wrs.sto complete,
 * with a reservation or without, and keep it), Zicbop (prefetches never
 * trap, even on addresses with nothing behind them), Zihintntl (the
 * ntl hints are no-ops). Unprivileged ISA chapters "Zc*", "Zimop",
 * "Zawrs", "CMO" and "Zihintntl". GNU as 2.40 knows neither Zcb nor Zimop
 * nor Zihintntl: those are written as .half/.word.
 * ISA-QEMU: skip QEMU 7.2 has no Zcb, Zimop, Zcmop, Zihintntl
 * ISA-MARCH: rv64gc_zba_zbb_zbs_zicbom_zicboz_zawrs_zicbop
 */
#include "rt.h"

typedef unsigned long u64;

static volatile unsigned char buf[16] = {0x81, 0x82, 0x83, 0x84,
					 0xf5, 0x86, 0x87, 0x88};

static void test_zcb(void)
{
	u64 r;

	/* c.lbu a0,3(a1): 100 000 011(a1'=x11) 1 1 010(a0') 00 */
	asm volatile("mv a1, %1\n\t.half 0x81e8\n\tmv %0, a0"
		     : "=r"(r)
		     : "r"(buf)
		     : "a0", "a1");
	CHECK_EQ(r, 0x84);
	/* c.lhu a0,2(a1) and c.lh a0,2(a1) */
	asm volatile("mv a1, %1\n\t.half 0x85a8\n\tmv %0, a0"
		     : "=r"(r)
		     : "r"(buf)
		     : "a0", "a1");
	CHECK_EQ(r, 0x8483);
	asm volatile("mv a1, %1\n\t.half 0x85e8\n\tmv %0, a0"
		     : "=r"(r)
		     : "r"(buf)
		     : "a0", "a1");
	CHECK_EQ(r, 0xffffffffffff8483UL);
	/* c.sb a0,1(a1) and c.sh a0,2(a1) */
	asm volatile("mv a1, %0\n\tli a0, 0x1234\n\t.half 0x89c8\n\t"
		     "li a0, 0x5678\n\t.half 0x8da8" ::"r"(buf + 8)
		     : "a0", "a1", "memory");
	CHECK_EQ(buf[8], 0);
	CHECK_EQ(buf[9], 0x34);
	CHECK_EQ(buf[10], 0x78);
	CHECK_EQ(buf[11], 0x56);
	/* register forms on s0 (x8): 100 111 000 1x ... 01 */
#define ZCB1(enc, in)                                                   \
	({                                                              \
		u64 __r;                                                \
		asm volatile("mv s0, %1\n\t.half " #enc "\n\tmv %0, s0" \
			     : "=r"(__r)                                \
			     : "r"((u64)(in))                           \
			     : "s0");                                   \
		__r;                                                    \
	})
	CHECK_EQ(ZCB1(0x9c61, 0x1234), 0x34);			  /* c.zext.b */
	CHECK_EQ(ZCB1(0x9c65, 0x1280), 0xffffffffffffff80UL);	  /* c.sext.b */
	CHECK_EQ(ZCB1(0x9c69, 0xabcd1234), 0x1234);		  /* c.zext.h */
	CHECK_EQ(ZCB1(0x9c6d, 0x18000), 0xffffffffffff8000UL);	  /* c.sext.h */
	CHECK_EQ(ZCB1(0x9c71, 0xffffffff80000000UL), 0x80000000); /* zext.w */
	CHECK_EQ(ZCB1(0x9c75, 0x5555), ~0x5555UL);		  /* c.not */
	/* c.mul s0,a0 */
	asm volatile("li s0, -7\n\tli a0, 6\n\t.half 0x9c49\n\tmv %0, s0"
		     : "=r"(r)::"s0", "a0");
	CHECK_EQ(r, -42UL);
	/* c.sh with bit 6 set and the unary forms 110, 111 are reserved */
	trap_reset();
	asm volatile(".half 0x8c40");
	CHECK_MTRAP(CAUSE_ILLEGAL, 0x8c40);
	trap_reset();
	asm volatile(".half 0x9c79");
	CHECK_MTRAP(CAUSE_ILLEGAL, 0x9c79);
}

static void test_mop(void)
{
	u64 a = 7, b = 8;

	trap_reset();
	/* mop.r.0 a0,a1; mop.r.28 t0,t0; mop.rr.7 a0,a1,a2 */
	asm volatile("li a0, 5\n\tli a1, 6\n\t.word 0x81c5c573\n\tmv %0, a0"
		     : "=r"(a)::"a0", "a1");
	CHECK_EQ(a, 0);
	asm volatile("li t0, 5\n\t.word 0xcdc2c2f3\n\tmv %0, t0"
		     : "=r"(a)::"t0");
	CHECK_EQ(a, 0);
	asm volatile("li a0, 5\n\t.word 0xcec5c573\n\tmv %0, a0"
		     : "=r"(a)::"a0");
	CHECK_EQ(a, 0);
	/* rd = x0: nothing at all */
	asm volatile(".word 0x81c5c073");
	/* c.mop.1, c.mop.15: no register written (x1 is read at most) */
	asm volatile("mv t0, ra\n\tli a5, 9\n\t.half 0x6081\n\t.half 0x6781\n\t"
		     "mv %0, a5\n\tmv %1, ra\n\tmv ra, t0"
		     : "=r"(a), "=r"(b)
		     :
		     : "t0", "a5");
	CHECK_EQ(a, 9);
	CHECK_NO_TRAP();
}

static volatile u64 word;

static void test_wrs(void)
{
	u64 v, fail;

	trap_reset();
	/* without a reservation: completes at once */
	asm volatile("wrs.nto\n\twrs.sto");
	/* with one: completes, and the reservation stays for the SC */
	asm volatile("lr.d %0, (%2)\n\twrs.nto\n\twrs.sto\n\t"
		     "sc.d %1, %0, (%2)"
		     : "=&r"(v), "=&r"(fail)
		     : "r"(&word)
		     : "memory");
	CHECK_EQ(fail, 0);
	CHECK_NO_TRAP();
}

static long do_prefetch(long a)
{
	/* prefetch.i/r/w on RAM and on nothing (UNMAPPED_PA): no trap */
	asm volatile("prefetch.i 0(%0)\n\tprefetch.r 32(%0)\n\t"
		     "prefetch.w -64(%0)\n\tprefetch.r 0(%1)" ::"r"(a),
		     "r"(UNMAPPED_PA));
	return 0;
}

static void test_prefetch_ntl(void)
{
	u64 sp_before, sp_after;

	trap_reset();
	do_prefetch((long)&word);
	run_mode(PRV_U, do_prefetch, (long)&word);
	CHECK_NO_TRAP();
	/* ntl.p1, ntl.pall, ntl.s1, ntl.all, c.ntl.p1, c.ntl.all */
	asm volatile("mv %0, sp\n\t"
		     ".word 0x00200033\n\t.word 0x00300033\n\t"
		     ".word 0x00400033\n\t.word 0x00500033\n\t"
		     ".half 0x900a\n\t.half 0x9016\n\tmv %1, sp"
		     : "=r"(sp_before), "=r"(sp_after));
	CHECK_EQ(sp_before, sp_after);
	CHECK_NO_TRAP();
}

int main(void)
{
	test_zcb();
	test_mop();
	test_wrs();
	test_prefetch_ntl();
	return rt_failures ? 1 : 0;
}
