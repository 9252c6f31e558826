// SPDX-License-Identifier: MIT
/*
 * The SBI, as the RISC-V Supervisor Binary Interface Specification v2.0
 * defines it: chapters "Binary Encoding", "Base Extension", "Legacy
 * Extensions", "Timer Extension", "IPI Extension", "RFENCE Extension",
 * "Hart State Management Extension", "System Reset Extension" and "Debug
 * Console Extension".
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
#define SIP_SSIP (1ULL << ACCEL_IRQ_SSIP)

/* A DBCN write longer than this is cut short (the spec allows it). */
#define SBI_DBCN_MAX 4096

struct sbi_hart {
	struct sbi *sbi;
	struct vcpu *v;
	struct timer timer;
	pthread_mutex_t lock;
	uint64_t deadline_ns; /* host time STIP is due; UINT64_MAX: never */
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

static bool sbi_probe(uint64_t eid)
{
	switch (eid) {
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
		r.value = sbi_probe(a[0]);
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
		r.error = SBI_ERR_NOT_SUPPORTED;
		return r;
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
