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
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "accel/isa.h"

struct bus;
struct guestmem;
struct accel_vm;
struct accel_vcpu;
struct timer_service;

/* Local interrupt numbers, as bits of mip (riscv/riscv.h: IRQ_*). */
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

/*
 * Register ids, for get_reg/set_reg and for the hart state record. CSRs
 * are named by their number; ids from ACCEL_REG_INTERNAL up are state the
 * architecture keeps but names no CSR for.
 */
enum {
	ACCEL_REG_X0 = 0, /* x0..x31 are 0..31 */
	ACCEL_REG_PC = 32,
	ACCEL_REG_F0 = 64,	 /* f0..f31 (raw 64-bit) are 64..95 */
	ACCEL_REG_PRIV = 128,	 /* 0 U, 1 S, 3 M; bit 2 set when V=1 */
	ACCEL_REG_CSR0 = 0x1000, /* CSR n is ACCEL_REG_CSR0 + n */
	/*
	 * Vector register v (0..31), 64-bit chunk c (0..VLEN/64-1):
	 * ACCEL_REG_V0 + 32 * v + c. VLEN is vlenb * 8.
	 */
	ACCEL_REG_V0 = 0x2000,
	ACCEL_REG_INTERNAL = 0x3000,
	/* mip's software-written bits (SSIP, STIP without Sstc, SEIP,
	 * VS bits through hvip), apart from the lines devices drive. */
	ACCEL_REG_MIP_SW = ACCEL_REG_INTERNAL,
	/* The hart sleeps in WFI (1) or runs (0). */
	ACCEL_REG_WFI,
	/*
	 * With ACCEL_CAP_HSM: the accelerator holds the hart stopped (1:
	 * HSM STOPPED, it waits to be started) or lets it run (0).
	 */
	ACCEL_REG_HSM_STOPPED,
};

/*
 * A hart's whole architectural state as (id, value) pairs: every x and f
 * register, pc, privilege and V, every CSR with storage of its own (not
 * the views: sstatus, sie, sip, vsip, hip, cycle, instret, time, the
 * counters' shadows), the latches in ACCEL_REG_INTERNAL and the vector
 * registers. The same record on every accelerator; get then set gives the
 * hart back exactly, lock bits and all (set_state writes raw values, past
 * WARL rules and PMP locks). A record of another version is refused.
 */
#define ACCEL_STATE_VERSION 1
#define ACCEL_STATE_MAX 1024

struct accel_reg {
	uint32_t id;
	uint32_t pad;
	uint64_t val;
};

struct accel_hart_state {
	uint32_t version;
	uint32_t count;
	struct accel_reg regs[ACCEL_STATE_MAX];
};

/* Adds (or replaces) @id; -ENOSPC when the record is full. */
int accel_state_put(struct accel_hart_state *st, uint32_t id, uint64_t val);
/* 0 and *@val, or -ENOENT. */
int accel_state_get(const struct accel_hart_state *st, uint32_t id,
		    uint64_t *val);

enum accel_exit_reason {
	ACCEL_EXIT_KICK,     /* vcpu_kick() was called, or nothing to report */
	ACCEL_EXIT_MMIO,     /* a device access the accelerator cannot serve */
	ACCEL_EXIT_SBI,	     /* ecall to the SBI implemented by hvrun */
	ACCEL_EXIT_HTIF,     /* the guest wrote tohost (ACCEL_CAP_HTIF) */
	ACCEL_EXIT_SHUTDOWN, /* the hart stopped the machine (power off) */
	ACCEL_EXIT_RESET,    /* the hart asked for a system reset (reboot) */
	ACCEL_EXIT_DEBUG,    /* a breakpoint, watchpoint or step (set_debug) */
	ACCEL_EXIT_CSR,	     /* a CSR the accelerator leaves to hvrun */
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
		struct {
			uint64_t pc;
			/* A watchpoint: the first watched byte the access
			 * would touch. */
			uint64_t addr;
			enum {
				ACCEL_DEBUG_STEP,
				ACCEL_DEBUG_BREAK,
				ACCEL_DEBUG_WATCH,
			} kind;
		} debug;
		struct {
			unsigned num;
			/* csrrw semantics: new = (old & ~mask) | (val & mask) */
			uint64_t val, mask;
			uint64_t ret; /* set by the handler: the old value */
			bool illegal; /* set by the handler: raise illegal-insn */
		} csr;
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
	/* Host deadline timers the accelerator may use, or NULL. */
	struct timer_service *timers;
	/* Accelerator options (--accel NAME,OPTIONS), or NULL. */
	const char *options;
	/* Vector register width in bits (VLEN), 0 for the default (128). */
	unsigned vlen;
	/*
	 * The extensions the harts offer (--isa); all zero means the
	 * default set (ACCEL_ISA_DEFAULT). An accelerator that cannot offer
	 * one of them fails vm_init with -ENOTSUP; describe() reports
	 * exactly this set. KVM offers the host's set and refuses any
	 * other for now; to offer one, each extension maps to its
	 * KVM_RISCV_ISA_EXT_* ONE_REG enable by accel_isa_name().
	 */
	struct accel_isa isa;
};

