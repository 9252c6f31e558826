/*
 * Entry of the S-mode programs that run on hvrun's built-in SBI: the
 * kernel's entry at 0x80200000 with a0 = hartid, a1 = device tree.
 */
	.section .text.init, "ax", @progbits
	.globl _start
_start:
	la	sp, s_stack_top
	la	t0, s_trap
	csrw	stvec, t0
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	call	main
3:	j	3b

	.bss
	.balign 16
	.skip 16384
s_stack_top:
