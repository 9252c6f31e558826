/* SPDX-License-Identifier: MIT */
/*
 * RISC-V unprivileged ISA, "F Extension for Single-Precision
 * Floating-Point", "D Extension for Double-Precision Floating-Point",
 * "Zfh" and "Zfa": binary16, binary32 and binary64 arithmetic per IEEE
 * 754-2008 (minimum, maximum and roundToIntegral of 754-2019 for Zfa) with
 * the RISC-V rules on NaNs, tininess, fmin/fmax and saturating
 * conversions, in integer arithmetic.
 *
 * Every operation reduces to one of two shapes: an exact special-case
 * result (NaN, infinity, zero, an operand passed through), or a finite
 * non-zero value held as (sign, e, m) where m has its leading one at bit 63,
 * the value is m * 2^(e - 63), and any bits lost while computing m are
 * folded into bit 0 ("sticky"). round_pack() then rounds that to the
 * format once, which gives the single rounding IEEE requires.
 *
 * The format is described by P, the precision in bits including the
 * hidden one (11, 24 or 53), and EB, the exponent width (5, 8 or 11). The
 * generic helpers are always inlined with constant P and EB, so each
 * instruction gets its own specialised code.
 */
#include "accel/dbt/fpu.h"

#include <math.h>
#include <stdbool.h>

#define AI static inline __attribute__((always_inline))

#define BIAS(EB) ((1 << ((EB)-1)) - 1)
#define EMIN(EB) (1 - BIAS(EB))
#define SIGN_BIT(P, EB) (1ull << ((P)-1 + (EB)))
#define INF_BITS(P, EB) ((uint64_t)((1 << (EB)) - 1) << ((P)-1))
#define CANON(P, EB) (INF_BITS(P, EB) | 1ull << ((P)-2))

#define H_ 11, 5
#define S_ 24, 8
#define D_ 53, 11

enum { K_ZERO, K_FINITE, K_INF, K_QNAN, K_SNAN };

struct fp {
	int sign;
	int e;	    /* exponent of the leading one */
	uint64_t m; /* leading one at bit 63 */
};

AI int clz128(unsigned __int128 x)
{
	uint64_t hi = x >> 64;

	return hi ? __builtin_clzll(hi) : 64 + __builtin_clzll((uint64_t)x);
}

AI uint64_t shr_jam64(uint64_t m, unsigned n)
{
	if (n == 0)
		return m;
	if (n >= 64)
		return m != 0;
	return m >> n | ((m & ((1ull << n) - 1)) != 0);
}

AI unsigned __int128 shr_jam128(unsigned __int128 m, unsigned n)
{
	if (n == 0)
		return m;
	if (n >= 128)
		return m != 0;
	return m >> n | ((m & (((unsigned __int128)1 << n) - 1)) != 0);
}

/* Folds a 128-bit significand with its leading one at bit 127 to 64 bits. */
AI uint64_t fold128(unsigned __int128 m)
{
	return (uint64_t)(m >> 64) | ((uint64_t)m != 0);
}

AI int unpack(uint64_t x, struct fp *f, int P, int EB)
{
	uint64_t frac = x & ((1ull << (P - 1)) - 1);
	int exp = (x >> (P - 1)) & ((1 << EB) - 1);

	f->sign = (x >> (P - 1 + EB)) & 1;
	f->e = 0;
	f->m = 0;
	if (exp == (1 << EB) - 1) {
		if (!frac)
			return K_INF;
		return frac >> (P - 2) ? K_QNAN : K_SNAN;
	}
	if (exp == 0) {
		int lz;

		if (!frac)
			return K_ZERO;
		lz = __builtin_clzll(frac);
		f->m = frac << lz;
		f->e = EMIN(EB) - (P - 1) + (63 - lz);
		return K_FINITE;
	}
	f->m = (frac | 1ull << (P - 1)) << (64 - P);
	f->e = exp - BIAS(EB);
	return K_FINITE;
}

AI bool is_nan(int k)
{
	return k >= K_QNAN;
}

AI uint64_t nan2(int ka, int kb, unsigned *fl, int P, int EB)
{
	if (ka == K_SNAN || kb == K_SNAN)
		*fl |= FPU_NV;
	return CANON(P, EB);
}

AI uint64_t invalid(unsigned *fl, int P, int EB)
{
	*fl |= FPU_NV;
	return CANON(P, EB);
}

AI uint64_t zero(int sign, int P, int EB)
{
	return sign ? SIGN_BIT(P, EB) : 0;
}

AI uint64_t inf(int sign, int P, int EB)
{
	return zero(sign, P, EB) | INF_BITS(P, EB);
}

/*
 * Whether to add one unit in the last place, given the kept bits, the
 * discarded bits and the weight of half a unit.
 */
AI bool round_inc(uint64_t kept, uint64_t rem, uint64_t half, int sign,
		  unsigned rm)
{
	switch (rm) {
	case FPU_RTZ:
		return false;
	case FPU_RDN:
		return sign & (rem != 0);
	case FPU_RUP:
		return !sign & (rem != 0);
	case FPU_RMM:
		return rem >= half;
	default:
		/* written without branches: rem is data, rm is not */
		return (rem > half) | ((rem == half) & kept);
	}
}

