/* SPDX-License-Identifier: MIT */
/*
 * RISC-V instruction decoder.
 *
 * Encodings follow the RISC-V Unprivileged ISA: chapter "RV32I Base Integer
 * Instruction Set" and "RV64I" (base formats and opcode map), "M", "A",
 * "Zicsr", "Zifencei", "F", "D", "C" (RVC instruction listings, with the
 * reserved and HINT code points), "B" (Zba, Zbb, Zbs), "Zicond", "Zihintpause"
 * and the CMO chapter (Zicbom, Zicboz), "Zfh" and "Zfhmin", "Zfa",
 * "Zc*" (Zcb), "Zimop" and "Zcmop", "Zawrs", the bit-manipulation
 * chapter's Zbc and Zbkb/Zbkc/Zbkx, and the scalar cryptography chapter
 * (Zbkb, Zbkc, Zbkx). Privileged instructions, the
 * hypervisor load/store and fence instructions and Svinval follow the
 * RISC-V Privileged Architecture, "Supervisor Instructions", "Hypervisor
 * Instructions" and "Svinval".
 *
 * Everything unknown or reserved decodes to RV_OP_illegal. HINT code points
 * decode to the base instruction they alias (they do nothing observable, or
 * write x0), and reserved FENCE encodings decode as FENCE as the spec says.
 */
#include "accel/dbt/decode.h"

#include <string.h>

#include "accel/isa.h"

const char *const rv_op_names[RV_OP_COUNT] = {
#define RV_OP_NAME(op, name) [RV_OP_##op] = name,
	RV_OPS(RV_OP_NAME)
#undef RV_OP_NAME
};

#define A_ALU RV_A_RD
#define A_LD(sz, sgn)                                       \
	{                                                   \
		RV_A_LOAD | RV_A_TRAP | RV_A_RD | (sgn), sz \
	}
#define A_ST(sz)                           \
	{                                  \
		RV_A_STORE | RV_A_TRAP, sz \
	}
#define A_SYS (RV_A_SYSTEM | RV_A_TRAP)
#define A_SYS_END (RV_A_SYSTEM | RV_A_TRAP | RV_A_END)
#define A_AMO(sz)                                                              \
	{                                                                      \
		RV_A_ATOMIC | RV_A_LOAD | RV_A_STORE | RV_A_TRAP | RV_A_RD, sz \
	}
#define A_FP_F (RV_A_FP | RV_A_TRAP | RV_A_FRD) /* result in f[rd] */
#define A_FP_X (RV_A_FP | RV_A_TRAP | RV_A_RD)	/* result in x[rd] */
#define A_V (RV_A_VECTOR | RV_A_TRAP)

/* clang-format off */
const struct rv_op_attr rv_op_attrs[RV_OP_COUNT] = {
	[RV_OP_illegal] = {RV_A_TRAP | RV_A_END},
	[RV_OP_lui] = {A_ALU},
	[RV_OP_auipc] = {A_ALU | RV_A_PC},
	[RV_OP_jal] = {RV_A_RD | RV_A_PC | RV_A_JUMP | RV_A_END},
	[RV_OP_jalr] = {RV_A_RD | RV_A_PC | RV_A_JUMP | RV_A_END},
	[RV_OP_beq ... RV_OP_bgeu] = {RV_A_BRANCH | RV_A_PC | RV_A_END},
	[RV_OP_lb] = A_LD(1, RV_A_SIGNED),
	[RV_OP_lh] = A_LD(2, RV_A_SIGNED),
	[RV_OP_lw] = A_LD(4, RV_A_SIGNED),
	[RV_OP_ld] = A_LD(8, RV_A_SIGNED),
	[RV_OP_lbu] = A_LD(1, 0),
	[RV_OP_lhu] = A_LD(2, 0),
	[RV_OP_lwu] = A_LD(4, 0),
	[RV_OP_sb] = A_ST(1),
	[RV_OP_sh] = A_ST(2),
	[RV_OP_sw] = A_ST(4),
	[RV_OP_sd] = A_ST(8),
	[RV_OP_addi ... RV_OP_and] = {A_ALU},
	[RV_OP_fence] = {RV_A_SYSTEM},
	[RV_OP_fence_i] = {RV_A_SYSTEM | RV_A_END},
	[RV_OP_ecall ... RV_OP_ebreak] = {A_SYS_END},
	[RV_OP_addiw ... RV_OP_remuw] = {A_ALU},
	[RV_OP_lr_w] = {RV_A_ATOMIC | RV_A_LOAD | RV_A_TRAP | RV_A_RD, 4},
	[RV_OP_sc_w] = {RV_A_ATOMIC | RV_A_STORE | RV_A_TRAP | RV_A_RD, 4},
	[RV_OP_amoswap_w ... RV_OP_amomaxu_w] = A_AMO(4),
	[RV_OP_lr_d] = {RV_A_ATOMIC | RV_A_LOAD | RV_A_TRAP | RV_A_RD, 8},
	[RV_OP_sc_d] = {RV_A_ATOMIC | RV_A_STORE | RV_A_TRAP | RV_A_RD, 8},
	[RV_OP_amoswap_d ... RV_OP_amomaxu_d] = A_AMO(8),
	[RV_OP_csrrw ... RV_OP_csrrci] = {A_SYS | RV_A_RD},
	[RV_OP_sret ... RV_OP_hinval_gvma] = {A_SYS_END},
	[RV_OP_hlv_b] = {A_SYS | RV_A_LOAD | RV_A_RD | RV_A_SIGNED, 1},
	[RV_OP_hlv_bu] = {A_SYS | RV_A_LOAD | RV_A_RD, 1},
	[RV_OP_hlv_h] = {A_SYS | RV_A_LOAD | RV_A_RD | RV_A_SIGNED, 2},
	[RV_OP_hlv_hu ... RV_OP_hlvx_hu] = {A_SYS | RV_A_LOAD | RV_A_RD, 2},
	[RV_OP_hlv_w] = {A_SYS | RV_A_LOAD | RV_A_RD | RV_A_SIGNED, 4},
	[RV_OP_hlvx_wu ... RV_OP_hlv_wu] = {A_SYS | RV_A_LOAD | RV_A_RD, 4},
	[RV_OP_hlv_d] = {A_SYS | RV_A_LOAD | RV_A_RD | RV_A_SIGNED, 8},
	[RV_OP_hsv_b] = {A_SYS | RV_A_STORE, 1},
	[RV_OP_hsv_h] = {A_SYS | RV_A_STORE, 2},
	[RV_OP_hsv_w] = {A_SYS | RV_A_STORE, 4},
	[RV_OP_hsv_d] = {A_SYS | RV_A_STORE, 8},
	[RV_OP_flw] = {RV_A_FP | RV_A_TRAP | RV_A_LOAD | RV_A_FRD, 4},
	[RV_OP_fsw] = {RV_A_FP | RV_A_TRAP | RV_A_STORE, 4},
	[RV_OP_fmadd_s ... RV_OP_fmax_s] = {A_FP_F},
	[RV_OP_fcvt_w_s ... RV_OP_fclass_s] = {A_FP_X},
	[RV_OP_fcvt_s_w ... RV_OP_fmv_w_x] = {A_FP_F},
	[RV_OP_fcvt_l_s ... RV_OP_fcvt_lu_s] = {A_FP_X},
	[RV_OP_fcvt_s_l ... RV_OP_fcvt_s_lu] = {A_FP_F},
	[RV_OP_fld] = {RV_A_FP | RV_A_TRAP | RV_A_LOAD | RV_A_FRD, 8},
	[RV_OP_fsd] = {RV_A_FP | RV_A_TRAP | RV_A_STORE, 8},
	[RV_OP_fmadd_d ... RV_OP_fcvt_d_s] = {A_FP_F},
	[RV_OP_feq_d ... RV_OP_fcvt_wu_d] = {A_FP_X},
	[RV_OP_fcvt_d_w ... RV_OP_fcvt_d_wu] = {A_FP_F},
	[RV_OP_fcvt_l_d ... RV_OP_fmv_x_d] = {A_FP_X},
	[RV_OP_fcvt_d_l ... RV_OP_fmv_d_x] = {A_FP_F},
	[RV_OP_add_uw ... RV_OP_bseti] = {A_ALU},
	[RV_OP_cbo_clean ... RV_OP_cbo_inval] = {A_SYS},
	[RV_OP_cbo_zero] = {A_SYS | RV_A_STORE, 64},
	[RV_OP_czero_eqz ... RV_OP_czero_nez] = {A_ALU},
	[RV_OP_vsetvli ... RV_OP_vsetvl] = {A_V | RV_A_RD},
	[RV_OP_vle ... RV_OP_vlr] = {A_V | RV_A_LOAD},
	[RV_OP_vse ... RV_OP_vsr] = {A_V | RV_A_STORE},
	[RV_OP_vadd ... RV_OP_vwmaccsu] = {A_V},
	[RV_OP_vmv_x_s ... RV_OP_vfirst_m] = {A_V | RV_A_RD},
	[RV_OP_vfadd ... RV_OP_vfwnmsac] = {A_V | RV_A_FP},
	[RV_OP_vfmv_f_s] = {A_V | RV_A_FP | RV_A_FRD},
	[RV_OP_flh] = {RV_A_FP | RV_A_TRAP | RV_A_LOAD | RV_A_FRD, 2},
	[RV_OP_fsh] = {RV_A_FP | RV_A_TRAP | RV_A_STORE, 2},
	[RV_OP_fmadd_h ... RV_OP_fmv_h_x] = {A_FP_F},
	[RV_OP_feq_h ... RV_OP_fmv_x_h] = {A_FP_X},
	[RV_OP_fli_s ... RV_OP_froundnx_h] = {A_FP_F},
	[RV_OP_fcvtmod_w_d ... RV_OP_fltq_h] = {A_FP_X},
	[RV_OP_clmul ... RV_OP_mop_rr] = {A_ALU},
	[RV_OP_c_mop] = {0},
	[RV_OP_wrs_nto ... RV_OP_wrs_sto] = {A_SYS},
};
/* clang-format on */

#define EXT(e) (1ull << ACCEL_EXT_##e)
#define ALL(e)             \
	{                  \
		.all = (e) \
	}
#define ANY(e)             \
	{                  \
		.any = (e) \
	}

/* clang-format off */
const struct rv_op_ext rv_op_exts[RV_OP_COUNT] = {
	[RV_OP_fence_i] = ALL(EXT(ZIFENCEI)),
	[RV_OP_mul ... RV_OP_remuw] = ALL(EXT(M)),
	[RV_OP_lr_w ... RV_OP_amomaxu_d] = ALL(EXT(A)),
	[RV_OP_hfence_vvma ... RV_OP_hfence_gvma] = ALL(EXT(H)),
	[RV_OP_sinval_vma ... RV_OP_sfence_inval_ir] = ALL(EXT(SVINVAL)),
	[RV_OP_hinval_vvma ... RV_OP_hinval_gvma] =
		ALL(EXT(H) | EXT(SVINVAL)),
	[RV_OP_hlv_b ... RV_OP_hsv_d] = ALL(EXT(H)),
	[RV_OP_flw ... RV_OP_fcvt_s_lu] = ALL(EXT(F)),
	[RV_OP_fld ... RV_OP_fmv_d_x] = ALL(EXT(D)),
	[RV_OP_add_uw ... RV_OP_slli_uw] = ALL(EXT(ZBA)),
	/* Zbkb has some of Zbb's: zext.h is its packw with rs2 = x0 */
	[RV_OP_andn ... RV_OP_xnor] = ANY(EXT(ZBB) | EXT(ZBKB)),
	[RV_OP_clz ... RV_OP_sext_h] = ALL(EXT(ZBB)),
	[RV_OP_zext_h] = ANY(EXT(ZBB) | EXT(ZBKB)),
	[RV_OP_rol ... RV_OP_rorw] = ANY(EXT(ZBB) | EXT(ZBKB)),
	[RV_OP_orc_b] = ALL(EXT(ZBB)),
	[RV_OP_rev8] = ANY(EXT(ZBB) | EXT(ZBKB)),
	[RV_OP_bclr ... RV_OP_bseti] = ALL(EXT(ZBS)),
	[RV_OP_cbo_clean ... RV_OP_cbo_inval] = ALL(EXT(ZICBOM)),
	[RV_OP_cbo_zero] = ALL(EXT(ZICBOZ)),
	[RV_OP_czero_eqz ... RV_OP_czero_nez] = ALL(EXT(ZICOND)),
	/* Zfhmin: loads, stores, moves and the conversions to S and D */
	[RV_OP_flh ... RV_OP_fsh] = ALL(EXT(ZFHMIN)),
	[RV_OP_fmadd_h ... RV_OP_fmax_h] = ALL(EXT(ZFH)),
	[RV_OP_fcvt_s_h ... RV_OP_fcvt_h_s] = ALL(EXT(ZFHMIN)),
	[RV_OP_fcvt_d_h ... RV_OP_fcvt_h_d] = ALL(EXT(ZFHMIN) | EXT(D)),
	[RV_OP_fcvt_h_w ... RV_OP_fcvt_h_lu] = ALL(EXT(ZFH)),
	[RV_OP_fmv_h_x] = ALL(EXT(ZFHMIN)),
	[RV_OP_feq_h ... RV_OP_fcvt_lu_h] = ALL(EXT(ZFH)),
	[RV_OP_fmv_x_h] = ALL(EXT(ZFHMIN)),
	[RV_OP_fli_s] = ALL(EXT(ZFA)),
	[RV_OP_fli_d] = ALL(EXT(ZFA) | EXT(D)),
	[RV_OP_fli_h] = ALL(EXT(ZFA) | EXT(ZFH)),
	[RV_OP_fminm_s ... RV_OP_fmaxm_s] = ALL(EXT(ZFA)),
	[RV_OP_fminm_d ... RV_OP_fmaxm_d] = ALL(EXT(ZFA) | EXT(D)),
	[RV_OP_fminm_h ... RV_OP_fmaxm_h] = ALL(EXT(ZFA) | EXT(ZFH)),
	[RV_OP_fround_s ... RV_OP_froundnx_s] = ALL(EXT(ZFA)),
	[RV_OP_fround_d ... RV_OP_froundnx_d] = ALL(EXT(ZFA) | EXT(D)),
	[RV_OP_fround_h ... RV_OP_froundnx_h] = ALL(EXT(ZFA) | EXT(ZFH)),
	[RV_OP_fcvtmod_w_d] = ALL(EXT(ZFA) | EXT(D)),
	[RV_OP_fleq_s ... RV_OP_fltq_s] = ALL(EXT(ZFA)),
	[RV_OP_fleq_d ... RV_OP_fltq_d] = ALL(EXT(ZFA) | EXT(D)),
	[RV_OP_fleq_h ... RV_OP_fltq_h] = ALL(EXT(ZFA) | EXT(ZFH)),
	[RV_OP_clmul ... RV_OP_clmulh] = ANY(EXT(ZBC) | EXT(ZBKC)),
	[RV_OP_clmulr] = ALL(EXT(ZBC)),
	[RV_OP_pack ... RV_OP_brev8] = ALL(EXT(ZBKB)),
	[RV_OP_xperm4 ... RV_OP_xperm8] = ALL(EXT(ZBKX)),
	[RV_OP_mop_r ... RV_OP_mop_rr] = ALL(EXT(ZIMOP)),
	[RV_OP_c_mop] = ALL(EXT(ZCMOP)),
	[RV_OP_wrs_nto ... RV_OP_wrs_sto] = ALL(EXT(ZAWRS)),
	/* V, with Zvbb's among them (Zvfhmin's are V's at SEW 16: the
	 * vector unit checks those) */
	[RV_OP_vsetvli ... RV_OP_vwredsum] = ALL(EXT(V)),
	[RV_OP_vandn ... RV_OP_vwsll] = ALL(EXT(V) | EXT(ZVBB)),
	[RV_OP_vredsum ... RV_OP_vsext_vf2] = ALL(EXT(V)),
	[RV_OP_vbrev ... RV_OP_vcpop_v] = ALL(EXT(V) | EXT(ZVBB)),
	[RV_OP_vmsbf ... RV_OP_vfmv_f_s] = ALL(EXT(V)),
};
/* clang-format on */

/* Major opcodes (raw[6:0]) of 32-bit instructions. */
enum {
	OPC_LOAD = 0x03,
	OPC_LOAD_FP = 0x07,
	OPC_MISC_MEM = 0x0f,
	OPC_OP_IMM = 0x13,
	OPC_AUIPC = 0x17,
	OPC_OP_IMM_32 = 0x1b,
	OPC_STORE = 0x23,
	OPC_STORE_FP = 0x27,
	OPC_AMO = 0x2f,
	OPC_OP = 0x33,
	OPC_LUI = 0x37,
	OPC_OP_32 = 0x3b,
	OPC_MADD = 0x43,
	OPC_MSUB = 0x47,
	OPC_NMSUB = 0x4b,
	OPC_NMADD = 0x4f,
	OPC_OP_FP = 0x53,
	OPC_OP_V = 0x57,
	OPC_BRANCH = 0x63,
	OPC_JALR = 0x67,
	OPC_JAL = 0x6f,
	OPC_SYSTEM = 0x73,
};

static inline uint32_t bits(uint32_t x, unsigned hi, unsigned lo)
{
	return (x >> lo) & ((1u << (hi - lo + 1)) - 1);
}

static inline uint32_t bit(uint32_t x, unsigned n)
{
	return (x >> n) & 1;
}

/* Sign-extends the low @n bits of @x. */
static inline int64_t sext(uint64_t x, unsigned n)
{
	return (int64_t)(x << (64 - n)) >> (64 - n);
}

static inline int64_t imm_i(uint32_t r)
{
	return (int32_t)r >> 20;
}

static inline int64_t imm_s(uint32_t r)
{
	return ((int32_t)r >> 25) * 32 + (int64_t)bits(r, 11, 7);
}

static inline int64_t imm_b(uint32_t r)
{
	uint32_t v = bit(r, 31) << 12 | bit(r, 7) << 11 | bits(r, 30, 25) << 5 |
		     bits(r, 11, 8) << 1;

	return sext(v, 13);
}

static inline int64_t imm_j(uint32_t r)
{
	uint32_t v = bit(r, 31) << 20 | bits(r, 19, 12) << 12 |
		     bit(r, 20) << 11 | bits(r, 30, 21) << 1;

	return sext(v, 21);
}

static inline int64_t imm_u(uint32_t r)
{
	return (int32_t)(r & ~0xfffu);
}

static unsigned decode_load(uint32_t r, struct rv_insn *o)
{
	/* clang-format off */
	static const uint16_t ops[8] = {
		RV_OP_lb, RV_OP_lh, RV_OP_lw, RV_OP_ld,
		RV_OP_lbu, RV_OP_lhu, RV_OP_lwu, RV_OP_illegal,
	};
	/* clang-format on */

	o->imm = imm_i(r);
	return ops[bits(r, 14, 12)];
}

static unsigned decode_store(uint32_t r, struct rv_insn *o)
{
	/* clang-format off */
	static const uint16_t ops[8] = {
		RV_OP_sb, RV_OP_sh, RV_OP_sw, RV_OP_sd,
	};
	/* clang-format on */

	o->imm = imm_s(r);
	return ops[bits(r, 14, 12)];
}

static unsigned decode_misc_mem(uint32_t r, struct rv_insn *o)
{
	uint32_t rd = o->rd;

	o->rd = o->rs2 = 0;
	switch (bits(r, 14, 12)) {
	case 0:
		/*
		 * Reserved FENCE encodings (fm, rs1, rd) execute as FENCE;
		 * rs1 and rd are ignored.
		 */
		o->rs1 = 0;
		o->imm = bits(r, 31, 20);
		return RV_OP_fence;
	case 1:
		/* imm, rs1 and rd are reserved and ignored for FENCE.I. */
		o->rs1 = 0;
		return RV_OP_fence_i;
	case 2:
		if (rd != 0)
			return RV_OP_illegal;
		switch (bits(r, 31, 20)) {
		case 0:
			return RV_OP_cbo_inval;
		case 1:
			return RV_OP_cbo_clean;
		case 2:
			return RV_OP_cbo_flush;
		case 4:
			return RV_OP_cbo_zero;
		}
		return RV_OP_illegal;
	}
	return RV_OP_illegal;
}

static unsigned decode_op_imm(uint32_t r, struct rv_insn *o)
{
	uint32_t f6 = bits(r, 31, 26);
	uint32_t rs2 = o->rs2;

	o->rs2 = 0;
	o->imm = imm_i(r);
	switch (bits(r, 14, 12)) {
	case 0:
		return RV_OP_addi;
	case 2:
		return RV_OP_slti;
	case 3:
		return RV_OP_sltiu;
	case 4:
		return RV_OP_xori;
	case 6:
		return RV_OP_ori;
	case 7:
		return RV_OP_andi;
	case 1:
		o->imm = bits(r, 25, 20);
		switch (f6) {
		case 0x00:
			return RV_OP_slli;
		case 0x0a:
			return RV_OP_bseti;
		case 0x12:
			return RV_OP_bclri;
		case 0x1a:
			return RV_OP_binvi;
		case 0x18:
			if (bit(r, 25))
				return RV_OP_illegal;
			o->imm = 0;
			switch (rs2) {
			case 0:
				return RV_OP_clz;
			case 1:
				return RV_OP_ctz;
			case 2:
				return RV_OP_cpop;
			case 4:
				return RV_OP_sext_b;
			case 5:
				return RV_OP_sext_h;
			}
			return RV_OP_illegal;
		}
		return RV_OP_illegal;
	case 5:
		switch (bits(r, 31, 20)) {
		case 0x287:
			o->imm = 0;
			return RV_OP_orc_b;
		case 0x6b8:
			o->imm = 0;
			return RV_OP_rev8;
		case 0x687:
			o->imm = 0;
			return RV_OP_brev8;
		}
		o->imm = bits(r, 25, 20);
		switch (f6) {
		case 0x00:
			return RV_OP_srli;
		case 0x10:
			return RV_OP_srai;
		case 0x18:
			return RV_OP_rori;
		case 0x12:
			return RV_OP_bexti;
		}
		return RV_OP_illegal;
	}
	return RV_OP_illegal;
}

static unsigned decode_op_imm_32(uint32_t r, struct rv_insn *o)
{
	uint32_t f7 = bits(r, 31, 25);
	uint32_t rs2 = o->rs2;

	o->rs2 = 0;
	switch (bits(r, 14, 12)) {
	case 0:
		o->imm = imm_i(r);
		return RV_OP_addiw;
	case 1:
		o->imm = bits(r, 24, 20);
		if (f7 == 0x00)
			return RV_OP_slliw;
		if (bits(r, 31, 26) == 0x02) {
			o->imm = bits(r, 25, 20);
			return RV_OP_slli_uw;
		}
		if (f7 == 0x30) {
			o->imm = 0;
			switch (rs2) {
			case 0:
				return RV_OP_clzw;
			case 1:
				return RV_OP_ctzw;
			case 2:
				return RV_OP_cpopw;
			}
		}
		return RV_OP_illegal;
	case 5:
		o->imm = bits(r, 24, 20);
		switch (f7) {
		case 0x00:
			return RV_OP_srliw;
		case 0x20:
			return RV_OP_sraiw;
		case 0x30:
			return RV_OP_roriw;
		}
		return RV_OP_illegal;
	}
	return RV_OP_illegal;
}

static unsigned decode_op(uint32_t r, struct rv_insn *o)
{
	/* clang-format off */
	static const uint16_t base[8] = {
		RV_OP_add, RV_OP_sll, RV_OP_slt, RV_OP_sltu,
		RV_OP_xor, RV_OP_srl, RV_OP_or, RV_OP_and,
	};
	/* clang-format on */
	/* clang-format off */
	static const uint16_t muldiv[8] = {
		RV_OP_mul, RV_OP_mulh, RV_OP_mulhsu, RV_OP_mulhu,
		RV_OP_div, RV_OP_divu, RV_OP_rem, RV_OP_remu,
	};
	/* clang-format on */
	uint32_t f3 = bits(r, 14, 12);

	switch (bits(r, 31, 25)) {
	case 0x00:
		return base[f3];
	case 0x01:
		return muldiv[f3];
	case 0x20:
		switch (f3) {
		case 0:
			return RV_OP_sub;
		case 4:
			return RV_OP_xnor;
		case 5:
			return RV_OP_sra;
		case 6:
			return RV_OP_orn;
		case 7:
			return RV_OP_andn;
		}
		return RV_OP_illegal;
	case 0x04:
		if (f3 == 4)
			return RV_OP_pack;
		if (f3 == 7)
			return RV_OP_packh;
		return RV_OP_illegal;
	case 0x05:
		switch (f3) {
		case 1:
			return RV_OP_clmul;
		case 2:
			return RV_OP_clmulr;
		case 3:
			return RV_OP_clmulh;
		case 4:
			return RV_OP_min;
		case 5:
			return RV_OP_minu;
		case 6:
			return RV_OP_max;
		case 7:
			return RV_OP_maxu;
		}
		return RV_OP_illegal;
	case 0x07:
		if (f3 == 5)
			return RV_OP_czero_eqz;
		if (f3 == 7)
			return RV_OP_czero_nez;
		return RV_OP_illegal;
	case 0x10:
		switch (f3) {
		case 2:
			return RV_OP_sh1add;
		case 4:
			return RV_OP_sh2add;
		case 6:
			return RV_OP_sh3add;
		}
		return RV_OP_illegal;
	case 0x14:
		if (f3 == 1)
			return RV_OP_bset;
		if (f3 == 2)
			return RV_OP_xperm4;
		if (f3 == 4)
			return RV_OP_xperm8;
		return RV_OP_illegal;
	case 0x24:
		if (f3 == 1)
			return RV_OP_bclr;
		if (f3 == 5)
			return RV_OP_bext;
		return RV_OP_illegal;
	case 0x30:
		if (f3 == 1)
			return RV_OP_rol;
		if (f3 == 5)
			return RV_OP_ror;
		return RV_OP_illegal;
	case 0x34:
		return f3 == 1 ? RV_OP_binv : RV_OP_illegal;
	}
	return RV_OP_illegal;
}

static unsigned decode_op_32(uint32_t r, struct rv_insn *o)
{
	uint32_t f3 = bits(r, 14, 12);

	switch (bits(r, 31, 25)) {
	case 0x00:
		switch (f3) {
		case 0:
			return RV_OP_addw;
		case 1:
			return RV_OP_sllw;
		case 5:
			return RV_OP_srlw;
		}
		return RV_OP_illegal;
	case 0x20:
		if (f3 == 0)
			return RV_OP_subw;
		if (f3 == 5)
			return RV_OP_sraw;
		return RV_OP_illegal;
	case 0x01:
		switch (f3) {
		case 0:
			return RV_OP_mulw;
		case 4:
			return RV_OP_divw;
		case 5:
			return RV_OP_divuw;
		case 6:
			return RV_OP_remw;
		case 7:
			return RV_OP_remuw;
		}
		return RV_OP_illegal;
	case 0x04:
		if (f3 == 0)
			return RV_OP_add_uw;
		/* The rs2 = 0 form of PACKW is Zbb's zext.h. */
		if (f3 == 4)
			return o->rs2 == 0 ? RV_OP_zext_h : RV_OP_packw;
		return RV_OP_illegal;
	case 0x10:
		switch (f3) {
		case 2:
			return RV_OP_sh1add_uw;
		case 4:
			return RV_OP_sh2add_uw;
		case 6:
			return RV_OP_sh3add_uw;
		}
		return RV_OP_illegal;
	case 0x30:
		if (f3 == 1)
			return RV_OP_rolw;
		if (f3 == 5)
			return RV_OP_rorw;
		return RV_OP_illegal;
	}
	return RV_OP_illegal;
}

static unsigned decode_amo(uint32_t r, struct rv_insn *o)
{
	/* funct5 -> op for .w; the .d op is the same distance further on. */
	/* clang-format off */
	static const uint16_t ops[32] = {
		[0x00] = RV_OP_amoadd_w, [0x01] = RV_OP_amoswap_w,
		[0x02] = RV_OP_lr_w,     [0x03] = RV_OP_sc_w,
		[0x04] = RV_OP_amoxor_w, [0x0c] = RV_OP_amoand_w,
		[0x08] = RV_OP_amoor_w,  [0x10] = RV_OP_amomin_w,
		[0x14] = RV_OP_amomax_w, [0x18] = RV_OP_amominu_w,
		[0x1c] = RV_OP_amomaxu_w,
	};
	/* clang-format on */
	uint32_t f3 = bits(r, 14, 12);
	unsigned op = ops[bits(r, 31, 27)];

	if (op == RV_OP_illegal || (f3 != 2 && f3 != 3))
		return RV_OP_illegal;
	if (op == RV_OP_lr_w && o->rs2 != 0)
		return RV_OP_illegal;
	o->aqrl = bits(r, 26, 25);
	if (f3 == 3)
		op += RV_OP_lr_d - RV_OP_lr_w;
	return op;
}

static unsigned decode_system(uint32_t r, struct rv_insn *o)
{
	uint32_t f7 = bits(r, 31, 25);
	uint32_t f3 = bits(r, 14, 12);
	uint32_t rs2 = o->rs2;

	if (f3 != 0 && f3 != 4) {
		o->rs2 = 0;
		o->csr = bits(r, 31, 20);
	}
	switch (f3) {
	case 0: {
		unsigned op = RV_OP_illegal;

		switch (r) {
		case 0x00000073:
			op = RV_OP_ecall;
			break;
		case 0x00100073:
			op = RV_OP_ebreak;
			break;
		case 0x10200073:
			op = RV_OP_sret;
			break;
		case 0x30200073:
			op = RV_OP_mret;
			break;
		case 0x10500073:
			op = RV_OP_wfi;
			break;
		case 0x18000073:
			op = RV_OP_sfence_w_inval;
			break;
		case 0x18100073:
			op = RV_OP_sfence_inval_ir;
			break;
		case 0x00d00073:
			op = RV_OP_wrs_nto;
			break;
		case 0x01d00073:
			op = RV_OP_wrs_sto;
			break;
		}
		if (op != RV_OP_illegal) {
			/* rs2 is part of funct12 here, not an operand. */
			o->rs2 = 0;
			return op;
		}
		if (o->rd != 0)
			return RV_OP_illegal;
		switch (f7) {
		case 0x09:
			return RV_OP_sfence_vma;
		case 0x11:
			return RV_OP_hfence_vvma;
		case 0x31:
			return RV_OP_hfence_gvma;
		case 0x0b:
			return RV_OP_sinval_vma;
		case 0x13:
			return RV_OP_hinval_vvma;
		case 0x33:
			return RV_OP_hinval_gvma;
		}
		return RV_OP_illegal;
	}
	case 4:
		/* Zimop: mop.r.n (n in bits 30, 27:26, 21:20), mop.rr.n. */
		if ((r & 0xb3c00000) == 0x81c00000) {
			o->rs2 = 0;
			o->imm = bit(r, 30) << 4 | bits(r, 27, 26) << 2 |
				 bits(r, 21, 20);
			return RV_OP_mop_r;
		}
		if ((r & 0xb2000000) == 0x82000000) {
			o->imm = bit(r, 30) << 2 | bits(r, 27, 26);
			return RV_OP_mop_rr;
		}
		/*
		 * Hypervisor virtual-machine loads and stores: funct7 picks
		 * the width (and load vs store in bit 0), rs2 the variant.
		 */
		switch (f7) {
		case 0x30:
			o->rs2 = 0;
			if (rs2 == 0)
				return RV_OP_hlv_b;
			if (rs2 == 1)
				return RV_OP_hlv_bu;
			return RV_OP_illegal;
		case 0x32:
			o->rs2 = 0;
			if (rs2 == 0)
				return RV_OP_hlv_h;
			if (rs2 == 1)
				return RV_OP_hlv_hu;
			if (rs2 == 3)
				return RV_OP_hlvx_hu;
			return RV_OP_illegal;
		case 0x34:
			o->rs2 = 0;
			if (rs2 == 0)
				return RV_OP_hlv_w;
			if (rs2 == 1)
				return RV_OP_hlv_wu;
			if (rs2 == 3)
				return RV_OP_hlvx_wu;
			return RV_OP_illegal;
		case 0x36:
			o->rs2 = 0;
			return rs2 == 0 ? RV_OP_hlv_d : RV_OP_illegal;
		}
		if (o->rd != 0)
			return RV_OP_illegal;
		switch (f7) {
		case 0x31:
			return RV_OP_hsv_b;
		case 0x33:
			return RV_OP_hsv_h;
		case 0x35:
			return RV_OP_hsv_w;
		case 0x37:
			return RV_OP_hsv_d;
		}
		return RV_OP_illegal;
	case 1:
		return RV_OP_csrrw;
	case 2:
		return RV_OP_csrrs;
	case 3:
		return RV_OP_csrrc;
	case 5:
		return RV_OP_csrrwi;
	case 6:
		return RV_OP_csrrsi;
	case 7:
		return RV_OP_csrrci;
	}
	return RV_OP_illegal;
}

static unsigned decode_fused(uint32_t r, struct rv_insn *o)
{
	/* clang-format off */
	static const uint16_t ops[4][3] = {
		{ RV_OP_fmadd_s, RV_OP_fmadd_d, RV_OP_fmadd_h },
		{ RV_OP_fmsub_s, RV_OP_fmsub_d, RV_OP_fmsub_h },
		{ RV_OP_fnmsub_s, RV_OP_fnmsub_d, RV_OP_fnmsub_h },
		{ RV_OP_fnmadd_s, RV_OP_fnmadd_d, RV_OP_fnmadd_h },
	};
	/* clang-format on */
	uint32_t fmt = bits(r, 26, 25);

	/* Quad precision is not implemented. */
	if (fmt > 2)
		return RV_OP_illegal;
	o->rs3 = bits(r, 31, 27);
	o->rm = bits(r, 14, 12);
	return ops[bits(r, 3, 2)][fmt];
}

/* OP-FP with fmt = H (Zfh, Zfhmin and Zfa's half-precision forms). */
static unsigned decode_op_fp_h(uint32_t r, struct rv_insn *o)
{
	uint32_t f3 = bits(r, 14, 12);
	uint32_t rs2 = o->rs2;

	o->rm = f3;
	switch (bits(r, 31, 25)) {
	case 0x02:
		return RV_OP_fadd_h;
	case 0x06:
		return RV_OP_fsub_h;
	case 0x0a:
		return RV_OP_fmul_h;
	case 0x0e:
		return RV_OP_fdiv_h;
	case 0x12:
		o->rm = 0;
		switch (f3) {
		case 0:
			return RV_OP_fsgnj_h;
		case 1:
			return RV_OP_fsgnjn_h;
		case 2:
			return RV_OP_fsgnjx_h;
		}
		return RV_OP_illegal;
	case 0x16:
		o->rm = 0;
		switch (f3) {
		case 0:
			return RV_OP_fmin_h;
		case 1:
			return RV_OP_fmax_h;
		case 2:
			return RV_OP_fminm_h;
		case 3:
			return RV_OP_fmaxm_h;
		}
		return RV_OP_illegal;
	case 0x52:
		o->rm = 0;
		switch (f3) {
		case 0:
			return RV_OP_fle_h;
		case 1:
			return RV_OP_flt_h;
		case 2:
			return RV_OP_feq_h;
		case 4:
			return RV_OP_fleq_h;
		case 5:
			return RV_OP_fltq_h;
		}
		return RV_OP_illegal;
	}
	/* The rest are unary: rs2 selects, it names no register. */
	o->rs2 = 0;
	switch (bits(r, 31, 25)) {
	case 0x2e:
		return rs2 == 0 ? RV_OP_fsqrt_h : RV_OP_illegal;
	case 0x22:
		switch (rs2) {
		case 0:
			return RV_OP_fcvt_h_s;
		case 1:
			return RV_OP_fcvt_h_d;
		case 4:
			return RV_OP_fround_h;
		case 5:
			return RV_OP_froundnx_h;
		}
		return RV_OP_illegal;
	case 0x62:
		switch (rs2) {
		case 0:
			return RV_OP_fcvt_w_h;
		case 1:
			return RV_OP_fcvt_wu_h;
		case 2:
			return RV_OP_fcvt_l_h;
		case 3:
			return RV_OP_fcvt_lu_h;
		}
		return RV_OP_illegal;
	case 0x6a:
		switch (rs2) {
		case 0:
			return RV_OP_fcvt_h_w;
		case 1:
			return RV_OP_fcvt_h_wu;
		case 2:
			return RV_OP_fcvt_h_l;
		case 3:
			return RV_OP_fcvt_h_lu;
		}
		return RV_OP_illegal;
	case 0x72:
		o->rm = 0;
		if (rs2 != 0)
			return RV_OP_illegal;
		if (f3 == 0)
			return RV_OP_fmv_x_h;
		if (f3 == 1)
			return RV_OP_fclass_h;
		return RV_OP_illegal;
	case 0x7a:
		o->rm = 0;
		if (f3 != 0)
			return RV_OP_illegal;
		if (rs2 == 0)
			return RV_OP_fmv_h_x;
		if (rs2 == 1)
			return RV_OP_fli_h;
		return RV_OP_illegal;
	}
	return RV_OP_illegal;
}

static unsigned decode_op_fp(uint32_t r, struct rv_insn *o)
{
	uint32_t f3 = bits(r, 14, 12);
	uint32_t rs2 = o->rs2;
	bool d;

	if (bits(r, 26, 25) == 2)
		return decode_op_fp_h(r, o);
	o->rm = f3;
	/*
	 * Unary operations (all but the arithmetic, sign-injection, min/max
	 * and compare groups) use rs2 as a selector, not a register.
	 */
	if (bits(r, 31, 25) >= 0x20 && (bits(r, 31, 25) & ~1u) != 0x50)
		o->rs2 = 0;
	switch (bits(r, 31, 25)) {
	case 0x00:
		return RV_OP_fadd_s;
	case 0x01:
		return RV_OP_fadd_d;
	case 0x04:
		return RV_OP_fsub_s;
	case 0x05:
		return RV_OP_fsub_d;
	case 0x08:
		return RV_OP_fmul_s;
	case 0x09:
		return RV_OP_fmul_d;
	case 0x0c:
		return RV_OP_fdiv_s;
	case 0x0d:
		return RV_OP_fdiv_d;
	case 0x2c:
		return rs2 == 0 ? RV_OP_fsqrt_s : RV_OP_illegal;
	case 0x2d:
		return rs2 == 0 ? RV_OP_fsqrt_d : RV_OP_illegal;
	case 0x20:
		switch (rs2) {
		case 1:
			return RV_OP_fcvt_s_d;
		case 2:
			return RV_OP_fcvt_s_h;
		case 4:
			return RV_OP_fround_s;
		case 5:
			return RV_OP_froundnx_s;
		}
		return RV_OP_illegal;
	case 0x21:
		switch (rs2) {
		case 0:
			return RV_OP_fcvt_d_s;
		case 2:
			return RV_OP_fcvt_d_h;
		case 4:
			return RV_OP_fround_d;
		case 5:
			return RV_OP_froundnx_d;
		}
		return RV_OP_illegal;
	}

	/* The rest either have no rounding mode or a 2-bit type in rs2. */
	d = bit(r, 25);
	switch (bits(r, 31, 25) & ~1u) {
	case 0x10:
		o->rm = 0;
		switch (f3) {
		case 0:
			return d ? RV_OP_fsgnj_d : RV_OP_fsgnj_s;
		case 1:
			return d ? RV_OP_fsgnjn_d : RV_OP_fsgnjn_s;
		case 2:
			return d ? RV_OP_fsgnjx_d : RV_OP_fsgnjx_s;
		}
		return RV_OP_illegal;
	case 0x14:
		o->rm = 0;
		switch (f3) {
		case 0:
			return d ? RV_OP_fmin_d : RV_OP_fmin_s;
		case 1:
			return d ? RV_OP_fmax_d : RV_OP_fmax_s;
		case 2:
			return d ? RV_OP_fminm_d : RV_OP_fminm_s;
		case 3:
			return d ? RV_OP_fmaxm_d : RV_OP_fmaxm_s;
		}
		return RV_OP_illegal;
	case 0x50:
		o->rm = 0;
		switch (f3) {
		case 0:
			return d ? RV_OP_fle_d : RV_OP_fle_s;
		case 1:
			return d ? RV_OP_flt_d : RV_OP_flt_s;
		case 2:
			return d ? RV_OP_feq_d : RV_OP_feq_s;
		case 4:
			return d ? RV_OP_fleq_d : RV_OP_fleq_s;
		case 5:
			return d ? RV_OP_fltq_d : RV_OP_fltq_s;
		}
		return RV_OP_illegal;
	case 0x60:
		switch (rs2) {
		case 0:
			return d ? RV_OP_fcvt_w_d : RV_OP_fcvt_w_s;
		case 1:
			return d ? RV_OP_fcvt_wu_d : RV_OP_fcvt_wu_s;
		case 2:
			return d ? RV_OP_fcvt_l_d : RV_OP_fcvt_l_s;
		case 3:
			return d ? RV_OP_fcvt_lu_d : RV_OP_fcvt_lu_s;
		case 8:
			/* Zfa: only with rm = RTZ; the others are reserved. */
			if (d && f3 == 1)
				return RV_OP_fcvtmod_w_d;
			return RV_OP_illegal;
		}
		return RV_OP_illegal;
	case 0x68:
		switch (rs2) {
		case 0:
			return d ? RV_OP_fcvt_d_w : RV_OP_fcvt_s_w;
		case 1:
			return d ? RV_OP_fcvt_d_wu : RV_OP_fcvt_s_wu;
		case 2:
			return d ? RV_OP_fcvt_d_l : RV_OP_fcvt_s_l;
		case 3:
			return d ? RV_OP_fcvt_d_lu : RV_OP_fcvt_s_lu;
		}
		return RV_OP_illegal;
	case 0x70:
		o->rm = 0;
		if (rs2 != 0)
			return RV_OP_illegal;
		if (f3 == 0)
			return d ? RV_OP_fmv_x_d : RV_OP_fmv_x_w;
		if (f3 == 1)
			return d ? RV_OP_fclass_d : RV_OP_fclass_s;
		return RV_OP_illegal;
	case 0x78:
		o->rm = 0;
		if (f3 != 0)
			return RV_OP_illegal;
		if (rs2 == 0)
			return d ? RV_OP_fmv_d_x : RV_OP_fmv_w_x;
		if (rs2 == 1)
			return d ? RV_OP_fli_d : RV_OP_fli_s;
		return RV_OP_illegal;
	}
	return RV_OP_illegal;
}

/*
 * The vector extension: "V" Standard Extension for Vector Operations,
 * sections "Vector Instruction Formats", "Vector Load/Store Instruction
 * Encoding" and the instruction listings; Zvbb as the vector
 * cryptography chapter encodes it. Operand fields stay in raw (the
 * executor and the disassembler read vd, vs1, vs2, vm, nf and the width
 * there); rd, rs1 and rs2 hold the same fields as for scalar formats.
 * Reserved encodings that do not depend on vtype decode as illegal.
 */

/* Operand kinds an OP-V funct6 accepts (funct3 OPIVV/OPIVX/OPIVI...). */
enum { VF_V = 1, VF_X = 2, VF_I = 4, VF_VX = VF_V | VF_X, VF_ALL = 7 };

struct vdec {
	uint16_t op;
	uint8_t forms;
};

/* clang-format off */
static const struct vdec opi[64] = {
	[0x00] = {RV_OP_vadd, VF_ALL},	    [0x01] = {RV_OP_vandn, VF_VX},
	[0x02] = {RV_OP_vsub, VF_VX},	    [0x03] = {RV_OP_vrsub, VF_X | VF_I},
	[0x04] = {RV_OP_vminu, VF_VX},	    [0x05] = {RV_OP_vmin, VF_VX},
	[0x06] = {RV_OP_vmaxu, VF_VX},	    [0x07] = {RV_OP_vmax, VF_VX},
	[0x09] = {RV_OP_vand, VF_ALL},	    [0x0a] = {RV_OP_vor, VF_ALL},
	[0x0b] = {RV_OP_vxor, VF_ALL},	    [0x0c] = {RV_OP_vrgather, VF_ALL},
	[0x0e] = {RV_OP_vslideup, VF_X | VF_I},
	[0x0f] = {RV_OP_vslidedown, VF_X | VF_I},
	[0x10] = {RV_OP_vadc, VF_ALL},	    [0x11] = {RV_OP_vmadc, VF_ALL},
	[0x12] = {RV_OP_vsbc, VF_VX},	    [0x13] = {RV_OP_vmsbc, VF_VX},
	[0x14] = {RV_OP_vror, VF_ALL},	    [0x15] = {RV_OP_vrol, VF_VX},
	[0x17] = {RV_OP_vmerge, VF_ALL},
	[0x18] = {RV_OP_vmseq, VF_ALL},	    [0x19] = {RV_OP_vmsne, VF_ALL},
	[0x1a] = {RV_OP_vmsltu, VF_VX},	    [0x1b] = {RV_OP_vmslt, VF_VX},
	[0x1c] = {RV_OP_vmsleu, VF_ALL},    [0x1d] = {RV_OP_vmsle, VF_ALL},
	[0x1e] = {RV_OP_vmsgtu, VF_X | VF_I},
	[0x1f] = {RV_OP_vmsgt, VF_X | VF_I},
	[0x20] = {RV_OP_vsaddu, VF_ALL},    [0x21] = {RV_OP_vsadd, VF_ALL},
	[0x22] = {RV_OP_vssubu, VF_VX},	    [0x23] = {RV_OP_vssub, VF_VX},
	[0x25] = {RV_OP_vsll, VF_ALL},	    [0x27] = {RV_OP_vsmul, VF_VX},
	[0x28] = {RV_OP_vsrl, VF_ALL},	    [0x29] = {RV_OP_vsra, VF_ALL},
	[0x2a] = {RV_OP_vssrl, VF_ALL},	    [0x2b] = {RV_OP_vssra, VF_ALL},
	[0x2c] = {RV_OP_vnsrl, VF_ALL},	    [0x2d] = {RV_OP_vnsra, VF_ALL},
	[0x2e] = {RV_OP_vnclipu, VF_ALL},   [0x2f] = {RV_OP_vnclip, VF_ALL},
	[0x30] = {RV_OP_vwredsumu, VF_V},   [0x31] = {RV_OP_vwredsum, VF_V},
	[0x35] = {RV_OP_vwsll, VF_ALL},
};

static const struct vdec opm[64] = {
	[0x00] = {RV_OP_vredsum, VF_V},	    [0x01] = {RV_OP_vredand, VF_V},
	[0x02] = {RV_OP_vredor, VF_V},	    [0x03] = {RV_OP_vredxor, VF_V},
	[0x04] = {RV_OP_vredminu, VF_V},    [0x05] = {RV_OP_vredmin, VF_V},
	[0x06] = {RV_OP_vredmaxu, VF_V},    [0x07] = {RV_OP_vredmax, VF_V},
	[0x08] = {RV_OP_vaaddu, VF_VX},	    [0x09] = {RV_OP_vaadd, VF_VX},
	[0x0a] = {RV_OP_vasubu, VF_VX},	    [0x0b] = {RV_OP_vasub, VF_VX},
	[0x0e] = {RV_OP_vslide1up, VF_X},   [0x0f] = {RV_OP_vslide1down, VF_X},
	[0x17] = {RV_OP_vcompress, VF_V},
	[0x18] = {RV_OP_vmandn, VF_V},	    [0x19] = {RV_OP_vmand, VF_V},
	[0x1a] = {RV_OP_vmor, VF_V},	    [0x1b] = {RV_OP_vmxor, VF_V},
	[0x1c] = {RV_OP_vmorn, VF_V},	    [0x1d] = {RV_OP_vmnand, VF_V},
	[0x1e] = {RV_OP_vmnor, VF_V},	    [0x1f] = {RV_OP_vmxnor, VF_V},
	[0x20] = {RV_OP_vdivu, VF_VX},	    [0x21] = {RV_OP_vdiv, VF_VX},
	[0x22] = {RV_OP_vremu, VF_VX},	    [0x23] = {RV_OP_vrem, VF_VX},
	[0x24] = {RV_OP_vmulhu, VF_VX},	    [0x25] = {RV_OP_vmul, VF_VX},
	[0x26] = {RV_OP_vmulhsu, VF_VX},    [0x27] = {RV_OP_vmulh, VF_VX},
	[0x29] = {RV_OP_vmadd, VF_VX},	    [0x2b] = {RV_OP_vnmsub, VF_VX},
	[0x2d] = {RV_OP_vmacc, VF_VX},	    [0x2f] = {RV_OP_vnmsac, VF_VX},
	[0x30] = {RV_OP_vwaddu, VF_VX},	    [0x31] = {RV_OP_vwadd, VF_VX},
	[0x32] = {RV_OP_vwsubu, VF_VX},	    [0x33] = {RV_OP_vwsub, VF_VX},
	[0x34] = {RV_OP_vwaddu_w, VF_VX},   [0x35] = {RV_OP_vwadd_w, VF_VX},
	[0x36] = {RV_OP_vwsubu_w, VF_VX},   [0x37] = {RV_OP_vwsub_w, VF_VX},
	[0x38] = {RV_OP_vwmulu, VF_VX},	    [0x3a] = {RV_OP_vwmulsu, VF_VX},
	[0x3b] = {RV_OP_vwmul, VF_VX},	    [0x3c] = {RV_OP_vwmaccu, VF_VX},
	[0x3d] = {RV_OP_vwmacc, VF_VX},	    [0x3e] = {RV_OP_vwmaccus, VF_X},
	[0x3f] = {RV_OP_vwmaccsu, VF_VX},
};

/* VF_X stands for the f-register (OPFVF) form here. */
static const struct vdec opf[64] = {
	[0x00] = {RV_OP_vfadd, VF_VX},	    [0x01] = {RV_OP_vfredusum, VF_V},
	[0x02] = {RV_OP_vfsub, VF_VX},	    [0x03] = {RV_OP_vfredosum, VF_V},
	[0x04] = {RV_OP_vfmin, VF_VX},	    [0x05] = {RV_OP_vfredmin, VF_V},
	[0x06] = {RV_OP_vfmax, VF_VX},	    [0x07] = {RV_OP_vfredmax, VF_V},
	[0x08] = {RV_OP_vfsgnj, VF_VX},	    [0x09] = {RV_OP_vfsgnjn, VF_VX},
	[0x0a] = {RV_OP_vfsgnjx, VF_VX},
	[0x0e] = {RV_OP_vfslide1up, VF_X},  [0x0f] = {RV_OP_vfslide1down, VF_X},
	[0x17] = {RV_OP_vfmerge, VF_X},
	[0x18] = {RV_OP_vmfeq, VF_VX},	    [0x19] = {RV_OP_vmfle, VF_VX},
	[0x1b] = {RV_OP_vmflt, VF_VX},	    [0x1c] = {RV_OP_vmfne, VF_VX},
	[0x1d] = {RV_OP_vmfgt, VF_X},	    [0x1f] = {RV_OP_vmfge, VF_X},
	[0x20] = {RV_OP_vfdiv, VF_VX},	    [0x21] = {RV_OP_vfrdiv, VF_X},
	[0x24] = {RV_OP_vfmul, VF_VX},	    [0x27] = {RV_OP_vfrsub, VF_X},
	[0x28] = {RV_OP_vfmadd, VF_VX},	    [0x29] = {RV_OP_vfnmadd, VF_VX},
	[0x2a] = {RV_OP_vfmsub, VF_VX},	    [0x2b] = {RV_OP_vfnmsub, VF_VX},
	[0x2c] = {RV_OP_vfmacc, VF_VX},	    [0x2d] = {RV_OP_vfnmacc, VF_VX},
	[0x2e] = {RV_OP_vfmsac, VF_VX},	    [0x2f] = {RV_OP_vfnmsac, VF_VX},
	[0x30] = {RV_OP_vfwadd, VF_VX},	    [0x31] = {RV_OP_vfwredusum, VF_V},
	[0x32] = {RV_OP_vfwsub, VF_VX},	    [0x33] = {RV_OP_vfwredosum, VF_V},
	[0x34] = {RV_OP_vfwadd_w, VF_VX},   [0x36] = {RV_OP_vfwsub_w, VF_VX},
	[0x38] = {RV_OP_vfwmul, VF_VX},	    [0x3c] = {RV_OP_vfwmacc, VF_VX},
	[0x3d] = {RV_OP_vfwnmacc, VF_VX},   [0x3e] = {RV_OP_vfwmsac, VF_VX},
	[0x3f] = {RV_OP_vfwnmsac, VF_VX},
};

/* VXUNARY0 (vs1 selects): extensions and the Zvbb unary operations. */
static const uint16_t vxunary0[32] = {
	[0x02] = RV_OP_vzext_vf8, [0x03] = RV_OP_vsext_vf8,
	[0x04] = RV_OP_vzext_vf4, [0x05] = RV_OP_vsext_vf4,
	[0x06] = RV_OP_vzext_vf2, [0x07] = RV_OP_vsext_vf2,
	[0x08] = RV_OP_vbrev8,	  [0x09] = RV_OP_vrev8,
	[0x0a] = RV_OP_vbrev,	  [0x0c] = RV_OP_vclz,
	[0x0d] = RV_OP_vctz,	  [0x0e] = RV_OP_vcpop_v,
};

/* VMUNARY0 */
static const uint16_t vmunary0[32] = {
	[0x01] = RV_OP_vmsbf, [0x02] = RV_OP_vmsof, [0x03] = RV_OP_vmsif,
	[0x10] = RV_OP_viota, [0x11] = RV_OP_vid,
};

/* VFUNARY0: conversions */
static const uint16_t vfunary0[32] = {
	[0x00] = RV_OP_vfcvt_xu_f,	[0x01] = RV_OP_vfcvt_x_f,
	[0x02] = RV_OP_vfcvt_f_xu,	[0x03] = RV_OP_vfcvt_f_x,
	[0x06] = RV_OP_vfcvt_rtz_xu_f,	[0x07] = RV_OP_vfcvt_rtz_x_f,
	[0x08] = RV_OP_vfwcvt_xu_f,	[0x09] = RV_OP_vfwcvt_x_f,
	[0x0a] = RV_OP_vfwcvt_f_xu,	[0x0b] = RV_OP_vfwcvt_f_x,
	[0x0c] = RV_OP_vfwcvt_f_f,	[0x0e] = RV_OP_vfwcvt_rtz_xu_f,
	[0x0f] = RV_OP_vfwcvt_rtz_x_f,	[0x10] = RV_OP_vfncvt_xu_f,
	[0x11] = RV_OP_vfncvt_x_f,	[0x12] = RV_OP_vfncvt_f_xu,
	[0x13] = RV_OP_vfncvt_f_x,	[0x14] = RV_OP_vfncvt_f_f,
	[0x15] = RV_OP_vfncvt_rod_f_f,	[0x16] = RV_OP_vfncvt_rtz_xu_f,
	[0x17] = RV_OP_vfncvt_rtz_x_f,
};

/* VFUNARY1 */
static const uint16_t vfunary1[32] = {
	[0x00] = RV_OP_vfsqrt, [0x04] = RV_OP_vfrsqrt7,
	[0x05] = RV_OP_vfrec7, [0x10] = RV_OP_vfclass,
};
/* clang-format on */

/* funct3 of OP-V */
enum {
	OPIVV = 0,
	OPFVV = 1,
	OPMVV = 2,
	OPIVI = 3,
	OPIVX = 4,
	OPFVF = 5,
	OPMVX = 6,
	OPCFG = 7,
};

static unsigned decode_vcfg(uint32_t r, struct rv_insn *o)
{
	if (!bit(r, 31)) {
		o->rs2 = 0;
		return RV_OP_vsetvli;
	}
	if (bit(r, 30)) {
		o->rs2 = 0; /* rs1 holds the AVL, uimm[4:0] */
		return RV_OP_vsetivli;
	}
	return bits(r, 30, 25) == 0 ? RV_OP_vsetvl : RV_OP_illegal;
}

static unsigned decode_op_v(uint32_t r, struct rv_insn *o)
{
	uint32_t f3 = bits(r, 14, 12), f6 = bits(r, 31, 26);
	uint32_t vs1 = bits(r, 19, 15), vs2 = bits(r, 24, 20);
	bool vm = bit(r, 25);
	const struct vdec *d;
	unsigned form, op;

	switch (f3) {
	case OPIVV:
	case OPIVX:
	case OPIVI:
		d = &opi[f6];
		form = f3 == OPIVV ? VF_V : f3 == OPIVX ? VF_X : VF_I;
		/* Shared funct6 values: the form tells them apart. */
		if (f6 == 0x0e && form == VF_V)
			return RV_OP_vrgatherei16;
		if (f6 == 0x15 && form == VF_I)
			return RV_OP_vror; /* uimm[5] in bit 26 */
		if (f6 == 0x27 && form == VF_I) {
			/* vmv<nr>r.v: unmasked, nr = 1, 2, 4 or 8 */
			if (!vm ||
			    (vs1 != 0 && vs1 != 1 && vs1 != 3 && vs1 != 7))
				return RV_OP_illegal;
			return RV_OP_vmvr;
		}
		break;
	case OPMVV:
	case OPMVX:
		form = f3 == OPMVV ? VF_V : VF_X;
		switch (f6) {
		case 0x10:
			/* The scalar moves are unmasked; vcpop, vfirst not. */
			if (form == VF_X)
				return vs2 == 0 && vm ? RV_OP_vmv_s_x
						      : RV_OP_illegal;
			if (vs1 == 0)
				return vm ? RV_OP_vmv_x_s : RV_OP_illegal;
			if (vs1 == 0x10)
				return RV_OP_vcpop_m;
			return vs1 == 0x11 ? RV_OP_vfirst_m : RV_OP_illegal;
		case 0x12:
			op = form == VF_V ? vxunary0[vs1] : RV_OP_illegal;
			return op ? op : RV_OP_illegal;
		case 0x14:
			op = form == VF_V ? vmunary0[vs1] : RV_OP_illegal;
			if (op == RV_OP_vid && vs2 != 0)
				return RV_OP_illegal;
			return op ? op : RV_OP_illegal;
		}
		d = &opm[f6];
		break;
	case OPFVV:
	case OPFVF:
		form = f3 == OPFVV ? VF_V : VF_X;
		switch (f6) {
		case 0x10:
			if (!vm)
				return RV_OP_illegal;
			if (form == VF_X)
				return vs2 == 0 ? RV_OP_vfmv_s_f
						: RV_OP_illegal;
			return vs1 == 0 ? RV_OP_vfmv_f_s : RV_OP_illegal;
		case 0x12:
			op = form == VF_V ? vfunary0[vs1] : RV_OP_illegal;
			return op ? op : RV_OP_illegal;
		case 0x13:
			op = form == VF_V ? vfunary1[vs1] : RV_OP_illegal;
			return op ? op : RV_OP_illegal;
		}
		d = &opf[f6];
		break;
	default:
		return decode_vcfg(r, o);
	}
	op = d->op;
	if (!op || !(d->forms & form))
		return RV_OP_illegal;
	switch (op) {
	case RV_OP_vadc:
	case RV_OP_vsbc:
		/* Always with the carry in v0. */
		return vm ? RV_OP_illegal : op;
	case RV_OP_vmerge:
		if (vm)
			return vs2 == 0 ? RV_OP_vmv_v : RV_OP_illegal;
		return op;
	case RV_OP_vfmerge:
		if (vm)
			return vs2 == 0 ? RV_OP_vfmv_v_f : RV_OP_illegal;
		return op;
	case RV_OP_vcompress:
	case RV_OP_vmandn ... RV_OP_vmxnor:
		return vm ? op : RV_OP_illegal;
	}
	return op;
}

/*
 * LOAD-FP and STORE-FP with a vector width (funct3 0, 5, 6, 7):
 * mew must be 0 (wider memory elements are reserved).
 */
static unsigned decode_vmem(uint32_t r, struct rv_insn *o, bool store)
{
	uint32_t nf = bits(r, 31, 29), umop = bits(r, 24, 20);
	uint32_t f3 = bits(r, 14, 12);
	bool vm = bit(r, 25);

	o->imm = 0;
	if (bit(r, 28))
		return RV_OP_illegal;
	switch (bits(r, 27, 26)) {
	case 0:
		o->rs2 = 0;
		switch (umop) {
		case 0x00:
			return store ? RV_OP_vse : RV_OP_vle;
		case 0x08:
			/* Whole registers: 1, 2, 4 or 8, unmasked. */
			if (!vm || (nf != 0 && nf != 1 && nf != 3 && nf != 7))
				return RV_OP_illegal;
			if (store && f3 != 0)
				return RV_OP_illegal;
			return store ? RV_OP_vsr : RV_OP_vlr;
		case 0x0b:
			if (!vm || nf != 0 || f3 != 0)
				return RV_OP_illegal;
			return store ? RV_OP_vsm : RV_OP_vlm;
		case 0x10:
			return store ? RV_OP_illegal : RV_OP_vleff;
		}
		return RV_OP_illegal;
	case 1:
		return store ? RV_OP_vsuxei : RV_OP_vluxei;
	case 2:
		return store ? RV_OP_vsse : RV_OP_vlse;
	default:
		return store ? RV_OP_vsoxei : RV_OP_vloxei;
	}
}

static unsigned decode32(uint32_t r, struct rv_insn *o)
{
	uint32_t f3 = bits(r, 14, 12);

	o->rd = bits(r, 11, 7);
	o->rs1 = bits(r, 19, 15);
	o->rs2 = bits(r, 24, 20);

	switch (r & 0x7f) {
	case OPC_LUI:
		o->rs1 = o->rs2 = 0;
		o->imm = imm_u(r);
		return RV_OP_lui;
	case OPC_AUIPC:
		o->rs1 = o->rs2 = 0;
		o->imm = imm_u(r);
		return RV_OP_auipc;
	case OPC_JAL:
		o->rs1 = o->rs2 = 0;
		o->imm = imm_j(r);
		return RV_OP_jal;
	case OPC_JALR:
		o->rs2 = 0;
		o->imm = imm_i(r);
		return f3 == 0 ? RV_OP_jalr : RV_OP_illegal;
	case OPC_BRANCH: {
		/* clang-format off */
		static const uint16_t ops[8] = {
			RV_OP_beq, RV_OP_bne, RV_OP_illegal, RV_OP_illegal,
			RV_OP_blt, RV_OP_bge, RV_OP_bltu, RV_OP_bgeu,
		};
		/* clang-format on */

		o->rd = 0;
		o->imm = imm_b(r);
		return ops[f3];
	}
	case OPC_LOAD:
		o->rs2 = 0;
		return decode_load(r, o);
	case OPC_STORE:
		o->rd = 0;
		return decode_store(r, o);
	case OPC_MISC_MEM:
		return decode_misc_mem(r, o);
	case OPC_OP_IMM:
		return decode_op_imm(r, o);
	case OPC_OP_IMM_32:
		return decode_op_imm_32(r, o);
	case OPC_OP:
		return decode_op(r, o);
	case OPC_OP_32:
		return decode_op_32(r, o);
	case OPC_AMO:
		return decode_amo(r, o);
	case OPC_SYSTEM:
		return decode_system(r, o);
	case OPC_LOAD_FP:
		if (f3 == 0 || f3 >= 5)
			return decode_vmem(r, o, false);
		o->rs2 = 0;
		o->imm = imm_i(r);
		if (f3 == 1)
			return RV_OP_flh;
		if (f3 == 2)
			return RV_OP_flw;
		if (f3 == 3)
			return RV_OP_fld;
		return RV_OP_illegal;
	case OPC_STORE_FP:
		if (f3 == 0 || f3 >= 5)
			return decode_vmem(r, o, true);
		o->rd = 0;
		o->imm = imm_s(r);
		if (f3 == 1)
			return RV_OP_fsh;
		if (f3 == 2)
			return RV_OP_fsw;
		if (f3 == 3)
			return RV_OP_fsd;
		return RV_OP_illegal;
	case OPC_OP_V:
		return decode_op_v(r, o);
	case OPC_MADD:
	case OPC_MSUB:
	case OPC_NMSUB:
	case OPC_NMADD:
		return decode_fused(r, o);
	case OPC_OP_FP:
		return decode_op_fp(r, o);
	}
	return RV_OP_illegal;
}

/* The 3-bit register fields of CIW/CL/CS/CA/CB formats name x8..x15. */
static inline uint8_t creg(uint32_t c, unsigned lo)
{
	return 8 + bits(c, lo + 2, lo);
}

/* CI-format 6-bit signed immediate: imm[5] = c[12], imm[4:0] = c[6:2]. */
static inline int64_t cimm6(uint32_t c)
{
	return sext(bit(c, 12) << 5 | bits(c, 6, 2), 6);
}

/* Offset scaled by 8 in CL/CS formats (c.ld, c.sd, c.fld, c.fsd). */
static inline int64_t cl_uimm_d(uint32_t c)
{
	return bits(c, 12, 10) << 3 | bits(c, 6, 5) << 6;
}

/* Offset scaled by 4 in CL/CS formats (c.lw, c.sw). */
static inline int64_t cl_uimm_w(uint32_t c)
{
	return bits(c, 12, 10) << 3 | bit(c, 6) << 2 | bit(c, 5) << 6;
}

/* Zcb's loads and stores (C0, funct3 100). */
static unsigned decode_c0_zcb(uint32_t c, struct rv_insn *o)
{
	o->rs1 = creg(c, 7);
	switch (bits(c, 12, 10)) {
	case 0: /* c.lbu: uimm[0|1] = c[6|5] */
		o->rd = creg(c, 2);
		o->imm = bit(c, 6) | bit(c, 5) << 1;
		return RV_OP_lbu;
	case 1: /* c.lhu, c.lh: uimm[1] = c[5] */
		o->rd = creg(c, 2);
		o->imm = bit(c, 5) << 1;
		return bit(c, 6) ? RV_OP_lh : RV_OP_lhu;
	case 2: /* c.sb */
		o->rs2 = creg(c, 2);
		o->imm = bit(c, 6) | bit(c, 5) << 1;
		return RV_OP_sb;
	case 3: /* c.sh; c[6] = 1 is reserved */
		if (bit(c, 6))
			return RV_OP_illegal;
		o->rs2 = creg(c, 2);
		o->imm = bit(c, 5) << 1;
		return RV_OP_sh;
	}
	return RV_OP_illegal;
}

static unsigned decode_c0(uint32_t c, struct rv_insn *o, uint64_t *need)
{
	switch (bits(c, 15, 13)) {
	case 0: {
		/* c.addi4spn: nzuimm[5:4|9:6|2|3] = c[12:5]. */
		uint32_t imm = bits(c, 12, 11) << 4 | bits(c, 10, 7) << 6 |
			       bit(c, 6) << 2 | bit(c, 5) << 3;

		if (imm == 0)
			return RV_OP_illegal;
		o->rd = creg(c, 2);
		o->rs1 = 2;
		o->imm = imm;
		return RV_OP_addi;
	}
	case 1:
		o->rd = creg(c, 2);
		o->rs1 = creg(c, 7);
		o->imm = cl_uimm_d(c);
		return RV_OP_fld;
	case 2:
		o->rd = creg(c, 2);
		o->rs1 = creg(c, 7);
		o->imm = cl_uimm_w(c);
		return RV_OP_lw;
	case 3:
		o->rd = creg(c, 2);
		o->rs1 = creg(c, 7);
		o->imm = cl_uimm_d(c);
		return RV_OP_ld;
	case 5:
		o->rs2 = creg(c, 2);
		o->rs1 = creg(c, 7);
		o->imm = cl_uimm_d(c);
		return RV_OP_fsd;
	case 6:
		o->rs2 = creg(c, 2);
		o->rs1 = creg(c, 7);
		o->imm = cl_uimm_w(c);
		return RV_OP_sw;
	case 7:
		o->rs2 = creg(c, 2);
		o->rs1 = creg(c, 7);
		o->imm = cl_uimm_d(c);
		return RV_OP_sd;
	case 4:
		*need |= EXT(ZCB);
		return decode_c0_zcb(c, o);
	}
	return RV_OP_illegal;
}

