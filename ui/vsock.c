// SPDX-License-Identifier: MIT
/*
 * virtio-vsock's host end on Unix sockets (ui/vsock.h). Every call from
 * the device comes on the loop's thread with the device's lock held, so
 * nothing here calls the device back from inside one; events from the
 * sockets reach it from the loop's callbacks.
 */
#include "ui/vsock.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <uv.h>

#include "base/loop.h"

/* "CONNECT 4294967295\n" and some slack. */
#define LINE_MAX_LEN 64

struct vsock_unix;

struct vu_conn {
	struct vsock_unix *u;
	int fd;
	uv_poll_t poll;
	bool awaiting_line; /* a host program's, not yet its CONNECT */
	struct vu_conn *next_pending;
};

struct vsock_unix {
	struct loop *loop;
	struct vsock *dev;
	struct vsock_unix_config cfg;
	int listen_fd;
	uv_poll_t listen_poll;
	bool listen_inited;
	/* Host programs that have not said which port yet. */
	struct vu_conn *pending;
};

int vsock_unix_parse(const char *opt, struct vsock_unix_config *cfg, char *err,
		     size_t errlen)
{
	const char *comma = strrchr(opt, ',');
	size_t len = strlen(opt);

	memset(cfg, 0, sizeof(*cfg));
	cfg->cid = VSOCK_DEFAULT_CID;
	if (comma && !strncmp(comma, ",cid=", 5)) {
		char *end;
		unsigned long long cid;

		errno = 0;
		cid = strtoull(comma + 5, &end, 10);
		if (errno || *end || end == comma + 5 || cid < 3 ||
		    cid > 0xfffffffeull) {
			snprintf(err, errlen,
				 "--vsock %s: cid= takes a number from 3 to "
				 "4294967294",
				 opt);
			return -EINVAL;
		}
		cfg->cid = cid;
		len = (size_t)(comma - opt);
	}
	if (!len || len >= sizeof(cfg->path)) {
		snprintf(err, errlen,
			 "--vsock %s: give a socket path of up to %zu "
			 "characters",
			 opt, sizeof(cfg->path) - 1);
		return -EINVAL;
	}
	memcpy(cfg->path, opt, len);
	return 0;
}

static void conn_closed(uv_handle_t *h)
{
	struct vu_conn *c = h->data;

	close(c->fd);
	free(c);
}

static void conn_close(struct vu_conn *c)
{
	uv_close((uv_handle_t *)&c->poll, conn_closed);
}

static void conn_event(uv_poll_t *p, int status, int events)
{
	struct vu_conn *c = p->data;

	/* An error or a hang-up shows up on the next read or write. */
	if (status < 0)
		events = UV_READABLE | UV_WRITABLE;
	vsock_host_ready(c->u->dev, c, events & (UV_READABLE | UV_DISCONNECT),
			 events & UV_WRITABLE);
}

static struct vu_conn *conn_new(struct vsock_unix *u, int fd)
{
	struct vu_conn *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->u = u;
	c->fd = fd;
	if (uv_poll_init(loop_uv(u->loop), &c->poll, fd)) {
		free(c);
		return NULL;
	}
	c->poll.data = c;
	return c;
}

/* --- the device's operations --- */

static void *vu_connect(void *be, uint32_t port)
{
	struct vsock_unix *u = be;
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	struct vu_conn *c;
	int fd;

	snprintf(a.sun_path, sizeof(a.sun_path), "%s_%u", u->cfg.path, port);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return NULL;
	/* A local connect completes at once, or fails. */
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		close(fd);
		return NULL;
	}
	c = conn_new(u, fd);
	if (!c)
		close(fd);
	return c;
}

static ssize_t vu_read(void *be, void *h, void *buf, size_t len)
{
	struct vu_conn *c = h;
	ssize_t n = recv(c->fd, buf, len, MSG_DONTWAIT);

	return n < 0 ? -errno : n;
}

static ssize_t vu_write(void *be, void *h, const void *buf, size_t len)
{
	struct vu_conn *c = h;
	ssize_t n = send(c->fd, buf, len, MSG_DONTWAIT | MSG_NOSIGNAL);

	return n < 0 ? -errno : n;
}

static void vu_watch(void *be, void *h, bool readable, bool writable)
{
	struct vu_conn *c = h;
	int ev = (readable ? UV_READABLE | UV_DISCONNECT : 0) |
		 (writable ? UV_WRITABLE : 0);

	if (ev)
		uv_poll_start(&c->poll, ev, conn_event);
	else
		uv_poll_stop(&c->poll);
}

static void vu_shutdown(void *be, void *h)
{
	struct vu_conn *c = h;

	shutdown(c->fd, SHUT_WR);
}

static void vu_close(void *be, void *h)
{
	conn_close(h);
}

static void vu_answer(void *be, void *h, bool ok, uint32_t port)
{
	struct vu_conn *c = h;
	char line[24];
	int n;

	if (!ok)
		return; /* the device closes it next */
	n = snprintf(line, sizeof(line), "OK %u\n", port);
	/* A fresh socket has room for a line; if not, the program left. */
	send(c->fd, line, (size_t)n, MSG_DONTWAIT | MSG_NOSIGNAL);
}

