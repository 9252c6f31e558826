// SPDX-License-Identifier: MIT
/*
 * The KVM accelerator: hvrun's harts run on a RISC-V host's H extension
 * through /dev/kvm (Documentation/virt/kvm/api.rst: KVM_CREATE_VM,
 * KVM_SET_USER_MEMORY_REGION, KVM_CREATE_VCPU, KVM_RUN and its exits,
 * KVM_INTERRUPT, KVM_IOEVENTFD, KVM_GET_DIRTY_LOG, KVM_SET_MP_STATE).
 *
 * The host kernel serves most of the SBI (timer, IPIs, fences, hart
 * state management) and forwards the rest, which reaches hvrun's SBI as
 * ACCEL_EXIT_SBI. The guest's harts are S- and U-mode only: no firmware,
 * no HTIF, no ACLINT. A hart's thread leaves KVM_RUN on an exit or when
 * kicked: a signal blocked outside KVM_RUN and unblocked inside it
 * (KVM_SET_SIGNAL_MASK), so a kick sent while the thread is busy
 * elsewhere waits for the next KVM_RUN instead of being lost.
 */
#include "accel/accel.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "accel/kvm/kvm-internal.h"
#include "base/log.h"
#include "riscv/riscv.h"

#define KVM_DEVICE "/dev/kvm"
#define KVM_API 12
#define KICK_SIGNAL (SIGRTMIN + 1)

/* What a guest's vCPUs need from the host's KVM. */
static const struct {
	int cap;
	const char *name;
} needed_caps[] = {
	{KVM_CAP_USER_MEMORY, "KVM_CAP_USER_MEMORY"},
	{KVM_CAP_ONE_REG, "KVM_CAP_ONE_REG"},
	{KVM_CAP_MP_STATE, "KVM_CAP_MP_STATE"},
	{KVM_CAP_IMMEDIATE_EXIT, "KVM_CAP_IMMEDIATE_EXIT"},
};

static struct kvm_accel_vm *to_vm(struct accel_vm *vm)
{
	return (struct kvm_accel_vm *)vm;
}

static struct kvm_hart *to_hart(struct accel_vcpu *vcpu)
{
	return (struct kvm_hart *)vcpu;
}

/* Opens /dev/kvm; on failure @why says what to do about it. */
static int open_kvm(const char **why)
{
	int fd = open(KVM_DEVICE, O_RDWR | O_CLOEXEC);
	int err = errno;

	if (fd >= 0)
		return fd;
	switch (err) {
	case ENOENT:
		*why = KVM_DEVICE
			" does not exist: the host kernel has no KVM "
			"(modprobe kvm) or its harts lack the H extension";
		break;
	case EACCES:
	case EPERM:
		*why = KVM_DEVICE
			": permission denied: add yourself to the "
			"group that owns it (usually kvm) or run as root";
		break;
	case ENXIO:
	case ENODEV:
		*why = KVM_DEVICE " has no driver behind it: the host's harts "
				  "lack the H extension, or KVM is not loaded";
		break;
	default:
		*why = KVM_DEVICE ": cannot open it";
		break;
	}
	return -err;
}

/* 0, or -EOPNOTSUPP with @why naming what the host's KVM lacks. */
static int check_kvm(int kvm_fd, const char **why)
{
	static char msg[160];
	int v = ioctl(kvm_fd, KVM_GET_API_VERSION, 0);

	if (v != KVM_API) {
		snprintf(msg, sizeof(msg),
			 KVM_DEVICE " speaks KVM API %d, not %d: update the "
				    "host kernel",
			 v, KVM_API);
		*why = msg;
		return -EOPNOTSUPP;
	}
	for (unsigned i = 0; i < sizeof(needed_caps) / sizeof(needed_caps[0]);
	     i++) {
		if (ioctl(kvm_fd, KVM_CHECK_EXTENSION, needed_caps[i].cap) <=
		    0) {
			snprintf(msg, sizeof(msg),
				 "the host's KVM lacks %s: update the host "
				 "kernel (Linux 6.1 or later)",
				 needed_caps[i].name);
			*why = msg;
			return -EOPNOTSUPP;
		}
	}
	return 0;
}

static int kvm_probe(const char **why)
{
	int fd = open_kvm(why), rc;

	if (fd < 0)
		return fd;
	rc = check_kvm(fd, why);
	close(fd);
	return rc;
}

