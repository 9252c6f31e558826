/*
 * F and D: results and exact fflags for arithmetic in every rounding
 * mode, overflow, underflow and subnormals, canonical NaNs, NaN boxing,
 * fmin/fmax with signed zeros and signalling NaNs, conversions that
 * saturate, fclass, fmv sign extension, sign injection, compares.
 * RISC-V Unprivileged ISA, "F Standard Extension" (NaN boxing in "D"),
 * IEEE 754-2008 as the F chapter requires.
 */
#include "rt.h"

#define NV 0x10
#define DZ 0x08
#define OF 0x04
#define UF 0x02
#define NX 0x01

#define RNE 0
#define RTZ 1
#define RDN 2
#define RUP 3
#define RMM 4

/* single-precision values NaN-boxed in 64 bits */
#define B(x) (0xffffffff00000000UL | (uint32_t)(x))
#define S_QNAN B(0x7fc00000)
#define S_SNAN B(0x7f800001)
#define S_INF B(0x7f800000)
#define S_NINF B(0xff800000)
#define S_ONE B(0x3f800000)
#define S_TWO B(0x40000000)
#define S_MAX B(0x7f7fffff)
#define S_MINSUB B(0x00000001)
#define S_MINNORM B(0x00800000)
#define S_ZERO B(0x00000000)
#define S_NZERO B(0x80000000)
#define D_QNAN 0x7ff8000000000000UL
#define D_SNAN 0x7ff0000000000001UL
#define D_INF 0x7ff0000000000000UL
#define D_NINF 0xfff0000000000000UL
#define D_ONE 0x3ff0000000000000UL
#define D_TWO 0x4000000000000000UL
#define D_THREE 0x4008000000000000UL
#define D_MAX 0x7fefffffffffffffUL
#define D_MINSUB 0x0000000000000001UL
#define D_MINNORM 0x0010000000000000UL
#define D_ZERO 0UL
#define D_NZERO 0x8000000000000000UL

static unsigned long got_flags;

#define OP2(insn, a, b)                                                    \
	({                                                                 \
		unsigned long __r;                                         \
		csr_write(fflags, 0);                                      \
		asm volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t" insn \
			     " ft2, ft0, ft1\n\tfmv.x.d %0, ft2"           \
			     : "=r"(__r)                                   \
			     : "r"(a), "r"(b)                              \
			     : "ft0", "ft1", "ft2");                       \
		got_flags = csr_read(fflags);                              \
		__r;                                                       \
	})
#define OP3(insn, a, b, c)                                            \
	({                                                            \
		unsigned long __r;                                    \
		csr_write(fflags, 0);                                 \
		asm volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t" \
			     "fmv.d.x ft3, %3\n\t" insn               \
			     " ft2, ft0, ft1, ft3\n\tfmv.x.d %0, ft2" \
			     : "=r"(__r)                              \
			     : "r"(a), "r"(b), "r"(c)                 \
			     : "ft0", "ft1", "ft2", "ft3");           \
		got_flags = csr_read(fflags);                         \
		__r;                                                  \
	})
#define OP1(insn, a)                                                    \
	({                                                              \
		unsigned long __r;                                      \
		csr_write(fflags, 0);                                   \
		asm volatile("fmv.d.x ft0, %1\n\t" insn " ft2, ft0\n\t" \
			     "fmv.x.d %0, ft2"                          \
			     : "=r"(__r)                                \
			     : "r"(a)                                   \
			     : "ft0", "ft2");                           \
		got_flags = csr_read(fflags);                           \
		__r;                                                    \
	})
/* FP -> integer register results */
#define OPX1(insn, a)                                              \
	({                                                         \
		unsigned long __r;                                 \
		csr_write(fflags, 0);                              \
		asm volatile("fmv.d.x ft0, %1\n\t" insn " %0, ft0" \
			     : "=r"(__r)                           \
			     : "r"(a)                              \
			     : "ft0");                             \
		got_flags = csr_read(fflags);                      \
		__r;                                               \
	})
#define OPX2(insn, a, b)                                                   \
	({                                                                 \
		unsigned long __r;                                         \
		csr_write(fflags, 0);                                      \
		asm volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t" insn \
			     " %0, ft0, ft1"                               \
			     : "=r"(__r)                                   \
			     : "r"(a), "r"(b)                              \
			     : "ft0", "ft1");                              \
		got_flags = csr_read(fflags);                              \
		__r;                                                       \
	})
/* integer register -> FP */
#define OPF1(insn, a)                                           \
	({                                                      \
		unsigned long __r;                              \
		csr_write(fflags, 0);                           \
		asm volatile(insn " ft2, %1\n\tfmv.x.d %0, ft2" \
			     : "=r"(__r)                        \
			     : "r"(a)                           \
			     : "ft2");                          \
		got_flags = csr_read(fflags);                   \
		__r;                                            \
	})

#define T(expr, want, wflags)                                                 \
	do {                                                                  \
		unsigned long __g = (expr);                                   \
		if (__g != (unsigned long)(want) || got_flags != (wflags)) {  \
			printf("line %d: %s = %lx flags %lx, want %lx flags " \
			       "%x\n",                                        \
			       __LINE__, #expr, __g, got_flags,               \
			       (unsigned long)(want), (wflags));              \
			rt_failures++;                                        \
		}                                                             \
	} while (0)

static void rm(int mode)
{
	csr_write(frm, mode);
}

static void test_rounding(void)
{
	/* 1/3 in double, each mode */
	static const unsigned long third[5] = {
		0x3fd5555555555555UL, 0x3fd5555555555555UL,
		0x3fd5555555555555UL, 0x3fd5555555555556UL,
		0x3fd5555555555555UL};
	static const unsigned long nthird[5] = {
		0xbfd5555555555555UL, 0xbfd5555555555555UL,
		0xbfd5555555555556UL, 0xbfd5555555555555UL,
		0xbfd5555555555555UL};
	for (int m = 0; m < 5; m++) {
		rm(m);
		T(OP2("fdiv.d", D_ONE, D_THREE), third[m], NX);
		T(OP2("fdiv.d", D_NZERO | D_ONE, D_THREE), nthird[m], NX);
	}
	/* 2/3 = 0.101010...: RNE and RMM round up */
	static const unsigned long twothirds[5] = {
		0x3fe5555555555555UL, 0x3fe5555555555555UL,
		0x3fe5555555555555UL, 0x3fe5555555555556UL,
		0x3fe5555555555555UL};
	for (int m = 0; m < 5; m++) {
		rm(m);
		T(OP2("fdiv.d", D_TWO, D_THREE), twothirds[m], NX);
	}
	/* ties: 1 + 2^-24 (single) is halfway between 1 and 1 + 2^-23 */
	static const uint32_t tie_even[5] = {0x3f800000, 0x3f800000, 0x3f800000,
					     0x3f800001, 0x3f800001};
	for (int m = 0; m < 5; m++) {
		rm(m);
		T(OP2("fadd.s", S_ONE, B(0x33800000)), B(tie_even[m]), NX);
	}
	/* (1 + 2^-23) + 2^-24: tie to odd neighbour, RNE goes up */
	static const uint32_t tie_odd[5] = {0x3f800002, 0x3f800001, 0x3f800001,
					    0x3f800002, 0x3f800002};
	for (int m = 0; m < 5; m++) {
		rm(m);
		T(OP2("fadd.s", B(0x3f800001), B(0x33800000)), B(tie_odd[m]),
		  NX);
	}
	/* exact: no flags */
	rm(RNE);
	T(OP2("fadd.d", D_ONE, D_TWO), D_THREE, 0);
	T(OP2("fsub.d", D_ONE, D_ONE), D_ZERO, 0);
	/* x - x is +0, except -0 in RDN */
	rm(RDN);
	T(OP2("fsub.d", D_ONE, D_ONE), D_NZERO, 0);
	T(OP2("fsub.s", S_ONE, S_ONE), S_NZERO, 0);
	rm(RNE);
	T(OP2("fmul.s", S_TWO, S_TWO), B(0x40800000), 0);
	/* static rounding modes in the instruction */
	T(OP2("fdiv.d", D_ONE, D_THREE), third[RNE], NX);
	csr_write(frm, RNE);
	{
		unsigned long r;
		csr_write(fflags, 0);
		asm volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t"
			     "fdiv.d ft2, ft0, ft1, rup\n\tfmv.x.d %0, ft2"
			     : "=r"(r)
			     : "r"(D_ONE), "r"(D_THREE)
			     : "ft0", "ft1", "ft2");
		CHECK_EQ(r, third[RUP]);
		asm volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t"
			     "fdiv.d ft2, ft0, ft1, rdn\n\tfmv.x.d %0, ft2"
			     : "=r"(r)
			     : "r"(D_NZERO | D_ONE), "r"(D_THREE)
			     : "ft0", "ft1", "ft2");
		CHECK_EQ(r, nthird[RDN]);
		CHECK_EQ(csr_read(fflags), NX);
		CHECK_EQ(csr_read(frm), RNE);
	}
}

static void test_overflow_underflow(void)
{
	static const unsigned long pos[5] = {D_INF, D_MAX, D_MAX, D_INF, D_INF};
	static const unsigned long neg[5] = {D_NINF, D_MAX | D_NZERO, D_NINF,
					     D_MAX | D_NZERO, D_NINF};
	static const uint32_t spos[5] = {0x7f800000, 0x7f7fffff, 0x7f7fffff,
					 0x7f800000, 0x7f800000};
	for (int m = 0; m < 5; m++) {
		rm(m);
		T(OP2("fmul.d", D_MAX, D_TWO), pos[m], OF | NX);
		T(OP2("fmul.d", D_MAX | D_NZERO, D_TWO), neg[m], OF | NX);
		T(OP2("fadd.s", S_MAX, S_MAX), B(spos[m]), OF | NX);
	}
	/* min subnormal / 2: tiny and inexact */
	static const unsigned long half_sub[5] = {0, 0, 0, D_MINSUB, D_MINSUB};
	for (int m = 0; m < 5; m++) {
		rm(m);
		T(OP2("fdiv.d", D_MINSUB, D_TWO), half_sub[m], UF | NX);
	}
	/* 3 * min subnormal / 2 = 1.5 ulp: RNE and RMM give 2 */
	static const unsigned long s15[5] = {2, 1, 1, 2, 2};
	for (int m = 0; m < 5; m++) {
		rm(m);
		T(OP2("fdiv.d", 3UL, D_TWO), s15[m], UF | NX);
	}
	rm(RNE);
	/* exact subnormal results raise nothing */
	T(OP2("fdiv.d", D_MINNORM, D_TWO), D_MINNORM >> 1, 0);
	T(OP2("fmul.s", S_MINNORM, B(0x3f000000)), B(0x00400000), 0);
	T(OP2("fsub.d", D_MINNORM, D_MINSUB), D_MINNORM - 1, 0);
	/* subnormal operands */
	T(OP2("fadd.s", S_MINSUB, S_MINSUB), B(2), 0);
	T(OP2("fmul.d", D_MINSUB, D_ONE), D_MINSUB, 0);
	/* tininess after rounding: (MINNORM - 1ulp) rounds to MINNORM in
	 * RUP. The result is normal after rounding: UF not set. */
	rm(RUP);
	T(OP2("fmul.d", 0x000fffffffffffffUL, 0x3ff0000000000001UL), D_MINNORM,
	  NX);
	rm(RNE);
	/* division by zero */
	T(OP2("fdiv.d", D_ONE, D_ZERO), D_INF, DZ);
	T(OP2("fdiv.s", S_NZERO | S_ONE, S_ZERO), S_NINF, DZ);
	T(OP2("fdiv.d", D_ZERO, D_ZERO), D_QNAN, NV);
	T(OP2("fdiv.d", D_INF, D_ZERO), D_INF, 0);
}

static void test_nan(void)
{
	rm(RNE);
	/* canonical NaN for invalid operations and NaN inputs */
	T(OP2("fmul.d", D_INF, D_ZERO), D_QNAN, NV);
	T(OP2("fadd.d", D_INF, D_NINF), D_QNAN, NV);
	T(OP2("fsub.s", S_INF, S_INF), S_QNAN, NV);
	T(OP1("fsqrt.d", D_NZERO | D_ONE), D_QNAN, NV);
	T(OP1("fsqrt.s", B(0xbf800000)), S_QNAN, NV);
	T(OP2("fadd.d", D_SNAN, D_ONE), D_QNAN, NV);
	T(OP2("fadd.d", 0xfff8000000012345UL, D_ONE), D_QNAN, 0);
	T(OP2("fmul.s", B(0xffc12345), S_ONE), S_QNAN, 0);
	T(OP2("fadd.s", S_SNAN, S_QNAN), S_QNAN, NV);
	/* sqrt */
	T(OP1("fsqrt.d", D_NZERO), D_NZERO, 0);
	T(OP1("fsqrt.d", 0x4010000000000000UL), D_TWO, 0);
	T(OP1("fsqrt.d", D_TWO), 0x3ff6a09e667f3bcdUL, NX);
	T(OP1("fsqrt.s", S_TWO), B(0x3fb504f3), NX);
	T(OP1("fsqrt.d", D_INF), D_INF, 0);
	/* fma: one rounding, and inf * 0 + qNaN is invalid */
	T(OP3("fmadd.d", 0x3ff0000000000001UL, 0x3fefffffffffffffUL,
	      D_NZERO | D_ONE),
	  0x3c9ffffffffffffeUL, 0);
	T(OP3("fmadd.s", S_INF, S_ZERO, S_QNAN), S_QNAN, NV);
	T(OP3("fmadd.d", D_INF, D_ZERO, D_QNAN), D_QNAN, NV);
	T(OP3("fmadd.d", D_ONE, D_ONE, D_SNAN), D_QNAN, NV);
	T(OP3("fnmsub.d", D_TWO, D_THREE, D_ONE), 0xc014000000000000UL, 0);
	T(OP3("fmsub.d", D_TWO, D_THREE, D_ONE), 0x4014000000000000UL, 0);
	T(OP3("fnmadd.d", D_TWO, D_THREE, D_ONE), 0xc01c000000000000UL, 0);
	/* fnmadd negates the product and addend: -(0*x) - 0 */
	T(OP3("fnmadd.d", D_ZERO, D_ONE, D_ZERO), D_NZERO, 0);
	T(OP3("fmadd.s", S_TWO, B(0x40400000), S_ONE), B(0x40e00000), 0);
	/* fma overflow */
	T(OP3("fmadd.d", D_MAX, D_TWO, D_NZERO | D_MAX), D_MAX, 0);
	T(OP3("fmadd.d", D_MAX, D_TWO, D_ZERO), D_INF, OF | NX);
}

static void test_boxing(void)
{
	rm(RNE);
	/* an improperly boxed single reads as the canonical NaN */
	T(OP2("fadd.s", 0x000000003f800000UL, S_ONE), S_QNAN, 0);
	T(OP2("fadd.s", 0xfffffffe3f800000UL, S_ONE), S_QNAN, 0);
	T(OP2("fsgnj.s", 0x000000003f800000UL, S_ONE), B(0x7fc00000), 0);
	T(OP2("fsgnjn.s", 0x000000003f800000UL, S_ONE), B(0xffc00000), 0);
	T(OPX1("fclass.s", 0x000000003f800000UL), 1 << 9, 0);
	T(OP2("fmin.s", 0x000000003f800000UL, S_TWO), S_TWO, 0);
	T(OPX2("feq.s", 0x000000003f800000UL, 0x000000003f800000UL), 0, 0);
	T(OPX1("fcvt.w.s", 0x000000003f800000UL), 0x7fffffff, NV);
	/* the move and store of a single take the low bits as they are */
	T(OPX1("fmv.x.w", 0x000000003f800000UL), 0x3f800000, 0);
	T(OPX1("fmv.x.w", 0x12345678bf800000UL), 0xffffffffbf800000UL, 0);
	T(OPX1("fmv.x.w", S_INF), 0x7f800000, 0);
	T(OPX1("fmv.x.w", S_QNAN | 0x80000000), 0xffffffffffc00000UL, 0);
	/* results and moves into an FP register are boxed */
	T(OPF1("fmv.w.x", 0x0123456789abcdefUL), B(0x89abcdef), 0);
	T(OPF1("fcvt.s.w", 3UL), B(0x40400000), 0);
	T(OP1("fcvt.s.d", D_ONE), S_ONE, 0);
	T(OP1("fcvt.d.s", S_ONE), D_ONE, 0);
	T(OP1("fcvt.d.s", S_SNAN), D_QNAN, NV);
	T(OP1("fcvt.s.d", D_SNAN), S_QNAN, NV);
	T(OP1("fcvt.s.d", 0x3ff0000010000000UL), B(0x3f800000), NX);
	T(OP1("fcvt.s.d", D_MAX), S_INF, OF | NX);
	T(OP1("fcvt.d.s", 0x000000003f800000UL), D_QNAN, 0);
	/* flw boxes, fsw stores the low word */
	{
		uint32_t m = 0xc0490fdb;
		uint64_t d = 0;
		unsigned long r;

		asm volatile(
			"flw ft0, 0(%1)\n\tfmv.x.d %0, ft0\n\tfsw ft0, 0(%2)"
			: "=&r"(r)
			: "r"(&m), "r"(&d)
			: "ft0", "memory");
		CHECK_EQ(r, B(0xc0490fdb));
		CHECK_EQ(d, 0xc0490fdbUL);
		asm volatile(
			"fmv.d.x ft0, %1\n\tfsw ft0, 0(%2)\n\tlwu %0, 0(%2)"
			: "=r"(r)
			: "r"(0x00000000deadbeefUL), "r"(&d)
			: "ft0", "memory");
		CHECK_EQ(r, 0xdeadbeefUL);
	}
	/* sign injection on boxed values */
	T(OP2("fsgnj.s", S_ONE, S_NZERO), B(0xbf800000), 0);
	T(OP2("fsgnjn.s", S_ONE, S_NZERO), B(0x3f800000), 0);
	T(OP2("fsgnjx.s", B(0xbf800000), S_NZERO), B(0x3f800000), 0);
	T(OP2("fsgnj.s", S_SNAN, S_NZERO), B(0xff800001), 0);
	T(OP2("fsgnjn.d", D_QNAN, D_QNAN), D_QNAN | D_NZERO, 0);
	T(OP2("fsgnjx.d", D_NINF, D_NZERO), D_INF, 0);
	T(OP2("fsgnj.d", D_SNAN, D_NZERO), D_SNAN | D_NZERO, 0);
}

static void test_minmax_cmp(void)
{
	T(OP2("fmin.d", D_ZERO, D_NZERO), D_NZERO, 0);
	T(OP2("fmin.d", D_NZERO, D_ZERO), D_NZERO, 0);
	T(OP2("fmax.d", D_NZERO, D_ZERO), D_ZERO, 0);
	T(OP2("fmax.s", S_ZERO, S_NZERO), S_ZERO, 0);
	T(OP2("fmin.s", S_NZERO, S_ZERO), S_NZERO, 0);
	T(OP2("fmin.d", D_QNAN, D_ONE), D_ONE, 0);
	T(OP2("fmax.d", D_ONE, D_QNAN), D_ONE, 0);
	T(OP2("fmin.d", D_SNAN, D_ONE), D_ONE, NV);
	T(OP2("fmax.s", S_ONE, S_SNAN), S_ONE, NV);
	T(OP2("fmin.d", D_QNAN, D_QNAN), D_QNAN, 0);
	T(OP2("fmax.d", D_SNAN, D_QNAN), D_QNAN, NV);
	T(OP2("fmin.s", S_NINF, S_MAX), S_NINF, 0);
	T(OP2("fmax.s", B(0xffc12345), B(0xffc54321)), S_QNAN, 0);
	/* compares: feq is quiet, flt/fle signal on any NaN */
	T(OPX2("feq.d", D_ONE, D_ONE), 1, 0);
	T(OPX2("feq.d", D_ZERO, D_NZERO), 1, 0);
	T(OPX2("feq.d", D_QNAN, D_QNAN), 0, 0);
	T(OPX2("feq.d", D_SNAN, D_ONE), 0, NV);
	T(OPX2("flt.d", D_QNAN, D_ONE), 0, NV);
	T(OPX2("fle.d", D_ONE, D_QNAN), 0, NV);
	T(OPX2("flt.d", D_NZERO, D_ZERO), 0, 0);
	T(OPX2("fle.d", D_NZERO, D_ZERO), 1, 0);
	T(OPX2("flt.s", S_NINF, S_MAX), 1, 0);
	T(OPX2("fle.s", S_TWO, S_ONE), 0, 0);
	T(OPX2("feq.s", S_SNAN, S_SNAN), 0, NV);
	T(OPX2("flt.s", S_QNAN, S_QNAN), 0, NV);
}

static void test_fclass(void)
{
	T(OPX1("fclass.d", D_NINF), 1 << 0, 0);
	T(OPX1("fclass.d", D_NZERO | D_ONE), 1 << 1, 0);
	T(OPX1("fclass.d", D_NZERO | D_MINSUB), 1 << 2, 0);
	T(OPX1("fclass.d", D_NZERO), 1 << 3, 0);
	T(OPX1("fclass.d", D_ZERO), 1 << 4, 0);
	T(OPX1("fclass.d", 0x000fffffffffffffUL), 1 << 5, 0);
	T(OPX1("fclass.d", D_MINNORM), 1 << 6, 0);
	T(OPX1("fclass.d", D_INF), 1 << 7, 0);
	T(OPX1("fclass.d", D_SNAN), 1 << 8, 0);
	T(OPX1("fclass.d", D_QNAN), 1 << 9, 0);
	T(OPX1("fclass.d", 0xfff4000000000000UL), 1 << 8, 0);
	T(OPX1("fclass.s", S_NINF), 1 << 0, 0);
	T(OPX1("fclass.s", B(0xbf800000)), 1 << 1, 0);
	T(OPX1("fclass.s", B(0x807fffff)), 1 << 2, 0);
	T(OPX1("fclass.s", S_NZERO), 1 << 3, 0);
	T(OPX1("fclass.s", S_ZERO), 1 << 4, 0);
	T(OPX1("fclass.s", S_MINSUB), 1 << 5, 0);
	T(OPX1("fclass.s", S_MAX), 1 << 6, 0);
	T(OPX1("fclass.s", S_INF), 1 << 7, 0);
	T(OPX1("fclass.s", S_SNAN), 1 << 8, 0);
	T(OPX1("fclass.s", S_QNAN), 1 << 9, 0);
}

static void test_convert(void)
{
	rm(RNE);
	/* saturation, and NaN as the largest positive */
	T(OPX1("fcvt.w.s", B(0x4f800000)), 0x7fffffff, NV);	     /* 2^32 */
	T(OPX1("fcvt.w.s", B(0xcf000000)), 0xffffffff80000000UL, 0); /* -2^31 */
	T(OPX1("fcvt.w.s", B(0xcf000001)), 0xffffffff80000000UL, NV);
	T(OPX1("fcvt.w.s", S_QNAN), 0x7fffffff, NV);
	T(OPX1("fcvt.w.s", S_NINF), 0xffffffff80000000UL, NV);
	T(OPX1("fcvt.wu.s", B(0xbf800000)), 0, NV); /* -1 */
	T(OPX1("fcvt.wu.s", B(0x4f800000)), 0xffffffffffffffffUL,
	  NV); /* 2^32 */
	T(OPX1("fcvt.wu.s", B(0x4f7fffff)), 0xffffffffffffff00UL, 0);
	T(OPX1("fcvt.wu.s", S_QNAN), 0xffffffffffffffffUL, NV);
	T(OPX1("fcvt.wu.s", B(0xbf000000)), 0, NX); /* -0.5 */
	T(OPX1("fcvt.l.d", 0x43e0000000000000UL), 0x7fffffffffffffffUL, NV);
	T(OPX1("fcvt.l.d", 0xc3e0000000000000UL), 0x8000000000000000UL, 0);
	T(OPX1("fcvt.l.d", D_NINF), 0x8000000000000000UL, NV);
	T(OPX1("fcvt.l.d", D_SNAN), 0x7fffffffffffffffUL, NV);
	T(OPX1("fcvt.lu.d", D_NZERO | D_ONE), 0, NV);
	T(OPX1("fcvt.lu.d", D_INF), 0xffffffffffffffffUL, NV);
	T(OPX1("fcvt.lu.d", 0x43efffffffffffffUL), 0xfffffffffffff800UL, 0);
	T(OPX1("fcvt.lu.d", 0x43f0000000000000UL), 0xffffffffffffffffUL, NV);
	T(OPX1("fcvt.w.d", 0x41dfffffffc00000UL), 0x7fffffff, 0);
	T(OPX1("fcvt.w.d", 0x41dfffffffd00000UL), 0x7fffffff,
	  NX); /* 2^31-0.75 */
	T(OPX1("fcvt.w.d", 0x41dfffffffe00000UL), 0x7fffffff,
	  NV); /* 2^31-0.5 */
	T(OPX1("fcvt.w.d", 0x41e0000000000000UL), 0x7fffffff, NV); /* 2^31 */
	T(OPX1("fcvt.wu.d", 0x41efffffffe00000UL), 0xffffffffffffffffUL, 0);
	T(OPX1("fcvt.wu.d", 0x41efffffffd00000UL), 0xfffffffffffffffeUL, NX);
	/* rounding of conversions: 2.5 and -2.5 in each mode */
	static const unsigned long p25[5] = {2, 2, 2, 3, 3};
	static const unsigned long n25[5] = {-2UL, -2UL, -3UL, -2UL, -3UL};
	for (int m = 0; m < 5; m++) {
		rm(m);
		T(OPX1("fcvt.l.d", 0x4004000000000000UL), p25[m], NX);
		T(OPX1("fcvt.w.s", B(0xc0200000)), n25[m], NX);
	}
	rm(RNE);
	/* integer to FP: inexact large values */
	T(OPF1("fcvt.s.l", 0x7fffffffffffffffUL), B(0x5f000000), NX);
	T(OPF1("fcvt.d.l", 0x7fffffffffffffffUL), 0x43e0000000000000UL, NX);
	T(OPF1("fcvt.d.lu", 0xffffffffffffffffUL), 0x43f0000000000000UL, NX);
	T(OPF1("fcvt.s.wu", 0xffffffff00000001UL), B(0x3f800000), 0);
	T(OPF1("fcvt.s.w", 0x00000000ffffffffUL), B(0xbf800000), 0);
	T(OPF1("fcvt.d.w", 0x0000000080000000UL), 0xc1e0000000000000UL, 0);
	T(OPF1("fcvt.d.wu", 0x0000000080000000UL), 0x41e0000000000000UL, 0);
	T(OPF1("fmv.d.x", 0x7ff0000000000001UL), D_SNAN, 0);
	rm(RTZ);
	T(OPF1("fcvt.s.w", 0x01000001UL), B(0x4b800000), NX);
	rm(RUP);
	T(OPF1("fcvt.s.w", 0x01000001UL), B(0x4b800001), NX);
	rm(RNE);
}

/* fflags accumulate until cleared */
static void test_sticky(void)
{
	unsigned long r;

	rm(RNE);
	csr_write(fflags, 0);
	asm volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t"
		     "fmv.d.x ft3, zero\n\t"
		     "fdiv.d ft2, ft0, ft1\n\t" /* 1/3: NX */
		     "fdiv.d ft2, ft0, ft3\n\t" /* 1/0: DZ */
		     "fadd.d ft2, ft0, ft0\n\t" /* exact: nothing */
		     "fmv.x.d %0, ft2"
		     : "=r"(r)
		     : "r"(D_ONE), "r"(D_THREE)
		     : "ft0", "ft1", "ft2", "ft3");
	(void)r;
	CHECK_EQ(csr_read(fflags), NX | DZ);
	csr_write(fflags, 0);
}

int main(void)
{
	test_sticky();
	test_rounding();
	test_overflow_underflow();
	test_nan();
	test_boxing();
	test_minmax_cmp();
	test_fclass();
	test_convert();
	csr_write(fcsr, 0);
	return 0;
}
