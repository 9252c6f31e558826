/*
 * C extension: every RV64C instruction form, with its immediate range
 * and sign extension. RISC-V Unprivileged ISA, "C Extension for
 * Compressed Instructions" (RVC instruction set listings).
 */
#include "test.inc"

	.option rvc
TEST_BEGIN
	addi sp, sp, -512
	la s0, cdata

	/* CIW: c.addi4spn */
	TEST_CASE(1, a4, 1020, mv a5, sp; c.addi4spn a4, sp, 1020; sub a4, a4, a5)
	TEST_CASE(2, a4, 4, mv a5, sp; c.addi4spn a4, sp, 4; sub a4, a4, a5)
	/* CL/CS: c.lw sign-extends, c.ld, c.sw, c.sd */
	TEST_CASE(3, a4, 0xffffffff80000001, c.lw a4, 0(s0))
	TEST_CASE(4, a4, 0x7fffffff, c.lw a4, 4(s0))
	TEST_CASE(5, a4, 0x7fffffff80000001, c.ld a4, 0(s0))
	TEST_CASE(6, a4, 0x1122334455667788, c.ld a4, 248(s0))
	TEST_CASE(7, a4, 0x00000000deadbeef, li a5, 0x12345678deadbeef;
		c.sw a5, 124(s0); lwu a4, 124(s0))
	TEST_CASE(8, a4, 0x12345678deadbeef, li a5, 0x12345678deadbeef;
		c.sd a5, 16(s0); ld a4, 16(s0))
	/* CI: c.nop, c.addi, c.addiw, c.li, c.lui, c.addi16sp, c.slli */
	TEST_CASE(10, a4, 5, li a4, 5; c.nop)
	TEST_CASE(11, a4, -27, li a4, 5; c.addi a4, -32)
	TEST_CASE(12, a4, 36, li a4, 5; c.addi a4, 31)
	TEST_CASE(13, a4, 0xffffffff80000000, li a4, 0x7fffffff; c.addiw a4, 1)
	TEST_CASE(14, a4, 0x0000000000000001, li a4, 0x1234567800000001; c.addiw a4, 0)
	TEST_CASE(15, a4, -32, c.li a4, -32)
	TEST_CASE(16, a4, 31, c.li a4, 31)
	TEST_CASE(17, a4, 0xfffffffffffe0000, c.lui a4, 0xfffe0)
	TEST_CASE(18, a4, 0x1f000, c.lui a4, 0x1f)
	TEST_CASE(19, a4, -512, mv a5, sp; c.addi16sp sp, -512; mv a4, sp; mv sp, a5; sub a4, a4, a5)
	TEST_CASE(20, a4, 496, mv a5, sp; c.addi16sp sp, 496; mv a4, sp; mv sp, a5; sub a4, a4, a5)
	TEST_CASE(21, a4, 0x8000000000000000, li a4, 1; c.slli a4, 63)
	/* CB: c.srli, c.srai, c.andi */
	TEST_CASE(22, a4, 1, li a4, 0x8000000000000000; c.srli a4, 63)
	TEST_CASE(23, a4, -1, li a4, 0x8000000000000000; c.srai a4, 63)
	TEST_CASE(24, a4, 0x0000000080000000, li a4, 0x8000000000000000; c.srli a4, 32)
	TEST_CASE(25, a4, 0xffffffffffffffe0, li a4, -1; c.andi a4, -32)
	TEST_CASE(26, a4, 0x1f, li a4, -1; c.andi a4, 31)
	/* CA: c.sub, c.xor, c.or, c.and, c.subw, c.addw */
	TEST_CASE(27, a4, -1, li a4, 1; li a5, 2; c.sub a4, a5)
	TEST_CASE(28, a4, 0xf00f, li a4, 0xff00; li a5, 0x0f0f; c.xor a4, a5)
	TEST_CASE(29, a4, 0xff0f, li a4, 0xff00; li a5, 0x0f0f; c.or a4, a5)
	TEST_CASE(30, a4, 0x0f00, li a4, 0xff00; li a5, 0x0f0f; c.and a4, a5)
	TEST_CASE(31, a4, 0x7fffffff, li a4, 0x80000000; li a5, 1; c.subw a4, a5)
	TEST_CASE(32, a4, 0xffffffff80000000, li a4, 0x7fffffff; li a5, 1; c.addw a4, a5)
	/* CR: c.mv, c.add, c.jr, c.jalr (link is pc + 2) */
	TEST_CASE(33, a4, 0x1234, li a5, 0x1234; c.mv a4, a5)
	TEST_CASE(34, a4, 0x2468, li a4, 0x1234; li a5, 0x1234; c.add a4, a5)
	TEST_CASE(35, a4, 1, li a4, 0; la a5, 1f; c.jr a5; j test_fail; 1: li a4, 1)
	TEST_CASE(36, a4, 2,
		la a5, 2f;
	1:	c.jalr a5;
		j test_fail;
	2:	la a4, 1b;
		sub a4, ra, a4)
	/* CJ/CB: c.j, c.beqz, c.bnez */
	TEST_CASE(37, a4, 1, li a4, 0; c.j 1f; j test_fail; 1: li a4, 1)
	TEST_CASE(38, a4, 1, li a4, 0; li s1, 0; c.beqz s1, 1f; j test_fail; 1: li a4, 1)
	TEST_CASE(39, a4, 1, li a4, 1; li s1, 1; c.beqz s1, 1f; j 2f; 1: li a4, 0; 2:)
	TEST_CASE(40, a4, 1, li a4, 0; li s1, -1; c.bnez s1, 1f; j test_fail; 1: li a4, 1)
	TEST_CASE(41, a4, 1, li a4, 1; li s1, 0; c.bnez s1, 1f; j 2f; 1: li a4, 0; 2:)
	TEST_CASE(42, a4, 3, li a4, 0; li a5, 3; 1: c.addi a4, 1; bne a4, a5, 1b)
	/* CSS/CI sp-relative: c.swsp, c.sdsp, c.lwsp, c.ldsp */
	TEST_CASE(43, a4, 0xffffffff87654321, li a5, 0x87654321; c.swsp a5, 252(sp);
		c.lwsp a4, 252(sp))
	TEST_CASE(44, a4, 0x0123456789abcdef, li a5, 0x0123456789abcdef;
		c.sdsp a5, 248(sp); c.ldsp a4, 248(sp))
	TEST_CASE(45, a4, 0x0123456789abcdef, c.ldsp a4, 248(sp); c.sdsp a4, 0(sp);
		ld a4, 0(sp))
	/* FP loads and stores: c.fld, c.fsd, c.fldsp, c.fsdsp */
	TEST_CASE(46, a4, 0x7fffffff80000001, c.fld fa0, 0(s0); fmv.x.d a4, fa0)
	TEST_CASE(47, a4, 0x7fffffff80000001, c.fsd fa0, 32(s0); ld a4, 32(s0))
	TEST_CASE(48, a4, 0x7fffffff80000001, c.fsdsp fa0, 504(sp); ld a4, 504(sp))
	TEST_CASE(49, a4, 0x1122334455667788, ld a5, 248(s0); sd a5, 8(sp);
		c.fldsp fa1, 8(sp); fmv.x.d a4, fa1)
	/* c.ebreak: a breakpoint exception at this 2-byte instruction */
	la a0, m_trap
	TEST_CASE(50, a4, 3, sd zero, 32(a0); 1: c.ebreak; ld a4, 0(a0))
	TEST_CASE(51, a4, 0, la a5, 1b; ld a4, 16(a0); sub a4, a4, a5)
	TEST_CASE(52, a4, 1, ld a4, 32(a0))
TEST_END

	.data
	.balign 8
cdata:
	.dword 0x7fffffff80000001
	.skip 240
	.dword 0x1122334455667788
	.skip 64
