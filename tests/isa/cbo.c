/*
 * Zicboz and Zicbom: cbo.zero clears the whole 64-byte block holding the
 * address; cbo.clean/flush/inval keep memory as it is on a coherent
 * machine; menvcfg and senvcfg (CBZE, CBCFE, CBIE) gate them below M,
 * where a disabled one is an illegal instruction. RISC-V Unprivileged
 * ISA, "Cache-Block Operations"; Privileged ISA, "Machine Environment
 * Configuration Register (menvcfg)".
 * ISA-QEMU: skip QEMU 7.2 has no Zicbom/Zicboz
 */
#include "rt.h"

#define ENVCFG_CBIE (3UL << 4)
#define ENVCFG_CBCFE (1UL << 6)
#define ENVCFG_CBZE (1UL << 7)

/* Encodings, for mtval: cbo.OP (a0) is imm << 20 | a0 << 15 | 2 << 12 | 0x0f */
#define CBO_INSN(imm) (((imm) << 20) | (10 << 15) | (2 << 12) | 0x0f)

static unsigned char buf[256] __attribute__((aligned(64)));

static long do_zero(long a)
{
	asm volatile("mv a0, %0\n\tcbo.zero (a0)" ::"r"(a) : "a0", "memory");
	return 0;
}

static long do_clean(long a)
{
	asm volatile("mv a0, %0\n\tcbo.clean (a0)" ::"r"(a) : "a0", "memory");
	return 0;
}

static long do_flush(long a)
{
	asm volatile("mv a0, %0\n\tcbo.flush (a0)" ::"r"(a) : "a0", "memory");
	return 0;
}

static long do_inval(long a)
{
	asm volatile("mv a0, %0\n\tcbo.inval (a0)" ::"r"(a) : "a0", "memory");
	return 0;
}

static void fill(void)
{
	for (int i = 0; i < 256; i++)
		buf[i] = i + 1;
}

static int block_zero(int from)
{
	for (int i = 0; i < 256; i++) {
		int in = i >= from && i < from + 64;

		if (in ? buf[i] != 0 : buf[i] != (unsigned char)(i + 1))
			return 0;
	}
	return 1;
}

static int unchanged(void)
{
	for (int i = 0; i < 256; i++)
		if (buf[i] != (unsigned char)(i + 1))
			return 0;
	return 1;
}

static uint64_t pt[3][512] __attribute__((aligned(4096)));
static unsigned char page[4096] __attribute__((aligned(4096)));

#define VA 0x40000000UL

static int cbo_fault_ok(unsigned long cause, unsigned long va)
{
	/* tval is the effective address, rs1, not the block's */
	if (m_trap.count == 1 && m_trap.cause == cause && m_trap.tval == va)
		return 1;
	printf("traps %lu cause %lx tval %lx, want cause %lx tval %lx\n",
	       m_trap.count, m_trap.cause, m_trap.tval, cause, va);
	return 0;
}

/* Permission checks under Sv39: cbo.zero is a store; clean and flush
 * need a load or a store permission (a read-only page will do); faults
 * are store/AMO faults. Zicbom "Page-Fault, Guest-Page-Fault, and
 * Access-Fault Exceptions". */
static void test_paging(void)
{
	/* root: RAM identity 1 GiB, and VA -> l1 -> l0 -> page */
	for (int i = 0; i < 512; i++)
		pt[0][i] = pt[1][i] = pt[2][i] = 0;
	pt[0][2] = ((0x80000000UL >> 12) << 10) | 0xcf; /* VRWXAD */
	pt[0][VA >> 30] = (((unsigned long)pt[1] >> 12) << 10) | 1;
	pt[1][0] = (((unsigned long)pt[2] >> 12) << 10) | 1;
	pt[2][0] = (((unsigned long)page >> 12) << 10) | 0xc3; /* R only */
	pt[2][1] = 0;					       /* nothing */
	pt[2][2] = (((unsigned long)page >> 12) << 10) | 0xc7; /* RW */
	csr_write(satp, (8UL << 60) | ((unsigned long)pt[0] >> 12));
	sfence_vma();
	csr_write(CSR_MENVCFG, ENVCFG_CBZE | ENVCFG_CBCFE | (1UL << 4));
	for (int i = 0; i < 4096; i++)
		page[i] = 0x55;
	trap_reset();
	run_mode(PRV_S, do_zero, VA + 0x48);
	CHECK(cbo_fault_ok(CAUSE_STORE_PAGE, VA + 0x48));
	CHECK_EQ(page[0x48], 0x55);
	trap_reset();
	run_mode(PRV_S, do_clean, VA + 0x48);
	run_mode(PRV_S, do_flush, VA + 0x48);
	CHECK_NO_TRAP();
	trap_reset();
	run_mode(PRV_S, do_flush, VA + 0x1000 + 8);
	CHECK(cbo_fault_ok(CAUSE_STORE_PAGE, VA + 0x1000 + 8));
	trap_reset();
	run_mode(PRV_S, do_zero, VA + 0x3000);
	CHECK(cbo_fault_ok(CAUSE_STORE_PAGE, VA + 0x3000));
	trap_reset();
	run_mode(PRV_S, do_zero, VA + 0x2000 + 0x85);
	CHECK_NO_TRAP();
	for (int i = 0; i < 4096; i++)
		if (page[i] != ((i >= 0x80 && i < 0xc0) ? 0 : 0x55)) {
			printf("page byte %x is %x\n", i, page[i]);
			CHECK(0);
			break;
		}
	csr_write(satp, 0);
	csr_write(CSR_MENVCFG, 0);

	/* no memory there: store access fault */
	trap_reset();
	do_zero(UNMAPPED_PA + 0x40);
	CHECK(cbo_fault_ok(CAUSE_STORE_ACCESS, UNMAPPED_PA + 0x40));
}

int main(void)
{
	/* M-mode: always allowed; an address inside the block zeroes it all */
	fill();
	trap_reset();
	do_zero((long)&buf[64 + 37]);
	CHECK_NO_TRAP();
	CHECK(block_zero(64));
	fill();
	do_clean((long)&buf[3]);
	do_flush((long)&buf[130]);
	CHECK_NO_TRAP();
	CHECK(unchanged());
	do_inval((long)&buf[200]);
	CHECK_NO_TRAP();

	/* S-mode with menvcfg clear: all illegal, with the bits in mtval */
	csr_write(CSR_MENVCFG, 0);
	CHECK_EQ(csr_read(CSR_MENVCFG) &
			 (ENVCFG_CBZE | ENVCFG_CBCFE | ENVCFG_CBIE),
		 0);
	fill();
	trap_reset();
	run_mode(PRV_S, do_zero, (long)&buf[0]);
	CHECK_MTRAP(CAUSE_ILLEGAL, CBO_INSN(4));
	CHECK(unchanged());
	trap_reset();
	run_mode(PRV_S, do_clean, (long)&buf[0]);
	CHECK_MTRAP(CAUSE_ILLEGAL, CBO_INSN(1));
	trap_reset();
	run_mode(PRV_S, do_flush, (long)&buf[0]);
	CHECK_MTRAP(CAUSE_ILLEGAL, CBO_INSN(2));
	trap_reset();
	run_mode(PRV_S, do_inval, (long)&buf[0]);
	CHECK_MTRAP(CAUSE_ILLEGAL, CBO_INSN(0));

	/* enabled for S */
	csr_write(CSR_MENVCFG, ENVCFG_CBZE | ENVCFG_CBCFE | (1UL << 4));
	CHECK_EQ(csr_read(CSR_MENVCFG) &
			 (ENVCFG_CBZE | ENVCFG_CBCFE | ENVCFG_CBIE),
		 ENVCFG_CBZE | ENVCFG_CBCFE | (1UL << 4));
	fill();
	trap_reset();
	run_mode(PRV_S, do_zero, (long)&buf[128]);
	CHECK_NO_TRAP();
	CHECK(block_zero(128));
	fill();
	run_mode(PRV_S, do_clean, (long)&buf[0]);
	run_mode(PRV_S, do_flush, (long)&buf[0]);
	run_mode(PRV_S, do_inval, (long)&buf[0]);
	CHECK_NO_TRAP();
	CHECK(unchanged());

	/* U-mode also needs senvcfg */
	csr_write(CSR_SENVCFG, 0);
	trap_reset();
	run_mode(PRV_U, do_zero, (long)&buf[0]);
	CHECK_MTRAP(CAUSE_ILLEGAL, CBO_INSN(4));
	CHECK(unchanged());
	trap_reset();
	run_mode(PRV_U, do_flush, (long)&buf[0]);
	CHECK_MTRAP(CAUSE_ILLEGAL, CBO_INSN(2));
	csr_write(CSR_SENVCFG, ENVCFG_CBZE | ENVCFG_CBCFE);
	trap_reset();
	run_mode(PRV_U, do_zero, (long)&buf[192]);
	run_mode(PRV_U, do_clean, (long)&buf[0]);
	CHECK_NO_TRAP();
	CHECK(block_zero(192));
	/* menvcfg off overrides senvcfg on */
	csr_write(CSR_MENVCFG, 0);
	fill();
	trap_reset();
	run_mode(PRV_U, do_zero, (long)&buf[0]);
	CHECK_MTRAP(CAUSE_ILLEGAL, CBO_INSN(4));
	CHECK(unchanged());
	test_paging();
	return 0;
}
