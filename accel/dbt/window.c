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

#define WIN_SPAN (1ull << 38) /* all of the reservation */
#define WIN_PART (1ull << 36) /* each window of the 48-bit layout */
/*
 * A mapped page is a mapping of its own for the host kernel, which
 * allows vm.max_map_count of them (65530 by default) to the process.
 * A window takes two (a page and the hole after it); 16384 are left for
 * the rest of hvrun.
 */
#define WIN_PAGES 16384
/*
 * Slots of the table of writable pages (a power of two, twice the pages
 * a window may hold); a page goes in one of WIN_PROBE slots in a row.
 */
#define WIN_WRITABLE (2 * WIN_PAGES)
#define WIN_PROBE 4
/* A window that overflows sooner than this after its last flush rests. */
#define WIN_REST_NS 200000000ull

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

/* Where in the reservation @va is mapped: its offset, or -1 if nowhere. */
static int64_t offset_of(const struct dbt_win *w, uint64_t va)
{
	for (unsigned k = 0; k < DBT_WIN_N; k++)
		if (va - w->start[k] < w->len[k])
			return (int64_t)(w->at[k] + va - w->start[k]);
	return -1;
}

/* The address mapped at offset @off, or 1 (no page's) if none. */
static uint64_t va_of(const struct dbt_win *w, uint64_t off)
{
	for (unsigned k = 0; k < DBT_WIN_N; k++)
		if (off - w->at[k] < w->len[k])
			return w->start[k] + off - w->at[k];
	return 1;
}

/* Window @k maps [start, start + len) at base + at. */
static void layout(struct dbt_win *w, unsigned k, uint64_t start, uint64_t len,
		   uint64_t at)
{
	w->start[k] = start;
	w->len[k] = len;
	w->at[k] = at;
	w->addend[k] = (uintptr_t)w->base + at - start;
}

/* Now, for the window's rest. */
static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
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

	w->base = NULL;
	dbt_win_off(h);
	/* Room for the windows, and for hvrun's own mappings besides. */
	pages = maps > 16384 ? (maps - 16384) / harts / 2 : 0;
	if (pages > WIN_PAGES)
		pages = WIN_PAGES;
	if (!h->jit || m->fd < 0 || pages < 1024)
		return;
	w->writable = calloc(WIN_WRITABLE, sizeof(*w->writable));
	if (!w->writable)
		return;
	for (unsigned i = 0; i < WIN_WRITABLE; i++)
		atomic_init(&w->writable[i].pa, ~0ull);
	p = mmap(NULL, WIN_SPAN + DBT_PAGE_SIZE, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED || fault_set_claim(claim)) {
		if (p != MAP_FAILED)
			munmap(p, WIN_SPAN + DBT_PAGE_SIZE);
		free(w->writable);
		w->writable = NULL;
		return;
	}
	w->max_pages = pages;
	w->super_lo = ~0ull;
	w->super_hi = 0;
	w->base = p;
	w->backing = atomic_load(&m->backing);
}

void dbt_win_destroy(struct dbt_hart *h)
{
	struct dbt_win *w = &h->win;

	if (win_hart == h)
		win_hart = NULL;
	if (w->base)
		munmap(w->base, WIN_SPAN + DBT_PAGE_SIZE);
	free(w->writable);
	w->writable = NULL;
	w->base = NULL;
	dbt_win_off(h);
}

void dbt_win_off(struct dbt_hart *h)
{
	for (unsigned k = 0; k < DBT_WIN_N; k++)
		h->win.size[k] = 0;
}

/*
 * Where the windows of a new address space go, with Sv48 or Sv57: where
 * Linux puts its parts depends on the kernel's version and on the
 * program, so the first look at it decides. Window 0 holds the lowest
 * 64 GiB (static programs and their heap); window 1 the 64 GiB below the
 * stack, which Linux follows with its mappings and libraries; window 2
 * the program the pc is in (a position-independent one, its heap above
 * it), unless one of the others has it already.
 */
static void place(struct dbt_hart *h)
{
	struct dbt_win *w = &h->win;
	const uint64_t g = 1ull << 30;
	uint64_t sp = h->x[2], pc = h->pc, s1, s2;

	layout(w, 0, 0, WIN_PART, 0);
	s1 = ((sp + g) & -g) - WIN_PART;
	if (sp < 2 * WIN_PART || (int64_t)sp < 0)
		return;
	layout(w, 1, s1, WIN_PART, WIN_PART);
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
	layout(w, 2, s2, WIN_PART, 2 * WIN_PART);
}

void dbt_win_serve(struct dbt_hart *h, const void *set, unsigned bits)
{
	struct dbt_win *w = &h->win;
	const struct guestmem *m = mem_of(h);

	if (!w->base || m->fd < 0 || w->backing != atomic_load(&m->backing) ||
	    (w->rest_until && now_ns() < w->rest_until)) {
		dbt_win_off(h);
		return;
	}
	w->rest_until = 0;
	if (set != w->owner || bits != w->bits) {
		dbt_win_flush(h);
		w->owner = set;
		w->bits = bits;
		memset(w->len, 0, sizeof(w->len));
		if (bits == 39)
			layout(w, 0, 0, WIN_SPAN, 0);
		else
			place(h);
	}
	/* An access of up to 8 bytes ends in its window: hence the 7. */
	for (unsigned k = 0; k < DBT_WIN_N; k++)
		w->size[k] = w->len[k] ? w->len[k] - 7 : 0;
}

