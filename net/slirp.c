// SPDX-License-Identifier: MIT
/*
 * libslirp (4.7) driven by the libuv loop.
 *
 * libslirp is not thread-safe, so every call into it happens on the main
 * thread: frames from the guest are copied and posted there. Its sockets
 * are watched with one uv_poll_t each, its timers are uv_timer_t, and
 * nothing ticks: after anything that may change what slirp waits for (a
 * socket event, a frame from the guest, a timer) the watched set is
 * rebuilt with slirp_pollfds_fill(), and a timer is armed only when slirp
 * asks for a deadline shorter than its idle one (its TCP timers, IP
 * reassembly, UDP expiry).
 */
#include "net/slirp.h"

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libslirp.h>
#include <uv.h>

#include "net/net-internal.h"
#include "base/loop.h"
#include "base/log.h"

/*
 * slirp_pollfds_fill() caps its timeout at this many milliseconds even
 * when it has nothing to time; anything shorter is a real deadline.
 */
#define SLIRP_IDLE_TIMEOUT_MS 1000u
/* Frames kept for a front end that has no room; then slirp's are dropped. */
#define SLIRP_RX_HOLD 256
/* Bytes from the guest waiting for the main thread; then dropped. */
#define SLIRP_TX_LIMIT (4u << 20)

struct net_slirp;

struct slirp_frame {
	struct slirp_frame *next;
	size_t len;
	uint8_t data[];
};

/* Every uv handle of ours starts with this, so one close callback fits. */
struct slirp_handle {
	union {
		uv_handle_t h;
		uv_poll_t poll;
		uv_timer_t timer;
	};
	struct net_slirp *ns;
	bool own; /* freed on close (not embedded in struct net_slirp) */
};

struct slirp_watch {
	struct slirp_handle hd;
	int fd;
	int uv_events; /* what the handle is started with; 0 when stopped */
	int revents;   /* SLIRP_POLL_* seen since the last dispatch */
	bool seen;     /* asked for by the latest fill */
};

struct slirp_timer {
	struct slirp_handle hd;
	SlirpTimerId id;
	SlirpTimerCb cb; /* set for the old-style timer_new */
	void *cb_opaque;
};

struct net_slirp {
	struct net_backend be;
	struct loop *loop;
	Slirp *slirp;
	struct net_slirp_config cfg;
	struct slirp_handle deadline; /* slirp's timeouts, "dispatch soon" */
	unsigned open_handles;	      /* freed when the last has closed */
	bool dispatching;
	bool again; /* asked to dispatch while dispatching */
	bool dying;
	unsigned guest_errors; /* reported so far; a guest may flood them */

	struct slirp_watch **watches;
	unsigned n_watches, cap_watches;
	struct slirp_watch **pfds; /* this fill's set, by slirp's index */
	unsigned n_pfds, cap_pfds;

	/* Guest to slirp: filled by any thread, drained on the main one. */
	pthread_mutex_t tx_lock;
	struct slirp_frame *tx_head, *tx_tail;
	size_t tx_bytes;
	bool tx_posted;

	/* Slirp to guest, held while the front end has no room (main). */
	struct slirp_frame *rx_head, *rx_tail;
	unsigned rx_count;
	atomic_bool resume_posted;
};

static void slirp_dispatch(struct net_slirp *ns);

/* ---- Handles and their lifetime ---- */

static void slirp_maybe_free(struct net_slirp *ns)
{
	if (ns->dying && ns->open_handles == 0) {
		free(ns->watches);
		free(ns->pfds);
		pthread_mutex_destroy(&ns->tx_lock);
		free(ns);
	}
}

static void slirp_handle_closed(uv_handle_t *h)
{
	struct slirp_handle *hd = (struct slirp_handle *)h;
	struct net_slirp *ns = hd->ns;

	if (hd->own)
		free(hd);
	ns->open_handles--;
	slirp_maybe_free(ns);
}

static void slirp_handle_close(struct slirp_handle *hd)
{
	uv_close(&hd->h, slirp_handle_closed);
}

static void slirp_free_frames(struct slirp_frame *f)
{
	struct slirp_frame *next;

	for (; f; f = next) {
		next = f->next;
		free(f);
	}
}

/* ---- Sockets ---- */

static int slirp_to_uv_events(int ev)
{
	int uv = 0;

	if (ev & SLIRP_POLL_IN)
		uv |= UV_READABLE;
	if (ev & SLIRP_POLL_OUT)
		uv |= UV_WRITABLE;
	if (ev & SLIRP_POLL_PRI)
		uv |= UV_PRIORITIZED;
	if (ev & SLIRP_POLL_HUP)
		uv |= UV_DISCONNECT;
	return uv;
}

static int slirp_from_uv_events(int uv)
{
	int ev = 0;

	if (uv & UV_READABLE)
		ev |= SLIRP_POLL_IN;
	if (uv & UV_WRITABLE)
		ev |= SLIRP_POLL_OUT;
	if (uv & UV_PRIORITIZED)
		ev |= SLIRP_POLL_PRI;
	if (uv & UV_DISCONNECT)
		ev |= SLIRP_POLL_HUP;
	return ev;
}

static void slirp_poll_cb(uv_poll_t *p, int status, int events)
{
	struct slirp_watch *w = (struct slirp_watch *)p;

	if (status < 0)
		w->revents |= SLIRP_POLL_ERR | SLIRP_POLL_IN;
	else
		w->revents |= slirp_from_uv_events(events);
	slirp_dispatch(w->hd.ns);
}

static struct slirp_watch *slirp_find_watch(struct net_slirp *ns, int fd,
					    unsigned *index)
{
	for (unsigned i = 0; i < ns->n_watches; i++) {
		if (ns->watches[i]->fd == fd) {
			if (index)
				*index = i;
			return ns->watches[i];
		}
	}
	return NULL;
}

/* Stops watching @fd before slirp closes it, so no stale epoll entry. */
static void slirp_drop_watch(struct net_slirp *ns, int fd)
{
	struct slirp_watch *w;
	unsigned i;

	w = slirp_find_watch(ns, fd, &i);
	if (!w)
		return;
	for (unsigned j = 0; j < ns->n_pfds; j++)
		if (ns->pfds[j] == w)
			ns->pfds[j] = NULL;
	ns->watches[i] = ns->watches[--ns->n_watches];
	slirp_handle_close(&w->hd);
}

static struct slirp_watch *slirp_new_watch(struct net_slirp *ns, int fd)
{
	struct slirp_watch *w;

	if (ns->n_watches == ns->cap_watches) {
		unsigned cap = ns->cap_watches ? 2 * ns->cap_watches : 16;
		void *p = realloc(ns->watches, cap * sizeof(*ns->watches));

		if (!p)
			return NULL;
		ns->watches = p;
		ns->cap_watches = cap;
	}
	w = calloc(1, sizeof(*w));
	if (!w)
		return NULL;
	if (uv_poll_init(loop_uv(ns->loop), &w->hd.poll, fd)) {
		free(w);
		return NULL;
	}
	w->hd.ns = ns;
	w->hd.own = true;
	w->fd = fd;
	ns->open_handles++;
	ns->watches[ns->n_watches++] = w;
	return w;
}

static int slirp_add_poll(int fd, int events, void *opaque)
{
	struct net_slirp *ns = opaque;
	struct slirp_watch *w = slirp_find_watch(ns, fd, NULL);
	int uv = slirp_to_uv_events(events);

	if (!w)
		w = slirp_new_watch(ns, fd);
	if (!w)
		return -1;
	if (ns->n_pfds == ns->cap_pfds) {
		unsigned cap = ns->cap_pfds ? 2 * ns->cap_pfds : 16;
		void *p = realloc(ns->pfds, cap * sizeof(*ns->pfds));

		if (!p)
			return -1;
		ns->pfds = p;
		ns->cap_pfds = cap;
	}
	if (w->seen)
		uv |= w->uv_events; /* the same fd twice: watch for both */
	w->seen = true;
	if (uv != w->uv_events) {
		if (uv_poll_start(&w->hd.poll, uv, slirp_poll_cb) == 0)
			w->uv_events = uv;
	}
	ns->pfds[ns->n_pfds] = w;
	return (int)ns->n_pfds++;
}

static int slirp_get_revents(int idx, void *opaque)
{
	struct net_slirp *ns = opaque;

	if (idx < 0 || (unsigned)idx >= ns->n_pfds || !ns->pfds[idx])
		return 0;
	return ns->pfds[idx]->revents;
}

static void slirp_deadline_cb(uv_timer_t *t)
{
	slirp_dispatch(((struct slirp_handle *)t)->ns);
}

/*
 * Lets slirp act on what happened (socket events, expired timeouts, queued
 * output), then rebuilds the watched set and the deadline.
 */
static void slirp_dispatch(struct net_slirp *ns)
{
	uint32_t timeout = UINT32_MAX;

	if (ns->dispatching || ns->dying)
		return;
	ns->dispatching = true;
	slirp_pollfds_poll(ns->slirp, 0, slirp_get_revents, ns);

	for (unsigned i = 0; i < ns->n_watches; i++) {
		ns->watches[i]->revents = 0;
		ns->watches[i]->seen = false;
	}
	ns->n_pfds = 0;
	slirp_pollfds_fill(ns->slirp, &timeout, slirp_add_poll, ns);
	for (unsigned i = 0; i < ns->n_watches; i++) {
		struct slirp_watch *w = ns->watches[i];

		if (!w->seen && w->uv_events) {
			uv_poll_stop(&w->hd.poll);
			w->uv_events = 0;
		}
	}
	if (ns->again)
		timeout = 0;
	ns->again = false;
	if (timeout < SLIRP_IDLE_TIMEOUT_MS)
		uv_timer_start(&ns->deadline.timer, slirp_deadline_cb, timeout,
			       0);
	else
		uv_timer_stop(&ns->deadline.timer);
	ns->dispatching = false;
}

/* ---- libslirp's callbacks (all on the main thread) ---- */

static ssize_t slirp_cb_send_packet(const void *buf, size_t len, void *opaque)
{
	struct net_slirp *ns = opaque;
	struct slirp_frame *f;

	if (!ns->rx_head && net_deliver(&ns->be, buf, len))
		return (ssize_t)len;
	/* Keep order: once one frame waits, the later ones wait too. */
	if (ns->rx_count >= SLIRP_RX_HOLD)
		return (ssize_t)len; /* dropped, as a full NIC would */
	f = malloc(sizeof(*f) + len);
	if (!f)
		return (ssize_t)len;
	f->next = NULL;
	f->len = len;
	memcpy(f->data, buf, len);
	if (ns->rx_tail)
		ns->rx_tail->next = f;
	else
		ns->rx_head = f;
	ns->rx_tail = f;
	ns->rx_count++;
	return (ssize_t)len;
}

#define SLIRP_GUEST_ERRORS_SHOWN 10

static void slirp_cb_guest_error(const char *msg, void *opaque)
{
	struct net_slirp *ns = opaque;

	if (ns->guest_errors >= SLIRP_GUEST_ERRORS_SHOWN)
		return;
	log_warn("user network: guest error: %s%s", msg,
		 ++ns->guest_errors == SLIRP_GUEST_ERRORS_SHOWN
			 ? " (further ones not shown)"
			 : "");
}

static int64_t slirp_cb_clock_get_ns(void *opaque)
{
	return (int64_t)uv_hrtime();
}

static void slirp_timer_cb(uv_timer_t *t)
{
	struct slirp_timer *st = (struct slirp_timer *)t;
	struct net_slirp *ns = st->hd.ns;

	if (st->cb)
		st->cb(st->cb_opaque);
	else
		slirp_handle_timer(ns->slirp, st->id, st->cb_opaque);
	slirp_dispatch(ns);
}

static struct slirp_timer *slirp_timer_alloc(struct net_slirp *ns)
{
	struct slirp_timer *st = calloc(1, sizeof(*st));

	if (!st)
		return NULL;
	if (uv_timer_init(loop_uv(ns->loop), &st->hd.timer)) {
		free(st);
		return NULL;
	}
	st->hd.ns = ns;
	st->hd.own = true;
	ns->open_handles++;
	return st;
}

static void *slirp_cb_timer_new(SlirpTimerCb cb, void *cb_opaque, void *opaque)
{
	struct slirp_timer *st = slirp_timer_alloc(opaque);

	if (st) {
		st->cb = cb;
		st->cb_opaque = cb_opaque;
	}
	return st;
}

static void *slirp_cb_timer_new_opaque(SlirpTimerId id, void *cb_opaque,
				       void *opaque)
{
	struct slirp_timer *st = slirp_timer_alloc(opaque);

	if (st) {
		st->id = id;
		st->cb_opaque = cb_opaque;
	}
	return st;
}

static void slirp_cb_timer_free(void *timer, void *opaque)
{
	struct slirp_timer *st = timer;

	if (st)
		slirp_handle_close(&st->hd);
}

/* @expire_time is in milliseconds of the clock_get_ns clock. */
static void slirp_cb_timer_mod(void *timer, int64_t expire_time, void *opaque)
{
	struct slirp_timer *st = timer;
	int64_t now = (int64_t)(uv_hrtime() / 1000000);
	uint64_t delay = expire_time > now ? (uint64_t)(expire_time - now) : 0;

	if (st)
		uv_timer_start(&st->hd.timer, slirp_timer_cb, delay, 0);
}

static void slirp_cb_register_poll_fd(int fd, void *opaque)
{
	/*
	 * A new socket: if a watch for the same number is left over from a
	 * socket closed without telling us, it is stale.
	 */
	slirp_drop_watch(opaque, fd);
}

static void slirp_cb_unregister_poll_fd(int fd, void *opaque)
{
	slirp_drop_watch(opaque, fd);
}

static void slirp_cb_notify(void *opaque)
{
	struct net_slirp *ns = opaque;

	if (ns->dispatching)
		ns->again = true;
	else if (!ns->dying)
		uv_timer_start(&ns->deadline.timer, slirp_deadline_cb, 0, 0);
}

static const SlirpCb slirp_callbacks = {
	.send_packet = slirp_cb_send_packet,
	.guest_error = slirp_cb_guest_error,
	.clock_get_ns = slirp_cb_clock_get_ns,
	.timer_new = slirp_cb_timer_new,
	.timer_free = slirp_cb_timer_free,
	.timer_mod = slirp_cb_timer_mod,
	.register_poll_fd = slirp_cb_register_poll_fd,
	.unregister_poll_fd = slirp_cb_unregister_poll_fd,
	.notify = slirp_cb_notify,
	.timer_new_opaque = slirp_cb_timer_new_opaque,
};

/* ---- The back end ---- */

static void slirp_tx_drain(void *arg)
{
	struct net_slirp *ns = arg;
	struct slirp_frame *f, *next;

	pthread_mutex_lock(&ns->tx_lock);
	f = ns->tx_head;
	ns->tx_head = ns->tx_tail = NULL;
	ns->tx_bytes = 0;
	ns->tx_posted = false;
	pthread_mutex_unlock(&ns->tx_lock);

	for (; f; f = next) {
		next = f->next;
		slirp_input(ns->slirp, f->data, (int)f->len);
		free(f);
	}
	slirp_dispatch(ns);
}

