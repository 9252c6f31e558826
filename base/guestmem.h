/* SPDX-License-Identifier: MIT */
/*
 * Guest RAM: one contiguous block of host memory mapped at a guest-physical
 * base. Every pointer into it is made through guestmem_ptr(), which checks
 * the whole range, so a guest-supplied address can never reach outside.
 *
 * Per 4 KiB page, guest memory also keeps what writers must tell readers:
 * a generation word whose bit 0 says "an emulated hart holds decoded or
 * translated code from this page" (the rest counts the writes that
 * invalidated such code), and, while logging is on, a dirty bit (for
 * snapshots, migration and KVM-style dirty logs). Whoever writes guest RAM
 * behind the harts' back (a device's DMA, the SBI, the loader) calls
 * guestmem_written() after writing, so that code read from those pages
 * is decoded again and the page counts as dirty.
 */
#ifndef HVRUN_GUESTMEM_H
#define HVRUN_GUESTMEM_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GUESTMEM_PAGE_SHIFT 12
#define GUESTMEM_PAGE_SIZE (1ull << GUESTMEM_PAGE_SHIFT)

struct guestmem {
	uint64_t base; /* guest-physical address of the first byte */
	uint64_t size; /* bytes */
	uint8_t *host; /* host mapping of the whole block */
	uint64_t pages;
	/* Per page: generation << 1 | holds code (reserved lazily). */
	_Atomic uint32_t *pgen;
	/* Per page, one bit, while logging (guestmem_log_start). */
	_Atomic uint64_t *dirty;
	atomic_bool logging;
	bool from_file; /* a private mapping of a snapshot's pages */
	/*
	 * The memory file RAM is a shared mapping of, so that its pages can
	 * be mapped elsewhere too (the JIT's windows); -1 when RAM is
	 * anonymous or a snapshot's private mapping. @backing counts the
	 * times RAM stopped being the file's: mappings made before are stale.
	 */
	int fd;
	_Atomic uint32_t backing;
};

/*
 * Reserve @size bytes lazily (mmap, MADV_HUGEPAGE where available), in a
 * memory file where the host has them.
 */
int guestmem_init(struct guestmem *m, uint64_t base, uint64_t size);
/*
 * RAM that starts as the @size bytes of @fd at @offset (a snapshot), read
 * lazily and copied on write: the file is never written, and processes
 * that map one file share its unwritten pages. @offset is page-aligned.
 */
int guestmem_init_file(struct guestmem *m, uint64_t base, uint64_t size, int fd,
		       uint64_t offset);
/*
 * The same over the RAM there is, at the same address (pointers into it
 * stay valid), the harts stopped: nothing decoded from the old contents
 * survives.
 */
int guestmem_replace_file(struct guestmem *m, int fd, uint64_t offset);
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

/* The page index of host address @p, which lies in RAM. */
static inline uint64_t guestmem_page_of(const struct guestmem *m, const void *p)
{
	return (uint64_t)((const uint8_t *)p - m->host) >> GUESTMEM_PAGE_SHIFT;
}

/*
 * The bytes at host addresses [p, p+len), all in RAM, were written by
 * something other than a hart's store: drop the code decoded from them
 * and mark them dirty. Any thread.
 */
void guestmem_written_host(const struct guestmem *m, const void *p, size_t len);
/* The same for guest-physical [gpa, gpa+len); parts outside RAM ignored. */
void guestmem_written(const struct guestmem *m, uint64_t gpa, uint64_t len);

/*
 * Code tracking, for the emulated hart. guestmem_code_mark() records that
 * code is being decoded from @page and returns the generation to keep
 * with it; the code stays valid while guestmem_code_gen() returns that
 * generation. guestmem_code_written() ends it (a store to the page).
 */
static inline uint32_t guestmem_code_gen(const struct guestmem *m,
					 uint64_t page)
{
	return atomic_load_explicit(&m->pgen[page], memory_order_acquire) >> 1;
}

static inline bool guestmem_page_has_code(const struct guestmem *m,
					  uint64_t page)
{
	return atomic_load_explicit(&m->pgen[page], memory_order_relaxed) & 1;
}

uint32_t guestmem_code_mark(const struct guestmem *m, uint64_t page);
void guestmem_code_written(const struct guestmem *m, uint64_t page);

/* Dirty logging: on, off, and the pages written since the last look. */
int guestmem_log_start(struct guestmem *m);
void guestmem_log_stop(struct guestmem *m);
static inline bool guestmem_page_dirty(const struct guestmem *m, uint64_t page)
{
	return atomic_load_explicit(&m->dirty[page / 64],
				    memory_order_relaxed) &
	       (1ull << (page % 64));
}
/* Marks @page dirty (logging on). */
static inline void guestmem_mark_dirty(const struct guestmem *m, uint64_t page)
{
	if (!guestmem_page_dirty(m, page))
		atomic_fetch_or_explicit(&m->dirty[page / 64],
					 1ull << (page % 64),
					 memory_order_relaxed);
}
/*
 * Copies the dirty bits of pages [first, first + n) into @bitmap (bit i:
 * page first + i) and clears them. Writers that cache "already dirty"
 * (the emulated hart's TLB) must be made to look again by the caller.
 */
void guestmem_log_take(struct guestmem *m, uint64_t first, uint64_t n,
		       uint64_t *bitmap);

#endif
