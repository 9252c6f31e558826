/* SPDX-License-Identifier: MIT */
/*
 * The emulated hart's execution engine: a threaded interpreter over
 * blocks of pre-decoded instructions (cache.h). Each op holds the address
 * of its handler, so that an instruction costs one indirect jump; blocks
 * chain to their successors, so that a loop runs without looking
 * anything up; loads and stores look at the TLB inline (mmu.h: one
 * compare, one add) and call the MMU only on a miss.
 *
 * Integer instructions (RV64I, M, Zba, Zbb, Zbs, Zicond) are carried out
 * here, as the unprivileged ISA specifies them; the rest go to the
 * helpers of exec.c. Interrupts, kicks, remote fences and the other
 * threads' requests are looked at between blocks, which hold at most
 * DBT_BLOCK_MAX instructions.
 *
 * minstret and mcycle count retired instructions: they are brought up to
 * date before anything that may read them (a helper) and when a block
 * ends, so software sees exact values.
 *
 * With the JIT (jit/jit.h), the dispatcher at the bottom of this file
 * finds or translates the block at the pc and enters its host code, which
 * runs chained blocks until it needs the dispatcher again: an unlinked
 * jump, a miss in the jump cache, an event, a trap, an exit to the VMM.
 * The interpreter stays the reference, and runs what the JIT does not:
 * code outside RAM, instructions across a page end, and traced runs.
 */
#include "accel/dbt/run.h"

#include <string.h>

#include "accel/dbt/alu.h"
#include "accel/dbt/cache.h"
#include "accel/dbt/csr.h"
#include "accel/dbt/exec.h"
#include "accel/dbt/jit/jit.h"
#include "accel/dbt/mmu.h"
#include "accel/dbt/pmu.h"
#include "accel/dbt/trace.h"
#include "accel/dbt/trap.h"
#include "base/guestmem.h"

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

/* The end op of a block: its pcoff is the block's length in bytes. */
#define RV_OP_END RV_OP_COUNT

/* dbt_run's interpreter ran its one block (interp(h, true)). */
#define STOP_NONE (-1)

/* What find_block() found. */
enum found {
	FOUND_BLOCK,
	FOUND_TRAP, /* the fetch faulted: h->exc is set */
	FOUND_STEP, /* no block: run one instruction from h->step */
};

/* The @n instructions from @ops on retired. */
static void retire(struct dbt_hart *h, const struct dbt_op *ops, uint64_t n)
{
	h->csr.minstret += n * h->instret_inc;
	h->csr.mcycle += n * h->cycle_inc;
	if (unlikely(h->pmu_on))
		dbt_pmu_retire(h, ops, n);
}

/*
 * Decodes @raw for the hart's extensions. On a hart without C, jumps
 * whose target may be misaligned go to the helper, which checks it.
 */
static void decode(const struct dbt_hart *h, uint32_t raw, struct dbt_op *op,
		   const void *const *labels)
{
	unsigned label;

	rv_decode_isa(raw, &op->in, h->vm->decode_ext);
	label = op->in.op;
	if (unlikely(!(h->vm->decode_ext & (1ull << ACCEL_EXT_C))) &&
	    (label == RV_OP_jalr ||
	     ((label == RV_OP_jal ||
	       (rv_op_attrs[label].flags & RV_A_BRANCH)) &&
	      (op->in.imm & 2))))
		label = RV_OP_illegal; /* the helper's */
	op->fn = labels[label];
}

/*
 * Decodes the block at h->pc, whose code lies at @host in RAM, into the
 * cache. Stops after an instruction that ends a block, before one that
 * would cross the end of the page, after DBT_BLOCK_MAX instructions (one
 * when tracing or debugging).
 */