static int slirp_be_send(struct net_backend *be, const struct iovec *iov,
			 int iovcnt)
{
	struct net_slirp *ns = (struct net_slirp *)be;
	long len = net_iov_len(iov, iovcnt);
	struct slirp_frame *f;
	size_t off = 0;
	bool post;

	if (len < 0)
		return (int)len;
	f = malloc(sizeof(*f) + (size_t)len);
	if (!f)
		return -ENOBUFS;
	f->next = NULL;
	f->len = (size_t)len;
	for (int i = 0; i < iovcnt; i++) {
		memcpy(f->data + off, iov[i].iov_base, iov[i].iov_len);
		off += iov[i].iov_len;
	}

	pthread_mutex_lock(&ns->tx_lock);
	if (ns->tx_bytes + f->len > SLIRP_TX_LIMIT) {
		pthread_mutex_unlock(&ns->tx_lock);
		free(f);
		return -ENOBUFS;
	}
	if (ns->tx_tail)
		ns->tx_tail->next = f;
	else
		ns->tx_head = f;
	ns->tx_tail = f;
	ns->tx_bytes += f->len;
	post = !ns->tx_posted;
	ns->tx_posted = true;
	pthread_mutex_unlock(&ns->tx_lock);

	if (post && loop_post(ns->loop, slirp_tx_drain, ns)) {
		pthread_mutex_lock(&ns->tx_lock);
		ns->tx_posted = false;
		pthread_mutex_unlock(&ns->tx_lock);
		return -ENOBUFS;
	}
	return 0;
}

static void slirp_rx_flush(void *arg)
{
	struct net_slirp *ns = arg;

	atomic_store(&ns->resume_posted, false);
	while (ns->rx_head) {
		struct slirp_frame *f = ns->rx_head;

		if (!net_deliver(&ns->be, f->data, f->len))
			return;
		ns->rx_head = f->next;
		if (!ns->rx_head)
			ns->rx_tail = NULL;
		ns->rx_count--;
		free(f);
	}
}

static void slirp_be_resume(struct net_backend *be)
{
	struct net_slirp *ns = (struct net_slirp *)be;

	if (!atomic_exchange(&ns->resume_posted, true)) {
		if (loop_post(ns->loop, slirp_rx_flush, ns))
			atomic_store(&ns->resume_posted, false);
	}
}

static void slirp_be_destroy(struct net_backend *be)
{
	struct net_slirp *ns = (struct net_slirp *)be;

	/* slirp_cleanup() closes its sockets, unregistering each. */
	slirp_cleanup(ns->slirp);
	ns->dying = true;
	while (ns->n_watches)
		slirp_drop_watch(ns, ns->watches[0]->fd);
	slirp_handle_close(&ns->deadline);
	slirp_free_frames(ns->tx_head);
	slirp_free_frames(ns->rx_head);
	ns->tx_head = ns->rx_head = NULL;
	slirp_maybe_free(ns);
}

static const struct net_backend_ops slirp_backend_ops = {
	.send = slirp_be_send,
	.resume = slirp_be_resume,
	.destroy = slirp_be_destroy,
};

static void slirp_fwd_text(const struct net_slirp_fwd *f, char *buf, size_t len)
{
	char host[INET_ADDRSTRLEN] = "", guest[INET_ADDRSTRLEN] = "";

	if (f->host_addr.s_addr != INADDR_ANY)
		inet_ntop(AF_INET, &f->host_addr, host, sizeof(host));
	if (f->guest_addr.s_addr)
		inet_ntop(AF_INET, &f->guest_addr, guest, sizeof(guest));
	snprintf(buf, len, "%s:%s:%u-%s:%u", f->udp ? "udp" : "tcp", host,
		 f->host_port, guest, f->guest_port);
}

