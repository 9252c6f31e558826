/* SPDX-License-Identifier: MIT */
/*
 * x86-64 machine-code emitter: a code buffer, labels, patchable branches,
 * and the integer, BMI, SSE and FMA instructions a translator needs. It
 * knows nothing about the guest. Encodings are those of the Intel SDM,
 * Volume 2; where an instruction has several encodings, the one GNU as
 * picks is used (shortest immediate and displacement, the accumulator
 * short forms), so the unit test can compare bytes with an assembler.
 *
 * Conventions:
 *  - Operand order is Intel's: destination first. Suffixes name the
 *    operands: r register, m memory, i immediate, x XMM register.
 *  - `bits` is the operand size, 8, 16, 32 or 64. A 32-bit operation
 *    zero-extends its result into the whole 64-bit register (an x86 rule
 *    the translator can lean on); 8 and 16-bit ones leave the rest alone.
 *    8-bit registers 4 to 7 are SPL, BPL, SIL and DIL (the emitter adds the
 *    REX prefix they need); AH, CH, DH and BH are never used.
 *  - Emission functions return no error: a failure (buffer full, an
 *    operand the instruction cannot take, a target out of reach) records
 *    the first cause in the buffer and turns every later emission into a
 *    no-op, so a translator checks x86_ok() once per block and throws the
 *    block away if it is false (X86_ERR_FULL: make room and translate
 *    again; the others are translator bugs). Bytes are never written past
 *    the buffer's end, and x86_size() counts whole instructions only.
 *  - Emission is a bounds check and a few stores: no allocation, no
 *    tables to look up at run time. Small wrappers live here as inline
 *    functions; each calls one encoder in x86.c.
 */
#ifndef HVRUN_DBT_JIT_X86_H
#define HVRUN_DBT_JIT_X86_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* General-purpose registers, numbered as the encoding numbers them. */
enum x86_gpr {
	X86_NOREG = -1, /* no base or no index in a memory operand */
	X86_RAX,
	X86_RCX,
	X86_RDX,
	X86_RBX,
	X86_RSP,
	X86_RBP,
	X86_RSI,
	X86_RDI,
	X86_R8,
	X86_R9,
	X86_R10,
	X86_R11,
	X86_R12,
	X86_R13,
	X86_R14,
	X86_R15,
	X86_RIP, /* memory base only: see x86_mem_rip() */
};

enum x86_xmm {
	X86_XMM0,
	X86_XMM1,
	X86_XMM2,
	X86_XMM3,
	X86_XMM4,
	X86_XMM5,
	X86_XMM6,
	X86_XMM7,
	X86_XMM8,
	X86_XMM9,
	X86_XMM10,
	X86_XMM11,
	X86_XMM12,
	X86_XMM13,
	X86_XMM14,
	X86_XMM15,
};

/* Condition codes, as the low nibble of jcc, setcc and cmovcc. */
enum x86_cc {
	X86_CC_O,
	X86_CC_NO,
	X86_CC_B,  /* unsigned <, carry */
	X86_CC_AE, /* unsigned >=, no carry */
	X86_CC_E,  /* equal, zero */
	X86_CC_NE,
	X86_CC_BE, /* unsigned <= */
	X86_CC_A,  /* unsigned > */
	X86_CC_S,
	X86_CC_NS,
	X86_CC_P, /* parity: unordered after ucomis* */
	X86_CC_NP,
	X86_CC_L, /* signed < */
	X86_CC_GE,
	X86_CC_LE,
	X86_CC_G,
};

/* The opposite condition: the encodings pair them in the low bit. */
static inline enum x86_cc x86_cc_not(enum x86_cc cc)
{
	return (enum x86_cc)(cc ^ 1);
}

/* The eight classic two-operand operations, by their ModRM /digit. */
enum x86_alu {
	X86_ADD,
	X86_OR,
	X86_ADC,
	X86_SBB,
	X86_AND,
	X86_SUB,
	X86_XOR,
	X86_CMP,
};

/* Shifts and rotates, by their /digit in the C1/D1/D3 group. */
enum x86_shift {
	X86_ROL = 0,
	X86_ROR = 1,
	X86_SHL = 4,
	X86_SHR = 5,
	X86_SAR = 7,
};

/*
 * One-operand operations, by their /digit: inc and dec in the FE/FF
 * group, the rest in F6/F7. mul, imul, div and idiv take rDX:rAX (AX for
 * 8 bits) as the implicit other operand and destination.
 */
enum x86_unop {
	X86_INC = 0,
	X86_DEC = 1,
	X86_NOT = 2,
	X86_NEG = 3,
	X86_MUL = 4,
	X86_IMUL1 = 5,
	X86_DIV = 6,
	X86_IDIV = 7,
};

/* Bit tests, by their /digit in 0F BA. */
enum x86_bitop {
	X86_BT = 4,
	X86_BTS = 5,
	X86_BTR = 6,
	X86_BTC = 7,
};

/*
 * An opcode as its encoding: escape bytes, mandatory prefix and opcode
 * byte, so that an operation below is its own encoding and costs no table
 * look-up.
 */
#define X86_OP_0F 0x100
#define X86_OP_0F38 0x200
#define X86_OP_0F3A 0x300
#define X86_OP_66 0x400
#define X86_OP_F3 0x800
#define X86_OP_F2 0xc00

/* SSE operations on XMM registers (x86_sse_xx, x86_sse_xm). */
enum x86_sse {
	X86_ADDSS = X86_OP_F3 | X86_OP_0F | 0x58,
	X86_ADDSD = X86_OP_F2 | X86_OP_0F | 0x58,
	X86_MULSS = X86_OP_F3 | X86_OP_0F | 0x59,
	X86_MULSD = X86_OP_F2 | X86_OP_0F | 0x59,
	X86_SUBSS = X86_OP_F3 | X86_OP_0F | 0x5c,
	X86_SUBSD = X86_OP_F2 | X86_OP_0F | 0x5c,
	X86_MINSS = X86_OP_F3 | X86_OP_0F | 0x5d,
	X86_MINSD = X86_OP_F2 | X86_OP_0F | 0x5d,
	X86_DIVSS = X86_OP_F3 | X86_OP_0F | 0x5e,
	X86_DIVSD = X86_OP_F2 | X86_OP_0F | 0x5e,
	X86_MAXSS = X86_OP_F3 | X86_OP_0F | 0x5f,
	X86_MAXSD = X86_OP_F2 | X86_OP_0F | 0x5f,
	X86_SQRTSS = X86_OP_F3 | X86_OP_0F | 0x51,
	X86_SQRTSD = X86_OP_F2 | X86_OP_0F | 0x51,
	X86_CVTSS2SD = X86_OP_F3 | X86_OP_0F | 0x5a,
	X86_CVTSD2SS = X86_OP_F2 | X86_OP_0F | 0x5a,
	/* Compare, setting ZF, PF and CF (unordered: all three set). */
	X86_UCOMISS = X86_OP_0F | 0x2e,
	X86_UCOMISD = X86_OP_66 | X86_OP_0F | 0x2e,
	X86_COMISS = X86_OP_0F | 0x2f,
	X86_COMISD = X86_OP_66 | X86_OP_0F | 0x2f,
	/* Bitwise on the whole 128 bits: sign tricks, zeroing. */
	X86_ANDPS = X86_OP_0F | 0x54,
	X86_ANDPD = X86_OP_66 | X86_OP_0F | 0x54,
	X86_ANDNPS = X86_OP_0F | 0x55,
	X86_ANDNPD = X86_OP_66 | X86_OP_0F | 0x55,
	X86_ORPS = X86_OP_0F | 0x56,
	X86_ORPD = X86_OP_66 | X86_OP_0F | 0x56,
	X86_XORPS = X86_OP_0F | 0x57,
	X86_XORPD = X86_OP_66 | X86_OP_0F | 0x57,
	/* Whole-register copy (128 bits); only the xx form is meant. */
	X86_MOVAPS = X86_OP_0F | 0x28,
};

/* SSE operations with an 8-bit immediate (x86_sse_xxi, x86_sse_xmi). */
enum x86_sse_imm {
	/* imm: rounding control, bit 2 = use MXCSR.RC, bit 3 = no inexact */
	X86_ROUNDSS = X86_OP_66 | X86_OP_0F3A | 0x0a,
	X86_ROUNDSD = X86_OP_66 | X86_OP_0F3A | 0x0b,
	/* imm: predicate 0 eq, 1 lt, 2 le, 3 unord, 4 neq, 5 nlt, 6 nle, 7 ord */
	X86_CMPSS = X86_OP_F3 | X86_OP_0F | 0xc2,
	X86_CMPSD = X86_OP_F2 | X86_OP_0F | 0xc2,
};

/* Conversions between an XMM register and a 32/64-bit integer. */
enum x86_cvt {
	/* integer (register or memory) to XMM */
	X86_CVTSI2SS = X86_OP_F3 | X86_OP_0F | 0x2a,
	X86_CVTSI2SD = X86_OP_F2 | X86_OP_0F | 0x2a,
	/* XMM (or memory) to integer register: rounding per MXCSR.RC */
	X86_CVTSS2SI = X86_OP_F3 | X86_OP_0F | 0x2d,
	X86_CVTSD2SI = X86_OP_F2 | X86_OP_0F | 0x2d,
	/* ... truncating */
	X86_CVTTSS2SI = X86_OP_F3 | X86_OP_0F | 0x2c,
	X86_CVTTSD2SI = X86_OP_F2 | X86_OP_0F | 0x2c,
};

/*
 * FMA3 scalar forms, by the opcode of their 132 variant. The number says
 * which operands are multiplied: 231 is dst = src1 * src2 + dst, 213 is
 * dst = src1 * dst + src2, 132 is dst = dst * src2 + src1.
 */
enum x86_fma {
	X86_VFMADD132 = 0x99,
	X86_VFMADD213 = 0xa9,
	X86_VFMADD231 = 0xb9,
	X86_VFMSUB132 = 0x9b,
	X86_VFMSUB213 = 0xab,
	X86_VFMSUB231 = 0xbb,
	X86_VFNMADD132 = 0x9d, /* -(a * b) + c */
	X86_VFNMADD213 = 0xad,
	X86_VFNMADD231 = 0xbd,
	X86_VFNMSUB132 = 0x9f, /* -(a * b) - c */
	X86_VFNMSUB213 = 0xaf,
	X86_VFNMSUB231 = 0xbf,
};

/*
 * A memory operand [base + index * scale + disp]. Build it with the
 * functions below. base X86_RIP: disp holds the absolute (execution)
 * address of the target and the encoder makes it RIP-relative.
 */
struct x86_mem {
	int64_t disp;
	int8_t base;
	int8_t index;
	uint8_t scale; /* 1, 2, 4 or 8 */
};

/* [base + disp] */
static inline struct x86_mem x86_mem(enum x86_gpr base, int32_t disp)
{
	return (struct x86_mem){disp, (int8_t)base, X86_NOREG, 1};
}

/* [base + index * scale + disp]; base may be X86_NOREG; index not RSP. */
static inline struct x86_mem x86_mem_idx(enum x86_gpr base, enum x86_gpr index,
					 unsigned scale, int32_t disp)
{
	return (struct x86_mem){disp, (int8_t)base, (int8_t)index,
				(uint8_t)scale};
}

/* [addr]: an absolute address, sign-extended from 32 bits. */
static inline struct x86_mem x86_mem_abs(int32_t addr)
{
	return (struct x86_mem){addr, X86_NOREG, X86_NOREG, 1};
}

/* [rip + rel]: target is the execution address, within ±2 GiB. */
static inline struct x86_mem x86_mem_rip(uint64_t target)
{
	return (struct x86_mem){(int64_t)target, X86_RIP, X86_NOREG, 1};
}

/* Failure bits of a buffer (x86_error()). */
#define X86_ERR_FULL 1u	   /* out of space */
#define X86_ERR_OPERAND 2u /* an operand the instruction cannot take */
#define X86_ERR_RANGE 4u   /* a branch or displacement target out of reach */

/*
 * A code buffer: the caller's memory [start, end), written through `p`.
 * The code may run at another address than the one it is written at
 * (a dual-mapped code cache): `delta` is execution minus write address,
 * and every relative displacement is computed for the execution address.
 */
struct x86_buf {
	uint8_t *p;
	uint8_t *limit; /* end, or p at the first failure: no more writes */
	uint8_t *start;
	uint8_t *end;
	int64_t delta;
	unsigned err;
	/* Where a label was last bound: code there has other ways in. */
	uint8_t *bound;
};

/* Code written at mem runs at exec (the same address for a W^X cache). */
void x86_init(struct x86_buf *b, void *mem, size_t size, uint64_t exec);

/* Forgets everything from pos on (a write pointer), errors included. */
void x86_rewind(struct x86_buf *b, uint8_t *pos);

static inline bool x86_ok(const struct x86_buf *b)
{
	return b->err == 0;
}

static inline unsigned x86_error(const struct x86_buf *b)
{
	return b->err;
}

/* Write pointer of the next instruction. */
static inline uint8_t *x86_pos(const struct x86_buf *b)
{
	return b->p;
}

/* Bytes emitted so far. */
static inline size_t x86_size(const struct x86_buf *b)
{
	return (size_t)(b->p - b->start);
}

/* Execution address of a write pointer into the buffer. */
static inline uint64_t x86_exec(const struct x86_buf *b, const uint8_t *at)
{
	return (uint64_t)(uintptr_t)at + (uint64_t)b->delta;
}

/* Execution address of the next instruction. */
static inline uint64_t x86_here(const struct x86_buf *b)
{
	return x86_exec(b, b->p);
}

/* Can a rel32 displacement at the current position reach target? */
static inline bool x86_reachable(const struct x86_buf *b, uint64_t target)
{
	int64_t rel = (int64_t)(target - x86_here(b));

	/* Checked against the start of the instruction, with some slack for
	 * its length (at most 16 bytes), so the answer holds for any one. */
	return rel >= INT32_MIN + 16 && rel <= INT32_MAX - 16;
}

/* Raw bytes: data in the code stream, or an encoding not offered here. */
void x86_bytes(struct x86_buf *b, const void *src, size_t n);

/* Exactly n bytes of NOPs, in as few instructions as the SDM allows. */
void x86_nop(struct x86_buf *b, size_t n);

/* NOPs up to the next execution address that is a multiple of align
 * (a power of two): loop heads, block entries. */
void x86_align(struct x86_buf *b, unsigned align);

/*
 * Labels: positions in the buffer that jumps refer to before or after
 * they are bound. A zeroed label is unbound and unused. Uses of an
 * unbound label are chained through their own displacement fields and
 * patched when the label is bound, so there is no fix-up list to grow.
 */
struct x86_label {
	uint32_t pos;  /* offset + 1 once bound, else 0 */
	uint32_t near; /* last pending rel32 use: field offset + 1 */
	uint32_t shrt; /* last pending rel8 use: field offset + 1 */
};

/* Binds the label here; pending jumps to it are resolved. */
void x86_bind(struct x86_buf *b, struct x86_label *l);

static inline bool x86_label_bound(const struct x86_label *l)
{
	return l->pos != 0;
}

/* Used but never bound: a translator bug the block must not survive. */
static inline bool x86_label_pending(const struct x86_label *l)
{
	return !l->pos && (l->near || l->shrt);
}

/* Execution address of a bound label. */
static inline uint64_t x86_label_exec(const struct x86_buf *b,
				      const struct x86_label *l)
{
	return x86_exec(b, b->start + l->pos - 1);
}

/*
 * Jumps to labels. Backward to a bound label: rel8 when it reaches,
 * else rel32. Forward: rel32, or rel8 with the "8" forms, which the
 * caller picks when it knows the distance is short (at most 127 bytes);
 * binding too far away fails with X86_ERR_RANGE.
 */
void x86_jmp(struct x86_buf *b, struct x86_label *l);
void x86_jmp8(struct x86_buf *b, struct x86_label *l);
void x86_jcc(struct x86_buf *b, enum x86_cc cc, struct x86_label *l);
void x86_jcc8(struct x86_buf *b, enum x86_cc cc, struct x86_label *l);
void x86_call(struct x86_buf *b, struct x86_label *l);
/* lea dst, [rip + label]: addresses of code or data in the buffer. */
void x86_lea_label(struct x86_buf *b, enum x86_gpr dst, struct x86_label *l);

/*
 * Jumps and calls to an absolute execution address: rel8 or rel32 when
 * it is within reach, else a longer form. x86_jmp_to falls back to
 * jmp [rip + 0] followed by the 8-byte address; x86_jcc_to to the
 * opposite jcc over that; x86_call_to to mov r11, target; call r11
 * (r11 is neither an argument nor callee-saved in the System V ABI, so a
 * callee may clobber it anyway).
 */
void x86_jmp_to(struct x86_buf *b, uint64_t target);
void x86_jcc_to(struct x86_buf *b, enum x86_cc cc, uint64_t target);
void x86_call_to(struct x86_buf *b, uint64_t target);

void x86_jmp_r(struct x86_buf *b, enum x86_gpr r);
void x86_jmp_m(struct x86_buf *b, struct x86_mem m);
void x86_call_r(struct x86_buf *b, enum x86_gpr r);
void x86_call_m(struct x86_buf *b, struct x86_mem m);

/*
 * Patchable sites, for block chaining and constants fixed later. Each
 * returns the instruction's write pointer (NULL on failure) and places
 * the field that changes on its natural alignment (padding with NOPs
 * before the instruction), so that one aligned store replaces it and a
 * thread running the code meanwhile sees the old or the new value, never
 * a mix. Branch targets must be within ±2 GiB.
 */
uint8_t *x86_jmp_patchable(struct x86_buf *b, uint64_t target);
uint8_t *x86_jcc_patchable(struct x86_buf *b, enum x86_cc cc, uint64_t target);
/* mov dst, imm64, always in its 10-byte form. */
uint8_t *x86_mov_ri64_patchable(struct x86_buf *b, enum x86_gpr dst,
				uint64_t imm);

/*
 * Points the jmp, jcc or call rel32 at insn (write pointer; it executes
 * at insn_exec) to target. Returns 0, -ERANGE if target is out of reach
 * or -EINVAL if insn is not such a branch.
 */
int x86_patch_branch(uint8_t *insn, uint64_t insn_exec, uint64_t target);
/* Replaces the immediate of the mov r64, imm64 at insn; 0 or -EINVAL. */
int x86_patch_imm64(uint8_t *insn, uint64_t imm);

/* ---- moves ---- */

void x86_mov_rr(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
		enum x86_gpr src);
/*
 * dst = imm. For 64 bits the shortest correct form: mov r32, imm32 when
 * imm fits in 32 unsigned bits (the write zero-extends), the sign-extended
 * imm32 form when it fits in 32 signed bits, else movabs. Flags are kept
 * (see x86_zero for the shorter, flag-clobbering way to clear).
 * For 8 to 32 bits imm must fit in `bits`, signed or unsigned.
 */
void x86_mov_ri(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
		int64_t imm);
void x86_mov_rm(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
		struct x86_mem m);
void x86_mov_mr(struct x86_buf *b, unsigned bits, struct x86_mem m,
		enum x86_gpr src);
/* Store an immediate; for 64 bits imm must fit in 32 signed bits. */
void x86_mov_mi(struct x86_buf *b, unsigned bits, struct x86_mem m,
		int64_t imm);

/*
 * Zero and sign extension from sbits (8, 16 or 32) to dbits (16, 32 or
 * 64). Zero extension to 64 bits is emitted as the 32-bit form, which
 * zero-extends further for free (and from 32 bits it is mov r32, r32);
 * sign extension from 32 to 64 bits is movsxd.
 */
void x86_movzx_rr(struct x86_buf *b, unsigned dbits, unsigned sbits,
		  enum x86_gpr dst, enum x86_gpr src);
void x86_movzx_rm(struct x86_buf *b, unsigned dbits, unsigned sbits,
		  enum x86_gpr dst, struct x86_mem m);
void x86_movsx_rr(struct x86_buf *b, unsigned dbits, unsigned sbits,
		  enum x86_gpr dst, enum x86_gpr src);
void x86_movsx_rm(struct x86_buf *b, unsigned dbits, unsigned sbits,
		  enum x86_gpr dst, struct x86_mem m);

/* A load of 8 to 64 bits into the whole 64-bit register. */
static inline void x86_load(struct x86_buf *b, unsigned bits, bool sign,
			    enum x86_gpr dst, struct x86_mem m)
{
	if (bits == 64)
		x86_mov_rm(b, 64, dst, m);
	else if (sign)
		x86_movsx_rm(b, 64, bits, dst, m);
	else
		x86_movzx_rm(b, 64, bits, dst, m);
}

/* dst = address of m, truncated to bits (32 or 64; 16 is allowed). */
void x86_lea(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
	     struct x86_mem m);

/* dst = 0 by xor r32, r32: two or three bytes, but clobbers flags. */
void x86_zero(struct x86_buf *b, enum x86_gpr dst);

void x86_xchg_rr(struct x86_buf *b, unsigned bits, enum x86_gpr a,
		 enum x86_gpr c);
/* Always atomic: xchg with memory locks the bus without a prefix. */
void x86_xchg_mr(struct x86_buf *b, unsigned bits, struct x86_mem m,
		 enum x86_gpr r);

void x86_push(struct x86_buf *b, enum x86_gpr r);
void x86_pop(struct x86_buf *b, enum x86_gpr r);

/* ---- arithmetic and logic ---- */

void x86_alu_rr(struct x86_buf *b, enum x86_alu op, unsigned bits,
		enum x86_gpr dst, enum x86_gpr src);
/* imm must fit in `bits` (signed or unsigned); in 32 signed bits for 64. */
void x86_alu_ri(struct x86_buf *b, enum x86_alu op, unsigned bits,
		enum x86_gpr dst, int64_t imm);
void x86_alu_rm(struct x86_buf *b, enum x86_alu op, unsigned bits,
		enum x86_gpr dst, struct x86_mem m);
void x86_alu_mr(struct x86_buf *b, enum x86_alu op, unsigned bits,
		struct x86_mem m, enum x86_gpr src);
void x86_alu_mi(struct x86_buf *b, enum x86_alu op, unsigned bits,
		struct x86_mem m, int64_t imm);
/* The same with a lock prefix: atomic read-modify-write (not CMP). */
void x86_lock_alu_mr(struct x86_buf *b, enum x86_alu op, unsigned bits,
		     struct x86_mem m, enum x86_gpr src);
void x86_lock_alu_mi(struct x86_buf *b, enum x86_alu op, unsigned bits,
		     struct x86_mem m, int64_t imm);

/* Named forms of the common ones: x86_add_rr(b, 64, X86_RAX, X86_RBX). */
#define X86_ALU_NAMED(name, op)                                              \
	static inline void x86_##name##_rr(struct x86_buf *b, unsigned bits, \
					   enum x86_gpr d, enum x86_gpr s)   \
	{                                                                    \
		x86_alu_rr(b, op, bits, d, s);                               \
	}                                                                    \
	static inline void x86_##name##_ri(struct x86_buf *b, unsigned bits, \
					   enum x86_gpr d, int64_t imm)      \
	{                                                                    \
		x86_alu_ri(b, op, bits, d, imm);                             \
	}                                                                    \
	static inline void x86_##name##_rm(struct x86_buf *b, unsigned bits, \
					   enum x86_gpr d, struct x86_mem m) \
	{                                                                    \
		x86_alu_rm(b, op, bits, d, m);                               \
	}
X86_ALU_NAMED(add, X86_ADD)
X86_ALU_NAMED(sub, X86_SUB)
X86_ALU_NAMED(and, X86_AND)
X86_ALU_NAMED(or, X86_OR)
X86_ALU_NAMED(xor, X86_XOR)
X86_ALU_NAMED(cmp, X86_CMP)
#undef X86_ALU_NAMED

/* Flags of a & b, nothing written. */
void x86_test_rr(struct x86_buf *b, unsigned bits, enum x86_gpr a,
		 enum x86_gpr c);
void x86_test_ri(struct x86_buf *b, unsigned bits, enum x86_gpr r, int64_t imm);
void x86_test_mr(struct x86_buf *b, unsigned bits, struct x86_mem m,
		 enum x86_gpr r);
void x86_test_mi(struct x86_buf *b, unsigned bits, struct x86_mem m,
		 int64_t imm);

void x86_unop_r(struct x86_buf *b, enum x86_unop op, unsigned bits,
		enum x86_gpr r);
void x86_unop_m(struct x86_buf *b, enum x86_unop op, unsigned bits,
		struct x86_mem m);

static inline void x86_neg(struct x86_buf *b, unsigned bits, enum x86_gpr r)
{
	x86_unop_r(b, X86_NEG, bits, r);
}

static inline void x86_not(struct x86_buf *b, unsigned bits, enum x86_gpr r)
{
	x86_unop_r(b, X86_NOT, bits, r);
}

static inline void x86_inc(struct x86_buf *b, unsigned bits, enum x86_gpr r)
{
	x86_unop_r(b, X86_INC, bits, r);
}

