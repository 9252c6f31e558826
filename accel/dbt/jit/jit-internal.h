/* SPDX-License-Identifier: MIT */
/*
 * What the JIT's code cache (jit.c) and its translator (translate.c)
 * share: the per-hart state, the host register conventions of translated
 * code, and the C functions that code calls.
 */
#ifndef HVRUN_DBT_JIT_INTERNAL_H
#define HVRUN_DBT_JIT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "accel/dbt/cache.h"
#include "accel/dbt/hart.h"
#include "accel/dbt/jit/jit.h"
#include "accel/dbt/jit/x86.h"

/*
 * Host registers in translated code:
 *   rbp  the hart, plus JIT_BIAS (so that pc, the TLB pointers and most
 *        of x[] are within a one-byte displacement)
 *   r15  instructions retired since the counters were last brought up
 *        to date (see translate.c)
 *   rax, rcx, rdx  scratch
 *   the ten in jit_hosts below: ten guest registers (jit.map), for as
 *        long as translated code runs (loaded on entry, stored on exit and
 *        around calls to C)
 * and rsp the host stack, 16-byte aligned for calls, whose frame holds
 * (offsets from rsp in translated code):
 *   0     8 bytes of scratch
 *   8     the addend a window access found, for a later one at the same
 *         address (translate.c, pairs())
 *   16    the page cache: for each x register, the TLB tag (the page) and
 *         the addend of the last load it was the base of, then the same
 *         for stores (translate.c); a tag of all ones is no page
 */
#define JIT_HART X86_RBP
#define JIT_ICOUNT X86_R15
#define JIT_BIAS 128
#define JIT_FRAME 1048 /* bytes below the saved registers */
#define JIT_LEAD 8
#define JIT_PC_TAG(r, st) (16 + 256 * (st) + 8 * (int32_t)(r))
#define JIT_PC_ADDEND(r, st) (528 + 256 * (st) + 8 * (int32_t)(r))
#define JIT_NMAP DBT_JIT_MAPPED

/* The host registers that hold guest registers, callee-saved first. */
static const struct {
	enum x86_gpr host;
	bool saved; /* callee-saved in the System V ABI */
} jit_hosts[JIT_NMAP] = {
	{X86_RBX, true},  {X86_R12, true},  {X86_R13, true}, {X86_R14, true},
	{X86_RSI, false}, {X86_RDI, false}, {X86_R8, false}, {X86_R9, false},
	{X86_R10, false}, {X86_R11, false},
};

/*
 * The guest registers they hold: the most used ones of compiled RISC-V
 * code, the stack pointer, the argument registers GCC allocates first
 * (a5 down to a0), the return address and the first two saved
 * registers. (Following what the hot code of the moment uses instead,
 * sampled at event exits, made short phases run with the registers of
 * the phase before, up to three times slower, and gained nothing on
 * average.)
 */
static const uint8_t jit_default_map[JIT_NMAP] = {2,  15, 14, 10, 11,
						  12, 13, 1,  8,  9};

/* Offset of a hart field from rbp. */
#define JIT_OFF(field) ((int32_t)offsetof(struct dbt_hart, field) - JIT_BIAS)
#define JIT_XOFF(r) (JIT_OFF(x) + 8 * (int32_t)(r))
#define JIT_FOFF(r) (JIT_OFF(f) + 8 * (int32_t)(r))

/* Host CPU features translated code may use (jit.feat). */
enum {
	JIT_F_BMI1 = 1 << 0,
	JIT_F_BMI2 = 1 << 1,
	JIT_F_LZCNT = 1 << 2,
	JIT_F_POPCNT = 1 << 3,
	JIT_F_SSE41 = 1 << 4,
	JIT_F_FMA = 1 << 5,
};

/* The jump cache: where indirect jumps look for their target's code. */
#define JIT_JC_BITS 13
#define JIT_JC_SIZE (1u << JIT_JC_BITS)
/*
 * Translated code hashes the low 32 bits of the target (translate.c,
 * jump_indirect()); with more than 15 bits the slot would take in bit 32,
 * and every kernel target would miss where C put it.
 */
_Static_assert(JIT_JC_BITS <= 15, "the jump cache's hash fits 32 bits");
struct jit_jc {
	uint64_t va;   /* odd: empty */
	uint64_t code; /* the block's checked entry */
};

