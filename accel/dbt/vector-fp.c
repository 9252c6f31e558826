/* SPDX-License-Identifier: MIT */
/*
 * RISC-V "V" extension, "Vector Floating-Point Instructions" (with the
 * reciprocal and reciprocal square-root estimate tables), the
 * floating-point reductions of "Vector Reduction Operations", and the
 * floating-point scalar moves and slides of "Vector Permutation
 * Instructions"; Zvfhmin's binary16 conversions.
 *
 * Every element goes through the scalar FPU (fpu.h), so results, NaNs
 * and exception flags are those of the F and D instructions: flags are
 * raised by active elements only and accrue into fflags. SEW is 32 or
 * 64; 16 only for Zvfhmin's vfwcvt.f.f.v and vfncvt.f.f.w and for the
 * integer side of the widening and narrowing conversions.
 */
#include "accel/dbt/csr.h"
#include "accel/dbt/fpu.h"
#include "accel/dbt/vector-internal.h"

#define SIGN32 0x80000000ull
#define SIGN64 0x8000000000000000ull

/* ---- the scalar operations, by SEW (4 or 8 bytes) ---- */

static uint64_t f_add(unsigned sew, uint64_t a, uint64_t b, unsigned rm,
		      unsigned *fl)
{
	return sew == 4 ? fpu_add_s(a, b, rm, fl) : fpu_add_d(a, b, rm, fl);
}

static uint64_t f_sub(unsigned sew, uint64_t a, uint64_t b, unsigned rm,
		      unsigned *fl)
{
	return sew == 4 ? fpu_sub_s(a, b, rm, fl) : fpu_sub_d(a, b, rm, fl);
}

static uint64_t f_mul(unsigned sew, uint64_t a, uint64_t b, unsigned rm,
		      unsigned *fl)
{
	return sew == 4 ? fpu_mul_s(a, b, rm, fl) : fpu_mul_d(a, b, rm, fl);
}

static uint64_t f_div(unsigned sew, uint64_t a, uint64_t b, unsigned rm,
		      unsigned *fl)
{
	return sew == 4 ? fpu_div_s(a, b, rm, fl) : fpu_div_d(a, b, rm, fl);
}

static uint64_t f_min(unsigned sew, uint64_t a, uint64_t b, unsigned *fl)
{
	return sew == 4 ? fpu_min_s(a, b, fl) : fpu_min_d(a, b, fl);
}

static uint64_t f_max(unsigned sew, uint64_t a, uint64_t b, unsigned *fl)
{
	return sew == 4 ? fpu_max_s(a, b, fl) : fpu_max_d(a, b, fl);
}

/* a * b + c, each negated first when asked (the sign bit flipped). */
static uint64_t f_fma(unsigned sew, uint64_t a, uint64_t b, uint64_t c,
		      bool neg_ab, bool neg_c, unsigned rm, unsigned *fl)
{
	uint64_t sign = sew == 4 ? SIGN32 : SIGN64;

	if (neg_ab)
		a ^= sign;
	if (neg_c)
		c ^= sign;
	return sew == 4 ? fpu_fma_s(a, b, c, rm, fl)
			: fpu_fma_d(a, b, c, rm, fl);
}

static bool f_eq(unsigned sew, uint64_t a, uint64_t b, unsigned *fl)
{
	return sew == 4 ? fpu_eq_s(a, b, fl) : fpu_eq_d(a, b, fl);
}

static bool f_lt(unsigned sew, uint64_t a, uint64_t b, unsigned *fl)
{
	return sew == 4 ? fpu_lt_s(a, b, fl) : fpu_lt_d(a, b, fl);
}

static bool f_le(unsigned sew, uint64_t a, uint64_t b, unsigned *fl)
{
	return sew == 4 ? fpu_le_s(a, b, fl) : fpu_le_d(a, b, fl);
}

/* ---- the 7-bit estimates (the spec's tables and rules) ---- */

