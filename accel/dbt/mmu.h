/* SPDX-License-Identifier: MIT */
/*
 * Guest memory as one hart sees it: address translation (Bare, Sv39, Sv48,
 * Sv57 and, for V=1, the G-stage Sv39x4/Sv48x4/Sv57x4), PMP, a software
 * TLB, and the physical access (RAM directly, everything else through the
 * bus).
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
 * The TLB. A hit is one compare and one add:
 *
 *   e = &tlb[(va >> 12) % DBT_TLB_SIZE];
 *   if ((va & (DBT_PAGE_MASK | (size - 1))) == e->tag_r)
 *           value = *(host type *)(e->addend + va);
 *
 * tag_r/tag_w/tag_x hold the virtual page when that class of access is
 * allowed, with flag bits below it that send the access to the slow path
 * (so do misaligned addresses), or DBT_TLB_NONE. Everything a cached
 * permission depends on is in which array is looked at, not in the
 * entry: the hart keeps sets of arrays, one set per translation context
 * (M-mode; the HS regime with a satp mode and ASID; the VS regime with a
 * vsatp mode and ASID, an hgatp mode and VMID), and in each set one array
 * per access mode (S, S with SUM, U). Switching privilege, SUM, MPRV, V,
 * satp, vsatp or hgatp only points hart->itlb and hart->dtlb elsewhere;
 * a few recently used contexts keep their entries, so a context switch
 * costs no flush. MXR is not part of the context: entries hold the
 * permissions without it, and a load that MXR alone allows takes the
 * slow path. Entries also record PMP decisions, so a PMP or
 * menvcfg/henvcfg PBMTE/ADUE change flushes every set.
 *
 * dbt_mmu_update() recomputes the contexts; the CSR file and the trap
 * code call it after every CSR write, trap entry and xRET.
 *
 * Pointer masking (Smmpm, Smnpm, Ssnpm: the PMM fields) is applied by the
 * slow paths, before translation, to the effective address of explicit
 * loads, stores, AMOs, HLV/HSV and cache-block operations; never to
 * fetches or page-table walks. The fast path needs no change: a context
 * with masking has TLB sets of its own (its configuration is part of the
 * set key; M-mode's one set is flushed when it changes), filled only with
 * masked addresses, so an address whose masked form differs from it can
 * never hit and takes the slow path, which masks it. Tagged pointers
 * therefore cost a slow-path access each, and untagged ones nothing.
 */
#ifndef HVRUN_DBT_MMU_H
#define HVRUN_DBT_MMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct dbt_hart;

/* Flags for dbt_mmu_load/store. */
enum {
	DBT_MMU_HLV = 1 << 0,  /* HLV/HSV: as V=1 at hstatus.SPVP privilege */
	DBT_MMU_HLVX = 1 << 1, /* HLVX: needs execute, not read, permission */
	DBT_MMU_LR = 1 << 2,   /* LR: misaligned is an exception, not split */
};

#define DBT_TLB_BITS 11
#define DBT_TLB_SIZE (1u << DBT_TLB_BITS)
#define DBT_PAGE_SHIFT 12
#define DBT_PAGE_SIZE (1ull << DBT_PAGE_SHIFT)
#define DBT_PAGE_MASK (~(DBT_PAGE_SIZE - 1))

/* Tag values and flags (see above). */
#define DBT_TLB_NONE (~(uint64_t)0)
#define DBT_TLB_PMP (1u << 11)	/* PMP must be checked per access */
#define DBT_TLB_IO (1u << 10)	/* not RAM: goes to the bus */
#define DBT_TLB_HTIF (1u << 9)	/* holds the HTIF tohost word (stores) */
#define DBT_TLB_WATCH (1u << 8) /* stores must be seen: code, dirty log */

struct dbt_tlb_entry {
	uint64_t tag_r;
	uint64_t tag_w;
	uint64_t tag_x;
	uintptr_t addend; /* host address minus virtual address (RAM) */
};

/* What fences and code protection need to know of an entry. */
struct dbt_tlb_info {
	uint64_t vpage; /* virtual page address */
	uint64_t pa;	/* physical page address */
	uint8_t shift;	/* log2 of the (first-stage) leaf page size */
	bool global;
};

/* Access modes within a set. */
enum {
	DBT_TLB_MODE_S,
	DBT_TLB_MODE_S_SUM,
	DBT_TLB_MODE_U,
	DBT_TLB_MODES,
};

/* Set 0 is M-mode's; then the HS regime's sets, then the VS regime's. */
#define DBT_TLB_HS_SETS 4
#define DBT_TLB_VS_SETS 4
#define DBT_TLB_SETS (1 + DBT_TLB_HS_SETS + DBT_TLB_VS_SETS)

struct dbt_tlb_set {
	struct dbt_tlb_entry e[DBT_TLB_MODES][DBT_TLB_SIZE];
	struct dbt_tlb_info info[DBT_TLB_MODES][DBT_TLB_SIZE];
	uint64_t key;	/* the context it holds; 0 when free */
	uint64_t stamp; /* when it was last chosen, for replacement */
	/*
	 * Virtual range holding every superpage some entry maps part of
	 * (empty when super_lo > super_hi): a fence on an address in it
	 * scans the whole set; elsewhere it looks at one slot a mode.
	 */
	uint64_t super_lo, super_hi;
};

/* A translation context, as dbt_mmu_update() computes it. */
struct dbt_mmu_ctx {
	uint8_t priv;	/* effective privilege: PRV_U, PRV_S or PRV_M */
	bool virt;	/* two-stage translation (V=1) */
	uint8_t regime; /* 0 M-mode, 1 satp, 2 vsatp + hgatp */
	bool sum;	/* SUM that applies to the first stage */
	bool mxr;	/* mstatus.MXR (HS level) */
	bool vmxr;	/* vsstatus.MXR */
	bool cache;	/* translations may be kept in the TLB */
	/*
	 * Pointer masking of explicit accesses: the top @pmlen bits become
	 * copies of the next one (@pm_virt: a virtual address) or zeros.
	 */
	uint8_t pmlen;
	bool pm_virt;
	struct dbt_tlb_set *set;
	unsigned mode; /* DBT_TLB_MODE_* */
};

struct dbt_mmu {
	struct dbt_mmu_ctx fctx, dctx; /* fetches; loads and stores */
	uint64_t clock;		       /* stamps for set replacement */
	/* What the cached entries were checked against. */
	uint8_t pmpcfg[16];
	uint64_t pmpaddr[16];
	uint64_t envcfg;
	uint64_t m_pm; /* the pointer masking M-mode's set was filled with */
	struct dbt_tlb_set sets[DBT_TLB_SETS];
};

/* Once, when the hart is created (after its CSRs are set). */
void dbt_mmu_init(struct dbt_hart *h);
/* After any CSR write, trap entry or xRET: see the comment above. */
void dbt_mmu_update(struct dbt_hart *h);

/*
 * Fetches the instruction at @pc: 16 bits (zero-extended) if its low two
 * bits are not 11, else 32 bits; the second parcel is fetched only then,
 * and a fault on it reports tval = pc + 2.
 */
int dbt_mmu_fetch(struct dbt_hart *h, uint64_t pc, uint32_t *raw);
/*
 * Where the code at @pc is: the host address of its RAM (fetch permission
 * checked for the 2 bytes at @pc), or NULL with 0 returned when it is not
 * RAM or needs a check per access (the caller then fetches instruction by
 * instruction with dbt_mmu_fetch). -1 with h->exc set on a fault.
 */
int dbt_mmu_code(struct dbt_hart *h, uint64_t pc, const uint8_t **host);
/*
 * @size is 1, 2, 4 or 8; loads give the value zero-extended. Misaligned
 * accesses to RAM are split (a store is done only once every part has
 * been translated and checked); misaligned accesses to a device are an
 * access fault.
 */
int dbt_mmu_load_slow(struct dbt_hart *h, uint64_t va, unsigned size,
		      uint64_t *val, unsigned flags);
int dbt_mmu_store_slow(struct dbt_hart *h, uint64_t va, unsigned size,
		       uint64_t val, unsigned flags);
int dbt_mmu_load(struct dbt_hart *h, uint64_t va, unsigned size, uint64_t *val,
		 unsigned flags);
int dbt_mmu_store(struct dbt_hart *h, uint64_t va, unsigned size, uint64_t val,
		  unsigned flags);
/*
 * For AMOs, LR and SC: translate @va for a store (faults as store/AMO),
 * or for a load when @is_load (LR); requires natural alignment (else
 * cause 6, or 4 for LR) and RAM (else an access fault); gives the host
 * pointer into guest RAM. A store sets the D bit (Svade: faults if clear),
 * ends the code decoded from the page and, if the word is the HTIF tohost
 * one, sets h->htif_written.
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

/* @va as pointer masking makes it for an explicit access (a tval). */
uint64_t dbt_mmu_pm(const struct dbt_hart *h, uint64_t va);

/*
 * For the window (window.h): translates @va for a load or, with @write, a
 * store in the current data context, as the slow path would but raising
 * nothing, and fills the TLB. The host address of its page when the page
 * is RAM that loads may read without a look (*writable: stores too;
 * *pa: its physical address; *shift: log2 of its leaf's size), else NULL.
 */
void *dbt_mmu_win_page(struct dbt_hart *h, uint64_t va, bool write,
		       bool *writable, uint64_t *pa, unsigned *shift);

/* Drops every cached translation of every context. */
void dbt_mmu_flush_all(struct dbt_hart *h);
/* SFENCE.VMA / HFENCE semantics; va_valid/asid_valid as rs1!=0/rs2!=0. */
/* Applies to the VS stage when h->virt is set, as the spec says. */
void dbt_mmu_sfence(struct dbt_hart *h, bool va_valid, uint64_t va,
		    bool asid_valid, uint64_t asid);
void dbt_mmu_hfence_vvma(struct dbt_hart *h, bool va_valid, uint64_t va,
			 bool asid_valid, uint64_t asid);
/* @gpa is rs1's value, i.e. the guest-physical address shifted right 2. */
void dbt_mmu_hfence_gvma(struct dbt_hart *h, bool gpa_valid, uint64_t gpa,
			 bool vmid_valid, uint64_t vmid);

/*
 * Any thread: makes stores through @h's TLB to the RAM page at physical
 * address @pa take the slow path (the page now holds code, or is logged).
 */
void dbt_mmu_watch_page(struct dbt_hart *h, uint64_t pa);
/* Any thread, @h paused or at a boundary: every store takes a look again. */
void dbt_mmu_watch_all(struct dbt_hart *h);

/*
 * A debugger's access to [va, va + len) as the hart's loads and stores
 * see memory: no permission or PMP check, no A/D update, no trap; RAM
 * only. 0 or -EFAULT.
 */
int dbt_mmu_debug_access(struct dbt_hart *h, uint64_t va, void *buf, size_t len,
			 bool write);

#endif
