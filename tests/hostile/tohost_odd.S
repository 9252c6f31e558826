/*
 * An ELF whose tohost symbol sits where no HTIF word can be: in a device
 * window, across the end of RAM, misaligned, outside the address space
 * hvrun maps (TOHOST is given at build time). The program stores to it
 * (faults are stepped over), prints on the UART and exits through the
 * finisher: hvrun must neither crash nor take those stores as commands.
 */
	.globl tohost
	.set tohost, TOHOST

	.section .text.init, "ax", @progbits
	.globl _start
_start:
	la	t0, skip
	csrw	mtvec, t0
	li	t0, TOHOST
	li	t1, 1
	sd	t1, 0(t0)
	sw	t1, 0(t0)
	li	t1, 0x0101000000000041
	sd	t1, 0(t0)
	li	t0, 0x10000000
	li	t1, 'O'
	sb	t1, 0(t0)
	li	t1, 'K'
	sb	t1, 0(t0)
	li	t1, '\n'
	sb	t1, 0(t0)
	li	t0, 0x100000
	li	t1, 0x5555
	sw	t1, 0(t0)
1:	j	1b

	.balign 4
skip:
	csrr	t2, mepc
	addi	t2, t2, 4
	csrw	mepc, t2
	mret
