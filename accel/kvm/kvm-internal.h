/* SPDX-License-Identifier: MIT */
/*
 * What the KVM accelerator's files share: the VM and hart objects, and
 * the register layer (regs.c) that kvm.c runs the harts with.
 */
#ifndef HVRUN_KVM_INTERNAL_H
#define HVRUN_KVM_INTERNAL_H

#include <linux/kvm.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "accel/accel.h"

#define KVM_MAX_SLOTS 8
#define KVM_MAX_HARTS 512

/* One guest RAM region (a KVM memory slot). */
struct kvm_slot {
	uint64_t gpa, size;
	void *host;
	unsigned flags;	      /* ACCEL_MEM_* */
	uint64_t *dirty;      /* pages written, not yet handed out */
	pthread_mutex_t lock; /* guards @dirty */
};

/* What the host's KVM gives a guest hart, read once from the first vCPU. */
struct kvm_hart_info {
	bool valid;
	uint64_t isa;			 /* config isa: bit n is letter 'a'+n */
	bool ext[KVM_RISCV_ISA_EXT_MAX]; /* ISA_EXT registers that read 1 */
	uint64_t timebase_hz;
	uint64_t cbom_block, cboz_block; /* 0: none */
	uint64_t vlenb;			 /* 0: no V */
	bool fp_d, fp_f;
	bool senvcfg, aia, smstateen; /* CSRs KVM has registers for */
	char mmu[16];		      /* "sv57" */
};

struct kvm_hart;

struct kvm_accel_vm {
	struct accel_vm_config cfg;
	int kvm_fd, vm_fd;
	size_t run_size;
	bool ioeventfd, readonly_mem;
	struct kvm_slot slots[KVM_MAX_SLOTS];
	unsigned nslots;
	/*
	 * KVM cannot destroy a vCPU short of the whole VM: harts live as
	 * long as the VM and a reboot resets them (vcpu_init again).
	 */
	struct kvm_hart *harts[KVM_MAX_HARTS];
	struct kvm_hart_info info;
};

/* The exit vcpu_run last returned, which the next run completes. */
enum kvm_pending {
	KVM_PENDING_NONE,
	KVM_PENDING_MMIO,
	KVM_PENDING_SBI,
	KVM_PENDING_CSR,
};

struct kvm_hart {
	struct kvm_accel_vm *vm;
	unsigned hartid;
	int fd;
	struct kvm_run *run;
	bool in_use; /* between vcpu_init and vcpu_destroy */
	enum kvm_pending pending;
	/* The thread running the hart, for kicks; guarded by @lock. */
	pthread_mutex_t lock;
	pthread_t thread;
	bool thread_known;
	atomic_int seip; /* the external interrupt line, as last set */
	/* The state KVM gave the hart when it was made: a reset puts it back. */
	struct accel_hart_state *reset_state;
};

/* regs.c: one register in hvrun's numbering (accel/accel.h ids). */
int kvm_reg_get(struct kvm_hart *h, unsigned id, uint64_t *val);
int kvm_reg_set(struct kvm_hart *h, unsigned id, uint64_t val);
/* The raw KVM_{GET,SET}_ONE_REG of a 64-bit register; -errno. */
int kvm_one_get(struct kvm_hart *h, uint64_t kvm_id, uint64_t *val);
int kvm_one_set(struct kvm_hart *h, uint64_t kvm_id, uint64_t val);
int kvm_get_state(struct kvm_hart *h, struct accel_hart_state *st);
int kvm_set_state(struct kvm_hart *h, const struct accel_hart_state *st);
/* Reads what KVM offers a guest hart into vm->info (first vCPU). */
int kvm_read_hart_info(struct kvm_hart *h);
/* Before the first run: lets KVM hand hvrun the SBI calls it serves. */
void kvm_setup_sbi(struct kvm_hart *h);
/* The riscv,isa string and extension list of vm->info. */
int kvm_describe_harts(struct kvm_accel_vm *vm, struct accel_hart_desc *d);
/* Guest time (the time CSR), from hvrun's clock origin. */
int kvm_set_time(struct kvm_hart *h, uint64_t clock_origin_ns);

#endif
