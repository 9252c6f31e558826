/*
 * Zvbb, vector basic bit manipulation (the vector cryptography chapter):
 * vandn, vbrev, vbrev8, vrev8, vclz, vctz, vcpop.v, vrol, vror, vwsll,
 * under each SEW, masked and not, against the definitions written out in
 * C below. GNU as 2.40 does not know them: they are encoded by hand.
 * ISA-QEMU: skip QEMU 7.2 has no Zvbb
 * ISA-VLEN: 256 1024
 */
#include "rt.h"

asm(".option arch, +v");

typedef unsigned long u64;

/* OP-V with vd = v8, vs2 = v16, vs1 = v24 or rs1 = a1, or an immediate. */
#define OPV(f6, vm, vs1, f3)                                            \
	".word (" #f6 " << 26) | (" #vm " << 25) | (16 << 20) | (" #vs1 \
	" << 15) | (" #f3 " << 12) | (8 << 7) | 0x57"
#define VV(f6, vm) OPV(f6, vm, 24, 0)
#define VX(f6, vm) OPV(f6, vm, 11, 4)
#define VI(f6, vm, imm) OPV(f6, vm, imm, 3)
#define VU(code, vm) OPV(0x12, vm, code, 2)

static unsigned char v16[8 * 128], v24[8 * 128], v8[8 * 128], res[8 * 128];
static unsigned char mask[128];
static unsigned long vlenb;
static u64 rng = 0x243f6a8885a308d3;

static u64 rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static u64 get(const unsigned char *p, unsigned eew, unsigned i)
{
	u64 v = 0;

	for (unsigned b = 0; b < eew; b++)
		v |= (u64)p[i * eew + b] << (8 * b);
	return v;
}

static u64 ones(unsigned bits)
{
	return bits >= 64 ? ~0UL : (1UL << bits) - 1;
}

static u64 brev(u64 v, unsigned bits)
{
	u64 r = 0;

	for (unsigned i = 0; i < bits; i++)
		if ((v >> i) & 1)
			r |= 1UL << (bits - 1 - i);
	return r;
}

/* The definitions: element op on SEW-bit x (vs2) and y (vs1/rs1/imm). */
enum { ANDN, ROL, ROR, BREV, BREV8, REV8, CLZ, CTZ, CPOP, WSLL };

static u64 ref(int op, u64 x, u64 y, unsigned sew)
{
	unsigned s;
	u64 r = 0;

	switch (op) {
	case ANDN:
		return x & ~y & ones(sew);
	case ROL:
		s = y & (sew - 1);
		return s ? ((x << s) | (x >> (sew - s))) & ones(sew) : x;
	case ROR:
		s = y & (sew - 1);
		return s ? ((x >> s) | (x << (sew - s))) & ones(sew) : x;
	case BREV:
		return brev(x, sew);
	case BREV8:
		for (unsigned b = 0; b < sew / 8; b++)
			r |= brev((x >> (8 * b)) & 0xff, 8) << (8 * b);
		return r;
	case REV8:
		for (unsigned b = 0; b < sew / 8; b++)
			r |= ((x >> (8 * b)) & 0xff) << (8 * (sew / 8 - 1 - b));
		return r;
	case CLZ:
		for (s = 0; s < sew && !((x >> (sew - 1 - s)) & 1); s++)
			;
		return s;
	case CTZ:
		for (s = 0; s < sew && !((x >> s) & 1); s++)
			;
		return s;
	case CPOP:
		for (s = 0; x; x >>= 1)
			s += x & 1;
		return s;
	default: /* WSLL: 2*SEW result, shift by the low log2(2*SEW) bits */
		return (x << (y & (2 * sew - 1))) & ones(2 * sew);
	}
}

static void fill(void)
{
	for (unsigned i = 0; i < 8 * vlenb; i++) {
		v16[i] = rnd();
		v24[i] = (i & 1) ? rnd() : rnd() & 0x47;
		v8[i] = rnd();
	}
	for (unsigned i = 0; i < vlenb; i++)
		mask[i] = rnd();
	/* some all-zero and all-one elements for clz/ctz/cpop */
	for (unsigned i = 0; i < 16; i++) {
		v16[i] = 0;
		v16[16 + i] = 0xff;
	}
	asm volatile("vl8re8.v v16, (%0)\n\tvl8re8.v v24, (%1)\n\t"
		     "vl8re8.v v8, (%2)\n\tvl1re8.v v0, (%3)" ::"r"(v16),
		     "r"(v24), "r"(v8), "r"(mask)
		     : "memory");
}

