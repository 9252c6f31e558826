/* SPDX-License-Identifier: MIT */
/*
 * RISC-V disassembler. Register names follow the ABI names of the RISC-V
 * ELF psABI ("Register Convention"); pseudo-instructions are those of the
 * Unprivileged ISA's "RISC-V Assembly Programmer's Handbook" tables and CSR
 * names are those of the Privileged Architecture, "CSR Listing". The choice
 * among aliases, the number formats and the operand order match GNU objdump
 * 2.40 with its default options, which tests/unit/disas.c checks. For the
 * extensions objdump 2.40 does not know (Zicond, Zfa, Zcb, Zimop, Zcmop,
 * Zihintntl) the text is what later binutils print: the mnemonics of the
 * specs, fli's constant as binutils' table names it or as a C99 hex
 * float, Zcb's compressed forms by the instruction they expand to.
 */
#include "accel/dbt/disas.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* clang-format off */
static const char *const xreg_names[32] = {
	"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
	"s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
	"a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
	"s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};
/* clang-format on */

/* clang-format off */
static const char *const freg_names[32] = {
	"ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7",
	"fs0", "fs1", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5",
	"fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7",
	"fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
};
/* clang-format on */

/*
 * CSR names, sorted by number. An entry with count > 0 names @count
 * consecutive CSRs prefix N suffix, N counting up from @first.
 */
/* clang-format off */
static const struct csr_name {
	uint16_t num;
	uint8_t count;
	uint8_t first;
	const char *prefix;
	const char *suffix;
} csr_names[] = {
	{ 0x001, 0, 0, "fflags", "" },
	{ 0x002, 0, 0, "frm", "" },
	{ 0x003, 0, 0, "fcsr", "" },
	{ 0x008, 0, 0, "vstart", "" },
	{ 0x009, 0, 0, "vxsat", "" },
	{ 0x00a, 0, 0, "vxrm", "" },
	{ 0x00f, 0, 0, "vcsr", "" },
	{ 0x015, 0, 0, "seed", "" },
	{ 0x100, 0, 0, "sstatus", "" },
	{ 0x104, 0, 0, "sie", "" },
	{ 0x105, 0, 0, "stvec", "" },
	{ 0x106, 0, 0, "scounteren", "" },
	{ 0x10a, 0, 0, "senvcfg", "" },
	{ 0x10c, 4, 0, "sstateen", "" },
	{ 0x114, 0, 0, "sieh", "" },
	{ 0x140, 0, 0, "sscratch", "" },
	{ 0x141, 0, 0, "sepc", "" },
	{ 0x142, 0, 0, "scause", "" },
	{ 0x143, 0, 0, "stval", "" },
	{ 0x144, 0, 0, "sip", "" },
	{ 0x14d, 0, 0, "stimecmp", "" },
	{ 0x150, 0, 0, "siselect", "" },
	{ 0x151, 0, 0, "sireg", "" },
	{ 0x154, 0, 0, "siph", "" },
	{ 0x15c, 0, 0, "stopei", "" },
	{ 0x15d, 0, 0, "stimecmph", "" },
	{ 0x180, 0, 0, "satp", "" },
	{ 0x200, 0, 0, "vsstatus", "" },
	{ 0x204, 0, 0, "vsie", "" },
	{ 0x205, 0, 0, "vstvec", "" },
	{ 0x214, 0, 0, "vsieh", "" },
	{ 0x240, 0, 0, "vsscratch", "" },
	{ 0x241, 0, 0, "vsepc", "" },
	{ 0x242, 0, 0, "vscause", "" },
	{ 0x243, 0, 0, "vstval", "" },
	{ 0x244, 0, 0, "vsip", "" },
	{ 0x24d, 0, 0, "vstimecmp", "" },
	{ 0x250, 0, 0, "vsiselect", "" },
	{ 0x251, 0, 0, "vsireg", "" },
	{ 0x254, 0, 0, "vsiph", "" },
	{ 0x25c, 0, 0, "vstopei", "" },
	{ 0x25d, 0, 0, "vstimecmph", "" },
	{ 0x280, 0, 0, "vsatp", "" },
	{ 0x300, 0, 0, "mstatus", "" },
	{ 0x301, 0, 0, "misa", "" },
	{ 0x302, 0, 0, "medeleg", "" },
	{ 0x303, 0, 0, "mideleg", "" },
	{ 0x304, 0, 0, "mie", "" },
	{ 0x305, 0, 0, "mtvec", "" },
	{ 0x306, 0, 0, "mcounteren", "" },
	{ 0x308, 0, 0, "mvien", "" },
	{ 0x309, 0, 0, "mvip", "" },
	{ 0x30a, 0, 0, "menvcfg", "" },
	{ 0x30c, 4, 0, "mstateen", "" },
	{ 0x310, 0, 0, "mstatush", "" },
	{ 0x313, 0, 0, "midelegh", "" },
	{ 0x314, 0, 0, "mieh", "" },
	{ 0x318, 0, 0, "mvienh", "" },
	{ 0x319, 0, 0, "mviph", "" },
	{ 0x31a, 0, 0, "menvcfgh", "" },
	{ 0x31c, 4, 0, "mstateen", "h" },
	{ 0x320, 0, 0, "mcountinhibit", "" },
	{ 0x323, 29, 3, "mhpmevent", "" },
	{ 0x340, 0, 0, "mscratch", "" },
	{ 0x341, 0, 0, "mepc", "" },
	{ 0x342, 0, 0, "mcause", "" },
	{ 0x343, 0, 0, "mtval", "" },
	{ 0x344, 0, 0, "mip", "" },
	{ 0x34a, 0, 0, "mtinst", "" },
	{ 0x34b, 0, 0, "mtval2", "" },
	{ 0x350, 0, 0, "miselect", "" },
	{ 0x351, 0, 0, "mireg", "" },
	{ 0x354, 0, 0, "miph", "" },
	{ 0x35c, 0, 0, "mtopei", "" },
	{ 0x3a0, 16, 0, "pmpcfg", "" },
	{ 0x3b0, 64, 0, "pmpaddr", "" },
	{ 0x5a8, 0, 0, "scontext", "" },
	{ 0x600, 0, 0, "hstatus", "" },
	{ 0x602, 0, 0, "hedeleg", "" },
	{ 0x603, 0, 0, "hideleg", "" },
	{ 0x604, 0, 0, "hie", "" },
	{ 0x605, 0, 0, "htimedelta", "" },
	{ 0x606, 0, 0, "hcounteren", "" },
	{ 0x607, 0, 0, "hgeie", "" },
	{ 0x608, 0, 0, "hvien", "" },
	{ 0x609, 0, 0, "hvictl", "" },
	{ 0x60a, 0, 0, "henvcfg", "" },
	{ 0x60c, 4, 0, "hstateen", "" },
	{ 0x613, 0, 0, "hidelegh", "" },
	{ 0x615, 0, 0, "htimedeltah", "" },
	{ 0x618, 0, 0, "hvienh", "" },
	{ 0x61a, 0, 0, "henvcfgh", "" },
	{ 0x61c, 4, 0, "hstateen", "h" },
	{ 0x643, 0, 0, "htval", "" },
	{ 0x644, 0, 0, "hip", "" },
	{ 0x645, 0, 0, "hvip", "" },
	{ 0x646, 0, 0, "hviprio1", "" },
	{ 0x647, 0, 0, "hviprio2", "" },
	{ 0x64a, 0, 0, "htinst", "" },
	{ 0x655, 0, 0, "hviph", "" },
	{ 0x656, 0, 0, "hviprio1h", "" },
	{ 0x657, 0, 0, "hviprio2h", "" },
	{ 0x680, 0, 0, "hgatp", "" },
	{ 0x6a8, 0, 0, "hcontext", "" },
	{ 0x723, 29, 3, "mhpmevent", "h" },
	{ 0x747, 0, 0, "mseccfg", "" },
	{ 0x757, 0, 0, "mseccfgh", "" },
	{ 0x7a0, 0, 0, "tselect", "" },
	{ 0x7a1, 0, 0, "tdata1", "" },
	{ 0x7a2, 0, 0, "tdata2", "" },
	{ 0x7a3, 0, 0, "tdata3", "" },
	{ 0x7a4, 0, 0, "tinfo", "" },
	{ 0x7a5, 0, 0, "tcontrol", "" },
	{ 0x7a8, 0, 0, "mcontext", "" },
	{ 0x7aa, 0, 0, "mscontext", "" },
	{ 0x7b0, 0, 0, "dcsr", "" },
	{ 0x7b1, 0, 0, "dpc", "" },
	{ 0x7b2, 0, 0, "dscratch0", "" },
	{ 0x7b3, 0, 0, "dscratch1", "" },
	{ 0xb00, 0, 0, "mcycle", "" },
	{ 0xb02, 0, 0, "minstret", "" },
	{ 0xb03, 29, 3, "mhpmcounter", "" },
	{ 0xb80, 0, 0, "mcycleh", "" },
	{ 0xb82, 0, 0, "minstreth", "" },
	{ 0xb83, 29, 3, "mhpmcounter", "h" },
	{ 0xc00, 0, 0, "cycle", "" },
	{ 0xc01, 0, 0, "time", "" },
	{ 0xc02, 0, 0, "instret", "" },
	{ 0xc03, 29, 3, "hpmcounter", "" },
	{ 0xc20, 0, 0, "vl", "" },
	{ 0xc21, 0, 0, "vtype", "" },
	{ 0xc22, 0, 0, "vlenb", "" },
	{ 0xc80, 0, 0, "cycleh", "" },
	{ 0xc81, 0, 0, "timeh", "" },
	{ 0xc82, 0, 0, "instreth", "" },
	{ 0xc83, 29, 3, "hpmcounter", "h" },
	{ 0xda0, 0, 0, "scountovf", "" },
	{ 0xdb0, 0, 0, "stopi", "" },
	{ 0xe12, 0, 0, "hgeip", "" },
	{ 0xeb0, 0, 0, "vstopi", "" },
	{ 0xf11, 0, 0, "mvendorid", "" },
	{ 0xf12, 0, 0, "marchid", "" },
	{ 0xf13, 0, 0, "mimpid", "" },
	{ 0xf14, 0, 0, "mhartid", "" },
	{ 0xf15, 0, 0, "mconfigptr", "" },
	{ 0xfb0, 0, 0, "mtopi", "" },
};
/* clang-format on */

/* Rounding-mode names by rm field; 7 (dynamic) is not printed. */
/* clang-format off */
static const char *const rm_names[8] = {
	"rne", "rtz", "rdn", "rup", "rmm", "unknown", "unknown", "",
};
/* clang-format on */

/* FENCE predecessor/successor sets. */
/* clang-format off */
static const char *const fence_sets[16] = {
	"unknown", "w", "r", "rw", "o", "ow", "or", "orw",
	"i", "iw", "ir", "irw", "io", "iow", "ior", "iorw",
};
/* clang-format on */

const char *rv_disas_xreg_name(unsigned r)
{
	return r < 32 ? xreg_names[r] : NULL;
}

const char *rv_disas_freg_name(unsigned r)
{
	return r < 32 ? freg_names[r] : NULL;
}

int rv_disas_csr_name(unsigned csr, char *buf, size_t len)
{
	size_t lo = 0, hi = sizeof(csr_names) / sizeof(csr_names[0]);
	int n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct csr_name *c = &csr_names[mid];
		unsigned span = c->count ? c->count : 1;

		if (csr < c->num) {
			hi = mid;
		} else if (csr >= c->num + span) {
			lo = mid + 1;
		} else {
			if (c->count)
				n = snprintf(buf, len, "%s%u%s", c->prefix,
					     c->first + csr - c->num,
					     c->suffix);
			else
				n = snprintf(buf, len, "%s", c->prefix);
			return n >= 0 && (size_t)n < len ? 0 : -ENOSPC;
		}
	}
	return -ENOENT;
}

