// SPDX-License-Identifier: MIT
/* Unit tests for vmm/loop.c: posting from other threads, and stopping. */
#include "base/loop.h"

#include <stdbool.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NTHREADS 4
#define NPOSTS 2000

static int failures;

static void check(bool cond, const char *name, const char *why)
{
	if (cond) {
		printf("ok %s\n", name);
	} else {
		printf("FAIL %s: %s\n", name, why);
		failures++;
	}
}

struct order {
	struct loop *l;
	pthread_t main_thread;
	unsigned next[NTHREADS]; /* loop thread only */
	unsigned done;		 /* loop thread only */
	bool in_order, on_main;
};

struct item {
	struct order *o;
	unsigned thread, seq;
};

static void run_item(void *arg)
{
	struct item *it = arg;
	struct order *o = it->o;

	if (!pthread_equal(pthread_self(), o->main_thread))
		o->on_main = false;
	if (o->next[it->thread] != it->seq)
		o->in_order = false;
	o->next[it->thread] = it->seq + 1;
	if (++o->done == NTHREADS * NPOSTS)
		loop_stop(o->l);
	free(it);
}

struct poster {
	struct order *o;
	unsigned thread;
};

static void *post_many(void *arg)
{
	struct poster *p = arg;

	for (unsigned i = 0; i < NPOSTS; i++) {
		struct item *it = malloc(sizeof(*it));

		it->o = p->o;
		it->thread = p->thread;
		it->seq = i;
		if (loop_post(p->o->l, run_item, it))
			abort();
	}
	return NULL;
}

static void test_posts(void)
{
	struct loop l;
	struct order o = {.l = &l, .in_order = true, .on_main = true};
	struct poster p[NTHREADS];
	pthread_t t[NTHREADS];

	if (loop_init(&l)) {
		check(false, "loop_posts", "loop_init failed");
		return;
	}
	o.main_thread = pthread_self();
	for (unsigned i = 0; i < NTHREADS; i++) {
		p[i] = (struct poster){&o, i};
		pthread_create(&t[i], NULL, post_many, &p[i]);
	}
	loop_run(&l);
	for (unsigned i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	check(o.done == NTHREADS * NPOSTS, "loop_posts_all_run",
	      "some posted work did not run");
	check(o.in_order, "loop_posts_in_order_per_thread",
	      "work from one thread ran out of order");
	check(o.on_main, "loop_posts_on_loop_thread",
	      "posted work ran on another thread");
	loop_destroy(&l);
}

static void *stop_later(void *arg)
{
	usleep(20000);
	loop_stop(arg);
	return NULL;
}

static void test_stop(void)
{
	struct loop l;
	pthread_t t;

	if (loop_init(&l)) {
		check(false, "loop_stop_from_thread", "loop_init failed");
		return;
	}
	pthread_create(&t, NULL, stop_later, &l);
	/* Returns only if the other thread's stop reached the loop. */
	check(loop_run(&l) == 0, "loop_stop_from_thread", "loop_run failed");
	pthread_join(t, NULL);
	loop_destroy(&l);
}

static void set_flag(void *arg)
{
	*(bool *)arg = true;
}

static void test_stop_before_run(void)
{
	struct loop l;
	bool ran = false;

	if (loop_init(&l)) {
		check(false, "loop_stop_before_run", "loop_init failed");
		return;
	}
	loop_post(&l, set_flag, &ran);
	loop_stop(&l);
	loop_run(&l);
	check(ran, "loop_stop_before_run_runs_posted_work",
	      "work posted before the stop was dropped");
	loop_destroy(&l);
}

int main(void)
{
	test_posts();
	test_stop();
	test_stop_before_run();
	return failures ? 1 : 0;
}
