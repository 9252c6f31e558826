/*
 * Smstateen and Ssstateen: the WARL fields of mstateen0..3, hstateen0..3
 * and sstateen0..3 (hvrun has no state of the C, FCSR, JVT, AIA, IMSIC,
 * CSRIND or CONTEXT kinds: only SE0/SE and ENVCFG exist), and the gates
 * they are: mstateen's SE bits on sstateen/hstateen below M, its ENVCFG
 * bit on senvcfg and henvcfg; from VS, hstateen's on sstateen and
 * senvcfg (virtual-instruction exceptions). Privileged ISA,
 * "Smstateen/Ssstateen".
 * ISA-QEMU: skip QEMU 7.2 has no Smstateen
 */
#include "rt.h"

typedef unsigned long u64;

#define MSTATEEN0 0x30c
#define MSTATEEN1 0x30d
#define MSTATEEN2 0x30e
#define MSTATEEN3 0x30f
#define HSTATEEN0 0x60c
#define HSTATEEN2 0x60e
#define SSTATEEN0 0x10c
#define HENVCFG 0x60a
#define SE (1UL << 63)
#define ENVCFG (1UL << 62)
#define MSTATUS_MPV (1UL << 39)

static long rd_sstateen0(long a)
{
	return csr_read(SSTATEEN0);
}

static long rd_hstateen0(long a)
{
	return csr_read(HSTATEEN0);
}

static long rd_senvcfg(long a)
{
	return csr_read(CSR_SENVCFG);
}

static long rd_henvcfg(long a)
{
	return csr_read(HENVCFG);
}

/* Runs @fn in (V)S-mode; the cause of the one trap, or -1 for none. */
static long cause_in(long (*fn)(long), int virt)
{
	trap_reset();
	if (virt)
		csr_set(mstatus, MSTATUS_MPV);
	run_mode(PRV_S, fn, 0);
	csr_clear(mstatus, MSTATUS_MPV);
	if (m_trap.count == 0)
		return -1;
	CHECK_EQ(m_trap.count, 1);
	return m_trap.cause;
}

static void test_warl(void)
{
	csr_write(MSTATEEN0, ~0UL);
	CHECK_EQ(csr_read(MSTATEEN0), SE | ENVCFG);
	csr_write(MSTATEEN1, ~0UL);
	CHECK_EQ(csr_read(MSTATEEN1), SE);
	csr_write(MSTATEEN3, ~0UL);
	CHECK_EQ(csr_read(MSTATEEN3), SE);
	/* hstateen: what mstateen allows */
	csr_write(HSTATEEN0, ~0UL);
	CHECK_EQ(csr_read(HSTATEEN0), SE | ENVCFG);
	csr_write(MSTATEEN0, SE);
	CHECK_EQ(csr_read(HSTATEEN0), SE);
	csr_write(MSTATEEN0, SE | ENVCFG);
	/* sstateen: no state of its kinds, all zero */
	csr_write(SSTATEEN0, ~0UL);
	CHECK_EQ(csr_read(SSTATEEN0), 0);
	csr_write(HSTATEEN2, ~0UL);
	CHECK_EQ(csr_read(HSTATEEN2), 0); /* mstateen2.SE is 0 */
	csr_write(MSTATEEN2, SE);
	CHECK_EQ(csr_read(HSTATEEN2), SE);
}

static void test_gates(void)
{
	/* mstateen0 all open: S reaches them all */
	csr_write(MSTATEEN0, SE | ENVCFG);
	CHECK_EQ(cause_in(rd_sstateen0, 0), -1);
	CHECK_EQ(cause_in(rd_hstateen0, 0), -1);
	CHECK_EQ(cause_in(rd_senvcfg, 0), -1);
	CHECK_EQ(cause_in(rd_henvcfg, 0), -1);
	/* SE0 clear: sstateen0 and hstateen0 are illegal below M */
	csr_write(MSTATEEN0, ENVCFG);
	CHECK_EQ(cause_in(rd_sstateen0, 0), CAUSE_ILLEGAL);
	CHECK_EQ(cause_in(rd_hstateen0, 0), CAUSE_ILLEGAL);
	CHECK_EQ(cause_in(rd_senvcfg, 0), -1);
	/* ENVCFG clear: senvcfg and henvcfg are */
	csr_write(MSTATEEN0, SE);
	CHECK_EQ(cause_in(rd_senvcfg, 0), CAUSE_ILLEGAL);
	CHECK_EQ(cause_in(rd_henvcfg, 0), CAUSE_ILLEGAL);
	CHECK_EQ(cause_in(rd_sstateen0, 0), -1);
	/* M itself is never stopped */
	trap_reset();
	(void)csr_read(CSR_SENVCFG);
	(void)csr_read(SSTATEEN0);
	CHECK_NO_TRAP();
	csr_write(MSTATEEN0, SE | ENVCFG);
}

static void test_vs(void)
{
	/* hstateen0 open: VS reaches sstateen0 and senvcfg */
	csr_write(HSTATEEN0, SE | ENVCFG);
	CHECK_EQ(cause_in(rd_sstateen0, 1), -1);
	CHECK_EQ(cause_in(rd_senvcfg, 1), -1);
	/* hstateen0 closed: virtual instruction */
	csr_write(HSTATEEN0, 0);
	CHECK_EQ(cause_in(rd_sstateen0, 1), CAUSE_VIRTUAL_INSN);
	CHECK_EQ(cause_in(rd_senvcfg, 1), CAUSE_VIRTUAL_INSN);
	/* mstateen0 closed as well: illegal, whatever hstateen says */
	csr_write(HSTATEEN0, SE | ENVCFG);
	csr_write(MSTATEEN0, 0);
	CHECK_EQ(cause_in(rd_sstateen0, 1), CAUSE_ILLEGAL);
	CHECK_EQ(cause_in(rd_senvcfg, 1), CAUSE_ILLEGAL);
	/* hypervisor CSRs stay virtual from VS */
	csr_write(MSTATEEN0, SE | ENVCFG);
	CHECK_EQ(cause_in(rd_hstateen0, 1), CAUSE_VIRTUAL_INSN);
}

int main(void)
{
	test_warl();
	test_gates();
	test_vs();
	return rt_failures ? 1 : 0;
}
