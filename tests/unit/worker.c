// SPDX-License-Identifier: MIT
/*
 * Unit tests for vmm/worker: work runs on a pool thread, its completion
 * and posted functions on the loop's thread, from any submitting thread;
 * a serial job never runs twice at once, and a kick is never lost.
 */
#include "base/worker.h"

#include <pthread.h>
#include <stdio.h>
#include <time.h>

#include "base/loop.h"

#define JOBS 200

struct state {
	pthread_t loop_thread, main_thread;
	int worked, done, posted; /* atomics */
	int bad_work, bad_done, bad_post;
};

static void work(void *arg)
{
	struct state *s = arg;

	if (pthread_equal(pthread_self(), s->loop_thread) ||
	    pthread_equal(pthread_self(), s->main_thread))
		__atomic_add_fetch(&s->bad_work, 1, __ATOMIC_SEQ_CST);
	__atomic_add_fetch(&s->worked, 1, __ATOMIC_SEQ_CST);
}

static void done(void *arg)
{
	struct state *s = arg;

	if (!pthread_equal(pthread_self(), s->loop_thread))
		__atomic_add_fetch(&s->bad_done, 1, __ATOMIC_SEQ_CST);
	__atomic_add_fetch(&s->done, 1, __ATOMIC_SEQ_CST);
}

static void post(void *arg)
{
	struct state *s = arg;

	if (!pthread_equal(pthread_self(), s->loop_thread))
		__atomic_add_fetch(&s->bad_post, 1, __ATOMIC_SEQ_CST);
	__atomic_add_fetch(&s->posted, 1, __ATOMIC_SEQ_CST);
}

/* A serial job that notes overlaps and what it last saw. */
struct serial_state {
	int inside, overlaps, runs; /* atomics */
	int seen, wanted;	    /* atomics: kicks served, kicks made */
};

static void serial_run(void *arg)
{
	struct serial_state *ss = arg;

	if (__atomic_add_fetch(&ss->inside, 1, __ATOMIC_SEQ_CST) != 1)
		__atomic_add_fetch(&ss->overlaps, 1, __ATOMIC_SEQ_CST);
	__atomic_store_n(&ss->seen,
			 __atomic_load_n(&ss->wanted, __ATOMIC_SEQ_CST),
			 __ATOMIC_SEQ_CST);
	nanosleep(&(struct timespec){0, 20000}, NULL);
	__atomic_add_fetch(&ss->runs, 1, __ATOMIC_SEQ_CST);
	__atomic_sub_fetch(&ss->inside, 1, __ATOMIC_SEQ_CST);
}

struct kicker {
	struct worker_serial *job;
	struct serial_state *ss;
};

static void *kick_many(void *arg)
{
	struct kicker *k = arg;

	for (int i = 0; i < JOBS; i++) {
		__atomic_add_fetch(&k->ss->wanted, 1, __ATOMIC_SEQ_CST);
		worker_serial_kick(k->job);
		/* Now and then, let a run start and the kicks meet it. */
		if (i % 16 == 0)
			nanosleep(&(struct timespec){0, 50000}, NULL);
	}
	return NULL;
}

static void *run_loop(void *arg)
{
	loop_run(arg);
	return NULL;
}

static int get(int *p)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

int main(void)
{
	struct state s = {.main_thread = pthread_self()};
	struct loop l;
	int fails = 0, ret = 0;

	if (loop_init(&l)) {
		printf("FAIL setup: loop_init\n");
		return 1;
	}
	pthread_create(&s.loop_thread, NULL, run_loop, &l);
	for (int i = 0; i < JOBS; i++) {
		ret |= worker_submit(&l, work, i % 2 ? done : NULL, &s);
		ret |= worker_post(&l, post, &s);
	}

	/* Four threads kick one serial job; every kick is served. */
	struct serial_state ss = {0};
	struct worker_serial *job;
	pthread_t kickers[4];
	struct kicker k;

	ret |= worker_serial_create(&job, &l, serial_run, &ss);
	k = (struct kicker){job, &ss};
	for (int i = 0; i < 4; i++)
		pthread_create(&kickers[i], NULL, kick_many, &k);
	for (int i = 0; i < 4; i++)
		pthread_join(kickers[i], NULL);
	for (int i = 0; i < 50000 && get(&ss.seen) < 4 * JOBS; i++)
		nanosleep(&(struct timespec){0, 100000}, NULL);
	worker_serial_destroy(job);
	for (int i = 0;
	     i < 50000 && (get(&s.worked) < JOBS || get(&s.done) < JOBS / 2 ||
			   get(&s.posted) < JOBS);
	     i++)
		nanosleep(&(struct timespec){0, 100000}, NULL);
	loop_stop(&l);
	pthread_join(s.loop_thread, NULL);
	loop_destroy(&l);

	if (ret || get(&s.worked) != JOBS || get(&s.bad_work)) {
		printf("FAIL work-on-pool: %d of %d, %d on the wrong thread\n",
		       get(&s.worked), JOBS, get(&s.bad_work));
		fails++;
	} else {
		printf("ok work-on-pool\n");
	}
	if (get(&s.done) != JOBS / 2 || get(&s.bad_done)) {
		printf("FAIL done-on-loop: %d of %d, %d on the wrong thread\n",
		       get(&s.done), JOBS / 2, get(&s.bad_done));
		fails++;
	} else {
		printf("ok done-on-loop\n");
	}
	if (get(&s.posted) != JOBS || get(&s.bad_post)) {
		printf("FAIL post-on-loop: %d of %d, %d on the wrong thread\n",
		       get(&s.posted), JOBS, get(&s.bad_post));
		fails++;
	} else {
		printf("ok post-on-loop\n");
	}
	if (get(&ss.overlaps) || get(&ss.seen) != 4 * JOBS ||
	    get(&ss.runs) > 4 * JOBS) {
		printf("FAIL serial-job: %d overlaps, saw %d of %d kicks in %d "
		       "runs\n",
		       get(&ss.overlaps), get(&ss.seen), 4 * JOBS,
		       get(&ss.runs));
		fails++;
	} else {
		printf("ok serial-job (%d runs for %d kicks)\n", get(&ss.runs),
		       4 * JOBS);
	}
	return fails ? 1 : 0;
}
