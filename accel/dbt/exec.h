/* SPDX-License-Identifier: MIT */
/*
 * The instructions of the emulated hart that helpers carry out, for the
 * interpreter and the JIT alike: atomics, floating point, CSRs, cache
 * blocks and the privileged instructions. Each takes the decoded
 * instruction with h->pc at it.
 */
#ifndef HVRUN_DBT_EXEC_H
#define HVRUN_DBT_EXEC_H

#include "accel/dbt/hart.h"

/* What executing one instruction did. */
enum dbt_exec_result {
	DBT_EXEC_NEXT, /* retired; h->pc is the next instruction */
	DBT_EXEC_TRAP, /* not retired; h->exc holds the exception */
	DBT_EXEC_SBI,  /* ecall to the host SBI; h->pc still at the ecall */
	DBT_EXEC_HTIF, /* retired a store to tohost */
};

enum dbt_exec_result dbt_exec_amo(struct dbt_hart *h, const struct rv_insn *in);
enum dbt_exec_result dbt_exec_fp(struct dbt_hart *h, const struct rv_insn *in);
enum dbt_exec_result dbt_exec_csr(struct dbt_hart *h, const struct rv_insn *in);
enum dbt_exec_result dbt_exec_cbo(struct dbt_hart *h, const struct rv_insn *in);
/* ecall, ebreak, xRET, wfi, fences, sfence.vma, Svinval and H. */
enum dbt_exec_result dbt_exec_system(struct dbt_hart *h,
				     const struct rv_insn *in);
/* Zfh, Zfhmin, Zfa (exec-ext.c). */
enum dbt_exec_result dbt_exec_fpx(struct dbt_hart *h, const struct rv_insn *in);
/* Zbc, Zbkb, Zbkc, Zbkx, Zimop, Zcmop. */
enum dbt_exec_result dbt_exec_bits(struct dbt_hart *h,
				   const struct rv_insn *in);
/* Zawrs. */
enum dbt_exec_result dbt_exec_wrs(struct dbt_hart *h, const struct rv_insn *in);
/* jal, jalr and branches of a hart without C (4-byte aligned targets). */
enum dbt_exec_result dbt_exec_jump(struct dbt_hart *h,
				   const struct rv_insn *in);
/* Whichever of the above @in belongs to (illegal for the rest). */
enum dbt_exec_result dbt_exec_helper(struct dbt_hart *h,
				     const struct rv_insn *in);

/*
 * After @in faulted on the memory access at @va: the transformed
 * instruction htinst/mtinst may hold (hypervisor.adoc "Transformed
 * Instruction or Pseudoinstruction"), for loads, stores, AMOs and HLV/HSV
 * (others keep 0).
 */
void dbt_exec_tinst(struct dbt_hart *h, const struct rv_insn *in, uint64_t va);

#endif
