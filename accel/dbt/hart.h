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
#include "accel/dbt/mmu.h"

enum { PRV_U = 0, PRV_S = 1, PRV_M = 3 };

#define DBT_PMP_COUNT 16

struct dbt_csrs {
	/* Machine */
	uint64_t mstatus; /* also holds the sstatus view */
	uint64_t misa;
	uint64_t medeleg, mideleg;
	uint64_t mie;
	uint64_t mip; /* software-writable bits; hardware lines are in hart->irq_lines */
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
	bool gva;       /* tval holds a guest virtual address */
};

/* The DBT's half of a VM: what every hart shares. */
struct dbt_vm {
	struct accel_vm_config cfg; /* mem, bus, HTIF words, clock origin */
	unsigned nharts;
	struct dbt_hart **harts;
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
	/* Set by vcpu_kick or an interrupt: leave the run loop soon. */
	atomic_bool kick;
	/* WFI sleeps on this until an interrupt is pending or a kick. */
	pthread_mutex_t lock;
	pthread_cond_t wake;

	/* Set by a store that touched the HTIF tohost word. */
	bool htif_written;
};

#endif
