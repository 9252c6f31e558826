/* SPDX-License-Identifier: MIT */
/*
 * The translator: a block of decoded RISC-V instructions (cache.h) into
 * x86-64 code, in one pass, instruction by instruction, with the
 * out-of-line paths (TLB misses, exits) after the block's body.
 *
 * Guest registers. Ten of them live in host registers for as long as
 * translated code runs (jit-internal.h: jit_hosts; which ten is
 * jit.map: sp, a0 to a5, ra, s0 and s1, or others a test asks for,
 * dbt_jit_set_map()); they are loaded
 * when the dispatcher enters translated code and stored when it leaves,
 * so chained blocks pass them along in registers. The others are read
 * and written in h->x, mostly as memory operands. Around a call to C,
 * every mapped register is stored to h->x first (a helper may read any of
 * them, a fault must find them there) and the caller-saved ones are
 * loaded again after.
 *
 * Entries. A block's code begins with four entry points, each falling
 * into the next:
 *   checked  the fetch TLB must map the block's virtual pc to its
 *            physical address (jumps from other pages, the jump cache);
 *   gen      the page must have the generation the block was decoded
 *            from (the dispatcher, which looked at the TLB itself);
 *   body     a pending event leaves before the first instruction (jumps
 *            back within the page: see jit.h);
 *   go       the first instruction (jumps forward within the page).
 * Code that runs on for ever runs some jump backwards, or to another
 * page, or through the jump cache, and so passes an event check; a run
 * of forward jumps within a page is at most as long as the page. So an
 * interrupt, a kick or a pause request is seen within a bounded number of
 * instructions of being posted (a page's worth of blocks, each of at most
 * DBT_BLOCK_MAX). The event check is one compare of r15 with
 * h->jit_budget, which posting an event sets to INT64_MIN (hart.h), and
 * which is otherwise how many instructions may retire before an hpm
 * counter overflows, whose interrupt is due as soon as the dispatcher
 * brings the counters up to date.
 *
 * Exits. A direct jump or branch ends in a rel32 jump that first leads to
 * a stub returning its struct dbt_jit_exit to the dispatcher, which links
 * it (patches the jump) to the target's checked entry, or to its body
 * when it is in the same page. A conditional branch before the block's
 * last instruction is a side exit (jit.c decodes on past a few, on at the
 * target of a jump within the page, and makes a branch to a loop's latch
 * its inverse, the latch following): the fall-through stays in the block,
 * its registers and its analyses; one back to the block's own start goes
 * to the first instruction directly, past an event check. An indirect
 * jump (jalr) looks its target up in the jump cache inline and jumps to
 * the checked entry found there, or returns to the dispatcher on a miss.
 *
 * Counters. r15 counts the instructions retired since minstret and mcycle
 * were last brought up to date: each exit adds the block's count to it
 * (what a side exit passed on counted already, tr.cbias),
 * the dispatcher adds it to the counters, and a call to C that may need
 * them (a helper, a fault) is handed r15 plus the instructions before it,
 * after which r15 restarts from minus those.
 *
 * Memory. A load or store looks at the data TLB inline (mmu.h: one
 * compare and one add, h->dtlb read from the hart each time, since a
 * helper may switch it) and calls C on a miss, for devices, watched pages
 * and faults. Exceptions are precise: the out-of-line path sets h->pc to
 * the instruction and stores every register before calling C; the C side
 * takes the trap (with the transformed instruction for htinst/mtinst) and
 * the block leaves without retiring the instruction. An access addresses
 * memory from the parts of its base where address arithmetic left them
 * (arith()), and a lazy register's value goes to h->x before such a trap.
 *
 * What is not translated inline goes to the helpers of exec.h, exactly as
 * the interpreter calls them (CSRs, atomics, floating point, privileged
 * instructions).
 */
#include "accel/dbt/jit/jit-internal.h"

#include <string.h>

#include "accel/dbt/csr.h"
#include "accel/dbt/fpu.h"
#include "riscv/riscv.h"
#include "accel/dbt/mmu.h"
#include "base/guestmem.h"

/*
 * A value as an x86 address over host registers: base + index * scale +
 * disp (base and index may be X86_NOREG); scale 0: none.
 */
struct form {
	int8_t base, index;
	uint8_t scale;
	int32_t disp;
};

/* One out-of-line path, most of them coming back into the block. */
enum stub_kind {
	STUB_LOAD, /* a TLB miss: C does the access */
	STUB_STORE,
	STUB_HELPER, /* the helper carries the instruction out instead */
	STUB_BAIL,   /* the interpreter takes over at the instruction */
	STUB_NAN,    /* a NaN result becomes the canonical NaN */
};

struct stub {
	uint8_t kind;
	uint8_t i;     /* instruction index */
	uint8_t cbias; /* tr.cbias there */
	uint8_t rd;    /* STUB_NAN: the f register, and whether single */
	bool single;
	struct x86_label at, back;
	/* A load or store through the page cache: its miss path. */
	bool pcache, st;
	uint8_t base;
	struct x86_label miss, hit;
	/* The address is the form @af (its registers kept by the fast path). */
	bool split;
	struct form af;
	/*
	 * x[fix] was lazy at the access (its slot gets the form of the
	 * registers' slots fixb, fixi: a fault must find it there).
	 */
	uint8_t fix, fixb, fixi, fixs;
	int32_t fixd;
	/*
	 * Through the window (window.h): @wk the range looked at first, the
	 * others out of line, then the TLB; @access the access itself, which
	 * a fault on the window resumes at @tlb.
	 */
	bool win;
	uint8_t wk;
	struct x86_label other, tlb;
	uint64_t access;
	/*
	 * A pair at one address (pairs()): @lead leaves its addend in the
	 * frame (looked up with the store tag when @lead_w), @follow takes it.
	 */
	bool lead, lead_w, follow;
};

/* The translation of one block. */
struct tr {
	struct dbt_jit *j;
	struct x86_buf *b;
	struct dbt_block *blk;
	unsigned i; /* the instruction being translated */
	int8_t host[32];
	struct stub stubs[4 * DBT_BLOCK_MAX];
	unsigned nstubs;
	/*
	 * After a call to C that said not to go on with the block (rax):
	 * on at h->pc through the jump cache, or leave. Every instruction
	 * retired is counted, and h->x is up to date.
	 */
	struct x86_label nonzero;
	struct x86_label jump_pc; /* on at h->pc */
	bool jump_used;
	struct x86_label exits[DBT_JIT_EXITS]; /* stubs of the direct exits */
	unsigned nexits;
	/* The first instruction, in the block's registers (a loop's head). */
	struct x86_label head;
	/*
	 * Instructions of the block r15 counts already where the code goes
	 * on (past a side exit, which counted them for its own way out).
	 */
	unsigned cbias;
	/* Floating point: what the block's guard checks (translate_fp). */
	bool fp_guarded, fp_dirty, fp_rne;
	/* How each instruction's access uses the page cache (PC_*). */
	uint8_t pcmode[DBT_BLOCK_MAX];
	struct stub *bail; /* the current instruction's STUB_BAIL */
	/*
	 * The block's own registers (choose_swaps()): in the body, host
	 * register jit_hosts[k] holds x[in] instead of x[out].
	 */
	struct {
		uint8_t k, in, out;
		bool dirty; /* the block may write x[in] */
	} swap[JIT_NMAP];
	unsigned nswap;
	bool canon; /* the exits' code: the swaps are undone */
	/* User code: loads and stores go through the window first. */
	bool win;
	/*
	 * Per instruction: whether the upper half of what it writes may
	 * be looked at (high_halves()); a 32-bit op whose result's is not
	 * leaves it as the host's 32-bit op does.
	 */
	bool hi[DBT_BLOCK_MAX];
	uint32_t pend[DBT_BLOCK_MAX];
	/* The registers holding a sign-extended word (known_sext()). */
	uint32_t sx;
	/* The instruction translated took the next one too (shift_add()). */
	bool fused;
	/*
	 * The code at @fwd_at, reached only from the code before it, has
	 * just stored host register fwd_host to x[fwd_reg] (put()): a read
	 * of x[fwd_reg] there takes the register, not the store's way back.
	 */
	uint8_t *fwd_at;
	unsigned fwd_reg;
	enum x86_gpr fwd_host;
	/*
	 * Address arithmetic (arith()): x[r] equals form[r] for as long as
	 * no host register the form names is written (forget()). @lazy, when
	 * not 0, is the one register whose own host register does not hold
	 * it: its form names that register (what it held before), and it is
	 * computed only when something else than address arithmetic, a load
	 * or a store needs it (materialize()).
	 */
	struct form form[32];
	uint32_t formed; /* which form[] hold */
	unsigned lazy;
	/*
	 * Rotates written as two shifts and an or (rotates()): the shifts
	 * are ROT_SKIP, the or rotates x[rot_src] right by rot_n.
	 */
	uint8_t rot[DBT_BLOCK_MAX];
	uint8_t rot_src[DBT_BLOCK_MAX], rot_n[DBT_BLOCK_MAX];
	/* Accesses at one address through the window (pairs()). */
	bool lead[DBT_BLOCK_MAX], lead_w[DBT_BLOCK_MAX];
	bool follow[DBT_BLOCK_MAX];
};

enum { ROT_NONE, ROT_SKIP, ROT_32, ROT_64 };

#define B (t->b)

static void call_helper(struct tr *t, unsigned i);
static void jump_indirect(struct tr *t);

static const struct rv_insn *insn(const struct tr *t)
{
	return &t->blk->ops[t->i].in;
}

static uint64_t pc_of(const struct tr *t, unsigned i)
{
	return t->blk->va + t->blk->ops[i].in.pcoff;
}

/* ---- guest registers ---- */

static bool mapped(const struct tr *t, unsigned r)
{
	return r && r < 32 && t->host[r] >= 0;
}

static enum x86_gpr hreg(const struct tr *t, unsigned r)
{
	return (enum x86_gpr)t->host[r];
}

static struct x86_mem xmem(unsigned r)
{
	return x86_mem(JIT_HART, JIT_XOFF(r));
}

static struct x86_mem fmem(unsigned r)
{
	return x86_mem(JIT_HART, JIT_FOFF(r));
}

/* The upper half of f[r]: all ones when it holds a single. */
static struct x86_mem fmem_hi(unsigned r)
{
	return x86_mem(JIT_HART, JIT_FOFF(r) + 4);
}

/* Whether the code here still follows put()'s store, and only it. */
static bool fwd_live(const struct tr *t)
{
	return x86_pos(B) == t->fwd_at && B->bound != x86_pos(B);
}

/* Whether x[r], not mapped, was just stored from t->fwd_host. */
static bool just_put(const struct tr *t, unsigned r)
{
	return r == t->fwd_reg && fwd_live(t);
}

/* dst = x[r], the flags kept. */
static void get(struct tr *t, enum x86_gpr dst, unsigned r)
{
	if (!r) {
		x86_mov_ri(B, 32, dst, 0);
	} else if (mapped(t, r)) {
		x86_mov_rr(B, 64, dst, hreg(t, r));
	} else if (just_put(t, r)) {
		if (dst != t->fwd_host)
			x86_mov_rr(B, 64, dst, t->fwd_host);
		t->fwd_at = x86_pos(B);
	} else {
		x86_mov_rm(B, 64, dst, xmem(r));
	}
}

/* dst = x[r], without a copy when dst already holds it. */
static void get_into(struct tr *t, enum x86_gpr dst, unsigned r)
{
	if (mapped(t, r) && hreg(t, r) == dst)
		return;
	get(t, dst, r);
}

/* A register holding x[r]: its own, or @scratch loaded with it. */
static enum x86_gpr use(struct tr *t, unsigned r, enum x86_gpr scratch)
{
	if (mapped(t, r))
		return hreg(t, r);
	get(t, scratch, r);
	return scratch;
}

/* The register to compute x[rd] in: its own, or rax. */
static enum x86_gpr def(const struct tr *t, unsigned rd)
{
	return mapped(t, rd) ? hreg(t, rd) : X86_RAX;
}

/* x[rd] = reg (reg being def(rd) or any other). */
static void put(struct tr *t, unsigned rd, enum x86_gpr reg)
{
	if (!rd)
		return;
	if (mapped(t, rd)) {
		if (hreg(t, rd) != reg)
			x86_mov_rr(B, 64, hreg(t, rd), reg);
	} else {
		x86_mov_mr(B, 64, xmem(rd), reg);
		t->fwd_at = x86_pos(B);
		t->fwd_reg = rd;
		t->fwd_host = reg;
	}
}

/* x[rd] = v; rcx may be used. */
static void put_imm(struct tr *t, unsigned rd, uint64_t v)
{
	if (!rd)
		return;
	if (mapped(t, rd)) {
		x86_mov_ri(B, 64, hreg(t, rd), (int64_t)v);
	} else if ((int64_t)v == (int32_t)v) {
		x86_mov_mi(B, 64, xmem(rd), (int64_t)v);
	} else {
		x86_mov_ri(B, 64, X86_RCX, (int64_t)v);
		x86_mov_mr(B, 64, xmem(rd), X86_RCX);
	}
}

/* ---- address arithmetic ---- */

static bool form_uses(const struct form *f, enum x86_gpr r)
{
	return f->scale && (f->base == (int8_t)r || f->index == (int8_t)r);
}

static struct x86_mem form_mem(const struct form *f)
{
	return x86_mem_idx((enum x86_gpr)f->base, (enum x86_gpr)f->index,
			   f->scale, f->disp);
}

/* x[r] as a form; false when r is not x0 and neither mapped nor formed. */
static bool form_of(const struct tr *t, unsigned r, struct form *f)
{
	if (!r)
		*f = (struct form){X86_NOREG, X86_NOREG, 1, 0};
	else if (t->formed >> r & 1)
		*f = t->form[r];
	else if (mapped(t, r))
		*f = (struct form){(int8_t)hreg(t, r), X86_NOREG, 1, 0};
	else
		return false;
	return true;
}

/* *f += *g + imm: at most two registers, one of them scaled. */
static bool form_add(struct form *f, const struct form *g, int64_t imm)
{
	int8_t r[4];
	unsigned sc[4], n = 0;
	int64_t d = (int64_t)f->disp + g->disp + imm;
	const struct form *in[2] = {f, g};

	for (unsigned k = 0; k < 2; k++) {
		if (in[k]->base != X86_NOREG) {
			r[n] = in[k]->base;
			sc[n++] = 1;
		}
		if (in[k]->index != X86_NOREG) {
			r[n] = in[k]->index;
			sc[n++] = in[k]->scale;
		}
	}
	if (n == 2 && r[0] == r[1]) {
		sc[0] += sc[1];
		n = 1;
		if (sc[0] != 2 && sc[0] != 4 && sc[0] != 8)
			return false;
	}
	if (n > 2 || (n == 2 && sc[0] > 1 && sc[1] > 1) || d != (int32_t)d)
		return false;
	*f = (struct form){X86_NOREG, X86_NOREG, 1, (int32_t)d};
	if (n == 2 && sc[0] > 1) {
		f->base = r[1];
		f->index = r[0];
		f->scale = (uint8_t)sc[0];
	} else if (n == 2) {
		f->base = r[0];
		f->index = r[1];
		f->scale = (uint8_t)sc[1];
	} else if (n == 1 && sc[0] > 1) {
		f->index = r[0];
		f->scale = (uint8_t)sc[0];
	} else if (n == 1) {
		f->base = r[0];
	}
	return true;
}

/* *f <<= sh */
static bool form_shift(struct form *f, unsigned sh)
{
	int64_t d = (int64_t)f->disp * (1 << sh);

	if (f->base != X86_NOREG && f->index != X86_NOREG)
		return false;
	if (f->base != X86_NOREG) {
		f->index = f->base;
		f->base = X86_NOREG;
		f->scale = 1;
	}
	if (f->index == X86_NOREG)
		f->scale = 1;
	else if (f->scale << sh > 8)
		return false;
	else
		f->scale = (uint8_t)(f->scale << sh);
	if (d != (int32_t)d)
		return false;
	f->disp = (int32_t)d;
	return true;
}

/*
 * Host register @r is written: the forms naming it no longer hold. The
 * lazy register's must have been computed before (were it not, the
 * block is given up, and the interpreter runs it).
 */
static void forget(struct tr *t, enum x86_gpr r)
{
	for (uint32_t m = t->formed; m; m &= m - 1) {
		unsigned g = (unsigned)__builtin_ctz(m);

		if (!form_uses(&t->form[g], r))
			continue;
		if (g == t->lazy)
			t->b->err |= X86_ERR_OPERAND;
		t->formed &= ~(1u << g);
	}
}

/* x[rd] is no longer what its form (or lazy state) says. */
static void redefined(struct tr *t, unsigned rd)
{
	rd &= 31;
	if (t->lazy == rd)
		t->lazy = 0;
	t->formed &= ~(1u << rd);
}

/* x[rd] was written as any op writes it. */
static void written(struct tr *t, unsigned rd)
{
	redefined(t, rd);
	if (mapped(t, rd))
		forget(t, hreg(t, rd & 31));
}

/* The lazy register into its host register. */
static void materialize(struct tr *t)
{
	unsigned p = t->lazy;

	if (!p)
		return;
	t->lazy = 0;
	x86_lea(B, 64, hreg(t, p), form_mem(&t->form[p]));
	forget(t, hreg(t, p));
}

/*
 * The guest register whose h->x slot a spill stores host register @r to
 * (0 for none).
 */
static unsigned owner(const struct tr *t, int8_t r)
{
	for (unsigned g = 1; r != X86_NOREG && g < 32; g++)
		if (t->host[g] == r)
			return g;
	return 0;
}

/* op dst, x[r] */
static void alu_src(struct tr *t, enum x86_alu op, unsigned bits,
		    enum x86_gpr dst, unsigned r)
{
	if (!r)
		x86_alu_ri(B, op, bits, dst, 0);
	else if (mapped(t, r))
		x86_alu_rr(B, op, bits, dst, hreg(t, r));
	else if (just_put(t, r) && dst != t->fwd_host)
		x86_alu_rr(B, op, bits, dst, t->fwd_host);
	else
		x86_alu_rm(B, op, bits, dst, xmem(r));
}

/* h->pc = @pc; rcx may be used. */
static void set_pc(struct tr *t, uint64_t pc)
{
	struct x86_mem m = x86_mem(JIT_HART, JIT_OFF(pc));

	if ((int64_t)pc == (int32_t)pc) {
		x86_mov_mi(B, 64, m, (int64_t)pc);
	} else {
		x86_mov_ri(B, 64, X86_RCX, (int64_t)pc);
		x86_mov_mr(B, 64, m, X86_RCX);
	}
}

/*
 * r15 += the block's first @n instructions, as far as not counted yet;
 * the flags kept.
 */
static void count(struct tr *t, unsigned n)
{
	bool fwd = fwd_live(t);

	if (n != t->cbias)
		x86_lea(B, 64, JIT_ICOUNT,
			x86_mem(JIT_ICOUNT, (int32_t)n - (int32_t)t->cbias));
	if (fwd)
		t->fwd_at = x86_pos(B);
}

/* The instructions retired before instruction @i, for C: r15 + this. */
static int32_t retired_before(const struct tr *t, unsigned i)
{
	return (int32_t)i - (int32_t)t->cbias;
}