/* clang-format off */
static const uint8_t rsqrt7_table[128] = {
	52, 51, 50, 48, 47, 46, 44, 43, 42, 41, 40, 39, 38, 36, 35, 34,
	33, 32, 31, 30, 30, 29, 28, 27, 26, 25, 24, 23, 23, 22, 21, 20,
	19, 19, 18, 17, 16, 16, 15, 14, 14, 13, 12, 12, 11, 10, 10, 9,
	9, 8, 7, 7, 6, 6, 5, 4, 4, 3, 3, 2, 2, 1, 1, 0,
	127, 125, 123, 121, 119, 118, 116, 114, 113, 111, 109, 108, 106, 105,
	103, 102, 100, 99, 97, 96, 95, 93, 92, 91, 90, 88, 87, 86, 85, 84,
	83, 82, 80, 79, 78, 77, 76, 75, 74, 73, 72, 71, 70, 70, 69, 68,
	67, 66, 65, 64, 63, 63, 62, 61, 60, 59, 59, 58, 57, 56, 56, 55,
	54, 53,
};

static const uint8_t rec7_table[128] = {
	127, 125, 123, 121, 119, 117, 116, 114, 112, 110, 109, 107, 105, 104,
	102, 100, 99, 97, 96, 94, 93, 91, 90, 88, 87, 85, 84, 83, 81, 80,
	79, 77, 76, 75, 74, 72, 71, 70, 69, 68, 66, 65, 64, 63, 62, 61,
	60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45,
	44, 43, 42, 41, 40, 40, 39, 38, 37, 36, 35, 35, 34, 33, 32, 31,
	31, 30, 29, 28, 28, 27, 26, 25, 25, 24, 23, 23, 22, 21, 21, 20,
	19, 19, 18, 17, 17, 16, 15, 15, 14, 14, 13, 12, 12, 11, 11, 10,
	9, 9, 8, 8, 7, 7, 6, 5, 5, 4, 4, 3, 3, 2, 2, 1,
	1, 0,
};
/* clang-format on */

struct fmt {
	unsigned p, eb; /* precision with the hidden bit; exponent bits */
};

static struct fmt fmt_of(unsigned sew)
{
	return sew == 4 ? (struct fmt){24, 8} : (struct fmt){53, 11};
}

/*
 * Splits a finite non-zero @x into the normalized exponent and the
 * (P - 1)-bit fraction after the leading one (subnormals normalized).
 */
static void normalize(uint64_t x, struct fmt f, int *e, uint64_t *sig)
{
	uint64_t frac = x & ((1ull << (f.p - 1)) - 1);
	int exp = (x >> (f.p - 1)) & ((1u << f.eb) - 1);

	if (exp) {
		*e = exp;
		*sig = frac;
		return;
	}
	/* leading zeros of the fraction field */
	*e = -(__builtin_clzll(frac) - (64 - (int)(f.p - 1)));
	*sig = (frac << (1 - *e)) & ((1ull << (f.p - 1)) - 1);
}

static uint64_t canon(unsigned sew)
{
	return sew == 4 ? FPU_CANON_S : FPU_CANON_D;
}

static uint64_t rsqrt7(unsigned sew, uint64_t x, unsigned *fl)
{
	struct fmt f = fmt_of(sew);
	uint64_t sign = x >> (f.p + f.eb - 1);
	uint64_t mag = x & ((1ull << (f.p + f.eb - 1)) - 1);
	uint64_t inf = ((1ull << f.eb) - 1) << (f.p - 1);
	int bias = (1 << (f.eb - 1)) - 1, e;
	unsigned cls = sew == 4 ? fpu_class_s(x) : fpu_class_d(x);
	uint64_t sig;

	if (cls & (FPU_CLASS_SNAN | FPU_CLASS_QNAN)) {
		if (cls & FPU_CLASS_SNAN)
			*fl |= FPU_NV;
		return canon(sew);
	}
	if (mag == 0) {
		*fl |= FPU_DZ;
		return (sign << (f.p + f.eb - 1)) | inf;
	}
	if (sign) {
		*fl |= FPU_NV;
		return canon(sew);
	}
	if (mag == inf)
		return 0;
	normalize(x, f, &e, &sig);
	sig = rsqrt7_table[(e & 1) << 6 | sig >> (f.p - 1 - 6)];
	return (uint64_t)((3 * bias - 1 - e) / 2) << (f.p - 1) |
	       sig << (f.p - 1 - 7);
}

