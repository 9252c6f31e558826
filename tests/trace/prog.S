/*
 * A deterministic bare-metal program for the trace tests: integer, M and
 * C instructions, loads and stores, FP (with FS on), an ecall and an
 * illegal instruction trapping to M, a machine software interrupt
 * through the CLINT, and a drop to S-mode and back. It reads no time or
 * counter CSR, so its register trace is the same on hvrun and QEMU's
 * virt board. Ends through the SiFive test finisher (QEMU virt layout).
 * Built with -DPLANT it differs in one instruction.
 */
	.section .text
	.globl _start
_start:
	la	sp, stack_top
	la	t0, m_trap
	csrw	mtvec, t0
	/*
	 * PMP: one NAPOT entry over everything, so that S-mode may run
	 * (QEMU 7.2 refuses an mret to S while no PMP entry is set).
	 */
	li	t0, -1
	csrw	pmpaddr0, t0
	li	t0, 0x1f
	csrw	pmpcfg0, t0
	/* Integer work: a small loop summing and multiplying. */
	li	a0, 0
	li	a1, 1
	li	a2, 20
1:	add	a0, a0, a1
	mul	a3, a0, a1
	divu	a4, a3, a2
	remu	a5, a3, a2
	addi	a1, a1, 1
	bne	a1, a2, 1b
	/* Memory. */
	la	s0, buf
	sd	a0, 0(s0)
	sw	a3, 8(s0)
	sh	a4, 12(s0)
	sb	a5, 14(s0)
	ld	s1, 0(s0)
	lw	s2, 8(s0)
	lhu	s3, 12(s0)
	lb	s4, 14(s0)
#ifdef PLANT
	c.addi	s1, 4		/* the planted difference */
#else
	c.addi	s1, 3
#endif
	/* FP: FS on, a few operations. */
	li	t0, 1 << 13
	csrs	mstatus, t0
	fcvt.d.l fa0, a0
	fcvt.d.l fa1, a3
	fdiv.d	fa2, fa1, fa0
	fsqrt.d	fa3, fa2
	fmv.x.d	s5, fa3
	/* Exceptions handled in M. */
	ecall
	.word	0x00000000	/* illegal (all zeros) */
	/* A software interrupt through the CLINT's msip. */
	li	t0, 1 << 3
	csrs	mie, t0
	csrsi	mstatus, 8
	li	t1, 0x2000000
	li	t2, 1
	sw	t2, 0(t1)
	nop
	nop
	/* S-mode: mret there, ecall back. */
	la	t0, s_code
	csrw	mepc, t0
	li	t0, 3 << 11
	csrc	mstatus, t0
	li	t0, 1 << 11
	csrs	mstatus, t0
	mret
s_code:
	addi	s6, zero, 42
	ecall
done:
	li	t0, 0x100000
	li	t1, 0x5555
	sw	t1, 0(t0)
2:	j	2b

	.align	2
m_trap:
	csrr	t3, mcause
	bltz	t3, m_irq
	li	t4, 9		/* ecall from S: go to done in M */
	beq	t3, t4, m_from_s
	csrr	t4, mepc
	addi	t4, t4, 4
	csrw	mepc, t4
	mret
m_irq:
	li	t4, 0x2000000
	sw	zero, 0(t4)
	mret
m_from_s:
	la	t4, done
	csrw	mepc, t4
	li	t4, 3 << 11
	csrs	mstatus, t4
	mret

	.section .data
	.align	3
buf:	.space	16
	.space	1024
stack_top:
