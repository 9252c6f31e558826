/*
 * A bare-metal program for the vector trace tests: vsetvli, loads,
 * integer and FP arithmetic, a reduction, a store, a vector CSR write
 * and an illegal vector instruction trapping to M. Deterministic, so
 * its vector state is the same on hvrun and QEMU. Ends through the
 * SiFive test finisher (QEMU virt layout). Built with -DPLANT it
 * differs in one vector instruction.
 */
	.option arch, +v
	.section .text
	.globl _start
_start:
	la	sp, stack_top
	la	t0, m_trap
	csrw	mtvec, t0
	/*
	 * VS Initial, FS Dirty: QEMU 7.2 leaves FS as it is when a vector
	 * FP instruction raises flags (v/fp.c checks hvrun makes it Dirty).
	 */
	li	t0, (1 << 9) | (3 << 13)
	csrs	mstatus, t0
	la	a0, data
	vsetivli t1, 8, e32, m2, ta, ma
	vle32.v	v8, (a0)
	vadd.vi	v10, v8, 3
#ifdef PLANT
	vadd.vi	v12, v10, -2
#else
	vadd.vi	v12, v10, -1
#endif
	vmul.vv	v14, v12, v8
	vfcvt.f.x.v v16, v14
	vfadd.vv v16, v16, v16
	vmv.v.i	v4, 0
	vredsum.vs v4, v14, v4
	vsetvli	t2, zero, e8, m1, tu, mu
	vid.v	v5
	csrwi	vxrm, 2
	vaadd.vv v6, v5, v5
	vse8.v	v6, (a0)
	.word	0x5e218057	/* vmv.v.v with vs2 = v2: illegal */
	vmv.x.s	a1, v4
	/* done: the test finisher */
	li	t0, 0x100000
	li	t1, 0x5555
	sw	t1, 0(t0)
1:	j	1b

	.align 2
m_trap:
	csrr	t3, mepc
	addi	t3, t3, 4
	csrw	mepc, t3
	mret

	.data
	.align 4
data:
	.word	1, 2, 3, 4, -5, 6, 70000, 8, 9, 10, 11, 12, 13, 14, 15, 16
	.align 4
	.space	512
stack_top:
