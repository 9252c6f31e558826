// SPDX-License-Identifier: MIT
/*
 * The QMP server: QEMU's "QEMU Machine Protocol Specification"
 * (docs/interop/qmp-spec): greeting, capabilities negotiation, commands,
 * responses with "id", errors with QEMU's classes, events with
 * timestamps. JSON is parsed by jansson; this file only finds where one
 * value ends in the byte stream (braces and brackets outside strings), so
 * a request may arrive in pieces or several in one read.
 */
#include "ui/qmp.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <uv.h>

#include "base/loop.h"
#include "ui/listen.h"

/* A request larger than this is refused and the input dropped. */
#define QMP_MAX_REQUEST (1u << 20)
/* Nesting deeper than this is refused (as QEMU's parser does). */
#define QMP_MAX_DEPTH 1024

struct qmp_client;

struct qmp_server {
	struct loop *loop;
	const struct qmp_commands *cmds;
	struct listener ls;
	struct qmp_client *clients;
};

struct qmp_client {
	struct qmp_server *s;
	struct qmp_client *next;
	union listen_handle conn;
	bool negotiated;
	bool closing;
	/* Bytes not yet parsed; the scanner's state over buf[0..scan). */
	char *buf;
	size_t len, cap, scan;
	unsigned depth;
	bool in_string, escape, garbage;
};

void qmp_error_set(struct qmp_error *err, const char *cls, const char *fmt, ...)
{
	va_list ap;

	err->cls = cls;
	va_start(ap, fmt);
	vsnprintf(err->desc, sizeof(err->desc), fmt, ap);
	va_end(ap);
}

int qmp_dispatch(const struct qmp_commands *c, const char *name, json_t *args,
		 json_t **ret, struct qmp_error *err)
{
	*ret = NULL;
	for (const struct qmp_command *cmd = c->cmds; cmd->name; cmd++)
		if (!strcmp(cmd->name, name))
			return cmd->run(c->opaque, args, ret, err);
	qmp_error_set(err, QMP_ERROR_NOT_FOUND,
		      "The command %s has not been found", name);
	return -1;
}

/* --- Output --- */

struct qmp_write {
	uv_write_t req;
	char *data;
};

static void qmp_written(uv_write_t *req, int status)
{
	struct qmp_write *w = req->data;

	free(w->data);
	free(w);
}

/* Sends @msg (stolen) and a CRLF, as QEMU does. */
static void qmp_send(struct qmp_client *c, json_t *msg)
{
	char *text = json_dumps(msg, JSON_PRESERVE_ORDER);
	size_t len;
	uv_buf_t b;
	int n;

	json_decref(msg);
	if (!text || c->closing)
		goto out;
	len = strlen(text);
	text = realloc(text, len + 3);
	if (!text)
		return;
	memcpy(text + len, "\r\n", 3);
	len += 2;
	/* Most replies go at once; a full socket queues the rest. */
	b = uv_buf_init(text, len);
	n = uv_try_write(&c->conn.stream, &b, 1);
	if (n == (int)len)
		goto out;
	if (n < 0)
		n = 0;
	{
		struct qmp_write *w = calloc(1, sizeof(*w));

		if (!w)
			goto out;
		w->data = text;
		w->req.data = w;
		b = uv_buf_init(text + n, len - n);
		if (uv_write(&w->req, &c->conn.stream, &b, 1, qmp_written)) {
			free(w);
			goto out;
		}
		return;
	}
out:
	free(text);
}

static void qmp_send_error(struct qmp_client *c, const struct qmp_error *err,
			   json_t *id)
{
	json_t *msg = json_pack("{s:{s:s,s:s}}", "error", "class", err->cls,
				"desc", err->desc);

	if (msg && id)
		json_object_set(msg, "id", id);
	if (msg)
		qmp_send(c, msg);
}

static void qmp_send_generic(struct qmp_client *c, json_t *id, const char *fmt,
			     ...) __attribute__((format(printf, 3, 4)));

static void qmp_send_generic(struct qmp_client *c, json_t *id, const char *fmt,
			     ...)
{
	struct qmp_error err = {.cls = QMP_ERROR_GENERIC};
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err.desc, sizeof(err.desc), fmt, ap);
	va_end(ap);
	qmp_send_error(c, &err, id);
}

static json_t *qmp_timestamp(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return json_pack("{s:I,s:I}", "seconds", (json_int_t)tv.tv_sec,
			 "microseconds", (json_int_t)tv.tv_usec);
}

void qmp_server_event(struct qmp_server *s, const char *name, json_t *data)
{
	for (struct qmp_client *c = s->clients; c; c = c->next) {
		json_t *msg;

		if (!c->negotiated || c->closing)
			continue;
		msg = json_pack("{s:o,s:s}", "timestamp", qmp_timestamp(),
				"event", name);
		if (msg && data)
			json_object_set(msg, "data", data);
		if (msg)
			qmp_send(c, msg);
	}
	json_decref(data);
}