int net_slirp_create(struct net_backend **out, struct loop *l,
		     const struct net_slirp_config *cfg, char *err,
		     size_t errlen)
{
	SlirpConfig sc = {.version = 4};
	struct net_slirp *ns;
	int ret;

	ns = calloc(1, sizeof(*ns));
	if (!ns) {
		snprintf(err, errlen, "--net user: out of memory");
		return -ENOMEM;
	}
	ns->be.ops = &slirp_backend_ops;
	ns->loop = l;
	ns->cfg = *cfg;
	pthread_mutex_init(&ns->tx_lock, NULL);
	ret = uv_timer_init(loop_uv(l), &ns->deadline.timer);
	if (ret) {
		snprintf(err, errlen, "--net user: %s", uv_strerror(ret));
		pthread_mutex_destroy(&ns->tx_lock);
		free(ns);
		return ret;
	}
	ns->deadline.ns = ns;
	ns->open_handles = 1;

	/* The addresses of QEMU's user network, so guests configure alike. */
	sc.restricted = cfg->restricted;
	sc.in_enabled = true;
	inet_pton(AF_INET, "10.0.2.0", &sc.vnetwork);
	inet_pton(AF_INET, "255.255.255.0", &sc.vnetmask);
	inet_pton(AF_INET, "10.0.2.2", &sc.vhost);
	inet_pton(AF_INET, "10.0.2.15", &sc.vdhcp_start);
	inet_pton(AF_INET, "10.0.2.3", &sc.vnameserver);
	sc.in6_enabled = true;
	inet_pton(AF_INET6, "fec0::", &sc.vprefix_addr6);
	sc.vprefix_len = 64;
	inet_pton(AF_INET6, "fec0::2", &sc.vhost6);
	inet_pton(AF_INET6, "fec0::3", &sc.vnameserver6);
	sc.vhostname = "hvrun";

	ns->slirp = slirp_new(&sc, &slirp_callbacks, ns);
	if (!ns->slirp) {
		snprintf(err, errlen, "--net user: libslirp failed to start");
		ret = -ENOMEM;
		goto err_timer;
	}
	for (unsigned i = 0; i < cfg->n_fwd; i++) {
		const struct net_slirp_fwd *f = &cfg->fwd[i];
		char text[80];

		if (slirp_add_hostfwd(ns->slirp, f->udp, f->host_addr,
				      f->host_port, f->guest_addr,
				      f->guest_port) == 0)
			continue;
		ret = errno ? -errno : -EADDRINUSE;
		slirp_fwd_text(f, text, sizeof(text));
		snprintf(err, errlen,
			 "--net user: hostfwd=%s: cannot listen on the host "
			 "port (%s); pick another port",
			 text, strerror(-ret));
		goto err_slirp;
	}
	slirp_dispatch(ns);
	*out = &ns->be;
	return 0;

err_slirp:
	slirp_be_destroy(&ns->be);
	return ret;
err_timer:
	ns->dying = true;
	slirp_handle_close(&ns->deadline);
	return ret;
}

/* ---- --net user,... ---- */

/* Parses a decimal port 1..65535 from [s, end). */
static bool slirp_parse_port(const char *s, const char *end, uint16_t *port)
{
	unsigned long v = 0;

	if (s == end || end - s > 5)
		return false;
	for (; s < end; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (unsigned long)(*s - '0');
	}
	if (v == 0 || v > 65535)
		return false;
	*port = (uint16_t)v;
	return true;
}

/* An IPv4 address from [s, end); empty gives @dflt. */
static bool slirp_parse_addr(const char *s, const char *end, struct in_addr *a,
			     in_addr_t dflt)
{
	char buf[INET_ADDRSTRLEN];

	if (s == end) {
		a->s_addr = dflt;
		return true;
	}
	if ((size_t)(end - s) >= sizeof(buf))
		return false;
	memcpy(buf, s, (size_t)(end - s));
	buf[end - s] = 0;
	return inet_pton(AF_INET, buf, a) == 1;
}

/* "[tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT" in [s, end). */
static bool slirp_parse_fwd(const char *s, const char *end,
			    struct net_slirp_fwd *f)
{
	const char *c1, *dash, *c2;

