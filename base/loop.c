// SPDX-License-Identifier: MIT
/*
 * The main loop. uv_async_send() is the one libuv call that is safe from
 * any thread, so posted work goes through a locked queue and an async
 * handle whose callback drains it on the loop's thread.
 */
#include "base/loop.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <uv.h>

struct loop_work;
struct loop_watch;
struct loop_signal;

struct loop_impl {
	uv_loop_t uv;
	uv_async_t wake;
	pthread_mutex_t lock;
	/* Posted work, oldest first; guarded by @lock. */
	struct loop_work *head, *tail;
	bool stop;		     /* guarded by @lock */
	struct loop_watch *watches;  /* loop thread only */
	struct loop_signal *signals; /* loop_on_signal()'s, loop thread */
};

struct loop_watch {
	uv_poll_t poll;
	struct loop_watch *next;
	void (*fn)(void *);
	void *arg;
};

struct loop_work {
	struct loop_work *next;
	void (*fn)(void *);
	void *arg;
};

static void loop_drain(uv_async_t *a)
{
	struct loop_impl *l = a->data;
	struct loop_work *w, *next;
	bool stop;

	/*
	 * Take the whole queue at once, so work posted by the callbacks
	 * themselves waits for the next wake-up instead of starving I/O.
	 */
	pthread_mutex_lock(&l->lock);
	w = l->head;
	l->head = l->tail = NULL;
	stop = l->stop;
	pthread_mutex_unlock(&l->lock);

	for (; w; w = next) {
		next = w->next;
		w->fn(w->arg);
		free(w);
	}
	if (stop)
		uv_stop(&l->uv);
}

int loop_init(struct loop *lp)
{
	struct loop_impl *l = calloc(1, sizeof(*l));
	int ret;

	lp->impl = NULL;
	if (!l)
		return -ENOMEM;
	ret = uv_loop_init(&l->uv);
	if (ret) {
		free(l);
		return ret;
	}
	ret = uv_async_init(&l->uv, &l->wake, loop_drain);
	if (ret) {
		uv_loop_close(&l->uv);
		free(l);
		return ret;
	}
	l->wake.data = l;
	pthread_mutex_init(&l->lock, NULL);
	lp->impl = l;
	return 0;
}

int loop_run(struct loop *lp)
{
	struct loop_impl *l = lp->impl;
	bool stop;

	for (;;) {
		pthread_mutex_lock(&l->lock);
		stop = l->stop && !l->head;
		/* Consumed, so that a later loop_run() (a reboot) runs. */
		if (stop)
			l->stop = false;
		pthread_mutex_unlock(&l->lock);
		if (stop)
			return 0;
		/*
		 * uv_run() returns on uv_stop(); a stop requested before
		 * the loop got here was seen by the async callback too, so
		 * nothing is lost by checking again above.
		 */
		uv_run(&l->uv, UV_RUN_DEFAULT);
	}
}

int loop_post(struct loop *lp, void (*fn)(void *), void *arg)
{
	struct loop_impl *l = lp->impl;
	struct loop_work *w = malloc(sizeof(*w));

	if (!w)
		return -ENOMEM;
	w->next = NULL;
	w->fn = fn;
	w->arg = arg;
	pthread_mutex_lock(&l->lock);
	if (l->tail)
		l->tail->next = w;
	else
		l->head = w;
	l->tail = w;
	pthread_mutex_unlock(&l->lock);
	uv_async_send(&l->wake);
	return 0;
}

static void loop_watch_ready(uv_poll_t *p, int status, int events)
{
	struct loop_watch *w = p->data;

	w->fn(w->arg);
}

int loop_watch_fd(struct loop *lp, int fd, void (*fn)(void *), void *arg)
{
	struct loop_impl *l = lp->impl;
	struct loop_watch *w = calloc(1, sizeof(*w));
	int ret;

	if (!w)
		return -ENOMEM;
	ret = uv_poll_init(&l->uv, &w->poll, fd);
	if (ret) {
		free(w);
		return ret;
	}
	w->poll.data = w;
	w->fn = fn;
	w->arg = arg;
	w->next = l->watches;
	l->watches = w;
	/* Closed (and freed) by loop_destroy, like the loop's own handles. */
	return uv_poll_start(&w->poll, UV_READABLE, loop_watch_ready);
}

void loop_stop(struct loop *lp)
{
	struct loop_impl *l = lp->impl;
	pthread_mutex_lock(&l->lock);
	l->stop = true;
	pthread_mutex_unlock(&l->lock);
	uv_async_send(&l->wake);
}

struct loop_signal {
	uv_signal_t sig;
	struct loop_signal *next;
	void (*fn)(void *);
	void *arg;
};

static void loop_signalled(uv_signal_t *h, int signum)
{
	struct loop_signal *s = h->data;

	s->fn(s->arg);
}

static void loop_signal_closed(uv_handle_t *h)
{
	free(h->data);
}

int loop_on_signal(struct loop *lp, int signum, void (*fn)(void *), void *arg)
{
	struct loop_signal *s = calloc(1, sizeof(*s));
	int ret;

	if (!s)
		return -ENOMEM;
	s->fn = fn;
	s->arg = arg;
	s->sig.data = s;
	ret = uv_signal_init(&lp->impl->uv, &s->sig);
	if (ret) {
		free(s);
		return ret;
	}
	ret = uv_signal_start(&s->sig, loop_signalled, signum);
	if (ret) {
		uv_close((uv_handle_t *)&s->sig, loop_signal_closed);
		return ret;
	}
	/* An open handle of its own would keep the loop from ending. */
	uv_unref((uv_handle_t *)&s->sig);
	s->next = lp->impl->signals;
	lp->impl->signals = s;
	return 0;
}

struct uv_loop_s *loop_uv(struct loop *l)
{
	return &l->impl->uv;
}

static void loop_close_one(uv_handle_t *h, void *arg)
{
	if (!uv_is_closing(h))
		uv_close(h, NULL);
}

void loop_destroy(struct loop *lp)
{
	struct loop_impl *l = lp->impl;
	struct loop_work *w, *next;

	if (!l)
		return;
	for (struct loop_signal *s = l->signals, *next; s; s = next) {
		next = s->next;
		uv_close((uv_handle_t *)&s->sig, loop_signal_closed);
	}
	l->signals = NULL;
	/* Anything still open is closed here so the loop can end. */
	uv_walk(&l->uv, loop_close_one, NULL);
	uv_run(&l->uv, UV_RUN_DEFAULT);
	uv_loop_close(&l->uv);
	while (l->watches) {
		struct loop_watch *n = l->watches->next;

		free(l->watches);
		l->watches = n;
	}
	for (w = l->head; w; w = next) {
		next = w->next;
		free(w);
	}
	pthread_mutex_destroy(&l->lock);
	free(l);
	lp->impl = NULL;
}
