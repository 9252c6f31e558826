/*
 * Vector floating point beyond what the differential programs compare
 * with QEMU: RISC-V "V" extension 1.0, "Vector Floating-Point
 * Instructions" (the .rtz conversions, vfncvt.rod, the reciprocal and
 * reciprocal square-root estimates with the spec's examples, the SEWs
 * that exist, frm), "Vector Ordered Single-Width Floating-Point Sum
 * Reduction" and Zvfhmin (binary16 to and from binary32). Expected
 * values are worked out from IEEE 754 and the spec's text.
 * QEMU 7.2 aborts on the .rtz conversions and runs SEW-16 arithmetic
 * without Zvfh: those checks are left out of its copy.
 * ISA-QEMU: vector
 * ISA_QEMU
 */
#include "rt.h"

asm(".option arch, +v");

typedef unsigned long u64;

/* Room for 8 registers of VLEN 1024 */
static uint64_t in[128] __attribute__((aligned(64)));
static uint64_t out[128] __attribute__((aligned(64)));

#define NX 1
#define UF 2
#define OF 4
#define DZ 8
#define NV 16

static void vset(u64 avl, u64 vtype)
{
	u64 vl;

	asm volatile("vsetvl %0, %1, %2" : "=r"(vl) : "r"(avl), "r"(vtype));
}

#define E16 0x08UL
#define E32 0x10UL
#define E64 0x18UL

/* in -> v16.., insn under @vtype and vl @n, v8.. -> out; fflags. */
#define RUN(vtype, n, insn)                                       \
	({                                                        \
		vset(n, vtype);                                   \
		csr_write(fflags, 0);                             \
		asm volatile("vl8re8.v v16, (%0)\n\t" insn "\n\t" \
			     "vs8r.v v8, (%1)" ::"r"(in),         \
			     "r"(out)                             \
			     : "memory");                         \
		csr_read(fflags);                                 \
	})

static uint32_t o32(int i)
{
	return ((uint32_t *)out)[i];
}

static uint16_t o16(int i)
{
	return ((uint16_t *)out)[i];
}

static void put32(int i, uint32_t v)
{
	((uint32_t *)in)[i] = v;
}

static void put16(int i, uint16_t v)
{
	((uint16_t *)in)[i] = v;
}

static void test_estimates(void)
{
	u64 fl;

	/* the spec's examples */
	put32(0, 0x00718abc);
	put32(1, 0x7f765432);
	fl = RUN(E32, 2, "vfrsqrt7.v v8, v16");
	CHECK_EQ(o32(0), 0x5f080000);
	CHECK_EQ(o32(1), 0x1f820000);
	CHECK_EQ(fl, 0);
	fl = RUN(E32, 2, "vfrec7.v v8, v16");
	CHECK_EQ(o32(0), 0x7e900000);
	CHECK_EQ(o32(1), 0x00214000);
	CHECK_EQ(fl, 0);
	/* the table's special rows */
	put32(0, 0x80000000); /* -0 */
	put32(1, 0xbf800000); /* -1 */
	put32(2, 0x7f800000); /* +inf */
	put32(3, 0x7f800001); /* sNaN */
	fl = RUN(E32, 4, "vfrsqrt7.v v8, v16");
	CHECK_EQ(o32(0), 0xff800000);
	CHECK_EQ(o32(1), 0x7fc00000);
	CHECK_EQ(o32(2), 0);
	CHECK_EQ(o32(3), 0x7fc00000);
	CHECK_EQ(fl, DZ | NV);
	/* 1/x of a tiny subnormal overflows: by rounding mode */
	put32(0, 0x00000001);
	put32(1, 0x80000001);
	csr_write(frm, 1); /* RTZ: the largest finite */
	fl = RUN(E32, 2, "vfrec7.v v8, v16");
	CHECK_EQ(o32(0), 0x7f7fffff);
	CHECK_EQ(o32(1), 0xff7fffff);
	CHECK_EQ(fl, NX | OF);
	csr_write(frm, 0); /* RNE: infinity */
	fl = RUN(E32, 2, "vfrec7.v v8, v16");
	CHECK_EQ(o32(0), 0x7f800000);
	CHECK_EQ(o32(1), 0xff800000);
	/* binary64: the tables give 127/128 of the estimate (0.498) */
	in[0] = 0x4010000000000000; /* 4.0 */
	in[1] = 0x4000000000000000; /* 2.0 */
	RUN(E64, 2, "vfrsqrt7.v v8, v16");
	CHECK_EQ(out[0], 0x3fdfe00000000000);
	RUN(E64, 2, "vfrec7.v v8, v16");
	CHECK_EQ(out[1], 0x3fdfe00000000000);
}

