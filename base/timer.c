// SPDX-License-Identifier: MIT
/*
 * Deadline timers. Armed timers sit in a list sorted by deadline; there are
 * only a handful (a few per hart), so an ordered insert costs less than
 * keeping a heap.
 */
#include "base/timer.h"

#include <errno.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"

static void unlink_timer(struct timer *t)
{
	struct timer_service *ts = t->ts;

	if (t->prev)
		t->prev->next = t->next;
	else
		ts->head = t->next;
	if (t->next)
		t->next->prev = t->prev;
	t->next = t->prev = NULL;
	t->armed = false;
}

static void *timer_thread(void *arg)
{
	struct timer_service *ts = arg;

	pthread_mutex_lock(&ts->lock);
	while (!ts->stop) {
		struct timer *t = ts->head;
		uint64_t now;

		if (!t || t->deadline_ns == UINT64_MAX) {
			pthread_cond_wait(&ts->wake, &ts->lock);
			continue;
		}
		now = clock_now_ns();
		if (now < t->deadline_ns) {
			struct timespec until = {
				.tv_sec = t->deadline_ns / 1000000000ULL,
				.tv_nsec = t->deadline_ns % 1000000000ULL,
			};

			pthread_cond_timedwait(&ts->wake, &ts->lock, &until);
			continue;
		}
		unlink_timer(t);
		ts->running = t;
		pthread_mutex_unlock(&ts->lock);
		t->fn(t->opaque);
		pthread_mutex_lock(&ts->lock);
		ts->running = NULL;
		pthread_cond_broadcast(&ts->idle);
	}
	pthread_mutex_unlock(&ts->lock);
	return NULL;
}

int timer_service_init(struct timer_service *ts)
{
	pthread_condattr_t attr;
	int err;

	memset(ts, 0, sizeof(*ts));
	err = pthread_mutex_init(&ts->lock, NULL);
	if (err)
		return -err;
	err = pthread_condattr_init(&attr);
	if (err)
		goto err_mutex;
	err = pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	if (err)
		goto err_attr;
	err = pthread_cond_init(&ts->wake, &attr);
	if (err)
		goto err_attr;
	err = pthread_cond_init(&ts->idle, NULL);
	if (err)
		goto err_wake;
	err = pthread_create(&ts->thread, NULL, timer_thread, ts);
	if (err)
		goto err_idle;
	pthread_condattr_destroy(&attr);
	return 0;

err_idle:
	pthread_cond_destroy(&ts->idle);
err_wake:
	pthread_cond_destroy(&ts->wake);
err_attr:
	pthread_condattr_destroy(&attr);
err_mutex:
	pthread_mutex_destroy(&ts->lock);
	return -err;
}

void timer_service_destroy(struct timer_service *ts)
{
	pthread_mutex_lock(&ts->lock);
	ts->stop = true;
	pthread_cond_signal(&ts->wake);
	pthread_mutex_unlock(&ts->lock);
	pthread_join(ts->thread, NULL);
	pthread_mutex_lock(&ts->lock);
	while (ts->head)
		unlink_timer(ts->head);
	pthread_mutex_unlock(&ts->lock);
	/*
	 * The lock and condition variables stay initialised (they hold no
	 * resources): devices destroyed after the service still cancel
	 * their timers, and arming one now does nothing.
	 */
}

void timer_init(struct timer *t, struct timer_service *ts,
		void (*fn)(void *opaque), void *opaque)
{
	memset(t, 0, sizeof(*t));
	t->ts = ts;
	t->fn = fn;
	t->opaque = opaque;
}

void timer_arm(struct timer *t, uint64_t deadline_ns)
{
	struct timer_service *ts = t->ts;
	struct timer *pos, *prev = NULL;

	pthread_mutex_lock(&ts->lock);
	if (t->armed)
		unlink_timer(t);
	if (ts->stop) {
		pthread_mutex_unlock(&ts->lock);
		return;
	}
	t->deadline_ns = deadline_ns;
	/* After any equal deadline: timers due together run in arm order. */
	for (pos = ts->head; pos && pos->deadline_ns <= deadline_ns;
	     pos = pos->next)
		prev = pos;
	t->prev = prev;
	t->next = pos;
	if (pos)
		pos->prev = t;
	if (prev)
		prev->next = t;
	else
		ts->head = t;
	t->armed = true;
	if (ts->head == t)
		pthread_cond_signal(&ts->wake);
	pthread_mutex_unlock(&ts->lock);
}

void timer_disarm(struct timer *t)
{
	struct timer_service *ts = t->ts;

	pthread_mutex_lock(&ts->lock);
	if (t->armed)
		unlink_timer(t);
	pthread_mutex_unlock(&ts->lock);
}

void timer_cancel(struct timer *t)
{
	struct timer_service *ts = t->ts;

	pthread_mutex_lock(&ts->lock);
	if (t->armed)
		unlink_timer(t);
	if (!pthread_equal(pthread_self(), ts->thread))
		while (ts->running == t)
			pthread_cond_wait(&ts->idle, &ts->lock);
	pthread_mutex_unlock(&ts->lock);
}

bool timer_armed(struct timer *t)
{
	struct timer_service *ts = t->ts;
	bool armed;

	pthread_mutex_lock(&ts->lock);
	armed = t->armed;
	pthread_mutex_unlock(&ts->lock);
	return armed;
}
