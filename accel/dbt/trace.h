/* SPDX-License-Identifier: MIT */
/*
 * The emulated hart's execution trace (--trace insn,cpu,fpu). Before
 * every instruction the cpu kind prints the hart's state in the layout
 * of QEMU's riscv64 "-d cpu" log (and "-d fpu" for the f registers),
 * and each trap entry as a line shaped like its "-d int" ones, so that
 * scripts/tracediff can compare a run of hvrun with one of QEMU.
 */
#ifndef HVRUN_DBT_TRACE_H
#define HVRUN_DBT_TRACE_H

#include "accel/dbt/hart.h"

/* The ACCEL_TRACE_* kinds the VM prints (0 when it does not trace). */
unsigned dbt_trace_flags(const struct dbt_hart *h);

/* Whether instructions are traced one by one (insn, cpu, fpu). */
static inline bool dbt_trace_steps(const struct dbt_hart *h)
{
	return dbt_trace_flags(h) &
	       (ACCEL_TRACE_INSN | ACCEL_TRACE_CPU | ACCEL_TRACE_FPU);
}

/* Whether new translations are printed (jit). */
static inline bool dbt_trace_jit(const struct dbt_hart *h)
{
	return dbt_trace_flags(h) & ACCEL_TRACE_JIT;
}

/* Prints what the trace asks for before the instruction @raw at h->pc. */
void dbt_trace_step(struct dbt_hart *h, uint32_t raw);

/* Prints the exception in h->exc, about to be taken at h->pc. */
void dbt_trace_exception(struct dbt_hart *h);

/* dbt_trap_check_irq(), printing the interrupt the hart takes, if any. */
void dbt_trace_interrupt(struct dbt_hart *h);

#endif
