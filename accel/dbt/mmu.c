// SPDX-License-Identifier: MIT
/*
 * The hart's view of memory. Implements, from the RISC-V privileged ISA:
 * supervisor.adoc "Virtual Address Translation Process" (Sv39/Sv48/Sv57),
 * "Supervisor Memory-Management Fence Instruction"; machine.adoc "Memory
 * Privilege in mstatus" (MPRV, MXR, SUM), "Physical Memory Protection";
 * hypervisor.adoc "Two-Stage Address Translation", "Guest-Page Faults",
 * "Hypervisor Virtual-Machine Load and Store Instructions", "Hypervisor
 * Memory-Management Fence Instructions" and the mtinst pseudoinstructions;
 * svnapot.adoc (64 KiB NAPOT), svpbmt.adoc, svadu.adoc.
 */
#include "accel/dbt/mmu.h"

#include <string.h>

#include "accel/dbt/hart.h"
#include "riscv/riscv.h"
#include "devices/bus.h"
#include "base/guestmem.h"

enum { ACC_FETCH, ACC_LOAD, ACC_STORE };

/* Access classes a translation allows; PROT_XL: HLVX (execute, as data). */
enum { PROT_R = 1, PROT_W = 2, PROT_X = 4, PROT_XL = 8 };

enum { REGIME_NONE, REGIME_HS, REGIME_VS };

/* Key layout: see make_ctx(). */
#define KEY_VALID (1ull << 62)
#define KEY_GLOBAL (1ull << 30)
#define KEY_ASID(k) ((k)&0xffff)
#define KEY_VMID(k) (((k) >> 16) & 0x3fff)
#define KEY_REGIME(k) ((unsigned)((k) >> 32) & 3)

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

/* ---- contexts and keys ------------------------------------------- */

/*
 * Key bits: 15:0 ASID, 29:16 VMID, 30 global, 33:32 regime, 35:34
 * privilege, 36 SUM, 37 MXR, 38 vsstatus.MXR, 43:40 and 47:44 the
 * translation modes, 62 valid. A free entry's key is ~0, which no
 * context has.
 */
static void make_ctx(const struct dbt_hart *h, unsigned priv, bool virt,
		     bool data, struct dbt_mmu_ctx *c)
{
	const struct dbt_csrs *r = &h->csr;
	uint64_t key = KEY_VALID, asid = 0;
	bool asid_matters = false;

	memset(c, 0, sizeof(*c));
	c->priv = priv;
	c->virt = virt;
	c->cache = true;
	if (virt) {
		c->regime = REGIME_VS;
		if (data) {
			c->sum = priv == PRV_S && (r->vsstatus & MSTATUS_SUM);
			c->mxr = r->mstatus & MSTATUS_MXR;
			c->vmxr = r->vsstatus & MSTATUS_MXR;
		}
		key |= (uint64_t)(ATP_MODE(r->vsatp) & 0xf) << 40;
		key |= (uint64_t)(ATP_MODE(r->hgatp) & 0xf) << 44;
		key |= HGATP_VMID(r->hgatp) << 16;
		if (mode_levels(ATP_MODE(r->vsatp))) {
			asid = ATP_ASID(r->vsatp);
			asid_matters = true;
		}
	} else if (priv != PRV_M && mode_levels(ATP_MODE(r->satp))) {
		c->regime = REGIME_HS;
		if (data) {
			c->sum = priv == PRV_S && (r->mstatus & MSTATUS_SUM);
			c->mxr = r->mstatus & MSTATUS_MXR;
		}
		key |= (uint64_t)(ATP_MODE(r->satp) & 0xf) << 40;
		asid = ATP_ASID(r->satp);
		asid_matters = true;
	} else {
		c->regime = REGIME_NONE;
	}
	key |= (uint64_t)c->regime << 32 | (uint64_t)priv << 34 |
	       (uint64_t)c->sum << 36 | (uint64_t)c->mxr << 37 |
	       (uint64_t)c->vmxr << 38;
	c->gkey = key | KEY_GLOBAL;
	c->key = asid_matters ? key | asid : c->gkey;
}

/* The context of loads and stores: MPRV, or HLV/HSV. */
static void data_ctx(const struct dbt_hart *h, unsigned flags,
		     struct dbt_mmu_ctx *c)
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
	if (flags & (DBT_MMU_HLV | DBT_MMU_HLVX))
		c->cache = false;
}

void dbt_mmu_flush_all(struct dbt_hart *h)
{
	memset(h->mmu.tlb, 0xff, sizeof(h->mmu.tlb));
	h->mmu.super_lo = ~0ull;
	h->mmu.super_hi = 0;
}

void dbt_mmu_ctx_changed(struct dbt_hart *h)
{
	struct dbt_mmu *m = &h->mmu;
	const struct dbt_csrs *r = &h->csr;
	uint64_t envcfg = (r->menvcfg & (ENVCFG_ADUE | ENVCFG_PBMTE)) |
			  (r->henvcfg & (ENVCFG_ADUE | ENVCFG_PBMTE)) >> 2;

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
	m->fkey = m->fctx.key;
	m->fgkey = m->fctx.gkey;
	m->dkey = m->dctx.key;
	m->dgkey = m->dctx.gkey;
}

void dbt_mmu_init(struct dbt_hart *h)
{
	struct dbt_mmu *m = &h->mmu;

	memcpy(m->pmpcfg, h->csr.pmpcfg, sizeof(m->pmpcfg));
	memcpy(m->pmpaddr, h->csr.pmpaddr, sizeof(m->pmpaddr));
	m->envcfg = ~0ull; /* forces the flush below */
	dbt_mmu_ctx_changed(h);
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
		out->prot = PROT_R | PROT_W | PROT_X | PROT_XL;
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
	uint64_t *p = guestmem_ptr(h->vm->cfg.mem, spa, 8);

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
			if (i != 0 || (ppn & 0xf) != 8)
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
			if ((pte & PTE_R) || (s->mxr && (pte & PTE_X)))
				prot |= PROT_R;
			if (pte & PTE_W)
				prot |= PROT_W;
			if (pte & PTE_X)
				prot |= PROT_XL;
		}
		if (fetch_ok && (pte & PTE_X))
			prot |= PROT_X;
		switch (acc) {
		case ACC_FETCH:
			need = prot & PROT_X;
			break;
		case ACC_LOAD:
			need = prot & (hlvx ? PROT_XL : PROT_R);
			break;
		default:
			need = prot & PROT_W;
			break;
		}
		if (!need)
			return stage_fault(s, va, f);

		if (!(pte & PTE_A) || (acc == ACC_STORE && !(pte & PTE_D))) {
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
 * Translates @va for @acc in context @c. On success @e describes va's
 * page as a TLB entry and *@pa is the physical address.
 */
static int translate(struct dbt_hart *h, const struct dbt_mmu_ctx *c,
		     uint64_t va, unsigned acc, bool hlvx,
		     struct dbt_tlb_entry *e, uint64_t *pa, struct fault *f)
{
	const struct dbt_csrs *r = &h->csr;
	uint64_t tohost = h->vm->cfg.tohost;
	struct leaf l = {
		.pa = va,
		.prot = PROT_R | PROT_W | PROT_X | PROT_XL,
		.shift = DBT_PAGE_SHIFT,
		.global = true,
	};
	struct stage s = {0};
	void *host;
	unsigned pmpperm[3] = {PMP_R, PMP_W, PMP_X};
	uint64_t *tags[3] = {&e->tag_r, &e->tag_w, &e->tag_x};
	unsigned protbit[3] = {PROT_R, PROT_W, PROT_X};
	int k;

	if (c->regime == REGIME_HS) {
		stage_from_atp(&s, r->satp, 0);
		s.user = c->priv == PRV_U;
		s.sum = c->sum;
		s.mxr = c->mxr;
		s.pbmte = r->menvcfg & ENVCFG_PBMTE;
		s.adue = r->menvcfg & ENVCFG_ADUE;
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
		stage_from_atp(&s, r->vsatp, 0);
		if (s.levels) {
			s.user = c->priv == PRV_U;
			s.sum = c->sum;
			s.mxr = c->mxr || c->vmxr;
			s.pbmte = r->henvcfg & ENVCFG_PBMTE;
			s.adue = r->henvcfg & ENVCFG_ADUE;
			if (walk(h, &s, &g, va, acc, hlvx, &l, f))
				return -1;
		} else {
			l.global = true;
		}
		if (gstage(h, &g, l.pa, acc, hlvx, &gl, f))
			return -1;
		l.pa = gl.pa;
		l.prot &= gl.prot;
	}

	*pa = l.pa;
	e->vpage = va & DBT_PAGE_MASK;
	e->pa = l.pa & DBT_PAGE_MASK;
	e->key = l.global ? c->gkey : c->key;
	e->shift = l.shift;
	host = guestmem_ptr(h->vm->cfg.mem, e->pa, DBT_PAGE_SIZE);
	e->addend = host ? (uintptr_t)host - (uintptr_t)e->vpage : 0;
	for (k = 0; k < 3; k++) {
		uint64_t t = e->vpage;

		if (!(l.prot & protbit[k])) {
			*tags[k] = DBT_TLB_NONE;
			continue;
		}
		if (!host)
			t |= DBT_TLB_IO;
		if (!pmp_ok(h, e->pa, DBT_PAGE_SIZE, pmpperm[k], c->priv))
			t |= DBT_TLB_PMP;
		if (k == 1 && tohost &&
		    ((tohost & DBT_PAGE_MASK) == e->pa ||
		     ((tohost + 7) & DBT_PAGE_MASK) == e->pa))
			t |= DBT_TLB_HTIF;
		*tags[k] = t;
	}
	return 0;
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

static struct dbt_tlb_entry *tlb_slot(struct dbt_mmu *m, uint64_t va)
{
	return &m->tlb[(va >> DBT_PAGE_SHIFT) & (DBT_TLB_SIZE - 1)];
}

static uint64_t tag_of(const struct dbt_tlb_entry *e, unsigned acc)
{
	return acc == ACC_FETCH	 ? e->tag_x
	       : acc == ACC_LOAD ? e->tag_r
				 : e->tag_w;
}

static void note_super(struct dbt_mmu *m, const struct dbt_tlb_entry *e)
{
	uint64_t lo = e->vpage & ~((1ull << e->shift) - 1);
	uint64_t hi = lo + ((1ull << e->shift) - 1);

	if (lo < m->super_lo)
		m->super_lo = lo;
	if (hi > m->super_hi)
		m->super_hi = hi;
}

/*
 * Translates and checks one part of an access (all in one page): from the
 * TLB if it holds the page for this class, else by a walk that refills it.
 */
static int resolve(struct dbt_hart *h, const struct dbt_mmu_ctx *c, uint64_t va,
		   unsigned len, unsigned acc, unsigned flags, struct target *t)
{
	struct dbt_mmu *m = &h->mmu;
	struct dbt_tlb_entry *e = tlb_slot(m, va), tmp;
	bool hlvx = flags & DBT_MMU_HLVX;
	uint64_t tag = tag_of(e, acc), pa;
	unsigned perm;
	struct fault f;

	if (c->cache && !hlvx && (e->key == c->key || e->key == c->gkey) &&
	    tag != DBT_TLB_NONE &&
	    (tag & DBT_PAGE_MASK) == (va & DBT_PAGE_MASK)) {
		pa = e->pa | (va & ~DBT_PAGE_MASK);
	} else {
		if (translate(h, c, va, acc, hlvx, &tmp, &pa, &f)) {
			raise_fault(h, c, acc, va, &f);
			return -1;
		}
		if (c->cache && !hlvx) {
			*e = tmp;
			if (tmp.shift > DBT_PAGE_SHIFT)
				note_super(m, &tmp);
		}
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
	t->host = guestmem_ptr(h->vm->cfg.mem, pa, len);
	return 0;
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
		if (acc == ACC_STORE)
			ram_write(t[0].host, size, *val);
		else
			*val = ram_read(t[0].host, size);
	} else if (acc == ACC_STORE) {
		for (i = 0; i < size; i++)
			bytes[i] = *val >> (8 * i);
		for (i = 0, done = 0; i < n; done += len[i], i++)
			memcpy(t[i].host, bytes + done, len[i]);
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

static int __attribute__((noinline))
fetch_slow(struct dbt_hart *h, uint64_t pc, uint32_t *raw)
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

static int __attribute__((noinline))
load_slow(struct dbt_hart *h, uint64_t va, unsigned size, uint64_t *val,
	  unsigned flags)
{
	struct dbt_mmu_ctx hc;
	const struct dbt_mmu_ctx *c = &h->mmu.dctx;

	if (flags & (DBT_MMU_HLV | DBT_MMU_HLVX)) {
		data_ctx(h, flags, &hc);
		c = &hc;
	}
	return access_slow(h, c, va, size, ACC_LOAD, flags, val);
}

static int __attribute__((noinline))
store_slow(struct dbt_hart *h, uint64_t va, unsigned size, uint64_t val,
	   unsigned flags)
{
	struct dbt_mmu_ctx hc;
	const struct dbt_mmu_ctx *c = &h->mmu.dctx;

	if (flags & (DBT_MMU_HLV | DBT_MMU_HLVX)) {
		data_ctx(h, flags, &hc);
		c = &hc;
	}
	return access_slow(h, c, va, size, ACC_STORE, flags, &val);
}

/* ---- the fast paths ------------------------------------------------ */

int dbt_mmu_fetch(struct dbt_hart *h, uint64_t pc, uint32_t *raw)
{
	struct dbt_mmu *m = &h->mmu;
	const struct dbt_tlb_entry *e = tlb_slot(m, pc);

	if (__builtin_expect((pc & (DBT_PAGE_MASK | 1)) == e->tag_x &&
				     (e->key == m->fkey || e->key == m->fgkey),
			     1)) {
		const uint8_t *p = (const uint8_t *)(e->addend + pc);
		uint16_t lo;

		memcpy(&lo, p, 2);
		if ((lo & 3) != 3) {
			*raw = lo;
			return 0;
		}
		if ((pc & ~DBT_PAGE_MASK) != DBT_PAGE_SIZE - 2) {
			uint16_t hi;

			memcpy(&hi, p + 2, 2);
			*raw = lo | (uint32_t)hi << 16;
			return 0;
		}
	}
	return fetch_slow(h, pc, raw);
}

int dbt_mmu_load(struct dbt_hart *h, uint64_t va, unsigned size, uint64_t *val,
		 unsigned flags)
{
	struct dbt_mmu *m = &h->mmu;
	const struct dbt_tlb_entry *e = tlb_slot(m, va);

	if (__builtin_expect(
		    !flags && (va & (DBT_PAGE_MASK | (size - 1))) == e->tag_r &&
			    (e->key == m->dkey || e->key == m->dgkey),
		    1)) {
		*val = ram_read((const void *)(e->addend + va), size);
		return 0;
	}
	return load_slow(h, va, size, val, flags);
}

int dbt_mmu_store(struct dbt_hart *h, uint64_t va, unsigned size, uint64_t val,
		  unsigned flags)
{
	struct dbt_mmu *m = &h->mmu;
	const struct dbt_tlb_entry *e = tlb_slot(m, va);

	if (__builtin_expect(
		    !flags && (va & (DBT_PAGE_MASK | (size - 1))) == e->tag_w &&
			    (e->key == m->dkey || e->key == m->dgkey),
		    1)) {
		ram_write((void *)(e->addend + va), size, val);
		return 0;
	}
	return store_slow(h, va, size, val, flags);
}

int dbt_mmu_amo_ptr(struct dbt_hart *h, uint64_t va, unsigned size,
		    bool is_load, void **host)
{
	struct dbt_mmu *m = &h->mmu;
	const struct dbt_tlb_entry *e = tlb_slot(m, va);
	const struct dbt_mmu_ctx *c = &m->dctx;
	unsigned acc = is_load ? ACC_LOAD : ACC_STORE;
	struct target t;

	if (va & (size - 1)) {
		raise_exc(h, c,
			  is_load ? EXC_LOAD_MISALIGNED : EXC_STORE_MISALIGNED,
			  va);
		return -1;
	}
	if ((va & DBT_PAGE_MASK) == tag_of(e, acc) &&
	    (e->key == m->dkey || e->key == m->dgkey)) {
		*host = (void *)(e->addend + va);
		return 0;
	}
	if (resolve(h, c, va, size, acc, 0, &t))
		return -1;
	if (!t.host) {
		raise_access(h, c, acc, va);
		return -1;
	}
	if (!is_load && touches_tohost(h, t.pa, size))
		h->htif_written = true;
	*host = t.host;
	return 0;
}

int dbt_mmu_cbo(struct dbt_hart *h, uint64_t va, unsigned len)
{
	const struct dbt_mmu_ctx *c = &h->mmu.dctx;
	struct dbt_exc saved = h->exc;
	struct target t;

	if (!resolve(h, c, va, len, ACC_LOAD, 0, &t))
		return 0;
	h->exc = saved;
	return resolve(h, c, va, len, ACC_STORE, 0, &t);
}

/* ---- fences -------------------------------------------------------- */

/* Whether @e maps part of the leaf page that holds @va. */
static bool covers(const struct dbt_tlb_entry *e, uint64_t va)
{
	uint64_t mask = e->shift >= 64 ? 0 : ~((1ull << e->shift) - 1);

	return ((e->vpage ^ va) & mask) == 0;
}

static void invalidate(struct dbt_tlb_entry *e)
{
	memset(e, 0xff, sizeof(*e));
}

/*
 * Drops the entries of @regime (for the VS regime: of @vmid) that match
 * the address and ASID, global entries being kept when an ASID is given.
 */
static void fence(struct dbt_hart *h, unsigned regime, uint64_t vmid,
		  bool va_valid, uint64_t va, bool asid_valid, uint64_t asid)
{
	struct dbt_mmu *m = &h->mmu;
	unsigned i;

	if (va_valid && (va < m->super_lo || va > m->super_hi)) {
		struct dbt_tlb_entry *e = tlb_slot(m, va);

		if (e->key == ~0ull || KEY_REGIME(e->key) != regime ||
		    (regime == REGIME_VS && KEY_VMID(e->key) != vmid))
			return;
		if (asid_valid && ((e->key & KEY_GLOBAL) ||
				   KEY_ASID(e->key) != (asid & 0xffff)))
			return;
		if (covers(e, va))
			invalidate(e);
		return;
	}
	for (i = 0; i < DBT_TLB_SIZE; i++) {
		struct dbt_tlb_entry *e = &m->tlb[i];

		if (e->key == ~0ull || KEY_REGIME(e->key) != regime)
			continue;
		if (regime == REGIME_VS && KEY_VMID(e->key) != vmid)
			continue;
		if (asid_valid && ((e->key & KEY_GLOBAL) ||
				   KEY_ASID(e->key) != (asid & 0xffff)))
			continue;
		if (va_valid && !covers(e, va))
			continue;
		invalidate(e);
	}
}

void dbt_mmu_sfence(struct dbt_hart *h, bool va_valid, uint64_t va,
		    bool asid_valid, uint64_t asid)
{
	if (h->virt) {
		dbt_mmu_hfence_vvma(h, va_valid, va, asid_valid, asid);
		return;
	}
	/* The full form also resynchronises PMP, which every entry caches. */
	if (!va_valid && !asid_valid) {
		dbt_mmu_flush_all(h);
		return;
	}
	fence(h, REGIME_HS, 0, va_valid, va, asid_valid, asid);
}

void dbt_mmu_hfence_vvma(struct dbt_hart *h, bool va_valid, uint64_t va,
			 bool asid_valid, uint64_t asid)
{
	fence(h, REGIME_VS, HGATP_VMID(h->csr.hgatp), va_valid, va, asid_valid,
	      asid);
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
	unsigned i;

	for (i = 0; i < DBT_TLB_SIZE; i++) {
		struct dbt_tlb_entry *e = &m->tlb[i];

		if (e->key == ~0ull || KEY_REGIME(e->key) != REGIME_VS)
			continue;
		if (vmid_valid && KEY_VMID(e->key) != (vmid & 0x3fff))
			continue;
		invalidate(e);
	}
}
