/* SPDX-License-Identifier: MIT */
/*
 * The JIT's code cache: the per-hart code buffer (one memfd mapped twice,
 * read-write where the translator writes and patches, read-execute where
 * the code runs), the trampolines between C and translated code, the
 * table of translations and their links, the jump cache, the C functions
 * translated code calls, and --trace jit.
 *
 * Trampolines (System V ABI on the C side):
 *   enter(h, code)  saves the callee-saved registers, points rbp at the
 *                   hart, loads the mapped guest registers, clears r15 and
 *                   jumps to code; returns {what, icount} in rax:rdx
 *   exit            (jumped to, rax = what) stores the mapped registers
 *                   and returns from enter; exit_nostore the same when
 *                   h->x is already up to date
 *   spill, reload   (called) store every mapped register to h->x, load
 *                   the caller-saved ones back: around calls to C;
 *                   reload_all loads every one
 *
 * The floating-point exception flags of translated code accrue in MXCSR
 * (translate.c): enter and reload clear them, exit and spill keep them in
 * jit.mxcsr, and the C side folds them into fflags (fold()) before it
 * does anything else, before the next keep.
 */
#include "accel/dbt/jit/jit.h"

#include <capstone/capstone.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "accel/dbt/alu.h"
#include "accel/dbt/disas.h"
#include "accel/dbt/csr.h"
#include "accel/dbt/exec.h"
#include "accel/dbt/fpu.h"
#include "accel/dbt/jit/jit-internal.h"
#include "accel/dbt/mmu.h"
#include "accel/dbt/pmu.h"
#include "accel/dbt/trace.h"
#include "accel/dbt/trap.h"
#include "base/guestmem.h"

#if defined(__x86_64__)
#include <cpuid.h>
#endif

/* Per hart: code is reserved lazily, given back on each reset. */
#define CODE_SIZE (128u << 20)
/* Room a block's code always fits in (64 instructions, stubs and all). */
#define BLOCK_ROOM (64u << 10)

typedef struct dbt_jit_ret (*enter_fn)(struct dbt_hart *h, uint64_t code);

bool dbt_jit_available(void)
{
#if defined(__x86_64__)
	return true;
#else
	return false;
#endif
}

static unsigned host_features(void)
{
	unsigned f = 0;
#if defined(__x86_64__)
	unsigned a, b, c, d;

	if (__get_cpuid(1, &a, &b, &c, &d)) {
		if (c & (1u << 23))
			f |= JIT_F_POPCNT;
		if (c & (1u << 19))
			f |= JIT_F_SSE41;
		/* FMA needs the OS to keep the AVX state (OSXSAVE, XCR0). */
		if ((c & (1u << 12)) && (c & (1u << 27))) {
			uint32_t lo, hi;

			__asm__ volatile("xgetbv"
					 : "=a"(lo), "=d"(hi)
					 : "c"(0));
			if ((lo & 6) == 6)
				f |= JIT_F_FMA;
		}
	}
	if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
		if (b & (1u << 3))
			f |= JIT_F_BMI1;
		if (b & (1u << 8))
			f |= JIT_F_BMI2;
	}
	if (__get_cpuid(0x80000001, &a, &b, &c, &d) && (c & (1u << 5)))
		f |= JIT_F_LZCNT;
#endif
	return f;
}

static struct x86_mem hart_x(unsigned r)
{
	return x86_mem(JIT_HART, JIT_XOFF(r));
}

/* MXCSR's exception flags as fflags (denormal has no counterpart). */
static unsigned mxcsr_fflags(unsigned m)
{
	return (m & 0x01 ? FPU_NV : 0) | (m & 0x04 ? FPU_DZ : 0) |
	       (m & 0x08 ? FPU_OF : 0) | (m & 0x10 ? FPU_UF : 0) |
	       (m & 0x20 ? FPU_NX : 0);
}

/*
 * Empties the page cache (translate.c), whose frame is @at bytes above
 * rsp: whenever translated code is entered or comes back from C, which
 * may have switched or flushed translations.
 */
static void clear_page_cache(struct x86_buf *b, int32_t at)
{
	static const uint8_t ones[] = {0x66, 0x0f, 0x76, 0xc0}; /* pcmpeqd */

	x86_bytes(b, ones, sizeof(ones));
	for (int32_t k = 0; k < 32; k++) {
		/* movaps [rsp + disp32], xmm0 */
		int32_t d = at + JIT_PC_TAG(0, 0) + 16 * k;
		uint8_t st[] = {0x0f,
				0x29,
				0x84,
				0x24,
				(uint8_t)d,
				(uint8_t)(d >> 8),
				(uint8_t)(d >> 16),
				(uint8_t)(d >> 24)};

		x86_bytes(b, st, sizeof(st));
	}
}

