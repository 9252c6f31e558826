// SPDX-License-Identifier: MIT
/*
 * The vCPU threads and the one exit switch. Hart states and the register
 * state of a started hart follow the SBI specification, chapter "Hart
 * State Management Extension" (HSM hart states, hart start registers).
 */
#include "vmm/vcpu.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "devices/bus.h"
#include "vmm/gdb.h"
#include "vmm/htif.h"
#include "base/loop.h"
#include "vmm/sbi.h"
#include "vmm/vm.h"

#define CSR_SSTATUS 0x100
#define CSR_SATP 0x180
#define SSTATUS_SIE (1ULL << 1)

int vcpus_create(struct vm *vm)
{
	unsigned i;
	int ret;

	vm->vcpus = calloc(vm->ncpus, sizeof(*vm->vcpus));
	if (!vm->vcpus)
		return -ENOMEM;
	for (i = 0; i < vm->ncpus; i++) {
		struct vcpu *v = &vm->vcpus[i];

		v->vm = vm;
		v->hartid = i;
		pthread_mutex_init(&v->lock, NULL);
		pthread_cond_init(&v->wake, NULL);
		atomic_init(&v->hsm, VCPU_HSM_STARTED);
		ret = vm->accel->vcpu_init(vm->avm, i, &v->av);
		if (ret)
			goto err;
	}
	return 0;

err:
	pthread_mutex_destroy(&vm->vcpus[i].lock);
	pthread_cond_destroy(&vm->vcpus[i].wake);
	while (i--) {
		vm->accel->vcpu_destroy(vm->vcpus[i].av);
		pthread_mutex_destroy(&vm->vcpus[i].lock);
		pthread_cond_destroy(&vm->vcpus[i].wake);
	}
	free(vm->vcpus);
	vm->vcpus = NULL;
	return ret;
}

void vcpus_destroy(struct vm *vm)
{
	unsigned i;

	if (!vm->vcpus)
		return;
	for (i = 0; i < vm->ncpus; i++) {
		struct vcpu *v = &vm->vcpus[i];

		vm->accel->vcpu_destroy(v->av);
		pthread_mutex_destroy(&v->lock);
		pthread_cond_destroy(&v->wake);
	}
	free(vm->vcpus);
	vm->vcpus = NULL;
}

static void vcpus_wake_all(struct vm *vm)
{
	unsigned i;

	for (i = 0; i < vm->ncpus; i++) {
		struct vcpu *v = &vm->vcpus[i];

		vm->accel->vcpu_kick(v->av);
		pthread_mutex_lock(&v->lock);
		pthread_cond_broadcast(&v->wake);
		pthread_mutex_unlock(&v->lock);
	}
}

static void vm_request(struct vm *vm, enum vm_state state, int code)
{
	int running = VM_RUNNING;

	if (!atomic_compare_exchange_strong(&vm->state, &running, state))
		return;
	atomic_store(&vm->exit_code, code);
	/* Parked harts leave too. */
	pthread_mutex_lock(&vm->pause_lock);
	pthread_cond_broadcast(&vm->pause_cond);
	pthread_mutex_unlock(&vm->pause_lock);
	if (vm->vcpus)
		vcpus_wake_all(vm);
	if (vm->loop)
		loop_stop(vm->loop);
}

void vm_request_exit(struct vm *vm, int code)
{
	vm_request(vm, VM_EXIT, code);
}

int vm_request_load(struct vm *vm, struct snapshot *snap)
{
	if (atomic_load(&vm->state) != VM_RUNNING || vm->pending_load)
		return -EBUSY;
	vm->pending_load = snap;
	vm_request(vm, VM_LOAD, 0);
	if (atomic_load(&vm->state) != VM_LOAD) {
		vm->pending_load = NULL;
		return -EBUSY;
	}
	return 0;
}

void vm_request_reset(struct vm *vm)
{
	if (vm->no_reboot) {
		vm_request(vm, VM_EXIT, 0);
		return;
	}
	/* machine_run() rebuilds the machine and runs it again. */
	vm_request(vm, VM_RESET, 0);
}

