# A vector dot product: two arrays of N binary32 values, strip-mined with
# vsetvli (e32, m8), vfmacc.vv into an accumulator, one vfredusum.vs at
# the end of a pass; REPS passes. V 1.0; ends through the test finisher.
	.option arch, +v
#define N 4096
	.section .text.start
	.globl _start
_start:
	li	t0, (1 << 9) | (1 << 13)	/* VS, FS on */
	csrs	mstatus, t0
	la	a0, xs
	la	a1, ys
	/* x[i] = 1.0 + i/2^20, y[i] = 0.5 */
	li	t1, 0x3f800000
	li	t2, 0x3f000000
	li	t3, N
	mv	a2, a0
	mv	a3, a1
1:	sw	t1, 0(a2)
	sw	t2, 0(a3)
	addi	t1, t1, 8
	addi	a2, a2, 4
	addi	a3, a3, 4
	addi	t3, t3, -1
	bnez	t3, 1b
	li	s0, REPS
2:	mv	a2, a0
	mv	a3, a1
	li	a4, N
	vsetvli	t0, zero, e32, m8, ta, ma
	vmv.v.i	v0, 0
3:	vsetvli	t0, a4, e32, m8, tu, ma
	vle32.v	v8, (a2)
	vle32.v	v16, (a3)
	vfmacc.vv v0, v8, v16
	slli	t1, t0, 2
	add	a2, a2, t1
	add	a3, a3, t1
	sub	a4, a4, t0
	bnez	a4, 3b
	vsetvli	t0, zero, e32, m8, ta, ma
	vmv.s.x	v24, zero
	vfredusum.vs v24, v0, v24
	vfmv.f.s fa0, v24
	addi	s0, s0, -1
	bnez	s0, 2b
	li	t0, 0x100000
	li	t1, 0x5555
	sw	t1, 0(t0)
4:	j	4b
	.bss
	.balign 64
xs:	.space 4 * N
ys:	.space 4 * N