static uint64_t rec7(unsigned sew, uint64_t x, unsigned rm, unsigned *fl)
{
	struct fmt f = fmt_of(sew);
	uint64_t sign = x >> (f.p + f.eb - 1);
	uint64_t sbit = sign << (f.p + f.eb - 1);
	uint64_t mag = x & ((1ull << (f.p + f.eb - 1)) - 1);
	uint64_t inf = ((1ull << f.eb) - 1) << (f.p - 1);
	int bias = (1 << (f.eb - 1)) - 1, e, oe;
	unsigned cls = sew == 4 ? fpu_class_s(x) : fpu_class_d(x);
	uint64_t sig;

	if (cls & (FPU_CLASS_SNAN | FPU_CLASS_QNAN)) {
		if (cls & FPU_CLASS_SNAN)
			*fl |= FPU_NV;
		return canon(sew);
	}
	if (mag == inf)
		return sbit;
	if (mag == 0) {
		*fl |= FPU_DZ;
		return sbit | inf;
	}
	normalize(x, f, &e, &sig);
	oe = 2 * bias - 1 - e;
	if (oe > 2 * bias) {
		/* So tiny that 1/x overflows: infinity or the largest. */
		bool to_inf = rm == FPU_RNE || rm == FPU_RMM ||
			      (rm == FPU_RUP && !sign) ||
			      (rm == FPU_RDN && sign);

		*fl |= FPU_NX | FPU_OF;
		return sbit | (to_inf ? inf : inf - 1);
	}
	sig = (uint64_t)rec7_table[sig >> (f.p - 1 - 7)] << (f.p - 1 - 7);
	if (oe <= 0) {
		sig = (sig | 1ull << (f.p - 1)) >> (1 - oe);
		oe = 0;
	}
	return sbit | (uint64_t)oe << (f.p - 1) | sig;
}

/* ---- conversions ---- */

/* vfncvt.rod.f.f.w: truncate, then make the result odd if inexact. */
static uint32_t d_to_s_odd(uint64_t a, unsigned *fl)
{
	unsigned f = 0;
	uint32_t r = fpu_d_to_s(a, FPU_RTZ, &f);

	if (f & FPU_NX)
		r |= 1;
	*fl |= f;
	return r;
}

/* FP32 to a 16-bit integer, saturating as the 32-bit conversions do. */
static uint64_t s_to_int16(uint32_t a, bool sign, unsigned rm, unsigned *fl)
{
	unsigned f = 0;

	if (sign) {
		int32_t r = fpu_to_i32_s(a, rm, &f);

		if (!(f & FPU_NV) && (r > INT16_MAX || r < INT16_MIN))
			f = FPU_NV;
		*fl |= f;
		if (r > INT16_MAX)
			return (uint16_t)INT16_MAX;
		if (r < INT16_MIN)
			return (uint16_t)INT16_MIN;
		return (uint16_t)r;
	} else {
		uint32_t r = fpu_to_u32_s(a, rm, &f);

		if (!(f & FPU_NV) && r > UINT16_MAX)
			f = FPU_NV;
		*fl |= f;
		return r > UINT16_MAX ? UINT16_MAX : r;
	}
}

/*
 * One conversion of element value @v; @c->sew is the destination's SEW
 * for narrowing ones and the source's otherwise (the instruction's SEW).
 */
static uint64_t convert(const struct vctx *c, uint64_t v, unsigned rm,
			unsigned *fl)
{
	unsigned sew = c->sew;

	switch (c->op) {
	case RV_OP_vfcvt_xu_f:
	case RV_OP_vfcvt_rtz_xu_f:
		return sew == 4 ? fpu_to_u32_s(v, rm, fl)
				: fpu_to_u64_d(v, rm, fl);
	case RV_OP_vfcvt_x_f:
	case RV_OP_vfcvt_rtz_x_f:
		return sew == 4 ? (uint32_t)fpu_to_i32_s(v, rm, fl)
				: (uint64_t)fpu_to_i64_d(v, rm, fl);
	case RV_OP_vfcvt_f_xu:
		return sew == 4 ? fpu_from_u32_s(v, rm, fl)
				: fpu_from_u64_d(v, rm, fl);
	case RV_OP_vfcvt_f_x:
		return sew == 4 ? fpu_from_i32_s((int32_t)v, rm, fl)
				: fpu_from_i64_d((int64_t)v, rm, fl);
	case RV_OP_vfwcvt_xu_f:
	case RV_OP_vfwcvt_rtz_xu_f:
		return fpu_to_u64_s(v, rm, fl);
	case RV_OP_vfwcvt_x_f:
	case RV_OP_vfwcvt_rtz_x_f:
		return (uint64_t)fpu_to_i64_s(v, rm, fl);
	case RV_OP_vfwcvt_f_xu:
		return sew == 2 ? fpu_from_u32_s(v, rm, fl)
				: fpu_from_u32_d(v, rm, fl);
	case RV_OP_vfwcvt_f_x:
		return sew == 2 ? fpu_from_i32_s((int16_t)v, rm, fl)
				: fpu_from_i32_d((int32_t)v, rm, fl);
	case RV_OP_vfwcvt_f_f:
		return sew == 2 ? fpu_h_to_s(v, fl) : fpu_s_to_d(v, fl);
	case RV_OP_vfncvt_xu_f:
	case RV_OP_vfncvt_rtz_xu_f:
		return sew == 2 ? s_to_int16(v, false, rm, fl)
				: fpu_to_u32_d(v, rm, fl);
	case RV_OP_vfncvt_x_f:
	case RV_OP_vfncvt_rtz_x_f:
		return sew == 2 ? s_to_int16(v, true, rm, fl)
				: (uint32_t)fpu_to_i32_d(v, rm, fl);
	case RV_OP_vfncvt_f_xu:
		return fpu_from_u64_s(v, rm, fl);
	case RV_OP_vfncvt_f_x:
		return fpu_from_i64_s((int64_t)v, rm, fl);
	case RV_OP_vfncvt_f_f:
		return sew == 2 ? fpu_s_to_h(v, rm, fl) : fpu_d_to_s(v, rm, fl);
	default: /* vfncvt.rod.f.f.w */
		return d_to_s_odd(v, fl);
	}
}

