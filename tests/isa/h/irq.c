/*
 * Interrupts with the H extension: VS-level interrupts injected through
 * hvip (VSSIP, VSTIP, VSEIP), taken in HS (scause 2, 6, 10) or, delegated
 * by hideleg, in VS (vscause 1, 5, 9) with vsstatus.SIE in VS and always
 * in VU, never in M, HS or U (V = 0) when delegated; hie/vsie enables;
 * the state a VS-level interrupt writes (vsstatus.SPP/SPIE/SIE, vsepc;
 * hstatus untouched) and an HS-level one from V = 1 (hstatus.SPV,
 * sstatus.SPP); priorities (VS: SEI, SSI, STI; HS: SEI, SSI, STI, SGEI,
 * VSEI, VSSI, VSTI; HS-level before VS-level); WFI in VS with a pending
 * VS-level interrupt (completes, or traps with VTW); VSEIP from hgeip through hstatus.VGEIN for each VGEIN the hart
 * has (GEILEN found by writing hgeie). RISC-V Privileged ISA,
 * "Hypervisor Extension": "Hypervisor Interrupt Registers", "Virtual
 * Supervisor Interrupt Registers", "Hypervisor Guest External Interrupt
 * Registers", "Trap Entry"; "Wait for Interrupt".
 *
 *
 * Inside #ifndef ISA_QEMU: what QEMU 7.2 gets wrong (named at each).
 */
#include "h.h"

#define SPIN 2000

static long spin(long n)
{
	for (volatile long i = 0; i < n; i++)
		;
	return 0;
}

/* In HS: with sstatus.SIE = 1 for a while. */
static long hs_spin_sie(long n)
{
	csr_set(sstatus, MSTATUS_SIE);
	spin(n);
	csr_clear(sstatus, MSTATUS_SIE);
	return 0;
}

/* In VS: with vsstatus.SIE = 1 for a while. */
static long vs_spin_sie(long n)
{
	csr_set(sstatus, MSTATUS_SIE);
	spin(n);
	csr_clear(sstatus, MSTATUS_SIE);
	return 0;
}

static void quiet(void)
{
	h_quiet();
	csr_clear(mstatus, MSTATUS_MIE | MSTATUS_SIE);
	csr_write(mie, 0);
	csr_write(mip, 0);
	csr_write(mideleg, S_IRQS);
	csr_write(sie, 0);
	csr_write(CSR_VSSTATUS, 0);
	csr_write(CSR_HENVCFG, 0);
}

/* Not delegated to VS: VS-level interrupts trap into HS. */
static void test_to_hs(void)
{
	static const int irqs[3] = {IRQ_VSSI, IRQ_VSTI, IRQ_VSEI};

	for (int i = 0; i < 3; i++) {
		unsigned long bit = 1UL << irqs[i];

		rt_ctx = "VS-level interrupt to HS";
		rt_ctx_n = irqs[i];
		quiet();
		csr_write(CSR_HIE, bit);
		csr_write(CSR_HVIP, bit);
		/* M: delegated past it; HS with SIE = 0: masked */
		trap_reset();
		csr_set(mstatus, MSTATUS_MIE);
		spin(SPIN);
		csr_clear(mstatus, MSTATUS_MIE);
		run_mode(PRV_S, spin, SPIN);
		CHECK_NO_TRAP();
		CHECK_EQ(csr_read(CSR_HIP), bit);
		/* HS with SIE = 1 */
		run_mode(PRV_S, hs_spin_sie, SPIN);
		CHECK_EQ(m_trap.count, 0);
		CHECK_EQ(s_trap.count, 1);
		CHECK_EQ(s_trap.cause, CAUSE_INTR | irqs[i]);
		CHECK(!(s_trap.hstatus & HSTATUS_SPV));
		CHECK_EQ(s_trap.tval2, 0);
		CHECK_EQ(s_trap.tinst, 0);
		/* VS and VU: whatever the HS SIE (and vsstatus.SIE) */
		for (int m = PRV_U; m <= PRV_S; m++) {
			rt_ctx_n = irqs[i] | m << 4;
			csr_write(CSR_HVIP, bit);
			csr_clear(mstatus, MSTATUS_SIE);
			trap_reset();
			run_v(m, spin, SPIN);
			CHECK_EQ(m_trap.count, 0);
			CHECK_EQ(vs_trap.count, 0);
			CHECK_EQ(s_trap.count, 1);
			CHECK_EQ(s_trap.cause, CAUSE_INTR | irqs[i]);
			CHECK(s_trap.hstatus & HSTATUS_SPV);
			CHECK_EQ(!!(s_trap.status & MSTATUS_SPP), m);
			CHECK(!(s_trap.hstatus & HSTATUS_GVA));
		}
		/* hie clear: never */
		csr_write(CSR_HIE, 0);
		csr_write(CSR_HVIP, bit);
		trap_reset();
		run_v(PRV_S, spin, SPIN);
		run_mode(PRV_S, hs_spin_sie, SPIN);
		CHECK_NO_TRAP();
	}
	rt_ctx = 0;
	quiet();
}

