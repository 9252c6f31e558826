// SPDX-License-Identifier: MIT
/*
 * The hart's view of memory. Implements, from the RISC-V privileged ISA:
 * supervisor.adoc "Virtual Address Translation Process" (Sv39/Sv48/Sv57),
 * "Supervisor Memory-Management Fence Instruction"; machine.adoc "Memory
 * Privilege in mstatus" (MPRV, MXR, SUM), "Physical Memory Protection";
 * hypervisor.adoc "Two-Stage Address Translation", "Guest-Page Faults",
 * "Hypervisor Virtual-Machine Load and Store Instructions", "Hypervisor
 * Memory-Management Fence Instructions" and the mtinst pseudoinstructions;
 * svnapot.adoc (64 KiB NAPOT), svpbmt.adoc, svadu.adoc; and the ISA
 * manual's "Pointer Masking Extensions" (Smmpm, Smnpm, Ssnpm).
 */
#include "accel/dbt/mmu.h"

#include <errno.h>
#include <string.h>

#include "accel/dbt/hart.h"
#include "accel/dbt/pmu.h"
#include "accel/dbt/window.h"
#include "base/guestmem.h"
#include "devices/bus.h"
#include "riscv/riscv.h"

enum { ACC_FETCH, ACC_LOAD, ACC_STORE };

/*
 * Access classes a translation allows. PROT_R: read; PROT_RM: read when
 * MXR is set (readable or executable); PROT_XL: HLVX (execute, as data).
 */
enum { PROT_R = 1, PROT_W = 2, PROT_X = 4, PROT_XL = 8, PROT_RM = 16 };
#define PROT_ALL (PROT_R | PROT_W | PROT_X | PROT_XL | PROT_RM)

enum { REGIME_M, REGIME_HS, REGIME_VS };

/*
 * Set keys: bits 2:0 the regime (1 M, 2 HS without translation, 3 HS
 * with, 4 VS), 7:4 the first-stage mode, 11:8 the G-stage mode, 29:16
 * the VMID, 47:32 the ASID. 0 is a free set.
 */
#define KEY_M 1ull
#define KEY_HS_BARE 2ull
#define KEY_HS 3ull
#define KEY_VS 4ull
#define KEY_PM_SHIFT 12 /* bits 14:12: pointer masking of a data context */
#define KEY_REGIME(k) ((k)&7)
#define KEY_VMID(k) (((k) >> 16) & 0x3fff)
#define KEY_ASID(k) (((k) >> 32) & 0xffff)

enum fault_kind { FAULT_PAGE, FAULT_ACCESS, FAULT_GUEST };

struct fault {
	enum fault_kind kind;
	uint64_t gpa;  /* guest-physical address, for guest-page faults */
	bool implicit; /* on a VS-stage page-table access */
	bool write;    /* ... that was an A/D update */
};

/* One stage of translation. */
struct stage {
	uint64_t root; /* address of the root table (a GPA for the VS stage) */
	unsigned levels;
	unsigned widen; /* 2 for the x4 G-stage modes */
	bool gstage;	/* faults are guest-page faults */
	bool user;	/* the access is a U-mode one for the U bit */
	bool sum;
	bool mxr; /* loads may read executable pages */
	bool pbmte, adue;
	bool peek; /* a debugger's look: no permission check, no A/D update */
};

struct leaf {
	uint64_t pa;
	unsigned prot;
	unsigned shift;
	bool global;
};

/* Where one part of an access lands. */
struct target {
	uint64_t pa;
	void *host; /* NULL when not RAM */
};

static unsigned mode_levels(unsigned mode)
{
	switch (mode) {
	case ATP_MODE_SV39:
		return 3;
	case ATP_MODE_SV48:
		return 4;
	case ATP_MODE_SV57:
		return 5;
	default:
		return 0;
	}
}

static const struct guestmem *mem_of(const struct dbt_hart *h)
{
	return h->vm->cfg.mem;
}

/*
 * Guest RAM at @p was written through a translation: code decoded from
 * it is stale, and a logged page is dirty.
 */
static void note_write(struct dbt_hart *h, const void *p, unsigned len)
{
	const struct guestmem *m = mem_of(h);
	uint64_t first = guestmem_page_of(m, p);
	uint64_t last = guestmem_page_of(m, (const uint8_t *)p + len - 1);

	for (uint64_t pg = first; pg <= last; pg++) {
		if (guestmem_page_has_code(m, pg))
			guestmem_code_written(m, pg);
		if (atomic_load_explicit(&m->logging, memory_order_relaxed))
			guestmem_mark_dirty(m, pg);
	}
}

/* ---- PMP ---------------------------------------------------------- */

#define PMP_MODE(cfg) (((cfg) >> PMP_A_SHIFT) & 3)
enum { PMP_OFF, PMP_TOR, PMP_NA4, PMP_NAPOT };

/*
 * Whether an access of @len bytes at @pa needing @perm (PMP_* bits) is
 * allowed at @priv. The lowest-numbered entry that matches any byte
 * decides, and it must match every byte.
 */
static bool pmp_ok(const struct dbt_hart *h, uint64_t pa, uint64_t len,
		   unsigned perm, unsigned priv)
{
	const struct dbt_csrs *r = &h->csr;
	uint64_t last = pa + len - 1;
	unsigned i;

	if (last < pa)
		return false;
	for (i = 0; i < DBT_PMP_COUNT; i++) {
		uint8_t cfg = r->pmpcfg[i];
		uint64_t addr = r->pmpaddr[i] & PMPADDR_MASK;
		uint64_t lo, hi; /* inclusive */

		switch (PMP_MODE(cfg)) {
		case PMP_OFF:
			continue;
		case PMP_TOR:
			lo = i ? (r->pmpaddr[i - 1] & PMPADDR_MASK) << 2 : 0;
			if ((addr << 2) <= lo)
				continue;
			hi = (addr << 2) - 1;
			break;
		case PMP_NA4:
			lo = addr << 2;
			hi = lo + 3;
			break;
		default: {
			unsigned t = __builtin_ctzll(~addr); /* trailing ones */

			if (t >= 54) {
				lo = 0;
				hi = ~0ull;
			} else {
				lo = (addr & ~((1ull << t) - 1)) << 2;
				hi = lo + (8ull << t) - 1;
			}
			break;
		}
		}
		if (last < lo || pa > hi)
			continue;
		if (pa < lo || last > hi)
			return false;
		if (priv == PRV_M && !(cfg & PMP_L))
			return true;
		return (cfg & perm) == perm;
	}
	return priv == PRV_M;
}

/* ---- TLB sets and contexts ----------------------------------------- */

static void set_flush(struct dbt_hart *h, struct dbt_tlb_set *s)
{
	dbt_win_set_flushed(h, s, false);
	memset(s->e, 0xff, sizeof(s->e));
	memset(s->info, 0xff, sizeof(s->info));
	s->super_lo = ~0ull;
	s->super_hi = 0;
}

static uint64_t hs_key(uint64_t satp)
{
	if (!mode_levels(ATP_MODE(satp)))
		return KEY_HS_BARE;
	return KEY_HS | (uint64_t)ATP_MODE(satp) << 4 | ATP_ASID(satp) << 32;
}

static uint64_t vs_key(uint64_t vsatp, uint64_t hgatp)
{
	uint64_t k = KEY_VS | (uint64_t)(ATP_MODE(hgatp) & 0xf) << 8 |
		     HGATP_VMID(hgatp) << 16;

	if (mode_levels(ATP_MODE(vsatp)))
		k |= (uint64_t)ATP_MODE(vsatp) << 4 | ATP_ASID(vsatp) << 32;
	return k;
}

/*
 * The set holding context @key among sets [first, first + n): the one
 * that has it, else the least recently chosen one, flushed for it.
 */
static struct dbt_tlb_set *choose_set(struct dbt_hart *h, uint64_t key,
				      unsigned first, unsigned n)
{
	struct dbt_mmu *m = &h->mmu;
	struct dbt_tlb_set *s, *old = &m->sets[first];

	for (unsigned i = first; i < first + n; i++) {
		s = &m->sets[i];
		if (s->key == key) {
			s->stamp = ++m->clock;
			return s;
		}
		if (s->stamp < old->stamp)
			old = s;
	}
	set_flush(h, old);
	dbt_win_set_flushed(h, old, true);
	old->key = key;
	old->stamp = ++m->clock;
	return old;
}

/*
 * The PMM field that sets pointer masking for explicit accesses made at
 * (@priv, @virt): mseccfg's for M, menvcfg's for S/HS, henvcfg's for VS,
 * senvcfg's for U and VU.
 */
static unsigned pmm_of(const struct dbt_hart *h, unsigned priv, bool virt)
{
	const struct dbt_csrs *r = &h->csr;

	if (priv == PRV_M)
		return (r->mseccfg & MSECCFG_PMM) >> MSECCFG_PMM_SHIFT;
	if (priv == PRV_S)
		return ((virt ? r->henvcfg : r->menvcfg) & ENVCFG_PMM) >>
		       ENVCFG_PMM_SHIFT;
	return (r->senvcfg & ENVCFG_PMM) >> ENVCFG_PMM_SHIFT;
}

/*
 * Sets @c's pointer masking from PMM value @pmm. MXR in effect turns it
 * off; the address is virtual when the active satp (vsatp for V=1)
 * translates, else physical.
 */
static void set_pm(const struct dbt_hart *h, struct dbt_mmu_ctx *c,
		   unsigned pmm)
{
	const struct dbt_csrs *r = &h->csr;
	bool mxr = (r->mstatus & MSTATUS_MXR) ||
		   (c->virt && (r->vsstatus & MSTATUS_MXR));

	c->pmlen = 0;
	c->pm_virt = false;
	if (mxr || (pmm != PMM_PMLEN7 && pmm != PMM_PMLEN16))
		return;
	c->pmlen = pmm == PMM_PMLEN7 ? 7 : 16;
	if (c->regime == REGIME_HS)
		c->pm_virt = mode_levels(ATP_MODE(r->satp));
	else if (c->regime == REGIME_VS)
		c->pm_virt = mode_levels(ATP_MODE(r->vsatp));
}

/* What goes in a set key for @c's pointer masking. */
static uint64_t pm_key(const struct dbt_mmu_ctx *c)
{
	if (!c->pmlen)
		return 0;
	return (uint64_t)((c->pmlen == 7 ? 1 : 2) | c->pm_virt << 2)
	       << KEY_PM_SHIFT;
}

static uint64_t pm_apply(const struct dbt_mmu_ctx *c, uint64_t va)
{
	unsigned s = c->pmlen;

	if (!s)
		return va;
	if (c->pm_virt)
		return (uint64_t)((int64_t)(va << s) >> s);
	return (va << s) >> s;
}

/* The context of accesses made at (@priv, @virt). */
static void make_ctx(struct dbt_hart *h, unsigned priv, bool virt, bool data,
		     struct dbt_mmu_ctx *c)
{
	const struct dbt_csrs *r = &h->csr;
	struct dbt_mmu *m = &h->mmu;

	memset(c, 0, sizeof(*c));
	c->priv = priv;
	c->virt = virt;
	c->cache = true;
	if (priv == PRV_M) {
		c->regime = REGIME_M;
		c->set = &m->sets[0];
		c->mode = DBT_TLB_MODE_S;
		if (data)
			set_pm(h, c, pmm_of(h, priv, virt));
		return;
	}
	if (virt) {
		c->regime = REGIME_VS;
		c->sum = r->vsstatus & MSTATUS_SUM;
		c->vmxr = r->vsstatus & MSTATUS_MXR;
		if (data)
			set_pm(h, c, pmm_of(h, priv, virt));
		c->set = choose_set(h, vs_key(r->vsatp, r->hgatp) | pm_key(c),
				    1 + DBT_TLB_HS_SETS, DBT_TLB_VS_SETS);
	} else {
		c->regime = REGIME_HS;
		c->sum = r->mstatus & MSTATUS_SUM;
		if (data)
			set_pm(h, c, pmm_of(h, priv, virt));
		c->set = choose_set(h, hs_key(r->satp) | pm_key(c), 1,
				    DBT_TLB_HS_SETS);
	}
	c->mxr = r->mstatus & MSTATUS_MXR;
	if (priv == PRV_U)
		c->mode = DBT_TLB_MODE_U;
	else if (data && c->sum)
		c->mode = DBT_TLB_MODE_S_SUM;
	else
		c->mode = DBT_TLB_MODE_S;
	if (!data) {
		c->sum = false;
		c->mxr = c->vmxr = false;
	}
}

/* The context of loads and stores: MPRV, or HLV/HSV. */
static void data_ctx(struct dbt_hart *h, unsigned flags, struct dbt_mmu_ctx *c)
{
	uint64_t ms = h->csr.mstatus;
	unsigned priv = h->priv;
	bool virt = h->virt;

	if (flags & (DBT_MMU_HLV | DBT_MMU_HLVX)) {
		priv = (h->csr.hstatus & HSTATUS_SPVP) ? PRV_S : PRV_U;
		virt = true;
	} else if (priv == PRV_M && (ms & MSTATUS_MPRV)) {
		priv = (ms >> MSTATUS_MPP_SHIFT) & 3;
		virt = priv != PRV_M && (ms & MSTATUS_MPV);
	}
	make_ctx(h, priv, virt, true, c);
	if (flags & (DBT_MMU_HLV | DBT_MMU_HLVX)) {
		c->cache = false;
		/*
		 * HLVX is never masked; HLV/HSV as VS follow henvcfg, as VU
		 * from U-mode hstatus.HUPMM, as VU from HS or M senvcfg.
		 */
		if (flags & DBT_MMU_HLVX)
			set_pm(h, c, PMM_OFF);
		else if (priv == PRV_U && h->priv == PRV_U)
			set_pm(h, c, (h->csr.hstatus & HSTATUS_HUPMM) >> 48);
	}
}

uint64_t dbt_mmu_pm(const struct dbt_hart *h, uint64_t va)
{
	return pm_apply(&h->mmu.dctx, va);
}

