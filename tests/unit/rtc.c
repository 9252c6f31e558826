// SPDX-License-Identifier: MIT
/*
 * Unit tests for devices/rtc: the goldfish RTC registers as Linux's
 * rtc-goldfish driver uses them, and the alarm interrupt.
 */
#include "devices/rtc.h"

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

#define MS 1000000ULL

enum {
	TIME_LOW = 0x00,
	TIME_HIGH = 0x04,
	ALARM_LOW = 0x08,
	ALARM_HIGH = 0x0c,
	IRQ_ENABLED = 0x10,
	CLEAR_ALARM = 0x14,
	ALARM_STATUS = 0x18,
	CLEAR_INTERRUPT = 0x1c,
};

struct rig {
	struct timer_service ts;
	struct rtc *r;
	const struct bus_dev *d;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int level, rises;
	unsigned line;
};

static void sink_set(void *opaque, unsigned line, int level)
{
	struct rig *g = opaque;

	pthread_mutex_lock(&g->lock);
	if (level && !g->level)
		g->rises++;
	g->level = level;
	g->line = line;
	pthread_cond_broadcast(&g->cond);
	pthread_mutex_unlock(&g->lock);
}

static int level(struct rig *g)
{
	int v;

	pthread_mutex_lock(&g->lock);
	v = g->level;
	pthread_mutex_unlock(&g->lock);
	return v;
}

static int wait_level(struct rig *g, int want, unsigned ms)
{
	uint64_t until = clock_now_ns() + ms * MS;
	struct timespec ts = {until / 1000000000ULL, until % 1000000000ULL};
	int v;

	pthread_mutex_lock(&g->lock);
	while (g->level != want &&
	       pthread_cond_timedwait(&g->cond, &g->lock, &ts) == 0)
		;
	v = g->level;
	pthread_mutex_unlock(&g->lock);
	return v;
}

static int rig_init(struct rig *g)
{
	pthread_condattr_t a;

	memset(g, 0, sizeof(*g));
	pthread_mutex_init(&g->lock, NULL);
	pthread_condattr_init(&a);
	pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
	pthread_cond_init(&g->cond, &a);
	if (timer_service_init(&g->ts))
		return -1;
	if (rtc_create(&g->r, 0x101000, (struct irq_line){sink_set, g, 11},
		       &g->ts))
		return -1;
	g->d = rtc_bus_dev(g->r);
	return 0;
}

static void rig_destroy(struct rig *g)
{
	rtc_destroy(g->r);
	timer_service_destroy(&g->ts);
}

static uint32_t rd(struct rig *g, uint64_t off)
{
	return g->d->ops->read(g->d->opaque, off, 4);
}

static void wr(struct rig *g, uint64_t off, uint32_t v)
{
	g->d->ops->write(g->d->opaque, off, v, 4);
}

static uint64_t wall_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* The driver's read: TIME_LOW first, which latches TIME_HIGH. */
static uint64_t read_time(struct rig *g)
{
	uint64_t lo = rd(g, TIME_LOW);

	return (uint64_t)rd(g, TIME_HIGH) << 32 | lo;
}

static void set_alarm(struct rig *g, uint64_t t)
{
	wr(g, ALARM_HIGH, t >> 32);
	wr(g, ALARM_LOW, (uint32_t)t);
}

static void test_time(void)
{
	const char *name = "rtc_time";
	struct rig g;
	uint64_t t0, t, want;

	if (rig_init(&g))
		CHECK(name, 0);
	CHECK(name, g.d->base == 0x101000 && g.d->len == 0x1000);
	CHECK(name, g.d->ops->min_size == 4 && g.d->ops->max_size == 4);
	t0 = wall_ns();
	t = read_time(&g);
	CHECK(name, t >= t0 && t - t0 < 100 * MS);
	/* TIME_HIGH is the latch, not the clock. */
	CHECK(name, rd(&g, TIME_HIGH) == t >> 32);
	/* Setting the time, high half first as the driver does. */
	want = 1000000000ULL * 86400 * 365 * 10; /* 1979-12-30 */
	wr(&g, TIME_HIGH, want >> 32);
	wr(&g, TIME_LOW, (uint32_t)want);
	t = read_time(&g);
	CHECK(name, t >= want && t - want < 100 * MS);
	rtc_reset(g.r);
	t = read_time(&g);
	CHECK(name, t >= t0 && t - t0 < 1000 * MS);
	printf("ok %s\n", name);
out:
	rig_destroy(&g);
}

