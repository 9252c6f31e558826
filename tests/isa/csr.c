/*
 * CSRs and their side effects: mstatus WARL fields and the sstatus view,
 * misa, mtvec modes, mepc alignment, medeleg/mideleg, mie/mip and the
 * sie/sip views, counter enables and mcountinhibit, mscratch, satp WARL,
 * read-only CSRs, privilege checks, fcsr/frm/fflags. RISC-V Privileged
 * ISA, "Control and Status Registers", "Machine-Level CSRs",
 * "Supervisor CSRs"; Unprivileged ISA, "Zicsr", "Zicntr", "F" (fcsr).
 *
 * Inside #ifndef ISA_QEMU: what QEMU 7.2 gets wrong (it keeps MPP=2,
 * mepc[0] and mcountinhibit bit 1; csrrs with a zero rs1 register does
 * not write; instret counts time).
 * ISA-QEMU: virt (QEMU's spike board lacks the time CSR)
 */
#include "rt.h"

#define CSR_INSN(csr, f3, rs1, rd)                                     \
	(((unsigned long)(csr) << 20) | ((rs1) << 15) | ((f3) << 12) | \
	 ((rd) << 7) | 0x73)

#define DEF_READ(name, csr)           \
	static long name(long a)      \
	{                             \
		return csr_read(csr); \
	}

DEF_READ(rd_mstatus, mstatus)
DEF_READ(rd_mscratch, mscratch)
DEF_READ(rd_sstatus, sstatus)
DEF_READ(rd_satp, satp)
DEF_READ(rd_cycle, cycle)
DEF_READ(rd_instret, instret)
DEF_READ(rd_time, time)

static long rd_fcsr(long a)
{
	return csr_read(fcsr);
}

static long wr_sip(long a)
{
	csr_write(sip, a);
	return csr_read(sip);
}

static int illegal_with(unsigned long insn)
{
	return m_trap.count == 1 && m_trap.cause == CAUSE_ILLEGAL &&
	       m_trap.tval == insn;
}

