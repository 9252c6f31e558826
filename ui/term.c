// SPDX-License-Identifier: MIT
/*
 * The host terminal back end. Terminal modes follow POSIX termios
 * (XBD chapter 11, "General Terminal Interface").
 */
#include "ui/term.h"

#include "base/fault.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <uv.h>

#include "devices/chardev.h"
#include "base/loop.h"
#include "ui/monitor.h"

#define TERM_ESCAPE 0x01 /* Ctrl-A */

struct term {
	struct chardev cd;
	struct loop *loop;
	int in_fd, out_fd;
	void (*quit)(void *);
	void *opaque;
	pthread_mutex_t out_lock;

	/* Input: loop thread only. */
	bool raw;      /* in_fd is a terminal we put in raw mode */
	bool use_poll; /* in_fd can be polled; else read via the pool */
	bool polling;
	bool fs_busy; /* a uv_fs_read is in flight */
	bool eof;
	bool closing;
	bool escape;		 /* the previous byte was Ctrl-A */
	struct monitor *monitor; /* Ctrl-A c's, or NULL */
	bool in_monitor;	 /* typed keys go to @monitor */
	/* The owner, posted resumes and handles still closing. */
	atomic_uint refs;
	uv_poll_t poll;
	uv_fs_t fs;
	uint8_t buf[4096];
	size_t pos, len; /* bytes read but not yet taken: buf[pos..len) */
	struct termios saved;
};

/*
 * A fatal signal must put the terminal back as it found it, and a signal
 * handler has nothing but static storage to find it in. There is one
 * controlling terminal, so one record does; term_init refuses a second
 * raw terminal. SIGSEGV and SIGBUS belong to base/fault.h (some are
 * expected and resumed): the terminal is put back as its last words.
 */
static const int term_fatal_signals[] = {
	SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGABRT, SIGFPE, SIGILL,
};
#define TERM_NSIG (sizeof(term_fatal_signals) / sizeof(term_fatal_signals[0]))

static struct {
	struct termios saved;
	int fd;
	volatile sig_atomic_t active;
	bool atexit_done;
	struct sigaction old[TERM_NSIG];
} term_restore;

static void term_restore_now(void)
{
	if (term_restore.active) {
		tcsetattr(term_restore.fd, TCSANOW, &term_restore.saved);
		term_restore.active = 0;
	}
}

static void term_on_fatal_signal(int sig)
{
	int saved_errno = errno;

	/* tcsetattr() is async-signal-safe; the handler is now SIG_DFL. */
	term_restore_now();
	errno = saved_errno;
	raise(sig);
}

static int term_enter_raw(struct term *t)
{
	struct sigaction sa;
	struct termios raw;
	unsigned i;

	if (term_restore.active)
		return -EBUSY;
	if (tcgetattr(t->in_fd, &t->saved))
		return -errno;
	raw = t->saved;
	/*
	 * No signals from keys (Ctrl-C goes to the guest), no echo, no
	 * line editing, no CR/NL mapping either way: the guest's own
	 * line discipline sends "\r\n" itself, so OPOST is off as well.
	 */
	cfmakeraw(&raw);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;

	term_restore.saved = t->saved;
	term_restore.fd = t->in_fd;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = term_on_fatal_signal;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < TERM_NSIG; i++)
		sigaction(term_fatal_signals[i], &sa, &term_restore.old[i]);
	if (!term_restore.atexit_done) {
		atexit(term_restore_now);
		fault_set_last_words(term_restore_now);
		term_restore.atexit_done = true;
	}
	term_restore.active = 1;
	if (tcsetattr(t->in_fd, TCSANOW, &raw)) {
		int err = -errno;

		term_restore.active = 0;
		for (i = 0; i < TERM_NSIG; i++)
			sigaction(term_fatal_signals[i], &term_restore.old[i],
				  NULL);
		return err;
	}
	t->raw = true;
	return 0;
}

static void term_leave_raw(struct term *t)
{
	unsigned i;

	if (!t->raw)
		return;
	term_restore_now();
	for (i = 0; i < TERM_NSIG; i++)
		sigaction(term_fatal_signals[i], &term_restore.old[i], NULL);
	t->raw = false;
}

/* Any thread. A short write just goes round again; nothing is dropped
 * unless stdout is gone. */
static void term_write_fd(int fd, const void *buf, size_t len)
{
	const uint8_t *p = buf;

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

static void term_cd_write(struct chardev *cd, const void *buf, size_t len)
{
	struct term *t = cd->be;

	pthread_mutex_lock(&t->out_lock);
	term_write_fd(t->out_fd, buf, len);
	pthread_mutex_unlock(&t->out_lock);
}

static void term_message(struct term *t, const char *msg)
{
	/* With OPOST off a bare "\n" would not return the carriage. */
	for (const char *p = msg; *p; p++) {
		if (*p == '\n' && t->raw)
			term_write_fd(STDERR_FILENO, "\r\n", 2);
		else
			term_write_fd(STDERR_FILENO, p, 1);
	}
}

static void term_read_more(struct term *t);

/* Hands pending bytes to the front end; reads more once all are taken. */
static void term_deliver(struct term *t)
{
	while (t->pos < t->len) {
		/* With no front end attached, input is dropped. */
		size_t n = chardev_receive(&t->cd, t->buf + t->pos,
					   t->len - t->pos);

		if (!n)
			break;
		t->pos += n > t->len - t->pos ? t->len - t->pos : n;
	}
	if (t->pos < t->len) {
		/* The front end is full: wait for its resume(). */
		if (t->polling) {
			uv_poll_stop(&t->poll);
			t->polling = false;
		}
		return;
	}
	t->pos = t->len = 0;
	term_read_more(t);
}

static void term_put(struct term *t)
{
	if (atomic_fetch_sub(&t->refs, 1) != 1)
		return;
	pthread_mutex_destroy(&t->out_lock);
	free(t);
}

static void term_do_resume(void *arg)
{
	struct term *t = arg;

	if (!t->closing)
		term_deliver(t);
	term_put(t);
}

static void term_cd_resume(struct chardev *cd)
{
	struct term *t = cd->be;

	atomic_fetch_add(&t->refs, 1);
	if (loop_post(t->loop, term_do_resume, t))
		term_put(t);
}

static const char term_help[] = "\n"
				"C-a h    print this help\n"
				"C-a x    exit hvrun\n"
				"C-a c    the monitor, and back to the guest\n"
				"C-a C-a  send C-a\n";

/*
 * Escape keys, done in place on buf[0..n): the output is never longer
 * than the input. Returns the bytes left for the guest.
 */
static size_t term_filter(struct term *t, size_t n)
{
	size_t out = 0;

	for (size_t i = 0; i < n; i++) {
		uint8_t c = t->buf[i];

		if (!t->escape) {
			if (c == TERM_ESCAPE)
				t->escape = true;
			else if (t->in_monitor)
				monitor_input(t->monitor, (const char *)&c, 1);
			else
				t->buf[out++] = c;
			continue;
		}
		t->escape = false;
		switch (c) {
		case TERM_ESCAPE:
			t->buf[out++] = c;
			break;
		case 'x':
		case 'X':
			term_message(t, "\nhvrun: terminated by C-a x\n");
			if (t->quit)
				t->quit(t->opaque);
			break;
		case 'h':
		case 'H':
		case '?':
			term_message(t, term_help);
			break;
		case 'c':
		case 'C':
			if (!t->monitor) {
				term_message(t, "\nhvrun: no monitor here\n");
				break;
			}
			t->in_monitor = !t->in_monitor;
			if (t->in_monitor)
				monitor_enter(t->monitor);
			else
				term_message(t, "\n");
			break;
		default:
			/* An unknown escape is dropped with its key. */
			break;
		}
	}
	return out;
}

static void term_got(struct term *t, size_t n)
{
	if (t->raw)
		n = term_filter(t, n);
	t->pos = 0;
	t->len = n;
	term_deliver(t);
}

static void term_stop_input(struct term *t)
{
	t->eof = true;
	if (t->polling) {
		uv_poll_stop(&t->poll);
		t->polling = false;
	}
}

static void term_on_readable(uv_poll_t *p, int status, int events)
{
	struct term *t = p->data;
	ssize_t n;

	if (status < 0) {
		term_stop_input(t);
		return;
	}
	/* One read(2) on a readable descriptor does not block. */
	n = read(t->in_fd, t->buf, sizeof(t->buf));
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		term_stop_input(t);
		return;
	}
	term_got(t, (size_t)n);
}

static void term_on_fs_read(uv_fs_t *req)
{
	struct term *t = req->data;
	ssize_t n = req->result;

	uv_fs_req_cleanup(req);
	t->fs_busy = false;
	if (t->closing) {
		term_put(t);
		return;
	}
	if (n < 0 && n == UV_EINTR) {
		term_read_more(t);
		return;
	}
	if (n <= 0) {
		t->eof = true;
		return;
	}
	term_got(t, (size_t)n);
}

static void term_read_more(struct term *t)
{
	if (t->eof || t->closing)
		return;
	if (t->use_poll) {
		if (!t->polling &&
		    !uv_poll_start(&t->poll, UV_READABLE, term_on_readable))
			t->polling = true;
		return;
	}
	if (!t->fs_busy) {
		/* A file or /dev/null cannot be polled: read it in the pool. */
		uv_buf_t b = uv_buf_init((char *)t->buf, sizeof(t->buf));

		t->fs.data = t;
		if (!uv_fs_read(loop_uv(t->loop), &t->fs, t->in_fd, &b, 1, -1,
				term_on_fs_read))
			t->fs_busy = true;
		else
			t->eof = true;
	}
}

int term_init_fds(struct term **out, struct loop *l, int in_fd, int out_fd,
		  void (*quit)(void *), void *opaque)
{
	struct term *t = calloc(1, sizeof(*t));
	int ret;

	if (!t)
		return -ENOMEM;
	t->loop = l;
	t->in_fd = in_fd;
	t->out_fd = out_fd;
	t->quit = quit;
	t->opaque = opaque;
	t->cd.write = term_cd_write;
	t->cd.resume = term_cd_resume;
	t->cd.be = t;
	atomic_init(&t->refs, 1);
	pthread_mutex_init(&t->out_lock, NULL);

	if (isatty(in_fd)) {
		ret = term_enter_raw(t);
		if (ret)
			goto err_free;
	}
	/* epoll refuses regular files and /dev/null with EPERM. */
	if (!uv_poll_init(loop_uv(l), &t->poll, in_fd)) {
		t->poll.data = t;
		t->use_poll = true;
	}
	term_read_more(t);
	*out = t;
	return 0;

err_free:
	pthread_mutex_destroy(&t->out_lock);
	free(t);
	return ret;
}

int term_init(struct term **out, struct loop *l, void (*quit)(void *),
	      void *opaque)
{
	return term_init_fds(out, l, STDIN_FILENO, STDOUT_FILENO, quit, opaque);
}

struct chardev *term_chardev(struct term *t)
{
	return &t->cd;
}

void term_set_monitor(struct term *t, struct monitor *m)
{
	t->monitor = m;
	if (!m)
		t->in_monitor = false;
}

void term_print(struct term *t, const char *text)
{
	term_message(t, text);
}

static void term_poll_closed(uv_handle_t *h)
{
	term_put(h->data);
}

void term_destroy(struct term *t)
{
	if (!t)
		return;
	term_leave_raw(t);
	t->closing = true;
	if (t->use_poll) {
		atomic_fetch_add(&t->refs, 1);
		uv_close((uv_handle_t *)&t->poll, term_poll_closed);
	}
	if (t->fs_busy) {
		/* Freed by the read's callback, cancelled or not. */
		atomic_fetch_add(&t->refs, 1);
		uv_cancel((uv_req_t *)&t->fs);
	}
	term_put(t);
}
