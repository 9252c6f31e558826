// SPDX-License-Identifier: MIT
/*
 * Unit tests for accel/dbt/fpu: the RISC-V F and D arithmetic.
 *
 * 1. Hand-checked corner cases from the RISC-V F/D chapters and IEEE
 *    754-2008: signed zeros, subnormals, overflow and underflow in each
 *    rounding mode, NaN handling, the conversion saturation table, fclass.
 * 2. A differential test against the host: x86-64 SSE arithmetic is
 *    correctly rounded in RNE/RTZ/RDN/RUP and, like RISC-V, detects
 *    tininess after rounding (checked by a case below), so results and
 *    all five flags must agree, NaN payloads aside. The one documented
 *    divergence: RISC-V raises NV for inf * 0 + qNaN, x86 does not.
 *    (The host's fma() is the FMA3 instruction, reached through glibc.)
 * 3. When riscv64-unknown-elf-gcc and qemu-system-riscv64 are present, a
 *    bare-metal program runs every operation (all five rounding modes,
 *    conversions, fmin/fmax, compares, fclass, and fmsub/fnmsub/fnmadd
 *    built the way the hart builds them) on QEMU's virt machine, for the
 *    corner cases above and random operands; the results and fflags must
 *    agree bit for bit. Without the tools it is skipped.
 */
#include "accel/dbt/fpu.h"

#include <fenv.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	ADD,
	SUB,
	MUL,
	DIV,
	SQRT,
	FMA,
	MIN,
	MAX,
	EQ,
	LT,
	LE,
	CLASS,
	TO_I32,
	TO_U32,
	TO_I64,
	TO_U64,
	FROM_I32,
	FROM_U32,
	FROM_I64,
	FROM_U64,
	CVT, /* _s: fcvt.d.s, _d: fcvt.s.d */
	/* fused forms built from fma by flipping signs, as the hart does */
	FMSUB,
	FNMSUB,
	FNMADD,
	NOPS
};

/* per operation, the single and the double variant */
static const char *const op_names[NOPS][2] = {
	{"add_s", "add_d"},
	{"sub_s", "sub_d"},
	{"mul_s", "mul_d"},
	{"div_s", "div_d"},
	{"sqrt_s", "sqrt_d"},
	{"fma_s", "fma_d"},
	{"min_s", "min_d"},
	{"max_s", "max_d"},
	{"eq_s", "eq_d"},
	{"lt_s", "lt_d"},
	{"le_s", "le_d"},
	{"class_s", "class_d"},
	{"to_i32_s", "to_i32_d"},
	{"to_u32_s", "to_u32_d"},
	{"to_i64_s", "to_i64_d"},
	{"to_u64_s", "to_u64_d"},
	{"from_i32_s", "from_i32_d"},
	{"from_u32_s", "from_u32_d"},
	{"from_i64_s", "from_i64_d"},
	{"from_u64_s", "from_u64_d"},
	{"fcvt_d_s", "fcvt_s_d"},
	{"fmsub_s", "fmsub_d"},
	{"fnmsub_s", "fnmsub_d"},
	{"fnmadd_s", "fnmadd_d"},
};

enum {
	RNE = FPU_RNE,
	RTZ = FPU_RTZ,
	RDN = FPU_RDN,
	RUP = FPU_RUP,
	RMM = FPU_RMM
};
enum { NX = FPU_NX, UF = FPU_UF, OF = FPU_OF, DZ = FPU_DZ, NV = FPU_NV };

static int failures;

static uint32_t fb(float f)
{
	uint32_t u;

	memcpy(&u, &f, 4);
	return u;
}

static uint64_t db(double d)
{
	uint64_t u;

	memcpy(&u, &d, 8);
	return u;
}

static float bf(uint32_t u)
{
	float f;

	memcpy(&f, &u, 4);
	return f;
}

static double bd(uint64_t u)
{
	double d;

	memcpy(&d, &u, 8);
	return d;
}

static uint64_t sign_bit(int d)
{
	return d ? 1ull << 63 : 0x80000000;
}

/* Runs one operation; integer and boolean results come back zero-extended. */
static uint64_t eval(int op, int d, unsigned rm, uint64_t a, uint64_t b,
		     uint64_t c, unsigned *fl)
{
	uint32_t sa = a, sb = b, sc = c;

	switch (op) {
	case ADD:
		return d ? fpu_add_d(a, b, rm, fl) : fpu_add_s(sa, sb, rm, fl);
	case SUB:
		return d ? fpu_sub_d(a, b, rm, fl) : fpu_sub_s(sa, sb, rm, fl);
	case MUL:
		return d ? fpu_mul_d(a, b, rm, fl) : fpu_mul_s(sa, sb, rm, fl);
	case DIV:
		return d ? fpu_div_d(a, b, rm, fl) : fpu_div_s(sa, sb, rm, fl);
	case SQRT:
		return d ? fpu_sqrt_d(a, rm, fl) : fpu_sqrt_s(sa, rm, fl);
	case FMA:
		return d ? fpu_fma_d(a, b, c, rm, fl)
			 : fpu_fma_s(sa, sb, sc, rm, fl);
	case MIN:
		return d ? fpu_min_d(a, b, fl) : fpu_min_s(sa, sb, fl);
	case MAX:
		return d ? fpu_max_d(a, b, fl) : fpu_max_s(sa, sb, fl);
	case EQ:
		return d ? fpu_eq_d(a, b, fl) : fpu_eq_s(sa, sb, fl);
	case LT:
		return d ? fpu_lt_d(a, b, fl) : fpu_lt_s(sa, sb, fl);
	case LE:
		return d ? fpu_le_d(a, b, fl) : fpu_le_s(sa, sb, fl);
	case CLASS:
		return d ? fpu_class_d(a) : fpu_class_s(sa);
	case TO_I32:
		return (uint32_t)(d ? fpu_to_i32_d(a, rm, fl)
				    : fpu_to_i32_s(sa, rm, fl));
	case TO_U32:
		return d ? fpu_to_u32_d(a, rm, fl) : fpu_to_u32_s(sa, rm, fl);
	case TO_I64:
		return (uint64_t)(d ? fpu_to_i64_d(a, rm, fl)
				    : fpu_to_i64_s(sa, rm, fl));
	case TO_U64:
		return d ? fpu_to_u64_d(a, rm, fl) : fpu_to_u64_s(sa, rm, fl);
	case FROM_I32:
		return d ? fpu_from_i32_d((int32_t)a, rm, fl)
			 : fpu_from_i32_s((int32_t)a, rm, fl);
	case FROM_U32:
		return d ? fpu_from_u32_d(sa, rm, fl)
			 : fpu_from_u32_s(sa, rm, fl);
	case FROM_I64:
		return d ? fpu_from_i64_d((int64_t)a, rm, fl)
			 : fpu_from_i64_s((int64_t)a, rm, fl);
	case FROM_U64:
		return d ? fpu_from_u64_d(a, rm, fl)
			 : fpu_from_u64_s(a, rm, fl);
	case CVT:
		return d ? fpu_d_to_s(a, rm, fl) : fpu_s_to_d(sa, fl);
	case FMSUB:
		return eval(FMA, d, rm, a, b, c ^ sign_bit(d), fl);
	case FNMSUB:
		return eval(FMA, d, rm, a ^ sign_bit(d), b, c, fl);
	case FNMADD:
		return eval(FMA, d, rm, a ^ sign_bit(d), b, c ^ sign_bit(d),
			    fl);
	}
	abort();
}

static const char *group_name(int op, int d)
{
	return op_names[op][d];
}

/* ---- 1. corner cases ---------------------------------------------- */

struct vec {
	int op, d;
	unsigned rm;
	uint64_t a, b, c, want;
	unsigned fl;
	int line;
};

/* single-precision constants */
#define S1 0x3f800000ull
#define S2 0x40000000ull
#define S3 0x40400000ull
#define S6 0x40c00000ull
#define SHALF 0x3f000000ull
#define SM1 0xbf800000ull
#define SM2 0xc0000000ull
#define SINF 0x7f800000ull
#define SNINF 0xff800000ull
#define SQN 0x7fc00000ull
#define SQNP 0x7fc00001ull /* quiet NaN with a payload */
#define SNQN 0xffc00000ull /* negative quiet NaN */
#define SSN 0x7f800001ull
#define SMAX 0x7f7fffffull
#define SNMAX 0xff7fffffull
#define SMINN 0x00800000ull
#define SMINS 0x00000001ull
#define SNZ 0x80000000ull
/* double-precision constants */
#define D1 0x3ff0000000000000ull
#define D2 0x4000000000000000ull
#define DHALF 0x3fe0000000000000ull
#define DM1 0xbff0000000000000ull
#define DINF 0x7ff0000000000000ull
#define DNINF 0xfff0000000000000ull
#define DQN 0x7ff8000000000000ull
#define DQNP 0x7ff8000000000001ull
#define DSN 0x7ff0000000000001ull
#define DMAX 0x7fefffffffffffffull
#define DNMAX 0xffefffffffffffffull
#define DMINN 0x0010000000000000ull
#define DMINS 0x0000000000000001ull
#define DNZ 0x8000000000000000ull

#define V(op, d, rm, a, b, c, want, fl)                \
	{                                              \
		op, d, rm, a, b, c, want, fl, __LINE__ \
	}
/* the same operands in all five rounding modes */
#define V5(op, d, a, b, c, w0, f0, w1, f1, w2, f2, w3, f3, w4, f4)      \
	V(op, d, RNE, a, b, c, w0, f0), V(op, d, RTZ, a, b, c, w1, f1), \
		V(op, d, RDN, a, b, c, w2, f2),                         \
		V(op, d, RUP, a, b, c, w3, f3), V(op, d, RMM, a, b, c, w4, f4)

/* Inputs for the QEMU run: every corner case and random ones. */
struct tcase {
	uint32_t op, mode; /* mode: d | rm << 8 */
	uint64_t a, b, c;
};

struct tlist {
	struct tcase *v;
	size_t n, cap;
};

static void tlist_add(struct tlist *l, int op, int d, unsigned rm, uint64_t a,
		      uint64_t b, uint64_t c)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 1024;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
		if (!l->v)
			abort();
	}
	l->v[l->n++] = (struct tcase){op, d | rm << 8, a, b, c};
}

static void test_corners(struct tlist *l)
{
	const struct vec v[] = {
		/* add/sub: signed zeros */
		V(ADD, 0, RNE, S1, S2, 0, S3, 0),
		V(ADD, 0, RNE, 0, SNZ, 0, 0, 0),
		V(ADD, 0, RDN, 0, SNZ, 0, SNZ, 0),
		V(ADD, 0, RUP, SNZ, SNZ, 0, SNZ, 0),
		V(SUB, 0, RNE, S1, S1, 0, 0, 0),
		V(SUB, 0, RDN, S1, S1, 0, SNZ, 0),
		V(SUB, 0, RNE, SNZ, 0, 0, SNZ, 0),
		V(SUB, 0, RNE, S2, S1, 0, S1, 0),
		/* add: infinities and NaNs */
		V(ADD, 0, RNE, SINF, SNINF, 0, SQN, NV),
		V(SUB, 0, RNE, SINF, SINF, 0, SQN, NV),
		V(ADD, 0, RNE, SINF, S1, 0, SINF, 0),
		V(ADD, 0, RNE, S1, SNINF, 0, SNINF, 0),
		V(SUB, 0, RNE, S1, SINF, 0, SNINF, 0),
		V(ADD, 0, RNE, SQNP, S1, 0, SQN, 0),
		V(ADD, 0, RNE, SNQN, S1, 0, SQN, 0),
		V(ADD, 0, RNE, SSN, S1, 0, SQN, NV),
		V(ADD, 0, RNE, S1, SSN, 0, SQN, NV),
		V(ADD, 0, RNE, SQNP, SSN, 0, SQN, NV),
		V(SUB, 0, RNE, SINF, SQN, 0, SQN, 0),
		/* add: rounding of 1 + 2^-24 (a tie) and -1 - 2^-24 */
		V5(ADD, 0, S1, 0x33800000, 0, S1, NX, S1, NX, S1, NX,
		   0x3f800001, NX, 0x3f800001, NX),
		V5(ADD, 0, SM1, 0xb3800000, 0, SM1, NX, SM1, NX, 0xbf800001, NX,
		   SM1, NX, 0xbf800001, NX),
		V(ADD, 0, RNE, 0x3f800001, 0x33800000, 0, 0x3f800002, NX),
		/* add: overflow in each mode */
		V5(ADD, 0, SMAX, SMAX, 0, SINF, OF | NX, SMAX, OF | NX, SMAX,
		   OF | NX, SINF, OF | NX, SINF, OF | NX),
		V5(ADD, 0, SNMAX, SNMAX, 0, SNINF, OF | NX, SNMAX, OF | NX,
		   SNINF, OF | NX, SNMAX, OF | NX, SNINF, OF | NX),
		V(ADD, 0, RNE, SMAX, S1, 0, SMAX, NX),
		V(ADD, 0, RUP, SMAX, S1, 0, SINF, OF | NX),
		V(ADD, 0, RTZ, SMAX, S1, 0, SMAX, NX),
		/* add: subnormals are exact, never UF */
		V(ADD, 0, RNE, SMINS, SMINS, 0, 0x00000002, 0),
		V(SUB, 0, RNE, SMINN, SMINS, 0, 0x007fffff, 0),
		V(ADD, 0, RNE, 0x007fffff, SMINS, 0, SMINN, 0),
		V(ADD, 0, RNE, 0x80000001, SMINS, 0, 0, 0),
		V(ADD, 0, RDN, 0x80000001, SMINS, 0, SNZ, 0),
		/* add: double */
		V5(ADD, 1, D1, 0x3ca0000000000000, 0, D1, NX, D1, NX, D1, NX,
		   0x3ff0000000000001, NX, 0x3ff0000000000001, NX),
		V(ADD, 1, RNE, 0x3fb999999999999a, 0x3fc999999999999a, 0,
		  0x3fd3333333333334, NX),
		V5(ADD, 1, DMAX, DMAX, 0, DINF, OF | NX, DMAX, OF | NX, DMAX,
		   OF | NX, DINF, OF | NX, DINF, OF | NX),
		V(ADD, 1, RNE, DMINS, DMINS, 0, 2, 0),
		V(ADD, 1, RNE, DSN, D1, 0, DQN, NV),
		V(ADD, 1, RNE, DQNP, D1, 0, DQN, 0),
		V(SUB, 1, RNE, DINF, DINF, 0, DQN, NV),
		V(SUB, 1, RDN, D1, D1, 0, DNZ, 0),
		V(ADD, 1, RNE, 0, DNZ, 0, 0, 0),

		/* mul */
		V(MUL, 0, RNE, S2, S3, 0, S6, 0),
		V5(MUL, 0, 0x7f000000, S2, 0, SINF, OF | NX, SMAX, OF | NX,
		   SMAX, OF | NX, SINF, OF | NX, SINF, OF | NX),
		V5(MUL, 0, 0xff000000, S2, 0, SNINF, OF | NX, SNMAX, OF | NX,
		   SNINF, OF | NX, SNMAX, OF | NX, SNINF, OF | NX),
		/* 2^-150: halfway between 0 and the smallest subnormal */
		V5(MUL, 0, SMINS, SHALF, 0, 0, UF | NX, 0, UF | NX, 0, UF | NX,
		   SMINS, UF | NX, SMINS, UF | NX),
		V5(MUL, 0, 0x80000001, SHALF, 0, SNZ, UF | NX, SNZ, UF | NX,
		   0x80000001, UF | NX, SNZ, UF | NX, 0x80000001, UF | NX),
		/* 1.5 * 2^-149 */
		V5(MUL, 0, 0x00000003, SHALF, 0, 2, UF | NX, 1, UF | NX, 1,
		   UF | NX, 2, UF | NX, 2, UF | NX),
		/*
		 * (1 + 2^-23)(2^-126 - 2^-149) = 2^-126 - 2^-172: rounds to
		 * 2^-126 even with an unbounded exponent, so it is not tiny
		 * after rounding (it would be before rounding): no UF.
		 */
		V5(MUL, 0, 0x3f800001, 0x007fffff, 0, SMINN, NX, 0x007fffff,
		   UF | NX, 0x007fffff, UF | NX, SMINN, NX, SMINN, NX),
		/*
		 * (1 - 2^-24) 2^-126 = 2^-126 - 2^-150 has 24 bits, so it is
		 * tiny even though it rounds to 2^-126 in the format: UF.
		 */
		V5(MUL, 0, 0x3f7fffff, SMINN, 0, SMINN, UF | NX, 0x007fffff,
		   UF | NX, 0x007fffff, UF | NX, SMINN, UF | NX, SMINN,
		   UF | NX),
		V(MUL, 0, RNE, SMINS, 0x4b000000, 0, SMINN, 0),
		V(MUL, 0, RNE, SMINN, SHALF, 0, 0x00400000, 0),
		V(MUL, 0, RNE, 0, SINF, 0, SQN, NV),
		V(MUL, 0, RNE, SNINF, SNZ, 0, SQN, NV),
		V(MUL, 0, RNE, SNZ, S3, 0, SNZ, 0),
		V(MUL, 0, RNE, SNZ, SNZ, 0, 0, 0),
		V(MUL, 0, RNE, SINF, SM2, 0, SNINF, 0),
		V(MUL, 0, RNE, SSN, 0, 0, SQN, NV),
		V(MUL, 0, RNE, SQN, SINF, 0, SQN, 0),
		V5(MUL, 1, 0x3ff0000000000001, 0x000fffffffffffff, 0, DMINN, NX,
		   0x000fffffffffffff, UF | NX, 0x000fffffffffffff, UF | NX,
		   DMINN, NX, DMINN, NX),
		V5(MUL, 1, 0x3fd5555555555555, 0x4008000000000000, 0, D1, NX,
		   0x3fefffffffffffff, NX, 0x3fefffffffffffff, NX, D1, NX, D1,
		   NX),
		V(MUL, 1, RNE, DMAX, D2, 0, DINF, OF | NX),
		V(MUL, 1, RDN, DMAX, D2, 0, DMAX, OF | NX),
		V(MUL, 1, RNE, DMINS, DHALF, 0, 0, UF | NX),
		V(MUL, 1, RUP, DMINS, DHALF, 0, DMINS, UF | NX),
		V(MUL, 1, RNE, DINF, 0, 0, DQN, NV),

		/* div */
		V5(DIV, 0, S1, S3, 0, 0x3eaaaaab, NX, 0x3eaaaaaa, NX,
		   0x3eaaaaaa, NX, 0x3eaaaaab, NX, 0x3eaaaaab, NX),
		V5(DIV, 0, SM1, S3, 0, 0xbeaaaaab, NX, 0xbeaaaaaa, NX,
		   0xbeaaaaab, NX, 0xbeaaaaaa, NX, 0xbeaaaaab, NX),
		V(DIV, 0, RNE, S6, S3, 0, S2, 0),
		V(DIV, 0, RNE, S1, 0, 0, SINF, DZ),
		V(DIV, 0, RNE, SM1, 0, 0, SNINF, DZ),
		V(DIV, 0, RNE, S1, SNZ, 0, SNINF, DZ),
		V(DIV, 0, RNE, 0, 0, 0, SQN, NV),
		V(DIV, 0, RNE, SINF, SINF, 0, SQN, NV),
		V(DIV, 0, RNE, SINF, 0, 0, SINF, 0),
		V(DIV, 0, RNE, 0, SINF, 0, 0, 0),
		V(DIV, 0, RNE, SNZ, SINF, 0, SNZ, 0),
		V(DIV, 0, RNE, S1, SNINF, 0, SNZ, 0),
		V(DIV, 0, RNE, SQNP, 0, 0, SQN, 0),
		V(DIV, 0, RNE, SSN, S1, 0, SQN, NV),
		V(DIV, 0, RNE, 0, SSN, 0, SQN, NV),
		V(DIV, 0, RNE, SMAX, SHALF, 0, SINF, OF | NX),
		V(DIV, 0, RTZ, SMAX, SHALF, 0, SMAX, OF | NX),
		V(DIV, 0, RNE, SMINN, 0x4b000000, 0, SMINS, 0),
		V(DIV, 0, RNE, SMINS, S2, 0, 0, UF | NX),
		V(DIV, 0, RUP, SMINS, S2, 0, SMINS, UF | NX),
		V(DIV, 0, RNE, SMINS, SMAX, 0, 0, UF | NX),
		V5(DIV, 1, D1, 0x4008000000000000, 0, 0x3fd5555555555555, NX,
		   0x3fd5555555555555, NX, 0x3fd5555555555555, NX,
		   0x3fd5555555555556, NX, 0x3fd5555555555555, NX),
		V(DIV, 1, RNE, D2, 0x4008000000000000, 0, 0x3fe5555555555555,
		  NX),
		V(DIV, 1, RUP, D2, 0x4008000000000000, 0, 0x3fe5555555555556,
		  NX),
		V(DIV, 1, RNE, D1, 0, 0, DINF, DZ),
		V(DIV, 1, RNE, 0, DNZ, 0, DQN, NV),
		V(DIV, 1, RNE, DMINS, D2, 0, 0, UF | NX),

		/* sqrt */
		V(SQRT, 0, RNE, 0x40800000, 0, 0, S2, 0),
		V5(SQRT, 0, S2, 0, 0, 0x3fb504f3, NX, 0x3fb504f3, NX,
		   0x3fb504f3, NX, 0x3fb504f4, NX, 0x3fb504f3, NX),
		V(SQRT, 0, RNE, SNZ, 0, 0, SNZ, 0),
		V(SQRT, 0, RNE, 0, 0, 0, 0, 0),
		V(SQRT, 0, RNE, SM1, 0, 0, SQN, NV),
		V(SQRT, 0, RNE, 0x80000001, 0, 0, SQN, NV),
		V(SQRT, 0, RNE, SNINF, 0, 0, SQN, NV),
		V(SQRT, 0, RNE, SINF, 0, 0, SINF, 0),
		V(SQRT, 0, RNE, SSN, 0, 0, SQN, NV),
		V(SQRT, 0, RNE, SQNP, 0, 0, SQN, 0),
		V(SQRT, 0, RNE, SNQN, 0, 0, SQN, 0),
		V(SQRT, 0, RNE, SMINS, 0, 0, 0x1a3504f3, NX),
		V(SQRT, 0, RUP, SMINS, 0, 0, 0x1a3504f4, NX),
		V(SQRT, 0, RNE, SMINN, 0, 0, 0x20000000, 0),
		V(SQRT, 0, RNE, 0x00400000, 0, 0, 0x1fb504f3, NX),
		V5(SQRT, 1, D2, 0, 0, 0x3ff6a09e667f3bcd, NX,
		   0x3ff6a09e667f3bcc, NX, 0x3ff6a09e667f3bcc, NX,
		   0x3ff6a09e667f3bcd, NX, 0x3ff6a09e667f3bcd, NX),
		V(SQRT, 1, RNE, 0x4010000000000000, 0, 0, D2, 0),
		V(SQRT, 1, RNE, DMINS, 0, 0, 0x1e60000000000000, 0),
		V(SQRT, 1, RNE, DNZ, 0, 0, DNZ, 0),
		V(SQRT, 1, RNE, DM1, 0, 0, DQN, NV),
		V(SQRT, 1, RNE, DSN, 0, 0, DQN, NV),

		/* fma: NaNs, and inf * 0 is invalid even with a qNaN addend */
		V(FMA, 0, RNE, SINF, 0, SQN, SQN, NV),
		V(FMA, 0, RNE, 0, SNINF, SQNP, SQN, NV),
		V(FMA, 0, RNE, 0, SINF, S1, SQN, NV),
		V(FMA, 0, RNE, S1, S1, SQNP, SQN, 0),
		V(FMA, 0, RNE, S1, S1, SSN, SQN, NV),
		V(FMA, 0, RNE, SSN, S1, S1, SQN, NV),
		V(FMA, 0, RNE, S1, SQNP, S1, SQN, 0),
		V(FMA, 0, RNE, SINF, S1, SNINF, SQN, NV),
		V(FMA, 0, RNE, SINF, S1, SINF, SINF, 0),
		V(FMA, 0, RNE, S1, S3, SNINF, SNINF, 0),
		V(FMA, 0, RNE, SM1, SINF, S1, SNINF, 0),
		/* fma: signed zeros */
		V(FMA, 0, RNE, S1, S1, SM1, 0, 0),
		V(FMA, 0, RDN, S1, S1, SM1, SNZ, 0),
		V(FMA, 0, RNE, 0, S1, SNZ, 0, 0),
		V(FMA, 0, RDN, 0, S1, SNZ, SNZ, 0),
		V(FMA, 0, RNE, SNZ, S1, SNZ, SNZ, 0),
		V(FMA, 0, RNE, SNZ, S1, 0, 0, 0),
		V(FMA, 0, RDN, SNZ, S1, 0, SNZ, 0),
		V(FMA, 0, RNE, SNZ, SNZ, SNZ, 0, 0),
		V(FMA, 0, RNE, 0, 0x40a00000, S3, S3, 0),
		V(FMA, 0, RNE, S2, S3, SNZ, S6, 0),
		/* fma: one rounding: (1 + 2^-23)^2 - 1 = 2^-22 (1 + 2^-24) */
		V5(FMA, 0, 0x3f800001, 0x3f800001, SM1, 0x34800000, NX,
		   0x34800000, NX, 0x34800000, NX, 0x34800001, NX, 0x34800001,
		   NX),
		/* exact cancellation: (1 + 2^-23)(1 - 2^-24) - 1 */
		V(FMA, 0, RNE, 0x3f800001, 0x3f7fffff, SM1, 0x337ffffe, 0),
		/* no intermediate overflow */
		V(FMA, 0, RNE, SMAX, S2, SNMAX, SMAX, 0),
		V(FMA, 0, RNE, SMINS, SHALF, 0, 0, UF | NX),
		V(FMA, 0, RUP, SMINS, SHALF, 0, SMINS, UF | NX),
		V(FMA, 0, RNE, SMAX, S2, 0, SINF, OF | NX),
		V5(FMA, 1, 0x3ff0000000000001, 0x3ff0000000000001, DM1,
		   0x3cc0000000000000, NX, 0x3cc0000000000000, NX,
		   0x3cc0000000000000, NX, 0x3cc0000000000001, NX,
		   0x3cc0000000000001, NX),
		V(FMA, 1, RNE, DINF, 0, DQN, DQN, NV),
		V(FMA, 1, RNE, DMAX, D2, DNMAX, DMAX, 0),
		V(FMA, 1, RNE, DMINN, DHALF, 0, 0x0008000000000000, 0),
		/* a tiny product next to a large addend: only sticky */
		V5(FMA, 1, DMINS, DMINS, D1, D1, NX, D1, NX, D1, NX,
		   0x3ff0000000000001, NX, D1, NX),
		V5(FMA, 1, DMINS, DMINS, DM1, DM1, NX, 0xbfefffffffffffff, NX,
		   DM1, NX, 0xbfefffffffffffff, NX, DM1, NX),

		/* fmin/fmax */
		V(MIN, 0, 0, 0, SNZ, 0, SNZ, 0),
		V(MIN, 0, 0, SNZ, 0, 0, SNZ, 0),
		V(MAX, 0, 0, 0, SNZ, 0, 0, 0),
		V(MAX, 0, 0, SNZ, 0, 0, 0, 0),
		V(MIN, 0, 0, SQN, S1, 0, S1, 0),
		V(MIN, 0, 0, S1, SQNP, 0, S1, 0),
		V(MAX, 0, 0, SNQN, SM1, 0, SM1, 0),
		V(MIN, 0, 0, SSN, S1, 0, S1, NV),
		V(MAX, 0, 0, S1, SSN, 0, S1, NV),
		V(MIN, 0, 0, SQN, SQNP, 0, SQN, 0),
		V(MAX, 0, 0, SQNP, SQNP, 0, SQN, 0),
		V(MAX, 0, 0, SSN, SQN, 0, SQN, NV),
		V(MIN, 0, 0, SSN, SSN, 0, SQN, NV),
		V(MIN, 0, 0, S1, S2, 0, S1, 0),
		V(MAX, 0, 0, S1, S2, 0, S2, 0),
		V(MIN, 0, 0, SM1, SM2, 0, SM2, 0),
		V(MAX, 0, 0, SM1, SM2, 0, SM1, 0),
		V(MIN, 0, 0, SNINF, SINF, 0, SNINF, 0),
		V(MAX, 0, 0, SNINF, SINF, 0, SINF, 0),
		V(MIN, 0, 0, SMINS, 0x80000001, 0, 0x80000001, 0),
		V(MIN, 1, 0, 0, DNZ, 0, DNZ, 0),
		V(MAX, 1, 0, DNZ, 0, 0, 0, 0),
		V(MIN, 1, 0, DQN, D1, 0, D1, 0),
		V(MAX, 1, 0, DSN, D1, 0, D1, NV),
		V(MAX, 1, 0, DQNP, DSN, 0, DQN, NV),
		V(MIN, 1, 0, DM1, D1, 0, DM1, 0),

		/* compares: feq quiet, flt/fle signaling */
		V(EQ, 0, 0, SQN, S1, 0, 0, 0),
		V(EQ, 0, 0, SQN, SQN, 0, 0, 0),
		V(EQ, 0, 0, SSN, S1, 0, 0, NV),
		V(EQ, 0, 0, S1, SSN, 0, 0, NV),
		V(LT, 0, 0, SQN, S1, 0, 0, NV),
		V(LE, 0, 0, S1, SQN, 0, 0, NV),
		V(LT, 0, 0, SSN, S1, 0, 0, NV),
		V(EQ, 0, 0, 0, SNZ, 0, 1, 0),
		V(LT, 0, 0, SNZ, 0, 0, 0, 0),
		V(LE, 0, 0, SNZ, 0, 0, 1, 0),
		V(LE, 0, 0, 0, SNZ, 0, 1, 0),
		V(LT, 0, 0, 0, SNZ, 0, 0, 0),
		V(LT, 0, 0, SM1, S1, 0, 1, 0),
		V(LT, 0, 0, S1, SM1, 0, 0, 0),
		V(LT, 0, 0, SM2, SM1, 0, 1, 0),
		V(LT, 0, 0, SM1, SM2, 0, 0, 0),
		V(LE, 0, 0, SNINF, SNINF, 0, 1, 0),
		V(LT, 0, 0, SNINF, SNINF, 0, 0, 0),
		V(LT, 0, 0, 0x80000001, 0, 0, 1, 0),
		V(LT, 0, 0, 0, SMINS, 0, 1, 0),
		V(EQ, 0, 0, S1, S1, 0, 1, 0),
		V(EQ, 0, 0, S1, S2, 0, 0, 0),
		V(LE, 0, 0, S2, S1, 0, 0, 0),
		V(LE, 0, 0, S1, S2, 0, 1, 0),
		V(LT, 0, 0, SMAX, SINF, 0, 1, 0),
		V(LE, 0, 0, SM2, SM1, 0, 1, 0),
		V(EQ, 1, 0, 0, DNZ, 0, 1, 0),
		V(EQ, 1, 0, DQN, DQN, 0, 0, 0),
		V(EQ, 1, 0, DSN, D1, 0, 0, NV),
		V(LT, 1, 0, DQN, D1, 0, 0, NV),
		V(LE, 1, 0, D1, DQN, 0, 0, NV),
		V(LT, 1, 0, DM1, DNZ, 0, 1, 0),
		V(LE, 1, 0, D2, D1, 0, 0, 0),

		/* fclass */
		V(CLASS, 0, 0, SNINF, 0, 0, 1 << 0, 0),
		V(CLASS, 0, 0, SM1, 0, 0, 1 << 1, 0),
		V(CLASS, 0, 0, SNMAX, 0, 0, 1 << 1, 0),
		V(CLASS, 0, 0, 0x80000001, 0, 0, 1 << 2, 0),
		V(CLASS, 0, 0, 0x807fffff, 0, 0, 1 << 2, 0),
		V(CLASS, 0, 0, SNZ, 0, 0, 1 << 3, 0),
		V(CLASS, 0, 0, 0, 0, 0, 1 << 4, 0),
		V(CLASS, 0, 0, SMINS, 0, 0, 1 << 5, 0),
		V(CLASS, 0, 0, SMINN, 0, 0, 1 << 6, 0),
		V(CLASS, 0, 0, SINF, 0, 0, 1 << 7, 0),
		V(CLASS, 0, 0, SSN, 0, 0, 1 << 8, 0),
		V(CLASS, 0, 0, 0xffbfffff, 0, 0, 1 << 8, 0),
		V(CLASS, 0, 0, SQN, 0, 0, 1 << 9, 0),
		V(CLASS, 0, 0, SNQN, 0, 0, 1 << 9, 0),
		V(CLASS, 1, 0, DNINF, 0, 0, 1 << 0, 0),
		V(CLASS, 1, 0, DM1, 0, 0, 1 << 1, 0),
		V(CLASS, 1, 0, 0x800fffffffffffff, 0, 0, 1 << 2, 0),
		V(CLASS, 1, 0, DNZ, 0, 0, 1 << 3, 0),
		V(CLASS, 1, 0, 0, 0, 0, 1 << 4, 0),
		V(CLASS, 1, 0, DMINS, 0, 0, 1 << 5, 0),
		V(CLASS, 1, 0, DMAX, 0, 0, 1 << 6, 0),
		V(CLASS, 1, 0, DINF, 0, 0, 1 << 7, 0),
		V(CLASS, 1, 0, DSN, 0, 0, 1 << 8, 0),
		V(CLASS, 1, 0, DQN, 0, 0, 1 << 9, 0),
		/* a NaN-boxing failure arrives as the canonical NaN */
		V(CLASS, 0, 0, FPU_CANON_S, 0, 0, 1 << 9, 0),

		/* fcvt.w.s / fcvt.wu.s / fcvt.l.s / fcvt.lu.s */
		V(TO_I32, 0, RNE, 0x4f000000, 0, 0, 0x7fffffff, NV),
		V(TO_I32, 0, RNE, 0xcf000000, 0, 0, 0x80000000, 0),
		V(TO_I32, 0, RNE, 0x4effffff, 0, 0, 0x7fffff80, 0),
		V(TO_I32, 0, RNE, 0xcf000001, 0, 0, 0x80000000, NV),
		V(TO_I32, 0, RNE, SQN, 0, 0, 0x7fffffff, NV),
		V(TO_I32, 0, RNE, SNQN, 0, 0, 0x7fffffff, NV),
		V(TO_I32, 0, RNE, SSN, 0, 0, 0x7fffffff, NV),
		V(TO_I32, 0, RNE, SINF, 0, 0, 0x7fffffff, NV),
		V(TO_I32, 0, RNE, SNINF, 0, 0, 0x80000000, NV),
		V(TO_I32, 0, RNE, SNZ, 0, 0, 0, 0),
		V(TO_I32, 0, RNE, S1, 0, 0, 1, 0),
		V5(TO_I32, 0, 0x40200000, 0, 0, 2, NX, 2, NX, 2, NX, 3, NX, 3,
		   NX),
		V5(TO_I32, 0, 0xc0200000, 0, 0, 0xfffffffe, NX, 0xfffffffe, NX,
		   0xfffffffd, NX, 0xfffffffe, NX, 0xfffffffd, NX),
		V(TO_I32, 0, RNE, 0x40600000, 0, 0, 4, NX),
		V5(TO_I32, 0, SHALF, 0, 0, 0, NX, 0, NX, 0, NX, 1, NX, 1, NX),
		V5(TO_I32, 0, SMINS, 0, 0, 0, NX, 0, NX, 0, NX, 1, NX, 0, NX),
		V5(TO_I32, 0, 0x80000001, 0, 0, 0, NX, 0, NX, 0xffffffff, NX, 0,
		   NX, 0, NX),
		V(TO_U32, 0, RNE, SQN, 0, 0, 0xffffffff, NV),
		V(TO_U32, 0, RNE, SINF, 0, 0, 0xffffffff, NV),
		V(TO_U32, 0, RNE, SNINF, 0, 0, 0, NV),
		V(TO_U32, 0, RTZ, SM1, 0, 0, 0, NV),
		/* -0.9: RTZ and RUP give -0, which is in range: only NX */
		V5(TO_U32, 0, 0xbf666666, 0, 0, 0, NV, 0, NX, 0, NV, 0, NX, 0,
		   NV),
		V5(TO_U32, 0, 0xbf000000, 0, 0, 0, NX, 0, NX, 0, NV, 0, NX, 0,
		   NV),
		V(TO_U32, 0, RNE, 0xbecccccd, 0, 0, 0, NX),
		V(TO_U32, 0, RNE, 0x4f800000, 0, 0, 0xffffffff, NV),
		V(TO_U32, 0, RNE, 0x4f7fffff, 0, 0, 0xffffff00, 0),
		V(TO_U32, 0, RNE, SNZ, 0, 0, 0, 0),
		V(TO_U32, 0, RDN, 0x80000001, 0, 0, 0, NV),
		V(TO_U32, 0, RTZ, 0x80000001, 0, 0, 0, NX),
		V(TO_U32, 0, RNE, 0x4f000000, 0, 0, 0x80000000, 0),
		V(TO_I64, 0, RNE, SQN, 0, 0, 0x7fffffffffffffff, NV),
		V(TO_I64, 0, RNE, 0x5f000000, 0, 0, 0x7fffffffffffffff, NV),
		V(TO_I64, 0, RNE, 0xdf000000, 0, 0, 0x8000000000000000, 0),
		V(TO_I64, 0, RNE, 0x5effffff, 0, 0, 0x7fffff8000000000, 0),
		V(TO_I64, 0, RNE, SNINF, 0, 0, 0x8000000000000000, NV),
		V(TO_I64, 0, RNE, 0xdf000001, 0, 0, 0x8000000000000000, NV),
		V(TO_I64, 0, RDN, 0xc0200000, 0, 0, (uint64_t)-3, NX),
		V(TO_U64, 0, RNE, SQN, 0, 0, UINT64_MAX, NV),
		V(TO_U64, 0, RNE, 0x5f000000, 0, 0, 0x8000000000000000, 0),
		V(TO_U64, 0, RNE, 0x5f800000, 0, 0, UINT64_MAX, NV),
		V(TO_U64, 0, RNE, 0x5f7fffff, 0, 0, 0xffffff0000000000, 0),
		V(TO_U64, 0, RNE, SNINF, 0, 0, 0, NV),
		V(TO_U64, 0, RNE, SINF, 0, 0, UINT64_MAX, NV),
		V(TO_U64, 0, RTZ, 0xbf666666, 0, 0, 0, NX),
		V(TO_U64, 0, RNE, SM1, 0, 0, 0, NV),
		/* fcvt.*.d at the exact saturation boundaries */
		V5(TO_I32, 1, db(2147483647.5), 0, 0, 0x7fffffff, NV,
		   0x7fffffff, NX, 0x7fffffff, NX, 0x7fffffff, NV, 0x7fffffff,
		   NV),
		V(TO_I32, 1, RNE, db(2147483647.25), 0, 0, 0x7fffffff, NX),
		V(TO_I32, 1, RNE, db(2147483647.0), 0, 0, 0x7fffffff, 0),
		V(TO_I32, 1, RNE, db(2147483648.0), 0, 0, 0x7fffffff, NV),
		V5(TO_I32, 1, db(-2147483648.5), 0, 0, 0x80000000, NX,
		   0x80000000, NX, 0x80000000, NV, 0x80000000, NX, 0x80000000,
		   NV),
		V(TO_I32, 1, RNE, db(-2147483648.0), 0, 0, 0x80000000, 0),
		V(TO_I32, 1, RNE, db(-2147483649.0), 0, 0, 0x80000000, NV),
		V(TO_I32, 1, RTZ, db(-2147483648.75), 0, 0, 0x80000000, NX),
		V(TO_I32, 1, RNE, DQN, 0, 0, 0x7fffffff, NV),
		V(TO_I32, 1, RNE, DNINF, 0, 0, 0x80000000, NV),
		V(TO_I32, 1, RNE, db(-0.5), 0, 0, 0, NX),
		V(TO_I32, 1, RUP, db(0.5), 0, 0, 1, NX),
		V(TO_I32, 1, RMM, db(-0.5), 0, 0, 0xffffffff, NX),
		V5(TO_U32, 1, db(4294967295.5), 0, 0, 0xffffffff, NV,
		   0xffffffff, NX, 0xffffffff, NX, 0xffffffff, NV, 0xffffffff,
		   NV),
		V(TO_U32, 1, RNE, db(4294967295.0), 0, 0, 0xffffffff, 0),
		V(TO_U32, 1, RNE, db(4294967296.0), 0, 0, 0xffffffff, NV),
		V(TO_U32, 1, RNE, db(-1.0), 0, 0, 0, NV),
		V(TO_U32, 1, RTZ, db(-0.9), 0, 0, 0, NX),
		V(TO_U32, 1, RNE, DNZ, 0, 0, 0, 0),
		V(TO_U32, 1, RNE, DQN, 0, 0, 0xffffffff, NV),
		V(TO_I64, 1, RNE, db(9223372036854775808.0), 0, 0,
		  0x7fffffffffffffff, NV),
		V(TO_I64, 1, RNE, db(-9223372036854775808.0), 0, 0,
		  0x8000000000000000, 0),
		V(TO_I64, 1, RNE, 0x43dfffffffffffff, 0, 0, 0x7ffffffffffffc00,
		  0),
		V(TO_I64, 1, RNE, 0xc3e0000000000001, 0, 0, 0x8000000000000000,
		  NV),
		V(TO_I64, 1, RNE, DSN, 0, 0, 0x7fffffffffffffff, NV),
		V(TO_I64, 1, RNE, DINF, 0, 0, 0x7fffffffffffffff, NV),
		V(TO_I64, 1, RMM, db(-2.5), 0, 0, (uint64_t)-3, NX),
		V(TO_U64, 1, RNE, db(18446744073709551616.0), 0, 0, UINT64_MAX,
		  NV),
		V(TO_U64, 1, RNE, 0x43efffffffffffff, 0, 0, 0xfffffffffffff800,
		  0),
		V(TO_U64, 1, RNE, db(-1.0), 0, 0, 0, NV),
		V(TO_U64, 1, RNE, db(9223372036854775808.0), 0, 0,
		  0x8000000000000000, 0),
		V(TO_U64, 1, RNE, DQN, 0, 0, UINT64_MAX, NV),
		V(TO_U64, 1, RUP, DMINS, 0, 0, 1, NX),

		/* fcvt.s.w / fcvt.s.wu / fcvt.s.l / fcvt.s.lu */
		V5(FROM_I32, 0, 16777217, 0, 0, 0x4b800000, NX, 0x4b800000, NX,
		   0x4b800000, NX, 0x4b800001, NX, 0x4b800001, NX),
		V(FROM_I32, 0, RNE, 16777219, 0, 0, 0x4b800002, NX),
		V(FROM_I32, 0, RDN, (uint32_t)-16777217, 0, 0, 0xcb800001, NX),
		V(FROM_I32, 0, RUP, (uint32_t)-16777217, 0, 0, 0xcb800000, NX),
		V(FROM_I32, 0, RNE, 0x80000000, 0, 0, 0xcf000000, 0),
		V(FROM_I32, 0, RDN, 0, 0, 0, 0, 0),
		V(FROM_I32, 0, RNE, 0xffffffff, 0, 0, SM1, 0),
		V(FROM_I32, 0, RNE, 0x7fffffff, 0, 0, 0x4f000000, NX),
		V(FROM_I32, 0, RTZ, 0x7fffffff, 0, 0, 0x4effffff, NX),
		V(FROM_U32, 0, RNE, 0xffffffff, 0, 0, 0x4f800000, NX),
		V(FROM_U32, 0, RTZ, 0xffffffff, 0, 0, 0x4f7fffff, NX),
		V(FROM_U32, 0, RNE, 0x80000000, 0, 0, 0x4f000000, 0),
		V(FROM_I64, 0, RNE, UINT64_MAX, 0, 0, SM1, 0),
		V(FROM_I64, 0, RNE, 0x8000000000000000, 0, 0, 0xdf000000, 0),
		V(FROM_I64, 0, RNE, 0x7fffffffffffffff, 0, 0, 0x5f000000, NX),
		V(FROM_U64, 0, RNE, UINT64_MAX, 0, 0, 0x5f800000, NX),
		V(FROM_U64, 0, RTZ, UINT64_MAX, 0, 0, 0x5f7fffff, NX),
		V(FROM_U64, 0, RNE, 0, 0, 0, 0, 0),
		V5(FROM_I64, 1, (1ull << 53) + 1, 0, 0, 0x4340000000000000, NX,
		   0x4340000000000000, NX, 0x4340000000000000, NX,
		   0x4340000000000001, NX, 0x4340000000000001, NX),
		V(FROM_I64, 1, RNE, 0x7fffffffffffffff, 0, 0,
		  0x43e0000000000000, NX),
		V(FROM_I64, 1, RTZ, 0x7fffffffffffffff, 0, 0,
		  0x43dfffffffffffff, NX),
		V(FROM_I64, 1, RNE, 0x8000000000000000, 0, 0,
		  0xc3e0000000000000, 0),
		V(FROM_I64, 1, RDN, 0, 0, 0, 0, 0),
		V(FROM_U64, 1, RNE, UINT64_MAX, 0, 0, 0x43f0000000000000, NX),
		V(FROM_U64, 1, RTZ, UINT64_MAX, 0, 0, 0x43efffffffffffff, NX),
		V(FROM_I32, 1, RNE, 0x80000000, 0, 0, 0xc1e0000000000000, 0),
		V(FROM_U32, 1, RNE, 0xffffffff, 0, 0, 0x41efffffffe00000, 0),

		/* fcvt.d.s */
		V(CVT, 0, RNE, S1, 0, 0, D1, 0),
		V(CVT, 0, RNE, SMINS, 0, 0, 0x36a0000000000000, 0),
		V(CVT, 0, RNE, 0x80000001, 0, 0, 0xb6a0000000000000, 0),
		V(CVT, 0, RNE, SNZ, 0, 0, DNZ, 0),
		V(CVT, 0, RNE, SNINF, 0, 0, DNINF, 0),
		V(CVT, 0, RNE, SSN, 0, 0, DQN, NV),
		V(CVT, 0, RNE, SQNP, 0, 0, DQN, 0),
		V(CVT, 0, RNE, SNQN, 0, 0, DQN, 0),
		V(CVT, 0, RNE, SMAX, 0, 0, 0x47efffffe0000000, 0),
		/* fcvt.s.d */
		V5(CVT, 1, 0x3fd5555555555555, 0, 0, 0x3eaaaaab, NX, 0x3eaaaaaa,
		   NX, 0x3eaaaaaa, NX, 0x3eaaaaab, NX, 0x3eaaaaab, NX),
		V5(CVT, 1, DMAX, 0, 0, SINF, OF | NX, SMAX, OF | NX, SMAX,
		   OF | NX, SINF, OF | NX, SINF, OF | NX),
		V5(CVT, 1, DNMAX, 0, 0, SNINF, OF | NX, SNMAX, OF | NX, SNINF,
		   OF | NX, SNMAX, OF | NX, SNINF, OF | NX),
		/* 2^128 - 2^103: halfway between FLT_MAX and 2^128 */
		V5(CVT, 1, 0x47effffff0000000, 0, 0, SINF, OF | NX, SMAX, NX,
		   SMAX, NX, SINF, OF | NX, SINF, OF | NX),
		V(CVT, 1, RNE, 0x47efffffefffffff, 0, 0, SMAX, NX),
		V(CVT, 1, RNE, db(0x1p-149), 0, 0, SMINS, 0),
		V5(CVT, 1, db(0x1p-150), 0, 0, 0, UF | NX, 0, UF | NX, 0,
		   UF | NX, SMINS, UF | NX, SMINS, UF | NX),
		V(CVT, 1, RNE, db(1e-300), 0, 0, 0, UF | NX),
		V(CVT, 1, RUP, db(1e-300), 0, 0, SMINS, UF | NX),
		V(CVT, 1, RDN, db(-1e-300), 0, 0, 0x80000001, UF | NX),
		V(CVT, 1, RNE, db(-1e-300), 0, 0, SNZ, UF | NX),
		/* 2^-126 - 2^-151 is not tiny after rounding; -2^-150 is */
		V5(CVT, 1, db(0x1p-126 - 0x1p-151), 0, 0, SMINN, NX, 0x007fffff,
		   UF | NX, 0x007fffff, UF | NX, SMINN, NX, SMINN, NX),
		V5(CVT, 1, db(0x1p-126 - 0x1p-150), 0, 0, SMINN, UF | NX,
		   0x007fffff, UF | NX, 0x007fffff, UF | NX, SMINN, UF | NX,
		   SMINN, UF | NX),
		V(CVT, 1, RNE, db(0x1p-127), 0, 0, 0x00400000, 0),
		V(CVT, 1, RNE, DSN, 0, 0, SQN, NV),
		V(CVT, 1, RNE, 0xfff8000000000000, 0, 0, SQN, 0),
		V(CVT, 1, RNE, DNZ, 0, 0, SNZ, 0),
		V(CVT, 1, RNE, DINF, 0, 0, SINF, 0),
		V(CVT, 1, RNE, db(3.0), 0, 0, S3, 0),
	};
	int nfail[NOPS][2] = {{0}}, seen[NOPS][2] = {{0}};
	size_t i;
	int op, d;
	unsigned rm;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		unsigned fl = 0;
		uint64_t got = eval(v[i].op, v[i].d, v[i].rm, v[i].a, v[i].b,
				    v[i].c, &fl);

		for (rm = 0; rm < 5; rm++)
			tlist_add(l, v[i].op, v[i].d, rm, v[i].a, v[i].b,
				  v[i].c);
		seen[v[i].op][v[i].d] = 1;
		if (got == v[i].want && fl == v[i].fl)
			continue;
		nfail[v[i].op][v[i].d]++;
		printf("# line %d: %s rm=%u a=%#llx b=%#llx c=%#llx: got %#llx "
		       "flags %#x, want %#llx flags %#x\n",
		       v[i].line, group_name(v[i].op, v[i].d), v[i].rm,
		       (unsigned long long)v[i].a, (unsigned long long)v[i].b,
		       (unsigned long long)v[i].c, (unsigned long long)got, fl,
		       (unsigned long long)v[i].want, v[i].fl);
	}
	for (op = 0; op < NOPS; op++) {
		for (d = 0; d < 2; d++) {
			if (!seen[op][d])
				continue;
			if (nfail[op][d]) {
				printf("FAIL corner.%s: %d cases wrong\n",
				       group_name(op, d), nfail[op][d]);
				failures++;
			} else {
				printf("ok corner.%s\n", group_name(op, d));
			}
		}
	}
}

/* ---- 2. differential test against the host ----------------------- */

static uint64_t rng_next(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*s = x;
	return x * 0x2545f4914f6cdd1dull;
}

/* A random operand, biased towards edge exponents and special patterns. */
static uint64_t rnd_operand(uint64_t *s, int d)
{
	const int P = d ? 53 : 24, EB = d ? 11 : 8;
	const int emax = (1 << EB) - 1, bias = (1 << (EB - 1)) - 1;
	uint64_t r = rng_next(s), frac, fmask = (1ull << (P - 1)) - 1;
	uint64_t sign = r & 1;
	int exp;

	switch ((r >> 1) & 15) {
	case 0:
	case 1:
	case 2:
		exp = (r >> 8) % (emax + 1);
		break;
	case 3:
	case 4:
		exp = (r >> 8) % (P + 3); /* subnormals and the bottom */
		break;
	case 5:
	case 6:
		exp = emax - 1 - (int)((r >> 8) % (P + 3)); /* the top */
		break;
	case 7:
		exp = (r >> 8) & 1 ? emax : 0; /* specials */
		break;
	default:
		exp = bias - P - 2 + (int)((r >> 8) % (2 * P + 5));
		break;
	}
	r = rng_next(s);
	switch (r & 7) {
	case 0:
		frac = 0;
		break;
	case 1:
		frac = fmask;
		break;
	case 2:
		frac = 1ull << ((r >> 3) % (P - 1));
		break;
	case 3:
		frac = (r >> 8) & 7;
		break;
	case 4:
		frac = fmask - ((r >> 8) & 7);
		break;
	default:
		frac = (r >> 8) & fmask;
		break;
	}
	return sign << (P - 1 + EB) | (uint64_t)exp << (P - 1) | frac;
}

static const int host_rm[4] = {FE_TONEAREST, FE_TOWARDZERO, FE_DOWNWARD,
			       FE_UPWARD};

static unsigned host_flags(int ex)
{
	return (ex & FE_INEXACT ? NX : 0) | (ex & FE_UNDERFLOW ? UF : 0) |
	       (ex & FE_OVERFLOW ? OF : 0) | (ex & FE_DIVBYZERO ? DZ : 0) |
	       (ex & FE_INVALID ? NV : 0);
}

/*
 * The host's answer; false when the case is outside what the host
 * computes the RISC-V way (out-of-range float-to-integer conversions).
 */
static bool host_eval(int op, int d, unsigned rm, uint64_t a, uint64_t b,
		      uint64_t c, uint64_t *res, unsigned *fl)
{
	volatile float fx = bf(a), fy = bf(b), fz = bf(c), fr = 0;
	volatile double dx = bd(a), dy = bd(b), dz = bd(c), dr = 0;
	volatile int64_t ir = 0;
	volatile int64_t ia = (int64_t)a;
	volatile uint64_t ua = a;
	int ex;

	if (op == TO_I64 && !(d ? fabs(dx) < 0x1p62 : fabsf(fx) < 0x1p62f))
		return false;
	fesetround(host_rm[rm]);
	feclearexcept(FE_ALL_EXCEPT);
	switch (op * 2 + d) {
	case ADD * 2:
		fr = fx + fy;
		break;
	case ADD * 2 + 1:
		dr = dx + dy;
		break;
	case SUB * 2:
		fr = fx - fy;
		break;
	case SUB * 2 + 1:
		dr = dx - dy;
		break;
	case MUL * 2:
		fr = fx * fy;
		break;
	case MUL * 2 + 1:
		dr = dx * dy;
		break;
	case DIV * 2:
		fr = fx / fy;
		break;
	case DIV * 2 + 1:
		dr = dx / dy;
		break;
	case SQRT * 2:
		fr = sqrtf(fx);
		break;
	case SQRT * 2 + 1:
		dr = sqrt(dx);
		break;
	case FMA * 2:
		fr = fmaf(fx, fy, fz);
		break;
	case FMA * 2 + 1:
		dr = fma(dx, dy, dz);
		break;
	case TO_I64 * 2:
		ir = llrintf(fx);
		break;
	case TO_I64 * 2 + 1:
		ir = llrint(dx);
		break;
	case FROM_I64 * 2:
		fr = (float)ia;
		break;
	case FROM_I64 * 2 + 1:
		dr = (double)ia;
		break;
	/*
	 * Compilers may convert unsigned 64-bit integers with sequences
	 * that give -0 for 0 in RDN; signed conversions are single
	 * instructions, and halving with a sticky bit keeps the rounding.
	 */
	case FROM_U64 * 2:
		if (ua >> 63)
			fr = 2.0f * (float)(int64_t)(ua >> 1 | (ua & 1));
		else
			fr = (float)(int64_t)ua;
		break;
	case FROM_U64 * 2 + 1:
		if (ua >> 63)
			dr = 2.0 * (double)(int64_t)(ua >> 1 | (ua & 1));
		else
			dr = (double)(int64_t)ua;
		break;
	case CVT * 2 + 1:
		fr = (float)dx;
		break;
	default:
		abort();
	}
	ex = fetestexcept(FE_ALL_EXCEPT);
	fesetround(FE_TONEAREST);
	*fl = host_flags(ex);
	if (op == TO_I64)
		*res = (uint64_t)ir;
	else if (d && op != CVT)
		*res = isnan(dr) ? FPU_CANON_D : db(dr);
	else
		*res = isnan(fr) ? FPU_CANON_S : fb(fr);
	return true;
}

