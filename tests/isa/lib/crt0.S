/*
 * Start-up and trap entry for hvrun's bare-metal test programs.
 * RISC-V Privileged Architecture, "Machine-Level ISA" (mtvec, mscratch,
 * mret) and "Supervisor-Level ISA" (stvec, sscratch, sret).
 *
 * The M-mode and S-mode trap entries save every integer register in a
 * struct trap_frame (see rt.h) on their own stack, whose top is kept in
 * mscratch/sscratch, and call m_trap_handler()/s_trap_handler().
 */
#define FRAME_SIZE	272
#define EPC_OFF		256
#define RT_MAGIC	0x4854

	.section .text.init, "ax", @progbits
	.globl _start
_start:
	la	sp, main_stack_top
	la	t0, m_trap_stack_top
	csrw	mscratch, t0
	la	t0, m_trap_entry
	csrw	mtvec, t0
	/* FS = Initial so that C code and FP tests may use the FPU. */
	li	t0, 1 << 13
	csrs	mstatus, t0
	csrwi	fcsr, 0
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	call	rt_init
	call	main
	call	test_exit
3:	j	3b

.macro SAVE_REGS scratch
	csrrw	sp, \scratch, sp
	addi	sp, sp, -FRAME_SIZE
	sd	x1, 8(sp)
	sd	x3, 24(sp)
	sd	x4, 32(sp)
	sd	x5, 40(sp)
	sd	x6, 48(sp)
	sd	x7, 56(sp)
	sd	x8, 64(sp)
	sd	x9, 72(sp)
	sd	x10, 80(sp)
	sd	x11, 88(sp)
	sd	x12, 96(sp)
	sd	x13, 104(sp)
	sd	x14, 112(sp)
	sd	x15, 120(sp)
	sd	x16, 128(sp)
	sd	x17, 136(sp)
	sd	x18, 144(sp)
	sd	x19, 152(sp)
	sd	x20, 160(sp)
	sd	x21, 168(sp)
	sd	x22, 176(sp)
	sd	x23, 184(sp)
	sd	x24, 192(sp)
	sd	x25, 200(sp)
	sd	x26, 208(sp)
	sd	x27, 216(sp)
	sd	x28, 224(sp)
	sd	x29, 232(sp)
	sd	x30, 240(sp)
	sd	x31, 248(sp)
	csrr	t0, \scratch
	sd	t0, 16(sp)
.endm

.macro RESTORE_REGS scratch
	ld	x1, 8(sp)
	ld	x3, 24(sp)
	ld	x4, 32(sp)
	ld	x5, 40(sp)
	ld	x6, 48(sp)
	ld	x7, 56(sp)
	ld	x8, 64(sp)
	ld	x9, 72(sp)
	ld	x10, 80(sp)
	ld	x11, 88(sp)
	ld	x12, 96(sp)
	ld	x13, 104(sp)
	ld	x14, 112(sp)
	ld	x15, 120(sp)
	ld	x16, 128(sp)
	ld	x17, 136(sp)
	ld	x18, 144(sp)
	ld	x19, 152(sp)
	ld	x20, 160(sp)
	ld	x21, 168(sp)
	ld	x22, 176(sp)
	ld	x23, 184(sp)
	ld	x24, 192(sp)
	ld	x25, 200(sp)
	ld	x26, 208(sp)
	ld	x27, 216(sp)
	ld	x28, 224(sp)
	ld	x29, 232(sp)
	ld	x30, 240(sp)
	ld	x31, 248(sp)
	addi	sp, sp, FRAME_SIZE
	csrrw	sp, \scratch, sp
.endm

	.text
	.balign 64
	.globl m_trap_entry
m_trap_entry:
	SAVE_REGS mscratch
	csrr	t0, mepc
	sd	t0, EPC_OFF(sp)
	mv	a0, sp
	call	m_trap_handler
	ld	t0, EPC_OFF(sp)
	csrw	mepc, t0
	RESTORE_REGS mscratch
	mret

/*
 * Vectored mode: entry 0 (exceptions) is m_trap_entry itself; entry N
 * notes N in rt_last_vector before joining it, so tests can see which
 * slot the hart jumped to.
 */
	.balign 256
	.globl m_vector_table
