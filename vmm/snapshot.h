/* SPDX-License-Identifier: MIT */
/*
 * Snapshot files: a whole VM (harts, devices, clock, RAM) in one file, to
 * start again later, as many times and in as many processes as wanted.
 *
 * Layout (little-endian):
 *   0        header, 4 KiB: magic "HVRUNSNP", format version, hvrun's
 *            version, where the state and RAM lie, checksums
 *   4096     state: records (base/record.h) "machine" (the options the
 *            machine was built from, disk identities), "vm" (clock,
 *            boot addresses, each hart's HSM state), one "hart" a hart
 *            (accel_hart_state), "sbi" with the built-in SBI, then every
 *            device's records in machine order
 *   2 MiB-aligned   guest RAM, every byte, but pages of zeros are not
 *            written: they are holes in the file
 *
 * Restoring maps RAM from the file privately, so it is read only when
 * the guest touches it, copied only when the guest writes it, and VMs
 * restored from one file share the pages they have not written.
 */
#ifndef HVRUN_SNAPSHOT_H
#define HVRUN_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>

#include "base/record.h"
#include "vmm/options.h"
#include "vmm/vm.h"

#define SNAPSHOT_FORMAT_VERSION 1

/* An opened snapshot, from snapshot_open() to snapshot_close(). */
struct snapshot {
	char *path;
	int fd;
	uint64_t ram_off, ram_size;
	uint8_t *state;
	size_t state_len;
	struct rec_reader r; /* past the "machine" record */
	/* Storage for the option strings the machine record gave. */
	char *strings[2 * (OPTIONS_MAX_DISKS + OPTIONS_MAX_SHARES) + 8];
	unsigned nstrings;
	char err[512]; /* why the last call failed: one line for the user */
	struct options opts; /* what snapshot_open() made of the options */
};

/*
 * Opens and checks @path (header, checksums, the machine record) and
 * completes @o with the machine it describes: what the command line left
 * out is taken from the file; what it gave must agree with it, but for
 * disks, shares and the network, which it may replace (disks must be the
 * same images: same size and modification time). 0, or -EINVAL with
 * s->err set (as for every call below); snapshot_close() in any case.
 */
int snapshot_open(struct snapshot *s, const char *path, struct options *o);
/* machine_create(): guest RAM from the file, and the clock goes on. */
int snapshot_restore_ram(struct snapshot *s, struct vm *vm, uint64_t base);
/* The same into a VM's RAM that exists (a load while it ran). */
int snapshot_reload_ram(struct snapshot *s, struct vm *vm);
/* Once harts and devices exist: their saved state. */
int snapshot_load_state(struct snapshot *s, struct vm *vm);
void snapshot_close(struct snapshot *s);

/*
 * Saves @vm to @path (through a temporary file, so a reader never sees a
 * half-written one). From the loop's thread while the VM runs (the harts
 * are paused meanwhile and go on after; a VM paused already stays so),
 * or after vm_run() returned. 0, or -errno with one line in @err.
 */
int snapshot_save(struct vm *vm, const char *path, char *err, size_t errlen);

#endif