/*
 * The SEWs a conversion is defined for: @src and @dst are the
 * element widths in bytes whose FP side must be binary32 or binary64
 * (binary16 only for Zvfhmin's two float-to-float conversions).
 */
static bool convert_ok(const struct vctx *c, int *sl, int *dl, unsigned *seew,
		       unsigned *deew)
{
	unsigned op = c->op, sew = c->sew;
	bool zvfhmin = dbt_has(c->h, ACCEL_EXT_ZVFHMIN);
	bool fsrc, fdst;

	*sl = *dl = c->lmul;
	*seew = *deew = sew;
	switch (op) {
	case RV_OP_vfcvt_xu_f ... RV_OP_vfcvt_rtz_x_f:
		return sew >= 4;
	case RV_OP_vfwcvt_xu_f ... RV_OP_vfwcvt_rtz_x_f:
		*deew = 2 * sew;
		*dl = c->lmul + 1;
		fsrc = op != RV_OP_vfwcvt_f_xu && op != RV_OP_vfwcvt_f_x;
		fdst = op == RV_OP_vfwcvt_f_xu || op == RV_OP_vfwcvt_f_x ||
		       op == RV_OP_vfwcvt_f_f;
		if (sew > 4 || c->lmul > 2)
			return false;
		if (op == RV_OP_vfwcvt_f_f)
			return sew == 4 || (sew == 2 && zvfhmin);
		if (fsrc)
			return sew == 4;
		return fdst && sew >= 2;
	default: /* narrowing */
		*seew = 2 * sew;
		*sl = c->lmul + 1;
		if (sew > 4 || c->lmul > 2)
			return false;
		switch (op) {
		case RV_OP_vfncvt_f_f:
			return sew == 4 || (sew == 2 && zvfhmin);
		case RV_OP_vfncvt_f_xu:
		case RV_OP_vfncvt_f_x:
		case RV_OP_vfncvt_rod_f_f:
			return sew == 4;
		default: /* float to integer */
			return sew >= 2;
		}
	}
}

static int do_convert(struct vctx *c)
{
	const uint8_t *a = vreg(c, c->vs2);
	uint8_t *d = vreg(c, c->vd);
	unsigned seew, deew, rm = c->frm;
	int sl, dl;

	if (!convert_ok(c, &sl, &dl, &seew, &deew) || !group_ok(c->vd, dl) ||
	    !group_ok(c->vs2, sl) ||
	    (seew != deew &&
	     !vec_overlap_ok(c->vd, dl, deew > seew, c->vs2, sl)) ||
	    (c->mask && c->vd == 0))
		return vec_illegal(c);
	switch (c->op) {
	case RV_OP_vfcvt_rtz_xu_f:
	case RV_OP_vfcvt_rtz_x_f:
	case RV_OP_vfwcvt_rtz_xu_f:
	case RV_OP_vfwcvt_rtz_x_f:
	case RV_OP_vfncvt_rtz_xu_f:
	case RV_OP_vfncvt_rtz_x_f:
		rm = FPU_RTZ;
		break;
	}
	for (uint32_t i = c->vstart; i < c->vl; i++)
		if (active(c, i))
			elem_set(d, deew, i,
				 convert(c, elem_get(a, seew, i), rm,
					 &c->fflags));
	return 0;
}

