/*
 * Virtual memory: Sv39, Sv48 and Sv57 walks; 4 KiB, 2 MiB, 1 GiB pages
 * and misaligned superpages; R/W/X/U permissions, SUM and MXR; page
 * faults with their cause and tval for fetch, load and store; A/D (set by
 * the hart, or a page fault: both allowed); sfence.vma; MPRV with MPP=S
 * and U from M-mode; Svnapot 64 KiB pages; Svpbmt. RISC-V Privileged ISA,
 * "Supervisor-Level ISA" (Sv39, Sv48, Sv57, "Virtual Address
 * Translation Process"), "Svnapot", "Svpbmt".
 *
 * Inside #ifndef ISA_QEMU: what QEMU 7.2 gets wrong: reserved PTE bits
 * and PBMT encodings (no fault), a page-table walk reaching no memory (a
 * page fault, not an access fault), an AMO on an unmapped page (a load
 * page fault).
 */
#include "pt.h"
#include "rt.h"

#define PTE_N (1UL << 63)
#define PTE_PBMT_NC (1UL << 61)
#define PTE_PBMT_IO (2UL << 61)
#define PTE_PBMT_RSV (3UL << 61)
#define RWX (PTE_R | PTE_W | PTE_X)
#define AD (PTE_A | PTE_D)

#define VA_TEST 0x40000000UL
#define PAGE 4096UL

static uint64_t pool[48][512] __attribute__((aligned(4096)));
static struct pt_pool pt = {pool, 0, 3};
/* Physical pages the tests map: data0/data1 hold known values, code holds
 * "li a0, 42; ret". */
static uint64_t data0[512] __attribute__((aligned(4096)));
static uint64_t data1[512] __attribute__((aligned(4096)));
static uint32_t code[1024] __attribute__((aligned(4096)));
static uint64_t napot_region[16][512] __attribute__((aligned(65536)));

/* A fresh address space: RAM identity-mapped by a 1 GiB page. */
static uint64_t *space(int lv, unsigned long ram_flags)
{
	uint64_t *root;

	pt.levels = lv;
	pt.used = 0;
	root = pt_alloc(&pt);
	pt_map(&pt, root, 0x80000000UL, 0x80000000UL, 2, ram_flags | AD);
	return root;
}

static void use(uint64_t *root)
{
	csr_write(satp, (pt_mode(&pt) << 60) | ((unsigned long)root >> 12));
	sfence_vma();
}

static long load(long va)
{
	return *(volatile uint64_t *)va;
}

static long store(long va)
{
	*(volatile uint64_t *)va = 0x5a5a5a5a12345678UL;
	return 0;
}

static long fetch(long va)
{
	return ((long (*)(void))va)();
}

#define NOTRAP_VALUE 0x600dUL
/* Runs fn(va) in mode; returns the result, or the cause of one trap
 * (with the tval checked to be va) as 0x100 + cause. */
static unsigned long try(int mode, long (*fn)(long), unsigned long va)
{
	long r;

	trap_reset();
	r = run_mode(mode, fn, va);
	if (m_trap.count == 0)
		return r;
	CHECK_EQ(m_trap.count, 1);
	if (m_trap.tval != va)
		printf("tval %lx for va %lx\n", m_trap.tval, va);
	CHECK_EQ(m_trap.tval, va);
	return 0x100 + m_trap.cause;
}

#define LOAD_PF (0x100 + CAUSE_LOAD_PAGE)
#define STORE_PF (0x100 + CAUSE_STORE_PAGE)
#define FETCH_PF (0x100 + CAUSE_FETCH_PAGE)

static void setup_pages(void)
{
	for (int i = 0; i < 512; i++) {
		data0[i] = 0xd0d0000000000000UL | i;
		data1[i] = 0xd1d1000000000000UL | i;
	}
	code[0] = 0x02a00513; /* li a0, 42 */
	code[1] = 0x00008067; /* ret */
	for (int p = 0; p < 16; p++)
		napot_region[p][5] = 0x4e00 + p;
	fence_i();
}