static bool vm_running(struct vm *vm)
{
	return atomic_load(&vm->state) == VM_RUNNING;
}

/* A pause is asked for, or the debugger holds this hart stopped. */
static bool vcpu_must_park(struct vcpu *v)
{
	return atomic_load(&v->vm->pause_req) ||
	       (v->vm->gdb && gdb_hart_held(v));
}

/* Counts @v in or out of the parked harts. */
static void vcpu_count_parked(struct vcpu *v, bool in)
{
	struct vm *vm = v->vm;

	if (v->counted == in)
		return;
	v->counted = in;
	pthread_mutex_lock(&vm->pause_lock);
	if (in)
		vm->parked++;
	else
		vm->parked--;
	pthread_cond_broadcast(&vm->pause_cond);
	pthread_mutex_unlock(&vm->pause_lock);
}

/*
 * Own thread, between two runs, while a pause is requested (or the
 * debugger holds the hart): completes the last exit, so the hart sits at
 * an instruction boundary, and waits for the pause (and the hold) to end.
 */
static void vcpu_park(struct vcpu *v)
{
	struct vm *vm = v->vm;
	int ret = vm->accel->vcpu_sync(v->av, &v->exit);

	if (ret) {
		fprintf(stderr, "hvrun: hart %u: %s: %s\n", v->hartid,
			vm->accel->name, strerror(-ret));
		vm_request_exit(vm, 1);
		return;
	}
	vcpu_count_parked(v, true);
	pthread_mutex_lock(&vm->pause_lock);
	while (vcpu_must_park(v) && vm_running(vm))
		pthread_cond_wait(&vm->pause_cond, &vm->pause_lock);
	pthread_mutex_unlock(&vm->pause_lock);
	vcpu_count_parked(v, false);
}

bool vm_paused(struct vm *vm)
{
	bool paused;

	pthread_mutex_lock(&vm->pause_lock);
	paused = vm->pause_depth > 0;
	pthread_mutex_unlock(&vm->pause_lock);
	return paused;
}

int vm_pause(struct vm *vm)
{
	struct timespec ts;
	unsigned i;

	/* A hart cannot wait for itself to park. */
	for (i = 0; vm->threads_running && i < vm->ncpus; i++)
		if (vm->vcpus[i].thread_started &&
		    pthread_equal(vm->vcpus[i].thread, pthread_self()))
			return -EDEADLK;
	pthread_mutex_lock(&vm->pause_lock);
	if (vm->pause_depth++) {
		pthread_mutex_unlock(&vm->pause_lock);
		return 0;
	}
	atomic_store(&vm->pause_req, true);
	while (vm->threads_running && vm->parked < vm->ncpus &&
	       vm_running(vm)) {
		pthread_mutex_unlock(&vm->pause_lock);
		/* A kick just before a hart enters its run may be lost on
		 * some accelerators: kick until all are parked. */
		for (i = 0; i < vm->ncpus; i++)
			vm->accel->vcpu_kick(vm->vcpus[i].av);
		pthread_mutex_lock(&vm->pause_lock);
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 20 * 1000 * 1000;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		if (vm->parked < vm->ncpus)
			pthread_cond_timedwait(&vm->pause_cond, &vm->pause_lock,
					       &ts);
	}
	pthread_mutex_unlock(&vm->pause_lock);
	if (vm->trace)
		fflush(vm->trace);
	if (!vm_running(vm)) {
		vm_resume(vm);
		return -ESHUTDOWN;
	}
	return 0;
}

void vm_resume(struct vm *vm)
{
	unsigned i;

	pthread_mutex_lock(&vm->pause_lock);
	if (vm->pause_depth && !--vm->pause_depth) {
		atomic_store(&vm->pause_req, false);
		pthread_cond_broadcast(&vm->pause_cond);
	}
	pthread_mutex_unlock(&vm->pause_lock);
	/* Harts held STOPPED may have been started meanwhile. */
	for (i = 0; vm->vcpus && i < vm->ncpus; i++) {
		struct vcpu *v = &vm->vcpus[i];

		pthread_mutex_lock(&v->lock);
		pthread_cond_broadcast(&v->wake);
		pthread_mutex_unlock(&v->lock);
	}
}

/* Own thread: S-mode at @addr, a0 = hartid, a1 = @arg, satp = 0, SIE = 0. */
static int vcpu_place(struct vcpu *v, uint64_t addr, uint64_t arg)
{
	const struct accel_ops *ops = v->vm->accel;
	uint64_t sstatus;
	int ret;

	ret = ops->set_reg(v->av, ACCEL_REG_PRIV, 1);
	if (!ret)
		ret = ops->set_reg(v->av, ACCEL_REG_CSR0 + CSR_SATP, 0);
	if (!ret)
		ret = ops->get_reg(v->av, ACCEL_REG_CSR0 + CSR_SSTATUS,
				   &sstatus);
	if (!ret)
		ret = ops->set_reg(v->av, ACCEL_REG_CSR0 + CSR_SSTATUS,
				   sstatus & ~SSTATUS_SIE);
	if (!ret)
		ret = ops->set_reg(v->av, ACCEL_REG_X0 + 10, v->hartid);
	if (!ret)
		ret = ops->set_reg(v->av, ACCEL_REG_X0 + 11, arg);
	if (!ret)
		ret = ops->set_reg(v->av, ACCEL_REG_PC, addr);
	/* If the hart's last exit was an ecall, it returns nowhere now. */
	v->exit.sbi.redirected = true;
	v->exit.sbi.error = (int64_t)v->hartid;
	v->exit.sbi.value = arg;
	return ret;
}

int vcpu_redirect(struct vcpu *v, uint64_t addr, uint64_t arg)
{
	return vcpu_place(v, addr, arg);
}

int vcpu_hsm_start(struct vcpu *v, uint64_t addr, uint64_t arg)
{
	int ret = 0;

	pthread_mutex_lock(&v->lock);
	if (atomic_load(&v->hsm) != VCPU_HSM_STOPPED) {
		ret = -EALREADY;
	} else {
		v->start_addr = addr;
		v->start_arg = arg;
		atomic_store(&v->hsm, VCPU_HSM_START_PENDING);
		pthread_cond_broadcast(&v->wake);
	}
	pthread_mutex_unlock(&v->lock);
	return ret;
}

void vcpu_hsm_stop(struct vcpu *v)
{
	pthread_mutex_lock(&v->lock);
	atomic_store(&v->hsm, VCPU_HSM_STOP_PENDING);
	pthread_mutex_unlock(&v->lock);
}

void vcpu_hsm_suspend(struct vcpu *v, bool retentive, uint64_t addr,
		      uint64_t arg)
{
	v->suspend = true;
	v->suspend_retentive = retentive;
	v->resume_addr = addr;
	v->resume_arg = arg;
	atomic_store(&v->hsm, VCPU_HSM_SUSPENDED);
}

/*
 * Own thread, between two runs: a suspended hart sleeps until an
 * interrupt is pending (then resumes), or a kick (the VM stops or
 * pauses; it sleeps again afterwards). False while still suspended.
 */
static bool vcpu_resume(struct vcpu *v)
{
	const struct accel_ops *ops = v->vm->accel;

	if (!v->suspend)
		return true;
	if (ops->vcpu_halt && ops->vcpu_halt(v->av) == -EINTR)
		return false;
	v->suspend = false;
	if (!v->suspend_retentive &&
	    vcpu_place(v, v->resume_addr, v->resume_arg)) {
		fprintf(stderr, "hvrun: hart %u: cannot resume\n", v->hartid);
		vm_request_exit(v->vm, 1);
	}
	atomic_store(&v->hsm, VCPU_HSM_STARTED);
	return true;
}

/*
 * Own thread, between two runs: parks a stopped hart until it is started
 * or the VM ends. False when the thread should end.
 */
static bool vcpu_wait_started(struct vcpu *v)
{
	bool run = true;
	int ret = 0;

	if (atomic_load(&v->hsm) == VCPU_HSM_STARTED)
		return vm_running(v->vm);
	pthread_mutex_lock(&v->lock);
	if (atomic_load(&v->hsm) == VCPU_HSM_STOP_PENDING)
		atomic_store(&v->hsm, VCPU_HSM_STOPPED);
	/* A stopped hart is as good as parked; it stays stopped in a pause. */
	while ((atomic_load(&v->hsm) == VCPU_HSM_STOPPED ||
		(atomic_load(&v->hsm) == VCPU_HSM_START_PENDING &&
		 atomic_load(&v->vm->pause_req))) &&
	       vm_running(v->vm)) {
		vcpu_count_parked(v, true);
		pthread_cond_wait(&v->wake, &v->lock);
	}
	vcpu_count_parked(v, false);
	if (!vm_running(v->vm)) {
		run = false;
	} else if (atomic_load(&v->hsm) == VCPU_HSM_START_PENDING) {
		ret = vcpu_place(v, v->start_addr, v->start_arg);
		atomic_store(&v->hsm, VCPU_HSM_STARTED);
	}
	pthread_mutex_unlock(&v->lock);
	if (ret) {
		fprintf(stderr, "hvrun: hart %u: cannot start: %s\n", v->hartid,
			strerror(-ret));
		vm_request_exit(v->vm, 1);
		run = false;
	}
	return run;
}

static void vcpu_mmio(struct vcpu *v, struct accel_exit *e)
{
	const struct bus *bus = &v->vm->bus;

	/*
	 * An access to nothing cannot become an access fault from here;
	 * the emulated hart faults such accesses itself, and under KVM a
	 * read of nothing reads 0 and a write is dropped.
	 */
	if (e->mmio.write) {
		bus_write(bus, e->mmio.addr, e->mmio.len, e->mmio.data);
	} else if (bus_read(bus, e->mmio.addr, e->mmio.len, &e->mmio.data)) {
		e->mmio.data = 0;
	}
}

/* The one exit switch, for every accelerator. */
static void vcpu_handle_exit(struct vcpu *v, struct accel_exit *e)
{
	struct vm *vm = v->vm;

	switch (e->reason) {
	case ACCEL_EXIT_KICK:
		/* The loop checks the VM's and the hart's state next. */
		break;
	case ACCEL_EXIT_DEBUG:
		/* Only a debugger sets breakpoints; it takes it from here. */
		if (vm->gdb)
			gdb_hart_stopped(v, e);
		break;
	case ACCEL_EXIT_MMIO:
		vcpu_mmio(v, e);
		break;
	case ACCEL_EXIT_SBI:
		e->sbi.redirected = false;
		if (vm->sbi) {
			sbi_handle(vm->sbi, v, e);
		} else {
			e->sbi.legacy = e->sbi.ext < 0x10;
			e->sbi.error = SBI_ERR_NOT_SUPPORTED;
			e->sbi.value = 0;
		}
		break;
	case ACCEL_EXIT_HTIF:
		htif_handle(vm, v, e);
		break;
	case ACCEL_EXIT_SHUTDOWN:
		if (e->shutdown.code)
			fprintf(stderr,
				"hvrun: hart %u stopped the machine "
				"(code %d)\n",
				v->hartid, e->shutdown.code);
		vm_request_exit(vm, e->shutdown.code);
		break;
	case ACCEL_EXIT_RESET:
		/* A reboot reboots (or ends hvrun with --no-reboot). */
		vm_request_reset(vm);
		break;
	case ACCEL_EXIT_CSR:
		/* hvrun implements no CSR of its own: the guest gets what a
		 * hart without it gives. */
		e->csr.ret = 0;
		e->csr.illegal = true;
		break;
	case ACCEL_EXIT_ERROR:
	default:
		fprintf(stderr, "hvrun: hart %u: %s failed; stopping\n",
			v->hartid, vm->accel->name);
		vm_request_exit(vm, 1);
		break;
	}
}