/* ---- element-wise operations ---- */

static uint64_t binop(const struct vctx *c, uint64_t x, uint64_t y,
		      unsigned *fl)
{
	unsigned sew = c->sew, rm = c->frm;
	uint64_t sign = sew == 4 ? SIGN32 : SIGN64;

	switch (c->op) {
	case RV_OP_vfadd:
		return f_add(sew, x, y, rm, fl);
	case RV_OP_vfsub:
		return f_sub(sew, x, y, rm, fl);
	case RV_OP_vfrsub:
		return f_sub(sew, y, x, rm, fl);
	case RV_OP_vfmul:
		return f_mul(sew, x, y, rm, fl);
	case RV_OP_vfdiv:
		return f_div(sew, x, y, rm, fl);
	case RV_OP_vfrdiv:
		return f_div(sew, y, x, rm, fl);
	case RV_OP_vfmin:
		return f_min(sew, x, y, fl);
	case RV_OP_vfmax:
		return f_max(sew, x, y, fl);
	case RV_OP_vfsgnj:
		return (x & ~sign) | (y & sign);
	case RV_OP_vfsgnjn:
		return (x & ~sign) | (~y & sign);
	default: /* vfsgnjx */
		return x ^ (y & sign);
	}
}

/* The multiply-adds: vd is an addend (*acc) or a multiplicand (*add). */
static uint64_t fmaop(const struct vctx *c, uint64_t vd, uint64_t x, uint64_t y,
		      unsigned *fl)
{
	unsigned sew = c->sew, rm = c->frm;

	switch (c->op) {
	case RV_OP_vfmacc:
		return f_fma(sew, y, x, vd, false, false, rm, fl);
	case RV_OP_vfnmacc:
		return f_fma(sew, y, x, vd, true, true, rm, fl);
	case RV_OP_vfmsac:
		return f_fma(sew, y, x, vd, false, true, rm, fl);
	case RV_OP_vfnmsac:
		return f_fma(sew, y, x, vd, true, false, rm, fl);
	case RV_OP_vfmadd:
		return f_fma(sew, y, vd, x, false, false, rm, fl);
	case RV_OP_vfnmadd:
		return f_fma(sew, y, vd, x, true, true, rm, fl);
	case RV_OP_vfmsub:
		return f_fma(sew, y, vd, x, false, true, rm, fl);
	default: /* vfnmsub */
		return f_fma(sew, y, vd, x, true, false, rm, fl);
	}
}

static bool cmpop(const struct vctx *c, uint64_t x, uint64_t y, unsigned *fl)
{
	unsigned sew = c->sew;

	switch (c->op) {
	case RV_OP_vmfeq:
		return f_eq(sew, x, y, fl);
	case RV_OP_vmfne:
		return !f_eq(sew, x, y, fl);
	case RV_OP_vmflt:
		return f_lt(sew, x, y, fl);
	case RV_OP_vmfle:
		return f_le(sew, x, y, fl);
	case RV_OP_vmfgt:
		return f_lt(sew, y, x, fl);
	default: /* vmfge */
		return f_le(sew, y, x, fl);
	}
}

static uint64_t unop(const struct vctx *c, uint64_t x, unsigned *fl)
{
	unsigned sew = c->sew;

	switch (c->op) {
	case RV_OP_vfsqrt:
		return sew == 4 ? fpu_sqrt_s(x, c->frm, fl)
				: fpu_sqrt_d(x, c->frm, fl);
	case RV_OP_vfrsqrt7:
		return rsqrt7(sew, x, fl);
	case RV_OP_vfrec7:
		return rec7(sew, x, c->frm, fl);
	default: /* vfclass */
		return sew == 4 ? fpu_class_s(x) : fpu_class_d(x);
	}
}

