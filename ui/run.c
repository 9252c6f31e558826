// SPDX-License-Identifier: MIT
/*
 * The host end of --run: frames to and from the guest agent
 * (guest/agent/proto.h), hvrun's stdin, stdout and stderr.
 */
#include "ui/run.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <uv.h>

#include "base/loop.h"
#include "devices/chardev.h"
#include "guest/agent/proto.h"

/* Input is sent in frames of up to this much. */
#define STDIN_CHUNK 16384
#define ERROR_MAX 1024

struct runhost {
	struct chardev cd;
	struct loop *loop;
	int in_fd, out_fd, err_fd;
	void (*done)(void *opaque, int status);
	void *opaque;
	atomic_bool finished;

	/* From the agent: any thread, under @parse_lock. */
	pthread_mutex_t parse_lock;
	uint8_t hdr[AGENT_HDR];
	unsigned hdr_len; /* header bytes collected */
	uint32_t left;	  /* payload bytes still to come */
	uint8_t small[ERROR_MAX];
	uint32_t small_len; /* EXIT's and ERROR's payload so far */

	/* To the agent: loop thread only. */
	uint8_t *run; /* the RUN frame */
	size_t run_len;
	bool run_sent; /* queued, at least */
	uint8_t out[AGENT_HDR + STDIN_CHUNK];
	const uint8_t *pend; /* what the front end has yet to take */
	size_t pend_len;
	bool in_eof, eof_sent, use_poll, polling, fs_busy, closing;
	uv_poll_t poll;
	uv_fs_t fs;
	/* The owner, posted work and handles still closing. */
	atomic_uint refs;
};

static void put(struct runhost *r)
{
	if (atomic_fetch_sub(&r->refs, 1) != 1)
		return;
	pthread_mutex_destroy(&r->parse_lock);
	free(r->run);
	free(r);
}

/* Any thread. Nothing is dropped unless the descriptor is gone. */
static void write_fd(int fd, const uint8_t *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n > 0) {
			p += n;
			len -= (size_t)n;
		} else if (n < 0 && errno == EINTR) {
			continue;
		} else if (n < 0 && errno == EAGAIN) {
			struct pollfd pfd = {.fd = fd, .events = POLLOUT};

			poll(&pfd, 1, -1);
		} else {
			return;
		}
	}
}

static void finish(struct runhost *r, int status)
{
	bool was = false;

	if (atomic_compare_exchange_strong(&r->finished, &was, true))
		r->done(r->opaque, status);
}

/* A whole EXIT or ERROR payload. */
static void frame_end(struct runhost *r)
{
	switch (r->hdr[0]) {
	case AGENT_EXIT:
		if (r->small_len >= 4)
			finish(r, r->small[0]);
		break;
	case AGENT_ERROR:
		fprintf(stderr, "hvrun: --run: the guest agent: %.*s\n",
			(int)r->small_len, (const char *)r->small);
		finish(r, -1);
		break;
	}
}

/* Any thread: bytes the agent wrote to the port. */
static void cd_write(struct chardev *cd, const void *buf, size_t len)
{
	struct runhost *r = cd->be;
	const uint8_t *p = buf;

	pthread_mutex_lock(&r->parse_lock);
	while (len) {
		size_t n;

		if (r->hdr_len < AGENT_HDR) {
			r->hdr[r->hdr_len++] = *p++;
			len--;
			if (r->hdr_len < AGENT_HDR)
				continue;
			r->left = agent_hdr_len(r->hdr);
			r->small_len = 0;
			if (!r->left) {
				frame_end(r);
				r->hdr_len = 0;
			}
			continue;
		}
		n = len < r->left ? len : r->left;
		switch (r->hdr[0]) {
		case AGENT_STDOUT:
			write_fd(r->out_fd, p, n);
			break;
		case AGENT_STDERR:
			write_fd(r->err_fd, p, n);
			break;
		default:
			/* EXIT, ERROR: kept; anything else: skipped. */
			for (size_t i = 0; i < n && r->small_len < ERROR_MAX;
			     i++)
				r->small[r->small_len++] = p[i];
			break;
		}
		p += n;
		len -= n;
		r->left -= (uint32_t)n;
		if (!r->left) {
			frame_end(r);
			r->hdr_len = 0;
		}
	}
	pthread_mutex_unlock(&r->parse_lock);
}

static void read_more(struct runhost *r);

/* Loop thread: hands what is pending to the agent's port. */
static void deliver(struct runhost *r)
{
	while (r->pend_len) {
		size_t n = chardev_receive(&r->cd, r->pend, r->pend_len);

		if (!n) {
			/* The guest is full: wait for resume(). */
			if (r->polling) {
				uv_poll_stop(&r->poll);
				r->polling = false;
			}
			return;
		}
		if (n > r->pend_len)
			n = r->pend_len;
		r->pend += n;
		r->pend_len -= n;
	}
	read_more(r);
}

static void queue_frame(struct runhost *r, unsigned type, size_t len)
{
	agent_put_hdr(r->out, type, (uint32_t)len);
	r->pend = r->out;
	r->pend_len = AGENT_HDR + len;
	deliver(r);
}

static void got_input(struct runhost *r, ssize_t n)
{
	if (n <= 0) {
		r->in_eof = true;
		if (r->polling) {
			uv_poll_stop(&r->poll);
			r->polling = false;
		}
		/* An empty STDIN frame: the command's input ends. */
		r->eof_sent = true;
		queue_frame(r, AGENT_STDIN, 0);
		return;
	}
	queue_frame(r, AGENT_STDIN, (size_t)n);
}

static void on_readable(uv_poll_t *p, int status, int events)
{
	struct runhost *r = p->data;
	ssize_t n;

	if (status < 0) {
		got_input(r, 0);
		return;
	}
	n = read(r->in_fd, r->out + AGENT_HDR, STDIN_CHUNK);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	got_input(r, n);
}

static void on_fs_read(uv_fs_t *req)
{
	struct runhost *r = req->data;
	ssize_t n = req->result;

	uv_fs_req_cleanup(req);
	r->fs_busy = false;
	if (r->closing) {
		put(r);
		return;
	}
	if (n == UV_EINTR) {
		read_more(r);
		return;
	}
	got_input(r, n);
	put(r);
}

/* Loop thread: the next chunk of stdin, once the last one was taken. */
static void read_more(struct runhost *r)
{
	uv_buf_t b;

	if (r->eof_sent || r->closing || r->pend_len || !r->run_sent)
		return;
	if (r->in_eof) {
		got_input(r, 0);
		return;
	}
	if (r->use_poll) {
		if (!r->polling &&
		    !uv_poll_start(&r->poll, UV_READABLE, on_readable))
			r->polling = true;
		return;
	}
	if (r->fs_busy)
		return;
	/* A file or /dev/null cannot be polled: read it in the pool. */
	b = uv_buf_init((char *)r->out + AGENT_HDR, STDIN_CHUNK);
	r->fs.data = r;
	atomic_fetch_add(&r->refs, 1);
	if (!uv_fs_read(loop_uv(r->loop), &r->fs, r->in_fd, &b, 1, -1,
			on_fs_read)) {
		r->fs_busy = true;
	} else {
		put(r);
		got_input(r, 0);
	}
}

static void do_open(void *arg)
{
	struct runhost *r = arg;

	/* RUN first; stdin is read only once nothing is pending. */
	if (!r->closing && !r->run_sent) {
		r->run_sent = true;
		r->pend = r->run;
		r->pend_len = r->run_len;
		deliver(r);
	}
	put(r);
}

static void do_resume(void *arg)
{
	struct runhost *r = arg;

	if (!r->closing)
		deliver(r);
	put(r);
}

static void post(struct runhost *r, void (*fn)(void *))
{
	atomic_fetch_add(&r->refs, 1);
	if (loop_post(r->loop, fn, r))
		put(r);
}

static void cd_resume(struct chardev *cd)
{
	post(cd->be, do_resume);
}

/* Any thread: the agent opened (or closed) its port. */
static void cd_opened(struct chardev *cd, bool open)
{
	if (open)
		post(cd->be, do_open);
}

/* "key=value\0" strings into the RUN frame. */
static int add_str(struct runhost *r, size_t *cap, const char *key,
		   const char *val)
{
	size_t need = strlen(key) + strlen(val) + 2;

	if (r->run_len + need > *cap) {
		size_t ncap = (r->run_len + need) * 2;
		uint8_t *n = realloc(r->run, ncap);

		if (!n)
			return -ENOMEM;
		r->run = n;
		*cap = ncap;
	}
	r->run_len += (size_t)sprintf((char *)r->run + r->run_len, "%s=%s", key,
				      val) +
		      1;
	return 0;
}

static int build_run(struct runhost *r, const struct runhost_config *cfg)
{
	size_t cap = 0;
	char v[8];
	int ret;

	r->run_len = AGENT_HDR;
	snprintf(v, sizeof(v), "%d", AGENT_VERSION);
	ret = add_str(r, &cap, "v", v);
	for (unsigned i = 0; !ret && i < cfg->nmounts; i++)
		ret = add_str(r, &cap, cfg->mount_ro[i] ? "mount-ro" : "mount",
			      cfg->mounts[i]);
	ret = ret ?: add_str(r, &cap, "cwd", cfg->cwd ? cfg->cwd : "/");
	ret = ret ?: add_str(r, &cap, "cmd", cfg->cmd);
	if (ret)
		return ret;
	if (r->run_len - AGENT_HDR > AGENT_MAX_PAYLOAD)
		return -E2BIG;
	agent_put_hdr(r->run, AGENT_RUN, (uint32_t)(r->run_len - AGENT_HDR));
	return 0;
}

int runhost_create(struct runhost **out, struct loop *l,
		   const struct runhost_config *cfg)
{
	struct runhost *r = calloc(1, sizeof(*r));
	int ret;

	if (!r)
		return -ENOMEM;
	r->loop = l;
	r->in_fd = cfg->in_fd;
	r->out_fd = cfg->out_fd;
	r->err_fd = cfg->err_fd;
	r->done = cfg->done;
	r->opaque = cfg->opaque;
	r->cd.write = cd_write;
	r->cd.resume = cd_resume;
	r->cd.opened = cd_opened;
	r->cd.be = r;
	atomic_init(&r->refs, 1);
	atomic_init(&r->finished, false);
	pthread_mutex_init(&r->parse_lock, NULL);
	ret = build_run(r, cfg);
	if (ret) {
		put(r);
		return ret;
	}
	/*
	 * A terminal of which hvrun is in the background would stop it at
	 * the first read: the command's input is then empty.
	 */
	if (isatty(r->in_fd) && tcgetpgrp(r->in_fd) != getpgrp())
		r->in_eof = true;
	else if (!uv_poll_init(loop_uv(l), &r->poll, r->in_fd)) {
		/* epoll refuses regular files and /dev/null: EPERM. */
		r->poll.data = r;
		r->use_poll = true;
	}
	*out = r;
	return 0;
}

struct chardev *runhost_chardev(struct runhost *r)
{
	return &r->cd;
}

bool runhost_finished(struct runhost *r)
{
	return atomic_load(&r->finished);
}

static void poll_closed(uv_handle_t *h)
{
	put(h->data);
}

void runhost_destroy(struct runhost *r)
{
	if (!r)
		return;
	r->closing = true;
	if (r->use_poll) {
		atomic_fetch_add(&r->refs, 1);
		uv_close((uv_handle_t *)&r->poll, poll_closed);
	}
	if (r->fs_busy)
		uv_cancel((uv_req_t *)&r->fs);
	put(r);
}