/* What the accelerator's harts are, for the device tree. */
struct accel_hart_desc {
	char isa[512];		     /* riscv,isa: "rv64imafdc_zicsr_..." */
	const char *extensions[128]; /* riscv,isa-extensions, NULL-ended */
	char names[1024];	     /* storage the extensions may point to */
	const char *mmu_type;	     /* "riscv,sv57" */
	uint32_t timebase_hz;
	uint32_t cbom_block_size, cboz_block_size; /* 0: no Zicbom/Zicboz */
	uint32_t cbop_block_size;		   /* 0: no Zicbop */
	/*
	 * The hardware events M-mode firmware may program into mhpmevent,
	 * as SBI PMU event_idx values (the value written is the event_idx),
	 * 0-ended; with the counters (bit i: mhpmcounter i) that count
	 * them. No events: no riscv,pmu node.
	 */
	uint32_t hpm_events[16];
	uint32_t hpm_counters;
};

/* map_ram flags. */
enum {
	ACCEL_MEM_READONLY = 1 << 0,  /* writes are MMIO exits (ROM) */
	ACCEL_MEM_DIRTY_LOG = 1 << 1, /* record written pages (get_dirty_log) */
};

/*
 * Guest debugging (set_debug). A breakpoint stops the hart before the
 * instruction at its address, a watchpoint before the load or store that
 * touches its bytes (the hart's pc is that instruction's; nothing of it
 * has happened), a step after one instruction or trap entry. Run again
 * unchanged, the hart stops at the same point again.
 */
#define ACCEL_DEBUG_MAX_POINTS 16
struct accel_debug {
	bool step; /* exit after every instruction */
	unsigned nbreak, nwatch;
	uint64_t breaks[ACCEL_DEBUG_MAX_POINTS]; /* instruction addresses */
	struct {
		uint64_t addr, len;
		bool read, write;
	} watches[ACCEL_DEBUG_MAX_POINTS];
};

/* What an accelerator can do beyond the common ground (accel_ops.caps). */
enum {
	/* Harts start in M-mode and run firmware (--bios). */
	ACCEL_CAP_FIRMWARE = 1 << 0,
	/* Bare-metal programs' tohost/fromhost words (ACCEL_EXIT_HTIF). */
	ACCEL_CAP_HTIF = 1 << 1,
	/* The machine must supply the ACLINT (M-mode timer and IPIs). */
	ACCEL_CAP_ACLINT = 1 << 2,
	/* An access to no device is an access fault, not an MMIO exit. */
	ACCEL_CAP_MMIO_FAULT = 1 << 3,
	/* --trace: instruction and state traces. */
	ACCEL_CAP_TRACE = 1 << 4,
	/* set_debug: breakpoints, watchpoints, single step. */
	ACCEL_CAP_DEBUG = 1 << 5,
	/* ACCEL_MEM_DIRTY_LOG and get_dirty_log. */
	ACCEL_CAP_DIRTY_LOG = 1 << 6,
	/*
	 * The accelerator serves the SBI's hart state management itself
	 * (KVM does, in the host kernel): every hart's thread runs from the
	 * start, a hart the guest has not started (or stopped) waits inside
	 * vcpu_run, and HSM calls never reach hvrun's SBI.
	 */
	ACCEL_CAP_HSM = 1 << 7,
};

/* Trace kinds (accel_vm_config.trace_flags). */
enum {
	ACCEL_TRACE_INSN = 1 << 0, /* pc, encoding, disassembly */
	ACCEL_TRACE_CPU = 1 << 1,  /* pc, CSRs, x registers; trap entries */
	ACCEL_TRACE_FPU = 1 << 2,  /* f registers, with ACCEL_TRACE_CPU */
	ACCEL_TRACE_VPU = 1 << 3,  /* vector CSRs and registers, likewise */
	ACCEL_TRACE_JIT = 1 << 4,  /* each new translation, guest and host */
};

