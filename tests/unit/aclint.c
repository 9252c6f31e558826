// SPDX-License-Identifier: MIT
/*
 * Unit tests for devices/aclint: the CLINT register layout, msip, and MTIP
 * following mtime >= mtimecmp through a deadline timer (no polling: the
 * test sleeps on a condition variable until the fake hart's line moves).
 */
#include "devices/aclint.h"

#include <errno.h>
#include <libfdt.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/timer.h"

static int failures;

#define CHECK(name, cond)                                              \
	do {                                                           \
		if (!(cond)) {                                         \
			printf("FAIL %s: %s (line %d)\n", name, #cond, \
			       __LINE__);                              \
			failures++;                                    \
			goto out;                                      \
		}                                                      \
	} while (0)

#define NHARTS 3

/* A fake hart: MSIP and MTIP levels, and mtime when MTIP last rose. */
struct hart {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int msip, mtip;
	int mtip_rises;
	uint64_t origin;
	uint64_t ticks_at_rise;
};

static void set_msip(void *opaque, unsigned line, int level)
{
	struct hart *h = opaque;

	pthread_mutex_lock(&h->lock);
	h->msip = level;
	pthread_mutex_unlock(&h->lock);
}

static void set_mtip(void *opaque, unsigned line, int level)
{
	struct hart *h = opaque;

	pthread_mutex_lock(&h->lock);
	if (level && !h->mtip) {
		h->mtip_rises++;
		h->ticks_at_rise = clock_ticks(h->origin);
	}
	h->mtip = level;
	pthread_cond_broadcast(&h->cond);
	pthread_mutex_unlock(&h->lock);
}

static int get(struct hart *h, int *what)
{
	int v;

	pthread_mutex_lock(&h->lock);
	v = *what;
	pthread_mutex_unlock(&h->lock);
	return v;
}

/* Sleeps until MTIP is @level or @ms pass; returns MTIP. */
static int wait_mtip(struct hart *h, int level, unsigned ms)
{
	uint64_t until = clock_now_ns() + ms * 1000000ULL;
	struct timespec ts = {until / 1000000000ULL, until % 1000000000ULL};
	int v;

	pthread_mutex_lock(&h->lock);
	while (h->mtip != level &&
	       pthread_cond_timedwait(&h->cond, &h->lock, &ts) == 0)
		;
	v = h->mtip;
	pthread_mutex_unlock(&h->lock);
	return v;
}

struct rig {
	struct timer_service ts;
	struct aclint *a;
	const struct bus_dev *d;
	struct hart h[NHARTS];
	uint64_t origin;
};

static int rig_init(struct rig *r)
{
	struct irq_line msip[NHARTS], mtip[NHARTS];
	pthread_condattr_t attr;
	int i;

	memset(r, 0, sizeof(*r));
	r->origin = clock_now_ns();
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	for (i = 0; i < NHARTS; i++) {
		pthread_mutex_init(&r->h[i].lock, NULL);
		pthread_cond_init(&r->h[i].cond, &attr);
		r->h[i].origin = r->origin;
		msip[i] = (struct irq_line){set_msip, &r->h[i], 3};
		mtip[i] = (struct irq_line){set_mtip, &r->h[i], 7};
	}
	if (timer_service_init(&r->ts))
		return -1;
	if (aclint_create(&r->a, 0x2000000, NHARTS, r->origin, &r->ts, msip,
			  mtip))
		return -1;
	r->d = aclint_bus_dev(r->a);
	return 0;
}

static void rig_destroy(struct rig *r)
{
	aclint_destroy(r->a);
	timer_service_destroy(&r->ts);
}

static uint64_t rd(struct rig *r, uint64_t off, unsigned size)
{
	return r->d->ops->read(r->d->opaque, off, size);
}

static void wr(struct rig *r, uint64_t off, uint64_t v, unsigned size)
{
	r->d->ops->write(r->d->opaque, off, v, size);
}

#define MSIP(h) (4 * (h))
#define MTIMECMP(h) (0x4000 + 8 * (h))
#define MTIME 0xbff8
#define MS_TICKS (CLOCK_TIMEBASE_HZ / 1000)

static void test_registers(void)
{
	const char *name = "aclint_registers";
	struct rig r;
	uint64_t t0, t1;
	int i;

	if (rig_init(&r))
		CHECK(name, 0);
	CHECK(name, r.d->base == 0x2000000 && r.d->len == 0x10000);
	CHECK(name, r.d->ops->min_size == 4 && r.d->ops->max_size == 8);
	for (i = 0; i < NHARTS; i++) {
		CHECK(name, rd(&r, MSIP(i), 4) == 0);
		CHECK(name, rd(&r, MTIMECMP(i), 8) == UINT64_MAX);
		CHECK(name, rd(&r, MTIMECMP(i) + 4, 4) == 0xffffffff);
		CHECK(name, get(&r.h[i], &r.h[i].mtip) == 0);
	}
	/* mtime counts the shared timebase. */
	t0 = clock_ticks(r.origin);
	t1 = rd(&r, MTIME, 8);
	CHECK(name, t1 >= t0 && t1 - t0 < 100 * MS_TICKS);
	CHECK(name, rd(&r, MTIME + 4, 4) == t1 >> 32);

	/* msip: bit 0 only. */
	wr(&r, MSIP(1), 0xffffffff, 4);
	CHECK(name, rd(&r, MSIP(1), 4) == 1);
	CHECK(name, get(&r.h[1], &r.h[1].msip) == 1);
	CHECK(name, get(&r.h[0], &r.h[0].msip) == 0);
	wr(&r, MSIP(1), 2, 4);
	CHECK(name, get(&r.h[1], &r.h[1].msip) == 0);
	/* A 64-bit access covers two harts. */
	wr(&r, MSIP(0), 0x100000001ULL, 8);
	CHECK(name, get(&r.h[0], &r.h[0].msip) == 1);
	CHECK(name, get(&r.h[1], &r.h[1].msip) == 1);
	CHECK(name, rd(&r, MSIP(0), 8) == 0x100000001ULL);
	/* Harts that do not exist. */
	wr(&r, MSIP(NHARTS), 1, 4);
	CHECK(name, rd(&r, MSIP(NHARTS), 4) == 0);
	wr(&r, MTIMECMP(NHARTS), 0, 8);
	CHECK(name, rd(&r, MTIMECMP(NHARTS), 8) == 0);
	CHECK(name, rd(&r, 0xc000, 8) == 0 && rd(&r, 0xfffc, 4) == 0);

	/* mtimecmp halves. */
	wr(&r, MTIMECMP(2), 0x12345678, 4);
	CHECK(name, rd(&r, MTIMECMP(2), 8) == 0xffffffff12345678ULL);
	wr(&r, MTIMECMP(2) + 4, 0x9abcdef0, 4);
	CHECK(name, rd(&r, MTIMECMP(2), 8) == 0x9abcdef012345678ULL);
	CHECK(name, rd(&r, MTIMECMP(2) + 4, 4) == 0x9abcdef0);

	aclint_reset(r.a);
	CHECK(name, get(&r.h[0], &r.h[0].msip) == 0);
	CHECK(name, rd(&r, MTIMECMP(2), 8) == UINT64_MAX);
	printf("ok %s\n", name);
out:
	rig_destroy(&r);
}

static void test_mtip(void)
{
	const char *name = "aclint_mtip_deadline";
	struct rig r;
	uint64_t now, cmp;

	if (rig_init(&r))
		CHECK(name, 0);
	/* Already past: MTIP at once, from the write itself. */
	wr(&r, MTIMECMP(0), 0, 8);
	CHECK(name, get(&r.h[0], &r.h[0].mtip) == 1);
	CHECK(name, get(&r.h[1], &r.h[1].mtip) == 0);
	wr(&r, MTIMECMP(0), UINT64_MAX, 8);
	CHECK(name, get(&r.h[0], &r.h[0].mtip) == 0);

	/* 30 ms ahead: low now, high once mtime gets there. */
	now = rd(&r, MTIME, 8);
	cmp = now + 30 * MS_TICKS;
	wr(&r, MTIMECMP(1), cmp, 8);
	CHECK(name, get(&r.h[1], &r.h[1].mtip) == 0);
	CHECK(name, wait_mtip(&r.h[1], 1, 2000) == 1);
	CHECK(name, r.h[1].ticks_at_rise >= cmp);
	CHECK(name, r.h[1].ticks_at_rise < cmp + 500 * MS_TICKS);
	CHECK(name, r.h[1].mtip_rises == 1);
	CHECK(name, get(&r.h[0], &r.h[0].mtip) == 0);
	/* Moving mtimecmp ahead drops it; the guest's usual ack. */
	now = rd(&r, MTIME, 8);
	wr(&r, MTIMECMP(1), now + 20 * MS_TICKS, 8);
	CHECK(name, get(&r.h[1], &r.h[1].mtip) == 0);
	CHECK(name, wait_mtip(&r.h[1], 1, 2000) == 1);
	CHECK(name, r.h[1].mtip_rises == 2);

	/* Re-armed later before the first deadline: only the second. */
	now = rd(&r, MTIME, 8);
	wr(&r, MTIMECMP(2), now + 10 * MS_TICKS, 8);
	cmp = now + 60 * MS_TICKS;
	wr(&r, MTIMECMP(2), cmp, 8);
	CHECK(name, wait_mtip(&r.h[2], 1, 2000) == 1);
	CHECK(name, r.h[2].ticks_at_rise >= cmp);
	CHECK(name, r.h[2].mtip_rises == 1);

	/* The high half written last, as RV32 firmware does. */
	now = rd(&r, MTIME, 8);
	cmp = now + 20 * MS_TICKS;
	wr(&r, MTIMECMP(0), 0xffffffff, 4);
	wr(&r, MTIMECMP(0) + 4, cmp >> 32, 4);
	wr(&r, MTIMECMP(0), (uint32_t)cmp, 4);
	CHECK(name, get(&r.h[0], &r.h[0].mtip) == 0);
	CHECK(name, wait_mtip(&r.h[0], 1, 2000) == 1);
	CHECK(name, r.h[0].ticks_at_rise >= cmp);
	printf("ok %s\n", name);
out:
	rig_destroy(&r);
}

