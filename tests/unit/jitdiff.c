/* SPDX-License-Identifier: MIT */
/*
 * The JIT against the interpreter: random instruction streams, run on two
 * harts that differ only in --accel dbt,jit=on and jit=off, must leave the
 * same architectural state (every register and CSR of the hart's state
 * record, and the data they wrote) after each segment of a few blocks.
 *
 * A segment is a dozen random instructions of every decoder group (RV64I,
 * M, A, F, D, C, Zicsr, Zifencei, Zba, Zbb, Zbs, Zicond, Zicbom, Zicboz,
 * Zicbop, Zfh, Zfa, Zbc, Zbkb, Zbkx, Zcb, Zimop, Zcmop, Zawrs, the
 * hypervisor loads and stores, fences), forward branches and jumps
 * (so that it splits into blocks that chain), loops with their latch in
 * line or out of line, calls of a function after tohost (blocks follow
 * jumps and returns within the page), then a store to tohost,
 * which makes vcpu_run return. A trap goes to a handler that is such a
 * store, so faults are compared too (cause, tval, the pc and the
 * counters). Loads and stores take their base address from registers
 * that point into a data area, so that most of them hit the TLB's fast
 * path; one segment in four begins with the TLB emptied.
 *
 * Each case runs segments in one privilege mode and translation regime:
 * M, HS and U, bare and Sv39, VS and VU (two-stage: Sv39 over an Sv39x4
 * G-stage), M with MPRV, and with traps delegated; the floating-point
 * state starts from random values, rounding modes and flags. The hpm
 * counters count instructions, cycles, branches, loads or stores from
 * near their overflow, with random mode filters (the random code reads
 * and writes them too; with an event of each instruction the JIT hart
 * leaves the work to its interpreter). Pointer masking cases give the
 * base registers random tags above the address; a case without C takes
 * the jumps to misaligned targets.
 *
 * One segment in four makes an indexed access (gen_indexed()) among its
 * random instructions, one in eight a rotate or a zero extension
 * (gen_rotate()).
 *
 * Every 500 segments the JIT hart keeps other, random, guest registers in
 * host registers; one segment in four uses three registers over and over,
 * which blocks then keep in host registers of their own. One segment in eight begins with a 32-bit instruction
 * across the end of a page. JITDIFF_SEED and JITDIFF_SEGMENTS change the seed and
 * the segments run per case; JITDIFF_VERBOSE prints each segment.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accel/accel.h"
#include "accel/dbt/decode.h"
#include "accel/dbt/hart.h"
#include "accel/dbt/disas.h"
#include "accel/dbt/jit/jit.h"
#include "accel/dbt/mmu.h"
#include "base/clock.h"
#include "base/guestmem.h"
#include "devices/bus.h"
#include "riscv/riscv.h"

#define RAM_BASE 0x80000000ull
#define RAM_SIZE (8ull << 20)
#define CODE (RAM_BASE + 0x000000) /* segment slots */
#define CODE_SIZE 0x40000
#define SLOT 256
#define HANDLER (RAM_BASE + 0x100000) /* every trap handler */
#define DATA (RAM_BASE + 0x200000)    /* what loads and stores touch */
#define DATA_SIZE 0x10000
#define PT_S (RAM_BASE + 0x300000) /* Sv39 root, supervisor pages */
#define PT_U (RAM_BASE + 0x301000) /* Sv39 root, user pages */
#define PT_G (RAM_BASE + 0x304000) /* Sv39x4 root (16 KiB aligned) */
#define TOHOST (RAM_BASE + 0x400000)
#define FROMHOST (TOHOST + 8)

#define TOHOST_REG 31
#define LOOP_REG 30
static const unsigned ptr_regs[] = {2, 3, 8, 9};
#define NPTR (sizeof(ptr_regs) / sizeof(ptr_regs[0]))

static const struct accel_ops *ops = &accel_dbt_ops;
static int failures;
static bool verbose;

/* ---- randomness: xorshift64*, reproducible from the seed ---- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t x = rng_state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545f4914f6cdd1dull;
}

static unsigned rnd_n(unsigned n)
{
	return (unsigned)(rnd() % n);
}

/* Values that make arithmetic interesting. */
static uint64_t rnd_value(void)
{
	static const uint64_t special[] = {
		0,
		1,
		-1ull,
		0x7fffffffffffffffull,
		0x8000000000000000ull,
		0x7fffffff,
		0x80000000,
		0xffffffff,
		0xffffffff80000000ull,
		0x100000000ull,
		2,
		63,
		64,
		31,
		32,
	};

	switch (rnd_n(4)) {
	case 0:
		return special[rnd_n(sizeof(special) / sizeof(special[0]))];
	case 1:
		return rnd() & 0xff;
	case 2:
		return (uint64_t)(int64_t)(int32_t)rnd();
	default:
		return rnd();
	}
}

/* f register contents: special doubles, boxed singles, improper boxes. */
static uint64_t rnd_fvalue(void)
{
	static const uint64_t d[] = {
		0x0000000000000000ull,
		0x8000000000000000ull, /* +-0 */
		0x3ff0000000000000ull,
		0xbff0000000000000ull, /* +-1 */
		0x7ff0000000000000ull,
		0xfff0000000000000ull, /* +-inf */
		0x7ff8000000000000ull,
		0x7ff4000000000000ull, /* qNaN, sNaN */
		0x0000000000000001ull,
		0x000fffffffffffffull, /* subnormal */
		0x7fefffffffffffffull,
		0x0010000000000000ull, /* max, min */
		0x41dfffffffc00000ull,
		0xc1e0000000000000ull, /* 2^31-1, -2^31 */
		0x43e0000000000000ull,
		0x4330000000000001ull,
		0x3fe0000000000000ull,
		0x4000000000000001ull,
	};
	static const uint32_t s[] = {
		0x00000000, 0x80000000, 0x3f800000, 0xbf800000,
		0x7f800000, 0xff800000, 0x7fc00000, 0x7fa00000,
		0x00000001, 0x007fffff, 0x7f7fffff, 0x00800000,
		0x4effffff, 0xcf000000, 0x3f000000, 0x40490fdb,
	};
	uint64_t v;

	switch (rnd_n(8)) {
	case 0:
	case 6:
	case 7:
		return d[rnd_n(sizeof(d) / sizeof(d[0]))];
	case 1:
		return 0xffffffff00000000ull |
		       s[rnd_n(sizeof(s) / sizeof(s[0]))];
	case 2:
		/* A double near 1 with random low bits: inexact results. */
		return 0x3ff0000000000000ull | (rnd() & 0x800fffffffffffffull) |
		       (uint64_t)rnd_n(64) << 52;
	case 3:
		return 0xffffffff3f800000ull | (rnd() & 0x807fffffull) |
		       (uint64_t)rnd_n(32) << 23;
	case 4:
		v = rnd();
		return rnd_n(8) ? v : v & 0xffffffffull; /* improper box */
	default:
		return 0xffffffff00000000ull | (uint32_t)rnd();
	}
}

/* ---- instruction generation ---- */

static bool is_ptr(unsigned r)
{
	for (unsigned i = 0; i < NPTR; i++)
		if (ptr_regs[i] == r)
			return true;
	return false;
}

/* CSRs the random code may touch: none that changes translation. */
static const uint16_t csrs[] = {
	CSR_FFLAGS,
	CSR_FRM,
	CSR_FCSR,
	CSR_SSCRATCH,
	CSR_MSCRATCH,
	CSR_SEPC,
	CSR_MEPC,
	CSR_CYCLE,
	CSR_INSTRET,
	CSR_VSSCRATCH,
	CSR_HSTATUS,
	CSR_SCAUSE,
	CSR_STVAL,
	0xb00,
	0xb02,
	CSR_MCAUSE,
	CSR_MHPMCOUNTER3,
	CSR_MHPMCOUNTER3,
	CSR_MHPMCOUNTER3 + 1,
	CSR_MHPMEVENT3,
	CSR_MCOUNTINHIBIT,
	0xc03,
	0xc04,
	CSR_SCOUNTOVF,
};