/* Writes the trampolines at the start of the buffer. */
static int make_trampolines(struct dbt_jit *j)
{
	static const enum x86_gpr saved[] = {X86_RBX, X86_RBP, X86_R12,
					     X86_R13, X86_R14, X86_R15};
	struct x86_buf *b = &j->buf;
	unsigned k;

	j->enter = x86_here(b);
	for (k = 0; k < 6; k++)
		x86_push(b, saved[k]);
	/* Six pushes and the return address: the frame keeps rsp aligned. */
	x86_sub_ri(b, 64, X86_RSP, JIT_FRAME);
	clear_page_cache(b, 0);
	/*
	 * No addend for a pair's follower yet (translate.c, pairs()): one
	 * that ran without its leader would fault, not reach host memory.
	 */
	x86_mov_ri(b, 64, X86_RAX, INT64_MIN);
	x86_mov_mr(b, 64, x86_mem(X86_RSP, JIT_LEAD), X86_RAX);
	x86_mov_ri(b, 64, X86_RDX, (int64_t)(uintptr_t)&j->mxcsr_clean);
	x86_ldmxcsr(b, x86_mem(X86_RDX, 0));
	x86_lea(b, 64, JIT_HART, x86_mem(X86_RDI, JIT_BIAS));
	x86_mov_rr(b, 64, X86_RAX, X86_RSI);
	for (k = 0; k < JIT_NMAP; k++)
		x86_mov_rm(b, 64, jit_hosts[k].host, hart_x(j->map[k]));
	x86_zero(b, JIT_ICOUNT);
	x86_jmp_r(b, X86_RAX);

	x86_align(b, 16);
	j->exit = x86_here(b);
	x86_mov_ri(b, 64, X86_RCX, (int64_t)(uintptr_t)&j->mxcsr);
	x86_stmxcsr(b, x86_mem(X86_RCX, 0));
	for (k = 0; k < JIT_NMAP; k++)
		x86_mov_mr(b, 64, hart_x(j->map[k]), jit_hosts[k].host);
	j->exit_nostore = x86_here(b);
	x86_mov_rr(b, 64, X86_RDX, JIT_ICOUNT);
	x86_add_ri(b, 64, X86_RSP, JIT_FRAME);
	for (k = 6; k-- > 0;)
		x86_pop(b, saved[k]);
	x86_ret(b);

	x86_align(b, 16);
	j->spill = x86_here(b);
	x86_mov_ri(b, 64, X86_RCX, (int64_t)(uintptr_t)&j->mxcsr);
	x86_stmxcsr(b, x86_mem(X86_RCX, 0));
	for (k = 0; k < JIT_NMAP; k++)
		x86_mov_mr(b, 64, hart_x(j->map[k]), jit_hosts[k].host);
	x86_ret(b);

	x86_align(b, 16);
	j->reload_all = x86_here(b);
	for (k = 0; k < JIT_NMAP; k++)
		if (jit_hosts[k].saved)
			x86_mov_rm(b, 64, jit_hosts[k].host, hart_x(j->map[k]));
	j->reload = x86_here(b);
	x86_mov_ri(b, 64, X86_RCX, (int64_t)(uintptr_t)&j->mxcsr_clean);
	x86_ldmxcsr(b, x86_mem(X86_RCX, 0));
	clear_page_cache(b, 8);
	for (k = 0; k < JIT_NMAP; k++)
		if (!jit_hosts[k].saved)
			x86_mov_rm(b, 64, jit_hosts[k].host, hart_x(j->map[k]));
	x86_ret(b);

	x86_align(b, 64);
	j->fflags_of = x86_here(b);
	for (k = 0; k < 64; k++) {
		uint8_t fl = mxcsr_fflags(k);

		x86_bytes(b, &fl, 1);
	}

	x86_align(b, 64);
	if (!x86_ok(b))
		return -ENOMEM;
	j->start = x86_size(b);
	return 0;
}

/* Maps the code buffer, executable close to hvrun's own code if it can. */
static int map_code(struct dbt_jit *j)
{
	uintptr_t near = (uintptr_t)&dbt_jit_init;
	void *hint = NULL;

	j->size = CODE_SIZE;
	j->fd = memfd_create("hvrun-jit", MFD_CLOEXEC);
	if (j->fd < 0)
		return -errno;
	if (ftruncate(j->fd, (off_t)j->size) < 0)
		return -errno;
	j->rw = mmap(NULL, j->size, PROT_READ | PROT_WRITE, MAP_SHARED, j->fd,
		     0);
	if (j->rw == MAP_FAILED) {
		j->rw = NULL;
		return -errno;
	}
	/* Calls to C then take the short form. */
	if (near > (1ull << 30) + j->size)
		hint = (void *)((near - (1ull << 30) - j->size) & ~0xfffffull);
	j->rx = mmap(hint, j->size, PROT_READ | PROT_EXEC, MAP_SHARED, j->fd,
		     0);
	if (j->rx == MAP_FAILED) {
		j->rx = NULL;
		return -errno;
	}
	return 0;
}