/*
 * Block-local registers. The ten host registers hold jit.map's guest
 * registers between blocks; a block that uses others much more than some
 * of those (a long block of hash or cipher rounds on t0-t6 and s2-s11)
 * lends the host registers of the least used ones to them for its body:
 * on entry the lent register goes home to h->x and the borrower comes in,
 * and before every exit and every call to C (whose trampolines know only
 * jit.map) the borrower goes home, if written, and the lender comes back.
 * A lender still used in the block is read and written in h->x meanwhile.
 */
enum { SWAP_GAIN = 4 }; /* uses gained over a swap's four moves, at least */

/*
 * Whether @blk jumps back to its own start, where it goes on in its own
 * registers: its uses count for each round, the swaps once.
 */
static bool loops_to_self(const struct dbt_block *blk)
{
	for (unsigned i = 0; i < blk->ninsn; i++) {
		const struct rv_insn *in = &blk->ops[i].in;

		if (((rv_op_attrs[in->op].flags & RV_A_BRANCH) ||
		     in->op == RV_OP_jal) &&
		    in->pcoff + (uint64_t)in->imm == 0)
			return true;
	}
	return false;
}

static void choose_swaps(struct tr *t)
{
	const struct dbt_block *blk = t->blk;
	unsigned uses[32] = {0};
	bool written[32] = {false};
	unsigned gain = loops_to_self(blk) && !blk->xhost ? 1 : SWAP_GAIN;

	for (unsigned i = 0; i < blk->ninsn; i++) {
		const struct rv_insn *in = &blk->ops[i].in;
		const struct rv_op_attr *a = &rv_op_attrs[in->op];

		written[in->rd & 31] = true;
		if (a->flags & (RV_A_SYSTEM | RV_A_VECTOR))
			continue;
		if (a->flags & RV_A_FP) {
			/* f registers but for the base of a load or store */
			if (a->flags & (RV_A_LOAD | RV_A_STORE))
				uses[in->rs1 & 31]++;
			continue;
		}
		uses[in->rs1 & 31]++;
		uses[in->rs2 & 31]++;
		if (a->flags & RV_A_RD)
			uses[in->rd & 31]++;
	}
	uses[0] = 0;
	for (;;) {
		unsigned best = 0, k_low = JIT_NMAP;

		for (unsigned r = 1; r < 32; r++)
			if (t->host[r] < 0 && uses[r] > uses[best])
				best = r;
		for (unsigned k = 0; k < JIT_NMAP; k++) {
			unsigned g = t->j->map[k];

			if (t->host[g] >= 0 &&
			    (k_low == JIT_NMAP ||
			     uses[g] < uses[t->j->map[k_low]]))
				k_low = k;
		}
		if (!best || k_low == JIT_NMAP ||
		    uses[best] < uses[t->j->map[k_low]] + gain)
			return;
		unsigned out = t->j->map[k_low];

		t->swap[t->nswap].k = (uint8_t)k_low;
		t->swap[t->nswap].in = (uint8_t)best;
		t->swap[t->nswap].out = (uint8_t)out;
		t->swap[t->nswap].dirty = written[best];
		t->nswap++;
		t->host[best] = (int8_t)jit_hosts[k_low].host;
		t->host[out] = -1;
		uses[best] = 0; /* taken */
	}
}

/* From jit.map's registers to the block's. */
static void swap_in(struct tr *t)
{
	for (unsigned n = 0; n < t->nswap; n++) {
		enum x86_gpr r = jit_hosts[t->swap[n].k].host;

		x86_mov_mr(B, 64, x86_mem(JIT_HART, JIT_XOFF(t->swap[n].out)),
			   r);
		x86_mov_rm(B, 64, r,
			   x86_mem(JIT_HART, JIT_XOFF(t->swap[n].in)));
	}
}

/* And back (the flags kept). */
static void swap_out(struct tr *t)
{
	for (unsigned n = 0; n < t->nswap; n++) {
		enum x86_gpr r = jit_hosts[t->swap[n].k].host;

		if (t->swap[n].dirty)
			x86_mov_mr(B, 64,
				   x86_mem(JIT_HART, JIT_XOFF(t->swap[n].in)),
				   r);
		x86_mov_rm(B, 64, r,
			   x86_mem(JIT_HART, JIT_XOFF(t->swap[n].out)));
	}
}

/* Every mapped register to h->x, before a call to C. */
static void spill(struct tr *t)
{
	if (!t->canon)
		swap_out(t);
	x86_call_to(B, t->j->spill);
}

/* After the call: the registers again (h->x is up to date). */
static void reload(struct tr *t)
{
	x86_call_to(B, t->j->reload);
	if (t->canon)
		return;
	for (unsigned n = 0; n < t->nswap; n++)
		x86_mov_rm(B, 64, jit_hosts[t->swap[n].k].host,
			   x86_mem(JIT_HART, JIT_XOFF(t->swap[n].in)));
}

/* Before leaving the block for another, or for the dispatcher. */
static void leave_block(struct tr *t)
{
	if (!t->canon)
		swap_out(t);
	t->canon = true;
}

static void call_c(struct tr *t, const void *fn)
{
	x86_call_to(B, (uint64_t)(uintptr_t)fn);
}

/* ---- integer operations ---- */

/* x[rd] = x[rs1] op x[rs2] (64 bits). */
static void binop(struct tr *t, enum x86_alu op, bool comm)
{
	const struct rv_insn *in = insn(t);
	unsigned rd = in->rd, a = in->rs1, c = in->rs2;

	if (!rd)
		return;
	if (comm && !a) {
		a = c;
		c = 0;
	}
	if (!c && op != X86_AND) {
		/* A move (c.mv is add rd, x0, rs2). */
		get_into(t, def(t, rd), a);
		put(t, rd, def(t, rd));
		return;
	}
	if (mapped(t, rd)) {
		enum x86_gpr d = hreg(t, rd);

		if (rd == a) {
			alu_src(t, op, 64, d, c);
			return;
		}
		if (rd == c && comm) {
			alu_src(t, op, 64, d, a);
			return;
		}
		if (rd != c) {
			if (op == X86_ADD && mapped(t, a) && mapped(t, c)) {
				x86_lea(B, 64, d,
					x86_mem_idx(hreg(t, a), hreg(t, c), 1,
						    0));
				return;
			}
			get(t, d, a);
			alu_src(t, op, 64, d, c);
			return;
		}
	}
	get(t, X86_RAX, a);
	alu_src(t, op, 64, X86_RAX, c);
	put(t, rd, X86_RAX);
}

/* x[rd] = x[rs1] op imm (64 bits). */
static void binop_imm(struct tr *t, enum x86_alu op, int64_t imm)
{
	const struct rv_insn *in = insn(t);
	unsigned rd = in->rd, a = in->rs1;
	enum x86_gpr d;

	if (!rd)
		return;
	if (!a) {
		/* The result is known: 0 op imm. */
		put_imm(t, rd, op == X86_AND ? 0 : (uint64_t)imm);
		return;
	}
	if (rd == a && !mapped(t, rd)) {
		x86_alu_mi(B, op, 64, xmem(rd), imm);
		return;
	}
	d = def(t, rd);
	if (op == X86_ADD && mapped(t, a) && hreg(t, a) != d) {
		x86_lea(B, 64, d, x86_mem(hreg(t, a), (int32_t)imm));
	} else {
		get_into(t, d, a);
		if (!(imm == 0 &&
		      (op == X86_ADD || op == X86_OR || op == X86_XOR)))
			x86_alu_ri(B, op, 64, d, imm);
	}
	put(t, rd, d);
}

/* x[rd] = sext32(x[rs1] op x[rs2]) */
static void binop_w(struct tr *t, enum x86_alu op)
{
	const struct rv_insn *in = insn(t);
	unsigned rd = in->rd;
	enum x86_gpr d = def(t, rd);

	if (!rd)
		return;
	if (mapped(t, rd) && rd == in->rs2 && rd != in->rs1)
		d = X86_RAX;
	get_into(t, d, in->rs1);
	alu_src(t, op, 32, d, in->rs2);
	if (t->hi[t->i])
		x86_movsx_rr(B, 64, 32, d, d);
	put(t, rd, d);
}

/* Shift of x[rs1] by an immediate, 64 or 32 bits (sign-extended). */
static void shift_imm(struct tr *t, enum x86_shift op, unsigned bits)
{
	const struct rv_insn *in = insn(t);
	unsigned rd = in->rd, n = (unsigned)in->imm & (bits - 1);
	enum x86_gpr d = def(t, rd);

	if (!rd)
		return;
	if (bits == 32 && (!n || op == X86_SAR)) {
		/* sext32(x >> n) is sext32(x) >> n, arithmetically */
		x86_movsx_rr(B, 64, 32, d, use(t, in->rs1, d));
		if (n)
			x86_shift_ri(B, op, 64, d, (uint8_t)n);
		put(t, rd, d);
		return;
	}
	get_into(t, d, in->rs1);
	if (n)
		x86_shift_ri(B, op, bits, d, (uint8_t)n);
	/* A logical shift right by n > 0 leaves bit 31 clear: no sign. */
	if (bits == 32 && op != X86_SHR && t->hi[t->i])
		x86_movsx_rr(B, 64, 32, d, d);
	put(t, rd, d);
}

/* The or of a rotate (rotates()): x[rd] = x[rot_src] rotated right. */
static void rotate(struct tr *t)
{
	unsigned rd = insn(t)->rd & 31, bits = t->rot[t->i] == ROT_32 ? 32 : 64;
	enum x86_gpr d = def(t, rd);

	get_into(t, d, t->rot_src[t->i]);
	x86_shift_ri(B, X86_ROR, bits, d, t->rot_n[t->i]);
	if (bits == 32 && t->hi[t->i])
		x86_movsx_rr(B, 64, 32, d, d);
	put(t, rd, d);
}

/* Shift of x[rs1] by x[rs2], 64 or 32 bits (sign-extended). */
static void shift_reg(struct tr *t, enum x86_shift op, unsigned bits)
{
	const struct rv_insn *in = insn(t);
	unsigned rd = in->rd;
	enum x86_gpr d = def(t, rd), a, c;

	if (!rd)
		return;
	if ((t->j->feat & JIT_F_BMI2) && op != X86_ROL && op != X86_ROR) {
		a = use(t, in->rs1, X86_RAX);
		c = use(t, in->rs2, X86_RCX);
		if (op == X86_SHL)
			x86_shlx(B, bits, d, a, c);
		else if (op == X86_SHR)
			x86_shrx(B, bits, d, a, c);
		else
			x86_sarx(B, bits, d, a, c);
	} else {
		get(t, X86_RCX, in->rs2);
		get(t, X86_RAX, in->rs1);
		x86_shift_rcl(B, op, bits, X86_RAX);
		d = X86_RAX;
	}
	if (bits == 32 && t->hi[t->i])
		x86_movsx_rr(B, 64, 32, d, d);
	put(t, rd, d);
}

/* x[rd] = (x[rs1] cc x[rs2] or imm) ? 1 : 0 */
static void set_cc(struct tr *t, enum x86_cc cc, bool imm)
{
	const struct rv_insn *in = insn(t);
	enum x86_gpr a;

	if (!in->rd)
		return;
	x86_zero(B, X86_RAX);
	a = use(t, in->rs1, X86_RCX);
	if (imm)
		x86_cmp_ri(B, 64, a, in->imm);
	else
		alu_src(t, X86_CMP, 64, a, in->rs2);
	x86_setcc_r(B, cc, X86_RAX);
	put(t, in->rd, X86_RAX);
}

/* max, min and friends: rax = x[rs1]; if (rax cc x[rs2]) rax = x[rs2] */
static void select_cc(struct tr *t, enum x86_cc cc)
{
	const struct rv_insn *in = insn(t);
	enum x86_gpr c;

	if (!in->rd)
		return;
	get(t, X86_RAX, in->rs1);
	c = use(t, in->rs2, X86_RCX);
	x86_cmp_rr(B, 64, X86_RAX, c);
	x86_cmov_rr(B, cc, 64, X86_RAX, c);
	put(t, in->rd, X86_RAX);
}

/* czero.eqz (cc NE: keep rs1 when rs2 != 0), czero.nez (cc E) */
static void czero(struct tr *t, enum x86_cc cc)
{
	const struct rv_insn *in = insn(t);
	enum x86_gpr c, a;

	if (!in->rd)
		return;
	a = use(t, in->rs1, X86_RDX);
	x86_zero(B, X86_RAX);
	c = use(t, in->rs2, X86_RCX);
	x86_test_rr(B, 64, c, c);
	x86_cmov_rr(B, cc, 64, X86_RAX, a);
	put(t, in->rd, X86_RAX);
}

static void mul(struct tr *t, unsigned bits)
{
	const struct rv_insn *in = insn(t);
	unsigned rd = in->rd, a = in->rs1, c = in->rs2;
	enum x86_gpr d = def(t, rd);

	if (!rd)
		return;
	if (!a || !c) {
		put_imm(t, rd, 0);
		return;
	}
	if (mapped(t, rd) && rd == c && rd != a) {
		/* Commutative: d = d * x[rs1]. */
		if (mapped(t, a))
			x86_imul_rr(B, bits, d, hreg(t, a));
		else
			x86_imul_rm(B, bits, d, xmem(a));
	} else {
		get_into(t, d, a);
		if (mapped(t, c))
			x86_imul_rr(B, bits, d, hreg(t, c));
		else
			x86_imul_rm(B, bits, d, xmem(c));
	}
	if (bits == 32 && t->hi[t->i])
		x86_movsx_rr(B, 64, 32, d, d);
	put(t, rd, d);
}

/* mulh, mulhu, mulhsu: the high half of the 128-bit product. */
static void mulh(struct tr *t, enum x86_unop op, bool su)
{
	const struct rv_insn *in = insn(t);
	enum x86_gpr c;

	if (!in->rd)
		return;
	if (!in->rs1 || !in->rs2) {
		put_imm(t, in->rd, 0);
		return;
	}
	get(t, X86_RAX, in->rs1);
	c = use(t, in->rs2, X86_RCX);
	x86_unop_r(B, op, 64, c);
	if (su) {
		/*
		 * signed * unsigned: the unsigned product, minus b << 64 when
		 * a is negative (a is still at home: rd is written last).
		 */
		get(t, X86_RAX, in->rs1);
		x86_shift_ri(B, X86_SAR, 64, X86_RAX, 63);
		x86_and_rr(B, 64, X86_RAX, c);
		x86_sub_rr(B, 64, X86_RDX, X86_RAX);
	}
	put(t, in->rd, X86_RDX);
}

/* div, divu, rem, remu and their W forms, with the spec's results for a
 * zero divisor and for overflow. */
static void divide(struct tr *t, bool sign, bool rem, unsigned bits)
{
	const struct rv_insn *in = insn(t);
	struct x86_label zero = {0}, minus1 = {0}, done = {0};
	enum x86_gpr c;

	if (!in->rd)
		return;
	get(t, X86_RAX, in->rs1);
	c = use(t, in->rs2, X86_RCX);
	x86_test_rr(B, bits, c, c);
	x86_jcc8(B, X86_CC_E, &zero);
	if (sign) {
		x86_cmp_ri(B, bits, c, -1);
		x86_jcc8(B, X86_CC_E, &minus1);
		if (bits == 64)
			x86_cqo(B);
		else
			x86_cdq(B);
		x86_unop_r(B, X86_IDIV, bits, c);
	} else {
		x86_zero(B, X86_RDX);
		x86_unop_r(B, X86_DIV, bits, c);
	}
	if (rem)
		x86_mov_rr(B, bits, X86_RAX, X86_RDX);
	x86_jmp8(B, &done);
	if (sign) {
		/* By -1: the negation (which wraps for the most negative
		 * dividend, as the spec's overflow result says), remainder 0. */
		x86_bind(B, &minus1);
		if (rem)
			x86_zero(B, X86_RAX);
		else
			x86_neg(B, bits, X86_RAX);
		x86_jmp8(B, &done);
	}
	x86_bind(B, &zero);
	/* By zero: all ones, or the dividend for the remainder. */
	if (!rem)
		x86_mov_ri(B, 64, X86_RAX, -1);
	x86_bind(B, &done);
	if (bits == 32)
		x86_movsx_rr(B, 64, 32, X86_RAX, X86_RAX);
	put(t, in->rd, X86_RAX);
}

/* x[rd] = x[b] + (host register @a << sh), rd not x0. */
static void lea_shifted(struct tr *t, unsigned rd, enum x86_gpr a, unsigned b,
			unsigned sh)
{
	enum x86_gpr c = use(t, b, X86_RCX);

	x86_lea(B, 64, def(t, rd), x86_mem_idx(c, a, 1u << sh, 0));
	put(t, rd, def(t, rd));
}

/* rd = rs2 + (zext?(rs1) << sh) */
static void shadd(struct tr *t, unsigned sh, bool uw)
{
	const struct rv_insn *in = insn(t);
	enum x86_gpr a;

	if (!in->rd)
		return;
	if (uw) {
		if (mapped(t, in->rs1))
			x86_mov_rr(B, 32, X86_RAX, hreg(t, in->rs1));
		else if (in->rs1)
			x86_mov_rm(B, 32, X86_RAX, xmem(in->rs1));
		else
			x86_zero(B, X86_RAX);
		a = X86_RAX;
	} else {
		a = use(t, in->rs1, X86_RAX);
	}
	lea_shifted(t, in->rd, a, in->rs2, sh);
}

/*
 * slli t, x, 1..3 then add t, t, b (or b, t): one LEA for both, as
 * sh1add..sh3add would be (array indexing on a hart without Zba), the
 * address of a load that follows one step sooner. Nothing between the
 * two can see the shifted value. True when it took both (t->fused).
 * For x kept in h->x: arith() takes the shifts of the others.
 */
static bool shift_add(struct tr *t)
{
	const struct rv_insn *in = insn(t), *nx;
	unsigned b;

	if (t->i + 1 >= t->blk->ninsn || !in->rd || in->imm < 1 || in->imm > 3)
		return false;
	nx = &t->blk->ops[t->i + 1].in;
	if (nx->op != RV_OP_add || nx->rd != in->rd || t->rot[t->i + 1])
		return false;
	if (nx->rs1 == in->rd && nx->rs2 != in->rd)
		b = nx->rs2;
	else if (nx->rs2 == in->rd && nx->rs1 != in->rd)
		b = nx->rs1;
	else
		return false;
	lea_shifted(t, in->rd, use(t, in->rs1, X86_RAX), b, (unsigned)in->imm);
	t->fused = true;
	return true;
}

/*
 * slli rd, rs, 32 then srli rd, rd, k: rv64gc's zero extension of a
 * word (no zext.w), moved by 32 - k: a 32-bit move and at most one shift.
 * True when it took both (t->fused).
 */
static bool zext_shift(struct tr *t)
{
	const struct rv_insn *in = insn(t), *nx;
	unsigned rd = in->rd & 31;
	enum x86_gpr d = def(t, rd);

	if (t->i + 1 >= t->blk->ninsn || !rd || in->imm != 32)
		return false;
	nx = &t->blk->ops[t->i + 1].in;
	if (nx->op != RV_OP_srli || nx->rd != rd || nx->rs1 != rd ||
	    t->rot[t->i + 1])
		return false;
	if (mapped(t, in->rs1))
		x86_mov_rr(B, 32, d, hreg(t, in->rs1));
	else if (!in->rs1)
		x86_mov_ri(B, 32, d, 0);
	else
		x86_mov_rm(B, 32, d, xmem(in->rs1));
	if (nx->imm > 32)
		x86_shift_ri(B, X86_SHR, 64, d, (uint8_t)(nx->imm - 32));
	else if (nx->imm < 32)
		x86_shift_ri(B, X86_SHL, 64, d, (uint8_t)(32 - nx->imm));
	put(t, rd, d);
	t->fused = true;
	return true;
}

/* The op arith() takes, translated as any other. */
static void arith_plain(struct tr *t)
{
	const struct rv_insn *in = insn(t);

	switch (in->op) {
	case RV_OP_slli:
		shift_imm(t, X86_SHL, 64);
		break;
	case RV_OP_addi:
		binop_imm(t, X86_ADD, in->imm);
		break;
	case RV_OP_add:
		binop(t, X86_ADD, true);
		break;
	default:
		shadd(t, in->op - RV_OP_sh1add + 1, false);
		break;
	}
}

/*
 * slli by 1 to 3, addi, add and sh1add to sh3add: x[rd] as a form over
 * its operands' (t->form), so that a load or store that takes it as its
 * base addresses memory from what the sum was made of: its access waits
 * for the index alone, as an x86 compiler's base + index * scale would.
 * An op that overwrites a register its form still needs (slli a5, a5, 2)
 * leaves x[rd] lazy: computed when anything else than these ops, a load
 * or a store reads it, or writes what it is made of. False when the op is
 * left to the plain path.
 */
static bool arith(struct tr *t)
{
	const struct rv_insn *in = insn(t);
	unsigned rd = in->rd, p, tmp = 0;
	struct form f, g = {X86_NOREG, X86_NOREG, 1, 0};
	enum x86_gpr d;
	bool ok;

	if (!rd || (in->op == RV_OP_slli && (in->imm < 1 || in->imm > 3)))
		return false;
	p = t->lazy;
	if (p && p != rd && mapped(t, rd) &&
	    form_uses(&t->form[p], hreg(t, rd)))
		materialize(t);
	p = t->lazy;
	/*
	 * A source in h->x alone (and unformed) is read into rcx, and the
	 * sum computed at once from there.
	 */
	ok = form_of(t, in->rs1, &f);
	if (!ok && in->op != RV_OP_slli && in->op != RV_OP_addi) {
		f = (struct form){X86_RCX, X86_NOREG, 1, 0};
		tmp = in->rs1;
		ok = true;
	}
	if (in->op >= RV_OP_sh1add && in->op <= RV_OP_sh3add)
		ok = ok &&
		     form_shift(&f, (unsigned)(in->op - RV_OP_sh1add + 1));
	if (in->op == RV_OP_add ||
	    (in->op >= RV_OP_sh1add && in->op <= RV_OP_sh3add)) {
		if (!form_of(t, in->rs2, &g) && !tmp) {
			g = (struct form){X86_RCX, X86_NOREG, 1, 0};
			tmp = in->rs2;
		} else if (!form_of(t, in->rs2, &g)) {
			ok = false;
		}
	}
	if (in->op == RV_OP_slli)
		ok = ok && form_shift(&f, (unsigned)in->imm);
	else
		ok = ok && form_add(&f, &g, in->op == RV_OP_addi ? in->imm : 0);
	if (!ok)
		return false;
	d = def(t, rd);
	if (tmp || (!mapped(t, rd) && p && form_uses(&f, hreg(t, p))) ||
	    (mapped(t, rd) && form_uses(&f, d) && p && p != rd &&
	     form_uses(&f, hreg(t, p)))) {
		/* Made of a scratch, or of two old values: computed now. */
		if (tmp && f.base == X86_RCX && f.index == X86_NOREG &&
		    !f.disp) {
			get(t, d, tmp); /* a move (c.mv) */
		} else {
			if (tmp)
				get(t, X86_RCX, tmp);
			x86_lea(B, 64, d, form_mem(&f));
		}
		put(t, rd, d);
		written(t, rd);
		if (!tmp && !form_uses(&f, d)) {
			t->form[rd] = f;
			t->formed |= 1u << rd;
		}
		return true;
	}
	if (mapped(t, rd) && f.base == (int8_t)d && f.index == X86_NOREG &&
	    !f.disp) {
		/* x[rd] is what its register holds (addi rd, rd, 0). */
		t->lazy = p == rd ? 0 : p;
		t->formed &= ~(1u << rd);
		return true;
	}
	if (mapped(t, rd) && form_uses(&f, d)) {
		/* In place: left lazy. */
		if (p && p != rd)
			materialize(t);
		t->lazy = rd;
	} else {
		if (p && p != rd && form_uses(&f, hreg(t, p))) {
			x86_lea(B, 64, d, form_mem(&f));
		} else {
			t->lazy = p == rd ? 0 : p;
			arith_plain(t);
		}
		written(t, rd);
	}
	t->form[rd] = f;
	t->formed |= 1u << rd;
	return true;
}

/* A C function of (op, rs1, rs2 or imm), for what has no inline form. */
static void alu_call(struct tr *t, bool imm)
{
	const struct rv_insn *in = insn(t);

	if (!in->rd)
		return;
	spill(t);
	x86_lea(B, 64, X86_RDI, x86_mem(JIT_HART, -JIT_BIAS));
	x86_mov_ri(B, 32, X86_RSI, in->op);
	x86_mov_rm(B, 64, X86_RDX, xmem(in->rs1));
	if (imm)
		x86_mov_ri(B, 64, X86_RCX, in->imm);
	else
		x86_mov_rm(B, 64, X86_RCX, xmem(in->rs2));
	call_c(t, (const void *)jit_rt_alu);
	reload(t);
	put(t, in->rd, X86_RAX);
}

/* A BMI/ABM instruction r, r/m on x[rs1], 64 or 32 bits. */
static void unary(struct tr *t,
		  void (*fn)(struct x86_buf *, unsigned, enum x86_gpr,
			     enum x86_gpr),
		  unsigned bits)
{
	const struct rv_insn *in = insn(t);
	enum x86_gpr a;

	if (!in->rd)
		return;
	a = use(t, in->rs1, X86_RCX);
	fn(B, bits, X86_RAX, a);
	put(t, in->rd, X86_RAX);
}

/* bclr/bset/binv (x86 btr/bts/btc) by x[rs2] or imm */
static void bitop(struct tr *t, enum x86_bitop op, bool imm)
{
	const struct rv_insn *in = insn(t);
	unsigned rd = in->rd;
	enum x86_gpr d = def(t, rd), c;

	if (!rd)
		return;
	if (!imm && mapped(t, rd) && rd == in->rs2 && rd != in->rs1)
		d = X86_RAX;
	if (imm) {
		get_into(t, d, in->rs1);
		x86_bitop_ri(B, op, 64, d, (uint8_t)(in->imm & 63));
	} else {
		c = use(t, in->rs2, X86_RCX);
		get_into(t, d, in->rs1);
		x86_bitop_rr(B, op, 64, d, c);
	}
	put(t, rd, d);
}

/* ---- memory ---- */

/*
 * x[rs1] + imm as a form naming at least one host register (rs1 not x0,
 * mapped or formed by address arithmetic): what an access addresses
 * memory from, so that it need not wait for the sum.
 */
static bool access_form(const struct tr *t, unsigned rs1, int64_t imm,
			struct form *f)
{
	static const struct form zero = {X86_NOREG, X86_NOREG, 1, 0};

	if (!rs1 || !form_of(t, rs1, f) || !form_add(f, &zero, imm))
		return false;
	/*
	 * A plain sum already in rs1's register (one add away from its
	 * parts) is taken from there: the form's base would cost an add to
	 * the page's addend, for one cycle less to wait.
	 */
	if (f->base != X86_NOREG && f->index != X86_NOREG && f->scale == 1 &&
	    mapped(t, rs1) && t->lazy != rs1)
		*f = (struct form){(int8_t)hreg(t, rs1), X86_NOREG, 1,
				   (int32_t)imm};
	return f->base != X86_NOREG || f->index != X86_NOREG;
}

/* rax = x[rs1] + imm, an address. */
static void address(struct tr *t, unsigned rs1, int64_t imm)
{
	static const struct form zero = {X86_NOREG, X86_NOREG, 1, 0};
	struct form f;

	if (form_of(t, rs1, &f) && form_add(&f, &zero, imm)) {
		if (f.base != X86_NOREG || f.index != X86_NOREG)
			x86_lea(B, 64, X86_RAX, form_mem(&f));
		else
			x86_mov_ri(B, 64, X86_RAX, f.disp);
	} else if (!rs1) {
		x86_mov_ri(B, 64, X86_RAX, imm);
	} else {
		x86_mov_rm(B, 64, X86_RAX, xmem(rs1));
		if (imm)
			x86_add_ri(B, 64, X86_RAX, imm);
	}
}

/*
 * The host operand of an access at form @f with the page's addend in
 * @addend: [addend + base + index * scale + disp], the base added to the
 * addend first when there is an index too (x86 takes two registers).
 */
static struct x86_mem host_operand(struct tr *t, enum x86_gpr addend,
				   const struct form *f)
{
	if (f->base != X86_NOREG && f->index != X86_NOREG) {
		x86_add_rr(B, 64, addend, (enum x86_gpr)f->base);
		return x86_mem_idx(addend, (enum x86_gpr)f->index, f->scale,
				   f->disp);
	}
	if (f->index != X86_NOREG)
		return x86_mem_idx(addend, (enum x86_gpr)f->index, f->scale,
				   f->disp);
	return x86_mem_idx(addend, (enum x86_gpr)f->base, 1, f->disp);
}

/* rcx = the data TLB entry for the address @va (an LEA operand). */
static void tlb_slot(struct tr *t, struct x86_mem va)
{
	/* Slot (va >> 12) % DBT_TLB_SIZE, times the 32-byte entry. */
	x86_lea(B, 32, X86_RCX, va);
	x86_shift_ri(B, X86_SHR, 32, X86_RCX, DBT_PAGE_SHIFT - 5);
	x86_and_ri(B, 32, X86_RCX, (DBT_TLB_SIZE - 1) << 5);
	x86_add_rm(B, 64, X86_RCX, x86_mem(JIT_HART, JIT_OFF(dtlb)));
}

/* Where a TLB entry holds the tag of loads (@st false) or stores. */
static size_t tlb_tag(bool st)
{
	return st ? offsetof(struct dbt_tlb_entry, tag_w)
		  : offsetof(struct dbt_tlb_entry, tag_r);
}

/*
 * For the address in rax: rcx = the TLB entry, rdx = the page and
 * alignment bits, flags: hit or not (the tag at offset @tag compared).
 */
static void tlb_compare(struct tr *t, unsigned size, size_t tag)
{
	tlb_slot(t, x86_mem(X86_RAX, 0));
	x86_mov_rr(B, 64, X86_RDX, X86_RAX);
	x86_and_ri(B, 64, X86_RDX, (int64_t)(DBT_PAGE_MASK | (size - 1)));
	x86_cmp_rm(B, 64, X86_RDX, x86_mem(X86_RCX, (int32_t)tag));
}

/* rax = the address x[rs1] + imm, then tlb_compare(). */
static void tlb_lookup(struct tr *t, unsigned rs1, int64_t imm, unsigned size,
		       size_t tag)
{
	address(t, rs1, imm);
	tlb_compare(t, size, tag);
}

static struct stub *new_stub(struct tr *t, enum stub_kind kind)
{
	struct stub *s = &t->stubs[t->nstubs];

	/* Full: the block is given up (and run by the interpreter). */
	if (t->nstubs == sizeof(t->stubs) / sizeof(t->stubs[0]) - 1)
		t->b->err |= X86_ERR_OPERAND;
	else
		t->nstubs++;

	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->i = (uint8_t)t->i;
	s->cbias = (uint8_t)t->cbias;
	return s;
}

/*
 * The page cache. Loads and stores whose base register addressed the same
 * page last time (since translated code was entered, or came back from
 * C) skip the TLB: the tag and addend they found there then are kept for
 * the register, in the frame (jit-internal.h). A tag is a copy of a TLB
 * hit, so the cache holds no more than the TLB held; the trampolines
 * empty it whenever C may have changed translations (a new context, a
 * fence, a page marked as code).
 *
 * A look that misses costs more than the TLB alone (a mispredicted
 * branch, then the TLB), so the cache serves where it is likely to hit
 * (pc_modes()): the stack pointer, whose page seldom changes; the second
 * and later of the accesses of a block with the same base register (the
 * first fills the cache); every access of a block that loops to itself
 * (walking an array, looking up a table); and any base the block did not
 * compute from a value it loaded, as a pointer walking an array or a
 * structure, a copy's source and destination, which keep their pages for
 * many accesses while the register that holds them is written anew.
 * A base the block loaded (a list's next node, an index read from
 * memory) goes to the TLB: its page is anyone's guess.
 */
enum { PC_NONE, PC_FILL, PC_CHECK };

/*
 * How an op reads the upper halves of its sources: not at all (32-bit
 * ops), only where its own result's upper half counts (the low half of
 * a sum, a product, a logical op or a left shift depends on the low
 * halves alone), or always.
 */
enum { HI_NEVER, HI_IF_RESULT, HI_ALWAYS };

static int high_use(unsigned op)
{
	switch (op) {
	case RV_OP_addw:
	case RV_OP_addiw:
	case RV_OP_subw:
	case RV_OP_sllw:
	case RV_OP_slliw:
	case RV_OP_srlw:
	case RV_OP_srliw:
	case RV_OP_sraw:
	case RV_OP_sraiw:
	case RV_OP_mulw:
		return HI_NEVER;
	case RV_OP_add:
	case RV_OP_addi:
	case RV_OP_sub:
	case RV_OP_and:
	case RV_OP_andi:
	case RV_OP_or:
	case RV_OP_ori:
	case RV_OP_xor:
	case RV_OP_xori:
	case RV_OP_slli:
	case RV_OP_mul:
	case RV_OP_andn:
	case RV_OP_orn:
	case RV_OP_xnor:
	case RV_OP_sh1add:
	case RV_OP_sh2add:
	case RV_OP_sh3add:
		return HI_IF_RESULT;
	default:
		return HI_ALWAYS;
	}
}

/* A load or store whose slow path is a stub's C call (load(), store()). */
static bool plain_access(unsigned op)
{
	return (op >= RV_OP_lb && op <= RV_OP_lwu) ||
	       (op >= RV_OP_sb && op <= RV_OP_sd);
}

/*
 * t->hi[] and t->pend[]: RV64's 32-bit ops sign-extend their results;
 * the extension is left out where no one looks at the upper half.
 *
 * A backward pass over the block. Whatever may leave the block or call C
 * sees every register whole, and so does the block's end. In between, a
 * register's upper half counts where an op reads it so (high_use()):
 * elsewhere a 32-bit op may leave the host's zero extension there, which
 * the ops after it only carry into values whose upper halves do not count
 * either. A plain load or store may fault or miss, but its C call first
 * extends the registers a 32-bit op left so (t->pend[i]), which it can,
 * their values being sext(low half); every other register must be whole.
 */
static void high_halves(struct tr *t)
{
	const struct dbt_block *blk = t->blk;
	uint32_t wdef[DBT_BLOCK_MAX], w = 0, need = ~0u, lo = 0;

	/* Forward: the registers whose last write was a 32-bit op's. */
	for (unsigned i = 0; i < blk->ninsn; i++) {
		const struct rv_insn *in = &blk->ops[i].in;

		wdef[i] = w;
		if (rv_op_attrs[in->op].flags & RV_A_RD) {
			w &= ~(1u << (in->rd & 31));
			if (high_use(in->op) == HI_NEVER)
				w |= 1u << (in->rd & 31);
		}
	}
	/* Backward: @need, the registers whose upper half counts. */
	for (unsigned i = blk->ninsn; i-- > 0;) {
		const struct rv_insn *in = &blk->ops[i].in;
		const struct rv_op_attr *a = &rv_op_attrs[in->op];
		int use = high_use(in->op);
		bool res;

		t->hi[i] = true;
		if (plain_access(in->op)) {
			if (a->flags & RV_A_RD)
				need &= ~(1u << (in->rd & 31));
			need |= ~wdef[i] | 1u << (in->rs1 & 31);
			if ((a->flags & RV_A_STORE) && a->size == 8)
				need |= 1u << (in->rs2 & 31);
			continue;
		}
		/* An integer op that only writes x[rd] (and may read pc). */
		if (!(a->flags & RV_A_RD) ||
		    (a->flags & ~(RV_A_RD | RV_A_PC))) {
			need = ~0u;
			continue;
		}
		res = need >> (in->rd & 31) & 1;
		t->hi[i] = res;
		need &= ~(1u << (in->rd & 31));
		/* Fields an op does not read only make this stricter. */
		if (use == HI_ALWAYS || (use == HI_IF_RESULT && res))
			need |= 1u << (in->rs1 & 31) | 1u << (in->rs2 & 31);
	}
	/*
	 * Forward again: what each plain access's C call must extend (@lo:
	 * the registers last written without their upper half).
	 */
	for (unsigned i = 0; i < blk->ninsn; i++) {
		const struct rv_insn *in = &blk->ops[i].in;

		t->pend[i] = plain_access(in->op) ? lo & wdef[i] & ~1u : 0;
		if (rv_op_attrs[in->op].flags & RV_A_RD) {
			if (t->hi[i])
				lo &= ~(1u << (in->rd & 31));
			else
				lo |= 1u << (in->rd & 31);
		}
	}
}

/*
 * t->sx after instruction @i: which registers hold, in the host, a value
 * that is the sign extension of its low word (high_halves() decided what
 * 32-bit ops leave): sign-extending loads and loads of fewer bits, small
 * constants, whole results of 32-bit ops and logic ops of such values.
 * sext.w of one is a move.
 */
static uint32_t known_sext(const struct tr *t, unsigned i)
{
	const struct rv_insn *in = &t->blk->ops[i].in;
	unsigned rd = in->rd & 31;
	uint32_t sx = t->sx;
	bool a = sx >> (in->rs1 & 31) & 1, b = sx >> (in->rs2 & 31) & 1;
	bool v;

	if (!(rv_op_attrs[in->op].flags & RV_A_RD) || !rd)
		return sx;
	if (t->rot[i]) /* a left-out shift leaves what x[rd] held before */
		return t->rot[i] == ROT_32 && t->hi[i] ? sx | 1u << rd
						       : sx & ~(1u << rd);
	switch (in->op) {
	case RV_OP_lb:
	case RV_OP_lh:
	case RV_OP_lw:
	case RV_OP_lbu:
	case RV_OP_lhu:
	case RV_OP_lui:
	case RV_OP_slt:
	case RV_OP_sltu:
	case RV_OP_slti:
	case RV_OP_sltiu:
	case RV_OP_sraiw:
		v = true;
		break;
	case RV_OP_srliw:
		/* by n > 0 bit 31 is clear; by 0 a movsxd */
		v = true;
		break;
	case RV_OP_addiw:
		v = t->hi[i] || (!in->imm && a);
		break;
	case RV_OP_addw:
	case RV_OP_subw:
	case RV_OP_sllw:
	case RV_OP_slliw:
	case RV_OP_srlw:
	case RV_OP_sraw:
	case RV_OP_mulw:
		v = t->hi[i];
		break;
	case RV_OP_addi:
		v = !in->rs1 && in->imm == (int32_t)in->imm;
		break;
	case RV_OP_andi:
		v = a || in->imm >= 0;
		break;
	case RV_OP_ori:
	case RV_OP_xori:
		v = a;
		break;
	case RV_OP_and:
	case RV_OP_or:
	case RV_OP_xor:
		v = a && b;
		break;
	default:
		v = false;
		break;
	}
	return v ? sx | 1u << rd : sx & ~(1u << rd);
}

/* Before a stub's C call: the registers t->pend[i] names made whole. */
static void extend_pending(struct tr *t, unsigned i)
{
	for (unsigned r = 1; r < 32; r++) {
		if (!(t->pend[i] >> r & 1))
			continue;
		if (mapped(t, r)) {
			x86_movsx_rr(B, 64, 32, hreg(t, r), hreg(t, r));
		} else {
			x86_movsx_rm(B, 64, 32, X86_RDX, xmem(r));
			x86_mov_mr(B, 64, xmem(r), X86_RDX);
		}
	}
}

/* An RV64I op that only writes x[rd]: inline, no trap, no call to C. */
static bool base_alu(unsigned op)
{
	switch (op) {
	case RV_OP_lui:
	case RV_OP_auipc:
	case RV_OP_addi:
	case RV_OP_slti:
	case RV_OP_sltiu:
	case RV_OP_xori:
	case RV_OP_ori:
	case RV_OP_andi:
	case RV_OP_slli:
	case RV_OP_srli:
	case RV_OP_srai:
	case RV_OP_add:
	case RV_OP_sub:
	case RV_OP_sll:
	case RV_OP_slt:
	case RV_OP_sltu:
	case RV_OP_xor:
	case RV_OP_srl:
	case RV_OP_sra:
	case RV_OP_or:
	case RV_OP_and:
	case RV_OP_addiw:
	case RV_OP_slliw:
	case RV_OP_srliw:
	case RV_OP_sraiw:
	case RV_OP_addw:
	case RV_OP_subw:
	case RV_OP_sllw:
	case RV_OP_srlw:
	case RV_OP_sraw:
		return true;
	default:
		return false;
	}
}

/* Whether @in may read x[r] (fields an op does not read count too). */
static bool reads(const struct rv_insn *in, unsigned r)
{
	return (in->rs1 & 31) == r || (in->rs2 & 31) == r;
}

static bool writes(const struct rv_insn *in, unsigned r)
{
	return (rv_op_attrs[in->op].flags & RV_A_RD) && (in->rd & 31) == r;
}

/*
 * Whether x[r] is written after instruction @k before anything reads it,
 * leaves the block or calls C.
 */
static bool dead_after(const struct dbt_block *blk, unsigned k, unsigned r)
{
	for (unsigned i = k + 1; i < blk->ninsn; i++) {
		const struct rv_insn *in = &blk->ops[i].in;

		if (!base_alu(in->op) || reads(in, r))
			return false;
		if (writes(in, r))
			return true;
	}
	return false;
}

/* A shift by an immediate of 64 or 32 bits (W), left or right. */
static unsigned shift_bits(const struct rv_insn *in, bool *right)
{
	*right = in->op == RV_OP_srli || in->op == RV_OP_srliw;
	if (in->op == RV_OP_slli || in->op == RV_OP_srli)
		return 64;
	if (in->op == RV_OP_slliw || in->op == RV_OP_srliw)
		return 32;
	return 0;
}

/*
 * Instruction @k joins x[p.rd] and x[q.rd], the results of instructions
 * @i and @j: a rotate when one shifts x right by n and the other left by
 * the width less n, x stays as it is until @k, the two shifted values
 * are read by @k alone and dead after it, and nothing from the first
 * shift on may leave or call C (the left-out shifts' registers are stale
 * there).
 */
static void try_rotate(struct tr *t, unsigned k, unsigned i, unsigned j)
{
	const struct dbt_block *blk = t->blk;
	const struct rv_insn *p = &blk->ops[i].in, *q = &blk->ops[j].in;
	unsigned x = p->rs1 & 31, rd = blk->ops[k].in.rd & 31;
	unsigned a = p->rd & 31, b = q->rd & 31, first = i < j ? i : j;
	bool pr, qr;
	unsigned bits = shift_bits(p, &pr);

	if (!bits || shift_bits(q, &qr) != bits || pr == qr || !x ||
	    (q->rs1 & 31) != x || t->rot[i] || t->rot[j] ||
	    (uint64_t)p->imm + (uint64_t)q->imm != bits)
		return;
	for (unsigned m = first; m < k; m++) {
		const struct rv_insn *in = &blk->ops[m].in;

		if (!base_alu(in->op) || writes(in, x))
			return;
		/* (before its shift, a read sees what it held before) */
		if ((m > i && m != j && reads(in, a)) ||
		    (m > j && m != i && reads(in, b)))
			return;
	}
	if ((a != rd && !dead_after(blk, k, a)) ||
	    (b != rd && !dead_after(blk, k, b)))
		return;
	t->rot[i] = t->rot[j] = ROT_SKIP;
	t->rot[k] = bits == 32 ? ROT_32 : ROT_64;
	t->rot_src[k] = (uint8_t)x;
	t->rot_n[k] = (uint8_t)(pr ? p->imm : q->imm);
}

/*
 * Rotates compiled without Zbb (hashes, ciphers): srli(w) a, x, n and
 * slli(w) b, x, width - n, then or, xor or add of a and b (their bits do
 * not overlap; for W both are sign-extended words, and so is the sum).
 */
static void rotates(struct tr *t)
{
	const struct dbt_block *blk = t->blk;
	int last[32];

	for (unsigned r = 0; r < 32; r++)
		last[r] = -1;
	for (unsigned k = 0; k < blk->ninsn; k++) {
		const struct rv_insn *in = &blk->ops[k].in;
		unsigned a = in->rs1 & 31, b = in->rs2 & 31;

		if ((in->op == RV_OP_or || in->op == RV_OP_xor ||
		     in->op == RV_OP_add) &&
		    (in->rd & 31) && a && b && a != b && last[a] >= 0 &&
		    last[b] >= 0)
			try_rotate(t, k, (unsigned)last[a], (unsigned)last[b]);
		if (rv_op_attrs[in->op].flags & RV_A_RD)
			last[in->rd & 31] = (int)k;
	}
}

/*
 * Loads and stores at one address through the window (a counter loaded
 * and stored, a byte moved along): the later takes the addend the earlier
 * found, from the frame, instead of looking at the window again. The
 * earlier leaves an addend good for both: its TLB look-up uses the store
 * tag when the later stores (a page writable is readable), and its C path
 * leaves one that leads to the guard page, where the later access faults
 * into its own TLB path. In between, x[rs1] changes by addi alone, and
 * nothing may call C but a load's or store's miss (the address space
 * stays) nor leave but a branch's side exit. The later access is no
 * larger: within what the earlier reached. Pairs do not overlap, but a
 * follower may lead the next.
 */
static void pairs(struct tr *t)
{
	const struct dbt_block *blk = t->blk;
	unsigned span = 0; /* the last pair's follower */

	for (unsigned j = 1; j < blk->ninsn; j++) {
		const struct rv_insn *b = &blk->ops[j].in;
		unsigned r = b->rs1 & 31;
		int64_t off = 0;

		if (!plain_access(b->op) || !r)
			continue;
		for (unsigned i = j; i-- > span;) {
			const struct rv_insn *a = &blk->ops[i].in;
			unsigned f = rv_op_attrs[a->op].flags;

			if (plain_access(a->op) && (a->rs1 & 31) == r) {
				if (a->imm != b->imm + off ||
				    rv_op_attrs[b->op].size >
					    rv_op_attrs[a->op].size ||
				    ((f & RV_A_LOAD) && (a->rd & 31) == r))
					break;
				t->lead[i] = t->follow[j] = true;
				t->lead_w[i] =
					(f & RV_A_LOAD) &&
					(rv_op_attrs[b->op].flags & RV_A_STORE);
				span = j;
				break;
			}
			if (writes(a, r)) {
				if (a->op != RV_OP_addi || (a->rs1 & 31) != r)
					break;
				off += a->imm;
			} else if (!base_alu(a->op) && !plain_access(a->op) &&
				   !(f & RV_A_BRANCH)) {
				break;
			}
		}
	}
}

/* Which accesses of the block look at the page cache, which fill it. */
static void pc_modes(struct tr *t)
{
	const struct dbt_block *blk = t->blk;
	/* Per x register and class: an access since its last write. */
	bool seen[2][32] = {{false}};
	/* Per x register: the block computed it from a value it loaded. */
	bool loaded[32] = {false};
	bool loop = loops_to_self(blk);

	for (unsigned i = 0; i < blk->ninsn; i++) {
		const struct rv_insn *in = &blk->ops[i].in;
		const struct rv_op_attr *a = &rv_op_attrs[in->op];
		bool mem = (a->flags & (RV_A_LOAD | RV_A_STORE)) &&
			   !(a->flags & (RV_A_ATOMIC | RV_A_SYSTEM));
		bool st = a->flags & RV_A_STORE;

		t->pcmode[i] = PC_NONE;
		if (mem && in->rs1) {
			if (loop || in->rs1 == 2 || seen[st][in->rs1] ||
			    !loaded[in->rs1])
				t->pcmode[i] = PC_CHECK;
			else
				seen[st][in->rs1] = true;
		}
		if (a->flags & RV_A_RD) {
			seen[0][in->rd & 31] = seen[1][in->rd & 31] = false;
			loaded[in->rd & 31] = (a->flags & RV_A_LOAD) ||
					      loaded[in->rs1 & 31] ||
					      loaded[in->rs2 & 31];
		}
	}
	/* A first access fills the cache only if a later one looks. */
	for (unsigned i = 0; i < blk->ninsn; i++) {
		const struct rv_insn *in = &blk->ops[i].in;
		bool st = rv_op_attrs[in->op].flags & RV_A_STORE;

		if (t->pcmode[i] != PC_CHECK)
			continue;
		for (unsigned k = i; k-- > 0;) {
			const struct rv_insn *p = &blk->ops[k].in;
			const struct rv_op_attr *pa = &rv_op_attrs[p->op];

			if ((pa->flags & RV_A_RD) && (p->rd & 31) == in->rs1)
				break;
			if (p->rs1 == in->rs1 && t->pcmode[k] == PC_NONE &&
			    (pa->flags & (RV_A_LOAD | RV_A_STORE)) &&
			    !(pa->flags & (RV_A_ATOMIC | RV_A_SYSTEM)) &&
			    !(pa->flags & RV_A_STORE) == !st) {
				t->pcmode[k] = PC_FILL;
				break;
			}
		}
	}
}

/* rax = x[s->base] + imm again, where the fast path did not keep it. */
static void stub_address(struct tr *t, const struct stub *s)
{
	if (s->split)
		x86_lea(B, 64, X86_RAX, form_mem(&s->af));
}

/*
 * What x[r] likely holds before instruction @i: its value when the block
 * was entered (it is translated then), carried through the block's
 * additions; for a sum of two registers, the one that looks like an
 * address in a window other than the first (a stack or heap pointer plus
 * an index). 0 when the block computed it otherwise.
 */
static uint64_t guess_value(const struct tr *t, unsigned r, unsigned i,
			    unsigned depth)
{
	const struct dbt_win_space *w = t->j->h->win.guess;

	if (!r)
		return 0;
	while (i-- > 0) {
		const struct rv_insn *p = &t->blk->ops[i].in;

		if (!(rv_op_attrs[p->op].flags & RV_A_RD) || (p->rd & 31) != r)
			continue;
		if (p->op == RV_OP_addi)
			return depth ? guess_value(t, p->rs1, i, depth - 1) +
					       (uint64_t)p->imm
				     : 0;
		if (depth && (p->op == RV_OP_add || p->op == RV_OP_sh1add ||
			      p->op == RV_OP_sh2add || p->op == RV_OP_sh3add)) {
			uint64_t a = guess_value(t, p->rs1, i, depth - 1);
			uint64_t b = guess_value(t, p->rs2, i, depth - 1);

			for (unsigned k = 1; k < DBT_WIN_N; k++)
				if (a - w->start[k] < w->len[k])
					return a;
			return b;
		}
		return 0;
	}
	return t->j->h->x[r];
}

/* The window x[rs1] + imm is likely to be in (the first if none). */
static unsigned win_guess(const struct tr *t, unsigned rs1, int64_t imm)
{
	const struct dbt_win_space *w = t->j->h->win.guess;
	uint64_t va;

	if (!w)
		return 0;
	va = guess_value(t, rs1, t->i, 4) + (uint64_t)imm;
	for (unsigned k = 0; k < DBT_WIN_N; k++)
		if (va - w->start[k] < w->len[k])
			return k;
	return 0;
}

/*
 * rdx = the address: to window @k, or to @miss. rcx = the window's
 * addend.
 */
static void win_check(struct tr *t, unsigned k, struct x86_label *miss)
{
	/* Range 0 starts at 0 in every layout (window.c). */
	if (k)
		x86_alu_rm(B, X86_SUB, 64, X86_RDX,
			   x86_mem(JIT_HART, JIT_OFF(win.start[k])));
	x86_cmp_rm(B, 64, X86_RDX, x86_mem(JIT_HART, JIT_OFF(win.size[k])));
	x86_jcc(B, X86_CC_AE, miss);
	x86_mov_rm(B, 64, X86_RCX, x86_mem(JIT_HART, JIT_OFF(win.addend[k])));
}

/*
 * The operand of an access through the window: the addend (in rcx) plus
 * the base's form (host_operand()); rax = the address when the base has
 * none. The access waits for the form's registers alone.
 */
static struct x86_mem win_address(struct tr *t, struct stub *s, unsigned rs1,
				  int64_t imm, bool st)
{
	s->win = true;
	s->wk = (uint8_t)win_guess(t, rs1, imm);
	s->st = st;
	s->base = (uint8_t)rs1;
	s->split = access_form(t, rs1, imm, &s->af);
	s->lead = t->lead[t->i];
	s->lead_w = t->lead_w[t->i];
	s->follow = t->follow[t->i];
	if (!s->split)
		address(t, rs1, imm);
	if (s->follow) {
		x86_mov_rm(B, 64, X86_RCX, x86_mem(X86_RSP, JIT_LEAD));
	} else {
		if (s->split)
			x86_lea(B, 64, X86_RDX, form_mem(&s->af));
		else
			x86_mov_rr(B, 64, X86_RDX, X86_RAX);
		win_check(t, s->wk, &s->other);
	}
	x86_bind(B, &s->hit);
	if (s->lead)
		x86_mov_mr(B, 64, x86_mem(X86_RSP, JIT_LEAD), X86_RCX);
	return s->split ? host_operand(t, X86_RCX, &s->af)
			: x86_mem_idx(X86_RCX, X86_RAX, 1, 0);
}

/* Where the access of @s is made (a fault there resumes at its TLB path). */
static void access_here(struct tr *t, struct stub *s)
{
	if (s->win)
		s->access = x86_here(B);
}

/*
 * Out of line: the other windows, then the TLB; each comes back to the
 * access with rcx = its addend.
 */
static void emit_win_miss(struct tr *t, struct stub *s)
{
	unsigned size = rv_op_attrs[t->blk->ops[s->i].in.op].size;

	x86_bind(B, &s->other);
	for (unsigned k = 0; k < DBT_WIN_N && !s->follow; k++) {
		struct x86_label next = {0};

		if (k == s->wk)
			continue;
		if (s->split)
			x86_lea(B, 64, X86_RDX, form_mem(&s->af));
		else
			x86_mov_rr(B, 64, X86_RDX, X86_RAX);
		win_check(t, k, &next);
		x86_jmp(B, &s->hit);
		x86_bind(B, &next);
	}
	x86_bind(B, &s->tlb);
	stub_address(t, s);
	tlb_compare(t, size, tlb_tag(s->st || s->lead_w));
	x86_jcc(B, X86_CC_NE, &s->at);
	x86_mov_rm(B, 64, X86_RCX,
		   x86_mem(X86_RCX, offsetof(struct dbt_tlb_entry, addend)));
	x86_jmp(B, &s->hit);
}

/*
 * The host operand for an access of @size at x[rs1] + imm, from the page
 * cache or the TLB; a miss of both goes to @s's C path. With the base as
 * a form over host registers (access_form()), the operand is the addend
 * plus that form (host_operand()): the access then waits for the form's
 * registers and the addend, not for their sum as well (the addend of a
 * page cache hit comes from the frame, ready long before).
 */
static struct x86_mem mem_address(struct tr *t, struct stub *s, unsigned rs1,
				  int64_t imm, unsigned size, bool st)
{
	size_t tag = tlb_tag(st);
	int64_t mask = (int64_t)(DBT_PAGE_MASK | (size - 1));
	bool check = t->pcmode[t->i] == PC_CHECK;

	if (t->win)
		return win_address(t, s, rs1, imm, st);
	if (access_form(t, rs1, imm, &s->af)) {
		struct x86_mem va = form_mem(&s->af);

		s->split = true;
		s->base = (uint8_t)rs1;
		if (check) {
			s->pcache = true;
			s->st = st;
			x86_lea(B, 64, X86_RDX, va);
			x86_and_ri(B, 64, X86_RDX, mask);
			x86_cmp_rm(B, 64, X86_RDX,
				   x86_mem(X86_RSP, JIT_PC_TAG(rs1, st)));
			x86_jcc(B, X86_CC_NE, &s->miss);
			x86_bind(B, &s->hit);
			x86_mov_rm(B, 64, X86_RAX,
				   x86_mem(X86_RSP, JIT_PC_ADDEND(rs1, st)));
		} else {
			tlb_slot(t, va);
			x86_lea(B, 64, X86_RDX, va);
			x86_and_ri(B, 64, X86_RDX, mask);
			x86_cmp_rm(B, 64, X86_RDX,
				   x86_mem(X86_RCX, (int32_t)tag));
			x86_jcc(B, X86_CC_NE, &s->at);
			x86_mov_rm(
				B, 64, X86_RAX,
				x86_mem(X86_RCX, offsetof(struct dbt_tlb_entry,
							  addend)));
			if (t->pcmode[t->i] == PC_FILL) {
				x86_mov_mr(
					B, 64,
					x86_mem(X86_RSP, JIT_PC_TAG(rs1, st)),
					X86_RDX);
				x86_mov_mr(B, 64,
					   x86_mem(X86_RSP,
						   JIT_PC_ADDEND(rs1, st)),
					   X86_RAX);
			}
		}
		return host_operand(t, X86_RAX, &s->af);
	}
	if (!check) {
		tlb_lookup(t, rs1, imm, size, tag);
		x86_jcc(B, X86_CC_NE, &s->at);
		if (t->pcmode[t->i] == PC_FILL) {
			/* rdx = the page: the tag that matched */
			x86_mov_mr(B, 64, x86_mem(X86_RSP, JIT_PC_TAG(rs1, st)),
				   X86_RDX);
			x86_mov_rm(
				B, 64, X86_RDX,
				x86_mem(X86_RCX, offsetof(struct dbt_tlb_entry,
							  addend)));
			x86_mov_mr(B, 64,
				   x86_mem(X86_RSP, JIT_PC_ADDEND(rs1, st)),
				   X86_RDX);
			x86_add_rr(B, 64, X86_RAX, X86_RDX);
			return x86_mem(X86_RAX, 0);
		}
		x86_add_rm(B, 64, X86_RAX,
			   x86_mem(X86_RCX,
				   offsetof(struct dbt_tlb_entry, addend)));
		return x86_mem(X86_RAX, 0);
	}
	s->pcache = true;
	s->st = st;
	s->base = (uint8_t)rs1;
	address(t, rs1, imm);
	x86_mov_rr(B, 64, X86_RDX, X86_RAX);
	x86_and_ri(B, 64, X86_RDX, mask);
	x86_cmp_rm(B, 64, X86_RDX, x86_mem(X86_RSP, JIT_PC_TAG(rs1, st)));
	x86_jcc(B, X86_CC_NE, &s->miss);
	x86_bind(B, &s->hit);
	x86_add_rm(B, 64, X86_RAX, x86_mem(X86_RSP, JIT_PC_ADDEND(rs1, st)));
	return x86_mem(X86_RAX, 0);
}