static void test_alarm(void)
{
	const char *name = "rtc_alarm_interrupt";
	struct rig g;
	uint64_t t, when;

	if (rig_init(&g))
		CHECK(name, 0);
	CHECK(name, rd(&g, ALARM_STATUS) == 0 && rd(&g, IRQ_ENABLED) == 0);
	wr(&g, IRQ_ENABLED, 1);
	CHECK(name, rd(&g, IRQ_ENABLED) == 1);
	t = read_time(&g);
	when = t + 40 * MS;
	set_alarm(&g, when);
	CHECK(name, rd(&g, ALARM_LOW) == (uint32_t)when);
	CHECK(name, rd(&g, ALARM_HIGH) == when >> 32);
	CHECK(name, rd(&g, ALARM_STATUS) == 1);
	CHECK(name, level(&g) == 0);
	CHECK(name, wait_level(&g, 1, 2000) == 1);
	CHECK(name, g.line == 11);
	CHECK(name, read_time(&g) >= when);
	CHECK(name, rd(&g, ALARM_STATUS) == 0);
	/* Stays up until acknowledged. */
	wr(&g, CLEAR_INTERRUPT, 1);
	CHECK(name, level(&g) == 0);

	/* An alarm in the past fires at once. */
	set_alarm(&g, read_time(&g) - 1000 * MS);
	CHECK(name, level(&g) == 1 && rd(&g, ALARM_STATUS) == 0);
	wr(&g, CLEAR_INTERRUPT, 1);
	CHECK(name, level(&g) == 0 && g.rises == 2);

	/* A cleared alarm never fires. */
	set_alarm(&g, read_time(&g) + 20 * MS);
	CHECK(name, rd(&g, ALARM_STATUS) == 1);
	wr(&g, CLEAR_ALARM, 1);
	CHECK(name, rd(&g, ALARM_STATUS) == 0);
	CHECK(name, wait_level(&g, 1, 100) == 0);

	/* Fired while disabled: pending, raised when enabled. */
	wr(&g, IRQ_ENABLED, 0);
	set_alarm(&g, read_time(&g) + 10 * MS);
	CHECK(name, wait_level(&g, 1, 100) == 0);
	CHECK(name, rd(&g, ALARM_STATUS) == 0);
	wr(&g, IRQ_ENABLED, 1);
	CHECK(name, level(&g) == 1);
	wr(&g, CLEAR_INTERRUPT, 1);
	CHECK(name, level(&g) == 0);

	/* Moving the clock past an armed alarm fires it. */
	set_alarm(&g, read_time(&g) + 3600 * 1000 * MS);
	CHECK(name, rd(&g, ALARM_STATUS) == 1 && level(&g) == 0);
	wr(&g, TIME_HIGH, rd(&g, ALARM_HIGH) + 1);
	CHECK(name, level(&g) == 1 && rd(&g, ALARM_STATUS) == 0);
	printf("ok %s\n", name);
out:
	rig_destroy(&g);
}

static void test_fdt(void)
{
	const char *name = "rtc_fdt";
	static char buf[4096];
	struct rig g;
	const fdt32_t *p;
	int soc, node, len;

	if (rig_init(&g))
		CHECK(name, 0);
	CHECK(name, fdt_create_empty_tree(buf, sizeof(buf)) == 0);
	soc = fdt_add_subnode(buf, 0, "soc");
	CHECK(name, rtc_fdt(g.r, buf, soc, 9) == 0);
	node = fdt_path_offset(buf, "/soc/rtc@101000");
	CHECK(name, node >= 0);
	CHECK(name,
	      !fdt_node_check_compatible(buf, node, "google,goldfish-rtc"));
	p = fdt_getprop(buf, node, "reg", &len);
	CHECK(name, p && len == 16 && fdt32_to_cpu(p[1]) == 0x101000 &&
			    fdt32_to_cpu(p[3]) == 0x1000);
	p = fdt_getprop(buf, node, "interrupts", &len);
	CHECK(name, p && len == 4 && fdt32_to_cpu(*p) == 11);
	p = fdt_getprop(buf, node, "interrupt-parent", &len);
	CHECK(name, p && len == 4 && fdt32_to_cpu(*p) == 9);
	printf("ok %s\n", name);
out:
	rig_destroy(&g);
}

int main(void)
{
	test_time();
	test_alarm();
	test_fdt();
	return failures ? 1 : 0;
}
