// SPDX-License-Identifier: MIT
#include "accel/dbt/window.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <ucontext.h>

#include "accel/dbt/hart.h"
#include "accel/dbt/jit/jit.h"
#include "accel/dbt/mmu.h"
#include "base/fault.h"
#include "base/guestmem.h"

#define WIN_SPAN (1ull << 38) /* a space */
#define WIN_PART (1ull << 36) /* each range of the 48-bit layout */
/* From one space to the next: a guard page between them. */
#define WIN_STRIDE (WIN_SPAN + DBT_PAGE_SIZE)
/*
 * A mapped page is a mapping of its own for the host kernel, which
 * allows vm.max_map_count of them (65530 by default) to the process.
 * A page takes two (itself and the hole after it); 16384 are left for
 * the rest of hvrun.
 */
#define WIN_PAGES 16384
/*
 * Slots of a space's table of writable pages (a power of two, twice the
 * pages a hart may map); a page goes in one of WIN_PROBE slots in a row.
 */
#define WIN_WRITABLE (2 * WIN_PAGES)
#define WIN_PROBE 4
/* A space that overflows sooner than this after its last flush rests. */
#define WIN_REST_NS 200000000ull
/*
 * A space emptied (a new context, a fence for all, a fork's copy-on-write)
 * waits this long before it maps again: a process that lives shorter, or
 * one that is flushed that often, would pay a host fault a page for
 * nothing; the TLB serves it meanwhile.
 */
#define WIN_WARM_NS 5000000ull
/*
 * A space given to a new context waits less: a new process is most often
 * short-lived only after a fork, and one that computes maps soon.
 */
#define WIN_NEW_NS 2000000ull

/* The hart whose translated code the current thread runs. */
static _Thread_local struct dbt_hart *win_hart;

static const struct guestmem *mem_of(const struct dbt_hart *h)
{
	return h->vm->cfg.mem;
}

/* Makes [p, p + len) of the reservation inaccessible again. */
static int unmap(uint8_t *p, uint64_t len)
{
	void *r = mmap(p, len, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED,
		       -1, 0);

	return r == MAP_FAILED ? -errno : 0;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Where in space @s @va is mapped: its offset, or -1 if nowhere. */
static int64_t offset_of(const struct dbt_win_space *s, uint64_t va)
{
	for (unsigned k = 0; k < DBT_WIN_N; k++)
		if (va - s->start[k] < s->len[k])
			return (int64_t)(s->at[k] + va - s->start[k]);
	return -1;
}

/* The address mapped at offset @off of @s, or 1 (no page's) if none. */
static uint64_t va_of(const struct dbt_win_space *s, uint64_t off)
{
	for (unsigned k = 0; k < DBT_WIN_N; k++)
		if (off - s->at[k] < s->len[k])
			return s->start[k] + off - s->at[k];
	return 1;
}

/* Range @k of @s maps [start, start + len) at base + at. */
static void layout(struct dbt_win_space *s, unsigned k, uint64_t start,
		   uint64_t len, uint64_t at)
{
	s->start[k] = start;
	s->len[k] = len;
	s->at[k] = at;
}

/* The host kernel's limit on a process's mappings. */
static uint64_t max_maps(void)
{
	FILE *f = fopen("/proc/sys/vm/max_map_count", "r");
	unsigned long long n = 65530;

	if (f) {
		if (fscanf(f, "%llu", &n) != 1)
			n = 65530;
		fclose(f);
	}
	return n;
}

static bool claim(const siginfo_t *si, void *ucv);

void dbt_win_init(struct dbt_hart *h)
{
	struct dbt_win *w = &h->win;
	const struct guestmem *m = mem_of(h);
	uint64_t harts = h->vm->nharts ? h->vm->nharts : 1;
	uint64_t maps = max_maps(), pages;
	void *p;

	memset(w, 0, sizeof(*w));
	pages = maps > 16384 ? (maps - 16384) / harts / 2 : 0;
	if (pages > WIN_PAGES)
		pages = WIN_PAGES;
	if (!h->jit || m->fd < 0 || pages < 1024)
		return;
	for (unsigned k = 0; k < DBT_WIN_SPACES; k++) {
		struct dbt_win_space *s = &w->sp[k];

		s->writable = calloc(WIN_WRITABLE, sizeof(*s->writable));
		if (!s->writable)
			goto fail;
		for (unsigned i = 0; i < WIN_WRITABLE; i++)
			atomic_init(&s->writable[i].pa, ~0ull);
		s->super_lo = ~0ull;
	}
	p = mmap(NULL, DBT_WIN_SPACES * WIN_STRIDE, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		goto fail;
	if (fault_set_claim(claim)) {
		munmap(p, DBT_WIN_SPACES * WIN_STRIDE);
		goto fail;
	}
	w->base = p;
	w->guard = w->base + WIN_SPAN;
	for (unsigned k = 0; k < DBT_WIN_SPACES; k++)
		w->sp[k].base = w->base + k * WIN_STRIDE;
	w->max_pages = pages;
	w->backing = atomic_load(&m->backing);
	return;
fail:
	for (unsigned k = 0; k < DBT_WIN_SPACES; k++) {
		free(w->sp[k].writable);
		w->sp[k].writable = NULL;
	}
}

void dbt_win_destroy(struct dbt_hart *h)
{
	struct dbt_win *w = &h->win;

	if (win_hart == h)
		win_hart = NULL;
	if (w->guard)
		munmap(w->guard - WIN_SPAN, DBT_WIN_SPACES * WIN_STRIDE);
	w->guard = NULL;
	for (unsigned k = 0; k < DBT_WIN_SPACES; k++) {
		free(w->sp[k].writable);
		w->sp[k].writable = NULL;
	}
	w->base = NULL;
	dbt_win_off(h);
}

void dbt_win_off(struct dbt_hart *h)
{
	for (unsigned k = 0; k < DBT_WIN_N; k++)
		h->win.size[k] = 0;
	h->win.cur = NULL;
}

/* Empties space @s, which then waits @wait ns before it maps again. */
static void flush_space(struct dbt_hart *h, struct dbt_win_space *s,
			uint64_t wait)
{
	if (wait)
		s->ready_at = now_ns() + wait;
	if (!atomic_exchange(&s->dirty, false))
		return;
	s->pages = 0;
	s->super_lo = ~0ull;
	s->super_hi = 0;
	for (unsigned i = 0; i < WIN_WRITABLE; i++)
		atomic_store_explicit(&s->writable[i].pa, ~0ull,
				      memory_order_relaxed);
	if (unmap(s->base, WIN_SPAN)) {
		/* Nothing safe is left to map through: no window from now. */
		dbt_win_off(h);
		h->win.base = NULL;
	}
}

void dbt_win_flush(struct dbt_hart *h)
{
	if (!h->win.base)
		return;
	for (unsigned k = 0; k < DBT_WIN_SPACES; k++)
		flush_space(h, &h->win.sp[k], WIN_WARM_NS);
}

/* The space of TLB set @set, if it has one. */
static struct dbt_win_space *space_of(struct dbt_hart *h, const void *set)
{
	for (unsigned k = 0; k < DBT_WIN_SPACES; k++)
		if (h->win.sp[k].owner == set)
			return &h->win.sp[k];
	return NULL;
}

void dbt_win_set_flushed(struct dbt_hart *h, const void *set, bool renamed)
{
	struct dbt_win_space *s;

	if (!h->win.base || !(s = space_of(h, set)))
		return;
	flush_space(h, s, 0);
	s->ready_at = now_ns() + (renamed ? WIN_NEW_NS : WIN_WARM_NS);
	if (renamed)
		s->bits = 0;
}

/* The page at @va unmapped from @s (any thread). */
static void drop(struct dbt_hart *h, struct dbt_win_space *s, uint64_t va)
{
	int64_t off;

	if (!atomic_load_explicit(&s->dirty, memory_order_relaxed))
		return;
	off = offset_of(s, va & DBT_PAGE_MASK);
	if (off >= 0 && unmap(s->base + off, DBT_PAGE_SIZE))
		flush_space(h, s, WIN_WARM_NS);
}

void dbt_win_fence(struct dbt_hart *h, const void *set, uint64_t va)
{
	struct dbt_win_space *s;

	if (!h->win.base || !(s = space_of(h, set)))
		return;
	if (va >= s->super_lo && va <= s->super_hi)
		flush_space(h, s, WIN_WARM_NS);
	else
		drop(h, s, va);
}

/* The first of the slots where physical page @pa may be. */
static unsigned writable_slot(uint64_t pa)
{
	return (unsigned)((pa >> DBT_PAGE_SHIFT) * 0x9e3779b97f4a7c15ull >>
			  32) &
	       (WIN_WRITABLE - 1);
}

void dbt_win_unwrite(struct dbt_hart *h, uint64_t pa)
{
	unsigned first = writable_slot(pa);

	if (!h->win.base)
		return;
	for (unsigned k = 0; k < DBT_WIN_SPACES; k++) {
		struct dbt_win_space *s = &h->win.sp[k];

		for (unsigned i = 0; i < WIN_PROBE; i++) {
			struct dbt_win_w *e =
				&s->writable[(first + i) & (WIN_WRITABLE - 1)];

			if (atomic_load_explicit(&e->pa,
						 memory_order_acquire) == pa)
				drop(h, s,
				     atomic_load_explicit(
					     &e->va, memory_order_relaxed));
		}
	}
}

/*
 * The slot for writable page @pa at @va: its own, a free one, or one
 * whose page is then unmapped (not writable through the window any more).
 */
static struct dbt_win_w *writable_get(struct dbt_hart *h,
				      struct dbt_win_space *s, uint64_t pa,
				      uint64_t va)
{
	unsigned first = writable_slot(pa);
	struct dbt_win_w *e, *free = NULL;

	for (unsigned i = 0; i < WIN_PROBE; i++) {
		uint64_t old;

		e = &s->writable[(first + i) & (WIN_WRITABLE - 1)];
		old = atomic_load_explicit(&e->pa, memory_order_relaxed);
		if (old == pa) {
			if (atomic_load_explicit(&e->va,
						 memory_order_relaxed) != va)
				drop(h, s,
				     atomic_load_explicit(
					     &e->va, memory_order_relaxed));
			return e;
		}
		if (old == ~0ull && !free)
			free = e;
	}
	if (free)
		return free;
	e = &s->writable[(first +
			  (unsigned)(va >> DBT_PAGE_SHIFT) % WIN_PROBE) &
			 (WIN_WRITABLE - 1)];
	drop(h, s, atomic_load_explicit(&e->va, memory_order_relaxed));
	return e;
}

/*
 * Where the ranges of a new address space go, with Sv48 or Sv57: where
 * Linux puts its parts depends on the kernel's version and on the
 * program, so the first look at it decides. Range 0 holds the lowest
 * 64 GiB (static programs and their heap); range 1 the 64 GiB below the
 * stack, which Linux follows with its mappings and libraries; range 2
 * the program the pc is in (a position-independent one, its heap above
 * it), unless one of the others has it already.
 */
static void place(struct dbt_hart *h, struct dbt_win_space *s)
{
	const uint64_t g = 1ull << 30;
	uint64_t sp = h->x[2], pc = h->pc, s1, s2;

	layout(s, 0, 0, WIN_PART, 0);
	s1 = ((sp + g) & -g) - WIN_PART;
	if (sp < 2 * WIN_PART || (int64_t)sp < 0)
		return;
	layout(s, 1, s1, WIN_PART, WIN_PART);
	if (pc < WIN_PART || pc - s1 < WIN_PART || (int64_t)pc < 0)
		return;
	/* A quarter below the pc, the rest above; never over the others. */
	s2 = (pc & -g) - WIN_PART / 4;
	if (s2 < WIN_PART)
		s2 = WIN_PART;
	if (s2 + WIN_PART > s1 && s2 < s1 + WIN_PART)
		s2 = s1 - WIN_PART;
	if (s2 < WIN_PART || pc - s2 >= WIN_PART)
		return;
	layout(s, 2, s2, WIN_PART, 2 * WIN_PART);
}

void dbt_win_serve(struct dbt_hart *h, const void *set, unsigned bits)
{
	struct dbt_win *w = &h->win;
	const struct guestmem *m = mem_of(h);
	struct dbt_win_space *s;

	if (!w->base || m->fd < 0 || w->backing != atomic_load(&m->backing)) {
		dbt_win_off(h);
		return;
	}
	s = space_of(h, set);
	if (!s && (s = space_of(h, NULL)))
		s->owner = set;
	if (!s) {
		dbt_win_off(h);
		return;
	}
	if (bits != s->bits) {
		flush_space(h, s, 0);
		s->bits = bits;
		memset(s->len, 0, sizeof(s->len));
		if (bits == 39)
			layout(s, 0, 0, WIN_SPAN, 0);
		else
			place(h, s);
	}
	w->guess = s;
	if (now_ns() < s->ready_at) {
		dbt_win_off(h);
		return;
	}
	w->cur = s;
	/* An access of up to 8 bytes ends in its range: hence the 7. */
	for (unsigned k = 0; k < DBT_WIN_N; k++) {
		w->start[k] = s->start[k];
		w->size[k] = s->len[k] ? s->len[k] - 7 : 0;
		w->addend[k] = (uintptr_t)s->base + s->at[k] - s->start[k];
	}
}

uint64_t dbt_win_guard(const struct dbt_hart *h)
{
	return (uint64_t)(uintptr_t)h->win.guard;
}

void dbt_win_enter(struct dbt_hart *h)
{
	struct dbt_win *w = &h->win;

	win_hart = h;
	if (w->base &&
	    __builtin_expect(w->backing !=
				     atomic_load_explicit(&mem_of(h)->backing,
							  memory_order_relaxed),
			     0)) {
		/* RAM is not the memory file any more (a snapshot's). */
		dbt_win_off(h);
		for (unsigned k = 0; k < DBT_WIN_SPACES; k++)
			atomic_store(&w->sp[k].dirty, true);
		dbt_win_flush(h);
		w->backing = atomic_load(&mem_of(h)->backing);
	}
}

/*
 * Room for one more page: past the hart's share, the other spaces start
 * empty again, then this one; false when this one must rest instead.
 */
static bool room(struct dbt_hart *h, struct dbt_win_space *s)
{
	struct dbt_win *w = &h->win;
	uint64_t total = 0, t;

	for (unsigned k = 0; k < DBT_WIN_SPACES; k++)
		total += w->sp[k].pages;
	if (total < w->max_pages)
		return true;
	for (unsigned k = 0; k < DBT_WIN_SPACES; k++)
		if (&w->sp[k] != s)
			flush_space(h, &w->sp[k], WIN_WARM_NS);
	if (s->pages < w->max_pages / 2)
		return true;
	t = now_ns();
	flush_space(h, s, 0);
	if (t - s->flushed_at < WIN_REST_NS) {
		s->ready_at = t + WIN_REST_NS;
		s->flushed_at = t;
		dbt_win_off(h);
		return false;
	}
	s->flushed_at = t;
	s->ready_at = t;
	return true;
}

/*
 * Maps the page at @off of space @s for an access at @va (@write: a
 * store): true when the access may now run as it is.
 */
static bool map(struct dbt_hart *h, struct dbt_win_space *s, uint64_t va,
		uint64_t off, bool write)
{
	const struct guestmem *m = mem_of(h);
	struct dbt_win_w *e = NULL;
	uint64_t page, pa;
	unsigned shift;
	bool writable;
	uint8_t *host = dbt_mmu_win_page(h, va, write, &writable, &pa, &shift);
	void *p;

	if (!host || (write && !writable) || !room(h, s))
		return false;
	page = guestmem_page_of(m, host);
	if (writable)
		e = writable_get(h, s, pa, va);
	atomic_store(&s->dirty, true);
	p = mmap(s->base + off, DBT_PAGE_SIZE,
		 writable ? PROT_READ | PROT_WRITE : PROT_READ,
		 MAP_SHARED | MAP_FIXED, m->fd,
		 (off_t)(page << GUESTMEM_PAGE_SHIFT));
	if (p == MAP_FAILED)
		return false;
	s->pages++;
	if (shift > DBT_PAGE_SHIFT) {
		uint64_t lo = va & -(1ull << shift);
		uint64_t hi = va | ((1ull << shift) - 1);

		if (lo < s->super_lo)
			s->super_lo = lo;
		if (hi > s->super_hi)
			s->super_hi = hi;
	}
	if (!writable)
		return true;
	/*
	 * A hart marking the page as code sets its code bit, then looks in
	 * the table; this side mapped the page, then filled the slot, and
	 * now looks at the bit: one of the two sees the other.
	 */
	atomic_store_explicit(&e->va, va, memory_order_relaxed);
	atomic_store_explicit(&e->pa, pa, memory_order_release);
	atomic_thread_fence(memory_order_seq_cst);
	if (guestmem_page_has_code(m, page) ||
	    atomic_load_explicit(&m->logging, memory_order_relaxed)) {
		if (unmap(s->base + off, DBT_PAGE_SIZE))
			flush_space(h, s, WIN_WARM_NS);
		return false;
	}
	return true;
}

/*
 * The faulting thread's pc in context @ucv, and whether the access was a
 * write; false on hosts without translated code.
 */
static bool fault_regs(void *ucv, greg_t **pc, bool *write)
{
#if defined(__x86_64__)
	ucontext_t *uc = ucv;

	*pc = &uc->uc_mcontext.gregs[REG_RIP];
	/* The page fault's error code: bit 1, a write. */
	*write = uc->uc_mcontext.gregs[REG_ERR] & 2;
	return true;
#else
	(void)ucv;
	(void)pc;
	(void)write;
	return false;
#endif
}

static bool claim(const siginfo_t *si, void *ucv)
{
	struct dbt_hart *h = win_hart;
	uint8_t *a = si->si_addr, *res;
	struct dbt_win *w;
	struct dbt_win_space *s;
	uint64_t resume, off, va;
	greg_t *pc;
	bool write;

	if (!h || !h->win.guard || !fault_regs(ucv, &pc, &write))
		return false;
	w = &h->win;
	/*
	 * The reservation, from its guard page, which stays when base goes
	 * (a pair's follower may still fault there: translate.c, pairs()).
	 */
	res = w->guard - WIN_SPAN;
	if (a < res || a >= res + DBT_WIN_SPACES * WIN_STRIDE ||
	    !dbt_jit_site(h, (uint64_t)*pc, &resume))
		return false;
	s = &w->sp[(uint64_t)(a - res) / WIN_STRIDE];
	off = (uint64_t)(a - s->base) & DBT_PAGE_MASK;
	va = off < WIN_SPAN ? va_of(s, off) : 1;
	if (s == w->cur && va != 1 && map(h, s, va, off, write))
		return true;
	*pc = (greg_t)resume;
	return true;
}
