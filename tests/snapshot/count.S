/*
 * A deterministic bare-metal program for the snapshot tests: a long loop
 * over a table in memory, with loads, stores, arithmetic, branches and a
 * call, and nothing that reads time or counters, so that its instruction
 * trace is the same however it is paused, saved and restored. Ends
 * through the SiFive test finisher: exit status 0.
 */
	.section .text
	.globl _start
_start:
	la	sp, stack_top
	li	s0, 0		/* checksum */
	li	s1, 0		/* i */
	li	s2, 160000	/* iterations */
	la	s3, table
1:	andi	t0, s1, 255
	slli	t0, t0, 3
	add	t1, s3, t0
	ld	t2, 0(t1)
	add	t2, t2, s1
	xor	s0, s0, t2
	sd	t2, 0(t1)
	andi	t3, s1, 1023
	bnez	t3, 2f
	mv	a0, s0
	call	mix
	mv	s0, a0
2:	addi	s1, s1, 1
	blt	s1, s2, 1b
	la	t0, result
	sd	s0, 0(t0)
	/* Power off (the finisher at 0x100000): pass. */
	li	t0, 0x100000
	li	t1, 0x5555
	sw	t1, 0(t0)
3:	j	3b

mix:	slli	t0, a0, 13
	xor	a0, a0, t0
	srli	t0, a0, 7
	xor	a0, a0, t0
	slli	t0, a0, 17
	xor	a0, a0, t0
	ret

	.section .data
	.align	3
result:	.dword	0
table:	.fill	256, 8, 0
	.align	4
	.fill	256, 8, 0
stack_top:
