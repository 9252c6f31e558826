# memory.S with three hpm counters counting: loads (0x10000), branches
# (5) and instructions (2), the events that look at every instruction
# (accel/dbt/pmu.h); next to memory, it shows what counting costs.
	.section .text.start
	.globl _start
_start:
	li	t0, 0x10000
	csrw	mhpmevent3, t0
	li	t0, 5
	csrw	mhpmevent4, t0
	li	t0, 2
	csrw	mhpmevent5, t0
	csrw	mcountinhibit, zero
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
