/* SPDX-License-Identifier: MIT */
/*
 * Guest RAM: one contiguous block of host memory mapped at a guest-physical
 * base. Every pointer into it is made through guestmem_ptr(), which checks
 * the whole range, so a guest-supplied address can never reach outside.
 */
#ifndef HVRUN_GUESTMEM_H
#define HVRUN_GUESTMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct guestmem {
	uint64_t base;	/* guest-physical address of the first byte */
	uint64_t size;	/* bytes */
	uint8_t *host;	/* host mapping of the whole block */
	bool from_file; /* a private mapping of a snapshot's pages */
};

/* Reserve @size bytes lazily (mmap, MADV_HUGEPAGE where available). */
int guestmem_init(struct guestmem *m, uint64_t base, uint64_t size);
/*
 * RAM that starts as the @size bytes of @fd at @offset (a snapshot), read
 * lazily and copied on write: the file is never written, and processes
 * that map one file share its unwritten pages. @offset is page-aligned.
 */
int guestmem_init_file(struct guestmem *m, uint64_t base, uint64_t size, int fd,
		       uint64_t offset);
void guestmem_destroy(struct guestmem *m);
/* Gives all of RAM back to the host, so that it reads as zeros again. */
int guestmem_clear(struct guestmem *m);

/* Host pointer to [gpa, gpa+len) or NULL if any byte lies outside RAM. */
static inline void *guestmem_ptr(const struct guestmem *m, uint64_t gpa,
				 uint64_t len)
{
	uint64_t off = gpa - m->base;

	if (gpa < m->base || len > m->size || off > m->size - len)
		return NULL;
	return m->host + off;
}

#endif
