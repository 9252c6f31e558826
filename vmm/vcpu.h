/* SPDX-License-Identifier: MIT */
/*
 * The vCPUs: one host thread per hart, each looping on the accelerator's
 * vcpu_run() and serving its exits in one switch for every accelerator.
 * A hart the SBI holds STOPPED (HSM) parks its thread on a condition
 * variable until another hart starts it or the VM ends.
 */
#ifndef HVRUN_VCPU_H
#define HVRUN_VCPU_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "accel/accel.h"

struct vm;
struct snapshot;

/* HSM hart states; the values are the SBI's state ids. */
enum vcpu_hsm {
	VCPU_HSM_STARTED = 0,
	VCPU_HSM_STOPPED = 1,
	VCPU_HSM_START_PENDING = 2,
	VCPU_HSM_STOP_PENDING = 3,
	VCPU_HSM_SUSPENDED = 4,
	VCPU_HSM_SUSPEND_PENDING = 5,
	VCPU_HSM_RESUME_PENDING = 6,
};

struct vcpu {
	struct vm *vm;
	unsigned hartid;
	struct accel_vcpu *av;
	pthread_t thread;
	int tid; /* the host thread's id, once it runs */
	bool thread_started;
	/* The exit being served; the accelerator reads results back. */
	struct accel_exit exit;

	/* HSM: @hsm is written under @lock; readers may peek without it. */
	pthread_mutex_t lock;
	pthread_cond_t wake;
	atomic_int hsm;
	uint64_t start_addr, start_arg; /* for START_PENDING */
	/* HSM suspend: asked for, retentive or not, where to resume. */
	bool suspend, suspend_retentive;
	uint64_t resume_addr, resume_arg;
	bool htif_warned; /* own thread */
	bool counted;	  /* in vm->parked while STOPPED */
};

/* vcpu_init() for every hart through vm->accel; fills vm->vcpus. */
int vcpus_create(struct vm *vm);
/* After vm_run() returned, or if it never ran. */
void vcpus_destroy(struct vm *vm);

/*
 * Sets each hart's boot state, starts the vCPU threads, runs vm->loop on
 * the calling thread until the VM stops, then joins the threads. Returns
 * vm->exit_code, or a negative errno if the threads could not start.
 */
int vm_run(struct vm *vm);
/* Any thread: the VM stops with @code (the first request wins). */
void vm_request_exit(struct vm *vm, int code);
/* Any thread: the guest asked for a reboot. */
void vm_request_reset(struct vm *vm);
/*
 * Loop thread: the VM stops and machine_run() loads @snap (opened and
 * checked against this machine; it takes it) in its place. -EBUSY when
 * the VM is stopping already.
 */
int vm_request_load(struct vm *vm, struct snapshot *snap);

/*
 * Pause-all. vm_pause: any thread but a vCPU thread of @vm; stops every
 * hart at an instruction boundary (its last exit completed, so that its
 * state can be read) and returns once all are parked, harts the SBI holds
 * STOPPED included, which stay stopped until the pause ends. Pauses nest:
 * vm_resume ends the last one and lets the harts run on. 0; on failure
 * nothing is paused (no vm_resume then): -EDEADLK from a vCPU thread,
 * -ESHUTDOWN when the VM is ending (its harts are leaving anyway).
 */
int vm_pause(struct vm *vm);
void vm_resume(struct vm *vm);
bool vm_paused(struct vm *vm);

/*
 * HSM, for the SBI. vcpu_hsm_start: any thread; 0, or -EALREADY when the
 * hart is not STOPPED. The hart starts in S-mode at @addr with a0 = its
 * hartid, a1 = @arg, satp = 0 and sstatus.SIE = 0.
 */
int vcpu_hsm_start(struct vcpu *v, uint64_t addr, uint64_t arg);
/* Own thread, during an SBI exit: stop once the exit is served. */
void vcpu_hsm_stop(struct vcpu *v);
/*
 * Own thread, during an SBI exit: continue at @addr in S-mode with
 * a0 = hartid, a1 = @arg, satp = 0, sstatus.SIE = 0 instead of returning
 * from the ecall (non-retentive resume). 0 or a negative errno.
 */
int vcpu_redirect(struct vcpu *v, uint64_t addr, uint64_t arg);
/*
 * Own thread, during an SBI exit: suspend once the exit is served, until
 * an interrupt is pending for the hart; then return from the call
 * (@retentive) or continue at @addr as vcpu_redirect() would.
 */
void vcpu_hsm_suspend(struct vcpu *v, bool retentive, uint64_t addr,
		      uint64_t arg);
static inline int vcpu_hsm_state(struct vcpu *v)
{
	return atomic_load(&v->hsm);
}

#endif