struct out {
	char *buf;
	size_t len;
	size_t pos;
	bool trunc;
};

static void __attribute__((format(printf, 2, 3)))
emit(struct out *o, const char *fmt, ...)
{
	size_t room = o->len - o->pos;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->pos, room, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= room) {
		o->trunc = true;
		o->pos = o->len - 1;
	} else {
		o->pos += n;
	}
}

static const char *x(unsigned r)
{
	return xreg_names[r & 31];
}

static const char *f(unsigned r)
{
	return freg_names[r & 31];
}

static void emit_csr(struct out *o, unsigned csr)
{
	char name[24];

	if (rv_disas_csr_name(csr, name, sizeof(name)) == 0)
		emit(o, "%s", name);
	else
		emit(o, "0x%x", csr);
}

static void emit_rm(struct out *o, unsigned rm)
{
	if (rm != 7)
		emit(o, ",%s", rm_names[rm & 7]);
}

static void emit_target(struct out *o, uint64_t pc, int64_t off)
{
	emit(o, "%" PRIx64, pc + (uint64_t)off);
}

/*
 * objdump 2.40 prints most register-immediate instructions with the
 * mnemonic of their register-register form ("add a0,a1,5" for addi); the
 * immediate operand tells them apart. slti and sltiu keep their names.
 */
