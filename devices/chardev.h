/* SPDX-License-Identifier: MIT */
/*
 * A character device: the seam between a front end the guest drives (the
 * UART, virtio-console) and a back end on the host (the terminal).
 *
 * Output flows front end -> back end through write(), from whichever thread
 * the guest's access runs on. Input flows back end -> front end through
 * receive(), on the main thread; the front end takes what it has room for
 * and the back end keeps the rest until the front end calls resume().
 * Nothing is dropped on the way in: a front end takes input only when the
 * guest can read it, as a terminal line's flow control would.
 *
 * A front end that knows when a program in the guest opens and closes the
 * port (virtio-console's ports do) tells the back end through opened().
 */
#ifndef HVRUN_CHARDEV_H
#define HVRUN_CHARDEV_H

#include <stdbool.h>
#include <stddef.h>

struct chardev {
	/* Set by the back end. */
	/* Any thread; must not block long. */
	void (*write)(struct chardev *cd, const void *buf, size_t len);
	/* Any thread: the front end has room again. */
	void (*resume)(struct chardev *cd);
	/* Any thread, may be NULL: the guest opened or closed the port. */
	void (*opened)(struct chardev *cd, bool open);
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

static inline void chardev_opened(struct chardev *cd, bool open)
{
	if (cd && cd->opened)
		cd->opened(cd, open);
}

/* What the back end calls; with no front end attached, input is dropped. */
static inline size_t chardev_receive(struct chardev *cd, const void *buf,
				     size_t len)
{
	if (!cd || !cd->receive)
		return len;
	return cd->receive(cd->fe, buf, len);
}

/*
 * A second front end's view of a back end: what it writes goes to
 * @target, and it receives nothing (the UART's early output when the
 * console's input belongs to virtio-console).
 */
struct chardev_tee {
	struct chardev cd;
	struct chardev *target;
};

static inline void chardev_tee_write(struct chardev *cd, const void *buf,
				     size_t len)
{
	chardev_write(((struct chardev_tee *)cd)->target, buf, len);
}

static inline struct chardev *chardev_tee_init(struct chardev_tee *t,
					       struct chardev *target)
{
	*t = (struct chardev_tee){.cd = {.write = chardev_tee_write},
				  .target = target};
	return &t->cd;
}

#endif
