/*
 * Start-up of the self-modifying-code program: every hart enters here in
 * M-mode; each gets a stack of its own and calls hart_main(hartid).
 */
	.section .text.init, "ax", @progbits
	.globl _start
_start:
	csrr	a0, mhartid
	li	t0, 8
	bgeu	a0, t0, 2f		/* more harts than stacks: park */
	la	sp, stacks
	addi	t0, a0, 1
	slli	t0, t0, 13		/* 8 KiB each */
	add	sp, sp, t0
	call	hart_main
2:	wfi
	j	2b

	.bss
	.balign	16
stacks:
	.skip	8 * 8192

	.section .tohost, "aw", @progbits
	.balign	8
	.globl	tohost
	.type	tohost, @object
	.size	tohost, 8
tohost:	.dword	0
	.globl	fromhost
	.type	fromhost, @object
	.size	fromhost, 8
fromhost: .dword 0
