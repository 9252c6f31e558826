/* SPDX-License-Identifier: MIT */
/*
 * Controlling a running VM from outside: the QMP socket (ui/qmp.h), the
 * human monitor on Ctrl-A c (ui/monitor.h) and SIGTERM. The commands
 * (query-status, stop, cont, quit, system_reset, system_powerdown,
 * query-cpus-fast, query-version, snapshot-save, snapshot-load) are
 * written once here,
 * as a command table the ui/ side calls; events (STOP, RESUME, RESET,
 * SHUTDOWN, POWERDOWN) go to every QMP client.
 */
#ifndef HVRUN_CONTROL_H
#define HVRUN_CONTROL_H

#include "vmm/options.h"
#include "vmm/vm.h"

struct term;

/*
 * Sets up what @o asks for (--qmp), the monitor on @term's Ctrl-A c (if
 * @term) and SIGTERM. 0, or -EINVAL after one line naming the option.
 */
int control_create(struct control **out, struct vm *vm, struct term *term,
		   const struct options *o);
void control_destroy(struct control *c);

/* Loop thread: the user told the VM to quit (@reason: QEMU's cause). */
void control_quit(struct vm *vm, const char *reason);
/* After vm_run() returned: SHUTDOWN or RESET, and why, to the clients. */
void control_vm_ended(struct vm *vm);

#endif