const struct vsock_host_ops vsock_unix_ops = {
	.connect = vu_connect,
	.read = vu_read,
	.write = vu_write,
	.watch = vu_watch,
	.shutdown = vu_shutdown,
	.close = vu_close,
	.answer = vu_answer,
};

/* --- host programs connecting --- */

static void pending_drop(struct vsock_unix *u, struct vu_conn *c)
{
	for (struct vu_conn **p = &u->pending; *p; p = &(*p)->next_pending)
		if (*p == c) {
			*p = c->next_pending;
			break;
		}
}

/* Reads "CONNECT P\n" without taking a byte more. */
static void line_event(uv_poll_t *p, int status, int events)
{
	struct vu_conn *c = p->data;
	struct vsock_unix *u = c->u;
	char line[LINE_MAX_LEN + 1], skip[LINE_MAX_LEN], *nl, *end;
	unsigned long port;
	ssize_t n;

	n = recv(c->fd, line, LINE_MAX_LEN, MSG_PEEK | MSG_DONTWAIT);
	if (n < 0 && (errno == EAGAIN || errno == EINTR) && status >= 0)
		return;
	if (n <= 0)
		goto drop;
	line[n] = 0;
	nl = memchr(line, '\n', (size_t)n);
	if (!nl) {
		if (n == LINE_MAX_LEN)
			goto drop;
		return; /* the rest of the line is on its way */
	}
	/* Now take the line itself (into a copy: line keeps the peek). */
	if (recv(c->fd, skip, (size_t)(nl - line + 1), MSG_DONTWAIT) !=
	    nl - line + 1)
		goto drop;
	*nl = 0;
	errno = 0;
	port = strncmp(line, "CONNECT ", 8) ? 0 : strtoul(line + 8, &end, 10);
	if (!port || errno || *end || port > 0xffffffffUL)
		goto drop;
	uv_poll_stop(&c->poll);
	pending_drop(u, c);
	c->awaiting_line = false;
	if (vsock_host_connect(u->dev, (uint32_t)port, c))
		conn_close(c);
	return;
drop:
	pending_drop(u, c);
	conn_close(c);
}

static void listen_event(uv_poll_t *p, int status, int events)
{
	struct vsock_unix *u = p->data;
	struct vu_conn *c;
	int fd;

	if (status < 0)
		return;
	fd = accept4(u->listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
	if (fd < 0)
		return;
	c = conn_new(u, fd);
	if (!c) {
		close(fd);
		return;
	}
	c->awaiting_line = true;
	c->next_pending = u->pending;
	u->pending = c;
	uv_poll_start(&c->poll, UV_READABLE | UV_DISCONNECT, line_event);
}

/* A socket file nobody listens on is left over from an earlier run. */
static bool stale(const char *path)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	struct stat st;
	int fd, ret;

	if (lstat(path, &st) || !S_ISSOCK(st.st_mode))
		return false;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return false;
	snprintf(a.sun_path, sizeof(a.sun_path), "%s", path);
	ret = connect(fd, (struct sockaddr *)&a, sizeof(a));
	close(fd);
	return ret < 0 && errno == ECONNREFUSED;
}

int vsock_unix_create(struct vsock_unix **out, struct loop *l,
		      const struct vsock_unix_config *cfg, char *err,
		      size_t errlen)
{
	struct vsock_unix *u = calloc(1, sizeof(*u));
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	int ret;

	if (!u) {
		snprintf(err, errlen, "--vsock: out of memory");
		return -ENOMEM;
	}
	u->loop = l;
	u->cfg = *cfg;
	snprintf(a.sun_path, sizeof(a.sun_path), "%s", cfg->path);
	u->listen_fd =
		socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (u->listen_fd < 0) {
		ret = -errno;
		goto err;
	}
	if (stale(cfg->path))
		unlink(cfg->path);
	if (bind(u->listen_fd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(u->listen_fd, 16) < 0) {
		ret = -errno;
		goto err_close;
	}
	if (uv_poll_init(loop_uv(l), &u->listen_poll, u->listen_fd)) {
		ret = -EIO;
		unlink(cfg->path);
		goto err_close;
	}
	u->listen_poll.data = u;
	u->listen_inited = true;
	uv_poll_start(&u->listen_poll, UV_READABLE, listen_event);
	*out = u;
	return 0;

err_close:
	close(u->listen_fd);
err:
	snprintf(err, errlen, "--vsock %s: cannot listen there: %s%s",
		 cfg->path, strerror(-ret),
		 ret == -EADDRINUSE ? " (another program listens there)" : "");
	free(u);
	return ret == -EADDRINUSE ? -EBUSY : ret;
}

void vsock_unix_attach(struct vsock_unix *u, struct vsock *dev)
{
	u->dev = dev;
}

static void listen_closed(uv_handle_t *h)
{
	struct vsock_unix *u = h->data;

	close(u->listen_fd);
	free(u);
}

void vsock_unix_destroy(struct vsock_unix *u)
{
	if (!u)
		return;
	while (u->pending) {
		struct vu_conn *c = u->pending;

		u->pending = c->next_pending;
		conn_close(c);
	}
	unlink(u->cfg.path);
	uv_close((uv_handle_t *)&u->listen_poll, listen_closed);
}