static void clear_jcache(struct dbt_jit *j)
{
	for (unsigned i = 0; i < JIT_JC_SIZE; i++) {
		j->jcache[i].va = 1; /* never a target: they are even */
		j->jcache[i].code = 0;
	}
}

int dbt_jit_init(struct dbt_hart *h)
{
	struct dbt_jit *j;
	int rc;

	if (!dbt_jit_available())
		return -ENOTSUP;
	j = calloc(1, sizeof(*j));
	if (!j)
		return -ENOMEM;
	j->h = h;
	j->fd = -1;
	memcpy(j->map, jit_default_map, sizeof(j->map));
	j->mxcsr_clean = 0x1f80;
	j->feat = host_features();
	j->jcache = calloc(JIT_JC_SIZE, sizeof(*j->jcache));
	if (!j->jcache) {
		rc = -ENOMEM;
		goto err;
	}
	clear_jcache(j);
	rc = map_code(j);
	if (rc)
		goto err;
	/* An access through the window takes more than 16 bytes of code. */
	j->maxsites = j->size / 16;
	j->sites = mmap(NULL, j->maxsites * sizeof(*j->sites),
			PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (j->sites == MAP_FAILED) {
		j->sites = NULL;
		rc = -errno;
		goto err;
	}
	x86_init(&j->buf, j->rw, j->size, (uint64_t)(uintptr_t)j->rx);
	rc = make_trampolines(j);
	if (rc)
		goto err;
	j->arena_resets = h->cache->resets;
	if (getenv("HVRUN_JIT_PERFMAP")) {
		char name[64];

		snprintf(name, sizeof(name), "/tmp/perf-%d.map", (int)getpid());
		j->perfmap = fopen(name, "a");
		if (j->perfmap)
			setvbuf(j->perfmap, NULL, _IOLBF, 0);
	}
	h->jit = j;
	return 0;

err:
	h->jit = j;
	dbt_jit_destroy(h);
	return rc;
}

void dbt_jit_destroy(struct dbt_hart *h)
{
	struct dbt_jit *j = h->jit;

	if (!j)
		return;
	if (j->rx)
		munmap(j->rx, j->size);
	if (j->rw)
		munmap(j->rw, j->size);
	if (j->fd >= 0)
		close(j->fd);
	if (j->perfmap)
		fclose(j->perfmap);
	if (j->sites)
		munmap(j->sites, j->maxsites * sizeof(*j->sites));
	free(j->jcache);
	free(j);
	h->jit = NULL;
}

/* Forgets every translation (the arena is emptied, or was). */
static void reset_code(struct dbt_jit *j)
{
	struct dbt_cache *c = j->h->cache;

	x86_rewind(&j->buf, j->buf.start + j->start);
	j->nsites = 0;
	clear_jcache(j);
	j->arena_resets = c->resets;
	j->resets++;
	/* Give the memory back; what is used again is faulted in anew. */
	fallocate(j->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
		  (off_t)j->start, (off_t)(j->size - j->start));
}

static void reset_all(struct dbt_jit *j)
{
	dbt_cache_reset(j->h->cache);
	reset_code(j);
}

/* ---- which guest registers live in host registers ---- */

/* With other guest registers in the host ones: everything anew. */
static void remap(struct dbt_jit *j, const uint8_t *map)
{
	memcpy(j->map, map, sizeof(j->map));
	dbt_cache_reset(j->h->cache);
	x86_rewind(&j->buf, j->buf.start);
	make_trampolines(j);
	reset_code(j);
	j->remaps++;
}

int dbt_jit_set_map(struct dbt_hart *h, const uint8_t *regs)
{
	bool seen[32] = {true};

	for (unsigned k = 0; k < JIT_NMAP; k++) {
		if (regs[k] >= 32 || seen[regs[k]])
			return -EINVAL;
		seen[regs[k]] = true;
	}
	remap(h->jit, regs);
	return 0;
}

int jit_add_site(struct dbt_jit *j, uint64_t access, uint64_t resume)
{
	if (j->nsites == j->maxsites)
		return -1;
	j->sites[j->nsites].access = (uint32_t)(access - (uintptr_t)j->rx);
	j->sites[j->nsites].resume = (uint32_t)(resume - (uintptr_t)j->rx);
	j->nsites++;
	return 0;
}

bool dbt_jit_site(const struct dbt_hart *h, uint64_t rip, uint64_t *resume)
{
	const struct dbt_jit *j = h->jit;
	size_t lo = 0, hi;
	uint64_t off;

	if (!j || rip < (uintptr_t)j->rx || rip >= (uintptr_t)j->rx + j->size)
		return false;
	off = rip - (uintptr_t)j->rx;
	hi = j->nsites;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (j->sites[mid].access < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == j->nsites || j->sites[lo].access != off)
		return false;
	*resume = (uintptr_t)j->rx + j->sites[lo].resume;
	return true;
}

bool dbt_jit_sync(struct dbt_hart *h)
{
	struct dbt_jit *j = h->jit;
	struct dbt_cache *c = h->cache;

	if (c->jit_dropped) {
		reset_all(j);
		return true;
	}
	if (c->resets != j->arena_resets) {
		reset_code(j);
		return true;
	}
	return false;
}

uint64_t dbt_jit_resets(const struct dbt_hart *h)
{
	return h->jit->resets;
}

/* ---- translation ---- */

static void trace_block(struct dbt_jit *j, struct dbt_block *b,
			const uint32_t *marks);

/* The instruction at offset @at of the page at @page, if it is in it. */
static bool fetch(const struct dbt_hart *h, const uint8_t *page, unsigned at,
		  struct rv_insn *in)
{
	uint32_t raw;

	if (at > DBT_PAGE_SIZE ||
	    !dbt_code_read(page + at, (unsigned)DBT_PAGE_SIZE - at, &raw))
		return false;
	rv_decode_isa(raw, in, h->vm->decode_ext);
	return true;
}

/* A loop's latch, out of line, is at most this many instructions. */
#define LATCH_MAX 12
/* Jumps a block follows within its page. */
#define FOLLOW_MAX 4

/*
 * How many instructions the code at page offset @at runs before a jump
 * or a branch back to page offset @head, none of them leaving but
 * through a branch; 0 if it does not: a loop's latch (the code that
 * steps to the next iteration and goes back to the top), which compilers
 * often put out of the loop's straight line.
 */
static unsigned latch_to(const struct dbt_hart *h, const uint8_t *page,
			 unsigned at, unsigned head)
{
	struct rv_insn in;

	for (unsigned k = 1; k <= LATCH_MAX; k++) {
		unsigned flags;

		if (!fetch(h, page, at, &in))
			return 0;
		flags = rv_op_attrs[in.op].flags;
		if (in.op == RV_OP_jal)
			return !in.rd && at + in.imm == head ? k : 0;
		if ((flags & RV_A_BRANCH) && at + in.imm == head)
			return k;
		if ((flags & RV_A_END) && !(flags & RV_A_BRANCH))
			return 0;
		at += in.len;
	}
	return 0;
}

static enum rv_op inverse_branch(enum rv_op op)
{
	switch (op) {
	case RV_OP_beq:
		return RV_OP_bne;
	case RV_OP_bne:
		return RV_OP_beq;
	case RV_OP_blt:
		return RV_OP_bge;
	case RV_OP_bge:
		return RV_OP_blt;
	case RV_OP_bltu:
		return RV_OP_bgeu;
	case RV_OP_bgeu:
	default: /* the branches are all above */
		return RV_OP_bltu;
	}
}

/*
 * Decodes the block at h->pc (code at @host) into @ops: the interpreter's
 * rules (cache.h) but for conditional branches, which end it only after
 * DBT_JIT_EXITS - 2 others, for jumps within the page, which it follows,
 * and for the return of a call it followed (jalr to the link while the
 * link register holds it). A followed jal becomes the auipc that writes
 * its link, a return an auipc to x0 (the encoding stays in raw). A branch
 * to a latch that goes back to the block's start becomes its inverse, a
 * side exit to its fall-through, and the block goes on with the latch, so
 * that the loop stays in it. @end: where a fall-through after the last
 * instruction goes, from the block's start; @bytes: the code bytes it
 * covers.
 */
static unsigned decode(struct dbt_hart *h, const uint8_t *host,
		       struct dbt_op *ops, unsigned *bytes, int *end)
{
	unsigned start = (unsigned)(h->pc & ~DBT_PAGE_MASK), at = start;
	const uint8_t *page = host - start;
	/* The page's ranges decoded, [from, to); the last is open. */
	unsigned from[FOLLOW_MAX + 1], to[FOLLOW_MAX + 1], pieces = 1;
	unsigned n = 0, side = 0;
	/* The register a followed call linked in and where it returns. */
	unsigned link = 0, link_at = 0;
	/*
	 * Past a conditional branch or a jump the block goes on; not on a
	 * hart without C, whose jumps to 2 mod 4 the helper takes.
	 */
	bool on = h->vm->decode_ext & (1ull << ACCEL_EXT_C);

	from[0] = start;
	*bytes = 0;
	while (n < DBT_BLOCK_MAX) {
		struct rv_insn *in = &ops[n].in;
		const struct rv_op_attr *a;
		unsigned next, target;
		bool covered = false;

		if (!fetch(h, page, at, in))
			break;
		a = &rv_op_attrs[in->op];
		in->pcoff = (int16_t)(at - start);
		/*
		 * On a hart without C, a jump to 2 mod 4 goes to the helper
		 * (translate.c), which reads the target block-relative, as
		 * the interpreter decodes it; instructions are 4 bytes
		 * there, so bit 1 of the offset stays what it was.
		 */
		if (!on && (in->op == RV_OP_jal || (a->flags & RV_A_BRANCH)) &&
		    (in->imm & 2))
			in->imm += at - start;
		ops[n].fn = NULL;
		n++;
		*bytes += in->len;
		next = at + in->len;
		at = next;
		/* Whatever writes an x register rd, a link there is gone. */
		if (in->rd == link)
			link = 0;
		if (!(a->flags & RV_A_END))
			continue;
		if (!on || !(a->flags & (RV_A_BRANCH | RV_A_JUMP)))
			break;
		if (in->op == RV_OP_jalr) {
			/* The return of a call followed: to its link. */
			if (!link || in->rd || in->rs1 != link || in->imm)
				break;
			target = link_at;
		} else {
			target = (unsigned)(next - in->len + (uint64_t)in->imm);
		}
		to[pieces - 1] = next;
		for (unsigned k = 0; k < pieces; k++)
			covered |= target - from[k] < to[k] - from[k];
		if (in->op == RV_OP_jal || in->op == RV_OP_jalr) {
			/* To the start: the block loops to itself. */
			if (target >= DBT_PAGE_SIZE || target == start ||
			    covered || pieces > FOLLOW_MAX)
				break;
			if (in->op == RV_OP_jalr) {
				link = 0;
			} else if (in->rd) {
				link = in->rd;
				link_at = next;
			}
			in->op = RV_OP_auipc;
			in->rs1 = 0;
			in->imm = in->len;
		} else {
			unsigned latch;

			if (++side > DBT_JIT_EXITS - 2)
				break;
			/* The taken way is the loop's, the other not. */
			if (target >= DBT_PAGE_SIZE || covered ||
			    pieces > FOLLOW_MAX ||
			    latch_to(h, page, next, start))
				continue;
			latch = latch_to(h, page, target, start);
			if (!latch || n + latch > DBT_BLOCK_MAX)
				continue;
			in->op = inverse_branch(in->op);
			in->imm = in->len;
		}
		from[pieces++] = at = target;
	}
	*end = (int)at - (int)start;
	return n;
}

/*
 * The instruction at h->pc (its first half at @host, the last two bytes
 * of a page) when it is a 32-bit one whose second half lies in RAM in the
 * next virtual page: decoded into @op, with where that half lies.
 */
static bool cross(struct dbt_hart *h, const uint8_t *host, struct dbt_op *op,
		  const uint8_t **xhost, uint64_t *xpage, uint32_t *xgen)
{
	const struct guestmem *m = h->vm->cfg.mem;
	struct dbt_exc saved = h->exc;
	uint16_t lo;

	if ((h->pc & ~DBT_PAGE_MASK) != DBT_PAGE_SIZE - 2)
		return false;
	lo = __atomic_load_n((const uint16_t *)host, __ATOMIC_RELAXED);
	if ((lo & 3) != 3)
		return false;
	/* A fault is the interpreter's to take, when it runs it. */
	if (dbt_mmu_code(h, h->pc + 2, xhost) || !*xhost) {
		h->exc = saved;
		return false;
	}
	*xpage = guestmem_page_of(m, *xhost);
	*xgen = dbt_cache_protect(h, *xpage);
	rv_decode_isa(lo | (uint32_t)__atomic_load_n((const uint16_t *)*xhost,
						     __ATOMIC_RELAXED)
				      << 16,
		      &op->in, h->vm->decode_ext);
	op->in.pcoff = 0;
	op->fn = NULL;
	return true;
}

static struct dbt_block *translate(struct dbt_hart *h, const uint8_t *host)
{
	struct dbt_jit *j = h->jit;
	struct dbt_cache *c = h->cache;
	const struct guestmem *m = h->vm->cfg.mem;
	uint64_t page = guestmem_page_of(m, host);
	struct dbt_op ops[DBT_BLOCK_MAX + 1];
	uint32_t marks[DBT_BLOCK_MAX + 1];
	bool tracing = dbt_trace_jit(h);
	const uint8_t *xhost = NULL;
	uint64_t xpage = 0;
	uint32_t xgen = 0;
	struct dbt_block *b;
	unsigned n, bytes;
	int end;
	uint32_t gen;

	/* The page is code from now on: decode only after marking it. */
	gen = dbt_cache_protect(h, page);
	n = decode(h, host, ops, &bytes, &end);
	if (!n && cross(h, host, &ops[0], &xhost, &xpage, &xgen)) {
		n = 1;
		bytes = 4;
		end = 4;
	}
	if (!n)
		return NULL;
	memset(&ops[n], 0, sizeof(ops[n]));
	ops[n].in.pcoff = (int16_t)end;

	if ((size_t)(j->buf.end - j->buf.p) < BLOCK_ROOM)
		reset_all(j);
	b = dbt_cache_alloc(c, n + 1);
	if (!b) {
		reset_all(j);
		b = dbt_cache_alloc(c, n + 1);
		if (!b)
			return NULL;
	}
	b->host = host;
	b->page = page;
	b->gen = gen;
	b->xhost = xhost;
	b->xpage = xpage;
	b->xgen = xgen;
	b->ninsn = (uint16_t)n;
	b->bytes = (uint16_t)bytes;
	b->va = h->pc;
	memcpy(b->ops, ops, (n + 1) * sizeof(ops[0]));
	if (jit_translate(j, b, tracing ? marks : NULL))
		return NULL;
	j->translated++;
	if (tracing)
		trace_block(j, b, marks);
	if (j->perfmap)
		fprintf(j->perfmap, "%" PRIx64 " %zx guest_%" PRIx64 "\n",
			b->jit, (size_t)(x86_here(&j->buf) - b->jit), b->va);
	dbt_cache_jinsert(c, b);
	dbt_cache_built(h, b);
	if (c->jit_dropped) {
		/* FENCE.I dropped a linked block meanwhile (cache.c). */
		reset_all(j);
		return NULL;
	}
	return b->gen == DBT_BLOCK_DEAD ? NULL : b;
}

struct dbt_block *dbt_jit_find(struct dbt_hart *h, const uint8_t *host)
{
	const _Atomic uint32_t *pgen = h->vm->cfg.mem->pgen;
	struct dbt_block *b = dbt_cache_jlookup(h->cache, host, h->pc);

	if (!b || !dbt_block_valid(b, pgen))
		return NULL;
	if (b->xhost) {
		/* The second half: the same page, the same code. */
		const struct dbt_tlb_entry *e =
			&h->itlb[((h->pc + 2) >> DBT_PAGE_SHIFT) &
				 (DBT_TLB_SIZE - 1)];

		if (e->tag_x != ((h->pc + 2) & DBT_PAGE_MASK) ||
		    (const uint8_t *)(e->addend + h->pc + 2) != b->xhost ||
		    (__atomic_load_n((const uint32_t *)&pgen[b->xpage],
				     __ATOMIC_ACQUIRE) >>
		     1) != b->xgen)
			return NULL;
	}
	return b;
}

struct dbt_block *dbt_jit_get(struct dbt_hart *h, const uint8_t *host)
{
	struct dbt_block *b = dbt_jit_find(h, host);

	return b ? b : translate(h, host);
}

/*
 * The hpm counters' budget (pmu.h), which translated code compares r15
 * with at each event check: r15 counts from 0 after each retirement.
 */
static void set_budget(struct dbt_hart *h)
{
	int64_t b = h->pmu_on ? dbt_pmu_budget(h) : INT64_MAX;

	/*
	 * Still what the last entry stored, behind its fence: nothing was
	 * posted since, or the poster's store of INT64_MIN is yet to come,
	 * for translated code to see (no other thread stores anything else).
	 * Most entries thus do without the fence.
	 */
	if (atomic_load_explicit(&h->jit_budget, memory_order_relaxed) == b)
		return;
	atomic_store_explicit(&h->jit_budget, b, memory_order_relaxed);
	/*
	 * An event posted meanwhile is seen here, or its poster's store of
	 * INT64_MIN comes after ours (it stores after posting; both sides
	 * are fenced).
	 */
	atomic_thread_fence(memory_order_seq_cst);
	if (atomic_load_explicit(&h->events, memory_order_relaxed))
		atomic_store_explicit(&h->jit_budget, INT64_MIN,
				      memory_order_relaxed);
}

/* MXCSR's flags kept by a trampoline, into fflags (see the top). */
static void fold(struct dbt_hart *h)
{
	struct dbt_jit *j = h->jit;
	unsigned m = j->mxcsr;

	if (!(m & 0x3d))
		return;
	j->mxcsr = 0;
	h->csr.fcsr |= mxcsr_fflags(m);
	dbt_csr_fs_dirty(h);
}

struct dbt_jit_ret dbt_jit_enter(struct dbt_hart *h, struct dbt_block *b)
{
	enter_fn fn = (enter_fn)(uintptr_t)h->jit->enter;
	struct dbt_jit_ret r;

	set_budget(h);
	r = fn(h, b->jit + b->jit_body);

	fold(h);
	return r;
}

/* Points the rel32 jump at execution address @site to @target. */
static void patch(struct dbt_jit *j, uint64_t site, uint64_t target)
{
	uint8_t *w = (uint8_t *)(uintptr_t)(site - (uint64_t)j->buf.delta);

	x86_patch_branch(w, site, target);
}

void dbt_jit_link(struct dbt_hart *h, struct dbt_jit_exit *e,
		  struct dbt_block *to)
{
	const struct dbt_block *from = e->from;
	uint64_t target = to->jit;

	if (!to->jit || to->va != e->target)
		return;
	/*
	 * Within the page: the same mapping, the same generation; and going
	 * forwards, no event check (see translate.c).
	 */
	if (!((e->target ^ from->va) & DBT_PAGE_MASK) &&
	    to->page == from->page && to->gen == from->gen)
		target += to->va > from->va ? to->jit_go : to->jit_body;
	patch(h->jit, e->site, target);
}

/* Writes jmp @target over the code at execution address @at. */
static void overwrite_jmp(struct dbt_jit *j, uint64_t at, uint64_t target)
{
	struct x86_buf b;

	x86_init(&b, (uint8_t *)(uintptr_t)(at - (uint64_t)j->buf.delta), 5,
		 at);
	x86_jmp_to(&b, target);
}

void dbt_jit_redirect(struct dbt_hart *h, struct dbt_block *old,
		      struct dbt_block *nb)
{
	if (old == nb || !old->jit || !nb->jit || old->va != nb->va ||
	    old->host != nb->host)
		return;
	overwrite_jmp(h->jit, old->jit, nb->jit);
	overwrite_jmp(h->jit, old->jit + old->jit_gen, nb->jit + nb->jit_gen);
}

void dbt_jit_remember(struct dbt_hart *h, uint64_t va, struct dbt_block *b)
{
	struct jit_jc *e = &h->jit->jcache[jit_jc_slot(va)];

	e->va = va;
	e->code = b->jit;
}

/* ---- called from translated code ---- */

/*
 * @n instructions retired, from @ops on; NULL when no counter counts
 * events of each instruction (translated code runs only then).
 */
static void retire(struct dbt_hart *h, const struct dbt_op *ops, uint64_t n)
{
	h->csr.minstret += n * h->instret_inc;
	h->csr.mcycle += n * h->cycle_inc;
	if (__builtin_expect(h->pmu_on, 0)) {
		dbt_pmu_retire(h, ops, n);
		set_budget(h);
	}
}

/* The op whose instruction @in is. */
static const struct dbt_op *op_of(const struct rv_insn *in)
{
	return (const struct dbt_op *)((const char *)in -
				       offsetof(struct dbt_op, in));
}

/*
 * After a trap, or an instruction that ends the block: whether translated
 * code may go on at h->pc, or must leave for the dispatcher. A request to
 * look at interrupts is served here, as the dispatcher would serve it (a
 * mode change, a CSR write or a trap makes one).
 */
static uint64_t go_on(struct dbt_hart *h)
{
	unsigned ev = atomic_load_explicit(&h->events, memory_order_relaxed);

	if (ev) {
		if (ev != DBT_EV_IRQ)
			return DBT_JIT_LOOKUP;
		atomic_fetch_and(&h->events, ~(unsigned)DBT_EV_IRQ);
		dbt_trap_check_irq(h);
		/* The event is served: translated code need not leave. */
		set_budget(h);
	}
	/*
	 * FENCE.I dropped a translation: the dispatcher empties the cache.
	 * A counter counts events of each instruction: the interpreter runs.
	 */
	if (h->cache->jit_dropped || h->pmu.per_insn)
		return DBT_JIT_LOOKUP;
	return JIT_RT_JUMP;
}

struct jit_pair jit_rt_load(struct dbt_hart *h, uint64_t va,
			    const struct rv_insn *in, uint64_t icount)
{
	const struct rv_op_attr *a = &rv_op_attrs[in->op];
	unsigned sh = 64 - 8 * a->size;
	uint64_t v;

	fold(h);
	if (dbt_mmu_load_slow(h, va, a->size, &v, 0)) {
		retire(h, NULL, icount);
		dbt_exec_tinst(h, in, va);
		dbt_trap_raise(h);
		return (struct jit_pair){0, go_on(h)};
	}
	if ((a->flags & RV_A_SIGNED) && sh)
		v = (uint64_t)((int64_t)(v << sh) >> sh);
	return (struct jit_pair){v, 0};
}

uint64_t jit_rt_store(struct dbt_hart *h, uint64_t va, uint64_t val,
		      const struct rv_insn *in, uint64_t icount)
{
	const struct rv_op_attr *a = &rv_op_attrs[in->op];

	fold(h);
	if (dbt_mmu_store_slow(h, va, a->size, val, 0)) {
		retire(h, NULL, icount);
		dbt_exec_tinst(h, in, va);
		dbt_trap_raise(h);
		return go_on(h);
	}
	if (__builtin_expect(h->htif_written, 0)) {
		h->pc += in->len;
		retire(h, NULL, icount);
		retire(h, op_of(in), 1);
		return DBT_JIT_HTIF;
	}
	return 0;
}

uint64_t jit_rt_helper(struct dbt_hart *h, const struct rv_insn *in,
		       uint64_t icount)
{
	const struct rv_op_attr *a = &rv_op_attrs[in->op];
	uint64_t next = h->pc + in->len;

	fold(h);
	retire(h, NULL, icount);
	h->stop_block = false;
	switch (dbt_exec_helper(h, in)) {
	case DBT_EXEC_NEXT:
		retire(h, op_of(in), 1);
		/*
		 * A block ends after a change of what it may assume (the
		 * translation, the enables: stop_block), as the interpreter's.
		 */
		if ((a->flags & RV_A_END) || h->stop_block || h->pc != next)
			return go_on(h);
		return 0;
	case DBT_EXEC_TRAP:
		if (a->flags & (RV_A_LOAD | RV_A_STORE))
			dbt_exec_tinst(
				h, in,
				h->x[in->rs1] +
					(a->flags & (RV_A_ATOMIC | RV_A_SYSTEM)
						 ? 0
						 : (uint64_t)in->imm));
		dbt_trap_raise(h);
		return go_on(h);
	case DBT_EXEC_SBI:
		return DBT_JIT_SBI;
	case DBT_EXEC_HTIF:
		retire(h, op_of(in), 1);
		return DBT_JIT_HTIF;
	}
	return DBT_JIT_LOOKUP;
}

uint64_t jit_rt_alu(struct dbt_hart *h, unsigned op, uint64_t a, uint64_t b)
{
	fold(h);
	switch (op) {
	case RV_OP_clz:
		return a ? (uint64_t)__builtin_clzll(a) : 64;
	case RV_OP_clzw:
		return (uint32_t)a ? (uint64_t)__builtin_clz((uint32_t)a) : 32;
	case RV_OP_ctz:
		return a ? (uint64_t)__builtin_ctzll(a) : 64;
	case RV_OP_ctzw:
		return (uint32_t)a ? (uint64_t)__builtin_ctz((uint32_t)a) : 32;
	case RV_OP_cpop:
		return (uint64_t)__builtin_popcountll(a);
	case RV_OP_cpopw:
		return (uint64_t)__builtin_popcount((uint32_t)a);
	case RV_OP_orc_b:
		return alu_orc_b(a);
	default:
		return b;
	}
}

/* ---- --trace jit ---- */

/* The host instructions in [from, to) of @b's code. */
static void trace_host(FILE *f, csh cs, const struct dbt_jit *j,
		       const struct dbt_block *b, uint32_t from, uint32_t to)
{
	uint64_t exec = b->jit + from;
	const uint8_t *code =
		(const uint8_t *)(uintptr_t)(exec - (uint64_t)j->buf.delta);
	cs_insn *insn;
	size_t n = cs_disasm(cs, code, to - from, exec, 0, &insn);

	for (size_t i = 0; i < n; i++)
		fprintf(f, "        %016" PRIx64 "  %s %s\n", insn[i].address,
			insn[i].mnemonic, insn[i].op_str);
	if (n)
		cs_free(insn, n);
}

/* Each guest instruction of a new block, followed by its host code. */
static void trace_block(struct dbt_jit *j, struct dbt_block *b,
			const uint32_t *marks)
{
	FILE *f = j->h->vm->cfg.trace;
	uint32_t end = (uint32_t)(x86_here(&j->buf) - b->jit);
	char text[64];
	csh cs;

	if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK)
		return;
	fprintf(f,
		"jit: hart %u, block %016" PRIx64 ": %u instructions, "
		"%" PRIu32 " bytes at %016" PRIx64 "\n",
		j->h->hartid, b->va, b->ninsn, end, b->jit);
	fprintf(f, "    (entry checks)\n");
	trace_host(f, cs, j, b, 0, marks[0]);
	for (unsigned i = 0; i < b->ninsn; i++) {
		const struct rv_insn *in = &b->ops[i].in;
		struct rv_insn as;

		/* As the guest wrote it (decode() may have changed the op). */
		rv_decode_isa(in->raw, &as, j->h->vm->decode_ext);
		rv_disas(&as, b->va + in->pcoff, text, sizeof(text));
		fprintf(f, "    %016" PRIx64 " (%0*" PRIx32 ") %s\n",
			b->va + in->pcoff, in->len == 2 ? 4 : 8, in->raw, text);
		trace_host(f, cs, j, b, marks[i], marks[i + 1]);
	}
	fprintf(f, "    (out of line)\n");
	trace_host(f, cs, j, b, marks[b->ninsn], end);
	cs_close(&cs);
	fflush(f);
}
