/* SPDX-License-Identifier: MIT */
/*
 * Serial back ends: where a console device's bytes go on the host, other
 * than the terminal (ui/term.h): a file, a Unix socket, a pseudo-terminal
 * or nowhere. Each is a character device back end (devices/chardev.h):
 * input is read only as fast as the guest takes it, never dropped.
 *
 *   file:PATH          output appended to PATH (created, truncated at
 *                      start); no input
 *   unix:PATH          connect to a listening Unix socket at PATH
 *   unix:PATH,server   listen at PATH (removed at exit); one client at a
 *                      time; output while none is connected is kept (the
 *                      last 64 KiB) for the next one
 *   pty                a new pseudo-terminal, named on stderr; output
 *                      while no program has it open fills its buffer
 *                      and the rest is dropped
 *   null               output dropped, no input
 */
#ifndef HVRUN_SERIAL_H
#define HVRUN_SERIAL_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

struct loop;
struct chardev;
struct serial;

enum serial_kind {
	SERIAL_STDIO, /* served by ui/term.h, not here */
	SERIAL_FILE,
	SERIAL_UNIX,
	SERIAL_PTY,
	SERIAL_NULL,
};

struct serial_config {
	enum serial_kind kind;
	bool server; /* unix: listen */
	char path[PATH_MAX];
};

/*
 * Parses "stdio", "file:PATH", "unix:PATH[,server]", "pty" or "null".
 * 0, or -EINVAL and one line in @err naming --serial @opt.
 */
int serial_parse(const char *opt, struct serial_config *cfg, char *err,
		 size_t errlen);

/*
 * Main thread, before the loop runs: opens the back end @cfg describes
 * (not SERIAL_STDIO) for the device named @dev ("ttyS0", "hvc0"). On
 * failure -errno and one line in @err naming --serial.
 */
int serial_open(struct serial **out, struct loop *l,
		const struct serial_config *cfg, const char *dev, char *err,
		size_t errlen);
struct chardev *serial_chardev(struct serial *s);
/*
 * Main thread, after the front end has gone: closes everything; the
 * loop's handles finish closing when the loop next runs.
 */
void serial_destroy(struct serial *s);

#endif
