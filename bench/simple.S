# A simple ALU loop: 5 instructions an iteration, ITERS iterations, then
# power off through the sifive,test1 finisher (exit 0 on both hvrun and
# QEMU's virt board). Guest instructions executed: 5 * ITERS + a few.
	.section .text.start
	.globl _start
_start:
	li	t0, ITERS
	li	t1, 0
	li	t2, 1
1:	add	t1, t1, t2
	xor	t2, t2, t1
	slli	t3, t1, 3
	addi	t0, t0, -1
	bnez	t0, 1b
	li	t0, 0x100000
	li	t1, 0x5555
	sw	t1, 0(t0)
2:	j	2b
