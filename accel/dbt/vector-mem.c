/* SPDX-License-Identifier: MIT */
/*
 * RISC-V "V" extension, "Vector Loads and Stores" and "Vector Memory
 * Alignment Constraints": unit-stride (with the mask and whole-register
 * forms), constant-stride, indexed (ordered and unordered),
 * fault-only-first and segment loads and stores.
 *
 * Elements are accessed in element order through the MMU (the TLB's fast
 * path, or the slow path for misses, devices, watched pages and
 * misaligned elements), so a fault is precise: the elements before it
 * are done and vstart names the faulting element (segment). Runs of
 * contiguous elements that a TLB entry maps to RAM are copied a page at
 * a time.
 */
#include <string.h>

#include "accel/dbt/csr.h"
#include "accel/dbt/mmu.h"
#include "accel/dbt/vector-internal.h"

/* One element of @eew bytes between memory at @va and element i of @reg. */
static int elem_access(struct dbt_hart *h, uint64_t va, unsigned eew,
		       uint8_t *reg, uint32_t i, bool store)
{
	uint64_t v;

	if (store)
		return dbt_mmu_store(h, va, eew, elem_get(reg, eew, i), 0);
	if (dbt_mmu_load(h, va, eew, &v, 0))
		return -1;
	elem_set(reg, eew, i, v);
	return 0;
}

/*
 * Elements [i, end) of @reg, unmasked, between @reg and the bytes at
 * @base + i * eew. Returns 0, or -1 with *@at the faulting element.
 */
static int contiguous(struct dbt_hart *h, uint64_t base, unsigned eew,
		      uint8_t *reg, uint32_t i, uint32_t end, bool store,
		      uint32_t *at)
{
	while (i < end) {
		uint64_t va = base + (uint64_t)i * eew;
		uint64_t room = DBT_PAGE_SIZE - (va & ~DBT_PAGE_MASK);
		struct dbt_tlb_entry *e =
			&h->dtlb[(va >> DBT_PAGE_SHIFT) & (DBT_TLB_SIZE - 1)];
		uint64_t tag =
			store ? __atomic_load_n(&e->tag_w, __ATOMIC_RELAXED)
			      : e->tag_r;
		uint32_t n = room / eew;

		if (n > end - i)
			n = end - i;
		/* A page of RAM needing no check: copy what lies in it. */
		if (n && tag == (va & DBT_PAGE_MASK)) {
			void *host = (void *)(e->addend + va);

			if (store)
				memcpy(host, reg + (size_t)i * eew,
				       (size_t)n * eew);
			else
				memcpy(reg + (size_t)i * eew, host,
				       (size_t)n * eew);
			i += n;
			continue;
		}
		/* One element through the MMU: it fills the TLB or faults. */
		if (elem_access(h, va, eew, reg, i, store)) {
			*at = i;
			return -1;
		}
		i++;
	}
	return 0;
}

static unsigned width_bytes(uint32_t raw)
{
	switch ((raw >> 12) & 7) {
	case 0:
		return 1;
	case 5:
		return 2;
	case 6:
		return 4;
	default:
		return 8;
	}
}

/* A fault at element (segment) @i: it is where the instruction resumes. */
static int fault_at(struct vctx *c, uint32_t i)
{
	c->h->csr.vstart = i;
	dbt_csr_vs_dirty(c->h);
	return -1;
}

/* vl<nf>re<eew>.v and vs<nf>r.v: whole registers, from vstart. */
static int whole(struct vctx *c, bool store)
{
	unsigned nreg = ((c->raw >> 29) & 7) + 1;
	unsigned eew = store ? 1 : width_bytes(c->raw);
	uint32_t evl = nreg * c->h->vlenb / eew, at;
	uint64_t base = c->h->x[c->vs1];

	if (!group_ok(c->vd, __builtin_ctz(nreg)))
		return vec_illegal(c);
	if (c->h->csr.vstart >= evl)
		return 0;
	if (contiguous(c->h, base, eew, vreg(c, c->vd), c->h->csr.vstart, evl,
		       store, &at))
		return fault_at(c, at);
	return 0;
}

/* vlm.v and vsm.v: ceil(vl / 8) bytes, vstart counting bytes. */
static int mask_mem(struct vctx *c, bool store)
{
	uint32_t evl = (c->vl + 7) / 8, at;

	if (c->vstart >= evl)
		return 0;
	if (contiguous(c->h, c->h->x[c->vs1], 1, vreg(c, c->vd), c->vstart, evl,
		       store, &at))
		return fault_at(c, at);
	return 0;
}

int vec_mem(struct vctx *c)
{
	struct dbt_hart *h = c->h;
	bool store = c->op >= RV_OP_vse && c->op <= RV_OP_vsr;
	bool indexed = c->op == RV_OP_vluxei || c->op == RV_OP_vloxei ||
		       c->op == RV_OP_vsuxei || c->op == RV_OP_vsoxei;
	bool ff = c->op == RV_OP_vleff;
	unsigned nf = ((c->raw >> 29) & 7) + 1;
	unsigned w = width_bytes(c->raw), eew, fregs;
	uint64_t base = h->x[c->vs1], stride = 0;
	const uint8_t *index = NULL;
	int el, il = 0;
	uint32_t at;

	switch (c->op) {
	case RV_OP_vlr:
		return whole(c, false);
	case RV_OP_vsr:
		return whole(c, true);
	case RV_OP_vlm:
		return mask_mem(c, false);
	case RV_OP_vsm:
		return mask_mem(c, true);
	}

	/* Data EEW/EMUL: encoded for unit and constant stride, SEW/LMUL for
	 * indexed (whose encoded width is the index's). */
	if (indexed) {
		eew = c->sew;
		el = c->lmul;
		il = c->lmul + __builtin_ctz(w) - __builtin_ctz(c->sew);
		if (il < -3 || il > 3 || !group_ok(c->vs2, il))
			return vec_illegal(c);
		index = vreg(c, c->vs2);
	} else {
		eew = w;
		el = c->lmul + __builtin_ctz(w) - __builtin_ctz(c->sew);
		if (el < -3 || el > 3)
			return vec_illegal(c);
	}
	fregs = group_regs(el);
	if (!group_ok(c->vd, el) || nf * fregs > 8 || c->vd + nf * fregs > 32)
		return vec_illegal(c);
	if (!store && c->mask && c->vd == 0)
		return vec_illegal(c);
	/* A load's destination and its index source (segments: no overlap). */
	if (!store && indexed) {
		if (nf > 1 &&
		    overlap(c->vd, nf * fregs, c->vs2, group_regs(il)))
			return vec_illegal(c);
		if (nf == 1 && eew != w &&
		    !vec_overlap_ok(c->vd, el, eew > w, c->vs2, il))
			return vec_illegal(c);
	}
	if (c->op == RV_OP_vlse || c->op == RV_OP_vsse)
		stride = h->x[(c->raw >> 20) & 31];
	else if (!indexed)
		stride = (uint64_t)nf * eew;

	/* The common case: unit stride, one field, no mask. */
	if (!indexed && !c->mask && nf == 1 && stride == eew) {
		if (c->vstart >= c->vl)
			return 0;
		if (!contiguous(h, base, eew, vreg(c, c->vd), c->vstart, c->vl,
				store, &at))
			return 0;
		if (ff && at > 0) {
			h->csr.vl = at;
			return 0;
		}
		return fault_at(c, at);
	}

	for (uint32_t i = c->vstart; i < c->vl; i++) {
		uint64_t addr;

		if (!active(c, i))
			continue;
		if (indexed)
			addr = base + elem_get(index, w, i);
		else
			addr = base + i * stride;
		for (unsigned f = 0; f < nf; f++) {
			uint8_t *reg = vreg(c, c->vd + f * fregs);

			if (!elem_access(h, addr + f * eew, eew, reg, i, store))
				continue;
			if (ff && i > 0) {
				h->csr.vl = i;
				return 0;
			}
			return fault_at(c, i);
		}
	}
	return 0;
}
