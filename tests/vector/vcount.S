/*
 * A deterministic bare-metal vector program for tests/vector/snapshot.test:
 * a long loop that keeps its state in the vector registers (an e32, m2
 * accumulator updated by vmacc.vv and vadd.vi, a mask from vmsltu, a
 * slide) under a vl below VLMAX and a non-default vxrm, and nothing that
 * reads time or counters, so that its result is the same however it is
 * paused, saved and restored. At the end it prints a hash of v0-v31,
 * vl, vtype and vxrm on the UART ("vhash 0123456789abcdef") and powers
 * off through the SiFive test finisher: exit status 0.
 */
	.option	arch, +v
	.section .text
	.globl _start
_start:
	li	t0, 3 << 9		/* mstatus.VS = Dirty */
	csrs	mstatus, t0
	csrwi	vxrm, 2
	li	t0, 13
	vsetvli	t1, t0, e32, m2, tu, mu
	vid.v	v2
	vmv.v.i	v4, 1
	vadd.vi	v6, v2, 3
	li	s1, 0
	li	s2, 5000000		/* iterations */
1:	vmacc.vv v4, v2, v6
	vadd.vi	v2, v2, 1
	vmsltu.vx v0, v4, s1
	vadd.vi	v6, v6, -1, v0.t
	vslide1down.vx v8, v4, s1
	vxor.vv	v6, v6, v8
	vaaddu.vv v10, v4, v8
	addi	s1, s1, 1
	blt	s1, s2, 1b

	/* FNV-1a over the registers' bytes, then vl, vtype, vxrm. */
	la	a0, vbuf
	vs8r.v	v0, (a0)
	csrr	t0, vlenb
	slli	t1, t0, 3
	add	a1, a0, t1
	vs8r.v	v8, (a1)
	add	a1, a1, t1
	vs8r.v	v16, (a1)
	add	a1, a1, t1
	vs8r.v	v24, (a1)
	slli	t1, t0, 5		/* 32 * vlenb bytes */
	add	a1, a0, t1
	li	s0, 0xcbf29ce484222325
	li	s3, 0x100000001b3
3:	lbu	t2, 0(a0)
	xor	s0, s0, t2
	mul	s0, s0, s3
	addi	a0, a0, 1
	bltu	a0, a1, 3b
	csrr	t2, vl
	xor	s0, s0, t2
	mul	s0, s0, s3
	csrr	t2, vtype
	xor	s0, s0, t2
	mul	s0, s0, s3
	csrr	t2, vxrm
	xor	s0, s0, t2
	mul	s0, s0, s3
	/* "vhash " and 16 hex digits on the UART (16550 at 0x10000000). */
	la	a0, prefix
4:	lbu	a1, 0(a0)
	beqz	a1, 5f
	call	putc
	addi	a0, a0, 1
	j	4b
5:	li	s4, 60
6:	srl	a1, s0, s4
	andi	a1, a1, 15
	addi	a1, a1, '0'
	li	t0, '9'
	ble	a1, t0, 7f
	addi	a1, a1, 'a' - '0' - 10
7:	call	putc
	addi	s4, s4, -4
	bgez	s4, 6b
	li	a1, '\n'
	call	putc
	/* Power off (the finisher at 0x100000): pass. */
	li	t0, 0x100000
	li	t1, 0x5555
	sw	t1, 0(t0)
2:	j	2b

/* The byte in a1 to the UART, once it has room. */
putc:	li	t0, 0x10000000
8:	lbu	t1, 5(t0)
	andi	t1, t1, 0x20
	beqz	t1, 8b
	sb	a1, 0(t0)
	ret

	.section .rodata
prefix:	.asciz	"vhash "
	.section .bss
	.align	6
vbuf:	.zero	32 * 128
