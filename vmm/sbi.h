/* SPDX-License-Identifier: MIT */
/*
 * hvrun's own SBI implementation (SBI specification v2.0), serving
 * S-mode software when no firmware runs: BASE, TIME, IPI, RFENCE, HSM,
 * SRST, DBCN, PMU and the legacy v0.1 calls. It drives harts only through
 * accel/accel.h, so it serves the emulated hart and the SBI calls KVM
 * forwards alike.
 *
 * Implementation id: 0x6876 ("hv"), not in the specification's table.
 * Implementation version: major << 16 | minor of hvrun's version.
 *
 * Choices the specification leaves open:
 * - HSM suspend: a default retentive suspend returns at once, as if an
 *   interrupt were pending; a default non-retentive one resumes at once
 *   at resume_addr. Other suspend types are SBI_ERR_INVALID_PARAM.
 * - RFENCE: every ranged fence is a full flush; the HFENCE calls are
 *   SBI_ERR_NOT_SUPPORTED unless the harts have the H extension.
 * - Legacy calls taking a hart-mask pointer read it through the calling
 *   hart's satp; a NULL pointer means all harts; an unreadable pointer
 *   returns SBI_ERR_INVALID_ADDRESS (no fault is redirected).
 * - DBCN writes are cut to 4 KiB a call (a partial write).
 * - PMU: counter_idx is the counter's CSR offset (0 cycle, 2 instret, 3
 *   to 31 the hpm counters; 1, time, is no counter), with the hardware
 *   events hvrun's harts count (accel/dbt/pmu.h: cycles, instructions,
 *   branches, L1D reads and writes, DTLB and ITLB misses), programmed
 *   as mhpmevent = event_idx; raw events (types 2 and 3) take event_data
 *   as mhpmevent. Cycles and instructions count on counters 0 and 2 as
 *   well as on any hpm counter; a match takes an hpm counter first (they
 *   filter modes and interrupt on overflow). No firmware counters, no snapshot
 *   memory, no event_get_info. The mode-filter flags set mhpmevent's
 *   xINH bits when the hart has Sscofpmf. Offered when the harts have
 *   Zicntr; the hpm counters when they have Zihpm.
 */
#ifndef HVRUN_SBI_H
#define HVRUN_SBI_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "accel/accel.h"

struct vm;
struct vcpu;
struct chardev;
struct sbi_hart;

enum {
	SBI_SUCCESS = 0,
	SBI_ERR_FAILED = -1,
	SBI_ERR_NOT_SUPPORTED = -2,
	SBI_ERR_INVALID_PARAM = -3,
	SBI_ERR_DENIED = -4,
	SBI_ERR_INVALID_ADDRESS = -5,
	SBI_ERR_ALREADY_AVAILABLE = -6,
	SBI_ERR_ALREADY_STARTED = -7,
	SBI_ERR_ALREADY_STOPPED = -8,
	SBI_ERR_NO_SHMEM = -9,
};

#define SBI_SPEC_VERSION 0x02000000 /* 2.0 */
#define SBI_IMPL_ID_HVRUN 0x6876

enum {
	SBI_EXT_LEGACY_SET_TIMER = 0x00,
	SBI_EXT_LEGACY_PUTCHAR = 0x01,
	SBI_EXT_LEGACY_GETCHAR = 0x02,
	SBI_EXT_LEGACY_CLEAR_IPI = 0x03,
	SBI_EXT_LEGACY_SEND_IPI = 0x04,
	SBI_EXT_LEGACY_FENCE_I = 0x05,
	SBI_EXT_LEGACY_SFENCE_VMA = 0x06,
	SBI_EXT_LEGACY_SFENCE_VMA_ASID = 0x07,
	SBI_EXT_LEGACY_SHUTDOWN = 0x08,
	SBI_EXT_BASE = 0x10,
	SBI_EXT_TIME = 0x54494D45,
	SBI_EXT_IPI = 0x735049,
	SBI_EXT_RFENCE = 0x52464E43,
	SBI_EXT_HSM = 0x48534D,
	SBI_EXT_SRST = 0x53525354,
	SBI_EXT_DBCN = 0x4442434E,
	SBI_EXT_PMU = 0x504D55,
};

/*
 * Console input for the SBI's and HTIF's read calls (vm->console_in).
 * When no UART takes the terminal, machine.c attaches one as the
 * console's front end; it
 * keeps a small buffer and lets the back end hold the rest (resume()).
 * In the default machine the UART is the front end instead, and the
 * SBI's reads find nothing (getchar returns -1, DBCN reads 0 bytes).
 */
struct sbi_console {
	struct chardev *cd;
	pthread_mutex_t lock;
	uint8_t buf[256];
	unsigned head, len;
	bool refused; /* the back end holds bytes we had no room for */
};

/* Becomes @cd's front end. */
void sbi_console_attach(struct sbi_console *c, struct chardev *cd);
void sbi_console_detach(struct sbi_console *c);
/* Any thread, never blocks: the next byte, or -1. */
int sbi_console_getc(struct sbi_console *c);

struct sbi {
	struct vm *vm;
	struct sbi_hart *harts; /* vm->ncpus of them */
};

/* After the vCPUs exist (vcpus_create) and before they run. */
int sbi_create(struct sbi **out, struct vm *vm);
void sbi_destroy(struct sbi *s);

struct rec_writer;
struct rec_reader;
/*
 * Snapshots: the record "sbi", each hart's set_timer deadline in mtime
 * ticks. Loading (before the vCPUs run) re-arms the timers and drives
 * STIP. 0, -errno, -EPROTO with the reader's error set.
 */
int sbi_save(struct sbi *s, struct rec_writer *w);
int sbi_load(struct sbi *s, struct rec_reader *r);

/*
 * Serves the ecall in @e->sbi on @v's own thread: fills error and value
 * (and legacy, redirected). May request the VM's exit or reset.
 */
void sbi_handle(struct sbi *s, struct vcpu *v, struct accel_exit *e);

#endif