/* A page cache miss: the TLB (rax = address, rdx = it masked). */
static void emit_pcache_miss(struct tr *t, struct stub *s)
{
	size_t tag = tlb_tag(s->st);

	x86_bind(B, &s->miss);
	stub_address(t, s);
	tlb_slot(t, x86_mem(X86_RAX, 0));
	x86_cmp_rm(B, 64, X86_RDX, x86_mem(X86_RCX, (int32_t)tag));
	x86_jcc(B, X86_CC_NE, &s->at);
	x86_mov_mr(B, 64, x86_mem(X86_RSP, JIT_PC_TAG(s->base, s->st)),
		   X86_RDX);
	x86_mov_rm(B, 64, X86_RDX,
		   x86_mem(X86_RCX, offsetof(struct dbt_tlb_entry, addend)));
	x86_mov_mr(B, 64, x86_mem(X86_RSP, JIT_PC_ADDEND(s->base, s->st)),
		   X86_RDX);
	x86_jmp(B, &s->hit);
}

/*
 * An access with a lazy register about: what its C call must store to
 * the register's slot if it does not come back (see emit_stub()).
 */
static struct stub *access_stub(struct tr *t, enum stub_kind kind)
{
	struct stub *s = new_stub(t, kind);
	const struct form *f = &t->form[t->lazy];

	if (t->lazy) {
		s->fix = (uint8_t)t->lazy;
		s->fixb = (uint8_t)owner(t, f->base);
		s->fixi = (uint8_t)owner(t, f->index);
		s->fixs = f->scale;
		s->fixd = f->disp;
	}
	return s;
}

/* x[s->fix] to its slot, from the slots of what it is made of. */
static void emit_fix(struct tr *t, const struct stub *s, enum x86_gpr a,
		     enum x86_gpr b)
{
	struct form f = {X86_NOREG, X86_NOREG, s->fixs, s->fixd};

	if (s->fixb) {
		x86_mov_rm(B, 64, a, xmem(s->fixb));
		f.base = (int8_t)a;
	}
	if (s->fixi) {
		x86_mov_rm(B, 64, b, xmem(s->fixi));
		f.index = (int8_t)b;
	}
	x86_lea(B, 64, a, form_mem(&f));
	x86_mov_mr(B, 64, xmem(s->fix), a);
}

static void load(struct tr *t)
{
	const struct rv_insn *in = insn(t);
	const struct rv_op_attr *a = &rv_op_attrs[in->op];
	enum x86_gpr d = mapped(t, in->rd) ? hreg(t, in->rd) : X86_RAX;
	struct stub *s;
	struct x86_mem m;

	/* A lazy register stays so, unless it is made of what is loaded. */
	if (t->lazy && t->lazy != in->rd && mapped(t, in->rd) &&
	    form_uses(&t->form[t->lazy], d))
		materialize(t);
	s = access_stub(t, STUB_LOAD);
	m = mem_address(t, s, in->rs1, in->imm, a->size, false);

	access_here(t, s);
	if (a->size == 4 && !(a->flags & RV_A_SIGNED))
		x86_mov_rm(B, 32, d, m);
	else
		x86_load(B, a->size * 8, a->flags & RV_A_SIGNED, d, m);
	put(t, in->rd, d);
	x86_bind(B, &s->back);
}

static void store(struct tr *t)
{
	const struct rv_insn *in = insn(t);
	const struct rv_op_attr *a = &rv_op_attrs[in->op];
	unsigned bits = a->size * 8;
	struct stub *s;
	struct x86_mem m;
	enum x86_gpr v;

	if (t->lazy && t->lazy == in->rs2)
		materialize(t);
	s = access_stub(t, STUB_STORE);
	m = mem_address(t, s, in->rs1, in->imm, a->size, true);
	v = in->rs2 ? use(t, in->rs2, X86_RDX) : X86_RAX;

	access_here(t, s);
	if (!in->rs2)
		x86_mov_mi(B, bits, m, 0);
	else
		x86_mov_mr(B, bits, m, v);
	x86_bind(B, &s->back);
}

/* The out-of-line half of a load or store: the C call. */
static void emit_stub(struct tr *t, struct stub *s)
{
	const struct rv_insn *in = &t->blk->ops[s->i].in;
	bool fp = rv_op_attrs[in->op].flags & RV_A_FP;

	t->cbias = s->cbias;
	if (s->pcache)
		emit_pcache_miss(t, s);
	if (s->win)
		emit_win_miss(t, s);
	x86_bind(B, &s->at);
	stub_address(t, s);
	switch (s->kind) {
	case STUB_HELPER:
		call_helper(t, s->i);
		x86_jmp(B, &s->back);
		return;
	case STUB_BAIL:
		/* As if the block ended before instruction i. */
		if (!t->canon)
			swap_out(t);
		count(t, s->i);
		set_pc(t, pc_of(t, s->i));
		x86_mov_ri(B, 32, X86_RAX, DBT_JIT_INTERP);
		x86_jmp_to(B, t->j->exit);
		return;
	case STUB_NAN:
		x86_mov_ri(B, 64, X86_RAX,
			   s->single ? (int64_t)(0xffffffff00000000ull |
						 FPU_CANON_S)
				     : (int64_t)FPU_CANON_D);
		x86_mov_mr(B, 64, fmem(s->rd), X86_RAX);
		x86_jmp(B, &s->back);
		return;
	default:
		break;
	}
	extend_pending(t, s->i);
	/* rax = the address. */
	if (s->lead)
		x86_mov_mr(B, 64, x86_mem(X86_RSP, JIT_LEAD), X86_RAX);
	x86_mov_rr(B, 64, X86_RDX, X86_RAX);
	set_pc(t, pc_of(t, s->i));
	spill(t);
	x86_lea(B, 64, X86_RDI, x86_mem(JIT_HART, -JIT_BIAS));
	x86_mov_rr(B, 64, X86_RSI, X86_RDX);
	if (s->kind == STUB_LOAD) {
		x86_mov_ri(B, 64, X86_RDX, (int64_t)(uintptr_t)in);
		x86_lea(B, 64, X86_RCX,
			x86_mem(JIT_ICOUNT, retired_before(t, s->i)));
		call_c(t, (const void *)jit_rt_load);
		x86_test_rr(B, 64, X86_RDX, X86_RDX);
		{
			struct x86_label ok = {0};

			x86_jcc8(B, X86_CC_E, &ok);
			if (s->fix)
				emit_fix(t, s, X86_RAX, X86_RCX);
			x86_mov_rr(B, 64, X86_RAX, X86_RDX);
			x86_jmp(B, &t->nonzero);
			x86_bind(B, &ok);
		}
		reload(t);
		if (fp) {
			x86_mov_mr(B, 64, fmem(in->rd), X86_RAX);
			if (rv_op_attrs[in->op].size == 4)
				x86_mov_mi(B, 32, fmem_hi(in->rd), -1);
		} else {
			put(t, in->rd, X86_RAX);
		}
	} else if (s->kind == STUB_STORE) {
		if (fp)
			x86_mov_rm(B, 64, X86_RDX, fmem(in->rs2));
		else if (in->rs2)
			x86_mov_rm(B, 64, X86_RDX, xmem(in->rs2));
		else
			x86_zero(B, X86_RDX);
		x86_mov_ri(B, 64, X86_RCX, (int64_t)(uintptr_t)in);
		x86_lea(B, 64, X86_R8,
			x86_mem(JIT_ICOUNT, retired_before(t, s->i)));
		call_c(t, (const void *)jit_rt_store);
		x86_test_rr(B, 64, X86_RAX, X86_RAX);
		if (s->fix) {
			struct x86_label ok = {0};

			x86_jcc8(B, X86_CC_E, &ok);
			emit_fix(t, s, X86_RCX, X86_RDX);
			x86_jmp(B, &t->nonzero);
			x86_bind(B, &ok);
		} else {
			x86_jcc(B, X86_CC_NE, &t->nonzero);
		}
		reload(t);
	} else {
		/* The helper carries the instruction out instead. */
		call_helper(t, s->i);
	}
	if (s->lead) {
		/*
		 * C made the access: the follower's addend takes it to the
		 * window's guard page (the address is in the frame), and so
		 * to its own TLB path.
		 */
		x86_mov_ri(B, 64, X86_RCX, (int64_t)dbt_win_guard(t->j->h));
		x86_alu_rm(B, X86_SUB, 64, X86_RCX, x86_mem(X86_RSP, JIT_LEAD));
		x86_mov_mr(B, 64, x86_mem(X86_RSP, JIT_LEAD), X86_RCX);
	}
	x86_jmp(B, &s->back);
}

/* ---- atomics ---- */

/*
 * rax = the host address of x[rs1] for an LR (@tag: tag_r) or an AMO or
 * SC (tag_w), rcx = the address itself; a miss, a misaligned address or
 * a page that needs a look goes to the helper, and comes back after the
 * instruction.
 */
static struct stub *atomic_addr(struct tr *t, size_t tag)
{
	const struct rv_insn *in = insn(t);
	struct stub *s = new_stub(t, STUB_HELPER);

	tlb_lookup(t, in->rs1, 0, rv_op_attrs[in->op].size, tag);
	x86_jcc(B, X86_CC_NE, &s->at);
	x86_mov_rm(B, 64, X86_RDX,
		   x86_mem(X86_RCX, offsetof(struct dbt_tlb_entry, addend)));
	x86_mov_rr(B, 64, X86_RCX, X86_RAX);
	x86_add_rr(B, 64, X86_RAX, X86_RDX);
	return s;
}

/* x[rd] = the old value in @r, sign-extended from a word. */
static void put_old(struct tr *t, unsigned bits, enum x86_gpr r)
{
	if (!insn(t)->rd)
		return;
	if (bits == 32)
		x86_movsx_rr(B, 64, 32, r, r);
	put(t, insn(t)->rd, r);
}

static void amo(struct tr *t)
{
	const struct rv_insn *in = insn(t);
	unsigned bits = rv_op_attrs[in->op].size * 8;
	unsigned op = in->op - (bits == 32 ? RV_OP_amoswap_w : RV_OP_amoswap_d);
	struct stub *s = atomic_addr(t, tlb_tag(true));
	struct x86_mem m = x86_mem(X86_RAX, 0);
	static const enum x86_alu logic[] = {X86_XOR, X86_AND, X86_OR};
	static const enum x86_cc keep_old[] = {X86_CC_L, X86_CC_G, X86_CC_B,
					       X86_CC_A};
	struct x86_label again = {0};

	/* op: swap, add, xor, and, or, min, max, minu, maxu */
	if (op <= 1 || (op <= 4 && !in->rd)) {
		get(t, X86_RDX, in->rs2);
		if (op == 0)
			x86_xchg_mr(B, bits, m, X86_RDX);
		else if (op == 1 && in->rd)
			x86_lock_xadd(B, bits, m, X86_RDX);
		else
			x86_lock_alu_mr(B, op == 1 ? X86_ADD : logic[op - 2],
					bits, m, X86_RDX);
		put_old(t, bits, X86_RDX);
	} else {
		/* rax = old, rdx = new; until memory still held old. */
		x86_mov_rr(B, 64, X86_RCX, X86_RAX);
		x86_mov_rm(B, bits, X86_RAX, x86_mem(X86_RCX, 0));
		x86_bind(B, &again);
		if (op <= 4) {
			x86_mov_rr(B, 64, X86_RDX, X86_RAX);
			alu_src(t, logic[op - 2], bits, X86_RDX, in->rs2);
		} else {
			get(t, X86_RDX, in->rs2);
			x86_cmp_rr(B, bits, X86_RAX, X86_RDX);
			x86_cmov_rr(B, keep_old[op - 5], bits, X86_RDX,
				    X86_RAX);
		}
		x86_lock_cmpxchg(B, bits, x86_mem(X86_RCX, 0), X86_RDX);
		x86_jcc8(B, X86_CC_NE, &again);
		put_old(t, bits, X86_RAX);
	}
	x86_bind(B, &s->back);
}

static void lr(struct tr *t)
{
	const struct rv_insn *in = insn(t);
	unsigned bits = rv_op_attrs[in->op].size * 8;
	struct stub *s = atomic_addr(t, tlb_tag(false));

	x86_mov_rm(B, bits, X86_RDX, x86_mem(X86_RAX, 0));
	x86_mov_mr(B, 64, x86_mem(JIT_HART, JIT_OFF(resv_addr)), X86_RCX);
	x86_mov_mr(B, 64, x86_mem(JIT_HART, JIT_OFF(resv_val)), X86_RDX);
	x86_mov_mi(B, 8, x86_mem(JIT_HART, JIT_OFF(resv_valid)), 1);
	put_old(t, bits, X86_RDX);
	x86_bind(B, &s->back);
}

/* SC: the store happens while memory still holds what LR saw (exec.c). */
static void sc(struct tr *t)
{
	const struct rv_insn *in = insn(t);
	unsigned bits = rv_op_attrs[in->op].size * 8;
	struct stub *s = atomic_addr(t, tlb_tag(true));
	struct x86_label fail = {0}, done = {0};

	x86_alu_mi(B, X86_CMP, 8, x86_mem(JIT_HART, JIT_OFF(resv_valid)), 0);
	x86_jcc8(B, X86_CC_E, &fail);
	x86_cmp_rm(B, 64, X86_RCX, x86_mem(JIT_HART, JIT_OFF(resv_addr)));
	x86_jcc8(B, X86_CC_NE, &fail);
	x86_mov_rr(B, 64, X86_RCX, X86_RAX);
	x86_mov_rm(B, bits, X86_RAX, x86_mem(JIT_HART, JIT_OFF(resv_val)));
	get(t, X86_RDX, in->rs2);
	x86_lock_cmpxchg(B, bits, x86_mem(X86_RCX, 0), X86_RDX);
	x86_jcc8(B, X86_CC_NE, &fail);
	x86_mov_ri(B, 32, X86_RAX, 0);
	x86_jmp8(B, &done);
	x86_bind(B, &fail);
	x86_mov_ri(B, 32, X86_RAX, 1);
	x86_bind(B, &done);
	x86_mov_mi(B, 8, x86_mem(JIT_HART, JIT_OFF(resv_valid)), 0);
	put(t, in->rd, X86_RAX);
	x86_bind(B, &s->back);
}

/* ---- floating point ---- */

/*
 * F and D run on SSE where the result and the flags are the software
 * FPU's (fpu.h) bit for bit: round-to-nearest-even operations, exact
 * conversions, compares, sign injection, moves, loads and stores; the
 * rest, and the unusual cases of these (an improperly boxed single, a
 * conversion out of range, a NaN from a fused multiply-add, which x86
 * computes without the invalid flag RISC-V asks for 0 x inf + qNaN), go
 * to the interpreter or the helpers.
 *
 * The f registers stay in h->f. Exception flags accrue in MXCSR, which
 * the trampolines clear on entry and after each call to C, and whose
 * flags jit.c folds into fflags on exit and before each call to C, so
 * that a helper reading fflags sees them. A block that runs such
 * instructions first checks, once, what it assumes: mstatus.FS (and
 * vsstatus.FS with V=1) Dirty when it writes floating-point state, else
 * not Off, and frm = RNE when an instruction takes the dynamic rounding
 * mode; otherwise the interpreter runs the block.
 */

/* The rounding-mode field of the ops that have one, else -1. */
static int fp_rm_field(const struct rv_insn *in)
{
	switch (in->op) {
	case RV_OP_fmadd_s ... RV_OP_fsqrt_s:
	case RV_OP_fcvt_w_s:
	case RV_OP_fcvt_wu_s:
	case RV_OP_fcvt_s_w:
	case RV_OP_fcvt_s_wu:
	case RV_OP_fcvt_l_s ... RV_OP_fcvt_s_lu:
	case RV_OP_fmadd_d ... RV_OP_fsqrt_d:
	case RV_OP_fcvt_s_d:
	case RV_OP_fcvt_d_s:
	case RV_OP_fcvt_w_d ... RV_OP_fcvt_lu_d:
	case RV_OP_fcvt_d_l:
	case RV_OP_fcvt_d_lu:
		return in->rm;
	default:
		return -1;
	}
}

/* Whether a Zicsr instruction writes its CSR. */
static bool csr_writes(const struct rv_insn *in)
{
	return in->op == RV_OP_csrrw || in->op == RV_OP_csrrwi || in->rs1;
}

/* Whether @in is translated inline; the rest goes to the helper. */
static bool fp_inline(const struct tr *t, const struct rv_insn *in)
{
	int rm = fp_rm_field(in);

	switch (in->op) {
	case RV_OP_csrrw ... RV_OP_csrrci:
		/*
		 * fflags: frflags and fsflags around quiet comparisons are
		 * common; frm and fcsr are only read (a new rounding mode
		 * changes what the block assumed).
		 */
		return in->csr == CSR_FFLAGS ||
		       ((in->csr == CSR_FRM || in->csr == CSR_FCSR) &&
			!csr_writes(in));
	case RV_OP_flw:
	case RV_OP_fsw:
	case RV_OP_fld:
	case RV_OP_fsd:
	case RV_OP_fsgnj_s ... RV_OP_fsgnjx_s:
	case RV_OP_fsgnj_d ... RV_OP_fsgnjx_d:
	case RV_OP_fmv_x_w:
	case RV_OP_fmv_w_x:
	case RV_OP_fmv_x_d:
	case RV_OP_fmv_d_x:
	case RV_OP_feq_s ... RV_OP_fle_s:
	case RV_OP_feq_d ... RV_OP_fle_d:
		return true;
	case RV_OP_fmadd_s ... RV_OP_fnmadd_s:
	case RV_OP_fmadd_d ... RV_OP_fnmadd_d:
		return (t->j->feat & JIT_F_FMA) && (rm == 0 || rm == 7);
	case RV_OP_fadd_s ... RV_OP_fsqrt_s:
	case RV_OP_fadd_d ... RV_OP_fsqrt_d:
	case RV_OP_fcvt_s_d:
	case RV_OP_fcvt_s_w ... RV_OP_fcvt_s_wu:
	case RV_OP_fcvt_s_l ... RV_OP_fcvt_s_lu:
	case RV_OP_fcvt_d_l ... RV_OP_fcvt_d_lu:
		return rm == 0 || rm == 7;
	case RV_OP_fcvt_d_s:
	case RV_OP_fcvt_d_w ... RV_OP_fcvt_d_wu:
		return rm <= FPU_RMM || rm == 7; /* exact */
	case RV_OP_fcvt_w_s ... RV_OP_fcvt_wu_s:
	case RV_OP_fcvt_l_s ... RV_OP_fcvt_lu_s:
	case RV_OP_fcvt_w_d ... RV_OP_fcvt_wu_d:
	case RV_OP_fcvt_l_d ... RV_OP_fcvt_lu_d:
		return rm <= FPU_RTZ || rm == 7;
	default:
		return false;
	}
}