/*
 * Encodings of the newer extensions that random bits seldom hit: the
 * bits of @match under @mask, the rest random (then decoded and checked
 * as any other).
 */
static const struct {
	uint32_t match, mask;
} templates[] = {
	{0x04000053, 0x0600007f}, /* Zfh: OP-FP, fmt H (funct7 below) */
	{0xf0100053, 0xf9f0707f}, /* Zfa: fli.s, fli.d, fli.h */
	{0x28002053, 0xf800607f}, /* Zfa: fminm, fmaxm (rm 2, 3) */
	{0x40400053, 0xf9e0007f}, /* Zfa: fround, froundnx (rs2 4, 5) */
	{0xc2801053, 0xfff0707f}, /* Zfa: fcvtmod.w.d */
	{0xe2100053, 0xfff0707f}, /* Zfa: fmvh.x.d */
	{0xb2000053, 0xfe00707f}, /* Zfa: fmvp.d.x */
	{0xa0004053, 0xf800607f}, /* Zfa: fleq, fltq (rm 4, 5) */
	{0x68705013, 0xfff0707f}, /* Zbkb: brev8 */
	{0x08004033, 0xfe00407f}, /* Zbkb: pack, packh */
	{0x0800403b, 0xfe00707f}, /* Zbkb: packw */
	{0x28000033, 0xfe00007f}, /* Zbkx: xperm4, xperm8 */
	{0x0a001033, 0xfe00707f}, /* Zbc: clmul */
	{0x0a002033, 0xfe00607f}, /* Zbc: clmulr, clmulh */
	{0x81c04073, 0xb3c0707f}, /* Zimop: mop.r.n */
	{0x82004073, 0xb200707f}, /* Zimop: mop.rr.n */
	{0x00d00073, 0xffffffff}, /* Zawrs: wrs.nto */
	{0x01d00073, 0xffffffff}, /* Zawrs: wrs.sto */
	{0x00006013, 0x01e07fff}, /* Zicbop: prefetch.i, prefetch.r */
	{0x00306013, 0x01f07fff}, /* Zicbop: prefetch.w */
};

/* Which ops the hart decodes (the case's --isa). */
static uint64_t decode_ext = ~0ull;

/* Whether the case's harts have C. */
static bool have_c(void)
{
	return decode_ext & (1ull << ACCEL_EXT_C);
}

/* Whether a decoded random instruction may be used. */
static bool usable(const struct rv_insn *in)
{
	const struct rv_op_attr *a = &rv_op_attrs[in->op];

	switch (in->op) {
	case RV_OP_illegal:
		return rnd_n(16) == 0; /* a few: illegal-instruction traps */
	case RV_OP_jal:
	case RV_OP_jalr:
	case RV_OP_beq ... RV_OP_bgeu:
	case RV_OP_mret:
	case RV_OP_sret:
	case RV_OP_wfi:
		return false; /* control flow is placed on purpose */
	default:
		break;
	}
	if ((a->flags & (RV_A_LOAD | RV_A_STORE)) && !is_ptr(in->rs1))
		return false;
	if (in->op >= RV_OP_cbo_clean && in->op <= RV_OP_cbo_zero &&
	    !is_ptr(in->rs1))
		return false;
	if (a->flags & RV_A_RD) {
		if (in->rd == TOHOST_REG || in->rd == LOOP_REG)
			return false;
		if (is_ptr(in->rd) && rnd_n(8))
			return false;
	}
	return true;
}

/*
 * Segments whose integer instructions use three registers over and over,
 * so that blocks keep other registers than the mapped ones in host
 * registers for their body (translate.c); nfocus = 0 for the others.
 */
static unsigned focus[3], nfocus;

static uint32_t focused(uint32_t raw)
{
	unsigned opc = raw & 0x7f;
	bool rtype = opc == 0x33 || opc == 0x3b;

	if (!nfocus)
		return raw;
	if (rtype || opc == 0x13 || opc == 0x1b || opc == 0x37 || opc == 0x17 ||
	    opc == 0x03)
		raw = (raw & ~(31u << 7)) | focus[rnd_n(nfocus)] << 7;
	if (rtype || opc == 0x13 || opc == 0x1b)
		raw = (raw & ~(31u << 15)) | focus[rnd_n(nfocus)] << 15;
	if (rtype || opc == 0x23)
		raw = (raw & ~(31u << 20)) | focus[rnd_n(nfocus)] << 20;
	return raw;
}

/* A random 32-bit instruction, decoded into @in. */
static uint32_t gen32(struct rv_insn *in)
{
	static const uint8_t opcodes[] = {
		0x03, 0x07, 0x0f, 0x13, 0x13, 0x17, 0x1b, 0x23,
		0x27, 0x2f, 0x33, 0x33, 0x33, 0x37, 0x3b, 0x3b,
		0x43, 0x47, 0x4b, 0x4f, 0x53, 0x53, 0x53, 0x73,
	};

	for (;;) {
		uint8_t opc = opcodes[rnd_n(sizeof(opcodes))];
		uint32_t raw = ((uint32_t)rnd() & ~0x7fu) | opc;

		switch (opc) {
		case 0x03: /* loads, stores, atomics: a pointer as base */
		case 0x07:
		case 0x23:
		case 0x27:
		case 0x2f:
		case 0x0f: /* fences, fence.i, cbo.* */
			raw = (raw & ~(31u << 15)) | ptr_regs[rnd_n(NPTR)]
							     << 15;
			break;
		case 0x33:
		case 0x3b:
			/* funct7 among those that exist, most of the time */
			if (rnd_n(4)) {
				static const uint8_t f7[] = {
					0x00, 0x20, 0x01, 0x04, 0x05, 0x07,
					0x10, 0x14, 0x24, 0x30, 0x34};

				raw = (raw & ~(0x7fu << 25)) |
				      (uint32_t)f7[rnd_n(sizeof(f7))] << 25;
			}
			break;
		case 0x73:
			if ((raw >> 12) & 3) {
				/* Zicsr: a CSR from the list */
				raw = (raw & 0xfffff) |
				      (uint32_t)csrs[rnd_n(sizeof(csrs) / 2)]
					      << 20;
			} else if (rnd_n(2)) {
				/* hlv/hsv: a pointer as base */
				raw = (raw & ~(31u << 15)) |
				      ptr_regs[rnd_n(NPTR)] << 15;
			}
			break;
		case 0x53:
			/* OP-FP: funct7 (and rs2 where it selects) that exist */
			if (rnd_n(4)) {
				static const uint8_t f7[] = {
					0x00, 0x01, 0x04, 0x05, 0x08, 0x09,
					0x0c, 0x0d, 0x2c, 0x2d, 0x10, 0x11,
					0x14, 0x15, 0x20, 0x21, 0x50, 0x51,
					0x60, 0x61, 0x68, 0x69, 0x70, 0x71,
					0x78, 0x79};
				uint8_t f = f7[rnd_n(sizeof(f7))];

				raw = (raw & ~(0x7fu << 25)) | (uint32_t)f
								       << 25;
				if (f >= 0x60 && f <= 0x69)
					raw = (raw & ~(31u << 20)) |
					      rnd_n(4) << 20;
				else if (f == 0x20 || f == 0x21 || f == 0x2c ||
					 f == 0x2d || f >= 0x70)
					raw = (raw & ~(31u << 20)) |
					      (f == 0x20) << 20;
			}
			/* fall through */
		case 0x43:
		case 0x47:
		case 0x4b:
		case 0x4f:
			/* Mostly the rounding modes translated code runs. */
			if (rnd_n(3)) {
				static const uint8_t rm[] = {0, 7, 1};

				raw = (raw & ~(7u << 12)) |
				      (uint32_t)rm[rnd_n(3)] << 12;
			}
			break;
		default:
			break;
		}
		if (rnd_n(5) == 0) {
			unsigned k =
				rnd_n(sizeof(templates) / sizeof(templates[0]));

			raw = ((uint32_t)rnd() & ~templates[k].mask) |
			      templates[k].match;
			/* Zfh: funct7 among those of half precision. */
			if (k == 0 && rnd_n(4)) {
				static const uint8_t f7[] = {
					0x02, 0x06, 0x0a, 0x0e, 0x2e,
					0x12, 0x16, 0x20, 0x21, 0x22,
					0x52, 0x62, 0x6a, 0x72, 0x7a};

				raw = (raw & ~(0x7fu << 25)) |
				      (uint32_t)f7[rnd_n(sizeof(f7))] << 25;
				if (rnd_n(2))
					raw = (raw & ~(31u << 20)) |
					      rnd_n(3) << 20;
			}
		}
		raw = focused(raw);
		rv_decode_isa(raw, in, decode_ext);
		if (usable(in))
			return raw;
	}
}