static const char *imm_name(unsigned op)
{
	switch (op) {
	case RV_OP_addi:
		return "add";
	case RV_OP_xori:
		return "xor";
	case RV_OP_ori:
		return "or";
	case RV_OP_andi:
		return "and";
	case RV_OP_slli:
		return "sll";
	case RV_OP_srli:
		return "srl";
	case RV_OP_srai:
		return "sra";
	case RV_OP_addiw:
		return "addw";
	case RV_OP_slliw:
		return "sllw";
	case RV_OP_srliw:
		return "srlw";
	case RV_OP_sraiw:
		return "sraw";
	case RV_OP_csrrwi:
		return "csrrw";
	case RV_OP_csrrsi:
		return "csrrs";
	case RV_OP_csrrci:
		return "csrrc";
	case RV_OP_rori:
		return "ror";
	case RV_OP_roriw:
		return "rorw";
	case RV_OP_bclri:
		return "bclr";
	case RV_OP_bexti:
		return "bext";
	case RV_OP_binvi:
		return "binv";
	case RV_OP_bseti:
		return "bset";
	}
	return rv_op_names[op];
}

static const char *const aqrl_suffix[4] = {"", ".rl", ".aq", ".aqrl"};

/*
 * Zfa's fli constant @idx, as binutils prints it: by name for the
 * minimum normal, infinity and NaN, else the single-precision value as a
 * hexadecimal float.
 */
static void emit_fli(struct out *o, unsigned idx)
{
	static const float value[32] = {
		-1.0f,	 0,	 0x1p-16f, 0x1p-15f, 0x1p-8f,  0x1p-7f,
		0.0625f, 0.125f, 0.25f,	   0.3125f,  0.375f,   0.4375f,
		0.5f,	 0.625f, 0.75f,	   0.875f,   1.0f,     1.25f,
		1.5f,	 1.75f,	 2.0f,	   2.5f,     3.0f,     4.0f,
		8.0f,	 16.0f,	 128.0f,   256.0f,   32768.0f, 65536.0f,
		0,	 0,
	};

	idx &= 31;
	if (idx == 1)
		emit(o, "min");
	else if (idx == 30)
		emit(o, "inf");
	else if (idx == 31)
		emit(o, "nan");
	else
		emit(o, "%a", (double)value[idx]);
}

static void disas_fence(const struct rv_insn *in, struct out *o)
{
	unsigned fm = (in->imm >> 8) & 15;
	unsigned pred = (in->imm >> 4) & 15;
	unsigned succ = in->imm & 15;
	bool plain = (in->raw & 0xff07f) == 0x0000f;

	if (plain && in->raw == 0x0100000f)
		emit(o, "pause");
	else if (plain && in->raw == 0x8330000f)
		emit(o, "fence.tso");
	else if (plain && fm == 0 && pred == 15 && succ == 15)
		emit(o, "fence");
	else
		emit(o, "fence %s,%s", fence_sets[pred], fence_sets[succ]);
}

static void disas_csr(const struct rv_insn *in, struct out *o)
{
	const char *name = imm_name(in->op);
	unsigned csr = in->csr, rd = in->rd, rs1 = in->rs1;
	bool imm = in->op >= RV_OP_csrrwi;

	switch (in->op) {
	case RV_OP_csrrw:
		if (in->raw == 0xc0001073) {
			emit(o, "unimp");
			return;
		}
		if (csr >= 1 && csr <= 3) {
			static const char *const n[4] = {
				"",
				"fsflags",
				"fsrm",
				"fscsr",
			};

			if (rd == 0)
				emit(o, "%s %s", n[csr], x(rs1));
			else
				emit(o, "%s %s,%s", n[csr], x(rd), x(rs1));
			return;
		}
		if (rd == 0) {
			emit(o, "csrw ");
			emit_csr(o, csr);
			emit(o, ",%s", x(rs1));
			return;
		}
		break;
	case RV_OP_csrrs:
		if (rs1 == 0) {
			static const char *const n[4] = {
				"",
				"frflags",
				"frrm",
				"frcsr",
			};

			if (csr >= 1 && csr <= 3) {
				emit(o, "%s %s", n[csr], x(rd));
				return;
			}
			if (csr >= 0xc00 && csr <= 0xc02) {
				static const char *const c[3] = {
					"rdcycle",
					"rdtime",
					"rdinstret",
				};

				emit(o, "%s %s", c[csr - 0xc00], x(rd));
				return;
			}
			emit(o, "csrr %s,", x(rd));
			emit_csr(o, csr);
			return;
		}
		if (rd == 0) {
			emit(o, "csrs ");
			emit_csr(o, csr);
			emit(o, ",%s", x(rs1));
			return;
		}
		break;
	case RV_OP_csrrc:
		if (rd == 0) {
			emit(o, "csrc ");
			emit_csr(o, csr);
			emit(o, ",%s", x(rs1));
			return;
		}
		break;
	case RV_OP_csrrwi:
		if (csr == 1 || csr == 2) {
			emit(o, "%s %s,%u", csr == 1 ? "fsflagsi" : "fsrmi",
			     x(rd), rs1);
			return;
		}
		if (rd == 0) {
			emit(o, "csrw ");
			emit_csr(o, csr);
			emit(o, ",%u", rs1);
			return;
		}
		break;
	case RV_OP_csrrsi:
		if (rd == 0) {
			emit(o, "csrs ");
			emit_csr(o, csr);
			emit(o, ",%u", rs1);
			return;
		}
		break;
	case RV_OP_csrrci:
		if (rd == 0) {
			emit(o, "csrc ");
			emit_csr(o, csr);
			emit(o, ",%u", rs1);
			return;
		}
		break;
	}
	emit(o, "%s %s,", name, x(rd));
	emit_csr(o, csr);
	if (imm)
		emit(o, ",%u", rs1);
	else
		emit(o, ",%s", x(rs1));
}

static void disas_branch(const struct rv_insn *in, uint64_t pc, struct out *o)
{
	const char *name = rv_op_names[in->op];
	unsigned rs1 = in->rs1, rs2 = in->rs2;

	switch (in->op) {
	case RV_OP_beq:
		if (rs2 == 0) {
			emit(o, "beqz %s,", x(rs1));
			goto target;
		}
		break;
	case RV_OP_bne:
		if (rs2 == 0) {
			emit(o, "bnez %s,", x(rs1));
			goto target;
		}
		break;
	case RV_OP_blt:
		if (rs2 == 0) {
			emit(o, "bltz %s,", x(rs1));
			goto target;
		}
		if (rs1 == 0) {
			emit(o, "bgtz %s,", x(rs2));
			goto target;
		}
		break;
	case RV_OP_bge:
		if (rs1 == 0) {
			emit(o, "blez %s,", x(rs2));
			goto target;
		}
		if (rs2 == 0) {
			emit(o, "bgez %s,", x(rs1));
			goto target;
		}
		break;
	}
	emit(o, "%s %s,%s,", name, x(rs1), x(rs2));
target:
	emit_target(o, pc, in->imm);
}

