/* SPDX-License-Identifier: MIT */
/*
 * The host end of `hvrun --run`: a character device back end for the
 * virtio-console port the guest agent opens (guest/agent/proto.h). When
 * the agent opens the port it gets the command; then hvrun's standard
 * input flows to the command as fast as the guest takes it, and the
 * command's standard output and error come back to hvrun's own as they
 * are written, until the agent reports the command's exit status.
 *
 * The command goes out when the port opens, not at boot: a VM restored
 * from a snapshot taken while its agent waited with the port open needs
 * only a fresh runhost and the console's restored port state announced
 * to it (chardev opened()), as a cold boot's PORT_OPEN does.
 */
#ifndef HVRUN_RUN_H
#define HVRUN_RUN_H

#include <stdbool.h>

struct loop;
struct chardev;
struct runhost;

#define RUNHOST_MAX_MOUNTS 8

struct runhost_config {
	const char *cmd;
	const char *cwd; /* in the guest; NULL: / */
	/* 9p tags the agent mounts at /mnt/TAG before running @cmd. */
	const char *mounts[RUNHOST_MAX_MOUNTS];
	bool mount_ro[RUNHOST_MAX_MOUNTS];
	unsigned nmounts;
	int in_fd, out_fd, err_fd;
	/*
	 * Any thread, once: the command's exit status (0 to 255), or -1
	 * when the agent could not run it (a line was printed).
	 */
	void (*done)(void *opaque, int status);
	void *opaque;
};

/* Main thread, before the loop runs; @cfg's strings are copied. */
int runhost_create(struct runhost **out, struct loop *l,
		   const struct runhost_config *cfg);
struct chardev *runhost_chardev(struct runhost *r);
/* Whether done() was called. */
bool runhost_finished(struct runhost *r);
/* Main thread, once the front end has gone. */
void runhost_destroy(struct runhost *r);

#endif