/* Delegated: taken in VS, as the S-level code. */
static void test_to_vs(void)
{
	static const int irqs[3] = {IRQ_VSSI, IRQ_VSTI, IRQ_VSEI};

	for (int i = 0; i < 3; i++) {
		unsigned long bit = 1UL << irqs[i];
		const unsigned long hs = (2UL << HSTATUS_VSXL_SHIFT) |
					 HSTATUS_SPVP | HSTATUS_GVA;

		rt_ctx = "VS-level interrupt to VS";
		rt_ctx_n = irqs[i];
		quiet();
		csr_write(CSR_HIDELEG, VS_IRQS);
		csr_write(CSR_HIE, bit);
		csr_write(CSR_HVIP, bit);
		csr_write(CSR_HSTATUS, hs);
		/* V = 0 (HS with SIE, U): not taken */
		trap_reset();
		run_mode(PRV_S, hs_spin_sie, SPIN);
		run_mode(PRV_U, spin, SPIN);
		/* VS with vsstatus.SIE = 0: not taken */
		run_v(PRV_S, spin, SPIN);
		CHECK_NO_TRAP();
		/* VS with vsstatus.SIE = 1 */
		csr_write(CSR_VSSTATUS, MSTATUS_SPIE);
		run_v(PRV_S, vs_spin_sie, SPIN);
		CHECK_EQ(m_trap.count + s_trap.count, 0);
		CHECK_EQ(vs_trap.count, 1);
		/* the S-level code: 10 -> 9, 6 -> 5, 2 -> 1 */
		CHECK_EQ(vs_trap.cause, CAUSE_INTR | (irqs[i] - 1));
		CHECK_EQ(vs_trap.status &
				 (MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE),
			 MSTATUS_SPP | MSTATUS_SPIE);
		CHECK_EQ(csr_read(CSR_VSCAUSE), CAUSE_INTR | (irqs[i] - 1));
#ifndef ISA_QEMU
		/* (QEMU 7.2 writes hstatus.GVA on traps into VS) */
		CHECK_EQ(csr_read(CSR_HSTATUS), hs);
#endif
		/* VU: whatever vsstatus.SIE */
		rt_ctx_n = irqs[i] | 0x10;
		csr_write(CSR_HIE, bit);
		csr_write(CSR_HVIP, bit);
		csr_write(CSR_VSSTATUS, MSTATUS_SPP);
		trap_reset();
		run_v(PRV_U, spin, SPIN);
		CHECK_EQ(m_trap.count + s_trap.count, 0);
		CHECK_EQ(vs_trap.count, 1);
		CHECK_EQ(vs_trap.cause, CAUSE_INTR | (irqs[i] - 1));
		CHECK_EQ(vs_trap.status &
				 (MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE),
			 0);
		/* vsie (hie) clear: never */
		csr_write(CSR_HIE, 0);
		csr_write(CSR_HVIP, bit);
		trap_reset();
		run_v(PRV_U, spin, SPIN);
		CHECK_NO_TRAP();
	}
	rt_ctx = 0;
	/* the VS handler cleared VSSIP itself (vsip.SSIP is writable) */
	quiet();
	csr_write(CSR_HIDELEG, VS_IRQS);
	csr_write(CSR_HIE, 1UL << IRQ_VSSI);
	csr_write(CSR_HVIP, 1UL << IRQ_VSSI);
	trap_reset();
	run_v(PRV_U, spin, SPIN);
	CHECK_EQ(vs_trap.count, 1);
	CHECK_EQ(csr_read(CSR_HVIP), 0);
	CHECK_EQ(csr_read(CSR_HIE), 1UL << IRQ_VSSI);
	quiet();
}

static void check_seq(const char *what, const unsigned long *want, int n)
{
	rt_ctx = what;
	CHECK_EQ(irq_seq_len, n);
	for (int i = 0; i < n && i < (int)irq_seq_len; i++) {
		rt_ctx_n = i;
		CHECK_EQ(irq_seq[i], want[i]);
	}
	rt_ctx = 0;
}

static void test_priority(void)
{
	/* in VS, all three VS-level delegated: SEI, SSI, STI */
	static const unsigned long vs_order[3] = {0x209, 0x201, 0x205};
	/* in VS, none delegated, and HS's SSI: SSI, VSEI, VSSI, VSTI */
	static const unsigned long hs_order[4] = {0x101, 0x10a, 0x102, 0x106};
	/* in VS, HS's SSI and a delegated VSSI: HS first */
	static const unsigned long both[2] = {0x101, 0x201};

	quiet();
	csr_write(CSR_HIDELEG, VS_IRQS);
	csr_write(CSR_HIE, VS_IRQS);
	csr_write(CSR_HVIP, VS_IRQS);
	trap_reset();
	run_v(PRV_S, vs_spin_sie, SPIN);
	CHECK_EQ(vs_trap.count, 3);
#ifndef ISA_QEMU
	/* (QEMU 7.2 takes the lowest number first) */
	check_seq("VS-level order", vs_order, 3);
#else
	(void)vs_order;
#endif

	quiet();
	csr_write(CSR_HIE, VS_IRQS);
	csr_write(CSR_HVIP, VS_IRQS);
	csr_write(sie, 1UL << IRQ_SSI);
	csr_set(mip, 1UL << IRQ_SSI);
	trap_reset();
	run_v(PRV_S, spin, SPIN);
	CHECK_EQ(s_trap.count, 4);
#ifndef ISA_QEMU
	check_seq("HS-level order", hs_order, 4);
#else
	(void)hs_order;
#endif

	quiet();
	csr_write(CSR_HIDELEG, 1UL << IRQ_VSSI);
	csr_write(CSR_HIE, 1UL << IRQ_VSSI);
	csr_write(CSR_HVIP, 1UL << IRQ_VSSI);
	csr_write(sie, 1UL << IRQ_SSI);
	csr_set(mip, 1UL << IRQ_SSI);
	trap_reset();
	run_v(PRV_U, spin, SPIN);
	check_seq("HS-level before VS-level", both, 2);
	quiet();
}

