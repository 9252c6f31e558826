/*
 * vstart: RISC-V "V" extension 1.0, "Vector Start Index (vstart)
 * Register" (every vector instruction starts at vstart and resets it to
 * zero, even when it writes no element), "Prestart, Active, Inactive,
 * Body, and Tail Element Definitions" (vstart >= vl: nothing written),
 * and the instructions that cannot restart ("Vector Reduction
 * Operations", vcpop.m, vfirst.m, vmsbf/vmsif/vmsof.m, viota.m,
 * vcompress.vm: illegal with vstart != 0). QEMU 7.2 gets several of these
 * wrong (it keeps vstart after an instruction with vstart >= vl and after
 * vmv.x.s, vmv.s.x, vfmv.f.s, vfmv.s.f, vslideup and vmv<nr>r.v, runs
 * the non-restartable instructions from vstart, and copies the elements
 * below vstart in vmv<nr>r.v): those checks are left out of its copy.
 * ISA-QEMU: vector
 * ISA-VLEN: 256 1024
 * ISA_QEMU
 */
#include "rt.h"

asm(".option arch, +v");

static unsigned char regs[8 * 128] __attribute__((aligned(64)));
static unsigned char init[8 * 128] __attribute__((aligned(64)));
static unsigned long vlenb;

static void vsetvl(unsigned long avl, unsigned long vtype)
{
	unsigned long vl;

	asm volatile("vsetvl %0, %1, %2" : "=r"(vl) : "r"(avl), "r"(vtype));
}

/* v8 = 0xa0.., v16 = 0x10, 0x11..., v24 = 1 each; v0 all ones */
static void load(void)
{
	for (unsigned i = 0; i < 8 * vlenb; i++)
		init[i] = 0xa0 + i;
	asm volatile("vl8re8.v v8, (%0)" ::"r"(init) : "memory");
	for (unsigned i = 0; i < 8 * vlenb; i++)
		init[i] = 0x10 + i;
	asm volatile("vl8re8.v v16, (%0)" ::"r"(init) : "memory");
	for (unsigned i = 0; i < 8 * vlenb; i++)
		init[i] = 1;
	asm volatile("vl8re8.v v24, (%0)" ::"r"(init) : "memory");
	for (unsigned i = 0; i < vlenb; i++)
		init[i] = 0xff;
	asm volatile("vl1re8.v v0, (%0)" ::"r"(init) : "memory");
}

static void dump_v8(void)
{
	csr_write(vstart, 0);
	asm volatile("vs8r.v v8, (%0)" ::"r"(regs) : "memory");
}

static int __attribute__((unused)) illegal(void)
{
	return m_trap.count == 1 && m_trap.cause == CAUSE_ILLEGAL;
}

static void test_arith(void)
{
	/* elements below vstart kept, the others computed, vstart 0 */
	load();
	vsetvl(8, 0); /* e8, m1 */
	csr_write(vstart, 3);
	asm volatile("vadd.vv v8, v16, v24");
	CHECK_EQ(csr_read(vstart), 0);
	dump_v8();
	for (unsigned i = 0; i < 3; i++)
		CHECK_EQ(regs[i], 0xa0 + i);
	for (unsigned i = 3; i < 8; i++)
		CHECK_EQ(regs[i], 0x10 + i + 1);
	CHECK_EQ(regs[8], 0xa8);
}

static void test_past_vl(void)
{
#ifndef ISA_QEMU
	/* vstart >= vl: no element written, vstart reset all the same */
	load();
	vsetvl(4, 0);
	csr_write(vstart, 6);
	asm volatile("vadd.vv v8, v16, v24");
	CHECK_EQ(csr_read(vstart), 0);
	dump_v8();
	for (unsigned i = 0; i < 8; i++)
		CHECK_EQ(regs[i], 0xa0 + i);
	csr_write(vstart, 4);
	asm volatile("vle8.v v8, (%0)" ::"r"(init) : "memory");
	CHECK_EQ(csr_read(vstart), 0);
	dump_v8();
	CHECK_EQ(regs[0], 0xa0);
#endif
}

