/* SPDX-License-Identifier: MIT */
/*
 * The emulated hart's architectural state. Privilege is (priv, virt):
 * priv is U=0, S=1, M=3 and virt is the H extension's V bit, so HS is
 * (1, false), VS is (1, true) and VU is (0, true). Only the interpreter,
 * the CSR file, the trap code and the MMU touch this structure; the rest
 * of hvrun reaches a hart through accel/accel.h.
 */
#ifndef HVRUN_DBT_HART_H
#define HVRUN_DBT_HART_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "accel/accel.h"
#include "accel/dbt/decode.h"
#include "accel/dbt/mmu.h"
#include "riscv/riscv.h"

#define DBT_PMP_COUNT 16

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
	unsigned nharts;
	struct dbt_hart **harts;
};

/*
 * Decoded-instruction cache: direct-mapped on the virtual pc. An entry is
 * valid when both its pc and its context tag match the hart's current
 * ones; the tag mixes the privilege with a generation that fence.i,
 * satp writes, sfence.vma and PMP writes advance, so a flush is O(1).
 * The lower and upper halves of the address space have generations of
 * their own: no leaf PTE maps across the two (each root PTE lies in one),
 * so an address-specific sfence.vma only ends the half it names, and a
 * user page fault does not cost the kernel its decoded code.
 */
#define DBT_ICACHE_BITS 15
#define DBT_ICACHE_SIZE (1u << DBT_ICACHE_BITS)

struct dbt_icache_entry {
	uint64_t pc;
	uint32_t tag;
	struct rv_insn insn;
};

/* Bits of dbt_hart.events: reasons to leave the fast path. */
enum {
	DBT_EV_KICK = 1 << 0,	    /* leave vcpu_run with ACCEL_EXIT_KICK */
	DBT_EV_IRQ = 1 << 1,	    /* re-evaluate pending interrupts */
	DBT_EV_FENCE_I = 1 << 2,    /* remote fence.i */
	DBT_EV_FENCE_VMA = 1 << 3,  /* remote sfence.vma (all) */
	DBT_EV_FENCE_GVMA = 1 << 4, /* remote hfence.gvma (all) */
};

/* What the previous vcpu_run left for the next one to complete. */
enum dbt_pending_exit {
	DBT_PENDING_NONE,
	DBT_PENDING_SBI,
	DBT_PENDING_HTIF,
};

struct dbt_hart {
	uint64_t x[32];
	uint64_t f[32];
	uint64_t pc;
	unsigned priv;
	bool virt;
	struct dbt_csrs csr;
	struct dbt_mmu mmu;
	struct dbt_exc exc;

	unsigned hartid;
	struct dbt_vm *vm;

	/* LR/SC: the reserved address and the value LR saw. */
	uint64_t resv_addr;
	uint64_t resv_val;
	bool resv_valid;

	/* Lines driven from other threads (ACCEL_IRQ_* bits of mip). */
	_Atomic uint64_t irq_lines;
	/* Edge-triggered mip bits posted by other threads (SSIP). */
	_Atomic uint64_t irq_edges;
	/* Set by vcpu_kick: leave the run loop soon (with DBT_EV_KICK). */
	atomic_bool kick;
	/* DBT_EV_*: checked before every instruction. */
	atomic_uint events;
	/* WFI sleeps on this until an interrupt is pending or a kick. */
	pthread_mutex_t lock;
	pthread_cond_t wake;
	/* True while vcpu_run executes instructions (not asleep in WFI). */
	atomic_bool running;

	/* Set by a store that touched the HTIF tohost word. */
	bool htif_written;

	/* mcycle/minstret increments per retired instruction (0 or 1). */
	uint8_t cycle_inc, instret_inc;
	/* mtime value at which STIP rises (Sstc), UINT64_MAX when none. */
	uint64_t timer_deadline;

	enum dbt_pending_exit pending_exit;

	uint32_t icache_gen;	     /* the last generation handed out */
	uint32_t icache_half_gen[2]; /* lower, upper half of the VA space */
	uint32_t icache_tag[2];	     /* half_gen << 3 | virt << 2 | priv */
	struct dbt_icache_entry icache[DBT_ICACHE_SIZE];
};

/* The privilege changed: select the decoded instructions valid in it. */
static inline void dbt_icache_retag(struct dbt_hart *h)
{
	unsigned mode = (unsigned)h->virt << 2 | h->priv;

	h->icache_tag[0] = h->icache_half_gen[0] << 3 | mode;
	h->icache_tag[1] = h->icache_half_gen[1] << 3 | mode;
}

/* Tags hold 29 bits of generation. */
static inline uint32_t dbt_icache_next_gen(struct dbt_hart *h)
{
	if (++h->icache_gen >= (1u << 29)) {
		/* Wrapped: clear the entries so no old tag matches again. */
		for (unsigned i = 0; i < DBT_ICACHE_SIZE; i++)
			h->icache[i].pc = 1; /* odd: never a pc */
		h->icache_gen = 1;
		h->icache_half_gen[0] = h->icache_half_gen[1] = 0;
	}
	return h->icache_gen;
}

/*
 * Invalidate every decoded instruction (fence.i, a new satp, sfence.vma
 * without an address, PMP changes).
 */
static inline void dbt_icache_flush(struct dbt_hart *h)
{
	uint32_t gen = dbt_icache_next_gen(h);

	h->icache_half_gen[0] = h->icache_half_gen[1] = gen;
	dbt_icache_retag(h);
}

/* Invalidate the decoded instructions of @half (0 lower, 1 upper). */
static inline void dbt_icache_flush_half(struct dbt_hart *h, unsigned half)
{
	uint32_t gen = dbt_icache_next_gen(h);

	h->icache_half_gen[half] = gen;
	dbt_icache_retag(h);
}

/* The current tag of decoded instructions at @pc. */
static inline uint32_t dbt_icache_tag(const struct dbt_hart *h, uint64_t pc)
{
	return h->icache_tag[pc >> 63];
}

#endif