AI uint64_t overflow(int sign, unsigned rm, unsigned *fl, int P, int EB)
{
	bool to_inf;

	*fl |= FPU_OF | FPU_NX;
	switch (rm) {
	case FPU_RTZ:
		to_inf = false;
		break;
	case FPU_RDN:
		to_inf = sign;
		break;
	case FPU_RUP:
		to_inf = !sign;
		break;
	default:
		to_inf = true;
		break;
	}
	return zero(sign, P, EB) | (INF_BITS(P, EB) - !to_inf);
}

/*
 * Rounds (-1)^sign * m * 2^(e - 63), m with its leading one at bit 63, to
 * the format. Tininess is judged after rounding: the value is tiny when,
 * rounded to P bits with an unbounded exponent, it is below 2^emin.
 */
AI uint64_t round_pack(int sign, int e, uint64_t m, unsigned rm, unsigned *fl,
		       int P, int EB)
{
	const int sh = 64 - P;
	const uint64_t half = 1ull << (sh - 1);
	uint64_t kept, rem, r;
	bool tiny = false;

	if (__builtin_expect(e > BIAS(EB), 0))
		return overflow(sign, rm, fl, P, EB);
	if (__builtin_expect(e < EMIN(EB), 0)) {
		if (e < EMIN(EB) - 1) {
			tiny = true;
		} else {
			kept = m >> sh;
			rem = m & ((1ull << sh) - 1);
			tiny = !(kept == (1ull << P) - 1 &&
				 round_inc(kept, rem, half, sign, rm));
		}
		m = shr_jam64(m, EMIN(EB) - e);
		e = EMIN(EB);
	}
	kept = m >> sh;
	rem = m & ((1ull << sh) - 1);
	*fl |= (rem != 0) * (tiny ? FPU_NX | FPU_UF : FPU_NX);
	kept += round_inc(kept, rem, half, sign, rm);
	/*
	 * kept carries the leading one, which adds one to the exponent
	 * field; a carry out of rounding lands in the exponent the same way.
	 */
	r = ((uint64_t)(e + BIAS(EB) - 1) << (P - 1)) + kept;
	if (r >= INF_BITS(P, EB))
		return overflow(sign, rm, fl, P, EB);
	return zero(sign, P, EB) | r;
}

AI uint64_t add_g(uint64_t a, uint64_t b, unsigned rm, unsigned *fl, int P,
		  int EB)
{
	struct fp x, y, t;
	int kx = unpack(a, &x, P, EB), ky = unpack(b, &y, P, EB);
	uint64_t m;
	int lz;

	if (__builtin_expect(kx != K_FINITE || ky != K_FINITE, 0)) {
		if (is_nan(kx) || is_nan(ky))
			return nan2(kx, ky, fl, P, EB);
		if (kx == K_INF) {
			if (ky == K_INF && x.sign != y.sign)
				return invalid(fl, P, EB);
			return a;
		}
		if (ky == K_INF)
			return b;
		if (kx == K_ZERO && ky == K_ZERO) {
			if (x.sign == y.sign)
				return a;
			return zero(rm == FPU_RDN, P, EB);
		}
		return kx == K_ZERO ? b : a;
	}
	if (x.e < y.e || (x.e == y.e && x.m < y.m)) {
		t = x;
		x = y;
		y = t;
	}
	/* One bit of headroom for the carry; the low bits are zero. */
	x.m >>= 1;
	y.m = shr_jam64(y.m >> 1, x.e - y.e);
	if (x.sign == y.sign) {
		m = x.m + y.m;
	} else {
		m = x.m - y.m;
		if (!m)
			return zero(rm == FPU_RDN, P, EB);
	}
	lz = __builtin_clzll(m);
	return round_pack(x.sign, x.e + 1 - lz, m << lz, rm, fl, P, EB);
}

AI uint64_t mul_g(uint64_t a, uint64_t b, unsigned rm, unsigned *fl, int P,
		  int EB)
{
	struct fp x, y;
	int kx = unpack(a, &x, P, EB), ky = unpack(b, &y, P, EB);
	int sign = x.sign ^ y.sign, e;
	unsigned __int128 p;

	if (__builtin_expect(kx != K_FINITE || ky != K_FINITE, 0)) {
		if (is_nan(kx) || is_nan(ky))
			return nan2(kx, ky, fl, P, EB);
		if (kx == K_INF || ky == K_INF) {
			if (kx == K_ZERO || ky == K_ZERO)
				return invalid(fl, P, EB);
			return inf(sign, P, EB);
		}
		return zero(sign, P, EB);
	}
	p = (unsigned __int128)x.m * y.m;
	e = x.e + y.e;
	if (p >> 127)
		e++;
	else
		p <<= 1;
	return round_pack(sign, e, fold128(p), rm, fl, P, EB);
}

