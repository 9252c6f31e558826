/*
 * Zfa: fli (every constant of the table, in S, D and H), fminm/fmaxm
 * (IEEE 754-2019 minimum/maximum: any NaN operand gives the canonical
 * NaN), fround/froundnx (each rounding mode, NX only for froundnx),
 * fcvtmod.w.d (modular, with fcvt.w.d's flags; rm other than RTZ is
 * reserved), fleq/fltq (quiet comparisons). Expected values come from
 * the "Zfa" chapter of the Unprivileged ISA. GNU as 2.40 does not know
 * Zfa: the instructions are written with .insn.
 * ISA-QEMU: skip QEMU 7.2 has no Zfa
 * ISA-HVRUN-ARGS: --isa rva23s64,zfh=on
 */
#include "rt.h"

typedef unsigned long u64;

#define NX 1
#define UF 2
#define OF 4
#define DZ 8
#define NV 16

/*
 * fli ft0, i for each format (S 0, D 1, H 2) and index i: stubs of 12
 * bytes, "fli ft0 (rd 0, rs1 = i, rs2 = 1, funct7 0x78 | fmt); fmv.x.d
 * a0, ft0; ret", uncompressed so that each is as long as the next.
 */
asm(".pushsection .text\n"
    ".option push\n"
    ".option norvc\n"
    ".balign 4\n"
    "fli_stubs:\n"
    ".irp fmt, 0, 1, 2\n"
    ".irp i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, "
    "18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31\n"
    ".insn r 0x53, 0, 0x78 + \\fmt, ft0, x\\i, x1\n"
    "fmv.x.d a0, ft0\n"
    "ret\n"
    ".endr\n"
    ".endr\n"
    ".option pop\n"
    ".popsection");
extern char fli_stubs[];

static u64 fli(unsigned fmt, unsigned i)
{
	u64 (*stub)(void) = (u64(*)(void))(fli_stubs + (fmt * 32 + i) * 12);

	return stub();
}

/* The constants, from the Zfa chapter's table (binary32 encodings). */
static const unsigned fli_s_want[32] = {
	0xbf800000, 0x00800000, 0x37800000, 0x38000000, 0x3b800000, 0x3c000000,
	0x3d800000, 0x3e000000, 0x3e800000, 0x3ea00000, 0x3ec00000, 0x3ee00000,
	0x3f000000, 0x3f200000, 0x3f400000, 0x3f600000, 0x3f800000, 0x3fa00000,
	0x3fc00000, 0x3fe00000, 0x40000000, 0x40200000, 0x40400000, 0x40800000,
	0x41000000, 0x41800000, 0x43000000, 0x43800000, 0x47000000, 0x47800000,
	0x7f800000, 0x7fc00000,
};
/* The same values in binary64 and binary16 (2^16 is infinity there). */
static const u64 fli_d_want[32] = {
	0xbff0000000000000, 0x0010000000000000, 0x3ef0000000000000,
	0x3f00000000000000, 0x3f70000000000000, 0x3f80000000000000,
	0x3fb0000000000000, 0x3fc0000000000000, 0x3fd0000000000000,
	0x3fd4000000000000, 0x3fd8000000000000, 0x3fdc000000000000,
	0x3fe0000000000000, 0x3fe4000000000000, 0x3fe8000000000000,
	0x3fec000000000000, 0x3ff0000000000000, 0x3ff4000000000000,
	0x3ff8000000000000, 0x3ffc000000000000, 0x4000000000000000,
	0x4004000000000000, 0x4008000000000000, 0x4010000000000000,
	0x4020000000000000, 0x4030000000000000, 0x4060000000000000,
	0x4070000000000000, 0x40e0000000000000, 0x40f0000000000000,
	0x7ff0000000000000, 0x7ff8000000000000,
};
static const unsigned short fli_h_want[32] = {
	0xbc00, 0x0400, 0x0100, 0x0200, 0x1c00, 0x2000, 0x2c00, 0x3000,
	0x3400, 0x3500, 0x3600, 0x3700, 0x3800, 0x3900, 0x3a00, 0x3b00,
	0x3c00, 0x3d00, 0x3e00, 0x3f00, 0x4000, 0x4100, 0x4200, 0x4400,
	0x4800, 0x4c00, 0x5800, 0x5c00, 0x7800, 0x7c00, 0x7c00, 0x7e00,
};

static void test_fli(void)
{
	for (int i = 0; i < 32; i++) {
		csr_write(fflags, 0);
		CHECK_EQ(fli(0, i), 0xffffffff00000000UL | fli_s_want[i]);
		CHECK_EQ(fli(1, i), fli_d_want[i]);
		CHECK_EQ(fli(2, i), 0xffffffffffff0000UL | fli_h_want[i]);
		/* fli never raises a flag */
		CHECK_EQ(csr_read(fflags), 0);
	}
}

/* Two-operand ops on raw f-register values: .insn r OP-FP. */
#define FR2(name, f3, f7)                                             \
	static u64 name(u64 a, u64 b)                                 \
	{                                                             \
		u64 r;                                                \
		asm volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t" \
			     ".insn r 0x53, " #f3 ", " #f7            \
			     ", ft2, ft0, ft1\n\t"                    \
			     "fmv.x.d %0, ft2"                        \
			     : "=r"(r)                                \
			     : "r"(a), "r"(b)                         \
			     : "ft0", "ft1", "ft2");                  \
		return r;                                             \
	}
#define XR2(name, f3, f7)                                                   \
	static u64 name(u64 a, u64 b)                                       \
	{                                                                   \
		u64 r;                                                      \
		asm volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t"       \
			     ".insn r 0x53, " #f3 ", " #f7 ", %0, ft0, ft1" \
			     : "=r"(r)                                      \
			     : "r"(a), "r"(b)                               \
			     : "ft0", "ft1");                               \
		return r;                                                   \
	}
/* Unary: rs2 selects (4 fround, 5 froundnx), f3 the rounding mode. */
#define FR1(name, f3, f7, sel)                                          \
	static u64 name(u64 a)                                          \
	{                                                               \
		u64 r;                                                  \
		asm volatile("fmv.d.x ft0, %1\n\t"                      \
			     ".insn r 0x53, " #f3 ", " #f7              \
			     ", ft2, ft0, x" #sel "\n\tfmv.x.d %0, ft2" \
			     : "=r"(r)                                  \
			     : "r"(a)                                   \
			     : "ft0", "ft2");                           \
		return r;                                               \
	}

FR2(fminm_s, 2, 0x14)
FR2(fmaxm_s, 3, 0x14)
FR2(fminm_d, 2, 0x15)
FR2(fmaxm_d, 3, 0x15)
FR2(fminm_h, 2, 0x16)
FR2(fmaxm_h, 3, 0x16)
FR2(fmin_s, 0, 0x14)
XR2(fleq_s, 4, 0x50)
XR2(fltq_s, 5, 0x50)
XR2(fleq_d, 4, 0x51)
XR2(fltq_d, 5, 0x51)
XR2(fleq_h, 4, 0x52)
XR2(fltq_h, 5, 0x52)
XR2(flt_s, 1, 0x50)
FR1(fround_s_dyn, 7, 0x20, 4)
FR1(froundnx_s_dyn, 7, 0x20, 5)
FR1(fround_d_dyn, 7, 0x21, 4)
FR1(froundnx_d_dyn, 7, 0x21, 5)
FR1(fround_h_dyn, 7, 0x22, 4)
FR1(froundnx_h_dyn, 7, 0x22, 5)
FR1(fround_s_rtz, 1, 0x20, 4)

#define S(x) (0xffffffff00000000UL | (x))
#define H(x) (0xffffffffffff0000UL | (x))
#define CANON_S S(0x7fc00000)
#define CANON_D 0x7ff8000000000000UL
#define CANON_H H(0x7e00)

static u64 flags;
#define WITH_FLAGS(expr)                  \
	({                                \
		u64 __r;                  \
		csr_write(fflags, 0);     \
		__r = (expr);             \
		flags = csr_read(fflags); \
		__r;                      \
	})

static void test_minmax(void)
{
	/* a NaN operand: the canonical NaN, NV only for a signaling one */
	CHECK_EQ(WITH_FLAGS(fminm_s(S(0x3f800000), S(0x7fc00000))), CANON_S);
	CHECK_EQ(flags, 0);
	CHECK_EQ(WITH_FLAGS(fmaxm_s(S(0x7f800001), S(0x3f800000))), CANON_S);
	CHECK_EQ(flags, NV);
	/* fmin (not m) returns the number instead */
	CHECK_EQ(WITH_FLAGS(fmin_s(S(0x3f800000), S(0x7fc00000))),
		 S(0x3f800000));
	/* -0 < +0 */
	CHECK_EQ(fminm_s(S(0x80000000), S(0)), S(0x80000000));
	CHECK_EQ(fmaxm_s(S(0x80000000), S(0)), S(0));
	CHECK_EQ(fminm_d(0xbff0000000000000, 0x3ff0000000000000),
		 0xbff0000000000000);
	CHECK_EQ(fmaxm_d(0xbff0000000000000, 0x7ff8000000000000), CANON_D);
	CHECK_EQ(fminm_h(H(0x3c00), H(0x4000)), H(0x3c00));
	CHECK_EQ(WITH_FLAGS(fmaxm_h(H(0x7c01), H(0x3c00))), CANON_H);
	CHECK_EQ(flags, NV);
	/* an operand that is not NaN-boxed is the canonical NaN */
	CHECK_EQ(fminm_s(0x3f800000, S(0x3f800000)), CANON_S);
}

static void test_compare(void)
{
	/* quiet NaN: no NV for fleq/fltq, NV for flt */
	CHECK_EQ(WITH_FLAGS(fltq_s(S(0x3f800000), S(0x7fc00000))), 0);
	CHECK_EQ(flags, 0);
	CHECK_EQ(WITH_FLAGS(flt_s(S(0x3f800000), S(0x7fc00000))), 0);
	CHECK_EQ(flags, NV);
	CHECK_EQ(WITH_FLAGS(fleq_s(S(0x7fc00000), S(0x3f800000))), 0);
	CHECK_EQ(flags, 0);
	/* signaling NaN: NV */
	CHECK_EQ(WITH_FLAGS(fleq_s(S(0x7f800001), S(0x3f800000))), 0);
	CHECK_EQ(flags, NV);
	CHECK_EQ(fltq_s(S(0x3f800000), S(0x40000000)), 1);
	CHECK_EQ(fltq_s(S(0x3f800000), S(0x3f800000)), 0);
	CHECK_EQ(fleq_s(S(0x3f800000), S(0x3f800000)), 1);
	CHECK_EQ(fleq_s(S(0x80000000), S(0)), 1);
	CHECK_EQ(fltq_s(S(0x80000000), S(0)), 0);
	CHECK_EQ(fltq_d(0xbff0000000000000, 0x3ff0000000000000), 1);
	CHECK_EQ(WITH_FLAGS(fleq_d(0x7ff8000000000000, 0)), 0);
	CHECK_EQ(flags, 0);
	CHECK_EQ(fleq_h(H(0x3c00), H(0x3c00)), 1);
	CHECK_EQ(WITH_FLAGS(fltq_h(H(0x7e00), H(0x3c00))), 0);
	CHECK_EQ(flags, 0);
}

static void test_round(void)
{
	/* 2.5 and -2.5 in each rounding mode: RNE RTZ RDN RUP RMM */
	static const unsigned pos[5] = {0x40000000, 0x40000000, 0x40000000,
					0x40400000, 0x40400000};
	static const unsigned neg[5] = {0xc0000000, 0xc0000000, 0xc0400000,
					0xc0000000, 0xc0400000};

	for (int rm = 0; rm < 5; rm++) {
		csr_write(frm, rm);
		CHECK_EQ(WITH_FLAGS(fround_s_dyn(S(0x40200000))), S(pos[rm]));
		CHECK_EQ(flags, 0); /* fround: never NX */
		CHECK_EQ(WITH_FLAGS(froundnx_s_dyn(S(0xc0200000))), S(neg[rm]));
		CHECK_EQ(flags, NX);
	}
	csr_write(frm, 0);
	/* integral already: no NX even for froundnx */
	CHECK_EQ(WITH_FLAGS(froundnx_s_dyn(S(0x40400000))), S(0x40400000));
	CHECK_EQ(flags, 0);
	/* below one half rounds to a zero of the same sign */
	CHECK_EQ(fround_s_dyn(S(0x3ecccccd)), S(0));
	CHECK_EQ(fround_s_dyn(S(0xbecccccd)), S(0x80000000));
	/* zero and infinity pass; NaNs become canonical, NV if signaling */
	CHECK_EQ(fround_s_dyn(S(0xff800000)), S(0xff800000));
	CHECK_EQ(WITH_FLAGS(fround_s_dyn(S(0x7f800001))), CANON_S);
	CHECK_EQ(flags, NV);
	CHECK_EQ(WITH_FLAGS(froundnx_s_dyn(S(0xffc00001))), CANON_S);
	CHECK_EQ(flags, 0);
	/* 2^23 + 1 is an integer in single precision: unchanged */
	CHECK_EQ(fround_s_dyn(S(0x4b000001)), S(0x4b000001));
	/* the static rounding mode in the instruction */
	CHECK_EQ(fround_s_rtz(S(0x3fffffff)), S(0x3f800000));
	/* double: 1.5 -> 2 (RNE), -0.5 -> -0 */
	CHECK_EQ(WITH_FLAGS(froundnx_d_dyn(0x3ff8000000000000)),
		 0x4000000000000000);
	CHECK_EQ(flags, NX);
	CHECK_EQ(fround_d_dyn(0xbfe0000000000000), 0x8000000000000000);
	CHECK_EQ(fround_d_dyn(0x4330000000000001), 0x4330000000000001);
	/* half: 2.5 -> 2, 65504 stays */
	CHECK_EQ(fround_h_dyn(H(0x4100)), H(0x4000));
	CHECK_EQ(WITH_FLAGS(froundnx_h_dyn(H(0x7bff))), H(0x7bff));
	CHECK_EQ(flags, 0);
	CHECK_EQ(WITH_FLAGS(froundnx_h_dyn(H(0x3555))), H(0));
	CHECK_EQ(flags, NX);
}

static u64 cvtmod(u64 a)
{
	u64 r;

	/* fcvtmod.w.d a, ft0, rtz: funct7 0x61, rs2 8, rm 1 */
	asm volatile("fmv.d.x ft0, %1\n\t"
		     ".insn r 0x53, 1, 0x61, %0, ft0, x8"
		     : "=r"(r)
		     : "r"(a)
		     : "ft0");
	return r;
}

static void test_cvtmod(void)
{
	static const struct {
		u64 in, out, fl;
	} t[] = {
		{0x3ff8000000000000, 1, NX},		      /* 1.5 */
		{0xbff8000000000000, -1UL, NX},		      /* -1.5 */
		{0xc1e0000000000000, 0xffffffff80000000, 0},  /* -2^31 */
		{0x41dfffffffc00000, 0x7fffffff, 0},	      /* 2^31 - 1 */
		{0x41e0000000000000, 0xffffffff80000000, NV}, /* 2^31 */
		/* 3e9 wraps to 3e9 - 2^32, out of range: NV only */
		{0x41e65a0bc0000000, 0xffffffffb2d05e00, NV},
		{0x41f0000000500000, 5, NV},	/* 2^32 + 5 */
		{0x43e0000000000001, 2048, NV}, /* 2^63 + 2048 */
		{0x7e37e43c8800759c, 0, NV},	/* 1e300 */
		{0x7ff0000000000000, 0, NV},	/* +inf */
		{0x7ff8000000000000, 0, NV},	/* NaN */
		{0x3fe0000000000000, 0, NX},	/* 0.5 */
		{0x8000000000000000, 0, 0},	/* -0 */
	};

	for (unsigned i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		CHECK_EQ(WITH_FLAGS(cvtmod(t[i].in)), t[i].out);
		CHECK_EQ(flags, t[i].fl);
	}
	/* rm other than RTZ is reserved */
	trap_reset();
	asm volatile(".insn r 0x53, 0, 0x61, a0, ft0, x8" ::: "a0");
	CHECK_MTRAP(CAUSE_ILLEGAL, 0xc2800553);
}

int main(void)
{
	csr_set(mstatus, MSTATUS_FS);
	test_fli();
	test_minmax();
	test_compare();
	test_round();
	test_cvtmod();
	return rt_failures ? 1 : 0;
}