/* Single width: binary ops, multiply-adds, compares, unary ops. */
static int single(struct vctx *c)
{
	const uint8_t *a = vreg(c, c->vs2), *b = vreg(c, c->vs1);
	uint8_t *d = vreg(c, c->vd);
	bool vv = c->f3 == V_OPFVV,
	     cmp = c->op >= RV_OP_vmfeq && c->op <= RV_OP_vmfge;
	bool un = c->op >= RV_OP_vfsqrt && c->op <= RV_OP_vfclass;
	bool mac = c->op >= RV_OP_vfmadd && c->op <= RV_OP_vfnmsac;
	unsigned sew = c->sew;

	if (!group_ok(c->vs2, c->lmul) ||
	    (vv && !un && !group_ok(c->vs1, c->lmul)))
		return vec_illegal(c);
	if (cmp) {
		if (!vec_overlap_ok(c->vd, 0, false, c->vs2, c->lmul) ||
		    (vv && !vec_overlap_ok(c->vd, 0, false, c->vs1, c->lmul)))
			return vec_illegal(c);
	} else if (!group_ok(c->vd, c->lmul) || (c->mask && c->vd == 0)) {
		return vec_illegal(c);
	}
	for (uint32_t i = c->vstart; i < c->vl; i++) {
		uint64_t x, y;

		if (!active(c, i))
			continue;
		x = elem_get(a, sew, i);
		y = vv ? elem_get(b, sew, i) : c->scalar;
		if (cmp)
			mask_set(d, i, cmpop(c, x, y, &c->fflags));
		else if (un)
			elem_set(d, sew, i, unop(c, x, &c->fflags));
		else if (mac)
			elem_set(d, sew, i,
				 fmaop(c, elem_get(d, sew, i), x, y,
				       &c->fflags));
		else
			elem_set(d, sew, i, binop(c, x, y, &c->fflags));
	}
	return 0;
}

/* Widening: binary32 sources (or a binary64 vs2 for .w), binary64 results. */
static int widen(struct vctx *c)
{
	const uint8_t *a = vreg(c, c->vs2), *b = vreg(c, c->vs1);
	uint8_t *d = vreg(c, c->vd);
	bool vv = c->f3 == V_OPFVV;
	bool w2 = c->op == RV_OP_vfwadd_w || c->op == RV_OP_vfwsub_w;
	int wl = c->lmul + 1;
	unsigned rm = c->frm, *fl = &c->fflags;

	if (c->sew != 4 || c->lmul > 2 || !group_ok(c->vd, wl) ||
	    !group_ok(c->vs2, w2 ? wl : c->lmul) ||
	    (!w2 && !vec_overlap_ok(c->vd, wl, true, c->vs2, c->lmul)) ||
	    (vv && (!group_ok(c->vs1, c->lmul) ||
		    !vec_overlap_ok(c->vd, wl, true, c->vs1, c->lmul))) ||
	    (c->mask && c->vd == 0))
		return vec_illegal(c);
	for (uint32_t i = c->vstart; i < c->vl; i++) {
		uint64_t x, y, z, r;

		if (!active(c, i))
			continue;
		x = w2 ? elem_get(a, 8, i) : fpu_s_to_d(elem_get(a, 4, i), fl);
		y = fpu_s_to_d(vv ? elem_get(b, 4, i) : c->scalar, fl);
		z = elem_get(d, 8, i);
		switch (c->op) {
		case RV_OP_vfwadd:
		case RV_OP_vfwadd_w:
			r = fpu_add_d(x, y, rm, fl);
			break;
		case RV_OP_vfwsub:
		case RV_OP_vfwsub_w:
			r = fpu_sub_d(x, y, rm, fl);
			break;
		case RV_OP_vfwmul:
			r = fpu_mul_d(x, y, rm, fl);
			break;
		case RV_OP_vfwmacc:
			r = f_fma(8, y, x, z, false, false, rm, fl);
			break;
		case RV_OP_vfwnmacc:
			r = f_fma(8, y, x, z, true, true, rm, fl);
			break;
		case RV_OP_vfwmsac:
			r = f_fma(8, y, x, z, false, true, rm, fl);
			break;
		default: /* vfwnmsac */
			r = f_fma(8, y, x, z, true, false, rm, fl);
			break;
		}
		elem_set(d, 8, i, r);
	}
	return 0;
}