static bool is_inf_zero(uint64_t a, uint64_t b, int d)
{
	uint64_t mag = d ? ~(1ull << 63) : 0x7fffffffull;
	uint64_t inf = d ? DINF : SINF;

	return ((a & mag) == inf && (b & mag) == 0) ||
	       ((a & mag) == 0 && (b & mag) == inf);
}

static void test_host(long iters)
{
	static const int ops[] = {ADD, SUB,    MUL,	 DIV,	   SQRT,
				  FMA, TO_I64, FROM_I64, FROM_U64, CVT};
	uint64_t seed = 0x9e3779b97f4a7c15ull;
	size_t k;
	int d;
	unsigned rm;

	for (k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
		for (d = 0; d < 2; d++) {
			int op = ops[k], shown = 0;
			long bad = 0, n = 0, i;

			if (op == CVT && !d)
				continue; /* exact; covered above */
			for (i = 0; i < iters; i++) {
				uint64_t a, b, c, want, got, r;
				unsigned wfl, gfl = 0;

				rm = i & 3;
				a = rnd_operand(&seed, d);
				b = rnd_operand(&seed, d);
				c = rnd_operand(&seed, d);
				r = rng_next(&seed);
				if (op == FROM_I64 || op == FROM_U64) {
					a = r >> (r & 63);
					if (op == FROM_I64 && (r & 64))
						a = -a;
				} else if (op == CVT) {
					a = rnd_operand(&seed, 1);
				} else if ((r & 3) == 0 && op != FMA) {
					/* near-cancellation */
					b = (a ^ (r & 4 ? (d ? 1ull << 63
							     : 0x80000000)
							: 0)) +
					    ((r >> 3) & 7) - 3;
				}
				if (op == FMA && (r & 3) == 0) {
					uint64_t p;
					unsigned f = 0;

					p = eval(MUL, d, RNE, a, b, 0, &f);
					c = (p ^
					     (d ? 1ull << 63 : 0x80000000)) +
					    ((r >> 3) & 7) - 3;
				}
				if (!d && op != CVT && op != FROM_I64 &&
				    op != FROM_U64) {
					a &= 0xffffffff;
					b &= 0xffffffff;
					c &= 0xffffffff;
				}
				if (!host_eval(op, d, rm, a, b, c, &want, &wfl))
					continue;
				/* RISC-V: inf * 0 + qNaN is invalid, x86: not */
				if (op == FMA && is_inf_zero(a, b, d))
					wfl |= NV;
				got = eval(op, d, rm, a, b, c, &gfl);
				n++;
				if (got == want && gfl == wfl)
					continue;
				bad++;
				if (shown++ < 8)
					printf("# host %s rm=%u a=%#llx "
					       "b=%#llx "
					       "c=%#llx: got %#llx flags %#x, "
					       "host %#llx flags %#x\n",
					       group_name(op, d), rm,
					       (unsigned long long)a,
					       (unsigned long long)b,
					       (unsigned long long)c,
					       (unsigned long long)got, gfl,
					       (unsigned long long)want, wfl);
			}
			if (bad) {
				printf("FAIL host.%s: %ld of %ld differ\n",
				       group_name(op, d), bad, n);
				failures++;
			} else {
				printf("ok host.%s (%ld cases)\n",
				       group_name(op, d), n);
			}
		}
	}
}

/* A single in a 64-bit register counts only when NaN-boxed. */
static void test_boxing(void)
{
	if (fpu_box_s(0x3f800000) == 0xffffffff3f800000ull &&
	    fpu_unbox_s(0xffffffff3f800000ull) == 0x3f800000 &&
	    fpu_unbox_s(0xffffffff7f800001ull) == 0x7f800001 &&
	    fpu_unbox_s(0x000000003f800000ull) == FPU_CANON_S &&
	    fpu_unbox_s(0xfffffffe3f800000ull) == FPU_CANON_S &&
	    fpu_unbox_s(0x7fffffff3f800000ull) == FPU_CANON_S &&
	    fpu_unbox_s(D1) == FPU_CANON_S) {
		printf("ok nan_boxing\n");
	} else {
		printf("FAIL nan_boxing\n");
		failures++;
	}
}

/* The host detects tininess after rounding, as RISC-V does. */
static void test_host_tininess(void)
{
	volatile float x = bf(0x3f800001), y = bf(0x007fffff), r;
	int ex;

	feclearexcept(FE_ALL_EXCEPT);
	r = x * y;
	ex = fetestexcept(FE_ALL_EXCEPT);
	if (fb(r) == SMINN && ex == FE_INEXACT) {
		printf("ok host.tininess_after_rounding\n");
	} else {
		printf("FAIL host.tininess_after_rounding: %#x flags %#x\n",
		       fb(r), ex);
		failures++;
	}
}

/* ---- 3. against QEMU ----------------------------------------------- */

/*
 * The guest program: for each case, set frm, clear fflags, run the one
 * instruction (dynamic rounding) and print "result fflags" in hex on the
 * virt machine's UART; then stop through the test finisher.
 */
static const char guest_src[] =
	"#include <stdint.h>\n"
	"enum { ADD, SUB, MUL, DIV, SQRT, FMA, MIN, MAX, EQ, LT, LE, CLASS,\n"
	"  TO_I32, TO_U32, TO_I64, TO_U64, FROM_I32, FROM_U32, FROM_I64,\n"
	"  FROM_U64, CVT, FMSUB, FNMSUB, FNMADD };\n"
	"struct tcase { uint32_t op, mode; uint64_t a, b, c; };\n"
	"extern const struct tcase cases[], cases_end[];\n"
	"#define UART ((volatile uint8_t *)0x10000000)\n"
	"static void out(char ch)\n"
	"{ while (!(UART[5] & 0x20)); UART[0] = ch; }\n"
	"static void hex(uint64_t v)\n"
	"{ int i, on = 0; for (i = 60; i >= 0; i -= 4) {\n"
	"  unsigned d = v >> i & 15; if (d || on || !i) {\n"
	"  out(\"0123456789abcdef\"[d]); on = 1; } } }\n"
	"#define IN \"fmv.w.x ft0,%1\\n\\tfmv.w.x ft1,%2\\n\\tfmv.w.x "
	"ft2,%3\\n\\t\"\n"
	"#define IND \"fmv.d.x ft0,%1\\n\\tfmv.d.x ft1,%2\\n\\tfmv.d.x "
	"ft2,%3\\n\\t\"\n"
	"#define ASM(s) asm volatile(s : \"=r\"(r) : \"r\"(a), \"r\"(b), "
	"\"r\"(c)"
	" : \"ft0\", \"ft1\", \"ft2\", \"ft3\")\n"
	"#define F2(i) ASM(IN i \" ft3,ft0,ft1\\n\\tfmv.x.w %0,ft3\"); r &= "
	"0xffffffff; break\n"
	"#define D2(i) ASM(IND i \" ft3,ft0,ft1\\n\\tfmv.x.d %0,ft3\"); break\n"
	"#define F1(i) ASM(IN i \" ft3,ft0\\n\\tfmv.x.w %0,ft3\"); r &= "
	"0xffffffff; break\n"
	"#define D1(i) ASM(IND i \" ft3,ft0\\n\\tfmv.x.d %0,ft3\"); break\n"
	"#define F3(i) ASM(IN i \" ft3,ft0,ft1,ft2\\n\\tfmv.x.w %0,ft3\"); r "
	"&= 0xffffffff; break\n"
	"#define D3(i) ASM(IND i \" ft3,ft0,ft1,ft2\\n\\tfmv.x.d %0,ft3\"); "
	"break\n"
	"#define FC(i) ASM(IN i \" %0,ft0,ft1\"); break\n"
	"#define DC(i) ASM(IND i \" %0,ft0,ft1\"); break\n"
	"#define FI(i) ASM(IN i \" %0,ft0\"); break\n"
	"#define DI(i) ASM(IND i \" %0,ft0\"); break\n"
	"#define FI32(i) ASM(IN i \" %0,ft0\"); r &= 0xffffffff; break\n"
	"#define DI32(i) ASM(IND i \" %0,ft0\"); r &= 0xffffffff; break\n"
	"#define IF(i) ASM(i \" ft3,%1\\n\\tfmv.x.w %0,ft3\"); r &= "
	"0xffffffff; break\n"
	"#define ID(i) ASM(i \" ft3,%1\\n\\tfmv.x.d %0,ft3\"); break\n"
	"static uint64_t run(unsigned op, unsigned d, uint64_t a, uint64_t b,\n"
	"  uint64_t c)\n"
	"{ uint64_t r = 0;\n"
	"  switch (op * 2 + d) {\n"
	"  case ADD * 2: F2(\"fadd.s\"); case ADD * 2 + 1: D2(\"fadd.d\");\n"
	"  case SUB * 2: F2(\"fsub.s\"); case SUB * 2 + 1: D2(\"fsub.d\");\n"
	"  case MUL * 2: F2(\"fmul.s\"); case MUL * 2 + 1: D2(\"fmul.d\");\n"
	"  case DIV * 2: F2(\"fdiv.s\"); case DIV * 2 + 1: D2(\"fdiv.d\");\n"
	"  case SQRT * 2: F1(\"fsqrt.s\"); case SQRT * 2 + 1: "
	"D1(\"fsqrt.d\");\n"
	"  case FMA * 2: F3(\"fmadd.s\"); case FMA * 2 + 1: D3(\"fmadd.d\");\n"
	"  case MIN * 2: F2(\"fmin.s\"); case MIN * 2 + 1: D2(\"fmin.d\");\n"
	"  case MAX * 2: F2(\"fmax.s\"); case MAX * 2 + 1: D2(\"fmax.d\");\n"
	"  case EQ * 2: FC(\"feq.s\"); case EQ * 2 + 1: DC(\"feq.d\");\n"
	"  case LT * 2: FC(\"flt.s\"); case LT * 2 + 1: DC(\"flt.d\");\n"
	"  case LE * 2: FC(\"fle.s\"); case LE * 2 + 1: DC(\"fle.d\");\n"
	"  case CLASS * 2: FI(\"fclass.s\"); case CLASS * 2 + 1: "
	"DI(\"fclass.d\");\n"
	"  case TO_I32 * 2: FI32(\"fcvt.w.s\"); case TO_I32 * 2 + 1: "
	"DI32(\"fcvt.w.d\");\n"
	"  case TO_U32 * 2: FI32(\"fcvt.wu.s\"); case TO_U32 * 2 + 1: "
	"DI32(\"fcvt.wu.d\");\n"
	"  case TO_I64 * 2: FI(\"fcvt.l.s\"); case TO_I64 * 2 + 1: "
	"DI(\"fcvt.l.d\");\n"
	"  case TO_U64 * 2: FI(\"fcvt.lu.s\"); case TO_U64 * 2 + 1: "
	"DI(\"fcvt.lu.d\");\n"
	"  case FROM_I32 * 2: IF(\"fcvt.s.w\"); case FROM_I32 * 2 + 1: "
	"ID(\"fcvt.d.w\");\n"
	"  case FROM_U32 * 2: IF(\"fcvt.s.wu\"); case FROM_U32 * 2 + 1: "
	"ID(\"fcvt.d.wu\");\n"
	"  case FROM_I64 * 2: IF(\"fcvt.s.l\"); case FROM_I64 * 2 + 1: "
	"ID(\"fcvt.d.l\");\n"
	"  case FROM_U64 * 2: IF(\"fcvt.s.lu\"); case FROM_U64 * 2 + 1: "
	"ID(\"fcvt.d.lu\");\n"
	"  case FMSUB * 2: F3(\"fmsub.s\");\n"
	"  case FMSUB * 2 + 1: D3(\"fmsub.d\");\n"
	"  case FNMSUB * 2: F3(\"fnmsub.s\");\n"
	"  case FNMSUB * 2 + 1: D3(\"fnmsub.d\");\n"
	"  case FNMADD * 2: F3(\"fnmadd.s\");\n"
	"  case FNMADD * 2 + 1: D3(\"fnmadd.d\");\n"
	"  case CVT * 2: ASM(IN \"fcvt.d.s ft3,ft0\\n\\tfmv.x.d %0,ft3\"); "
	"break;\n"
	"  case CVT * 2 + 1: ASM(IND \"fcvt.s.d ft3,ft0\\n\\tfmv.x.w "
	"%0,ft3\");\n"
	"    r &= 0xffffffff; break;\n"
	"  }\n"
	"  return r; }\n"
	"void guest_main(void)\n"
	"{ const struct tcase *t; uint64_t r, fl;\n"
	"  for (t = cases; t < cases_end; t++) {\n"
	"    asm volatile(\"fsrm %0\" : : \"r\"(t->mode >> 8));\n"
	"    asm volatile(\"fsflags zero\");\n"
	"    r = run(t->op, t->mode & 1, t->a, t->b, t->c);\n"
	"    asm volatile(\"frflags %0\" : \"=r\"(fl));\n"
	"    hex(r); out(' '); hex(fl); out('\\n'); }\n"
	"  *(volatile uint32_t *)0x100000 = 0x5555;\n"
	"  for (;;); }\n";

