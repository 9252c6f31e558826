/* SPDX-License-Identifier: MIT */
/*
 * The VM as the GDB stub (ui/gdbstub.h) sees it: --gdb and -S. The stub
 * stops and resumes the harts through pause-all (vm_pause), and holds
 * harts its debugger keeps stopped while others run (a step of one hart,
 * a hart that hit a breakpoint and waits for the stub); a held hart waits
 * in vcpu.c as a parked one does.
 *
 * With QMP and the monitor: their stop and the debugger's are two pauses
 * of the same VM, each ended only by its own owner: the VM runs when
 * neither holds it (a debugger's continue does not run a VM that QMP
 * stopped, and QMP's cont does not run one the debugger stopped).
 */
#ifndef HVRUN_GDB_H
#define HVRUN_GDB_H

#include <stdbool.h>

#include "vmm/options.h"
#include "vmm/vcpu.h"
#include "vmm/vm.h"

/*
 * Main thread, with the harts made and before vm_run(): serves --gdb
 * (and -S: the harts wait for the debugger). 0 with nothing asked;
 * -EINVAL after one line for a bad --gdb; another -errno after one line
 * when the socket cannot be had.
 */
int gdb_create(struct vm *vm, const struct options *o);
void gdb_destroy(struct vm *vm);
/* After vm_run() returned: a debugger learns that the VM ended. */
void gdb_vm_ended(struct vm *vm, int code);

/* vCPU threads (vcpu.c), with vm->gdb set. */
/* At the thread's start: the debugger's breakpoints and watchpoints. */
void gdb_hart_started(struct vcpu *v);
/* After an ACCEL_EXIT_DEBUG: the hart holds itself for the stub. */
void gdb_hart_stopped(struct vcpu *v, const struct accel_exit *e);
/* Whether the debugger holds the hart stopped (read under pause_lock). */
bool gdb_hart_held(struct vcpu *v);

#endif