static u64 vsetvl(u64 avl, u64 vtype)
{
	u64 vl;

	asm volatile("vsetvl %0, %1, %2" : "=r"(vl) : "r"(avl), "r"(vtype));
	return vl;
}

/* Checks v8 after op: active elements, inactive and tail kept. */
static void check(int op, int kind, u64 y, unsigned sew, int lmul, u64 vl,
		  int masked, int line)
{
	unsigned deew = op == WSLL ? 2 * sew / 8 : sew / 8;
	unsigned total = (8 * vlenb) / deew;
	int bad = 0;

	asm volatile("vs8r.v v8, (%0)" ::"r"(res) : "memory");
	for (unsigned i = 0; i < total && !bad; i++) {
		u64 want = get(v8, deew, i), got = get(res, deew, i);
		u64 x = get(v16, sew / 8, i);
		u64 yy = kind == 0 ? get(v24, sew / 8, i) : y;

		if (i < vl && (!masked || ((mask[i / 8] >> (i % 8)) & 1)))
			want = ref(op, x, yy, sew);
		if (got != want) {
			printf("op %d kind %d sew %u lmul %d vl %lu masked %d: "
			       "element %u got %lx want %lx\n",
			       op, kind, sew, lmul, vl, masked, i, got, want);
			bad = 1;
		}
	}
	if (bad)
		rt_check_fail(line, "zvbb result", 0, 0, 0);
	(void)lmul;
}

#define T(op, kind, y, sew, lmul, masked, insn)                               \
	do {                                                                  \
		u64 vl;                                                       \
		fill();                                                       \
		vl = vsetvl((avl),                                            \
			    (u64)__builtin_ctz((sew) / 8) << 3 | ((lmul)&7)); \
		asm volatile("mv a1, %0\n\t" insn ::"r"((u64)(y)) : "a1");    \
		check(op, kind, y, sew, lmul, vl, masked, __LINE__);          \
	} while (0)

static void run(unsigned sew, int lmul, u64 avl)
{
	u64 x = rnd();

	T(ANDN, 0, 0, sew, lmul, 0, VV(0x01, 1));
	T(ANDN, 1, x, sew, lmul, 1, VX(0x01, 0));
	T(ROL, 0, 0, sew, lmul, 0, VV(0x15, 1));
	T(ROL, 1, 13, sew, lmul, 1, VX(0x15, 0));
	T(ROR, 0, 0, sew, lmul, 1, VV(0x14, 0));
	T(ROR, 1, 70, sew, lmul, 0, VX(0x14, 1));
	T(ROR, 2, 3, sew, lmul, 0, VI(0x14, 1, 3));
	T(ROR, 2, 37, sew, lmul, 1, VI(0x15, 0, 5)); /* uimm 37: bit 5 in f6 */
	T(BREV, 2, 0, sew, lmul, 0, VU(0x0a, 1));
	T(BREV8, 2, 0, sew, lmul, 1, VU(0x08, 0));
	T(REV8, 2, 0, sew, lmul, 0, VU(0x09, 1));
	T(CLZ, 2, 0, sew, lmul, 0, VU(0x0c, 1));
	T(CTZ, 2, 0, sew, lmul, 1, VU(0x0d, 0));
	T(CPOP, 2, 0, sew, lmul, 0, VU(0x0e, 1));
	if (sew <= 32 && lmul <= 2) {
		T(WSLL, 0, 0, sew, lmul, 0, VV(0x35, 1));
		T(WSLL, 1, 2 * sew - 3, sew, lmul, 1, VX(0x35, 0));
		T(WSLL, 2, 9, sew, lmul, 0, VI(0x35, 1, 9));
	}
}

int main(void)
{
	csr_set(mstatus, MSTATUS_VS);
	vlenb = csr_read(vlenb);
	for (unsigned sew = 8; sew <= 64; sew *= 2)
		for (int lmul = -1; lmul <= 2; lmul++) {
			if (lmul < 0 && sew == 64)
				continue;
			run(sew, lmul, 5);
			run(sew, lmul, -1UL);
		}
	/* like every vtype-dependent instruction: illegal with vill set */
	vsetvl(1, 1UL << 63);
	trap_reset();
	asm volatile(VV(0x01, 1));
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.cause, CAUSE_ILLEGAL);
	return 0;
}