static void *vcpu_thread(void *arg)
{
	struct vcpu *v = arg;
	struct vm *vm = v->vm;
	int ret;

	v->tid = gettid();
	if (vm->gdb)
		gdb_hart_started(v);
	while (vcpu_wait_started(v)) {
		if (vcpu_must_park(v)) {
			vcpu_park(v);
			continue;
		}
		/* A kick ends a suspend's halt: a pause is looked at first. */
		if (!vcpu_resume(v))
			continue;
		ret = vm->accel->vcpu_run(v->av, &v->exit);
		if (ret) {
			fprintf(stderr, "hvrun: hart %u: %s: %s\n", v->hartid,
				vm->accel->name, strerror(-ret));
			vm_request_exit(vm, 1);
			break;
		}
		vcpu_handle_exit(v, &v->exit);
	}
	/* Leave the hart at an instruction boundary, for a save at exit. */
	vm->accel->vcpu_sync(v->av, &v->exit);
	return NULL;
}

static int vcpu_set_boot(struct vm *vm, struct vcpu *v)
{
	const struct accel_ops *ops = vm->accel;
	int ret;

	if (vm->host_sbi) {
		/* The accelerator starts harts in S-mode for the host SBI. */
		if (v->hartid) {
			/* Stopped until the guest starts it: by hvrun's SBI,
			 * or inside vcpu_run by an accelerator's own HSM. */
			if (!(ops->caps & ACCEL_CAP_HSM))
				atomic_store(&v->hsm, VCPU_HSM_STOPPED);
			return 0;
		}
		ret = ops->set_reg(v->av, ACCEL_REG_PC, vm->entry);
		if (!ret)
			ret = ops->set_reg(v->av, ACCEL_REG_X0 + 10, 0);
		if (!ret)
			ret = ops->set_reg(v->av, ACCEL_REG_X0 + 11,
					   vm->fdt_addr);
		return ret;
	}
	/* Firmware picks its boot hart itself: every hart enters it. */
	ret = ops->set_reg(v->av, ACCEL_REG_PC, vm->entry);
	if (!ret)
		ret = ops->set_reg(v->av, ACCEL_REG_X0 + 10, v->hartid);
	if (!ret)
		ret = ops->set_reg(v->av, ACCEL_REG_X0 + 11, vm->fdt_addr);
	if (!ret)
		ret = ops->set_reg(v->av, ACCEL_REG_X0 + 12,
				   vm->fw_dynamic_info);
	return ret;
}

/* Joins @v's thread, kicking it until it ends. */
static void vcpu_join(struct vcpu *v)
{
	struct timespec ts;

	while (v->thread_started) {
		/*
		 * A kick that came just before the thread entered vcpu_run
		 * may be lost on some accelerators: kick until it ends.
		 */
		v->vm->accel->vcpu_kick(v->av);
		pthread_mutex_lock(&v->lock);
		pthread_cond_broadcast(&v->wake);
		pthread_mutex_unlock(&v->lock);
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 20 * 1000 * 1000;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		if (!pthread_timedjoin_np(v->thread, NULL, &ts))
			v->thread_started = false;
	}
}

int vm_run(struct vm *vm)
{
	unsigned i;
	int ret = 0;

	for (i = 0; i < vm->ncpus && !ret && !vm->restored; i++)
		ret = vcpu_set_boot(vm, &vm->vcpus[i]);
	if (ret)
		return ret;
	vm->threads_running = true;
	for (i = 0; i < vm->ncpus && !ret; i++) {
		struct vcpu *v = &vm->vcpus[i];

		ret = -pthread_create(&v->thread, NULL, vcpu_thread, v);
		v->thread_started = !ret;
	}
	if (!ret)
		loop_run(vm->loop);
	/* Only loop_stop() ends the loop; on a failure, stop here. */
	vm_request_exit(vm, 1);
	for (i = 0; i < vm->ncpus; i++)
		vcpu_join(&vm->vcpus[i]);
	vm->threads_running = false;
	return ret ? ret : atomic_load(&vm->exit_code);
}
