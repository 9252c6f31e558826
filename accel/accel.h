/* SPDX-License-Identifier: MIT */
/*
 * The accelerator interface: how hvrun runs a hart, whichever engine does
 * it (accel/dbt: the emulated hart; accel/kvm: KVM RISC-V). One const ops
 * table per accelerator. An accelerator sees this header, the bus, guest
 * memory, the clock and logging; never a device and never the event loop.
 */
#ifndef HVRUN_ACCEL_H
#define HVRUN_ACCEL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct bus;
struct guestmem;
struct accel_vm;
struct accel_vcpu;

/* Local interrupt numbers, as bits of mip. */
enum {
	ACCEL_IRQ_SSIP = 1,
	ACCEL_IRQ_MSIP = 3,
	ACCEL_IRQ_STIP = 5,
	ACCEL_IRQ_MTIP = 7,
	ACCEL_IRQ_SEIP = 9,
	ACCEL_IRQ_MEIP = 11,
};

/* Fence kinds for vcpu_fence. */
enum {
	ACCEL_FENCE_I = 1 << 0,	   /* instruction fetch (fence.i) */
	ACCEL_FENCE_VMA = 1 << 1,  /* all address translations */
	ACCEL_FENCE_GVMA = 1 << 2, /* G-stage translations (H extension) */
};

/* Register ids for get_reg/set_reg. */
enum {
	ACCEL_REG_X0 = 0, /* x0..x31 are 0..31 */
	ACCEL_REG_PC = 32,
	ACCEL_REG_F0 = 64,	 /* f0..f31 (raw 64-bit) are 64..95 */
	ACCEL_REG_PRIV = 128,	 /* 0 U, 1 S, 3 M; bit 2 set when V=1 */
	ACCEL_REG_CSR0 = 0x1000, /* CSR n is ACCEL_REG_CSR0 + n */
};

enum accel_exit_reason {
	ACCEL_EXIT_KICK,     /* vcpu_kick() was called, or nothing to report */
	ACCEL_EXIT_MMIO,     /* a device access the accelerator cannot serve */
	ACCEL_EXIT_SBI,	     /* ecall to the SBI implemented by hvrun */
	ACCEL_EXIT_HTIF,     /* the guest wrote tohost (DBT only) */
	ACCEL_EXIT_SHUTDOWN, /* the hart cannot go on (e.g. KVM says so) */
	ACCEL_EXIT_ERROR,    /* internal error; hvrun stops */
};

struct accel_exit {
	enum accel_exit_reason reason;
	union {
		struct {
			uint64_t addr;
			uint64_t data; /* in for writes, out for reads */
			uint8_t len;
			bool write;
		} mmio;
		struct {
			uint64_t ext, fid; /* a7, a6 */
			uint64_t args[6];  /* a0..a5 */
			/*
			 * Set by the handler; written back to a0/a1 at the
			 * next vcpu_run, which also steps past the ecall.
			 * Legacy (0.1) calls write only a0 (value unused).
			 */
			int64_t error;
			uint64_t value;
			bool legacy;
			/*
			 * Set by the handler when it placed the hart itself
			 * through set_reg (pc, a0, a1...: HSM start, resume
			 * from a non-retentive suspend): the next vcpu_run
			 * then neither writes a0/a1 nor steps past the ecall.
			 */
			bool redirected;
		} sbi;
		struct {
			uint64_t
				tohost; /* the value written; reply in fromhost */
			uint64_t fromhost;
			bool reply; /* set by the handler to write fromhost */
		} htif;
		struct {
			int code;
		} shutdown;
	};
};

/* What hvrun tells an accelerator about the VM it builds. */
struct accel_vm_config {
	struct guestmem *mem;
	struct bus *bus;
	unsigned ncpus;
	/* Harts start in M-mode at the firmware (false) or in S-mode with
	 * hvrun serving SBI calls (true). */
	bool host_sbi;
	/* HTIF words, 0 when the program has none (DBT only). */
	uint64_t tohost, fromhost;
	/* CLOCK_MONOTONIC ns at which mtime was 0 (see vmm/clock.h). */
	uint64_t clock_origin_ns;
	/* Tracing: each executed instruction is printed to @trace. */
	FILE *trace;
	/* ACCEL_TRACE_* kinds to print; 0 with @trace set means insn. */
	unsigned trace_flags;
};

/* Trace kinds (accel_vm_config.trace_flags). */
enum {
	ACCEL_TRACE_INSN = 1 << 0, /* pc, encoding, disassembly */
	ACCEL_TRACE_CPU = 1 << 1,  /* pc, CSRs, x registers; trap entries */
	ACCEL_TRACE_FPU = 1 << 2,  /* f registers, with ACCEL_TRACE_CPU */
};

struct accel_ops {
	const char *name;
	/* 0 if usable on this host; otherwise -errno with @why set. */
	int (*probe)(const char **why);
	int (*vm_init)(const struct accel_vm_config *cfg, struct accel_vm **vm);
	int (*map_ram)(struct accel_vm *vm, uint64_t gpa, void *host,
		       uint64_t size);
	int (*vcpu_init)(struct accel_vm *vm, unsigned hartid,
			 struct accel_vcpu **vcpu);
	/* Runs until an exit; fills @exit. Called on the vCPU's own thread. */
	int (*vcpu_run)(struct accel_vcpu *vcpu, struct accel_exit *exit);
	/* Any thread: make vcpu_run return soon with ACCEL_EXIT_KICK. */
	void (*vcpu_kick)(struct accel_vcpu *vcpu);
	/* Any thread: drive a local interrupt line (ACCEL_IRQ_*). */
	void (*vcpu_set_irq)(struct accel_vcpu *vcpu, unsigned irq, int level);
	/*
	 * Any thread: make the hart apply a fence before it runs another
	 * instruction (remote fence.i / sfence.vma from the SBI); returns
	 * once the hart has done so or is not running.
	 */
	void (*vcpu_fence)(struct accel_vcpu *vcpu, unsigned kind);
	int (*get_reg)(struct accel_vcpu *vcpu, unsigned id, uint64_t *val);
	int (*set_reg)(struct accel_vcpu *vcpu, unsigned id, uint64_t val);
	void (*vcpu_destroy)(struct accel_vcpu *vcpu);
	void (*vm_destroy)(struct accel_vm *vm);
};

extern const struct accel_ops accel_dbt_ops;
extern const struct accel_ops accel_kvm_ops;

#endif
