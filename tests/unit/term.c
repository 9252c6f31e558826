// SPDX-License-Identifier: MIT
/*
 * Unit tests for ui/term.c: stream input with flow control and end of
 * input, raw mode and escape keys on a pseudo-terminal, and the terminal
 * restored on exit by a fatal signal.
 */
#include "ui/term.h"

#include <stdbool.h>
#include <uv.h>
#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "devices/chardev.h"
#include "base/loop.h"

static int failures;

static void check(bool cond, const char *name, const char *why)
{
	if (cond) {
		printf("ok %s\n", name);
	} else {
		printf("FAIL %s: %s\n", name, why);
		failures++;
	}
}

/* A front end that takes at most @room bytes before it says it is full. */
struct fe {
	struct chardev *cd;
	char got[256];
	size_t len;
	size_t room;
	unsigned full_calls;
	bool quit;
};

static size_t fe_receive(void *opaque, const void *buf, size_t len)
{
	struct fe *f = opaque;
	size_t n = len < f->room ? len : f->room;

	if (n > sizeof(f->got) - f->len)
		n = sizeof(f->got) - f->len;
	memcpy(f->got + f->len, buf, n);
	f->len += n;
	f->room -= n;
	if (!n)
		f->full_calls++;
	return n;
}

static void fe_quit(void *opaque)
{
	((struct fe *)opaque)->quit = true;
}

/* Spins the loop until @cond holds or a second passes. */
#define RUN_UNTIL(l, cond)                                    \
	({                                                    \
		struct timespec ts0, ts1;                     \
		clock_gettime(CLOCK_MONOTONIC, &ts0);         \
		for (;;) {                                    \
			uv_run(loop_uv(l), UV_RUN_NOWAIT);    \
			if (cond)                             \
				break;                        \
			clock_gettime(CLOCK_MONOTONIC, &ts1); \
			if (ts1.tv_sec - ts0.tv_sec > 1)      \
				break;                        \
			usleep(1000);                         \
		}                                             \
		(cond);                                       \
	})

static void test_stream(void)
{
	struct loop l;
	struct term *t;
	struct fe f = {.room = 3};
	int in[2], out[2];
	char buf[64];
	ssize_t n;

	loop_init(&l);
	if (pipe(in) || pipe(out))
		abort();
	if (term_init_fds(&t, &l, in[0], out[1], fe_quit, &f)) {
		check(false, "term_stream", "term_init_fds failed");
		return;
	}
	f.cd = term_chardev(t);
	f.cd->receive = fe_receive;
	f.cd->fe = &f;

	/* Ctrl-A x is data when the input is not a terminal. */
	if (write(in[1], "ab\001xcdefg", 9) != 9)
		abort();
	RUN_UNTIL(&l, f.len == 3);
	check(f.len == 3 && !memcmp(f.got, "ab\001", 3) && f.full_calls,
	      "term_stream_stops_when_front_end_full",
	      "front end got more than it had room for");
	/* The rest waits for resume(). */
	f.room = 100;
	RUN_UNTIL(&l, false);
	check(f.len == 3, "term_stream_waits_for_resume",
	      "bytes delivered without resume()");
	f.cd->resume(f.cd);
	RUN_UNTIL(&l, f.len == 9);
	check(f.len == 9 && !memcmp(f.got, "ab\001xcdefg", 9) && !f.quit,
	      "term_stream_resume_delivers_rest_in_order",
	      "bytes lost or reordered, or escape keys seen in a stream");
	close(in[1]);
	RUN_UNTIL(&l, false);
	/* End of input stops reading; output still works. */
	f.cd->write(f.cd, "out\r\n", 5);
	n = read(out[0], buf, sizeof(buf));
	check(n == 5 && !memcmp(buf, "out\r\n", 5), "term_write_to_stdout",
	      "output did not reach the descriptor unchanged");
	term_destroy(t);
	loop_destroy(&l);
	close(in[0]);
	close(out[0]);
	close(out[1]);
}