static struct dbt_block *build(struct dbt_hart *h, const uint8_t *host,
			       const void *const *labels, unsigned max)
{
	const struct guestmem *m = h->vm->cfg.mem;
	uint64_t page = guestmem_page_of(m, host);
	unsigned room = DBT_PAGE_SIZE - (h->pc & ~DBT_PAGE_MASK);
	struct dbt_op ops[DBT_BLOCK_MAX + 1];
	struct dbt_block *b;
	unsigned n = 0, off = 0;
	uint32_t gen;

	gen = dbt_cache_protect(h, page);
	while (n < max) {
		struct dbt_op *op = &ops[n];
		const struct rv_op_attr *a;
		uint32_t raw;

		if (!dbt_code_read(host + off, room - off, &raw))
			break;
		decode(h, raw, op, labels);
		op->in.pcoff = (int16_t)off;
		a = &rv_op_attrs[op->in.op];
		/*
		 * Inline instructions write x0 into x[32]; helpers keep the
		 * encoding's rd (csrrw tells x0 apart) and clear x0 after.
		 */
		if ((a->flags & RV_A_RD) &&
		    !(a->flags & (RV_A_SYSTEM | RV_A_FP | RV_A_ATOMIC)) &&
		    op->in.rd == 0)
			op->in.rd = 32;
		/* pc-relative targets become block-relative. */
		if (op->in.op == RV_OP_auipc || op->in.op == RV_OP_jal ||
		    (a->flags & RV_A_BRANCH))
			op->in.imm += off;
		off += op->in.len;
		n++;
		if (a->flags & RV_A_END)
			break;
	}
	if (!n)
		return NULL;
	ops[n].fn = labels[RV_OP_END];
	memset(&ops[n].in, 0, sizeof(ops[n].in));
	ops[n].in.pcoff = off;

	b = dbt_cache_alloc(h->cache, n + 1);
	if (!b) {
		dbt_cache_reset(h->cache);
		b = dbt_cache_alloc(h->cache, n + 1);
		if (!b)
			return NULL;
	}
	b->host = host;
	b->page = page;
	b->gen = gen;
	b->ninsn = n;
	b->bytes = off;
	memcpy(b->ops, ops, (n + 1) * sizeof(ops[0]));
	dbt_cache_insert(h->cache, b);
	dbt_cache_built(h, b);
	return b->gen == DBT_BLOCK_DEAD ? NULL : b;
}

/*
 * The block to run at h->pc: from the cache, or decoded now. Code that is
 * not in RAM (or needs a PMP check per access), an instruction that
 * crosses into the next page and traced runs go one instruction at a
 * time through h->step.
 */
static enum found find_block(struct dbt_hart *h, const void *const *labels,
			     struct dbt_block **out)
{
	const struct dbt_tlb_entry *e =
		&h->itlb[(h->pc >> DBT_PAGE_SHIFT) & (DBT_TLB_SIZE - 1)];
	const uint8_t *host;
	struct dbt_block *b;
	bool stepping = h->stepping;

	if (likely((h->pc & (DBT_PAGE_MASK | 1)) == e->tag_x)) {
		host = (const uint8_t *)(e->addend + h->pc);
	} else {
		if (dbt_mmu_code(h, h->pc, &host))
			return FOUND_TRAP;
		if (!host)
			goto step;
	}
	b = dbt_cache_lookup(h->cache, host);
	if (likely(b && dbt_block_valid(b, h->pgen)))
		goto found;
	b = build(h, host, labels, stepping ? 1 : DBT_BLOCK_MAX);
	if (!b)
		goto step;
found:
	*out = b;
	return FOUND_BLOCK;

step : {
	uint32_t raw;

	/* One instruction, fetched through the MMU each time. */
	if (dbt_mmu_fetch(h, h->pc, &raw))
		return FOUND_TRAP;
	b = h->step;
	memset(b, 0, sizeof(*b));
	b->ninsn = 1;
	decode(h, raw, &b->ops[0], labels);
	{
		const struct rv_op_attr *a = &rv_op_attrs[b->ops[0].in.op];

		if ((a->flags & RV_A_RD) &&
		    !(a->flags & (RV_A_SYSTEM | RV_A_FP | RV_A_ATOMIC)) &&
		    b->ops[0].in.rd == 0)
			b->ops[0].in.rd = 32;
	}
	b->bytes = b->ops[0].in.len;
	memset(&b->ops[1].in, 0, sizeof(b->ops[1].in));
	b->ops[1].fn = labels[RV_OP_END];
	b->ops[1].in.pcoff = b->bytes;
	*out = b;
	return FOUND_STEP;
}
}

