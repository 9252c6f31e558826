// SPDX-License-Identifier: MIT
/*
 * The commands QMP clients and the human monitor run, with QEMU's names
 * and answers (QEMU's QAPI schema: query-status, stop, cont, quit,
 * system_reset, system_powerdown, query-cpus-fast, query-version), plus
 * snapshot-save and snapshot-load {"file": PATH}. All run on the loop's
 * thread.
 *
 * system_powerdown: QEMU's riscv virt board has no power button, and
 * neither has this machine; as there, the command only reports the
 * POWERDOWN event, and the guest goes on.
 */
#include "vmm/control.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "base/loop.h"
#include "ui/monitor.h"
#include "ui/qmp.h"
#include "ui/term.h"
#include "vmm/machine.h"
#include "vmm/snapshot.h"
#include "vmm/vcpu.h"

struct control {
	struct vm *vm;
	struct qmp_server *qmp;
	struct monitor *monitor;
	struct term *term;
	struct qmp_commands cmds;
	bool stopped;		  /* by stop, until cont */
	const char *quit_reason;  /* who told the VM to quit, or NULL */
	const char *reset_reason; /* system_reset's, or NULL: the guest's */
};

static void event(struct control *c, const char *name, json_t *data)
{
	if (c->qmp)
		qmp_server_event(c->qmp, name, data);
	else
		json_decref(data);
}

static int cmd_query_status(void *opaque, json_t *args, json_t **ret,
			    struct qmp_error *err)
{
	struct control *c = opaque;

	*ret = json_pack("{s:b,s:b,s:s}", "running", !c->stopped, "singlestep",
			 0, "status", c->stopped ? "paused" : "running");
	return 0;
}

static int cmd_stop(void *opaque, json_t *args, json_t **ret,
		    struct qmp_error *err)
{
	struct control *c = opaque;

	if (c->stopped)
		return 0;
	if (vm_pause(c->vm)) {
		qmp_error_set(err, QMP_ERROR_GENERIC,
			      "the VM is shutting down");
		return -1;
	}
	c->stopped = true;
	event(c, "STOP", NULL);
	return 0;
}

static int cmd_cont(void *opaque, json_t *args, json_t **ret,
		    struct qmp_error *err)
{
	struct control *c = opaque;

	if (!c->stopped)
		return 0;
	c->stopped = false;
	vm_resume(c->vm);
	event(c, "RESUME", NULL);
	return 0;
}

static void quit(struct control *c, const char *reason)
{
	if (!c->quit_reason)
		c->quit_reason = reason;
	atomic_store(&c->vm->quit_requested, true);
	vm_request_exit(c->vm, 0);
}

static int cmd_quit(void *opaque, json_t *args, json_t **ret,
		    struct qmp_error *err)
{
	quit(opaque, "host-qmp-quit");
	return 0;
}

static int cmd_system_reset(void *opaque, json_t *args, json_t **ret,
			    struct qmp_error *err)
{
	struct control *c = opaque;

	c->reset_reason = "host-qmp-system-reset";
	vm_request_reset(c->vm);
	return 0;
}

static int cmd_system_powerdown(void *opaque, json_t *args, json_t **ret,
				struct qmp_error *err)
{
	event(opaque, "POWERDOWN", NULL);
	return 0;
}

static int cmd_query_cpus_fast(void *opaque, json_t *args, json_t **ret,
			       struct qmp_error *err)
{
	struct control *c = opaque;
	json_t *cpus = json_array();

	for (unsigned i = 0; cpus && i < c->vm->ncpus; i++) {
		char path[64];

		snprintf(path, sizeof(path), "/machine/soc/harts[%u]", i);
		json_array_append_new(
			cpus, json_pack("{s:i,s:s,s:i,s:{s:i,s:i,s:i},s:s}",
					"cpu-index", i, "qom-path", path,
					"thread-id", c->vm->vcpus[i].tid,
					"props", "core-id", i, "socket-id", 0,
					"thread-id", 0, "target", "riscv64"));
	}
	*ret = cpus;
	return 0;
}

static int cmd_query_version(void *opaque, json_t *args, json_t **ret,
			     struct qmp_error *err)
{
	*ret = json_pack("{s:{s:i,s:i,s:i},s:s}", "qemu", "major",
			 HVRUN_VERSION_MAJOR, "minor", HVRUN_VERSION_MINOR,
			 "micro", 0, "package", "hvrun " HVRUN_VERSION);
	return 0;
}

static const char *file_arg(json_t *args, struct qmp_error *err);

static int cmd_snapshot_save(void *opaque, json_t *args, json_t **ret,
			     struct qmp_error *err)
{
	struct control *c = opaque;
	const char *path = file_arg(args, err);
	char why[512];

	if (!path)
		return -1;
	if (snapshot_save(c->vm, path, why, sizeof(why))) {
		qmp_error_set(err, QMP_ERROR_GENERIC, "%s: %s", path, why);
		return -1;
	}
	return 0;
}

/* The "file" argument of the snapshot commands, or NULL with @err set. */
static const char *file_arg(json_t *args, struct qmp_error *err)
{
	json_t *file = json_object_get(args, "file");
	const char *key;
	json_t *val;

	json_object_foreach(args, key, val)
	{
		if (strcmp(key, "file")) {
			qmp_error_set(err, QMP_ERROR_GENERIC,
				      "Parameter '%s' is unexpected", key);
			return NULL;
		}
	}
	if (!file) {
		qmp_error_set(err, QMP_ERROR_GENERIC,
			      "Parameter 'file' is missing");
		return NULL;
	}
	if (!json_is_string(file)) {
		qmp_error_set(err, QMP_ERROR_GENERIC,
			      "Invalid parameter type for 'file', expected: "
			      "string");
		return NULL;
	}
	return json_string_value(file);
}

