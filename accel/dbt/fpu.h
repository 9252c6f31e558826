/* SPDX-License-Identifier: MIT */
/*
 * The emulated hart's floating-point unit: the arithmetic of the RISC-V
 * "F" and "D" standard extensions (unprivileged ISA), which is
 * IEEE 754-2008 binary32 and binary64 with the RISC-V choices: results
 * that are NaN are always the canonical NaN, tininess is detected after
 * rounding, and conversions to integers saturate.
 *
 * Values are raw IEEE bit patterns. Single-precision inputs are already
 * unboxed by the caller (an improperly NaN-boxed value arrives as the
 * canonical NaN 0x7fc00000). rm is a resolved rounding mode 0..4 (the
 * caller maps frm and the DYN encoding, and rejects 5 and 6). Exception
 * flags are OR-ed into *fflags, in the bit layout of the fflags CSR.
 *
 * The arithmetic is done in integers (square roots start from the host's
 * estimate and then correct it exactly), so results never depend on the
 * host FPU's rounding mode or flags, and the host FPU mode is never changed.
 */
#ifndef HVRUN_DBT_FPU_H
#define HVRUN_DBT_FPU_H

#include <stdint.h>

enum { FPU_RNE = 0, FPU_RTZ = 1, FPU_RDN = 2, FPU_RUP = 3, FPU_RMM = 4 };
enum { FPU_NX = 1, FPU_UF = 2, FPU_OF = 4, FPU_DZ = 8, FPU_NV = 16 };

#define FPU_CANON_H 0x7e00u
#define FPU_CANON_S 0x7fc00000u
#define FPU_CANON_D 0x7ff8000000000000ull

/*
 * NaN-boxing: a single-precision value in a 64-bit f register is valid
 * only with the upper 32 bits all ones; anything else reads as the
 * canonical NaN.
 */
static inline uint64_t fpu_box_s(uint32_t v)
{
	return 0xffffffff00000000ull | v;
}

static inline uint32_t fpu_unbox_s(uint64_t reg)
{
	return reg >> 32 == 0xffffffff ? (uint32_t)reg : FPU_CANON_S;
}

/* Half precision (Zfh) is boxed the same way, in the upper 48 bits. */
static inline uint64_t fpu_box_h(uint16_t v)
{
	return 0xffffffffffff0000ull | v;
}

static inline uint16_t fpu_unbox_h(uint64_t reg)
{
	return reg >> 16 == 0xffffffffffffull ? (uint16_t)reg : FPU_CANON_H;
}

/* fclass result bits */
enum {
	FPU_CLASS_NEG_INF = 1 << 0,
	FPU_CLASS_NEG_NORMAL = 1 << 1,
	FPU_CLASS_NEG_SUBNORMAL = 1 << 2,
	FPU_CLASS_NEG_ZERO = 1 << 3,
	FPU_CLASS_POS_ZERO = 1 << 4,
	FPU_CLASS_POS_SUBNORMAL = 1 << 5,
	FPU_CLASS_POS_NORMAL = 1 << 6,
	FPU_CLASS_POS_INF = 1 << 7,
	FPU_CLASS_SNAN = 1 << 8,
	FPU_CLASS_QNAN = 1 << 9,
};

/* Single precision */
uint32_t fpu_add_s(uint32_t a, uint32_t b, unsigned rm, unsigned *fflags);
uint32_t fpu_sub_s(uint32_t a, uint32_t b, unsigned rm, unsigned *fflags);
uint32_t fpu_mul_s(uint32_t a, uint32_t b, unsigned rm, unsigned *fflags);
uint32_t fpu_div_s(uint32_t a, uint32_t b, unsigned rm, unsigned *fflags);
uint32_t fpu_sqrt_s(uint32_t a, unsigned rm, unsigned *fflags);
/* a * b + c with one rounding; fmsub, fnmsub and fnmadd flip sign bits */
uint32_t fpu_fma_s(uint32_t a, uint32_t b, uint32_t c, unsigned rm,
		   unsigned *fflags);
/* fmin/fmax of the 2.2+ spec: -0 < +0, NaN operands are ignored */
uint32_t fpu_min_s(uint32_t a, uint32_t b, unsigned *fflags);
uint32_t fpu_max_s(uint32_t a, uint32_t b, unsigned *fflags);
/* feq is quiet; flt and fle signal on any NaN */
int fpu_eq_s(uint32_t a, uint32_t b, unsigned *fflags);
int fpu_lt_s(uint32_t a, uint32_t b, unsigned *fflags);
int fpu_le_s(uint32_t a, uint32_t b, unsigned *fflags);
unsigned fpu_class_s(uint32_t a);
/*
 * fcvt.{w,wu,l,lu}.s: saturating. The 32-bit results are returned as
 * 32-bit values; fcvt.wu sign-extends its result into rd.
 */
int32_t fpu_to_i32_s(uint32_t a, unsigned rm, unsigned *fflags);
uint32_t fpu_to_u32_s(uint32_t a, unsigned rm, unsigned *fflags);
int64_t fpu_to_i64_s(uint32_t a, unsigned rm, unsigned *fflags);
uint64_t fpu_to_u64_s(uint32_t a, unsigned rm, unsigned *fflags);
uint32_t fpu_from_i32_s(int32_t v, unsigned rm, unsigned *fflags);
uint32_t fpu_from_u32_s(uint32_t v, unsigned rm, unsigned *fflags);
uint32_t fpu_from_i64_s(int64_t v, unsigned rm, unsigned *fflags);
uint32_t fpu_from_u64_s(uint64_t v, unsigned rm, unsigned *fflags);

/* Double precision */
uint64_t fpu_add_d(uint64_t a, uint64_t b, unsigned rm, unsigned *fflags);
uint64_t fpu_sub_d(uint64_t a, uint64_t b, unsigned rm, unsigned *fflags);
uint64_t fpu_mul_d(uint64_t a, uint64_t b, unsigned rm, unsigned *fflags);
uint64_t fpu_div_d(uint64_t a, uint64_t b, unsigned rm, unsigned *fflags);
uint64_t fpu_sqrt_d(uint64_t a, unsigned rm, unsigned *fflags);
uint64_t fpu_fma_d(uint64_t a, uint64_t b, uint64_t c, unsigned rm,
		   unsigned *fflags);
uint64_t fpu_min_d(uint64_t a, uint64_t b, unsigned *fflags);
uint64_t fpu_max_d(uint64_t a, uint64_t b, unsigned *fflags);
int fpu_eq_d(uint64_t a, uint64_t b, unsigned *fflags);
int fpu_lt_d(uint64_t a, uint64_t b, unsigned *fflags);
int fpu_le_d(uint64_t a, uint64_t b, unsigned *fflags);
unsigned fpu_class_d(uint64_t a);
int32_t fpu_to_i32_d(uint64_t a, unsigned rm, unsigned *fflags);
uint32_t fpu_to_u32_d(uint64_t a, unsigned rm, unsigned *fflags);
int64_t fpu_to_i64_d(uint64_t a, unsigned rm, unsigned *fflags);
uint64_t fpu_to_u64_d(uint64_t a, unsigned rm, unsigned *fflags);
uint64_t fpu_from_i32_d(int32_t v, unsigned rm, unsigned *fflags);
uint64_t fpu_from_u32_d(uint32_t v, unsigned rm, unsigned *fflags);
uint64_t fpu_from_i64_d(int64_t v, unsigned rm, unsigned *fflags);
uint64_t fpu_from_u64_d(uint64_t v, unsigned rm, unsigned *fflags);

/* fcvt.d.s (always exact) and fcvt.s.d */
uint64_t fpu_s_to_d(uint32_t a, unsigned *fflags);
uint32_t fpu_d_to_s(uint64_t a, unsigned rm, unsigned *fflags);

/*
 * Half precision (Zfh): binary16, with the same RISC-V rules. Widening
 * conversions are exact.
 */
uint16_t fpu_add_h(uint16_t a, uint16_t b, unsigned rm, unsigned *fflags);
uint16_t fpu_sub_h(uint16_t a, uint16_t b, unsigned rm, unsigned *fflags);
uint16_t fpu_mul_h(uint16_t a, uint16_t b, unsigned rm, unsigned *fflags);
uint16_t fpu_div_h(uint16_t a, uint16_t b, unsigned rm, unsigned *fflags);
uint16_t fpu_sqrt_h(uint16_t a, unsigned rm, unsigned *fflags);
uint16_t fpu_fma_h(uint16_t a, uint16_t b, uint16_t c, unsigned rm,
		   unsigned *fflags);
uint16_t fpu_min_h(uint16_t a, uint16_t b, unsigned *fflags);
uint16_t fpu_max_h(uint16_t a, uint16_t b, unsigned *fflags);
int fpu_eq_h(uint16_t a, uint16_t b, unsigned *fflags);
int fpu_lt_h(uint16_t a, uint16_t b, unsigned *fflags);
int fpu_le_h(uint16_t a, uint16_t b, unsigned *fflags);
unsigned fpu_class_h(uint16_t a);
int32_t fpu_to_i32_h(uint16_t a, unsigned rm, unsigned *fflags);
uint32_t fpu_to_u32_h(uint16_t a, unsigned rm, unsigned *fflags);
int64_t fpu_to_i64_h(uint16_t a, unsigned rm, unsigned *fflags);
uint64_t fpu_to_u64_h(uint16_t a, unsigned rm, unsigned *fflags);
uint16_t fpu_from_i64_h(int64_t v, unsigned rm, unsigned *fflags);
uint16_t fpu_from_u64_h(uint64_t v, unsigned rm, unsigned *fflags);
uint32_t fpu_h_to_s(uint16_t a, unsigned *fflags);
uint16_t fpu_s_to_h(uint32_t a, unsigned rm, unsigned *fflags);
uint64_t fpu_h_to_d(uint16_t a, unsigned *fflags);
uint16_t fpu_d_to_h(uint64_t a, unsigned rm, unsigned *fflags);

/*
 * Zfa. fli: constant @idx (0..31) of the table in the Zfa chapter, no
 * flags. minm/maxm: IEEE 754-2019 minimum/maximum (a NaN operand gives
 * the canonical NaN). round: to an integral value in rm, NX only when
 * @exact (froundnx) and the value changed. leq/ltq: quiet comparisons
 * (only a signaling NaN raises NV). cvtmod_w_d: truncation modulo 2^32,
 * flags as fcvt.w.d in RTZ.
 */
uint16_t fpu_fli_h(unsigned idx);
uint32_t fpu_fli_s(unsigned idx);
uint64_t fpu_fli_d(unsigned idx);
uint16_t fpu_minm_h(uint16_t a, uint16_t b, unsigned *fflags);
uint16_t fpu_maxm_h(uint16_t a, uint16_t b, unsigned *fflags);
uint32_t fpu_minm_s(uint32_t a, uint32_t b, unsigned *fflags);
uint32_t fpu_maxm_s(uint32_t a, uint32_t b, unsigned *fflags);
uint64_t fpu_minm_d(uint64_t a, uint64_t b, unsigned *fflags);
uint64_t fpu_maxm_d(uint64_t a, uint64_t b, unsigned *fflags);
uint16_t fpu_round_h(uint16_t a, unsigned rm, int exact, unsigned *fflags);
uint32_t fpu_round_s(uint32_t a, unsigned rm, int exact, unsigned *fflags);
uint64_t fpu_round_d(uint64_t a, unsigned rm, int exact, unsigned *fflags);
int fpu_leq_h(uint16_t a, uint16_t b, unsigned *fflags);
int fpu_ltq_h(uint16_t a, uint16_t b, unsigned *fflags);
int fpu_leq_s(uint32_t a, uint32_t b, unsigned *fflags);
int fpu_ltq_s(uint32_t a, uint32_t b, unsigned *fflags);
int fpu_leq_d(uint64_t a, uint64_t b, unsigned *fflags);
int fpu_ltq_d(uint64_t a, uint64_t b, unsigned *fflags);
int32_t fpu_cvtmod_w_d(uint64_t a, unsigned *fflags);

#endif
