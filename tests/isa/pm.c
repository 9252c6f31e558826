/*
 * Pointer masking (Smmpm, Smnpm, Ssnpm): the PMM fields of mseccfg,
 * menvcfg, senvcfg (and henvcfg, hstatus.HUPMM) with their reserved
 * value, and the "ignore" transformation of explicit accesses: loads,
 * stores, AMOs, LR/SC, FP loads, cache-block zero, HLV; zero-extended
 * for physical addresses (M, Bare), sign-extended for virtual ones
 * (Sv39); not applied with MXR, nor to fetches, nor to HLVX; the
 * address a fault reports is the masked one. ISA manual, "Pointer
 * Masking Extensions".
 * ISA-QEMU: skip QEMU 7.2 has no pointer masking
 * ISA-HVRUN-ARGS: --isa max
 */
#include "rt.h"

typedef unsigned long u64;

#define MSECCFG 0x747
#define HSTATUS 0x600
#define HENVCFG 0x60a
#define PMM(x) ((u64)(x) << 32)
#define PMLEN7 2
#define PMLEN16 3
#define TAG7 0xfe00000000000000UL  /* bits 63:57 */
#define TAG16 0xabcd000000000000UL /* bits 63:48 */

static volatile u64 cell[8] __attribute__((aligned(64))) = {0x1111, 0x2222};

static u64 load(u64 p)
{
	return *(volatile u64 *)p;
}

static void test_warl(void)
{
	csr_write(MSECCFG, PMM(PMLEN7));
	CHECK_EQ(csr_read(MSECCFG), PMM(PMLEN7));
	csr_write(MSECCFG, PMM(1)); /* reserved: the previous value stays */
	CHECK_EQ(csr_read(MSECCFG), PMM(PMLEN7));
	csr_write(MSECCFG, 0);
	csr_write(CSR_MENVCFG, PMM(PMLEN16));
	CHECK_EQ(csr_read(CSR_MENVCFG) & PMM(3), PMM(PMLEN16));
	csr_write(CSR_MENVCFG, 0);
	csr_write(CSR_SENVCFG, PMM(PMLEN7));
	CHECK_EQ(csr_read(CSR_SENVCFG) & PMM(3), PMM(PMLEN7));
	csr_write(CSR_SENVCFG, 0);
	csr_write(HSTATUS, 3UL << 48);
	CHECK_EQ(csr_read(HSTATUS) & (3UL << 48), 3UL << 48);
	csr_write(HSTATUS, 0);
}

static void test_m(void)
{
	u64 a = (u64)&cell[0], v;

	/* no masking: a tagged address is nothing, an access fault */
	trap_reset();
	(void)load(a | TAG7);
	CHECK_MTRAP(CAUSE_LOAD_ACCESS, a | TAG7);
	/* PMLEN 7 in M: physical, the tag bits become zeros */
	csr_write(MSECCFG, PMM(PMLEN7));
	trap_reset();
	CHECK_EQ(load(a | TAG7), 0x1111);
	*(volatile u64 *)((a + 8) | TAG7) = 0x3333;
	CHECK_EQ(cell[1], 0x3333);
	/* the AMO and LR/SC too */
	asm volatile("amoadd.d %0, %1, (%2)"
		     : "=r"(v)
		     : "r"(1UL), "r"(a | TAG7)
		     : "memory");
	CHECK_EQ(v, 0x1111);
	CHECK_EQ(cell[0], 0x1112);
	asm volatile("lr.d %0, (%1)\n\tsc.d %0, %2, (%1)"
		     : "=&r"(v)
		     : "r"(a | TAG7), "r"(5UL)
		     : "memory");
	CHECK_EQ(v, 0);
	CHECK_EQ(cell[0], 5);
	/* FP loads are explicit accesses as well */
	asm volatile("fld ft0, 8(%1)\n\tfmv.x.d %0, ft0"
		     : "=r"(v)
		     : "r"(a | TAG7)
		     : "ft0");
	CHECK_EQ(v, 0x3333);
	CHECK_NO_TRAP();
	/* bit 56 is an address bit with PMLEN 7: not masked */
	trap_reset();
	(void)load(a | 1UL << 56);
	CHECK_MTRAP(CAUSE_LOAD_ACCESS, a | 1UL << 56);
	/* a fault reports the masked address */
	trap_reset();
	(void)load(UNMAPPED_PA | TAG7);
	CHECK_MTRAP(CAUSE_LOAD_ACCESS, UNMAPPED_PA);
	/* PMLEN 16: bits 63:48 */
	csr_write(MSECCFG, PMM(PMLEN16));
	trap_reset();
	CHECK_EQ(load(a | TAG16), 5);
	CHECK_NO_TRAP();
	/* MXR in effect turns it off */
	csr_set(mstatus, MSTATUS_MXR);
	trap_reset();
	(void)load(a | TAG16);
	CHECK_MTRAP_CAUSE(CAUSE_LOAD_ACCESS);
	csr_clear(mstatus, MSTATUS_MXR);
	/* cache-block zero: masked too */
	cell[2] = 7;
	trap_reset();
	asm volatile("cbo.zero (%0)" ::"r"(a | TAG16) : "memory");
	CHECK_NO_TRAP();
	CHECK_EQ(cell[2], 0);
	/* fetches are not masked: the tagged target faults, as it is */
	trap_reset();
	call_addr((u64)test_warl | TAG16);
	CHECK_MTRAP(CAUSE_FETCH_ACCESS, (u64)test_warl | TAG16);
	csr_write(MSECCFG, 0);
}

