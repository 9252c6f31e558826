/* SPDX-License-Identifier: MIT */
/*
 * The reference interpreter of the emulated hart: executes decoded
 * instructions (accel/dbt/decode.h) exactly as the unprivileged and
 * privileged ISA manuals say, and runs a hart until something must
 * leave vcpu_run. The JIT calls the same dbt_exec_* semantics for what
 * it does not translate inline.
 */
#ifndef HVRUN_DBT_INTERP_H
#define HVRUN_DBT_INTERP_H

#include "accel/dbt/hart.h"

/* What executing one instruction did. */
enum dbt_exec_result {
	DBT_EXEC_NEXT, /* retired; h->pc is the next instruction */
	DBT_EXEC_TRAP, /* not retired; h->exc holds the exception */
	DBT_EXEC_SBI,  /* ecall to the host SBI; h->pc still at the ecall */
	DBT_EXEC_HTIF, /* retired a store to tohost */
};

/* Why dbt_interp_run returned. */
enum dbt_stop {
	DBT_STOP_KICK,
	DBT_STOP_SBI,
	DBT_STOP_HTIF,
};

/* Executes @in, the instruction at h->pc. */
enum dbt_exec_result dbt_exec_insn(struct dbt_hart *h,
				   const struct rv_insn *in);

/* The slow-path groups dbt_exec_insn dispatches to; same contract. */
enum dbt_exec_result dbt_exec_amo(struct dbt_hart *h, const struct rv_insn *in);
enum dbt_exec_result dbt_exec_fp(struct dbt_hart *h, const struct rv_insn *in);
enum dbt_exec_result dbt_exec_csr(struct dbt_hart *h, const struct rv_insn *in);
enum dbt_exec_result dbt_exec_cbo(struct dbt_hart *h, const struct rv_insn *in);
/* ecall, ebreak, xRET, wfi, fences, sfence.vma and Svinval. */
enum dbt_exec_result dbt_exec_system(struct dbt_hart *h,
				     const struct rv_insn *in);

/*
 * Fetches and decodes the instruction at h->pc (through the decoded
 * instruction cache). NULL with h->exc set on a fetch fault.
 */
const struct rv_insn *dbt_fetch_insn(struct dbt_hart *h);

/* Applies remote fences and interrupts; a stop reason, or -1 to go on. */
int dbt_interp_events(struct dbt_hart *h);

/* Runs instructions until a stop. */
enum dbt_stop dbt_interp_run(struct dbt_hart *h);

/* Prints the instruction @in at h->pc to the trace file. */
void dbt_trace_insn(struct dbt_hart *h, const struct rv_insn *in);

#endif
