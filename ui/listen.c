// SPDX-License-Identifier: MIT
#include "ui/listen.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/loop.h"

static int open_unix(struct listener *ls, const char *path, int backlog,
		     uv_connection_cb cb, void *owner)
{
	struct stat st;
	int ret;

	/* A socket left by a process that is gone is replaced. */
	if (!lstat(path, &st) && S_ISSOCK(st.st_mode))
		unlink(path);
	ls->is_unix = true;
	ret = uv_pipe_init(loop_uv(ls->loop), &ls->h.pipe, 0);
	if (ret)
		return ret;
	ls->open = true;
	ls->h.stream.data = owner;
	ret = uv_pipe_bind(&ls->h.pipe, path);
	if (ret)
		return ret;
	ls->path = strdup(path);
	if (!ls->path)
		return UV_ENOMEM;
	return uv_listen(&ls->h.stream, backlog, cb);
}

/* "[HOST]:PORT" into @sa; -EINVAL with the reason in @err. */
static int parse_tcp(const char *opt, const char *addr, const char *hostport,
		     const char *example, struct sockaddr_storage *sa,
		     char *err, size_t errlen)
{
	const char *colon = strrchr(hostport, ':');
	char host[256];
	char *end;
	long port;

	if (!colon || (size_t)(colon - hostport) >= sizeof(host)) {
		snprintf(err, errlen,
			 "%s %s: give tcp:HOST:PORT or tcp::PORT (e.g. %s)",
			 opt, addr, example);
		return -EINVAL;
	}
	memcpy(host, hostport, colon - hostport);
	host[colon - hostport] = 0;
	/* [::1]:1234 */
	if (host[0] == '[' && colon - hostport >= 2 && colon[-1] == ']') {
		memmove(host, host + 1, strlen(host));
		host[strlen(host) - 1] = 0;
	}
	errno = 0;
	port = strtol(colon + 1, &end, 10);
	if (*end || end == colon + 1 || errno || port < 0 || port > 65535) {
		snprintf(err, errlen, "%s %s: bad port '%s'", opt, addr,
			 colon + 1);
		return -EINVAL;
	}
	if (!host[0])
		strcpy(host, "127.0.0.1");
	if (uv_ip4_addr(host, port, (struct sockaddr_in *)sa) &&
	    uv_ip6_addr(host, port, (struct sockaddr_in6 *)sa)) {
		snprintf(err, errlen,
			 "%s %s: '%s' is not an IP address (give one, like "
			 "127.0.0.1)",
			 opt, addr, host);
		return -EINVAL;
	}
	return 0;
}

int listen_open(struct listener *ls, struct loop *l, const char *opt,
		const char *addr, const char *example, int backlog,
		uv_connection_cb cb, void *owner, char *err, size_t errlen)
{
	struct sockaddr_storage sa;
	int ret;

	memset(ls, 0, sizeof(*ls));
	ls->loop = l;
	if (!strncmp(addr, "unix:", 5)) {
		if (!addr[5]) {
			snprintf(err, errlen, "%s %s: give the socket's path",
				 opt, addr);
			return -EINVAL;
		}
		ret = open_unix(ls, addr + 5, backlog, cb, owner);
	} else if (!strncmp(addr, "tcp:", 4)) {
		ret = parse_tcp(opt, addr, addr + 4, example, &sa, err, errlen);
		if (ret)
			return ret;
		ret = uv_tcp_init(loop_uv(l), &ls->h.tcp);
		if (!ret) {
			ls->open = true;
			ls->h.stream.data = owner;
			ret = uv_tcp_bind(&ls->h.tcp, (struct sockaddr *)&sa,
					  0);
			ret = ret ?: uv_listen(&ls->h.stream, backlog, cb);
		}
	} else {
		snprintf(err, errlen,
			 "%s %s: give tcp::PORT, tcp:HOST:PORT or unix:PATH "
			 "(e.g. %s)",
			 opt, addr, example);
		return -EINVAL;
	}
	if (ret) {
		snprintf(err, errlen, "%s %s: cannot listen there: %s", opt,
			 addr, uv_strerror(ret));
		return ret;
	}
	return 0;
}

int listen_accept(struct listener *ls, union listen_handle *conn, void *data,
		  uv_close_cb closed)
{
	int ret;

	if (ls->is_unix)
		ret = uv_pipe_init(loop_uv(ls->loop), &conn->pipe, 0);
	else
		ret = uv_tcp_init(loop_uv(ls->loop), &conn->tcp);
	if (ret)
		return ret;
	conn->stream.data = data;
	if (uv_accept(&ls->h.stream, &conn->stream)) {
		uv_close((uv_handle_t *)conn, closed);
		return 1;
	}
	/* Requests and answers are small: no waiting to fill a segment. */
	if (!ls->is_unix)
		uv_tcp_nodelay(&conn->tcp, 1);
	return 0;
}

bool listen_close(struct listener *ls, uv_close_cb closed, void *owner)
{
	if (ls->path) {
		unlink(ls->path);
		free(ls->path);
		ls->path = NULL;
	}
	if (!ls->open)
		return false;
	ls->open = false;
	ls->h.stream.data = owner;
	uv_close((uv_handle_t *)&ls->h, closed);
	return true;
}