/* A random compressed instruction (no control flow). */
static uint16_t gen16(struct rv_insn *in)
{
	for (;;) {
		uint16_t raw = (uint16_t)rnd();

		if ((raw & 3) == 3)
			continue;
		/* Zcmop's c.mop.n, which random bits seldom hit */
		if (rnd_n(64) == 0)
			raw = (uint16_t)(0x6081 | rnd_n(8) << 8);
		rv_decode_isa(raw, in, decode_ext);
		if (in->op == RV_OP_illegal)
			continue;
		if (usable(in))
			return raw;
	}
}

static uint32_t b_type(int32_t imm, unsigned rs2, unsigned rs1, unsigned f3)
{
	uint32_t u = (uint32_t)imm;

	return ((u >> 12) & 1) << 31 | ((u >> 5) & 0x3f) << 25 | rs2 << 20 |
	       rs1 << 15 | f3 << 12 | ((u >> 1) & 0xf) << 8 |
	       ((u >> 11) & 1) << 7 | 0x63;
}

static uint32_t j_type(int32_t imm, unsigned rd)
{
	uint32_t u = (uint32_t)imm;

	return ((u >> 20) & 1) << 31 | ((u >> 1) & 0x3ff) << 21 |
	       ((u >> 11) & 1) << 20 | ((u >> 12) & 0xff) << 12 | rd << 7 |
	       0x6f;
}

/* A register a link or an address may be written to. */
static unsigned rnd_rd(void);

/* OP-IMM (f3 0: addi, 1: slli, 7: andi) and OP (add, shNadd). */
static uint32_t op_imm(unsigned f3, unsigned rd, unsigned rs1, int32_t imm)
{
	return ((uint32_t)imm & 0xfff) << 20 | rs1 << 15 | f3 << 12 | rd << 7 |
	       0x13;
}

static uint32_t op_reg(unsigned f7, unsigned f3, unsigned rd, unsigned rs1,
		       unsigned rs2)
{
	return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | 0x33;
}

/*
 * An indexed access, as compiled code makes one: an index masked from a
 * random register, scaled by a shift (or sh1add..sh3add), added to a
 * pointer, in the same register or through another, then a load or a
 * store through the sum (the shapes address arithmetic keeps as forms).
 * Into @w; returns how many words.
 */
/*
 * The registers an indexed access of the segment (gen_indexed()) takes
 * its base from: no link register is one of them, as a jump over the
 * code that makes the base would leave a code address there, and the
 * access would then store into the code (which the interpreter sees at
 * once and translated code at the next FENCE.I, both as the spec
 * allows).
 */
static uint32_t group_bases;

/* Not ra either: calls write it (and the called function may load it). */
static unsigned rnd_base(void)
{
	unsigned r;

	do
		r = rnd_rd();
	while (r == 1);
	return r;
}

static unsigned gen_indexed(uint32_t *w)
{
	static const uint32_t access[] = {
		0x3003, /* ld */
		0x2003, /* lw */
		0x4003, /* lbu */
		0x3023, /* sd */
		0x2023, /* sw */
	};
	unsigned t = rnd_base(), u = rnd_base(), v = rnd_rd();
	unsigned p = ptr_regs[rnd_n(NPTR)], sh = 1 + rnd_n(3), n = 0;
	int32_t off = 8 * (int32_t)rnd_n(4);
	uint32_t a = access[rnd_n(5)];

	w[n++] = op_imm(7, t, 1 + rnd_n(31), 0x38); /* andi t, rX, 0x38 */
	switch (rnd_n(4)) {
	case 0: /* slli t, t, sh; add t, t, p (or p, t) */
		w[n++] = op_imm(1, t, t, (int32_t)sh);
		w[n++] = rnd_n(2) ? op_reg(0, 0, t, t, p)
				  : op_reg(0, 0, t, p, t);
		break;
	case 1: /* shNadd t, t, p */
		w[n++] = op_reg(0x10, 2 * sh, t, t, p);
		break;
	case 2: /* slli t, t, sh; addi u, t, 64; add t, u, p; off - 64 */
		w[n++] = op_imm(1, t, t, (int32_t)sh);
		w[n++] = op_imm(0, u, t, 64);
		w[n++] = op_reg(0, 0, t, u, p);
		off -= 64;
		break;
	default: /* add u, p, t; addi u, u, 8 */
		w[n++] = op_reg(0, 0, u, p, t);
		w[n++] = op_imm(0, u, u, 8);
		t = u;
		break;
	}
	group_bases = 1u << t | 1u << u;
	if (a & 0x20) /* a store of v */
		w[n++] = ((uint32_t)off >> 5 & 0x7f) << 25 | v << 20 | t << 15 |
			 (a & 0x7000) | ((uint32_t)off & 0x1f) << 7 | 0x23;
	else
		w[n++] = ((uint32_t)off & 0xfff) << 20 | t << 15 |
			 (a & 0x7000) | v << 7 | 0x03;
	if (rnd_n(2)) /* and a read of the sum: add v, t, u */
		w[n++] = op_reg(0, 0, v, t, u);
	return n;
}

/*
 * A rotate as code compiled without Zbb makes one: srli(w) and slli(w)
 * of one register by amounts that add up to the width, in either order,
 * joined by or, xor or add, then maybe one of the shifted values written
 * again (dead: the JIT rotates) or read; or, one time in four, a zero
 * extension (slli by 32, srli). Into @w; returns how many words.
 */
static unsigned gen_rotate(uint32_t *w)
{
	static const unsigned join[] = {6, 4, 0}; /* or, xor, add */
	bool word = rnd_n(2);
	unsigned x = rnd_rd(), a = rnd_rd(), b = rnd_rd(), n = 0;
	unsigned width = word ? 32 : 64, sh = 1 + rnd_n(width - 1);
	uint32_t opc = word ? 0x1b : 0x13;
	uint32_t right = op_imm(5, a, x, (int32_t)sh) - 0x13 + opc;
	uint32_t left = op_imm(1, b, x, (int32_t)(width - sh)) - 0x13 + opc;
	unsigned rd = rnd_n(3) ? (rnd_n(2) ? a : b) : rnd_rd();

	if (rnd_n(4) == 0) { /* slli a, x, 32; srli a, a, k: a zext.w */
		w[n++] = op_imm(1, a, x, 32);
		w[n++] = op_imm(5, a, a, (int32_t)rnd_n(64));
		return n;
	}
	w[n++] = rnd_n(2) ? right : left;
	w[n++] = w[0] == right ? left : right;
	w[n++] = rnd_n(2) ? op_reg(0, join[rnd_n(3)], rd, a, b)
			  : op_reg(0, join[rnd_n(3)], rd, b, a);
	switch (rnd_n(3)) {
	case 0: /* li a, 1; li b, 2 */
		w[n++] = op_imm(0, a, 0, 1);
		w[n++] = op_imm(0, b, 0, 2);
		break;
	case 1: /* add rd, rd, a: one read again */
		w[n++] = op_reg(0, 0, rd, rd, a);
		break;
	default:
		break;
	}
	return n;
}

static unsigned rnd_rd(void)
{
	unsigned r;

	do
		r = rnd_n(32);
	while (r == TOHOST_REG || r == LOOP_REG || is_ptr(r));
	return r;
}

/* A link register (or auipc's): not a base of the segment's access. */
static unsigned rnd_link(void)
{
	unsigned r;

	do
		r = rnd_rd();
	while (group_bases >> r & 1);
	return r;
}

#define SD_TOHOST 0x01ffb023u /* sd x31, 0(x31) */

struct segment {
	uint8_t code[SLOT];
	unsigned len;
	unsigned ninsn;
	unsigned off[64];
	bool half[64]; /* the jalr of an auipc-jalr pair: no target */
};

/*
 * Directed segments, run first in each case with the TLB emptied (then
 * tohost):
 *  - an access whose result goes to a register kept in memory (s2, used
 *    too little for a block to keep it in a host register), read by the
 *    next two instructions, a branch first: its out-of-line path comes
 *    back between the access and the branch;
 *  - a shift by 1 to 3 and an add into the same register (array
 *    indexing without Zba), then an access through it or a read of it,
 *    with mapped and unmapped registers;
 *  - address arithmetic a load or store takes its address from, the
 *    register it computed left for later: loaded into, made of what is
 *    loaded, read by an add, across a fault or two TLB misses;
 *  - sstatus read, its SIE cleared and set, by immediate and by register
 *    (0 too), with other bits too (in every mode: illegal in U, vsstatus
 *    in VS);
 *  - a call to a function after it and its return, ra kept or written
 *    in between, then a jump to tohost: the code goes back and forth
 *    within the page;
 *  - rotates as two shifts and an or, xor or add, 32 and 64 bits, and
 *    shapes that are not one: a shifted value read before the join or
 *    after it, a load in between, the source overwritten; the word's
 *    upper half unused;
 *  - zero extensions of a word as slli by 32 and srli (by 32, less,
 *    more), from registers kept in host registers and in memory;
 *  - a sum of a 32-bit result, both dead after a store that faults,
 *    which must find the sum whole;
 *  - loads and stores at one address (a counter incremented, a byte
 *    moved along, a store read back twice, a narrower store after a
 *    load, a wider load after a store), the base moved in between.
 */
static const uint32_t directed[][6] = {
	{0x0864292fu, 0x00091463u, 0x00190993u}, /* amoswap.w s2,t1,(s0) */
	{0x0064392fu, 0x00091463u, 0x00190993u}, /* amoadd.d s2,t1,(s0) */
	{0x1004292fu, 0x00091463u, 0x00190993u}, /* lr.w s2,(s0) */
	{0x00042903u, 0x00091463u, 0x00190993u}, /* lw s2,0(s0) */
	{0x0004b903u, 0x00091463u, 0x00190993u}, /* ld s2,0(s1) */
	/* slli a5,a5,2; add a5,a5,s0; lw a6,0(a5) */
	{0x00279793u, 0x008787b3u, 0x0007a803u},
	/* slli t0,s1,3; add t0,s0,t0; sd t1,0(t0) */
	{0x00349293u, 0x005402b3u, 0x0062b023u},
	/* slli a5,a5,1; add a5,s2,a5; mv s3,a5 */
	{0x00179793u, 0x00f907b3u, 0x00078993u},
	/* jal ra,8; j 12; addi s3,s3,1; ret */
	{0x008000efu, 0x00c0006fu, 0x00198993u, 0x00008067u},
	/* jal ra,8; j 12; mv ra,ra; ret */
	{0x008000efu, 0x00c0006fu, 0x00008093u, 0x00008067u},
	/* zext.b a5,a5; slli a5,a5,2; addi a3,a5,64; add a5,a3,sp;
	 * lw a5,-64(a5) */
	{0x0ff7f793u, 0x00279793u, 0x04078693u, 0x002687b3u, 0xfc07a783u},
	/* slli a5,a5,2; addi a3,a5,64; add a5,a3,a4; lw a5,-64(a5) */
	{0x00279793u, 0x04078693u, 0x00e687b3u, 0xfc07a783u},
	/* slli a5,a5,2; add a5,a5,a4; ld a4,0(sp); mv a2,a5 */
	{0x00279793u, 0x00e787b3u, 0x00013703u, 0x00078613u},
	/* slli a5,a5,1; add a4,a4,a5; mv a2,a4 */
	{0x00179793u, 0x00f70733u, 0x00070613u},
	/* slli a5,a5,3; add a5,a5,a4; sd a6,0(a5) */
	{0x00379793u, 0x00e787b3u, 0x0107b023u},
	/* andi a5,a5,31; slli a5,a5,3; add a5,a5,sp; ld a4,0(a5);
	 * ld a3,8(a5) */
	{0x01f7f793u, 0x00379793u, 0x002787b3u, 0x0007b703u, 0x0087b683u},
	/* andi a5,a5,63; sh2add a5,a5,sp; lw a4,4(a5); addi a5,a5,8 */
	{0x03f7f793u, 0x2027c7b3u, 0x0047a703u, 0x00878793u},
	/* csrr a0,sstatus; csrci sstatus,2; csrr a1,sstatus;
	 * csrsi sstatus,2 */
	{0x10002573u, 0x10017073u, 0x100025f3u, 0x10016073u},
	/* li a5,2; csrrc a4,sstatus,a5; csrr a3,sstatus; csrs sstatus,a4 */
	{0x00200793u, 0x1007b773u, 0x100026f3u, 0x10072073u},
	/* li a5,10; csrrc a4,sstatus,a5; csrr a3,sstatus; csrc sstatus,a5 */
	{0x00a00793u, 0x1007b773u, 0x100026f3u, 0x1007b073u},
	/* csrrci a2,sstatus,0; csrrci a2,sstatus,4; csrr a1,sstatus */
	{0x10007673u, 0x10027673u, 0x100025f3u},
	/* li a5,0; csrrs a4,sstatus,a5; li a5,2; csrrs a3,sstatus,a5 */
	{0x00000793u, 0x1007a773u, 0x00200793u, 0x1007a6f3u},
	/* srliw a5,a4,6; slliw s6,a4,26; or a5,a5,s6; li s6,1 */
	{0x0067579bu, 0x01a71b1bu, 0x0167e7b3u, 0x00100b13u},
	/* slli a5,a4,13; srli s6,a4,51; xor a5,s6,a5; li s6,-3 */
	{0x00d71793u, 0x03375b13u, 0x00fb47b3u, 0xffd00b13u},
	/* srli a5,a4,1; slli s6,a4,63; add a5,a5,s6; li s6,1 */
	{0x00175793u, 0x03f71b13u, 0x016787b3u, 0x00100b13u},
	/* srliw a5,a4,6; slliw s6,a4,26; add s7,s6,a5; mv a3,s6 */
	{0x0067579bu, 0x01a71b1bu, 0x00fb0bb3u, 0x000b0693u},
	/* srliw a5,a4,6; lw a3,0(s0); slliw s6,a4,26; or a5,a5,s6;
	 * li s6,0 */
	{0x0067579bu, 0x00042683u, 0x01a71b1bu, 0x0167e7b3u, 0x00000b13u},
	/* srliw a5,a4,6; slliw s6,a4,26; or s6,a5,s6; sext.w a3,s6;
	 * li a5,0; li s6,0 */
	{0x0067579bu, 0x01a71b1bu, 0x0167eb33u, 0x000b069bu, 0x00000793u,
	 0x00000b13u},
	/* srliw a5,a4,6; add a3,a5,a4; slliw s6,a4,26; or a5,a5,s6;
	 * li s6,0 */
	{0x0067579bu, 0x00e786b3u, 0x01a71b1bu, 0x0167e7b3u, 0x00000b13u},
	/* slli a5,a4,32; srli a5,a5,32; slli a5,a5,32; srli a5,a5,30;
	 * slli s6,s6,32; srli s6,s6,40 */
	{0x02071793u, 0x0207d793u, 0x02079793u, 0x01e7d793u, 0x020b1b13u,
	 0x028b5b13u},
	/* slli a5,s6,32; srli a5,a5,0 */
	{0x020b1793u, 0x0007d793u},
	/* addw a5,a5,a4; add a6,a5,a4; sw a3,0(zero); li a6,0; li a5,0 */
	{0x00e787bbu, 0x00e78833u, 0x00d02023u, 0x00000813u, 0x00000793u},
	/* lw a5,8(s0); addw a5,a5,a4; sw a5,8(s0) */
	{0x00842783u, 0x00e787bbu, 0x00f42423u},
	/* lbu a5,1(s1); addi s1,s1,1; sb a4,0(s1); addi s1,s1,-1 */
	{0x0014c783u, 0x00148493u, 0x00e48023u, 0xfff48493u},
	/* sd a4,16(sp); ld a5,16(sp); ld a3,16(sp) */
	{0x00e13823u, 0x01013783u, 0x01013683u},
	/* ld a5,0(s0); sb a5,0(s0); sb a4,0(s0); ld a5,0(s0) */
	{0x00043783u, 0x00f40023u, 0x00e40023u, 0x00043783u},
	/* lw a5,24(s0); addi s0,s0,4; sw a5,20(s0); addi s0,s0,-4 */
	{0x01842783u, 0x00440413u, 0x00f42a23u, 0xffc40413u},
	/* srliw a5,a4,6; slliw a4,a4,26; or a5,a5,a4; li a4,3 */
	{0x0067579bu, 0x01a7171bu, 0x00e7e7b3u, 0x00300713u},
};
#define NDIRECTED (sizeof(directed) / sizeof(directed[0]))

static void directed_segment(struct segment *s, unsigned which)
{
	s->ninsn = 0;
	s->len = 0;
	memset(s->half, 0, sizeof(s->half));
	for (unsigned i = 0; i <= 6; i++) {
		uint32_t w = i < 6 ? directed[which][i] : SD_TOHOST;

		if (!w)
			continue;
		s->off[s->ninsn++] = s->len;
		memcpy(s->code + s->len, &w, 4);
		s->len += 4;
	}
}

/* addi x30, x30, -1 */
#define DEC_LOOP_REG (0xfffu << 20 | LOOP_REG << 15 | LOOP_REG << 7 | 0x13)

/* Appends @w as an instruction; with @quiet no random branch lands there. */
static void append(struct segment *s, uint32_t w, bool quiet)
{
	s->half[s->ninsn] = quiet;
	s->off[s->ninsn++] = s->len;
	memcpy(s->code + s->len, &w, 4);
	s->len += 4;
}

/*
 * Up to a dozen instructions, forward control flow and calls of a
 * function after tohost, then tohost; or these run 2 to 5 times in a
 * loop (counting in LOOP_REG), then tohost. Half
 * the loops have their latch after tohost, as compilers place it, and
 * go back with a jump or with a branch:
 *
 *	body:	...
 *		bne   x30, x0, latch
 *		sd    x31, 0(x31)
 *		ebreak			(never runs: the loop's way out)
 *	latch:	addi  x30, x30, -1
 *		j     body		bne   x30, x0, body
 *					sd    x31, 0(x31)
 */
static void gen_segment(struct segment *s, bool wide_first)
{
	enum { PLAIN, BRANCH, JAL, JALR, CALL };
	unsigned kind[32], n = 1 + rnd_n(14), i, k, body, func = 0;
	bool loop = rnd_n(3) == 0, latch = loop && rnd_n(2);
	bool call = rnd_n(4) == 0;
	struct rv_insn in;
	uint32_t group[8];
	unsigned ngroup = 0, next = 0;

	/* One segment in four makes an indexed access somewhere, one in
	 * eight a rotate. */
	group_bases = 0;
	if (rnd_n(4) == 0)
		ngroup = gen_indexed(group);
	else if (rnd_n(6) == 0)
		ngroup = gen_rotate(group);

	s->len = 0;
	s->ninsn = 0;
	memset(s->half, 0, sizeof(s->half));
	nfocus = 0;
	if (rnd_n(4) == 0)
		while (nfocus < 3) {
			unsigned r = rnd_rd();

			if (r && (!nfocus || r != focus[nfocus - 1]))
				focus[nfocus++] = r;
		}
	if (loop) {
		/* addi x30, x0, 2..5 */
		uint32_t w = (2 + rnd_n(4)) << 20 | LOOP_REG << 7 | 0x13;

		memcpy(s->code, &w, 4);
		s->len = 4;
	}
	body = s->len;
	for (i = 0; i < n; i++) {
		unsigned r = rnd_n(100);
		uint32_t w;

		s->off[s->ninsn++] = s->len;
		kind[i] = r < 8		   ? BRANCH
			  : r < 10	   ? JAL
			  : r < 12	   ? JALR
			  : call && r < 20 ? CALL
					   : PLAIN;
		if (wide_first && !s->len && !loop)
			kind[i] = PLAIN, r = 99;
		if (kind[i] == PLAIN && next < ngroup && (next || r >= 90)) {
			memcpy(s->code + s->len, &group[next++], 4);
			s->len += 4;
			continue;
		}
		if (kind[i] == PLAIN && r < 40 && have_c()) {
			uint16_t h = gen16(&in);

			memcpy(s->code + s->len, &h, 2);
			s->len += 2;
			continue;
		}
		w = kind[i] == PLAIN ? gen32(&in) : 0;
		memcpy(s->code + s->len, &w, 4);
		s->len += 4;
		if (kind[i] == JALR) {
			s->half[s->ninsn] = true;
			s->off[s->ninsn++] = s->len;
			s->len += 4;
		}
	}
	if (loop && !latch) {
		/* addi x30, x30, -1; bne x30, x0, body */
		uint32_t w = DEC_LOOP_REG;

		s->off[s->ninsn++] = s->len;
		memcpy(s->code + s->len, &w, 4);
		s->len += 4;
		w = b_type((int32_t)body - (int32_t)s->len, 0, LOOP_REG, 1);
		memcpy(s->code + s->len, &w, 4);
		s->len += 4;
	}
	if (latch) /* bne x30, x0, latch (past tohost and ebreak) */
		append(s, b_type(12, 0, LOOP_REG, 1), false);
	append(s, SD_TOHOST, false);
	if (latch) {
		/* ebreak; addi x30, x30, -1; j or bne to body; tohost */
		int32_t back;

		append(s, 0x00100073u, true);
		append(s, DEC_LOOP_REG, true);
		back = (int32_t)body - (int32_t)s->len;
		append(s,
		       rnd_n(2) ? j_type(back, 0)
				: b_type(back, 0, LOOP_REG, 1),
		       true);
		append(s, SD_TOHOST, true);
	}
	if (call) {
		/*
		 * The function: one instruction, then ret. It may load ra,
		 * not compute it: addi ra, ra, 4 would send ret back into
		 * the function for ever.
		 */
		uint32_t w;

		func = s->len;
		do
			w = gen32(&in);
		while (in.rd == 1 && (rv_op_attrs[in.op].flags & RV_A_RD) &&
		       !(rv_op_attrs[in.op].flags & RV_A_LOAD));
		append(s, w, true);
		append(s, 0x00008067u, true);
	}
	/* Now the targets: any later instruction. */
	for (i = 0, k = 0; i < n; i++, k++) {
		unsigned at = s->off[k], later, target, t;
		uint32_t w;

		if (kind[i] == PLAIN)
			continue;
		if (kind[i] == CALL) {
			/* jal ra, func */
			w = j_type((int32_t)func - (int32_t)at, 1);
			memcpy(s->code + at, &w, 4);
			continue;
		}
		later = s->ninsn - 1 - k - (kind[i] == JALR);
		do
			t = s->ninsn - 1 - rnd_n(later);
		while (s->half[t]);
		target = s->off[t];
		/* Without C: now and then a target at 2 mod 4 (a fault). */
		if (!have_c() && !rnd_n(8))
			target += 2;
		switch (kind[i]) {
		case BRANCH: {
			static const uint8_t f3[] = {0, 1, 4, 5, 6, 7};

			w = b_type((int32_t)(target - at), rnd_n(32), rnd_n(32),
				   f3[rnd_n(6)]);
			break;
		}
		case JAL:
			w = j_type((int32_t)(target - at), rnd_link());
			break;
		default: {
			/* auipc rX, 0; jalr rd, (target - at)(rX) */
			unsigned rx = rnd_link();

			while (!rx)
				rx = rnd_link();
			w = 0x17 | rx << 7;
			memcpy(s->code + at, &w, 4);
			w = (uint32_t)((target - at) & 0xfff) << 20 | rx << 15 |
			    rnd_link() << 7 | 0x67;
			at += 4;
			k++;
			break;
		}
		}
		memcpy(s->code + at, &w, 4);
	}
}

/* ---- two VMs ---- */

struct vm {
	struct guestmem mem;
	struct bus bus;
	struct accel_vm *vm;
	struct accel_vcpu *cpu;
};

static int vm_open(struct vm *v, const char *opts, const struct accel_isa *isa)
{
	struct accel_vm_config cfg = {0};
	int err;

	memset(v, 0, sizeof(*v));
	cfg.isa = *isa;
	err = guestmem_init(&v->mem, RAM_BASE, RAM_SIZE);
	if (err)
		return err;
	bus_init(&v->bus);
	bus_freeze(&v->bus);
	cfg.mem = &v->mem;
	cfg.bus = &v->bus;
	cfg.ncpus = 1;
	cfg.tohost = TOHOST;
	cfg.fromhost = FROMHOST;
	cfg.clock_origin_ns = clock_now_ns();
	cfg.options = opts;
	err = ops->vm_init(&cfg, &v->vm);
	if (err)
		return err;
	return ops->vcpu_init(v->vm, 0, &v->cpu);
}

static void vm_close(struct vm *v)
{
	ops->vcpu_destroy(v->cpu);
	ops->vm_destroy(v->vm);
	bus_destroy(&v->bus);
	guestmem_destroy(&v->mem);
}

static void *ram(struct vm *v, uint64_t gpa, size_t len)
{
	return guestmem_ptr(&v->mem, gpa, len);
}

static void poke(struct vm *v, uint64_t gpa, const void *src, size_t len)
{
	memcpy(ram(v, gpa, len), src, len);
	guestmem_written(&v->mem, gpa, len);
}

static void set_csr(struct vm *v, unsigned csr, uint64_t val)
{
	ops->set_reg(v->cpu, ACCEL_REG_CSR0 + csr, val);
}

/*
 * A watchdog: a run that does not come back within WATCHDOG_S seconds is
 * kicked, so that a segment that loops is a failure, not a hang. A
 * segment takes microseconds; the margin is for a sanitizer build on a
 * loaded machine. It kicks only the run it timed (by its number), and a
 * failure says how long each run took.
 */
#define WATCHDOG_S 30
static struct vm *_Atomic watched;
static _Atomic uint64_t watched_run, watched_since, kicked_run;

static void *watchdog_main(void *arg)
{
	for (;;) {
		uint64_t n = atomic_load(&watched_run);
		uint64_t since = atomic_load(&watched_since);
		struct vm *v = atomic_load(&watched);

		usleep(100000);
		if (v && n == atomic_load(&watched_run) &&
		    clock_now_ns() - since > WATCHDOG_S * 1000000000ull) {
			atomic_store(&kicked_run, n);
			ops->vcpu_kick(v->cpu);
		}
	}
	return arg;
}

/* How long the last run took (ns), and whether the watchdog ended it. */
static uint64_t run_ns;
static bool run_kicked;

static enum accel_exit_reason run(struct vm *v)
{
	struct accel_exit ex = {0};
	uint64_t t0 = clock_now_ns(), n = atomic_load(&watched_run) + 1;

	atomic_store(&watched, NULL);
	atomic_store(&watched_since, t0);
	atomic_store(&watched_run, n);
	atomic_store(&watched, v);
	ops->vcpu_run(v->cpu, &ex);
	atomic_store(&watched, NULL);
	run_ns = clock_now_ns() - t0;
	run_kicked = atomic_load(&kicked_run) == n;
	return ex.reason;
}

/* ---- the cases ---- */

enum mode { M, HS, U, VS, VU };

struct testcase {
	const char *name;
	enum mode mode;
	bool paging;	 /* satp or vsatp Sv39 */
	bool mprv;	 /* M-mode data accesses as S, translated */
	bool deleg;	 /* traps delegated to HS (or VS) */
	uint8_t fs;	 /* mstatus.FS: 3 Dirty, 2 Clean, 0 Off (traps) */
	uint8_t pmm;	 /* pointer masking of the mode: PMM_* */
	const char *isa; /* --isa, or NULL: the default */
};

static const struct testcase cases[] = {
	{"m", M, false, false, false, 3, 0, NULL},
	{"hs-bare", HS, false, false, false, 3, 0, NULL},
	{"hs-sv39", HS, true, false, false, 3, 0, NULL},
	{"hs-sv39-deleg", HS, true, false, true, 3, 0, NULL},
	{"u-bare", U, false, false, false, 3, 0, NULL},
	{"u-sv39", U, true, false, false, 3, 0, NULL},
	{"vs-bare", VS, false, false, false, 3, 0, NULL},
	{"vs-sv39", VS, true, false, false, 3, 0, NULL},
	{"vs-sv39-deleg", VS, true, false, true, 3, 0, NULL},
	{"vu-sv39", VU, true, false, false, 3, 0, NULL},
	{"m-mprv", M, true, true, false, 3, 0, NULL},
	{"hs-fs-clean", HS, false, false, false, 2, 0, NULL},
	{"hs-fs-off", HS, false, false, false, 0, 0, NULL},
	{"m-pm16", M, false, false, false, 3, PMM_PMLEN16, "max"},
	{"hs-sv39-pm7", HS, true, false, false, 3, PMM_PMLEN7, "max"},
	{"u-sv39-pm16", U, true, false, false, 3, PMM_PMLEN16, "max"},
	{"vs-sv39-pm16", VS, true, false, false, 3, PMM_PMLEN16, "max"},
	{"vu-sv39-pm7", VU, true, false, false, 3, PMM_PMLEN7, "max"},
	{"m-noc", M, false, false, false, 3, 0, "rv64gc,c=off,zba=on,zbb=on"},
	{"u-sv39-noc", U, true, false, false, 3, 0, "rv64gc,c=off"},
};