/* (hi:lo) / d where the quotient fits 64 bits. */
AI uint64_t div128(uint64_t hi, uint64_t lo, uint64_t d, uint64_t *rem)
{
#if defined(__x86_64__)
	uint64_t q, r;

	__asm__("divq %4" : "=a"(q), "=d"(r) : "a"(lo), "d"(hi), "rm"(d));
	*rem = r;
	return q;
#else
	unsigned __int128 n = (unsigned __int128)hi << 64 | lo;

	*rem = n % d;
	return n / d;
#endif
}

AI uint64_t div_g(uint64_t a, uint64_t b, unsigned rm, unsigned *fl, int P,
		  int EB)
{
	struct fp x, y;
	int kx = unpack(a, &x, P, EB), ky = unpack(b, &y, P, EB);
	int sign = x.sign ^ y.sign, lz, k;
	uint64_t n, d, q, r;

	if (__builtin_expect(kx != K_FINITE || ky != K_FINITE, 0)) {
		if (is_nan(kx) || is_nan(ky))
			return nan2(kx, ky, fl, P, EB);
		if (kx == K_INF)
			return ky == K_INF ? invalid(fl, P, EB)
					   : inf(sign, P, EB);
		if (ky == K_INF)
			return zero(sign, P, EB);
		if (ky == K_ZERO) {
			if (kx == K_ZERO)
				return invalid(fl, P, EB);
			*fl |= FPU_DZ;
			return inf(sign, P, EB);
		}
		return zero(sign, P, EB);
	}
	/*
	 * n / d with both significands as P-bit integers lies in (1/2, 2);
	 * scaling n by 2^k leaves a quotient of k or k + 1 bits, at least
	 * P + 2 of them, and the remainder says whether it was exact.
	 */
	n = x.m >> (64 - P);
	d = y.m >> (64 - P);
	if (P <= 32) {
		k = 63 - P;
		q = (n << k) / d;
		r = (n << k) % d;
	} else {
		k = 62;
		q = div128(n >> 2, n << 62, d, &r);
	}
	lz = __builtin_clzll(q);
	q = q << lz | (r != 0);
	return round_pack(sign, x.e - y.e + 63 - lz - k, q, rm, fl, P, EB);
}

AI uint64_t isqrt64(uint64_t n)
{
	/* The host's estimate is off by at most a little; fix it exactly. */
	uint64_t r = (uint64_t)sqrt((double)n);

	while (r * r > n)
		r--;
	while ((r + 1) * (r + 1) <= n)
		r++;
	return r;
}

AI uint64_t isqrt128(unsigned __int128 n)
{
	/* n < 2^112: its top 64 bits make as good a start */
	uint64_t r = (uint64_t)(sqrt((double)(uint64_t)(n >> 48)) * 0x1p24);

	while ((unsigned __int128)r * r > n)
		r--;
	while ((unsigned __int128)(r + 1) * (r + 1) <= n)
		r++;
	return r;
}

AI uint64_t sqrt_g(uint64_t a, unsigned rm, unsigned *fl, int P, int EB)
{
	struct fp x;
	int k = unpack(a, &x, P, EB), s, e, lz;
	uint64_t n, r;
	bool inexact;

	if (__builtin_expect(k != K_FINITE || x.sign, 0)) {
		if (is_nan(k))
			return nan2(k, K_ZERO, fl, P, EB);
		if (k == K_ZERO)
			return a;
		if (x.sign)
			return invalid(fl, P, EB);
		return a;
	}
	/*
	 * a = n * 2^(x.e - (P - 1)). Scale n by 2^s, s chosen to make the
	 * exponent even and the integer root at least P + 2 bits long.
	 */
	n = x.m >> (64 - P);
	s = P + 4;
	if ((x.e - (P - 1) - s) & 1)
		s--;
	e = (x.e - (P - 1) - s) / 2;
	if (P <= 32) {
		uint64_t nn = n << s;

		r = isqrt64(nn);
		inexact = r * r != nn;
	} else {
		unsigned __int128 nn = (unsigned __int128)n << s;

		r = isqrt128(nn);
		inexact = (unsigned __int128)r * r != nn;
	}
	lz = __builtin_clzll(r);
	return round_pack(0, e + 63 - lz, r << lz | inexact, rm, fl, P, EB);
}

