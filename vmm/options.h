/* SPDX-License-Identifier: MIT */
/* The command line: what the user asked for, checked and normalised. */
#ifndef HVRUN_OPTIONS_H
#define HVRUN_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "accel/isa.h"

#define OPTIONS_MAX_CPUS 32
#define OPTIONS_MIN_MEMORY (16ULL << 20)
#define OPTIONS_MAX_MEMORY (256ULL << 30)

/* virtio-mmio slots the machine has, for disks, shares and the rest. */
#define OPTIONS_MAX_DISKS 8
#define OPTIONS_MAX_SHARES 8

enum options_accel { OPTIONS_ACCEL_AUTO, OPTIONS_ACCEL_KVM, OPTIONS_ACCEL_DBT };

/* The console devices --serial can name. */
enum options_serial_dev {
	OPTIONS_SERIAL_UART, /* ttyS0 */
	OPTIONS_SERIAL_HVC,  /* hvc0, port 0 of virtio-console */
	OPTIONS_SERIAL_DEVS,
};
extern const char *const options_serial_names[OPTIONS_SERIAL_DEVS];

struct options {
	const char *kernel;
	const char *initrd;
	const char *append;
	const char *bios; /* NULL: built-in SBI; "none": no firmware */
	const char *dump_dtb;
	const char *trace_file;			/* NULL: stderr */
	const char *disks[OPTIONS_MAX_DISKS];	/* "FILE[,ro][,serial=S]" */
	const char *shares[OPTIONS_MAX_SHARES]; /* "DIR[,tag=NAME][,ro]" */
	const char *net; /* "user...", "tap,...", "none" */
	unsigned ndisks, nshares;
	bool virtio_console;
	uint64_t memory; /* bytes */
	unsigned cpus;
	enum options_accel accel;
	const char *accel_options; /* after --accel NAME, (DBT's), or NULL */
	struct accel_isa isa;	   /* --isa; empty: the accelerator's own */
	bool trace_insn;	   /* a trace is on (whichever kinds) */
	unsigned trace_flags;	   /* ACCEL_TRACE_* kinds (accel/accel.h) */
	bool no_reboot;
	unsigned vlen; /* vector register bits, 0: the default (128) */
	/* --serial's back end for each device; NULL: the default. */
	const char *serial[OPTIONS_SERIAL_DEVS];
	const char *run;     /* --run CMD, or NULL */
	uint64_t timeout_ms; /* --timeout; 0: none */
	const char *vsock;   /* --vsock "PATH[,cid=N]", or NULL */
	bool daemonize;
	const char *pidfile;
	bool snapshot; /* every disk as with snapshot=on */

	/* Snapshots and control (vmm/snapshot.h, vmm/control.h). */
	const char *restore;	  /* --restore FILE */
	const char *save_on_exit; /* --save-on-exit FILE */
	const char *signature;	  /* --signature FILE */
	const char *qmp;	  /* --qmp unix:PATH[,server] | tcp:HOST:PORT */
	const char *gdb;	  /* --gdb tcp:[HOST]:PORT | unix:PATH */
	bool gdb_wait;		  /* -S: the harts wait for the debugger */
	unsigned given;		  /* OPTIONS_GIVEN_*: set on the command line */
};

/* Which machine options the command line set (for --restore's checks). */
enum {
	OPTIONS_GIVEN_MEMORY = 1 << 0,
	OPTIONS_GIVEN_CPUS = 1 << 1,
	OPTIONS_GIVEN_CONSOLE = 1 << 2,
};

/*
 * Parses argv into @o. Returns 0 to go on, 1 when the request was served
 * (--help, --version), or 2 after printing one line for a usage error.
 */
int options_parse(struct options *o, int argc, char **argv);

/* Parses "512M", "2G", "1024" (MiB); 0 or -EINVAL. Exposed for tests. */
int options_parse_size(const char *s, uint64_t *bytes);

#endif