static void disas_jalr(const struct rv_insn *in, struct out *o)
{
	unsigned rd = in->rd, rs1 = in->rs1;
	int64_t imm = in->imm;

	if (rd == 0 && rs1 == 1 && imm == 0)
		emit(o, "ret");
	else if ((rd == 0 || rd == 1) && imm == 0)
		emit(o, "%s %s", rd ? "jalr" : "jr", x(rs1));
	else if (rd == 0 || rd == 1)
		emit(o, "%s %" PRId64 "(%s)", rd ? "jalr" : "jr", imm, x(rs1));
	else if (imm == 0)
		emit(o, "jalr %s,%s", x(rd), x(rs1));
	else
		emit(o, "jalr %s,%" PRId64 "(%s)", x(rd), imm, x(rs1));
}

static const char *ntl_name(unsigned rs2)
{
	static const char *const n[4] = {"ntl.p1", "ntl.pall", "ntl.s1",
					 "ntl.all"};

	return n[(rs2 - 2) & 3];
}

/*
 * Compressed HINT encodings (rd = x0, or a zero immediate where the base
 * instruction needs one), which objdump prints with their C mnemonic.
 */
static bool disas_c_hint(const struct rv_insn *in, struct out *o)
{
	unsigned rd = in->rd, rs2 = in->rs2;
	unsigned f3 = in->raw >> 13, q = in->raw & 3;
	int64_t imm = in->imm;

	if (q == 1 && f3 == 0 && rd == 0 && imm != 0) {
		emit(o, "c.nop %" PRId64, imm);
	} else if (q == 1 && f3 == 2 && rd == 0) {
		emit(o, "c.li zero,%" PRId64, imm);
	} else if (q == 1 && f3 == 3 && rd == 0) {
		emit(o, "c.lui zero,0x%x", (unsigned)(imm >> 12) & 0xfffff);
	} else if (q == 1 && f3 == 4 && imm == 0 &&
		   (in->op == RV_OP_srli || in->op == RV_OP_srai)) {
		emit(o, "%s %s", in->op == RV_OP_srli ? "c.srli64" : "c.srai64",
		     x(rd));
	} else if (q == 2 && f3 == 0 && imm == 0) {
		emit(o, "c.slli64 %s", x(rd));
	} else if (q == 2 && f3 == 0 && rd == 0) {
		emit(o, "c.slli zero,0x%x", (unsigned)imm);
	} else if (q == 2 && f3 == 4 && rd == 0 && in->op == RV_OP_add &&
		   ((in->raw >> 12) & 1) && rs2 >= 2 && rs2 <= 5) {
		/* Zihintntl's compressed forms: c.add x0, x2..x5. */
		emit(o, "c.%s", ntl_name(rs2));
	} else if (q == 2 && f3 == 4 && rd == 0 && in->op == RV_OP_add) {
		emit(o, "%s zero,%s", (in->raw >> 12) & 1 ? "c.add" : "c.mv",
		     x(rs2));
	} else {
		return false;
	}
	return true;
}

/* Prints instructions whose text depends on their operands' values. */
static bool disas_alias(const struct rv_insn *in, struct out *o)
{
	unsigned rd = in->rd, rs1 = in->rs1, rs2 = in->rs2;
	int64_t imm = in->imm;

	switch (in->op) {
	case RV_OP_addi:
		/* c.addi with a zero immediate is a HINT, printed as is. */
		if (in->len == 2 && in->raw >> 13 == 0 && imm == 0 && rd)
			return false;
		if (rd == 0 && rs1 == 0 && imm == 0)
			emit(o, "nop");
		else if (rs1 == 0)
			emit(o, "li %s,%" PRId64, x(rd), imm);
		else if (imm == 0)
			emit(o, "mv %s,%s", x(rd), x(rs1));
		else
			return false;
		return true;
	case RV_OP_add:
		if (in->len == 2 && rs1 == 0) {
			emit(o, "mv %s,%s", x(rd), x(rs2));
			return true;
		}
		/* Zihintntl: ntl.p1, .pall, .s1, .all: add x0, x0, x2..x5. */
		if (in->len == 4 && rd == 0 && rs1 == 0 && rs2 >= 2 &&
		    rs2 <= 5) {
			emit(o, "%s", ntl_name(rs2));
			return true;
		}
		return false;
	case RV_OP_sltiu:
		if (imm != 1)
			return false;
		emit(o, "seqz %s,%s", x(rd), x(rs1));
		return true;
	case RV_OP_xori:
		if (imm != -1)
			return false;
		emit(o, "not %s,%s", x(rd), x(rs1));
		return true;
	case RV_OP_ori: {
		/* Zicbop: prefetch.i/r/w are ori x0 with imm[4:0] 0, 1, 3. */
		static const char *const n[4] = {"i", "r", NULL, "w"};

		if (rd != 0 || (imm & 0x1f) > 3 || !n[imm & 0x1f])
			return false;
		emit(o, "prefetch.%s %" PRId64 "(%s)", n[imm & 0x1f],
		     imm & ~(int64_t)0x1f, x(rs1));
		return true;
	}
	case RV_OP_andi:
		if (imm != 255)
			return false;
		emit(o, "zext.b %s,%s", x(rd), x(rs1));
		return true;
	case RV_OP_sub:
	case RV_OP_subw:
		if (rs1 != 0)
			return false;
		emit(o, "%s %s,%s", in->op == RV_OP_sub ? "neg" : "negw", x(rd),
		     x(rs2));
		return true;
	case RV_OP_slt:
		if (rs2 == 0)
			emit(o, "sltz %s,%s", x(rd), x(rs1));
		else if (rs1 == 0)
			emit(o, "sgtz %s,%s", x(rd), x(rs2));
		else
			return false;
		return true;
	case RV_OP_sltu:
		if (rs1 != 0)
			return false;
		emit(o, "snez %s,%s", x(rd), x(rs2));
		return true;
	case RV_OP_addiw:
		if (imm != 0)
			return false;
		emit(o, "sext.w %s,%s", x(rd), x(rs1));
		return true;
	case RV_OP_add_uw:
		if (rs2 != 0)
			return false;
		emit(o, "zext.w %s,%s", x(rd), x(rs1));
		return true;
	case RV_OP_fsgnj_s:
	case RV_OP_fsgnj_d:
	case RV_OP_fsgnjn_s:
	case RV_OP_fsgnjn_d:
	case RV_OP_fsgnjx_s:
	case RV_OP_fsgnjx_d: {
		static const char *const n[3] = {"fmv", "fneg", "fabs"};
		bool d = in->op >= RV_OP_fsgnj_d;
		unsigned k = in->op - (d ? RV_OP_fsgnj_d : RV_OP_fsgnj_s);

		if (rs1 != rs2)
			return false;
		emit(o, "%s.%c %s,%s", n[k], d ? 'd' : 's', f(rd), f(rs1));
		return true;
	}
	case RV_OP_fsgnj_h ... RV_OP_fsgnjx_h: {
		static const char *const n[3] = {"fmv", "fneg", "fabs"};

		if (rs1 != rs2)
			return false;
		emit(o, "%s.h %s,%s", n[in->op - RV_OP_fsgnj_h], f(rd), f(rs1));
		return true;
	}
	case RV_OP_sfence_vma:
	case RV_OP_hfence_vvma:
	case RV_OP_hfence_gvma:
		if (rs2 != 0)
			return false;
		if (rs1 == 0)
			emit(o, "%s", rv_op_names[in->op]);
		else
			emit(o, "%s %s", rv_op_names[in->op], x(rs1));
		return true;
	}
	return false;
}

/* Operand layouts. */
enum fmt {
	F_NONE,
	F_R,	  /* rd,rs1,rs2 */
	F_I,	  /* rd,rs1,imm */
	F_SHIFT,  /* rd,rs1,0xshamt */
	F_UNARY,  /* rd,rs1 */
	F_U,	  /* rd,0ximm20 */
	F_LOAD,	  /* rd,imm(rs1) */
	F_STORE,  /* rs2,imm(rs1) */
	F_LR,	  /* rd,(rs1) */
	F_AMO,	  /* rd,rs2,(rs1) */
	F_RS12,	  /* rs1,rs2 */
	F_HSV,	  /* rs2,(rs1) */
	F_CBO,	  /* (rs1) */
	F_FLOAD,  /* frd,imm(rs1) */
	F_FSTORE, /* frs2,imm(rs1) */
	F_FR,	  /* frd,frs1,frs2 */
	F_FR_RM,  /* frd,frs1,frs2,rm */
	F_FR4_RM, /* frd,frs1,frs2,frs3,rm */
	F_FF_RM,  /* frd,frs1,rm */
	F_FF_RM0, /* frd,frs1[,rm] with rm printed only when not 0 or dyn */
	F_XF_RM,  /* rd,frs1,rm */
	F_FX_RM,  /* frd,rs1,rm */
	F_FX_RM0, /* frd,rs1[,rm] as F_FF_RM0 */
	F_XF,	  /* rd,frs1 */
	F_FX,	  /* frd,rs1 */
	F_XFF,	  /* rd,frs1,frs2 */
	F_FLI,	  /* frd,constant (Zfa) */
	F_MOP,	  /* mop.r.N rd,rs1 / mop.rr.N rd,rs1,rs2 / c.mop.N */
};

#define FMT_RANGE(a, b, fmt) [RV_OP_##a... RV_OP_##b] = fmt

/* clang-format off */
static const uint8_t op_fmt[RV_OP_COUNT] = {
	FMT_RANGE(lb, lwu, F_LOAD),
	FMT_RANGE(sb, sd, F_STORE),
	FMT_RANGE(addi, andi, F_I),
	FMT_RANGE(slli, srai, F_SHIFT),
	FMT_RANGE(add, and, F_R),
	[RV_OP_addiw] = F_I,
	FMT_RANGE(slliw, sraiw, F_SHIFT),
	FMT_RANGE(addw, sraw, F_R),
	FMT_RANGE(mul, remuw, F_R),
	[RV_OP_lr_w] = F_LR,
	FMT_RANGE(sc_w, amomaxu_w, F_AMO),
	[RV_OP_lr_d] = F_LR,
	FMT_RANGE(sc_d, amomaxu_d, F_AMO),
	FMT_RANGE(sfence_vma, hfence_gvma, F_RS12),
	[RV_OP_sinval_vma] = F_RS12,
	FMT_RANGE(hinval_vvma, hinval_gvma, F_RS12),
	FMT_RANGE(hlv_b, hlv_d, F_LR),
	FMT_RANGE(hsv_b, hsv_d, F_HSV),
	[RV_OP_flw] = F_FLOAD, [RV_OP_fsw] = F_FSTORE,
	FMT_RANGE(fmadd_s, fnmadd_s, F_FR4_RM),
	FMT_RANGE(fadd_s, fdiv_s, F_FR_RM),
	[RV_OP_fsqrt_s] = F_FF_RM,
	FMT_RANGE(fsgnj_s, fmax_s, F_FR),
	FMT_RANGE(fcvt_w_s, fcvt_wu_s, F_XF_RM),
	[RV_OP_fmv_x_w] = F_XF,
	FMT_RANGE(feq_s, fle_s, F_XFF),
	[RV_OP_fclass_s] = F_XF,
	FMT_RANGE(fcvt_s_w, fcvt_s_wu, F_FX_RM),
	[RV_OP_fmv_w_x] = F_FX,
	FMT_RANGE(fcvt_l_s, fcvt_lu_s, F_XF_RM),
	FMT_RANGE(fcvt_s_l, fcvt_s_lu, F_FX_RM),
	[RV_OP_fld] = F_FLOAD, [RV_OP_fsd] = F_FSTORE,
	FMT_RANGE(fmadd_d, fnmadd_d, F_FR4_RM),
	FMT_RANGE(fadd_d, fdiv_d, F_FR_RM),
	[RV_OP_fsqrt_d] = F_FF_RM,
	FMT_RANGE(fsgnj_d, fmax_d, F_FR),
	[RV_OP_fcvt_s_d] = F_FF_RM,
	[RV_OP_fcvt_d_s] = F_FF_RM0,
	FMT_RANGE(feq_d, fle_d, F_XFF),
	[RV_OP_fclass_d] = F_XF,
	FMT_RANGE(fcvt_w_d, fcvt_wu_d, F_XF_RM),
	FMT_RANGE(fcvt_d_w, fcvt_d_wu, F_FX_RM0),
	FMT_RANGE(fcvt_l_d, fcvt_lu_d, F_XF_RM),
	[RV_OP_fmv_x_d] = F_XF,
	FMT_RANGE(fcvt_d_l, fcvt_d_lu, F_FX_RM),
	[RV_OP_fmv_d_x] = F_FX,
	FMT_RANGE(add_uw, sh3add_uw, F_R),
	[RV_OP_slli_uw] = F_SHIFT,
	FMT_RANGE(andn, xnor, F_R),
	FMT_RANGE(clz, cpopw, F_UNARY),
	FMT_RANGE(max, minu, F_R),
	FMT_RANGE(sext_b, zext_h, F_UNARY),
	FMT_RANGE(rol, rolw, F_R),
	[RV_OP_ror] = F_R,
	FMT_RANGE(rori, roriw, F_SHIFT),
	[RV_OP_rorw] = F_R,
	FMT_RANGE(orc_b, rev8, F_UNARY),
	[RV_OP_bclr] = F_R, [RV_OP_bclri] = F_SHIFT,
	[RV_OP_bext] = F_R, [RV_OP_bexti] = F_SHIFT,
	[RV_OP_binv] = F_R, [RV_OP_binvi] = F_SHIFT,
	[RV_OP_bset] = F_R, [RV_OP_bseti] = F_SHIFT,
	FMT_RANGE(cbo_clean, cbo_zero, F_CBO),
	FMT_RANGE(czero_eqz, czero_nez, F_R),
	[RV_OP_flh] = F_FLOAD, [RV_OP_fsh] = F_FSTORE,
	FMT_RANGE(fmadd_h, fnmadd_h, F_FR4_RM),
	FMT_RANGE(fadd_h, fdiv_h, F_FR_RM),
	[RV_OP_fsqrt_h] = F_FF_RM,
	FMT_RANGE(fsgnj_h, fmax_h, F_FR),
	[RV_OP_fcvt_s_h] = F_FF_RM0,
	[RV_OP_fcvt_h_s] = F_FF_RM,
	[RV_OP_fcvt_d_h] = F_FF_RM0,
	[RV_OP_fcvt_h_d] = F_FF_RM,
	FMT_RANGE(fcvt_h_w, fcvt_h_lu, F_FX_RM),
	[RV_OP_fmv_h_x] = F_FX,
	FMT_RANGE(feq_h, fle_h, F_XFF),
	[RV_OP_fclass_h] = F_XF,
	FMT_RANGE(fcvt_w_h, fcvt_lu_h, F_XF_RM),
	[RV_OP_fmv_x_h] = F_XF,
	FMT_RANGE(fli_s, fli_h, F_FLI),
	FMT_RANGE(fminm_s, fmaxm_h, F_FR),
	FMT_RANGE(fround_s, froundnx_h, F_FF_RM),
	[RV_OP_fcvtmod_w_d] = F_XF_RM,
	FMT_RANGE(fleq_s, fltq_h, F_XFF),
	FMT_RANGE(clmul, packw, F_R),
	[RV_OP_brev8] = F_UNARY,
	FMT_RANGE(xperm4, xperm8, F_R),
	[RV_OP_mop_r] = F_MOP,
	[RV_OP_mop_rr] = F_MOP,
	[RV_OP_c_mop] = F_MOP,
};
/* clang-format on */