static void test_mstatus(void)
{
	unsigned long saved = csr_read(mstatus), v;

	/* MPP holds M, S, U but not the reserved 2 */
	csr_clear(mstatus, MSTATUS_MPP);
	CHECK_EQ(csr_read(mstatus) & MSTATUS_MPP, 0);
	csr_set(mstatus, 1UL << 11);
	CHECK_EQ(csr_read(mstatus) & MSTATUS_MPP, 1UL << 11);
	csr_set(mstatus, MSTATUS_MPP);
	CHECK_EQ(csr_read(mstatus) & MSTATUS_MPP, MSTATUS_MPP);
#ifndef ISA_QEMU
	csr_clear(mstatus, MSTATUS_MPP);
	csr_set(mstatus, 2UL << 11);
	CHECK((csr_read(mstatus) & MSTATUS_MPP) != (2UL << 11));
#endif
	/* SPP is one bit; UXL/SXL say 64-bit and are not writable to 0 */
	csr_set(mstatus, MSTATUS_SPP);
	CHECK(csr_read(mstatus) & MSTATUS_SPP);
	csr_clear(mstatus, MSTATUS_SPP);
	CHECK(!(csr_read(mstatus) & MSTATUS_SPP));
	CHECK_EQ((csr_read(mstatus) & MSTATUS_UXL) >> 32, 2);
	CHECK_EQ((csr_read(mstatus) & MSTATUS_SXL) >> 34, 2);
	csr_clear(mstatus, MSTATUS_UXL | MSTATUS_SXL);
	CHECK_EQ((csr_read(mstatus) & MSTATUS_UXL) >> 32, 2);
	/* little-endian only; no V, so VS and XS stay 0 */
	csr_set(mstatus, MSTATUS_UBE | (3UL << 36) | MSTATUS_VS | MSTATUS_XS);
	CHECK_EQ(csr_read(mstatus) & (MSTATUS_UBE | (3UL << 36) | MSTATUS_XS),
		 0);
	csr_clear(mstatus, MSTATUS_VS);

	/* FS: all four states are kept, SD summarises Dirty */
	for (unsigned long fs = 0; fs < 4; fs++) {
		csr_clear(mstatus, MSTATUS_FS);
		csr_set(mstatus, fs << 13);
		v = csr_read(mstatus);
		CHECK_EQ((v & MSTATUS_FS) >> 13, fs);
		CHECK_EQ(!!(v & MSTATUS_SD), fs == 3);
		CHECK_EQ(!!(csr_read(sstatus) & MSTATUS_SD), fs == 3);
	}
	/* FS Off: FP instructions and fcsr are illegal */
	csr_clear(mstatus, MSTATUS_FS);
	trap_reset();
	asm volatile("fmv.d.x fa0, zero" ::: "fa0");
	CHECK(illegal_with(0xf2000553));
	trap_reset();
	(void)csr_read(fcsr);
	CHECK(illegal_with(CSR_INSN(0x003, 2, 0, 15)) ||
	      (m_trap.count == 1 && m_trap.cause == CAUSE_ILLEGAL));
	/* Initial or Clean + an FP write = Dirty */
	csr_set(mstatus, 1UL << 13);
	asm volatile("fmv.d.x fa0, zero" ::: "fa0");
	v = csr_read(mstatus);
	CHECK_EQ((v & MSTATUS_FS) >> 13, 3);
	CHECK(v & MSTATUS_SD);
	csr_clear(mstatus, MSTATUS_FS);
	csr_set(mstatus, 2UL << 13);
	csr_write(fflags, 1);
	CHECK_EQ((csr_read(mstatus) & MSTATUS_FS) >> 13, 3);

	/* sstatus is a view: S fields only */
	csr_clear(mstatus,
		  MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SUM | MSTATUS_MXR);
	csr_set(sstatus, MSTATUS_SIE | MSTATUS_SUM);
	v = csr_read(mstatus);
	CHECK_EQ(v & (MSTATUS_SIE | MSTATUS_SUM | MSTATUS_SPIE | MSTATUS_MXR),
		 MSTATUS_SIE | MSTATUS_SUM);
	csr_set(mstatus, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_TVM | MSTATUS_TW |
				 MSTATUS_TSR | MSTATUS_MPRV);
	v = csr_read(sstatus);
	CHECK_EQ(v & (MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE | MSTATUS_TVM |
		      MSTATUS_TW | MSTATUS_TSR | MSTATUS_MPRV),
		 0);
	CHECK_EQ((v & MSTATUS_UXL) >> 32, 2);
	/* writing sstatus leaves M fields alone */
	csr_write(sstatus, 0);
	v = csr_read(mstatus);
	CHECK_EQ(v & (MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_TVM | MSTATUS_TSR),
		 MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_TVM | MSTATUS_TSR);
	CHECK_EQ(v & (MSTATUS_SIE | MSTATUS_SUM), 0);
	csr_clear(mstatus, MSTATUS_MPRV);
	csr_write(mstatus, saved);
	csr_set(mstatus, 1UL << 13);
}

static void test_misa_ids(void)
{
	unsigned long misa = csr_read(misa);
	const char *want = "IMAFDCSU";

	CHECK_EQ(misa >> 62, 2);
	for (const char *p = want; *p; p++)
		if (!(misa & (1UL << (*p - 'A')))) {
			printf("misa lacks %c\n", *p);
			CHECK(0);
		}
	/* writing misa back unchanged keeps it */
	csr_write(misa, misa);
	CHECK_EQ(csr_read(misa), misa);
	CHECK_EQ(csr_read(mhartid), 0);
	trap_reset();
	(void)csr_read(mvendorid);
	(void)csr_read(marchid);
	(void)csr_read(mimpid);
	CHECK_NO_TRAP();
}

