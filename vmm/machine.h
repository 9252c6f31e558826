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

struct snapshot;
struct rec_writer;
struct rec_reader;

/*
 * 0; -EINVAL for a problem with what the user gave (a line was printed:
 * a usage error); -EBUSY when something the user named is in use or
 * cannot be had now (a line was printed: a run-time failure); or another
 * -errno. With @snap (an opened snapshot, vmm/snapshot.h) the machine is
 * built from @o as usual but starts where the snapshot left it: RAM,
 * clock, harts and devices as saved.
 */
int machine_create(struct vm *vm, const struct options *o,
		   struct snapshot *snap);
/* Exit statuses of hvrun's own, as timeout(1) has them. */
#define MACHINE_EXIT_TIMEOUT 124 /* --timeout ran out */
#define MACHINE_EXIT_GUEST 125	 /* --run: no status from the command */

/* Runs the guest to its end; returns hvrun's exit status. */
int machine_run(struct vm *vm);
void machine_destroy(struct vm *vm);

/*
 * Snapshots. The devices' records, in a fixed order (vmm/snapshot.c
 * writes and reads the harts'); 0, -errno, -EPROTO with the reader's
 * error set, or a refusal in w->why. Saving wants the harts paused and
 * the devices quiesced: machine_quiesce() stops the VirtIO devices
 * taking buffers and waits for those they took; machine_resume() undoes
 * it (and after a restore, lets them look at their queues).
 */
int machine_save_devices(struct vm *vm, struct rec_writer *w);
int machine_load_devices(struct vm *vm, struct rec_reader *r);
void machine_quiesce(struct vm *vm);
void machine_resume(struct vm *vm);
/* The options the machine was built from. */
const struct options *machine_options(struct vm *vm);

#endif