static long do_wfi(long a)
{
	asm volatile("wfi" ::: "memory");
	return a;
}

/* WFI, then the interrupt enabled: it is still pending */
static long vs_wfi_sie(long a)
{
	asm volatile("wfi" ::: "memory");
	csr_set(sstatus, MSTATUS_SIE);
	spin(SPIN);
	csr_clear(sstatus, MSTATUS_SIE);
	return a;
}

static void test_wfi(void)
{
	/* a pending VS-level interrupt, globally disabled in VS: WFI
	 * completes and nothing is taken */
	quiet();
	csr_write(CSR_HIDELEG, VS_IRQS);
	csr_write(CSR_HIE, 1UL << IRQ_VSSI);
	csr_write(CSR_HVIP, 1UL << IRQ_VSSI);
	trap_reset();
	CHECK_EQ(run_v(PRV_S, do_wfi, 3), 3);
	CHECK_NO_TRAP();
	/* then enabled: taken */
	trap_reset();
	CHECK_EQ(run_v(PRV_S, vs_wfi_sie, 4), 4);
	CHECK_EQ(vs_trap.count, 1);
	CHECK_EQ(vs_trap.cause, CAUSE_INTR | IRQ_SSI);
	CHECK_EQ(m_trap.count + s_trap.count, 0);
	/* VTW = 1: a virtual-instruction exception, or WFI completes in
	 * bounded time (the interrupt is pending) */
	csr_write(CSR_HVIP, 1UL << IRQ_VSSI);
	csr_set(CSR_HSTATUS, HSTATUS_VTW);
	trap_reset();
	run_v(PRV_S, do_wfi, 0);
	CHECK(m_trap.count == 0 ||
	      (m_trap.count == 1 && m_trap.cause == CAUSE_VIRTUAL_INSN));
	printf("WFI in VS, VTW = 1, interrupt pending: %s\n",
	       m_trap.count ? "virtual instruction" : "completes");
	csr_clear(CSR_HSTATUS, HSTATUS_VTW);
	/* (WFI woken by interrupts that come later: h/timer.c) */
	quiet();
}

/* hgeip via VGEIN: nothing pending from any of the GEILEN sources, and
 * hvip.VSEIP still shows through. */
static void test_guest_external(void)
{
	unsigned long geie;
	int geilen = 0;

	quiet();
	csr_write(CSR_HGEIE, -1UL);
	geie = csr_read(CSR_HGEIE);
	for (unsigned long t = geie; t; t &= t - 1)
		geilen++;
	printf("GEILEN %d\n", geilen);
	csr_write(CSR_HIDELEG, VS_IRQS);
	for (int g = 0; g <= geilen; g++) {
		rt_ctx = "VGEIN";
		rt_ctx_n = g;
		csr_write(CSR_HSTATUS,
			  (2UL << HSTATUS_VSXL_SHIFT) |
				  ((unsigned long)g << HSTATUS_VGEIN_SHIFT));
		CHECK_EQ(csr_read(CSR_HIP) & (1UL << IRQ_VSEI), 0);
		CHECK_EQ(csr_read(CSR_VSIP) & (1UL << IRQ_SEI), 0);
		CHECK_EQ(csr_read(CSR_HIP) & (1UL << IRQ_SGEI), 0);
		csr_write(CSR_HVIP, 1UL << IRQ_VSEI);
		CHECK_EQ(csr_read(CSR_HIP) & (1UL << IRQ_VSEI),
			 1UL << IRQ_VSEI);
		csr_write(CSR_HVIP, 0);
	}
	rt_ctx = 0;
	/* SGEI: with GEILEN > 0, mideleg[12] is read-only one */
	if (geilen) {
		csr_write(mideleg, 0);
		CHECK(csr_read(mideleg) & (1UL << IRQ_SGEI));
	}
	csr_write(CSR_HGEIE, 0);
	quiet();
}

int main(void)
{
	CHECK(has_h());
	if (rt_failures)
		return 0;
	test_to_hs();
	test_to_vs();
	test_priority();
	test_wfi();
	test_guest_external();
	quiet();
	csr_write(mideleg, 0);
	return 0;
}
