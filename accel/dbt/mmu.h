/* SPDX-License-Identifier: MIT */
/*
 * Guest memory as one hart sees it: address translation (Bare, Sv39, Sv48,
 * Sv57 and, for V=1, the G-stage Sv39x4/Sv48x4/Sv57x4), PMP, a software
 * TLB tagged by translation regime and ASID/VMID, and the physical access
 * (RAM directly, everything else through the bus).
 *
 * Every access function returns 0, or -1 with hart->exc filled with the
 * exception the spec gives (cause, tval, and for guest-page faults tval2
 * and tinst); the caller then takes the trap.
 */
#ifndef HVRUN_DBT_MMU_H
#define HVRUN_DBT_MMU_H

#include <stdbool.h>
#include <stdint.h>

struct dbt_hart;

/* Flags for dbt_mmu_load/store. */
enum {
	DBT_MMU_HLV = 1 << 0,  /* HLV/HSV: as V=1 at hstatus.SPVP privilege */
	DBT_MMU_HLVX = 1 << 1, /* HLVX: needs execute, not read, permission */
	DBT_MMU_LR = 1 << 2,   /* LR: misaligned is an exception, not split */
};

#define DBT_TLB_SIZE 256

struct dbt_tlb_entry {
	uint64_t vpn_tag;  /* virtual page number | regime tag; ~0 if invalid */
	uint64_t ppn;      /* physical page number */
	uint8_t perm;      /* R/W/X/U as allowed for this regime */
	uint8_t flags;
	uint16_t asid;
	uint16_t vmid;
	uint8_t level;     /* leaf level, for superpage flushes */
};

struct dbt_mmu {
	struct dbt_tlb_entry tlb[DBT_TLB_SIZE];
};

void dbt_mmu_init(struct dbt_hart *h);

int dbt_mmu_fetch(struct dbt_hart *h, uint64_t pc, uint32_t *raw);
int dbt_mmu_load(struct dbt_hart *h, uint64_t va, unsigned size,
		 uint64_t *val, unsigned flags);
int dbt_mmu_store(struct dbt_hart *h, uint64_t va, unsigned size,
		  uint64_t val, unsigned flags);
/*
 * For AMOs, LR and SC: translate @va for a store (faults as store/AMO),
 * requires natural alignment and RAM; gives the host pointer.
 */
int dbt_mmu_amo_ptr(struct dbt_hart *h, uint64_t va, unsigned size,
		    bool is_load, void **host);

/* SFENCE.VMA / HFENCE semantics; va_valid/asid_valid as rs1!=0/rs2!=0. */
void dbt_mmu_flush_all(struct dbt_hart *h);
void dbt_mmu_sfence(struct dbt_hart *h, bool va_valid, uint64_t va,
		    bool asid_valid, uint64_t asid);
void dbt_mmu_hfence_vvma(struct dbt_hart *h, bool va_valid, uint64_t va,
			 bool asid_valid, uint64_t asid);
void dbt_mmu_hfence_gvma(struct dbt_hart *h, bool gpa_valid, uint64_t gpa,
			 bool vmid_valid, uint64_t vmid);

#endif