void dbt_win_flush(struct dbt_hart *h)
{
	struct dbt_win *w = &h->win;

	if (!w->base || !atomic_exchange(&w->dirty, false))
		return;
	w->pages = 0;
	w->super_lo = ~0ull;
	w->super_hi = 0;
	for (unsigned i = 0; i < WIN_WRITABLE; i++)
		atomic_store_explicit(&w->writable[i].pa, ~0ull,
				      memory_order_relaxed);
	if (unmap(w->base, WIN_SPAN)) {
		/* Nothing safe is left to map through: no window from now. */
		dbt_win_off(h);
		w->base = NULL;
	}
}

void dbt_win_drop(struct dbt_hart *h, uint64_t va)
{
	struct dbt_win *w = &h->win;
	int64_t off;

	if (!w->base || !atomic_load_explicit(&w->dirty, memory_order_relaxed))
		return;
	off = offset_of(w, va & DBT_PAGE_MASK);
	if (off >= 0 && unmap(w->base + off, DBT_PAGE_SIZE))
		dbt_win_flush(h);
}

void dbt_win_fence(struct dbt_hart *h, uint64_t va)
{
	struct dbt_win *w = &h->win;

	if (va >= w->super_lo && va <= w->super_hi)
		dbt_win_flush(h);
	else
		dbt_win_drop(h, va);
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
	struct dbt_win *w = &h->win;
	unsigned first;

	if (!w->base)
		return;
	first = writable_slot(pa);
	for (unsigned i = 0; i < WIN_PROBE; i++) {
		struct dbt_win_w *e =
			&w->writable[(first + i) & (WIN_WRITABLE - 1)];

		if (atomic_load_explicit(&e->pa, memory_order_acquire) == pa)
			dbt_win_drop(h, atomic_load_explicit(
						&e->va, memory_order_relaxed));
	}
}

/*
 * The slot for writable page @pa: its own, a free one, or one whose page
 * is then unmapped (not writable through the window any more).
 */
static struct dbt_win_w *writable_get(struct dbt_hart *h, uint64_t pa,
				      uint64_t va)
{
	struct dbt_win *w = &h->win;
	unsigned first = writable_slot(pa);
	struct dbt_win_w *e, *free = NULL;

	for (unsigned i = 0; i < WIN_PROBE; i++) {
		uint64_t old;

		e = &w->writable[(first + i) & (WIN_WRITABLE - 1)];
		old = atomic_load_explicit(&e->pa, memory_order_relaxed);
		if (old == pa) {
			if (atomic_load_explicit(&e->va,
						 memory_order_relaxed) != va)
				dbt_win_drop(h, atomic_load_explicit(
							&e->va,
							memory_order_relaxed));
			return e;
		}
		if (old == ~0ull && !free)
			free = e;
	}
	if (free)
		return free;
	e = &w->writable[(first +
			  (unsigned)(va >> DBT_PAGE_SHIFT) % WIN_PROBE) &
			 (WIN_WRITABLE - 1)];
	dbt_win_drop(h, atomic_load_explicit(&e->va, memory_order_relaxed));
	return e;
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
		atomic_store(&w->dirty, true);
		dbt_win_flush(h);
		w->backing = atomic_load(&mem_of(h)->backing);
		w->owner = NULL;
	}
}

/*
 * Maps the page at @off for an access at @va (@write: a store): true when
 * the access may now run as it is.
 */
static bool map(struct dbt_hart *h, uint64_t va, uint64_t off, bool write)
{
	struct dbt_win *w = &h->win;
	const struct guestmem *m = mem_of(h);
	struct dbt_win_w *e = NULL;
	uint64_t page, pa;
	unsigned shift;
	bool writable;
	uint8_t *host = dbt_mmu_win_page(h, va, write, &writable, &pa, &shift);
	void *p;

	if (!host || (write && !writable))
		return false;
	if (w->pages >= w->max_pages) {
		/*
		 * More pages than the host lets it map: start again, or,
		 * when the last start was a moment ago (a working set too
		 * big for it), rest a while: the TLB serves meanwhile.
		 */
		uint64_t t = now_ns();

		dbt_win_flush(h);
		if (t - w->flushed_at < WIN_REST_NS) {
			w->rest_until = t + WIN_REST_NS;
			dbt_win_off(h);
			w->flushed_at = t;
			return false;
		}
		w->flushed_at = t;
	}
	page = guestmem_page_of(m, host);
	if (writable)
		e = writable_get(h, pa, va);
	atomic_store(&w->dirty, true);
	p = mmap(w->base + off, DBT_PAGE_SIZE,
		 writable ? PROT_READ | PROT_WRITE : PROT_READ,
		 MAP_SHARED | MAP_FIXED, m->fd,
		 (off_t)(page << GUESTMEM_PAGE_SHIFT));
	if (p == MAP_FAILED)
		return false;
	w->pages++;
	if (shift > DBT_PAGE_SHIFT) {
		uint64_t lo = va & -(1ull << shift),
			 hi = va | ((1ull << shift) - 1);

		if (lo < w->super_lo)
			w->super_lo = lo;
		if (hi > w->super_hi)
			w->super_hi = hi;
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
		if (unmap(w->base + off, DBT_PAGE_SIZE))
			dbt_win_flush(h);
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
	uint8_t *a = si->si_addr;
	struct dbt_win *w;
	uint64_t resume, off, va;
	greg_t *pc;
	bool write;

	if (!h || !h->win.base || !fault_regs(ucv, &pc, &write))
		return false;
	w = &h->win;
	if (a < w->base || a >= w->base + WIN_SPAN + DBT_PAGE_SIZE ||
	    !dbt_jit_site(h, (uint64_t)*pc, &resume))
		return false;
	off = (uint64_t)(a - w->base) & DBT_PAGE_MASK;
	va = va_of(w, off);
	if (va != 1 && w->size[0] && map(h, va, off, write))
		return true;
	*pc = (greg_t)resume;
	return true;
}
