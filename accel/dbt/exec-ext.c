// SPDX-License-Identifier: MIT
/*
 * The emulated hart's instructions of the extensions beyond RV64GC that a
 * helper carries out: RISC-V unprivileged ISA "Zfh" and "Zfhmin" (half
 * precision, NaN-boxed in the upper 48 bits), "Zfa", the bit-manipulation
 * chapter's Zbc and the scalar cryptography chapter's Zbkb, Zbkc, Zbkx,
 * "Zimop" and "Zcmop" (for the JIT; the interpreter does them inline),
 * "Zawrs"; and the control transfers of a hart without C, whose targets
 * must be 4-byte aligned (unprivileged "Base Integer ISA", IALIGN=32).
 */
#include "accel/dbt/exec.h"

#include <sched.h>

#include "accel/dbt/alu.h"
#include "accel/dbt/csr.h"
#include "accel/dbt/fpu.h"
#include "accel/dbt/mmu.h"
#include "accel/dbt/trap.h"

#define X(r) (h->x[(r)])
#define F(r) (h->f[(r)])

static enum dbt_exec_result illegal(struct dbt_hart *h,
				    const struct rv_insn *in)
{
	dbt_exc_set(h, EXC_ILLEGAL, in->raw);
	return DBT_EXEC_TRAP;
}

static enum dbt_exec_result next(struct dbt_hart *h, const struct rv_insn *in)
{
	h->x[0] = 0;
	h->pc += in->len;
	return DBT_EXEC_NEXT;
}

static inline uint16_t f_h(const struct dbt_hart *h, unsigned r)
{
	return fpu_unbox_h(h->f[r]);
}

static inline uint32_t f_s(const struct dbt_hart *h, unsigned r)
{
	return fpu_unbox_s(h->f[r]);
}

static inline void set_f(struct dbt_hart *h, unsigned r, uint64_t v)
{
	h->f[r] = v;
	dbt_csr_fs_dirty(h);
}

static inline void set_f_h(struct dbt_hart *h, unsigned r, uint16_t v)
{
	set_f(h, r, fpu_box_h(v));
}

static inline void set_f_s(struct dbt_hart *h, unsigned r, uint32_t v)
{
	set_f(h, r, fpu_box_s(v));
}

/* The rounding mode for @in, or -1 if it is reserved (illegal). */
static int fp_rm(const struct dbt_hart *h, const struct rv_insn *in)
{
	unsigned rm = in->rm;

	if (rm == 7)
		rm = (h->csr.fcsr >> FCSR_FRM_SHIFT) & 7;
	return rm <= FPU_RMM ? (int)rm : -1;
}

static bool has_rm(unsigned op)
{
	switch (op) {
	case RV_OP_fmadd_h ... RV_OP_fsqrt_h:
	case RV_OP_fcvt_s_h ... RV_OP_fcvt_h_lu:
	case RV_OP_fcvt_w_h ... RV_OP_fcvt_lu_h:
	case RV_OP_fround_s ... RV_OP_froundnx_h:
		return true;
	default:
		return false;
	}
}

#define SIGN_H 0x8000u

enum dbt_exec_result dbt_exec_fpx(struct dbt_hart *h, const struct rv_insn *in)
{
	unsigned rd = in->rd, r1 = in->rs1, r2 = in->rs2, r3 = in->rs3;
	unsigned fl = 0;
	uint64_t v, addr;
	int rm = 0;

	if (!dbt_csr_fs_on(h))
		return illegal(h, in);
	if (has_rm(in->op)) {
		rm = fp_rm(h, in);
		if (rm < 0)
			return illegal(h, in);
	}