/*
 * The hpm counters: counters 3 to 5 count random events (instructions,
 * cycles, branches, loads, stores, or none) from just below their
 * overflow, filtered in random modes; their overflow interrupt stays
 * disabled (mie), so that only the counts and the OF and LCOFIP bits are
 * compared, not when the interrupt would be taken.
 */
static void setup_hpm(struct vm *v, uint64_t seed)
{
	static const uint64_t events[] = {0, 1, 2, 2, 2, 5, 0x10000, 0x10002};
	uint64_t inh = 0, saved = rng_state;

	rng_state = seed | 1;
	for (unsigned i = 3; i <= 5; i++) {
		uint64_t ev = events[rnd_n(sizeof(events) / sizeof(events[0]))];

		/* The mode filters, sometimes. */
		if (!rnd_n(4))
			ev |= (rnd() & 0x1full) << 58;
		ev |= rnd_n(8) ? 0 : 1ull << 63; /* OF already set */
		set_csr(v, CSR_MHPMEVENT3 + i - 3, ev);
		set_csr(v, CSR_MHPMCOUNTER3 + i - 3, -(uint64_t)rnd_n(300));
	}
	if (!rnd_n(4))
		inh = rnd() & 0x3d;
	set_csr(v, CSR_MCOUNTINHIBIT, inh);
	rng_state = saved;
}

/* A gigapage mapping RAM at its own address, in a root page table. */
static void map_identity(struct vm *v, uint64_t root, bool user, bool g)
{
	uint64_t pte = (RAM_BASE >> 12) << PTE_PPN_SHIFT | PTE_V | PTE_R |
		       PTE_W | PTE_X | PTE_A | PTE_D | (user ? PTE_U : 0);
	unsigned idx = (unsigned)(RAM_BASE >> 30);

	(void)g;
	memcpy(ram(v, root + 8 * idx, 8), &pte, 8);
	guestmem_written(&v->mem, root + 8 * idx, 8);
}

/* Everything both harts start a case from, drawn from the seed. */
static void setup(struct vm *v, const struct testcase *c, uint64_t seed)
{
	uint64_t saved = rng_state, ms, sv39 = (uint64_t)ATP_MODE_SV39 << 60;
	uint8_t *data = ram(v, DATA, DATA_SIZE);
	uint32_t sd = SD_TOHOST;
	unsigned i;

	rng_state = seed;
	for (i = 0; i < DATA_SIZE; i += 8) {
		uint64_t x = rnd_n(4) ? rnd_value() : rnd_fvalue();

		memcpy(data + i, &x, 8);
	}
	guestmem_written(&v->mem, DATA, DATA_SIZE);
	poke(v, HANDLER, &sd, 4);
	memset(ram(v, PT_S, 0x8000), 0, 0x8000);
	map_identity(v, PT_S, false, false);
	map_identity(v, PT_U, true, false);
	map_identity(v, PT_G, true, true);

	for (i = 1; i < 32; i++)
		ops->set_reg(v->cpu, i, rnd_value());
	for (i = 0; i < 32; i++)
		ops->set_reg(v->cpu, ACCEL_REG_F0 + i, rnd_fvalue());
	ops->set_reg(v->cpu, TOHOST_REG, TOHOST);

	/* PMP: all of memory to S and U. */
	set_csr(v, CSR_PMPADDR0, PMPADDR_MASK);
	set_csr(v, CSR_PMPCFG0, PMP_A_TOR | PMP_R | PMP_W | PMP_X);
	set_csr(v, CSR_MTVEC, HANDLER);
	set_csr(v, CSR_STVEC, HANDLER);
	set_csr(v, CSR_VSTVEC, HANDLER);
	set_csr(v, CSR_MENVCFG,
		ENVCFG_CBIE | ENVCFG_CBCFE | ENVCFG_CBZE |
			(c->mode == HS ? (uint64_t)c->pmm << ENVCFG_PMM_SHIFT
				       : 0));
	if (c->mode == M)
		set_csr(v, CSR_MSECCFG, (uint64_t)c->pmm << MSECCFG_PMM_SHIFT);
	if (c->mode == VS)
		set_csr(v, CSR_HENVCFG, (uint64_t)c->pmm << ENVCFG_PMM_SHIFT);
	if (c->mode == U || c->mode == VU)
		set_csr(v, CSR_SENVCFG, (uint64_t)c->pmm << ENVCFG_PMM_SHIFT);
	setup_hpm(v, rnd());
	set_csr(v, CSR_MCOUNTEREN, 0xffffffff);
	set_csr(v, CSR_SCOUNTEREN, rnd_n(2) ? 0xffffffff : 0);
	set_csr(v, CSR_HCOUNTEREN, 0xffffffff);
	set_csr(v, CSR_FCSR, rnd_n(256));
	ms = (uint64_t)c->fs << 13;
	if (c->mprv)
		ms |= MSTATUS_MPRV | (uint64_t)PRV_S << MSTATUS_MPP_SHIFT;
	set_csr(v, CSR_MSTATUS, ms);
	set_csr(v, CSR_VSSTATUS, MSTATUS_FS);
	set_csr(v, CSR_HSTATUS, HSTATUS_SPVP);
	set_csr(v, CSR_HGATP, (uint64_t)ATP_MODE_SV39 << 60 | PT_G >> 12);
	if (c->mode == VS || c->mode == VU)
		set_csr(v, CSR_VSATP,
			c->paging ? sv39 | (c->mode == VU ? PT_U : PT_S) >> 12
				  : 0);
	else
		set_csr(v, CSR_VSATP, sv39 | PT_S >> 12);
	set_csr(v, CSR_SATP,
		c->paging ? sv39 | (c->mode == U ? PT_U : PT_S) >> 12 : 0);
	if (c->deleg) {
		/* Illegal, breakpoint, ecalls from U/VU, page faults. */
		uint64_t e =
			1 << 2 | 1 << 3 | 1 << 8 | 1 << 12 | 1 << 13 | 1 << 15;

		set_csr(v, CSR_MEDELEG, e);
		if (c->mode == VS)
			set_csr(v, CSR_HEDELEG, e);
	}
	rng_state = saved;
}

static void enter_mode(struct vm *v, const struct testcase *c)
{
	static const unsigned priv[] = {
		[M] = 3, [HS] = 1, [U] = 0, [VS] = 5, [VU] = 4};

	ops->set_reg(v->cpu, ACCEL_REG_PRIV, priv[c->mode]);
}

/* The differences between the two harts' states; true when none. */
static bool compare(struct vm *jit, struct vm *ref, char *why, size_t len)
{
	static struct accel_hart_state a, b;

	ops->get_state(jit->cpu, &a);
	ops->get_state(ref->cpu, &b);
	why[0] = 0;
	if (a.count != b.count) {
		snprintf(why, len, "state records of %u and %u entries",
			 a.count, b.count);
		return false;
	}
	for (uint32_t i = 0; i < a.count; i++) {
		uint32_t id = a.regs[i].id;

		if (id != b.regs[i].id || a.regs[i].val != b.regs[i].val) {
			snprintf(why, len,
				 "register 0x%x: jit %016" PRIx64
				 ", interpreter %016" PRIx64,
				 id, a.regs[i].val, b.regs[i].val);
			return false;
		}
	}
	if (memcmp(ram(jit, DATA, DATA_SIZE), ram(ref, DATA, DATA_SIZE),
		   DATA_SIZE)) {
		snprintf(why, len, "the data area differs");
		return false;
	}
	return true;
}

