// SPDX-License-Identifier: MIT
#include "base/guestmem.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Anonymous memory that costs nothing until touched. */
static void *reserve(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* The per-page words beside RAM at @p. */
static int setup(struct guestmem *m, uint64_t base, uint64_t size, void *p)
{
	m->base = base;
	m->size = size;
	m->host = p;
	m->pages = (size + GUESTMEM_PAGE_SIZE - 1) >> GUESTMEM_PAGE_SHIFT;
	m->pgen = reserve(m->pages * sizeof(*m->pgen));
	m->dirty = reserve(((m->pages + 63) / 64) * sizeof(*m->dirty));
	if (!m->pgen || !m->dirty) {
		int err = -errno;

		guestmem_destroy(m);
		return err;
	}
	atomic_init(&m->logging, false);
	return 0;
}

/*
 * RAM in a memory file, so that its pages can be mapped at a second
 * address too (guestmem.h); -1 where the host has no memfd.
 */
static int shareable(uint64_t size, void **p)
{
	int fd = memfd_create("hvrun-ram", MFD_CLOEXEC);

	if (fd < 0)
		return -1;
	if (ftruncate(fd, (off_t)size) == 0) {
		*p = mmap(NULL, size, PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_NORESERVE, fd, 0);
		if (*p != MAP_FAILED)
			return fd;
	}
	close(fd);
	*p = NULL;
	return -1;
}

int guestmem_init(struct guestmem *m, uint64_t base, uint64_t size)
{
	void *p = NULL;
	int fd;

	memset(m, 0, sizeof(*m));
	fd = shareable(size, &p);
	if (fd < 0)
		p = reserve(size);
	if (!p)
		return -errno;
	m->fd = fd;
#ifdef MADV_HUGEPAGE
	madvise(p, size, MADV_HUGEPAGE); /* a hint; failure is harmless */
#endif
	return setup(m, base, size, p);
}

int guestmem_init_file(struct guestmem *m, uint64_t base, uint64_t size, int fd,
		       uint64_t offset)
{
	void *p;

	memset(m, 0, sizeof(*m));
	p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_NORESERVE, fd, (off_t)offset);
	if (p == MAP_FAILED)
		return -errno;
	m->from_file = true;
	m->fd = -1;
	return setup(m, base, size, p);
}

/* RAM is no longer the memory file's: second mappings must go. */
static void unshare(struct guestmem *m)
{
	if (m->fd >= 0)
		close(m->fd);
	m->fd = -1;
	atomic_fetch_add(&m->backing, 1);
}

/* Nothing decoded from the old contents may survive. */
static void forget_code(struct guestmem *m)
{
	for (uint64_t p = 0; p < m->pages; p++)
		if (guestmem_page_has_code(m, p))
			guestmem_code_written(m, p);
}

int guestmem_replace_file(struct guestmem *m, int fd, uint64_t offset)
{
	void *p = mmap(m->host, m->size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_NORESERVE | MAP_FIXED, fd,
		       (off_t)offset);

	if (p == MAP_FAILED)
		return -errno;
	m->from_file = true;
	unshare(m);
	forget_code(m);
	return 0;
}

void guestmem_destroy(struct guestmem *m)
{
	if (m->host) {
		munmap(m->host, m->size);
		if (m->fd >= 0)
			close(m->fd);
	}
	m->fd = -1;
	if (m->pgen)
		munmap((void *)m->pgen, m->pages * sizeof(*m->pgen));
	if (m->dirty)
		munmap((void *)m->dirty,
		       ((m->pages + 63) / 64) * sizeof(*m->dirty));
	m->host = NULL;
	m->pgen = NULL;
	m->dirty = NULL;
	m->size = 0;
	m->pages = 0;
}

int guestmem_clear(struct guestmem *m)
{
	/*
	 * A file's pages would come back: put anonymous memory in their
	 * place, at the same address, so pointers into RAM stay valid.
	 */
	if (m->from_file) {
		void *p = mmap(m->host, m->size, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
				       MAP_FIXED,
			       -1, 0);

		if (p == MAP_FAILED)
			return -errno;
		m->from_file = false;
	} else if (m->fd >= 0) {
		/* Shared pages stay after MADV_DONTNEED: punch them out. */
		if (fallocate(m->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
			      0, (off_t)m->size))
			return -errno;
	} else if (madvise(m->host, m->size, MADV_DONTNEED)) {
		/* Private anonymous pages read as zeros after MADV_DONTNEED. */
		return -errno;
	}
	forget_code(m);
	return 0;
}

uint32_t guestmem_code_mark(const struct guestmem *m, uint64_t page)
{
	uint32_t g = atomic_load(&m->pgen[page]);

	while (!(g & 1) &&
	       !atomic_compare_exchange_weak(&m->pgen[page], &g, g | 1))
		;
	return g >> 1;
}

void guestmem_code_written(const struct guestmem *m, uint64_t page)
{
	uint32_t g = atomic_load(&m->pgen[page]);

	/* A new generation ends the code decoded from the old one. */
	while ((g & 1) &&
	       !atomic_compare_exchange_weak(&m->pgen[page], &g, (g + 2) & ~1u))
		;
}

void guestmem_written_host(const struct guestmem *m, const void *p, size_t len)
{
	uint64_t first, last;

	if (!len)
		return;
	first = guestmem_page_of(m, p);
	last = guestmem_page_of(m, (const uint8_t *)p + len - 1);
	/* Pairs with the fence of a hart that marks a page as code. */
	atomic_thread_fence(memory_order_seq_cst);
	for (uint64_t pg = first; pg <= last; pg++) {
		if (guestmem_page_has_code(m, pg))
			guestmem_code_written(m, pg);
		if (atomic_load_explicit(&m->logging, memory_order_relaxed))
			guestmem_mark_dirty(m, pg);
	}
}

void guestmem_written(const struct guestmem *m, uint64_t gpa, uint64_t len)
{
	uint64_t lo = gpa, hi = gpa + len;

	if (hi < lo)
		hi = UINT64_MAX;
	if (lo < m->base)
		lo = m->base;
	if (hi > m->base + m->size)
		hi = m->base + m->size;
	if (lo < hi)
		guestmem_written_host(m, m->host + (lo - m->base), hi - lo);
}

int guestmem_log_start(struct guestmem *m)
{
	memset((void *)m->dirty, 0, ((m->pages + 63) / 64) * sizeof(*m->dirty));
	atomic_store(&m->logging, true);
	return 0;
}

void guestmem_log_stop(struct guestmem *m)
{
	atomic_store(&m->logging, false);
}

void guestmem_log_take(struct guestmem *m, uint64_t first, uint64_t n,
		       uint64_t *bitmap)
{
	memset(bitmap, 0, ((n + 63) / 64) * sizeof(*bitmap));
	for (uint64_t i = 0; i < n && first + i < m->pages; i++) {
		uint64_t pg = first + i;
		uint64_t bit = 1ull << (pg % 64);

		if (!(atomic_load_explicit(&m->dirty[pg / 64],
					   memory_order_relaxed) &
		      bit))
			continue;
		atomic_fetch_and(&m->dirty[pg / 64], ~bit);
		bitmap[i / 64] |= 1ull << (i % 64);
	}
}