/* Zcb's register-only forms (C1, funct6 100111, funct2 10 and 11). */
static unsigned decode_c1_zcb(uint32_t c, struct rv_insn *o, uint64_t *need)
{
	*need |= EXT(ZCB);
	if (bits(c, 6, 5) == 2) {
		/* c.mul */
		*need |= EXT(M);
		o->rs2 = creg(c, 2);
		return RV_OP_mul;
	}
	switch (bits(c, 4, 2)) {
	case 0: /* c.zext.b: andi rd, rd, 255 */
		o->imm = 255;
		return RV_OP_andi;
	case 1:
		*need |= EXT(ZBB);
		return RV_OP_sext_b;
	case 2:
		*need |= EXT(ZBB);
		return RV_OP_zext_h;
	case 3:
		*need |= EXT(ZBB);
		return RV_OP_sext_h;
	case 4: /* c.zext.w: add.uw rd, rd, x0 */
		*need |= EXT(ZBA);
		return RV_OP_add_uw;
	case 5: /* c.not: xori rd, rd, -1 */
		o->imm = -1;
		return RV_OP_xori;
	}
	return RV_OP_illegal;
}

static unsigned decode_c1_alu(uint32_t c, struct rv_insn *o, uint64_t *need)
{
	/* clang-format off */
	static const uint16_t ops[8] = {
		RV_OP_sub, RV_OP_xor, RV_OP_or, RV_OP_and,
		RV_OP_subw, RV_OP_addw, RV_OP_illegal, RV_OP_illegal,
	};
	/* clang-format on */

	o->rd = o->rs1 = creg(c, 7);
	switch (bits(c, 11, 10)) {
	case 0:
		/* c.srli; shamt = 0 is a HINT on RV64C. */
		o->imm = bit(c, 12) << 5 | bits(c, 6, 2);
		return RV_OP_srli;
	case 1:
		o->imm = bit(c, 12) << 5 | bits(c, 6, 2);
		return RV_OP_srai;
	case 2:
		o->imm = cimm6(c);
		return RV_OP_andi;
	}
	if (bit(c, 12) && bits(c, 6, 5) >= 2)
		return decode_c1_zcb(c, o, need);
	o->rs2 = creg(c, 2);
	return ops[bit(c, 12) << 2 | bits(c, 6, 5)];
}

static unsigned decode_c1(uint32_t c, struct rv_insn *o, uint64_t *need)
{
	uint32_t rd = bits(c, 11, 7);

	switch (bits(c, 15, 13)) {
	case 0:
		/* c.addi, c.nop; rd = 0 or imm = 0 with rd != 0 are HINTs. */
		o->rd = o->rs1 = rd;
		o->imm = cimm6(c);
		return RV_OP_addi;
	case 1:
		if (rd == 0)
			return RV_OP_illegal;
		o->rd = o->rs1 = rd;
		o->imm = cimm6(c);
		return RV_OP_addiw;
	case 2:
		/* c.li; rd = 0 is a HINT. */
		o->rd = rd;
		o->imm = cimm6(c);
		return RV_OP_addi;
	case 3:
		if (rd == 2) {
			/* c.addi16sp: nzimm[9|4|6|8:7|5] = c[12|6|5|4:3|2]. */
			uint32_t v = bit(c, 12) << 9 | bit(c, 6) << 4 |
				     bit(c, 5) << 6 | bits(c, 4, 3) << 7 |
				     bit(c, 2) << 5;

			if (v == 0)
				return RV_OP_illegal;
			o->rd = o->rs1 = 2;
			o->imm = sext(v, 10);
			return RV_OP_addi;
		}
		/*
		 * c.lui; rd = 0 is a HINT, nzimm = 0 is reserved, but for odd
		 * rd below 16 Zcmop's c.mop.n (n = rd) lives there.
		 */
		if (bit(c, 12) == 0 && bits(c, 6, 2) == 0) {
			if (!(rd & 1) || rd > 15)
				return RV_OP_illegal;
			*need |= EXT(ZCMOP);
			o->imm = rd;
			return RV_OP_c_mop;
		}
		o->rd = rd;
		o->imm = cimm6(c) * 4096;
		return RV_OP_lui;
	case 4:
		return decode_c1_alu(c, o, need);
	case 5: {
		/* c.j: offset[11|4|9:8|10|6|7|3:1|5] = c[12:2]. */
		uint32_t v = bit(c, 12) << 11 | bit(c, 11) << 4 |
			     bits(c, 10, 9) << 8 | bit(c, 8) << 10 |
			     bit(c, 7) << 6 | bit(c, 6) << 7 |
			     bits(c, 5, 3) << 1 | bit(c, 2) << 5;

		o->rd = 0;
		o->imm = sext(v, 12);
		return RV_OP_jal;
	}
	default: {
		/* c.beqz, c.bnez: offset[8|4:3|7:6|2:1|5]. */
		uint32_t v = bit(c, 12) << 8 | bits(c, 11, 10) << 3 |
			     bits(c, 6, 5) << 6 | bits(c, 4, 3) << 1 |
			     bit(c, 2) << 5;

		o->rs1 = creg(c, 7);
		o->rs2 = 0;
		o->imm = sext(v, 9);
		return bit(c, 13) ? RV_OP_bne : RV_OP_beq;
	}
	}
}

static unsigned decode_c2(uint32_t c, struct rv_insn *o)
{
	uint32_t rd = bits(c, 11, 7);
	uint32_t rs2 = bits(c, 6, 2);

	switch (bits(c, 15, 13)) {
	case 0:
		/* c.slli; rd = 0 or shamt = 0 are HINTs. */
		o->rd = o->rs1 = rd;
		o->imm = bit(c, 12) << 5 | rs2;
		return RV_OP_slli;
	case 1:
		/* c.fldsp: uimm[5|4:3|8:6] = c[12|6:5|4:2]. */
		o->rd = rd;
		o->rs1 = 2;
		o->imm = bit(c, 12) << 5 | bits(c, 6, 5) << 3 |
			 bits(c, 4, 2) << 6;
		return RV_OP_fld;
	case 2:
		/* c.lwsp: uimm[5|4:2|7:6] = c[12|6:4|3:2]. */
		if (rd == 0)
			return RV_OP_illegal;
		o->rd = rd;
		o->rs1 = 2;
		o->imm = bit(c, 12) << 5 | bits(c, 6, 4) << 2 |
			 bits(c, 3, 2) << 6;
		return RV_OP_lw;
	case 3:
		if (rd == 0)
			return RV_OP_illegal;
		o->rd = rd;
		o->rs1 = 2;
		o->imm = bit(c, 12) << 5 | bits(c, 6, 5) << 3 |
			 bits(c, 4, 2) << 6;
		return RV_OP_ld;
	case 4:
		if (bit(c, 12) == 0) {
			if (rs2 == 0) {
				/* c.jr */
				if (rd == 0)
					return RV_OP_illegal;
				o->rd = 0;
				o->rs1 = rd;
				return RV_OP_jalr;
			}
			/* c.mv; rd = 0 is a HINT. */
			o->rd = rd;
			o->rs1 = 0;
			o->rs2 = rs2;
			return RV_OP_add;
		}
		if (rs2 == 0) {
			if (rd == 0)
				return RV_OP_ebreak;
			/* c.jalr */
			o->rd = 1;
			o->rs1 = rd;
			return RV_OP_jalr;
		}
		/* c.add; rd = 0 is a HINT. */
		o->rd = o->rs1 = rd;
		o->rs2 = rs2;
		return RV_OP_add;
	case 5:
		/* c.fsdsp: uimm[5:3|8:6] = c[12:10|9:7]. */
		o->rs1 = 2;
		o->rs2 = rs2;
		o->imm = bits(c, 12, 10) << 3 | bits(c, 9, 7) << 6;
		return RV_OP_fsd;
	case 6:
		/* c.swsp: uimm[5:2|7:6] = c[12:9|8:7]. */
		o->rs1 = 2;
		o->rs2 = rs2;
		o->imm = bits(c, 12, 9) << 2 | bits(c, 8, 7) << 6;
		return RV_OP_sw;
	default:
		o->rs1 = 2;
		o->rs2 = rs2;
		o->imm = bits(c, 12, 10) << 3 | bits(c, 9, 7) << 6;
		return RV_OP_sd;
	}
}

/* @need collects what the encoding needs beyond its op's extensions. */
static unsigned decode16(uint32_t c, struct rv_insn *o, uint64_t *need)
{
	/* The all-zero parcel is defined to be illegal. */
	if (c == 0)
		return RV_OP_illegal;
	*need |= EXT(C);
	switch (c & 3) {
	case 0:
		return decode_c0(c, o, need);
	case 1:
		return decode_c1(c, o, need);
	default:
		return decode_c2(c, o);
	}
}

unsigned rv_decode_isa(uint32_t raw, struct rv_insn *out, uint64_t ext)
{
	uint64_t need = 0;
	unsigned op;

	memset(out, 0, sizeof(*out));
	if ((raw & 3) == 3) {
		out->len = 4;
		out->raw = raw;
		op = decode32(raw, out);
	} else {
		out->len = 2;
		out->raw = raw & 0xffff;
		op = decode16(out->raw, out, &need);
	}
	if (op != RV_OP_illegal) {
		const struct rv_op_ext *e = &rv_op_exts[op];

		if (((e->all | need) & ~ext) || (e->any && !(e->any & ext)))
			op = RV_OP_illegal;
	}
	if (op == RV_OP_illegal) {
		uint32_t r = out->raw;
		uint8_t len = out->len;

		memset(out, 0, sizeof(*out));
		out->raw = r;
		out->len = len;
	}
	out->op = op;
	return out->len;
}

unsigned rv_decode(uint32_t raw, struct rv_insn *out)
{
	return rv_decode_isa(raw, out, ~0ull);
}

bool rv_vop_uimm(unsigned op)
{
	switch (op) {
	case RV_OP_vsll:
	case RV_OP_vsrl:
	case RV_OP_vsra:
	case RV_OP_vssrl:
	case RV_OP_vssra:
	case RV_OP_vnsrl:
	case RV_OP_vnsra:
	case RV_OP_vnclipu:
	case RV_OP_vnclip:
	case RV_OP_vslideup:
	case RV_OP_vslidedown:
	case RV_OP_vrgather:
	case RV_OP_vwsll:
		return true;
	}
	return false;
}
