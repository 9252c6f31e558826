// SPDX-License-Identifier: MIT
/*
 * uv_queue_work() may only be called on the loop's thread, so a job first
 * travels there through loop_post() and is queued from the loop.
 */
#include "base/worker.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include <uv.h>

#include "base/loop.h"

struct worker_job {
	uv_work_t req;
	struct loop *loop;
	void (*work)(void *arg);
	void (*done)(void *arg);
	void *arg;
};

static void worker_run(uv_work_t *req)
{
	struct worker_job *j = req->data;

	j->work(j->arg);
}

static void worker_after(uv_work_t *req, int status)
{
	struct worker_job *j = req->data;

	if (j->done)
		j->done(j->arg);
	free(j);
}

static void worker_queue(void *arg)
{
	struct worker_job *j = arg;

	j->req.data = j;
	if (uv_queue_work(loop_uv(j->loop), &j->req, worker_run,
			  worker_after) == 0)
		return;
	/* The pool refused: do the work here rather than lose it. */
	j->work(j->arg);
	worker_after(&j->req, 0);
}

int worker_submit(struct loop *l, void (*work)(void *arg),
		  void (*done)(void *arg), void *arg)
{
	struct worker_job *j = calloc(1, sizeof(*j));
	int ret;

	if (!j)
		return -ENOMEM;
	j->loop = l;
	j->work = work;
	j->done = done;
	j->arg = arg;
	ret = loop_post(l, worker_queue, j);
	if (ret)
		free(j);
	return ret;
}

int worker_post(struct loop *l, void (*fn)(void *arg), void *arg)
{
	return loop_post(l, fn, arg);
}

struct worker_serial {
	pthread_mutex_t lock;
	pthread_cond_t idle;
	struct loop *loop;
	void (*run)(void *arg);
	void *arg;     /* NULL once destroyed */
	unsigned refs; /* the owner, and a job on its way */
	bool queued;   /* submitted, not started */
	bool running;  /* in @run */
	bool pending;  /* kicked since @run last started */
};

int worker_serial_create(struct worker_serial **out, struct loop *l,
			 void (*run)(void *arg), void *arg)
{
	struct worker_serial *s = calloc(1, sizeof(*s));

	if (!s)
		return -ENOMEM;
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->idle, NULL);
	s->loop = l;
	s->run = run;
	s->arg = arg;
	s->refs = 1;
	*out = s;
	return 0;
}

/* Drops a reference with @s->lock held, and unlocks. */
static void serial_put_locked(struct worker_serial *s)
{
	bool last = --s->refs == 0;

	pthread_mutex_unlock(&s->lock);
	if (last) {
		pthread_cond_destroy(&s->idle);
		pthread_mutex_destroy(&s->lock);
		free(s);
	}
}

static void serial_job(void *arg)
{
	struct worker_serial *s = arg;

	pthread_mutex_lock(&s->lock);
	s->queued = false;
	if (s->arg && !s->running) {
		s->running = true;
		while (s->pending) {
			s->pending = false;
			pthread_mutex_unlock(&s->lock);
			s->run(s->arg);
			pthread_mutex_lock(&s->lock);
		}
		s->running = false;
		pthread_cond_broadcast(&s->idle);
	}
	serial_put_locked(s);
}

void worker_serial_kick(struct worker_serial *s)
{
	pthread_mutex_lock(&s->lock);
	s->pending = true;
	if (s->queued || s->running || !s->arg) {
		pthread_mutex_unlock(&s->lock);
		return;
	}
	s->queued = true;
	s->refs++;
	pthread_mutex_unlock(&s->lock);
	if (worker_submit(s->loop, serial_job, NULL, s) == 0)
		return;
	/* No memory to hand it over: run it right here. */
	serial_job(s);
}

void worker_serial_quiesce(struct worker_serial *s, void (*fn)(void *arg),
			   void *arg)
{
	pthread_mutex_lock(&s->lock);
	while (s->running)
		pthread_cond_wait(&s->idle, &s->lock);
	if (fn)
		fn(arg);
	pthread_mutex_unlock(&s->lock);
}

void worker_serial_destroy(struct worker_serial *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&s->lock);
	while (s->running)
		pthread_cond_wait(&s->idle, &s->lock);
	s->arg = NULL;
	serial_put_locked(s);
}