/* Whether @in (inline) changes floating-point state: f, fflags. */
static bool fp_writes(const struct rv_insn *in)
{
	switch (in->op) {
	case RV_OP_csrrw ... RV_OP_csrrci:
		return csr_writes(in);
	case RV_OP_fsw:
	case RV_OP_fsd:
	case RV_OP_fmv_x_w:
	case RV_OP_fmv_x_d:
		return false;
	default:
		return true;
	}
}

/* To the interpreter, at the current instruction, when @cc holds. */
static void bail_if(struct tr *t, enum x86_cc cc)
{
	if (!t->bail || t->bail->i != t->i)
		t->bail = new_stub(t, STUB_BAIL);
	x86_jcc(B, cc, &t->bail->at);
}

/* What the block assumes of the floating-point state (see above). */
static void fp_guard(struct tr *t)
{
	struct x86_label ok = {0};

	if (t->fp_guarded)
		return;
	t->fp_guarded = true;
	for (unsigned k = 0; k < 2; k++) {
		int32_t off = k ? JIT_OFF(csr.vsstatus) : JIT_OFF(csr.mstatus);

		if (k) {
			x86_alu_mi(B, X86_CMP, 8,
				   x86_mem(JIT_HART, JIT_OFF(virt)), 0);
			x86_jcc(B, X86_CC_E, &ok);
		}
		x86_mov_rm(B, 32, X86_RAX, x86_mem(JIT_HART, off));
		x86_and_ri(B, 32, X86_RAX, (int64_t)MSTATUS_FS);
		if (t->fp_dirty) {
			x86_cmp_ri(B, 32, X86_RAX, (int64_t)MSTATUS_FS);
			bail_if(t, X86_CC_NE);
		} else {
			bail_if(t, X86_CC_E);
		}
	}
	x86_bind(B, &ok);
	if (t->fp_rne) {
		x86_test_mi(B, 8, x86_mem(JIT_HART, JIT_OFF(csr.fcsr)),
			    FCSR_FRM);
		bail_if(t, X86_CC_NE);
	}
}

/* A single operand must be properly NaN-boxed, else: the interpreter. */
static void boxed(struct tr *t, unsigned r)
{
	x86_alu_mi(B, X86_CMP, 32, fmem_hi(r), -1);
	bail_if(t, X86_CC_NE);
}

/* f[rd] = xmm0, the canonical NaN for a NaN (or the interpreter). */
static void fp_result(struct tr *t, bool single, bool nan_bails)
{
	const struct rv_insn *in = insn(t);
	struct stub *s;

	if (single)
		x86_sse_xx(B, X86_UCOMISS, X86_XMM0, X86_XMM0);
	else
		x86_sse_xx(B, X86_UCOMISD, X86_XMM0, X86_XMM0);
	if (nan_bails) {
		bail_if(t, X86_CC_P);
		s = NULL;
	} else {
		s = new_stub(t, STUB_NAN);
		s->rd = in->rd;
		s->single = single;
		x86_jcc(B, X86_CC_P, &s->at);
	}
	if (single) {
		x86_movss_mx(B, fmem(in->rd), X86_XMM0);
		x86_mov_mi(B, 32, fmem_hi(in->rd), -1);
	} else {
		x86_movsd_mx(B, fmem(in->rd), X86_XMM0);
	}
	if (s)
		x86_bind(B, &s->back);
}

static void fp_arith(struct tr *t, enum x86_sse op, bool single)
{
	const struct rv_insn *in = insn(t);
	bool sqrt = op == X86_SQRTSS || op == X86_SQRTSD;

	if (single) {
		boxed(t, in->rs1);
		if (!sqrt)
			boxed(t, in->rs2);
		x86_movss_xm(B, X86_XMM0, fmem(in->rs1));
	} else {
		x86_movsd_xm(B, X86_XMM0, fmem(in->rs1));
	}
	x86_sse_xm(B, op, X86_XMM0, fmem(sqrt ? in->rs1 : in->rs2));
	fp_result(t, single, false);
}

/* fmadd (a * b + c), fmsub (- c), fnmsub (-(a * b) + c), fnmadd. */
static void fp_fma(struct tr *t, unsigned which, bool single)
{
	static const enum x86_fma fma[] = {X86_VFMADD231, X86_VFMSUB231,
					   X86_VFNMADD231, X86_VFNMSUB231};
	const struct rv_insn *in = insn(t);

	if (single) {
		boxed(t, in->rs1);
		boxed(t, in->rs2);
		boxed(t, in->rs3);
		x86_movss_xm(B, X86_XMM0, fmem(in->rs3));
		x86_movss_xm(B, X86_XMM1, fmem(in->rs1));
	} else {
		x86_movsd_xm(B, X86_XMM0, fmem(in->rs3));
		x86_movsd_xm(B, X86_XMM1, fmem(in->rs1));
	}
	x86_fma_xxm(B, fma[which], single ? 32 : 64, X86_XMM0, X86_XMM1,
		    fmem(in->rs2));
	fp_result(t, single, true);
}

/* fsgnj (0), fsgnjn (1), fsgnjx (2) on the raw bits. */
static void fp_sgnj(struct tr *t, unsigned which, bool single)
{
	const struct rv_insn *in = insn(t);
	unsigned bits = single ? 32 : 64;
	uint8_t sign = (uint8_t)(bits - 1);

	if (single) {
		boxed(t, in->rs1);
		boxed(t, in->rs2);
	}
	x86_mov_rm(B, bits, X86_RAX, fmem(in->rs1));
	x86_mov_rm(B, bits, X86_RDX, fmem(in->rs2));
	if (which == 1)
		x86_not(B, bits, X86_RDX);
	x86_shift_ri(B, X86_SHR, bits, X86_RDX, sign);
	x86_shift_ri(B, X86_SHL, bits, X86_RDX, sign);
	if (which == 2) {
		x86_xor_rr(B, bits, X86_RAX, X86_RDX);
	} else {
		x86_bitop_ri(B, X86_BTR, bits, X86_RAX, sign);
		x86_or_rr(B, bits, X86_RAX, X86_RDX);
	}
	x86_mov_mr(B, bits, fmem(in->rd), X86_RAX);
	if (single)
		x86_mov_mi(B, 32, fmem_hi(in->rd), -1);
}

/* feq (quiet), flt, fle (signaling) into x[rd]. */
static void fp_compare(struct tr *t, unsigned which, bool single)
{
	const struct rv_insn *in = insn(t);
	enum x86_sse op;

	if (single) {
		boxed(t, in->rs1);
		boxed(t, in->rs2);
	}
	x86_zero(B, X86_RAX);
	x86_zero(B, X86_RCX);
	if (which == 0) {
		op = single ? X86_UCOMISS : X86_UCOMISD;
		if (single)
			x86_movss_xm(B, X86_XMM0, fmem(in->rs1));
		else
			x86_movsd_xm(B, X86_XMM0, fmem(in->rs1));
		x86_sse_xm(B, op, X86_XMM0, fmem(in->rs2));
		x86_setcc_r(B, X86_CC_E, X86_RAX);
		x86_setcc_r(B, X86_CC_NP, X86_RCX);
		x86_and_rr(B, 32, X86_RAX, X86_RCX);
	} else {
		/* b > a or b >= a: false when unordered (CF set). */
		op = single ? X86_COMISS : X86_COMISD;
		if (single)
			x86_movss_xm(B, X86_XMM0, fmem(in->rs2));
		else
			x86_movsd_xm(B, X86_XMM0, fmem(in->rs2));
		x86_sse_xm(B, op, X86_XMM0, fmem(in->rs1));
		x86_setcc_r(B, which == 1 ? X86_CC_A : X86_CC_AE, X86_RAX);
	}
	put(t, in->rd, X86_RAX);
}

/*
 * Float to integer: @limit is the first magnitude (as the raw bits of the
 * source format) whose result may not fit, and for the unsigned ones,
 * any negative number goes to the interpreter too, which also takes NaNs
 * (their bits are above any limit).
 */
static void fp_to_int(struct tr *t, bool single, unsigned bits, bool sign)
{
	static const uint64_t d_limit[2][2] = {
		/* [rne][bits == 64] */
		{0x41e0000000000000ull, 0x43e0000000000000ull},
		{0x41dfffffffe00000ull, 0x43e0000000000000ull},
	};
	static const uint64_t du_limit[2][2] = {
		{0x41f0000000000000ull, 0x43e0000000000000ull},
		{0x41effffffff00000ull, 0x43e0000000000000ull},
	};
	const struct rv_insn *in = insn(t);
	bool rtz = in->rm == FPU_RTZ;
	unsigned wide = bits == 64;
	uint64_t limit;
	enum x86_cvt op;

	if (single) {
		boxed(t, in->rs1);
		limit = sign ? (wide ? 0x5f000000 : 0x4f000000)
			     : (wide ? 0x5f000000 : 0x4f800000);
	} else {
		limit = sign ? d_limit[!rtz][wide] : du_limit[!rtz][wide];
	}
	x86_mov_rm(B, single ? 32 : 64, X86_RAX, fmem(in->rs1));
	if (sign)
		x86_bitop_ri(B, X86_BTR, single ? 32 : 64, X86_RAX,
			     single ? 31 : 63);
	x86_mov_ri(B, 64, X86_RDX, (int64_t)limit);
	x86_cmp_rr(B, 64, X86_RAX, X86_RDX);
	bail_if(t, X86_CC_AE);
	if (single)
		op = rtz ? X86_CVTTSS2SI : X86_CVTSS2SI;
	else
		op = rtz ? X86_CVTTSD2SI : X86_CVTSD2SI;
	/* The unsigned word forms convert to 64 bits: they fit there. */
	x86_cvt_rm(B, op, sign ? bits : 64, X86_RAX, fmem(in->rs1));
	if (bits == 32)
		x86_movsx_rr(B, 64, 32, X86_RAX, X86_RAX);
	put(t, in->rd, X86_RAX);
}

/* Integer to float: exact, or rounded by MXCSR (round to nearest). */
static void int_to_fp(struct tr *t, bool single, unsigned bits, bool sign)
{
	const struct rv_insn *in = insn(t);

	get(t, X86_RAX, in->rs1);
	if (!sign && bits == 32)
		x86_mov_rr(B, 32, X86_RAX, X86_RAX);
	if (!sign && bits == 64) {
		/* Above 2^63: the interpreter. */
		x86_test_rr(B, 64, X86_RAX, X86_RAX);
		bail_if(t, X86_CC_S);
	}
	x86_sse_xx(B, X86_XORPS, X86_XMM0, X86_XMM0);
	x86_cvt_xr(B, single ? X86_CVTSI2SS : X86_CVTSI2SD,
		   sign && bits == 32 ? 32 : 64, X86_XMM0, X86_RAX);
	if (single) {
		x86_movss_mx(B, fmem(in->rd), X86_XMM0);
		x86_mov_mi(B, 32, fmem_hi(in->rd), -1);
	} else {
		x86_movsd_mx(B, fmem(in->rd), X86_XMM0);
	}
}

/* flw, fld, fsw, fsd: as integer loads and stores, with f registers. */
static void fp_mem(struct tr *t)
{
	const struct rv_insn *in = insn(t);
	const struct rv_op_attr *a = &rv_op_attrs[in->op];
	bool st = a->flags & RV_A_STORE;
	struct stub *s = new_stub(t, st ? STUB_STORE : STUB_LOAD);
	unsigned bits = a->size * 8;
	struct x86_mem m = mem_address(t, s, in->rs1, in->imm, a->size, st);

	if (st) {
		x86_mov_rm(B, bits, X86_RDX, fmem(in->rs2));
		access_here(t, s);
		x86_mov_mr(B, bits, m, X86_RDX);
	} else {
		access_here(t, s);
		x86_mov_rm(B, bits, X86_RAX, m);
		x86_mov_mr(B, bits, fmem(in->rd), X86_RAX);
		if (bits == 32)
			x86_mov_mi(B, 32, fmem_hi(in->rd), -1);
	}
	x86_bind(B, &s->back);
}

/*
 * frflags, fsflags, frrm, frcsr and the like: fflags are those of fcsr
 * and those MXCSR holds (accrued since the last fold); a write replaces
 * both (MXCSR's stay when the new value has them all: fflags is their
 * union either way).
 */
static void fp_csr(struct tr *t)
{
	const struct rv_insn *in = insn(t);
	struct x86_mem fcsr = x86_mem(JIT_HART, JIT_OFF(csr.fcsr));
	struct x86_mem slot = x86_mem(X86_RSP, 0);
	bool imm = in->op >= RV_OP_csrrwi;

	if (in->csr == CSR_FRM) {
		x86_movzx_rm(B, 32, 8, X86_RAX, fcsr);
		x86_shift_ri(B, X86_SHR, 32, X86_RAX, FCSR_FRM_SHIFT);
		put(t, in->rd, X86_RAX);
		return;
	}
	/* ecx = MXCSR's flags, eax = fflags now */
	x86_stmxcsr(B, slot);
	x86_mov_rm(B, 32, X86_RAX, slot);
	x86_and_ri(B, 32, X86_RAX, 0x3f);
	x86_lea(B, 64, X86_RCX, x86_mem_rip(t->j->fflags_of));
	x86_movzx_rm(B, 32, 8, X86_RCX, x86_mem_idx(X86_RCX, X86_RAX, 1, 0));
	x86_movzx_rm(B, 32, 8, X86_RAX, fcsr);
	if (in->csr == CSR_FFLAGS)
		x86_and_ri(B, 32, X86_RAX, FCSR_FFLAGS);
	x86_or_rr(B, 32, X86_RAX, X86_RCX);
	if (csr_writes(in)) {
		struct x86_label kept = {0};

		/* edx = the new fflags */
		if (imm)
			x86_mov_ri(B, 32, X86_RDX, in->rs1);
		else
			get(t, X86_RDX, in->rs1);
		if (in->op == RV_OP_csrrs || in->op == RV_OP_csrrsi) {
			x86_or_rr(B, 32, X86_RDX, X86_RAX);
		} else if (in->op == RV_OP_csrrc || in->op == RV_OP_csrrci) {
			x86_not(B, 32, X86_RDX);
			x86_and_rr(B, 32, X86_RDX, X86_RAX);
		}
		x86_and_ri(B, 32, X86_RDX, FCSR_FFLAGS);
		x86_alu_mi(B, X86_AND, 32, fcsr, FCSR_FRM);
		x86_alu_mr(B, X86_OR, 32, fcsr, X86_RDX);
		/*
		 * MXCSR's flags are cleared only when the new fflags lack
		 * one of them: LDMXCSR is slow, and the common write puts
		 * back what a read found (frflags, a quiet compare,
		 * fsflags), of which MXCSR's are a part.
		 */
		x86_not(B, 32, X86_RDX);
		x86_test_rr(B, 32, X86_RCX, X86_RDX);
		x86_jcc8(B, X86_CC_E, &kept);
		x86_mov_mi(B, 32, slot, 0x1f80);
		x86_ldmxcsr(B, slot);
		x86_bind(B, &kept);
	}
	put(t, in->rd, X86_RAX);
}

/* The guard of csr_inline(): V=0 and not U-mode, or to @s's helper. */
static void s_mode_guard(struct tr *t, struct stub *s)
{
	_Static_assert(offsetof(struct dbt_hart, virt) ==
			       offsetof(struct dbt_hart, priv) + 1,
		       "priv and virt are read as one word");
	/* virt << 8 | priv in 1..0xff */
	x86_movzx_rm(B, 32, 16, X86_RAX, x86_mem(JIT_HART, JIT_OFF(priv)));
	x86_alu_ri(B, X86_SUB, 32, X86_RAX, 1);
	x86_alu_ri(B, X86_CMP, 32, X86_RAX, 0xfe);
	x86_jcc(B, X86_CC_A, &s->at);
}

/*
 * sstatus read, or its SIE cleared: what a kernel's interrupt save and
 * disable do, millions of times a second; and a set of nothing (an
 * interrupt restore where they were off). Clearing SIE neither makes an
 * interrupt deliverable nor changes a translation, so the block goes on.
 * Any other write goes to the helper (SUM changes the data accesses'
 * context, SIE set may let an interrupt in).
 */
static void sstatus_inline(struct tr *t, struct stub *s, bool imm, bool set,
			   bool clear)
{
	const struct rv_insn *in = insn(t);
	struct x86_mem st = x86_mem(JIT_HART, JIT_OFF(csr.mstatus));
	struct x86_label plain = {0};

	if (set) {
		enum x86_gpr m = use(t, in->rs1, X86_RCX);

		x86_test_rr(B, 64, m, m);
		x86_jcc(B, X86_CC_NE, &s->at);
	}
	if (clear && !imm) {
		enum x86_gpr m = use(t, in->rs1, X86_RCX);

		x86_test_ri(B, 64, m, ~(int64_t)MSTATUS_SIE);
		x86_jcc(B, X86_CC_NE, &s->at);
		x86_mov_rr(B, 64, X86_RDX, m);
		x86_not(B, 64, X86_RDX);
	}
	if (in->rd) {
		/* status_sd(): SD when FS, VS or XS is 3 (Dirty) */
		x86_mov_rm(B, 64, X86_RAX, st);
		x86_mov_rr(B, 64, X86_RCX, X86_RAX);
		x86_shift_ri(B, X86_SHR, 64, X86_RCX, 1);
		x86_alu_rr(B, X86_AND, 64, X86_RCX, X86_RAX);
		x86_test_ri(B, 32, X86_RCX,
			    (MSTATUS_FS & MSTATUS_FS >> 1) |
				    (MSTATUS_VS & MSTATUS_VS >> 1) |
				    (MSTATUS_XS & MSTATUS_XS >> 1));
		x86_jcc8(B, X86_CC_E, &plain);
		x86_bitop_ri(B, X86_BTS, 64, X86_RAX, 63);
		x86_bind(B, &plain);
		x86_mov_ri(B, 64, X86_RCX, (int64_t)DBT_SSTATUS_READABLE);
		x86_alu_rr(B, X86_AND, 64, X86_RAX, X86_RCX);
	}
	if (clear && imm)
		x86_alu_mi(B, X86_AND, 64, st, ~(int64_t)MSTATUS_SIE);
	else if (clear)
		x86_alu_mr(B, X86_AND, 64, st, X86_RDX);
}

