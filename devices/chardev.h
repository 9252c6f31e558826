/* SPDX-License-Identifier: MIT */
/*
 * A character device: the seam between a front end the guest drives (the
 * UART, virtio-console) and a back end on the host (the terminal).
 *
 * Output flows front end -> back end through write(), from whichever thread
 * the guest's access runs on. Input flows back end -> front end through
 * receive(), on the main thread; the front end takes what it has room for
 * and the back end keeps the rest until the front end calls resume().
 */
#ifndef HVRUN_CHARDEV_H
#define HVRUN_CHARDEV_H

#include <stddef.h>

struct chardev {
	/* Set by the back end. */
	/* Any thread; must not block long. */
	void (*write)(struct chardev *cd, const void *buf, size_t len);
	/* Any thread: the front end has room again. */
	void (*resume)(struct chardev *cd);
	void *be;
	/* Set by the front end. */
	/* Main thread; returns how many bytes it took. */
	size_t (*receive)(void *fe, const void *buf, size_t len);
	void *fe;
};

static inline void chardev_write(struct chardev *cd, const void *buf,
				 size_t len)
{
	if (cd && cd->write)
		cd->write(cd, buf, len);
}

static inline void chardev_resume(struct chardev *cd)
{
	if (cd && cd->resume)
		cd->resume(cd);
}

/* What the back end calls; with no front end attached, input is dropped. */
static inline size_t chardev_receive(struct chardev *cd, const void *buf,
				     size_t len)
{
	if (!cd || !cd->receive)
		return len;
	return cd->receive(cd->fe, buf, len);
}

#endif
