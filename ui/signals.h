/* SPDX-License-Identifier: MIT */
/*
 * SIGTERM, SIGINT and SIGHUP as requests to stop: the handler runs on the
 * loop's thread, so the VM ends the ordinary way (disks synced, sockets
 * and the pid file removed). A second signal of the kind kills at once.
 * Not for a terminal in raw mode, which restores itself on those signals
 * (ui/term.h).
 */
#ifndef HVRUN_SIGNALS_H
#define HVRUN_SIGNALS_H

struct loop;
struct signals;

/* Main thread: @fn(@opaque, signal number) on the loop's thread. */
int signals_init(struct signals **out, struct loop *l,
		 void (*fn)(void *opaque, int sig), void *opaque);
/* Main thread: default actions again once the handles have closed. */
void signals_destroy(struct signals *s);

#endif
