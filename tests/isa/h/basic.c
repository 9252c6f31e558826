/*
 * H extension basics: VS and VU modes entered by mret with MPV, their
 * ecall causes, VS CSRs standing in for S CSRs, virtual-instruction
 * exceptions (hypervisor CSRs, VTSR, VTVM), G-stage translation (Sv39x4)
 * with guest-page faults reporting the GVA in mtval, the GPA (or zero) in
 * mtval2 and mstatus.GVA, and HLV from M. RISC-V Privileged ISA, "Hypervisor
 * Extension".
 *
 * Inside #ifndef ISA_QEMU: what QEMU 7.2 gets wrong: hstatus.VTVM is
 * ignored and mstatus.GVA is not cleared by other traps.
 */
#include "rt.h"

#define CSR_HSTATUS 0x600
#define CSR_HGATP 0x680
#define CSR_VSSCRATCH 0x240
#define CSR_VSATP 0x280
#define CSR_MTVAL2 0x34b
#define MSTATUS_GVA (1UL << 38)
#define MSTATUS_MPV (1UL << 39)
#define HSTATUS_VTVM (1UL << 20)
#define HSTATUS_VTSR (1UL << 22)
#define HSTATUS_SPVP (1UL << 8)

#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_U 0x10
#define PTE_AD 0xc0

#define GPA_HOLE 0x100000000UL /* 4 GiB: no G-stage mapping */
#define GPA_RO 0xc0000000UL    /* 3 GiB: read-only view of RAM */

/* Sv39x4 root: 2048 entries, 16 KiB aligned */
static uint64_t groot[2048] __attribute__((aligned(16384)));
static uint64_t data[8] = {0x1111, 0x2222, 0x3333};

static long ret_arg(long a)
{
	return a;
}

static long rd_sscratch(long a)
{
	return csr_read(sscratch);
}

static long rd_hstatus(long a)
{
	return csr_read(0x600);
}

static long rd_satp(long a)
{
	return csr_read(satp);
}

static long do_ecall(long a)
{
	asm volatile("li a7, 0\n\tecall" ::: "a7", "memory");
	return 0;
}

static long do_sret(long a)
{
	asm volatile("sret" ::: "memory");
	return 0;
}

static long load(long a)
{
	return *(volatile uint64_t *)a;
}

static long store(long a)
{
	*(volatile uint64_t *)a = 5;
	return 0;
}

static long fetch(long a)
{
	return ((long (*)(void))a)();
}

/* Runs fn in VS (mode S) or VU (mode U). */
static long run_v(int mode, long (*fn)(long), long arg)
{
	long r;

	csr_set(mstatus, MSTATUS_MPV);
	r = run_mode(mode, fn, arg);
	csr_clear(mstatus, MSTATUS_MPV);
	return r;
}

/* mtval2 on a guest-page fault: zero or the GPA >> 2 */
#define CHECK_MTVAL2(v)                                    \
	do {                                               \
		unsigned long __t2 = csr_read(CSR_MTVAL2); \
		CHECK(__t2 == 0 || __t2 == (v));           \
	} while (0)
#ifndef ISA_QEMU
#define CHECK_GVA_CLEAR() CHECK(!(m_trap.status & MSTATUS_GVA))
#else
/* QEMU 7.2 leaves GVA as it was */
#define CHECK_GVA_CLEAR() \
	do {              \
	} while (0)
#endif

static void hfence_gvma(void)
{
	asm volatile(".word 0x62000073" ::: "memory"); /* hfence.gvma */
}

static void test_modes(void)
{
	trap_reset();
	CHECK_EQ(run_v(PRV_S, ret_arg, 5), 5);
	CHECK_NO_TRAP();
	CHECK_EQ(run_v(PRV_U, ret_arg, 6), 6);

	/* ecall: 10 from VS, 8 from VU, 9 from HS */
	trap_reset();
	run_v(PRV_S, do_ecall, 0);
	CHECK_MTRAP(CAUSE_ECALL_VS, 0);
	CHECK(m_trap.status & MSTATUS_MPV);
	trap_reset();
	run_v(PRV_U, do_ecall, 0);
	CHECK_MTRAP(CAUSE_ECALL_U, 0);
	trap_reset();
	run_mode(PRV_S, do_ecall, 0);
	CHECK_MTRAP(CAUSE_ECALL_S, 0);
	CHECK(!(m_trap.status & MSTATUS_MPV));

	/* sscratch in VS is vsscratch */
	unsigned long saved = csr_swap(sscratch, 0xaaaa);
	csr_write(CSR_VSSCRATCH, 0x5555);
	CHECK_EQ(run_v(PRV_S, rd_sscratch, 0), 0x5555);
	CHECK_EQ(run_mode(PRV_S, rd_sscratch, 0), 0xaaaa);
	csr_write(sscratch, saved);

	/* hypervisor CSRs: HS may, VS gets a virtual-instruction exception,
	 * U an illegal-instruction one; mtval = the instruction */
	trap_reset();
	run_mode(PRV_S, rd_hstatus, 0);
	CHECK_NO_TRAP();
	trap_reset();
	run_v(PRV_S, rd_hstatus, 0);
	CHECK_MTRAP(CAUSE_VIRTUAL_INSN, 0x60002573);
	trap_reset();
	run_mode(PRV_U, rd_hstatus, 0);
	CHECK_MTRAP(CAUSE_ILLEGAL, 0x60002573);

	/* VTSR: sret in VS; VTVM: satp in VS */
	csr_set(CSR_HSTATUS, HSTATUS_VTSR);
	trap_reset();
	run_v(PRV_S, do_sret, 0);
	CHECK_MTRAP(CAUSE_VIRTUAL_INSN, 0x10200073);
	csr_clear(CSR_HSTATUS, HSTATUS_VTSR);
#ifndef ISA_QEMU
	/* (QEMU 7.2 ignores VTVM) */
	csr_set(CSR_HSTATUS, HSTATUS_VTVM);
	trap_reset();
	run_v(PRV_S, rd_satp, 0);
	CHECK_MTRAP(CAUSE_VIRTUAL_INSN, 0x18002573);
	csr_clear(CSR_HSTATUS, HSTATUS_VTVM);
#endif
	trap_reset();
	run_v(PRV_S, rd_satp, 0);
	CHECK_NO_TRAP();
}