	memset(f, 0, sizeof(*f));
	c1 = memchr(s, ':', (size_t)(end - s));
	if (!c1)
		return false;
	if (c1 - s == 3 && memcmp(s, "udp", 3) == 0)
		f->udp = true;
	else if (!(c1 - s == 3 && memcmp(s, "tcp", 3) == 0) && c1 != s)
		return false;
	s = c1 + 1;
	dash = memchr(s, '-', (size_t)(end - s));
	if (!dash)
		return false;
	c1 = memchr(s, ':', (size_t)(dash - s));
	if (!c1 || !slirp_parse_addr(s, c1, &f->host_addr, INADDR_ANY) ||
	    !slirp_parse_port(c1 + 1, dash, &f->host_port))
		return false;
	s = dash + 1;
	c2 = memchr(s, ':', (size_t)(end - s));
	if (!c2 || !slirp_parse_addr(s, c2, &f->guest_addr, 0) ||
	    !slirp_parse_port(c2 + 1, end, &f->guest_port))
		return false;
	return true;
}

static bool slirp_parse_bool(const char *s, size_t n, bool *v)
{
	static const char *const yes[] = {"on", "yes", "true", "1"};
	static const char *const no[] = {"off", "no", "false", "0"};

	for (size_t i = 0; i < 4; i++) {
		if (strlen(yes[i]) == n && memcmp(s, yes[i], n) == 0) {
			*v = true;
			return true;
		}
		if (strlen(no[i]) == n && memcmp(s, no[i], n) == 0) {
			*v = false;
			return true;
		}
	}
	return false;
}

int net_slirp_parse(const char *opt, struct net_slirp_config *cfg, char *err,
		    size_t errlen)
{
	const char *p, *end, *eq;

	memset(cfg, 0, sizeof(*cfg));
	if (strncmp(opt, "user", 4) != 0 || (opt[4] && opt[4] != ',')) {
		snprintf(err, errlen, "--net %s: expected 'user[,...]'", opt);
		return -EINVAL;
	}
	for (p = opt + 4; *p; p = end) {
		size_t klen, vlen;

		p++; /* the comma */
		end = strchr(p, ',');
		if (!end)
			end = p + strlen(p);
		eq = memchr(p, '=', (size_t)(end - p));
		if (!eq) {
			snprintf(err, errlen,
				 "--net %s: '%.*s' is not KEY=VALUE; "
				 "use hostfwd= or restrict=",
				 opt, (int)(end - p), p);
			return -EINVAL;
		}
		klen = (size_t)(eq - p);
		vlen = (size_t)(end - eq - 1);
		if (klen == 7 && memcmp(p, "hostfwd", 7) == 0) {
			if (cfg->n_fwd == NET_SLIRP_MAX_FWD) {
				snprintf(err, errlen,
					 "--net %s: more than %d hostfwd "
					 "rules",
					 opt, NET_SLIRP_MAX_FWD);
				return -EINVAL;
			}
			if (!slirp_parse_fwd(eq + 1, end,
					     &cfg->fwd[cfg->n_fwd])) {
				snprintf(err, errlen,
					 "--net %s: bad hostfwd '%.*s'; "
					 "expected [tcp|udp]:[HOSTADDR]:"
					 "HOSTPORT-[GUESTADDR]:GUESTPORT",
					 opt, (int)vlen, eq + 1);
				return -EINVAL;
			}
			cfg->n_fwd++;
		} else if (klen == 8 && memcmp(p, "restrict", 8) == 0) {
			if (!slirp_parse_bool(eq + 1, vlen, &cfg->restricted)) {
				snprintf(err, errlen,
					 "--net %s: restrict takes on or off, "
					 "not '%.*s'",
					 opt, (int)vlen, eq + 1);
				return -EINVAL;
			}
		} else {
			snprintf(err, errlen,
				 "--net %s: unknown option '%.*s'; "
				 "user networking takes hostfwd= and "
				 "restrict=",
				 opt, (int)klen, p);
			return -EINVAL;
		}
	}
	return 0;
}