/* Handles what other threads posted; a stop reason, or -1 to go on. */
static int events(struct dbt_hart *h)
{
	unsigned ev = atomic_load(&h->events);

	if (ev & DBT_EV_SYNC)
		dbt_cache_ack(h);
	if (ev & DBT_EV_FENCE_I)
		dbt_cache_fence_i(h);
	if (ev & DBT_EV_FENCE_VMA)
		dbt_mmu_flush_all(h);
	if (ev & DBT_EV_FENCE_GVMA)
		dbt_mmu_hfence_gvma(h, false, 0, false, 0);
	/* Clearing after applying is what vcpu_fence waits for. */
	atomic_fetch_and(&h->events, ~ev);
	if (ev & DBT_EV_KICK) {
		/* Look at interrupts again when the hart comes back. */
		if (ev & DBT_EV_IRQ)
			dbt_hart_irq_recheck(h);
		return DBT_STOP_KICK;
	}
	if (ev & DBT_EV_IRQ) {
		if (unlikely(dbt_trace_flags(h)))
			dbt_trace_interrupt(h);
		else
			dbt_trap_check_irq(h);
	}
	return -1;
}

/* Whether the instruction at h->pc has a breakpoint: stop before it. */
static bool breakpoint(struct dbt_hart *h)
{
	for (unsigned i = 0; i < h->debug.nbreak; i++) {
		if (h->debug.breaks[i] == h->pc) {
			h->hit = DBT_HIT_BREAK;
			return true;
		}
	}
	return false;
}

/* After one instruction (or trap): a step. */
static bool stopped(struct dbt_hart *h)
{
	if (h->debug.step) {
		h->hit = DBT_HIT_STEP;
		return true;
	}
	return false;
}

static void take_trap(struct dbt_hart *h)
{
	if (unlikely(dbt_trace_flags(h)))
		dbt_trace_exception(h);
	dbt_trap_raise(h);
}

/* Operand access. */
#define RD (op->in.rd)
#define A (x[op->in.rs1])
#define B (x[op->in.rs2])
#define IMM (op->in.imm)

#define NEXT()                 \
	do {                   \
		op++;          \
		goto * op->fn; \
	} while (0)

#define ALU(name, expr)         \
	op_##name:              \
	{                       \
		x[RD] = (expr); \
		NEXT();         \
	}

/* The pc of the current op; brings the counters up to it. */
#define SYNC()                                                \
	do {                                                  \
		h->pc = bpc + op->in.pcoff;                   \
		retire(h, counted, (uint64_t)(op - counted)); \
		counted = op;                                 \
	} while (0)

#define LOAD(name, size, type)                                                 \
	op_##name:                                                             \
	{                                                                      \
		uint64_t va = A + IMM, v;                                      \
		const struct dbt_tlb_entry *e =                                \
			&h->dtlb[(va >> DBT_PAGE_SHIFT) & (DBT_TLB_SIZE - 1)]; \
		if (likely((va & (DBT_PAGE_MASK | (size - 1))) == e->tag_r)) { \
			x[RD] = (uint64_t)(type)__atomic_load_n(               \
				(type *)(e->addend + va), __ATOMIC_RELAXED);   \
			NEXT();                                                \
		}                                                              \
		SYNC();                                                        \
		if (dbt_mmu_load_slow(h, va, size, &v, 0))                     \
			goto trap;                                             \
		x[RD] = (uint64_t)(type)v;                                     \
		NEXT();                                                        \
	}

#define STORE(name, size, type)                                                \
	op_##name:                                                             \
	{                                                                      \
		uint64_t va = A + IMM;                                         \
		const struct dbt_tlb_entry *e =                                \
			&h->dtlb[(va >> DBT_PAGE_SHIFT) & (DBT_TLB_SIZE - 1)]; \
		if (likely((va & (DBT_PAGE_MASK | (size - 1))) ==              \
			   __atomic_load_n(&e->tag_w, __ATOMIC_RELAXED))) {    \
			__atomic_store_n((type *)(e->addend + va), (type)B,    \
					 __ATOMIC_RELAXED);                    \
			NEXT();                                                \
		}                                                              \
		SYNC();                                                        \
		if (dbt_mmu_store_slow(h, va, size, B, 0))                     \
			goto trap;                                             \
		if (unlikely(h->htif_written)) {                               \
			h->pc += op->in.len;                                   \
			retire(h, op, 1);                                      \
			return DBT_STOP_HTIF;                                  \
		}                                                              \
		NEXT();                                                        \
	}

#define BRANCH(name, cond)      \
	op_##name:              \
	{                       \
		taken = (cond); \
		goto branch;    \
	}

