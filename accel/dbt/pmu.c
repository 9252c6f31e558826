// SPDX-License-Identifier: MIT
/*
 * Hardware performance counters of the emulated hart: the privileged
 * ISA's "Hardware Performance Monitor" (mhpmcounter3..31, mhpmevent3..31,
 * mcountinhibit) and "Sscofpmf" (OF and xINH bits of mhpmevent, scountovf,
 * the local counter-overflow interrupt). The events are in pmu.h.
 */
#include "accel/dbt/pmu.h"

#include "accel/dbt/csr.h"
#include "accel/dbt/hart.h"
#include "riscv/riscv.h"

unsigned dbt_pmu_kind(uint64_t event)
{
	switch (event & DBT_PMU_EVENT_MASK) {
	case 0x00001:
		return DBT_PMU_CYCLES;
	case 0x00002:
		return DBT_PMU_INSNS;
	case 0x00005:
		return DBT_PMU_BRANCHES;
	case 0x10000:
		return DBT_PMU_LOADS;
	case 0x10002:
		return DBT_PMU_STORES;
	case 0x10019:
		return DBT_PMU_DTLB_LOAD;
	case 0x1001b:
		return DBT_PMU_DTLB_STORE;
	case 0x10021:
		return DBT_PMU_ITLB;
	default:
		return DBT_PMU_NONE;
	}
}

void dbt_pmu_events(uint32_t *out, unsigned max)
{
	static const uint32_t events[] = {0x00001, 0x00002, 0x00005, 0x10000,
					  0x10002, 0x10019, 0x1001b, 0x10021};
	unsigned n = 0;

	for (; n < sizeof(events) / sizeof(events[0]) && n + 1 < max; n++)
		out[n] = events[n];
	out[n] = 0;
}

uint64_t dbt_pmu_event_legalize(const struct dbt_hart *h, uint64_t val)
{
	uint64_t v = dbt_pmu_kind(val) ? val & DBT_PMU_EVENT_MASK : 0;

	if (dbt_has(h, ACCEL_EXT_SSCOFPMF)) {
		v |= val & (HPMEVENT_OF | HPMEVENT_MINH | HPMEVENT_SINH |
			    HPMEVENT_UINH);
		/* VS and VU exist only with H. */
		if (dbt_has(h, ACCEL_EXT_H))
			v |= val & (HPMEVENT_VSINH | HPMEVENT_VUINH);
	}
	return v;
}

/*
 * vm->pmu_op[op]: 1 in the field of each per-instruction event the op
 * is, so that one addition an op counts them all; a retirement is at
 * most a block (DBT_BLOCK_MAX ops), which a field holds.
 */
#define OP_BRANCH_SHIFT 0
#define OP_LOAD_SHIFT 10
#define OP_STORE_SHIFT 20
#define OP_FIELD 0x3ffu
_Static_assert(DBT_BLOCK_MAX <= OP_FIELD, "a block's count fits a field");

void dbt_pmu_vm_init(struct dbt_vm *vm)
{
	for (unsigned i = 0; i < RV_OP_COUNT; i++) {
		unsigned f = rv_op_attrs[i].flags;

		vm->pmu_op[i] = !!(f & (RV_A_BRANCH | RV_A_JUMP))
					<< OP_BRANCH_SHIFT |
				!!(f & RV_A_LOAD) << OP_LOAD_SHIFT |
				!!(f & RV_A_STORE) << OP_STORE_SHIFT;
	}
}

static bool per_insn(unsigned kind)
{
	return kind == DBT_PMU_BRANCHES || kind == DBT_PMU_LOADS ||
	       kind == DBT_PMU_STORES;
}

void dbt_pmu_update(struct dbt_hart *h)
{
	const struct dbt_csrs *c = &h->csr;

	h->pmu.counting = 0;
	h->pmu.per_insn = 0;
	for (unsigned i = 3; i < 32; i++) {
		unsigned kind = dbt_pmu_kind(c->mhpmevent[i]);

		h->pmu.kind[i] = kind;
		if (!kind || (c->mcountinhibit >> i) & 1)
			continue;
		h->pmu.counting |= 1u << i;
		if (per_insn(kind))
			h->pmu.per_insn |= 1u << i;
	}
	h->pmu_on = h->pmu.counting != 0;
}

/* The xINH bit that stops counting in the hart's current mode. */
static uint64_t inhibit_bit(const struct dbt_hart *h)
{
	if (h->priv == PRV_M)
		return HPMEVENT_MINH;
	if (h->virt)
		return h->priv == PRV_S ? HPMEVENT_VSINH : HPMEVENT_VUINH;
	return h->priv == PRV_S ? HPMEVENT_SINH : HPMEVENT_UINH;
}

