/* SPDX-License-Identifier: MIT */
/*
 * Traps of the emulated hart: exception and interrupt entry with
 * delegation, the trap-return instructions and WFI (RISC-V privileged
 * ISA, "Machine Trap Delegation", "Machine Trap-Vector Base-Address",
 * "mstatus" stacking, MRET/SRET, WFI).
 */
#ifndef HVRUN_DBT_TRAP_H
#define HVRUN_DBT_TRAP_H

#include <stdbool.h>
#include <stdint.h>

#include "accel/dbt/hart.h"
#include "riscv/riscv.h"

/* Fill hart->exc with a plain exception (no guest-physical info). */
static inline void dbt_exc_set(struct dbt_hart *h, uint64_t cause,
			       uint64_t tval)
{
	h->exc.cause = cause;
	h->exc.tval = tval;
	h->exc.tval2 = 0;
	h->exc.tinst = 0;
	h->exc.gva = false;
}

/*
 * The one function that changes the privilege and V, and with them the
 * translation regime (@virt is ignored for M).
 */
void dbt_hart_set_mode(struct dbt_hart *h, unsigned priv, bool virt);

/* Take the exception in hart->exc at the current pc. */
void dbt_trap_raise(struct dbt_hart *h);

/* Take interrupt @irq (a mip bit number) at the current pc. */
void dbt_trap_interrupt(struct dbt_hart *h, unsigned irq);

/*
 * The interrupt to take now, by the spec's priority and enables, or -1.
 * Reads the time when Sstc drives STIP.
 */
int dbt_trap_pending_irq(struct dbt_hart *h);

/* If an interrupt is pending and enabled, take it; true if one was. */
bool dbt_trap_check_irq(struct dbt_hart *h);

/*
 * MRET/SRET: 0, or -1 with an illegal-instruction or virtual-instruction
 * exception in exc.
 */
int dbt_trap_mret(struct dbt_hart *h);
int dbt_trap_sret(struct dbt_hart *h);

/*
 * WFI: 0 after sleeping until an interrupt is pending in mip & mie (the
 * global enables do not matter) or an event asks the hart to look, or -1
 * with an illegal-instruction exception (U-mode, or TW=1 below M) or a
 * virtual-instruction one (VU-mode, or VS-mode with VTW=1). The caller
 * steps pc past the instruction when it returns 0.
 */
int dbt_trap_wfi(struct dbt_hart *h);

/*
 * Sleeps until an interrupt is pending in mip & mie (0) or one of the
 * events in @wake_events is posted (-EINTR).
 */
int dbt_trap_sleep(struct dbt_hart *h, unsigned wake_events);

#endif
