// SPDX-License-Identifier: MIT
/* Unit tests for vmm/timer: ordering, re-arming, cancelling. */
#include "base/timer.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"

static int failures;

#define CHECK(name, cond)                                              \
	do {                                                           \
		if (!(cond)) {                                         \
			printf("FAIL %s: %s (line %d)\n", name, #cond, \
			       __LINE__);                              \
			failures++;                                    \
			return;                                        \
		}                                                      \
	} while (0)

#define MS 1000000ULL

struct log {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int order[16];
	uint64_t when[16];
	int n;
};

struct probe {
	struct log *log;
	int id;
	struct timer t;
	int rearm; /* times left to re-arm itself */
	uint64_t period;
	int sleep_ms;
	atomic_int started, finished;
};

static void fired(void *opaque)
{
	struct probe *p = opaque;
	struct log *l = p->log;

	atomic_store(&p->started, 1);
	if (p->sleep_ms)
		usleep(p->sleep_ms * 1000);
	pthread_mutex_lock(&l->lock);
	if (l->n < 16) {
		l->order[l->n] = p->id;
		l->when[l->n] = clock_now_ns();
		l->n++;
	}
	pthread_cond_broadcast(&l->cond);
	pthread_mutex_unlock(&l->lock);
	if (p->rearm > 0) {
		p->rearm--;
		timer_arm(&p->t, clock_now_ns() + p->period);
	}
	atomic_store(&p->finished, 1);
}

static void log_init(struct log *l)
{
	pthread_condattr_t a;

	memset(l, 0, sizeof(*l));
	pthread_mutex_init(&l->lock, NULL);
	pthread_condattr_init(&a);
	pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
	pthread_cond_init(&l->cond, &a);
	pthread_condattr_destroy(&a);
}

/* Waits until @n callbacks ran or @ms passed; returns the count. */
static int log_wait(struct log *l, int n, unsigned ms)
{
	uint64_t until = clock_now_ns() + ms * MS;
	struct timespec ts = {until / 1000000000ULL, until % 1000000000ULL};
	int got;

	pthread_mutex_lock(&l->lock);
	while (l->n < n && pthread_cond_timedwait(&l->cond, &l->lock, &ts) == 0)
		;
	got = l->n;
	pthread_mutex_unlock(&l->lock);
	return got;
}

static void probe_init(struct probe *p, struct timer_service *ts, struct log *l,
		       int id)
{
	memset(p, 0, sizeof(*p));
	p->log = l;
	p->id = id;
	timer_init(&p->t, ts, fired, p);
}

static void test_ordering(struct timer_service *ts)
{
	const char *name = "timer_ordering";
	struct probe p[4];
	struct log l;
	uint64_t now = clock_now_ns();
	int i;

	log_init(&l);
	for (i = 0; i < 4; i++)
		probe_init(&p[i], ts, &l, i);
	/* Armed out of order; must fire by deadline. */
	timer_arm(&p[2].t, now + 30 * MS);
	timer_arm(&p[0].t, now + 10 * MS);
	timer_arm(&p[3].t, now + 40 * MS);
	timer_arm(&p[1].t, now + 20 * MS);
	CHECK(name, log_wait(&l, 4, 2000) == 4);
	for (i = 0; i < 4; i++) {
		CHECK(name, l.order[i] == i);
		CHECK(name, l.when[i] >= now + (uint64_t)(i + 1) * 10 * MS);
	}
	for (i = 0; i < 4; i++) {
		CHECK(name, !timer_armed(&p[i].t));
		timer_cancel(&p[i].t);
	}
	printf("ok %s\n", name);
}

static void test_past_deadline(struct timer_service *ts)
{
	const char *name = "timer_past_deadline";
	struct probe p;
	struct log l;
	uint64_t t0 = clock_now_ns();

	log_init(&l);
	probe_init(&p, ts, &l, 7);
	timer_arm(&p.t, 0);
	CHECK(name, log_wait(&l, 1, 2000) == 1);
	CHECK(name, l.when[0] - t0 < 500 * MS);
	timer_cancel(&p.t);
	printf("ok %s\n", name);
}

