/* SPDX-License-Identifier: MIT */
#include "accel/dbt/cache.h"

#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "accel/dbt/hart.h"
#include "accel/dbt/mmu.h"
#include "base/guestmem.h"

#define CACHE_ARENA (32u << 20)
#define CACHE_BUCKETS (1u << 15)

static unsigned bucket_of(const uint8_t *host)
{
	uintptr_t a = (uintptr_t)host >> 1;

	return (unsigned)((a ^ (a >> 15) ^ (a >> 30)) & (CACHE_BUCKETS - 1));
}

int dbt_cache_init(struct dbt_cache *c)
{
	memset(c, 0, sizeof(*c));
	c->arena = mmap(NULL, CACHE_ARENA, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (c->arena == MAP_FAILED) {
		c->arena = NULL;
		return -errno;
	}
	c->buckets = calloc(CACHE_BUCKETS, sizeof(*c->buckets));
	if (!c->buckets) {
		munmap(c->arena, CACHE_ARENA);
		c->arena = NULL;
		return -ENOMEM;
	}
	c->size = CACHE_ARENA;
	return 0;
}

void dbt_cache_destroy(struct dbt_cache *c)
{
	if (c->arena)
		munmap(c->arena, c->size);
	free(c->buckets);
	memset(c, 0, sizeof(*c));
}

void dbt_cache_reset(struct dbt_cache *c)
{
	memset(c->buckets, 0, CACHE_BUCKETS * sizeof(*c->buckets));
	c->used = 0;
	c->resets++;
	/* Give the pages back: a reset is rare, the memory may be large. */
	madvise(c->arena, c->size, MADV_DONTNEED);
}

struct dbt_block *dbt_cache_lookup(struct dbt_cache *c, const uint8_t *host)
{
	for (struct dbt_block *b = c->buckets[bucket_of(host)]; b; b = b->next)
		if (b->host == host)
			return b;
	return NULL;
}

struct dbt_block *dbt_cache_alloc(struct dbt_cache *c, unsigned nops)
{
	size_t need = sizeof(struct dbt_block) + nops * sizeof(struct dbt_op);
	struct dbt_block *b;

	need = (need + 63) & ~(size_t)63;
	if (c->used + need > c->size)
		return NULL;
	b = (struct dbt_block *)(c->arena + c->used);
	c->used += need;
	memset(b, 0, sizeof(*b));
	return b;
}

void dbt_cache_insert(struct dbt_cache *c, struct dbt_block *b)
{
	struct dbt_block **pp = &c->buckets[bucket_of(b->host)];

	/* An old block for the same address is unlinked, not freed. */
	for (; *pp; pp = &(*pp)->next) {
		if ((*pp)->host == b->host) {
			*pp = (*pp)->next;
			break;
		}
	}
	b->next = c->buckets[bucket_of(b->host)];
	c->buckets[bucket_of(b->host)] = b;
	c->blocks++;
}

/* Waits until @o passed a block boundary or is not running. */
static void wait_boundary(struct dbt_hart *o)
{
	dbt_hart_post(o, DBT_EV_SYNC);
	while ((atomic_load(&o->events) & DBT_EV_SYNC) &&
	       atomic_load(&o->running))
		sched_yield();
}

uint32_t dbt_cache_protect(struct dbt_hart *h, uint64_t page)
{
	struct dbt_vm *vm = h->vm;
	const struct guestmem *m = vm->cfg.mem;
	uint32_t gen;

	if (guestmem_page_has_code(m, page) &&
	    !atomic_load_explicit(&vm->marking, memory_order_acquire))
		return guestmem_code_gen(m, page);
	if (vm->nharts == 1) {
		gen = guestmem_code_mark(m, page);
		dbt_mmu_watch_page(h, m->base + (page << GUESTMEM_PAGE_SHIFT));
		return gen;
	}
	/* Waiting for the lock, this hart is between two blocks. */
	atomic_store(&h->running, false);
	pthread_mutex_lock(&vm->code_lock);
	atomic_store(&h->running, true);
	if (!guestmem_page_has_code(m, page)) {
		atomic_fetch_add(&vm->marking, 1);
		guestmem_code_mark(m, page);
		atomic_thread_fence(memory_order_seq_cst);
		for (unsigned i = 0; i < vm->nharts; i++)
			if (vm->harts[i])
				dbt_mmu_watch_page(
					vm->harts[i],
					m->base +
						(page << GUESTMEM_PAGE_SHIFT));
		for (unsigned i = 0; i < vm->nharts; i++)
			if (vm->harts[i] && vm->harts[i] != h)
				wait_boundary(vm->harts[i]);
		atomic_fetch_sub(&vm->marking, 1);
	}
	gen = guestmem_code_gen(m, page);
	pthread_mutex_unlock(&vm->code_lock);
	return gen;
}