static const char guest_start[] = "\t.section .text.boot, \"ax\"\n"
				  "\t.globl _start\n"
				  "_start:\n"
				  "\tla sp, stack_top\n"
				  "\tli t0, 0x2000\n" /* mstatus.FS = Initial */
				  "\tcsrs mstatus, t0\n"
				  "\tcall guest_main\n"
				  "1:\tj 1b\n"
				  "\t.section .rodata\n"
				  "\t.balign 8\n"
				  "\t.globl cases, cases_end\n"
				  "cases:\n"
				  "\t.incbin \"cases.bin\"\n"
				  "cases_end:\n"
				  "\t.bss\n"
				  "\t.balign 16\n"
				  "\t.space 16384\n"
				  "stack_top:\n";

static const char guest_ld[] =
	"ENTRY(_start)\n"
	"SECTIONS {\n"
	"\t. = 0x80000000;\n"
	"\t.text : { *(.text.boot) *(.text .text.*) }\n"
	"\t.rodata : { *(.rodata .rodata.* .srodata .srodata.*) }\n"
	"\t.data : { *(.data .data.* .sdata .sdata.*) }\n"
	"\t.bss : { *(.bss .bss.* .sbss .sbss.* COMMON) }\n"
	"}\n";

static bool have_tool(const char *name)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", name);
	return system(cmd) == 0;
}

static int write_file(const char *dir, const char *name, const void *data,
		      size_t len)
{
	char path[512];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f)
		return -1;
	n = fwrite(data, 1, len, f);
	if (fclose(f) || n != len)
		return -1;
	return 0;
}

/* A random operand suited to the operation, for the QEMU run. */
static uint64_t qemu_operand(uint64_t *s, int op, int d)
{
	uint64_t r = rng_next(s), x;
	const int P = d ? 53 : 24, bias = d ? 1023 : 127;
	static const int edges[] = {30, 31, 32, 62, 63, 64, -1, -2};

	if (op >= FROM_I32 && op <= FROM_U64) {
		x = rng_next(s);
		x >>= r & 63;
		return r & 64 ? -x : x;
	}
	x = rnd_operand(s, d);
	if (op >= TO_I32 && op <= TO_U64 && (r & 1)) {
		/* near the integer range limits, or below one */
		uint64_t e = bias + edges[(r >> 1) & 7];

		x &= ~(d ? 0x7ff0000000000000ull : 0x7f800000ull);
		x |= e << (P - 1);
	}
	return x;
}

/* per_op random cases for each operation, format and rounding mode */
static void add_random_cases(struct tlist *l, long per_op)
{
	uint64_t seed = 0x243f6a8885a308d3ull;
	uint64_t a, b, c, r, p;
	unsigned rm, fl = 0;
	int op, d;
	long k;

	for (k = 0; k < per_op * NOPS * 2 * 5; k++) {
		op = k % NOPS;
		d = k / NOPS % 2;
		rm = k / NOPS / 2 % 5;
		a = qemu_operand(&seed, op, d);
		b = qemu_operand(&seed, op, d);
		c = qemu_operand(&seed, op, d);
		r = rng_next(&seed);
		if (op == CVT && d == 0)
			a &= 0xffffffff;
		/* near-cancellation */
		if ((op == ADD || op == SUB) && (r & 3) == 0)
			b = (a ^ (r & 4 ? sign_bit(d) : 0)) + ((r >> 3) & 7) -
			    3;
		if ((op == FMA || op >= FMSUB) && (r & 3) == 0) {
			bool neg = op == FMA || op == FNMADD;

			p = eval(MUL, d, RNE, a, b, 0, &fl);
			c = (p ^ (neg ? sign_bit(d) : 0)) + ((r >> 3) & 7) - 3;
		}
		tlist_add(l, op, d, rm, a, b, c);
	}
}

static void test_qemu(struct tlist *l, long per_op)
{
	char dir[] = "/tmp/hvrun-fpu-XXXXXX", cmd[1024], path[512];
	char line[128];
	int nfail[NOPS][2] = {{0}}, seen[NOPS][2] = {{0}};
	int op, d, shown = 0;
	size_t i, corners = l->n;
	FILE *f;

	if (!have_tool("riscv64-unknown-elf-gcc") ||
	    !have_tool("qemu-system-riscv64")) {
		printf("skip qemu: needs riscv64-unknown-elf-gcc and "
		       "qemu-system-riscv64\n");
		return;
	}
	add_random_cases(l, per_op);
	if (!mkdtemp(dir)) {
		printf("FAIL qemu: mkdtemp: %m\n");
		failures++;
		return;
	}
	if (write_file(dir, "guest.c", guest_src, sizeof(guest_src) - 1) ||
	    write_file(dir, "start.S", guest_start, sizeof(guest_start) - 1) ||
	    write_file(dir, "link.ld", guest_ld, sizeof(guest_ld) - 1) ||
	    write_file(dir, "cases.bin", l->v, l->n * sizeof(*l->v))) {
		printf("FAIL qemu: cannot write to %s\n", dir);
		failures++;
		goto out;
	}
	snprintf(cmd, sizeof(cmd),
		 "cd %s && riscv64-unknown-elf-gcc -march=rv64gc -mabi=lp64d "
		 "-mcmodel=medany -O2 -ffreestanding -nostdlib -nostartfiles "
		 "-static -T link.ld -o guest.elf start.S guest.c "
		 ">build.log 2>&1",
		 dir);
	if (system(cmd)) {
		printf("FAIL qemu: building the guest failed (see %s)\n", dir);
		failures++;
		return;
	}
	snprintf(cmd, sizeof(cmd),
		 "cd %s && timeout 300 qemu-system-riscv64 -M virt -bios none "
		 "-kernel guest.elf -display none -monitor none "
		 "-serial file:out.txt >qemu.log 2>&1",
		 dir);
	if (system(cmd)) {
		printf("FAIL qemu: qemu-system-riscv64 failed (see %s)\n", dir);
		failures++;
		return;
	}
	snprintf(path, sizeof(path), "%s/out.txt", dir);
	f = fopen(path, "r");
	for (i = 0; f && i < l->n && fgets(line, sizeof(line), f); i++) {
		const struct tcase *t = &l->v[i];
		unsigned long long want;
		unsigned wfl, gfl = 0;
		uint64_t got;

		op = t->op;
		d = t->mode & 1;
		if (sscanf(line, "%llx %x", &want, &wfl) != 2)
			break;
		got = eval(op, d, t->mode >> 8, t->a, t->b, t->c, &gfl);
		seen[op][d] = 1;
		if (got == want && gfl == wfl)
			continue;
		nfail[op][d]++;
		if (shown++ < 40)
			printf("# qemu %s%s rm=%u a=%#llx b=%#llx c=%#llx: got "
			       "%#llx flags %#x, qemu %#llx flags %#x\n",
			       group_name(op, d),
			       i < corners ? " (corner)" : "", t->mode >> 8,
			       (unsigned long long)t->a,
			       (unsigned long long)t->b,
			       (unsigned long long)t->c,
			       (unsigned long long)got, gfl, want, wfl);
	}
	if (f)
		fclose(f);
	if (i != l->n) {
		printf("FAIL qemu: %zu of %zu results came back (see %s)\n", i,
		       l->n, dir);
		failures++;
		return;
	}
	for (op = 0; op < NOPS; op++) {
		for (d = 0; d < 2; d++) {
			if (!seen[op][d])
				continue;
			if (nfail[op][d]) {
				printf("FAIL qemu.%s: %d cases differ\n",
				       group_name(op, d), nfail[op][d]);
				failures++;
			} else {
				printf("ok qemu.%s\n", group_name(op, d));
			}
		}
	}
out:
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd))
		printf("# could not remove %s\n", dir);
}

int main(int argc, char **argv)
{
	struct tlist l = {0};
	long iters = 200000;

	/* fpu_test [HOST-ITERATIONS [QEMU-CASES-PER-OP-AND-MODE]] */
	if (argc > 1)
		iters = atol(argv[1]);
	test_corners(&l);
	test_boxing();
	test_host_tininess();
	test_host(iters);
	test_qemu(&l, argc > 2 ? atol(argv[2]) : 1000);
	free(l.v);
	return failures ? 1 : 0;
}
