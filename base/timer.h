/* SPDX-License-Identifier: MIT */
/*
 * Deadline timers: one thread sleeps on a condition variable until the
 * earliest armed deadline (host CLOCK_MONOTONIC, in ns) and runs that
 * timer's callback. Used by the ACLINT's mtimecmp, the hart's Sstc
 * stimecmp, the SBI's set_timer and the RTC alarm. Nothing polls.
 *
 * Callbacks run on the timer thread, without the service's lock, one at a
 * time. A callback may arm or cancel any timer, its own included. A device
 * that takes its own lock in a callback must not call timer_cancel() while
 * holding that lock (cancel waits for a running callback); it may call
 * timer_arm() and timer_disarm(), which never wait.
 */
#ifndef HVRUN_TIMER_H
#define HVRUN_TIMER_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

struct timer;

struct timer_service {
	pthread_mutex_t lock;
	pthread_cond_t wake; /* the thread: the earliest deadline changed */
	pthread_cond_t idle; /* cancellers: a callback has returned */
	pthread_t thread;
	struct timer *head;    /* armed timers, earliest deadline first */
	struct timer *running; /* whose callback is running, or NULL */
	bool stop;
};

struct timer {
	struct timer_service *ts;
	void (*fn)(void *opaque);
	void *opaque;
	uint64_t deadline_ns;
	struct timer *next, *prev;
	bool armed;
};

/* Starts the thread. 0 or a negative errno. */
int timer_service_init(struct timer_service *ts);
/*
 * Stops and joins the thread; armed timers are dropped without running.
 * Timers of a destroyed service may still be cancelled (their owners may
 * be destroyed later); arming them does nothing.
 */
void timer_service_destroy(struct timer_service *ts);

void timer_init(struct timer *t, struct timer_service *ts,
		void (*fn)(void *opaque), void *opaque);
/*
 * Arms, or re-arms, @t to run at host CLOCK_MONOTONIC time @deadline_ns
 * (see clock_now_ns()); a deadline already past runs it at once. Any
 * thread. UINT64_MAX means never.
 */
void timer_arm(struct timer *t, uint64_t deadline_ns);
/*
 * Disarms @t. On return its callback is not running and will not run
 * until armed again, except when called from that callback itself.
 */
void timer_cancel(struct timer *t);
/* Disarms @t without waiting for a callback already running. */
void timer_disarm(struct timer *t);
bool timer_armed(struct timer *t);

#endif