static void test_file_input(void)
{
	struct loop l;
	struct term *t;
	struct fe f = {.room = 100};
	char path[] = "/tmp/hvrun-term-XXXXXX";
	int fd = mkstemp(path), out[2];

	if (fd < 0 || pipe(out) || write(fd, "file data", 9) != 9)
		abort();
	lseek(fd, 0, SEEK_SET);
	unlink(path);
	loop_init(&l);
	if (term_init_fds(&t, &l, fd, out[1], fe_quit, &f)) {
		check(false, "term_file_input", "term_init_fds failed");
		return;
	}
	f.cd = term_chardev(t);
	f.cd->receive = fe_receive;
	f.cd->fe = &f;
	/* A regular file cannot be polled: it is read in libuv's pool. */
	RUN_UNTIL(&l, f.len == 9);
	check(f.len == 9 && !memcmp(f.got, "file data", 9), "term_file_input",
	      "a regular file as stdin was not read");
	term_destroy(t);
	loop_destroy(&l);
	close(fd);
	close(out[0]);
	close(out[1]);
}

static bool is_raw(int fd)
{
	struct termios tio;

	if (tcgetattr(fd, &tio))
		return false;
	return !(tio.c_lflag & (ICANON | ECHO | ISIG)) &&
	       !(tio.c_oflag & OPOST) && !(tio.c_iflag & (ICRNL | IXON));
}

static void test_tty(void)
{
	struct loop l;
	struct term *t;
	struct fe f = {.room = 100};
	struct termios before, after;
	int master, slave, out[2];

	if (openpty(&master, &slave, NULL, NULL, NULL)) {
		printf("skip term_tty: openpty: %s\n", strerror(errno));
		return;
	}
	if (pipe(out))
		abort();
	tcgetattr(slave, &before);
	loop_init(&l);
	if (term_init_fds(&t, &l, slave, out[1], fe_quit, &f)) {
		check(false, "term_tty", "term_init_fds failed");
		return;
	}
	f.cd = term_chardev(t);
	f.cd->receive = fe_receive;
	f.cd->fe = &f;
	check(is_raw(slave), "term_tty_raw_mode",
	      "ICANON/ECHO/ISIG/OPOST/ICRNL/IXON still set");

	/* Ctrl-C is data; Ctrl-A Ctrl-A is one Ctrl-A; Ctrl-A h is not. */
	if (write(master, "a\003\001\001b\001hc", 8) != 8)
		abort();
	RUN_UNTIL(&l, f.len == 5);
	check(f.len == 5 && !memcmp(f.got, "a\003\001bc", 5) && !f.quit,
	      "term_tty_escape_keys", "escape keys not filtered as documented");
	if (write(master, "\001x", 2) != 2)
		abort();
	RUN_UNTIL(&l, f.quit);
	check(f.quit && f.len == 5, "term_tty_ctrl_a_x_quits",
	      "C-a x did not call the quit callback");

	term_destroy(t);
	tcgetattr(slave, &after);
	check(after.c_lflag == before.c_lflag &&
		      after.c_oflag == before.c_oflag &&
		      after.c_iflag == before.c_iflag,
	      "term_tty_restored_on_destroy", "termios differs after destroy");
	loop_destroy(&l);

	/* A fatal signal restores the mode, then kills as it would have. */
	fflush(stdout);
	pid_t pid = fork();

	if (pid == 0) {
		struct loop cl;
		struct term *ct;

		loop_init(&cl);
		if (term_init_fds(&ct, &cl, slave, out[1], NULL, NULL))
			_exit(3);
		if (!is_raw(slave))
			_exit(4);
		kill(getpid(), SIGTERM);
		_exit(5);
	}
	int status = 0;

	waitpid(pid, &status, 0);
	tcgetattr(slave, &after);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
	      "term_tty_signal_still_kills",
	      "the process did not die of SIGTERM");
	check(after.c_lflag == before.c_lflag &&
		      after.c_oflag == before.c_oflag,
	      "term_tty_restored_on_sigterm", "termios left raw after SIGTERM");

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct loop cl;
		struct term *ct;

		loop_init(&cl);
		if (term_init_fds(&ct, &cl, slave, out[1], NULL, NULL))
			_exit(3);
		exit(0); /* no term_destroy: atexit must restore */
	}
	waitpid(pid, &status, 0);
	tcgetattr(slave, &after);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
		      after.c_lflag == before.c_lflag,
	      "term_tty_restored_on_exit", "termios left raw after exit()");
	close(master);
	close(slave);
	close(out[0]);
	close(out[1]);
}

int main(void)
{
	/* Before anything starts libuv's thread pool, which a forked child
	 * could not shut down at exit(). */
	test_tty();
	test_stream();
	test_file_input();
	return failures ? 1 : 0;
}