static void test_scalar_moves(void)
{
	unsigned long x = 0;

	load();
	vsetvl(8, 0);
	csr_write(vstart, 5);
	asm volatile("vmv.x.s %0, v16" : "=r"(x));
	CHECK_EQ(x, 0x10);
#ifndef ISA_QEMU
	CHECK_EQ(csr_read(vstart), 0);
	/* vmv.s.x: vstart < vl, element 0 written all the same */
	csr_write(vstart, 2);
	asm volatile("vmv.s.x v8, %0" ::"r"(0x77UL));
	CHECK_EQ(csr_read(vstart), 0);
	dump_v8();
	CHECK_EQ(regs[0], 0x77);
	CHECK_EQ(regs[1], 0xa1);
#endif
	csr_write(vstart, 0);
}

static void test_not_restartable(void)
{
#ifndef ISA_QEMU
	unsigned long x = 0x1234;

	load();
	vsetvl(8, 0);
#define NOT_RESTARTABLE(insn)                  \
	do {                                   \
		csr_write(vstart, 1);          \
		trap_reset();                  \
		asm volatile(insn : "+r"(x));  \
		CHECK(illegal());              \
		CHECK_EQ(csr_read(vstart), 1); \
	} while (0)
	NOT_RESTARTABLE("vredsum.vs v8, v16, v24");
	NOT_RESTARTABLE("vwredsumu.vs v8, v16, v24");
	NOT_RESTARTABLE("vcpop.m %0, v16");
	NOT_RESTARTABLE("vfirst.m %0, v16");
	NOT_RESTARTABLE("vmsbf.m v8, v16");
	NOT_RESTARTABLE("vmsif.m v8, v16");
	NOT_RESTARTABLE("vmsof.m v8, v16");
	NOT_RESTARTABLE("viota.m v8, v16");
	NOT_RESTARTABLE("vcompress.vm v8, v16, v24");
	vsetvl(4, 0x10); /* e32 */
	NOT_RESTARTABLE("vfredosum.vs v8, v16, v24");
	NOT_RESTARTABLE("vfredmax.vs v8, v16, v24");
	CHECK_EQ(x, 0x1234);
	dump_v8();
	for (unsigned i = 0; i < 16; i++)
		CHECK_EQ(regs[i], 0xa0 + i);
#endif
	csr_write(vstart, 0);
}

static void test_moves_and_slides(void)
{
#ifndef ISA_QEMU
	/* vmv2r.v: elements (of SEW) below vstart kept */
	load();
	vsetvl(1, 0x08); /* e16, m1; vl does not matter */
	csr_write(vstart, 3);
	asm volatile("vmv2r.v v8, v16");
	CHECK_EQ(csr_read(vstart), 0);
	dump_v8();
	for (unsigned i = 0; i < 6; i++)
		CHECK_EQ(regs[i], 0xa0 + i);
	for (unsigned i = 6; i < 2 * vlenb; i++)
		CHECK_EQ(regs[i], (unsigned char)(0x10 + i));
	CHECK_EQ(regs[2 * vlenb], (unsigned char)(0xa0 + 2 * vlenb));

	/* vslideup by 2 from vstart 4: elements 4.. written, vstart 0 */
	load();
	vsetvl(8, 0);
	csr_write(vstart, 4);
	asm volatile("vslideup.vi v8, v16, 2");
	CHECK_EQ(csr_read(vstart), 0);
	dump_v8();
	for (unsigned i = 0; i < 4; i++)
		CHECK_EQ(regs[i], 0xa0 + i);
	for (unsigned i = 4; i < 8; i++)
		CHECK_EQ(regs[i], 0x10 + i - 2);
#endif
}

int main(void)
{
	csr_set(mstatus, MSTATUS_VS | MSTATUS_FS);
	vlenb = csr_read(vlenb);
	test_arith();
	test_past_vl();
	test_scalar_moves();
	test_not_restartable();
	test_moves_and_slides();
	return 0;
}