static long s_load(long p)
{
	return (long)load((u64)p);
}

/* An Sv39 root: gigapages at VA 0x80000000 and 0xffffffffc0000000. */
static u64 root[512] __attribute__((aligned(4096)));

static void map(int user)
{
	u64 pte = (0x80000000UL >> 12) << 10 | 0xcf | (user ? 0x10 : 0);

	root[2] = pte;
	root[511] = pte;
	csr_write(satp, 8UL << 60 | (u64)root >> 12);
	sfence_vma();
}

static void test_s_u(void)
{
	u64 a = (u64)&cell[0];

	cell[0] = 0x4444;
	/* S, Bare: menvcfg.PMM; physical, zero-extended */
	csr_write(CSR_MENVCFG, PMM(PMLEN7));
	trap_reset();
	CHECK_EQ(run_mode(PRV_S, s_load, a | TAG7), 0x4444);
	CHECK_NO_TRAP();
	/* U follows senvcfg, not menvcfg */
	trap_reset();
	run_mode(PRV_U, s_load, a | TAG7);
	CHECK_MTRAP(CAUSE_LOAD_ACCESS, a | TAG7);
	csr_write(CSR_SENVCFG, PMM(PMLEN16));
	trap_reset();
	CHECK_EQ(run_mode(PRV_U, s_load, a | TAG16), 0x4444);
	CHECK_NO_TRAP();
	/* Sv39: virtual, sign-extended from bit XLEN-PMLEN-1 */
	map(0);
	csr_set(mstatus, MSTATUS_SUM);
	trap_reset();
	/* bit 56 set: masked to 0xffffffffc... (the top gigapage) */
	CHECK_EQ(run_mode(PRV_S, s_load,
			  (a - 0x80000000UL + 0xffffffffc0000000UL) & ~TAG7),
		 0x4444);
	CHECK_EQ(run_mode(PRV_S, s_load, a | TAG7), 0x4444);
	CHECK_NO_TRAP();
	/* a zero-extension would have made the first an invalid VA */
	map(1);
	trap_reset();
	CHECK_EQ(run_mode(PRV_U, s_load,
			  (a - 0x80000000UL + 0xffffffffc0000000UL) & ~TAG16),
		 0x4444);
	CHECK_NO_TRAP();
	/* the page fault reports the masked address */
	trap_reset();
	run_mode(PRV_U, s_load, 0x40000000UL | TAG16);
	CHECK_MTRAP(CAUSE_LOAD_PAGE, 0x40000000UL);
	csr_write(satp, 0);
	sfence_vma();
	csr_clear(mstatus, MSTATUS_SUM);
	csr_write(CSR_MENVCFG, 0);
	csr_write(CSR_SENVCFG, 0);
}

static void test_hlv(void)
{
	u64 a = (u64)&cell[0], v = 0;

	/* HLV as VU (SPVP 0) from M: senvcfg.PMM; HLVX: never masked */
	cell[0] = 0x5555;
	csr_write(CSR_SENVCFG, PMM(PMLEN7));
	csr_write(HSTATUS, 0);
	trap_reset();
	asm volatile(".insn r 0x73, 4, 0x36, %0, %1, x0" /* hlv.d */
		     : "=r"(v)
		     : "r"(a | TAG7));
	CHECK_EQ(v, 0x5555);
	CHECK_NO_TRAP();
	trap_reset();
	asm volatile(".insn r 0x73, 4, 0x34, %0, %1, x3" /* hlvx.wu */
		     : "=r"(v)
		     : "r"(a | TAG7));
	CHECK_MTRAP_CAUSE(CAUSE_LOAD_ACCESS);
	/* as VS (SPVP 1): henvcfg.PMM */
	csr_write(HSTATUS, 1UL << 8);
	trap_reset();
	asm volatile(".insn r 0x73, 4, 0x36, %0, %1, x0"
		     : "=r"(v)
		     : "r"(a | TAG16));
	CHECK_MTRAP_CAUSE(CAUSE_LOAD_ACCESS);
	csr_write(HENVCFG, PMM(PMLEN16));
	trap_reset();
	asm volatile(".insn r 0x73, 4, 0x36, %0, %1, x0"
		     : "=r"(v)
		     : "r"(a | TAG16));
	CHECK_EQ(v, 0x5555);
	CHECK_NO_TRAP();
	csr_write(HSTATUS, 0);
	csr_write(HENVCFG, 0);
	csr_write(CSR_SENVCFG, 0);
}

int main(void)
{
	csr_set(mstatus, MSTATUS_FS);
	test_warl();
	test_m();
	test_s_u();
	test_hlv();
	return rt_failures ? 1 : 0;
}