/* Where @va goes in the jump cache (as translated code computes it). */
static inline unsigned jit_jc_slot(uint64_t va)
{
	return (unsigned)(((va ^ (va >> JIT_JC_BITS)) >> 1) &
			  (JIT_JC_SIZE - 1));
}

struct dbt_jit {
	struct dbt_hart *h;
	/* The code buffer: written at rw, run at rx (the same pages). */
	int fd;
	uint8_t *rw, *rx;
	size_t size;
	size_t start; /* where blocks begin, after the trampolines */
	struct x86_buf buf;
	/* Trampolines (execution addresses); see jit.c. */
	uint64_t enter;
	uint64_t exit;	       /* rax = what; stores the mapped registers */
	uint64_t exit_nostore; /* rax = what; h->x is up to date */
	uint64_t spill;	       /* call: stores the mapped registers */
	uint64_t reload;       /* call: loads the caller-saved mapped ones */
	uint64_t reload_all;   /* call: loads every mapped register */
	uint64_t fflags_of;    /* data: MXCSR's flags (6 bits) as fflags */
	struct jit_jc *jcache;
	uint64_t resets;
	uint64_t arena_resets; /* h->cache->resets when last looked at */
	unsigned feat;
	uint64_t translated;
	/*
	 * MXCSR as the trampolines found it (exit, spill): its exception
	 * flags are the guest's, until folded into fflags; and what they
	 * load (enter, reload): round to nearest, every exception masked.
	 */
	uint32_t mxcsr, mxcsr_clean;
	/* The guest register in jit_hosts[k], and what chooses them. */
	uint8_t map[JIT_NMAP];
	uint64_t remaps;
	FILE *perfmap; /* perf's map of JIT code (HVRUN_JIT_PERFMAP) */
	/*
	 * The accesses through the window, in code order, and where a
	 * fault on the window resumes each (its TLB path): offsets in the
	 * buffer.
	 */
	struct jit_site {
		uint32_t access, resume;
	} * sites;
	size_t nsites, maxsites;
};

/*
 * Translates @b (decoded, b->va set) into j->buf. 0, or -1 when the buffer
 * is full or the block cannot be translated (the emitter's error). With
 * @marks (b->ninsn + 1 entries), records where each instruction's code
 * begins (offsets from b->jit; the last one: where the out-of-line code
 * begins).
 */
int jit_translate(struct dbt_jit *j, struct dbt_block *b, uint32_t *marks);

/*
 * Records that a fault on the window by the access at (execution address)
 * @access resumes at @resume; accesses come in code order. 0, or -1 when
 * the table is full.
 */
int jit_add_site(struct dbt_jit *j, uint64_t access, uint64_t resume);

/* ---- C functions translated code calls (jit.c) ---- */

/*
 * What they return besides 0 (go on with the block) and the DBT_JIT_*
 * reasons to leave translated code: go on at h->pc, through the jump
 * cache (after a trap, or an instruction that ended the block). Either
 * way, every instruction they retired is counted already.
 */
#define JIT_RT_JUMP 64

struct jit_pair {
	uint64_t a, b;
};

/*
 * A load that missed the inline TLB look-up, h->pc at it: {value, 0}, or
 * {0, why} after taking the fault, @icount instructions before it retired
 * first.
 */
struct jit_pair jit_rt_load(struct dbt_hart *h, uint64_t va,
			    const struct rv_insn *in, uint64_t icount);
/* The same for a store: 0, or why not. */
uint64_t jit_rt_store(struct dbt_hart *h, uint64_t va, uint64_t val,
		      const struct rv_insn *in, uint64_t icount);
/*
 * An instruction the helpers carry out (exec.h), h->pc at it and h->x up
 * to date: 0 when the block goes on with the next instruction (then
 * @icount + 1 instructions were retired), else why not.
 */
uint64_t jit_rt_helper(struct dbt_hart *h, const struct rv_insn *in,
		       uint64_t icount);
/* Integer operations without an inline translation on this host. */
uint64_t jit_rt_alu(struct dbt_hart *h, unsigned op, uint64_t a, uint64_t b);

#endif
