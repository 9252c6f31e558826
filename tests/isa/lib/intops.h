/*
 * Wrappers of one integer instruction for the differential programs:
 * NAME(a, b) runs INSN on a (R1) or a and b (R2) and returns rd. A
 * program defines u64 before including this. Each macro defines one
 * function; the trailing declaration only lets its use end with a
 * semicolon.
 */
#ifndef ISA_INTOPS_H
#define ISA_INTOPS_H

#define R2(name, insn)                                                       \
	static u64 name(u64 a, u64 b)                                        \
	{                                                                    \
		u64 r;                                                       \
		asm volatile(insn " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b)); \
		return r;                                                    \
	}                                                                    \
	extern int fn_defined_##name
#define R1(name, insn)                                           \
	static u64 name(u64 a, u64 b)                            \
	{                                                        \
		u64 r;                                           \
		asm volatile(insn " %0, %1" : "=r"(r) : "r"(a)); \
		return r;                                        \
	}                                                        \
	extern int fn_defined_##name

#endif