	switch (in->op) {
	case RV_OP_flh:
		addr = X(r1) + in->imm;
		if (dbt_mmu_load(h, addr, 2, &v, 0))
			return DBT_EXEC_TRAP;
		set_f_h(h, rd, (uint16_t)v);
		break;
	case RV_OP_fsh:
		addr = X(r1) + in->imm;
		if (dbt_mmu_store(h, addr, 2, (uint16_t)F(r2), 0))
			return DBT_EXEC_TRAP;
		if (h->htif_written) {
			h->pc += in->len;
			return DBT_EXEC_HTIF;
		}
		break;

	/* Zfh arithmetic */
	case RV_OP_fmadd_h:
		set_f_h(h, rd,
			fpu_fma_h(f_h(h, r1), f_h(h, r2), f_h(h, r3), rm, &fl));
		break;
	case RV_OP_fmsub_h:
		set_f_h(h, rd,
			fpu_fma_h(f_h(h, r1), f_h(h, r2), f_h(h, r3) ^ SIGN_H,
				  rm, &fl));
		break;
	case RV_OP_fnmsub_h:
		set_f_h(h, rd,
			fpu_fma_h(f_h(h, r1) ^ SIGN_H, f_h(h, r2), f_h(h, r3),
				  rm, &fl));
		break;
	case RV_OP_fnmadd_h:
		set_f_h(h, rd,
			fpu_fma_h(f_h(h, r1) ^ SIGN_H, f_h(h, r2),
				  f_h(h, r3) ^ SIGN_H, rm, &fl));
		break;
	case RV_OP_fadd_h:
		set_f_h(h, rd, fpu_add_h(f_h(h, r1), f_h(h, r2), rm, &fl));
		break;
	case RV_OP_fsub_h:
		set_f_h(h, rd, fpu_sub_h(f_h(h, r1), f_h(h, r2), rm, &fl));
		break;
	case RV_OP_fmul_h:
		set_f_h(h, rd, fpu_mul_h(f_h(h, r1), f_h(h, r2), rm, &fl));
		break;
	case RV_OP_fdiv_h:
		set_f_h(h, rd, fpu_div_h(f_h(h, r1), f_h(h, r2), rm, &fl));
		break;
	case RV_OP_fsqrt_h:
		set_f_h(h, rd, fpu_sqrt_h(f_h(h, r1), rm, &fl));
		break;
	case RV_OP_fsgnj_h:
		set_f_h(h, rd, (f_h(h, r1) & ~SIGN_H) | (f_h(h, r2) & SIGN_H));
		break;
	case RV_OP_fsgnjn_h:
		set_f_h(h, rd, (f_h(h, r1) & ~SIGN_H) | (~f_h(h, r2) & SIGN_H));
		break;
	case RV_OP_fsgnjx_h:
		set_f_h(h, rd, f_h(h, r1) ^ (f_h(h, r2) & SIGN_H));
		break;
	case RV_OP_fmin_h:
		set_f_h(h, rd, fpu_min_h(f_h(h, r1), f_h(h, r2), &fl));
		break;
	case RV_OP_fmax_h:
		set_f_h(h, rd, fpu_max_h(f_h(h, r1), f_h(h, r2), &fl));
		break;

	/* Conversions (Zfhmin's with S and D) */
	case RV_OP_fcvt_s_h:
		set_f_s(h, rd, fpu_h_to_s(f_h(h, r1), &fl));
		break;
	case RV_OP_fcvt_h_s:
		set_f_h(h, rd, fpu_s_to_h(f_s(h, r1), rm, &fl));
		break;
	case RV_OP_fcvt_d_h:
		set_f(h, rd, fpu_h_to_d(f_h(h, r1), &fl));
		break;
	case RV_OP_fcvt_h_d:
		set_f_h(h, rd, fpu_d_to_h(F(r1), rm, &fl));
		break;
	case RV_OP_fcvt_h_w:
		set_f_h(h, rd, fpu_from_i64_h((int32_t)X(r1), rm, &fl));
		break;
	case RV_OP_fcvt_h_wu:
		set_f_h(h, rd, fpu_from_u64_h((uint32_t)X(r1), rm, &fl));
		break;
	case RV_OP_fcvt_h_l:
		set_f_h(h, rd, fpu_from_i64_h((int64_t)X(r1), rm, &fl));
		break;
	case RV_OP_fcvt_h_lu:
		set_f_h(h, rd, fpu_from_u64_h(X(r1), rm, &fl));
		break;
	case RV_OP_fmv_h_x:
		set_f_h(h, rd, (uint16_t)X(r1));
		break;
	case RV_OP_feq_h:
		X(rd) = fpu_eq_h(f_h(h, r1), f_h(h, r2), &fl);
		break;
	case RV_OP_flt_h:
		X(rd) = fpu_lt_h(f_h(h, r1), f_h(h, r2), &fl);
		break;
	case RV_OP_fle_h:
		X(rd) = fpu_le_h(f_h(h, r1), f_h(h, r2), &fl);
		break;
	case RV_OP_fclass_h:
		X(rd) = fpu_class_h(f_h(h, r1));
		break;
	case RV_OP_fcvt_w_h:
		X(rd) = (uint64_t)(int64_t)fpu_to_i32_h(f_h(h, r1), rm, &fl);
		break;
	case RV_OP_fcvt_wu_h:
		X(rd) = alu_sext32(fpu_to_u32_h(f_h(h, r1), rm, &fl));
		break;
	case RV_OP_fcvt_l_h:
		X(rd) = (uint64_t)fpu_to_i64_h(f_h(h, r1), rm, &fl);
		break;
	case RV_OP_fcvt_lu_h:
		X(rd) = fpu_to_u64_h(f_h(h, r1), rm, &fl);
		break;
	case RV_OP_fmv_x_h:
		/* A bit move: the register's low half, boxed or not. */
		X(rd) = (uint64_t)(int64_t)(int16_t)F(r1);
		break;

	/* Zfa */
	case RV_OP_fli_s:
		set_f_s(h, rd, fpu_fli_s(r1));
		break;
	case RV_OP_fli_d:
		set_f(h, rd, fpu_fli_d(r1));
		break;
	case RV_OP_fli_h:
		set_f_h(h, rd, fpu_fli_h(r1));
		break;
	case RV_OP_fminm_s:
		set_f_s(h, rd, fpu_minm_s(f_s(h, r1), f_s(h, r2), &fl));
		break;
	case RV_OP_fmaxm_s:
		set_f_s(h, rd, fpu_maxm_s(f_s(h, r1), f_s(h, r2), &fl));
		break;
	case RV_OP_fminm_d:
		set_f(h, rd, fpu_minm_d(F(r1), F(r2), &fl));
		break;
	case RV_OP_fmaxm_d:
		set_f(h, rd, fpu_maxm_d(F(r1), F(r2), &fl));
		break;
	case RV_OP_fminm_h:
		set_f_h(h, rd, fpu_minm_h(f_h(h, r1), f_h(h, r2), &fl));
		break;
	case RV_OP_fmaxm_h:
		set_f_h(h, rd, fpu_maxm_h(f_h(h, r1), f_h(h, r2), &fl));
		break;
	case RV_OP_fround_s:
	case RV_OP_froundnx_s:
		set_f_s(h, rd,
			fpu_round_s(f_s(h, r1), rm, in->op == RV_OP_froundnx_s,
				    &fl));
		break;
	case RV_OP_fround_d:
	case RV_OP_froundnx_d:
		set_f(h, rd,
		      fpu_round_d(F(r1), rm, in->op == RV_OP_froundnx_d, &fl));
		break;
	case RV_OP_fround_h:
	case RV_OP_froundnx_h:
		set_f_h(h, rd,
			fpu_round_h(f_h(h, r1), rm, in->op == RV_OP_froundnx_h,
				    &fl));
		break;
	case RV_OP_fcvtmod_w_d:
		X(rd) = (uint64_t)(int64_t)fpu_cvtmod_w_d(F(r1), &fl);
		break;
	case RV_OP_fleq_s:
		X(rd) = fpu_leq_s(f_s(h, r1), f_s(h, r2), &fl);
		break;
	case RV_OP_fltq_s:
		X(rd) = fpu_ltq_s(f_s(h, r1), f_s(h, r2), &fl);
		break;
	case RV_OP_fleq_d:
		X(rd) = fpu_leq_d(F(r1), F(r2), &fl);
		break;
	case RV_OP_fltq_d:
		X(rd) = fpu_ltq_d(F(r1), F(r2), &fl);
		break;
	case RV_OP_fleq_h:
		X(rd) = fpu_leq_h(f_h(h, r1), f_h(h, r2), &fl);
		break;
	case RV_OP_fltq_h:
		X(rd) = fpu_ltq_h(f_h(h, r1), f_h(h, r2), &fl);
		break;
	default:
		return illegal(h, in);
	}
	if (fl) {
		h->csr.fcsr |= fl & FCSR_FFLAGS;
		dbt_csr_fs_dirty(h);
	}
	return next(h, in);
}

