# A memory-heavy loop: walks a 1 MiB buffer with loads and stores, 8
# instructions an iteration (2 loads, 2 stores), ITERS iterations in all.
	.section .text.start
	.globl _start
_start:
	li	t0, ITERS
	la	a0, buf
	li	a2, (1 << 20) - 16
	li	a1, 0
1:	and	a3, a1, a2
	add	a3, a3, a0
	ld	a4, 0(a3)
	ld	a5, 8(a3)
	sd	a5, 0(a3)
	sd	a4, 8(a3)
	addi	a1, a1, 16
	addi	t0, t0, -1
	bnez	t0, 1b
	li	t0, 0x100000
	li	t1, 0x5555
	sw	t1, 0(t0)
2:	j	2b
	.bss
	.balign 4096
buf:	.space 1 << 20
