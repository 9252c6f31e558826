/* SPDX-License-Identifier: MIT */
/*
 * QMP, QEMU's machine protocol, served on a Unix or TCP socket: a
 * greeting, capabilities negotiation (qmp_capabilities), then
 * {"execute": NAME, "arguments": {...}, "id": ...} requests answered by
 * {"return": ...} or {"error": {"class": ..., "desc": ...}}, and
 * asynchronous {"event": ...} messages, as in QEMU's docs/interop/qmp-
 * spec. Any number of clients; a malformed request gets QEMU's error and
 * the connection goes on.
 *
 * The commands are not known here: whoever creates the server hands it a
 * table. The human monitor (ui/monitor.h) calls the same table.
 */
#ifndef HVRUN_QMP_H
#define HVRUN_QMP_H

#include <jansson.h>
#include <stddef.h>

struct loop;
struct qmp_server;

/* QEMU's error classes. */
#define QMP_ERROR_GENERIC "GenericError"
#define QMP_ERROR_NOT_FOUND "CommandNotFound"

struct qmp_error {
	const char *cls; /* QMP_ERROR_* */
	char desc[512];
};

struct qmp_command {
	const char *name;
	/*
	 * On the loop's thread. @args is an object (empty when the request
	 * had none). Returns 0 and sets *@ret (a new reference; NULL means
	 * {}), or -1 with @err filled.
	 */
	int (*run)(void *opaque, json_t *args, json_t **ret,
		   struct qmp_error *err);
};

struct qmp_commands {
	const struct qmp_command *cmds; /* ended by a NULL name */
	void *opaque;
	const char
		*version; /* for the greeting: "NAME MAJOR.MINOR.MICRO ..." */
};

/* Runs command @name of @c: what qmp_command.run returns. */
int qmp_dispatch(const struct qmp_commands *c, const char *name, json_t *args,
		 json_t **ret, struct qmp_error *err);
void qmp_error_set(struct qmp_error *err, const char *cls, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Listens on @spec: "unix:PATH[,server][,wait=off|,nowait]" (a stale
 * socket at PATH is replaced, and removed at the end) or
 * "tcp:[HOST]:PORT[,server]...". On the loop's thread. 0, or -errno with
 * one line in @err.
 */
int qmp_server_create(struct qmp_server **out, struct loop *l, const char *spec,
		      const struct qmp_commands *cmds, char *err,
		      size_t errlen);
/*
 * Loop thread: sends event @name with @data (stolen; NULL: none) to
 * every client past negotiation.
 */
void qmp_server_event(struct qmp_server *s, const char *name, json_t *data);
void qmp_server_destroy(struct qmp_server *s);

#endif