enum dbt_exec_result dbt_exec_bits(struct dbt_hart *h, const struct rv_insn *in)
{
	uint64_t a = X(in->rs1), b = X(in->rs2), r;

	switch (in->op) {
	case RV_OP_clmul:
		r = alu_clmul(a, b);
		break;
	case RV_OP_clmulh:
		r = alu_clmulh(a, b);
		break;
	case RV_OP_clmulr:
		r = alu_clmulr(a, b);
		break;
	case RV_OP_pack:
		r = b << 32 | (uint32_t)a;
		break;
	case RV_OP_packh:
		r = (b & 0xff) << 8 | (a & 0xff);
		break;
	case RV_OP_packw:
		r = alu_sext32((b & 0xffff) << 16 | (a & 0xffff));
		break;
	case RV_OP_brev8:
		r = alu_brev8(a);
		break;
	case RV_OP_xperm4:
		r = alu_xperm4(a, b);
		break;
	case RV_OP_xperm8:
		r = alu_xperm8(a, b);
		break;
	case RV_OP_mop_r:
	case RV_OP_mop_rr:
		r = 0;
		break;
	case RV_OP_c_mop:
		return next(h, in);
	default:
		return illegal(h, in);
	}
	X(in->rd) = r;
	return next(h, in);
}

/*
 * WRS.NTO and WRS.STO may complete at any time: with a reservation held
 * and other harts to wait for, they give the host CPU to another thread
 * first (one of them may be the hart that will store to the reservation
 * set); without one they complete at once, as the spec requires. They
 * never wait long enough for TW or VTW to make them trap.
 */