static void test_rearm(struct timer_service *ts)
{
	const char *name = "timer_rearm";
	struct probe a, b;
	struct log l;
	uint64_t now = clock_now_ns();

	log_init(&l);
	probe_init(&a, ts, &l, 1);
	probe_init(&b, ts, &l, 2);
	/* Far away, then sooner: fires once, at the sooner time. */
	timer_arm(&a.t, now + 10000 * MS);
	timer_arm(&a.t, now + 20 * MS);
	/* Soon, then later: must not fire at the first deadline. */
	timer_arm(&b.t, now + 10 * MS);
	timer_arm(&b.t, now + 60 * MS);
	CHECK(name, log_wait(&l, 2, 2000) == 2);
	CHECK(name, l.order[0] == 1 && l.order[1] == 2);
	CHECK(name, l.when[0] >= now + 20 * MS);
	CHECK(name, l.when[0] < now + 1000 * MS);
	CHECK(name, l.when[1] >= now + 60 * MS);
	usleep(50000);
	CHECK(name, log_wait(&l, 3, 0) == 2);
	timer_cancel(&a.t);
	timer_cancel(&b.t);
	printf("ok %s\n", name);
}

static void test_self_rearm(struct timer_service *ts)
{
	const char *name = "timer_self_rearm";
	struct probe p;
	struct log l;
	uint64_t now = clock_now_ns();

	log_init(&l);
	probe_init(&p, ts, &l, 3);
	p.rearm = 3;
	p.period = 5 * MS;
	timer_arm(&p.t, now + 5 * MS);
	CHECK(name, log_wait(&l, 4, 2000) == 4);
	CHECK(name, l.when[3] >= now + 20 * MS);
	usleep(30000);
	CHECK(name, log_wait(&l, 5, 0) == 4);
	CHECK(name, !timer_armed(&p.t));
	timer_cancel(&p.t);
	printf("ok %s\n", name);
}

static void test_cancel(struct timer_service *ts)
{
	const char *name = "timer_cancel";
	struct probe a, b;
	struct log l;
	uint64_t now = clock_now_ns();

	log_init(&l);
	probe_init(&a, ts, &l, 1);
	probe_init(&b, ts, &l, 2);
	timer_arm(&a.t, now + 20 * MS);
	timer_arm(&b.t, now + 40 * MS);
	timer_cancel(&a.t);
	CHECK(name, !timer_armed(&a.t));
	CHECK(name, log_wait(&l, 1, 2000) == 1);
	CHECK(name, l.order[0] == 2);
	usleep(30000);
	CHECK(name, log_wait(&l, 2, 0) == 1);
	/* Cancelling something not armed is harmless. */
	timer_cancel(&a.t);
	timer_disarm(&a.t);
	timer_cancel(&b.t);
	printf("ok %s\n", name);
}

static void test_cancel_waits(struct timer_service *ts)
{
	const char *name = "timer_cancel_waits_for_callback";
	struct probe p;
	struct log l;

	log_init(&l);
	probe_init(&p, ts, &l, 5);
	p.sleep_ms = 100;
	timer_arm(&p.t, 0);
	while (!atomic_load(&p.started))
		usleep(1000);
	timer_cancel(&p.t);
	CHECK(name, atomic_load(&p.finished));
	printf("ok %s\n", name);
}

static void test_destroy_with_armed(void)
{
	const char *name = "timer_destroy_joins";
	struct timer_service ts;
	struct probe p;
	struct log l;

	log_init(&l);
	CHECK(name, timer_service_init(&ts) == 0);
	probe_init(&p, &ts, &l, 1);
	timer_arm(&p.t, clock_now_ns() + 10000 * MS);
	timer_service_destroy(&ts);
	CHECK(name, l.n == 0);
	/* Owners destroyed after the service may still cancel or arm. */
	CHECK(name, !timer_armed(&p.t));
	timer_cancel(&p.t);
	timer_arm(&p.t, 0);
	CHECK(name, !timer_armed(&p.t));
	usleep(20000);
	CHECK(name, l.n == 0);
	printf("ok %s\n", name);
}

int main(void)
{
	struct timer_service ts;

	if (timer_service_init(&ts)) {
		printf("FAIL timer_init: timer_service_init\n");
		return 1;
	}
	test_ordering(&ts);
	test_past_deadline(&ts);
	test_rearm(&ts);
	test_self_rearm(&ts);
	test_cancel(&ts);
	test_cancel_waits(&ts);
	timer_service_destroy(&ts);
	test_destroy_with_armed();
	return failures ? 1 : 0;
}