static void test_modes(void)
{
	for (int lv = 3; lv <= 5; lv++) {
		uint64_t *root = space(lv, RWX);
		/* a VA that only this mode and wider ones can express */
		unsigned long high = 1UL << (12 + 9 * lv - 2);

		pt_map(&pt, root, VA_TEST, (unsigned long)data0, 0,
		       PTE_R | PTE_W | AD);
		pt_map(&pt, root, high, (unsigned long)data1, 0, PTE_R | AD);
		use(root);
		CHECK_EQ(try(PRV_S, load, VA_TEST + 8 * 7), data0[7]);
		CHECK_EQ(try(PRV_S, load, high + 8 * 9), data1[9]);
		CHECK_EQ(try(PRV_S, store, VA_TEST + 16), 0);
		CHECK_EQ(data0[2], 0x5a5a5a5a12345678UL);
		data0[2] = 0xd0d0000000000002UL;
		/* not mapped */
		CHECK_EQ(try(PRV_S, load, VA_TEST + PAGE), LOAD_PF);
		CHECK_EQ(try(PRV_S, store, VA_TEST + PAGE + 8), STORE_PF);
		CHECK_EQ(try(PRV_S, fetch, VA_TEST + 2 * PAGE), FETCH_PF);
		/* not canonical: bits above the top must copy the top bit */
		CHECK_EQ(try(PRV_S, load, high << 1), LOAD_PF);
		CHECK_EQ(try(PRV_S, load, (high << 1) | 0xf000000000000000UL),
			 LOAD_PF);
		csr_write(satp, 0);
	}
}

static void test_sizes(void)
{
	uint64_t *root = space(3, RWX);
	unsigned long d0 = (unsigned long)data0;

	/* 1 GiB: VA 0x40000000 -> RAM */
	pt_map(&pt, root, VA_TEST, 0x80000000UL, 2, PTE_R | AD);
	use(root);
	CHECK_EQ(try(PRV_S, load, VA_TEST + (d0 - 0x80000000UL) + 24),
		 data0[3]);

	/* 2 MiB at 0xc0200000 -> the 2 MiB block holding data0 */
	root = space(3, RWX);
	pt_map(&pt, root, 0xc0200000UL, d0 & ~0x1fffffUL, 1, PTE_R | AD);
	use(root);
	CHECK_EQ(try(PRV_S, load, 0xc0200000UL + (d0 & 0x1fffff) + 32),
		 data0[4]);
	/* misaligned superpages: page fault */
	root = space(3, RWX);
	pt_map(&pt, root, 0xc0200000UL, (d0 & ~0x1fffffUL) + PAGE, 1,
	       PTE_R | AD);
	pt_map(&pt, root, VA_TEST, 0x80000000UL + 0x200000UL, 2, PTE_R | AD);
	use(root);
	CHECK_EQ(try(PRV_S, load, 0xc0200000UL), LOAD_PF);
	CHECK_EQ(try(PRV_S, load, VA_TEST + 0x1000), LOAD_PF);

	/* Svnapot: 64 KiB from 16 PTEs with N = 1 and ppn[3:0] = 8 */
	root = space(3, RWX);
	unsigned long nb = (unsigned long)napot_region;
	for (int i = 0; i < 16; i++) {
		uint64_t *pte = pt_map(&pt, root, 0xc0010000UL + i * PAGE, nb,
				       0, PTE_R | AD);
		*pte |= PTE_N | (8UL << 10);
	}
	use(root);
	for (int p = 0; p < 16; p += 5)
		CHECK_EQ(try(PRV_S, load, 0xc0010000UL + p * PAGE + 40),
			 0x4e00 + p);
	csr_write(satp, 0);
}

