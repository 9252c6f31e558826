// SPDX-License-Identifier: MIT
/*
 * Serial back ends: a file, a Unix socket (client or server), a
 * pseudo-terminal (POSIX posix_openpt, grantpt, unlockpt) or nothing.
 *
 * Output comes from vCPU threads and is written at once; a socket or a
 * terminal that cannot take more makes the writer wait, as a terminal
 * line's flow control would. Input is read on the loop's thread into one
 * buffer, handed to the front end as fast as it takes it, and reading
 * stops while the front end is full, so nothing is dropped.
 */
#include "ui/serial.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>
#include <uv.h>

#include "base/loop.h"
#include "devices/chardev.h"

/* What a server keeps of the output while no client is connected. */
#define RING_SIZE (64 * 1024)

struct serial;

/* One connected stream: a socket or the pty's master side. */
struct serial_conn {
	struct serial *s;
	int fd;
	uv_poll_t poll;
	bool polling;
};

struct serial {
	struct chardev cd;
	struct loop *loop;
	struct serial_config cfg;
	char dev[16];

	/* Output: any thread, under out_lock. */
	pthread_mutex_t out_lock;
	int out_fd; /* -1: nowhere (dropped, or kept in the ring) */
	uint8_t *ring;
	size_t ring_head, ring_len;

	/* Input and connections: loop thread only. */
	struct serial_conn *conn; /* NULL: no client (yet) */
	int listen_fd;
	uv_poll_t listen_poll;
	bool listening, listen_inited;
	int pty_slave; /* held open so the master never hangs up */
	bool closing;
	uint8_t buf[4096];
	size_t pos, len; /* read, not yet taken: buf[pos..len) */
	/* The owner, posted resumes and handles still closing. */
	atomic_uint refs;
};

static void serial_put(struct serial *s)
{
	if (atomic_fetch_sub(&s->refs, 1) != 1)
		return;
	pthread_mutex_destroy(&s->out_lock);
	free(s->ring);
	free(s);
}

int serial_parse(const char *opt, struct serial_config *cfg, char *err,
		 size_t errlen)
{
	const char *path = NULL;
	size_t len;

	memset(cfg, 0, sizeof(*cfg));
	if (!strcmp(opt, "stdio")) {
		cfg->kind = SERIAL_STDIO;
	} else if (!strcmp(opt, "null")) {
		cfg->kind = SERIAL_NULL;
	} else if (!strcmp(opt, "pty")) {
		cfg->kind = SERIAL_PTY;
	} else if (!strncmp(opt, "file:", 5)) {
		cfg->kind = SERIAL_FILE;
		path = opt + 5;
	} else if (!strncmp(opt, "unix:", 5)) {
		cfg->kind = SERIAL_UNIX;
		path = opt + 5;
	} else {
		snprintf(err, errlen,
			 "--serial %s: choose stdio, file:PATH, "
			 "unix:PATH[,server], pty or null",
			 opt);
		return -EINVAL;
	}
	if (!path)
		return 0;
	len = strlen(path);
	if (cfg->kind == SERIAL_UNIX && len >= 7 &&
	    !strcmp(path + len - 7, ",server")) {
		cfg->server = true;
		len -= 7;
	}
	if (!len) {
		snprintf(err, errlen, "--serial %s: give a path after '%.5s'",
			 opt, opt);
		return -EINVAL;
	}
	if (len >= sizeof(cfg->path) ||
	    (cfg->kind == SERIAL_UNIX &&
	     len >= sizeof(((struct sockaddr_un *)0)->sun_path))) {
		snprintf(err, errlen, "--serial %s: the path is too long", opt);
		return -EINVAL;
	}
	memcpy(cfg->path, path, len);
	return 0;
}

/* --- output --- */

/* Lock held. Keeps the newest RING_SIZE bytes. */
static void ring_put(struct serial *s, const uint8_t *p, size_t len)
{
	if (len >= RING_SIZE) {
		p += len - RING_SIZE;
		len = RING_SIZE;
	}
	for (size_t i = 0; i < len; i++) {
		s->ring[(s->ring_head + s->ring_len) % RING_SIZE] = p[i];
		if (s->ring_len < RING_SIZE)
			s->ring_len++;
		else
			s->ring_head = (s->ring_head + 1) % RING_SIZE;
	}
}