AI uint64_t fma_g(uint64_t a, uint64_t b, uint64_t c, unsigned rm, unsigned *fl,
		  int P, int EB)
{
	struct fp x, y, z;
	int kx = unpack(a, &x, P, EB), ky = unpack(b, &y, P, EB);
	int kz = unpack(c, &z, P, EB);
	int sp = x.sign ^ y.sign, ep, sign, e, lz;
	unsigned __int128 p, q, m;

	if (__builtin_expect(kx != K_FINITE || ky != K_FINITE || kz != K_FINITE,
			     0)) {
		bool inf_zero = (kx == K_INF && ky == K_ZERO) ||
				(kx == K_ZERO && ky == K_INF);

		if (is_nan(kx) || is_nan(ky) || is_nan(kz) || inf_zero) {
			if (kx == K_SNAN || ky == K_SNAN || kz == K_SNAN ||
			    inf_zero)
				*fl |= FPU_NV;
			return CANON(P, EB);
		}
		if (kx == K_INF || ky == K_INF) {
			if (kz == K_INF && z.sign != sp)
				return invalid(fl, P, EB);
			return inf(sp, P, EB);
		}
		if (kz == K_INF)
			return c;
		if (kx == K_ZERO || ky == K_ZERO) {
			if (kz != K_ZERO)
				return c;
			if (z.sign == sp)
				return c;
			return zero(rm == FPU_RDN, P, EB);
		}
		/* c is zero and the product is not: round the product. */
		p = (unsigned __int128)x.m * y.m;
		ep = x.e + y.e;
		if (p >> 127)
			ep++;
		else
			p <<= 1;
		return round_pack(sp, ep, fold128(p), rm, fl, P, EB);
	}
	/*
	 * The exact product has at most 2P bits, so it has zero low bits
	 * to spare: put both addends' leading ones at bit 126, one bit
	 * below the top to leave room for a carry.
	 */
	p = (unsigned __int128)x.m * y.m;
	ep = x.e + y.e;
	if (p >> 127) {
		p >>= 1;
		ep++;
	}
	q = (unsigned __int128)z.m << 63;
	if (ep > z.e || (ep == z.e && p >= q)) {
		sign = sp;
		e = ep;
		q = shr_jam128(q, ep - z.e > 200 ? 200 : ep - z.e);
		m = p;
	} else {
		sign = z.sign;
		e = z.e;
		m = q;
		q = shr_jam128(p, z.e - ep > 200 ? 200 : z.e - ep);
	}
	if (sp == z.sign) {
		m += q;
	} else {
		m -= q;
		if (!m)
			return zero(rm == FPU_RDN, P, EB);
	}
	lz = clz128(m);
	return round_pack(sign, e + 1 - lz, fold128(m << lz), rm, fl, P, EB);
}

AI uint64_t minmax_g(uint64_t a, uint64_t b, bool max, unsigned *fl, int P,
		     int EB)
{
	struct fp x, y;
	int kx = unpack(a, &x, P, EB), ky = unpack(b, &y, P, EB);
	bool lt;

	if (__builtin_expect(is_nan(kx) || is_nan(ky), 0)) {
		if (kx == K_SNAN || ky == K_SNAN)
			*fl |= FPU_NV;
		if (is_nan(kx) && is_nan(ky))
			return CANON(P, EB);
		return is_nan(kx) ? b : a;
	}
	/* Sign-magnitude order, in which -0 < +0. */
	if (x.sign != y.sign)
		lt = x.sign;
	else
		lt = x.sign ? a > b : a < b;
	return lt == max ? b : a;
}

AI int cmp_g(uint64_t a, uint64_t b, int op, unsigned *fl, int P, int EB)
{
	struct fp x, y;
	int kx = unpack(a, &x, P, EB), ky = unpack(b, &y, P, EB);
	bool both_zero = ((a | b) & ~SIGN_BIT(P, EB)) == 0;

	if (__builtin_expect(is_nan(kx) || is_nan(ky), 0)) {
		/* feq is quiet; flt and fle are signaling comparisons */
		if (op != 0 || kx == K_SNAN || ky == K_SNAN)
			*fl |= FPU_NV;
		return 0;
	}
	if (op == 0)
		return a == b || both_zero;
	if (a == b || both_zero)
		return op == 2;
	if (x.sign != y.sign)
		return x.sign;
	return x.sign ? a > b : a < b;
}

AI unsigned class_g(uint64_t a, int P, int EB)
{
	struct fp x;
	int k = unpack(a, &x, P, EB);
	int exp = (a >> (P - 1)) & ((1 << EB) - 1);

	switch (k) {
	case K_QNAN:
		return FPU_CLASS_QNAN;
	case K_SNAN:
		return FPU_CLASS_SNAN;
	case K_INF:
		return x.sign ? FPU_CLASS_NEG_INF : FPU_CLASS_POS_INF;
	case K_ZERO:
		return x.sign ? FPU_CLASS_NEG_ZERO : FPU_CLASS_POS_ZERO;
	default:
		if (exp == 0)
			return x.sign ? FPU_CLASS_NEG_SUBNORMAL
				      : FPU_CLASS_POS_SUBNORMAL;
		return x.sign ? FPU_CLASS_NEG_NORMAL : FPU_CLASS_POS_NORMAL;
	}
}

/*
 * Float to integer. pos_max and neg_max bound the magnitudes of the
 * result (neg_max is 0 for unsigned); the two's complement bits come
 * back. Out-of-range results are clipped and only NV is raised, as for
 * an invalid operation no other flag goes with it.
 */
AI uint64_t to_int_g(uint64_t a, unsigned rm, unsigned *fl, uint64_t pos_max,
		     uint64_t neg_max, int P, int EB)
{
	struct fp x;
	int k = unpack(a, &x, P, EB), sh;
	uint64_t kept, rem, half, mag;

	switch (k) {
	case K_ZERO:
		return 0;
	case K_QNAN:
	case K_SNAN:
		*fl |= FPU_NV;
		return pos_max;
	case K_INF:
		*fl |= FPU_NV;
		return x.sign ? -neg_max : pos_max;
	}
	if (x.e > 63)
		goto out_of_range;
	if (x.e == 63) {
		mag = x.m;
		rem = 0;
	} else {
		sh = 63 - x.e;
		if (sh >= 64) {
			/* Below one half: only the sticky bit matters. */
			kept = 0;
			rem = sh > 64 ? 1 : x.m;
			half = 1ull << 63;
		} else {
			kept = x.m >> sh;
			rem = x.m & ((1ull << sh) - 1);
			half = 1ull << (sh - 1);
		}
		mag = kept + round_inc(kept, rem, half, x.sign, rm);
	}
	/* For unsigned, a negative value that rounds to zero is in range. */
	if (x.sign ? mag > neg_max : mag > pos_max)
		goto out_of_range;
	if (rem)
		*fl |= FPU_NX;
	return x.sign ? -mag : mag;
out_of_range:
	*fl |= FPU_NV;
	return x.sign ? -neg_max : pos_max;
}

AI uint64_t from_int_g(int sign, uint64_t mag, unsigned rm, unsigned *fl, int P,
		       int EB)
{
	int lz;

	if (!mag)
		return 0;
	lz = __builtin_clzll(mag);
	return round_pack(sign, 63 - lz, mag << lz, rm, fl, P, EB);
}

/* Narrowing or widening between the formats. */
AI uint64_t convert_g(uint64_t a, unsigned rm, unsigned *fl, int P1, int EB1,
		      int P2, int EB2)
{
	struct fp x;
	int k = unpack(a, &x, P1, EB1);

	switch (k) {
	case K_QNAN:
	case K_SNAN:
		return nan2(k, K_ZERO, fl, P2, EB2);
	case K_INF:
		return inf(x.sign, P2, EB2);
	case K_ZERO:
		return zero(x.sign, P2, EB2);
	}
	return round_pack(x.sign, x.e, x.m, rm, fl, P2, EB2);
}

/* fminm/fmaxm: fmin/fmax, but any NaN operand gives the canonical NaN. */
AI uint64_t minmaxm_g(uint64_t a, uint64_t b, bool max, unsigned *fl, int P,
		      int EB)
{
	struct fp x, y;
	int kx = unpack(a, &x, P, EB), ky = unpack(b, &y, P, EB);

	if (is_nan(kx) || is_nan(ky))
		return nan2(kx, ky, fl, P, EB);
	return minmax_g(a, b, max, fl, P, EB);
}

/* fleq/fltq: as fle/flt, but a quiet NaN raises nothing. */
AI int cmpq_g(uint64_t a, uint64_t b, int op, unsigned *fl, int P, int EB)
{
	struct fp x, y;
	int kx = unpack(a, &x, P, EB), ky = unpack(b, &y, P, EB);

	if (is_nan(kx) || is_nan(ky)) {
		if (kx == K_SNAN || ky == K_SNAN)
			*fl |= FPU_NV;
		return 0;
	}
	return cmp_g(a, b, op, fl, P, EB);
}

/* fround/froundnx: the integral value @a rounds to in @rm. */
AI uint64_t round_int_g(uint64_t a, unsigned rm, bool exact, unsigned *fl,
			int P, int EB)
{
	struct fp x;
	int k = unpack(a, &x, P, EB), sh, lz;
	uint64_t kept, rem, half, mag;
	unsigned none = 0;

	switch (k) {
	case K_SNAN:
	case K_QNAN:
		return nan2(k, K_ZERO, fl, P, EB);
	case K_ZERO:
	case K_INF:
		return a;
	}
	/* From 2^(P-1) up every value is an integer already. */
	if (x.e >= P - 1)
		return a;
	sh = 63 - x.e;
	if (sh >= 64) {
		/* Below one half: only the sticky bit matters. */
		kept = 0;
		rem = sh > 64 ? 1 : x.m;
		half = 1ull << 63;
	} else {
		kept = x.m >> sh;
		rem = x.m & ((1ull << sh) - 1);
		half = 1ull << (sh - 1);
	}
	mag = kept + round_inc(kept, rem, half, x.sign, rm);
	if (exact && rem)
		*fl |= FPU_NX;
	if (!mag)
		return zero(x.sign, P, EB);
	lz = __builtin_clzll(mag);
	/* mag has at most P bits: packing it is exact. */
	return round_pack(x.sign, 63 - lz, mag << lz, rm, &none, P, EB);
}

/* The fli constants as binary32; entry 1 (the minimum normal) aside. */
static const uint32_t fli_table[32] = {
	0xbf800000, 0x00800000, 0x37800000, 0x38000000, 0x3b800000, 0x3c000000,
	0x3d800000, 0x3e000000, 0x3e800000, 0x3ea00000, 0x3ec00000, 0x3ee00000,
	0x3f000000, 0x3f200000, 0x3f400000, 0x3f600000, 0x3f800000, 0x3fa00000,
	0x3fc00000, 0x3fe00000, 0x40000000, 0x40200000, 0x40400000, 0x40800000,
	0x41000000, 0x41800000, 0x43000000, 0x43800000, 0x47000000, 0x47800000,
	0x7f800000, 0x7fc00000,
};

/* Single precision */

uint32_t fpu_add_s(uint32_t a, uint32_t b, unsigned rm, unsigned *fflags)
{
	return add_g(a, b, rm, fflags, S_);
}

uint32_t fpu_sub_s(uint32_t a, uint32_t b, unsigned rm, unsigned *fflags)
{
	return add_g(a, b ^ 0x80000000u, rm, fflags, S_);
}

uint32_t fpu_mul_s(uint32_t a, uint32_t b, unsigned rm, unsigned *fflags)
{
	return mul_g(a, b, rm, fflags, S_);
}

uint32_t fpu_div_s(uint32_t a, uint32_t b, unsigned rm, unsigned *fflags)
{
	return div_g(a, b, rm, fflags, S_);
}

uint32_t fpu_sqrt_s(uint32_t a, unsigned rm, unsigned *fflags)
{
	return sqrt_g(a, rm, fflags, S_);
}

uint32_t fpu_fma_s(uint32_t a, uint32_t b, uint32_t c, unsigned rm,
		   unsigned *fflags)
{
	return fma_g(a, b, c, rm, fflags, S_);
}

uint32_t fpu_min_s(uint32_t a, uint32_t b, unsigned *fflags)
{
	return minmax_g(a, b, false, fflags, S_);
}

uint32_t fpu_max_s(uint32_t a, uint32_t b, unsigned *fflags)
{
	return minmax_g(a, b, true, fflags, S_);
}

int fpu_eq_s(uint32_t a, uint32_t b, unsigned *fflags)
{
	return cmp_g(a, b, 0, fflags, S_);
}

int fpu_lt_s(uint32_t a, uint32_t b, unsigned *fflags)
{
	return cmp_g(a, b, 1, fflags, S_);
}

int fpu_le_s(uint32_t a, uint32_t b, unsigned *fflags)
{
	return cmp_g(a, b, 2, fflags, S_);
}

unsigned fpu_class_s(uint32_t a)
{
	return class_g(a, S_);
}

int32_t fpu_to_i32_s(uint32_t a, unsigned rm, unsigned *fflags)
{
	return (int32_t)to_int_g(a, rm, fflags, INT32_MAX, 1ull << 31, S_);
}

uint32_t fpu_to_u32_s(uint32_t a, unsigned rm, unsigned *fflags)
{
	return (uint32_t)to_int_g(a, rm, fflags, UINT32_MAX, 0, S_);
}

int64_t fpu_to_i64_s(uint32_t a, unsigned rm, unsigned *fflags)
{
	return (int64_t)to_int_g(a, rm, fflags, INT64_MAX, 1ull << 63, S_);
}

uint64_t fpu_to_u64_s(uint32_t a, unsigned rm, unsigned *fflags)
{
	return to_int_g(a, rm, fflags, UINT64_MAX, 0, S_);
}

uint32_t fpu_from_i32_s(int32_t v, unsigned rm, unsigned *fflags)
{
	return from_int_g(v < 0, v < 0 ? -(uint64_t)v : (uint64_t)v, rm, fflags,
			  S_);
}

uint32_t fpu_from_u32_s(uint32_t v, unsigned rm, unsigned *fflags)
{
	return from_int_g(0, v, rm, fflags, S_);
}

uint32_t fpu_from_i64_s(int64_t v, unsigned rm, unsigned *fflags)
{
	return from_int_g(v < 0, v < 0 ? -(uint64_t)v : (uint64_t)v, rm, fflags,
			  S_);
}

uint32_t fpu_from_u64_s(uint64_t v, unsigned rm, unsigned *fflags)
{
	return from_int_g(0, v, rm, fflags, S_);
}

/* Double precision */

uint64_t fpu_add_d(uint64_t a, uint64_t b, unsigned rm, unsigned *fflags)
{
	return add_g(a, b, rm, fflags, D_);
}

uint64_t fpu_sub_d(uint64_t a, uint64_t b, unsigned rm, unsigned *fflags)
{
	return add_g(a, b ^ (1ull << 63), rm, fflags, D_);
}

uint64_t fpu_mul_d(uint64_t a, uint64_t b, unsigned rm, unsigned *fflags)
{
	return mul_g(a, b, rm, fflags, D_);
}

uint64_t fpu_div_d(uint64_t a, uint64_t b, unsigned rm, unsigned *fflags)
{
	return div_g(a, b, rm, fflags, D_);
}

uint64_t fpu_sqrt_d(uint64_t a, unsigned rm, unsigned *fflags)
{
	return sqrt_g(a, rm, fflags, D_);
}

uint64_t fpu_fma_d(uint64_t a, uint64_t b, uint64_t c, unsigned rm,
		   unsigned *fflags)
{
	return fma_g(a, b, c, rm, fflags, D_);
}

uint64_t fpu_min_d(uint64_t a, uint64_t b, unsigned *fflags)
{
	return minmax_g(a, b, false, fflags, D_);
}

uint64_t fpu_max_d(uint64_t a, uint64_t b, unsigned *fflags)
{
	return minmax_g(a, b, true, fflags, D_);
}

int fpu_eq_d(uint64_t a, uint64_t b, unsigned *fflags)
{
	return cmp_g(a, b, 0, fflags, D_);
}

int fpu_lt_d(uint64_t a, uint64_t b, unsigned *fflags)
{
	return cmp_g(a, b, 1, fflags, D_);
}

int fpu_le_d(uint64_t a, uint64_t b, unsigned *fflags)
{
	return cmp_g(a, b, 2, fflags, D_);
}

unsigned fpu_class_d(uint64_t a)
{
	return class_g(a, D_);
}

int32_t fpu_to_i32_d(uint64_t a, unsigned rm, unsigned *fflags)
{
	return (int32_t)to_int_g(a, rm, fflags, INT32_MAX, 1ull << 31, D_);
}

uint32_t fpu_to_u32_d(uint64_t a, unsigned rm, unsigned *fflags)
{
	return (uint32_t)to_int_g(a, rm, fflags, UINT32_MAX, 0, D_);
}

int64_t fpu_to_i64_d(uint64_t a, unsigned rm, unsigned *fflags)
{
	return (int64_t)to_int_g(a, rm, fflags, INT64_MAX, 1ull << 63, D_);
}

uint64_t fpu_to_u64_d(uint64_t a, unsigned rm, unsigned *fflags)
{
	return to_int_g(a, rm, fflags, UINT64_MAX, 0, D_);
}

uint64_t fpu_from_i32_d(int32_t v, unsigned rm, unsigned *fflags)
{
	return from_int_g(v < 0, v < 0 ? -(uint64_t)v : (uint64_t)v, rm, fflags,
			  D_);
}

uint64_t fpu_from_u32_d(uint32_t v, unsigned rm, unsigned *fflags)
{
	return from_int_g(0, v, rm, fflags, D_);
}

uint64_t fpu_from_i64_d(int64_t v, unsigned rm, unsigned *fflags)
{
	return from_int_g(v < 0, v < 0 ? -(uint64_t)v : (uint64_t)v, rm, fflags,
			  D_);
}

uint64_t fpu_from_u64_d(uint64_t v, unsigned rm, unsigned *fflags)
{
	return from_int_g(0, v, rm, fflags, D_);
}

uint64_t fpu_s_to_d(uint32_t a, unsigned *fflags)
{
	return convert_g(a, FPU_RNE, fflags, S_, D_);
}

uint32_t fpu_d_to_s(uint64_t a, unsigned rm, unsigned *fflags)
{
	return convert_g(a, rm, fflags, D_, S_);
}

/* Half precision */

uint16_t fpu_add_h(uint16_t a, uint16_t b, unsigned rm, unsigned *fflags)
{
	return add_g(a, b, rm, fflags, H_);
}

uint16_t fpu_sub_h(uint16_t a, uint16_t b, unsigned rm, unsigned *fflags)
{
	return add_g(a, b ^ 0x8000u, rm, fflags, H_);
}

uint16_t fpu_mul_h(uint16_t a, uint16_t b, unsigned rm, unsigned *fflags)
{
	return mul_g(a, b, rm, fflags, H_);
}

uint16_t fpu_div_h(uint16_t a, uint16_t b, unsigned rm, unsigned *fflags)
{
	return div_g(a, b, rm, fflags, H_);
}

uint16_t fpu_sqrt_h(uint16_t a, unsigned rm, unsigned *fflags)
{
	return sqrt_g(a, rm, fflags, H_);
}

uint16_t fpu_fma_h(uint16_t a, uint16_t b, uint16_t c, unsigned rm,
		   unsigned *fflags)
{
	return fma_g(a, b, c, rm, fflags, H_);
}

uint16_t fpu_min_h(uint16_t a, uint16_t b, unsigned *fflags)
{
	return minmax_g(a, b, false, fflags, H_);
}

uint16_t fpu_max_h(uint16_t a, uint16_t b, unsigned *fflags)
{
	return minmax_g(a, b, true, fflags, H_);
}

int fpu_eq_h(uint16_t a, uint16_t b, unsigned *fflags)
{
	return cmp_g(a, b, 0, fflags, H_);
}

int fpu_lt_h(uint16_t a, uint16_t b, unsigned *fflags)
{
	return cmp_g(a, b, 1, fflags, H_);
}

int fpu_le_h(uint16_t a, uint16_t b, unsigned *fflags)
{
	return cmp_g(a, b, 2, fflags, H_);
}

unsigned fpu_class_h(uint16_t a)
{
	return class_g(a, H_);
}

int32_t fpu_to_i32_h(uint16_t a, unsigned rm, unsigned *fflags)
{
	return (int32_t)to_int_g(a, rm, fflags, INT32_MAX, 1ull << 31, H_);
}

uint32_t fpu_to_u32_h(uint16_t a, unsigned rm, unsigned *fflags)
{
	return (uint32_t)to_int_g(a, rm, fflags, UINT32_MAX, 0, H_);
}

int64_t fpu_to_i64_h(uint16_t a, unsigned rm, unsigned *fflags)
{
	return (int64_t)to_int_g(a, rm, fflags, INT64_MAX, 1ull << 63, H_);
}

uint64_t fpu_to_u64_h(uint16_t a, unsigned rm, unsigned *fflags)
{
	return to_int_g(a, rm, fflags, UINT64_MAX, 0, H_);
}

uint16_t fpu_from_i64_h(int64_t v, unsigned rm, unsigned *fflags)
{
	return from_int_g(v < 0, v < 0 ? -(uint64_t)v : (uint64_t)v, rm, fflags,
			  H_);
}

uint16_t fpu_from_u64_h(uint64_t v, unsigned rm, unsigned *fflags)
{
	return from_int_g(0, v, rm, fflags, H_);
}

uint32_t fpu_h_to_s(uint16_t a, unsigned *fflags)
{
	return convert_g(a, FPU_RNE, fflags, H_, S_);
}

uint16_t fpu_s_to_h(uint32_t a, unsigned rm, unsigned *fflags)
{
	return convert_g(a, rm, fflags, S_, H_);
}

uint64_t fpu_h_to_d(uint16_t a, unsigned *fflags)
{
	return convert_g(a, FPU_RNE, fflags, H_, D_);
}

uint16_t fpu_d_to_h(uint64_t a, unsigned rm, unsigned *fflags)
{
	return convert_g(a, rm, fflags, D_, H_);
}

/* Zfa */

uint16_t fpu_fli_h(unsigned idx)
{
	unsigned none = 0;

	if ((idx & 31) == 1)
		return 0x0400;
	/* 2^-16 and 2^-15 are subnormal, 2^16 rounds to infinity. */
	return fpu_s_to_h(fli_table[idx & 31], FPU_RNE, &none);
}

uint32_t fpu_fli_s(unsigned idx)
{
	return fli_table[idx & 31];
}

uint64_t fpu_fli_d(unsigned idx)
{
	unsigned none = 0;

	if ((idx & 31) == 1)
		return 0x0010000000000000ull;
	return fpu_s_to_d(fli_table[idx & 31], &none);
}

uint16_t fpu_minm_h(uint16_t a, uint16_t b, unsigned *fflags)
{
	return minmaxm_g(a, b, false, fflags, H_);
}

uint16_t fpu_maxm_h(uint16_t a, uint16_t b, unsigned *fflags)
{
	return minmaxm_g(a, b, true, fflags, H_);
}

uint32_t fpu_minm_s(uint32_t a, uint32_t b, unsigned *fflags)
{
	return minmaxm_g(a, b, false, fflags, S_);
}

uint32_t fpu_maxm_s(uint32_t a, uint32_t b, unsigned *fflags)
{
	return minmaxm_g(a, b, true, fflags, S_);
}

uint64_t fpu_minm_d(uint64_t a, uint64_t b, unsigned *fflags)
{
	return minmaxm_g(a, b, false, fflags, D_);
}

uint64_t fpu_maxm_d(uint64_t a, uint64_t b, unsigned *fflags)
{
	return minmaxm_g(a, b, true, fflags, D_);
}

uint16_t fpu_round_h(uint16_t a, unsigned rm, int exact, unsigned *fflags)
{
	return round_int_g(a, rm, exact, fflags, H_);
}

uint32_t fpu_round_s(uint32_t a, unsigned rm, int exact, unsigned *fflags)
{
	return round_int_g(a, rm, exact, fflags, S_);
}

uint64_t fpu_round_d(uint64_t a, unsigned rm, int exact, unsigned *fflags)
{
	return round_int_g(a, rm, exact, fflags, D_);
}

int fpu_leq_h(uint16_t a, uint16_t b, unsigned *fflags)
{
	return cmpq_g(a, b, 2, fflags, H_);
}

int fpu_ltq_h(uint16_t a, uint16_t b, unsigned *fflags)
{
	return cmpq_g(a, b, 1, fflags, H_);
}

int fpu_leq_s(uint32_t a, uint32_t b, unsigned *fflags)
{
	return cmpq_g(a, b, 2, fflags, S_);
}

int fpu_ltq_s(uint32_t a, uint32_t b, unsigned *fflags)
{
	return cmpq_g(a, b, 1, fflags, S_);
}

int fpu_leq_d(uint64_t a, uint64_t b, unsigned *fflags)
{
	return cmpq_g(a, b, 2, fflags, D_);
}

int fpu_ltq_d(uint64_t a, uint64_t b, unsigned *fflags)
{
	return cmpq_g(a, b, 1, fflags, D_);
}

int32_t fpu_cvtmod_w_d(uint64_t a, unsigned *fflags)
{
	struct fp x;
	int k = unpack(a, &x, D_);
	uint64_t low;

	/* The flags are fcvt.w.d's in RTZ; the value is the wrapped one. */
	to_int_g(a, FPU_RTZ, fflags, INT32_MAX, 1ull << 31, D_);
	if (k != K_FINITE || x.e < 0)
		return 0;
	if (x.e <= 63)
		low = x.m >> (63 - x.e);
	else
		low = x.e - 63 >= 64 ? 0 : x.m << (x.e - 63);
	return (int32_t)(uint32_t)(x.sign ? -low : low);
}
