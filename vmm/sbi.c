// SPDX-License-Identifier: MIT
/*
 * The SBI, as the RISC-V Supervisor Binary Interface Specification v2.0
 * defines it: chapters "Binary Encoding", "Base Extension", "Legacy
 * Extensions", "Timer Extension", "IPI Extension", "RFENCE Extension",
 * "Hart State Management Extension", "System Reset Extension", "Debug
 * Console Extension" and "Performance Monitoring Unit Extension".
 */
#include "vmm/sbi.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "devices/chardev.h"
#include "base/clock.h"
#include "base/guestmem.h"
#include "base/record.h"
#include "base/timer.h"
#include "vmm/vcpu.h"
#include "vmm/vm.h"

#define CSR_SIP 0x144
#define CSR_SATP 0x180
#define CSR_MVENDORID 0xf11 /* then marchid, mimpid */
#define CSR_MCOUNTINHIBIT 0x320
#define CSR_MHPMEVENT0 0x320 /* mhpmevent3 is 0x323 */
#define CSR_MCYCLE 0xb00     /* minstret, mhpmcounterN at 0xb00 + N */
#define CSR_CYCLE 0xc00	     /* what S-mode reads: 0xc00 + N */
#define SIP_SSIP (1ULL << ACCEL_IRQ_SSIP)

/* mhpmevent's Sscofpmf bits: OF, then MINH, SINH, UINH, VSINH, VUINH. */
#define HPMEVENT_OF (1ULL << 63)
#define HPMEVENT_INH_SHIFT 58

/* A DBCN write longer than this is cut short (the spec allows it). */
#define SBI_DBCN_MAX 4096

struct sbi_hart {
	struct sbi *sbi;
	struct vcpu *v;
	struct timer timer;
	pthread_mutex_t lock;
	uint64_t deadline_ns; /* host time STIP is due; UINT64_MAX: never */
	/* PMU counters (by counter_idx) given an event, and started. */
	uint32_t pmu_configured, pmu_started;
};

struct sbiret {
	int64_t error;
	uint64_t value;
};

static const struct accel_ops *sbi_ops(struct sbi *s)
{
	return s->vm->accel;
}

/* Console input. */

static size_t sbi_console_receive(void *fe, const void *buf, size_t len)
{
	struct sbi_console *c = fe;
	size_t n, i;

	pthread_mutex_lock(&c->lock);
	n = sizeof(c->buf) - c->len;
	if (n > len)
		n = len;
	for (i = 0; i < n; i++)
		c->buf[(c->head + c->len + i) % sizeof(c->buf)] =
			((const uint8_t *)buf)[i];
	c->len += n;
	if (n < len)
		c->refused = true;
	pthread_mutex_unlock(&c->lock);
	return n;
}

void sbi_console_attach(struct sbi_console *c, struct chardev *cd)
{
	memset(c, 0, sizeof(*c));
	pthread_mutex_init(&c->lock, NULL);
	c->cd = cd;
	if (cd) {
		cd->fe = c;
		cd->receive = sbi_console_receive;
	}
}

void sbi_console_detach(struct sbi_console *c)
{
	if (c->cd) {
		c->cd->receive = NULL;
		c->cd->fe = NULL;
	}
	pthread_mutex_destroy(&c->lock);
}

int sbi_console_getc(struct sbi_console *c)
{
	bool resume;
	int ch = -1;

	if (!c)
		return -1;
	pthread_mutex_lock(&c->lock);
	if (c->len) {
		ch = c->buf[c->head];
		c->head = (c->head + 1) % sizeof(c->buf);
		c->len--;
	}
	resume = c->refused && ch >= 0;
	if (resume)
		c->refused = false;
	pthread_mutex_unlock(&c->lock);
	if (resume)
		chardev_resume(c->cd);
	return ch;
}

/* Hart lists. */

typedef void sbi_hart_fn(struct sbi *s, struct vcpu *target, void *arg);

/*
 * Applies @fn to every hart of (@mask, @base), base -1 meaning all harts.
 * Every hartid is checked before any is acted on.
 */
static int64_t sbi_for_harts(struct sbi *s, uint64_t mask, uint64_t base,
			     sbi_hart_fn *fn, void *arg)
{
	unsigned n = s->vm->ncpus, i;

	if (base == UINT64_MAX) {
		for (i = 0; i < n; i++)
			fn(s, &s->vm->vcpus[i], arg);
		return SBI_SUCCESS;
	}
	for (i = 0; i < 64; i++) {
		if (!(mask >> i & 1))
			continue;
		if (base + i < base || base + i >= n)
			return SBI_ERR_INVALID_PARAM;
	}
	for (i = 0; i < 64; i++)
		if (mask >> i & 1)
			fn(s, &s->vm->vcpus[base + i], arg);
	return SBI_SUCCESS;
}

