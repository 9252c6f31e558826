/*
 * vsetvli, vsetivli and vsetvl: RISC-V "V" extension 1.0,
 * "Configuration-Setting Instructions" (the AVL encoding, the
 * constraints on setting vl, unsupported vtype values and vill) and
 * "Vector Type Illegal (vill)".
 * ISA-QEMU: vector
 * ISA-VLEN: 256 1024
 * ISA_QEMU (checks of the vtypes QEMU 7.2 accepts and hvrun refuses)
 */
#include "rt.h"

asm(".option arch, +v");

#define VILL (1UL << 63)

static unsigned long vsetvl(unsigned long avl, unsigned long vtype)
{
	unsigned long vl;

	asm volatile("vsetvl %0, %1, %2" : "=r"(vl) : "r"(avl), "r"(vtype));
	return vl;
}

static unsigned long vtype_of(unsigned sew, int lmul, int ta, int ma)
{
	return (unsigned long)ma << 7 | (unsigned long)ta << 6 |
	       (unsigned long)__builtin_ctz(sew / 8) << 3 | (lmul & 7);
}

/* LMUL * VLEN / SEW */
static unsigned long vlmax_of(unsigned sew, int lmul)
{
	unsigned long n = csr_read(vlenb) * 8 / sew;

	return lmul >= 0 ? n << lmul : n >> -lmul;
}

static int illegal(void)
{
	return m_trap.count == 1 && m_trap.cause == CAUSE_ILLEGAL;
}

static void test_vlmax(void)
{
	for (unsigned sew = 8; sew <= 64; sew *= 2) {
		for (int lmul = -3; lmul <= 3; lmul++) {
			unsigned long vt =
				vtype_of(sew, lmul, lmul & 1, sew > 16);
			unsigned long max = vlmax_of(sew, lmul);

			/* LMUL >= SEW / ELEN: supported */
			if (lmul < 0 && sew > (64u >> -lmul))
				continue;
			CHECK_EQ(vsetvl(-1UL, vt), max);
			CHECK_EQ(csr_read(vtype), vt);
			CHECK_EQ(csr_read(vl), max);
			CHECK_EQ(vsetvl(0, vt), 0);
			CHECK_EQ(vsetvl(1, vt), 1);
			CHECK_EQ(vsetvl(max, vt), max);
			/* AVL >= 2 * VLMAX: VLMAX; between: hvrun picks VLMAX */
			CHECK_EQ(vsetvl(2 * max, vt), max);
			CHECK_EQ(vsetvl(max + 1, vt), max);
			CHECK_EQ(vsetvl(1UL << 63, vt), max);
		}
	}
}

static void test_forms(void)
{
	unsigned long vl, vt;

	/* rs1 = x0, rd != x0: AVL is ~0, vl = VLMAX */
	asm volatile("vsetvli %0, zero, e16, m2, ta, mu" : "=r"(vl));
	CHECK_EQ(vl, vlmax_of(16, 1));
	CHECK_EQ(csr_read(vtype), vtype_of(16, 1, 1, 0));
	/* rs1 = rd = x0: vl kept, vtype changed (same SEW/LMUL) */
	vsetvl(3, vtype_of(8, 0, 0, 0));
	asm volatile("vsetvli zero, zero, e32, m4, tu, ma");
	CHECK_EQ(csr_read(vl), 3);
	CHECK_EQ(csr_read(vtype), vtype_of(32, 2, 0, 1));
	/* vsetivli: a 5-bit AVL */
	asm volatile("vsetivli %0, 31, e8, m8, tu, mu" : "=r"(vl));
	CHECK_EQ(vl, 31);
	asm volatile("vsetivli %0, 0, e8, m8, tu, mu" : "=r"(vl));
	CHECK_EQ(vl, 0);
	asm volatile("vsetivli %0, 17, e64, m1, ta, ma" : "=r"(vl));
	CHECK_EQ(vl, vlmax_of(64, 0) < 17 ? vlmax_of(64, 0) : 17);
	/* vsetvli takes the AVL from rs1 */
	asm volatile("vsetvli %0, %1, e8, mf2, ta, ma" : "=r"(vl) : "r"(5UL));
	CHECK_EQ(vl, 5);
	/* every vset* resets vstart */
	csr_write(vstart, 2);
	asm volatile("vsetvli %0, %1, e8, m1, ta, ma" : "=r"(vl) : "r"(5UL));
	CHECK_EQ(csr_read(vstart), 0);
	csr_write(vstart, 1);
	vt = vtype_of(8, 0, 0, 0);
	vsetvl(4, vt);
	CHECK_EQ(csr_read(vstart), 0);
}

/* An unsupported vtype: vill, the rest of vtype zero, vl 0. */
static void check_vill(unsigned long vt)
{
	CHECK_EQ(vsetvl(5, vt), 0);
	CHECK_EQ(csr_read(vtype), VILL);
	CHECK_EQ(csr_read(vl), 0);
}

static void test_vill(void)
{
	unsigned long vt = vtype_of(8, 0, 0, 0), v, buf[128 / 8];

	check_vill(vt | 1UL << 8);  /* reserved bits */
	check_vill(vt | 1UL << 62); /* the top reserved bit */
	check_vill(vt | VILL);	    /* vill itself */
	check_vill(4UL << 3);	    /* SEW 128 */
	check_vill(7UL << 3);	    /* SEW 1024 */
	check_vill(4);		    /* LMUL reserved */
#ifndef ISA_QEMU
	/* LMUL < SEW / ELEN: no room for one element of ELEN bits */
	check_vill(vtype_of(16, -3, 0, 0));
	check_vill(vtype_of(32, -2, 0, 0));
	check_vill(vtype_of(64, -1, 0, 0));
#endif
	/* with vill, vtype-dependent instructions are illegal... */
	check_vill(4);
	trap_reset();
	asm volatile("vadd.vv v1, v2, v3");
	CHECK(illegal());
	trap_reset();
	asm volatile("vmv.x.s %0, v1" : "=r"(v));
	CHECK(illegal());
	trap_reset();
	asm volatile("vle8.v v1, (%0)" ::"r"(buf) : "memory");
	CHECK(illegal());
	/* ...but not the whole-register moves, loads and stores */
	trap_reset();
	asm volatile("vl1re8.v v1, (%0)\n\tvs1r.v v1, (%0)" ::"r"(buf)
		     : "memory");
	CHECK_EQ(m_trap.count, 0);
	/* a new vtype clears vill */
	CHECK_EQ(vsetvl(5, vt), 5);
	CHECK_EQ(csr_read(vtype), vt);
}

int main(void)
{
	csr_set(mstatus, MSTATUS_VS);
	test_vlmax();
	test_forms();
	test_vill();
	return 0;
}