static void test_rtz(void)
{
#ifndef ISA_QEMU
	u64 fl;

	/* truncation whatever frm says (frm = RUP here) */
	csr_write(frm, 3);
	put32(0, 0x402ccccd); /* 2.7 */
	put32(1, 0xc02ccccd); /* -2.7 */
	put32(2, 0x501502f9); /* 1e10 */
	put32(3, 0x7fc00000); /* qNaN */
	fl = RUN(E32, 4, "vfcvt.rtz.x.f.v v8, v16");
	CHECK_EQ(o32(0), 2);
	CHECK_EQ(o32(1), (uint32_t)-2);
	CHECK_EQ(o32(2), 0x7fffffff);
	CHECK_EQ(o32(3), 0x7fffffff);
	CHECK_EQ(fl, NX | NV);
	fl = RUN(E32, 2, "vfcvt.rtz.xu.f.v v8, v16");
	CHECK_EQ(o32(0), 2);
	CHECK_EQ(o32(1), 0);
	CHECK_EQ(fl, NV | NX); /* -2.7 is out of range: NV; 2.7: NX */
	/* widening: binary32 to 64-bit integers */
	fl = RUN(E32, 2, "vfwcvt.rtz.x.f.v v8, v16");
	CHECK_EQ(out[0], 2);
	CHECK_EQ(out[1], (uint64_t)-2);
	CHECK_EQ(fl, NX);
	fl = RUN(E32, 1, "vfwcvt.rtz.xu.f.v v8, v16");
	CHECK_EQ(out[0], 2);
	/* narrowing: binary32 to 16-bit integers, saturating */
	put32(0, 0x47888b33); /* 70000.4 */
	put32(1, 0x40799999); /* 3.9 */
	put32(2, 0xc7000080); /* -32768.5 */
	fl = RUN(E16, 3, "vfncvt.rtz.xu.f.w v8, v16");
	CHECK_EQ(o16(0), 0xffff);
	CHECK_EQ(o16(1), 3);
	CHECK_EQ(o16(2), 0);
	CHECK_EQ(fl, NV | NX);
	fl = RUN(E16, 3, "vfncvt.rtz.x.f.w v8, v16");
	CHECK_EQ(o16(0), 0x7fff);
	CHECK_EQ(o16(1), 3);
	CHECK_EQ(o16(2), 0x8000);
	CHECK_EQ(fl, NV | NX);
	/* binary64 to 32-bit integers */
	in[0] = 0xc00599999999999a; /* -2.7 */
	fl = RUN(E32, 1, "vfncvt.rtz.x.f.w v8, v16");
	CHECK_EQ(o32(0), (uint32_t)-2);
	CHECK_EQ(fl, NX);
	csr_write(frm, 0);
#endif
}

static void test_rod(void)
{
	u64 fl;

	/* 1 + 2^-30 to binary32: truncated to 1, then made odd */
	in[0] = 0x3ff0000004000000;
	in[1] = 0x3ff0000000000000; /* exact: stays even */
	in[2] = 0x47f0000000000000; /* 2^128: the largest finite */
	fl = RUN(E32, 3, "vfncvt.rod.f.f.w v8, v16");
	CHECK_EQ(o32(0), 0x3f800001);
	CHECK_EQ(o32(1), 0x3f800000);
	CHECK_EQ(o32(2), 0x7f7fffff);
	CHECK_EQ(fl, NX | OF);
}

/* Zvfhmin: binary16 <-> binary32 at SEW 16 */
static void test_half(void)
{
	u64 fl;

	put16(0, 0x3c00); /* 1.0 */
	put16(1, 0x0001); /* 2^-24, the smallest subnormal */
	put16(2, 0xfc00); /* -inf */
	put16(3, 0x7c01); /* sNaN */
	put16(4, 0x7bff); /* 65504 */
	fl = RUN(E16, 5, "vfwcvt.f.f.v v8, v16");
	CHECK_EQ(o32(0), 0x3f800000);
	CHECK_EQ(o32(1), 0x33800000);
	CHECK_EQ(o32(2), 0xff800000);
	CHECK_EQ(o32(3), 0x7fc00000);
	CHECK_EQ(o32(4), 0x477fe000);
	CHECK_EQ(fl, NV);

	put32(0, 0x3eaaaaab); /* 1/3 */
	put32(1, 0x477ff000); /* 65520: rounds to infinity */
	put32(2, 0x33000000); /* 2^-25: half the smallest, to even 0 */
	put32(3, 0xc0490fdb); /* -pi */
	fl = RUN(E16, 4, "vfncvt.f.f.w v8, v16");
	CHECK_EQ(o16(0), 0x3555);
	CHECK_EQ(o16(1), 0x7c00);
	CHECK_EQ(o16(2), 0x0000);
	CHECK_EQ(o16(3), 0xc248);
	CHECK_EQ(fl, NX | OF | UF);
	csr_write(frm, 1); /* RTZ: 65520 to the largest finite */
	fl = RUN(E16, 2, "vfncvt.f.f.w v8, v16");
	CHECK_EQ(o16(1), 0x7bff);
	csr_write(frm, 0);
}

static int illegal(void)
{
	return m_trap.count == 1 && m_trap.cause == CAUSE_ILLEGAL;
}

/* SEWs without a floating-point type, an invalid frm, FS Off. */
static void test_refused(void)
{
	vset(4, 0); /* e8 */
	trap_reset();
	asm volatile("vfadd.vv v8, v16, v24");
	CHECK(illegal());
	trap_reset();
	asm volatile("vfwcvt.f.f.v v8, v16");
	CHECK(illegal());
	trap_reset();
	asm volatile("vfmv.f.s fa0, v16" ::: "fa0");
	CHECK(illegal());
#ifndef ISA_QEMU
	/* binary16 arithmetic is Zvfh's, not Zvfhmin's */
	vset(4, E16);
	trap_reset();
	asm volatile("vfadd.vv v8, v16, v24");
	CHECK(illegal());
	trap_reset();
	asm volatile("vfmacc.vf v8, fa0, v16");
	CHECK(illegal());
	trap_reset();
	asm volatile("vfwcvt.f.x.v v8, v16"); /* int16 -> fp32: fine */
	CHECK_EQ(m_trap.count, 0);
	vset(4, 0); /* e8: int8 -> fp16 is Zvfh's */
	trap_reset();
	asm volatile("vfwcvt.f.x.v v8, v16");
	CHECK(illegal());
	/* frm 5: reserved for every vector FP instruction */
	vset(4, E32);
	csr_write(frm, 5);
	trap_reset();
	asm volatile("vfadd.vv v8, v16, v24");
	CHECK(illegal());
	csr_write(frm, 0);
#endif
	/* FS Off */
	vset(4, E32);
	csr_clear(mstatus, MSTATUS_FS);
	trap_reset();
	asm volatile("vfadd.vv v8, v16, v24");
	CHECK(illegal());
	csr_set(mstatus, MSTATUS_FS);
}

static void test_reductions(void)
{
	u64 fl;

	/* ordered: ((0 + 1e20) + 1) - 1e20 = 0 */
	in[0] = 0x4415af1d78b58c40; /* 1e20 */
	in[1] = 0x3ff0000000000000;
	in[2] = 0xc415af1d78b58c40;
	vset(3, E64 | 1); /* m2: room for 3 at VLEN 128 */
	asm volatile("vmv.v.i v24, 0\n\t"
		     "vle64.v v16, (%0)\n\t"
		     "vfredosum.vs v8, v16, v24\n\t"
		     "vse64.v v8, (%1)" ::"r"(in),
		     "r"(out)
		     : "memory");
	CHECK_EQ(out[0], 0);
	/* masked-off elements neither count nor raise flags */
	in[0] = 0x3ff0000000000000;
	in[1] = 0x7ff0000000000001; /* sNaN, masked off */
	in[2] = 0x4000000000000000;
	csr_write(fflags, 0);
	asm volatile("vmv.v.i v0, 5\n\t"
		     "vle64.v v16, (%0)\n\t"
		     "vfredosum.vs v8, v16, v24, v0.t\n\t"
		     "vfredmax.vs v9, v16, v24, v0.t\n\t"
		     "vse64.v v8, (%1)\n\t"
		     "vs1r.v v9, (%2)" ::"r"(in),
		     "r"(out), "r"(out + 4)
		     : "memory");
	fl = csr_read(fflags);
	CHECK_EQ(out[0], 0x4008000000000000); /* 3.0 */
	CHECK_EQ(out[4], 0x4000000000000000);
	CHECK_EQ(fl, 0);
	/* an f operand not NaN-boxed is the canonical NaN */
	vset(2, E32);
	asm volatile("fmv.d.x fa1, %0\n\t"
		     "vfmv.v.f v8, fa1\n\t"
		     "vse32.v v8, (%1)" ::"r"(0x3f800000UL),
		     "r"(out)
		     : "fa1", "memory");
	CHECK_EQ(o32(0), 0x7fc00000);
}

/* Raising a flag writes fflags: FS turns Dirty (QEMU 7.2 leaves it). */
static void test_fs_dirty(void)
{
#ifndef ISA_QEMU
	put32(0, 0x3eaaaaab);
	put32(1, 0x40400000);
	vset(1, E32);
	csr_clear(mstatus, MSTATUS_FS);
	csr_set(mstatus, 1UL << 13);
	asm volatile("vl1re8.v v16, (%0)\n\t"
		     "vfadd.vv v8, v16, v16" ::"r"(in)
		     : "memory");
	CHECK_EQ((csr_read(mstatus) & MSTATUS_FS) >> 13, 1); /* exact */
	asm volatile("vfdiv.vv v8, v16, v16\n\t"
		     "vfsqrt.v v8, v16"); /* sqrt(1/3): inexact */
	CHECK_EQ((csr_read(mstatus) & MSTATUS_FS) >> 13, 3);
	CHECK_EQ(csr_read(fflags), NX);
#endif
}

int main(void)
{
	csr_set(mstatus, MSTATUS_VS | MSTATUS_FS);
	csr_write(fcsr, 0);
	test_fs_dirty();
	csr_set(mstatus, MSTATUS_FS);
	test_estimates();
	test_rtz();
	test_rod();
	test_half();
	test_refused();
	test_reductions();
	return 0;
}
