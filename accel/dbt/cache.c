/* SPDX-License-Identifier: MIT */
#include "accel/dbt/cache.h"

#include <errno.h>
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

static unsigned jbucket_of(const uint8_t *host, uint64_t va)
{
	uint64_t a = ((uintptr_t)host >> 1) ^ (va * 0x9e3779b97f4a7c15ull);

	return (unsigned)((a ^ (a >> 17) ^ (a >> 35)) & (CACHE_BUCKETS - 1));
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
	c->jbuckets = calloc(CACHE_BUCKETS, sizeof(*c->jbuckets));
	c->unconfirmed = calloc(DBT_CACHE_UNCONFIRMED, sizeof(*c->unconfirmed));
	c->unconfirmed_room = DBT_CACHE_UNCONFIRMED;
	if (!c->buckets || !c->jbuckets || !c->unconfirmed) {
		free(c->buckets);
		free(c->jbuckets);
		free(c->unconfirmed);
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
	free(c->jbuckets);
	free(c->unconfirmed);
	memset(c, 0, sizeof(*c));
}

void dbt_cache_reset(struct dbt_cache *c)
{
	memset(c->buckets, 0, CACHE_BUCKETS * sizeof(*c->buckets));
	memset(c->jbuckets, 0, CACHE_BUCKETS * sizeof(*c->jbuckets));
	memset(c->jc, 0, sizeof(c->jc));
	c->jit_dropped = false;
	c->used = 0;
	c->nunconfirmed = 0;
	c->resets++;
	/* Give the pages back: a reset is rare, the memory may be large. */
	madvise(c->arena, c->size, MADV_DONTNEED);
}

static unsigned jc_of(const uint8_t *host)
{
	return ((uintptr_t)host >> 1) & (DBT_CACHE_JC - 1);
}

struct dbt_block *dbt_cache_lookup(struct dbt_cache *c, const uint8_t *host)
{
	struct dbt_block *b = c->jc[jc_of(host)];

	if (b && b->host == host)
		return b;
	for (b = c->buckets[bucket_of(host)]; b; b = b->next) {
		if (b->host == host) {
			c->jc[jc_of(host)] = b;
			return b;
		}
	}
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
	c->jc[jc_of(b->host)] = b;
	c->blocks++;
}

struct dbt_block *dbt_cache_jlookup(struct dbt_cache *c, const uint8_t *host,
				    uint64_t va)
{
	for (struct dbt_block *b = c->jbuckets[jbucket_of(host, va)]; b;
	     b = b->next)
		if (b->host == host && b->va == va)
			return b;
	return NULL;
}

void dbt_cache_jinsert(struct dbt_cache *c, struct dbt_block *b)
{
	struct dbt_block **head = &c->jbuckets[jbucket_of(b->host, b->va)];

	for (struct dbt_block **pp = head; *pp; pp = &(*pp)->next) {
		if ((*pp)->host == b->host && (*pp)->va == b->va) {
			*pp = (*pp)->next;
			break;
		}
	}
	b->next = *head;
	*head = b;
	c->blocks++;
}

uint32_t dbt_cache_protect(struct dbt_hart *h, uint64_t page)
{
	struct dbt_vm *vm = h->vm;
	const struct guestmem *m = vm->cfg.mem;
	uint64_t pa = m->base + (page << GUESTMEM_PAGE_SHIFT);
	uint32_t g;

	if (guestmem_page_has_code(m, page))
		return guestmem_code_gen(m, page);
	/* 0: a marking is under way (set before the code bit). */
	atomic_store_explicit(&vm->page_epoch[page], 0, memory_order_relaxed);
	g = atomic_load(&m->pgen[page]);
	while (!(g & 1) &&
	       !atomic_compare_exchange_weak(&m->pgen[page], &g, g | 1))
		;
	if (g & 1)
		return g >> 1; /* another hart marked it meanwhile */
	/* Pairs with tlb_install()'s fence: see mmu.c. */
	atomic_thread_fence(memory_order_seq_cst);
	for (unsigned i = 0; i < vm->nharts; i++)
		if (vm->harts[i])
			dbt_mmu_watch_page(vm->harts[i], pa);
	atomic_store_explicit(&vm->page_epoch[page],
			      atomic_fetch_add(&vm->mark_epoch, 1) + 1,
			      memory_order_release);
	for (unsigned i = 0; i < vm->nharts; i++)
		if (vm->harts[i] && vm->harts[i] != h &&
		    atomic_load(&vm->harts[i]->running))
			dbt_hart_post(vm->harts[i], DBT_EV_SYNC);
	return g >> 1;
}

void dbt_cache_ack(struct dbt_hart *h)
{
	atomic_store(&h->ack_epoch, atomic_load(&h->vm->mark_epoch));
}

/*
 * Whether every marking up to @epoch is acknowledged: each other hart
 * passed a block boundary since, or runs no instruction.
 */
static bool quiet(struct dbt_hart *h, uint64_t epoch)
{
	struct dbt_vm *vm = h->vm;

	for (unsigned i = 0; i < vm->nharts; i++) {
		struct dbt_hart *o = vm->harts[i];

		if (o && o != h && atomic_load(&o->running) &&
		    atomic_load(&o->ack_epoch) < epoch)
			return false;
	}
	return true;
}

/* Whether guest memory still holds the instructions @b was decoded from. */
static bool matches(const struct dbt_block *b)
{
	for (unsigned i = 0; i < b->ninsn; i++) {
		const struct rv_insn *in = &b->ops[i].in;
		const uint8_t *p = b->host + in->pcoff;
		uint32_t raw =
			__atomic_load_n((const uint16_t *)p, __ATOMIC_RELAXED);

		if (in->len == 4)
			raw |= (uint32_t)__atomic_load_n(
				       (const uint16_t *)(b->xhost ? b->xhost
								   : p + 2),
				       __ATOMIC_RELAXED)
			       << 16;
		if (raw != in->raw)
			return false;
	}
	return true;
}

static void drop(struct dbt_cache *c, struct dbt_block *b)
{
	struct dbt_block **pp =
		b->jit ? &c->jbuckets[jbucket_of(b->host, b->va)]
		       : &c->buckets[bucket_of(b->host)];

	b->gen = DBT_BLOCK_DEAD;
	if (c->jc[jc_of(b->host)] == b)
		c->jc[jc_of(b->host)] = NULL;
	for (; *pp; pp = &(*pp)->next) {
		if (*pp == b) {
			*pp = b->next;
			break;
		}
	}
}

/* Whether the marking of @page is over and acknowledged by all. */
static bool settled(struct dbt_hart *h, uint64_t page)
{
	uint64_t e = atomic_load_explicit(&h->vm->page_epoch[page],
					  memory_order_acquire);

	return e && quiet(h, e);
}

void dbt_cache_built(struct dbt_hart *h, struct dbt_block *b)
{
	struct dbt_cache *c = h->cache;

	if (h->vm->nharts == 1 ||
	    (settled(h, b->page) && (!b->xhost || settled(h, b->xpage))))
		return;
	/*
	 * Full: confirm what can be. While a running hart does not come to
	 * a block boundary (its host thread waits for a CPU, say), nothing
	 * can be, and every block decoded meanwhile joins the list: it grows
	 * when more than half of it stays, so that each block costs a
	 * bounded share of the looks, however long the wait.
	 */
	if (c->nunconfirmed == c->unconfirmed_room) {
		dbt_cache_fence_i(h);
		if (c->nunconfirmed > c->unconfirmed_room / 2) {
			struct dbt_block **more = realloc(
				c->unconfirmed,
				2 * c->unconfirmed_room * sizeof(*more));

			if (more) {
				c->unconfirmed = more;
				c->unconfirmed_room *= 2;
			}
		}
	}
	if (c->nunconfirmed == c->unconfirmed_room) {
		/* Still full: this one is not kept at all. */
		drop(c, b);
		return;
	}
	c->unconfirmed[c->nunconfirmed++] = b;
}

void dbt_cache_fence_i(struct dbt_hart *h)
{
	struct dbt_cache *c = h->cache;
	unsigned i = 0;

	while (i < c->nunconfirmed) {
		struct dbt_block *b = c->unconfirmed[i];

		if (b->gen != DBT_BLOCK_DEAD && !matches(b)) {
			drop(c, b);
			if (b->jit)
				c->jit_dropped = true;
		}
		/*
		 * Once every hart acknowledged the marking, no store that
		 * raced with it is left to land: the block is confirmed.
		 */
		if (b->gen == DBT_BLOCK_DEAD ||
		    (settled(h, b->page) &&
		     (!b->xhost || settled(h, b->xpage)))) {
			c->unconfirmed[i] = c->unconfirmed[--c->nunconfirmed];
			continue;
		}
		i++;
	}
}
