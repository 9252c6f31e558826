/* SPDX-License-Identifier: MIT */
/*
 * Guest memory as one hart sees it: address translation (Bare, Sv39, Sv48,
 * Sv57 and, for V=1, the G-stage Sv39x4/Sv48x4/Sv57x4), PMP, a software
 * TLB tagged by translation regime and ASID/VMID, and the physical access
 * (RAM directly, everything else through the bus).
 *
 * Every access function returns 0, or -1 with hart->exc filled with the
 * exception the spec gives (cause, tval, and for guest-page faults tval2
 * and tinst; gva when tval is a guest virtual address); the caller then
 * takes the trap. exc.tinst is 0 except for the pseudoinstructions of a
 * guest-page fault on a VS-stage page-table access: the caller may put
 * the transformed instruction there for explicit accesses.
 *
 * PTE A/D bits: with menvcfg.ADUE=1 (henvcfg.ADUE=1 for the VS stage) the
 * walker sets them with a compare-and-swap on the PTE (Svadu); with ADUE=0
 * a clear A, or a clear D on a store, is a page fault (Svade).
 *
 * Context: the TLB is looked up with keys that hold everything a cached
 * permission depends on (regime, effective privilege and V, SUM, MXR,
 * vsstatus.MXR, translation modes, ASID, VMID). The keys are recomputed
 * by dbt_mmu_ctx_changed(), which the CSR file and the trap code must call
 * after every CSR write, trap entry and xRET (any change of h->priv,
 * h->virt, mstatus, vsstatus, hstatus, satp, vsatp, hgatp, menvcfg,
 * henvcfg, pmpcfg*, pmpaddr*). It is cheap when nothing changed, and it
 * flushes the TLB by itself when PMP or the PBMTE/ADUE bits change.
 * Writing satp, vsatp or hgatp never needs a flush: the fences below do
 * what the spec asks of SFENCE.VMA and HFENCE.*.
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

#define DBT_TLB_BITS 9
#define DBT_TLB_SIZE (1u << DBT_TLB_BITS)
#define DBT_PAGE_SHIFT 12
#define DBT_PAGE_SIZE (1ull << DBT_PAGE_SHIFT)
#define DBT_PAGE_MASK (~(DBT_PAGE_SIZE - 1))

/*
 * TLB entry tags. A tag is the virtual page address when the access class
 * (read, write, execute) is allowed, with flag bits below that send the
 * access to the slow path; DBT_TLB_NONE when the class is not allowed.
 * A fast-path hit for an access of SIZE bytes at VA is
 *   (va & (DBT_PAGE_MASK | (SIZE - 1))) == tag
 *   && (entry.key == mmu.dkey || entry.key == mmu.dgkey)
 * (fkey/fgkey for fetches), which also sends misaligned accesses to the
 * slow path; the host address is then entry.addend + va.
 */
#define DBT_TLB_NONE (~(uint64_t)0)
#define DBT_TLB_PMP (1u << 11) /* PMP must be checked per access */
#define DBT_TLB_IO (1u << 10)  /* not RAM: goes to the bus */
#define DBT_TLB_HTIF (1u << 9) /* holds the HTIF tohost word (stores) */

struct dbt_tlb_entry {
	uint64_t tag_r;
	uint64_t tag_w;
	uint64_t tag_x;
	uint64_t key;	  /* context the entry was filled in; ~0 if free */
	uintptr_t addend; /* host address minus virtual address (RAM) */
	uint64_t vpage;	  /* virtual page address */
	uint64_t pa;	  /* physical page address */
	uint8_t shift;	  /* log2 of the (first-stage) leaf page size */
};

/* What a translation context is: computed by dbt_mmu_ctx_changed(). */
struct dbt_mmu_ctx {
	uint8_t priv;	/* effective privilege: PRV_U, PRV_S or PRV_M */
	bool virt;	/* two-stage translation (V=1) */
	uint8_t regime; /* 0 no translation, 1 satp, 2 vsatp + hgatp */
	bool sum;	/* SUM that applies to the first stage */
	bool mxr;	/* mstatus.MXR (HS level) */
	bool vmxr;	/* vsstatus.MXR */
	bool cache;	/* translations may be kept in the TLB */
	uint64_t key;	/* key of non-global entries */
	uint64_t gkey;	/* key of global entries */
};

struct dbt_mmu {
	/* Keys for fetches and for loads/stores (MPRV applied). */
	uint64_t fkey, fgkey;
	uint64_t dkey, dgkey;
	struct dbt_mmu_ctx fctx, dctx;
	/*
	 * Virtual range that holds every superpage some entry maps part of
	 * (empty when super_lo > super_hi): a fence on an address in it must
	 * scan the whole TLB, elsewhere it looks at one slot.
	 */
	uint64_t super_lo, super_hi;
	/* What the cached entries were checked against. */
	uint8_t pmpcfg[16];
	uint64_t pmpaddr[16];
	uint64_t envcfg;
	struct dbt_tlb_entry tlb[DBT_TLB_SIZE];
};

/* Once, when the hart is created (after its CSRs are set). */
void dbt_mmu_init(struct dbt_hart *h);
/* After any CSR write, trap entry or xRET: see the comment above. */
void dbt_mmu_ctx_changed(struct dbt_hart *h);

/*
 * Fetches the instruction at @pc: 16 bits (zero-extended) if its low two
 * bits are not 11, else 32 bits; the second parcel is fetched only then,
 * and a fault on it reports tval = pc + 2.
 */
int dbt_mmu_fetch(struct dbt_hart *h, uint64_t pc, uint32_t *raw);
/*
 * @size is 1, 2, 4 or 8; loads give the value zero-extended. Misaligned
 * accesses to RAM are split (a store is done only once every part has
 * been translated and checked); misaligned accesses to a device are an
 * access fault.
 */
int dbt_mmu_load(struct dbt_hart *h, uint64_t va, unsigned size, uint64_t *val,
		 unsigned flags);
int dbt_mmu_store(struct dbt_hart *h, uint64_t va, unsigned size, uint64_t val,
		  unsigned flags);
/*
 * For AMOs, LR and SC: translate @va for a store (faults as store/AMO),
 * or for a load when @is_load (LR); requires natural alignment (else
 * cause 6, or 4 for LR) and RAM (else an access fault); gives the host
 * pointer into guest RAM. A store sets the D bit (Svade: faults if clear)
 * and, if the word is the HTIF tohost one, sets h->htif_written.
 */
int dbt_mmu_amo_ptr(struct dbt_hart *h, uint64_t va, unsigned size,
		    bool is_load, void **host);

/*
 * For CBO.CLEAN/FLUSH/INVAL: the @len-byte block at @va (aligned by the
 * caller) may be accessed when a load or a store may access it; if
 * neither may, the exception is the store's (page fault 15, guest-page
 * fault 23, access fault 7), as Zicbom says.
 */
int dbt_mmu_cbo(struct dbt_hart *h, uint64_t va, unsigned len);

/* SFENCE.VMA / HFENCE semantics; va_valid/asid_valid as rs1!=0/rs2!=0. */
void dbt_mmu_flush_all(struct dbt_hart *h);
/* Applies to the VS stage when h->virt is set, as the spec says. */
void dbt_mmu_sfence(struct dbt_hart *h, bool va_valid, uint64_t va,
		    bool asid_valid, uint64_t asid);
void dbt_mmu_hfence_vvma(struct dbt_hart *h, bool va_valid, uint64_t va,
			 bool asid_valid, uint64_t asid);
/* @gpa is rs1's value, i.e. the guest-physical address shifted right 2. */
void dbt_mmu_hfence_gvma(struct dbt_hart *h, bool gpa_valid, uint64_t gpa,
			 bool vmid_valid, uint64_t vmid);

#endif