static void kick_handler(int sig)
{
	/* Nothing: the signal's arrival is what ends KVM_RUN. */
}

static int kvm_vm_init(const struct accel_vm_config *cfg, struct accel_vm **out)
{
	struct kvm_accel_vm *vm;
	const char *why = NULL;
	struct sigaction sa;
	int max, rc;

	/*
	 * KVM's vCPUs have the host's extensions. Turning them on and off
	 * one by one (the KVM_RISCV_ISA_EXT_* registers, before the first
	 * KVM_RUN) is not done yet.
	 */
	if (!accel_isa_empty(&cfg->isa)) {
		log_error("--isa: KVM's harts have the host's extensions; "
			  "leave --isa out");
		return -EINVAL;
	}
	vm = calloc(1, sizeof(*vm));
	if (!vm)
		return -ENOMEM;
	vm->cfg = *cfg;
	vm->vm_fd = -1;
	vm->kvm_fd = open_kvm(&why);
	rc = vm->kvm_fd < 0 ? vm->kvm_fd : check_kvm(vm->kvm_fd, &why);
	if (rc)
		goto err_msg;
	max = ioctl(vm->kvm_fd, KVM_CHECK_EXTENSION, KVM_CAP_MAX_VCPUS);
	if (max <= 0)
		max = ioctl(vm->kvm_fd, KVM_CHECK_EXTENSION, KVM_CAP_NR_VCPUS);
	if (max > 0 && cfg->ncpus > (unsigned)max) {
		log_error("--cpus %u: the host's KVM runs at most %d vCPUs a "
			  "guest; give --cpus %d or fewer",
			  cfg->ncpus, max, max);
		rc = -EINVAL;
		goto err;
	}
	if (cfg->ncpus > KVM_MAX_HARTS) {
		rc = -EINVAL;
		goto err;
	}
	vm->vm_fd = ioctl(vm->kvm_fd, KVM_CREATE_VM, 0);
	if (vm->vm_fd < 0) {
		rc = -errno;
		log_error("--accel kvm: KVM_CREATE_VM: %s (the host may be "
			  "out of memory or VMIDs)",
			  strerror(errno));
		goto err;
	}
	rc = ioctl(vm->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (rc <= 0) {
		rc = rc < 0 ? -errno : -EINVAL;
		goto err;
	}
	vm->run_size = (size_t)rc;
	vm->ioeventfd =
		ioctl(vm->vm_fd, KVM_CHECK_EXTENSION, KVM_CAP_IOEVENTFD) > 0;
	vm->readonly_mem =
		ioctl(vm->vm_fd, KVM_CHECK_EXTENSION, KVM_CAP_READONLY_MEM) > 0;

	/* Process-wide, and the same for every VM: installed once is enough. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = kick_handler;
	sigemptyset(&sa.sa_mask);
	if (sigaction(KICK_SIGNAL, &sa, NULL)) {
		rc = -errno;
		goto err;
	}
	*out = (struct accel_vm *)vm;
	return 0;

err_msg:
	log_error("--accel kvm: %s", why);
	rc = -EINVAL;
err:
	if (vm->vm_fd >= 0)
		close(vm->vm_fd);
	if (vm->kvm_fd >= 0)
		close(vm->kvm_fd);
	free(vm);
	return rc;
}

static int kvm_describe(struct accel_vm *avm, struct accel_hart_desc *d)
{
	return kvm_describe_harts(to_vm(avm), d);
}

static int kvm_map_ram(struct accel_vm *avm, uint64_t gpa, void *host,
		       uint64_t size, unsigned flags)
{
	struct kvm_accel_vm *vm = to_vm(avm);
	struct kvm_slot *s = &vm->slots[vm->nslots];
	struct kvm_userspace_memory_region r = {
		.slot = vm->nslots,
		.guest_phys_addr = gpa,
		.memory_size = size,
		.userspace_addr = (uintptr_t)host,
	};

	if (vm->nslots == KVM_MAX_SLOTS || (gpa | size) & (PAGE_SIZE - 1) ||
	    flags & ~(ACCEL_MEM_READONLY | ACCEL_MEM_DIRTY_LOG))
		return -EINVAL;
	if (flags & ACCEL_MEM_READONLY) {
		if (!vm->readonly_mem)
			return -EOPNOTSUPP;
		r.flags |= KVM_MEM_READONLY;
	}
	if (flags & ACCEL_MEM_DIRTY_LOG) {
		s->dirty = calloc((size / PAGE_SIZE + 63) / 64, 8);
		if (!s->dirty)
			return -ENOMEM;
		r.flags |= KVM_MEM_LOG_DIRTY_PAGES;
	}
	if (ioctl(vm->vm_fd, KVM_SET_USER_MEMORY_REGION, &r)) {
		int err = -errno;

		free(s->dirty);
		s->dirty = NULL;
		return err;
	}
	s->gpa = gpa;
	s->size = size;
	s->host = host;
	s->flags = flags;
	pthread_mutex_init(&s->lock, NULL);
	vm->nslots++;
	return 0;
}

/*
 * KVM hands out a whole slot's log at once and clears it; what the caller
 * did not ask for waits in the slot's own bitmap for a later call.
 */
static int kvm_get_dirty_log(struct accel_vm *avm, uint64_t gpa, uint64_t size,
			     uint64_t *bitmap)
{
	struct kvm_accel_vm *vm = to_vm(avm);
	struct kvm_dirty_log log = {0};
	struct kvm_slot *s = NULL;
	uint64_t *fresh, first, n, words;
	unsigned i;
	int rc = 0;

	for (i = 0; i < vm->nslots; i++) {
		struct kvm_slot *t = &vm->slots[i];

		if (gpa >= t->gpa && gpa - t->gpa < t->size) {
			s = t;
			break;
		}
	}
	if (!s || !s->dirty || (gpa | size) & (PAGE_SIZE - 1) ||
	    size > s->size - (gpa - s->gpa))
		return -EINVAL;
	words = (s->size / PAGE_SIZE + 63) / 64;
	fresh = calloc(words, 8);
	if (!fresh)
		return -ENOMEM;
	log.slot = i;
	log.dirty_bitmap = fresh;
	pthread_mutex_lock(&s->lock);
	if (ioctl(vm->vm_fd, KVM_GET_DIRTY_LOG, &log)) {
		rc = -errno;
		goto out;
	}
	for (uint64_t w = 0; w < words; w++)
		s->dirty[w] |= fresh[w];
	first = (gpa - s->gpa) / PAGE_SIZE;
	n = size / PAGE_SIZE;
	memset(bitmap, 0, (n + 63) / 64 * 8);
	for (uint64_t p = 0; p < n; p++) {
		uint64_t q = first + p;

		if (s->dirty[q / 64] >> (q % 64) & 1) {
			bitmap[p / 64] |= 1ull << (p % 64);
			s->dirty[q / 64] &= ~(1ull << (q % 64));
		}
	}
out:
	pthread_mutex_unlock(&s->lock);
	free(fresh);
	return rc;
}

/*
 * Completes the exit the hart last returned with what its handler left
 * in @exit, by entering KVM_RUN with immediate_exit set: KVM writes the
 * results back (an MMIO read's register, the SBI's a0/a1 and the step
 * past the ecall, a CSR's value) and returns at once.
 */
static int sync_now(struct kvm_hart *h)
{
	int rc;

	h->run->immediate_exit = 1;
	rc = ioctl(h->fd, KVM_RUN, 0);
	h->run->immediate_exit = 0;
	if (rc == 0 || errno == EINTR)
		return 0;
	return -errno;
}

/* The state a fresh hart has, and the boot hart runnable, the others
 * stopped until the guest starts them (SBI HSM, served by KVM). */
static int reset_hart(struct kvm_hart *h)
{
	uint64_t stopped = h->hartid != 0;
	int rc;

	if (h->pending != KVM_PENDING_NONE) {
		/* An exit left over from before the reset must not land
		 * on the fresh state: finish it, results unused. */
		rc = sync_now(h);
		if (rc)
			return rc;
		h->pending = KVM_PENDING_NONE;
	}
	rc = kvm_set_state(h, h->reset_state);
	rc = rc ?: kvm_reg_set(h, ACCEL_REG_HSM_STOPPED, stopped);
	rc = rc ?: kvm_set_time(h, h->vm->cfg.clock_origin_ns);
	return rc;
}

static int kvm_vcpu_init(struct accel_vm *avm, unsigned hartid,
			 struct accel_vcpu **out)
{
	struct kvm_accel_vm *vm = to_vm(avm);
	struct kvm_hart *h;
	int rc;

	if (hartid >= vm->cfg.ncpus || hartid >= KVM_MAX_HARTS)
		return -EINVAL;
	h = vm->harts[hartid];
	if (h) {
		/* A reboot: the same vCPU, back to its first state. */
		if (h->in_use)
			return -EBUSY;
		rc = reset_hart(h);
		if (rc)
			return rc;
		h->in_use = true;
		*out = (struct accel_vcpu *)h;
		return 0;
	}
	h = calloc(1, sizeof(*h));
	if (!h)
		return -ENOMEM;
	h->vm = vm;
	h->hartid = hartid;
	h->run = MAP_FAILED;
	pthread_mutex_init(&h->lock, NULL);
	h->fd = ioctl(vm->vm_fd, KVM_CREATE_VCPU, hartid);
	if (h->fd < 0) {
		rc = -errno;
		goto err;
	}
	h->run = mmap(NULL, vm->run_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		      h->fd, 0);
	if (h->run == MAP_FAILED) {
		rc = -errno;
		goto err;
	}
	if (!vm->info.valid) {
		rc = kvm_read_hart_info(h);
		if (rc)
			goto err;
	}
	kvm_setup_sbi(h);
	h->reset_state = malloc(sizeof(*h->reset_state));
	if (!h->reset_state) {
		rc = -ENOMEM;
		goto err;
	}
	rc = kvm_get_state(h, h->reset_state);
	rc = rc ?: reset_hart(h);
	if (rc)
		goto err;
	h->in_use = true;
	vm->harts[hartid] = h;
	*out = (struct accel_vcpu *)h;
	return 0;

err:
	free(h->reset_state);
	if (h->run != MAP_FAILED)
		munmap(h->run, vm->run_size);
	if (h->fd >= 0)
		close(h->fd);
	pthread_mutex_destroy(&h->lock);
	free(h);
	return rc;
}

/* The hart's thread, first time in vcpu_run: kicks go to it from now. */
static int adopt_thread(struct kvm_hart *h)
{
	/* struct kvm_signal_mask: a length, then the kernel's sigset_t
	 * (64 bits on riscv64). */
	union {
		struct kvm_signal_mask hdr;
		uint8_t bytes[sizeof(struct kvm_signal_mask) + 8];
	} mask;
	sigset_t blocked, in_run;
	int rc;

	sigemptyset(&blocked);
	sigaddset(&blocked, KICK_SIGNAL);
	rc = pthread_sigmask(SIG_BLOCK, &blocked, &in_run);
	if (rc)
		return -rc;
	/* Inside KVM_RUN: the thread's mask, the kick let through. */
	sigdelset(&in_run, KICK_SIGNAL);
	mask.hdr.len = 8;
	memcpy(mask.bytes + sizeof(mask.hdr), &in_run, 8);
	if (ioctl(h->fd, KVM_SET_SIGNAL_MASK, &mask))
		return -errno;
	pthread_mutex_lock(&h->lock);
	h->thread = pthread_self();
	h->thread_known = true;
	pthread_mutex_unlock(&h->lock);
	return 0;
}

/* Puts the hart in S-mode at its trap vector for an illegal instruction
 * at @pc, as the hart would itself (privileged spec, "Supervisor Trap
 * Handling"): the CSR instruction hvrun does not implement. */
static int inject_illegal(struct kvm_hart *h, uint64_t pc)
{
	uint64_t sstatus, mode, stvec;
	int rc;

	rc = kvm_reg_get(h, ACCEL_REG_CSR0 + CSR_SSTATUS, &sstatus);
	rc = rc ?: kvm_reg_get(h, ACCEL_REG_PRIV, &mode);
	rc = rc ?: kvm_reg_get(h, ACCEL_REG_CSR0 + CSR_STVEC, &stvec);
	if (rc)
		return rc;
	sstatus &= ~(MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE);
	if (mode == PRV_S)
		sstatus |= MSTATUS_SPP;
	if (sstatus & MSTATUS_SIE)
		sstatus |= MSTATUS_SPIE;
	rc = kvm_reg_set(h, ACCEL_REG_CSR0 + CSR_SSTATUS, sstatus);
	rc = rc ?: kvm_reg_set(h, ACCEL_REG_CSR0 + CSR_SCAUSE, EXC_ILLEGAL);
	rc = rc ?: kvm_reg_set(h, ACCEL_REG_CSR0 + CSR_STVAL, 0);
	rc = rc ?: kvm_reg_set(h, ACCEL_REG_CSR0 + CSR_SEPC, pc);
	rc = rc ?: kvm_reg_set(h, ACCEL_REG_PRIV, PRV_S);
	/* Exceptions go to the base address in either mode. */
	rc = rc ?: kvm_reg_set(h, ACCEL_REG_PC, stvec & ~3ull);
	return rc;
}

/* An illegal CSR access: KVM can only complete it, so complete it and
 * then undo it (the registers as they were) and trap instead. */
static int complete_csr_illegal(struct kvm_hart *h)
{
	uint64_t x[32], pc;
	int rc = kvm_reg_get(h, ACCEL_REG_PC, &pc);

	for (unsigned i = 1; i < 32 && !rc; i++)
		rc = kvm_reg_get(h, ACCEL_REG_X0 + i, &x[i]);
	rc = rc ?: sync_now(h);
	for (unsigned i = 1; i < 32 && !rc; i++)
		rc = kvm_reg_set(h, ACCEL_REG_X0 + i, x[i]);
	return rc ?: inject_illegal(h, pc);
}

static int complete_exit(struct kvm_hart *h, const struct accel_exit *exit)
{
	struct kvm_run *run = h->run;
	uint64_t a0, a1, pc;
	int rc = 0;

	switch (h->pending) {
	case KVM_PENDING_MMIO:
		if (!run->mmio.is_write)
			memcpy(run->mmio.data, &exit->mmio.data,
			       run->mmio.len <= 8 ? run->mmio.len : 8);
		break;
	case KVM_PENDING_SBI:
		if (exit->sbi.redirected) {
			/*
			 * The handler placed the hart itself (pc, a0, a1): KVM
			 * still writes a0/a1 and steps past the ecall, so it
			 * gets what is there and a pc one step back.
			 */
			rc = kvm_reg_get(h, ACCEL_REG_X0 + 10, &a0);
			rc = rc ?: kvm_reg_get(h, ACCEL_REG_X0 + 11, &a1);
			rc = rc ?: kvm_reg_get(h, ACCEL_REG_PC, &pc);
			rc = rc ?: kvm_reg_set(h, ACCEL_REG_PC, pc - 4);
			run->riscv_sbi.ret[0] = a0;
			run->riscv_sbi.ret[1] = a1;
		} else {
			run->riscv_sbi.ret[0] = (unsigned long)exit->sbi.error;
			/* A legacy call returns a0 alone: a1 stays. */
			run->riscv_sbi.ret[1] = exit->sbi.legacy
							? run->riscv_sbi.args[1]
							: exit->sbi.value;
		}
		break;
	case KVM_PENDING_CSR:
		if (exit->csr.illegal) {
			rc = complete_csr_illegal(h);
			h->pending = KVM_PENDING_NONE;
			return rc;
		}
		run->riscv_csr.ret_value = exit->csr.ret;
		break;
	case KVM_PENDING_NONE:
		break;
	}
	h->pending = KVM_PENDING_NONE;
	return rc;
}

static void fill_mmio(struct kvm_hart *h, struct accel_exit *exit)
{
	struct kvm_run *run = h->run;

	exit->reason = ACCEL_EXIT_MMIO;
	exit->mmio.addr = run->mmio.phys_addr;
	exit->mmio.len = (uint8_t)(run->mmio.len <= 8 ? run->mmio.len : 8);
	exit->mmio.write = run->mmio.is_write;
	exit->mmio.data = 0;
	if (exit->mmio.write)
		memcpy(&exit->mmio.data, run->mmio.data, exit->mmio.len);
	h->pending = KVM_PENDING_MMIO;
}

static void fill_sbi(struct kvm_hart *h, struct accel_exit *exit)
{
	struct kvm_run *run = h->run;

	exit->reason = ACCEL_EXIT_SBI;
	exit->sbi.ext = run->riscv_sbi.extension_id;
	exit->sbi.fid = run->riscv_sbi.function_id;
	for (unsigned i = 0; i < 6; i++)
		exit->sbi.args[i] = run->riscv_sbi.args[i];
	/* What a handler that does nothing answers: SBI_ERR_NOT_SUPPORTED. */
	exit->sbi.error = -2;
	exit->sbi.value = 0;
	exit->sbi.legacy = exit->sbi.ext < 0x10;
	exit->sbi.redirected = false;
	h->pending = KVM_PENDING_SBI;
}

static void fill_system_event(struct kvm_hart *h, struct accel_exit *exit)
{
	struct kvm_run *run = h->run;

	switch (run->system_event.type) {
	case KVM_SYSTEM_EVENT_SHUTDOWN:
		exit->reason = ACCEL_EXIT_SHUTDOWN;
		/* SRST's reason: 1 is a system failure. */
		exit->shutdown.code = run->system_event.ndata >= 1 &&
				      run->system_event.data[0] == 1;
		break;
	case KVM_SYSTEM_EVENT_RESET:
		exit->reason = ACCEL_EXIT_RESET;
		break;
	default:
		log_error("kvm: hart %u: system event %u that hvrun does not "
			  "know",
			  h->hartid, run->system_event.type);
		exit->reason = ACCEL_EXIT_ERROR;
		break;
	}
}

static int kvm_vcpu_run(struct accel_vcpu *vcpu, struct accel_exit *exit)
{
	struct kvm_hart *h = to_hart(vcpu);
	struct kvm_run *run = h->run;
	int rc;

	if (!h->thread_known || !pthread_equal(h->thread, pthread_self())) {
		rc = adopt_thread(h);
		if (rc)
			return rc;
	}
	rc = complete_exit(h, exit);
	if (rc)
		return rc;
	memset(exit, 0, sizeof(*exit));
	rc = ioctl(h->fd, KVM_RUN, 0);
	/* A kick that came meanwhile is served by this return. */
	run->immediate_exit = 0;
	if (rc) {
		if (errno == EINTR || errno == EAGAIN) {
			exit->reason = ACCEL_EXIT_KICK;
			return 0;
		}
		return -errno;
	}
	switch (run->exit_reason) {
	case KVM_EXIT_MMIO:
		fill_mmio(h, exit);
		break;
	case KVM_EXIT_RISCV_SBI:
		fill_sbi(h, exit);
		break;
	case KVM_EXIT_RISCV_CSR:
		exit->reason = ACCEL_EXIT_CSR;
		exit->csr.num = (unsigned)run->riscv_csr.csr_num;
		exit->csr.val = run->riscv_csr.new_value;
		exit->csr.mask = run->riscv_csr.write_mask;
		exit->csr.ret = 0;
		exit->csr.illegal = false;
		h->pending = KVM_PENDING_CSR;
		break;
	case KVM_EXIT_SYSTEM_EVENT:
		fill_system_event(h, exit);
		break;
	case KVM_EXIT_INTR:
		exit->reason = ACCEL_EXIT_KICK;
		break;
	case KVM_EXIT_FAIL_ENTRY:
		log_error("kvm: hart %u: the host could not enter the guest "
			  "(reason 0x%llx)",
			  h->hartid,
			  (unsigned long long)run->fail_entry
				  .hardware_entry_failure_reason);
		exit->reason = ACCEL_EXIT_ERROR;
		break;
	case KVM_EXIT_INTERNAL_ERROR:
		log_error("kvm: hart %u: KVM internal error %u", h->hartid,
			  run->internal.suberror);
		exit->reason = ACCEL_EXIT_ERROR;
		break;
	default:
		log_error("kvm: hart %u: exit reason %u that hvrun does not "
			  "know",
			  h->hartid, run->exit_reason);
		exit->reason = ACCEL_EXIT_ERROR;
		break;
	}
	return 0;
}

static int kvm_vcpu_sync(struct accel_vcpu *vcpu, struct accel_exit *exit)
{
	struct kvm_hart *h = to_hart(vcpu);
	bool pending = h->pending != KVM_PENDING_NONE;
	bool illegal = h->pending == KVM_PENDING_CSR && exit->csr.illegal;
	int rc = complete_exit(h, exit);

	/* An illegal CSR access was completed (and trapped) already. */
	if (rc || !pending || illegal)
		return rc;
	return sync_now(h);
}

static void kvm_vcpu_kick(struct accel_vcpu *vcpu)
{
	struct kvm_hart *h = to_hart(vcpu);

	/* Before its thread is known (or between two runs): the next
	 * KVM_RUN returns at once. */
	h->run->immediate_exit = 1;
	pthread_mutex_lock(&h->lock);
	if (h->thread_known)
		pthread_kill(h->thread, KICK_SIGNAL);
	pthread_mutex_unlock(&h->lock);
}

static void kvm_vcpu_set_irq(struct accel_vcpu *vcpu, unsigned irq, int level)
{
	struct kvm_hart *h = to_hart(vcpu);
	struct kvm_interrupt i;

	/*
	 * KVM_INTERRUPT drives the guest's external interrupt (VSEIP), any
	 * thread. The timer, the IPIs and everything M-mode are the host
	 * kernel's: hvrun's SBI never raises them under KVM.
	 */
	if (irq != ACCEL_IRQ_SEIP)
		return;
	level = !!level;
	if (atomic_exchange(&h->seip, level) == level)
		return;
	i.irq = level ? KVM_INTERRUPT_SET : KVM_INTERRUPT_UNSET;
	if (ioctl(h->fd, KVM_INTERRUPT, &i))
		log_warn("kvm: hart %u: KVM_INTERRUPT: %s", h->hartid,
			 strerror(errno));
}

static void kvm_vcpu_fence(struct accel_vcpu *vcpu, unsigned kind)
{
	/*
	 * Remote fences are SBI calls the host kernel serves; hvrun writes
	 * guest code only before the harts run (loading the programs).
	 */
}

static int kvm_get_reg(struct accel_vcpu *vcpu, unsigned id, uint64_t *val)
{
	return kvm_reg_get(to_hart(vcpu), id, val);
}

static int kvm_set_reg(struct accel_vcpu *vcpu, unsigned id, uint64_t val)
{
	return kvm_reg_set(to_hart(vcpu), id, val);
}

static int kvm_state_get(struct accel_vcpu *vcpu, struct accel_hart_state *st)
{
	return kvm_get_state(to_hart(vcpu), st);
}

static int kvm_state_set(struct accel_vcpu *vcpu,
			 const struct accel_hart_state *st)
{
	return kvm_set_state(to_hart(vcpu), st);
}

static int kvm_add_ioeventfd(struct accel_vm *avm, uint64_t gpa, unsigned len,
			     uint64_t val, int fd)
{
	struct kvm_accel_vm *vm = to_vm(avm);
	struct kvm_ioeventfd io = {
		.datamatch = val,
		.addr = gpa,
		.len = len,
		.fd = fd,
		.flags = KVM_IOEVENTFD_FLAG_DATAMATCH,
	};

	if (!vm->ioeventfd)
		return -EOPNOTSUPP;
	return ioctl(vm->vm_fd, KVM_IOEVENTFD, &io) ? -errno : 0;
}

static void kvm_vcpu_destroy(struct accel_vcpu *vcpu)
{
	struct kvm_hart *h = to_hart(vcpu);

	/* The vCPU lives on in KVM until the VM goes: kept for a reboot. */
	pthread_mutex_lock(&h->lock);
	h->thread_known = false;
	pthread_mutex_unlock(&h->lock);
	h->in_use = false;
}

static void kvm_vm_destroy(struct accel_vm *avm)
{
	struct kvm_accel_vm *vm = to_vm(avm);

	for (unsigned i = 0; i < KVM_MAX_HARTS; i++) {
		struct kvm_hart *h = vm->harts[i];

		if (!h)
			continue;
		munmap(h->run, vm->run_size);
		close(h->fd);
		pthread_mutex_destroy(&h->lock);
		free(h->reset_state);
		free(h);
	}
	for (unsigned i = 0; i < vm->nslots; i++) {
		free(vm->slots[i].dirty);
		pthread_mutex_destroy(&vm->slots[i].lock);
	}
	close(vm->vm_fd);
	close(vm->kvm_fd);
	free(vm);
}

const struct accel_ops accel_kvm_ops = {
	.name = "kvm",
	.caps = ACCEL_CAP_DIRTY_LOG | ACCEL_CAP_HSM,
	.probe = kvm_probe,
	.vm_init = kvm_vm_init,
	.describe = kvm_describe,
	.map_ram = kvm_map_ram,
	.get_dirty_log = kvm_get_dirty_log,
	.vcpu_init = kvm_vcpu_init,
	.vcpu_run = kvm_vcpu_run,
	.vcpu_sync = kvm_vcpu_sync,
	.vcpu_kick = kvm_vcpu_kick,
	.vcpu_set_irq = kvm_vcpu_set_irq,
	.vcpu_fence = kvm_vcpu_fence,
	.get_reg = kvm_get_reg,
	.set_reg = kvm_set_reg,
	.get_state = kvm_state_get,
	.set_state = kvm_state_set,
	.add_ioeventfd = kvm_add_ioeventfd,
	.vcpu_destroy = kvm_vcpu_destroy,
	.vm_destroy = kvm_vm_destroy,
};
