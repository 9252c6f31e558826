/*
 * RV64I base integer instructions: arithmetic, logic, shifts, compares,
 * branches, jal/jalr links, loads and stores with sign and zero
 * extension, lui/auipc. RISC-V Unprivileged ISA, "RV32I/RV64I Base
 * Integer Instruction Set".
 */
#include "test.inc"

TEST_BEGIN
	/* add/sub/addw/subw and their overflow/sign-extension */
	TEST_RR(1, add, 0x0000000000000000, 0, 0)
	TEST_RR(2, add, 0x0000000080000000, 0x7fffffff, 1)
	TEST_RR(3, add, 0x8000000000000000, 0x7fffffffffffffff, 1)
	TEST_RR(4, add, 0x0000000000000000, -1, 1)
	TEST_RR(5, sub, -1, 0, 1)
	TEST_RR(6, sub, 0x7fffffffffffffff, 0x8000000000000000, 1)
	TEST_RR(7, addw, 0xffffffff80000000, 0x7fffffff, 1)
	TEST_RR(8, addw, 0x0000000000000000, 0xffffffff, 1)
	TEST_RR(9, addw, 0x0000000000000002, 0x1234567800000001, 0x4321000000000001)
	TEST_RR(10, subw, 0x7fffffff, 0x80000000, 1)
	TEST_RR(11, subw, -1, 0, 1)
	TEST_RI(12, addi, -1, 0, -1)
	TEST_RI(13, addi, 0x80000000000007ff, 0x8000000000000000, 2047)
	TEST_RI(14, addi, 0x7ffffffffffff800, 0x8000000000000000, -2048)
	TEST_RI(15, addiw, 0xffffffff80000000, 0x7fffffff, 1)
	TEST_RI(16, addiw, 0x00000000000007fe, 0xffffffff, 2047)
	TEST_RI(17, addiw, 0x0000000000000005, 0x1234567800000005, 0)
	TEST_RR_SRC1(18, add, 24, 13, 11)
	TEST_RR_SRC12(19, add, 26, 13)
	TEST_RR_ZERODEST(20, add, 13, 11)

	/* logic */
	TEST_RR(21, and, 0x0f000f00, 0xff00ff00, 0x0f0f0f0f)
	TEST_RR(22, or, 0xff0fff0f, 0xff00ff00, 0x0f0f0f0f)
	TEST_RR(23, xor, 0xf00ff00f, 0xff00ff00, 0x0f0f0f0f)
	TEST_RI(24, andi, 0xff00ff00, 0xff00ff00, -1)
	TEST_RI(25, andi, 0x0f0, 0xff00fff0, 0x0f0)
	TEST_RI(26, ori, -0xf1, 0xff00ff00ff00ff00, -0xf1)
	TEST_RI(27, xori, 0x00ff00ff00ff00ff, 0xff00ff00ff00ff00, -1)
	TEST_RI(28, xori, 0xff00ff00ff00ff0f, 0xff00ff00ff00ff00, 0x0f)

	/* shifts: amounts use 6 bits (5 for the W forms) */
	TEST_RR(30, sll, 0x8000000000000000, 1, 63)
	TEST_RR(31, sll, 2, 1, 65)
	TEST_RR(32, srl, 1, 0x8000000000000000, 63)
	TEST_RR(33, srl, 0x4000000000000000, 0x8000000000000000, 65)
	TEST_RR(34, sra, -1, 0x8000000000000000, 63)
	TEST_RR(35, sra, 0xc000000000000000, 0x8000000000000000, 1)
	TEST_RI(36, slli, 0x8000000000000000, 1, 63)
	TEST_RI(37, srli, 0x0000000000000001, 0x8000000000000000, 63)
	TEST_RI(38, srai, 0xffffffffffffff80, 0x8000000000000000, 56)
	TEST_RR(39, sllw, 0xffffffff80000000, 1, 31)
	TEST_RR(40, sllw, 0x0000000000000002, 1, 33)
	TEST_RR(41, srlw, 0x0000000000000001, 0xffffffff80000000, 31)
	TEST_RR(42, srlw, 0x0000000040000000, 0xffffffff80000000, 33)
	TEST_RR(43, sraw, 0xffffffffffffffff, 0x0000000080000000, 31)
	TEST_RR(44, sraw, 0xffffffffc0000000, 0x0000000080000000, 33)
	TEST_RI(45, slliw, 0xffffffff80000000, 0x0000000000000001, 31)
	TEST_RI(46, slliw, 0x0000000000000000, 0x1000000000000000, 4)
	TEST_RI(47, srliw, 0x0000000000000001, 0x0000000080000000, 31)
	TEST_RI(48, srliw, 0xffffffff80000000, 0xffffffff80000000, 0)
	TEST_RI(49, sraiw, 0xffffffffffffffff, 0x0000000080000000, 31)
	TEST_RI(50, sraiw, 0x0000000000000001, 0x1234567800000001, 0)

	/* compares */
	TEST_RR(51, slt, 1, -1, 0)
	TEST_RR(52, slt, 0, 0, -1)
	TEST_RR(53, slt, 1, 0x8000000000000000, 0x7fffffffffffffff)
	TEST_RR(54, sltu, 0, -1, 0)
	TEST_RR(55, sltu, 1, 0, -1)
	TEST_RR(56, sltu, 0, 5, 5)
	TEST_RI(57, slti, 1, -2, -1)
	TEST_RI(58, slti, 0, 0x7ff, 0x7ff)
	TEST_RI(59, sltiu, 1, 0, -1)      /* immediate sign-extended, then unsigned */
	TEST_RI(60, sltiu, 0, -1, -1)
	TEST_RI(61, sltiu, 1, 0xfffffffffffff000, -1)
	TEST_RI(62, sltiu, 1, 0, 1)       /* seqz */

	/* lui/auipc */
	TEST_CASE(63, a4, 0xffffffff80000000, lui a4, 0x80000)
	TEST_CASE(64, a4, 0x000000007ffff000, lui a4, 0x7ffff)
	TEST_CASE(65, a4, 0, lui a4, 0; lui x0, 0x12345; mv a4, x0)
	TEST_CASE(66, a4, 8,
		1: auipc a1, 0;
		auipc a2, 0;
		auipc a3, 0;
		sub a4, a3, a1)
	TEST_CASE(67, a4, 0xfffffffffffff000,
		1: auipc a1, 0xfffff;
		la a2, 1b;
		sub a4, a1, a2)

	/* jal/jalr: link is the next instruction; jalr clears bit 0 */
	TEST_CASE(70, a4, 0,
		la a2, 2f;
		jal a1, 2f;
	1:	j test_fail;
	2:	la a3, 1b;
		sub a4, a1, a3)
	TEST_CASE(71, a4, 0,
		la a2, 3f;
		addi a2, a2, 1;
		jalr a1, 0(a2);
	2:	j test_fail;
	3:	la a3, 2b;
		sub a4, a1, a3)
	TEST_CASE(72, a4, 0,
		la a2, 4f - 8;
		jalr a2, 8(a2);  /* rd == rs1: target uses the old value */
	3:	j test_fail;
	4:	la a3, 3b;
		sub a4, a2, a3)
	TEST_CASE(73, a4, 0,
		li a4, 0;
		jal x0, 5f;
		li a4, 1;
	5:	nop)

	/* branches, taken and not taken */
#define BR_TAKEN(n, inst, v1, v2)				\
	TEST_CASE(n, a4, 1, li a4, 0; li a1, v1; li a2, v2;	\
		inst a1, a2, 1f; j 2f; 1: li a4, 1; 2:)
#define BR_NOT(n, inst, v1, v2)					\
	TEST_CASE(n, a4, 0, li a4, 0; li a1, v1; li a2, v2;	\
		inst a1, a2, 1f; j 2f; 1: li a4, 1; 2:)
	BR_TAKEN(80, beq, -1, -1)
	BR_NOT(81, beq, 0, 1)
	BR_TAKEN(82, bne, 0, 1)
	BR_NOT(83, bne, 7, 7)
	BR_TAKEN(84, blt, -1, 0)
	BR_NOT(85, blt, 0, -1)
	BR_NOT(86, blt, 5, 5)
	BR_TAKEN(87, bge, 5, 5)
	BR_TAKEN(88, bge, 0, -1)
	BR_NOT(89, bge, 0x8000000000000000, 0x7fffffffffffffff)
	BR_TAKEN(90, bltu, 0, -1)
	BR_NOT(91, bltu, -1, 0)
	BR_TAKEN(92, bgeu, -1, 0)
	BR_NOT(93, bgeu, 0x7fffffffffffffff, 0x8000000000000000)
	/* backward branch */
	TEST_CASE(94, a4, 3, li a4, 0; li a1, 3; 1: addi a4, a4, 1; bne a4, a1, 1b)

	/* loads: sign and zero extension */
	la s0, ldata
	TEST_CASE(100, a4, 0xffffffffffffff80, lb a4, 1(s0))
	TEST_CASE(101, a4, 0x80, lbu a4, 1(s0))
	TEST_CASE(102, a4, 0x7f, lb a4, 0(s0))
	TEST_CASE(103, a4, 0xffffffffffff807f, lh a4, 0(s0))
	TEST_CASE(104, a4, 0x807f, lhu a4, 0(s0))
	TEST_CASE(105, a4, 0xffffffffc0de807f, lw a4, 0(s0))
	TEST_CASE(106, a4, 0xc0de807f, lwu a4, 0(s0))
	TEST_CASE(107, a4, 0x12345678c0de807f, ld a4, 0(s0))
	TEST_CASE(108, a4, 0x12345678, lwu a4, 4(s0))
	TEST_CASE(109, a4, 0x12345678, lw a4, 4(s0))
	TEST_CASE(110, a4, 0x1234, lh a4, 6(s0))
	TEST_CASE(111, a4, 0xffffffffffffffde, lb a4, 2(s0))
	TEST_CASE(112, a4, 0x80, addi s1, s0, 8; lbu a4, -7(s1))  /* negative offset */
	/* stores: width and byte order */
	la s1, sdata
	TEST_CASE(120, a4, 0xaaaaaaaaaaaaaa11,
		li a1, -1; sd a1, 0(s1); li a1, 0xaaaaaaaaaaaaaaaa; sd a1, 0(s1);
		li a2, 0x7711; sb a2, 0(s1); ld a4, 0(s1))
	TEST_CASE(121, a4, 0xaaaaaaaa2211aa11,
		li a2, 0x332211; sh a2, 2(s1); ld a4, 0(s1))
	TEST_CASE(122, a4, 0x87654321aa11aa11,
		li a2, 0xff87654321; sw a2, 4(s1); li a2, 0xaa11; sh a2, 2(s1); ld a4, 0(s1))
	TEST_CASE(123, a4, 0x0123456789abcdef,
		li a2, 0x0123456789abcdef; sd a2, 8(s1); ld a4, 8(s1))
	TEST_CASE(124, a4, 0xffffffffffffffef, lb a4, 8(s1))
	TEST_CASE(125, a4, 0xffffffff89abcdef, lw a4, 8(s1))
	TEST_CASE(126, a4, 0x01234567, lw a4, 12(s1))
	/* a load into x0 is still performed, but x0 stays 0 */
	TEST_CASE(127, a4, 0, ld x0, 8(s1); mv a4, x0)

	/* fence, fence.tso, pause and hints are no-ops */
	TEST_CASE(130, a4, 5, li a4, 5; fence; fence rw, rw; fence.tso;
		.insn i 0x0f, 0, x0, x0, 0x010; /* pause */
		addi x0, a4, 1; slli x0, a4, 3)

	/* far targets: branches near +-4 KiB, jal over 100 KiB */
	TEST_CASE(140, a4, 1, li a4, 0; beq x0, x0, 1f; .skip 4000; 1: li a4, 1)
	TEST_CASE(141, a4, 2, li a4, 0; j 2f; 1: li a4, 2; j 3f; .skip 4000;
		2: bne a4, x0, test_fail; beq x0, x0, 1b; 3:)
	TEST_CASE(142, a4, 3, li a4, 0; jal x0, 1f; .skip 100000; 1: li a4, 3)
	TEST_CASE(143, a4, 4, li a4, 0; j 2f; 1: li a4, 4; j 3f; .skip 100000;
		2: jal ra, 1b; 3:)
	/* a 4-byte instruction across a page boundary */
	TEST_CASE(144, a4, 7, li a4, 0; j 2f; .balign 4096; .skip 4094;
		1: .option push; .option norvc; addi a4, x0, 7; .option pop;
		j 3f; 2: j 1b; 3:)
TEST_END

	.data
	.balign 16
ldata:	.dword 0x12345678c0de807f
sdata:	.dword 0, 0