static void test_trap_csrs(void)
{
	unsigned long v;

	/* mtvec: direct and vectored kept; reserved modes not taken */
	csr_write(mtvec, (unsigned long)m_vector_table | 1);
	CHECK_EQ(csr_read(mtvec), (unsigned long)m_vector_table | 1);
	csr_write(mtvec, (unsigned long)m_trap_entry);
	CHECK_EQ(csr_read(mtvec), (unsigned long)m_trap_entry);
	csr_write(mtvec, (unsigned long)m_vector_table | 2);
	v = csr_read(mtvec);
	CHECK((v & 3) < 2);
	csr_write(mtvec, (unsigned long)m_trap_entry);
	csr_write(stvec, (unsigned long)s_trap_entry | 1);
	CHECK_EQ(csr_read(stvec), (unsigned long)s_trap_entry | 1);

	/* mepc/sepc: bit 0 is zero (IALIGN = 16) */
	csr_write(mepc, 0x80000002UL);
	CHECK_EQ(csr_read(mepc), 0x80000002UL);
#ifndef ISA_QEMU
	csr_write(mepc, 0x80000003UL);
	CHECK_EQ(csr_read(mepc), 0x80000002UL);
	csr_write(sepc, 0x80000005UL);
	CHECK_EQ(csr_read(sepc), 0x80000004UL);
#endif
	/* mcause/mtval hold what was written (WLRL/WARL for legal values) */
	csr_write(mcause, CAUSE_INTR | IRQ_MTI);
	CHECK_EQ(csr_read(mcause), CAUSE_INTR | IRQ_MTI);
	csr_write(mtval, 0x1234);
	CHECK_EQ(csr_read(mtval), 0x1234);
	csr_write(stval, 0x5678);
	CHECK_EQ(csr_read(stval), 0x5678);

	/* mscratch, sscratch: plain registers (the runtime's own mscratch
	 * is put back) */
	v = csr_swap(mscratch, 0x0123456789abcdefUL);
	CHECK_EQ(csr_read(mscratch), 0x0123456789abcdefUL);
	csr_write(mscratch, v);
	v = csr_swap(sscratch, -2UL);
	CHECK_EQ(csr_read(sscratch), -2UL);
	csr_write(sscratch, v);

	/* medeleg: the exceptions an S-mode kernel handles can be
	 * delegated (the spec lets a hart choose; hvrun runs OpenSBI and
	 * Linux, which need these) */
	csr_write(medeleg, -1UL);
	v = csr_read(medeleg);
	unsigned long must = (1UL << 0) | (1UL << 2) | (1UL << 3) | (1UL << 4) |
			     (1UL << 5) | (1UL << 6) | (1UL << 7) | (1UL << 8) |
			     (1UL << 12) | (1UL << 13) | (1UL << 15);
	CHECK_EQ(v & must, must);
	csr_write(medeleg, 0);
	CHECK_EQ(csr_read(medeleg), 0);

	/* mideleg: S interrupts delegable; no bit read-only one for M or
	 * S interrupts */
	csr_write(mideleg, -1UL);
	v = csr_read(mideleg);
	CHECK_EQ(v & 0x222, 0x222);
	csr_write(mideleg, 0);
	CHECK_EQ(csr_read(mideleg) & 0xaaa, 0);

	/* mie: the six standard enables, no U-level bits */
	csr_write(mie, -1UL);
	v = csr_read(mie);
	CHECK_EQ(v & 0xaaa, 0xaaa);
	CHECK_EQ(v & 0x111, 0);
	csr_write(mie, 0);
	CHECK_EQ(csr_read(mie) & 0xaaa, 0);

	/* mip: M can write SSIP, STIP (Sstc off), SEIP; not MSIP/MTIP/MEIP */
	csr_write(CSR_MENVCFG, 0);
	csr_write(mip, 0x222);
	v = csr_read(mip);
	CHECK_EQ(v & 0x222, 0x222);
	csr_write(mip, 0);
	CHECK_EQ(csr_read(mip) & 0x222, 0);
	csr_write(mip, 0x888);
	CHECK_EQ(csr_read(mip) & 0x888, 0);

	/* sie/sip: views of delegated bits only */
	csr_write(mideleg, 0);
	csr_write(mie, 0x222);
	CHECK_EQ(csr_read(sie) & 0x222, 0);
	csr_write(mideleg, 0x222);
	CHECK_EQ(csr_read(sie) & 0xaaa, 0x222);
	csr_write(sie, 0x020);
	CHECK_EQ(csr_read(mie) & 0xaaa, 0x020);
	csr_write(mip, 0x002);
	CHECK_EQ(csr_read(sip) & 0x222, 0x002);
	csr_write(sip, 0);
	CHECK_EQ(csr_read(mip) & 0x002, 0);
	/* from S, sip.SSIP is writable, STIP/SEIP are not */
	trap_reset();
	v = run_mode(PRV_S, wr_sip, 0x222);
	CHECK_NO_TRAP();
	CHECK_EQ(v & 0x222, 0x002);
	CHECK_EQ(csr_read(mip) & 0x222, 0x002);
	csr_write(mip, 0);
	csr_write(mie, 0);
	csr_write(mideleg, 0);
}

static void test_counters(void)
{
	unsigned long a, b, v;

	/* they count, and M can write them */
	a = csr_read(mcycle);
	b = csr_read(minstret);
	for (volatile int i = 0; i < 100; i++)
		;
	CHECK(csr_read(mcycle) != a);
	CHECK(csr_read(minstret) - b >= 100);
	CHECK_EQ(csr_read(cycle) >> 63, 0);
	csr_write(minstret, 1000);
	v = csr_read(minstret);
#ifndef ISA_QEMU
	CHECK(v >= 1000 && v < 1100);
#else
	/* QEMU 7.2 without -icount counts host time in minstret */
	CHECK(v >= 1000);
#endif
	/* mcountinhibit freezes mcycle (CY) and minstret (IR) */
	csr_write(CSR_MCOUNTINHIBIT, 5);
	CHECK_EQ(csr_read(CSR_MCOUNTINHIBIT) & 5, 5);
	a = csr_read(mcycle);
	b = csr_read(minstret);
	for (volatile int i = 0; i < 100; i++)
		;
	CHECK_EQ(csr_read(mcycle), a);
	CHECK_EQ(csr_read(minstret), b);
#ifndef ISA_QEMU
	/* bit 1 is read-only zero: time cannot be inhibited (QEMU 7.2
	 * keeps it) */
	csr_write(CSR_MCOUNTINHIBIT, 7);
	CHECK_EQ(csr_read(CSR_MCOUNTINHIBIT) & 7, 5);
#endif
	csr_write(CSR_MCOUNTINHIBIT, 0);
	a = csr_read(minstret);
	for (volatile int i = 0; i < 100; i++)
		;
	CHECK(csr_read(minstret) > a);

#ifndef ISA_QEMU
	/* instret is exact: a read sees every instruction before it
	 * (QEMU 7.2 without -icount counts time instead) */
	asm volatile("csrr %0, minstret\n\t"
		     "nop\n\tnop\n\taddi x0, x0, 1\n\t"
		     "csrr %1, instret"
		     : "=&r"(a), "=r"(b));
	CHECK_EQ(b - a, 4);
	asm volatile("csrr %0, instret\n\t"
		     "j 1f\n\tnop\n\t1: beq x0, x0, 2f\n\t2:\n\t"
		     "csrr %1, instret"
		     : "=&r"(a), "=r"(b));
	CHECK_EQ(b - a, 3);
#endif
	/* RV64 has no cycleh/instreth */
	trap_reset();
	asm volatile("csrr %0, 0xc80" : "=r"(v));
	CHECK_MTRAP_CAUSE(CAUSE_ILLEGAL);
	trap_reset();
	asm volatile("csrr %0, 0xb82" : "=r"(v));
	CHECK_MTRAP_CAUSE(CAUSE_ILLEGAL);
	trap_reset();
	(void)csr_read(0xf15); /* mconfigptr */
	/* the HPM counters and events exist, if only as zeros */
	(void)csr_read(0xb03);
	(void)csr_read(0x323);
	csr_write(0x323, 0);
	CHECK_NO_TRAP();

	/* counter-enable gating: mcounteren for S and U, scounteren for U */
	long (*rd[3])(long) = {rd_cycle, rd_time, rd_instret};
	unsigned long csrno[3] = {0xc00, 0xc01, 0xc02};

	trap_reset();
	a = csr_read(time);
	CHECK_NO_TRAP();
	CHECK(csr_read(time) >= a);
	for (int i = 0; i < 3; i++) {
		if (!rd[i])
			continue;
		/* rd is a0 in rd_*() */
		unsigned long insn = CSR_INSN(csrno[i], 2, 0, 10);

		csr_write(mcounteren, 0);
		csr_write(scounteren, 0);
		trap_reset();
		run_mode(PRV_S, rd[i], 0);
		CHECK(illegal_with(insn));
		trap_reset();
		run_mode(PRV_U, rd[i], 0);
		CHECK(illegal_with(insn));
		csr_write(mcounteren, 1UL << i);
		CHECK_EQ(csr_read(mcounteren) & 7, 1UL << i);
		trap_reset();
		run_mode(PRV_S, rd[i], 0);
		CHECK_NO_TRAP();
		trap_reset();
		run_mode(PRV_U, rd[i], 0);
		CHECK(illegal_with(insn));
		csr_write(scounteren, 1UL << i);
		trap_reset();
		run_mode(PRV_U, rd[i], 0);
		CHECK_NO_TRAP();
		/* scounteren alone does not open U */
		csr_write(mcounteren, 0);
		trap_reset();
		run_mode(PRV_U, rd[i], 0);
		CHECK(illegal_with(insn));
	}
	csr_write(mcounteren, 0);
	csr_write(scounteren, 0);
}

static void test_satp(void)
{
	unsigned long ppn = 0x80123;

	csr_write(satp, 0);
	CHECK_EQ(csr_read(satp), 0);
	csr_write(satp, (8UL << 60) | ppn);
	CHECK_EQ(csr_read(satp), (8UL << 60) | ppn);
	csr_write(satp, (9UL << 60) | ppn);
	CHECK_EQ(csr_read(satp), (9UL << 60) | ppn);
	csr_write(satp, (10UL << 60) | ppn);
	CHECK_EQ(csr_read(satp), (10UL << 60) | ppn);
	/* a reserved MODE: the whole write has no effect */
	for (unsigned long m = 1; m < 8; m++) {
		csr_write(satp, (m << 60) | 0x555);
		CHECK_EQ(csr_read(satp), (10UL << 60) | ppn);
	}
	csr_write(satp, (15UL << 60) | 0x555);
	CHECK_EQ(csr_read(satp), (10UL << 60) | ppn);
	csr_write(satp, 0);
	CHECK_EQ(csr_read(satp), 0);
}

static void test_access(void)
{
	/* csrrs/csrrc/csrrsi/csrrci with x0 or 0 do not write: no trap on
	 * read-only CSRs */
	unsigned long v, zero = 0;

	(void)zero;

	trap_reset();
	asm volatile("csrrs %0, mhartid, x0" : "=r"(v));
	asm volatile("csrrc %0, mvendorid, x0" : "=r"(v));
	asm volatile("csrrsi %0, mimpid, 0" : "=r"(v));
	asm volatile("csrrci %0, marchid, 0" : "=r"(v));
	asm volatile("csrrs %0, cycle, x0" : "=r"(v));
	CHECK_NO_TRAP();
	/* any write to a read-only CSR is illegal, even of the same value */
	trap_reset();
	asm volatile("csrw mhartid, x0");
	CHECK(illegal_with(CSR_INSN(0xf14, 1, 0, 0)));
	trap_reset();
	asm volatile("csrrwi x0, mvendorid, 0");
	CHECK(illegal_with(CSR_INSN(0xf11, 5, 0, 0)));
#ifndef ISA_QEMU
	/* rs1 other than x0 writes, even a zero (QEMU 7.2 does not trap) */
	trap_reset();
	asm volatile("mv a1, %1\n\tcsrrs %0, mhartid, a1"
		     : "=r"(v)
		     : "r"(zero)
		     : "a1");
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.cause, CAUSE_ILLEGAL);
#endif
	trap_reset();
	asm volatile("csrw cycle, x0");
	CHECK(illegal_with(CSR_INSN(0xc00, 1, 0, 0)));
	trap_reset();
	asm volatile("csrsi instret, 1");
	CHECK(illegal_with(CSR_INSN(0xc02, 6, 1, 0)));
	/* a CSR that does not exist */
	trap_reset();
	asm volatile("csrr %0, 0x7ff" : "=r"(v));
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.cause, CAUSE_ILLEGAL);

	/* too low a privilege */
	trap_reset();
	run_mode(PRV_S, rd_mstatus, 0);
	CHECK(illegal_with(CSR_INSN(0x300, 2, 0, 10)));
	trap_reset();
	run_mode(PRV_S, rd_mscratch, 0);
	CHECK(illegal_with(CSR_INSN(0x340, 2, 0, 10)));
	trap_reset();
	run_mode(PRV_U, rd_sstatus, 0);
	CHECK(illegal_with(CSR_INSN(0x100, 2, 0, 10)));
	trap_reset();
	run_mode(PRV_U, rd_satp, 0);
	CHECK(illegal_with(CSR_INSN(0x180, 2, 0, 10)));
	trap_reset();
	v = run_mode(PRV_S, rd_sstatus, 0);
	CHECK_NO_TRAP();
	CHECK_EQ(v & MSTATUS_MPP, 0);
}

