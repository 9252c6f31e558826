/*
 * Svinval: sinval.vma invalidates what sfence.vma would (a changed PTE is
 * seen after sfence.w.inval, sinval.vma, sfence.inval.ir), and the rules
 * of the five instructions: U-mode always illegal; TVM makes sinval.vma
 * and hinval.gvma illegal in (H)S but not the two fences; VU-mode gets
 * virtual-instruction exceptions for all, VS-mode for hinval.* and, with
 * VTVM, for sinval.vma. Privileged ISA, "Svinval".
 * GCC 12 does not take svinval in -march: the instructions are .word.
 * Inside #ifndef ISA_QEMU: the U-mode and VU-mode rules QEMU 7.2 breaks.
 */
#include "rt.h"

typedef unsigned long u64;

#define MSTATUS_MPV (1UL << 39)
#define HSTATUS 0x600
#define HSTATUS_VTVM (1UL << 20)

static long do_sinval(long a)
{
	asm volatile(".word 0x16000073"); /* sinval.vma */
	return 0;
}

static long do_w_inval(long a)
{
	asm volatile(".word 0x18000073"); /* sfence.w.inval */
	return 0;
}

static long do_inval_ir(long a)
{
	asm volatile(".word 0x18100073"); /* sfence.inval.ir */
	return 0;
}

static long do_hinval_vvma(long a)
{
	asm volatile(".word 0x26000073"); /* hinval.vvma */
	return 0;
}

static long do_hinval_gvma(long a)
{
	asm volatile(".word 0x66000073"); /* hinval.gvma */
	return 0;
}

/* The cause of the one trap @fn takes in @mode (4: VS, 5: VU), or -1. */
static long cause_of(long (*fn)(long), int mode)
{
	trap_reset();
	if (mode & 4)
		csr_set(mstatus, MSTATUS_MPV);
	run_mode(mode & 3, fn, 0);
	csr_clear(mstatus, MSTATUS_MPV);
	if (!m_trap.count)
		return -1;
	CHECK_EQ(m_trap.count, 1);
	return m_trap.cause;
}

static u64 root[512] __attribute__((aligned(4096)));
static u64 l1[512] __attribute__((aligned(4096)));
static u64 l0[512] __attribute__((aligned(4096)));
static volatile u64 page_a[512] __attribute__((aligned(4096))) = {0xa};
static volatile u64 page_b[512] __attribute__((aligned(4096))) = {0xb};

#define VA 0x40000000UL

static long s_read(long va)
{
	return *(volatile u64 *)va;
}

static long s_remap(long pa)
{
	l0[0] = (u64)pa >> 12 << 10 | 0xc7; /* V R W A D */
	/* sfence.w.inval; sinval.vma VA, zero; sfence.inval.ir */
	asm volatile(".word 0x18000073\n\t"
		     ".insn r 0x73, 0, 0x0b, x0, %0, x0\n\t"
		     ".word 0x18100073" ::"r"(VA)
		     : "memory");
	return *(volatile u64 *)VA;
}

static void test_invalidates(void)
{
	/* identity gigapage for the code, VA -> page_a through 3 levels */
	root[2] = (0x80000000UL >> 12) << 10 | 0xcf;
	root[VA >> 30] = (u64)l1 >> 12 << 10 | 1;
	l1[0] = (u64)l0 >> 12 << 10 | 1;
	l0[0] = (u64)page_a >> 12 << 10 | 0xc7;
	csr_write(satp, 8UL << 60 | (u64)root >> 12);
	sfence_vma();
	trap_reset();
	CHECK_EQ(run_mode(PRV_S, s_read, VA), 0xa);
	CHECK_EQ(run_mode(PRV_S, s_remap, (long)page_b), 0xb);
	CHECK_EQ(run_mode(PRV_S, s_read, VA), 0xb);
	CHECK_NO_TRAP();
	csr_write(satp, 0);
	sfence_vma();
}

static void test_rules(void)
{
	static long (*const all[])(long) = {do_sinval, do_w_inval, do_inval_ir,
					    do_hinval_vvma, do_hinval_gvma};

	/* M and HS: all allowed */
	for (int i = 0; i < 5; i++) {
		CHECK_EQ(cause_of(all[i], PRV_M), -1);
		CHECK_EQ(cause_of(all[i], PRV_S), -1);
	}
	/* U: all illegal */
	CHECK_EQ(cause_of(do_sinval, PRV_U), CAUSE_ILLEGAL);
	CHECK_EQ(cause_of(do_hinval_vvma, PRV_U), CAUSE_ILLEGAL);
	CHECK_EQ(cause_of(do_hinval_gvma, PRV_U), CAUSE_ILLEGAL);
#ifndef ISA_QEMU
	/* QEMU 7.2 lets U-mode run the two fences */
	CHECK_EQ(cause_of(do_w_inval, PRV_U), CAUSE_ILLEGAL);
	CHECK_EQ(cause_of(do_inval_ir, PRV_U), CAUSE_ILLEGAL);
#endif
	/* TVM: sinval.vma and hinval.gvma illegal in HS, the fences not */
	csr_set(mstatus, MSTATUS_TVM);
	CHECK_EQ(cause_of(do_sinval, PRV_S), CAUSE_ILLEGAL);
	CHECK_EQ(cause_of(do_hinval_gvma, PRV_S), CAUSE_ILLEGAL);
	CHECK_EQ(cause_of(do_hinval_vvma, PRV_S), -1);
	CHECK_EQ(cause_of(do_w_inval, PRV_S), -1);
	CHECK_EQ(cause_of(do_inval_ir, PRV_S), -1);
	csr_clear(mstatus, MSTATUS_TVM);
	/* VS: hinval.* virtual; sinval.vma and the fences allowed */
	CHECK_EQ(cause_of(do_hinval_vvma, 4 | PRV_S), CAUSE_VIRTUAL_INSN);
	CHECK_EQ(cause_of(do_hinval_gvma, 4 | PRV_S), CAUSE_VIRTUAL_INSN);
	CHECK_EQ(cause_of(do_sinval, 4 | PRV_S), -1);
	CHECK_EQ(cause_of(do_w_inval, 4 | PRV_S), -1);
	/* VTVM: sinval.vma virtual in VS, the fences still allowed */
	csr_set(HSTATUS, HSTATUS_VTVM);
	CHECK_EQ(cause_of(do_sinval, 4 | PRV_S), CAUSE_VIRTUAL_INSN);
	CHECK_EQ(cause_of(do_w_inval, 4 | PRV_S), -1);
	CHECK_EQ(cause_of(do_inval_ir, 4 | PRV_S), -1);
	csr_clear(HSTATUS, HSTATUS_VTVM);
#ifndef ISA_QEMU
	/*
	 * VU: all virtual (QEMU 7.2 raises illegal-instruction for the
	 * invalidations and lets the fences run)
	 */
	for (int i = 0; i < 5; i++)
		CHECK_EQ(cause_of(all[i], 4 | PRV_U), CAUSE_VIRTUAL_INSN);
#endif
}

int main(void)
{
	test_invalidates();
	test_rules();
	return rt_failures ? 1 : 0;
}