/*
 * Adds @n to counter @i. An unsigned wrap sets OF and, if OF was clear,
 * raises the overflow interrupt (Sscofpmf); without Sscofpmf the
 * counter just wraps.
 */
static void add(struct dbt_hart *h, unsigned i, uint64_t n)
{
	struct dbt_csrs *c = &h->csr;
	uint64_t old = c->mhpmcounter[i];

	c->mhpmcounter[i] = old + n;
	if (c->mhpmcounter[i] >= old || !dbt_has(h, ACCEL_EXT_SSCOFPMF))
		return;
	if (c->mhpmevent[i] & HPMEVENT_OF)
		return;
	c->mhpmevent[i] |= HPMEVENT_OF;
	c->mip |= MIP_LCOFIP;
	dbt_hart_irq_recheck(h);
}

void dbt_pmu_retire(struct dbt_hart *h, const struct dbt_op *ops, uint64_t n)
{
	uint64_t inh = inhibit_bit(h);
	uint64_t count[DBT_PMU_ITLB + 1] = {0};
	uint32_t m = h->pmu.counting, skip = h->pmu.skip;

	count[DBT_PMU_CYCLES] = n;
	count[DBT_PMU_INSNS] = n;
	if (h->pmu.per_insn) {
		const uint32_t *tab = h->vm->pmu_op;
		uint32_t sum = 0;

		for (uint64_t k = 0; k < n; k++)
			sum += tab[ops[k].in.op];
		count[DBT_PMU_BRANCHES] = (sum >> OP_BRANCH_SHIFT) & OP_FIELD;
		count[DBT_PMU_LOADS] = (sum >> OP_LOAD_SHIFT) & OP_FIELD;
		count[DBT_PMU_STORES] = (sum >> OP_STORE_SHIFT) & OP_FIELD;
	}
	h->pmu.skip = 0;
	while (m) {
		unsigned i = __builtin_ctz(m);
		uint64_t c = count[h->pmu.kind[i]] - ((skip >> i) & 1);

		m &= m - 1;
		if (!(h->csr.mhpmevent[i] & inh) && c)
			add(h, i, c);
	}
}

int64_t dbt_pmu_budget(const struct dbt_hart *h)
{
	uint64_t inh = inhibit_bit(h), best = INT64_MAX;
	uint32_t m = h->pmu.counting;

	if (!dbt_has(h, ACCEL_EXT_SSCOFPMF))
		return INT64_MAX;
	while (m) {
		unsigned i = __builtin_ctz(m);
		unsigned kind = h->pmu.kind[i];
		uint64_t ev = h->csr.mhpmevent[i];

		m &= m - 1;
		if ((kind != DBT_PMU_CYCLES && kind != DBT_PMU_INSNS) ||
		    (ev & (inh | HPMEVENT_OF)))
			continue;
		/* Wraps after -counter more (counter 0: 2^64, never soon). */
		if (h->csr.mhpmcounter[i] && -h->csr.mhpmcounter[i] < best)
			best = -h->csr.mhpmcounter[i];
	}
	return (int64_t)best;
}

void dbt_pmu_event(struct dbt_hart *h, unsigned kind)
{
	uint64_t inh = inhibit_bit(h);
	uint32_t m = h->pmu.counting;

	while (m) {
		unsigned i = __builtin_ctz(m);

		m &= m - 1;
		if (h->pmu.kind[i] == kind && !(h->csr.mhpmevent[i] & inh))
			add(h, i, 1);
	}
}

void dbt_pmu_written(struct dbt_hart *h, unsigned i)
{
	unsigned kind = h->pmu.kind[i];

	/* The next retirement is the writer's: dbt_pmu_retire skips it. */
	if (((h->pmu.counting >> i) & 1) &&
	    (kind == DBT_PMU_CYCLES || kind == DBT_PMU_INSNS))
		h->pmu.skip |= 1u << i;
}

uint64_t dbt_pmu_scountovf(const struct dbt_hart *h)
{
	const struct dbt_csrs *c = &h->csr;
	uint64_t v = 0;

	for (unsigned i = 3; i < 32; i++)
		if (c->mhpmevent[i] & HPMEVENT_OF)
			v |= 1ull << i;
	/* Below M, only the bits the counter enables give access to. */
	if (h->priv != PRV_M)
		v &= c->mcounteren;
	if (h->virt)
		v &= c->hcounteren;
	return v;
}
