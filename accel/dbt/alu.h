/* SPDX-License-Identifier: MIT */
/*
 * RISC-V integer arithmetic that C does not give directly: the M
 * extension's high products and its division results for a zero divisor
 * and for overflow ("M" chapter, "Division Operations"), Zbb's
 * rotations and orc.b, and Zbc/Zbkb/Zbkc/Zbkx (bit-manipulation and
 * scalar cryptography chapters). Shared by the interpreter and the JIT's
 * helpers.
 *
 * The functions of instructions on Zkt's list (rotations, clmul, pack,
 * brev8, xperm) and those the vector unit uses for Zvkt's (rotations,
 * the bit counts) take no branch and index no table with operand values,
 * so that their time on the host does not depend on the data: a zero
 * rotation is a shift by 0 on both sides, counts are bit arithmetic.
 */
#ifndef HVRUN_DBT_ALU_H
#define HVRUN_DBT_ALU_H

#include <stdint.h>

/* M: the spec's results for division by zero and overflow. */

static inline uint64_t alu_mulh(int64_t a, int64_t b)
{
	return (uint64_t)(((__int128)a * b) >> 64);
}

static inline uint64_t alu_mulhu(uint64_t a, uint64_t b)
{
	return (uint64_t)(((unsigned __int128)a * b) >> 64);
}

static inline uint64_t alu_mulhsu(int64_t a, uint64_t b)
{
	return (uint64_t)(((__int128)a * (unsigned __int128)b) >> 64);
}

static inline uint64_t alu_div64(int64_t a, int64_t b)
{
	if (b == 0)
		return UINT64_MAX;
	if (a == INT64_MIN && b == -1)
		return (uint64_t)a;
	return (uint64_t)(a / b);
}

static inline uint64_t alu_rem64(int64_t a, int64_t b)
{
	if (b == 0)
		return (uint64_t)a;
	if (a == INT64_MIN && b == -1)
		return 0;
	return (uint64_t)(a % b);
}

static inline uint64_t alu_divw(int32_t a, int32_t b)
{
	if (b == 0)
		return UINT64_MAX;
	if (a == INT32_MIN && b == -1)
		return (uint64_t)(int64_t)a;
	return (uint64_t)(int64_t)(a / b);
}

static inline uint64_t alu_remw(int32_t a, int32_t b)
{
	if (b == 0)
		return (uint64_t)(int64_t)a;
	if (a == INT32_MIN && b == -1)
		return 0;
	return (uint64_t)(int64_t)(a % b);
}

static inline uint64_t alu_sext32(uint64_t v)
{
	return (uint64_t)(int64_t)(int32_t)v;
}

/* Zbb */

static inline uint64_t alu_rol64(uint64_t v, unsigned n)
{
	n &= 63;
	return (v << n) | (v >> ((64 - n) & 63));
}

static inline uint64_t alu_ror64(uint64_t v, unsigned n)
{
	n &= 63;
	return (v >> n) | (v << ((64 - n) & 63));
}

static inline uint64_t alu_rorw(uint64_t v, unsigned n)
{
	uint32_t w = v;

	n &= 31;
	return alu_sext32((w >> n) | (w << ((32 - n) & 31)));
}

/* Set bits, by halves: no table (libgcc's may use one) and no branch. */
static inline unsigned alu_popcount(uint64_t v)
{
	v -= (v >> 1) & 0x5555555555555555ull;
	v = (v & 0x3333333333333333ull) + ((v >> 2) & 0x3333333333333333ull);
	v = (v + (v >> 4)) & 0x0f0f0f0f0f0f0f0full;
	return (unsigned)((v * 0x0101010101010101ull) >> 56);
}

/* Leading zeros of @v (< 2^@nb) as an @nb-bit value; @nb for 0. */
static inline unsigned alu_clz(uint64_t v, unsigned nb)
{
	/* Every bit below the highest set one set: the rest are zeros. */
	v |= v >> 1;
	v |= v >> 2;
	v |= v >> 4;
	v |= v >> 8;
	v |= v >> 16;
	v |= v >> 32;
	return alu_popcount(~v) - (64 - nb);
}

/* Trailing zeros of @v as an @nb-bit value (1 <= nb <= 64); @nb for 0. */
static inline unsigned alu_ctz(uint64_t v, unsigned nb)
{
	uint64_t width = (uint64_t)-1 >> (64 - nb);

	/* The bits below the lowest set one (all of them when v is 0). */
	return alu_popcount(((v & -v) - 1) & width);
}

static inline uint64_t alu_orc_b(uint64_t v)
{
	uint64_t r = 0;

	for (unsigned i = 0; i < 64; i += 8)
		if ((v >> i) & 0xff)
			r |= 0xffull << i;
	return r;
}

/* Zbc, Zbkc: carry-less products, one masked shift a bit of b. */

static inline uint64_t alu_clmul(uint64_t a, uint64_t b)
{
	uint64_t r = 0;

	for (unsigned i = 0; i < 64; i++)
		r ^= (a << i) & -((b >> i) & 1);
	return r;
}

static inline uint64_t alu_clmulh(uint64_t a, uint64_t b)
{
	uint64_t r = 0;

	for (unsigned i = 1; i < 64; i++)
		r ^= (a >> (64 - i)) & -((b >> i) & 1);
	return r;
}

static inline uint64_t alu_clmulr(uint64_t a, uint64_t b)
{
	uint64_t r = 0;

	for (unsigned i = 0; i < 64; i++)
		r ^= (a >> (63 - i)) & -((b >> i) & 1);
	return r;
}

/* Zbkb */

static inline uint64_t alu_brev8(uint64_t v)
{
	v = (v & 0x5555555555555555ull) << 1 |
	    ((v >> 1) & 0x5555555555555555ull);
	v = (v & 0x3333333333333333ull) << 2 |
	    ((v >> 2) & 0x3333333333333333ull);
	return (v & 0x0f0f0f0f0f0f0f0full) << 4 |
	       ((v >> 4) & 0x0f0f0f0f0f0f0f0full);
}

/* Zbkx: each element of b picks one of a's, or 0 past the end. */

static inline uint64_t alu_xperm4(uint64_t a, uint64_t b)
{
	uint64_t r = 0;

	/* 16 nibbles: every 4-bit index is in range. */
	for (unsigned i = 0; i < 64; i += 4)
		r |= ((a >> (((b >> i) & 15) * 4)) & 15) << i;
	return r;
}

static inline uint64_t alu_xperm8(uint64_t a, uint64_t b)
{
	uint64_t r = 0;

	for (unsigned i = 0; i < 64; i += 8) {
		uint64_t idx = (b >> i) & 0xff;
		uint64_t in = -(uint64_t)(idx < 8);

		r |= (((a >> ((idx & 7) * 8)) & 0xff) & in) << i;
	}
	return r;
}

#endif