/* Reductions: in element order from vs1[0], active elements only. */
static int reduce(struct vctx *c)
{
	bool wide = c->op == RV_OP_vfwredusum || c->op == RV_OP_vfwredosum;
	unsigned deew = wide ? 8 : c->sew, *fl = &c->fflags;
	const uint8_t *a = vreg(c, c->vs2);
	uint64_t acc;

	if (c->vstart != 0 || !group_ok(c->vs2, c->lmul) ||
	    (wide && c->sew != 4))
		return vec_illegal(c);
	if (c->vl == 0)
		return 0;
	acc = elem_get(vreg(c, c->vs1), deew, 0);
	for (uint32_t i = 0; i < c->vl; i++) {
		uint64_t v;

		if (!active(c, i))
			continue;
		v = elem_get(a, c->sew, i);
		switch (c->op) {
		case RV_OP_vfredmin:
			acc = f_min(c->sew, acc, v, fl);
			break;
		case RV_OP_vfredmax:
			acc = f_max(c->sew, acc, v, fl);
			break;
		case RV_OP_vfwredusum:
		case RV_OP_vfwredosum:
			acc = fpu_add_d(acc, fpu_s_to_d(v, fl), c->frm, fl);
			break;
		default: /* vfredusum, vfredosum */
			acc = f_add(c->sew, acc, v, c->frm, fl);
			break;
		}
	}
	elem_set(vreg(c, c->vd), deew, 0, acc);
	return 0;
}

/* vfmerge.vfm and vfmv.v.f: every body element. */
static int merge(struct vctx *c)
{
	const uint8_t *v0 = vreg(c, 0), *a = vreg(c, c->vs2);
	uint8_t *d = vreg(c, c->vd);
	bool move = c->op == RV_OP_vfmv_v_f;

	if (!group_ok(c->vd, c->lmul) ||
	    (!move && (c->vd == 0 || !group_ok(c->vs2, c->lmul))))
		return vec_illegal(c);
	for (uint32_t i = c->vstart; i < c->vl; i++)
		elem_set(d, c->sew, i,
			 move || mask_bit(v0, i) ? c->scalar
						 : elem_get(a, c->sew, i));
	return 0;
}

int vec_fp(struct vctx *c)
{
	struct dbt_hart *h = c->h;
	unsigned frm = (h->csr.fcsr >> FCSR_FRM_SHIFT) & 7;
	uint64_t f = h->f[c->vs1];
	int rc;

	if (!dbt_csr_fs_on(h) || frm > FPU_RMM)
		return vec_illegal(c);
	c->frm = frm;
	/* The f operand, unboxed to SEW (an improper box reads as NaN). */
	if (c->sew == 4) {
		/* Zvkt (vfslide1up/down): selected by a mask, no branch. */
		uint64_t boxed = -(uint64_t)((f >> 32) == 0xffffffff);

		c->scalar = ((uint32_t)f & boxed) | (FPU_CANON_S & ~boxed);
	} else {
		c->scalar = f;
	}
	switch (c->op) {
	case RV_OP_vfcvt_xu_f ... RV_OP_vfncvt_rtz_x_f:
		rc = do_convert(c);
		break;
	case RV_OP_vfwadd ... RV_OP_vfwnmsac:
		rc = widen(c);
		break;
	case RV_OP_vfredusum ... RV_OP_vfwredosum:
		rc = c->sew == 4 || c->sew == 8 ? reduce(c) : vec_illegal(c);
		break;
	default:
		/* Everything else is single width: binary32 or binary64. */
		if (c->sew != 4 && c->sew != 8) {
			rc = vec_illegal(c);
			break;
		}
		switch (c->op) {
		case RV_OP_vfmv_f_s:
			h->f[c->vd] = c->sew == 4
					      ? fpu_box_s(elem_get(
							vreg(c, c->vs2), 4, 0))
					      : elem_get(vreg(c, c->vs2), 8, 0);
			dbt_csr_fs_dirty(h);
			rc = 0;
			break;
		case RV_OP_vfmv_s_f:
			if (c->vstart < c->vl)
				elem_set(vreg(c, c->vd), c->sew, 0, c->scalar);
			rc = 0;
			break;
		case RV_OP_vfslide1up:
			rc = vec_slide(c, true, true);
			break;
		case RV_OP_vfslide1down:
			rc = vec_slide(c, false, true);
			break;
		case RV_OP_vfmerge:
		case RV_OP_vfmv_v_f:
			rc = merge(c);
			break;
		default:
			rc = single(c);
			break;
		}
		break;
	}
	if (!rc && c->fflags) {
		h->csr.fcsr |= c->fflags & FCSR_FFLAGS;
		dbt_csr_fs_dirty(h);
	}
	return rc;
}
