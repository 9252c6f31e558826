/* SPDX-License-Identifier: MIT */
/*
 * The host's end of virtio-vsock on Unix sockets, as Firecracker has it:
 *  - the guest connects to CID 2 port P: hvrun connects to the Unix
 *    socket PATH_P (PATH, an underscore, P in decimal);
 *  - a host program connects to the Unix socket PATH (hvrun listens
 *    there) and writes "CONNECT P\n": hvrun connects it to the guest's
 *    port P and answers "OK H\n" (H: the connection's host port), or
 *    closes the socket when the guest refuses.
 * Bytes then flow both ways until either side closes.
 */
#ifndef HVRUN_UI_VSOCK_H
#define HVRUN_UI_VSOCK_H

#include <stddef.h>
#include <stdint.h>

#include "devices/virtio/vsock.h"

struct loop;
struct vsock_unix;

struct vsock_unix_config {
	/* Short enough for PATH_4294967295 in a socket address. */
	char path[96];
	uint64_t cid;
};

/* Parses --vsock's "PATH[,cid=N]"; 0, or -EINVAL and one line in @err. */
int vsock_unix_parse(const char *opt, struct vsock_unix_config *cfg, char *err,
		     size_t errlen);

extern const struct vsock_host_ops vsock_unix_ops;

/*
 * Main thread: listens at @cfg->path (a stale socket file is replaced).
 * On failure -errno and one line in @err naming --vsock.
 */
int vsock_unix_create(struct vsock_unix **out, struct loop *l,
		      const struct vsock_unix_config *cfg, char *err,
		      size_t errlen);
/* The device the connections go to; before the loop runs. */
void vsock_unix_attach(struct vsock_unix *u, struct vsock *dev);
/* Main thread, after the device: stops listening, removes PATH. */
void vsock_unix_destroy(struct vsock_unix *u);

#endif
