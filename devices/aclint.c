// SPDX-License-Identifier: MIT
/*
 * RISC-V Advanced Core Local Interruptor Specification (ACLINT) 1.0:
 * section 2 (MTIMER: mtime, mtimecmp) and section 3 (MSWI: msip), in the
 * SiFive CLINT arrangement (msip at 0x0, mtimecmp at 0x4000, mtime at
 * 0xbff8). The RISC-V privileged architecture, "Machine Timer Registers":
 * MTIP is set while mtime >= mtimecmp, as unsigned 64-bit values.
 */
#include "devices/aclint.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <endian.h>

#include "devices/devfdt.h"
#include "base/clock.h"
#include "base/record.h"
#include "base/timer.h"

#define OFF_MSIP 0x0
#define OFF_MTIMECMP 0x4000
#define OFF_MTIME 0xbff8

struct aclint;

struct aclint_hart {
	struct aclint *a;
	uint64_t mtimecmp;
	uint32_t msip;
	int mtip; /* last level driven */
	struct irq_line msip_line, mtip_line;
	struct timer timer;
};

struct aclint {
	struct bus_dev dev;
	pthread_mutex_t lock;
	unsigned nharts;
	uint64_t origin;
	uint64_t offset; /* mtime - clock_ticks(origin), modulo 2^64 */
	struct aclint_hart *harts;
};

/*
 * Sets MTIP from mtimecmp and, while it is low, arms the timer for the
 * moment mtime reaches mtimecmp. Lock held.
 */
static void eval_mtip(struct aclint *a, struct aclint_hart *h)
{
	uint64_t raw = clock_ticks(a->origin), now = raw + a->offset;
	int level = now >= h->mtimecmp;

	if (level) {
		timer_disarm(&h->timer);
	} else {
		uint64_t delta = h->mtimecmp - now;
		uint64_t at = raw + delta < raw ? UINT64_MAX : raw + delta;

		timer_arm(&h->timer, clock_deadline_ns(a->origin, at));
	}
	if (level != h->mtip) {
		h->mtip = level;
		irq_set(&h->mtip_line, level);
	}
}

static void mtimecmp_due(void *opaque)
{
	struct aclint_hart *h = opaque;
	struct aclint *a = h->a;

	pthread_mutex_lock(&a->lock);
	/* A write may have moved mtimecmp since: look again. */
	eval_mtip(a, h);
	pthread_mutex_unlock(&a->lock);
}

static void set_msip(struct aclint_hart *h, uint32_t val)
{
	val &= 1;
	if (val != h->msip) {
		h->msip = val;
		irq_set(&h->msip_line, val);
	}
}

static uint64_t mask_of(unsigned size)
{
	return size == 8 ? UINT64_MAX : (1ULL << (size * 8)) - 1;
}

/* The hart whose mtimecmp holds @off, or NULL. */
static struct aclint_hart *mtimecmp_of(struct aclint *a, uint64_t off)
{
	if (off >= OFF_MTIMECMP && off < OFF_MTIMECMP + 8ULL * a->nharts)
		return &a->harts[(off - OFF_MTIMECMP) / 8];
	return NULL;
}

static uint64_t aclint_read(void *opaque, uint64_t off, unsigned size)
{
	struct aclint *a = opaque;
	struct aclint_hart *h;
	uint64_t v = 0;

	pthread_mutex_lock(&a->lock);
	if (off < OFF_MTIMECMP) {
		uint64_t i = off / 4;

		if (i < a->nharts)
			v = a->harts[i].msip;
		if (size == 8 && i + 1 < a->nharts)
			v |= (uint64_t)a->harts[i + 1].msip << 32;
	} else if (off >= OFF_MTIME && off < OFF_MTIME + 8) {
		v = clock_ticks(a->origin) + a->offset;
		v = (v >> ((off - OFF_MTIME) * 8)) & mask_of(size);
	} else if ((h = mtimecmp_of(a, off))) {
		v = (h->mtimecmp >> (off & 7) * 8) & mask_of(size);
	}
	pthread_mutex_unlock(&a->lock);
	return v;
}

static void aclint_write(void *opaque, uint64_t off, uint64_t val,
			 unsigned size)
{
	struct aclint *a = opaque;
	struct aclint_hart *h;
	unsigned i;

	pthread_mutex_lock(&a->lock);
	if (off < OFF_MTIMECMP) {
		uint64_t n = off / 4;

		if (n < a->nharts)
			set_msip(&a->harts[n], val);
		if (size == 8 && n + 1 < a->nharts)
			set_msip(&a->harts[n + 1], val >> 32);
	} else if (off >= OFF_MTIME && off < OFF_MTIME + 8) {
		uint64_t raw = clock_ticks(a->origin), now = raw + a->offset;
		uint64_t m = mask_of(size) << ((off - OFF_MTIME) * 8);

		now = (now & ~m) | ((val << ((off - OFF_MTIME) * 8)) & m);
		a->offset = now - raw;
		for (i = 0; i < a->nharts; i++)
			eval_mtip(a, &a->harts[i]);
	} else if ((h = mtimecmp_of(a, off))) {
		unsigned shift = (off & 7) * 8;
		uint64_t m = mask_of(size) << shift;

		h->mtimecmp = (h->mtimecmp & ~m) | ((val << shift) & m);
		eval_mtip(a, h);
	}
	pthread_mutex_unlock(&a->lock);
}

static const struct bus_dev_ops aclint_ops = {
	.read = aclint_read,
	.write = aclint_write,
	.min_size = 4,
	.max_size = 8,
};

void aclint_reset(struct aclint *a)
{
	unsigned i;

	pthread_mutex_lock(&a->lock);
	a->offset = 0;
	for (i = 0; i < a->nharts; i++) {
		struct aclint_hart *h = &a->harts[i];

		h->msip = 0;
		irq_set(&h->msip_line, 0);
		h->mtimecmp = UINT64_MAX;
		h->mtip = 0;
		irq_set(&h->mtip_line, 0);
		eval_mtip(a, h);
	}
	pthread_mutex_unlock(&a->lock);
}

int aclint_create(struct aclint **out, uint64_t base, unsigned nharts,
		  uint64_t clock_origin_ns, struct timer_service *ts,
		  const struct irq_line *msip, const struct irq_line *mtip)
{
	struct aclint *a;
	unsigned i;
	int err;

	if (nharts == 0 || nharts > ACLINT_MAX_HARTS)
		return -EINVAL;
	a = calloc(1, sizeof(*a));
	if (!a)
		return -ENOMEM;
	a->harts = calloc(nharts, sizeof(*a->harts));
	if (!a->harts) {
		err = -ENOMEM;
		goto err_free;
	}
	err = -pthread_mutex_init(&a->lock, NULL);
	if (err)
		goto err_harts;
	a->nharts = nharts;
	a->origin = clock_origin_ns;
	for (i = 0; i < nharts; i++) {
		struct aclint_hart *h = &a->harts[i];

		h->a = a;
		h->msip_line = msip[i];
		h->mtip_line = mtip[i];
		h->mtimecmp = UINT64_MAX;
		timer_init(&h->timer, ts, mtimecmp_due, h);
	}
	a->dev = (struct bus_dev){
		.base = base,
		.len = ACLINT_SIZE,
		.name = "aclint",
		.ops = &aclint_ops,
		.opaque = a,
	};
	*out = a;
	return 0;

err_harts:
	free(a->harts);
err_free:
	free(a);
	return err;
}

void aclint_destroy(struct aclint *a)
{
	unsigned i;

	if (!a)
		return;
	/* Without the lock: cancel waits for a callback that takes it. */
	for (i = 0; i < a->nharts; i++)
		timer_cancel(&a->harts[i].timer);
	pthread_mutex_destroy(&a->lock);
	free(a->harts);
	free(a);
}

enum {
	ACLINT_REC_VERSION = 1,
	K_NHARTS = 1,
	K_OFFSET,
	K_MSIP,	    /* one byte a hart */
	K_MTIMECMP, /* one little-endian u64 a hart */
};