static void test_perms(void)
{
	uint64_t *root = space(3, RWX);
	unsigned long d0 = (unsigned long)data0, c = (unsigned long)code;
	unsigned long v_r = VA_TEST, v_rw = VA_TEST + PAGE,
		      v_x = VA_TEST + 2 * PAGE, v_w = VA_TEST + 3 * PAGE,
		      v_u = VA_TEST + 4 * PAGE, v_ux = VA_TEST + 5 * PAGE,
		      v_inv = VA_TEST + 6 * PAGE, v_rx = VA_TEST + 7 * PAGE;

	pt_map(&pt, root, v_r, d0, 0, PTE_R | AD);
	pt_map(&pt, root, v_rw, d0, 0, PTE_R | PTE_W | AD);
	pt_map(&pt, root, v_x, c, 0, PTE_X | AD);
	pt_map(&pt, root, v_w, d0, 0, PTE_W | AD); /* W without R: reserved */
	pt_map(&pt, root, v_u, d0, 0, PTE_R | PTE_W | PTE_U | AD);
	pt_map(&pt, root, v_ux, c, 0, PTE_X | PTE_R | PTE_U | AD);
	*pt_map(&pt, root, v_inv, d0, 0, PTE_R | AD) &= ~PTE_V;
	pt_map(&pt, root, v_rx, c, 0, PTE_R | PTE_X | AD);
	use(root);

	CHECK_EQ(try(PRV_S, load, v_r), data0[0]);
	CHECK_EQ(try(PRV_S, store, v_r), STORE_PF);
	CHECK_EQ(try(PRV_S, fetch, v_r), FETCH_PF);
	CHECK_EQ(try(PRV_S, load, v_rw + 8), data0[1]);
	CHECK_EQ(try(PRV_S, fetch, v_x), 42);
	CHECK_EQ(try(PRV_S, fetch, v_rx), 42);
	CHECK_EQ(try(PRV_S, load, v_x), LOAD_PF);
	CHECK_EQ(try(PRV_S, store, v_x), STORE_PF);
	CHECK_EQ(try(PRV_S, load, v_w), LOAD_PF);
	CHECK_EQ(try(PRV_S, store, v_w), STORE_PF);
	CHECK_EQ(try(PRV_S, load, v_inv), LOAD_PF);
	CHECK_EQ(try(PRV_S, store, v_inv), STORE_PF);
	CHECK_EQ(try(PRV_S, fetch, v_inv), FETCH_PF);

	/* MXR: loads from X-only pages */
	csr_set(mstatus, MSTATUS_MXR);
	CHECK_EQ(try(PRV_S, load, v_x), *(uint64_t *)code);
	CHECK_EQ(try(PRV_S, store, v_x), STORE_PF);
	csr_clear(mstatus, MSTATUS_MXR);

	/* S and U pages from S: loads/stores only with SUM, never fetch */
	CHECK_EQ(try(PRV_S, load, v_u), LOAD_PF);
	CHECK_EQ(try(PRV_S, store, v_u), STORE_PF);
	CHECK_EQ(try(PRV_S, fetch, v_ux), FETCH_PF);
	csr_set(mstatus, MSTATUS_SUM);
	CHECK_EQ(try(PRV_S, load, v_u + 16), data0[2]);
	CHECK_EQ(try(PRV_S, store, v_u + 24), 0);
	CHECK_EQ(data0[3], 0x5a5a5a5a12345678UL);
	data0[3] = 0xd0d0000000000003UL;
	CHECK_EQ(try(PRV_S, fetch, v_ux), FETCH_PF);
	csr_clear(mstatus, MSTATUS_SUM);

	/* from U: RAM must be U to run there */
	root = space(3, RWX | PTE_U);
	pt_map(&pt, root, v_r, d0, 0, PTE_R | AD);
	pt_map(&pt, root, v_u, d0, 0, PTE_R | PTE_W | PTE_U | AD);
	pt_map(&pt, root, v_ux, c, 0, PTE_X | PTE_U | AD);
	pt_map(&pt, root, v_x, c, 0, PTE_X | AD);
	use(root);
	CHECK_EQ(try(PRV_U, load, v_u + 8), data0[1]);
	CHECK_EQ(try(PRV_U, store, v_u + 32), 0);
	CHECK_EQ(data0[4], 0x5a5a5a5a12345678UL);
	data0[4] = 0xd0d0000000000004UL;
	CHECK_EQ(try(PRV_U, fetch, v_ux), 42);
	CHECK_EQ(try(PRV_U, load, v_r), LOAD_PF);
	CHECK_EQ(try(PRV_U, store, v_r), STORE_PF);
	CHECK_EQ(try(PRV_U, fetch, v_x), FETCH_PF);
	/* MXR in U too */
	CHECK_EQ(try(PRV_U, load, v_ux), LOAD_PF);
	csr_set(mstatus, MSTATUS_MXR);
	CHECK_EQ(try(PRV_U, load, v_ux), *(uint64_t *)code);
	csr_clear(mstatus, MSTATUS_MXR);
	csr_write(satp, 0);
}