m_vector_table:
	.option push
	.option norvc
	j	m_trap_entry
	.irp n, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	j	m_vec_\n
	.endr
	.option pop

	.irp n, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
m_vec_\n:
	csrrw	sp, mscratch, sp
	sd	t0, -8(sp)
	sd	t1, -16(sp)
	la	t0, rt_last_vector
	li	t1, \n
	sd	t1, 0(t0)
	ld	t1, -16(sp)
	ld	t0, -8(sp)
	csrrw	sp, mscratch, sp
	j	m_trap_entry
	.endr

	.balign 64
	.globl s_trap_entry
s_trap_entry:
	SAVE_REGS sscratch
	csrr	t0, sepc
	sd	t0, EPC_OFF(sp)
	mv	a0, sp
	call	s_trap_handler
	ld	t0, EPC_OFF(sp)
	csrw	sepc, t0
	RESTORE_REGS sscratch
	sret

/*
 * VS-mode trap entry (vstvec) for programs that test the H extension:
 * with V=1, sscratch, sepc and sret are VS-mode's own (vsscratch, vsepc),
 * so this is s_trap_entry calling vs_trap_handler() on the stack whose top
 * is kept in vsscratch.
 */
	.balign 64
	.globl vs_trap_entry
vs_trap_entry:
	SAVE_REGS sscratch
	csrr	t0, sepc
	sd	t0, EPC_OFF(sp)
	mv	a0, sp
	call	vs_trap_handler
	ld	t0, EPC_OFF(sp)
	csrw	sepc, t0
	RESTORE_REGS sscratch
	sret

/*
 * long run_mode(int mode, long (*fn)(long), long arg): calls fn(arg) in
 * privilege mode `mode` (0 = U, 1 = S, 3 = M) and returns its result.
 * fn returns to lower_exit, whose ecall the M-mode handler turns into a
 * return from run_mode through rt_resume().
 */
	.globl run_mode
run_mode:
	la	t0, rt_m_ctx
	sd	ra, 0(t0)
	sd	sp, 8(t0)
	sd	s0, 16(t0)
	sd	s1, 24(t0)
	sd	s2, 32(t0)
	sd	s3, 40(t0)
	sd	s4, 48(t0)
	sd	s5, 56(t0)
	sd	s6, 64(t0)
	sd	s7, 72(t0)
	sd	s8, 80(t0)
	sd	s9, 88(t0)
	sd	s10, 96(t0)
	sd	s11, 104(t0)
	csrw	mepc, a1
	li	t1, 3 << 11
	csrc	mstatus, t1
	andi	a0, a0, 3
	slli	t1, a0, 11
	csrs	mstatus, t1
	mv	a0, a2
	la	ra, lower_exit
	mret

	.globl lower_exit
lower_exit:
	li	a7, RT_MAGIC
	ecall
1:	j	1b

	.globl rt_resume
rt_resume:
	la	t0, rt_m_ctx
	ld	ra, 0(t0)
	ld	sp, 8(t0)
	ld	s0, 16(t0)
	ld	s1, 24(t0)
	ld	s2, 32(t0)
	ld	s3, 40(t0)
	ld	s4, 48(t0)
	ld	s5, 56(t0)
	ld	s6, 64(t0)
	ld	s7, 72(t0)
	ld	s8, 80(t0)
	ld	s9, 88(t0)
	ld	s10, 96(t0)
	ld	s11, 104(t0)
	la	t0, m_trap_stack_top
	csrw	mscratch, t0
	ret

	.section .tohost, "aw", @progbits
	.balign 64
	.globl tohost
	.type tohost, @object
	.size tohost, 8
tohost:	.dword 0
	.balign 64
	.globl fromhost
	.type fromhost, @object
	.size fromhost, 8
fromhost: .dword 0

	.bss
	.balign 16
	.globl rt_m_ctx
rt_m_ctx: .skip 8 * 14
	.balign 16
	.skip 16384
	.globl main_stack_top
main_stack_top:
	.skip 8192
	.globl m_trap_stack_top
m_trap_stack_top:
	.skip 8192
	.globl s_trap_stack_top
s_trap_stack_top:
	.skip 8192
	.globl vs_trap_stack_top
vs_trap_stack_top:
