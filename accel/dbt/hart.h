/* SPDX-License-Identifier: MIT */
/*
 * The emulated hart's architectural state. Privilege is (priv, virt):
 * priv is U=0, S=1, M=3 and virt is the H extension's V bit, so HS is
 * (1, false), VS is (1, true) and VU is (0, true). Only the execution
 * engine, the CSR file, the trap code and the MMU touch this structure;
 * the rest of hvrun reaches a hart through accel/accel.h.
 *
 * Layout: the fields the run loop touches for every block come first and
 * share a cache line; the fields other threads write (events, interrupt
 * lines, kicks) sit on a line of their own, so a device raising a line
 * does not steal the running hart's hot line.
 */
#ifndef HVRUN_DBT_HART_H
#define HVRUN_DBT_HART_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "accel/accel.h"
#include "accel/dbt/cache.h"
#include "accel/dbt/decode.h"
#include "accel/dbt/mmu.h"
#include "accel/dbt/window.h"
#include "base/timer.h"
#include "riscv/riscv.h"

#define DBT_PMP_COUNT 16

/* The widest vector registers a hart may have: VLEN = 1024 bits. */
#define DBT_VLENB_MAX 128
#define DBT_VLENB_DEFAULT 16

struct dbt_csrs {
	/* Machine */
	uint64_t mstatus; /* also holds the sstatus view; SD is computed */
	uint64_t misa;
	uint64_t medeleg, mideleg;
	uint64_t mie;
	/* Software-writable bits; hardware lines are in hart->irq_lines. */
	uint64_t mip;
	uint64_t mtvec, mscratch, mepc, mcause, mtval, mtval2, mtinst;
	uint64_t mcounteren, mcountinhibit, menvcfg, mseccfg;
	uint64_t mcycle, minstret;
	uint8_t pmpcfg[DBT_PMP_COUNT];
	uint64_t pmpaddr[DBT_PMP_COUNT];
	/* Supervisor */
	uint64_t stvec, sscratch, sepc, scause, stval;
	uint64_t scounteren, senvcfg, satp;
	uint64_t stimecmp;
	/* Hypervisor and virtual supervisor (H extension) */
	uint64_t hstatus, hedeleg, hideleg, hvip, hcounteren, hgeie;
	uint64_t htval, htinst, hgatp, henvcfg, htimedelta;
	uint64_t vsstatus, vstvec, vsscratch, vsepc, vscause, vstval, vsatp;
	uint64_t vstimecmp;
	/* Floating point: frm in bits 7:5, fflags in 4:0 */
	uint32_t fcsr;
	/* Vector: vtype as vset{i}vl{i} left it (vill in bit 63) */
	uint64_t vstart, vl, vtype;
	uint8_t vxrm, vxsat;
	/* Zihpm, Sscofpmf: entries 3..31 (pmu.h) */
	uint64_t mhpmcounter[32], mhpmevent[32];
	/* Smstateen, Ssstateen (sstateen0..3 are read-only zero) */
	uint64_t mstateen[4], hstateen[4];
};

/* An exception being raised: filled by whoever detects it. */
struct dbt_exc {
	uint64_t cause;
	uint64_t tval;
	uint64_t tval2; /* guest-physical address >> 2, for guest-page faults */
	uint64_t tinst;
	bool gva; /* tval holds a guest virtual address */
};

/* The DBT's half of a VM: what every hart shares. */
struct dbt_vm {
	struct accel_vm_config cfg; /* mem, bus, HTIF words, clock origin */
	/* The extensions the harts have (cfg.isa, or the default). */
	struct accel_isa isa;
	uint64_t decode_ext; /* accel_isa_decode(&isa) */
	/* What each op counts for the hpm events (dbt_pmu_vm_init()). */
	uint32_t pmu_op[RV_OP_COUNT];
	unsigned nharts;
	struct dbt_hart **harts;
	unsigned vlenb; /* VLEN / 8 of every hart */
	/*
	 * Code-page markings so far, and per guest page the one that made
	 * it a code page (0 while a marking is under way); see cache.h.
	 */
	_Atomic uint64_t mark_epoch;
	_Atomic uint64_t *page_epoch;
	/* Timers when the machine gave none (cfg.timers). */
	struct timer_service own_timers;
	bool own_timers_ok;
	/* Harts translate their code (jit/jit.h); else they interpret it. */
	bool jit;
};

/* Bits of dbt_hart.events: reasons to leave the fast path. */
enum {
	DBT_EV_KICK = 1 << 0,	    /* leave vcpu_run with ACCEL_EXIT_KICK */
	DBT_EV_IRQ = 1 << 1,	    /* re-evaluate pending interrupts */
	DBT_EV_FENCE_I = 1 << 2,    /* remote fence.i */
	DBT_EV_FENCE_VMA = 1 << 3,  /* remote sfence.vma (all) */
	DBT_EV_FENCE_GVMA = 1 << 4, /* remote hfence.gvma (all) */
	/* Another hart marked a page as code: acknowledge at a boundary. */
	DBT_EV_SYNC = 1 << 5,
};

