/* SPDX-License-Identifier: MIT */
/*
 * Putting the guest's programs into its RAM: the RISC-V Linux Image format
 * (Documentation/riscv/boot-image-header.rst), ELF (PT_LOAD segments at
 * their physical addresses, plus the HTIF tohost/fromhost symbols), and raw
 * binaries. Each failure prints one line naming the file.
 */
#ifndef HVRUN_LOADER_H
#define HVRUN_LOADER_H

#include <stdbool.h>
#include <stdint.h>

#include "base/guestmem.h"

enum loader_format { LOADER_RAW, LOADER_IMAGE, LOADER_ELF };

struct loader_image {
	enum loader_format format;
	uint64_t entry;
	uint64_t start, end;	   /* guest-physical range it occupies */
	uint64_t tohost, fromhost; /* HTIF symbols, 0 when absent */
	/* begin_signature, end_signature (the architecture tests'), or 0 */
	uint64_t sig_begin, sig_end;
};

/*
 * Loads a kernel or firmware. A raw binary goes to @raw_addr; an Image to
 * RAM base + its text_offset (never below @raw_addr's 2 MiB alignment);
 * an ELF where its program headers say.
 */
int loader_load(struct guestmem *m, const char *path, uint64_t raw_addr,
		struct loader_image *out);

/* Loads @path as raw bytes at @addr; fails unless all of it fits below
 * @limit. */
int loader_load_raw(struct guestmem *m, const char *path, uint64_t addr,
		    uint64_t limit, uint64_t *size);

#endif