static inline void x86_dec(struct x86_buf *b, unsigned bits, enum x86_gpr r)
{
	x86_unop_r(b, X86_DEC, bits, r);
}

/* Shift or rotate by an immediate (the count is masked by the CPU to 5
 * bits, 6 for 64-bit operands) or by CL. */
void x86_shift_ri(struct x86_buf *b, enum x86_shift op, unsigned bits,
		  enum x86_gpr r, uint8_t count);
void x86_shift_rcl(struct x86_buf *b, enum x86_shift op, unsigned bits,
		   enum x86_gpr r);

/* Two- and three-operand signed multiply, low half (16, 32, 64 bits). */
void x86_imul_rr(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
		 enum x86_gpr src);
void x86_imul_rm(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
		 struct x86_mem m);
void x86_imul_rri(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
		  enum x86_gpr src, int32_t imm);

/* Sign-extend rAX into rDX (before idiv). */
void x86_cqo(struct x86_buf *b);
void x86_cdq(struct x86_buf *b);

void x86_setcc_r(struct x86_buf *b, enum x86_cc cc, enum x86_gpr r8);
void x86_setcc_m(struct x86_buf *b, enum x86_cc cc, struct x86_mem m);
/* 16, 32 or 64 bits. The 32-bit form zero-extends dst even when the
 * condition is false. */
void x86_cmov_rr(struct x86_buf *b, enum x86_cc cc, unsigned bits,
		 enum x86_gpr dst, enum x86_gpr src);
void x86_cmov_rm(struct x86_buf *b, enum x86_cc cc, unsigned bits,
		 enum x86_gpr dst, struct x86_mem m);

/* Byte swap of a 32 or 64-bit register. */
void x86_bswap(struct x86_buf *b, unsigned bits, enum x86_gpr r);

/* Bit counts (16, 32, 64 bits): LZCNT and TZCNT need ABM/BMI1, POPCNT
 * its own CPUID bit; on a CPU without them lzcnt and tzcnt run as bsr
 * and bsf, which differ for zero and in lzcnt's result. */
void x86_lzcnt_rr(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
		  enum x86_gpr src);
void x86_lzcnt_rm(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
		  struct x86_mem m);
void x86_tzcnt_rr(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
		  enum x86_gpr src);
void x86_tzcnt_rm(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
		  struct x86_mem m);
void x86_popcnt_rr(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
		   enum x86_gpr src);
void x86_popcnt_rm(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
		   struct x86_mem m);

/* bt/bts/btr/btc (16, 32, 64 bits). With a register bit offset and a
 * memory operand the offset is not masked: it may address other bytes. */
void x86_bitop_ri(struct x86_buf *b, enum x86_bitop op, unsigned bits,
		  enum x86_gpr r, uint8_t bit);
void x86_bitop_rr(struct x86_buf *b, enum x86_bitop op, unsigned bits,
		  enum x86_gpr r, enum x86_gpr bit);
void x86_bitop_mi(struct x86_buf *b, enum x86_bitop op, unsigned bits,
		  struct x86_mem m, uint8_t bit);
void x86_bitop_mr(struct x86_buf *b, enum x86_bitop op, unsigned bits,
		  struct x86_mem m, enum x86_gpr bit);

/*
 * BMI1/BMI2 (32 or 64 bits), VEX-encoded, flags untouched except andn's:
 * shlx/shrx/sarx dst = src shifted by cnt (masked like the legacy
 * shifts), rorx dst = src rotated right by imm, andn dst = ~a & c,
 * mulx hi:lo = rDX * src (unsigned; hi written last, so hi wins if the
 * two are the same register).
 */
void x86_shlx(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
	      enum x86_gpr src, enum x86_gpr cnt);
void x86_shrx(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
	      enum x86_gpr src, enum x86_gpr cnt);
void x86_sarx(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
	      enum x86_gpr src, enum x86_gpr cnt);
void x86_rorx(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
	      enum x86_gpr src, uint8_t imm);
void x86_andn(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
	      enum x86_gpr a, enum x86_gpr c);
void x86_mulx(struct x86_buf *b, unsigned bits, enum x86_gpr hi,
	      enum x86_gpr lo, enum x86_gpr src);

/* ---- atomics and ordering ---- */

/* lock cmpxchg [m], r: compares with rAX, which receives the old value. */
void x86_lock_cmpxchg(struct x86_buf *b, unsigned bits, struct x86_mem m,
		      enum x86_gpr r);
/* lock xadd [m], r: r receives the old value. */
void x86_lock_xadd(struct x86_buf *b, unsigned bits, struct x86_mem m,
		   enum x86_gpr r);
void x86_mfence(struct x86_buf *b);
void x86_lfence(struct x86_buf *b);
void x86_sfence(struct x86_buf *b);
void x86_pause(struct x86_buf *b);

/* ---- control ---- */

void x86_ret(struct x86_buf *b);
void x86_int3(struct x86_buf *b);
void x86_ud2(struct x86_buf *b);

/* ---- SSE, SSE4.1, FMA3 ---- */

/* Between an XMM register and a 32-bit (movd) or 64-bit (movq) GPR;
 * into XMM the upper bits are zeroed. */
void x86_movd_xr(struct x86_buf *b, unsigned bits, enum x86_xmm dst,
		 enum x86_gpr src);
void x86_movd_rx(struct x86_buf *b, unsigned bits, enum x86_gpr dst,
		 enum x86_xmm src);
/* Scalar loads (upper bits zeroed), stores, and register moves (which
 * merge: only the low 32 or 64 bits of dst change). */
void x86_movss_xm(struct x86_buf *b, enum x86_xmm dst, struct x86_mem m);
void x86_movss_mx(struct x86_buf *b, struct x86_mem m, enum x86_xmm src);
void x86_movss_xx(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
void x86_movsd_xm(struct x86_buf *b, enum x86_xmm dst, struct x86_mem m);
void x86_movsd_mx(struct x86_buf *b, struct x86_mem m, enum x86_xmm src);
void x86_movsd_xx(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
/* movq: the low 64 bits, upper 64 bits of an XMM destination zeroed. */
void x86_movq_xx(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
void x86_movq_xm(struct x86_buf *b, enum x86_xmm dst, struct x86_mem m);
void x86_movq_mx(struct x86_buf *b, struct x86_mem m, enum x86_xmm src);

void x86_sse_xx(struct x86_buf *b, enum x86_sse op, enum x86_xmm dst,
		enum x86_xmm src);
/* The memory operand is 32 bits (ss), 64 bits (sd) or 128 bits (ps, pd:
 * 16-byte aligned). */
void x86_sse_xm(struct x86_buf *b, enum x86_sse op, enum x86_xmm dst,
		struct x86_mem m);
void x86_sse_xxi(struct x86_buf *b, enum x86_sse_imm op, enum x86_xmm dst,
		 enum x86_xmm src, uint8_t imm);
void x86_sse_xmi(struct x86_buf *b, enum x86_sse_imm op, enum x86_xmm dst,
		 struct x86_mem m, uint8_t imm);

/*
 * Conversions; bits is the integer's size (32 or 64). cvtsi2s* writes
 * only the low part of dst and so depends on its old value: clear dst
 * first (xorps) where that dependency would stall.
 */
void x86_cvt_xr(struct x86_buf *b, enum x86_cvt op, unsigned bits,
		enum x86_xmm dst, enum x86_gpr src);
void x86_cvt_xm(struct x86_buf *b, enum x86_cvt op, unsigned bits,
		enum x86_xmm dst, struct x86_mem m);
void x86_cvt_rx(struct x86_buf *b, enum x86_cvt op, unsigned bits,
		enum x86_gpr dst, enum x86_xmm src);
void x86_cvt_rm(struct x86_buf *b, enum x86_cvt op, unsigned bits,
		enum x86_gpr dst, struct x86_mem m);

/* FMA3 scalar: bits 32 (ss) or 64 (sd); see enum x86_fma for the order. */
void x86_fma_xxx(struct x86_buf *b, enum x86_fma op, unsigned bits,
		 enum x86_xmm dst, enum x86_xmm src1, enum x86_xmm src2);
void x86_fma_xxm(struct x86_buf *b, enum x86_fma op, unsigned bits,
		 enum x86_xmm dst, enum x86_xmm src1, struct x86_mem m);

void x86_ldmxcsr(struct x86_buf *b, struct x86_mem m);
void x86_stmxcsr(struct x86_buf *b, struct x86_mem m);

#endif