/*
 * The interpreter: until something must leave vcpu_run, or with @once
 * after one block (or trap), returning STOP_NONE then; but on for as
 * long as an hpm counter counts an event of each instruction, which
 * translated code does not count.
 */
#define ONCE() (once && !h->pmu.per_insn)

static int interp(struct dbt_hart *h, bool once)
{
	/* Every op goes to the helper unless named below. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
	static const void *const labels[RV_OP_COUNT + 1] = {
		[0 ... RV_OP_COUNT - 1] = &&op_helper,
#define L(name) [RV_OP_##name] = &&op_##name
		L(lui),
		L(auipc),
		L(jal),
		L(jalr),
		L(beq),
		L(bne),
		L(blt),
		L(bge),
		L(bltu),
		L(bgeu),
		L(lb),
		L(lh),
		L(lw),
		L(ld),
		L(lbu),
		L(lhu),
		L(lwu),
		L(sb),
		L(sh),
		L(sw),
		L(sd),
		L(addi),
		L(slti),
		L(sltiu),
		L(xori),
		L(ori),
		L(andi),
		L(slli),
		L(srli),
		L(srai),
		L(add),
		L(sub),
		L(sll),
		L(slt),
		L(sltu),
		L(xor),
		L(srl),
		L(sra),
		L(or),
		L(and),
		L(addiw),
		L(slliw),
		L(srliw),
		L(sraiw),
		L(addw),
		L(subw),
		L(sllw),
		L(srlw),
		L(sraw),
		L(mul),
		L(mulh),
		L(mulhsu),
		L(mulhu),
		L(div),
		L(divu),
		L(rem),
		L(remu),
		L(mulw),
		L(divw),
		L(divuw),
		L(remw),
		L(remuw),
		L(add_uw),
		L(sh1add),
		L(sh2add),
		L(sh3add),
		L(sh1add_uw),
		L(sh2add_uw),
		L(sh3add_uw),
		L(slli_uw),
		L(andn),
		L(orn),
		L(xnor),
		L(clz),
		L(clzw),
		L(ctz),
		L(ctzw),
		L(cpop),
		L(cpopw),
		L(max),
		L(maxu),
		L(min),
		L(minu),
		L(sext_b),
		L(sext_h),
		L(zext_h),
		L(rol),
		L(rolw),
		L(ror),
		L(rori),
		L(roriw),
		L(rorw),
		L(orc_b),
		L(rev8),
		L(bclr),
		L(bclri),
		L(bext),
		L(bexti),
		L(binv),
		L(binvi),
		L(bset),
		L(bseti),
		L(czero_eqz),
		L(czero_nez),
		L(mop_r),
		L(mop_rr),
		L(c_mop),
		[RV_OP_END] = &&op_end,
#undef L
	};
#pragma GCC diagnostic pop
	uint64_t *const x = h->x;
	const struct dbt_op *op, *counted;
	struct dbt_block *b;
	uint64_t bpc, npc;
	unsigned slot;
	bool taken, ran = false, stepped = false;
	int stop;

dispatch:
	/* Debugging: one instruction (or its trap) ran since the last look. */
	if (unlikely(stepped) && stopped(h))
		return DBT_STOP_DEBUG;
	if (ONCE() && ran)
		return STOP_NONE;
	if (unlikely(atomic_load_explicit(&h->events, memory_order_relaxed))) {
		stop = events(h);
		if (stop >= 0)
			return stop;
	}
	switch (find_block(h, labels, &b)) {
	case FOUND_TRAP:
		take_trap(h);
		ran = true;
		goto dispatch;
	case FOUND_STEP:
	case FOUND_BLOCK:
		break;
	}
enter:
	ran = true;
	if (unlikely(h->stepping)) {
		if (h->debug_on) {
			if (breakpoint(h))
				return DBT_STOP_DEBUG;
			stepped = true;
		}
		if (h->tracing)
			dbt_trace_step(h, b->ops[0].in.raw);
	}
	h->stop_block = false;
	bpc = h->pc;
	op = counted = b->ops;
	goto * op->fn;

	/* ---- RV64I ---- */
	ALU(lui, IMM)
	ALU(auipc, bpc + IMM)
	ALU(addi, A + IMM)
	ALU(slti, (int64_t)A < IMM)
	ALU(sltiu, A < (uint64_t)IMM)
	ALU(xori, A ^ IMM)
	ALU(ori, A | IMM)
	ALU(andi, A & IMM)
	ALU(slli, A << (IMM & 63))
	ALU(srli, A >> (IMM & 63))
	ALU(srai, (uint64_t)((int64_t)A >> (IMM & 63)))
	ALU(add, A + B)
	ALU(sub, A - B)
	ALU(sll, A << (B & 63))
	ALU(slt, (int64_t)A < (int64_t)B)
	ALU(sltu, A < B)
	ALU(xor, A ^ B)
	ALU(srl, A >> (B & 63))
	ALU(sra, (uint64_t)((int64_t)A >> (B & 63)))
	ALU(or, A | B)
	ALU(and, A & B)
	ALU(addiw, alu_sext32(A + IMM))
	ALU(slliw, alu_sext32((uint32_t)A << (IMM & 31)))
	ALU(srliw, alu_sext32((uint32_t)A >> (IMM & 31)))
	ALU(sraiw, (uint64_t)(int64_t)((int32_t)A >> (IMM & 31)))
	ALU(addw, alu_sext32(A + B))
	ALU(subw, alu_sext32(A - B))
	ALU(sllw, alu_sext32((uint32_t)A << (B & 31)))
	ALU(srlw, alu_sext32((uint32_t)A >> (B & 31)))
	ALU(sraw, (uint64_t)(int64_t)((int32_t)A >> (B & 31)))

	/* ---- M ---- */
	ALU(mul, A * B)
	ALU(mulh, alu_mulh(A, B))
	ALU(mulhsu, alu_mulhsu(A, B))
	ALU(mulhu, alu_mulhu(A, B))
	ALU(div, alu_div64(A, B))
	ALU(divu, B ? A / B : UINT64_MAX)
	ALU(rem, alu_rem64(A, B))
	ALU(remu, B ? A % B : A)
	ALU(mulw, alu_sext32(A * B))
	ALU(divw, alu_divw(A, B))
	ALU(divuw,
	    (uint32_t)B ? alu_sext32((uint32_t)A / (uint32_t)B) : UINT64_MAX)
	ALU(remw, alu_remw(A, B))
	ALU(remuw,
	    (uint32_t)B ? alu_sext32((uint32_t)A % (uint32_t)B) : alu_sext32(A))

	/* ---- Zba ---- */
	ALU(add_uw, B + (uint32_t)A)
	ALU(sh1add, B + (A << 1))
	ALU(sh2add, B + (A << 2))
	ALU(sh3add, B + (A << 3))
	ALU(sh1add_uw, B + ((uint64_t)(uint32_t)A << 1))
	ALU(sh2add_uw, B + ((uint64_t)(uint32_t)A << 2))
	ALU(sh3add_uw, B + ((uint64_t)(uint32_t)A << 3))
	ALU(slli_uw, (uint64_t)(uint32_t)A << (IMM & 63))

	/* ---- Zbb ---- */
	ALU(andn, A & ~B)
	ALU(orn, A | ~B)
	ALU(xnor, ~(A ^ B))
	ALU(clz, A ? (uint64_t)__builtin_clzll(A) : 64)
	ALU(clzw, (uint32_t)A ? (uint64_t)__builtin_clz((uint32_t)A) : 32)
	ALU(ctz, A ? (uint64_t)__builtin_ctzll(A) : 64)
	ALU(ctzw, (uint32_t)A ? (uint64_t)__builtin_ctz((uint32_t)A) : 32)
	ALU(cpop, (uint64_t)__builtin_popcountll(A))
	ALU(cpopw, (uint64_t)__builtin_popcount((uint32_t)A))
	ALU(max, (int64_t)A > (int64_t)B ? A : B)
	ALU(maxu, A > B ? A : B)
	ALU(min, (int64_t)A < (int64_t)B ? A : B)
	ALU(minu, A < B ? A : B)
	ALU(sext_b, (uint64_t)(int64_t)(int8_t)A)
	ALU(sext_h, (uint64_t)(int64_t)(int16_t)A)
	ALU(zext_h, (uint16_t)A)
	ALU(rol, alu_rol64(A, B))
	ALU(rolw, alu_rorw(A, 32 - (B & 31)))
	ALU(ror, alu_ror64(A, B))
	ALU(rori, alu_ror64(A, IMM))
	ALU(roriw, alu_rorw(A, IMM))
	ALU(rorw, alu_rorw(A, B))
	ALU(orc_b, alu_orc_b(A))
	ALU(rev8, __builtin_bswap64(A))

	/* ---- Zbs ---- */
	ALU(bclr, A & ~(1ull << (B & 63)))
	ALU(bclri, A & ~(1ull << (IMM & 63)))
	ALU(bext, (A >> (B & 63)) & 1)
	ALU(bexti, (A >> (IMM & 63)) & 1)
	ALU(binv, A ^ (1ull << (B & 63)))
	ALU(binvi, A ^ (1ull << (IMM & 63)))
	ALU(bset, A | (1ull << (B & 63)))
	ALU(bseti, A | (1ull << (IMM & 63)))

	/* ---- Zicond ---- */
	ALU(czero_eqz, B ? A : 0)
	ALU(czero_nez, B ? 0 : A)

	/* ---- Zimop, Zcmop: may-be-operations, as they stand ---- */
	ALU(mop_r, 0)
	ALU(mop_rr, 0)
op_c_mop:
	NEXT();

	/* ---- loads and stores ---- */
	LOAD(lb, 1, int8_t)
	LOAD(lh, 2, int16_t)
	LOAD(lw, 4, int32_t)
	LOAD(ld, 8, uint64_t)
	LOAD(lbu, 1, uint8_t)
	LOAD(lhu, 2, uint16_t)
	LOAD(lwu, 4, uint32_t)
	STORE(sb, 1, uint8_t)
	STORE(sh, 2, uint16_t)
	STORE(sw, 4, uint32_t)
	STORE(sd, 8, uint64_t)

	/* ---- control transfers: they end the block ---- */
	BRANCH(beq, A == B)
	BRANCH(bne, A != B)
	BRANCH(blt, (int64_t)A < (int64_t)B)
	BRANCH(bge, (int64_t)A >= (int64_t)B)
	BRANCH(bltu, A < B)
	BRANCH(bgeu, A >= B)

branch:
	slot = !taken;
	npc = taken ? bpc + IMM : bpc + op->in.pcoff + op->in.len;
	goto end;

op_jal:
	x[RD] = bpc + op->in.pcoff + op->in.len;
	npc = bpc + IMM;
	slot = 0;
	goto end;

op_jalr:
	npc = (A + IMM) & ~1ull;
	x[RD] = bpc + op->in.pcoff + op->in.len;
	slot = 2; /* the last target, if it is the target again */
	goto end;

op_end:
	/* The block stopped before its last instruction's successor. */
	npc = bpc + op->in.pcoff;
	slot = 1;
	op--;
	goto end;

end:
	h->pc = npc;
	retire(h, counted, (uint64_t)(op + 1 - counted));
	if (unlikely(atomic_load_explicit(&h->events, memory_order_relaxed) |
		     h->stop_block) ||
	    unlikely(h->stepping) || b == h->step || ONCE())
		goto dispatch;
	{
		/* Chain: the successor, if its page still translates there. */
		struct dbt_block *nb = b->link[slot];
		const struct dbt_tlb_entry *e =
			&h->itlb[(npc >> DBT_PAGE_SHIFT) & (DBT_TLB_SIZE - 1)];

		if (likely(nb && (npc & (DBT_PAGE_MASK | 1)) == e->tag_x &&
			   nb->host == (const uint8_t *)(e->addend + npc) &&
			   dbt_block_valid(nb, h->pgen))) {
			b = nb;
			goto enter;
		}
		switch (find_block(h, labels, &nb)) {
		case FOUND_BLOCK:
			b->link[slot] = nb;
			b = nb;
			goto enter;
		case FOUND_STEP:
			b = nb;
			goto enter;
		case FOUND_TRAP:
			take_trap(h);
			goto dispatch;
		}
	}
	goto dispatch;

op_helper:
	SYNC();
	switch (dbt_exec_helper(h, &op->in)) {
	case DBT_EXEC_NEXT:
		retire(h, op, 1);
		counted = op + 1;
		if (unlikely(h->stop_block ||
			     atomic_load_explicit(&h->events,
						  memory_order_relaxed) ||
			     h->pc != bpc + op->in.pcoff + op->in.len))
			goto dispatch;
		NEXT();
	case DBT_EXEC_TRAP:
		goto trap;
	case DBT_EXEC_SBI:
		return DBT_STOP_SBI;
	case DBT_EXEC_HTIF:
		retire(h, op, 1);
		return DBT_STOP_HTIF;
	}
	goto dispatch;

trap:
	/* A watchpoint stops the hart before the instruction (mmu.c). */
	if (unlikely(h->hit == DBT_HIT_WATCH))
		return DBT_STOP_DEBUG;
	/* h->pc is the instruction's; the counters stop before it. */
	if (rv_op_attrs[op->in.op].flags & (RV_A_LOAD | RV_A_STORE))
		dbt_exec_tinst(h, &op->in,
			       x[op->in.rs1] + (rv_op_attrs[op->in.op].flags &
								(RV_A_ATOMIC |
								 RV_A_SYSTEM)
							? 0
							: op->in.imm));
	take_trap(h);
	goto dispatch;
}

