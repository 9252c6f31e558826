// SPDX-License-Identifier: MIT
/*
 * A tap interface (Linux Documentation/networking/tuntap.rst): each read()
 * of the non-blocking descriptor yields one frame, each write() sends one.
 * Writes come straight from the guest's thread; reads happen on the main
 * thread while the front end has room, and stop when it has none.
 */
#include "net/tap.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <uv.h>

#include "net/net-internal.h"
#include "base/loop.h"

/* Frames read in one go before other handles get their turn. */
#define TAP_BURST 64

struct net_tap {
	struct net_backend be;
	uv_poll_t poll; /* first, so the close callback finds the whole */
	struct loop *loop;
	int fd;
	bool reading;
	bool held; /* buf holds a frame the front end had no room for */
	size_t held_len;
	atomic_bool resume_posted;
	uint8_t buf[NET_FRAME_MAX];
};

static void tap_poll_cb(uv_poll_t *p, int status, int events);

static void tap_start(struct net_tap *t)
{
	if (!t->reading &&
	    uv_poll_start(&t->poll, UV_READABLE, tap_poll_cb) == 0)
		t->reading = true;
}

static void tap_stop(struct net_tap *t)
{
	if (t->reading) {
		uv_poll_stop(&t->poll);
		t->reading = false;
	}
}

static void tap_poll_cb(uv_poll_t *p, int status, int events)
{
	struct net_tap *t = p->data;

	for (int i = 0; i < TAP_BURST; i++) {
		ssize_t n = read(t->fd, t->buf, sizeof(t->buf));

		if (n <= 0)
			return; /* EAGAIN; an error shows up again later */
		if (!net_deliver(&t->be, t->buf, (size_t)n)) {
			t->held = true;
			t->held_len = (size_t)n;
			tap_stop(t);
			return;
		}
	}
}

static void tap_resume_cb(void *arg)
{
	struct net_tap *t = arg;

	atomic_store(&t->resume_posted, false);
	if (t->held) {
		if (!net_deliver(&t->be, t->buf, t->held_len))
			return;
		t->held = false;
	}
	tap_start(t);
}

static void tap_be_resume(struct net_backend *be)
{
	struct net_tap *t = (struct net_tap *)be;

	if (!atomic_exchange(&t->resume_posted, true)) {
		if (loop_post(t->loop, tap_resume_cb, t))
			atomic_store(&t->resume_posted, false);
	}
}

static int tap_be_send(struct net_backend *be, const struct iovec *iov,
		       int iovcnt)
{
	struct net_tap *t = (struct net_tap *)be;
	long len = net_iov_len(iov, iovcnt);
	ssize_t n;

	if (len < 0)
		return (int)len;
	do
		n = writev(t->fd, iov, iovcnt);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return errno == EAGAIN ? -ENOBUFS : -errno;
	return 0;
}

static void tap_closed(uv_handle_t *h)
{
	struct net_tap *t = h->data;

	close(t->fd);
	free(t);
}

static void tap_be_destroy(struct net_backend *be)
{
	struct net_tap *t = (struct net_tap *)be;

	uv_close((uv_handle_t *)&t->poll, tap_closed);
}

static const struct net_backend_ops tap_backend_ops = {
	.send = tap_be_send,
	.resume = tap_be_resume,
	.destroy = tap_be_destroy,
};

int net_tap_create(struct net_backend **out, struct loop *l,
		   const struct net_tap_config *cfg, char *err, size_t errlen)
{
	struct ifreq ifr = {0};
	struct net_tap *t;
	int ret;

	t = calloc(1, sizeof(*t));
	if (!t) {
		snprintf(err, errlen, "--net tap: out of memory");
		return -ENOMEM;
	}
	t->be.ops = &tap_backend_ops;
	t->loop = l;
	t->fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (t->fd < 0) {
		ret = -errno;
		snprintf(err, errlen,
			 "--net tap: cannot open /dev/net/tun: %s (is the tun "
			 "module loaded, may you use it?)",
			 strerror(errno));
		goto err_free;
	}
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	memcpy(ifr.ifr_name, cfg->ifname, sizeof(ifr.ifr_name));
	if (ioctl(t->fd, TUNSETIFF, &ifr) < 0) {
		ret = -errno;
		snprintf(err, errlen,
			 "--net tap,ifname=%s: cannot attach: %s (create it "
			 "first: ip tuntap add %s mode tap user $USER)",
			 cfg->ifname, strerror(errno), cfg->ifname);
		goto err_close;
	}
	ret = uv_poll_init(loop_uv(l), &t->poll, t->fd);
	if (ret) {
		snprintf(err, errlen, "--net tap: %s", uv_strerror(ret));
		goto err_close;
	}
	t->poll.data = t;
	tap_start(t);
	*out = &t->be;
	return 0;

err_close:
	close(t->fd);
err_free:
	free(t);
	return ret;
}

int net_tap_parse(const char *opt, struct net_tap_config *cfg, char *err,
		  size_t errlen)
{
	const char *p, *end;

	memset(cfg, 0, sizeof(*cfg));
	if (strncmp(opt, "tap", 3) != 0 || (opt[3] && opt[3] != ',')) {
		snprintf(err, errlen, "--net %s: expected 'tap,ifname=NAME'",
			 opt);
		return -EINVAL;
	}
	for (p = opt + 3; *p; p = end) {
		size_t n;

		p++;
		end = strchr(p, ',');
		if (!end)
			end = p + strlen(p);
		if (strncmp(p, "ifname=", 7) != 0) {
			snprintf(err, errlen,
				 "--net %s: unknown option '%.*s'; tap takes "
				 "ifname=NAME",
				 opt, (int)(end - p), p);
			return -EINVAL;
		}
		n = (size_t)(end - p - 7);
		if (n == 0 || n >= sizeof(cfg->ifname) ||
		    memchr(p + 7, '/', n)) {
			snprintf(err, errlen,
				 "--net %s: interface name must be 1 to %zu "
				 "characters without '/'",
				 opt, sizeof(cfg->ifname) - 1);
			return -EINVAL;
		}
		memcpy(cfg->ifname, p + 7, n);
		cfg->ifname[n] = 0;
	}
	if (!cfg->ifname[0]) {
		snprintf(err, errlen, "--net %s: tap needs ifname=NAME", opt);
		return -EINVAL;
	}
	return 0;
}
