/* SPDX-License-Identifier: MIT */
/*
 * The user window: loads and stores that translated code makes in U-mode
 * go through the host's MMU instead of the software TLB.
 *
 * Each hart reserves a range of host address space, inaccessible; a user
 * page the hart may access in RAM is mapped into it, at a fixed distance
 * from its virtual address, from guest memory's memory file (guestmem.h):
 * readable, and writable when stores may go straight to RAM (the TLB entry
 * allows it without a flag). An access is then a compare with the
 * window's size, off the data's dependency chain, and the access itself
 * at addend + va: no TLB slot, no TLB entry on the way to the data, which
 * is what bounds code that follows pointers or indexes through tables.
 *
 * Layout, by the satp mode of the context served: Sv39's user addresses,
 * [0, 2^38), fill one range. Sv48 and Sv57 spread theirs over 2^47 or
 * 2^56 bytes, so three ranges of 64 GiB each are placed when the window
 * takes a new address space: the lowest addresses, those below the user
 * stack, and those around the pc (window.c). Other addresses take the TLB.
 *
 * Translated code looks at the range the access's base register was in
 * when the block was translated, the others out of line, then the TLB.
 *
 * Pages are mapped on demand: an access to a page not mapped faults in
 * the host; the handler (base/fault.h) translates the address as a TLB
 * fill would, maps the page and lets the access run again, or, when the
 * page cannot be mapped (a fault the guest must take, a device, a page
 * whose stores must be seen), resumes at the access's TLB path in the
 * block (the JIT's sites, jit.h).
 *
 * What is mapped is a cache of translations of one TLB set's context, so
 * each of the TLB's HS sets has a window of its own (a space): a process
 * switch moves to another space and flushes nothing, as the TLB does. A
 * space follows its set's rules: a fence drops what it names (the whole
 * space for a superpage's address), the set flushed flushes it, and the
 * set given to another context places it anew. Marking a page as code
 * takes its writable mappings away, from any thread: the pages mapped
 * writable are kept in a table by physical page (a newcomer unmaps the
 * page it displaces). Only the hart maps pages; others only take
 * mappings away, and a mapping taken away costs one fault more, so every
 * race ends on the safe side. A space just emptied waits a few
 * milliseconds before it maps again (a fork empties the parent's; a
 * short-lived process would pay a host fault a page for nothing). The
 * host allows a process a bounded
 * number of mappings (vm.max_map_count): past the hart's share the other
 * spaces, then the current one, start empty again; when that comes round
 * too quickly (a working set larger than the share) the space rests a
 * while and the TLB serves.
 */
#ifndef HVRUN_DBT_WINDOW_H
#define HVRUN_DBT_WINDOW_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

struct dbt_hart;

#define DBT_WIN_N 3
#define DBT_WIN_SPACES 4 /* DBT_TLB_HS_SETS (mmu.h) */

/* The window of one TLB set (window.c). */
struct dbt_win_space {
	uint8_t *base;
	const void *owner; /* the TLB set; NULL: not taken yet */
	unsigned bits;	   /* 39 or 48: the layout; 0: to be placed */
	/* The layout: range k maps [start, start + len) at base + at. */
	uint64_t start[DBT_WIN_N], len[DBT_WIN_N], at[DBT_WIN_N];
	atomic_bool dirty; /* pages may be mapped since the last flush */
	uint64_t pages;	   /* mapped since the last flush */
	/* Addresses some superpage's mapped pages lie within. */
	uint64_t super_lo, super_hi;
	/* The pages mapped writable, by physical page. */
	struct dbt_win_w {
		_Atomic uint64_t pa, va;
	} * writable;
	/* When it last overflowed, and until when it stays off. */
	uint64_t flushed_at, ready_at;
};

struct dbt_win {
	/*
	 * What translated code reads, of the current space: range k serves
	 * an access of up to 8 bytes at va when va - start[k] < size[k], at
	 * addend[k] + va. A size of 0 is a range that is off.
	 */
	uint64_t start[DBT_WIN_N], size[DBT_WIN_N], addend[DBT_WIN_N];
	struct dbt_win_space *cur; /* NULL: off */
	/* The space of the last user context, on or not: its layout. */
	const struct dbt_win_space *guess;
	struct dbt_win_space sp[DBT_WIN_SPACES];
	uint8_t *base; /* the reservation; NULL: this hart has none */
	/* Its page never mapped (dbt_win_guard()), kept if base goes. */
	uint8_t *guard;
	/*
	 * The data context is one a space serves, on or not yet: code
	 * translated in it goes through the window (it looks first).
	 */
	bool user;
	uint64_t max_pages; /* over all spaces */
	uint32_t backing;   /* guest memory's backing it maps */
};

/*
 * Reserves the hart's window where the JIT runs and RAM is a memory file;
 * nothing (base NULL) elsewhere or when the host refuses: the TLB then
 * serves every access.
 */
void dbt_win_init(struct dbt_hart *h);
void dbt_win_destroy(struct dbt_hart *h);

/* The data context is U-mode with satp's @bits-bit layout, TLB set @set. */
void dbt_win_serve(struct dbt_hart *h, const void *set, unsigned bits);
/* The data context is anything else. */
void dbt_win_off(struct dbt_hart *h);

/* Set @set was flushed; @renamed: it now holds another context. */
void dbt_win_set_flushed(struct dbt_hart *h, const void *set, bool renamed);
/* A fence for @va in @set: its page, or all when a superpage holds it. */
void dbt_win_fence(struct dbt_hart *h, const void *set, uint64_t va);
/* Any thread, @h paused or at a boundary: every space emptied. */
void dbt_win_flush(struct dbt_hart *h);
/* Any thread: the physical page @pa is no longer writable through it. */
void dbt_win_unwrite(struct dbt_hart *h, uint64_t pa);

/*
 * Before the calling thread runs @h's translated code; each time, as it
 * checks that RAM still is the memory the window maps.
 */
void dbt_win_enter(struct dbt_hart *h);
/*
 * An address in the hart's reservation that is never mapped (the guard
 * page after the first space): an access there resumes at the access's
 * TLB path, as one to a page that cannot be mapped.
 */
uint64_t dbt_win_guard(const struct dbt_hart *h);

#endif