/* ---- the JIT's dispatcher ---- */

enum jit_found {
	JIT_FOUND,
	JIT_FOUND_TRAP,	  /* the fetch faulted: h->exc is set */
	JIT_FOUND_INTERP, /* the interpreter runs this block */
};

/* The translated block to run at h->pc. */
static enum jit_found jit_find(struct dbt_hart *h, struct dbt_block **out)
{
	const struct dbt_tlb_entry *e =
		&h->itlb[(h->pc >> DBT_PAGE_SHIFT) & (DBT_TLB_SIZE - 1)];
	const uint8_t *host;

	if (likely((h->pc & (DBT_PAGE_MASK | 1)) == e->tag_x)) {
		host = (const uint8_t *)(e->addend + h->pc);
	} else {
		if (dbt_mmu_code(h, h->pc, &host))
			return JIT_FOUND_TRAP;
		if (!host)
			return JIT_FOUND_INTERP;
	}
	*out = dbt_jit_get(h, host);
	return *out ? JIT_FOUND : JIT_FOUND_INTERP;
}

static enum dbt_stop run_jit(struct dbt_hart *h)
{
	/* What the last exit left to do once the next block is known. */
	struct dbt_jit_exit *link = NULL;
	struct dbt_block *stale = NULL, *b;
	struct dbt_jit_ret r = {0};
	uint64_t resets;
	int stop;

	dbt_win_enter(h);
	for (;;) {
		if (unlikely(atomic_load_explicit(&h->events,
						  memory_order_relaxed))) {
			stop = events(h);
			if (stop >= 0)
				return stop;
		}
		if (dbt_jit_sync(h))
			link = NULL, stale = NULL;
		if (unlikely(h->pmu.per_insn)) {
			/* Events of each instruction: the interpreter counts. */
			link = NULL, stale = NULL;
			stop = interp(h, true);
			if (stop != STOP_NONE)
				return stop;
			continue;
		}
		resets = dbt_jit_resets(h);
		switch (jit_find(h, &b)) {
		case JIT_FOUND:
			break;
		case JIT_FOUND_TRAP:
			take_trap(h);
			link = NULL, stale = NULL;
			continue;
		case JIT_FOUND_INTERP:
			link = NULL, stale = NULL;
			stop = interp(h, true);
			if (stop != STOP_NONE)
				return stop;
			continue;
		}
		if (dbt_jit_resets(h) != resets)
			link = NULL, stale = NULL;
		if (link)
			dbt_jit_link(h, link, b);
		if (stale)
			dbt_jit_redirect(h, stale, b);
		link = NULL, stale = NULL;
		dbt_jit_remember(h, h->pc, b);
		h->stop_block = false;
		r = dbt_jit_enter(h, b);
		/* Not of each instruction: translated code ran without. */
		retire(h, NULL, r.icount);
		if (r.what >= DBT_JIT_PTR) {
			if (r.what & 1)
				stale = (struct dbt_block *)(uintptr_t)(r.what -
									1);
			else
				link = (struct dbt_jit_exit *)(uintptr_t)r.what;
			continue;
		}
		switch (r.what) {
		case DBT_JIT_SBI:
			return DBT_STOP_SBI;
		case DBT_JIT_HTIF:
			return DBT_STOP_HTIF;
		case DBT_JIT_INTERP:
			stop = interp(h, true);
			if (stop != STOP_NONE)
				return stop;
			break;
		default:
			break;
		}
	}
}

enum dbt_stop dbt_run(struct dbt_hart *h)
{
	/* Tracing or debugging: one instruction a block, interpreted. */
	if (h->jit && !h->stepping)
		return run_jit(h);
	return interp(h, false);
}