static void print_segment(const struct segment *s, uint64_t at)
{
	for (unsigned i = 0, off = 0; off < s->len;) {
		struct rv_insn in;
		uint32_t raw = 0;
		char text[64];

		memcpy(&raw, s->code + off, off + 4 <= s->len ? 4 : 2);
		rv_decode_isa(raw, &in, decode_ext);
		rv_disas(&in, at + off, text, sizeof(text));
		printf("    %08" PRIx64 ": %s\n", at + off, text);
		off += in.len;
		i++;
	}
}

static void run_case(const struct testcase *c, uint64_t seed, unsigned segments)
{
	struct vm jit, ref;
	char name[64], why[160];
	unsigned k, ended = 0;

	struct accel_isa isa = {0};
	char err[128];

	snprintf(name, sizeof(name), "jitdiff/%s", c->name);
	if (c->isa && accel_isa_parse(c->isa, &isa, err, sizeof(err))) {
		printf("FAIL %s: --isa %s: %s\n", name, c->isa, err);
		failures++;
		return;
	}
	if (!c->isa)
		accel_isa_profile(ACCEL_ISA_DEFAULT, &isa);
	decode_ext = accel_isa_decode(&isa);
	if (vm_open(&jit, "jit=on", &isa) || vm_open(&ref, "jit=off", &isa)) {
		printf("FAIL %s: cannot create the VMs\n", name);
		failures++;
		return;
	}
	setup(&jit, c, seed);
	setup(&ref, c, seed);
	rng_state = seed ^ 0x5bd1e995;
	for (k = 0; k < segments; k++) {
		if (k % 500 == 250) {
			/* Other guest registers in host registers. */
			uint8_t map[DBT_JIT_MAPPED];
			bool used[32] = {true};

			for (unsigned i = 0; i < DBT_JIT_MAPPED; i++) {
				unsigned r;

				do
					r = 1 + rnd_n(31);
				while (used[r]);
				used[r] = true;
				map[i] = (uint8_t)r;
			}
			dbt_jit_set_map((struct dbt_hart *)jit.cpu, map);
		}
		struct segment s;
		uint64_t at = CODE + (k % (CODE_SIZE / SLOT)) * SLOT;
		enum accel_exit_reason rj, rr;
		uint64_t jit_ns;
		bool jit_kicked;
		bool cross = k % 8 == 3 && have_c();

		/* Some start with an instruction across a page's end. */
		if (cross)
			at = CODE + 4096 * (1 + rnd_n(CODE_SIZE / 4096 - 2)) -
			     2;
		if (k < NDIRECTED)
			directed_segment(&s, k);
		else
			gen_segment(&s, cross);
		/*
		 * One in four starts with an empty TLB: first accesses take
		 * the out-of-line paths and come back into the block.
		 */
		if (k < NDIRECTED || rnd_n(4) == 0) {
			dbt_mmu_flush_all((struct dbt_hart *)jit.cpu);
			dbt_mmu_flush_all((struct dbt_hart *)ref.cpu);
		}
		poke(&jit, at, s.code, s.len);
		poke(&ref, at, s.code, s.len);
		for (unsigned i = 0; i < NPTR; i++) {
			uint64_t p = DATA + 0x2000 + 0x4000 * i -
				     8 * (rnd_n(16) * (rnd_n(4) == 0));

			/* Tags in the bits pointer masking ignores. */
			if (c->pmm && rnd_n(2))
				p ^= rnd() & ~(~0ull >>
					       (c->pmm == PMM_PMLEN7 ? 7 : 16));

			ops->set_reg(jit.cpu, ptr_regs[i], p);
			ops->set_reg(ref.cpu, ptr_regs[i], p);
		}
		ops->set_reg(jit.cpu, TOHOST_REG, TOHOST);
		ops->set_reg(ref.cpu, TOHOST_REG, TOHOST);
		/* Fresh values: results drift towards NaNs and zeros. */
		for (unsigned i = 0; i < 8; i++) {
			unsigned r = ACCEL_REG_F0 + rnd_n(32);
			uint64_t v = rnd_fvalue();

			ops->set_reg(jit.cpu, r, v);
			ops->set_reg(ref.cpu, r, v);
			r = 1 + rnd_n(29);
			v = rnd_value();
			if (!is_ptr(r)) {
				ops->set_reg(jit.cpu, r, v);
				ops->set_reg(ref.cpu, r, v);
			}
		}
		if (k % 64 == 0 && c->fs == 2) {
			/* Clean again, as a kernel leaves it. */
			set_csr(&jit, CSR_MSTATUS, 2ull << 13);
			set_csr(&ref, CSR_MSTATUS, 2ull << 13);
		}
		if (k % 100 == 99) {
			uint64_t seed = rnd();

			setup_hpm(&jit, seed);
			setup_hpm(&ref, seed);
		}
		if (k % 16 == 0) {
			/* Round to nearest half of the time. */
			uint64_t f = rnd_n(256) & (rnd_n(2) ? 0x1f : 0xff);

			set_csr(&jit, CSR_FCSR, f);
			set_csr(&ref, CSR_FCSR, f);
		}
		ops->set_reg(jit.cpu, ACCEL_REG_PC, at);
		ops->set_reg(ref.cpu, ACCEL_REG_PC, at);
		enter_mode(&jit, c);
		enter_mode(&ref, c);
		if (verbose) {
			printf("segment %u:\n", k);
			print_segment(&s, at);
		}
		rj = run(&jit);
		jit_ns = run_ns;
		jit_kicked = run_kicked;
		rr = run(&ref);
		if (rj != rr || rj != ACCEL_EXIT_HTIF) {
			snprintf(why, sizeof(why),
				 "exits: jit %d after %.3f s%s, interpreter %d "
				 "after %.3f s%s (HTIF %d)",
				 rj, (double)jit_ns / 1e9,
				 jit_kicked ? " (watchdog)" : "", rr,
				 (double)run_ns / 1e9,
				 run_kicked ? " (watchdog)" : "",
				 ACCEL_EXIT_HTIF);
		} else if (compare(&jit, &ref, why, sizeof(why))) {
			uint64_t pc = 0;

			ops->get_reg(ref.cpu, ACCEL_REG_PC, &pc);
			ended += pc == at + s.len;
			continue;
		}
		printf("FAIL %s: segment %u (seed %" PRIu64 "): %s\n", name, k,
		       seed, why);
		print_segment(&s, at);
		failures++;
		goto out;
	}
	printf("ok %s (%u segments, %u without a trap)\n", name, segments,
	       ended);
out:
	vm_close(&jit);
	vm_close(&ref);
}

int main(void)
{
	const char *s = getenv("JITDIFF_SEED");
	const char *n = getenv("JITDIFF_SEGMENTS");
	uint64_t seed = s ? strtoull(s, NULL, 0) : 1;
	unsigned segments = n ? (unsigned)strtoul(n, NULL, 0) : 3000;

	pthread_t wd;

	setvbuf(stdout, NULL, _IOLBF, 0);
	verbose = getenv("JITDIFF_VERBOSE") != NULL;
	pthread_create(&wd, NULL, watchdog_main, NULL);
	pthread_detach(wd);
	if (!dbt_jit_available()) {
		printf("skip jitdiff: no JIT on this host\n");
		return 0;
	}
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i], seed + i * 7919, segments);
	return failures ? 1 : 0;
}