static void sbi_ipi_one(struct sbi *s, struct vcpu *t, void *arg)
{
	sbi_ops(s)->vcpu_set_irq(t->av, ACCEL_IRQ_SSIP, 1);
}

static void sbi_fence_one(struct sbi *s, struct vcpu *t, void *arg)
{
	sbi_ops(s)->vcpu_fence(t->av, *(unsigned *)arg);
}

/*
 * Reads one unsigned long of S-mode virtual memory, for the legacy calls
 * that pass a pointer: Sv39/Sv48/Sv57 as the privileged spec's "Virtual
 * Address Translation Process" walks them, without setting A/D bits.
 */
static int sbi_read_virt(struct sbi *s, struct vcpu *v, uint64_t va,
			 uint64_t *val)
{
	const struct guestmem *mem = &s->vm->mem;
	uint64_t satp, a, pte, pa, *p;
	int levels, i, vabits;

	if (va & 7)
		return -EFAULT;
	if (sbi_ops(s)->get_reg(v->av, ACCEL_REG_CSR0 + CSR_SATP, &satp))
		return -EFAULT;
	switch (satp >> 60) {
	case 0:
		pa = va;
		goto read;
	case 8:
		levels = 3;
		break;
	case 9:
		levels = 4;
		break;
	case 10:
		levels = 5;
		break;
	default:
		return -EFAULT;
	}
	vabits = 12 + 9 * levels;
	/* Bits above the top one must copy it. */
	if ((uint64_t)((int64_t)(va << (64 - vabits)) >> (64 - vabits)) != va)
		return -EFAULT;
	a = (satp & ((1ULL << 44) - 1)) << 12;
	for (i = levels - 1; i >= 0; i--) {
		uint64_t vpn = (va >> (12 + 9 * i)) & 0x1ff;
		uint64_t ppn;

		p = guestmem_ptr(mem, a + vpn * 8, 8);
		if (!p)
			return -EFAULT;
		pte = __atomic_load_n(p, __ATOMIC_RELAXED);
		if (!(pte & 1) || ((pte & 6) == 4))
			return -EFAULT;
		ppn = (pte >> 10) & ((1ULL << 44) - 1);
		if (!(pte & 0xa)) { /* neither R nor X: next level */
			a = ppn << 12;
			continue;
		}
		if (!(pte & 2))
			return -EFAULT;
		/* A superpage's low PPN bits must be zero. */
		if (ppn & ((1ULL << (9 * i)) - 1))
			return -EFAULT;
		pa = (ppn << 12) | (va & ((1ULL << (12 + 9 * i)) - 1));
		goto read;
	}
	return -EFAULT;

read:
	p = guestmem_ptr(mem, pa, 8);
	if (!p)
		return -EFAULT;
	*val = __atomic_load_n(p, __ATOMIC_RELAXED);
	return 0;
}

/*
 * The legacy calls' hart mask: a pointer to ceil(harts / 64) unsigned
 * longs; a NULL pointer means every hart, as other SBI implementations
 * take it. Bits for harts that do not exist are ignored.
 */
static int64_t sbi_legacy_for_harts(struct sbi *s, struct vcpu *v, uint64_t ptr,
				    sbi_hart_fn *fn, void *arg)
{
	unsigned n = s->vm->ncpus, w;
	uint64_t mask;

	if (!ptr)
		return sbi_for_harts(s, 0, UINT64_MAX, fn, arg);
	for (w = 0; w * 64 < n; w++) {
		if (sbi_read_virt(s, v, ptr + w * 8, &mask))
			return SBI_ERR_INVALID_ADDRESS;
		if (n - w * 64 < 64)
			mask &= (1ULL << (n - w * 64)) - 1;
		sbi_for_harts(s, mask, w * 64, fn, arg);
	}
	return SBI_SUCCESS;
}

/* TIME */

static void sbi_timer_fired(void *opaque)
{
	struct sbi_hart *h = opaque;
	uint64_t due;

	pthread_mutex_lock(&h->lock);
	due = h->deadline_ns;
	/* A timer set again since it was armed must not fire early. */
	if (due != UINT64_MAX && clock_now_ns() >= due)
		sbi_ops(h->sbi)->vcpu_set_irq(h->v->av, ACCEL_IRQ_STIP, 1);
	pthread_mutex_unlock(&h->lock);
	if (due != UINT64_MAX && clock_now_ns() < due)
		timer_arm(&h->timer, due);
}

static void sbi_set_timer(struct sbi *s, struct vcpu *v, uint64_t stime)
{
	struct sbi_hart *h = &s->harts[v->hartid];
	uint64_t due = clock_deadline_ns(s->vm->clock_origin_ns, stime);
	bool arm;

	pthread_mutex_lock(&h->lock);
	h->deadline_ns = due;
	sbi_ops(s)->vcpu_set_irq(v->av, ACCEL_IRQ_STIP, 0);
	arm = due != UINT64_MAX && clock_now_ns() < due;
	if (due != UINT64_MAX && !arm)
		sbi_ops(s)->vcpu_set_irq(v->av, ACCEL_IRQ_STIP, 1);
	pthread_mutex_unlock(&h->lock);
	/* Outside the lock: the callback takes it. */
	if (arm)
		timer_arm(&h->timer, due);
	else
		timer_disarm(&h->timer);
}

/* BASE */

static bool sbi_probe(struct sbi *s, uint64_t eid)
{
	switch (eid) {
	case SBI_EXT_PMU:
		return accel_isa_has(&s->vm->isa, ACCEL_EXT_ZICNTR);
	case SBI_EXT_LEGACY_SET_TIMER ... SBI_EXT_LEGACY_SHUTDOWN:
	case SBI_EXT_BASE:
	case SBI_EXT_TIME:
	case SBI_EXT_IPI:
	case SBI_EXT_RFENCE:
	case SBI_EXT_HSM:
	case SBI_EXT_SRST:
	case SBI_EXT_DBCN:
		return true;
	default:
		return false;
	}
}

static uint64_t sbi_impl_version(void)
{
	return (uint64_t)HVRUN_VERSION_MAJOR << 16 | HVRUN_VERSION_MINOR;
}

static struct sbiret sbi_base(struct sbi *s, struct vcpu *v, uint64_t fid,
			      const uint64_t *a)
{
	struct sbiret r = {SBI_SUCCESS, 0};
	unsigned csr;

	switch (fid) {
	case 0:
		r.value = SBI_SPEC_VERSION;
		break;
	case 1:
		r.value = SBI_IMPL_ID_HVRUN;
		break;
	case 2:
		r.value = sbi_impl_version();
		break;
	case 3:
		r.value = sbi_probe(s, a[0]);
		break;
	case 4:
	case 5:
	case 6:
		csr = CSR_MVENDORID + (unsigned)(fid - 4);
		/* 0 is always a legal value, and what we say without one. */
		if (sbi_ops(s)->get_reg(v->av, ACCEL_REG_CSR0 + csr, &r.value))
			r.value = 0;
		break;
	default:
		r.error = SBI_ERR_NOT_SUPPORTED;
		break;
	}
	return r;
}

/* RFENCE */

static struct sbiret sbi_rfence(struct sbi *s, uint64_t fid, const uint64_t *a)
{
	struct sbiret r = {SBI_SUCCESS, 0};
	unsigned kind;

	switch (fid) {
	case 0:
		kind = ACCEL_FENCE_I;
		break;
	case 1:
		kind = ACCEL_FENCE_VMA;
		break;
	case 2:
		/* ASIDs are at most 16 bits wide on RV64. */
		if (a[4] > 0xffff) {
			r.error = SBI_ERR_INVALID_PARAM;
			return r;
		}
		kind = ACCEL_FENCE_VMA;
		break;
	case 3 ... 6:
		/* The HFENCE calls need harts with the H extension. */
		if (!accel_isa_has(&s->vm->isa, ACCEL_EXT_H)) {
			r.error = SBI_ERR_NOT_SUPPORTED;
			return r;
		}
		/* HFENCE.GVMA(_VMID), HFENCE.VVMA(_ASID), as whole flushes. */
		kind = fid <= 4 ? ACCEL_FENCE_GVMA : ACCEL_FENCE_VMA;
		break;
	default:
		r.error = SBI_ERR_NOT_SUPPORTED;
		return r;
	}
	/* A whole flush is a correct, if slower, ranged fence. */
	r.error = sbi_for_harts(s, a[0], a[1], sbi_fence_one, &kind);
	return r;
}

/* HSM */

static bool sbi_valid_code_addr(struct sbi *s, uint64_t addr)
{
	return guestmem_ptr(&s->vm->mem, addr, 2) != NULL;
}

static struct sbiret sbi_hsm(struct sbi *s, struct vcpu *v,
			     struct accel_exit *e)
{
	const uint64_t *a = e->sbi.args;
	uint64_t fid = e->sbi.fid;
	struct sbiret r = {SBI_SUCCESS, 0};
	uint32_t type;

	switch (fid) {
	case 0: /* hart_start(hartid, start_addr, opaque) */
		if (a[0] >= s->vm->ncpus)
			r.error = SBI_ERR_INVALID_PARAM;
		else if (!sbi_valid_code_addr(s, a[1]))
			r.error = SBI_ERR_INVALID_ADDRESS;
		else if (vcpu_hsm_start(&s->vm->vcpus[a[0]], a[1], a[2]))
			r.error = SBI_ERR_ALREADY_AVAILABLE;
		break;
	case 1: /* hart_stop(): returns only when it fails */
		vcpu_hsm_stop(v);
		break;
	case 2: /* hart_get_status(hartid) */
		if (a[0] >= s->vm->ncpus)
			r.error = SBI_ERR_INVALID_PARAM;
		else
			r.value = vcpu_hsm_state(&s->vm->vcpus[a[0]]);
		break;
	case 3: /* hart_suspend(type, resume_addr, opaque) */
		type = (uint32_t)a[0];
		if (type == 0) {
			/* Default retentive: the call returns after a wake-up. */
			vcpu_hsm_suspend(v, true, 0, 0);
			break;
		}
		if (type != 0x80000000) {
			/* Reserved, or platform-specific and not implemented. */
			r.error = SBI_ERR_INVALID_PARAM;
			break;
		}
		if (!sbi_valid_code_addr(s, a[1])) {
			r.error = SBI_ERR_INVALID_ADDRESS;
			break;
		}
		/* Default non-retentive: resumes at resume_addr. */
		vcpu_hsm_suspend(v, false, a[1], a[2]);
		break;
	default:
		r.error = SBI_ERR_NOT_SUPPORTED;
		break;
	}
	return r;
}

/* PMU */

enum {
	PMU_NUM_COUNTERS,
	PMU_COUNTER_GET_INFO,
	PMU_COUNTER_CONFIG_MATCHING,
	PMU_COUNTER_START,
	PMU_COUNTER_STOP,
	PMU_COUNTER_FW_READ,
	PMU_COUNTER_FW_READ_HI,
	PMU_SNAPSHOT_SET_SHMEM,
	PMU_EVENT_GET_INFO,
};

#define PMU_CFG_SKIP_MATCH (1ULL << 0)
#define PMU_CFG_CLEAR_VALUE (1ULL << 1)
#define PMU_CFG_AUTO_START (1ULL << 2)
#define PMU_CFG_FLAGS 0xffULL /* bits 3..7: VUINH, VSINH, UINH, SINH, MINH */
#define PMU_START_SET_INIT_VALUE (1ULL << 0)
#define PMU_START_INIT_SNAPSHOT (1ULL << 1)
#define PMU_STOP_RESET (1ULL << 0)
#define PMU_STOP_TAKE_SNAPSHOT (1ULL << 1)

/* Event codes, as mhpmevent takes them (accel/dbt/pmu.h). */
#define PMU_EV_CYCLES 0x00001
#define PMU_EV_INSTRUCTIONS 0x00002

/* The counters (bits by counter_idx) the harts have. */
static uint32_t pmu_counters(const struct sbi *s)
{
	uint32_t m = 0;

	if (accel_isa_has(&s->vm->isa, ACCEL_EXT_ZICNTR))
		m |= 1u << 0 | 1u << 2;
	if (accel_isa_has(&s->vm->isa, ACCEL_EXT_ZIHPM))
		m |= 0xfffffff8u;
	return m;
}

/*
 * The mhpmevent value for (@idx, @data), or 0 when the harts do not
 * count that event.
 */
static uint64_t pmu_event(uint64_t idx, uint64_t data)
{
	uint64_t ev;

	switch (idx >> 16) {
	case 0: /* hardware general events */
	case 1: /* hardware cache events */
		ev = idx & 0xfffff;
		break;
	case 2: /* raw, 48 bits */
		ev = (idx & 0xffff) ? 0 : data & ((1ULL << 48) - 1);
		break;
	case 3: /* raw v2, 56 bits */
		ev = (idx & 0xffff) ? 0 : data & ((1ULL << 56) - 1);
		break;
	default: /* firmware events: none */
		return 0;
	}
	switch (ev) {
	case 0x00001: /* cycles */
	case 0x00002: /* instructions */
	case 0x00005: /* branch instructions */
	case 0x10000: /* L1D read accesses */
	case 0x10002: /* L1D write accesses */
	case 0x10019: /* DTLB read misses */
	case 0x1001b: /* DTLB write misses */
	case 0x10021: /* ITLB read misses */
		return ev;
	default:
		return 0;
	}
}

static int pmu_csr_get(struct sbi *s, struct vcpu *v, unsigned csr,
		       uint64_t *val)
{
	return sbi_ops(s)->get_reg(v->av, ACCEL_REG_CSR0 + csr, val);
}

static int pmu_csr_set(struct sbi *s, struct vcpu *v, unsigned csr,
		       uint64_t val)
{
	return sbi_ops(s)->set_reg(v->av, ACCEL_REG_CSR0 + csr, val);
}

/* mcountinhibit bit @i set (stop) or clear (run). */
static void pmu_inhibit(struct sbi *s, struct vcpu *v, unsigned i, bool stop)
{
	uint64_t inh = 0;

	pmu_csr_get(s, v, CSR_MCOUNTINHIBIT, &inh);
	inh = stop ? inh | 1ULL << i : inh & ~(1ULL << i);
	pmu_csr_set(s, v, CSR_MCOUNTINHIBIT, inh);
}

/*
 * The counters of (@base, @mask), or -1 when one of them is not a
 * counter the harts have.
 */
static int64_t pmu_set(struct sbi *s, uint64_t base, uint64_t mask)
{
	uint64_t set;

	if (base >= 64)
		return -1;
	set = mask << base;
	if ((set >> base) != mask || set >> 32 || (set & ~pmu_counters(s)))
		return -1;
	return (int64_t)set;
}

/* cycle and instret count their one event only; hpm counters any. */
static bool pmu_can_count(unsigned i, uint64_t ev)
{
	if (i == 0)
		return ev == PMU_EV_CYCLES;
	if (i == 2)
		return ev == PMU_EV_INSTRUCTIONS;
	return i >= 3;
}

static struct sbiret sbi_pmu_config(struct sbi *s, struct vcpu *v,
				    const uint64_t *a)
{
	struct sbi_hart *h = &s->harts[v->hartid];
	uint64_t flags = a[2], ev = pmu_event(a[3], a[4]);
	int64_t set = pmu_set(s, a[0], a[1]);
	struct sbiret r = {SBI_SUCCESS, 0};
	unsigned i, n;

	if (set < 0 || (flags & ~PMU_CFG_FLAGS)) {
		r.error = SBI_ERR_INVALID_PARAM;
		return r;
	}
	if (!ev) {
		r.error = SBI_ERR_NOT_SUPPORTED;
		return r;
	}
	if (flags & PMU_CFG_SKIP_MATCH) {
		i = __builtin_ctzll(set);
		if (!pmu_can_count(i, ev)) {
			r.error = SBI_ERR_NOT_SUPPORTED;
			return r;
		}
	} else {
		/*
		 * The hpm counters first: they filter modes and interrupt on
		 * overflow, which cycle and instret do not.
		 */
		for (n = 0; n < 32; n++) {
			i = (n + 3) % 32;
			if (((set >> i) & 1) && pmu_can_count(i, ev) &&
			    !(((h->pmu_configured | h->pmu_started) >> i) & 1))
				break;
		}
		if (n == 32) {
			r.error = SBI_ERR_NOT_SUPPORTED;
			return r;
		}
	}
	if (i >= 3) {
		/* xINH from the filter flags: the hart keeps what it has. */
		pmu_csr_set(s, v, CSR_MHPMEVENT0 + i,
			    ev | (flags >> 3 & 0x1f) << HPMEVENT_INH_SHIFT);
	}
	if (flags & PMU_CFG_CLEAR_VALUE)
		pmu_csr_set(s, v, CSR_MCYCLE + i, 0);
	h->pmu_configured |= 1u << i;
	if (flags & PMU_CFG_AUTO_START) {
		pmu_inhibit(s, v, i, false);
		h->pmu_started |= 1u << i;
	}
	r.value = i;
	return r;
}

static struct sbiret sbi_pmu_start(struct sbi *s, struct vcpu *v,
				   const uint64_t *a)
{
	struct sbi_hart *h = &s->harts[v->hartid];
	int64_t set = pmu_set(s, a[0], a[1]);
	uint64_t flags = a[2], ev;
	struct sbiret r = {SBI_SUCCESS, 0};

	if (set < 0 ||
	    (flags & ~(PMU_START_SET_INIT_VALUE | PMU_START_INIT_SNAPSHOT))) {
		r.error = SBI_ERR_INVALID_PARAM;
		return r;
	}
	if (flags & PMU_START_INIT_SNAPSHOT) {
		r.error = SBI_ERR_NO_SHMEM;
		return r;
	}
	for (unsigned i = 0; i < 32; i++) {
		if (!((set >> i) & 1))
			continue;
		if ((h->pmu_started >> i) & 1) {
			r.error = SBI_ERR_ALREADY_STARTED;
			continue;
		}
		if (flags & PMU_START_SET_INIT_VALUE)
			pmu_csr_set(s, v, CSR_MCYCLE + i, a[3]);
		/* A new start may overflow, and interrupt, again. */
		if (i >= 3 && !pmu_csr_get(s, v, CSR_MHPMEVENT0 + i, &ev))
			pmu_csr_set(s, v, CSR_MHPMEVENT0 + i,
				    ev & ~HPMEVENT_OF);
		pmu_inhibit(s, v, i, false);
		h->pmu_started |= 1u << i;
	}
	return r;
}

static struct sbiret sbi_pmu_stop(struct sbi *s, struct vcpu *v,
				  const uint64_t *a)
{
	struct sbi_hart *h = &s->harts[v->hartid];
	int64_t set = pmu_set(s, a[0], a[1]);
	uint64_t flags = a[2];
	struct sbiret r = {SBI_SUCCESS, 0};

	if (set < 0 || (flags & ~(PMU_STOP_RESET | PMU_STOP_TAKE_SNAPSHOT))) {
		r.error = SBI_ERR_INVALID_PARAM;
		return r;
	}
	if (flags & PMU_STOP_TAKE_SNAPSHOT) {
		r.error = SBI_ERR_NO_SHMEM;
		return r;
	}
	/* Every counter of the set stops, whatever the others' state. */
	for (unsigned i = 0; i < 32; i++) {
		if (!((set >> i) & 1))
			continue;
		if (!((h->pmu_started >> i) & 1))
			r.error = SBI_ERR_ALREADY_STOPPED;
		pmu_inhibit(s, v, i, true);
		h->pmu_started &= ~(1u << i);
		if (flags & PMU_STOP_RESET) {
			h->pmu_configured &= ~(1u << i);
			if (i >= 3)
				pmu_csr_set(s, v, CSR_MHPMEVENT0 + i, 0);
		}
	}
	return r;
}

static struct sbiret sbi_pmu(struct sbi *s, struct vcpu *v, uint64_t fid,
			     const uint64_t *a)
{
	struct sbiret r = {SBI_SUCCESS, 0};

	if (!sbi_probe(s, SBI_EXT_PMU)) {
		r.error = SBI_ERR_NOT_SUPPORTED;
		return r;
	}
	switch (fid) {
	case PMU_NUM_COUNTERS:
		/* counter_idx runs to the last counter; 1 (time) is none. */
		r.value = 32 - __builtin_clz(pmu_counters(s));
		break;
	case PMU_COUNTER_GET_INFO:
		if (a[0] >= 32 || !((pmu_counters(s) >> a[0]) & 1)) {
			r.error = SBI_ERR_INVALID_PARAM;
			break;
		}
		/* Hardware, 64 bits wide (width - 1 in bits 17:12). */
		r.value = (CSR_CYCLE + a[0]) | 63ULL << 12;
		break;
	case PMU_COUNTER_CONFIG_MATCHING:
		r = sbi_pmu_config(s, v, a);
		break;
	case PMU_COUNTER_START:
		r = sbi_pmu_start(s, v, a);
		break;
	case PMU_COUNTER_STOP:
		r = sbi_pmu_stop(s, v, a);
		break;
	case PMU_COUNTER_FW_READ:
	case PMU_COUNTER_FW_READ_HI:
		/* No firmware counters: every index names another kind. */
		r.error = SBI_ERR_INVALID_PARAM;
		break;
	default: /* snapshot memory, event info: optional, not offered */
		r.error = SBI_ERR_NOT_SUPPORTED;
		break;
	}
	return r;
}

/* SRST */

static struct sbiret sbi_srst(struct sbi *s, uint64_t fid, const uint64_t *a)
{
	struct sbiret r = {SBI_SUCCESS, 0};
	uint32_t type = (uint32_t)a[0], reason = (uint32_t)a[1];

	if (fid != 0) {
		r.error = SBI_ERR_NOT_SUPPORTED;
		return r;
	}
	/* Only shutdown and the reboots, for no reason or a failure. */
	if (type > 2 || reason > 1) {
		r.error = SBI_ERR_INVALID_PARAM;
		return r;
	}
	if (type == 0)
		vm_request_exit(s->vm, reason == 1 ? 1 : 0);
	else
		vm_request_reset(s->vm);
	return r;
}

/* DBCN */

static struct sbiret sbi_dbcn(struct sbi *s, uint64_t fid, const uint64_t *a)
{
	struct sbiret r = {SBI_SUCCESS, 0};
	uint64_t len = a[0];
	uint8_t *p, byte;
	int ch;

	switch (fid) {
	case 0: /* write(num_bytes, base_lo, base_hi) */
	case 1: /* read(num_bytes, base_lo, base_hi) */
		/* RAM is all there is below 2^64: base_hi must be 0. */
		p = a[2] ? NULL : guestmem_ptr(&s->vm->mem, a[1], len);
		if (!p) {
			r.error = SBI_ERR_INVALID_PARAM;
			break;
		}
		if (fid == 0 && len > SBI_DBCN_MAX)
			len = SBI_DBCN_MAX;
		if (fid == 0) {
			chardev_write(s->vm->console, p, len);
			r.value = len;
			break;
		}
		while (r.value < len &&
		       (ch = sbi_console_getc(s->vm->console_in)) >= 0)
			p[r.value++] = (uint8_t)ch;
		guestmem_written_host(&s->vm->mem, p, r.value);
		break;
	case 2: /* write_byte(byte) */
		byte = (uint8_t)a[0];
		chardev_write(s->vm->console, &byte, 1);
		break;
	default:
		r.error = SBI_ERR_NOT_SUPPORTED;
		break;
	}
	return r;
}

/* Legacy v0.1: the result goes in a0 alone. */

static int64_t sbi_legacy(struct sbi *s, struct vcpu *v, uint64_t eid,
			  const uint64_t *a)
{
	const struct accel_ops *ops = sbi_ops(s);
	unsigned kind;
	uint64_t sip;
	uint8_t byte;

	switch (eid) {
	case SBI_EXT_LEGACY_SET_TIMER:
		sbi_set_timer(s, v, a[0]);
		return 0;
	case SBI_EXT_LEGACY_PUTCHAR:
		byte = (uint8_t)a[0];
		chardev_write(s->vm->console, &byte, 1);
		return 0;
	case SBI_EXT_LEGACY_GETCHAR:
		return sbi_console_getc(s->vm->console_in);
	case SBI_EXT_LEGACY_CLEAR_IPI:
		/* SSIP is the guest's to clear, through sip: so do we. */
		if (ops->get_reg(v->av, ACCEL_REG_CSR0 + CSR_SIP, &sip))
			return SBI_ERR_FAILED;
		if (!(sip & SIP_SSIP))
			return 0;
		ops->set_reg(v->av, ACCEL_REG_CSR0 + CSR_SIP, sip & ~SIP_SSIP);
		ops->vcpu_set_irq(v->av, ACCEL_IRQ_SSIP, 0);
		return 1;
	case SBI_EXT_LEGACY_SEND_IPI:
		return sbi_legacy_for_harts(s, v, a[0], sbi_ipi_one, NULL);
	case SBI_EXT_LEGACY_FENCE_I:
		kind = ACCEL_FENCE_I;
		return sbi_legacy_for_harts(s, v, a[0], sbi_fence_one, &kind);
	case SBI_EXT_LEGACY_SFENCE_VMA:
	case SBI_EXT_LEGACY_SFENCE_VMA_ASID:
		kind = ACCEL_FENCE_VMA;
		return sbi_legacy_for_harts(s, v, a[0], sbi_fence_one, &kind);
	case SBI_EXT_LEGACY_SHUTDOWN:
		vm_request_exit(s->vm, 0);
		return 0;
	default:
		return SBI_ERR_NOT_SUPPORTED;
	}
}

