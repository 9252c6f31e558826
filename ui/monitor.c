// SPDX-License-Identifier: MIT
/*
 * The human monitor, in the manner of QEMU's HMP: each command is a QMP
 * command underneath (ui/qmp.h), so the two never disagree.
 */
#include "ui/monitor.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/qmp.h"

#define LINE_MAX_LEN 1024

struct monitor {
	const struct qmp_commands *cmds;
	void (*write)(void *opaque, const char *text);
	void *opaque;
	char line[LINE_MAX_LEN];
	size_t len;
};

static const char monitor_help[] =
	"info status       whether the VM runs or is stopped\n"
	"info cpus         the harts and their host threads\n"
	"info version      hvrun's version\n"
	"stop              pause every hart\n"
	"cont              let them run again\n"
	"system_reset      reset the machine (a reboot)\n"
	"system_powerdown  the power button (see hvrun(1): the guest has "
	"none)\n"
	"savevm FILE       save the VM to the snapshot FILE\n"
	"loadvm FILE       go back to the snapshot FILE (of this machine)\n"
	"quit              exit hvrun (saving first with --save-on-exit)\n"
	"C-a c             back to the guest's console\n";

int monitor_create(struct monitor **out, const struct qmp_commands *cmds,
		   void (*write)(void *opaque, const char *text), void *opaque)
{
	struct monitor *m = calloc(1, sizeof(*m));

	if (!m)
		return -ENOMEM;
	m->cmds = cmds;
	m->write = write;
	m->opaque = opaque;
	*out = m;
	return 0;
}

void monitor_destroy(struct monitor *m)
{
	free(m);
}

static void out(struct monitor *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void out(struct monitor *m, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	m->write(m->opaque, buf);
}

void monitor_enter(struct monitor *m)
{
	out(m, "\nhvrun monitor: 'help' lists the commands, C-a c goes back "
	       "to the guest\n(hvrun) ");
}

/* Runs QMP @name with @args (taken; NULL: none); prints an error and
 * returns NULL on failure. */
static json_t *call(struct monitor *m, const char *name, json_t *args,
		    int *failed)
{
	struct qmp_error err;
	json_t *ret = NULL, *a = args ? args : json_object();

	/* @args is taken: the command only borrows it. */
	*failed = qmp_dispatch(m->cmds, name, a, &ret, &err);
	json_decref(a);
	if (*failed) {
		out(m, "Error: %s\n", err.desc);
		return NULL;
	}
	return ret;
}

static void info(struct monitor *m, const char *what)
{
	json_t *ret;
	int failed;

	if (!strcmp(what, "status")) {
		ret = call(m, "query-status", NULL, &failed);
		if (!failed)
			out(m, "VM status: %s\n",
			    json_string_value(json_object_get(ret, "status"))
				    ?: "?");
	} else if (!strcmp(what, "cpus")) {
		size_t i;
		json_t *cpu;

		ret = call(m, "query-cpus-fast", NULL, &failed);
		json_array_foreach(ret, i, cpu)
		{
			out(m, "  CPU #%lld: thread_id=%lld\n",
			    (long long)json_integer_value(
				    json_object_get(cpu, "cpu-index")),
			    (long long)json_integer_value(
				    json_object_get(cpu, "thread-id")));
		}
	} else if (!strcmp(what, "version")) {
		ret = call(m, "query-version", NULL, &failed);
		if (!failed)
			out(m, "%s\n",
			    json_string_value(json_object_get(ret, "package"))
				    ?: "?");
	} else {
		out(m, "info: status, cpus or version\n");
		return;
	}
	json_decref(ret);
}

void monitor_run_line(struct monitor *m, const char *text)
{
	char line[LINE_MAX_LEN], *cmd, *arg, *save = NULL;
	json_t *ret, *args = NULL;
	int failed;

	snprintf(line, sizeof(line), "%s", text);
	cmd = strtok_r(line, " \t\r\n", &save);
	if (!cmd)
		return;
	arg = strtok_r(NULL, " \t\r\n", &save);
	if (!strcmp(cmd, "help") || !strcmp(cmd, "?")) {
		out(m, "%s", monitor_help);
		return;
	}
	if (!strcmp(cmd, "info")) {
		info(m, arg ? arg : "");
		return;
	}
	if (!strcmp(cmd, "q"))
		cmd = "quit";
	if (!strcmp(cmd, "c"))
		cmd = "cont";
	if (!strcmp(cmd, "savevm") || !strcmp(cmd, "loadvm")) {
		if (!arg) {
			out(m, "%s: give the snapshot file\n", cmd);
			return;
		}
		args = json_pack("{s:s}", "file", arg);
		cmd = cmd[0] == 's' ? "snapshot-save" : "snapshot-load";
	} else if (strcmp(cmd, "stop") && strcmp(cmd, "cont") &&
		   strcmp(cmd, "quit") && strcmp(cmd, "system_reset") &&
		   strcmp(cmd, "system_powerdown")) {
		out(m, "unknown command: '%s' ('help' lists them)\n", cmd);
		return;
	}
	ret = call(m, cmd, args, &failed);
	json_decref(ret);
	if (!failed && args)
		out(m, "%s %s\n",
		    strcmp(cmd, "snapshot-save") ? "loading" : "saved to", arg);
}

void monitor_input(struct monitor *m, const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		char c = buf[i];

		if (c == '\r' || c == '\n') {
			out(m, "\n");
			m->line[m->len] = 0;
			m->len = 0;
			monitor_run_line(m, m->line);
			out(m, "(hvrun) ");
		} else if (c == 0x7f || c == 0x08) {
			if (m->len) {
				m->len--;
				out(m, "\b \b");
			}
		} else if (c == 0x15) { /* Ctrl-U: the whole line */
			while (m->len) {
				m->len--;
				out(m, "\b \b");
			}
		} else if ((unsigned char)c >= 0x20 &&
			   m->len < LINE_MAX_LEN - 1) {
			char echo[2] = {c, 0};

			m->line[m->len++] = c;
			out(m, "%s", echo);
		}
	}
}
