/* SPDX-License-Identifier: MIT */
/*
 * What the parts of the vector unit share (vector.c: configuration,
 * integer, fixed point, mask and permutation instructions; vector-mem.c:
 * loads and stores; vector-fp.c: floating point).
 *
 * A register group is an array of elements: v0..v31 lie one after the
 * other in hart->vreg, element i of the group at register r with EEW of e
 * bytes is at vreg + r * vlenb + i * e, least significant byte first,
 * which is the spec's layout on a little-endian host.
 */
#ifndef HVRUN_DBT_VECTOR_INTERNAL_H
#define HVRUN_DBT_VECTOR_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "accel/dbt/hart.h"

/* Element storage types: register bytes are read through them. */
typedef uint8_t vu8;
typedef int8_t vs8;
typedef uint16_t __attribute__((may_alias)) vu16;
typedef int16_t __attribute__((may_alias)) vs16;
typedef uint32_t __attribute__((may_alias)) vu32;
typedef int32_t __attribute__((may_alias)) vs32;
typedef uint64_t __attribute__((may_alias)) vu64;
typedef int64_t __attribute__((may_alias)) vs64;

/* funct3 of OP-V: the operand kinds */
enum {
	V_OPIVV = 0,
	V_OPFVV = 1,
	V_OPMVV = 2,
	V_OPIVI = 3,
	V_OPIVX = 4,
	V_OPFVF = 5,
	V_OPMVX = 6,
};

/* One vector instruction being carried out. */
struct vctx {
	struct dbt_hart *h;
	const struct rv_insn *in;
	uint32_t raw;
	unsigned op;
	unsigned vd, vs1, vs2; /* register fields (also rd and rs1) */
	unsigned f3;
	const uint8_t *mask; /* v0 when the instruction is masked */
	unsigned sew;	     /* bytes */
	int lmul;	     /* log2 of LMUL, -3..3 */
	uint32_t vlmax, vl, vstart;
	/* The second operand when not a vector: x[rs1], imm or f[rs1]. */
	uint64_t scalar;
	unsigned frm;	 /* rounding mode (floating point) */
	unsigned fflags; /* exception flags raised */
};

static inline uint8_t *vreg(const struct vctx *c, unsigned r)
{
	return c->h->vreg + r * c->h->vlenb;
}

static inline bool mask_bit(const uint8_t *m, uint32_t i)
{
	return (m[i >> 3] >> (i & 7)) & 1;
}

static inline void mask_set(uint8_t *m, uint32_t i, bool b)
{
	m[i >> 3] = (m[i >> 3] & ~(1u << (i & 7))) | ((unsigned)b << (i & 7));
}

static inline bool active(const struct vctx *c, uint32_t i)
{
	return !c->mask || mask_bit(c->mask, i);
}

/* Element i of width @eew bytes at @base, zero-extended. */
static inline uint64_t elem_get(const uint8_t *base, unsigned eew, uint32_t i)
{
	switch (eew) {
	case 1:
		return base[i];
	case 2:
		return ((const vu16 *)base)[i];
	case 4:
		return ((const vu32 *)base)[i];
	default:
		return ((const vu64 *)base)[i];
	}
}

static inline void elem_set(uint8_t *base, unsigned eew, uint32_t i, uint64_t v)
{
	switch (eew) {
	case 1:
		base[i] = v;
		break;
	case 2:
		((vu16 *)base)[i] = v;
		break;
	case 4:
		((vu32 *)base)[i] = v;
		break;
	default:
		((vu64 *)base)[i] = v;
		break;
	}
}

static inline uint64_t sext_bits(uint64_t v, unsigned bits)
{
	return bits >= 64
		       ? v
		       : (uint64_t)((int64_t)(v << (64 - bits)) >> (64 - bits));
}

/* Registers a group of EMUL = 2^@emul takes (a fraction takes one). */
static inline unsigned group_regs(int emul)
{
	return emul <= 0 ? 1 : 1u << emul;
}

/* @r names a group of 2^@emul registers: aligned, and within v0..v31. */
static inline bool group_ok(unsigned r, int emul)
{
	unsigned n = group_regs(emul);

	return emul >= -3 && emul <= 3 && r % n == 0 && r + n <= 32;
}

/* Whether register groups [a, a+na) and [b, b+nb) share a register. */
static inline bool overlap(unsigned a, unsigned na, unsigned b, unsigned nb)
{
	return a < b + nb && b < a + na;
}

/*
 * The overlap rule of "Vector Operands" for a destination of EEW
 * 2^@dl (log2 of the EMUL, dest @d) and a source (@s, @sl) of another
 * EEW: a narrower destination may only start where the source does, a
 * wider one only end where a source of EMUL >= 1 ends.
 */
bool vec_overlap_ok(unsigned d, int dl, bool d_wider, unsigned s, int sl);

/* The trap helpers: illegal-instruction for @c's encoding. */
int vec_illegal(struct vctx *c);

/*
 * The slides (vector.c), also for vfslide1up/down: @up or down, by one
 * (with c->scalar put in) or by the offset c->scalar.
 */
int vec_slide(struct vctx *c, bool up, bool one);

/* vector-mem.c: loads and stores. 0, or -1 with h->exc set. */
int vec_mem(struct vctx *c);

/* vector-fp.c: every floating-point op. 0, or -1 (illegal). */
int vec_fp(struct vctx *c);

#endif