static void test_ad(void)
{
	uint64_t *root = space(3, RWX);
	unsigned long d0 = (unsigned long)data0;
	uint64_t *pa = pt_map(&pt, root, VA_TEST, d0, 0, PTE_R | PTE_W);
	uint64_t *pd =
		pt_map(&pt, root, VA_TEST + PAGE, d0, 0, PTE_R | PTE_W | PTE_A);
	unsigned long r;

	use(root);
	/* A = 0: a page fault (Svade), or the hart sets A */
	r = try(PRV_S, load, VA_TEST);
	if (r == LOAD_PF) {
		CHECK(!(*pa & PTE_A));
	} else {
		CHECK_EQ(r, data0[0]);
		CHECK(*pa & PTE_A);
		CHECK(!(*pa & PTE_D));
	}
	/* D = 0 on a store: a page fault, or the hart sets A and D */
	r = try(PRV_S, store, VA_TEST + PAGE);
	if (r == STORE_PF) {
		CHECK(!(*pd & PTE_D));
	} else {
		CHECK_EQ(r, 0);
		CHECK((*pd & AD) == AD);
	}
	data0[0] = 0xd0d0000000000000UL;
	csr_write(satp, 0);
}

static void test_sfence(void)
{
	uint64_t *root = space(3, RWX);
	uint64_t *pte =
		pt_map(&pt, root, VA_TEST, (unsigned long)data0, 0, PTE_R | AD);

	use(root);
	CHECK_EQ(try(PRV_S, load, VA_TEST), data0[0]);
	/* retarget, then sfence.vma for that address */
	*pte = (((unsigned long)data1 >> 12) << 10) | PTE_R | AD | PTE_V;
	asm volatile("sfence.vma %0, zero" ::"r"(VA_TEST) : "memory");
	CHECK_EQ(try(PRV_S, load, VA_TEST), data1[0]);
	/* unmap, sfence.vma for all */
	*pte = 0;
	sfence_vma();
	CHECK_EQ(try(PRV_S, load, VA_TEST), LOAD_PF);
	/* a fault is never cached: map it again, it works after sfence */
	*pte = (((unsigned long)data0 >> 12) << 10) | PTE_R | AD | PTE_V;
	sfence_vma();
	CHECK_EQ(try(PRV_S, load, VA_TEST + 8), data0[1]);
	/* satp switches address space */
	uint64_t *root2;
	pt.used = 8;
	root2 = pt_alloc(&pt);
	pt_map(&pt, root2, 0x80000000UL, 0x80000000UL, 2, RWX | AD);
	pt_map(&pt, root2, VA_TEST, (unsigned long)data1, 0, PTE_R | AD);
	use(root2);
	CHECK_EQ(try(PRV_S, load, VA_TEST + 8), data1[1]);
	use(root);
	CHECK_EQ(try(PRV_S, load, VA_TEST + 8), data0[1]);
	csr_write(satp, 0);
}

/* sfence.vma for one ASID (the one satp kept: ASIDLEN may be 0). */
static void test_asid(void)
{
	uint64_t *root = space(3, RWX);
	uint64_t *pte =
		pt_map(&pt, root, VA_TEST, (unsigned long)data0, 0, PTE_R | AD);
	unsigned long asid;

	csr_write(satp,
		  (8UL << 60) | (5UL << 44) | ((unsigned long)root >> 12));
	asid = (csr_read(satp) >> 44) & 0xffff;
	CHECK(asid == 5 || asid == 0);
	sfence_vma();
	CHECK_EQ(try(PRV_S, load, VA_TEST), data0[0]);
	*pte = (((unsigned long)data1 >> 12) << 10) | PTE_R | AD | PTE_V;
	asm volatile("sfence.vma zero, %0" ::"r"(asid) : "memory");
	CHECK_EQ(try(PRV_S, load, VA_TEST), data1[0]);
	*pte = (((unsigned long)data0 >> 12) << 10) | PTE_R | AD | PTE_V;
	asm volatile("sfence.vma %0, %1" ::"r"(VA_TEST), "r"(asid) : "memory");
	CHECK_EQ(try(PRV_S, load, VA_TEST + 8), data0[1]);
	csr_write(satp, 0);
}

/* M-mode load with MPRV = 1 and the given MPP; the trap handler leaves
 * MPP = U after its mret, so MPRV is cleared in the same asm. */
static unsigned long mprv_load(unsigned long mpp, unsigned long va)
{
	unsigned long v = 0x600d, set = MSTATUS_MPRV | (mpp << 11);

	trap_reset();
	asm volatile("csrc mstatus, %3\n\t"
		     "csrs mstatus, %2\n\t"
		     "ld %0, 0(%1)\n\t"
		     "csrc mstatus, %4\n\t"
		     : "+&r"(v)
		     : "r"(va), "r"(set), "r"(MSTATUS_MPP), "r"(MSTATUS_MPRV)
		     : "memory");
	if (m_trap.count) {
		CHECK_EQ(m_trap.count, 1);
		CHECK_EQ(m_trap.tval, va);
		return 0x100 + m_trap.cause;
	}
	return v;
}

static void test_mprv(void)
{
	uint64_t *root = space(3, RWX);
	unsigned long d0 = (unsigned long)data0;

	pt_map(&pt, root, VA_TEST, d0, 0, PTE_R | AD);
	pt_map(&pt, root, VA_TEST + PAGE, d0, 0, PTE_R | PTE_U | AD);
	use(root);
	/* satp applies to M's loads only through MPRV */
	CHECK_EQ(mprv_load(PRV_S, VA_TEST + 8), data0[1]);
	CHECK_EQ(mprv_load(PRV_U, VA_TEST + 8), LOAD_PF);
	CHECK_EQ(mprv_load(PRV_U, VA_TEST + PAGE + 16), data0[2]);
	CHECK_EQ(mprv_load(PRV_S, VA_TEST + PAGE + 16), LOAD_PF);
	csr_set(mstatus, MSTATUS_SUM);
	CHECK_EQ(mprv_load(PRV_S, VA_TEST + PAGE + 16), data0[2]);
	csr_clear(mstatus, MSTATUS_SUM);
	/* MPP = M: no translation */
	CHECK_EQ(mprv_load(PRV_M, d0 + 24), data0[3]);
	CHECK(!(csr_read(mstatus) & MSTATUS_MPRV));
	csr_write(satp, 0);
}

static void test_pbmt(void)
{
	uint64_t *root = space(3, RWX);
	unsigned long d0 = (unsigned long)data0;

	/* with menvcfg.PBMTE, NC and IO pages of RAM read as usual and the
	 * reserved encoding 3 faults */
	csr_write(CSR_MENVCFG, 1UL << 62);
	pt_map(&pt, root, VA_TEST, d0, 0, PTE_R | AD | PTE_PBMT_NC);
	pt_map(&pt, root, VA_TEST + PAGE, d0, 0, PTE_R | AD | PTE_PBMT_IO);
	pt_map(&pt, root, VA_TEST + 2 * PAGE, d0, 0, PTE_R | AD | PTE_PBMT_RSV);
	use(root);
	CHECK_EQ(try(PRV_S, load, VA_TEST + 8), data0[1]);
	CHECK_EQ(try(PRV_S, load, VA_TEST + PAGE + 8), data0[1]);
#ifndef ISA_QEMU
	/* (QEMU 7.2 ignores reserved PBMT values) */
	CHECK_EQ(try(PRV_S, load, VA_TEST + 2 * PAGE), LOAD_PF);
	/* without PBMTE the bits are reserved: page fault */
	csr_write(CSR_MENVCFG, 0);
	sfence_vma();
	CHECK_EQ(try(PRV_S, load, VA_TEST + 8), LOAD_PF);
#endif
	csr_write(CSR_MENVCFG, 0);
	csr_write(satp, 0);
}

static long amo(long va)
{
	long v = 1;

	asm volatile("amoadd.d %0, %0, (%1)" : "+r"(v) : "r"(va) : "memory");
	return v;
}

static long lr(long va)
{
	long v;

	asm volatile("lr.d %0, (%1)" : "=r"(v) : "r"(va) : "memory");
	return v;
}

static long load_mis(long va)
{
	return *(volatile uint32_t *)va;
}

static void test_walk_faults(void)
{
	uint64_t *root = space(3, RWX);
	unsigned long d0 = (unsigned long)data0;
	uint64_t *pte;

	/* a non-leaf PTE pointing at no memory: access fault of the access's
	 * own kind, tval = the VA */
	pt_map(&pt, root, VA_TEST, d0, 0, PTE_R | PTE_W | AD);
	root[0xc0000000UL >> 30] = ((UNMAPPED_PA >> 12) << 10) | PTE_V;
	use(root);
#ifndef ISA_QEMU
	/* (QEMU 7.2 raises a page fault) */
	CHECK_EQ(try(PRV_S, load, 0xc0000000UL), 0x100 + CAUSE_LOAD_ACCESS);
	CHECK_EQ(try(PRV_S, store, 0xc0000008UL), 0x100 + CAUSE_STORE_ACCESS);
	CHECK_EQ(try(PRV_S, fetch, 0xc0000000UL), 0x100 + CAUSE_FETCH_ACCESS);
#endif

	/* a pointer PTE at the last level: page fault */
	root = space(3, RWX);
	pte = pt_map(&pt, root, VA_TEST, d0, 0, PTE_R | AD);
	*pte &= ~(PTE_R | PTE_A | PTE_D);
	use(root);
	CHECK_EQ(try(PRV_S, load, VA_TEST), LOAD_PF);

	/* AMOs fault as stores; LR as a load */
	root = space(3, RWX);
	pt_map(&pt, root, VA_TEST, d0, 0, PTE_R | AD);
	use(root);
	CHECK_EQ(try(PRV_S, amo, VA_TEST + 8), STORE_PF);
#ifndef ISA_QEMU
	/* (QEMU 7.2 reports a load page fault for an AMO on no page) */
	CHECK_EQ(try(PRV_S, amo, VA_TEST + PAGE), STORE_PF);
#endif
	CHECK_EQ(try(PRV_S, lr, VA_TEST + PAGE), LOAD_PF);
	CHECK_EQ(try(PRV_S, lr, VA_TEST + 16), data0[2]);
	CHECK_EQ(data0[1], 0xd0d0000000000001UL);

	/* Svnapot with a ppn[3:0] other than 1000, or N on a 2 MiB page:
	 * reserved, page fault */
	root = space(3, RWX);
	pte = pt_map(&pt, root, VA_TEST, (unsigned long)napot_region, 0,
		     PTE_R | AD);
	*pte |= PTE_N | (4UL << 10);
	pte = pt_map(&pt, root, 0xc0200000UL, d0 & ~0x1fffffUL, 1, PTE_R | AD);
	*pte |= PTE_N;
	use(root);
	CHECK_EQ(try(PRV_S, load, VA_TEST), LOAD_PF);
	CHECK_EQ(try(PRV_S, load, 0xc0200000UL), LOAD_PF);

#ifndef ISA_QEMU
	/* (QEMU 7.2 does not check these reserved bits) */
	/* bits 60:54 are reserved */
	root = space(3, RWX);
	pte = pt_map(&pt, root, VA_TEST, d0, 0, PTE_R | AD);
	*pte |= 1UL << 54;
	pte = pt_map(&pt, root, VA_TEST + PAGE, d0, 0, PTE_R | AD);
	*pte |= 1UL << 60;
	use(root);
	CHECK_EQ(try(PRV_S, load, VA_TEST), LOAD_PF);
	CHECK_EQ(try(PRV_S, load, VA_TEST + PAGE), LOAD_PF);
	/* A, D and U are reserved in a non-leaf PTE */
	root = space(3, RWX);
	pt_map(&pt, root, VA_TEST, d0, 0, PTE_R | AD);
	root[VA_TEST >> 30] |= PTE_A;
	use(root);
	CHECK_EQ(try(PRV_S, load, VA_TEST), LOAD_PF);
#endif
	csr_write(satp, 0);
}

/* A 4-byte instruction whose second half is on an unmapped page: the
 * fetch page fault has mepc at the instruction and mtval at the page. */
static void test_straddle(void)
{
	uint64_t *root = space(3, RWX);
	uint16_t *h = (uint16_t *)&code[1023];
	unsigned long va = VA_TEST + PAGE - 2;

	/* c.nop at the start (unused), then "addi a0, zero, 1" split
	 * across the page end */
	h[1] = 0x0513;
	fence_i();
	pt_map(&pt, root, VA_TEST, (unsigned long)code, 0, PTE_X | PTE_R | AD);
	use(root);
	trap_reset();
	run_mode(PRV_S, fetch, va);
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.cause, CAUSE_FETCH_PAGE);
	CHECK_EQ(m_trap.epc, va);
	CHECK_EQ(m_trap.tval, VA_TEST + PAGE);

	/* a misaligned load across the end of a mapped page: the load
	 * completes, or faults (misaligned with tval = the address, or a
	 * page fault with tval inside the access) */
	root = space(3, RWX);
	pt_map(&pt, root, VA_TEST, (unsigned long)data0, 0, PTE_R | AD);
	use(root);
	trap_reset();
	run_mode(PRV_S, load_mis, VA_TEST + PAGE - 2);
	CHECK_EQ(m_trap.count, 1);
	if (m_trap.cause == CAUSE_MISALIGNED_LOAD) {
		CHECK_EQ(m_trap.tval, VA_TEST + PAGE - 2);
	} else {
		CHECK_EQ(m_trap.cause, CAUSE_LOAD_PAGE);
		CHECK(m_trap.tval >= VA_TEST + PAGE - 2 &&
		      m_trap.tval < VA_TEST + PAGE + 2);
	}
	csr_write(satp, 0);
}

/* Sv48: a 512 GiB leaf at level 3 */
static void test_terapage(void)
{
	uint64_t *root = space(4, RWX);
	unsigned long base = 0x8000000000UL; /* 512 GiB */

	pt_map(&pt, root, base, 0, 3, PTE_R | AD);
	use(root);
	CHECK_EQ(try(PRV_S, load, base + (unsigned long)data1 + 48), data1[6]);
	/* a misaligned one */
	root = space(4, RWX);
	pt_map(&pt, root, base, 0x40000000UL, 3, PTE_R | AD);
	use(root);
	CHECK_EQ(try(PRV_S, load, base + (unsigned long)data1), LOAD_PF);
	csr_write(satp, 0);
}

static uint32_t code2[1024] __attribute__((aligned(4096)));

static long patch(long va)
{
	*(volatile uint32_t *)va = 0x06300513; /* li a0, 99 */
	asm volatile("fence.i" ::: "memory");
	return 0;
}

/* Translated code must follow the physical page behind a VA: the same VA
 * in two address spaces, a PTE changed under sfence.vma, and a write
 * through another VA of the same page followed by fence.i. */
static void test_code_mapping(void)
{
	uint64_t *root = space(3, RWX), *root2, *pte;

	code2[0] = 0x00700513; /* li a0, 7 */
	code2[1] = 0x00008067; /* ret */
	fence_i();
	pte = pt_map(&pt, root, VA_TEST, (unsigned long)code, 0,
		     PTE_X | PTE_R | AD);
	use(root);
	for (int i = 0; i < 3; i++)
		CHECK_EQ(try(PRV_S, fetch, VA_TEST), 42);
	pt.used = 8;
	root2 = pt_alloc(&pt);
	pt_map(&pt, root2, 0x80000000UL, 0x80000000UL, 2, RWX | AD);
	pt_map(&pt, root2, VA_TEST, (unsigned long)code2, 0,
	       PTE_X | PTE_R | AD);
	use(root2);
	CHECK_EQ(try(PRV_S, fetch, VA_TEST), 7);
	use(root);
	CHECK_EQ(try(PRV_S, fetch, VA_TEST), 42);
	*pte = (((unsigned long)code2 >> 12) << 10) | PTE_X | PTE_R | AD |
	       PTE_V;
	sfence_vma();
	CHECK_EQ(try(PRV_S, fetch, VA_TEST), 7);
	/* VA_TEST + PAGE is a writable alias of code2 */
	pt_map(&pt, root, VA_TEST + PAGE, (unsigned long)code2, 0,
	       PTE_R | PTE_W | AD);
	sfence_vma();
	CHECK_EQ(try(PRV_S, patch, VA_TEST + PAGE), 0);
	CHECK_EQ(try(PRV_S, fetch, VA_TEST), 99);
	CHECK_EQ(code2[0], 0x06300513);
	csr_write(satp, 0);
}

int main(void)
{
	setup_pages();
	test_code_mapping();
	test_walk_faults();
	test_straddle();
	test_terapage();
	test_modes();
	test_sizes();
	test_perms();
	test_ad();
	test_sfence();
	test_asid();
	test_mprv();
	test_pbmt();
	return 0;
}
