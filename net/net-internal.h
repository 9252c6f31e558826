/* SPDX-License-Identifier: MIT */
/* What every network back end shares; private to net/. */
#ifndef HVRUN_NET_INTERNAL_H
#define HVRUN_NET_INTERNAL_H

#include <errno.h>

#include "net/net.h"

struct net_backend_ops {
	int (*send)(struct net_backend *be, const struct iovec *iov,
		    int iovcnt);
	void (*resume)(struct net_backend *be);
	void (*destroy)(struct net_backend *be);
};

struct net_backend {
	const struct net_backend_ops *ops;
	struct net_frontend fe;
};

/* Main thread: offers a frame to the front end; false when it has no room. */
static inline bool net_deliver(struct net_backend *be, const void *frame,
			       size_t len)
{
	if (!be->fe.receive)
		return true; /* nobody listens: the frame is dropped */
	return be->fe.receive(be->fe.opaque, frame, len);
}

/* Bytes in @iov, or -EMSGSIZE when over NET_FRAME_MAX. */
static inline long net_iov_len(const struct iovec *iov, int iovcnt)
{
	size_t len = 0;

	for (int i = 0; i < iovcnt; i++) {
		if (iov[i].iov_len > NET_FRAME_MAX ||
		    len + iov[i].iov_len > NET_FRAME_MAX)
			return -EMSGSIZE;
		len += iov[i].iov_len;
	}
	return (long)len;
}

#endif
