/*
 * Runtime additions for the hostile programs: the fault-counting trap
 * hook and UART output. RISC-V Privileged Architecture, "Machine Cause
 * Register (mcause)"; the UART is a 16550 (ns16550a).
 */
#include "hostile.h"

volatile unsigned long n_access_faults, n_misaligned, n_other;

int mmio_fault_hook(struct trap_frame *f, unsigned long cause)
{
	uint16_t insn;

	if ((long)cause < 0)
		return 0;
	switch (cause) {
	case CAUSE_LOAD_ACCESS:
	case CAUSE_STORE_ACCESS:
		n_access_faults++;
		break;
	case CAUSE_MISALIGNED_LOAD:
	case CAUSE_MISALIGNED_STORE:
		n_misaligned++;
		break;
	default:
		if (n_other++ < 5)
			printf("unexpected trap: cause %lx epc %lx tval %lx\n",
			       cause, f->epc, csr_read(mtval));
		return 0;
	}
	insn = *(volatile uint16_t *)f->epc;
	f->epc += (insn & 3) == 3 ? 4 : 2;
	return 1;
}

void uart_puts(const char *s)
{
	volatile uint8_t *u = (volatile uint8_t *)UART_BASE;

	u[1] = 0;    /* IER */
	u[3] = 0x80; /* DLAB */
	u[0] = 1;
	u[1] = 0;
	u[3] = 0x03; /* 8N1 */
	u[2] = 0x07; /* FIFOs on, cleared */
	u[4] = 0x03; /* MCR: DTR RTS, no loopback */
	for (; *s; s++) {
		unsigned long spins = 0;

		while (!(u[5] & 0x20) && ++spins < 10000000)
			;
		u[0] = *s;
	}
}

/*
 * The other harts wait for this before touching memory: hart 0's start-up
 * clears .bss, their stacks with it. It lives in .data, which is loaded,
 * not cleared.
 */
volatile int hostile_ready __attribute__((section(".data")));

void hostile_release(void)
{
	__atomic_store_n(&hostile_ready, 1, __ATOMIC_RELEASE);
}

/* What the other harts run; by default nothing. */
void __attribute__((weak)) hostile_secondary(unsigned long hartid)
{
}

/*
 * The programs' entry (linked with -e hostile_start): with --bios none
 * every hart starts here. Hart 0 runs the program; the others wait for
 * hostile_release(), get a stack of their own, run hostile_secondary()
 * and then wait forever.
 * Their traps are stepped over (4-byte instructions only) without a
 * stack.
 */
asm(".section .text\n"
    ".globl hostile_start\n"
    "hostile_start:\n"
    "	csrr	t0, mhartid\n"
    "	beqz	t0, 2f\n"
    "	la	t1, hostile_secondary_trap\n"
    "	csrw	mtvec, t1\n"
    "	csrw	mie, zero\n"
    "	la	t1, hostile_ready\n"
    "3:	lw	t2, 0(t1)\n"
    "	beqz	t2, 3b\n"
    "	fence\n"
    "	andi	t0, t0, 31\n"
    "	addi	t0, t0, 1\n"
    "	slli	t0, t0, 13\n"
    "	la	sp, hostile_stacks\n"
    "	add	sp, sp, t0\n"
    "	csrr	a0, mhartid\n"
    "	call	hostile_secondary\n"
    "1:	wfi\n"
    "	j	1b\n"
    "2:	j	_start\n"
    "	.balign 4\n"
    "hostile_secondary_trap:\n"
    "	csrw	mscratch, t0\n"
    "	csrr	t0, mepc\n"
    "	addi	t0, t0, 4\n"
    "	csrw	mepc, t0\n"
    "	csrr	t0, mscratch\n"
    "	mret\n"
    ".bss\n"
    ".balign 16\n"
    "hostile_stacks: .skip 8192 * 33\n"
    ".text\n");