/* ---- the vector extension ---- */

static const char *const lmul_names[8] = {
	"m1", "m2", "m4", "m8", NULL, "mf8", "mf4", "mf2",
};

/* vtypei of vsetvli/vsetivli: its fields, or the number if reserved. */
static void emit_vtype(struct out *o, unsigned imm)
{
	unsigned sew = (imm >> 3) & 7, lmul = imm & 7;

	if (imm >> 8 || sew > 3 || !lmul_names[lmul]) {
		emit(o, "%u", imm);
		return;
	}
	emit(o, "e%u,%s,%s,%s", 8u << sew, lmul_names[lmul],
	     (imm >> 6) & 1 ? "ta" : "tu", (imm >> 7) & 1 ? "ma" : "mu");
}

static unsigned mem_eew(uint32_t r)
{
	switch ((r >> 12) & 7) {
	case 0:
		return 8;
	case 5:
		return 16;
	case 6:
		return 32;
	default:
		return 64;
	}
}

static void disas_vmem(const struct rv_insn *in, struct out *o)
{
	uint32_t r = in->raw;
	unsigned vd = (r >> 7) & 31, nf = ((r >> 29) & 7) + 1;
	unsigned eew = mem_eew(r);
	const char *base = x((r >> 15) & 31),
		   *mask = (r >> 25) & 1 ? "" : ",v0.t";
	const char *ld = in->op <= RV_OP_vlr ? "l" : "s";
	char seg[8] = "";

	if (nf > 1)
		snprintf(seg, sizeof(seg), "seg%u", nf);
	switch (in->op) {
	case RV_OP_vle:
	case RV_OP_vse:
	case RV_OP_vleff:
		emit(o, "v%s%se%u%s.v v%u,(%s)%s", ld, seg, eew,
		     in->op == RV_OP_vleff ? "ff" : "", vd, base, mask);
		return;
	case RV_OP_vlm:
	case RV_OP_vsm:
		emit(o, "%s v%u,(%s)", rv_op_names[in->op], vd, base);
		return;
	case RV_OP_vlse:
	case RV_OP_vsse:
		emit(o, "v%ss%se%u.v v%u,(%s),%s%s", ld, seg, eew, vd, base,
		     x((r >> 20) & 31), mask);
		return;
	case RV_OP_vluxei:
	case RV_OP_vloxei:
	case RV_OP_vsuxei:
	case RV_OP_vsoxei:
		emit(o, "v%s%cx%sei%u.v v%u,(%s),v%u%s", ld,
		     in->op == RV_OP_vluxei || in->op == RV_OP_vsuxei ? 'u'
								      : 'o',
		     seg, eew, vd, base, (r >> 20) & 31, mask);
		return;
	case RV_OP_vlr:
		/* EEW 8 is printed as the vl<nf>r.v alias. */
		if (eew == 8)
			emit(o, "vl%ur.v v%u,(%s)", nf, vd, base);
		else
			emit(o, "vl%ure%u.v v%u,(%s)", nf, eew, vd, base);
		return;
	default: /* vsr */
		emit(o, "vs%ur.v v%u,(%s)", nf, vd, base);
		return;
	}
}

/* The operand letter of an OP-V funct3 and the scalar/vector operand. */
static char vkind(uint32_t r)
{
	static const char k[8] = {'v', 'v', 'v', 'i', 'x', 'f', 'x', '?'};

	return k[(r >> 12) & 7];
}

static void emit_vsrc1(struct out *o, const struct rv_insn *in)
{
	uint32_t r = in->raw;
	unsigned rs1 = (r >> 15) & 31;

	switch (vkind(r)) {
	case 'v':
		emit(o, "v%u", rs1);
		break;
	case 'x':
		emit(o, "%s", x(rs1));
		break;
	case 'f':
		emit(o, "%s", f(rs1));
		break;
	default:
		if (in->op == RV_OP_vror)
			emit(o, "%u", rs1 | ((r >> 26) & 1) << 5);
		else if (rv_vop_uimm(in->op))
			emit(o, "%u", rs1);
		else
			emit(o, "%d", (int)(rs1 ^ 16) - 16);
		break;
	}
}

