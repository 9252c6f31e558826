/* SPDX-License-Identifier: MIT */
/*
 * The machine: the one place that knows every part. It builds the VM from
 * the options (RAM, accelerator, devices, interrupt wiring, programs,
 * device tree), runs it and takes it apart.
 */
#ifndef HVRUN_MACHINE_H
#define HVRUN_MACHINE_H

#include "vmm/options.h"
#include "vmm/vm.h"

/*
 * 0; -EINVAL for a problem with what the user gave (a line was printed:
 * a usage error); -EBUSY when something the user named is in use or
 * cannot be had now (a line was printed: a run-time failure); or another
 * -errno.
 */
int machine_create(struct vm *vm, const struct options *o);
/* Exit statuses of hvrun's own, as timeout(1) has them. */
#define MACHINE_EXIT_TIMEOUT 124 /* --timeout ran out */
#define MACHINE_EXIT_GUEST 125	 /* --run: no status from the command */

/* Runs the guest to its end; returns hvrun's exit status. */
int machine_run(struct vm *vm);
void machine_destroy(struct vm *vm);

#endif
