/* SPDX-License-Identifier: MIT */
/*
 * A stream server for the control interfaces (QMP, the GDB stub): one
 * listening socket, a Unix one or a TCP port, on the VM's loop.
 */
#ifndef UI_LISTEN_H
#define UI_LISTEN_H

#include <stdbool.h>
#include <stddef.h>
#include <uv.h>

struct loop;

/* A listening socket or an accepted connection, of either kind. */
union listen_handle {
	uv_pipe_t pipe;
	uv_tcp_t tcp;
	uv_stream_t stream;
};

struct listener {
	union listen_handle h; /* h.stream.data: the owner */
	struct loop *loop;
	char *path; /* the Unix socket to remove at the end */
	bool is_unix;
	bool open; /* h is a libuv handle to close */
};

/*
 * Listens on @addr, "unix:PATH" or "tcp:[HOST]:PORT" (HOST an IPv4 or
 * [IPv6] address, 127.0.0.1 when left out: guest memory is not for the
 * network unless asked for); @cb hears of connections with the handle's
 * data @owner. Errors name @opt and @addr, with @example of a good one.
 * A failed open still needs listener_close().
 */
int listen_open(struct listener *ls, struct loop *l, const char *opt,
		const char *addr, const char *example, int backlog,
		uv_connection_cb cb, void *owner, char *err, size_t errlen);

/*
 * Accepts a connection into @conn, whose data becomes @data. On failure
 * @conn is closed with @closed (its data still @data) when it had
 * become a handle, and the result is 1; 0 when accepted; -errno when
 * @conn never became a handle (the caller frees it).
 */
int listen_accept(struct listener *ls, union listen_handle *conn, void *data,
		  uv_close_cb closed);

/*
 * Stops listening and removes a Unix socket; @closed runs with the
 * handle's data @owner when a handle was open. Returns whether it was:
 * if not, the owner is free to go at once.
 */
bool listen_close(struct listener *ls, uv_close_cb closed, void *owner);

#endif