enum dbt_exec_result dbt_exec_wrs(struct dbt_hart *h, const struct rv_insn *in)
{
	if (h->resv_valid && h->vm->nharts > 1)
		sched_yield();
	return next(h, in);
}

/*
 * jal, jalr and the branches on a hart without C: a target that is not
 * 4-byte aligned raises instruction-address-misaligned on the jump, with
 * tval the target, and the jump does not write rd. Blocks send these
 * here only when C is off (run.c); targets of jal and branches are
 * block-relative in the decoded form (in->imm counts from the block).
 */
enum dbt_exec_result dbt_exec_jump(struct dbt_hart *h, const struct rv_insn *in)
{
	uint64_t a = X(in->rs1), b = X(in->rs2);
	uint64_t base = h->pc - in->pcoff, target;
	bool taken;

	switch (in->op) {
	case RV_OP_jal:
		target = base + in->imm;
		taken = true;
		break;
	case RV_OP_jalr:
		target = (a + in->imm) & ~1ull;
		taken = true;
		break;
	case RV_OP_beq:
		taken = a == b;
		goto branch;
	case RV_OP_bne:
		taken = a != b;
		goto branch;
	case RV_OP_blt:
		taken = (int64_t)a < (int64_t)b;
		goto branch;
	case RV_OP_bge:
		taken = (int64_t)a >= (int64_t)b;
		goto branch;
	case RV_OP_bltu:
		taken = a < b;
		goto branch;
	case RV_OP_bgeu:
		taken = a >= b;
	branch:
		target = base + in->imm;
		break;
	default:
		return illegal(h, in);
	}
	if (!taken)
		return next(h, in);
	if (target & 2) {
		dbt_exc_set(h, EXC_INSN_MISALIGNED, target);
		h->exc.gva = h->virt;
		return DBT_EXEC_TRAP;
	}
	if (in->op == RV_OP_jal || in->op == RV_OP_jalr)
		X(in->rd) = h->pc + in->len;
	h->x[0] = 0;
	h->pc = target;
	return DBT_EXEC_NEXT;
}
