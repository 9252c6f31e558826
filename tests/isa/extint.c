/*
 * External interrupts through the PLIC, from the 16550 UART's
 * transmitter-empty interrupt (source 10 on QEMU's virt board and on
 * hvrun): mip.MEIP and mip.SEIP follow the PLIC's M and S contexts, the
 * trap has cause 11 or 9 (delegated: taken in S), claim gives the
 * source, complete ends it, and MEI goes before MSI and MTI. RISC-V
 * Privileged ISA, "Machine Interrupt Registers"; RISC-V PLIC
 * specification (register map); 16550 UART (IER, IIR).
 * ISA-QEMU: virt (QEMU's spike board has no PLIC or UART)
 *
 * Inside #ifndef ISA_QEMU: the priority order, which QEMU 7.2 gets wrong.
 */
#include "rt.h"

#define PLIC 0x0c000000UL
#define PLIC_PRIO(s) ((volatile uint32_t *)(PLIC + 4 * (s)))
#define PLIC_ENABLE(c) ((volatile uint32_t *)(PLIC + 0x2000 + 0x80 * (c)))
#define PLIC_THRESH(c) ((volatile uint32_t *)(PLIC + 0x200000 + 0x1000 * (c)))
#define PLIC_CLAIM(c) ((volatile uint32_t *)(PLIC + 0x200004 + 0x1000 * (c)))
#define UART_IER ((volatile uint8_t *)0x10000001UL)
#define UART_IRQ 10
#define CTX_M 0
#define CTX_S 1

static volatile uint32_t claimed;
static volatile int claim_ctx;

static int wait_mip(unsigned long bit)
{
	for (long i = 0; i < 10000000; i++)
		if (csr_read(mip) & bit)
			return 1;
	return 0;
}

/* Claims, silences the UART, completes. */
static void take(int ctx)
{
	claimed = *PLIC_CLAIM(ctx);
	*UART_IER = 0;
	*PLIC_CLAIM(ctx) = claimed;
}

static int m_hook(struct trap_frame *f, unsigned long cause)
{
	if (cause != (CAUSE_INTR | IRQ_MEI))
		return 0;
	take(claim_ctx);
	if (irq_seq_len < 16)
		irq_seq[irq_seq_len++] = IRQ_MEI;
	m_trap.cause = cause;
	m_trap.count++;
	return 1;
}

static int s_hook(struct trap_frame *f, unsigned long cause)
{
	if (cause != (CAUSE_INTR | IRQ_SEI))
		return 0;
	take(claim_ctx);
	s_trap.cause = cause;
	s_trap.count++;
	return 1;
}

static long s_wait(long n)
{
	csr_set(sstatus, MSTATUS_SIE);
	for (volatile long i = 0; i < n && !s_trap.count; i++)
		;
	csr_clear(sstatus, MSTATUS_SIE);
	return s_trap.count;
}

static void route(int ctx)
{
	PLIC_ENABLE(CTX_M)[0] = 0;
	PLIC_ENABLE(CTX_S)[0] = 0;
	PLIC_ENABLE(ctx)[0] = 1U << UART_IRQ;
	*PLIC_THRESH(ctx) = 0;
	claim_ctx = ctx;
}

int main(void)
{
	m_trap_hook = m_hook;
	s_trap_hook = s_hook;
	*UART_IER = 0;
	*PLIC_PRIO(UART_IRQ) = 1;

	/* M context: MEIP, then the trap once MEIE and MIE are set */
	route(CTX_M);
	trap_reset();
	*UART_IER = 0x02;
	CHECK(wait_mip(1UL << IRQ_MEI));
	CHECK_EQ(m_trap.count, 0);
	csr_set(mie, 1UL << IRQ_MEI);
	csr_set(mstatus, MSTATUS_MIE);
	for (volatile int i = 0; i < 1000 && !m_trap.count; i++)
		;
	csr_clear(mstatus, MSTATUS_MIE);
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.cause, CAUSE_INTR | IRQ_MEI);
	CHECK_EQ(claimed, UART_IRQ);
	CHECK(!(csr_read(mip) & (1UL << IRQ_MEI)));
	/* nothing left to claim */
	CHECK_EQ(*PLIC_CLAIM(CTX_M), 0);

	/* a threshold at the source's priority masks it */
	*PLIC_THRESH(CTX_M) = 1;
	*UART_IER = 0x02;
	for (volatile int i = 0; i < 100000; i++)
		;
	CHECK(!(csr_read(mip) & (1UL << IRQ_MEI)));
	*UART_IER = 0;
	*PLIC_THRESH(CTX_M) = 0;

	/* MEI before MSI and MTI */
	trap_reset();
	*UART_IER = 0x02;
	CHECK(wait_mip(1UL << IRQ_MEI));
	*CLINT_MSIP = 1;
	*CLINT_MTIMECMP = 0;
	csr_set(mie, (1UL << IRQ_MSI) | (1UL << IRQ_MTI));
	csr_set(mstatus, MSTATUS_MIE);
	for (volatile int i = 0; i < 1000 && irq_seq_len < 3; i++)
		;
	csr_clear(mstatus, MSTATUS_MIE);
	CHECK_EQ(irq_seq_len, 3);
#ifndef ISA_QEMU
	CHECK_EQ(irq_seq[0], IRQ_MEI);
	CHECK_EQ(irq_seq[1], IRQ_MSI);
	CHECK_EQ(irq_seq[2], IRQ_MTI);
#endif
	csr_write(mie, 0);

	/* S context: SEIP, delegated, taken in S */
	route(CTX_S);
	trap_reset();
	csr_write(stvec, (unsigned long)s_trap_entry);
	csr_write(sscratch, (unsigned long)s_trap_stack_top);
	csr_write(mideleg, 1UL << IRQ_SEI);
	csr_write(mie, 1UL << IRQ_SEI);
	*UART_IER = 0x02;
	CHECK(wait_mip(1UL << IRQ_SEI));
	CHECK(csr_read(sip) & (1UL << IRQ_SEI));
	CHECK_EQ(run_mode(PRV_S, s_wait, 1000000), 1);
	CHECK_EQ(s_trap.cause, CAUSE_INTR | IRQ_SEI);
	CHECK_EQ(m_trap.count, 0);
	CHECK_EQ(claimed, UART_IRQ);
	CHECK(!(csr_read(mip) & (1UL << IRQ_SEI)));
	csr_write(mie, 0);
	csr_write(mideleg, 0);
	PLIC_ENABLE(CTX_S)[0] = 0;
	m_trap_hook = 0;
	s_trap_hook = 0;
	return 0;
}
