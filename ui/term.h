/* SPDX-License-Identifier: MIT */
/*
 * The host terminal as a character-device back end: the guest's output
 * goes to stdout, stdin feeds the front end (the UART, usually).
 *
 * When stdin is a terminal it is put in raw mode, restored on every way
 * out (term_destroy, exit(), and fatal signals), and Ctrl-A starts an
 * escape: Ctrl-A x quits, Ctrl-A h prints the keys, Ctrl-A Ctrl-A sends
 * a Ctrl-A. Otherwise stdin is read as a plain stream until its end; the
 * end of input does not stop the VM.
 */
#ifndef HVRUN_TERM_H
#define HVRUN_TERM_H

struct term;
struct loop;
struct chardev;

/*
 * Uses fds 0 and 1; @quit(@opaque) runs on the loop's thread when the
 * user types Ctrl-A x. Reading starts at once; the front end attaches
 * itself to term_chardev() before the loop runs.
 */
int term_init(struct term **out, struct loop *l, void (*quit)(void *),
	      void *opaque);
/* The same on other descriptors (tests); the caller keeps them open. */
int term_init_fds(struct term **out, struct loop *l, int in_fd, int out_fd,
		  void (*quit)(void *), void *opaque);
struct chardev *term_chardev(struct term *t);
/*
 * Ctrl-A c switches between the guest's console and @m (ui/monitor.h),
 * which then gets what is typed and writes to the terminal.
 */
struct monitor;
void term_set_monitor(struct term *t, struct monitor *m);
/* Any thread: @text on the terminal, "\n" as a new line in raw mode. */
void term_print(struct term *t, const char *text);
/* Loop thread: stops reading and restores the terminal's mode. */
void term_destroy(struct term *t);

#endif
