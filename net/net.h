/* SPDX-License-Identifier: MIT */
/*
 * A network back end and the seam to its front end (virtio-net).
 *
 * Frames flow two ways. Guest to network: the front end calls net_send()
 * from whichever thread serves the guest's queue notify; the back end
 * copies or writes the frame at once and never blocks. Network to guest:
 * the back end calls the front end's receive() on the main thread; when
 * the front end has no buffer it says so, the back end keeps that frame
 * (and stops reading) until the front end calls net_resume().
 *
 * Neither libuv nor libslirp appears here, so devices can include it.
 */
#ifndef HVRUN_NET_H
#define HVRUN_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/uio.h>

#include "net/slirp.h"
#include "net/tap.h"

/* The largest Ethernet frame carried, header included, no FCS. */
#define NET_FRAME_MAX 65536

struct loop;
struct net_backend;

struct net_frontend {
	/*
	 * Main thread: one frame for the guest. Returns false, taking
	 * nothing, when there is no room; the back end offers the same
	 * frame again after net_resume().
	 */
	bool (*receive)(void *opaque, const void *frame, size_t len);
	void *opaque;
};

/* Main thread, before the loop runs: who receives frames. */
void net_attach(struct net_backend *be, const struct net_frontend *fe);

/*
 * Any thread: one frame from the guest, gathered from @iov. 0 when sent
 * or queued; -EMSGSIZE over NET_FRAME_MAX; -ENOBUFS when dropped because
 * the network side is congested (Ethernet may drop; TCP resends).
 */
int net_send(struct net_backend *be, const struct iovec *iov, int iovcnt);

/* Any thread: the front end has room again. */
void net_resume(struct net_backend *be);

/*
 * Main thread, once the loop no longer runs posted work for @be (after
 * loop_run() returned): closes everything; handles finish closing when
 * the loop next runs (loop_destroy() does).
 */
void net_destroy(struct net_backend *be);

/* --net as parsed from the command line. */
enum net_kind {
	NET_NONE,
	NET_USER,
	NET_TAP,
};

struct net_config {
	enum net_kind kind;
	union {
		struct net_slirp_config user;
		struct net_tap_config tap;
	};
};

/*
 * "user[,...]", "tap,ifname=NAME" (see net_slirp_parse, net_tap_parse) or
 * "none". 0, or -EINVAL with one line in @err naming --net.
 */
int net_parse(const char *opt, struct net_config *cfg, char *err,
	      size_t errlen);

/*
 * Main thread: starts the back end @cfg describes (*@out = NULL for
 * NET_NONE: no network device at all). On failure one line in @err.
 */
int net_create(struct net_backend **out, struct loop *l,
	       const struct net_config *cfg, char *err, size_t errlen);

#endif
