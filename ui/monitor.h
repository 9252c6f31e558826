/* SPDX-License-Identifier: MIT */
/*
 * The human monitor: a line of text in, the QMP command it names run
 * through the same table as the QMP socket (ui/qmp.h), and its answer
 * written as text. The terminal (ui/term.h) hands it what the user types
 * after Ctrl-A c.
 *
 *   info status | info cpus | info version | stop | cont | quit |
 *   system_reset | system_powerdown | savevm FILE | loadvm FILE | help
 */
#ifndef HVRUN_MONITOR_H
#define HVRUN_MONITOR_H

#include <stddef.h>

struct qmp_commands;
struct monitor;

/* @write(@opaque, text) prints the monitor's output ("\n" line ends). */
int monitor_create(struct monitor **out, const struct qmp_commands *cmds,
		   void (*write)(void *opaque, const char *text), void *opaque);
void monitor_destroy(struct monitor *m);
/* Prints the greeting and the prompt. */
void monitor_enter(struct monitor *m);
/* Keys typed: echoed, edited (backspace), run at Enter. */
void monitor_input(struct monitor *m, const char *buf, size_t len);
/* Runs one line at once (tests); its output goes to @write. */
void monitor_run_line(struct monitor *m, const char *line);

#endif