/* objdump's pseudo-instructions for vector ops. */
static bool disas_valias(const struct rv_insn *in, struct out *o)
{
	uint32_t r = in->raw;
	unsigned vd = (r >> 7) & 31, vs1 = (r >> 15) & 31, vs2 = (r >> 20) & 31;
	const char *mask = (r >> 25) & 1 ? "" : ",v0.t";
	char k = vkind(r);

	switch (in->op) {
	case RV_OP_vrsub:
		if (k != 'x' || vs1 != 0)
			return false;
		emit(o, "vneg.v v%u,v%u%s", vd, vs2, mask);
		return true;
	case RV_OP_vxor:
		if (k != 'i' || vs1 != 31)
			return false;
		emit(o, "vnot.v v%u,v%u%s", vd, vs2, mask);
		return true;
	case RV_OP_vnsrl:
		if (k != 'x' || vs1 != 0)
			return false;
		emit(o, "vncvt.x.x.w v%u,v%u%s", vd, vs2, mask);
		return true;
	case RV_OP_vwadd:
	case RV_OP_vwaddu:
		if (k != 'x' || vs1 != 0)
			return false;
		emit(o, "%s v%u,v%u%s",
		     in->op == RV_OP_vwadd ? "vwcvt.x.x.v" : "vwcvtu.x.x.v", vd,
		     vs2, mask);
		return true;
	case RV_OP_vmand:
	case RV_OP_vmnand:
		if (vs1 != vs2)
			return false;
		emit(o, "%s v%u,v%u",
		     in->op == RV_OP_vmand ? "vmmv.m" : "vmnot.m", vd, vs2);
		return true;
	case RV_OP_vmxor:
	case RV_OP_vmxnor:
		if (vs1 != vd || vs2 != vd)
			return false;
		emit(o, "%s v%u", in->op == RV_OP_vmxor ? "vmclr.m" : "vmset.m",
		     vd);
		return true;
	case RV_OP_vfsgnjn:
	case RV_OP_vfsgnjx:
		if (k != 'v' || vs1 != vs2)
			return false;
		emit(o, "%s v%u,v%u%s",
		     in->op == RV_OP_vfsgnjn ? "vfneg.v" : "vfabs.v", vd, vs2,
		     mask);
		return true;
	}
	return false;
}

static void disas_vector(const struct rv_insn *in, struct out *o)
{
	uint32_t r = in->raw;
	unsigned op = in->op, vd = (r >> 7) & 31, rs1 = (r >> 15) & 31;
	unsigned vs2 = (r >> 20) & 31;
	const char *name = rv_op_names[op];
	const char *mask = (r >> 25) & 1 ? "" : ",v0.t";
	char k = vkind(r);

	switch (op) {
	case RV_OP_vsetvli:
		emit(o, "vsetvli %s,%s,", x(vd), x(rs1));
		emit_vtype(o, (r >> 20) & 0x7ff);
		return;
	case RV_OP_vsetivli:
		emit(o, "vsetivli %s,%u,", x(vd), rs1);
		emit_vtype(o, (r >> 20) & 0x3ff);
		return;
	case RV_OP_vsetvl:
		emit(o, "vsetvl %s,%s,%s", x(vd), x(rs1), x(vs2));
		return;
	case RV_OP_vle ... RV_OP_vsr:
		disas_vmem(in, o);
		return;
	}
	if (disas_valias(in, o))
		return;
	switch (op) {
	case RV_OP_vmacc:
	case RV_OP_vnmsac:
	case RV_OP_vmadd:
	case RV_OP_vnmsub:
	case RV_OP_vwmaccu:
	case RV_OP_vwmacc:
	case RV_OP_vwmaccus:
	case RV_OP_vwmaccsu:
	case RV_OP_vfmadd ... RV_OP_vfnmsac:
	case RV_OP_vfwmacc ... RV_OP_vfwnmsac:
		/* The multiply-adds: vd, vs1/rs1, vs2. */
		emit(o, "%s%c v%u,", name, k, vd);
		emit_vsrc1(o, in);
		emit(o, ",v%u%s", vs2, mask);
		return;
	case RV_OP_vadc:
	case RV_OP_vsbc:
	case RV_OP_vmerge:
	case RV_OP_vfmerge:
		emit(o, "%s%cm v%u,v%u,", name, k, vd, vs2);
		emit_vsrc1(o, in);
		emit(o, ",v0");
		return;
	case RV_OP_vmadc:
	case RV_OP_vmsbc:
		emit(o, "%s%c%s v%u,v%u,", name, k, *mask ? "m" : "", vd, vs2);
		emit_vsrc1(o, in);
		if (*mask)
			emit(o, ",v0");
		return;
	case RV_OP_vmv_v:
	case RV_OP_vfmv_v_f:
		emit(o, "%s%c v%u,", name, k, vd);
		emit_vsrc1(o, in);
		return;
	case RV_OP_vmvr:
		emit(o, "vmv%ur.v v%u,v%u", rs1 + 1, vd, vs2);
		return;
	case RV_OP_vredsum ... RV_OP_vredmax:
	case RV_OP_vwredsumu:
	case RV_OP_vwredsum:
	case RV_OP_vfredusum ... RV_OP_vfwredosum:
		emit(o, "%s v%u,v%u,v%u%s", name, vd, vs2, rs1, mask);
		return;
	case RV_OP_vmandn ... RV_OP_vmxnor:
	case RV_OP_vcompress:
		emit(o, "%s v%u,v%u,v%u", name, vd, vs2, rs1);
		return;
	case RV_OP_vmv_x_s:
		emit(o, "vmv.x.s %s,v%u", x(vd), vs2);
		return;
	case RV_OP_vcpop_m:
	case RV_OP_vfirst_m:
		emit(o, "%s %s,v%u%s", name, x(vd), vs2, mask);
		return;
	case RV_OP_vfmv_f_s:
		emit(o, "vfmv.f.s %s,v%u", f(vd), vs2);
		return;
	case RV_OP_vmv_s_x:
		emit(o, "vmv.s.x v%u,%s", vd, x(rs1));
		return;
	case RV_OP_vfmv_s_f:
		emit(o, "vfmv.s.f v%u,%s", vd, f(rs1));
		return;
	case RV_OP_vid:
		emit(o, "vid.v v%u%s", vd, mask);
		return;
	case RV_OP_vzext_vf8 ... RV_OP_vmsif:
	case RV_OP_viota:
	case RV_OP_vfcvt_xu_f ... RV_OP_vfclass:
		/* Unary: vd, vs2. */
		emit(o, "%s v%u,v%u%s", name, vd, vs2, mask);
		return;
	}
	/* The rest: vd, vs2, vs1/rs1/imm, with the operand letter. */
	emit(o, "%s%c v%u,v%u,", name, k, vd, vs2);
	emit_vsrc1(o, in);
	emit(o, "%s", mask);
}

