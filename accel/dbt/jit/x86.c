/* SPDX-License-Identifier: MIT */
/*
 * x86-64 machine-code emitter. Intel SDM Volume 2: chapter 2 (instruction
 * format: prefixes, REX, ModRM, SIB, displacement, immediate; VEX), the
 * instruction pages of chapters 3 to 5, and the recommended multi-byte
 * NOP sequences on the NOP page.
 *
 * An instruction is laid out as
 *   [66] [F2|F3] [F0] [REX] [0F [38|3A]] opcode [ModRM [SIB] [disp]] [imm]
 * with the prefixes in the order GNU as writes them (operand size, then
 * the mandatory or repeat prefix, then lock); REX must come last, right
 * before the opcode, or the CPU ignores it.
 */
#include "accel/dbt/jit/x86.h"

#include <errno.h>
#include <string.h>

/*
 * Descriptor bits beyond the public X86_OP_* (escape bytes in bits 8-9,
 * mandatory prefix in bits 10-11, opcode byte in bits 0-7). The prefix and
 * escape fields use VEX's own pp and mmmmm numbering.
 */
#define OP_W 0x1000   /* REX.W: 64-bit operand size (VEX.W for VEX) */
#define OP_D16 0x2000 /* 66: 16-bit operand size */
#define OP_LOCK 0x4000
#define OP_BREG 0x8000 /* ModRM.reg names a byte register */
#define OP_BRM 0x10000 /* ModRM.rm, if a register, names a byte register */
#define OP_BAD 0x20000 /* an operand size the instruction does not have */

#define OP_MAP(op) (((op) >> 8) & 3)
#define OP_PFX(op) (((op) >> 10) & 3)

#define unlikely(x) __builtin_expect(!!(x), 0)

/* The first failure is the one reported; later emissions do nothing. */
static void fail(struct x86_buf *b, unsigned err)
{
	if (!b->err)
		b->err = err;
	b->limit = b->p;
}

static inline bool room(struct x86_buf *b, size_t n)
{
	if (unlikely((size_t)(b->limit - b->p) < n)) {
		fail(b, X86_ERR_FULL);
		return false;
	}
	return true;
}

static inline uint8_t *put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
	return p + 4;
}

static inline uint32_t get32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Fixed-size cases, which the compiler merges into single stores. */
static inline uint8_t *put_imm(uint8_t *p, uint64_t v, unsigned n)
{
	switch (n) {
	case 8:
		put32(p + 4, (uint32_t)(v >> 32));
		/* fall through */
	case 4:
		return put32(p, (uint32_t)v) + n - 4;
	case 2:
		p[1] = (uint8_t)(v >> 8);
		/* fall through */
	case 1:
		p[0] = (uint8_t)v;
	}
	return p + n;
}

static inline bool fits8(int64_t v)
{
	return v == (int8_t)v;
}

static inline bool fits32(int64_t v)
{
	return v == (int32_t)v;
}

static inline bool bits_ok(unsigned bits)
{
	return bits == 8 || bits == 16 || bits == 32 || bits == 64;
}

/* imm as an operand of `bits`: read signed or unsigned for up to 32 bits;
 * 64-bit operations take a sign-extended 32-bit immediate. */
static inline bool imm_fits(int64_t imm, unsigned bits)
{
	if (bits == 64)
		return fits32(imm);
	return imm >= -(INT64_C(1) << (bits - 1)) && imm < INT64_C(1) << bits;
}

/* Can imm, truncated to bits, take the sign-extended imm8 form? */
static inline bool simm8(int64_t imm, unsigned bits)
{
	unsigned sh = 64 - bits;

	return fits8((int64_t)((uint64_t)imm << sh) >> sh);
}

static inline unsigned imm_len(unsigned bits)
{
	return bits == 8 ? 1 : bits == 16 ? 2 : 4;
}

/*
 * Operand size of a classic integer opcode given in its full-size form:
 * the byte form is one below (the w bit clear) and its operands are byte
 * registers; 66 selects 16 bits and REX.W 64.
 */
static inline uint32_t osz(uint32_t op, unsigned bits)
{
	switch (bits) {
	case 8:
		return (op - 1) | OP_BREG | OP_BRM;
	case 16:
		return op | OP_D16;
	case 32:
		return op;
	case 64:
		return op | OP_W;
	}
	return OP_BAD;
}

/* For opcodes that have no byte form. */
static inline uint32_t osz_nb(uint32_t op, unsigned bits)
{
	return bits == 8 ? OP_BAD : osz(op, bits);
}

/* ModRM.reg holds an opcode extension (/digit), not a register. */
static inline uint32_t digit(uint32_t op)
{
	return op & ~(uint32_t)OP_BREG;
}

static inline bool mem_ok(const struct x86_mem *m)
{
	if (m->base < X86_NOREG || m->base > X86_RIP)
		return false;
	if (m->index != X86_NOREG) {
		/* SIB index 100 means "no index": RSP cannot be one (R12,
		 * with REX.X set, can). RIP-relative has no SIB at all. */
		if (m->index < 0 || m->index > X86_R15 || m->index == X86_RSP ||
		    m->base == X86_RIP)
			return false;
		if (m->scale != 1 && m->scale != 2 && m->scale != 4 &&
		    m->scale != 8)
			return false;
	}
	return m->base == X86_RIP || fits32(m->disp);
}

/* REX.X and REX.B for a memory operand. */
static inline unsigned mem_rex(const struct x86_mem *m)
{
	unsigned rex = 0;

	if (m->index != X86_NOREG)
		rex |= (m->index & 8) >> 2;
	if (m->base != X86_NOREG && m->base != X86_RIP)
		rex |= (m->base & 8) >> 3;
	return rex;
}

static inline unsigned scale_bits(unsigned scale)
{
	/* 1, 2, 4, 8 -> 0, 1, 2, 3 */
	return (scale >> 1) - (scale >> 3);
}

/*
 * ModRM, SIB and displacement for a memory operand; immlen bytes of
 * immediate follow (RIP-relative displacements count from the end of the
 * instruction). NULL if a RIP-relative target is out of reach.
 */
