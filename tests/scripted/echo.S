/*
 * A bare-metal program for the serial back-end tests (--bios none): says
 * hello on the 16550 UART, then echoes what it reads, polling the line
 * status register as firmware does, until it reads 'q'; then powers off
 * through the test finisher.
 */
	.equ UART, 0x10000000
	.equ LSR, 5
	.equ FINISHER, 0x100000

	.globl _start
_start:
	li s0, UART
	la a0, hello
1:	lbu t0, 0(a0)
	beqz t0, 4f
2:	lbu t1, LSR(s0)
	andi t1, t1, 0x20
	beqz t1, 2b
	sb t0, 0(s0)
	addi a0, a0, 1
	j 1b
4:	lbu t1, LSR(s0)
	andi t1, t1, 1
	beqz t1, 4b
	lbu t0, 0(s0)
	li t2, 'q'
	beq t0, t2, 9f
5:	lbu t1, LSR(s0)
	andi t1, t1, 0x20
	beqz t1, 5b
	sb t0, 0(s0)
	j 4b
9:	li t0, FINISHER
	li t1, 0x5555
	sw t1, 0(t0)
	j 9b

	.section .rodata
hello:	.asciz "hello from the uart\n"