/*
 * Lock held. Writes it all, waiting while the reader is slow; false when
 * the other side is gone (the rest is dropped).
 */
static bool write_all(int fd, const uint8_t *p, size_t len, bool sock)
{
	while (len) {
		ssize_t n = sock ? send(fd, p, len, MSG_NOSIGNAL)
				 : write(fd, p, len);

		if (n > 0) {
			p += n;
			len -= (size_t)n;
		} else if (n < 0 && errno == EINTR) {
			continue;
		} else if (n < 0 && errno == EAGAIN) {
			struct pollfd pfd = {.fd = fd, .events = POLLOUT};

			poll(&pfd, 1, -1);
		} else {
			return false;
		}
	}
	return true;
}

static void serial_cd_write(struct chardev *cd, const void *buf, size_t len)
{
	struct serial *s = cd->be;

	pthread_mutex_lock(&s->out_lock);
	if (s->out_fd >= 0) {
		if (s->cfg.kind == SERIAL_PTY) {
			/* Nobody reading the pty: what does not fit goes. */
			ssize_t n = write(s->out_fd, buf, len);

			(void)n;
		} else if (!write_all(s->out_fd, buf, len,
				      s->cfg.kind == SERIAL_UNIX)) {
			/* The loop notices the hang-up and closes it. */
			s->out_fd = -1;
		}
	} else if (s->ring) {
		ring_put(s, buf, len);
	}
	pthread_mutex_unlock(&s->out_lock);
}

/* --- input --- */

static void conn_read_more(struct serial *s);
static void conn_close(struct serial_conn *c);
static void listen_start(struct serial *s);

/* Hands held bytes to the front end; reads more once all are taken. */
static void deliver(struct serial *s)
{
	while (s->pos < s->len) {
		size_t n = chardev_receive(&s->cd, s->buf + s->pos,
					   s->len - s->pos);

		if (!n)
			break;
		s->pos += n > s->len - s->pos ? s->len - s->pos : n;
	}
	if (s->pos < s->len) {
		/* The front end is full: wait for its resume(). */
		if (s->conn && s->conn->polling) {
			uv_poll_stop(&s->conn->poll);
			s->conn->polling = false;
		}
		return;
	}
	s->pos = s->len = 0;
	conn_read_more(s);
}

static void do_resume(void *arg)
{
	struct serial *s = arg;

	if (!s->closing)
		deliver(s);
	serial_put(s);
}

static void serial_cd_resume(struct chardev *cd)
{
	struct serial *s = cd->be;

	atomic_fetch_add(&s->refs, 1);
	if (loop_post(s->loop, do_resume, s))
		serial_put(s);
}

static void conn_on_event(uv_poll_t *p, int status, int events)
{
	struct serial_conn *c = p->data;
	struct serial *s = c->s;
	ssize_t n;

	n = status < 0 ? 0 : read(c->fd, s->buf, sizeof(s->buf));
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		/* The peer went: a server waits for the next one. */
		conn_close(c);
		if (s->cfg.server)
			listen_start(s);
		return;
	}
	s->pos = 0;
	s->len = (size_t)n;
	deliver(s);
}

static void conn_read_more(struct serial *s)
{
	struct serial_conn *c = s->conn;

	if (!c || c->polling || s->closing)
		return;
	if (!uv_poll_start(&c->poll, UV_READABLE | UV_DISCONNECT,
			   conn_on_event))
		c->polling = true;
}

static void conn_closed(uv_handle_t *h)
{
	struct serial_conn *c = h->data;
	struct serial *s = c->s;

	close(c->fd);
	free(c);
	serial_put(s);
}

static void conn_close(struct serial_conn *c)
{
	struct serial *s = c->s;

	pthread_mutex_lock(&s->out_lock);
	s->out_fd = -1;
	pthread_mutex_unlock(&s->out_lock);
	s->conn = NULL;
	uv_close((uv_handle_t *)&c->poll, conn_closed);
}