static uint8_t *put_mem(const struct x86_buf *b, uint8_t *p, unsigned reg,
			const struct x86_mem *m, unsigned immlen)
{
	unsigned r = (reg & 7) << 3, base = (unsigned)m->base & 7, mod;
	int32_t disp = (int32_t)m->disp;

	if (m->base == X86_RIP) {
		/* mod 00, rm 101: in 64-bit mode [rip + disp32]. */
		int64_t rel = m->disp - (int64_t)(x86_exec(b, p) + 5 + immlen);

		if (!fits32(rel))
			return NULL;
		*p++ = (uint8_t)(r | 5);
		return put32(p, (uint32_t)rel);
	}
	if (m->base == X86_NOREG) {
		/* No base: SIB with base 101 and mod 00 is "disp32 only"
		 * (rm 101 without SIB would be RIP-relative), index 100 is
		 * "no index". */
		*p++ = (uint8_t)(r | 4);
		if (m->index == X86_NOREG)
			*p++ = 0x25;
		else
			*p++ = (uint8_t)(scale_bits(m->scale) << 6 |
					 (m->index & 7) << 3 | 5);
		return put32(p, (uint32_t)disp);
	}
	/* mod 00 with base 101 (RBP, R13) is taken by the no-base and
	 * RIP-relative forms, so those bases always carry a displacement,
	 * a zero disp8 at least. */
	if (disp == 0 && base != 5)
		mod = 0x00;
	else if (fits8(disp))
		mod = 0x40;
	else
		mod = 0x80;
	if (m->index == X86_NOREG && base != 4) {
		*p++ = (uint8_t)(mod | r | base);
	} else {
		/* rm 100 (RSP, R12) means "SIB follows", so those bases
		 * need a SIB even without an index (index 100: none). */
		*p++ = (uint8_t)(mod | r | 4);
		if (m->index == X86_NOREG)
			*p++ = (uint8_t)(0x20 | base);
		else
			*p++ = (uint8_t)(scale_bits(m->scale) << 6 |
					 (m->index & 7) << 3 | base);
	}
	if (mod == 0x40)
		*p++ = (uint8_t)disp;
	else if (mod == 0x80)
		p = put32(p, (uint32_t)disp);
	return p;
}

/* Prefixes, REX (rex holds W R X B and 0x40 to force an empty one),
 * escape bytes and the opcode byte. */
static inline uint8_t *put_head(uint8_t *p, uint32_t op, unsigned rex)
{
	unsigned pfx = OP_PFX(op), map = OP_MAP(op);

	if ((op & OP_D16) || pfx == 1)
		*p++ = 0x66;
	if (pfx == 2)
		*p++ = 0xf3;
	else if (pfx == 3)
		*p++ = 0xf2;
	if (op & OP_LOCK)
		*p++ = 0xf0;
	if (op & OP_W)
		rex |= 8;
	if (rex)
		*p++ = (uint8_t)(0x40 | rex);
	if (map) {
		*p++ = 0x0f;
		if (map == 2)
			*p++ = 0x38;
		else if (map == 3)
			*p++ = 0x3a;
	}
	*p++ = (uint8_t)op;
	return p;
}

/*
 * The general encoder: opcode op with ModRM.reg = reg and ModRM.rm the
 * register rm, or the memory operand m when m is not NULL, then immlen
 * bytes of imm. Inlined into every instruction function, where op, immlen
 * and whether m is NULL are constants that fold most of its branches
 * away (a fifth faster emission for some 25 KiB of code).
 */
static inline __attribute__((always_inline)) void
enc(struct x86_buf *b, uint32_t op, unsigned reg, unsigned rm,
    const struct x86_mem *m, unsigned immlen, uint64_t imm)
{
	uint8_t *p = b->p;
	unsigned rex;

	/* Operands first: a bad one is a translator bug, which must not
	 * pass for a full buffer. */
	if (unlikely((op & OP_BAD) || reg > 15 || (m ? !mem_ok(m) : rm > 15))) {
		fail(b, X86_ERR_OPERAND);
		return;
	}
	if (!room(b, (m ? 13 : 8) + immlen))
		return;
	rex = (reg & 8) >> 1;
	/* Byte registers 4-7 are AH, CH, DH, BH without a REX prefix and
	 * SPL, BPL, SIL, DIL with one, even an empty one. */
	if ((op & OP_BREG) && (reg & ~3u) == 4)
		rex |= 0x40;
	if (m) {
		rex |= mem_rex(m);
	} else {
		rex |= (rm & 8) >> 3;
		if ((op & OP_BRM) && (rm & ~3u) == 4)
			rex |= 0x40;
	}
	p = put_head(p, op, rex);
	if (m) {
		p = put_mem(b, p, reg, m, immlen);
		if (!p) {
			fail(b, X86_ERR_RANGE);
			return;
		}
	} else {
		*p++ = (uint8_t)(0xc0 | (reg & 7) << 3 | (rm & 7));
	}
	b->p = put_imm(p, imm, immlen);
}

/* An instruction without ModRM: the register, if any, is in the low three
 * bits of the opcode (r names it, for REX.B and byte registers). */
static inline __attribute__((always_inline)) void
enc_plain(struct x86_buf *b, uint32_t op, unsigned r, unsigned immlen,
	  uint64_t imm)
{
	unsigned rex = (r & 8) >> 3;

	if (unlikely((op & OP_BAD) || r > 15)) {
		fail(b, X86_ERR_OPERAND);
		return;
	}
	if (!room(b, 8 + immlen))
		return;
	if ((op & OP_BRM) && (r & ~3u) == 4)
		rex |= 0x40;
	b->p = put_imm(put_head(b->p, op | (r & 7), rex), imm, immlen);
}

/*
 * VEX-encoded instructions (BMI1, BMI2, FMA3): all live in the 0F38 and
 * 0F3A maps, which only the three-byte form (C4) can name. R, X, B and
 * vvvv are stored inverted; L is 0 (scalar, or LZ for BMI).
 */
static inline __attribute__((always_inline)) void
enc_vex(struct x86_buf *b, uint32_t op, unsigned reg, unsigned vvvv,
	unsigned rm, const struct x86_mem *m, unsigned immlen, uint64_t imm)
{
	uint8_t *p = b->p;
	unsigned rxb;

	if (unlikely((op & OP_BAD) || reg > 15 || vvvv > 15 ||
		     (m ? !mem_ok(m) : rm > 15))) {
		fail(b, X86_ERR_OPERAND);
		return;
	}
	if (!room(b, 11 + immlen))
		return;
	rxb = (reg & 8) >> 1 | (m ? mem_rex(m) : (rm & 8) >> 3);
	*p++ = 0xc4;
	*p++ = (uint8_t)((~rxb & 7) << 5 | OP_MAP(op));
	*p++ = (uint8_t)((op & OP_W ? 0x80 : 0) | (~vvvv & 15) << 3 |
			 OP_PFX(op));
	*p++ = (uint8_t)op;
	if (m) {
		p = put_mem(b, p, reg, m, immlen);
		if (!p) {
			fail(b, X86_ERR_RANGE);
			return;
		}
	} else {
		*p++ = (uint8_t)(0xc0 | (reg & 7) << 3 | (rm & 7));
	}
	b->p = put_imm(p, imm, immlen);
}

static void fixed(struct x86_buf *b, const uint8_t *bytes, size_t n)
{
	if (!room(b, n))
		return;
	memcpy(b->p, bytes, n);
	b->p += n;
}

/* ---- buffer ---- */

void x86_init(struct x86_buf *b, void *mem, size_t size, uint64_t exec)
{
	/* Label offsets and in-buffer displacements are 32-bit. */
	if (size > INT32_MAX)
		size = INT32_MAX;
	b->start = b->p = mem;
	b->end = b->limit = b->start + size;
	b->delta = (int64_t)(exec - (uint64_t)(uintptr_t)mem);
	b->err = 0;
}

void x86_rewind(struct x86_buf *b, uint8_t *pos)
{
	b->p = pos;
	b->limit = b->end;
	b->err = 0;
}

void x86_bytes(struct x86_buf *b, const void *src, size_t n)
{
	fixed(b, src, n);
}

/* The SDM's recommended NOPs of 1 to 9 bytes: 0F 1F /0 with a memory
 * operand sized to fill, plus a 66 prefix for the odd lengths. */
static const uint8_t nops[9][9] = {
	{0x90},
	{0x66, 0x90},
	{0x0f, 0x1f, 0x00},
	{0x0f, 0x1f, 0x40, 0x00},
	{0x0f, 0x1f, 0x44, 0x00, 0x00},
	{0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00},
	{0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00},
	{0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
	{0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
};

void x86_nop(struct x86_buf *b, size_t n)
{
	if (!room(b, n))
		return;
	while (n) {
		size_t k = n < 9 ? n : 9;

		memcpy(b->p, nops[k - 1], k);
		b->p += k;
		n -= k;
	}
}

void x86_align(struct x86_buf *b, unsigned align)
{
	if (align == 0 || (align & (align - 1))) {
		fail(b, X86_ERR_OPERAND);
		return;
	}
	x86_nop(b, (size_t)(-x86_here(b) & (align - 1)));
}

/* ---- labels and branches ---- */

#define JMP_NONE (-1)
#define JMP_CALL (-2)

/* Length of the rel32 form of a jmp (E9), jcc (0F 8x) or call (E8). */
static inline unsigned near_len(int cc)
{
	return cc >= 0 ? 6 : 5;
}

/* Opcode bytes of the rel32 form, before the displacement. */
static inline uint8_t *put_near_op(uint8_t *p, int cc)
{
	if (cc >= 0) {
		*p++ = 0x0f;
		*p++ = (uint8_t)(0x80 | cc);
	} else {
		*p++ = cc == JMP_CALL ? 0xe8 : 0xe9;
	}
	return p;
}

/* cc: a condition, JMP_NONE or JMP_CALL (which has no rel8 form). */
static void jump_label(struct x86_buf *b, int cc, struct x86_label *l,
		       bool short_only)
{
	uint8_t *p = b->p;
	uint32_t off = (uint32_t)(p - b->start), field;

	if (unlikely(cc > 15)) {
		fail(b, X86_ERR_OPERAND);
		return;
	}
	if (!room(b, near_len(cc)))
		return;
	if (l->pos) {
		int64_t target = (int64_t)l->pos - 1;
		int64_t rel = target - (off + 2);

		if (cc != JMP_CALL && fits8(rel)) {
			*p++ = cc >= 0 ? (uint8_t)(0x70 | cc) : 0xeb;
			*p++ = (uint8_t)rel;
			b->p = p;
			return;
		}
		if (short_only) {
			fail(b, X86_ERR_RANGE);
			return;
		}
		p = put_near_op(p, cc);
		b->p = put32(p, (uint32_t)(target - (off + near_len(cc))));
		return;
	}
	if (short_only) {
		/* The chain of pending rel8 uses links each field to the
		 * previous one by its distance back (0 ends the chain). Two
		 * uses more than 255 bytes apart cannot both reach a later
		 * label, so a longer link is already a range failure. */
		uint32_t link = 0;

		field = off + 1;
		if (l->shrt) {
			link = field - (l->shrt - 1);
			if (link > 255) {
				fail(b, X86_ERR_RANGE);
				return;
			}
		}
		*p++ = cc >= 0 ? (uint8_t)(0x70 | cc) : 0xeb;
		*p++ = (uint8_t)link;
		l->shrt = field + 1;
		b->p = p;
		return;
	}
	/* Pending rel32 uses hold the previous use's field offset + 1. */
	p = put_near_op(p, cc);
	field = (uint32_t)(p - b->start);
	b->p = put32(p, l->near);
	l->near = field + 1;
}

void x86_bind(struct x86_buf *b, struct x86_label *l)
{
	uint32_t here = (uint32_t)(b->p - b->start), u, next;

	if (b->err)
		return;
	if (l->pos) {
		fail(b, X86_ERR_OPERAND);
		return;
	}
	l->pos = here + 1;
	b->bound = b->p;
	for (u = l->near; u; u = next) {
		uint8_t *f = b->start + u - 1;

		next = get32(f);
		put32(f, here - (u - 1 + 4));
	}
	for (u = l->shrt; u; u = next) {
		uint8_t *f = b->start + u - 1;
		uint32_t rel = here - u; /* from the field's end: u - 1 + 1 */

		next = *f ? u - *f : 0;
		if (rel > 127) {
			fail(b, X86_ERR_RANGE);
			break;
		}
		*f = (uint8_t)rel;
	}
	l->near = l->shrt = 0;
}

void x86_jmp(struct x86_buf *b, struct x86_label *l)
{
	jump_label(b, JMP_NONE, l, false);
}

void x86_jmp8(struct x86_buf *b, struct x86_label *l)
{
	jump_label(b, JMP_NONE, l, true);
}

void x86_jcc(struct x86_buf *b, enum x86_cc cc, struct x86_label *l)
{
	jump_label(b, (int)cc, l, false);
}

void x86_jcc8(struct x86_buf *b, enum x86_cc cc, struct x86_label *l)
{
	jump_label(b, (int)cc, l, true);
}

void x86_call(struct x86_buf *b, struct x86_label *l)
{
	jump_label(b, JMP_CALL, l, false);
}

void x86_lea_label(struct x86_buf *b, enum x86_gpr dst, struct x86_label *l)
{
	struct x86_mem m = x86_mem_rip(x86_here(b) + 7);
	uint32_t field;

	if (l->pos) {
		x86_lea(b, 64, dst, x86_mem_rip(x86_label_exec(b, l)));
		return;
	}
	/* The displacement is the instruction's last field: chain it like
	 * a pending rel32 branch. */
	x86_lea(b, 64, dst, m);
	if (b->err)
		return;
	field = (uint32_t)(b->p - 4 - b->start);
	put32(b->p - 4, l->near);
	l->near = field + 1;
}

/* jmp [rip + 0] followed by the target: reaches anywhere, clobbers
 * nothing. */
static void jmp_far(struct x86_buf *b, uint64_t target)
{
	uint8_t *p = b->p;

	if (!room(b, 14))
		return;
	*p++ = 0xff;
	*p++ = 0x25;
	p = put32(p, 0);
	b->p = put_imm(p, target, 8);
}

static void jump_to(struct x86_buf *b, int cc, uint64_t target)
{
	uint8_t *p = b->p;
	int64_t rel = (int64_t)(target - x86_here(b));

	if (unlikely(cc > 15)) {
		fail(b, X86_ERR_OPERAND);
		return;
	}
	if (!room(b, near_len(cc)))
		return;
	if (cc != JMP_CALL && fits8(rel - 2)) {
		*p++ = cc >= 0 ? (uint8_t)(0x70 | cc) : 0xeb;
		*p++ = (uint8_t)(rel - 2);
		b->p = p;
	} else if (fits32(rel - near_len(cc))) {
		p = put_near_op(p, cc);
		b->p = put32(p, (uint32_t)(rel - near_len(cc)));
	} else if (cc == JMP_CALL) {
		x86_mov_ri(b, 64, X86_R11, (int64_t)target);
		x86_call_r(b, X86_R11);
	} else {
		if (cc >= 0) {
			/* Skip the 14-byte far jump unless cc holds. */
			if (!room(b, 16))
				return;
			*p++ = (uint8_t)(0x70 | (cc ^ 1));
			*p++ = 14;
			b->p = p;
		}
		jmp_far(b, target);
	}
}

void x86_jmp_to(struct x86_buf *b, uint64_t target)
{
	jump_to(b, JMP_NONE, target);
}

void x86_jcc_to(struct x86_buf *b, enum x86_cc cc, uint64_t target)
{
	jump_to(b, (int)cc, target);
}

void x86_call_to(struct x86_buf *b, uint64_t target)
{
	jump_to(b, JMP_CALL, target);
}

/* Near indirect branches default to 64-bit operands: no REX.W. */
void x86_jmp_r(struct x86_buf *b, enum x86_gpr r)
{
	enc(b, 0xff, 4, r, NULL, 0, 0);
}

void x86_jmp_m(struct x86_buf *b, struct x86_mem m)
{
	enc(b, 0xff, 4, 0, &m, 0, 0);
}

void x86_call_r(struct x86_buf *b, enum x86_gpr r)
{
	enc(b, 0xff, 2, r, NULL, 0, 0);
}

void x86_call_m(struct x86_buf *b, struct x86_mem m)
{
	enc(b, 0xff, 2, 0, &m, 0, 0);
}

/* A rel32 branch whose displacement field sits on a 4-byte boundary. */
static uint8_t *patchable_branch(struct x86_buf *b, int cc, uint64_t target)
{
	unsigned n = near_len(cc);
	uint8_t *insn;
	int64_t rel;

	x86_nop(b, (size_t)(-(x86_here(b) + n - 4) & 3));
	if (!room(b, n))
		return NULL;
	insn = b->p;
	rel = (int64_t)(target - (x86_here(b) + n));
	if (!fits32(rel)) {
		fail(b, X86_ERR_RANGE);
		return NULL;
	}
	b->p = put32(put_near_op(insn, cc), (uint32_t)rel);
	return insn;
}

uint8_t *x86_jmp_patchable(struct x86_buf *b, uint64_t target)
{
	return patchable_branch(b, JMP_NONE, target);
}

uint8_t *x86_jcc_patchable(struct x86_buf *b, enum x86_cc cc, uint64_t target)
{
	if (cc > 15) {
		fail(b, X86_ERR_OPERAND);
		return NULL;
	}
	return patchable_branch(b, (int)cc, target);
}

uint8_t *x86_mov_ri64_patchable(struct x86_buf *b, enum x86_gpr dst,
				uint64_t imm)
{
	uint8_t *insn;

	/* REX.W B8+r: the immediate starts two bytes in. */
	x86_nop(b, (size_t)(-(x86_here(b) + 2) & 7));
	insn = b->p;
	enc_plain(b, OP_W | 0xb8, dst, 8, imm);
	return b->err ? NULL : insn;
}

/* A naturally aligned store is single-copy atomic on x86; the fields of
 * patchable sites are aligned, other ones are patched bytewise. */
static void store32(uint8_t *p, uint32_t v)
{
	if (((uintptr_t)p & 3) == 0)
		__atomic_store_n((uint32_t *)(void *)p, v, __ATOMIC_RELEASE);
	else
		put32(p, v);
}

int x86_patch_branch(uint8_t *insn, uint64_t insn_exec, uint64_t target)
{
	unsigned off;
	int64_t rel;

	if (insn[0] == 0xe9 || insn[0] == 0xe8)
		off = 1;
	else if (insn[0] == 0x0f && (insn[1] & 0xf0) == 0x80)
		off = 2;
	else
		return -EINVAL;
	rel = (int64_t)(target - (insn_exec + off + 4));
	if (!fits32(rel))
		return -ERANGE;
	store32(insn + off, (uint32_t)rel);
	return 0;
}

int x86_patch_imm64(uint8_t *insn, uint64_t imm)
{
	uint8_t *f = insn + 2;

	if ((insn[0] & 0xfe) != 0x48 || (insn[1] & 0xf8) != 0xb8)
		return -EINVAL;
	if (((uintptr_t)f & 7) == 0)
		__atomic_store_n((uint64_t *)(void *)f, imm, __ATOMIC_RELEASE);
	else
		put_imm(f, imm, 8);
	return 0;
}

/* ---- moves ---- */

void x86_mov_rr(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
		enum x86_gpr src)
{
	enc(b, osz(0x89, bits), src, dst, NULL, 0, 0);
}

void x86_mov_ri(struct x86_buf *b, unsigned bits, enum x86_gpr dst, int64_t imm)
{
	switch (bits) {
	case 64:
		if ((uint64_t)imm <= UINT32_MAX)
			/* mov r32 zero-extends: five bytes (six with REX.B)
			 * instead of seven or ten. */
			enc_plain(b, 0xb8, dst, 4, (uint64_t)imm);
		else if (fits32(imm))
			enc(b, OP_W | 0xc7, 0, dst, NULL, 4, (uint64_t)imm);
		else
			enc_plain(b, OP_W | 0xb8, dst, 8, (uint64_t)imm);
		return;
	case 8:
	case 16:
	case 32:
		if (imm_fits(imm, bits)) {
			enc_plain(b,
				  bits == 8 ? 0xb0 | OP_BRM : osz(0xb8, bits),
				  dst, imm_len(bits), (uint64_t)imm);
			return;
		}
	}
	fail(b, X86_ERR_OPERAND);
}

void x86_mov_rm(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
		struct x86_mem m)
{
	enc(b, osz(0x8b, bits), dst, 0, &m, 0, 0);
}

void x86_mov_mr(struct x86_buf *b, unsigned bits, struct x86_mem m,
		enum x86_gpr src)
{
	enc(b, osz(0x89, bits), src, 0, &m, 0, 0);
}

void x86_mov_mi(struct x86_buf *b, unsigned bits, struct x86_mem m, int64_t imm)
{
	if (!bits_ok(bits) || !imm_fits(imm, bits)) {
		fail(b, X86_ERR_OPERAND);
		return;
	}
	enc(b, digit(osz(0xc7, bits)), 0, 0, &m, imm_len(bits), (uint64_t)imm);
}

/* movzx/movsx opcode for a source size, or OP_BAD. The 64-bit zero
 * extensions use the 32-bit forms. */
static uint32_t ext_op(bool sign, unsigned dbits, unsigned sbits)
{
	uint32_t size = dbits == 16 ? OP_D16 : dbits == 64 && sign ? OP_W : 0;

	if (dbits <= sbits || (dbits != 16 && dbits != 32 && dbits != 64))
		return OP_BAD;
	switch (sbits) {
	case 8:
		return (sign ? 0x1be : 0x1b6) | OP_BRM | size;
	case 16:
		return (sign ? 0x1bf : 0x1b7) | size;
	case 32:
		/* movsxd r64, r/m32; zero extension is a plain 32-bit mov. */
		return sign ? OP_W | 0x63 : 0x8b;
	}
	return OP_BAD;
}

void x86_movzx_rr(struct x86_buf *b, unsigned dbits, unsigned sbits,
		  enum x86_gpr dst, enum x86_gpr src)
{
	if (sbits == 32 && dbits == 64)
		/* The store form, as for every register move here. */
		enc(b, 0x89, src, dst, NULL, 0, 0);
	else
		enc(b, ext_op(false, dbits, sbits), dst, src, NULL, 0, 0);
}

void x86_movzx_rm(struct x86_buf *b, unsigned dbits, unsigned sbits,
		  enum x86_gpr dst, struct x86_mem m)
{
	enc(b, ext_op(false, dbits, sbits), dst, 0, &m, 0, 0);
}

void x86_movsx_rr(struct x86_buf *b, unsigned dbits, unsigned sbits,
		  enum x86_gpr dst, enum x86_gpr src)
{
	enc(b, ext_op(true, dbits, sbits), dst, src, NULL, 0, 0);
}

void x86_movsx_rm(struct x86_buf *b, unsigned dbits, unsigned sbits,
		  enum x86_gpr dst, struct x86_mem m)
{
	enc(b, ext_op(true, dbits, sbits), dst, 0, &m, 0, 0);
}

void x86_lea(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
	     struct x86_mem m)
{
	enc(b, osz_nb(0x8d, bits), dst, 0, &m, 0, 0);
}

void x86_zero(struct x86_buf *b, enum x86_gpr dst)
{
	enc(b, 0x31, dst, dst, NULL, 0, 0);
}

void x86_xchg_rr(struct x86_buf *b, unsigned bits, enum x86_gpr a,
		 enum x86_gpr c)
{
	enum x86_gpr other = a == X86_RAX ? c : a;

	if (bits != 8 && (a == X86_RAX || c == X86_RAX)) {
		/* 90+r exchanges with rAX. 90 itself is NOP, which is not
		 * xchg eax, eax: that one zero-extends rax, so it takes
		 * 87 /r below. xchg rax, rax and xchg ax, ax change
		 * nothing: NOP, as GNU as writes them. */
		if (other != X86_RAX) {
			enc_plain(b, osz(0x90, bits), other, 0, 0);
			return;
		}
		if (bits != 32) {
			enc_plain(b, osz(0x90, bits) & ~OP_W, 0, 0, 0);
			return;
		}
	}
	enc(b, osz(0x87, bits), c, a, NULL, 0, 0);
}

void x86_xchg_mr(struct x86_buf *b, unsigned bits, struct x86_mem m,
		 enum x86_gpr r)
{
	enc(b, osz(0x87, bits), r, 0, &m, 0, 0);
}

void x86_push(struct x86_buf *b, enum x86_gpr r)
{
	/* 64-bit by default in long mode: no REX.W, REX.B for r8-r15. */
	enc_plain(b, 0x50, r, 0, 0);
}

void x86_pop(struct x86_buf *b, enum x86_gpr r)
{
	enc_plain(b, 0x58, r, 0, 0);
}

/* ---- arithmetic and logic ---- */

void x86_alu_rr(struct x86_buf *b, enum x86_alu op, unsigned bits,
		enum x86_gpr dst, enum x86_gpr src)
{
	/* op*8 + 1 is "op r/m, reg", the form GNU as uses for two
	 * registers. */
	enc(b, osz((op & 7) * 8 + 1, bits), src, dst, NULL, 0, 0);
}

static void alu_imm(struct x86_buf *b, uint32_t lock, enum x86_alu op,
		    unsigned bits, enum x86_gpr r, const struct x86_mem *m,
		    int64_t imm)
{
	uint32_t size = bits == 16 ? OP_D16 : bits == 64 ? OP_W : 0;

	if (!bits_ok(bits) || !imm_fits(imm, bits) || op > 7) {
		fail(b, X86_ERR_OPERAND);
		return;
	}
	if (!m && r == X86_RAX && (bits == 8 || !simm8(imm, bits)))
		/* The accumulator forms op*8 + 4/5: no ModRM. */
		enc_plain(b, (op * 8 + (bits == 8 ? 4 : 5)) | size, 0,
			  imm_len(bits), (uint64_t)imm);
	else if (bits == 8)
		enc(b, lock | OP_BRM | 0x80, op, r, m, 1, (uint64_t)imm);
	else if (simm8(imm, bits))
		enc(b, lock | size | 0x83, op, r, m, 1, (uint64_t)imm);
	else
		enc(b, lock | size | 0x81, op, r, m, imm_len(bits),
		    (uint64_t)imm);
}

void x86_alu_ri(struct x86_buf *b, enum x86_alu op, unsigned bits,
		enum x86_gpr dst, int64_t imm)
{
	alu_imm(b, 0, op, bits, dst, NULL, imm);
}

void x86_alu_rm(struct x86_buf *b, enum x86_alu op, unsigned bits,
		enum x86_gpr dst, struct x86_mem m)
{
	enc(b, osz((op & 7) * 8 + 3, bits), dst, 0, &m, 0, 0);
}

void x86_alu_mr(struct x86_buf *b, enum x86_alu op, unsigned bits,
		struct x86_mem m, enum x86_gpr src)
{
	enc(b, osz((op & 7) * 8 + 1, bits), src, 0, &m, 0, 0);
}

void x86_alu_mi(struct x86_buf *b, enum x86_alu op, unsigned bits,
		struct x86_mem m, int64_t imm)
{
	alu_imm(b, 0, op, bits, X86_NOREG, &m, imm);
}

void x86_lock_alu_mr(struct x86_buf *b, enum x86_alu op, unsigned bits,
		     struct x86_mem m, enum x86_gpr src)
{
	enc(b, op == X86_CMP ? OP_BAD : OP_LOCK | osz((op & 7) * 8 + 1, bits),
	    src, 0, &m, 0, 0);
}

void x86_lock_alu_mi(struct x86_buf *b, enum x86_alu op, unsigned bits,
		     struct x86_mem m, int64_t imm)
{
	if (op == X86_CMP) {
		fail(b, X86_ERR_OPERAND);
		return;
	}
	alu_imm(b, OP_LOCK, op, bits, X86_NOREG, &m, imm);
}

void x86_test_rr(struct x86_buf *b, unsigned bits, enum x86_gpr a,
		 enum x86_gpr c)
{
	enc(b, osz(0x85, bits), c, a, NULL, 0, 0);
}

/* test has no sign-extended imm8 form. */
static void test_imm(struct x86_buf *b, unsigned bits, enum x86_gpr r,
		     const struct x86_mem *m, int64_t imm)
{
	if (!bits_ok(bits) || !imm_fits(imm, bits)) {
		fail(b, X86_ERR_OPERAND);
		return;
	}
	if (!m && r == X86_RAX)
		enc_plain(b, osz(0xa9, bits) & ~OP_BREG, 0, imm_len(bits),
			  (uint64_t)imm);
	else
		enc(b, digit(osz(0xf7, bits)), 0, r, m, imm_len(bits),
		    (uint64_t)imm);
}

void x86_test_ri(struct x86_buf *b, unsigned bits, enum x86_gpr r, int64_t imm)
{
	test_imm(b, bits, r, NULL, imm);
}

void x86_test_mr(struct x86_buf *b, unsigned bits, struct x86_mem m,
		 enum x86_gpr r)
{
	enc(b, osz(0x85, bits), r, 0, &m, 0, 0);
}

void x86_test_mi(struct x86_buf *b, unsigned bits, struct x86_mem m,
		 int64_t imm)
{
	test_imm(b, bits, X86_NOREG, &m, imm);
}

static inline uint32_t unop_op(enum x86_unop op, unsigned bits)
{
	if ((unsigned)op > 7)
		return OP_BAD;
	return digit(osz(op < X86_NOT ? 0xff : 0xf7, bits));
}

void x86_unop_r(struct x86_buf *b, enum x86_unop op, unsigned bits,
		enum x86_gpr r)
{
	enc(b, unop_op(op, bits), op, r, NULL, 0, 0);
}

void x86_unop_m(struct x86_buf *b, enum x86_unop op, unsigned bits,
		struct x86_mem m)
{
	enc(b, unop_op(op, bits), op, 0, &m, 0, 0);
}

static inline bool shift_ok(enum x86_shift op)
{
	/* 2 and 3 are rcl and rcr; 6 is an undocumented alias of shl. */
	return (unsigned)op <= 7 && op != 6;
}

void x86_shift_ri(struct x86_buf *b, enum x86_shift op, unsigned bits,
		  enum x86_gpr r, uint8_t count)
{
	uint32_t o = shift_ok(op) ? 0 : OP_BAD;

	/* D1 /n shifts by one without an immediate byte. */
	if (count == 1)
		enc(b, o | digit(osz(0xd1, bits)), op, r, NULL, 0, 0);
	else
		enc(b, o | digit(osz(0xc1, bits)), op, r, NULL, 1, count);
}

void x86_shift_rcl(struct x86_buf *b, enum x86_shift op, unsigned bits,
		   enum x86_gpr r)
{
	enc(b, (shift_ok(op) ? 0 : OP_BAD) | digit(osz(0xd3, bits)), op, r,
	    NULL, 0, 0);
}

void x86_imul_rr(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
		 enum x86_gpr src)
{
	enc(b, osz_nb(X86_OP_0F | 0xaf, bits), dst, src, NULL, 0, 0);
}

void x86_imul_rm(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
		 struct x86_mem m)
{
	enc(b, osz_nb(X86_OP_0F | 0xaf, bits), dst, 0, &m, 0, 0);
}

void x86_imul_rri(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
		  enum x86_gpr src, int32_t imm)
{
	if (bits == 16 && !imm_fits(imm, 16)) {
		fail(b, X86_ERR_OPERAND);
		return;
	}
	if (bits_ok(bits) && bits != 8 && simm8(imm, bits))
		enc(b, osz_nb(0x6b, bits), dst, src, NULL, 1, (uint64_t)imm);
	else
		enc(b, osz_nb(0x69, bits), dst, src, NULL, imm_len(bits),
		    (uint64_t)imm);
}

void x86_cqo(struct x86_buf *b)
{
	static const uint8_t insn[] = {0x48, 0x99};

	fixed(b, insn, sizeof(insn));
}

void x86_cdq(struct x86_buf *b)
{
	static const uint8_t insn[] = {0x99};

	fixed(b, insn, sizeof(insn));
}

void x86_setcc_r(struct x86_buf *b, enum x86_cc cc, enum x86_gpr r8)
{
	enc(b, (cc > 15 ? OP_BAD : 0) | OP_BRM | X86_OP_0F | (0x90 | cc), 0, r8,
	    NULL, 0, 0);
}

void x86_setcc_m(struct x86_buf *b, enum x86_cc cc, struct x86_mem m)
{
	enc(b, (cc > 15 ? OP_BAD : 0) | X86_OP_0F | (0x90 | cc), 0, 0, &m, 0,
	    0);
}

void x86_cmov_rr(struct x86_buf *b, enum x86_cc cc, unsigned bits,
		 enum x86_gpr dst, enum x86_gpr src)
{
	enc(b, (cc > 15 ? OP_BAD : 0) | osz_nb(X86_OP_0F | (0x40 | cc), bits),
	    dst, src, NULL, 0, 0);
}

void x86_cmov_rm(struct x86_buf *b, enum x86_cc cc, unsigned bits,
		 enum x86_gpr dst, struct x86_mem m)
{
	enc(b, (cc > 15 ? OP_BAD : 0) | osz_nb(X86_OP_0F | (0x40 | cc), bits),
	    dst, 0, &m, 0, 0);
}

void x86_bswap(struct x86_buf *b, unsigned bits, enum x86_gpr r)
{
	/* bswap of a 16-bit register is undefined: not offered. */
	enc_plain(b, bits == 16 ? OP_BAD : osz_nb(X86_OP_0F | 0xc8, bits), r, 0,
		  0);
}

/* lzcnt, tzcnt and popcnt are F3-prefixed 0F opcodes; with a 16-bit
 * operand the 66 comes before the F3. */
#define BITCOUNT(name, opc)                                                   \
	void x86_##name##_rr(struct x86_buf *b, unsigned bits,                \
			     enum x86_gpr dst, enum x86_gpr src)              \
	{                                                                     \
		enc(b, osz_nb(X86_OP_F3 | X86_OP_0F | (opc), bits), dst, src, \
		    NULL, 0, 0);                                              \
	}                                                                     \
	void x86_##name##_rm(struct x86_buf *b, unsigned bits,                \
			     enum x86_gpr dst, struct x86_mem m)              \
	{                                                                     \
		enc(b, osz_nb(X86_OP_F3 | X86_OP_0F | (opc), bits), dst, 0,   \
		    &m, 0, 0);                                                \
	}
