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
	/* Private anonymous pages read as zeros after MADV_DONTNEED. */
	return madvise(m->host, m->size, MADV_DONTNEED) ? -errno : 0;
}