int aclint_save(struct aclint *a, struct rec_writer *w)
{
	uint8_t *msip = calloc(a->nharts, 1);
	uint64_t *cmp = calloc(a->nharts, 8);
	unsigned i;

	if (!msip || !cmp) {
		free(msip);
		free(cmp);
		return -ENOMEM;
	}
	pthread_mutex_lock(&a->lock);
	for (i = 0; i < a->nharts; i++) {
		msip[i] = a->harts[i].msip;
		cmp[i] = htole64(a->harts[i].mtimecmp);
	}
	rec_begin(w, "aclint", ACLINT_REC_VERSION);
	rec_u64(w, K_NHARTS, a->nharts);
	rec_u64(w, K_OFFSET, a->offset);
	rec_bytes(w, K_MSIP, msip, a->nharts);
	rec_bytes(w, K_MTIMECMP, cmp, 8 * (size_t)a->nharts);
	pthread_mutex_unlock(&a->lock);
	free(msip);
	free(cmp);
	return rec_end(w);
}

int aclint_load(struct aclint *a, struct rec_reader *r,
		uint64_t clock_origin_ns)
{
	const uint8_t *msip, *cmp;
	size_t n_msip, n_cmp;
	uint64_t nharts, offset;
	struct rec rec;
	unsigned i;
	int ret;

	ret = rec_next(r, "aclint", ACLINT_REC_VERSION, &rec);
	ret = ret ?: rec_get_u64(&rec, K_NHARTS, &nharts);
	if (!ret && nharts != a->nharts)
		ret = rec_fail(&rec, "saved with %llu harts, not %u",
			       (unsigned long long)nharts, a->nharts);
	ret = ret ?: rec_get_u64(&rec, K_OFFSET, &offset);
	ret = ret
		      ?: rec_get_blob(&rec, K_MSIP, a->nharts,
				      (const void **)&msip, &n_msip);
	ret = ret
		      ?: rec_get_blob(&rec, K_MTIMECMP, 8 * (size_t)a->nharts,
				      (const void **)&cmp, &n_cmp);
	if (!ret && (n_msip != a->nharts || n_cmp != 8 * (size_t)a->nharts))
		ret = rec_fail(&rec, "the per-hart fields are cut short");
	if (ret)
		return ret;
	pthread_mutex_lock(&a->lock);
	a->origin = clock_origin_ns;
	a->offset = offset;
	for (i = 0; i < a->nharts; i++) {
		struct aclint_hart *h = &a->harts[i];
		uint64_t v;

		memcpy(&v, cmp + 8 * i, 8);
		h->mtimecmp = le64toh(v);
		h->msip = msip[i] & 1;
		irq_set(&h->msip_line, h->msip);
		h->mtip = 0;
		irq_set(&h->mtip_line, 0);
		eval_mtip(a, h);
	}
	pthread_mutex_unlock(&a->lock);
	return 0;
}

const struct bus_dev *aclint_bus_dev(struct aclint *a)
{
	return &a->dev;
}

int aclint_fdt(struct aclint *a, void *fdt, int parent,
	       const uint32_t *intc_phandles)
{
	static const char compat[] = "sifive,clint0\0riscv,clint0";
	fdt32_t *cells;
	unsigned h;
	int node, err;

	cells = calloc(4 * a->nharts, sizeof(*cells));
	if (!cells)
		return -ENOMEM;
	for (h = 0; h < a->nharts; h++) {
		cells[4 * h + 0] = cpu_to_fdt32(intc_phandles[h]);
		cells[4 * h + 1] = cpu_to_fdt32(3); /* MSIP */
		cells[4 * h + 2] = cpu_to_fdt32(intc_phandles[h]);
		cells[4 * h + 3] = cpu_to_fdt32(7); /* MTIP */
	}
	node = devfdt_node(fdt, parent, "clint", a->dev.base);
	if (node < 0) {
		err = node;
		goto out;
	}
	err = fdt_setprop(fdt, node, "interrupts-extended", cells,
			  4 * a->nharts * sizeof(*cells));
	if (!err)
		err = devfdt_reg(fdt, node, a->dev.base, a->dev.len);
	if (!err)
		err = fdt_setprop(fdt, node, "compatible", compat,
				  sizeof(compat));
out:
	free(cells);
	return devfdt_err(err);
}
