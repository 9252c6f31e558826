/*
 * Differential FP corner cases: every F/D operation over a table of edge
 * operands (zeros, subnormals, extremes, infinities, NaNs, values whose
 * rounding differs by mode), in each rounding mode where one applies.
 * Each result is printed as "@op rm i j k = result fflags" (i, j, k index
 * the operand tables); the suite compares hvrun's lines with QEMU's. RISC-V Unprivileged ISA, "F" and
 * "D" chapters.
 * ISA-DIFF
 */
#include "rt.h"

typedef unsigned long u64;

static const u64 dops[] = {
	0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000,
	0xbff0000000000000, 0x3ff8000000000000, 0x0000000000000001,
	0x800fffffffffffff, 0x0010000000000000, 0x7fefffffffffffff,
	0xffefffffffffffff, 0x7ff0000000000000, 0xfff0000000000000,
	0x7ff8000000000000, 0x7ff0000000000001, 0xfff8000000001234,
	0x3fd5555555555555, 0x4340000000000001, 0xc00e000000000000,
	0x01a56e1fc2f8f359, 0x43e0000000000000, 0x41efffffffe00000,
};
#define BOX 0xffffffff00000000UL
static const u64 sops[] = {
	BOX | 0x00000000, BOX | 0x80000000, BOX | 0x3f800000,
	BOX | 0xbf800000, BOX | 0x3fc00000, BOX | 0x00000001,
	BOX | 0x807fffff, BOX | 0x00800000, BOX | 0x7f7fffff,
	BOX | 0xff7fffff, BOX | 0x7f800000, BOX | 0xff800000,
	BOX | 0x7fc00000, BOX | 0x7f800001, BOX | 0xffc01234,
	BOX | 0x3eaaaaab, BOX | 0x4b800001, BOX | 0xc0700000,
	BOX | 0x0d800000, BOX | 0x4f800000, 0x000000003f800000,
};
static const u64 iops[] = {
	0,
	1,
	-1UL,
	0x7fffffff,
	0x80000000,
	0xffffffff80000000,
	0x00000000ffffffff,
	0x7fffffffffffffff,
	0x8000000000000000,
	0x0000000001000001,
	0x0020000000000001,
	0xfffffffffefffffd,
	0x123456789abcdef1,
};
#define N(a) (int)(sizeof(a) / sizeof(a[0]))

/* Each macro below defines one function; the trailing declaration only
 * lets its use end with a semicolon. */

#include "fpops.h"

FN2(fadd_s, "fadd.s");
FN2(fsub_s, "fsub.s");
FN2(fmul_s, "fmul.s");
FN2(fdiv_s, "fdiv.s");
FN2(fadd_d, "fadd.d");
FN2(fsub_d, "fsub.d");
FN2(fmul_d, "fmul.d");
FN2(fdiv_d, "fdiv.d");
FN2(fmin_s, "fmin.s");
FN2(fmax_s, "fmax.s");
FN2(fmin_d, "fmin.d");
FN2(fmax_d, "fmax.d");
FN2(fsgnj_s, "fsgnj.s");
FN2(fsgnjn_s, "fsgnjn.s");
FN2(fsgnjx_s, "fsgnjx.s");
FN2(fsgnj_d, "fsgnj.d");
FN2(fsgnjn_d, "fsgnjn.d");
FN2(fsgnjx_d, "fsgnjx.d");
FX2(feq_s, "feq.s");
FX2(flt_s, "flt.s");
FX2(fle_s, "fle.s");
FX2(feq_d, "feq.d");
FX2(flt_d, "flt.d");
FX2(fle_d, "fle.d");
FN1(fsqrt_s, "fsqrt.s");
FN1(fsqrt_d, "fsqrt.d");
FN1(fcvt_s_d, "fcvt.s.d");
FN1(fcvt_d_s, "fcvt.d.s");
FX1(fclass_s, "fclass.s");
FX1(fclass_d, "fclass.d");
FX1(fmv_x_w, "fmv.x.w");
FX1(fmv_x_d, "fmv.x.d");
FX1(fcvt_w_s, "fcvt.w.s");
FX1(fcvt_wu_s, "fcvt.wu.s");
FX1(fcvt_l_s, "fcvt.l.s");
FX1(fcvt_lu_s, "fcvt.lu.s");
FX1(fcvt_w_d, "fcvt.w.d");
FX1(fcvt_wu_d, "fcvt.wu.d");
FX1(fcvt_l_d, "fcvt.l.d");
FX1(fcvt_lu_d, "fcvt.lu.d");
XF1(fcvt_s_w, "fcvt.s.w");
XF1(fcvt_s_wu, "fcvt.s.wu");
XF1(fcvt_s_l, "fcvt.s.l");
XF1(fcvt_s_lu, "fcvt.s.lu");
XF1(fcvt_d_w, "fcvt.d.w");
XF1(fcvt_d_wu, "fcvt.d.wu");
XF1(fcvt_d_l, "fcvt.d.l");
XF1(fcvt_d_lu, "fcvt.d.lu");
XF1(fmv_w_x, "fmv.w.x");
XF1(fmv_d_x, "fmv.d.x");
FN3(fmadd_s, "fmadd.s");
FN3(fmsub_s, "fmsub.s");
FN3(fnmadd_s, "fnmadd.s");
FN3(fnmsub_s, "fnmsub.s");
FN3(fmadd_d, "fmadd.d");
FN3(fmsub_d, "fmsub.d");
FN3(fnmadd_d, "fnmadd.d");
FN3(fnmsub_d, "fnmsub.d");
/* static rounding modes in the instruction */
#define FN2RM(name, insn, rm)                                              \
	static u64 name(u64 a, u64 b, u64 c)                               \
	{                                                                  \
		u64 r;                                                     \
		asm volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t" insn \
			     " ft3, ft0, ft1, " rm "\n\tfmv.x.d %0, ft3"   \
			     : "=r"(r)                                     \
			     : "r"(a), "r"(b)                              \
			     : "ft0", "ft1", "ft3");                       \
		return r;                                                  \
	}                                                                  \
	extern int fn_defined_##name
FN2RM(fadd_d_rne, "fadd.d", "rne");
FN2RM(fadd_d_rtz, "fadd.d", "rtz");
FN2RM(fadd_d_rdn, "fadd.d", "rdn");
FN2RM(fadd_d_rup, "fadd.d", "rup");
FN2RM(fadd_d_rmm, "fadd.d", "rmm");
FN2RM(fmul_s_rtz, "fmul.s", "rtz");
FN2RM(fdiv_s_rup, "fdiv.s", "rup");

/* kind: operand tables; rm: whether the rounding mode matters */
enum { S, D, I };
struct op {
	const char *name;
	u64 (*fn)(u64, u64, u64);
	int nargs, kind, rm;
};

static const struct op ops[] = {
	{"fadd.s", fadd_s, 2, S, 1},
	{"fsub.s", fsub_s, 2, S, 1},
	{"fmul.s", fmul_s, 2, S, 1},
	{"fdiv.s", fdiv_s, 2, S, 1},
	{"fadd.d", fadd_d, 2, D, 1},
	{"fsub.d", fsub_d, 2, D, 1},
	{"fmul.d", fmul_d, 2, D, 1},
	{"fdiv.d", fdiv_d, 2, D, 1},
	{"fmin.s", fmin_s, 2, S, 0},
	{"fmax.s", fmax_s, 2, S, 0},
	{"fmin.d", fmin_d, 2, D, 0},
	{"fmax.d", fmax_d, 2, D, 0},
	{"fsgnj.s", fsgnj_s, 2, S, 0},
	{"fsgnjn.s", fsgnjn_s, 2, S, 0},
	{"fsgnjx.s", fsgnjx_s, 2, S, 0},
	{"fsgnj.d", fsgnj_d, 2, D, 0},
	{"fsgnjn.d", fsgnjn_d, 2, D, 0},
	{"fsgnjx.d", fsgnjx_d, 2, D, 0},
	{"feq.s", feq_s, 2, S, 0},
	{"flt.s", flt_s, 2, S, 0},
	{"fle.s", fle_s, 2, S, 0},
	{"feq.d", feq_d, 2, D, 0},
	{"flt.d", flt_d, 2, D, 0},
	{"fle.d", fle_d, 2, D, 0},
	{"fsqrt.s", fsqrt_s, 1, S, 1},
	{"fsqrt.d", fsqrt_d, 1, D, 1},
	{"fcvt.s.d", fcvt_s_d, 1, D, 1},
	{"fcvt.d.s", fcvt_d_s, 1, S, 1},
	{"fclass.s", fclass_s, 1, S, 0},
	{"fclass.d", fclass_d, 1, D, 0},
	{"fmv.x.w", fmv_x_w, 1, S, 0},
	{"fmv.x.d", fmv_x_d, 1, D, 0},
	{"fcvt.w.s", fcvt_w_s, 1, S, 1},
	{"fcvt.wu.s", fcvt_wu_s, 1, S, 1},
	{"fcvt.l.s", fcvt_l_s, 1, S, 1},
	{"fcvt.lu.s", fcvt_lu_s, 1, S, 1},
	{"fcvt.w.d", fcvt_w_d, 1, D, 1},
	{"fcvt.wu.d", fcvt_wu_d, 1, D, 1},
	{"fcvt.l.d", fcvt_l_d, 1, D, 1},
	{"fcvt.lu.d", fcvt_lu_d, 1, D, 1},
	{"fcvt.s.w", fcvt_s_w, 1, I, 1},
	{"fcvt.s.wu", fcvt_s_wu, 1, I, 1},
	{"fcvt.s.l", fcvt_s_l, 1, I, 1},
	{"fcvt.s.lu", fcvt_s_lu, 1, I, 1},
	{"fcvt.d.w", fcvt_d_w, 1, I, 1},
	{"fcvt.d.wu", fcvt_d_wu, 1, I, 1},
	{"fcvt.d.l", fcvt_d_l, 1, I, 1},
	{"fcvt.d.lu", fcvt_d_lu, 1, I, 1},
	{"fmv.w.x", fmv_w_x, 1, I, 0},
	{"fmv.d.x", fmv_d_x, 1, I, 0},
	{"fmadd.s", fmadd_s, 3, S, 1},
	{"fmsub.s", fmsub_s, 3, S, 1},
	{"fnmadd.s", fnmadd_s, 3, S, 1},
	{"fnmsub.s", fnmsub_s, 3, S, 1},
	{"fmadd.d", fmadd_d, 3, D, 1},
	{"fmsub.d", fmsub_d, 3, D, 1},
	{"fnmadd.d", fnmadd_d, 3, D, 1},
	{"fnmsub.d", fnmsub_d, 3, D, 1},
	{"fadd.d/rne", fadd_d_rne, 2, D, 0},
	{"fadd.d/rtz", fadd_d_rtz, 2, D, 0},
	{"fadd.d/rdn", fadd_d_rdn, 2, D, 0},
	{"fadd.d/rup", fadd_d_rup, 2, D, 0},
	{"fadd.d/rmm", fadd_d_rmm, 2, D, 0},
	{"fmul.s/rtz", fmul_s_rtz, 2, S, 0},
	{"fdiv.s/rup", fdiv_s_rup, 2, S, 0},
};

/* Operands for the three-operand ops: a smaller set. */
static const int fma_pick[] = {1, 2, 5, 7, 8, 10, 13, 15};

static void one(const struct op *o, int rm, const u64 *t, int i, int j, int k)
{
	u64 r, f;

	csr_write(fflags, 0);
	r = o->fn(t[i], t[j], t[k]);
	f = csr_read(fflags);
	printf("@%s %d %d %d %d = %lx %lx\n", o->name, rm, i, j, k, r, f);
}

int main(void)
{
	for (int k = 0; k < N(ops); k++) {
		const struct op *o = &ops[k];
		const u64 *t = o->kind == S ? sops : o->kind == D ? dops : iops;
		int n = o->kind == S   ? N(sops)
			: o->kind == D ? N(dops)
				       : N(iops);

		for (int rm = 0; rm < (o->rm ? 5 : 1); rm++) {
			csr_write(frm, rm);
			if (o->nargs == 1) {
				for (int i = 0; i < n; i++)
					one(o, rm, t, i, 0, 0);
			} else if (o->nargs == 2) {
				for (int i = 0; i < n; i++)
					for (int j = 0; j < n; j++)
						one(o, rm, t, i, j, 0);
			} else {
				int m = N(fma_pick);
				for (int i = 0; i < m; i++)
					for (int j = 0; j < m; j++)
						for (int l = 0; l < m; l += 2)
							one(o, rm, t,
							    fma_pick[i],
							    fma_pick[j],
							    fma_pick[l]);
			}
		}
	}
	csr_write(fcsr, 0);
	printf("@end\n");
	return 0;
}
