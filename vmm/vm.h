/* SPDX-License-Identifier: MIT */
/*
 * The VM object: the one piece of mutable state hvrun has, handed down to
 * whatever needs it. vmm/machine.c builds it; vmm/vcpu.c runs it.
 */
#ifndef HVRUN_VM_H
#define HVRUN_VM_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "accel/accel.h"
#include "devices/bus.h"
#include "base/guestmem.h"

struct vcpu;
struct sbi;
struct sbi_console;
struct loop;
struct timer_service;
struct chardev;
struct term;
struct machine;
struct control;
struct snapshot;
struct gdb;

/* What the VM does when the guest stops. */
enum vm_state {
	VM_RUNNING,
	VM_EXIT,  /* poweroff or failure: leave with vm->exit_code */
	VM_RESET, /* reboot requested */
	VM_LOAD,  /* a snapshot is to be loaded (vm->pending_load) */
};

struct vm {
	/* Set up by machine.c before the vCPUs start. */
	unsigned ncpus;
	struct guestmem mem;
	struct bus bus;
	const struct accel_ops *accel;
	struct accel_vm *avm;
	struct vcpu *vcpus; /* ncpus of them */
	struct loop *loop;
	struct timer_service *timers;
	struct sbi *sbi; /* NULL when firmware (--bios) serves the SBI */
	struct chardev *console; /* where SBI/HTIF console output goes */
	uint64_t clock_origin_ns;
	bool host_sbi;	      /* harts start in S-mode, hvrun serves SBI */
	struct accel_isa isa; /* the harts' extensions (--isa) */
	bool no_reboot;
	FILE *trace; /* instruction trace, or NULL */
	/* Boot: where each hart starts (hart 0 is the boot hart). */
	uint64_t entry;
	uint64_t fdt_addr;
	uint64_t fw_dynamic_info; /* a2 for OpenSBI fw_dynamic, or 0 */
	uint64_t initrd_start, initrd_end;
	uint64_t tohost, fromhost;   /* HTIF words of a bare-metal ELF, or 0 */
	uint64_t sig_begin, sig_end; /* --signature: the words to write */
	struct machine *machine;     /* the devices, owned by machine.c */

	/* Run state, written by any thread through vm_request_*(). */
	atomic_int state; /* enum vm_state */
	atomic_int exit_code;
	/* Console input for SBI/HTIF reads when no UART takes it, or NULL. */
	struct sbi_console *console_in;

	/* Pause-all (vm_pause() in vmm/vcpu.h); counts under @pause_lock. */
	pthread_mutex_t pause_lock;
	pthread_cond_t pause_cond; /* a hart parked, or the pause ended */
	unsigned pause_depth;	   /* vm_pause() calls not yet resumed */
	unsigned parked;	   /* harts parked or held STOPPED */
	atomic_bool pause_req;
	bool threads_running; /* between vm_run()'s start and its joins */

	/* The harts' state came from a snapshot: vm_run() sets no boot state. */
	bool restored;
	/* Set by whoever tells the VM to quit (Ctrl-A x, SIGTERM, QMP quit),
	 * as opposed to the guest stopping itself: --save-on-exit saves. */
	atomic_bool quit_requested;
	/* The snapshot a VM_LOAD loads, opened and checked. */
	struct snapshot *pending_load;
	/* The control interface (vmm/control.c), or NULL. */
	struct control *control;
	/* The GDB stub's side (vmm/gdb.c), or NULL without --gdb. */
	struct gdb *gdb;
};

#endif
