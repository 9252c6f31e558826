/* SPDX-License-Identifier: MIT */
/*
 * The emulated hart's instructions that a helper carries out (the
 * execution engine does the integer ones inline): RISC-V unprivileged
 * ISA "M" (the arithmetic the engine shares), "A" (LR/SC and AMOs on the
 * host pointer with the host's atomics, so harts on other threads see
 * them whole), "F" and "D" (through the software FPU), "Zicsr", the CMO
 * chapter (Zicbom, Zicboz), and the privileged instructions (ECALL,
 * EBREAK, MRET, SRET, WFI, SFENCE.VMA, Svinval, fences).
 *
 * Every helper runs with h->pc at the instruction and, when it retires
 * it, leaves h->pc at the next one.
 */
#include "accel/dbt/exec.h"

#include <sched.h>

#include "accel/dbt/alu.h"
#include "accel/dbt/cache.h"
#include "accel/dbt/csr.h"
#include "accel/dbt/fpu.h"
#include "accel/dbt/mmu.h"
#include "accel/dbt/trap.h"

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define X(r) (h->x[(r)])
#define F(r) (h->f[(r)])

/* A single-precision operand: not NaN-boxed reads as the canonical NaN. */
static inline uint32_t f_s(const struct dbt_hart *h, unsigned r)
{
	uint64_t v = h->f[r];

	return (v >> 32) == 0xffffffffu ? (uint32_t)v : FPU_CANON_S;
}

static inline void set_f_s(struct dbt_hart *h, unsigned r, uint32_t v)
{
	h->f[r] = 0xffffffff00000000ull | v;
	dbt_csr_fs_dirty(h);
}

static inline void set_f_d(struct dbt_hart *h, unsigned r, uint64_t v)
{
	h->f[r] = v;
	dbt_csr_fs_dirty(h);
}

static inline void accrue_fflags(struct dbt_hart *h, unsigned fl)
{
	if (fl) {
		h->csr.fcsr |= fl & FCSR_FFLAGS;
		dbt_csr_fs_dirty(h);
	}
}

static enum dbt_exec_result illegal(struct dbt_hart *h,
				    const struct rv_insn *in)
{
	dbt_exc_set(h, EXC_ILLEGAL, in->raw);
	return DBT_EXEC_TRAP;
}

/* An instruction's helper failed with an exception: fix illegal's tval. */
static enum dbt_exec_result trap_from(struct dbt_hart *h,
				      const struct rv_insn *in)
{
	/* A virtual-instruction trap writes tval as an illegal one would. */
	if (h->exc.cause == EXC_ILLEGAL || h->exc.cause == EXC_VIRTUAL_INSN)
		h->exc.tval = in->raw;
	return DBT_EXEC_TRAP;
}

/* ---- A extension ---- */

static uint64_t amo_compute(unsigned op, uint64_t old, uint64_t src, bool word)
{
	int64_t so = word ? (int32_t)old : (int64_t)old;
	int64_t ss = word ? (int32_t)src : (int64_t)src;
	uint64_t uo = word ? (uint32_t)old : old;
	uint64_t us = word ? (uint32_t)src : src;

	switch (op) {
	case RV_OP_amoswap_w:
	case RV_OP_amoswap_d:
		return src;
	case RV_OP_amoadd_w:
	case RV_OP_amoadd_d:
		return old + src;
	case RV_OP_amoxor_w:
	case RV_OP_amoxor_d:
		return old ^ src;
	case RV_OP_amoand_w:
	case RV_OP_amoand_d:
		return old & src;
	case RV_OP_amoor_w:
	case RV_OP_amoor_d:
		return old | src;
	case RV_OP_amomin_w:
	case RV_OP_amomin_d:
		return so < ss ? old : src;
	case RV_OP_amomax_w:
	case RV_OP_amomax_d:
		return so > ss ? old : src;
	case RV_OP_amominu_w:
	case RV_OP_amominu_d:
		return uo < us ? old : src;
	default: /* amomaxu */
		return uo > us ? old : src;
	}
}

static bool op_is_word_amo(unsigned op)
{
	return op >= RV_OP_lr_w && op <= RV_OP_amomaxu_w;
}

enum dbt_exec_result dbt_exec_amo(struct dbt_hart *h, const struct rv_insn *in)
{
	bool word = op_is_word_amo(in->op);
	unsigned size = word ? 4 : 8;
	bool is_lr = in->op == RV_OP_lr_w || in->op == RV_OP_lr_d;
	uint64_t va = X(in->rs1);
	uint64_t old, src = X(in->rs2), rd;
	void *p;

	/* Misaligned, it faults there (tval a guest address when V=1). */
	if (dbt_mmu_amo_ptr(h, va, size, is_lr, &p))
		return DBT_EXEC_TRAP;

	if (is_lr) {
		old = word ? __atomic_load_n((uint32_t *)p, __ATOMIC_SEQ_CST)
			   : __atomic_load_n((uint64_t *)p, __ATOMIC_SEQ_CST);
		h->resv_addr = va;
		h->resv_val = old;
		h->resv_valid = true;
		rd = word ? alu_sext32(old) : old;
	} else if (in->op == RV_OP_sc_w || in->op == RV_OP_sc_d) {
		bool ok = false;

		/*
		 * The reservation holds while memory still has what LR saw;
		 * the compare-and-swap makes the check and the store one.
		 */
		if (h->resv_valid && h->resv_addr == va) {
			if (word) {
				uint32_t exp = h->resv_val;

				ok = __atomic_compare_exchange_n(
					(uint32_t *)p, &exp, (uint32_t)src,
					false, __ATOMIC_SEQ_CST,
					__ATOMIC_SEQ_CST);
			} else {
				uint64_t exp = h->resv_val;

				ok = __atomic_compare_exchange_n(
					(uint64_t *)p, &exp, src, false,
					__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
			}
		}
		h->resv_valid = false;
		rd = !ok;
	} else if (word) {
		uint32_t o = __atomic_load_n((uint32_t *)p, __ATOMIC_RELAXED);

		while (!__atomic_compare_exchange_n(
			(uint32_t *)p, &o,
			(uint32_t)amo_compute(in->op, o, src, true), true,
			__ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
			;
		rd = alu_sext32(o);
	} else {
		uint64_t o = __atomic_load_n((uint64_t *)p, __ATOMIC_RELAXED);

		while (!__atomic_compare_exchange_n(
			(uint64_t *)p, &o, amo_compute(in->op, o, src, false),
			true, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
			;
		rd = o;
	}
	X(in->rd) = rd;
	h->x[0] = 0;
	h->pc += in->len;
	return unlikely(h->htif_written) ? DBT_EXEC_HTIF : DBT_EXEC_NEXT;
}

/* ---- F and D extensions ---- */

/* The rounding mode for @in, or -1 if it is reserved (illegal). */
static inline int fp_rm(const struct dbt_hart *h, const struct rv_insn *in)
{
	unsigned rm = in->rm;

	if (rm == 7)
		rm = (h->csr.fcsr >> FCSR_FRM_SHIFT) & 7;
	return rm <= FPU_RMM ? (int)rm : -1;
}

enum dbt_exec_result dbt_exec_fp(struct dbt_hart *h, const struct rv_insn *in)
{
	unsigned fl = 0;
	uint64_t v, addr;
	int rm = 0;
	unsigned rd = in->rd, r1 = in->rs1, r2 = in->rs2, r3 = in->rs3;

	if (!dbt_csr_fs_on(h))
		return illegal(h, in);

	switch (in->op) {
	/* Operations with a rounding-mode field. */
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
		rm = fp_rm(h, in);
		if (rm < 0)
			return illegal(h, in);
		break;
	default:
		break;
	}

	switch (in->op) {
	case RV_OP_flw:
		addr = X(r1) + in->imm;
		if (dbt_mmu_load(h, addr, 4, &v, 0))
			return DBT_EXEC_TRAP;
		set_f_s(h, rd, (uint32_t)v);
		break;
	case RV_OP_fld:
		addr = X(r1) + in->imm;
		if (dbt_mmu_load(h, addr, 8, &v, 0))
			return DBT_EXEC_TRAP;
		set_f_d(h, rd, v);
		break;
	case RV_OP_fsw:
	case RV_OP_fsd:
		addr = X(r1) + in->imm;
		if (dbt_mmu_store(h, addr, in->op == RV_OP_fsw ? 4 : 8,
				  in->op == RV_OP_fsw ? (uint32_t)F(r2) : F(r2),
				  0))
			return DBT_EXEC_TRAP;
		if (unlikely(h->htif_written)) {
			h->pc += in->len;
			return DBT_EXEC_HTIF;
		}
		break;

	case RV_OP_fmadd_s:
		set_f_s(h, rd,
			fpu_fma_s(f_s(h, r1), f_s(h, r2), f_s(h, r3), rm, &fl));
		break;
	case RV_OP_fmsub_s:
		set_f_s(h, rd,
			fpu_fma_s(f_s(h, r1), f_s(h, r2),
				  f_s(h, r3) ^ 0x80000000u, rm, &fl));
		break;
	case RV_OP_fnmsub_s:
		set_f_s(h, rd,
			fpu_fma_s(f_s(h, r1) ^ 0x80000000u, f_s(h, r2),
				  f_s(h, r3), rm, &fl));
		break;
	case RV_OP_fnmadd_s:
		set_f_s(h, rd,
			fpu_fma_s(f_s(h, r1) ^ 0x80000000u, f_s(h, r2),
				  f_s(h, r3) ^ 0x80000000u, rm, &fl));
		break;
	case RV_OP_fadd_s:
		set_f_s(h, rd, fpu_add_s(f_s(h, r1), f_s(h, r2), rm, &fl));
		break;
	case RV_OP_fsub_s:
		set_f_s(h, rd, fpu_sub_s(f_s(h, r1), f_s(h, r2), rm, &fl));
		break;
	case RV_OP_fmul_s:
		set_f_s(h, rd, fpu_mul_s(f_s(h, r1), f_s(h, r2), rm, &fl));
		break;
	case RV_OP_fdiv_s:
		set_f_s(h, rd, fpu_div_s(f_s(h, r1), f_s(h, r2), rm, &fl));
		break;
	case RV_OP_fsqrt_s:
		set_f_s(h, rd, fpu_sqrt_s(f_s(h, r1), rm, &fl));
		break;
	case RV_OP_fsgnj_s:
		set_f_s(h, rd,
			(f_s(h, r1) & 0x7fffffffu) |
				(f_s(h, r2) & 0x80000000u));
		break;
	case RV_OP_fsgnjn_s:
		set_f_s(h, rd,
			(f_s(h, r1) & 0x7fffffffu) |
				(~f_s(h, r2) & 0x80000000u));
		break;
	case RV_OP_fsgnjx_s:
		set_f_s(h, rd, f_s(h, r1) ^ (f_s(h, r2) & 0x80000000u));
		break;
	case RV_OP_fmin_s:
		set_f_s(h, rd, fpu_min_s(f_s(h, r1), f_s(h, r2), &fl));
		break;
	case RV_OP_fmax_s:
		set_f_s(h, rd, fpu_max_s(f_s(h, r1), f_s(h, r2), &fl));
		break;
	case RV_OP_fcvt_w_s:
		X(rd) = (uint64_t)(int64_t)fpu_to_i32_s(f_s(h, r1), rm, &fl);
		break;
	case RV_OP_fcvt_wu_s:
		X(rd) = alu_sext32(fpu_to_u32_s(f_s(h, r1), rm, &fl));
		break;
	case RV_OP_fcvt_l_s:
		X(rd) = (uint64_t)fpu_to_i64_s(f_s(h, r1), rm, &fl);
		break;
	case RV_OP_fcvt_lu_s:
		X(rd) = fpu_to_u64_s(f_s(h, r1), rm, &fl);
		break;
	case RV_OP_fmv_x_w:
		/* A bit move: the register's low word, boxed or not. */
		X(rd) = alu_sext32(F(r1));
		break;
	case RV_OP_feq_s:
		X(rd) = fpu_eq_s(f_s(h, r1), f_s(h, r2), &fl);
		break;
	case RV_OP_flt_s:
		X(rd) = fpu_lt_s(f_s(h, r1), f_s(h, r2), &fl);
		break;
	case RV_OP_fle_s:
		X(rd) = fpu_le_s(f_s(h, r1), f_s(h, r2), &fl);
		break;
	case RV_OP_fclass_s:
		X(rd) = fpu_class_s(f_s(h, r1));
		break;
	case RV_OP_fcvt_s_w:
		set_f_s(h, rd, fpu_from_i32_s((int32_t)X(r1), rm, &fl));
		break;
	case RV_OP_fcvt_s_wu:
		set_f_s(h, rd, fpu_from_u32_s((uint32_t)X(r1), rm, &fl));
		break;
	case RV_OP_fcvt_s_l:
		set_f_s(h, rd, fpu_from_i64_s((int64_t)X(r1), rm, &fl));
		break;
	case RV_OP_fcvt_s_lu:
		set_f_s(h, rd, fpu_from_u64_s(X(r1), rm, &fl));
		break;
	case RV_OP_fmv_w_x:
		set_f_s(h, rd, (uint32_t)X(r1));
		break;

	case RV_OP_fmadd_d:
		set_f_d(h, rd, fpu_fma_d(F(r1), F(r2), F(r3), rm, &fl));
		break;
	case RV_OP_fmsub_d:
		set_f_d(h, rd,
			fpu_fma_d(F(r1), F(r2), F(r3) ^ (1ull << 63), rm, &fl));
		break;
	case RV_OP_fnmsub_d:
		set_f_d(h, rd,
			fpu_fma_d(F(r1) ^ (1ull << 63), F(r2), F(r3), rm, &fl));
		break;
	case RV_OP_fnmadd_d:
		set_f_d(h, rd,
			fpu_fma_d(F(r1) ^ (1ull << 63), F(r2),
				  F(r3) ^ (1ull << 63), rm, &fl));
		break;
	case RV_OP_fadd_d:
		set_f_d(h, rd, fpu_add_d(F(r1), F(r2), rm, &fl));
		break;
	case RV_OP_fsub_d:
		set_f_d(h, rd, fpu_sub_d(F(r1), F(r2), rm, &fl));
		break;
	case RV_OP_fmul_d:
		set_f_d(h, rd, fpu_mul_d(F(r1), F(r2), rm, &fl));
		break;
	case RV_OP_fdiv_d:
		set_f_d(h, rd, fpu_div_d(F(r1), F(r2), rm, &fl));
		break;
	case RV_OP_fsqrt_d:
		set_f_d(h, rd, fpu_sqrt_d(F(r1), rm, &fl));
		break;
	case RV_OP_fsgnj_d:
		set_f_d(h, rd,
			(F(r1) & ~(1ull << 63)) | (F(r2) & (1ull << 63)));
		break;
	case RV_OP_fsgnjn_d:
		set_f_d(h, rd,
			(F(r1) & ~(1ull << 63)) | (~F(r2) & (1ull << 63)));
		break;
	case RV_OP_fsgnjx_d:
		set_f_d(h, rd, F(r1) ^ (F(r2) & (1ull << 63)));
		break;
	case RV_OP_fmin_d:
		set_f_d(h, rd, fpu_min_d(F(r1), F(r2), &fl));
		break;
	case RV_OP_fmax_d:
		set_f_d(h, rd, fpu_max_d(F(r1), F(r2), &fl));
		break;
	case RV_OP_fcvt_s_d:
		set_f_s(h, rd, fpu_d_to_s(F(r1), rm, &fl));
		break;
	case RV_OP_fcvt_d_s:
		set_f_d(h, rd, fpu_s_to_d(f_s(h, r1), &fl));
		break;
	case RV_OP_feq_d:
		X(rd) = fpu_eq_d(F(r1), F(r2), &fl);
		break;
	case RV_OP_flt_d:
		X(rd) = fpu_lt_d(F(r1), F(r2), &fl);
		break;
	case RV_OP_fle_d:
		X(rd) = fpu_le_d(F(r1), F(r2), &fl);
		break;
	case RV_OP_fclass_d:
		X(rd) = fpu_class_d(F(r1));
		break;
	case RV_OP_fcvt_w_d:
		X(rd) = (uint64_t)(int64_t)fpu_to_i32_d(F(r1), rm, &fl);
		break;
	case RV_OP_fcvt_wu_d:
		X(rd) = alu_sext32(fpu_to_u32_d(F(r1), rm, &fl));
		break;
	case RV_OP_fcvt_l_d:
		X(rd) = (uint64_t)fpu_to_i64_d(F(r1), rm, &fl);
		break;
	case RV_OP_fcvt_lu_d:
		X(rd) = fpu_to_u64_d(F(r1), rm, &fl);
		break;
	case RV_OP_fcvt_d_w:
		set_f_d(h, rd, fpu_from_i32_d((int32_t)X(r1), rm, &fl));
		break;
	case RV_OP_fcvt_d_wu:
		set_f_d(h, rd, fpu_from_u32_d((uint32_t)X(r1), rm, &fl));
		break;
	case RV_OP_fcvt_d_l:
		set_f_d(h, rd, fpu_from_i64_d((int64_t)X(r1), rm, &fl));
		break;
	case RV_OP_fcvt_d_lu:
		set_f_d(h, rd, fpu_from_u64_d(X(r1), rm, &fl));
		break;
	case RV_OP_fmv_x_d:
		X(rd) = F(r1);
		break;
	case RV_OP_fmv_d_x:
		set_f_d(h, rd, X(r1));
		break;
	default:
		return illegal(h, in);
	}
	accrue_fflags(h, fl);
	h->x[0] = 0;
	h->pc += in->len;
	return DBT_EXEC_NEXT;
}

/* ---- Zicsr ---- */

enum dbt_exec_result dbt_exec_csr(struct dbt_hart *h, const struct rv_insn *in)
{
	enum dbt_csr_op op;
	bool imm = in->op >= RV_OP_csrrwi;
	uint64_t src = imm ? in->rs1 : X(in->rs1);
	bool read = true, write = true;
	uint64_t old = 0;

	switch (in->op) {
	case RV_OP_csrrw:
	case RV_OP_csrrwi:
		op = DBT_CSR_RW;
		read = in->rd != 0;
		break;
	case RV_OP_csrrs:
	case RV_OP_csrrsi:
		op = DBT_CSR_RS;
		write = in->rs1 != 0;
		break;
	default:
		op = DBT_CSR_RC;
		write = in->rs1 != 0;
		break;
	}
	if (dbt_csr_access(h, in->csr, op, src, read, write, &old))
		return trap_from(h, in);
	X(in->rd) = old;
	h->x[0] = 0;
	h->pc += in->len;
	return DBT_EXEC_NEXT;
}

/* ---- Zicbom / Zicboz ---- */

#define CBO_BLOCK 64

/*
 * Enabled below M by menvcfg, with V=1 also by henvcfg, and in U or VU
 * also by senvcfg (CMO chapter; hypervisor.adoc "henvcfg"). Returns 0
 * when enabled, else the exception: illegal when M-mode (or, in U, HS)
 * disallows it, virtual when only henvcfg or the guest's senvcfg does.
 */
static uint64_t cbo_enabled(const struct dbt_hart *h, uint64_t field)
{
	const struct dbt_csrs *c = &h->csr;

	if (h->priv == PRV_M)
		return 0;
	if (!(c->menvcfg & field))
		return EXC_ILLEGAL;
	if (!h->virt)
		return h->priv == PRV_S || (c->senvcfg & field) ? 0
								: EXC_ILLEGAL;
	if (!(c->henvcfg & field))
		return EXC_VIRTUAL_INSN;
	return h->priv == PRV_S || (c->senvcfg & field) ? 0 : EXC_VIRTUAL_INSN;
}

static enum dbt_exec_result refuse(struct dbt_hart *h, const struct rv_insn *in,
				   uint64_t cause)
{
	dbt_exc_set(h, cause, in->raw);
	return DBT_EXEC_TRAP;
}

/*
 * A cache-block operation faults as a store would, with tval = rs1 (the
 * effective address), whatever part of the block the check was made on.
 */
static enum dbt_exec_result cbo_fault(struct dbt_hart *h, uint64_t ea)
{
	switch (h->exc.cause) {
	case EXC_LOAD_ACCESS:
		h->exc.cause = EXC_STORE_ACCESS;
		break;
	case EXC_LOAD_PAGE:
		h->exc.cause = EXC_STORE_PAGE;
		break;
	case EXC_LOAD_GUEST_PAGE:
		h->exc.cause = EXC_STORE_GUEST_PAGE;
		break;
	}
	/* Pointer masking applies to the address the trap reports. */
	h->exc.tval = dbt_mmu_pm(h, ea);
	return DBT_EXEC_TRAP;
}

enum dbt_exec_result dbt_exec_cbo(struct dbt_hart *h, const struct rv_insn *in)
{
	uint64_t ea = X(in->rs1);
	uint64_t block = ea & ~(uint64_t)(CBO_BLOCK - 1);
	uint64_t no;
	void *p;

	switch (in->op) {
	case RV_OP_cbo_zero:
		no = cbo_enabled(h, ENVCFG_CBZE);
		if (no)
			return refuse(h, in, no);
		for (unsigned i = 0; i < CBO_BLOCK; i += 8)
			if (dbt_mmu_store(h, block + i, 8, 0, 0))
				return cbo_fault(h, ea);
		if (unlikely(h->htif_written)) {
			h->pc += in->len;
			return DBT_EXEC_HTIF;
		}
		break;
	case RV_OP_cbo_inval:
		no = cbo_enabled(h, ENVCFG_CBIE);
		if (no)
			return refuse(h, in, no);
		goto check_access;
	default:
		no = cbo_enabled(h, ENVCFG_CBCFE);
		if (no)
			return refuse(h, in, no);
	check_access:
		/*
		 * Memory is coherent here, so what is left is the permission
		 * check: a load or a store must be allowed; a write-only
		 * page cannot exist, so checking for a load is enough.
		 */
		if (dbt_mmu_amo_ptr(h, block, 8, true, &p))
			return cbo_fault(h, ea);
		break;
	}
	h->pc += in->len;
	return DBT_EXEC_NEXT;
}

/* ---- Privileged instructions ---- */

/*
 * The hypervisor instructions: virtual from VS/VU, illegal from U unless
 * (for HLV, HLVX and HSV) hstatus.HU allows them.
 */
static bool hyp_allowed(struct dbt_hart *h, const struct rv_insn *in,
			bool vm_access)
{
	if (h->virt) {
		dbt_exc_set(h, EXC_VIRTUAL_INSN, in->raw);
		return false;
	}
	if (h->priv == PRV_U && !(vm_access && (h->csr.hstatus & HSTATUS_HU))) {
		dbt_exc_set(h, EXC_ILLEGAL, in->raw);
		return false;
	}
	return true;
}

/* HLV, HLVX, HSV: as V=1 at hstatus.SPVP's privilege (mmu.c). */
static enum dbt_exec_result hyp_access(struct dbt_hart *h,
				       const struct rv_insn *in)
{
	const struct rv_op_attr *a = &rv_op_attrs[in->op];
	unsigned flags = DBT_MMU_HLV;
	uint64_t v;

	if (!hyp_allowed(h, in, true))
		return DBT_EXEC_TRAP;
	if (in->op == RV_OP_hlvx_hu || in->op == RV_OP_hlvx_wu)
		flags = DBT_MMU_HLVX;
	if (a->flags & RV_A_STORE) {
		if (dbt_mmu_store_slow(h, X(in->rs1), a->size, X(in->rs2),
				       flags))
			return DBT_EXEC_TRAP;
		h->pc += in->len;
		return unlikely(h->htif_written) ? DBT_EXEC_HTIF
						 : DBT_EXEC_NEXT;
	}
	if (dbt_mmu_load_slow(h, X(in->rs1), a->size, &v, flags))
		return DBT_EXEC_TRAP;
	if (a->flags & RV_A_SIGNED)
		v = (uint64_t)((int64_t)(v << (64 - 8 * a->size)) >>
			       (64 - 8 * a->size));
	X(in->rd) = v;
	h->x[0] = 0;
	h->pc += in->len;
	return DBT_EXEC_NEXT;
}

/* fence's imm is fm:pred:succ, each set being PI PO PR PW / SI SO SR SW. */
#define FENCE_PRED_WO (0x5 << 4)
#define FENCE_SUCC_RI 0xa
#define FENCE_PAUSE 0x010

enum dbt_exec_result dbt_exec_system(struct dbt_hart *h,
				     const struct rv_insn *in)
{
	static const uint8_t ecall_cause[4] = {
		[PRV_U] = EXC_ECALL_U,
		[PRV_S] = EXC_ECALL_S,
		[PRV_M] = EXC_ECALL_M,
	};

	switch (in->op) {
	case RV_OP_ecall:
		if (h->priv == PRV_S && !h->virt && h->vm->cfg.host_sbi)
			return DBT_EXEC_SBI;
		dbt_exc_set(h,
			    h->virt && h->priv == PRV_S ? EXC_ECALL_VS
							: ecall_cause[h->priv],
			    0);
		return DBT_EXEC_TRAP;
	case RV_OP_ebreak:
		/* The spec allows tval = 0 or the pc; QEMU writes 0. */
		dbt_exc_set(h, EXC_BREAKPOINT, 0);
		return DBT_EXEC_TRAP;
	case RV_OP_mret:
		if (dbt_trap_mret(h))
			return trap_from(h, in);
		return DBT_EXEC_NEXT;
	case RV_OP_sret:
		if (dbt_trap_sret(h))
			return trap_from(h, in);
		return DBT_EXEC_NEXT;
	case RV_OP_wfi:
		if (dbt_trap_wfi(h))
			return trap_from(h, in);
		break;
	case RV_OP_fence:
		/*
		 * PAUSE (Zihintpause: fence w,0) says the hart spins waiting
		 * for another: let the host run another thread, which may
		 * well be the hart it waits for.
		 */
		if (in->imm == FENCE_PAUSE && h->vm->nharts > 1) {
			sched_yield();
			break;
		}
		/*
		 * Only a store (or output) before a load (or input) needs
		 * the full fence: the host keeps every other order with an
		 * acquire-release fence (nothing at all on x86-64).
		 */
		if ((in->imm & FENCE_PRED_WO) && (in->imm & FENCE_SUCC_RI))
			__atomic_thread_fence(__ATOMIC_SEQ_CST);
		else
			__atomic_thread_fence(__ATOMIC_ACQ_REL);
		break;
	case RV_OP_fence_i:
		/*
		 * Decoded code follows every store to its page already;
		 * only blocks decoded while a marking raced need a look
		 * (cache.h).
		 */
		dbt_cache_fence_i(h);
		break;
	case RV_OP_sfence_vma:
	case RV_OP_sinval_vma:
		/* A supervisor instruction: VU, and VS with VTVM, virtual. */
		if (h->virt &&
		    (h->priv == PRV_U || (h->csr.hstatus & HSTATUS_VTVM)))
			return refuse(h, in, EXC_VIRTUAL_INSN);
		if (h->priv == PRV_U || (h->priv == PRV_S && !h->virt &&
					 (h->csr.mstatus & MSTATUS_TVM)))
			return illegal(h, in);
		dbt_mmu_sfence(h, in->rs1 != 0, X(in->rs1), in->rs2 != 0,
			       X(in->rs2));
		break;
	case RV_OP_sfence_w_inval:
	case RV_OP_sfence_inval_ir:
		if (h->virt && h->priv == PRV_U)
			return refuse(h, in, EXC_VIRTUAL_INSN);
		if (h->priv == PRV_U)
			return illegal(h, in);
		break;
	case RV_OP_hfence_vvma:
	case RV_OP_hinval_vvma:
		if (!hyp_allowed(h, in, false))
			return DBT_EXEC_TRAP;
		dbt_mmu_hfence_vvma(h, in->rs1 != 0, X(in->rs1), in->rs2 != 0,
				    X(in->rs2));
		break;
	case RV_OP_hfence_gvma:
	case RV_OP_hinval_gvma:
		if (!hyp_allowed(h, in, false))
			return DBT_EXEC_TRAP;
		if (h->priv == PRV_S && (h->csr.mstatus & MSTATUS_TVM))
			return illegal(h, in);
		dbt_mmu_hfence_gvma(h, in->rs1 != 0, X(in->rs1), in->rs2 != 0,
				    X(in->rs2));
		break;
	case RV_OP_hlv_b ... RV_OP_hsv_d:
		return hyp_access(h, in);
	default:
		return illegal(h, in);
	}
	h->pc += in->len;
	return DBT_EXEC_NEXT;
}

/* funct3 of the basic loads and stores, from their decoded op. */
static int mem_funct3(unsigned op)
{
	switch (op) {
	case RV_OP_lb:
	case RV_OP_sb:
		return 0;
	case RV_OP_lh:
	case RV_OP_sh:
		return 1;
	case RV_OP_lw:
	case RV_OP_sw:
	case RV_OP_flw:
	case RV_OP_fsw:
		return 2;
	case RV_OP_ld:
	case RV_OP_sd:
	case RV_OP_fld:
	case RV_OP_fsd:
		return 3;
	case RV_OP_lbu:
		return 4;
	case RV_OP_lhu:
		return 5;
	case RV_OP_lwu:
		return 6;
	default:
		return -1;
	}
}

void dbt_exec_tinst(struct dbt_hart *h, const struct rv_insn *in, uint64_t va)
{
	const struct rv_op_attr *a = &rv_op_attrs[in->op];
	uint64_t off = h->exc.tval - va;
	uint32_t t;
	int f3;

	switch (h->exc.cause) {
	case EXC_LOAD_MISALIGNED:
	case EXC_LOAD_ACCESS:
	case EXC_STORE_MISALIGNED:
	case EXC_STORE_ACCESS:
	case EXC_LOAD_PAGE:
	case EXC_STORE_PAGE:
	case EXC_LOAD_GUEST_PAGE:
	case EXC_STORE_GUEST_PAGE:
		break;
	default:
		return;
	}
	/* A pseudoinstruction (VS-stage page-table access) stays. */
	if (h->exc.tinst || off > 31)
		return;
	if ((a->flags & RV_A_ATOMIC) ||
	    (in->op >= RV_OP_hlv_b && in->op <= RV_OP_hsv_d)) {
		/* AMOs, LR/SC, HLV/HSV: rs1 becomes the address offset. */
		t = (in->raw & ~(0x1fu << 15)) | (uint32_t)off << 15;
	} else {
		f3 = mem_funct3(in->op);
		if (f3 < 0)
			return;
		/* The basic forms with a zero offset (compressed: expanded). */
		if (a->flags & RV_A_LOAD)
			t = (uint32_t)f3 << 12 | (in->rd & 31u) << 7 |
			    (a->flags & RV_A_FP ? 0x07 : 0x03);
		else
			t = (uint32_t)in->rs2 << 20 | (uint32_t)f3 << 12 |
			    (a->flags & RV_A_FP ? 0x27 : 0x23);
		t |= (uint32_t)off << 15;
		if (in->len == 2)
			t &= ~2u; /* bit 1 clear: it was compressed */
	}
	h->exc.tinst = t;
}

enum dbt_exec_result dbt_exec_helper(struct dbt_hart *h,
				     const struct rv_insn *in)
{
	switch (in->op) {
	case RV_OP_lr_w ... RV_OP_amomaxu_d:
		return dbt_exec_amo(h, in);
	case RV_OP_csrrw ... RV_OP_csrrci:
		return dbt_exec_csr(h, in);
	case RV_OP_flw ... RV_OP_fmv_d_x:
		return dbt_exec_fp(h, in);
	case RV_OP_cbo_clean ... RV_OP_cbo_zero:
		return dbt_exec_cbo(h, in);
	case RV_OP_fence:
	case RV_OP_fence_i:
	case RV_OP_ecall:
	case RV_OP_ebreak:
	case RV_OP_sret ... RV_OP_hsv_d:
		return dbt_exec_system(h, in);
	case RV_OP_flh ... RV_OP_fltq_h:
		return dbt_exec_fpx(h, in);
	case RV_OP_clmul ... RV_OP_c_mop:
		return dbt_exec_bits(h, in);
	case RV_OP_wrs_nto ... RV_OP_wrs_sto:
		return dbt_exec_wrs(h, in);
	case RV_OP_jal:
	case RV_OP_jalr:
	case RV_OP_beq ... RV_OP_bgeu:
		return dbt_exec_jump(h, in);
	default:
		return illegal(h, in);
	}
}
