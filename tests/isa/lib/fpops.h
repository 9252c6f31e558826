/*
 * Wrappers of one FP instruction for the differential programs: NAME(a,
 * b, c) moves the raw 64-bit operands into ft0..ft2, runs INSN and
 * returns the raw result (FN: f destination; FX: x destination; XF: x
 * source). A program defines u64 before including this.
 */
#ifndef ISA_FPOPS_H
#define ISA_FPOPS_H

#define FN3(name, insn)                                               \
	static u64 name(u64 a, u64 b, u64 c)                          \
	{                                                             \
		u64 r;                                                \
		asm volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t" \
			     "fmv.d.x ft2, %3\n\t" insn               \
			     " ft3, ft0, ft1, ft2\n\tfmv.x.d %0, ft3" \
			     : "=r"(r)                                \
			     : "r"(a), "r"(b), "r"(c)                 \
			     : "ft0", "ft1", "ft2", "ft3");           \
		return r;                                             \
	}                                                             \
	extern int fn_defined_##name
#define FN2(name, insn)                                                    \
	static u64 name(u64 a, u64 b, u64 c)                               \
	{                                                                  \
		u64 r;                                                     \
		asm volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t" insn \
			     " ft3, ft0, ft1\n\tfmv.x.d %0, ft3"           \
			     : "=r"(r)                                     \
			     : "r"(a), "r"(b)                              \
			     : "ft0", "ft1", "ft3");                       \
		return r;                                                  \
	}                                                                  \
	extern int fn_defined_##name
#define FX2(name, insn)                                                    \
	static u64 name(u64 a, u64 b, u64 c)                               \
	{                                                                  \
		u64 r;                                                     \
		asm volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t" insn \
			     " %0, ft0, ft1"                               \
			     : "=r"(r)                                     \
			     : "r"(a), "r"(b)                              \
			     : "ft0", "ft1");                              \
		return r;                                                  \
	}                                                                  \
	extern int fn_defined_##name
#define FN1(name, insn)                                                 \
	static u64 name(u64 a, u64 b, u64 c)                            \
	{                                                               \
		u64 r;                                                  \
		asm volatile("fmv.d.x ft0, %1\n\t" insn " ft3, ft0\n\t" \
			     "fmv.x.d %0, ft3"                          \
			     : "=r"(r)                                  \
			     : "r"(a)                                   \
			     : "ft0", "ft3");                           \
		return r;                                               \
	}                                                               \
	extern int fn_defined_##name
#define FX1(name, insn)                                            \
	static u64 name(u64 a, u64 b, u64 c)                       \
	{                                                          \
		u64 r;                                             \
		asm volatile("fmv.d.x ft0, %1\n\t" insn " %0, ft0" \
			     : "=r"(r)                             \
			     : "r"(a)                              \
			     : "ft0");                             \
		return r;                                          \
	}                                                          \
	extern int fn_defined_##name
#define XF1(name, insn)                                         \
	static u64 name(u64 a, u64 b, u64 c)                    \
	{                                                       \
		u64 r;                                          \
		asm volatile(insn " ft3, %1\n\tfmv.x.d %0, ft3" \
			     : "=r"(r)                          \
			     : "r"(a)                           \
			     : "ft3");                          \
		return r;                                       \
	}                                                       \
	extern int fn_defined_##name

#endif