BITCOUNT(lzcnt, 0xbd)
BITCOUNT(tzcnt, 0xbc)
BITCOUNT(popcnt, 0xb8)
#undef BITCOUNT

static inline uint32_t bitop_op(enum x86_bitop op, unsigned bits, bool imm)
{
	if (op < X86_BT || op > X86_BTC)
		return OP_BAD;
	/* Immediate: 0F BA /op ib. Register: 0F A3, AB, B3, BB /r. */
	return osz_nb(X86_OP_0F | (imm ? 0xba : 0xa3 + (op - X86_BT) * 8),
		      bits);
}

void x86_bitop_ri(struct x86_buf *b, enum x86_bitop op, unsigned bits,
		  enum x86_gpr r, uint8_t bit)
{
	enc(b, bitop_op(op, bits, true), op, r, NULL, 1, bit);
}

void x86_bitop_rr(struct x86_buf *b, enum x86_bitop op, unsigned bits,
		  enum x86_gpr r, enum x86_gpr bit)
{
	enc(b, bitop_op(op, bits, false), bit, r, NULL, 0, 0);
}

void x86_bitop_mi(struct x86_buf *b, enum x86_bitop op, unsigned bits,
		  struct x86_mem m, uint8_t bit)
{
	enc(b, bitop_op(op, bits, true), op, 0, &m, 1, bit);
}