void sbi_handle(struct sbi *s, struct vcpu *v, struct accel_exit *e)
{
	const uint64_t *a = e->sbi.args;
	uint64_t eid = e->sbi.ext, fid = e->sbi.fid;
	struct sbiret r = {SBI_ERR_NOT_SUPPORTED, 0};

	e->sbi.redirected = false;
	e->sbi.legacy = eid < 0x10;
	if (e->sbi.legacy) {
		e->sbi.error = sbi_legacy(s, v, eid, a);
		e->sbi.value = 0;
		return;
	}
	switch (eid) {
	case SBI_EXT_BASE:
		r = sbi_base(s, v, fid, a);
		break;
	case SBI_EXT_TIME:
		if (fid == 0) {
			sbi_set_timer(s, v, a[0]);
			r.error = SBI_SUCCESS;
		}
		break;
	case SBI_EXT_IPI:
		if (fid == 0)
			r.error =
				sbi_for_harts(s, a[0], a[1], sbi_ipi_one, NULL);
		break;
	case SBI_EXT_RFENCE:
		r = sbi_rfence(s, fid, a);
		break;
	case SBI_EXT_HSM:
		r = sbi_hsm(s, v, e);
		break;
	case SBI_EXT_SRST:
		r = sbi_srst(s, fid, a);
		break;
	case SBI_EXT_DBCN:
		r = sbi_dbcn(s, fid, a);
		break;
	case SBI_EXT_PMU:
		r = sbi_pmu(s, v, fid, a);
		break;
	default:
		break;
	}
	e->sbi.error = r.error;
	e->sbi.value = r.value;
}

int sbi_create(struct sbi **out, struct vm *vm)
{
	struct sbi *s = calloc(1, sizeof(*s));
	unsigned i;

	if (!s)
		return -ENOMEM;
	s->vm = vm;
	s->harts = calloc(vm->ncpus, sizeof(*s->harts));
	if (!s->harts) {
		free(s);
		return -ENOMEM;
	}
	for (i = 0; i < vm->ncpus; i++) {
		struct sbi_hart *h = &s->harts[i];

		h->sbi = s;
		h->v = &vm->vcpus[i];
		h->deadline_ns = UINT64_MAX;
		/* cycle and instret run from reset on. */
		h->pmu_started = 1u << 0 | 1u << 2;
		pthread_mutex_init(&h->lock, NULL);
		timer_init(&h->timer, vm->timers, sbi_timer_fired, h);
	}
	*out = s;
	return 0;
}

void sbi_destroy(struct sbi *s)
{
	unsigned i;

	if (!s)
		return;
	for (i = 0; i < s->vm->ncpus; i++) {
		timer_cancel(&s->harts[i].timer);
		pthread_mutex_destroy(&s->harts[i].lock);
	}
	free(s->harts);
	free(s);
}

enum { SBI_REC_VERSION = 1, K_NHARTS = 1, K_STIME0 = 0x100 };

int sbi_save(struct sbi *s, struct rec_writer *w)
{
	uint64_t origin = s->vm->clock_origin_ns;

	rec_begin(w, "sbi", SBI_REC_VERSION);
	rec_u64(w, K_NHARTS, s->vm->ncpus);
	for (unsigned i = 0; i < s->vm->ncpus; i++) {
		struct sbi_hart *h = &s->harts[i];
		uint64_t due, stime = UINT64_MAX;

		pthread_mutex_lock(&h->lock);
		due = h->deadline_ns;
		pthread_mutex_unlock(&h->lock);
		if (due != UINT64_MAX)
			stime = due > origin
					? (due - origin) / CLOCK_NS_PER_TICK
					: 0;
		rec_u64(w, K_STIME0 + i, stime);
	}
	return rec_end(w);
}

int sbi_load(struct sbi *s, struct rec_reader *r)
{
	uint64_t n, stime;
	struct rec rec;
	int ret;

	ret = rec_next(r, "sbi", SBI_REC_VERSION, &rec);
	ret = ret ?: rec_get_u64(&rec, K_NHARTS, &n);
	if (!ret && n != s->vm->ncpus)
		ret = rec_fail(&rec, "saved for %llu harts",
			       (unsigned long long)n);
	for (unsigned i = 0; i < s->vm->ncpus && !ret; i++) {
		ret = rec_get_u64(&rec, K_STIME0 + i, &stime);
		if (!ret && stime != UINT64_MAX)
			sbi_set_timer(s, &s->vm->vcpus[i], stime);
	}
	return ret;
}