/* Loop thread: @fd becomes the connection (output and input). */
static int conn_open(struct serial *s, int fd)
{
	struct serial_conn *c = calloc(1, sizeof(*c));
	bool ok;

	if (!c)
		return -ENOMEM;
	c->s = s;
	c->fd = fd;
	if (uv_poll_init(loop_uv(s->loop), &c->poll, fd)) {
		free(c);
		return -EIO;
	}
	c->poll.data = c;
	atomic_fetch_add(&s->refs, 1);
	s->conn = c;
	pthread_mutex_lock(&s->out_lock);
	/* A new client first gets what it missed. */
	ok = true;
	if (s->ring && s->ring_len) {
		size_t first = RING_SIZE - s->ring_head;

		if (first > s->ring_len)
			first = s->ring_len;
		ok = write_all(fd, s->ring + s->ring_head, first, true) &&
		     write_all(fd, s->ring, s->ring_len - first, true);
		s->ring_head = s->ring_len = 0;
	}
	s->out_fd = ok ? fd : -1;
	pthread_mutex_unlock(&s->out_lock);
	/* Input still held from a previous client goes first. */
	if (s->pos == s->len)
		conn_read_more(s);
	return 0;
}

static void listen_on_event(uv_poll_t *p, int status, int events)
{
	struct serial *s = p->data;
	int fd;

	if (status < 0)
		return;
	fd = accept4(s->listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
	if (fd < 0)
		return;
	/* One client at a time: others wait in the backlog. */
	uv_poll_stop(&s->listen_poll);
	s->listening = false;
	if (conn_open(s, fd)) {
		close(fd);
		listen_start(s);
	}
}

static void listen_start(struct serial *s)
{
	if (s->listening || s->closing || !s->listen_inited)
		return;
	if (!uv_poll_start(&s->listen_poll, UV_READABLE, listen_on_event))
		s->listening = true;
}

/* --- opening --- */

static int open_file(struct serial *s, char *err, size_t errlen)
{
	int fd = open(s->cfg.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		      0644);

	if (fd < 0) {
		int ret = -errno;

		snprintf(err, errlen, "--serial %s=file:%s: %s", s->dev,
			 s->cfg.path, strerror(-ret));
		return ret;
	}
	s->out_fd = fd;
	return 0;
}

/* A socket file nobody listens on is left over from an earlier run. */
static bool stale_socket(const char *path)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	struct stat st;
	int fd, ret;

	if (lstat(path, &st) || !S_ISSOCK(st.st_mode))
		return false;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return false;
	strcpy(a.sun_path, path);
	ret = connect(fd, (struct sockaddr *)&a, sizeof(a));
	close(fd);
	return ret < 0 && errno == ECONNREFUSED;
}

static int open_unix(struct serial *s, char *err, size_t errlen)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	int fd, ret;

	strcpy(a.sun_path, s->cfg.path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0) {
		ret = -errno;
		goto err;
	}
	if (!s->cfg.server) {
		/* A local connect completes at once or fails. */
		if (connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
			ret = -errno;
			close(fd);
			snprintf(err, errlen,
				 "--serial %s=unix:%s: cannot connect: %s%s",
				 s->dev, s->cfg.path, strerror(-ret),
				 ret == -ENOENT || ret == -ECONNREFUSED
					 ? " (start the listener first, or "
					   "add ,server)"
					 : "");
			return -EBUSY;
		}
		ret = conn_open(s, fd);
		if (ret) {
			close(fd);
			goto err;
		}
		return 0;
	}
	if (stale_socket(s->cfg.path))
		unlink(s->cfg.path);
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(fd, 4) < 0) {
		ret = -errno;
		close(fd);
		snprintf(err, errlen, "--serial %s=unix:%s,server: %s%s",
			 s->dev, s->cfg.path, strerror(-ret),
			 ret == -EADDRINUSE ? " (another program listens there)"
					    : "");
		return ret == -EADDRINUSE ? -EBUSY : ret;
	}
	s->ring = malloc(RING_SIZE);
	if (!s->ring) {
		close(fd);
		unlink(s->cfg.path);
		ret = -ENOMEM;
		goto err;
	}
	s->listen_fd = fd;
	ret = uv_poll_init(loop_uv(s->loop), &s->listen_poll, fd) ? -EIO : 0;
	if (ret) {
		close(fd);
		unlink(s->cfg.path);
		s->listen_fd = -1;
		goto err;
	}
	s->listen_poll.data = s;
	s->listen_inited = true;
	listen_start(s);
	return 0;
err:
	snprintf(err, errlen, "--serial %s=unix:%s: %s", s->dev, s->cfg.path,
		 strerror(-ret));
	return ret;
}

static int open_pty(struct serial *s, char *err, size_t errlen)
{
	struct termios t;
	const char *name;
	int m, ret;

	m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
	if (m < 0 || grantpt(m) || unlockpt(m) || !(name = ptsname(m))) {
		ret = -errno;
		goto err_close;
	}
	/*
	 * A raw line, so the guest sees every byte as typed and does its
	 * own echo; and the slave side held open, so the master never
	 * reads as hung up while no program has it open.
	 */
	s->pty_slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (s->pty_slave < 0 || tcgetattr(s->pty_slave, &t)) {
		ret = -errno;
		goto err_close;
	}
	cfmakeraw(&t);
	if (tcsetattr(s->pty_slave, TCSANOW, &t)) {
		ret = -errno;
		goto err_close;
	}
	ret = conn_open(s, m);
	if (ret)
		goto err_close;
	fprintf(stderr, "hvrun: %s is on %s\n", s->dev, name);
	return 0;

err_close:
	if (s->pty_slave >= 0)
		close(s->pty_slave);
	s->pty_slave = -1;
	if (m >= 0)
		close(m);
	snprintf(err, errlen,
		 "--serial %s=pty: cannot open a pseudo-terminal: %s", s->dev,
		 strerror(-ret));
	return ret;
}

int serial_open(struct serial **out, struct loop *l,
		const struct serial_config *cfg, const char *dev, char *err,
		size_t errlen)
{
	struct serial *s = calloc(1, sizeof(*s));
	int ret = 0;

	if (!s) {
		snprintf(err, errlen, "--serial: out of memory");
		return -ENOMEM;
	}
	s->loop = l;
	s->cfg = *cfg;
	snprintf(s->dev, sizeof(s->dev), "%s", dev);
	s->out_fd = s->listen_fd = s->pty_slave = -1;
	s->cd.write = serial_cd_write;
	s->cd.resume = serial_cd_resume;
	s->cd.be = s;
	atomic_init(&s->refs, 1);
	pthread_mutex_init(&s->out_lock, NULL);

	switch (cfg->kind) {
	case SERIAL_FILE:
		ret = open_file(s, err, errlen);
		break;
	case SERIAL_UNIX:
		ret = open_unix(s, err, errlen);
		break;
	case SERIAL_PTY:
		ret = open_pty(s, err, errlen);
		break;
	case SERIAL_NULL:
		break;
	case SERIAL_STDIO:
		snprintf(err, errlen,
			 "--serial %s=stdio: not a serial back end", dev);
		ret = -EINVAL;
		break;
	}
	if (ret) {
		serial_destroy(s);
		return ret;
	}
	*out = s;
	return 0;
}

struct chardev *serial_chardev(struct serial *s)
{
	return &s->cd;
}

static void listen_closed(uv_handle_t *h)
{
	struct serial *s = h->data;

	close(s->listen_fd);
	serial_put(s);
}

void serial_destroy(struct serial *s)
{
	if (!s)
		return;
	s->closing = true;
	if (s->conn)
		conn_close(s->conn);
	if (s->listen_fd >= 0)
		unlink(s->cfg.path);
	if (s->listen_inited) {
		atomic_fetch_add(&s->refs, 1);
		uv_close((uv_handle_t *)&s->listen_poll, listen_closed);
	}
	if (s->pty_slave >= 0)
		close(s->pty_slave);
	/* A file is closed here; a connection when its handle has closed. */
	if (s->cfg.kind == SERIAL_FILE && s->out_fd >= 0)
		close(s->out_fd);
	s->out_fd = -1;
	serial_put(s);
}
