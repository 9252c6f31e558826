/* SPDX-License-Identifier: MIT */
/*
 * The emulated hart's hardware performance counters: mhpmcounter3..31
 * and their events (privileged ISA "Hardware Performance Monitor",
 * unprivileged "Zihpm"), with Sscofpmf's mode filtering and overflow
 * interrupt (LCOFI, mip bit 13).
 *
 * Events, as mhpmevent[55:0] selects them. The values are the SBI PMU
 * extension's event_idx for the same event (the SBI's "zero-extended
 * event_idx" convention, which OpenSBI's riscv,event-to-mhpmevent
 * bindings and QEMU also use):
 *
 *   0x00001  cycles: the hart's cycle is one a retired instruction
 *   0x00002  instructions retired
 *   0x00005  control transfers retired: branches, jal, jalr
 *   0x10000  loads retired (L1D read accesses): instructions that read
 *            memory, LR and AMOs included
 *   0x10002  stores retired (L1D write accesses): SC and AMOs included
 *   0x10019  data TLB misses of loads: each translation not found in
 *            the hart's TLB (a page-table walk)
 *   0x1001b  data TLB misses of stores and AMOs
 *   0x10021  instruction TLB misses
 *
 * Any other value is no event: the register reads back 0 and the
 * counter keeps its value. Counting is cheap to leave off: the engine
 * calls dbt_pmu_retire() only while some counter counts (hart.pmu_on),
 * and looks at each retired instruction only for the per-instruction
 * kinds (control transfers, loads, stores).
 */
#ifndef HVRUN_DBT_PMU_H
#define HVRUN_DBT_PMU_H

#include <stdint.h>

#include "accel/dbt/cache.h"

struct dbt_hart;
struct dbt_vm;

enum {
	DBT_PMU_NONE,
	DBT_PMU_CYCLES,
	DBT_PMU_INSNS,
	DBT_PMU_BRANCHES,
	DBT_PMU_LOADS,
	DBT_PMU_STORES,
	DBT_PMU_DTLB_LOAD,
	DBT_PMU_DTLB_STORE,
	DBT_PMU_ITLB,
};

/* mhpmevent fields (Sscofpmf). */
#define DBT_PMU_EVENT_MASK ((1ull << 56) - 1)
#define HPMEVENT_OF (1ull << 63)
#define HPMEVENT_MINH (1ull << 62)
#define HPMEVENT_SINH (1ull << 61)
#define HPMEVENT_UINH (1ull << 60)
#define HPMEVENT_VSINH (1ull << 59)
#define HPMEVENT_VUINH (1ull << 58)

/* Fills vm->pmu_op, which dbt_pmu_retire() sums over the ops retired. */
void dbt_pmu_vm_init(struct dbt_vm *vm);

/* The kind (DBT_PMU_*) of an mhpmevent event value, NONE if unknown. */
unsigned dbt_pmu_kind(uint64_t event);

/* The events above, 0-ended in @out (room for @max with the 0). */
void dbt_pmu_events(uint32_t *out, unsigned max);

/* mhpmevent as written (legal fields kept, the rest zero). */
uint64_t dbt_pmu_event_legalize(const struct dbt_hart *h, uint64_t val);

/* After a write to mhpmevent or mcountinhibit, or a state load. */
void dbt_pmu_update(struct dbt_hart *h);

/* @n instructions from @ops on retired (called while h->pmu_on). */
void dbt_pmu_retire(struct dbt_hart *h, const struct dbt_op *ops, uint64_t n);

/*
 * How many more instructions may retire before a counter that counts
 * cycles or instructions overflows with its OF bit clear, raising the
 * overflow interrupt (INT64_MAX: none will soon). Code that retires
 * instructions in batches (the JIT) stops before that many, so that the
 * interrupt comes as soon as it would one block at a time.
 */
int64_t dbt_pmu_budget(const struct dbt_hart *h);

/* One event of @kind happened (the MMU's TLB misses). */
void dbt_pmu_event(struct dbt_hart *h, unsigned kind);

/*
 * A Zicsr instruction wrote counter @i: as for minstret, its own
 * retirement is not counted on top of the value written (and so cannot
 * make it overflow).
 */
void dbt_pmu_written(struct dbt_hart *h, unsigned i);

/* scountovf as the current mode sees it. */
uint64_t dbt_pmu_scountovf(const struct dbt_hart *h);

#endif