struct accel_ops {
	const char *name;
	unsigned caps; /* ACCEL_CAP_* */
	/* 0 if usable on this host; otherwise -errno with @why set. */
	int (*probe)(const char **why);
	int (*vm_init)(const struct accel_vm_config *cfg, struct accel_vm **vm);
	/* What the harts implement, for the device tree. */
	int (*describe)(struct accel_vm *vm, struct accel_hart_desc *desc);
	/* @flags: ACCEL_MEM_*. Before the first vcpu_init. */
	int (*map_ram)(struct accel_vm *vm, uint64_t gpa, void *host,
		       uint64_t size, unsigned flags);
	/*
	 * The pages of [gpa, gpa + size) written since the last call, one
	 * bit a 4 KiB page in @bitmap (bit n: page gpa + n * 4096), and
	 * clears the record. The region must be mapped with
	 * ACCEL_MEM_DIRTY_LOG.
	 */
	int (*get_dirty_log)(struct accel_vm *vm, uint64_t gpa, uint64_t size,
			     uint64_t *bitmap);
	int (*vcpu_init)(struct accel_vm *vm, unsigned hartid,
			 struct accel_vcpu **vcpu);
	/*
	 * Runs until an exit; fills @exit. Called on the vCPU's own thread,
	 * which first completes the previous exit from the results its
	 * handler left in @exit (SBI return values, an MMIO read's data).
	 */
	int (*vcpu_run)(struct accel_vcpu *vcpu, struct accel_exit *exit);
	/*
	 * Own thread, between two runs: completes the previous exit without
	 * running, so that the state is at an instruction boundary (before
	 * get_state when the VM is paused). The next vcpu_run completes
	 * nothing more.
	 */
	int (*vcpu_sync)(struct accel_vcpu *vcpu, struct accel_exit *exit);
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
	/*
	 * One register (ACCEL_REG_*), with the CSR file's WARL rules on
	 * writes; own thread, or a paused hart. -ENOENT when it does not
	 * exist.
	 */
	int (*get_reg)(struct accel_vcpu *vcpu, unsigned id, uint64_t *val);
	int (*set_reg)(struct accel_vcpu *vcpu, unsigned id, uint64_t val);
	/* The whole hart (struct accel_hart_state); own thread or paused. */
	int (*get_state)(struct accel_vcpu *vcpu, struct accel_hart_state *st);
	int (*set_state)(struct accel_vcpu *vcpu,
			 const struct accel_hart_state *st);
	/* Own thread or paused: breakpoints, watchpoints, single step. */
	int (*set_debug)(struct accel_vcpu *vcpu, const struct accel_debug *d);
	/*
	 * Own thread or paused: a debugger's access to @len bytes at virtual
	 * address @va as the hart's loads and stores see memory now (its
	 * translation, MPRV included), without side effects: no A/D update,
	 * no permission or PMP check, no trap. -EFAULT where nothing is
	 * mapped or there is no RAM.
	 */
	int (*vcpu_access)(struct accel_vcpu *vcpu, uint64_t va, void *buf,
			   size_t len, bool write);
	/*
	 * Own thread, between two runs: sleeps as WFI does, until an
	 * interrupt is pending for the hart (mip & mie, whatever the global
	 * enables) or vcpu_kick(). 0 when an interrupt is pending, -EINTR
	 * for a kick. For the SBI's HSM suspend; NULL when the accelerator
	 * suspends harts itself.
	 */
	int (*vcpu_halt)(struct accel_vcpu *vcpu);
	/*
	 * Optional (NULL when the accelerator has none). Before the vCPUs
	 * start: a guest write of exactly @len bytes of value @val at @gpa
	 * (a device register, a virtqueue's notify) no longer stops the
	 * hart; the accelerator signals eventfd @fd instead, and whoever
	 * watches @fd performs that write on the bus. -EOPNOTSUPP when the
	 * host cannot: such writes stay MMIO exits.
	 */
	int (*add_ioeventfd)(struct accel_vm *vm, uint64_t gpa, unsigned len,
			     uint64_t val, int fd);
	void (*vcpu_destroy)(struct accel_vcpu *vcpu);
	void (*vm_destroy)(struct accel_vm *vm);
};

extern const struct accel_ops accel_dbt_ops;
extern const struct accel_ops accel_kvm_ops;

#endif
