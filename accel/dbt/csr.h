/* SPDX-License-Identifier: MIT */
/*
 * The emulated hart's control and status registers: the Zicsr access path with each register's WARL rules (RISC-V
 * privileged ISA, chapters "Machine-Level ISA" and "Supervisor-Level
 * ISA"; Sstc; unprivileged "Zicsr" and "Zicntr").
 */
#ifndef HVRUN_DBT_CSR_H
#define HVRUN_DBT_CSR_H

#include <stdbool.h>
#include <stdint.h>

#include "accel/dbt/hart.h"
#include "riscv/riscv.h"

/* What sstatus shows of mstatus (translated code reads it too). */
#define DBT_SSTATUS_READABLE                                                   \
	(MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_UBE | MSTATUS_SPP | MSTATUS_VS | \
	 MSTATUS_FS | MSTATUS_XS | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_UXL |   \
	 MSTATUS_SD)

/* Zicsr operations */
enum dbt_csr_op { DBT_CSR_RW, DBT_CSR_RS, DBT_CSR_RC };

/*
 * One Zicsr instruction on @csr: checks privilege and existence (with
 * V=1, S-level numbers reach the VS CSRs), reads the old value into *@old
 * when @read, and when @write stores the value @op makes from it and
 * @src. Returns 0, or -1 with hart->exc set to an illegal-instruction or
 * virtual-instruction exception (tval 0: the caller knows the encoding).
 */
int dbt_csr_access(struct dbt_hart *h, unsigned csr, enum dbt_csr_op op,
		   uint64_t src, bool read, bool write, uint64_t *old);

/*
 * Debugger-style access (get_reg/set_reg): no privilege or enable checks,
 * but the same WARL rules. -ENOENT for a CSR that does not exist.
 */
int dbt_csr_get(struct dbt_hart *h, unsigned csr, uint64_t *val);
int dbt_csr_set(struct dbt_hart *h, unsigned csr, uint64_t val);

/*
 * mip's software-written bits, with the edges other threads posted folded
 * in (own thread, or a paused hart).
 */
uint64_t dbt_csr_mip_sw(struct dbt_hart *h);

/*
 * After the state was written behind the CSR file's back (set_state):
 * recomputes what is derived from it (counter increments, the timer
 * deadline, translation contexts, decoded code) and looks at interrupts.
 */
void dbt_hart_state_changed(struct dbt_hart *h);

/* Reset values of every CSR for the boot mode in the VM config. */
void dbt_csr_reset(struct dbt_hart *h);

/* mtime as the hart sees it. */
uint64_t dbt_csr_time(const struct dbt_hart *h);

/* mip as software reads it: software bits, lines, and the Sstc timer. */
uint64_t dbt_csr_mip(struct dbt_hart *h);
/* The bits of mip in @mask (cheaper when @mask leaves STIP out). */
uint64_t dbt_csr_mip_masked(struct dbt_hart *h, uint64_t mask);

/* Sstc's stimecmp is what drives STIP (menvcfg.STCE). */
static inline bool dbt_csr_sstc_active(const struct dbt_hart *h)
{
	return h->csr.menvcfg & ENVCFG_STCE;
}

/*
 * Floating-point state is usable: mstatus.FS is not Off, and with V=1
 * vsstatus.FS neither.
 */
static inline bool dbt_csr_fs_on(const struct dbt_hart *h)
{
	return (h->csr.mstatus & MSTATUS_FS) &&
	       (!h->virt || (h->csr.vsstatus & MSTATUS_FS));
}

/* Modifying the state makes FS Dirty, in vsstatus too when V=1. */
static inline void dbt_csr_fs_dirty(struct dbt_hart *h)
{
	h->csr.mstatus |= MSTATUS_FS;
	if (h->virt)
		h->csr.vsstatus |= MSTATUS_FS;
}

/*
 * Vector state is usable: mstatus.VS is not Off, and with V=1
 * vsstatus.VS neither.
 */
static inline bool dbt_csr_vs_on(const struct dbt_hart *h)
{
	return (h->csr.mstatus & MSTATUS_VS) &&
	       (!h->virt || (h->csr.vsstatus & MSTATUS_VS));
}

/* Modifying the vector state makes VS Dirty, in vsstatus too when V=1. */
static inline void dbt_csr_vs_dirty(struct dbt_hart *h)
{
	h->csr.mstatus |= MSTATUS_VS;
	if (h->virt)
		h->csr.vsstatus |= MSTATUS_VS;
}

#endif
