/*
 * Differential half-precision corner cases: every Zfh/Zfhmin operation
 * over a table of edge operands (zeros, subnormals, extremes, infinities,
 * NaNs signaling and quiet, values whose rounding differs by mode, and
 * one that is not NaN-boxed), in each rounding mode where one applies,
 * printed as "@op rm i j k = result fflags" and compared with QEMU's
 * lines. RISC-V Unprivileged ISA, "Zfh" and "Zfhmin".
 * ISA-DIFF
 * ISA-MARCH: rv64gc_zba_zbb_zbs_zicbom_zicboz_zfh
 * ISA-QEMU-CPU: Zfh=true,Zfhmin=true
 * ISA-HVRUN-ARGS: --isa rva23s64,zfh=on
 */
#include "rt.h"

typedef unsigned long u64;

#define HB 0xffffffffffff0000UL
static const u64 hops[] = {
	HB | 0x0000,	    HB | 0x8000, HB | 0x3c00, HB | 0xbc00, HB | 0x3e00,
	HB | 0x0001,	    HB | 0x83ff, HB | 0x0400, HB | 0x7bff, HB | 0xfbff,
	HB | 0x7c00,	    HB | 0xfc00, HB | 0x7e00, HB | 0x7c01, HB | 0xfe12,
	HB | 0x3555,	    HB | 0x6401, HB | 0xc700, HB | 0x1a00, HB | 0x7800,
	0x0000000000003c00, /* not NaN-boxed: the canonical NaN */
};
static const u64 dops[] = {
	0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000,
	0x0000000000000001, 0x3f10000000000000, 0x3ef0000000000000,
	0x40effc0000000000, 0x40effe0000000000, 0x40f0000000000000,
	0x7ff0000000000000, 0x7ff8000000000000, 0x7ff0000000000001,
	0x3fd5555555555555, 0xc0e0010000000001,
};
#define SB 0xffffffff00000000UL
static const u64 sops[] = {
	SB | 0x00000000, SB | 0x80000000, SB | 0x3f800000,    SB | 0x00000001,
	SB | 0x38800000, SB | 0x33800000, SB | 0x477fe000,    SB | 0x477ff000,
	SB | 0x47800000, SB | 0x7f800000, SB | 0x7fc00000,    SB | 0x7f800001,
	SB | 0x3eaaaaab, SB | 0xc7000801, 0x000000003f800000,
};
static const u64 iops[] = {
	0,
	1,
	-1UL,
	2047,
	2049,
	65504,
	65520,
	65536,
	0x7fffffff,
	0xffffffff80000000,
	0xffffffff,
	0x7fffffffffffffff,
	0x8000000000000000,
	-2049UL,
};
#define N(a) (int)(sizeof(a) / sizeof(a[0]))

#include "fpops.h"

FN2(fadd_h, "fadd.h");
FN2(fsub_h, "fsub.h");
FN2(fmul_h, "fmul.h");
FN2(fdiv_h, "fdiv.h");
FN2(fmin_h, "fmin.h");
FN2(fmax_h, "fmax.h");
FN2(fsgnj_h, "fsgnj.h");
FN2(fsgnjn_h, "fsgnjn.h");
FN2(fsgnjx_h, "fsgnjx.h");
FX2(feq_h, "feq.h");
FX2(flt_h, "flt.h");
FX2(fle_h, "fle.h");
FN1(fsqrt_h, "fsqrt.h");
FN1(fcvt_s_h, "fcvt.s.h");
FN1(fcvt_d_h, "fcvt.d.h");
FN1(fcvt_h_s, "fcvt.h.s");
FN1(fcvt_h_d, "fcvt.h.d");
FX1(fclass_h, "fclass.h");
FX1(fmv_x_h, "fmv.x.h");
FX1(fcvt_w_h, "fcvt.w.h");
FX1(fcvt_wu_h, "fcvt.wu.h");
FX1(fcvt_l_h, "fcvt.l.h");
FX1(fcvt_lu_h, "fcvt.lu.h");
XF1(fcvt_h_w, "fcvt.h.w");
XF1(fcvt_h_wu, "fcvt.h.wu");
XF1(fcvt_h_l, "fcvt.h.l");
XF1(fcvt_h_lu, "fcvt.h.lu");
XF1(fmv_h_x, "fmv.h.x");
FN3(fmadd_h, "fmadd.h");
FN3(fmsub_h, "fmsub.h");
FN3(fnmadd_h, "fnmadd.h");
FN3(fnmsub_h, "fnmsub.h");

/* kind: operand table; rm: whether the rounding mode matters */
enum { H, S, D, I };
struct op {
	const char *name;
	u64 (*fn)(u64, u64, u64);
	int nargs, kind, rm;
};

static const struct op ops[] = {
	{"fadd.h", fadd_h, 2, H, 1},	   {"fsub.h", fsub_h, 2, H, 1},
	{"fmul.h", fmul_h, 2, H, 1},	   {"fdiv.h", fdiv_h, 2, H, 1},
	{"fmin.h", fmin_h, 2, H, 0},	   {"fmax.h", fmax_h, 2, H, 0},
	{"fsgnj.h", fsgnj_h, 2, H, 0},	   {"fsgnjn.h", fsgnjn_h, 2, H, 0},
	{"fsgnjx.h", fsgnjx_h, 2, H, 0},   {"feq.h", feq_h, 2, H, 0},
	{"flt.h", flt_h, 2, H, 0},	   {"fle.h", fle_h, 2, H, 0},
	{"fsqrt.h", fsqrt_h, 1, H, 1},	   {"fcvt.s.h", fcvt_s_h, 1, H, 0},
	{"fcvt.d.h", fcvt_d_h, 1, H, 0},   {"fcvt.h.s", fcvt_h_s, 1, S, 1},
	{"fcvt.h.d", fcvt_h_d, 1, D, 1},   {"fclass.h", fclass_h, 1, H, 0},
	{"fmv.x.h", fmv_x_h, 1, H, 0},	   {"fcvt.w.h", fcvt_w_h, 1, H, 1},
	{"fcvt.wu.h", fcvt_wu_h, 1, H, 1}, {"fcvt.l.h", fcvt_l_h, 1, H, 1},
	{"fcvt.lu.h", fcvt_lu_h, 1, H, 1}, {"fcvt.h.w", fcvt_h_w, 1, I, 1},
	{"fcvt.h.wu", fcvt_h_wu, 1, I, 1}, {"fcvt.h.l", fcvt_h_l, 1, I, 1},
	{"fcvt.h.lu", fcvt_h_lu, 1, I, 1}, {"fmv.h.x", fmv_h_x, 1, I, 0},
	{"fmadd.h", fmadd_h, 3, H, 1},	   {"fmsub.h", fmsub_h, 3, H, 1},
	{"fnmadd.h", fnmadd_h, 3, H, 1},   {"fnmsub.h", fnmsub_h, 3, H, 1},
};

static const int fma_pick[] = {1, 2, 5, 7, 8, 10, 13, 15};

static void one(const struct op *o, int rm, const u64 *t, int i, int j, int k)
{
	u64 r, f;

	csr_write(fflags, 0);
	r = o->fn(t[i], t[j], t[k]);
	f = csr_read(fflags);
	printf("@%s %d %d %d %d = %lx %lx\n", o->name, rm, i, j, k, r, f);
}

/* Loads and stores move 16 bits: flh boxes, fsh stores the low half. */
static void loads_stores(void)
{
	static volatile unsigned short mem[2] = {0x3c00, 0};
	u64 r;

	asm volatile("flh ft0, 0(%1)\n\tfmv.x.d %0, ft0"
		     : "=r"(r)
		     : "r"(mem)
		     : "ft0", "memory");
	printf("@flh = %lx\n", r);
	asm volatile(
		"fmv.d.x ft0, %0\n\tfsh ft0, 2(%1)" ::"r"(0x123456789abcUL),
		"r"(mem)
		: "ft0", "memory");
	printf("@fsh = %x\n", mem[1]);
}

int main(void)
{
	csr_set(mstatus, MSTATUS_FS);
	for (int k = 0; k < N(ops); k++) {
		const struct op *o = &ops[k];
		const u64 *t = o->kind == H   ? hops
			       : o->kind == S ? sops
			       : o->kind == D ? dops
					      : iops;
		int n = o->kind == H   ? N(hops)
			: o->kind == S ? N(sops)
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
	loads_stores();
	csr_write(fcsr, 0);
	printf("@end\n");
	return 0;
}