static void test_mtime_write(void)
{
	const char *name = "aclint_mtime_write";
	struct rig r;
	uint64_t base = 0x1000000000ULL, v;

	if (rig_init(&r))
		CHECK(name, 0);
	wr(&r, MTIMECMP(0), base + 100 * 1000 * MS_TICKS, 8);
	wr(&r, MTIME, base, 8);
	v = rd(&r, MTIME, 8);
	CHECK(name, v >= base && v < base + 100 * MS_TICKS);
	CHECK(name, get(&r.h[0], &r.h[0].mtip) == 0);
	/* Jumping mtime close to mtimecmp re-arms the deadline. */
	wr(&r, MTIME, base + 100 * 1000 * MS_TICKS - 20 * MS_TICKS, 8);
	CHECK(name, get(&r.h[0], &r.h[0].mtip) == 0);
	CHECK(name, wait_mtip(&r.h[0], 1, 2000) == 1);
	/* And past it raises MTIP from the write; back, lowers it. */
	wr(&r, MTIME, 0, 8);
	CHECK(name, get(&r.h[0], &r.h[0].mtip) == 0);
	wr(&r, MTIME + 4, 0x20, 4);
	CHECK(name, get(&r.h[0], &r.h[0].mtip) == 1);
	CHECK(name, rd(&r, MTIME + 4, 4) == 0x20);
	printf("ok %s\n", name);
out:
	rig_destroy(&r);
}

static void test_fdt(void)
{
	const char *name = "aclint_fdt";
	static char buf[4096];
	static const uint32_t intc[NHARTS] = {4, 5, 6};
	static const uint32_t want[] = {4, 3, 4, 7, 5, 3, 5, 7, 6, 3, 6, 7};
	struct rig r;
	const fdt32_t *p;
	int soc, node, len, i;

	if (rig_init(&r))
		CHECK(name, 0);
	CHECK(name, fdt_create_empty_tree(buf, sizeof(buf)) == 0);
	soc = fdt_add_subnode(buf, 0, "soc");
	CHECK(name, aclint_fdt(r.a, buf, soc, intc) == 0);
	node = fdt_path_offset(buf, "/soc/clint@2000000");
	CHECK(name, node >= 0);
	CHECK(name, !fdt_node_check_compatible(buf, node, "sifive,clint0"));
	CHECK(name, !fdt_node_check_compatible(buf, node, "riscv,clint0"));
	p = fdt_getprop(buf, node, "reg", &len);
	CHECK(name, p && len == 16 && fdt32_to_cpu(p[1]) == 0x2000000 &&
			    fdt32_to_cpu(p[3]) == 0x10000);
	p = fdt_getprop(buf, node, "interrupts-extended", &len);
	CHECK(name, p && len == sizeof(want));
	for (i = 0; i < 12; i++)
		CHECK(name, fdt32_to_cpu(p[i]) == want[i]);
	printf("ok %s\n", name);
out:
	rig_destroy(&r);
}

int main(void)
{
	test_registers();
	test_mtip();
	test_mtime_write();
	test_fdt();
	return failures ? 1 : 0;
}
