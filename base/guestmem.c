// SPDX-License-Identifier: MIT
#include "base/guestmem.h"

#include <errno.h>
#include <sys/mman.h>

int guestmem_init(struct guestmem *m, uint64_t base, uint64_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED)
		return -errno;
#ifdef MADV_HUGEPAGE
	madvise(p, size, MADV_HUGEPAGE); /* a hint; failure is harmless */
#endif
	m->base = base;
	m->size = size;
	m->host = p;
	m->from_file = false;
	return 0;
}

int guestmem_init_file(struct guestmem *m, uint64_t base, uint64_t size, int fd,
		       uint64_t offset)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_NORESERVE, fd, (off_t)offset);

	if (p == MAP_FAILED)
		return -errno;
	m->base = base;
	m->size = size;
	m->host = p;
	m->from_file = true;
	return 0;
}

void guestmem_destroy(struct guestmem *m)
{
	if (m->host)
		munmap(m->host, m->size);
	m->host = NULL;
	m->size = 0;
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
		return 0;
	}
	/* Private anonymous pages read as zeros after MADV_DONTNEED. */
	return madvise(m->host, m->size, MADV_DONTNEED) ? -errno : 0;
}