/* What the previous vcpu_run left for the next one to complete. */
enum dbt_pending_exit {
	DBT_PENDING_NONE,
	DBT_PENDING_SBI,
	DBT_PENDING_HTIF,
};

struct dbt_hart {
	/* ---- hot: read by every block ---- */
	uint64_t pc;
	/* The TLBs of the current fetch and data contexts (see mmu.h). */
	struct dbt_tlb_entry *itlb;
	struct dbt_tlb_entry *dtlb;
	struct dbt_cache *cache;      /* decoded blocks */
	const _Atomic uint32_t *pgen; /* guest memory's page generations */
	/*
	 * Translated code leaves when it has retired this many instructions
	 * since it last brought the counters up to date (an hpm counter is
	 * about to overflow, pmu.h), and at once when it is INT64_MIN: the
	 * value every poster of an event stores after posting it, so that
	 * one compare looks at both (jit/translate.c).
	 */
	_Atomic int64_t jit_budget;
	uint8_t priv;
	bool virt;
	/* mcycle/minstret increments per retired instruction (0 or 1). */
	uint8_t cycle_inc, instret_inc;
	/* Some hpm counter counts an event (pmu.h). */
	bool pmu_on;
	/*
	 * Set by whatever changes the context a block was entered in
	 * (privilege, translation, interrupt enables): the block in flight
	 * ends after the current instruction.
	 */
	bool stop_block;
	/* Set by a store that touched the HTIF tohost word. */
	bool htif_written;
	bool tracing; /* --trace: one instruction a block, traced */
	/* Tracing or debugging: one instruction a block, no chaining. */
	bool stepping;

	/* x[32] takes writes to x0, which the engine routes there. */
	uint64_t x[33];
	uint64_t f[32];
	/* User accesses through the host's MMU (window.h). */
	struct dbt_win win;
	struct dbt_csrs csr;
	struct dbt_exc exc;

	unsigned hartid;
	struct dbt_vm *vm;

	/* LR/SC: the reserved address and the value LR saw. */
	uint64_t resv_addr;
	uint64_t resv_val;
	bool resv_valid;

	enum dbt_pending_exit pending_exit;

	/* What the hpm counters count, from mhpmevent and mcountinhibit. */
	struct {
		uint32_t counting; /* counters 3..31 with an event */
		uint32_t per_insn; /* ... that look at each instruction */
		uint32_t skip;	   /* not to count the next retirement */
		uint8_t kind[32];  /* DBT_PMU_* of each counter */
	} pmu;

	/* Debugging (accel_ops.set_debug) and what stopped the hart. */
	struct accel_debug debug;
	bool debug_on;
	enum { DBT_HIT_NONE, DBT_HIT_BREAK, DBT_HIT_STEP, DBT_HIT_WATCH } hit;
	uint64_t hit_addr;

	/* Sstc: the host timers that raise STIP and VSTIP on time. */
	struct timer stimer, vstimer;
	struct dbt_cache cachemem;
	/* A block for one instruction fetched through the MMU each time. */
	struct dbt_block *step;
	/* The translator's state (jit/jit.h); NULL when it is off. */
	struct dbt_jit *jit;

	/* ---- written by other threads ---- */
	_Alignas(64) atomic_uint events; /* DBT_EV_*: checked between blocks */
	/* Lines driven from other threads (ACCEL_IRQ_* bits of mip). */
	_Atomic uint64_t irq_lines;
	/* Edge-triggered mip bits posted by other threads (SSIP). */
	_Atomic uint64_t irq_edges;
	/* True while vcpu_run executes instructions (not asleep in WFI). */
	atomic_bool running;
	/* The mark_epoch this hart saw last at a block boundary. */
	_Atomic uint64_t ack_epoch;
	/* WFI sleeps on this until an interrupt is pending or a kick. */
	pthread_mutex_t lock;
	pthread_cond_t wake;

	/* ---- translation: the TLB sets (mmu.c) ---- */
	_Alignas(64) struct dbt_mmu mmu;

	/*
	 * ---- the vector registers: v0..v31, vlenb bytes each and
	 * contiguous, so a register group is one array of elements ----
	 */
	unsigned vlenb;
	_Alignas(64) uint8_t vreg[32 * DBT_VLENB_MAX];
};

/* Whether the VM's harts have extension @ext (ACCEL_EXT_*). */
static inline bool dbt_has(const struct dbt_hart *h, unsigned ext)
{
	return accel_isa_has(&h->vm->isa, ext);
}

/* Ask the hart to re-evaluate its pending interrupts before going on. */
static inline void dbt_hart_irq_recheck(struct dbt_hart *h)
{
	atomic_fetch_or_explicit(&h->events, DBT_EV_IRQ, memory_order_relaxed);
	atomic_store_explicit(&h->jit_budget, INT64_MIN, memory_order_relaxed);
}

/* Any thread: post @ev to @h and wake it if it sleeps. */
void dbt_hart_post(struct dbt_hart *h, unsigned ev);

#endif