/* --- Requests --- */

static void qmp_request(struct qmp_client *c, json_t *req)
{
	struct qmp_error err;
	const char *key, *name;
	json_t *val, *exec = NULL, *args = NULL, *id = NULL, *ret;
	int rc;

	if (!json_is_object(req)) {
		qmp_send_generic(c, NULL, "QMP input must be a JSON object");
		return;
	}
	id = json_object_get(req, "id");
	json_object_foreach(req, key, val)
	{
		if (!strcmp(key, "execute")) {
			exec = val;
		} else if (!strcmp(key, "arguments")) {
			args = val;
		} else if (strcmp(key, "id")) {
			qmp_send_generic(c, id,
					 "QMP input member '%s' is unexpected",
					 key);
			return;
		}
	}
	if (!exec) {
		qmp_send_generic(c, id, "QMP input lacks member 'execute'");
		return;
	}
	if (!json_is_string(exec)) {
		qmp_send_generic(c, id,
				 "QMP input member 'execute' must be a string");
		return;
	}
	if (args && !json_is_object(args)) {
		qmp_send_generic(c, id,
				 "QMP input member 'arguments' must be an "
				 "object");
		return;
	}
	name = json_string_value(exec);
	if (!strcmp(name, "qmp_capabilities")) {
		if (c->negotiated) {
			qmp_error_set(&err, QMP_ERROR_NOT_FOUND,
				      "Capabilities negotiation is already "
				      "complete, command ignored");
			qmp_send_error(c, &err, id);
			return;
		}
		c->negotiated = true;
		ret = json_object();
		goto reply;
	}
	if (!c->negotiated) {
		qmp_error_set(&err, QMP_ERROR_NOT_FOUND,
			      "Expecting capabilities negotiation with "
			      "'qmp_capabilities'");
		qmp_send_error(c, &err, id);
		return;
	}
	args = args ? json_incref(args) : json_object();
	rc = qmp_dispatch(c->s->cmds, name, args, &ret, &err);
	json_decref(args);
	if (rc) {
		qmp_send_error(c, &err, id);
		return;
	}
	if (!ret)
		ret = json_object();
reply:
	val = json_pack("{s:o}", "return", ret);
	if (val && id)
		json_object_set(val, "id", id);
	if (val)
		qmp_send(c, val);
}

/* Drops buf[0..n). */
static void qmp_consume(struct qmp_client *c, size_t n)
{
	memmove(c->buf, c->buf + n, c->len - n);
	c->len -= n;
	c->scan = 0;
	c->depth = 0;
	c->in_string = c->escape = c->garbage = false;
}

static void qmp_parse_value(struct qmp_client *c, size_t n)
{
	json_error_t jerr;
	json_t *req = json_loadb(c->buf, n, JSON_REJECT_DUPLICATES, &jerr);

	if (!req)
		qmp_send_generic(c, NULL, "JSON parse error, %s", jerr.text);
	else
		qmp_request(c, req);
	json_decref(req);
}

/*
 * Finds complete values in the buffer and serves them. Outside a value,
 * whitespace is skipped; anything else is garbage up to the end of its
 * line, answered by one parse error.
 */
static void qmp_scan(struct qmp_client *c)
{
	while (c->scan < c->len && !c->closing) {
		char ch = c->buf[c->scan++];

		if (c->garbage) {
			if (ch == '\n') {
				qmp_send_generic(c, NULL,
						 "JSON parse error, invalid "
						 "input at top level");
				qmp_consume(c, c->scan);
			}
			continue;
		}
		if (c->in_string) {
			if (c->escape)
				c->escape = false;
			else if (ch == '\\')
				c->escape = true;
			else if (ch == '"')
				c->in_string = false;
			continue;
		}
		switch (ch) {
		case '{':
		case '[':
			if (++c->depth > QMP_MAX_DEPTH) {
				qmp_send_generic(c, NULL,
						 "JSON parse error, too deeply "
						 "nested");
				c->garbage = true;
			}
			break;
		case '}':
		case ']':
			if (!c->depth) {
				c->garbage = true;
				break;
			}
			if (--c->depth == 0) {
				size_t n = c->scan;

				qmp_parse_value(c, n);
				if (!c->closing)
					qmp_consume(c, n);
			}
			break;
		case '"':
			if (c->depth)
				c->in_string = true;
			else
				c->garbage = true;
			break;
		case ' ':
		case '\t':
		case '\r':
		case '\n':
			if (!c->depth)
				qmp_consume(c, c->scan);
			break;
		default:
			if (!c->depth)
				c->garbage = true;
			break;
		}
	}
}

/* --- Connections --- */

static void qmp_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *b)
{
	struct qmp_client *c = h->data;

	if (c->cap - c->len < 4096) {
		size_t cap = c->cap ? 2 * c->cap : 8192;
		char *p = realloc(c->buf, cap);

		if (p) {
			c->buf = p;
			c->cap = cap;
		}
	}
	*b = uv_buf_init(c->buf + c->len, c->cap - c->len);
}

static void qmp_client_closed(uv_handle_t *h)
{
	struct qmp_client *c = h->data;

	free(c->buf);
	free(c);
}

static void qmp_client_close(struct qmp_client *c)
{
	struct qmp_client **pp;

	if (c->closing)
		return;
	c->closing = true;
	for (pp = &c->s->clients; *pp; pp = &(*pp)->next)
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	uv_close((uv_handle_t *)&c->conn, qmp_client_closed);
}

static void qmp_read(uv_stream_t *st, ssize_t n, const uv_buf_t *b)
{
	struct qmp_client *c = st->data;

	if (n < 0) {
		qmp_client_close(c);
		return;
	}
	c->len += n;
	qmp_scan(c);
	if (!c->closing && c->len > QMP_MAX_REQUEST) {
		qmp_send_generic(c, NULL,
				 "JSON parse error, request too large");
		qmp_consume(c, c->len);
	}
}

static void qmp_greet(struct qmp_client *c)
{
	const char *v = c->s->cmds->version ? c->s->cmds->version : "0.0.0";
	const char *num = strpbrk(v, "0123456789");
	unsigned major = 0, minor = 0, micro = 0;
	json_t *msg;

	if (num)
		sscanf(num, "%u.%u.%u", &major, &minor, &micro);
	msg = json_pack("{s:{s:{s:{s:i,s:i,s:i},s:s},s:[]}}", "QMP", "version",
			"qemu", "micro", micro, "minor", minor, "major", major,
			"package", v, "capabilities");
	if (msg)
		qmp_send(c, msg);
}

static void qmp_connection(uv_stream_t *l, int status)
{
	struct qmp_server *s = l->data;
	struct qmp_client *c;
	int ret;

	if (status < 0)
		return;
	c = calloc(1, sizeof(*c));
	if (!c)
		return;
	c->s = s;
	ret = listen_accept(&s->ls, &c->conn, c, qmp_client_closed);
	if (ret) {
		if (ret < 0)
			free(c);
		return;
	}
	c->next = s->clients;
	s->clients = c;
	if (uv_read_start(&c->conn.stream, qmp_alloc, qmp_read)) {
		qmp_client_close(c);
		return;
	}
	qmp_greet(c);
}

/* "PATH[,server][,nowait][,wait=off]": the path into @path. */
static int qmp_parse_opts(const char *rest, char *addr, size_t len)
{
	const char *comma = strchr(rest, ',');
	size_t n = comma ? (size_t)(comma - rest) : strlen(rest);

	if (!n || n >= len)
		return -EINVAL;
	memcpy(addr, rest, n);
	addr[n] = 0;
	while (comma) {
		const char *o = comma + 1;

		comma = strchr(o, ',');
		n = comma ? (size_t)(comma - o) : strlen(o);
		if (!((n == 6 && !strncmp(o, "server", 6)) ||
		      (n == 6 && !strncmp(o, "nowait", 6)) ||
		      (n == 8 && !strncmp(o, "wait=off", 8)) ||
		      (n == 9 && !strncmp(o, "server=on", 9))))
			return -EINVAL;
	}
	return 0;
}

int qmp_server_create(struct qmp_server **out, struct loop *l, const char *spec,
		      const struct qmp_commands *cmds, char *err, size_t errlen)
{
	struct qmp_server *s;
	char addr[1024], full[1030];
	bool is_unix = !strncmp(spec, "unix:", 5);
	int ret;

	if ((!is_unix && strncmp(spec, "tcp:", 4)) ||
	    qmp_parse_opts(spec + (is_unix ? 5 : 4), addr, sizeof(addr))) {
		snprintf(err, errlen,
			 "--qmp %s: give unix:PATH[,server] or "
			 "tcp:HOST:PORT[,server]",
			 spec);
		return -EINVAL;
	}
	s = calloc(1, sizeof(*s));
	if (!s) {
		snprintf(err, errlen, "--qmp: out of memory");
		return -ENOMEM;
	}
	s->loop = l;
	s->cmds = cmds;
	snprintf(full, sizeof(full), "%s:%s", is_unix ? "unix" : "tcp", addr);
	ret = listen_open(&s->ls, l, "--qmp", full, "unix:qmp.sock", 8,
			  qmp_connection, s, err, errlen);
	if (ret) {
		qmp_server_destroy(s);
		return ret;
	}
	*out = s;
	return 0;
}

static void qmp_listener_closed(uv_handle_t *h)
{
	free(h->data);
}

void qmp_server_destroy(struct qmp_server *s)
{
	if (!s)
		return;
	while (s->clients)
		qmp_client_close(s->clients);
	if (!listen_close(&s->ls, qmp_listener_closed, s))
		free(s);
}