/*
 * A Zicsr instruction on a supervisor CSR that is plain storage
 * (sscratch, sepc, scause, stval: the trap handler's), or on sstatus as
 * above, from S-mode or M-mode with V=0: inline, the privilege looked at
 * as the code runs. Otherwise (V=1 reaches the VS CSRs, U-mode traps)
 * the helper carries it out.
 */
static bool csr_inline(struct tr *t)
{
	const struct rv_insn *in = insn(t);
	bool imm = in->op >= RV_OP_csrrwi && in->op <= RV_OP_csrrci;
	unsigned op = imm ? in->op - (RV_OP_csrrwi - RV_OP_csrrw) : in->op;
	bool write = op == RV_OP_csrrw || in->rs1;
	int64_t mask = -1, z = in->rs1 & 31;
	struct x86_mem f;
	struct stub *s;
	uint64_t v;

	switch (in->csr) {
	case CSR_SSTATUS:
		if (op == RV_OP_csrrw || (imm && write && op == RV_OP_csrrs) ||
		    (imm && write && z != MSTATUS_SIE))
			return false;
		f = x86_mem(JIT_HART, 0); /* sstatus_inline() has its own */
		break;
	case CSR_SSCRATCH:
		f = x86_mem(JIT_HART, JIT_OFF(csr.sscratch));
		break;
	case CSR_SEPC:
		f = x86_mem(JIT_HART, JIT_OFF(csr.sepc));
		mask = dbt_has(t->j->h, ACCEL_EXT_C) ? ~1ll : ~3ll;
		break;
	case CSR_SCAUSE:
		f = x86_mem(JIT_HART, JIT_OFF(csr.scause));
		break;
	case CSR_STVAL:
		f = x86_mem(JIT_HART, JIT_OFF(csr.stval));
		break;
	default:
		return false;
	}
	if (dbt_csr_get(t->j->h, in->csr, &v))
		return false;
	s = new_stub(t, STUB_HELPER);
	s_mode_guard(t, s);
	if (in->csr == CSR_SSTATUS) {
		sstatus_inline(t, s, imm, op == RV_OP_csrrs && write,
			       op == RV_OP_csrrc && write);
	} else {
		if (in->rd)
			x86_mov_rm(B, 64, X86_RAX, f);
		if (write && imm) {
			if (op == RV_OP_csrrw)
				x86_mov_mi(B, 64, f, z & mask);
			else if (op == RV_OP_csrrs)
				x86_alu_mi(B, X86_OR, 64, f, z & mask);
			else
				x86_alu_mi(B, X86_AND, 64, f, ~z);
		} else if (write) {
			get(t, X86_RDX, in->rs1);
			if (op == RV_OP_csrrc)
				x86_not(B, 64, X86_RDX);
			else if (mask != -1)
				x86_alu_ri(B, X86_AND, 64, X86_RDX, mask);
			if (op == RV_OP_csrrw)
				x86_mov_mr(B, 64, f, X86_RDX);
			else
				x86_alu_mr(B,
					   op == RV_OP_csrrs ? X86_OR : X86_AND,
					   64, f, X86_RDX);
		}
	}
	if (in->rd)
		put(t, in->rd, X86_RAX);
	x86_bind(B, &s->back);
	return true;
}

/* A floating-point instruction inline; false: the helper's. */
static bool translate_fp(struct tr *t)
{
	const struct rv_insn *in = insn(t);
	unsigned op = in->op;

	if (!fp_inline(t, in))
		return false;
	fp_guard(t);
	switch (op) {
	case RV_OP_csrrw ... RV_OP_csrrci:
		fp_csr(t);
		break;
	case RV_OP_flw:
	case RV_OP_fld:
	case RV_OP_fsw:
	case RV_OP_fsd:
		fp_mem(t);
		break;
	case RV_OP_fadd_s:
		fp_arith(t, X86_ADDSS, true);
		break;
	case RV_OP_fsub_s:
		fp_arith(t, X86_SUBSS, true);
		break;
	case RV_OP_fmul_s:
		fp_arith(t, X86_MULSS, true);
		break;
	case RV_OP_fdiv_s:
		fp_arith(t, X86_DIVSS, true);
		break;
	case RV_OP_fsqrt_s:
		fp_arith(t, X86_SQRTSS, true);
		break;
	case RV_OP_fadd_d:
		fp_arith(t, X86_ADDSD, false);
		break;
	case RV_OP_fsub_d:
		fp_arith(t, X86_SUBSD, false);
		break;
	case RV_OP_fmul_d:
		fp_arith(t, X86_MULSD, false);
		break;
	case RV_OP_fdiv_d:
		fp_arith(t, X86_DIVSD, false);
		break;
	case RV_OP_fsqrt_d:
		fp_arith(t, X86_SQRTSD, false);
		break;
	case RV_OP_fmadd_s ... RV_OP_fnmadd_s:
		fp_fma(t, op - RV_OP_fmadd_s, true);
		break;
	case RV_OP_fmadd_d ... RV_OP_fnmadd_d:
		fp_fma(t, op - RV_OP_fmadd_d, false);
		break;
	case RV_OP_fsgnj_s ... RV_OP_fsgnjx_s:
		fp_sgnj(t, op - RV_OP_fsgnj_s, true);
		break;
	case RV_OP_fsgnj_d ... RV_OP_fsgnjx_d:
		fp_sgnj(t, op - RV_OP_fsgnj_d, false);
		break;
	case RV_OP_feq_s ... RV_OP_fle_s:
		fp_compare(t, op - RV_OP_feq_s, true);
		break;
	case RV_OP_feq_d ... RV_OP_fle_d:
		fp_compare(t, op - RV_OP_feq_d, false);
		break;
	case RV_OP_fmv_x_w:
		x86_movsx_rm(B, 64, 32, X86_RAX, fmem(in->rs1));
		put(t, in->rd, X86_RAX);
		break;
	case RV_OP_fmv_x_d:
		x86_mov_rm(B, 64, X86_RAX, fmem(in->rs1));
		put(t, in->rd, X86_RAX);
		break;
	case RV_OP_fmv_w_x:
		get(t, X86_RAX, in->rs1);
		x86_mov_mr(B, 32, fmem(in->rd), X86_RAX);
		x86_mov_mi(B, 32, fmem_hi(in->rd), -1);
		break;
	case RV_OP_fmv_d_x:
		get(t, X86_RAX, in->rs1);
		x86_mov_mr(B, 64, fmem(in->rd), X86_RAX);
		break;
	case RV_OP_fcvt_s_d:
		x86_sse_xx(B, X86_XORPS, X86_XMM0, X86_XMM0);
		x86_sse_xm(B, X86_CVTSD2SS, X86_XMM0, fmem(in->rs1));
		fp_result(t, true, false);
		break;
	case RV_OP_fcvt_d_s:
		boxed(t, in->rs1);
		x86_sse_xx(B, X86_XORPS, X86_XMM0, X86_XMM0);
		x86_sse_xm(B, X86_CVTSS2SD, X86_XMM0, fmem(in->rs1));
		fp_result(t, false, false);
		break;
	case RV_OP_fcvt_w_s:
		fp_to_int(t, true, 32, true);
		break;
	case RV_OP_fcvt_wu_s:
		fp_to_int(t, true, 32, false);
		break;
	case RV_OP_fcvt_l_s:
		fp_to_int(t, true, 64, true);
		break;
	case RV_OP_fcvt_lu_s:
		fp_to_int(t, true, 64, false);
		break;
	case RV_OP_fcvt_w_d:
		fp_to_int(t, false, 32, true);
		break;
	case RV_OP_fcvt_wu_d:
		fp_to_int(t, false, 32, false);
		break;
	case RV_OP_fcvt_l_d:
		fp_to_int(t, false, 64, true);
		break;
	case RV_OP_fcvt_lu_d:
		fp_to_int(t, false, 64, false);
		break;
	case RV_OP_fcvt_s_w:
		int_to_fp(t, true, 32, true);
		break;
	case RV_OP_fcvt_s_wu:
		int_to_fp(t, true, 32, false);
		break;
	case RV_OP_fcvt_s_l:
		int_to_fp(t, true, 64, true);
		break;
	case RV_OP_fcvt_s_lu:
		int_to_fp(t, true, 64, false);
		break;
	case RV_OP_fcvt_d_w:
		int_to_fp(t, false, 32, true);
		break;
	case RV_OP_fcvt_d_wu:
		int_to_fp(t, false, 32, false);
		break;
	case RV_OP_fcvt_d_l:
		int_to_fp(t, false, 64, true);
		break;
	case RV_OP_fcvt_d_lu:
		int_to_fp(t, false, 64, false);
		break;
	}
	return true;
}

/* ---- helpers ---- */

/*
 * Instruction @i carried out by a C helper (exec.h). After one that ends
 * the block, jit_rt_helper never says to go on with it.
 */
static void call_helper(struct tr *t, unsigned i)
{
	const struct rv_insn *in = &t->blk->ops[i].in;
	const struct rv_op_attr *a = &rv_op_attrs[in->op];

	set_pc(t, pc_of(t, i));
	spill(t);
	x86_lea(B, 64, X86_RDI, x86_mem(JIT_HART, -JIT_BIAS));
	x86_mov_ri(B, 64, X86_RSI, (int64_t)(uintptr_t)in);
	x86_lea(B, 64, X86_RDX, x86_mem(JIT_ICOUNT, retired_before(t, i)));
	call_c(t, (const void *)jit_rt_helper);
	t->jump_used = true;
	if (a->flags & RV_A_END) {
		x86_jmp(B, &t->nonzero);
		return;
	}
	x86_test_rr(B, 64, X86_RAX, X86_RAX);
	x86_jcc(B, X86_CC_NE, &t->nonzero);
	/* Retired: the next instructions count from here. */
	x86_mov_ri(B, 64, JIT_ICOUNT, -(int64_t)retired_before(t, i + 1));
	reload(t);
	/* The helper may have written x[rd], callee-saved home or not. */
	if ((a->flags & RV_A_RD) && mapped(t, in->rd))
		x86_mov_rm(B, 64, hreg(t, in->rd), xmem(in->rd));
}

static void helper(struct tr *t)
{
	call_helper(t, t->i);
}

/* ---- exits ---- */

/*
 * A direct jump to @target, if @cond (flags set for cc), through the next
 * exit slot. With @cont the body goes on after it (a side exit), in its
 * own registers.
 */
static void exit_direct(struct tr *t, enum x86_cc cc, bool cond, bool cont,
			uint64_t target)
{
	unsigned slot = t->nexits;
	struct dbt_jit_exit *e;
	struct x86_label stay = {0};
	bool canon = t->canon;
	bool loop = target == t->blk->va && !t->blk->xhost && !canon;

	if (slot == DBT_JIT_EXITS) {
		t->b->err |= X86_ERR_OPERAND;
		return;
	}
	e = &t->blk->jexit[slot];
	t->nexits++;
	/* Code of its own on the way out: jump over it to stay. */
	if (cond && (loop || (cont && t->nswap && !canon))) {
		x86_jcc(B, cc ^ 1, &stay);
		cond = false;
	}
	if (loop) {
		/*
		 * Back to the block's own start: on at its head, in its own
		 * registers, while no event is pending; the page and its
		 * code are those of the jump (as a link within the page
		 * assumes, see dbt_jit_link()).
		 */
		x86_cmp_rm(B, 64, JIT_ICOUNT,
			   x86_mem(JIT_HART, JIT_OFF(jit_budget)));
		x86_jcc(B, X86_CC_L, &t->head);
	}
	leave_block(t);
	e->target = target;
	e->from = t->blk;
	e->site = x86_here(B);
	if (cond)
		x86_jcc(B, cc, &t->exits[slot]);
	else
		x86_jmp(B, &t->exits[slot]);
	/* Staying, the registers are still the body's. */
	if (x86_label_pending(&stay) || cont) {
		x86_bind(B, &stay);
		t->canon = canon;
	}
}

static void emit_exit_stub(struct tr *t, unsigned slot)
{
	struct dbt_jit_exit *e = &t->blk->jexit[slot];

	x86_bind(B, &t->exits[slot]);
	set_pc(t, e->target);
	x86_mov_ri(B, 64, X86_RAX, (int64_t)(uintptr_t)e);
	x86_jmp_to(B, t->j->exit);
}

/*
 * Branch on x[rs1] cc x[rs2]; false when it ended the block. A branch
 * before the block's last instruction is a side exit: the body goes on
 * with its fall-through, r15 counting the instructions up to it already.
 */
static bool branch(struct tr *t, enum x86_cc cc)
{
	const struct rv_insn *in = insn(t);
	uint64_t pc = pc_of(t, t->i);
	bool side = t->i + 1 < t->blk->ninsn;
	enum x86_gpr a;

	count(t, t->i + 1);
	a = use(t, in->rs1, X86_RAX);
	alu_src(t, X86_CMP, 64, a, in->rs2);
	exit_direct(t, cc, true, side, pc + in->imm);
	if (side) {
		t->cbias = t->i + 1;
		return true;
	}
	/* The fall-through: where the end op is (decode() may invert). */
	exit_direct(t, 0, false, false, pc_of(t, t->i + 1));
	return false;
}

/* To the virtual address in rax, through the jump cache. */
static void jump_indirect(struct tr *t)
{
	struct x86_label miss = {0};
	uint64_t jc = (uint64_t)(uintptr_t)t->j->jcache;

	/* rax = target; the slot: jit_jc_slot(), times 16. */
	x86_mov_rr(B, 32, X86_RCX, X86_RAX);
	x86_shift_ri(B, X86_SHR, 32, X86_RCX, JIT_JC_BITS);
	x86_xor_rr(B, 32, X86_RCX, X86_RAX);
	x86_shift_ri(B, X86_SHL, 32, X86_RCX, 3);
	x86_and_ri(B, 32, X86_RCX, (JIT_JC_SIZE - 1) << 4);
	x86_mov_ri(B, 64, X86_RDX, (int64_t)jc);
	x86_cmp_rm(B, 64, X86_RAX, x86_mem_idx(X86_RDX, X86_RCX, 1, 0));
	x86_jcc8(B, X86_CC_NE, &miss);
	x86_jmp_m(B, x86_mem_idx(X86_RDX, X86_RCX, 1, 8));
	x86_bind(B, &miss);
	x86_mov_mr(B, 64, x86_mem(JIT_HART, JIT_OFF(pc)), X86_RAX);
	x86_mov_ri(B, 32, X86_RAX, DBT_JIT_LOOKUP);
	x86_jmp_to(B, t->j->exit);
}

static void jalr(struct tr *t)
{
	const struct rv_insn *in = insn(t);
	uint64_t link = pc_of(t, t->i) + in->len;

	get(t, X86_RAX, in->rs1);
	if (in->imm)
		x86_add_ri(B, 64, X86_RAX, in->imm);
	x86_and_ri(B, 64, X86_RAX, -2);
	put_imm(t, in->rd, link);
	count(t, t->i + 1);
	leave_block(t);
	jump_indirect(t);
}

/* ---- the block ---- */

/*
 * Whether @in is a jump whose target may be misaligned on a hart without
 * C (IALIGN 32): the helper checks it, as the interpreter's does.
 */
static bool misaligned_jump(const struct tr *t, const struct rv_insn *in)
{
	if (t->j->h->vm->decode_ext & (1ull << ACCEL_EXT_C))
		return false;
	return in->op == RV_OP_jalr ||
	       ((in->op == RV_OP_jal ||
		 (rv_op_attrs[in->op].flags & RV_A_BRANCH)) &&
		(in->imm & 2));
}

/* One instruction; false when it ended the block (an exit was emitted). */
static bool translate_op(struct tr *t)
{
	const struct rv_insn *in = insn(t);
	uint64_t pc = pc_of(t, t->i);
	bool bmi1 = t->j->feat & JIT_F_BMI1;

	if (misaligned_jump(t, in)) {
		helper(t);
		return false;
	}
	switch (in->op) {
	case RV_OP_lui:
		put_imm(t, in->rd, (uint64_t)in->imm);
		break;
	case RV_OP_auipc:
		put_imm(t, in->rd, pc + (uint64_t)in->imm);
		break;
	case RV_OP_jal:
		put_imm(t, in->rd, pc + in->len);
		count(t, t->i + 1);
		exit_direct(t, 0, false, false, pc + in->imm);
		return false;
	case RV_OP_jalr:
		jalr(t);
		return false;
	case RV_OP_beq:
		return branch(t, X86_CC_E);
	case RV_OP_bne:
		return branch(t, X86_CC_NE);
	case RV_OP_blt:
		return branch(t, X86_CC_L);
	case RV_OP_bge:
		return branch(t, X86_CC_GE);
	case RV_OP_bltu:
		return branch(t, X86_CC_B);
	case RV_OP_bgeu:
		return branch(t, X86_CC_AE);

	case RV_OP_lb ... RV_OP_lwu:
		load(t);
		break;
	case RV_OP_sb ... RV_OP_sd:
		store(t);
		break;

	case RV_OP_addi:
		binop_imm(t, X86_ADD, in->imm);
		break;
	case RV_OP_slti:
		set_cc(t, X86_CC_L, true);
		break;
	case RV_OP_sltiu:
		set_cc(t, X86_CC_B, true);
		break;
	case RV_OP_xori:
		binop_imm(t, X86_XOR, in->imm);
		break;
	case RV_OP_ori:
		binop_imm(t, X86_OR, in->imm);
		break;
	case RV_OP_andi:
		binop_imm(t, X86_AND, in->imm);
		break;
	case RV_OP_slli:
		if (!shift_add(t) && !zext_shift(t))
			shift_imm(t, X86_SHL, 64);
		break;
	case RV_OP_srli:
		shift_imm(t, X86_SHR, 64);
		break;
	case RV_OP_srai:
		shift_imm(t, X86_SAR, 64);
		break;
	case RV_OP_add:
		binop(t, X86_ADD, true);
		break;
	case RV_OP_sub:
		binop(t, X86_SUB, false);
		break;
	case RV_OP_sll:
		shift_reg(t, X86_SHL, 64);
		break;
	case RV_OP_slt:
		set_cc(t, X86_CC_L, false);
		break;
	case RV_OP_sltu:
		set_cc(t, X86_CC_B, false);
		break;
	case RV_OP_xor:
		binop(t, X86_XOR, true);
		break;
	case RV_OP_srl:
		shift_reg(t, X86_SHR, 64);
		break;
	case RV_OP_sra:
		shift_reg(t, X86_SAR, 64);
		break;
	case RV_OP_or:
		binop(t, X86_OR, true);
		break;
	case RV_OP_and:
		binop(t, X86_AND, true);
		break;
	case RV_OP_addiw:
		if (!in->rd)
			break;
		if (!in->rs1) {
			put_imm(t, in->rd, (uint64_t)(int64_t)(int32_t)in->imm);
			break;
		}
		get_into(t, def(t, in->rd), in->rs1);
		if (in->imm)
			x86_add_ri(B, 32, def(t, in->rd), in->imm);
		/* sext.w of a sign-extended word: a move */
		if (t->hi[t->i] && (in->imm || !(t->sx >> in->rs1 & 1)))
			x86_movsx_rr(B, 64, 32, def(t, in->rd), def(t, in->rd));
		put(t, in->rd, def(t, in->rd));
		break;
	case RV_OP_slliw:
		shift_imm(t, X86_SHL, 32);
		break;
	case RV_OP_srliw:
		shift_imm(t, X86_SHR, 32);
		break;
	case RV_OP_sraiw:
		shift_imm(t, X86_SAR, 32);
		break;
	case RV_OP_addw:
		binop_w(t, X86_ADD);
		break;
	case RV_OP_subw:
		binop_w(t, X86_SUB);
		break;
	case RV_OP_sllw:
		shift_reg(t, X86_SHL, 32);
		break;
	case RV_OP_srlw:
		shift_reg(t, X86_SHR, 32);
		break;
	case RV_OP_sraw:
		shift_reg(t, X86_SAR, 32);
		break;

	case RV_OP_mul:
		mul(t, 64);
		break;
	case RV_OP_mulh:
		mulh(t, X86_IMUL1, false);
		break;
	case RV_OP_mulhsu:
		mulh(t, X86_MUL, true);
		break;
	case RV_OP_mulhu:
		mulh(t, X86_MUL, false);
		break;
	case RV_OP_div:
		divide(t, true, false, 64);
		break;
	case RV_OP_divu:
		divide(t, false, false, 64);
		break;
	case RV_OP_rem:
		divide(t, true, true, 64);
		break;
	case RV_OP_remu:
		divide(t, false, true, 64);
		break;
	case RV_OP_mulw:
		mul(t, 32);
		break;
	case RV_OP_divw:
		divide(t, true, false, 32);
		break;
	case RV_OP_divuw:
		divide(t, false, false, 32);
		break;
	case RV_OP_remw:
		divide(t, true, true, 32);
		break;
	case RV_OP_remuw:
		divide(t, false, true, 32);
		break;

	case RV_OP_add_uw:
		shadd(t, 0, true);
		break;
	case RV_OP_sh1add:
		shadd(t, 1, false);
		break;
	case RV_OP_sh2add:
		shadd(t, 2, false);
		break;
	case RV_OP_sh3add:
		shadd(t, 3, false);
		break;
	case RV_OP_sh1add_uw:
		shadd(t, 1, true);
		break;
	case RV_OP_sh2add_uw:
		shadd(t, 2, true);
		break;
	case RV_OP_sh3add_uw:
		shadd(t, 3, true);
		break;
	case RV_OP_slli_uw:
		if (!in->rd)
			break;
		if (mapped(t, in->rs1))
			x86_mov_rr(B, 32, X86_RAX, hreg(t, in->rs1));
		else if (in->rs1)
			x86_mov_rm(B, 32, X86_RAX, xmem(in->rs1));
		else
			x86_zero(B, X86_RAX);
		if (in->imm & 63)
			x86_shift_ri(B, X86_SHL, 64, X86_RAX,
				     (uint8_t)(in->imm & 63));
		put(t, in->rd, X86_RAX);
		break;

	case RV_OP_andn:
		if (!in->rd)
			break;
		if (bmi1) {
			enum x86_gpr a = use(t, in->rs1, X86_RAX);
			enum x86_gpr c = use(t, in->rs2, X86_RCX);

			x86_andn(B, 64, X86_RAX, c, a);
		} else {
			get(t, X86_RAX, in->rs2);
			x86_not(B, 64, X86_RAX);
			alu_src(t, X86_AND, 64, X86_RAX, in->rs1);
		}
		put(t, in->rd, X86_RAX);
		break;
	case RV_OP_orn:
		if (!in->rd)
			break;
		get(t, X86_RAX, in->rs2);
		x86_not(B, 64, X86_RAX);
		alu_src(t, X86_OR, 64, X86_RAX, in->rs1);
		put(t, in->rd, X86_RAX);
		break;
	case RV_OP_xnor:
		if (!in->rd)
			break;
		get(t, X86_RAX, in->rs1);
		alu_src(t, X86_XOR, 64, X86_RAX, in->rs2);
		x86_not(B, 64, X86_RAX);
		put(t, in->rd, X86_RAX);
		break;
	case RV_OP_clz:
	case RV_OP_clzw:
		if (t->j->feat & JIT_F_LZCNT)
			unary(t, x86_lzcnt_rr, in->op == RV_OP_clz ? 64 : 32);
		else
			alu_call(t, false);
		break;
	case RV_OP_ctz:
	case RV_OP_ctzw:
		if (bmi1)
			unary(t, x86_tzcnt_rr, in->op == RV_OP_ctz ? 64 : 32);
		else
			alu_call(t, false);
		break;
	case RV_OP_cpop:
	case RV_OP_cpopw:
		if (t->j->feat & JIT_F_POPCNT)
			unary(t, x86_popcnt_rr, in->op == RV_OP_cpop ? 64 : 32);
		else
			alu_call(t, false);
		break;
	case RV_OP_max:
		select_cc(t, X86_CC_L);
		break;
	case RV_OP_maxu:
		select_cc(t, X86_CC_B);
		break;
	case RV_OP_min:
		select_cc(t, X86_CC_G);
		break;
	case RV_OP_minu:
		select_cc(t, X86_CC_A);
		break;
	case RV_OP_sext_b:
	case RV_OP_sext_h:
	case RV_OP_zext_h:
		if (!in->rd)
			break;
		{
			enum x86_gpr a = use(t, in->rs1, X86_RAX);
			unsigned sb = in->op == RV_OP_sext_b ? 8 : 16;

			if (in->op == RV_OP_zext_h)
				x86_movzx_rr(B, 64, 16, def(t, in->rd), a);
			else
				x86_movsx_rr(B, 64, sb, def(t, in->rd), a);
			put(t, in->rd, def(t, in->rd));
		}
		break;
	case RV_OP_rol:
		shift_reg(t, X86_ROL, 64);
		break;
	case RV_OP_ror:
		shift_reg(t, X86_ROR, 64);
		break;
	case RV_OP_rolw:
		shift_reg(t, X86_ROL, 32);
		break;
	case RV_OP_rorw:
		shift_reg(t, X86_ROR, 32);
		break;
	case RV_OP_rori:
		shift_imm(t, X86_ROR, 64);
		break;
	case RV_OP_roriw:
		shift_imm(t, X86_ROR, 32);
		break;
	case RV_OP_orc_b:
		alu_call(t, false);
		break;
	case RV_OP_rev8:
		if (!in->rd)
			break;
		get_into(t, def(t, in->rd), in->rs1);
		x86_bswap(B, 64, def(t, in->rd));
		put(t, in->rd, def(t, in->rd));
		break;

	case RV_OP_bclr:
		bitop(t, X86_BTR, false);
		break;
	case RV_OP_bclri:
		bitop(t, X86_BTR, true);
		break;
	case RV_OP_bset:
		bitop(t, X86_BTS, false);
		break;
	case RV_OP_bseti:
		bitop(t, X86_BTS, true);
		break;
	case RV_OP_binv:
		bitop(t, X86_BTC, false);
		break;
	case RV_OP_binvi:
		bitop(t, X86_BTC, true);
		break;
	case RV_OP_bext:
		if (!in->rd)
			break;
		{
			enum x86_gpr c = use(t, in->rs2, X86_RCX);
			enum x86_gpr a = use(t, in->rs1, X86_RDX);

			x86_zero(B, X86_RAX);
			x86_bitop_rr(B, X86_BT, 64, a, c);
			x86_setcc_r(B, X86_CC_B, X86_RAX);
			put(t, in->rd, X86_RAX);
		}
		break;
	case RV_OP_bexti:
		if (!in->rd)
			break;
		get(t, X86_RAX, in->rs1);
		if (in->imm & 63)
			x86_shift_ri(B, X86_SHR, 64, X86_RAX,
				     (uint8_t)(in->imm & 63));
		x86_and_ri(B, 32, X86_RAX, 1);
		put(t, in->rd, X86_RAX);
		break;

	case RV_OP_czero_eqz:
		czero(t, X86_CC_NE);
		break;

	/* Zimop, Zcmop: may-be-operations, as they stand (x[rd] = 0). */
	case RV_OP_mop_r:
	case RV_OP_mop_rr:
		put_imm(t, in->rd, 0);
		break;
	case RV_OP_c_mop:
		break;
	case RV_OP_czero_nez:
		czero(t, X86_CC_E);
		break;

	case RV_OP_lr_w:
	case RV_OP_lr_d:
		lr(t);
		break;
	case RV_OP_sc_w:
	case RV_OP_sc_d:
		sc(t);
		break;
	case RV_OP_amoswap_w ... RV_OP_amomaxu_w:
	case RV_OP_amoswap_d ... RV_OP_amomaxu_d:
		amo(t);
		break;

	case RV_OP_fence:
		/* As the helper: PAUSE yields the host CPU there. */
		if (in->imm == 0x010 && t->j->h->vm->nharts > 1) {
			helper(t);
			break;
		}
		if ((in->imm & (0x5 << 4)) && (in->imm & 0xa))
			x86_mfence(B);
		break;

	default:
		if (in->op >= RV_OP_csrrw && in->op <= RV_OP_csrrci &&
		    csr_inline(t))
			break;
		if ((rv_op_attrs[in->op].flags & RV_A_FP ||
		     (in->op >= RV_OP_csrrw && in->op <= RV_OP_csrrci)) &&
		    translate_fp(t))
			break;
		helper(t);
		if (rv_op_attrs[in->op].flags & RV_A_END)
			return false;
		break;
	}
	return true;
}

/*
 * One instruction (two when fused); false when the block ends with it.
 * Address arithmetic goes to arith(), loads and stores keep a lazy
 * register lazy, anything else has it computed first. The forms hold
 * across what writes only x[rd]; anything that may call C for more
 * (a CSR, a fence, a trap) forgets them all.
 */
static bool translate_one(struct tr *t)
{
	const struct rv_insn *in = insn(t);
	unsigned flags = rv_op_attrs[in->op].flags;
	bool open;

	if (t->rot[t->i] == ROT_SKIP) {
		/* Left out: nothing reads what it writes (rotates()). */
		redefined(t, in->rd);
		return true;
	}
	if (t->rot[t->i]) {
		materialize(t);
		rotate(t);
		written(t, in->rd);
		return true;
	}
	if ((in->op == RV_OP_slli || in->op == RV_OP_addi ||
	     in->op == RV_OP_add ||
	     (in->op >= RV_OP_sh1add && in->op <= RV_OP_sh3add)) &&
	    arith(t))
		return true;
	if (!plain_access(in->op))
		materialize(t);
	open = translate_op(t);
	if (plain_access(in->op) || (flags & RV_A_BRANCH) ||
	    ((flags & RV_A_RD) && !(flags & ~(RV_A_RD | RV_A_PC)))) {
		if (flags & RV_A_RD)
			written(t, in->rd);
		if (t->fused)
			written(t, t->blk->ops[t->i + 1].in.rd);
	} else {
		t->formed = 0;
	}
	return open;
}

int jit_translate(struct dbt_jit *j, struct dbt_block *blk, uint32_t *marks)
{
	const struct guestmem *m = j->h->vm->cfg.mem;
	struct tr tr, *t = &tr;
	struct x86_label miss = {0}, stale = {0}, ev = {0}, leave = {0};
	unsigned slot = (blk->va >> DBT_PAGE_SHIFT) & (DBT_TLB_SIZE - 1);
	int32_t ent = (int32_t)(slot * sizeof(struct dbt_tlb_entry));
	bool open = true;
	uint8_t *start;
	size_t nsites = j->nsites;

	memset(t, 0, sizeof(*t));
	t->j = j;
	t->b = &j->buf;
	t->blk = blk;
	/*
	 * Code first run in a context the window serves is user code: it
	 * looks there first, also while the space waits to be used.
	 */
	t->win = j->h->win.base && j->h->win.user;
	memset(t->host, -1, sizeof(t->host));
	for (unsigned k = 0; k < JIT_NMAP; k++)
		t->host[j->map[k]] = (int8_t)jit_hosts[k].host;

	pc_modes(t);
	high_halves(t);
	rotates(t);
	if (t->win)
		pairs(t);
	choose_swaps(t);
	/* What the floating-point guard will check (translate_fp). */
	for (unsigned i = 0; i < blk->ninsn; i++) {
		const struct rv_insn *in = &blk->ops[i].in;

		if (!(rv_op_attrs[in->op].flags & RV_A_FP ||
		      (in->op >= RV_OP_csrrw && in->op <= RV_OP_csrrci)) ||
		    !fp_inline(t, in))
			continue;
		t->fp_dirty |= fp_writes(in);
		t->fp_rne |= fp_rm_field(in) == 7;
	}

	x86_align(B, 16);
	start = x86_pos(B);
	blk->jit = x86_here(B);

	/* Checked entry: the fetch TLB maps va to this block's code. */
	x86_mov_rm(B, 64, X86_RAX, x86_mem(JIT_HART, JIT_OFF(itlb)));
	x86_mov_ri(B, 64, X86_RCX, (int64_t)(blk->va & DBT_PAGE_MASK));
	x86_cmp_rm(
		B, 64, X86_RCX,
		x86_mem(X86_RAX,
			ent + (int32_t)offsetof(struct dbt_tlb_entry, tag_x)));
	x86_jcc(B, X86_CC_NE, &miss);
	x86_mov_ri(B, 64, X86_RCX, (int64_t)((uintptr_t)blk->host - blk->va));
	x86_cmp_rm(
		B, 64, X86_RCX,
		x86_mem(X86_RAX,
			ent + (int32_t)offsetof(struct dbt_tlb_entry, addend)));
	x86_jcc(B, X86_CC_NE, &miss);

	/* Gen entry: the page still holds what was translated. */
	blk->jit_gen = (uint16_t)(x86_here(B) - blk->jit);
	x86_mov_ri(B, 64, X86_RAX, (int64_t)(uintptr_t)&m->pgen[blk->page]);
	x86_alu_mi(B, X86_CMP, 32, x86_mem(X86_RAX, 0),
		   (int64_t)(int32_t)((blk->gen << 1) | 1));
	x86_jcc(B, X86_CC_NE, &stale);

	/*
	 * Body: a pending event (the budget is INT64_MIN then, hart.h), or
	 * a counter about to overflow; r15 >= 0 at every block boundary.
	 */
	blk->jit_body = (uint16_t)(x86_here(B) - blk->jit);
	x86_cmp_rm(B, 64, JIT_ICOUNT, x86_mem(JIT_HART, JIT_OFF(jit_budget)));
	x86_jcc(B, X86_CC_GE, &ev);
	blk->jit_go = (uint16_t)(x86_here(B) - blk->jit);
	if (blk->xhost) {
		/*
		 * An instruction across the end of the page: the next page's
		 * mapping and code are checked at every entry, even the ones
		 * from within the first page.
		 */
		uint64_t va2 = blk->va + 2;
		int32_t e2 = (int32_t)(((va2 >> DBT_PAGE_SHIFT) &
					(DBT_TLB_SIZE - 1)) *
				       sizeof(struct dbt_tlb_entry));

		x86_mov_rm(B, 64, X86_RAX, x86_mem(JIT_HART, JIT_OFF(itlb)));
		x86_mov_ri(B, 64, X86_RCX, (int64_t)(va2 & DBT_PAGE_MASK));
		x86_cmp_rm(B, 64, X86_RCX,
			   x86_mem(X86_RAX,
				   e2 + (int32_t)offsetof(struct dbt_tlb_entry,
							  tag_x)));
		x86_jcc(B, X86_CC_NE, &miss);
		x86_mov_ri(B, 64, X86_RCX,
			   (int64_t)((uintptr_t)blk->xhost - va2));
		x86_cmp_rm(B, 64, X86_RCX,
			   x86_mem(X86_RAX,
				   e2 + (int32_t)offsetof(struct dbt_tlb_entry,
							  addend)));
		x86_jcc(B, X86_CC_NE, &miss);
		x86_mov_ri(B, 64, X86_RAX,
			   (int64_t)(uintptr_t)&m->pgen[blk->xpage]);
		x86_alu_mi(B, X86_CMP, 32, x86_mem(X86_RAX, 0),
			   (int64_t)(int32_t)((blk->xgen << 1) | 1));
		x86_jcc(B, X86_CC_NE, &stale);
	}
	swap_in(t);
	x86_bind(B, &t->head);
	t->sx = 1; /* x0 */
	for (t->i = 0; t->i < blk->ninsn && open; t->i++) {
		if (marks)
			marks[t->i] = (uint32_t)(x86_here(B) - blk->jit);
		open = translate_one(t);
		t->sx = known_sext(t, t->i);
		if (t->fused) {
			t->fused = false;
			t->i++;
			if (marks)
				marks[t->i] =
					(uint32_t)(x86_here(B) - blk->jit);
			t->sx = known_sext(t, t->i);
		}
	}
	if (open) {
		/* The block stopped before a page end or its size limit. */
		materialize(t);
		count(t, blk->ninsn);
		exit_direct(t, 0, false, false, pc_of(t, blk->ninsn));
	}
	if (marks)
		marks[blk->ninsn] = (uint32_t)(x86_here(B) - blk->jit);

	/* Out of line: the entries' exits, h->pc = va. */
	x86_bind(B, &ev);
	x86_mov_ri(B, 32, X86_RAX, DBT_JIT_EVENT);
	x86_jmp8(B, &leave);
	x86_bind(B, &stale);
	x86_mov_ri(B, 64, X86_RAX, (int64_t)((uintptr_t)blk | 1));
	x86_jmp8(B, &leave);
	x86_bind(B, &miss);
	x86_mov_ri(B, 32, X86_RAX, DBT_JIT_LOOKUP);
	x86_bind(B, &leave);
	set_pc(t, blk->va);
	x86_jmp_to(B, j->exit);

	for (unsigned k = 0; k < t->nexits; k++)
		emit_exit_stub(t, k);
	/* The stubs are the body's: the block's registers. */
	t->canon = false;
	for (unsigned k = 0; k < t->nstubs; k++)
		emit_stub(t, &t->stubs[k]);
	if (t->nstubs || t->jump_used) {
		/* After a call to C: rax = what, h->x up to date. */
		x86_bind(B, &t->nonzero);
		x86_zero(B, JIT_ICOUNT);
		x86_cmp_ri(B, 32, X86_RAX, JIT_RT_JUMP);
		x86_jcc(B, X86_CC_E, &t->jump_pc);
		x86_jmp_to(B, j->exit_nostore);
		x86_bind(B, &t->jump_pc);
		x86_call_to(B, j->reload_all);
		x86_mov_rm(B, 64, X86_RAX, x86_mem(JIT_HART, JIT_OFF(pc)));
		jump_indirect(t);
	}

	for (unsigned k = 0; k < t->nstubs && x86_ok(B); k++)
		if (t->stubs[k].win &&
		    jit_add_site(j, t->stubs[k].access,
				 x86_label_exec(B, &t->stubs[k].tlb)))
			t->b->err |= X86_ERR_OPERAND;
	for (unsigned k = 0; k < t->nexits; k++)
		if (x86_label_pending(&t->exits[k]))
			t->b->err |= X86_ERR_OPERAND;
	if (!x86_ok(B)) {
		x86_rewind(B, start);
		j->nsites = nsites;
		blk->jit = 0;
		return -1;
	}
	return 0;
}
