// SPDX-License-Identifier: MIT
/*
 * Stop requests by signal, through libuv's signal handles (a self-pipe
 * underneath, so nothing runs in signal context).
 */
#include "ui/signals.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <uv.h>

#include "base/loop.h"

static const int stop_signals[] = {SIGTERM, SIGINT, SIGHUP};
#define NSIG_STOP (sizeof(stop_signals) / sizeof(stop_signals[0]))

struct signals {
	uv_signal_t h[NSIG_STOP];
	unsigned n, closing;
	void (*fn)(void *opaque, int sig);
	void *opaque;
};

static void on_signal(uv_signal_t *h, int sig)
{
	struct signals *s = h->data;

	/* Once: the next one takes the default action and kills. */
	uv_signal_stop(h);
	s->fn(s->opaque, sig);
}

int signals_init(struct signals **out, struct loop *l,
		 void (*fn)(void *opaque, int sig), void *opaque)
{
	struct signals *s = calloc(1, sizeof(*s));

	if (!s)
		return -ENOMEM;
	s->fn = fn;
	s->opaque = opaque;
	for (; s->n < NSIG_STOP; s->n++) {
		uv_signal_t *h = &s->h[s->n];

		if (uv_signal_init(loop_uv(l), h))
			break;
		h->data = s;
		if (uv_signal_start(h, on_signal, stop_signals[s->n])) {
			s->n++;
			break;
		}
	}
	*out = s;
	return 0;
}

static void closed(uv_handle_t *h)
{
	struct signals *s = h->data;

	if (++s->closing == s->n)
		free(s);
}

void signals_destroy(struct signals *s)
{
	if (!s)
		return;
	if (!s->n) {
		free(s);
		return;
	}
	for (unsigned i = 0; i < s->n; i++)
		uv_close((uv_handle_t *)&s->h[i], closed);
}