static void disas_insn(const struct rv_insn *in, uint64_t pc, struct out *o)
{
	const char *name = imm_name(in->op);
	unsigned rd = in->rd, rs1 = in->rs1, rs2 = in->rs2;
	int64_t imm = in->imm;

	if (in->len == 2 && in->op != RV_OP_illegal && in->op != RV_OP_c_mop &&
	    disas_c_hint(in, o))
		return;
	if (rv_op_attrs[in->op].flags & RV_A_VECTOR) {
		disas_vector(in, o);
		return;
	}

	switch (in->op) {
	case RV_OP_illegal:
		if (in->len == 2)
			emit(o, in->raw ? ".2byte 0x%x" : "unimp", in->raw);
		else
			emit(o, ".4byte 0x%x", in->raw);
		return;
	case RV_OP_lui:
	case RV_OP_auipc:
		emit(o, "%s %s,0x%x", name, x(rd),
		     (unsigned)(imm >> 12) & 0xfffff);
		return;
	case RV_OP_jal:
		if (rd == 0)
			emit(o, "j ");
		else if (rd == 1)
			emit(o, "jal ");
		else
			emit(o, "jal %s,", x(rd));
		emit_target(o, pc, imm);
		return;
	case RV_OP_jalr:
		disas_jalr(in, o);
		return;
	case RV_OP_beq ... RV_OP_bgeu:
		disas_branch(in, pc, o);
		return;
	case RV_OP_fence:
		disas_fence(in, o);
		return;
	case RV_OP_csrrw ... RV_OP_csrrci:
		disas_csr(in, o);
		return;
	case RV_OP_lr_w ... RV_OP_amomaxu_d:
		/* The ordering suffix goes on the mnemonic. */
		if (op_fmt[in->op] == F_LR)
			emit(o, "%s%s %s,(%s)", name, aqrl_suffix[in->aqrl & 3],
			     x(rd), x(rs1));
		else
			emit(o, "%s%s %s,%s,(%s)", name,
			     aqrl_suffix[in->aqrl & 3], x(rd), x(rs2), x(rs1));
		return;
	}

	if (disas_alias(in, o))
		return;

	switch (op_fmt[in->op]) {
	case F_NONE:
		emit(o, "%s", name);
		break;
	case F_R:
		emit(o, "%s %s,%s,%s", name, x(rd), x(rs1), x(rs2));
		break;
	case F_I:
		emit(o, "%s %s,%s,%" PRId64, name, x(rd), x(rs1), imm);
		break;
	case F_SHIFT:
		emit(o, "%s %s,%s,0x%x", name, x(rd), x(rs1), (unsigned)imm);
		break;
	case F_UNARY:
		emit(o, "%s %s,%s", name, x(rd), x(rs1));
		break;
	case F_LOAD:
		emit(o, "%s %s,%" PRId64 "(%s)", name, x(rd), imm, x(rs1));
		break;
	case F_STORE:
		emit(o, "%s %s,%" PRId64 "(%s)", name, x(rs2), imm, x(rs1));
		break;
	case F_LR:
		emit(o, "%s %s,(%s)", name, x(rd), x(rs1));
		break;
	case F_RS12:
		emit(o, "%s %s,%s", name, x(rs1), x(rs2));
		break;
	case F_HSV:
		emit(o, "%s %s,(%s)", name, x(rs2), x(rs1));
		break;
	case F_CBO:
		emit(o, "%s (%s)", name, x(rs1));
		break;
	case F_FLOAD:
		emit(o, "%s %s,%" PRId64 "(%s)", name, f(rd), imm, x(rs1));
		break;
	case F_FSTORE:
		emit(o, "%s %s,%" PRId64 "(%s)", name, f(rs2), imm, x(rs1));
		break;
	case F_FR:
		emit(o, "%s %s,%s,%s", name, f(rd), f(rs1), f(rs2));
		break;
	case F_FR_RM:
		emit(o, "%s %s,%s,%s", name, f(rd), f(rs1), f(rs2));
		emit_rm(o, in->rm);
		break;
	case F_FR4_RM:
		emit(o, "%s %s,%s,%s,%s", name, f(rd), f(rs1), f(rs2),
		     f(in->rs3));
		emit_rm(o, in->rm);
		break;
	case F_FF_RM:
		emit(o, "%s %s,%s", name, f(rd), f(rs1));
		emit_rm(o, in->rm);
		break;
	case F_FF_RM0:
		emit(o, "%s %s,%s", name, f(rd), f(rs1));
		if (in->rm != 0)
			emit_rm(o, in->rm);
		break;
	case F_XF_RM:
		emit(o, "%s %s,%s", name, x(rd), f(rs1));
		emit_rm(o, in->rm);
		break;
	case F_FX_RM:
		emit(o, "%s %s,%s", name, f(rd), x(rs1));
		emit_rm(o, in->rm);
		break;
	case F_FX_RM0:
		emit(o, "%s %s,%s", name, f(rd), x(rs1));
		if (in->rm != 0)
			emit_rm(o, in->rm);
		break;
	case F_XF:
		emit(o, "%s %s,%s", name, x(rd), f(rs1));
		break;
	case F_FX:
		emit(o, "%s %s,%s", name, f(rd), x(rs1));
		break;
	case F_XFF:
		emit(o, "%s %s,%s,%s", name, x(rd), f(rs1), f(rs2));
		break;
	case F_FLI:
		emit(o, "%s %s,", name, f(rd));
		emit_fli(o, rs1);
		break;
	case F_MOP:
		if (in->op == RV_OP_c_mop)
			emit(o, "c.mop.%u", (unsigned)imm);
		else if (in->op == RV_OP_mop_r)
			emit(o, "mop.r.%u %s,%s", (unsigned)imm, x(rd), x(rs1));
		else
			emit(o, "mop.rr.%u %s,%s,%s", (unsigned)imm, x(rd),
			     x(rs1), x(rs2));
		break;
	}
}

int rv_disas(const struct rv_insn *in, uint64_t pc, char *buf, size_t len)
{
	struct out o = {.buf = buf, .len = len};

	if (!buf || len == 0)
		return -EINVAL;
	buf[0] = '\0';
	if (in->op >= RV_OP_COUNT) {
		emit(&o, ".4byte 0x%x", in->raw);
		return o.trunc ? -ENOSPC : -EINVAL;
	}
	disas_insn(in, pc, &o);
	return o.trunc ? -ENOSPC : 0;
}
