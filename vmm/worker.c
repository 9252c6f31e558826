// SPDX-License-Identifier: MIT
/*
 * uv_queue_work() may only be called on the loop's thread, so a job first
 * travels there through loop_post() and is queued from the loop.
 */
#include "vmm/worker.h"

#include <errno.h>
#include <stdlib.h>

#include <uv.h>

#include "vmm/loop.h"

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
