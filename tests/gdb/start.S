/*
 * Start-up of the program tests/gdb debugs: hart 0 runs main() and exits
 * through HTIF (tohost) with its return value; hart 1 runs worker();
 * others wait in WFI. RISC-V Privileged Architecture, "Machine-Level ISA"
 * (mhartid, mstatus.FS).
 */
	.section .text.init, "ax", @progbits
	.globl _start
_start:
	li	t0, 1 << 13		/* FS = Initial: C may use the FPU */
	csrs	mstatus, t0
	csrr	t0, mhartid
	li	t1, 1
	beq	t0, t1, 1f
	bnez	t0, park
	la	sp, stack_top
	call	main
	call	finish
1:	la	sp, stack1_top
	call	worker
park:
	wfi
	j	park

	.section .tohost, "aw", @progbits
	.balign 64
	.globl tohost
tohost:	.dword 0
	.balign 64
	.globl fromhost
fromhost: .dword 0

	.bss
	.balign 16
	.skip 16384
stack_top:
	.skip 4096
stack1_top:
