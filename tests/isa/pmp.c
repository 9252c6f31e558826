/*
 * Physical memory protection: TOR, NA4 and NAPOT regions, R/W/X checks
 * for S and U, priority of lower-numbered entries, S/U denied where no
 * entry matches (M allowed), page-table walks checked as S accesses,
 * locked entries binding M-mode and ignoring writes. RISC-V Privileged
 * ISA, "Physical Memory Protection", "Virtual Address Translation
 * Process".
 *
 * Inside #ifndef ISA_QEMU: the CSRs of unimplemented entries read as
 * zero, where QEMU 7.2 traps.
 */
#include "rt.h"

#define PMP_R 0x01
#define PMP_W 0x02
#define PMP_X 0x04
#define PMP_OFF 0x00
#define PMP_TOR 0x08
#define PMP_NA4 0x10
#define PMP_NAPOT 0x18
#define PMP_L 0x80

static uint64_t page[512] __attribute__((aligned(4096)));
static uint32_t code[1024] __attribute__((aligned(4096)));

static void set_cfg(int i, unsigned long cfg)
{
	unsigned long v = csr_read(pmpcfg0);

	v &= ~(0xffUL << (8 * i));
	v |= cfg << (8 * i);
	csr_write(pmpcfg0, v);
	sfence_vma();
}

static unsigned long get_cfg(int i)
{
	return (csr_read(pmpcfg0) >> (8 * i)) & 0xff;
}

static void set_addr(int i, unsigned long a)
{
	switch (i) {
	case 0:
		csr_write(pmpaddr0, a);
		break;
	case 1:
		csr_write(pmpaddr1, a);
		break;
	case 2:
		csr_write(pmpaddr2, a);
		break;
	case 3:
		csr_write(pmpaddr3, a);
		break;
	case 4:
		csr_write(pmpaddr4, a);
		break;
	case 5:
		csr_write(pmpaddr5, a);
		break;
	case 6:
		csr_write(pmpaddr6, a);
		break;
	case 7:
		csr_write(pmpaddr7, a);
		break;
	}
	sfence_vma();
}

static unsigned long get_addr(int i)
{
	switch (i) {
	case 0:
		return csr_read(pmpaddr0);
	case 5:
		return csr_read(pmpaddr5);
	default:
		return 0;
	}
}

static unsigned long napot(unsigned long base, unsigned long size)
{
	return (base >> 2) | ((size >> 3) - 1);
}

static long load(long a)
{
	return *(volatile uint64_t *)a;
}

static long load32(long a)
{
	return *(volatile uint32_t *)a;
}

static long store(long a)
{
	*(volatile uint64_t *)a = 0x77;
	return 0;
}

static long fetch(long a)
{
	return ((long (*)(void))a)();
}

/* Result of fn(a) in mode, or 0x100 + cause of the one trap. */
static unsigned long try(int mode, long (*fn)(long), unsigned long a)
{
	long r;

	trap_reset();
	r = run_mode(mode, fn, a);
	if (!m_trap.count)
		return r;
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.tval, a);
	return 0x100 + m_trap.cause;
}

#define LOAD_AF (0x100 + CAUSE_LOAD_ACCESS)
#define STORE_AF (0x100 + CAUSE_STORE_ACCESS)
#define FETCH_AF (0x100 + CAUSE_FETCH_ACCESS)

