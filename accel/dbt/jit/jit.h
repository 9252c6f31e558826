/* SPDX-License-Identifier: MIT */
/*
 * The JIT: blocks of guest code (decoded as the interpreter's, cache.h,
 * but going on past a few conditional branches and at the targets of
 * jumps within the page: jit.c, translate.c) translated
 * into x86-64 code that the execution engine (run.c) enters and that
 * chains from block to block without coming back.
 *
 * A translation is kept for a physical address (where the code lies in
 * RAM) and the virtual pc it was translated for, so that pc-relative
 * values are constants in it; it depends on nothing else: privilege,
 * virtualization mode and translation regime are looked at when the code
 * runs (data accesses go through h->dtlb, which follows them; privileged
 * instructions go to the helpers). It is entered only where the fetch
 * TLB maps its virtual pc to its physical address and while its page
 * keeps the generation it was translated from (cache.h):
 *
 *  - the dispatcher checks both before entering a block;
 *  - a jump to another page, or through the jump cache, enters a block
 *    at an entry that checks both;
 *  - a jump within the page enters past the checks: both blocks were
 *    valid, with the same page generation, when the jump was linked, and
 *    nothing changes a page's code under a hart but a store, after which
 *    the hart's FENCE.I (or a remote one, an event) sends it back to the
 *    dispatcher.
 *
 * Each hart has its own code buffer, block table and jump cache, and only
 * its own thread writes, patches or runs its code: other harts reach it
 * through events (hart.h) and page generations. The buffer is mapped
 * twice, writable and executable, never both at one address (W^X).
 */
#ifndef HVRUN_DBT_JIT_JIT_H
#define HVRUN_DBT_JIT_JIT_H

#include <stdbool.h>
#include <stdint.h>

struct dbt_hart;
struct dbt_block;
struct dbt_jit_exit;

/* Why translated code returned (dbt_jit_ret.what below this value). */
enum {
	DBT_JIT_LOOKUP = 1, /* go on at h->pc */
	DBT_JIT_EVENT,	    /* events are pending; h->pc is where to go on */
	DBT_JIT_TRAP,	    /* a trap was taken; h->pc is the handler */
	DBT_JIT_SBI,	    /* an ecall to the host SBI, h->pc at it */
	DBT_JIT_HTIF,	    /* a store to tohost retired */
	DBT_JIT_INTERP,	    /* the interpreter must run the block at h->pc */
	DBT_JIT_PTR = 4096,
};

/*
 * What translated code returned: a DBT_JIT_* reason, or at or above
 * DBT_JIT_PTR the address of the struct dbt_jit_exit taken (a direct
 * jump not linked yet, h->pc its target), or that of a block found stale
 * at its entry, plus one (h->pc its pc). icount: instructions retired
 * that the counters do not count yet.
 */
struct dbt_jit_ret {
	uint64_t what;
	uint64_t icount;
};

/* Whether translated code can run on this host (an x86-64 one). */
bool dbt_jit_available(void);

/* The hart's translator state (h->jit); 0 or -errno. */
int dbt_jit_init(struct dbt_hart *h);
void dbt_jit_destroy(struct dbt_hart *h);

/*
 * Before entering translated code: empties the JIT's code when the block
 * arena was emptied or FENCE.I dropped a translation. Returns true when it
 * did (exits and blocks the caller kept are gone).
 */
bool dbt_jit_sync(struct dbt_hart *h);
/* Counts dbt_jit_sync()'s (and full buffers') resets. */
uint64_t dbt_jit_resets(const struct dbt_hart *h);

/*
 * The translation of the block at h->pc, whose code lies at @host in RAM:
 * from the table when it is still valid, else translated now. NULL when
 * the interpreter must run it (no instruction fits in the page, or the
 * block could not be kept).
 */
struct dbt_block *dbt_jit_get(struct dbt_hart *h, const uint8_t *host);

/* The valid translation of h->pc at @host, if there is one already. */
struct dbt_block *dbt_jit_find(struct dbt_hart *h, const uint8_t *host);

/* Runs translated code from @b's body (its checks already made). */
struct dbt_jit_ret dbt_jit_enter(struct dbt_hart *h, struct dbt_block *b);

/* Points the direct jump of @e at block @to (its target, found valid). */
void dbt_jit_link(struct dbt_hart *h, struct dbt_jit_exit *e,
		  struct dbt_block *to);
/* @old was found stale: jumps to it go to its new translation @nb. */
void dbt_jit_redirect(struct dbt_hart *h, struct dbt_block *old,
		      struct dbt_block *nb);
/* Indirect jumps to @va find @b through the jump cache. */
void dbt_jit_remember(struct dbt_hart *h, uint64_t va, struct dbt_block *b);

/*
 * Where a fault on the window (window.h) at host pc @rip goes on: true
 * with *@resume set when @rip is an access through it in @h's code.
 * Async-signal-safe; the hart's own thread.
 */
bool dbt_jit_site(const struct dbt_hart *h, uint64_t rip, uint64_t *resume);

/*
 * The ten guest registers (1 to 31, distinct) translated code keeps in
 * host registers from now on, dropping every translation: for tests.
 */
#define DBT_JIT_MAPPED 10
int dbt_jit_set_map(struct dbt_hart *h, const uint8_t *regs);

#endif