static unsigned long hlv_d(unsigned long a)
{
	unsigned long v = 0x600d;

	trap_reset();
	/* hlv.d v, (a) */
	asm volatile(".insn r 0x73, 4, 0x36, %0, %1, x0"
		     : "+r"(v)
		     : "r"(a)
		     : "memory");
	return v;
}

static void test_gstage(void)
{
	unsigned long d = (unsigned long)data;

	/* GPA 2 GiB -> RAM (1 GiB leaf), GPA 3 GiB -> RAM read-only; all
	 * G-stage leaves are user pages */
	for (int i = 0; i < 2048; i++)
		groot[i] = 0;
	groot[2] = ((0x80000000UL >> 12) << 10) | PTE_V | PTE_R | PTE_W |
		   PTE_X | PTE_U | PTE_AD;
	groot[3] =
		((0x80000000UL >> 12) << 10) | PTE_V | PTE_R | PTE_U | PTE_AD;
	csr_write(CSR_VSATP, 0);
	csr_write(CSR_HGATP, (8UL << 60) | ((unsigned long)groot >> 12));
	CHECK_EQ(csr_read(CSR_HGATP) >> 60, 8);
	hfence_gvma();

	trap_reset();
	CHECK_EQ(run_v(PRV_S, load, d + 8), 0x2222);
	CHECK_EQ(run_v(PRV_S, load, d - 0x80000000UL + GPA_RO + 16), 0x3333);
	CHECK_EQ(run_v(PRV_S, store, d + 24), 0);
	CHECK_EQ(data[3], 5);
	CHECK_NO_TRAP();

	/* guest-page faults: mtval = GVA (= GPA here), mtval2 = GPA >> 2,
	 * mstatus.GVA = 1 */
	trap_reset();
	run_v(PRV_S, load, GPA_HOLE + 0x18);
	CHECK_MTRAP(CAUSE_LOAD_GUEST_PAGE, GPA_HOLE + 0x18);
	CHECK_MTVAL2((GPA_HOLE + 0x18) >> 2);
	CHECK(m_trap.status & MSTATUS_GVA);
	CHECK(m_trap.status & MSTATUS_MPV);
	trap_reset();
	run_v(PRV_S, store, d - 0x80000000UL + GPA_RO + 32);
	CHECK_MTRAP(CAUSE_STORE_GUEST_PAGE, d - 0x80000000UL + GPA_RO + 32);
	CHECK_MTVAL2((d - 0x80000000UL + GPA_RO + 32) >> 2);
	CHECK_EQ(data[4], 0);
	trap_reset();
	run_v(PRV_U, fetch, GPA_HOLE + 0x100);
	CHECK_MTRAP(CAUSE_FETCH_GUEST_PAGE, GPA_HOLE + 0x100);
	CHECK_MTVAL2((GPA_HOLE + 0x100) >> 2);
	/* an ordinary fault from HS leaves GVA clear */
	trap_reset();
	run_mode(PRV_S, load, UNMAPPED_PA);
	CHECK_MTRAP(CAUSE_LOAD_ACCESS, UNMAPPED_PA);
	CHECK_GVA_CLEAR();
	CHECK_EQ(csr_read(CSR_MTVAL2), 0);

	/* HLV from M: the load goes through the guest's translation */
	csr_set(CSR_HSTATUS, HSTATUS_SPVP);
	CHECK_EQ(hlv_d(d - 0x80000000UL + GPA_RO), 0x1111);
	CHECK_NO_TRAP();
	hlv_d(GPA_HOLE);
	CHECK_MTRAP(CAUSE_LOAD_GUEST_PAGE, GPA_HOLE);
	CHECK_MTVAL2(GPA_HOLE >> 2);
	CHECK(m_trap.status & MSTATUS_GVA);
	csr_write(CSR_HGATP, 0);
	hfence_gvma();
}

int main(void)
{
	CHECK(csr_read(misa) & (1UL << ('H' - 'A')));
	if (rt_failures)
		return 0;
	test_modes();
	test_gstage();
	return 0;
}