int main(void)
{
	unsigned long p = (unsigned long)page, c = (unsigned long)code;

	for (int i = 0; i < 512; i++)
		page[i] = 0x1000 + i;
	code[0] = 0x02a00513; /* li a0, 42 */
	code[1] = 0x00008067; /* ret */
	fence_i();

	/* granularity: 4 bytes (pmpaddr0 keeps all ones with entry off) */
	set_cfg(0, PMP_OFF);
	set_addr(0, -1UL);
	unsigned long g = get_addr(0);
	CHECK_EQ(g & 1, 1);

#ifndef ISA_QEMU
	/*
	 * Entries past the 16 implemented: their CSRs exist and read as
	 * zero (WARL). QEMU 7.2 traps on them instead.
	 */
	m_trap.count = 0;
	csr_write(pmpaddr63, -1UL);
	CHECK_EQ(csr_read(pmpaddr63), 0);
	csr_write(pmpcfg14, -1UL);
	CHECK_EQ(csr_read(pmpcfg14), 0);
	CHECK_EQ(m_trap.count, 0);
#endif

	/* entry 7: everything, for S and U; entries 0-6 are tested */
	set_addr(7, -1UL);
	set_cfg(7, PMP_NAPOT | PMP_R | PMP_W | PMP_X);
	CHECK_EQ(get_cfg(7), PMP_NAPOT | PMP_R | PMP_W | PMP_X);
	CHECK_EQ(try(PRV_S, load, p), 0x1000);
	CHECK_EQ(try(PRV_U, store, p + 8), 0);
	CHECK_EQ(page[1], 0x77);
	page[1] = 0x1001;

	/* TOR: entry 1 covers [pmpaddr0, pmpaddr1) = the page, read-only */
	set_addr(0, p >> 2);
	set_addr(1, (p + 4096) >> 2);
	set_cfg(1, PMP_TOR | PMP_R);
	CHECK_EQ(try(PRV_S, load, p + 16), 0x1002);
	CHECK_EQ(try(PRV_U, load, p + 4088), 0x1000 + 511);
	CHECK_EQ(try(PRV_S, store, p + 24), STORE_AF);
	CHECK_EQ(try(PRV_U, store, p), STORE_AF);
	CHECK_EQ(page[0], 0x1000);
	/* just outside: entry 7 */
	CHECK_EQ(try(PRV_S, store, p + 4096), 0);
	CHECK_EQ(try(PRV_S, store, p - 8), 0);
	/* M is not bound by unlocked entries */
	trap_reset();
	page[5] = 0x1005;
	CHECK_NO_TRAP();
	/* a TOR entry whose top is below its bottom matches nothing */
	set_addr(0, (p + 4096) >> 2);
	set_addr(1, p >> 2);
	CHECK_EQ(try(PRV_S, store, p + 24), 0);
	page[3] = 0x1003;
	set_cfg(1, PMP_OFF);

	/* NA4: the 4 bytes at p + 0x100 only, no access */
	set_addr(2, (p + 0x100) >> 2);
	set_cfg(2, PMP_NA4);
	CHECK_EQ(try(PRV_S, load32, p + 0x100), LOAD_AF);
	CHECK_EQ(try(PRV_S, load32, p + 0x104),
		 (uint32_t)(page[0x100 / 8] >> 32));
	CHECK_EQ(try(PRV_S, load32, p + 0x108), (uint32_t)page[0x108 / 8]);
	CHECK_EQ(try(PRV_S, load32, p + 0xfc),
		 (uint32_t)(page[0xf8 / 8] >> 32));
	/* an 8-byte load that only partly overlaps is denied */
	CHECK_EQ(try(PRV_S, load, p + 0x100), LOAD_AF);
	set_cfg(2, PMP_OFF);

	/* NAPOT: 256 bytes at p + 0x200, read and write but no execute;
	 * and 4 KiB of code without X */
	set_addr(3, napot(p + 0x200, 256));
	set_cfg(3, PMP_NAPOT | PMP_R);
	CHECK_EQ(try(PRV_S, load, p + 0x2f8), 0x1000 + 0x2f8 / 8);
	CHECK_EQ(try(PRV_S, store, p + 0x2f8), STORE_AF);
	CHECK_EQ(try(PRV_S, store, p + 0x300), 0);
	page[0x300 / 8] = 0x1000 + 0x300 / 8;
	CHECK_EQ(try(PRV_S, store, p + 0x1f8), 0);
	page[0x1f8 / 8] = 0x1000 + 0x1f8 / 8;
	CHECK_EQ(try(PRV_S, fetch, c), 42);
	set_addr(4, napot(c, 4096));
	set_cfg(4, PMP_NAPOT | PMP_R | PMP_W);
	CHECK_EQ(try(PRV_S, fetch, c), FETCH_AF);
	CHECK_EQ(try(PRV_U, fetch, c), FETCH_AF);
	CHECK_EQ(try(PRV_S, load, c), *(volatile uint64_t *)code);
	/* the lower-numbered entry wins: entry 3 (no X) over entry 4 */
	set_cfg(4, PMP_NAPOT | PMP_X);
	CHECK_EQ(try(PRV_S, fetch, c), 42);
	CHECK_EQ(try(PRV_S, load, c), LOAD_AF);
	set_cfg(3, PMP_OFF);
	set_cfg(4, PMP_OFF);

	/* no matching entry: S and U denied, M allowed. Entry 6 covers the
	 * program (first 4 MiB of RAM), entry 7 off. */
	unsigned long outside = 0x80000000UL + 0x400000UL;
	CHECK((unsigned long)_end < outside);
	set_addr(6, napot(0x80000000UL, 0x400000UL));
	set_cfg(6, PMP_NAPOT | PMP_R | PMP_W | PMP_X);
	set_cfg(7, PMP_OFF);
	CHECK_EQ(try(PRV_S, load, p + 8), 0x1001);
	CHECK_EQ(try(PRV_S, load, outside), LOAD_AF);
	CHECK_EQ(try(PRV_U, store, outside + 8), STORE_AF);
	trap_reset();
	*(volatile uint64_t *)outside = 5;
	CHECK_EQ(*(volatile uint64_t *)outside, 5);
	CHECK_NO_TRAP();
	set_cfg(7, PMP_NAPOT | PMP_R | PMP_W | PMP_X);

	/* the page-table walk is checked as an S access too: a table page
	 * without R gives an access fault of the original kind */
	static uint64_t pt[2][512] __attribute__((aligned(4096)));
	for (int i = 0; i < 512; i++)
		pt[0][i] = pt[1][i] = 0;
	pt[0][2] = ((0x80000000UL >> 12) << 10) | 0xcf;	     /* RAM */
	pt[0][1] = (((unsigned long)pt[1] >> 12) << 10) | 1; /* 1 GiB */
	pt[1][0] = (((p & ~0x1fffffUL) >> 12) << 10) | 0xc3; /* 2 MiB RO */
	csr_write(satp, (8UL << 60) | ((unsigned long)pt[0] >> 12));
	sfence_vma();
	unsigned long va = 0x40000000UL + (p & 0x1fffff);
	CHECK_EQ(try(PRV_S, load, va + 8), 0x1001);
	set_addr(3, napot((unsigned long)pt[1], 4096));
	set_cfg(3, PMP_NAPOT | PMP_W);
	CHECK_EQ(try(PRV_S, load, va + 8), LOAD_AF);
	CHECK_EQ(try(PRV_S, store, va + 8), STORE_AF);
	/* and the final physical access */
	set_cfg(3, PMP_OFF);
	set_addr(3, napot(p, 4096));
	set_cfg(3, PMP_NAPOT);
	CHECK_EQ(try(PRV_S, load, va + 8), LOAD_AF);
	set_cfg(3, PMP_OFF);
	CHECK_EQ(try(PRV_S, load, va + 8), 0x1001);
	csr_write(satp, 0);
	sfence_vma();

	/* locked: binds M too, and the entry no longer changes */
	set_addr(5, napot(p + 0x800, 0x800));
	set_cfg(5, PMP_NAPOT | PMP_R | PMP_L);
	CHECK_EQ(get_cfg(5), PMP_NAPOT | PMP_R | PMP_L);
	trap_reset();
	CHECK_EQ(page[0x808 / 8], 0x1000 + 0x808 / 8);
	CHECK_NO_TRAP();
	trap_reset();
	*(volatile uint64_t *)(p + 0x810) = 1;
	CHECK_MTRAP(CAUSE_STORE_ACCESS, p + 0x810);
	CHECK_EQ(page[0x810 / 8], 0x1000 + 0x810 / 8);
	/* below the locked region: M free */
	trap_reset();
	page[0x7f8 / 8] = 9;
	CHECK_NO_TRAP();
	/* the locked cfg and addr ignore writes */
	set_cfg(5, PMP_NAPOT | PMP_R | PMP_W | PMP_X);
	CHECK_EQ(get_cfg(5), PMP_NAPOT | PMP_R | PMP_L);
	set_addr(5, napot(p, 0x1000));
	CHECK_EQ(get_addr(5), napot(p + 0x800, 0x800));
	CHECK_EQ(try(PRV_S, store, p + 0x810), STORE_AF);

	/* a locked TOR entry also locks the pmpaddr below it */
	set_cfg(0, PMP_OFF);
	set_addr(0, (p + 0x400) >> 2);
	set_addr(1, (p + 0x500) >> 2);
	set_cfg(1, PMP_TOR | PMP_R | PMP_L);
	set_addr(0, (p + 0x100) >> 2);
	CHECK_EQ(get_addr(0), (p + 0x400) >> 2);
	trap_reset();
	*(volatile uint64_t *)(p + 0x4f8) = 1;
	CHECK_MTRAP(CAUSE_STORE_ACCESS, p + 0x4f8);
	trap_reset();
	*(volatile uint64_t *)(p + 0x500) = 1;
	*(volatile uint64_t *)(p + 0x3f8) = 1;
	CHECK_NO_TRAP();
	return 0;
}
