/* SPDX-License-Identifier: MIT */
/*
 * Decoded code of the emulated hart: blocks of pre-decoded instructions,
 * kept per hart and keyed by where the code lies in guest RAM (its host
 * address, i.e. its guest-physical address), so that neither a new
 * address space (satp), a TLB fence nor fence.i costs them.
 *
 * Coherence is by physical page: a block remembers the generation of its
 * page (base/guestmem.h) and is used only while the page keeps it. Any
 * store or DMA to a page that holds code moves its generation on: the
 * hart's stores see it through the TLB's DBT_TLB_WATCH flag, devices
 * through guestmem_written(). Marking a page as code (dbt_cache_protect)
 * flags every hart's writable TLB entries for it, without waiting for the
 * other harts: one of them may be past its TLB check with a store still
 * to land. So blocks decoded while a marking is not yet acknowledged by
 * every running hart (each acknowledges at its next block boundary) stay
 * on an "unconfirmed" list, and FENCE.I (local or remote) compares their
 * instructions with memory: by then, every store the fence must make
 * visible has landed.
 *
 * Blocks live in a per-hart arena that only its hart reads or frees: an
 * invalid block is simply not used again, and a full arena is emptied
 * whole. The JIT keeps its translations the same way: a translated block
 * is a block of this arena (its decoded instructions are what FENCE.I
 * compares and what the helpers are handed) with the address of its host
 * code, kept in a table of its own keyed by the physical address and the
 * virtual pc it was translated for (jit/jit.h); emptying the arena
 * empties the JIT's code buffer too.
 */
#ifndef HVRUN_DBT_CACHE_H
#define HVRUN_DBT_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "accel/dbt/decode.h"

struct dbt_hart;

/* One pre-decoded instruction: its handler and its operands. */
struct dbt_op {
	const void *fn;
	struct rv_insn in;
};

/*
 * Blocks end at a control transfer (translated ones, not at every
 * conditional branch nor at every jump within the page: jit/jit.c), the
 * end of a page, or this many.
 */
#define DBT_BLOCK_MAX 64

/*
 * A translated block goes on past a conditional branch whose target it
 * leaves to (a side exit) up to this many times less two: the last
 * branch has two exits.
 */
#define DBT_JIT_EXITS 5

/* A direct exit of a translated block: the jump that chaining patches. */
struct dbt_jit_exit {
	uint64_t site;		/* execution address of its jmp/jcc rel32 */
	uint64_t target;	/* the virtual pc it leads to */
	struct dbt_block *from; /* the block it leaves */
};

struct dbt_block {
	const uint8_t *host;	/* where the first instruction lies in RAM */
	uint64_t page;		/* its page in guest memory */
	uint32_t gen;		/* the page's generation when decoded */
	uint16_t ninsn;		/* instructions, not counting the end op */
	uint16_t bytes;		/* guest code bytes covered */
	struct dbt_block *next; /* hash chain */
	/* Successors: [0] taken, [1] fall-through, [2] the last target of
	 * an indirect jump (checked against the target each time). */
	struct dbt_block *link[3];
	/*
	 * A block of one instruction across the end of a page: where its
	 * second half lies (else NULL), that page and its generation.
	 */
	const uint8_t *xhost;
	uint64_t xpage;
	uint32_t xgen;
	/* Translated blocks only (jit/jit.h). */
	uint64_t va;		    /* the virtual pc it was translated for */
	uint64_t jit;		    /* execution address of its code, or 0 */
	uint16_t jit_gen, jit_body; /* offsets of its inner entries */
	uint16_t jit_go;	    /* past the event check */
	struct dbt_jit_exit jexit[DBT_JIT_EXITS]; /* in code order */
	struct dbt_op ops[]; /* ninsn of them, then the end op */
};

/* The unconfirmed list's first room; it grows as needed (cache.c). */
#define DBT_CACHE_UNCONFIRMED 256
/* A small direct-mapped cache in front of the hash table. */
#define DBT_CACHE_JC 2048

struct dbt_cache {
	uint8_t *arena;
	size_t size, used;
	struct dbt_block **buckets;
	struct dbt_block *jc[DBT_CACHE_JC];
	uint64_t resets; /* times the arena was emptied */
	uint64_t blocks; /* blocks built */
	/* Blocks decoded during a marking not yet acknowledged (above). */
	struct dbt_block **unconfirmed;
	unsigned nunconfirmed, unconfirmed_room;
	/* Translated blocks, by physical address and virtual pc. */
	struct dbt_block **jbuckets;
	/*
	 * FENCE.I dropped a translated block: chained code may still lead
	 * to it, so the JIT empties its code before running any again.
	 */
	bool jit_dropped;
};

int dbt_cache_init(struct dbt_cache *c);
void dbt_cache_destroy(struct dbt_cache *c);
/* Forgets every block (links included). */
void dbt_cache_reset(struct dbt_cache *c);

/* The block at host address @host, or NULL (none, or no longer valid). */
struct dbt_block *dbt_cache_lookup(struct dbt_cache *c, const uint8_t *host);

/*
 * Space for a block of @nops ops (end op included), or NULL when the
 * arena is full: the caller resets the cache and asks again.
 */
struct dbt_block *dbt_cache_alloc(struct dbt_cache *c, unsigned nops);
/* Makes @b (filled in) the block at b->host, in place of an old one. */
void dbt_cache_insert(struct dbt_cache *c, struct dbt_block *b);

/* The translated block for (@host, @va), valid or not, or NULL. */
struct dbt_block *dbt_cache_jlookup(struct dbt_cache *c, const uint8_t *host,
				    uint64_t va);
/* Makes @b (b->jit set) the translation of (b->host, b->va). */
void dbt_cache_jinsert(struct dbt_cache *c, struct dbt_block *b);

/*
 * Before decoding from guest page @page: makes it a code page (see
 * above) and returns the generation blocks from it must keep.
 */
uint32_t dbt_cache_protect(struct dbt_hart *h, uint64_t page);
/* After decoding @b: keeps it unconfirmed if a marking may be racing. */
void dbt_cache_built(struct dbt_hart *h, struct dbt_block *b);
/* FENCE.I: drops the unconfirmed blocks that memory no longer holds. */
void dbt_cache_fence_i(struct dbt_hart *h);
/* At a block boundary, when another hart marked a page (DBT_EV_SYNC). */
void dbt_cache_ack(struct dbt_hart *h);

/* A block no generation matches: dropped. */
#define DBT_BLOCK_DEAD UINT32_MAX

/* Whether @b may still be used. */
static inline bool dbt_block_valid(const struct dbt_block *b,
				   const _Atomic uint32_t *pgen)
{
	return (__atomic_load_n((const uint32_t *)&pgen[b->page],
				__ATOMIC_ACQUIRE) >>
		1) == b->gen;
}

/*
 * The encoding at @p, @room bytes before the page's end: false when the
 * instruction does not fit there. Read in halves, relaxed: another hart
 * may be storing to it (blocks are checked against memory, cache.c).
 */
static inline bool dbt_code_read(const uint8_t *p, unsigned room, uint32_t *raw)
{
	uint16_t lo;

	if (room < 2)
		return false;
	lo = __atomic_load_n((const uint16_t *)p, __ATOMIC_RELAXED);
	*raw = lo;
	if ((lo & 3) == 3) {
		if (room < 4)
			return false;
		*raw |= (uint32_t)__atomic_load_n((const uint16_t *)(p + 2),
						  __ATOMIC_RELAXED)
			<< 16;
	}
	return true;
}

#endif
