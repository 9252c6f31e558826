# A vector memcpy: 64 KiB between two buffers, strip-mined with vsetvli
# (e8, m8) over vle8.v/vse8.v, REPS times. V 1.0; ends through the test
# finisher.
	.option arch, +v
#define SIZE 65536
	.section .text.start
	.globl _start
_start:
	li	t0, 1 << 9	/* VS on */
	csrs	mstatus, t0
	li	s0, REPS
1:	la	a0, dst
	la	a1, src
	li	a2, SIZE
2:	vsetvli	t0, a2, e8, m8, ta, ma
	vle8.v	v8, (a1)
	vse8.v	v8, (a0)
	add	a1, a1, t0
	add	a0, a0, t0
	sub	a2, a2, t0
	bnez	a2, 2b
	addi	s0, s0, -1
	bnez	s0, 1b
	li	t0, 0x100000
	li	t1, 0x5555
	sw	t1, 0(t0)
3:	j	3b
	.bss
	.balign 4096
src:	.space SIZE
dst:	.space SIZE