static void test_fcsr(void)
{
	csr_write(fcsr, 0);
	csr_write(fcsr, 0xfff);
	CHECK_EQ(csr_read(fcsr), 0xff);
	CHECK_EQ(csr_read(frm), 7);
	CHECK_EQ(csr_read(fflags), 0x1f);
	csr_write(frm, 3);
	CHECK_EQ(csr_read(fcsr), 0x7f);
	csr_write(fflags, 0x3f);
	CHECK_EQ(csr_read(fcsr), 0x7f);
	csr_write(fflags, 0x05);
	CHECK_EQ(csr_read(fcsr), 0x65);
	CHECK_EQ(csr_swap(frm, 1), 3);
	CHECK_EQ(csr_read(fcsr), 0x25);
	csr_clear(fflags, 1);
	CHECK_EQ(csr_read(fflags), 4);
	/* the dynamic rounding mode 5, 6 or 7 in frm: FP ops with rm=DYN
	 * are illegal; with a static rm they run */
	for (unsigned long rm = 5; rm <= 7; rm++) {
		csr_write(frm, rm);
		trap_reset();
		asm volatile("fadd.d fa0, fa0, fa0, dyn" ::: "fa0");
		CHECK(illegal_with(0x02a57553));
		trap_reset();
		asm volatile("fadd.d fa0, fa0, fa0, rne" ::: "fa0");
		CHECK_NO_TRAP();
	}
	/* reserved static rm (5, 6) is illegal */
	trap_reset();
	asm volatile(".insn r 0x53, 5, 1, fa0, fa0, fa0" ::: "fa0");
	CHECK(illegal_with(0x02a55553));
	/* U may use fcsr while FS is on */
	csr_write(fcsr, 0x41);
	trap_reset();
	CHECK_EQ(run_mode(PRV_U, rd_fcsr, 0), 0x41);
	CHECK_NO_TRAP();
	csr_clear(mstatus, MSTATUS_FS);
	run_mode(PRV_U, rd_fcsr, 0);
	CHECK_MTRAP(CAUSE_ILLEGAL, CSR_INSN(0x003, 2, 0, 10));
	csr_set(mstatus, 1UL << 13);
	csr_write(fcsr, 0);
}

static void test_envcfg(void)
{
	/* Sstc and Svpbmt enables are writable */
	csr_write(CSR_MENVCFG, (1UL << 63) | (1UL << 62));
	CHECK_EQ(csr_read(CSR_MENVCFG) >> 62, 3);
	csr_write(CSR_MENVCFG, 0);
	CHECK_EQ(csr_read(CSR_MENVCFG) >> 62, 0);
}

int main(void)
{
	test_misa_ids();
	test_mstatus();
	test_trap_csrs();
	test_counters();
	test_satp();
	test_access();
	test_fcsr();
	test_envcfg();
	return 0;
}