void x86_bitop_mr(struct x86_buf *b, enum x86_bitop op, unsigned bits,
		  struct x86_mem m, enum x86_gpr bit)
{
	enc(b, bitop_op(op, bits, false), bit, 0, &m, 0, 0);
}

/* VEX.LZ BMI operand sizes: W0 for 32 bits, W1 for 64. */
static inline uint32_t bmi_op(uint32_t op, unsigned bits)
{
	return bits == 64 ? op | OP_W : bits == 32 ? op : OP_BAD;
}

void x86_shlx(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
	      enum x86_gpr src, enum x86_gpr cnt)
{
	enc_vex(b, bmi_op(X86_OP_66 | X86_OP_0F38 | 0xf7, bits), dst, cnt, src,
		NULL, 0, 0);
}

void x86_shrx(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
	      enum x86_gpr src, enum x86_gpr cnt)
{
	enc_vex(b, bmi_op(X86_OP_F2 | X86_OP_0F38 | 0xf7, bits), dst, cnt, src,
		NULL, 0, 0);
}

void x86_sarx(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
	      enum x86_gpr src, enum x86_gpr cnt)
{
	enc_vex(b, bmi_op(X86_OP_F3 | X86_OP_0F38 | 0xf7, bits), dst, cnt, src,
		NULL, 0, 0);
}

void x86_rorx(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
	      enum x86_gpr src, uint8_t imm)
{
	enc_vex(b, bmi_op(X86_OP_F2 | X86_OP_0F3A | 0xf0, bits), dst, 0, src,
		NULL, 1, imm);
}

void x86_andn(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
	      enum x86_gpr a, enum x86_gpr c)
{
	enc_vex(b, bmi_op(X86_OP_0F38 | 0xf2, bits), dst, a, c, NULL, 0, 0);
}

void x86_mulx(struct x86_buf *b, unsigned bits, enum x86_gpr hi,
	      enum x86_gpr lo, enum x86_gpr src)
{
	enc_vex(b, bmi_op(X86_OP_F2 | X86_OP_0F38 | 0xf6, bits), hi, lo, src,
		NULL, 0, 0);
}

/* ---- atomics and ordering ---- */

void x86_lock_cmpxchg(struct x86_buf *b, unsigned bits, struct x86_mem m,
		      enum x86_gpr r)
{
	enc(b, OP_LOCK | osz(X86_OP_0F | 0xb1, bits), r, 0, &m, 0, 0);
}

void x86_lock_xadd(struct x86_buf *b, unsigned bits, struct x86_mem m,
		   enum x86_gpr r)
{
	enc(b, OP_LOCK | osz(X86_OP_0F | 0xc1, bits), r, 0, &m, 0, 0);
}

void x86_mfence(struct x86_buf *b)
{
	static const uint8_t insn[] = {0x0f, 0xae, 0xf0};

	fixed(b, insn, sizeof(insn));
}

void x86_lfence(struct x86_buf *b)
{
	static const uint8_t insn[] = {0x0f, 0xae, 0xe8};

	fixed(b, insn, sizeof(insn));
}

void x86_sfence(struct x86_buf *b)
{
	static const uint8_t insn[] = {0x0f, 0xae, 0xf8};

	fixed(b, insn, sizeof(insn));
}

void x86_pause(struct x86_buf *b)
{
	static const uint8_t insn[] = {0xf3, 0x90};

	fixed(b, insn, sizeof(insn));
}

/* ---- control ---- */

void x86_ret(struct x86_buf *b)
{
	static const uint8_t insn[] = {0xc3};

	fixed(b, insn, sizeof(insn));
}

void x86_int3(struct x86_buf *b)
{
	static const uint8_t insn[] = {0xcc};

	fixed(b, insn, sizeof(insn));
}

void x86_ud2(struct x86_buf *b)
{
	static const uint8_t insn[] = {0x0f, 0x0b};

	fixed(b, insn, sizeof(insn));
}

/* ---- SSE, SSE4.1, FMA3 ---- */

static inline uint32_t gpr_size(uint32_t op, unsigned bits)
{
	return bits == 64 ? op | OP_W : bits == 32 ? op : OP_BAD;
}

void x86_movd_xr(struct x86_buf *b, unsigned bits, enum x86_xmm dst,
		 enum x86_gpr src)
{
	enc(b, gpr_size(X86_OP_66 | X86_OP_0F | 0x6e, bits), dst, src, NULL, 0,
	    0);
}

void x86_movd_rx(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
		 enum x86_xmm src)
{
	/* 7E /r: the XMM register is in ModRM.reg, the GPR in rm. */
	enc(b, gpr_size(X86_OP_66 | X86_OP_0F | 0x7e, bits), src, dst, NULL, 0,
	    0);
}

void x86_movss_xm(struct x86_buf *b, enum x86_xmm dst, struct x86_mem m)
{
	enc(b, X86_OP_F3 | X86_OP_0F | 0x10, dst, 0, &m, 0, 0);
}

void x86_movss_mx(struct x86_buf *b, struct x86_mem m, enum x86_xmm src)
{
	enc(b, X86_OP_F3 | X86_OP_0F | 0x11, src, 0, &m, 0, 0);
}

void x86_movss_xx(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src)
{
	enc(b, X86_OP_F3 | X86_OP_0F | 0x10, dst, src, NULL, 0, 0);
}

void x86_movsd_xm(struct x86_buf *b, enum x86_xmm dst, struct x86_mem m)
{
	enc(b, X86_OP_F2 | X86_OP_0F | 0x10, dst, 0, &m, 0, 0);
}

void x86_movsd_mx(struct x86_buf *b, struct x86_mem m, enum x86_xmm src)
{
	enc(b, X86_OP_F2 | X86_OP_0F | 0x11, src, 0, &m, 0, 0);
}

void x86_movsd_xx(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src)
{
	enc(b, X86_OP_F2 | X86_OP_0F | 0x10, dst, src, NULL, 0, 0);
}

void x86_movq_xx(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src)
{
	enc(b, X86_OP_F3 | X86_OP_0F | 0x7e, dst, src, NULL, 0, 0);
}

void x86_movq_xm(struct x86_buf *b, enum x86_xmm dst, struct x86_mem m)
{
	enc(b, X86_OP_F3 | X86_OP_0F | 0x7e, dst, 0, &m, 0, 0);
}

void x86_movq_mx(struct x86_buf *b, struct x86_mem m, enum x86_xmm src)
{
	enc(b, X86_OP_66 | X86_OP_0F | 0xd6, src, 0, &m, 0, 0);
}

/* Only the public descriptor bits: an out-of-range value must not reach
 * the private ones. */
#define PUBLIC_OP(op) ((uint32_t)(op)&0xfff)

void x86_sse_xx(struct x86_buf *b, enum x86_sse op, enum x86_xmm dst,
		enum x86_xmm src)
{
	enc(b, PUBLIC_OP(op), dst, src, NULL, 0, 0);
}

void x86_sse_xm(struct x86_buf *b, enum x86_sse op, enum x86_xmm dst,
		struct x86_mem m)
{
	enc(b, PUBLIC_OP(op), dst, 0, &m, 0, 0);
}

void x86_sse_xxi(struct x86_buf *b, enum x86_sse_imm op, enum x86_xmm dst,
		 enum x86_xmm src, uint8_t imm)
{
	enc(b, PUBLIC_OP(op), dst, src, NULL, 1, imm);
}

void x86_sse_xmi(struct x86_buf *b, enum x86_sse_imm op, enum x86_xmm dst,
		 struct x86_mem m, uint8_t imm)
{
	enc(b, PUBLIC_OP(op), dst, 0, &m, 1, imm);
}

/* Integer to XMM conversions are opcode 2A, XMM to integer 2C and 2D. */
static inline uint32_t cvt_op(enum x86_cvt op, unsigned bits, bool to_xmm)
{
	if (((op & 0xff) == 0x2a) != to_xmm)
		return OP_BAD;
	return gpr_size(PUBLIC_OP(op), bits);
}

void x86_cvt_xr(struct x86_buf *b, enum x86_cvt op, unsigned bits,
		enum x86_xmm dst, enum x86_gpr src)
{
	enc(b, cvt_op(op, bits, true), dst, src, NULL, 0, 0);
}

void x86_cvt_xm(struct x86_buf *b, enum x86_cvt op, unsigned bits,
		enum x86_xmm dst, struct x86_mem m)
{
	enc(b, cvt_op(op, bits, true), dst, 0, &m, 0, 0);
}

void x86_cvt_rx(struct x86_buf *b, enum x86_cvt op, unsigned bits,
		enum x86_gpr dst, enum x86_xmm src)
{
	enc(b, cvt_op(op, bits, false), dst, src, NULL, 0, 0);
}

void x86_cvt_rm(struct x86_buf *b, enum x86_cvt op, unsigned bits,
		enum x86_gpr dst, struct x86_mem m)
{
	/* bits is the destination's size; the source is sized by op. */
	enc(b, cvt_op(op, bits, false), dst, 0, &m, 0, 0);
}

/* VEX.LIG.66.0F38: W0 for single, W1 for double precision. */
static inline uint32_t fma_op(enum x86_fma op, unsigned bits)
{
	unsigned hi = (unsigned)op >> 4, lo = (unsigned)op & 15;

	/* 9x, Ax, Bx (132, 213, 231) with x = 9, B, D, F. */
	if (hi < 9 || hi > 0xb || (lo & 9) != 9)
		return OP_BAD;
	return bmi_op(X86_OP_66 | X86_OP_0F38 | (unsigned)op, bits);
}

void x86_fma_xxx(struct x86_buf *b, enum x86_fma op, unsigned bits,
		 enum x86_xmm dst, enum x86_xmm src1, enum x86_xmm src2)
{
	enc_vex(b, fma_op(op, bits), dst, src1, src2, NULL, 0, 0);
}

void x86_fma_xxm(struct x86_buf *b, enum x86_fma op, unsigned bits,
		 enum x86_xmm dst, enum x86_xmm src1, struct x86_mem m)
{
	enc_vex(b, fma_op(op, bits), dst, src1, 0, &m, 0, 0);
}

void x86_ldmxcsr(struct x86_buf *b, struct x86_mem m)
{
	enc(b, X86_OP_0F | 0xae, 2, 0, &m, 0, 0);
}

void x86_stmxcsr(struct x86_buf *b, struct x86_mem m)
{
	enc(b, X86_OP_0F | 0xae, 3, 0, &m, 0, 0);
}