/*
 * Replaces the running VM by the snapshot's, which must describe this
 * machine (RAM, harts, console, devices, and disks as they were). The
 * file is checked here; the load itself happens as soon as the harts
 * have left, and the VM then runs (or stays stopped) from there.
 */
static int cmd_snapshot_load(void *opaque, json_t *args, json_t **ret,
			     struct qmp_error *err)
{
	struct control *c = opaque;
	const struct options *cur = machine_options(c->vm);
	const char *path = file_arg(args, err);
	struct snapshot *s;
	struct options o;

	if (!path)
		return -1;
	s = calloc(1, sizeof(*s));
	if (!s) {
		qmp_error_set(err, QMP_ERROR_GENERIC, "out of memory");
		return -1;
	}
	/* This machine, stated in full, so the file must agree with it. */
	o = *cur;
	o.given |= OPTIONS_GIVEN_MEMORY | OPTIONS_GIVEN_CPUS |
		   OPTIONS_GIVEN_CONSOLE;
	o.memory = c->vm->mem.size;
	o.kernel = o.initrd = o.append = o.bios = NULL;
#ifdef CONFIG_SLIRP
	o.net = cur->net ? cur->net : "user";
#else
	o.net = cur->net ? cur->net : "none";
#endif
	if (snapshot_open(s, path, &o)) {
		qmp_error_set(err, QMP_ERROR_GENERIC, "%s: %s", path, s->err);
		goto err;
	}
	if (!o.bios != c->vm->host_sbi || o.ndisks != cur->ndisks ||
	    o.nshares != cur->nshares) {
		qmp_error_set(
			err, QMP_ERROR_GENERIC,
			"%s: it was saved from another machine (firmware, "
			"disks or shared folders differ)",
			path);
		goto err;
	}
	if (vm_request_load(c->vm, s)) {
		qmp_error_set(err, QMP_ERROR_GENERIC,
			      "the VM is shutting down");
		goto err;
	}
	return 0;
err:
	snapshot_close(s);
	free(s);
	return -1;
}

static const struct qmp_command commands[] = {
	{"query-status", cmd_query_status},
	{"stop", cmd_stop},
	{"cont", cmd_cont},
	{"quit", cmd_quit},
	{"system_reset", cmd_system_reset},
	{"system_powerdown", cmd_system_powerdown},
	{"query-cpus-fast", cmd_query_cpus_fast},
	{"query-version", cmd_query_version},
	{"snapshot-save", cmd_snapshot_save},
	{"snapshot-load", cmd_snapshot_load},
	{NULL, NULL},
};

void control_quit(struct vm *vm, const char *reason)
{
	if (vm->control) {
		quit(vm->control, reason);
		return;
	}
	atomic_store(&vm->quit_requested, true);
	vm_request_exit(vm, 0);
}

static void on_sigterm(void *opaque)
{
	quit(opaque, "host-signal");
}

static void monitor_write(void *opaque, const char *text)
{
	struct control *c = opaque;

	term_print(c->term, text);
}

int control_create(struct control **out, struct vm *vm, struct term *term,
		   const struct options *o)
{
	struct control *c = calloc(1, sizeof(*c));
	char err[512];
	int ret;

	*out = NULL;
	if (!c)
		return -ENOMEM;
	c->vm = vm;
	c->term = term;
	c->cmds = (struct qmp_commands){commands, c, "hvrun " HVRUN_VERSION};
	if (o->qmp) {
		ret = qmp_server_create(&c->qmp, vm->loop, o->qmp, &c->cmds,
					err, sizeof(err));
		if (ret) {
			fprintf(stderr, "hvrun: %s\n", err);
			free(c);
			return -EINVAL;
		}
	}
	if (term && !monitor_create(&c->monitor, &c->cmds, monitor_write, c))
		term_set_monitor(term, c->monitor);
	/*
	 * A client that leaves while an answer or an event is on its way
	 * must not kill hvrun: a closed socket is an error, not a signal.
	 */
	signal(SIGPIPE, SIG_IGN);
	/* Told to stop by a signal, the VM quits as with C-a x. */
	loop_on_signal(vm->loop, SIGTERM, on_sigterm, c);
	*out = c;
	return 0;
}

void control_vm_ended(struct vm *vm)
{
	struct control *c = vm->control;

	if (!c)
		return;
	if (atomic_load(&vm->state) == VM_LOAD)
		return;
	if (atomic_load(&vm->state) == VM_RESET) {
		event(c, "RESET",
		      json_pack("{s:b,s:s}", "guest", !c->reset_reason,
				"reason",
				c->reset_reason ? c->reset_reason
						: "guest-reset"));
		c->reset_reason = NULL;
		return;
	}
	event(c, "SHUTDOWN",
	      json_pack("{s:b,s:s}", "guest", !c->quit_reason, "reason",
			c->quit_reason ? c->quit_reason : "guest-shutdown"));
}

void control_destroy(struct control *c)
{
	if (!c)
		return;
	if (c->term)
		term_set_monitor(c->term, NULL);
	monitor_destroy(c->monitor);
	qmp_server_destroy(c->qmp);
	free(c);
}
