/*
 * Entry of the S-mode SBI test programs: the kernel's entry at 0x80200000
 * with a0 = hartid (hvrun's built-in SBI, or OpenSBI on QEMU), and the
 * entry of harts started through HSM (a0 = hartid, a1 = opaque). Each
 * hart gets a stack of its own; traps go to s_trap() in C.
 */
	.section .text.init, "ax", @progbits
	.globl _start
_start:
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	call	set_stack
	la	t0, trap_entry
	csrw	stvec, t0
	call	boot_main
3:	j	3b

/* HSM start and non-retentive resume: a0 = hartid, a1 = opaque. */
	.globl secondary_entry
secondary_entry:
	call	set_stack
	la	t0, trap_entry
	csrw	stvec, t0
	call	secondary_main
4:	j	4b

/* sp = stacks + (hartid + 1) * 8 KiB; hartid in a0, kept. */
set_stack:
	andi	t0, a0, 7
	addi	t0, t0, 1
	slli	t0, t0, 13
	la	sp, stacks
	add	sp, sp, t0
	ret

	.balign 4
trap_entry:
	addi	sp, sp, -128
	sd	ra, 0(sp)
	sd	t0, 8(sp)
	sd	t1, 16(sp)
	sd	t2, 24(sp)
	sd	a0, 32(sp)
	sd	a1, 40(sp)
	sd	a2, 48(sp)
	sd	a3, 56(sp)
	sd	a4, 64(sp)
	sd	a5, 72(sp)
	sd	a6, 80(sp)
	sd	a7, 88(sp)
	sd	t3, 96(sp)
	sd	t4, 104(sp)
	sd	t5, 112(sp)
	sd	t6, 120(sp)
	csrr	a0, scause
	call	s_trap
	ld	ra, 0(sp)
	ld	t0, 8(sp)
	ld	t1, 16(sp)
	ld	t2, 24(sp)
	ld	a0, 32(sp)
	ld	a1, 40(sp)
	ld	a2, 48(sp)
	ld	a3, 56(sp)
	ld	a4, 64(sp)
	ld	a5, 72(sp)
	ld	a6, 80(sp)
	ld	a7, 88(sp)
	ld	t3, 96(sp)
	ld	t4, 104(sp)
	ld	t5, 112(sp)
	ld	t6, 120(sp)
	addi	sp, sp, 128
	sret

	.bss
	.balign	16
stacks:
	.skip	9 * 8192