void dbt_mmu_flush_all(struct dbt_hart *h)
{
	for (unsigned i = 0; i < DBT_TLB_SETS; i++)
		set_flush(h, &h->mmu.sets[i]);
}

/* Every access misses here: loads and stores go through the slow path. */
static const struct dbt_tlb_entry miss_tlb[DBT_TLB_SIZE] = {
	[0 ... DBT_TLB_SIZE - 1] = {DBT_TLB_NONE, DBT_TLB_NONE, DBT_TLB_NONE,
				    0},
};

void dbt_mmu_update(struct dbt_hart *h)
{
	struct dbt_mmu *m = &h->mmu;
	const struct dbt_csrs *r = &h->csr;
	uint64_t envcfg = (r->menvcfg & (ENVCFG_ADUE | ENVCFG_PBMTE)) |
			  (r->henvcfg & (ENVCFG_ADUE | ENVCFG_PBMTE)) >> 2;
	unsigned levels;

	/* Cached entries hold PMP and PBMTE/ADUE decisions. */
	if (memcmp(m->pmpcfg, r->pmpcfg, sizeof(m->pmpcfg)) ||
	    memcmp(m->pmpaddr, r->pmpaddr, sizeof(m->pmpaddr)) ||
	    m->envcfg != envcfg) {
		memcpy(m->pmpcfg, r->pmpcfg, sizeof(m->pmpcfg));
		memcpy(m->pmpaddr, r->pmpaddr, sizeof(m->pmpaddr));
		m->envcfg = envcfg;
		dbt_mmu_flush_all(h);
	}
	make_ctx(h, h->priv, h->virt, false, &m->fctx);
	data_ctx(h, 0, &m->dctx);
	/* M-mode has one set: fills of another masking must go. */
	if (m->dctx.regime == REGIME_M && pm_key(&m->dctx) != m->m_pm) {
		set_flush(h, &m->sets[0]);
		m->m_pm = pm_key(&m->dctx);
	}
	h->itlb = m->fctx.set->e[m->fctx.mode];
	h->dtlb = m->dctx.set->e[m->dctx.mode];
	/* Watchpoints look at every load and store. */
	if (h->debug_on && h->debug.nwatch)
		h->dtlb = (struct dbt_tlb_entry *)miss_tlb;
	/* The window serves plain user accesses through satp (window.h). */
	levels = mode_levels(ATP_MODE(r->satp));
	h->win.user = m->dctx.priv == PRV_U && m->dctx.regime == REGIME_HS &&
		      levels && !m->dctx.pmlen &&
		      h->dtlb == m->dctx.set->e[m->dctx.mode];
	if (h->win.user)
		dbt_win_serve(h, m->dctx.set, levels == 3 ? 39 : 48);
	else
		dbt_win_off(h);
}

/*
 * A debugger's watchpoint on [va, va + len), for a read or a write: true
 * when one is hit, and the access must not happen. The hart stops before
 * the instruction, as a debug trigger with timing "before" does (the
 * debug specification's mcontrol), and as GDB expects of RISC-V
 * watchpoints (it steps over the instruction itself).
 */
static bool watch_hit(struct dbt_hart *h, uint64_t va, unsigned len, bool write)
{
	const struct accel_debug *d = &h->debug;

	if (!h->debug_on)
		return false;
	for (unsigned i = 0; i < d->nwatch; i++) {
		uint64_t a = d->watches[i].addr, n = d->watches[i].len;

		if (va < a + n && a < va + len &&
		    (write ? d->watches[i].write : d->watches[i].read)) {
			h->hit = DBT_HIT_WATCH;
			/* The first watched byte the access touches. */
			h->hit_addr = va < a ? a : va;
			return true;
		}
	}
	return false;
}

void dbt_mmu_init(struct dbt_hart *h)
{
	struct dbt_mmu *m = &h->mmu;

	for (unsigned i = 0; i < DBT_TLB_SETS; i++) {
		set_flush(h, &m->sets[i]);
		m->sets[i].key = 0;
		m->sets[i].stamp = 0;
	}
	m->sets[0].key = KEY_M;
	memcpy(m->pmpcfg, h->csr.pmpcfg, sizeof(m->pmpcfg));
	memcpy(m->pmpaddr, h->csr.pmpaddr, sizeof(m->pmpaddr));
	m->envcfg = ~0ull; /* forces the flush below */
	dbt_mmu_update(h);
}

/* ---- the page-table walk ------------------------------------------ */

static int walk(struct dbt_hart *h, const struct stage *s,
		const struct stage *g, uint64_t va, unsigned acc, bool hlvx,
		struct leaf *out, struct fault *f);

/* G-stage translation of a guest-physical address (Bare included). */
static int gstage(struct dbt_hart *h, const struct stage *g, uint64_t gpa,
		  unsigned acc, bool hlvx, struct leaf *out, struct fault *f)
{
	if (!g->levels) {
		out->pa = gpa;
		out->prot = PROT_ALL;
		out->shift = 64;
		out->global = false;
		return 0;
	}
	return walk(h, g, NULL, gpa, acc, hlvx, out, f);
}

/* The PTE at supervisor-physical @spa, checked as an S-mode access. */
static uint64_t *pte_ptr(struct dbt_hart *h, uint64_t spa, bool write,
			 struct fault *f)
{
	uint64_t *p = guestmem_ptr(mem_of(h), spa, 8);

	if (!p || !pmp_ok(h, spa, 8, write ? PMP_W : PMP_R, PRV_S)) {
		f->kind = FAULT_ACCESS;
		return NULL;
	}
	return p;
}

static int stage_fault(const struct stage *s, uint64_t va, struct fault *f)
{
	f->kind = s->gstage ? FAULT_GUEST : FAULT_PAGE;
	f->gpa = va;
	f->implicit = false;
	return -1;
}

/*
 * One stage of supervisor.adoc's translation algorithm. @g, when set, is
 * the G-stage that every page-table address goes through (the VS stage).
 * On success @out gives the address and the access classes the leaf
 * allows in this context, as a TLB may keep them.
 */
static int walk(struct dbt_hart *h, const struct stage *s,
		const struct stage *g, uint64_t va, unsigned acc, bool hlvx,
		struct leaf *out, struct fault *f)
{
	unsigned bits = DBT_PAGE_SHIFT + 9 * s->levels + s->widen;
	uint64_t a = s->root, pte, ppn;
	bool global = false, fetch_ok, data_ok, need;
	struct stage gi;
	unsigned prot;
	int i;

	/* Page-table accesses are implicit: MXR does not apply to them. */
	if (g) {
		gi = *g;
		gi.mxr = false;
		g = &gi;
	}

	if (s->gstage) {
		if (va >> bits)
			return stage_fault(s, va, f);
	} else if ((uint64_t)((int64_t)(va << (64 - bits)) >> (64 - bits)) !=
		   va) {
		return stage_fault(s, va, f);
	}

	for (i = s->levels - 1;; i--) {
		unsigned ibits = 9 + (i == (int)s->levels - 1 ? s->widen : 0);
		uint64_t vpn = (va >> (DBT_PAGE_SHIFT + 9 * i)) &
			       ((1ull << ibits) - 1);
		uint64_t pte_a = a + vpn * 8, spa = pte_a;
		uint64_t *p;

		if (g) {
			struct leaf gl;

			if (gstage(h, g, pte_a, ACC_LOAD, false, &gl, f)) {
				f->implicit = true;
				f->write = false;
				return -1;
			}
			spa = gl.pa;
		}
		p = pte_ptr(h, spa, false, f);
		if (!p)
			return -1;
	retry:
		pte = __atomic_load_n(p, __ATOMIC_ACQUIRE);
		if (!(pte & PTE_V) || ((pte & (PTE_R | PTE_W)) == PTE_W))
			return stage_fault(s, va, f);
		if (pte & PTE_RSVD)
			return stage_fault(s, va, f);
		if (!(pte & (PTE_R | PTE_X))) {
			/* D, A, U, N and PBMT are reserved in a pointer. */
			if (pte & (PTE_D | PTE_A | PTE_U | PTE_N) ||
			    PTE_PBMT(pte) || i == 0)
				return stage_fault(s, va, f);
			global |= pte & PTE_G;
			a = PTE_PPN(pte) << DBT_PAGE_SHIFT;
			continue;
		}

		/* A leaf. */
		if (PTE_PBMT(pte) == 3 || (PTE_PBMT(pte) && !s->pbmte))
			return stage_fault(s, va, f);
		ppn = PTE_PPN(pte);
		if (i > 0 && (ppn & ((1ull << (9 * i)) - 1)))
			return stage_fault(s, va, f);
		out->shift = DBT_PAGE_SHIFT + 9 * i;
		if (pte & PTE_N) {
			/* Svnapot: only the 64 KiB size, ppn[3:0] = 1000. */
			if (!dbt_has(h, ACCEL_EXT_SVNAPOT) || i != 0 ||
			    (ppn & 0xf) != 8)
				return stage_fault(s, va, f);
			ppn = (ppn & ~0xfull) | ((va >> DBT_PAGE_SHIFT) & 0xf);
			out->shift = 16;
		}
		global |= pte & PTE_G;

		if (s->user) {
			fetch_ok = data_ok = pte & PTE_U;
		} else {
			fetch_ok = !(pte & PTE_U);
			data_ok = fetch_ok || s->sum;
		}
		prot = 0;
		if (data_ok) {
			if (pte & PTE_R)
				prot |= PROT_R | PROT_RM;
			if (pte & PTE_X)
				prot |= PROT_XL | PROT_RM;
			if (pte & PTE_W)
				prot |= PROT_W;
		}
		if (fetch_ok && (pte & PTE_X))
			prot |= PROT_X;
		switch (acc) {
		case ACC_FETCH:
			need = prot & PROT_X;
			break;
		case ACC_LOAD:
			need = prot & (hlvx	? PROT_XL
				       : s->mxr ? PROT_RM
						: PROT_R);
			break;
		default:
			need = prot & PROT_W;
			break;
		}
		if (!need && !s->peek)
			return stage_fault(s, va, f);

		if (!s->peek &&
		    (!(pte & PTE_A) || (acc == ACC_STORE && !(pte & PTE_D)))) {
			uint64_t npte = pte | PTE_A;

			if (!s->adue)
				return stage_fault(s, va, f);
			if (acc == ACC_STORE)
				npte |= PTE_D;
			if (g) {
				struct leaf gl;

				if (gstage(h, g, pte_a, ACC_STORE, false, &gl,
					   f)) {
					f->implicit = true;
					f->write = true;
					return -1;
				}
				spa = gl.pa;
			}
			p = pte_ptr(h, spa, true, f);
			if (!p)
				return -1;
			if (!__atomic_compare_exchange_n(p, &pte, npte, false,
							 __ATOMIC_ACQ_REL,
							 __ATOMIC_ACQUIRE))
				goto retry;
			note_write(h, p, 8);
			pte = npte;
		}
		/* A store with D clear must come back here to set it. */
		if (!(pte & PTE_D))
			prot &= ~PROT_W;
		out->pa = ppn << DBT_PAGE_SHIFT |
			  (va & ((1ull << (DBT_PAGE_SHIFT + 9 * i)) - 1));
		out->prot = prot;
		out->global = global && !s->gstage;
		return 0;
	}
}

static void stage_from_atp(struct stage *s, uint64_t atp, unsigned widen)
{
	s->levels = mode_levels(ATP_MODE(atp));
	s->widen = widen;
	s->root = ATP_PPN(atp) << DBT_PAGE_SHIFT;
	if (widen)
		s->root &= ~0x3fffull; /* the x4 root is 16 KiB aligned */
}

/*
 * Translates @va for @acc in context @c. On success @e and @i describe
 * va's page as a TLB entry and *@pa is the physical address; *@prot is
 * what the access may do there, MXR included.
 */
static int translate(struct dbt_hart *h, const struct dbt_mmu_ctx *c,
		     uint64_t va, unsigned acc, bool hlvx, bool peek,
		     struct dbt_tlb_entry *e, struct dbt_tlb_info *i,
		     uint64_t *pa, unsigned *protp, struct fault *f)
{
	const struct dbt_csrs *r = &h->csr;
	uint64_t tohost = h->vm->cfg.tohost;
	struct leaf l = {
		.pa = va,
		.prot = PROT_ALL,
		.shift = DBT_PAGE_SHIFT,
		.global = true,
	};
	struct stage s = {0};
	void *host;
	unsigned pmpperm[3] = {PMP_R, PMP_W, PMP_X};
	uint64_t *tags[3] = {&e->tag_r, &e->tag_w, &e->tag_x};
	unsigned protbit[3] = {PROT_R, PROT_W, PROT_X};
	int k;

	if (c->regime == REGIME_HS && mode_levels(ATP_MODE(r->satp))) {
		stage_from_atp(&s, r->satp, 0);
		s.user = c->priv == PRV_U;
		s.sum = c->sum;
		s.mxr = c->mxr;
		s.pbmte = r->menvcfg & ENVCFG_PBMTE;
		s.adue = r->menvcfg & ENVCFG_ADUE;
		s.peek = peek;
		if (walk(h, &s, NULL, va, acc, hlvx, &l, f))
			return -1;
	} else if (c->regime == REGIME_VS) {
		struct stage g = {0};
		struct leaf gl;

		stage_from_atp(&g, r->hgatp, 2);
		g.gstage = true;
		g.user = true;
		g.mxr = c->mxr;
		g.pbmte = r->menvcfg & ENVCFG_PBMTE;
		g.adue = r->menvcfg & ENVCFG_ADUE;
		g.peek = peek;
		stage_from_atp(&s, r->vsatp, 0);
		if (s.levels) {
			s.user = c->priv == PRV_U;
			s.sum = c->sum;
			s.mxr = c->mxr || c->vmxr;
			s.pbmte = r->henvcfg & ENVCFG_PBMTE;
			s.adue = r->henvcfg & ENVCFG_ADUE;
			s.peek = peek;
			if (walk(h, &s, &g, va, acc, hlvx, &l, f))
				return -1;
		}
		if (gstage(h, &g, l.pa, acc, hlvx, &gl, f))
			return -1;
		l.pa = gl.pa;
		/*
		 * MXR reads: the VS stage's (its MXR is vsstatus.MXR or
		 * mstatus.MXR) and the G-stage's (mstatus.MXR) both allow.
		 */
		l.prot &= gl.prot;
	}

	*pa = l.pa;
	*protp = l.prot;
	i->vpage = va & DBT_PAGE_MASK;
	i->pa = l.pa & DBT_PAGE_MASK;
	i->shift = l.shift;
	i->global = l.global;
	host = guestmem_ptr(mem_of(h), i->pa, DBT_PAGE_SIZE);
	e->addend = host ? (uintptr_t)host - (uintptr_t)i->vpage : 0;
	for (k = 0; k < 3; k++) {
		uint64_t t = i->vpage;

		if (!(l.prot & protbit[k])) {
			*tags[k] = DBT_TLB_NONE;
			continue;
		}
		if (!host)
			t |= DBT_TLB_IO;
		if (!pmp_ok(h, i->pa, DBT_PAGE_SIZE, pmpperm[k], c->priv))
			t |= DBT_TLB_PMP;
		if (k == 1 && tohost &&
		    ((tohost & DBT_PAGE_MASK) == i->pa ||
		     ((tohost + 7) & DBT_PAGE_MASK) == i->pa))
			t |= DBT_TLB_HTIF;
		*tags[k] = t;
	}
	return 0;
}

/*
 * Whether stores to the RAM page at @host must be seen: it holds code, or
 * writes are being logged. While logging, every store takes the slow path
 * (it marks the page dirty): a page found dirty now may be clean again
 * once the log is taken, and an entry without the flag would miss it.
 */
static bool watched(const struct guestmem *m, const void *host)
{
	return guestmem_page_has_code(m, guestmem_page_of(m, host)) ||
	       atomic_load_explicit(&m->logging, memory_order_relaxed);
}

/*
 * Installs @n as @slot, whose info is @i. Another hart may be marking the
 * page as code meanwhile: it sets the page's code bit, then flags the
 * entries it finds; this side writes the entry, then looks at the bit.
 * Sequentially consistent fences on both sides make sure one of the two
 * sees the other.
 */
static void tlb_install(struct dbt_hart *h, struct dbt_tlb_set *set,
			struct dbt_tlb_entry *slot, struct dbt_tlb_info *si,
			const struct dbt_tlb_entry *n,
			const struct dbt_tlb_info *i)
{
	const struct guestmem *m = mem_of(h);
	uint64_t w = n->tag_w;
	void *host = (void *)(n->addend + i->vpage);
	bool ram = w != DBT_TLB_NONE && !(w & DBT_TLB_IO);

	if (ram && watched(m, host))
		w |= DBT_TLB_WATCH;
	slot->tag_r = n->tag_r;
	slot->tag_x = n->tag_x;
	slot->addend = n->addend;
	__atomic_store_n(&slot->tag_w, w, __ATOMIC_RELAXED);
	*si = *i;
	if (i->shift > DBT_PAGE_SHIFT) {
		uint64_t lo = i->vpage & ~((1ull << i->shift) - 1);
		uint64_t hi = lo + ((1ull << i->shift) - 1);

		if (lo < set->super_lo)
			set->super_lo = lo;
		if (hi > set->super_hi)
			set->super_hi = hi;
	}
	if (ram && !(w & DBT_TLB_WATCH)) {
		atomic_thread_fence(memory_order_seq_cst);
		if (guestmem_page_has_code(m, guestmem_page_of(m, host)))
			__atomic_fetch_or(&slot->tag_w, DBT_TLB_WATCH,
					  __ATOMIC_RELAXED);
	}
}

/*
 * A store took the slow path for DBT_TLB_WATCH on @e: once its page is
 * neither code nor logged, later stores may go fast again. A marking may
 * set the code bit meanwhile: clearing the flag, then looking at the bit
 * (as tlb_install does) keeps one of the two seeing the other.
 */
static void unwatch(struct dbt_hart *h, struct dbt_tlb_entry *e, uint64_t va)
{
	const struct guestmem *m = mem_of(h);
	const void *host = (const void *)(e->addend + va);
	uint64_t tag = __atomic_load_n(&e->tag_w, __ATOMIC_RELAXED);

	if ((tag & DBT_TLB_IO) || watched(m, host))
		return;
	__atomic_fetch_and(&e->tag_w, ~(uint64_t)DBT_TLB_WATCH,
			   __ATOMIC_RELAXED);
	atomic_thread_fence(memory_order_seq_cst);
	if (guestmem_page_has_code(m, guestmem_page_of(m, host)))
		__atomic_fetch_or(&e->tag_w, DBT_TLB_WATCH, __ATOMIC_RELAXED);
}

void dbt_mmu_watch_page(struct dbt_hart *h, uint64_t pa)
{
	struct dbt_mmu *m = &h->mmu;

	pa &= DBT_PAGE_MASK;
	dbt_win_unwrite(h, pa);
	for (unsigned s = 0; s < DBT_TLB_SETS; s++) {
		struct dbt_tlb_set *set = &m->sets[s];

		/*
		 * A set never chosen holds nothing; entries it gets from now
		 * on are installed knowing the page is code (tlb_install()).
		 */
		if (!__atomic_load_n(&set->key, __ATOMIC_RELAXED))
			continue;

		for (unsigned md = 0; md < DBT_TLB_MODES; md++)
			for (unsigned i = 0; i < DBT_TLB_SIZE; i++)
				if (set->info[md][i].pa == pa &&
				    __atomic_load_n(&set->e[md][i].tag_w,
						    __ATOMIC_RELAXED) !=
					    DBT_TLB_NONE)
					__atomic_fetch_or(&set->e[md][i].tag_w,
							  DBT_TLB_WATCH,
							  __ATOMIC_RELAXED);
	}
}

void dbt_mmu_watch_all(struct dbt_hart *h)
{
	struct dbt_mmu *m = &h->mmu;

	dbt_win_flush(h);
	for (unsigned s = 0; s < DBT_TLB_SETS; s++) {
		/* A set never chosen holds nothing (dbt_mmu_watch_page()). */
		if (!__atomic_load_n(&m->sets[s].key, __ATOMIC_RELAXED))
			continue;
		for (unsigned md = 0; md < DBT_TLB_MODES; md++)
			for (unsigned i = 0; i < DBT_TLB_SIZE; i++) {
				uint64_t *t = &m->sets[s].e[md][i].tag_w;

				if (__atomic_load_n(t, __ATOMIC_RELAXED) !=
				    DBT_TLB_NONE)
					__atomic_fetch_or(t, DBT_TLB_WATCH,
							  __ATOMIC_RELAXED);
			}
	}
}

/* ---- exceptions ---------------------------------------------------- */

static void raise_exc(struct dbt_hart *h, const struct dbt_mmu_ctx *c,
		      uint64_t cause, uint64_t va)
{
	h->exc.cause = cause;
	h->exc.tval = va;
	h->exc.tval2 = 0;
	h->exc.tinst = 0;
	h->exc.gva = c->virt;
}

static void raise_access(struct dbt_hart *h, const struct dbt_mmu_ctx *c,
			 unsigned acc, uint64_t va)
{
	static const uint8_t cause[] = {EXC_INSN_ACCESS, EXC_LOAD_ACCESS,
					EXC_STORE_ACCESS};

	raise_exc(h, c, cause[acc], va);
}

static void raise_fault(struct dbt_hart *h, const struct dbt_mmu_ctx *c,
			unsigned acc, uint64_t va, const struct fault *f)
{
	static const uint8_t page[] = {EXC_INSN_PAGE, EXC_LOAD_PAGE,
				       EXC_STORE_PAGE};
	static const uint8_t guest[] = {
		EXC_INSN_GUEST_PAGE, EXC_LOAD_GUEST_PAGE, EXC_STORE_GUEST_PAGE};

	switch (f->kind) {
	case FAULT_ACCESS:
		raise_access(h, c, acc, va);
		break;
	case FAULT_PAGE:
		raise_exc(h, c, page[acc], va);
		break;
	case FAULT_GUEST:
		raise_exc(h, c, guest[acc], va);
		h->exc.tval2 = f->gpa >> 2;
		if (f->implicit)
			h->exc.tinst =
				f->write ? TINST_PTE_WRITE : TINST_PTE_READ;
		break;
	}
}

/* ---- the slow path ------------------------------------------------- */

static unsigned slot_of(uint64_t va)
{
	return (va >> DBT_PAGE_SHIFT) & (DBT_TLB_SIZE - 1);
}

static uint64_t tag_of(const struct dbt_tlb_entry *e, unsigned acc)
{
	return acc == ACC_FETCH	 ? e->tag_x
	       : acc == ACC_LOAD ? e->tag_r
				 : __atomic_load_n(&e->tag_w, __ATOMIC_RELAXED);
}

/*
 * Translates and checks one part of an access (all in one page): from the
 * TLB if it holds the page for this class, else by a walk that refills it.
 */
static int resolve(struct dbt_hart *h, const struct dbt_mmu_ctx *c, uint64_t va,
		   unsigned len, unsigned acc, unsigned flags, struct target *t)
{
	struct dbt_tlb_set *set = c->set;
	unsigned idx = slot_of(va);
	struct dbt_tlb_entry *e = &set->e[c->mode][idx], ne;
	struct dbt_tlb_info *si = &set->info[c->mode][idx], ni;
	bool hlvx = flags & DBT_MMU_HLVX;
	uint64_t tag = tag_of(e, acc), pa;
	unsigned perm, prot;
	struct fault f;

	if (c->cache && !hlvx && tag != DBT_TLB_NONE &&
	    (tag & DBT_PAGE_MASK) == (va & DBT_PAGE_MASK)) {
		pa = si->pa | (va & ~DBT_PAGE_MASK);
		if ((tag & DBT_TLB_WATCH) && acc == ACC_STORE)
			unwatch(h, e, va);
	} else {
		if (c->cache && h->pmu_on)
			dbt_pmu_event(h, acc == ACC_FETCH ? DBT_PMU_ITLB
					 : acc == ACC_LOAD
						 ? DBT_PMU_DTLB_LOAD
						 : DBT_PMU_DTLB_STORE);
		if (translate(h, c, va, acc, hlvx, false, &ne, &ni, &pa, &prot,
			      &f)) {
			raise_fault(h, c, acc, va, &f);
			return -1;
		}
		if (c->cache && !hlvx)
			tlb_install(h, set, e, si, &ne, &ni);
	}
	perm = acc == ACC_FETCH	  ? PMP_X
	       : acc == ACC_STORE ? PMP_W
	       : hlvx		  ? PMP_R | PMP_X
				  : PMP_R;
	if (!pmp_ok(h, pa, len, perm, c->priv)) {
		raise_access(h, c, acc, va);
		return -1;
	}
	t->pa = pa;
	t->host = guestmem_ptr(mem_of(h), pa, len);
	return 0;
}

void *dbt_mmu_win_page(struct dbt_hart *h, uint64_t va, bool write,
		       bool *writable, uint64_t *pa_out, unsigned *shift)
{
	const struct dbt_mmu_ctx *c = &h->mmu.dctx;
	struct dbt_tlb_set *set = c->set;
	unsigned idx = slot_of(va);
	struct dbt_tlb_entry *e = &set->e[c->mode][idx], ne;
	struct dbt_tlb_info *si = &set->info[c->mode][idx], ni;
	unsigned acc = write ? ACC_STORE : ACC_LOAD, prot;
	uint64_t page = va & DBT_PAGE_MASK, pa, tag = tag_of(e, acc);
	struct fault f;

	if (tag == DBT_TLB_NONE || (tag & DBT_PAGE_MASK) != page) {
		/* A fault is the slow path's to raise, once, as it would. */
		if (translate(h, c, page, acc, false, false, &ne, &ni, &pa,
			      &prot, &f))
			return NULL;
		if (h->pmu_on)
			dbt_pmu_event(h, write ? DBT_PMU_DTLB_STORE
					       : DBT_PMU_DTLB_LOAD);
		tlb_install(h, set, e, si, &ne, &ni);
	}
	if (e->tag_r != page)
		return NULL;
	*writable = __atomic_load_n(&e->tag_w, __ATOMIC_RELAXED) == page;
	*pa_out = si->pa;
	*shift = si->shift;
	return (void *)(e->addend + page);
}

static bool touches_tohost(const struct dbt_hart *h, uint64_t pa, unsigned len)
{
	uint64_t th = h->vm->cfg.tohost;

	return th && pa < th + 8 && th < pa + len;
}

static uint64_t ram_read(const void *p, unsigned size)
{
	switch (size) {
	case 1:
		return __atomic_load_n((const uint8_t *)p, __ATOMIC_RELAXED);
	case 2:
		return __atomic_load_n((const uint16_t *)p, __ATOMIC_RELAXED);
	case 4:
		return __atomic_load_n((const uint32_t *)p, __ATOMIC_RELAXED);
	default:
		return __atomic_load_n((const uint64_t *)p, __ATOMIC_RELAXED);
	}
}

static void ram_write(void *p, unsigned size, uint64_t v)
{
	switch (size) {
	case 1:
		__atomic_store_n((uint8_t *)p, v, __ATOMIC_RELAXED);
		break;
	case 2:
		__atomic_store_n((uint16_t *)p, v, __ATOMIC_RELAXED);
		break;
	case 4:
		__atomic_store_n((uint32_t *)p, v, __ATOMIC_RELAXED);
		break;
	default:
		__atomic_store_n((uint64_t *)p, v, __ATOMIC_RELAXED);
		break;
	}
}

/* A load or store that missed the fast path. */
static int access_slow(struct dbt_hart *h, const struct dbt_mmu_ctx *c,
		       uint64_t va, unsigned size, unsigned acc, unsigned flags,
		       uint64_t *val)
{
	struct target t[2];
	unsigned len[2], n = 1, i, done;
	uint64_t off = va & ~DBT_PAGE_MASK, pv[2];
	uint8_t bytes[8];
	bool aligned = !(va & (size - 1));

	if (size != 1 && size != 2 && size != 4 && size != 8) {
		raise_access(h, c, acc, va);
		return -1;
	}
	if (!aligned && (flags & DBT_MMU_LR)) {
		raise_exc(h, c, EXC_LOAD_MISALIGNED, va);
		return -1;
	}
	len[0] = size;
	if (off + size > DBT_PAGE_SIZE) {
		len[0] = DBT_PAGE_SIZE - off;
		len[1] = size - len[0];
		n = 2;
	}
	/* Every part is translated and checked before any is performed. */
	pv[0] = va;
	pv[1] = va + len[0];
	for (i = 0; i < n; i++) {
		if (resolve(h, c, pv[i], len[i], acc, flags, &t[i]))
			return -1;
		if (!aligned && !t[i].host) {
			raise_access(h, c, acc, pv[i]);
			return -1;
		}
	}
	if (watch_hit(h, va, size, acc == ACC_STORE))
		return -1;

	if (aligned && !t[0].host) {
		const struct bus *bus = h->vm->cfg.bus;
		int rc;

		if (!bus)
			rc = -1;
		else if (acc == ACC_STORE)
			rc = bus_write(bus, t[0].pa, size, *val);
		else
			rc = bus_read(bus, t[0].pa, size, val);
		if (rc) {
			raise_access(h, c, acc, va);
			return -1;
		}
	} else if (aligned) {
		if (acc == ACC_STORE) {
			note_write(h, t[0].host, size);
			ram_write(t[0].host, size, *val);
		} else {
			*val = ram_read(t[0].host, size);
		}
	} else if (acc == ACC_STORE) {
		for (i = 0; i < size; i++)
			bytes[i] = *val >> (8 * i);
		for (i = 0, done = 0; i < n; done += len[i], i++) {
			note_write(h, t[i].host, len[i]);
			memcpy(t[i].host, bytes + done, len[i]);
		}
	} else {
		for (i = 0, done = 0; i < n; done += len[i], i++)
			memcpy(bytes + done, t[i].host, len[i]);
		*val = 0;
		for (i = 0; i < size; i++)
			*val |= (uint64_t)bytes[i] << (8 * i);
	}
	if (acc == ACC_STORE) {
		for (i = 0; i < n; i++)
			if (touches_tohost(h, t[i].pa, len[i]))
				h->htif_written = true;
	}
	return 0;
}

static int fetch_parcel(struct dbt_hart *h, const struct dbt_mmu_ctx *c,
			uint64_t va, uint16_t *parcel)
{
	struct target t;
	uint64_t v;

	if (resolve(h, c, va, 2, ACC_FETCH, 0, &t))
		return -1;
	if (t.host) {
		*parcel = ram_read(t.host, 2);
		return 0;
	}
	if (!h->vm->cfg.bus || bus_read(h->vm->cfg.bus, t.pa, 2, &v)) {
		raise_access(h, c, ACC_FETCH, va);
		return -1;
	}
	*parcel = v;
	return 0;
}

int dbt_mmu_fetch(struct dbt_hart *h, uint64_t pc, uint32_t *raw)
{
	const struct dbt_mmu_ctx *c = &h->mmu.fctx;
	uint16_t lo, hi;

	if (pc & 1) {
		raise_exc(h, c, EXC_INSN_MISALIGNED, pc);
		return -1;
	}
	if (fetch_parcel(h, c, pc, &lo))
		return -1;
	if ((lo & 3) != 3) {
		*raw = lo;
		return 0;
	}
	if (fetch_parcel(h, c, pc + 2, &hi))
		return -1;
	*raw = lo | (uint32_t)hi << 16;
	return 0;
}

int dbt_mmu_code(struct dbt_hart *h, uint64_t pc, const uint8_t **host)
{
	const struct dbt_mmu_ctx *c = &h->mmu.fctx;
	const struct dbt_tlb_entry *e;
	struct target t;

	*host = NULL;
	if (pc & 1) {
		raise_exc(h, c, EXC_INSN_MISALIGNED, pc);
		return -1;
	}
	if (resolve(h, c, pc, 2, ACC_FETCH, 0, &t))
		return -1;
	e = &c->set->e[c->mode][slot_of(pc)];
	/* A page decoded once must be RAM all the same way every time. */
	if (t.host && e->tag_x == (pc & DBT_PAGE_MASK))
		*host = t.host;
	return 0;
}

int dbt_mmu_load_slow(struct dbt_hart *h, uint64_t va, unsigned size,
		      uint64_t *val, unsigned flags)
{
	struct dbt_mmu_ctx hc;
	const struct dbt_mmu_ctx *c = &h->mmu.dctx;

	if (flags & (DBT_MMU_HLV | DBT_MMU_HLVX)) {
		data_ctx(h, flags, &hc);
		c = &hc;
	}
	return access_slow(h, c, pm_apply(c, va), size, ACC_LOAD, flags, val);
}

int dbt_mmu_store_slow(struct dbt_hart *h, uint64_t va, unsigned size,
		       uint64_t val, unsigned flags)
{
	struct dbt_mmu_ctx hc;
	const struct dbt_mmu_ctx *c = &h->mmu.dctx;

	if (flags & (DBT_MMU_HLV | DBT_MMU_HLVX)) {
		data_ctx(h, flags, &hc);
		c = &hc;
	}
	return access_slow(h, c, pm_apply(c, va), size, ACC_STORE, flags, &val);
}

/* ---- the fast paths, for the helpers ------------------------------- */

int dbt_mmu_load(struct dbt_hart *h, uint64_t va, unsigned size, uint64_t *val,
		 unsigned flags)
{
	const struct dbt_tlb_entry *e = &h->dtlb[slot_of(va)];

	if (__builtin_expect(!flags && (va & (DBT_PAGE_MASK | (size - 1))) ==
					       e->tag_r,
			     1)) {
		*val = ram_read((const void *)(e->addend + va), size);
		return 0;
	}
	return dbt_mmu_load_slow(h, va, size, val, flags);
}

int dbt_mmu_store(struct dbt_hart *h, uint64_t va, unsigned size, uint64_t val,
		  unsigned flags)
{
	struct dbt_tlb_entry *e = &h->dtlb[slot_of(va)];

	if (__builtin_expect(!flags &&
				     (va & (DBT_PAGE_MASK | (size - 1))) ==
					     __atomic_load_n(&e->tag_w,
							     __ATOMIC_RELAXED),
			     1)) {
		ram_write((void *)(e->addend + va), size, val);
		return 0;
	}
	return dbt_mmu_store_slow(h, va, size, val, flags);
}

int dbt_mmu_amo_ptr(struct dbt_hart *h, uint64_t va, unsigned size,
		    bool is_load, void **host)
{
	const struct dbt_mmu_ctx *c = &h->mmu.dctx;
	struct dbt_tlb_entry *e = &h->dtlb[slot_of(va)];
	unsigned acc = is_load ? ACC_LOAD : ACC_STORE;
	struct target t;

	va = pm_apply(c, va);
	if (va & (size - 1)) {
		raise_exc(h, c,
			  is_load ? EXC_LOAD_MISALIGNED : EXC_STORE_MISALIGNED,
			  va);
		return -1;
	}
	if ((va & DBT_PAGE_MASK) == tag_of(e, acc)) {
		*host = (void *)(e->addend + va);
		return 0;
	}
	if (resolve(h, c, va, size, acc, 0, &t))
		return -1;
	if (!t.host) {
		raise_access(h, c, acc, va);
		return -1;
	}
	/* An AMO reads and writes (LR only reads, SC may only write). */
	if (watch_hit(h, va, size, false) ||
	    (!is_load && watch_hit(h, va, size, true)))
		return -1;
	if (!is_load) {
		note_write(h, t.host, size);
		if (touches_tohost(h, t.pa, size))
			h->htif_written = true;
	}
	*host = t.host;
	return 0;
}

int dbt_mmu_cbo(struct dbt_hart *h, uint64_t va, unsigned len)
{
	const struct dbt_mmu_ctx *c = &h->mmu.dctx;
	struct dbt_exc saved = h->exc;
	struct target t;

	va = pm_apply(c, va);
	if (!resolve(h, c, va, len, ACC_LOAD, 0, &t))
		return 0;
	h->exc = saved;
	return resolve(h, c, va, len, ACC_STORE, 0, &t);
}

/* ---- fences -------------------------------------------------------- */

/* Whether the entry described by @i maps part of the leaf holding @va. */
static bool covers(const struct dbt_tlb_info *i, uint64_t va)
{
	uint64_t mask = i->shift >= 64 ? 0 : ~((1ull << i->shift) - 1);

	return i->vpage != ~0ull && ((i->vpage ^ va) & mask) == 0;
}

static void drop(struct dbt_tlb_set *s, unsigned md, unsigned i)
{
	memset(&s->e[md][i], 0xff, sizeof(s->e[md][i]));
	memset(&s->info[md][i], 0xff, sizeof(s->info[md][i]));
}

/*
 * In set @s, drops the entries that match the address (when @va_valid)
 * and, with @nonglobal, only those of non-global mappings.
 */
static void fence_set(struct dbt_hart *h, struct dbt_tlb_set *s, bool va_valid,
		      uint64_t va, bool nonglobal)
{
	unsigned md, i;

	if (!va_valid && !nonglobal) {
		set_flush(h, s);
		return;
	}
	if (va_valid)
		dbt_win_fence(h, s, va);
	else
		dbt_win_set_flushed(h, s, false);
	if (va_valid && (va < s->super_lo || va > s->super_hi)) {
		i = slot_of(va);
		for (md = 0; md < DBT_TLB_MODES; md++)
			if (covers(&s->info[md][i], va) &&
			    !(nonglobal && s->info[md][i].global))
				drop(s, md, i);
		return;
	}
	for (md = 0; md < DBT_TLB_MODES; md++)
		for (i = 0; i < DBT_TLB_SIZE; i++) {
			const struct dbt_tlb_info *in = &s->info[md][i];

			if (in->vpage == ~0ull)
				continue;
			if (va_valid && !covers(in, va))
				continue;
			if (nonglobal && in->global)
				continue;
			drop(s, md, i);
		}
}

void dbt_mmu_sfence(struct dbt_hart *h, bool va_valid, uint64_t va,
		    bool asid_valid, uint64_t asid)
{
	struct dbt_mmu *m = &h->mmu;

	if (h->virt) {
		dbt_mmu_hfence_vvma(h, va_valid, va, asid_valid, asid);
		return;
	}
	/* The full form also resynchronises PMP, which every entry caches. */
	if (!va_valid && !asid_valid) {
		set_flush(h, &m->sets[0]);
		for (unsigned i = 1; i <= DBT_TLB_HS_SETS; i++)
			set_flush(h, &m->sets[i]);
		return;
	}
	for (unsigned i = 1; i <= DBT_TLB_HS_SETS; i++) {
		struct dbt_tlb_set *s = &m->sets[i];

		if (KEY_REGIME(s->key) != KEY_HS)
			continue;
		/* A set holds one address space: others are not named. */
		if (asid_valid && KEY_ASID(s->key) != (asid & 0xffff))
			continue;
		fence_set(h, s, va_valid, va, asid_valid);
	}
}

void dbt_mmu_hfence_vvma(struct dbt_hart *h, bool va_valid, uint64_t va,
			 bool asid_valid, uint64_t asid)
{
	struct dbt_mmu *m = &h->mmu;
	uint64_t vmid = HGATP_VMID(h->csr.hgatp);

	for (unsigned i = 1 + DBT_TLB_HS_SETS; i < DBT_TLB_SETS; i++) {
		struct dbt_tlb_set *s = &m->sets[i];

		if (KEY_REGIME(s->key) != KEY_VS || KEY_VMID(s->key) != vmid)
			continue;
		/* A VS set without first-stage translation has no ASID. */
		if (asid_valid && ((s->key >> 4) & 0xf) &&
		    KEY_ASID(s->key) != (asid & 0xffff))
			continue;
		fence_set(h, s, va_valid, va, asid_valid);
	}
}

/*
 * Entries map guest virtual addresses straight to supervisor-physical
 * ones and do not record the guest-physical page, so an address-specific
 * fence drops every entry of the VMID (or of every VMID).
 */
void dbt_mmu_hfence_gvma(struct dbt_hart *h, bool gpa_valid, uint64_t gpa,
			 bool vmid_valid, uint64_t vmid)
{
	struct dbt_mmu *m = &h->mmu;

	for (unsigned i = 1 + DBT_TLB_HS_SETS; i < DBT_TLB_SETS; i++) {
		struct dbt_tlb_set *s = &m->sets[i];

		if (KEY_REGIME(s->key) != KEY_VS)
			continue;
		if (vmid_valid && KEY_VMID(s->key) != (vmid & 0x3fff))
			continue;
		set_flush(h, s);
	}
}

int dbt_mmu_debug_access(struct dbt_hart *h, uint64_t va, void *buf, size_t len,
			 bool write)
{
	struct dbt_mmu_ctx c;
	uint8_t *p = buf;

	/* The context the hart's loads and stores use, kept out of the TLB. */
	data_ctx(h, 0, &c);
	c.cache = false;
	while (len) {
		size_t n = DBT_PAGE_SIZE - (va & ~DBT_PAGE_MASK);
		struct dbt_tlb_entry e;
		struct dbt_tlb_info i;
		struct fault f;
		unsigned prot;
		uint64_t pa;
		void *host;

		if (n > len)
			n = len;
		if (translate(h, &c, va, write ? ACC_STORE : ACC_LOAD, false,
			      true, &e, &i, &pa, &prot, &f))
			return -EFAULT;
		host = guestmem_ptr(mem_of(h), pa, n);
		if (!host)
			return -EFAULT;
		if (write) {
			memcpy(host, p, n);
			guestmem_written_host(mem_of(h), host, n);
		} else {
			memcpy(p, host, n);
		}
		va += n;
		p += n;
		len -= n;
	}
	return 0;
}
