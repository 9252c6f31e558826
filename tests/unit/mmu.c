// SPDX-License-Identifier: MIT
/*
 * Unit tests for accel/dbt/mmu.c: page tables are built by hand in guest
 * RAM and a hart is set up field by field, so only the MMU, guest memory
 * and the bus are exercised. Expected values are those of the RISC-V
 * privileged spec (causes, tval, htval/mtval2, mtinst pseudoinstructions).
 */
#include "accel/dbt/mmu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accel/dbt/hart.h"
#include "devices/bus.h"
#include "base/guestmem.h"

#define RAM_BASE 0x80000000ull
#define RAM_SIZE (256ull << 20)

#define V (1ull << 0)
#define R (1ull << 1)
#define W (1ull << 2)
#define X (1ull << 3)
#define U (1ull << 4)
#define G (1ull << 5)
#define A (1ull << 6)
#define D (1ull << 7)
#define N (1ull << 63)
#define PBMT(x) ((uint64_t)(x) << 61)
#define RWXAD (V | R | W | X | A | D)

#define SUM (1ull << 18)
#define MXR (1ull << 19)
#define MPRV (1ull << 17)
#define MPV (1ull << 39)
#define SPVP (1ull << 8)
#define ADUE (1ull << 61)
#define PBMTE (1ull << 62)

static struct guestmem mem;
static struct bus bus;
static struct dbt_vm vm;
static struct dbt_hart *h;
static uint64_t next_page;

static int failures;
static char why[256];

#define EXPECT(c)                                                           \
	do {                                                                \
		if (!(c) && !why[0])                                        \
			snprintf(why, sizeof(why), "line %d: %s", __LINE__, \
				 #c);                                       \
	} while (0)

static void run(const char *name, void (*fn)(void))
{
	why[0] = 0;
	fn();
	if (why[0]) {
		printf("FAIL %s: %s (cause %llu tval %#llx tval2 %#llx)\n",
		       name, why, (unsigned long long)h->exc.cause,
		       (unsigned long long)h->exc.tval,
		       (unsigned long long)h->exc.tval2);
		failures++;
	} else {
		printf("ok %s\n", name);
	}
}

static void *host(uint64_t pa)
{
	return guestmem_ptr(&mem, pa, 8);
}

static uint64_t peek64(uint64_t pa)
{
	uint64_t v;

	memcpy(&v, host(pa), 8);
	return v;
}

static void poke64(uint64_t pa, uint64_t v)
{
	memcpy(host(pa), &v, 8);
}

/* Zeroed page-table pages, from 0x80100000 up. */
static uint64_t alloc_pages(unsigned n)
{
	uint64_t pa = next_page;

	next_page += n * 4096ull;
	memset(guestmem_ptr(&mem, pa, n * 4096ull), 0, n * 4096ull);
	return pa;
}

static uint64_t new_root(bool x4)
{
	if (x4) {
		next_page = (next_page + 0x3fff) & ~0x3fffull;
		return alloc_pages(4);
	}
	return alloc_pages(1);
}

/*
 * Maps @va to @pa with a leaf at @level (0: 4 KiB) in the tree at @root
 * of @levels levels; @widen is 2 for a G-stage root. Table addresses are
 * used as host-physical ones: G-stage mappings below keep the VS tables
 * at GPA = SPA. Returns the leaf PTE's address.
 */
static uint64_t map(uint64_t root, unsigned levels, unsigned widen, uint64_t va,
		    uint64_t pa, unsigned level, uint64_t flags)
{
	uint64_t a = root, pte_a;
	int i;

	for (i = levels - 1;; i--) {
		unsigned bits = 9 + (i == (int)levels - 1 ? widen : 0);
		uint64_t idx = (va >> (12 + 9 * i)) & ((1ull << bits) - 1);

		pte_a = a + idx * 8;
		if (i == (int)level)
			break;
		if (!(peek64(pte_a) & V))
			poke64(pte_a, (alloc_pages(1) >> 12) << 10 | V);
		a = (peek64(pte_a) >> 10) << 12;
	}
	poke64(pte_a, ((pa >> 12) << 10) | flags);
	return pte_a;
}

static uint64_t atp(unsigned mode, uint64_t asid, uint64_t root)
{
	return (uint64_t)mode << 60 | asid << 44 | root >> 12;
}

/* A fresh hart at @priv: PMP entry 0 grants everything, Svade. */
static void reset(unsigned priv)
{
	memset(&h->csr, 0, sizeof(h->csr));
	memset(&h->exc, 0, sizeof(h->exc));
	h->priv = priv;
	h->virt = false;
	h->htif_written = false;
	h->csr.pmpcfg[0] = 0x18 | 7; /* NAPOT, RWX */
	h->csr.pmpaddr[0] = (1ull << 54) - 1;
	vm.cfg.tohost = 0;
	dbt_mmu_flush_all(h);
	dbt_mmu_update(h);
}

static void set_satp(unsigned mode, uint64_t asid, uint64_t root)
{
	h->csr.satp = atp(mode, asid, root);
	dbt_mmu_update(h);
}

static int ld(uint64_t va, unsigned size, uint64_t *v)
{
	return dbt_mmu_load(h, va, size, v, 0);
}

static int st(uint64_t va, unsigned size, uint64_t v)
{
	return dbt_mmu_store(h, va, size, v, 0);
}

static bool exc_is(int rc, uint64_t cause, uint64_t tval)
{
	return rc == -1 && h->exc.cause == cause && h->exc.tval == tval;
}

/* ---- translation --------------------------------------------------- */

static void t_bare_m(void)
{
	uint64_t v = 0;

	reset(PRV_M);
	EXPECT(st(0x80001000, 8, 0x1122334455667788ull) == 0);
	EXPECT(peek64(0x80001000) == 0x1122334455667788ull);
	EXPECT(ld(0x80001004, 4, &v) == 0 && v == 0x11223344);
	EXPECT(ld(0x80001001, 1, &v) == 0 && v == 0x77);
	/* satp is not active in M-mode. */
	h->csr.satp = atp(8, 0, new_root(false));
	dbt_mmu_update(h);
	EXPECT(ld(0x80001000, 8, &v) == 0 && v == 0x1122334455667788ull);
	/* Nothing at this address: load access fault. */
	EXPECT(exc_is(ld(0x40000000, 4, &v), 5, 0x40000000));
	EXPECT(exc_is(st(0x40000000, 4, 0), 7, 0x40000000));
}

static void check_mode(unsigned mode, unsigned levels)
{
	uint64_t root, v = 0;
	unsigned lvl;

	reset(PRV_S);
	root = new_root(false);
	/* One page of each size: 4 KiB, 2 MiB, 1 GiB, 512 GiB, 256 TiB. */
	for (lvl = 0; lvl < levels; lvl++) {
		uint64_t va = (0x10ull + lvl) << (12 + 9 * levels - 6);
		uint64_t pa = lvl < 2 ? 0x80400000ull : lvl == 2 ? RAM_BASE : 0;
		uint64_t off = (lvl > 2 ? RAM_BASE : 0) + 0x238 + lvl * 0x10;

		va &= ~((1ull << (12 + 9 * lvl)) - 1);
		map(root, levels, 0, va, pa, lvl, RWXAD);
		poke64(pa + off, 0xabcd0000 + lvl);
		set_satp(mode, 0, root);
		v = 0;
		EXPECT(ld(va + off, 8, &v) == 0 && v == 0xabcd0000 + lvl);
		EXPECT(st(va + off, 4, 0x55aa) == 0);
		EXPECT(peek64(pa + off) == 0x55aa);
	}
	/* Negative addresses: the top of the space. */
	map(root, levels, 0, ~0ull << (12 + 9 * levels - 1), 0x80500000, 0,
	    RWXAD);
	poke64(0x80500010, 77);
	EXPECT(ld((~0ull << (12 + 9 * levels - 1)) + 0x10, 8, &v) == 0 &&
	       v == 77);
	/* Non-canonical: the bit above the top bit differs. */
	v = 1ull << (12 + 9 * levels - 1);
	EXPECT(exc_is(ld(v, 8, &v), 13, 1ull << (12 + 9 * levels - 1)));
	v = (1ull << (12 + 9 * levels)) | 0x10;
	EXPECT(exc_is(st(v, 8, 0), 15, v));
	EXPECT(exc_is(dbt_mmu_fetch(h, v, (uint32_t *)&lvl), 12, v));
}

static void t_sv39(void)
{
	check_mode(8, 3);
}

static void t_sv48(void)
{
	check_mode(9, 4);
}

static void t_sv57(void)
{
	check_mode(10, 5);
}

static void t_faults(void)
{
	uint64_t root, v;
	uint32_t raw;

	reset(PRV_S);
	root = new_root(false);
	set_satp(8, 0, root);
	/* Unmapped: causes by access type, tval = the address. */
	EXPECT(exc_is(ld(0x1000, 4, &v), 13, 0x1000));
	EXPECT(!h->exc.gva && h->exc.tval2 == 0);
	EXPECT(exc_is(st(0x1008, 4, 0), 15, 0x1008));
	EXPECT(exc_is(dbt_mmu_fetch(h, 0x1010, &raw), 12, 0x1010));
	/* W without R. */
	map(root, 3, 0, 0x2000, 0x80400000, 0, V | W | A | D);
	EXPECT(exc_is(ld(0x2000, 4, &v), 13, 0x2000));
	/* Reserved bits 60:54. */
	map(root, 3, 0, 0x3000, 0x80400000, 0, RWXAD | (1ull << 54));
	EXPECT(exc_is(ld(0x3000, 4, &v), 13, 0x3000));
	/* PBMT=3 is reserved; PBMT!=0 needs menvcfg.PBMTE. */
	map(root, 3, 0, 0x4000, 0x80400000, 0, RWXAD | PBMT(3));
	map(root, 3, 0, 0x5000, 0x80400000, 0, RWXAD | PBMT(1));
	EXPECT(exc_is(ld(0x5000, 4, &v), 13, 0x5000));
	h->csr.menvcfg = PBMTE;
	dbt_mmu_update(h);
	EXPECT(exc_is(ld(0x4000, 4, &v), 13, 0x4000));
	EXPECT(ld(0x5000, 4, &v) == 0);
	/* N without the 64 KiB encoding. */
	map(root, 3, 0, 0x6000, 0x80401000, 0, RWXAD | N);
	EXPECT(exc_is(ld(0x6000, 4, &v), 13, 0x6000));
	/* A pointer with A set is reserved. */
	poke64(root + 8 * 3, (alloc_pages(1) >> 12) << 10 | V | A);
	EXPECT(exc_is(ld(3ull << 30, 4, &v), 13, 3ull << 30));
	/* Misaligned superpage: a 2 MiB leaf whose PPN is 4 KiB aligned. */
	map(root, 3, 0, 0x40000000, 0x80401000, 1, RWXAD);
	EXPECT(exc_is(ld(0x40000010, 4, &v), 13, 0x40000010));
	/* A leaf at the last level is fine, a pointer there is not. */
	map(root, 3, 0, 0x7000, 0x80400000, 0, V);
	EXPECT(exc_is(ld(0x7000, 4, &v), 13, 0x7000));
	/* No execute permission; no write permission. */
	map(root, 3, 0, 0x8000, 0x80400000, 0, V | R | A | D);
	EXPECT(exc_is(dbt_mmu_fetch(h, 0x8000, &raw), 12, 0x8000));
	EXPECT(exc_is(st(0x8000, 8, 0), 15, 0x8000));
	EXPECT(ld(0x8000, 8, &v) == 0);
}

static void t_napot(void)
{
	uint64_t root, v;

	reset(PRV_S);
	root = new_root(false);
	/* 64 KiB at va 0x10000 -> pa 0x80410000; entry 5 of the group. */
	map(root, 3, 0, 0x15000, 0x80418000, 0, RWXAD | N);
	poke64(0x80415008, 0x64);
	set_satp(8, 0, root);
	EXPECT(ld(0x15008, 8, &v) == 0 && v == 0x64);
}

static void t_ad(void)
{
	uint64_t root, pte, v;
	uint32_t raw;

	reset(PRV_S);
	root = new_root(false);
	set_satp(8, 0, root);
	/* Svade (ADUE=0): A=0 faults; D=0 faults on stores only. */
	pte = map(root, 3, 0, 0x1000, 0x80400000, 0, V | R | W);
	EXPECT(exc_is(ld(0x1000, 8, &v), 13, 0x1000));
	EXPECT(peek64(pte) == ((0x80400000ull >> 2) | V | R | W));
	pte = map(root, 3, 0, 0x2000, 0x80400000, 0, V | R | W | A);
	EXPECT(ld(0x2000, 8, &v) == 0);
	EXPECT(exc_is(st(0x2000, 8, 1), 15, 0x2000));
	/* Svadu (ADUE=1): set by the walker. */
	h->csr.menvcfg = ADUE;
	dbt_mmu_update(h);
	pte = map(root, 3, 0, 0x3000, 0x80400000, 0, V | R | W);
	EXPECT(ld(0x3000, 8, &v) == 0);
	EXPECT((peek64(pte) & (A | D)) == A);
	EXPECT(st(0x3000, 8, 5) == 0);
	EXPECT((peek64(pte) & (A | D)) == (A | D));
	/* A fetch sets A only. */
	pte = map(root, 3, 0, 0x4000, 0x80400000, 0, V | R | X);
	EXPECT(dbt_mmu_fetch(h, 0x4000, &raw) == 0);
	EXPECT((peek64(pte) & (A | D)) == A);
	/* A store to a page without W updates nothing. */
	EXPECT(exc_is(st(0x4000, 8, 5), 15, 0x4000));
	EXPECT((peek64(pte) & (A | D)) == A);
}

static void t_sum_mxr(void)
{
	uint64_t root, v;
	uint32_t raw;

	reset(PRV_S);
	root = new_root(false);
	map(root, 3, 0, 0x1000, 0x80400000, 0, RWXAD | U);
	map(root, 3, 0, 0x2000, 0x80400000, 0, V | X | A | D);
	map(root, 3, 0, 0x3000, 0x80400000, 0, RWXAD);
	set_satp(8, 0, root);
	/* S touching a U page. */
	EXPECT(exc_is(ld(0x1000, 8, &v), 13, 0x1000));
	EXPECT(exc_is(st(0x1000, 8, 0), 15, 0x1000));
	h->csr.mstatus |= SUM;
	dbt_mmu_update(h);
	EXPECT(ld(0x1000, 8, &v) == 0);
	EXPECT(st(0x1000, 8, 0) == 0);
	/* ... but never executing from one. */
	EXPECT(exc_is(dbt_mmu_fetch(h, 0x1000, &raw), 12, 0x1000));
	/* U touching an S page; U its own. */
	h->priv = PRV_U;
	dbt_mmu_update(h);
	EXPECT(exc_is(ld(0x3000, 8, &v), 13, 0x3000));
	EXPECT(exc_is(dbt_mmu_fetch(h, 0x3000, &raw), 12, 0x3000));
	EXPECT(ld(0x1000, 8, &v) == 0);
	EXPECT(dbt_mmu_fetch(h, 0x1000, &raw) == 0);
	/* MXR: execute-only pages become readable, not writable. */
	h->priv = PRV_S;
	dbt_mmu_update(h);
	EXPECT(exc_is(ld(0x2000, 8, &v), 13, 0x2000));
	h->csr.mstatus |= MXR;
	dbt_mmu_update(h);
	EXPECT(ld(0x2000, 8, &v) == 0);
	EXPECT(exc_is(st(0x2000, 8, 0), 15, 0x2000));
	h->csr.mstatus &= ~MXR;
	dbt_mmu_update(h);
	EXPECT(exc_is(ld(0x2000, 8, &v), 13, 0x2000));
}

static void t_mprv(void)
{
	uint64_t root, v;
	uint32_t raw;

	reset(PRV_M);
	root = new_root(false);
	map(root, 3, 0, 0x80001000, 0x80400000, 0, RWXAD);
	h->csr.satp = atp(8, 0, root);
	poke64(0x80400000, 0x1111);
	poke64(0x80001000, 0x2222);
	h->csr.mstatus = MPRV | (1ull << 11); /* MPP = S */
	dbt_mmu_update(h);
	EXPECT(ld(0x80001000, 8, &v) == 0 && v == 0x1111);
	/* Fetches ignore MPRV. */
	EXPECT(dbt_mmu_fetch(h, 0x80001000, &raw) == 0 && raw == 0x2222);
	/* MPP = U: the S page faults. */
	h->csr.mstatus = MPRV;
	dbt_mmu_update(h);
	EXPECT(exc_is(ld(0x80001000, 8, &v), 13, 0x80001000));
	/* MPP = M: no translation. */
	h->csr.mstatus = MPRV | (3ull << 11);
	dbt_mmu_update(h);
	EXPECT(ld(0x80001000, 8, &v) == 0 && v == 0x2222);
}

/* ---- PMP ----------------------------------------------------------- */

static void t_pmp(void)
{
	uint64_t v;
	uint32_t raw;

	reset(PRV_S);
	memset(h->csr.pmpcfg, 0, sizeof(h->csr.pmpcfg));
	memset(h->csr.pmpaddr, 0, sizeof(h->csr.pmpaddr));
	/* 0: TOR [0x80000000, 0x80002000) R only (entry 0 is the base). */
	h->csr.pmpaddr[0] = 0x80000000 >> 2;
	h->csr.pmpaddr[1] = 0x80002000 >> 2;
	h->csr.pmpcfg[1] = (1 << 3) | 1; /* TOR, R */
	/* 2: NA4 at 0x80003000, RW. */
	h->csr.pmpaddr[2] = 0x80003000 >> 2;
	h->csr.pmpcfg[2] = (2 << 3) | 3;
	/* 3: NAPOT 64 KiB at 0x80010000, X. */
	h->csr.pmpaddr[3] = (0x80010000 >> 2) | 0x1fff;
	h->csr.pmpcfg[3] = (3 << 3) | 4;
	dbt_mmu_update(h);

	EXPECT(ld(0x80001ff8, 8, &v) == 0);
	EXPECT(exc_is(st(0x80001000, 8, 0), 7, 0x80001000));
	EXPECT(exc_is(dbt_mmu_fetch(h, 0x80001000, &raw), 1, 0x80001000));
	/*
	 * Misaligned across the top of the TOR range: each part is checked
	 * on its own and tval is the part that failed.
	 */
	EXPECT(exc_is(ld(0x80001ffc, 8, &v), 5, 0x80002000));
	EXPECT(st(0x80003000, 4, 1) == 0);
	EXPECT(exc_is(st(0x80003000, 8, 1), 7, 0x80003000));
	EXPECT(exc_is(ld(0x80003004, 4, &v), 5, 0x80003004));
	EXPECT(dbt_mmu_fetch(h, 0x8001fffc, &raw) == 0);
	EXPECT(exc_is(ld(0x80010000, 4, &v), 5, 0x80010000));
	EXPECT(exc_is(dbt_mmu_fetch(h, 0x80020000, &raw), 1, 0x80020000));
	/* No entry matches: S fails, M succeeds. */
	EXPECT(exc_is(ld(0x80100000, 4, &v), 5, 0x80100000));
	h->priv = PRV_M;
	dbt_mmu_update(h);
	EXPECT(ld(0x80100000, 4, &v) == 0);
	/* Unlocked entries do not bind M; locked ones do. */
	EXPECT(st(0x80001000, 8, 0) == 0);
	h->csr.pmpcfg[1] |= 0x80;
	dbt_mmu_update(h);
	EXPECT(exc_is(st(0x80001000, 8, 0), 7, 0x80001000));
	EXPECT(ld(0x80001000, 8, &v) == 0);

	/* A page-table read that PMP denies: access fault of the access. */
	reset(PRV_S);
	{
		uint64_t root = new_root(false);

		map(root, 3, 0, 0x5000, 0x80400000, 0, RWXAD);
		set_satp(8, 0, root);
		EXPECT(ld(0x5000, 8, &v) == 0);
		dbt_mmu_flush_all(h);
		/* 1: NAPOT 4 KiB over the root table, no permission. */
		h->csr.pmpaddr[1] = h->csr.pmpaddr[0];
		h->csr.pmpcfg[1] = h->csr.pmpcfg[0];
		h->csr.pmpaddr[0] = (root >> 2) | 0x1ff;
		h->csr.pmpcfg[0] = 3 << 3;
		dbt_mmu_update(h);
		EXPECT(exc_is(st(0x5000, 8, 0), 7, 0x5000));
		EXPECT(exc_is(dbt_mmu_fetch(h, 0x5000, &raw), 1, 0x5000));
	}
}

/* ---- two-stage translation ----------------------------------------- */

/*
 * V=1 with hgatp Sv39x4 identity-mapping RAM's first 64 MiB as 2 MiB U
 * pages (so VS tables live at GPA = SPA) and vsatp Sv39.
 */
static uint64_t groot, vsroot;

static void setup_two_stage_mode(unsigned gmode, unsigned glevels)
{
	uint64_t gpa;

	reset(PRV_S);
	groot = new_root(true);
	vsroot = new_root(false);
	for (gpa = RAM_BASE; gpa < RAM_BASE + (64ull << 20); gpa += 1 << 21)
		map(groot, glevels, 2, gpa, gpa, 1, RWXAD | U);
	h->csr.hgatp = atp(gmode, 5, groot); /* VMID 5 */
	h->csr.vsatp = atp(8, 1, vsroot);
	h->virt = true;
	dbt_mmu_update(h);
}

static void setup_two_stage(void)
{
	setup_two_stage_mode(8, 3);
}

static void check_gmode(unsigned gmode, unsigned glevels)
{
	unsigned bits = 12 + 9 * glevels + 2, top;
	uint64_t v;

	setup_two_stage_mode(gmode, glevels);
	map(vsroot, 3, 0, 0x1000, 0x80400000, 0, RWXAD);
	poke64(0x80400010, 0x99);
	EXPECT(ld(0x1010, 8, &v) == 0 && v == 0x99);
	/*
	 * The widest GPA the mode takes (that a VS PTE's 44-bit PPN can
	 * name), then one bit more (through vsatp Bare if need be).
	 */
	top = bits < 56 ? bits : 56;
	map(groot, glevels, 2, (1ull << top) - 0x1000, 0x80400000, 0,
	    RWXAD | U);
	map(vsroot, 3, 0, 0x2000, (1ull << top) - 0x1000, 0, RWXAD);
	EXPECT(ld(0x2010, 8, &v) == 0 && v == 0x99);
	if (bits <= 56) {
		map(vsroot, 3, 0, 0x3000, 1ull << bits, 0, RWXAD);
		EXPECT(exc_is(ld(0x3010, 8, &v), 21, 0x3010));
	} else {
		h->csr.vsatp = 0;
		dbt_mmu_update(h);
		EXPECT(exc_is(ld((1ull << bits) + 0x10, 8, &v), 21,
			      (1ull << bits) + 0x10));
	}
	EXPECT(h->exc.tval2 == ((1ull << bits) + 0x10) >> 2);
}

static void t_gstage_sv48x4(void)
{
	check_gmode(9, 4);
}

static void t_gstage_sv57x4(void)
{
	check_gmode(10, 5);
}

static void t_gstage(void)
{
	uint64_t v, pte;
	uint32_t raw;

	setup_two_stage();
	map(vsroot, 3, 0, 0x1000, 0x80400000, 0, RWXAD);
	poke64(0x80400010, 0x77);
	EXPECT(ld(0x1010, 8, &v) == 0 && v == 0x77);

	/* The final GPA is not mapped by the G-stage. */
	map(vsroot, 3, 0, 0x2000, 0x90000000, 0, RWXAD);
	EXPECT(exc_is(ld(0x2018, 8, &v), 21, 0x2018));
	EXPECT(h->exc.tval2 == 0x90000018 >> 2 && h->exc.tinst == 0);
	EXPECT(h->exc.gva);
	EXPECT(exc_is(st(0x2018, 8, 0), 23, 0x2018));
	EXPECT(exc_is(dbt_mmu_fetch(h, 0x2018, &raw), 20, 0x2018));
	EXPECT(h->exc.tval2 == 0x90000018 >> 2);

	/* A VS-stage page-table page outside the G-stage: implicit. */
	poke64(vsroot + 8 * 2, ((0x90000000ull >> 12) << 10) | V);
	EXPECT(exc_is(ld(0x80000000, 8, &v), 21, 0x80000000));
	EXPECT(h->exc.tval2 == (0x90000000 + 0) >> 2);
	EXPECT(h->exc.tinst == 0x3000);
	EXPECT(exc_is(st(0x80000008, 8, 0), 23, 0x80000008));
	EXPECT(h->exc.tinst == 0x3000);

	/* A VS-stage fault is an ordinary page fault, with gva. */
	EXPECT(exc_is(ld(0x5000, 8, &v), 13, 0x5000));
	EXPECT(h->exc.gva && h->exc.tval2 == 0);

	/* G-stage leaves need U; their R/W/X apply to the access. */
	map(groot, 3, 2, 0xa0000000, 0x80600000, 1, RWXAD);
	map(vsroot, 3, 0, 0x3000, 0xa0000000, 0, RWXAD);
	EXPECT(exc_is(ld(0x3000, 8, &v), 21, 0x3000));
	map(groot, 3, 2, 0xa0200000, 0x80600000, 1, V | R | A | D | U);
	map(vsroot, 3, 0, 0x4000, 0xa0200000, 0, RWXAD);
	EXPECT(ld(0x4000, 8, &v) == 0);
	EXPECT(exc_is(st(0x4000, 8, 0), 23, 0x4000));
	EXPECT(h->exc.tval2 == 0xa0200000 >> 2);

	/* GPA beyond Sv39x4's 41 bits. */
	map(vsroot, 3, 0, 0x6000, 1ull << 41, 0, RWXAD);
	EXPECT(exc_is(ld(0x6000, 8, &v), 21, 0x6000));
	EXPECT(h->exc.tval2 == (1ull << 41) >> 2);

	/* VS-stage A/D update needing G-stage write: implicit write. */
	h->csr.henvcfg = ADUE;
	h->csr.menvcfg = ADUE;
	dbt_mmu_update(h);
	{
		uint64_t t2 = alloc_pages(1), tgpa = 0xa0400000;

		/* A level-0 VS table reachable read-only through G. */
		map(groot, 3, 2, tgpa, t2, 0, V | R | A | D | U);
		poke64(vsroot + 8 * 3, (alloc_pages(1) >> 12) << 10 | V);
		pte = peek64(vsroot + 8 * 3);
		poke64(((pte >> 10) << 12), (tgpa >> 12) << 10 | V);
		poke64(t2, (0x80400000ull >> 12) << 10 | V | R | W);
		v = 0;
		EXPECT(exc_is(ld(3ull << 30, 8, &v), 21, 3ull << 30));
		EXPECT(h->exc.tinst == 0x3020 && h->exc.tval2 == tgpa >> 2);
	}

	/*
	 * HS-level MXR makes execute-only G-stage pages readable for
	 * explicit loads, not for the walker's page-table reads.
	 */
	{
		uint64_t t = alloc_pages(1), tgpa = 0xa0600000;

		map(groot, 3, 2, tgpa, t, 0, V | X | A | D | U);
		poke64(vsroot + 8 * 4, (tgpa >> 12) << 10 | V);
		map(groot, 3, 2, 0xa0800000, 0x80400000, 0, V | X | A | D | U);
		map(vsroot, 3, 0, 0x7000, 0xa0800000, 0, RWXAD);
		h->csr.mstatus |= MXR;
		dbt_mmu_update(h);
		EXPECT(ld(0x7010, 8, &v) == 0 && v == 0x77);
		EXPECT(exc_is(ld(4ull << 30, 8, &v), 21, 4ull << 30));
		EXPECT(h->exc.tinst == 0x3000 && h->exc.tval2 == tgpa >> 2);
		h->csr.mstatus &= ~MXR;
		dbt_mmu_update(h);
		EXPECT(exc_is(ld(0x7010, 8, &v), 21, 0x7010));
		/* vsstatus.MXR acts on the VS stage only. */
		map(vsroot, 3, 0, 0x8000, 0x80400000, 0, V | X | A | D);
		EXPECT(exc_is(ld(0x8010, 8, &v), 13, 0x8010));
		h->csr.vsstatus |= MXR;
		dbt_mmu_update(h);
		EXPECT(ld(0x8010, 8, &v) == 0 && v == 0x77);
		EXPECT(exc_is(ld(0x7010, 8, &v), 21, 0x7010));
		h->csr.vsstatus &= ~MXR;
		dbt_mmu_update(h);
	}

	/* vsatp Bare: the VA is the GPA. */
	h->csr.vsatp = 0;
	dbt_mmu_update(h);
	EXPECT(ld(0x80400010, 8, &v) == 0 && v == 0x77);
	EXPECT(exc_is(ld(0x90000000, 8, &v), 21, 0x90000000));
	EXPECT(h->exc.tval2 == 0x90000000 >> 2 && h->exc.tinst == 0);
}

static void t_vs_sum(void)
{
	uint64_t v;

	setup_two_stage();
	map(vsroot, 3, 0, 0x1000, 0x80400000, 0, RWXAD | U);
	/* At V=1 vsstatus.SUM applies; the HS-level SUM does not. */
	h->csr.mstatus |= SUM;
	dbt_mmu_update(h);
	EXPECT(exc_is(ld(0x1000, 8, &v), 13, 0x1000));
	h->csr.mstatus &= ~SUM;
	h->csr.vsstatus |= SUM;
	dbt_mmu_update(h);
	EXPECT(ld(0x1000, 8, &v) == 0);
	/* VU reaches its U page whatever SUM says. */
	h->csr.vsstatus = 0;
	h->priv = PRV_U;
	dbt_mmu_update(h);
	EXPECT(ld(0x1000, 8, &v) == 0);
}

static void t_hlv(void)
{
	uint64_t v;

	setup_two_stage();
	map(vsroot, 3, 0, 0x1000, 0x80400000, 0, RWXAD);
	map(vsroot, 3, 0, 0x2000, 0x80400000, 0, V | X | A | D);
	map(vsroot, 3, 0, 0x3000, 0x80400000, 0, RWXAD | U);
	poke64(0x80400000, 0x4242);
	/* From HS-mode. */
	h->virt = false;
	h->csr.hstatus = SPVP;
	dbt_mmu_update(h);
	EXPECT(dbt_mmu_load(h, 0x1000, 8, &v, DBT_MMU_HLV) == 0 && v == 0x4242);
	EXPECT(dbt_mmu_store(h, 0x1000, 8, 0x4343, DBT_MMU_HLV) == 0);
	EXPECT(peek64(0x80400000) == 0x4343);
	/* HLVX needs execute instead of read. */
	EXPECT(exc_is(dbt_mmu_load(h, 0x2000, 4, &v, DBT_MMU_HLV), 13, 0x2000));
	EXPECT(h->exc.gva);
	EXPECT(dbt_mmu_load(h, 0x2000, 4, &v, DBT_MMU_HLVX) == 0);
	EXPECT(dbt_mmu_load(h, 0x1000, 4, &v, DBT_MMU_HLVX) == 0);
	/* SPVP=0: VU privilege. */
	h->csr.hstatus = 0;
	EXPECT(exc_is(dbt_mmu_load(h, 0x1000, 8, &v, DBT_MMU_HLV), 13, 0x1000));
	EXPECT(dbt_mmu_load(h, 0x3000, 8, &v, DBT_MMU_HLV) == 0);
	/* Normal HS loads are unaffected (satp Bare: the PA). */
	EXPECT(ld(0x80400000, 8, &v) == 0 && v == 0x4343);

	/* MPRV with MPV=1 from M. */
	h->priv = PRV_M;
	h->csr.mstatus = MPRV | MPV | (1ull << 11);
	dbt_mmu_update(h);
	EXPECT(ld(0x1000, 8, &v) == 0 && v == 0x4343);
	h->csr.mstatus = MPRV | MPV | (3ull << 11);
	dbt_mmu_update(h);
	EXPECT(ld(0x80400000, 8, &v) == 0 && v == 0x4343);
}

/* ---- misaligned accesses ------------------------------------------- */

static void t_misaligned(void)
{
	uint64_t root, v;
	uint32_t raw;

	reset(PRV_S);
	root = new_root(false);
	map(root, 3, 0, 0x10000, 0x80400000, 0, RWXAD);
	map(root, 3, 0, 0x11000, 0x80402000, 0, RWXAD); /* not contiguous */
	map(root, 3, 0, 0x13000, 0x80404000, 0, V | R | A | D);
	map(root, 3, 0, 0x14000, 0x80406000, 0, RWXAD);
	map(root, 3, 0, 0x15000, 0x80404000, 0, V | R | A | D);
	set_satp(8, 0, root);
	poke64(0x80400ff8, 0x8877665544332211ull);
	poke64(0x80402000, 0x00000000ccbbaa99ull);
	EXPECT(ld(0x10ffc, 8, &v) == 0 && v == 0xccbbaa9988776655ull);
	EXPECT(ld(0x10ff9, 4, &v) == 0 && v == 0x55443322);
	EXPECT(st(0x10ffe, 4, 0xdeadbeef) == 0);
	EXPECT(peek64(0x80400ff8) == 0xbeef665544332211ull);
	EXPECT(peek64(0x80402000) == 0x00000000ccbbdeadull);
	/* Second page unmapped: tval is the page boundary. */
	poke64(0x80402ff8, 0);
	EXPECT(exc_is(ld(0x11ffc, 8, &v), 13, 0x12000));
	EXPECT(exc_is(st(0x11ffc, 8, ~0ull), 15, 0x12000));
	EXPECT(peek64(0x80402ff8) == 0);
	/* First page unmapped: tval is the address. */
	EXPECT(exc_is(ld(0xfffe, 4, &v), 13, 0xfffe));
	/* Second page read-only: nothing is stored. */
	poke64(0x80406ff8, 0);
	EXPECT(exc_is(st(0x14ffe, 4, ~0ull), 15, 0x15000));
	EXPECT(peek64(0x80406ff8) == 0);
	/* LR must be aligned. */
	EXPECT(exc_is(dbt_mmu_load(h, 0x10004, 8, &v, DBT_MMU_LR), 4, 0x10004));
	/* A 32-bit instruction running into an unmapped page. */
	poke64(0x80402ff8, 0x0003000000000000ull);
	EXPECT(exc_is(dbt_mmu_fetch(h, 0x11ffe, &raw), 12, 0x12000));
	/* A 16-bit one at the end of the page needs no second parcel. */
	poke64(0x80402ff8, 0x4501000000000000ull);
	EXPECT(dbt_mmu_fetch(h, 0x11ffe, &raw) == 0 && raw == 0x4501);
	poke64(0x80400000, 0x0000001300000000ull);
	EXPECT(dbt_mmu_fetch(h, 0x10004, &raw) == 0 && raw == 0x13);
	poke64(0x80402ff8, 0x0093000000000000ull);
	poke64(0x80404000, 0x0000000000000000ull);
	map(root, 3, 0, 0x12000, 0x80404000, 0, V | X | A | D);
	dbt_mmu_sfence(h, true, 0x12000, false, 0);
	EXPECT(dbt_mmu_fetch(h, 0x11ffe, &raw) == 0 && raw == 0x00000093);
}

/* ---- TLB ----------------------------------------------------------- */

static void t_tlb_asid(void)
{
	uint64_t root, pte, gpte, v;

	reset(PRV_S);
	root = new_root(false);
	pte = map(root, 3, 0, 0x1000, 0x80400000, 0, RWXAD);
	gpte = map(root, 3, 0, 0x2000, 0x80400000, 0, RWXAD | G);
	poke64(0x80400000, 1);
	poke64(0x80401000, 2);
	set_satp(8, 7, root);
	EXPECT(ld(0x1000, 8, &v) == 0 && v == 1);
	EXPECT(ld(0x2000, 8, &v) == 0 && v == 1);
	/* Retarget both PTEs without a fence: the TLB keeps the old ones. */
	poke64(pte, ((0x80401000ull >> 12) << 10) | RWXAD);
	poke64(gpte, ((0x80401000ull >> 12) << 10) | RWXAD | G);
	EXPECT(ld(0x1000, 8, &v) == 0 && v == 1);
	/* A fence for another ASID changes nothing. */
	dbt_mmu_sfence(h, false, 0, true, 9);
	EXPECT(ld(0x1000, 8, &v) == 0 && v == 1);
	/* A fence for ASID 7 drops its entries but not the global one. */
	dbt_mmu_sfence(h, false, 0, true, 7);
	EXPECT(ld(0x1000, 8, &v) == 0 && v == 2);
	EXPECT(ld(0x2000, 8, &v) == 0 && v == 1);
	/*
	 * Another ASID has entries of its own: a walk there finds the new
	 * global PTE (a TLB may hold or drop a global entry; this one keeps
	 * one set of entries per address space)...
	 */
	set_satp(8, 8, root);
	EXPECT(ld(0x2000, 8, &v) == 0 && v == 2);
	/* ... and switching back costs no flush: ASID 7's are still there. */
	set_satp(8, 7, root);
	EXPECT(ld(0x2000, 8, &v) == 0 && v == 1);
	EXPECT(ld(0x1000, 8, &v) == 0 && v == 2);
	poke64(pte, ((0x80400000ull >> 12) << 10) | RWXAD);
	set_satp(8, 8, root);
	EXPECT(ld(0x1000, 8, &v) == 0 && v == 1);
	/* By address, any ASID: the global one goes too. */
	dbt_mmu_sfence(h, true, 0x2008, false, 0);
	EXPECT(ld(0x2000, 8, &v) == 0 && v == 2);

	/* Superpage entries go with a fence on any address inside. */
	map(root, 3, 0, 0x40000000, 0x80400000, 1, RWXAD);
	EXPECT(ld(0x40123000, 8, &v) == 0);
	pte = map(root, 3, 0, 0x40000000, 0x80600000, 1, RWXAD);
	poke64(0x80723000, 3);
	EXPECT(ld(0x40123000, 8, &v) == 0 && v != 3);
	dbt_mmu_sfence(h, true, 0x40000000, true, 8);
	EXPECT(ld(0x40123000, 8, &v) == 0 && v == 3);

	/* Switching privilege keeps entries (no refill needed) yet checks. */
	map(root, 3, 0, 0x5000, 0x80400000, 0, RWXAD | U);
	h->priv = PRV_U;
	dbt_mmu_update(h);
	EXPECT(ld(0x5000, 8, &v) == 0);
	h->priv = PRV_S;
	dbt_mmu_update(h);
	EXPECT(exc_is(ld(0x5000, 8, &v), 13, 0x5000));
}

static void t_tlb_vs(void)
{
	uint64_t pte, v;

	setup_two_stage();
	pte = map(vsroot, 3, 0, 0x1000, 0x80400000, 0, RWXAD);
	poke64(0x80400000, 1);
	poke64(0x80401000, 2);
	EXPECT(ld(0x1000, 8, &v) == 0 && v == 1);
	poke64(pte, ((0x80401000ull >> 12) << 10) | RWXAD);
	/* An HS-level fence does not touch VS entries... */
	h->virt = false;
	dbt_mmu_update(h);
	dbt_mmu_sfence(h, true, 0x1000, false, 0);
	h->virt = true;
	dbt_mmu_update(h);
	EXPECT(ld(0x1000, 8, &v) == 0 && v == 1);
	/* ... nor does a fence of another VMID. */
	dbt_mmu_hfence_gvma(h, false, 0, true, 6);
	EXPECT(ld(0x1000, 8, &v) == 0 && v == 1);
	/* SFENCE.VMA at V=1 acts on the VS stage. */
	dbt_mmu_sfence(h, true, 0x1000, true, 1);
	EXPECT(ld(0x1000, 8, &v) == 0 && v == 2);
	poke64(pte, ((0x80400000ull >> 12) << 10) | RWXAD);
	dbt_mmu_hfence_vvma(h, false, 0, false, 0);
	EXPECT(ld(0x1000, 8, &v) == 0 && v == 1);
	poke64(pte, ((0x80401000ull >> 12) << 10) | RWXAD);
	dbt_mmu_hfence_gvma(h, true, 0x80400000 >> 2, true, 5);
	EXPECT(ld(0x1000, 8, &v) == 0 && v == 2);
	/* Another VMID does not see VMID 5's entries. */
	poke64(pte, ((0x80400000ull >> 12) << 10) | RWXAD);
	h->csr.hgatp = atp(8, 6, groot);
	dbt_mmu_update(h);
	EXPECT(ld(0x1000, 8, &v) == 0 && v == 1);
}

/* ---- physical targets: HTIF, devices, AMOs ------------------------- */

static void t_tohost(void)
{
	uint64_t v;

	reset(PRV_M);
	vm.cfg.tohost = 0x80003000;
	dbt_mmu_flush_all(h);
	EXPECT(st(0x80003100, 8, 1) == 0 && !h->htif_written);
	EXPECT(ld(0x80003000, 8, &v) == 0 && !h->htif_written);
	EXPECT(st(0x80003000, 8, 0x51) == 0 && h->htif_written);
	EXPECT(peek64(0x80003000) == 0x51);
	h->htif_written = false;
	EXPECT(st(0x80003004, 4, 0) == 0 && h->htif_written);
	h->htif_written = false;
	EXPECT(st(0x80002ffe, 4, 0) == 0 && h->htif_written);
	h->htif_written = false;
	EXPECT(st(0x80003008, 8, 0) == 0 && !h->htif_written);
}

struct fake_dev {
	uint64_t last_off, last_val;
	unsigned last_size, reads, writes;
};

static uint64_t fake_read(void *opaque, uint64_t off, unsigned size)
{
	struct fake_dev *d = opaque;

	d->last_off = off;
	d->last_size = size;
	d->reads++;
	return 0x0123456789abcdefull;
}

static void fake_write(void *opaque, uint64_t off, uint64_t val, unsigned size)
{
	struct fake_dev *d = opaque;

	d->last_off = off;
	d->last_val = val;
	d->last_size = size;
	d->writes++;
}

static const struct bus_dev_ops fake_ops = {
	.read = fake_read,
	.write = fake_write,
	.min_size = 1,
	.max_size = 8,
};

static struct fake_dev fake;

static void t_device(void)
{
	uint64_t root, v;
	uint32_t raw;
	void *p;

	reset(PRV_S);
	root = new_root(false);
	map(root, 3, 0, 0x7000, 0x10000000, 0, V | R | W | A | D);
	set_satp(8, 0, root);
	memset(&fake, 0, sizeof(fake));
	EXPECT(st(0x7010, 4, 0xcafe) == 0);
	EXPECT(fake.writes == 1 && fake.last_off == 0x10 &&
	       fake.last_size == 4 && fake.last_val == 0xcafe);
	EXPECT(ld(0x7020, 2, &v) == 0 && v == 0xcdef);
	EXPECT(fake.reads == 1 && fake.last_off == 0x20 && fake.last_size == 2);
	/* Every access reaches the device, none is cached. */
	EXPECT(ld(0x7020, 2, &v) == 0 && fake.reads == 2);
	/* Misaligned device accesses fault. */
	EXPECT(exc_is(ld(0x7021, 2, &v), 5, 0x7021));
	EXPECT(exc_is(st(0x7023, 4, 0), 7, 0x7023));
	EXPECT(fake.writes == 1);
	/* AMOs need RAM. */
	EXPECT(exc_is(dbt_mmu_amo_ptr(h, 0x7000, 8, false, &p), 7, 0x7000));
	EXPECT(exc_is(dbt_mmu_amo_ptr(h, 0x7000, 8, true, &p), 5, 0x7000));
	/* Past the device window: nothing there. */
	map(root, 3, 0, 0x8000, 0x10002000, 0, V | R | W | A | D);
	EXPECT(exc_is(ld(0x8000, 4, &v), 5, 0x8000));
	EXPECT(exc_is(dbt_mmu_fetch(h, 0x7000, &raw), 12, 0x7000));

	/* Fetching from a device: one 16-bit read per parcel. */
	reset(PRV_M);
	fake.reads = 0;
	EXPECT(dbt_mmu_fetch(h, 0x10000100, &raw) == 0 && raw == 0xcdefcdef &&
	       fake.reads == 2 && fake.last_size == 2);
	EXPECT(exc_is(dbt_mmu_fetch(h, 0x10002000, &raw), 1, 0x10002000));
}

static void t_amo(void)
{
	uint64_t root, v;
	void *p = NULL;

	reset(PRV_S);
	root = new_root(false);
	map(root, 3, 0, 0x1000, 0x80400000, 0, RWXAD);
	map(root, 3, 0, 0x2000, 0x80400000, 0, V | R | A | D);
	map(root, 3, 0, 0x3000, 0x80400000, 0, V | R | W | A);
	set_satp(8, 0, root);
	EXPECT(dbt_mmu_amo_ptr(h, 0x1008, 8, false, &p) == 0 &&
	       p == host(0x80400008));
	EXPECT(exc_is(dbt_mmu_amo_ptr(h, 0x1004, 8, false, &p), 6, 0x1004));
	EXPECT(exc_is(dbt_mmu_amo_ptr(h, 0x1002, 4, true, &p), 4, 0x1002));
	EXPECT(exc_is(dbt_mmu_amo_ptr(h, 0x2000, 4, false, &p), 15, 0x2000));
	EXPECT(dbt_mmu_amo_ptr(h, 0x2000, 4, true, &p) == 0);
	/* Svade: an AMO on a clean page faults, LR does not. */
	EXPECT(exc_is(dbt_mmu_amo_ptr(h, 0x3000, 4, false, &p), 15, 0x3000));
	EXPECT(dbt_mmu_amo_ptr(h, 0x3000, 4, true, &p) == 0);
	EXPECT(exc_is(dbt_mmu_amo_ptr(h, 0x4000, 4, true, &p), 13, 0x4000));
	EXPECT(ld(0x1000, 8, &v) == 0);

	/* Cache-block operations: a load or a store permission will do. */
	EXPECT(dbt_mmu_cbo(h, 0x2040, 64) == 0);
	EXPECT(dbt_mmu_cbo(h, 0x1040, 64) == 0);
	EXPECT(exc_is(dbt_mmu_cbo(h, 0x4040, 64), 15, 0x4040));
	map(root, 3, 0, 0x5000, 0x80400000, 0, V | X | A | D);
	EXPECT(exc_is(dbt_mmu_cbo(h, 0x5000, 64), 15, 0x5000));
	h->csr.pmpcfg[1] = h->csr.pmpcfg[0];
	h->csr.pmpaddr[1] = h->csr.pmpaddr[0];
	h->csr.pmpcfg[0] = (3 << 3) | 4; /* NAPOT 64 KiB at 0x80400000, X */
	h->csr.pmpaddr[0] = (0x80400000 >> 2) | 0x1fff;
	dbt_mmu_update(h);
	EXPECT(exc_is(dbt_mmu_cbo(h, 0x1040, 64), 7, 0x1040));
}

int main(void)
{
	if (guestmem_init(&mem, RAM_BASE, RAM_SIZE)) {
		printf("skip mmu: cannot map guest RAM\n");
		return 77;
	}
	bus_init(&bus);
	{
		struct bus_dev d = {
			.base = 0x10000000,
			.len = 0x1000,
			.name = "fake",
			.ops = &fake_ops,
			.opaque = &fake,
		};

		if (bus_add(&bus, &d)) {
			printf("FAIL mmu: bus_add\n");
			return 1;
		}
	}
	bus_freeze(&bus);
	vm.cfg.mem = &mem;
	vm.cfg.bus = &bus;
	/* Every extension the MMU knows (Svnapot, Svpbmt, Svadu...). */
	accel_isa_profile("max", &vm.isa);
	vm.decode_ext = accel_isa_decode(&vm.isa);
	vm.nharts = 1;
	h = calloc(1, sizeof(*h));
	if (!h)
		return 1;
	h->vm = &vm;
	vm.harts = &h;
	next_page = RAM_BASE + 0x100000;
	dbt_mmu_init(h);

	run("mmu_bare_m", t_bare_m);
	run("mmu_sv39", t_sv39);
	run("mmu_sv48", t_sv48);
	run("mmu_sv57", t_sv57);
	run("mmu_faults", t_faults);
	run("mmu_napot", t_napot);
	run("mmu_ad", t_ad);
	run("mmu_sum_mxr", t_sum_mxr);
	run("mmu_mprv", t_mprv);
	run("mmu_pmp", t_pmp);
	run("mmu_gstage", t_gstage);
	run("mmu_gstage_sv48x4", t_gstage_sv48x4);
	run("mmu_gstage_sv57x4", t_gstage_sv57x4);
	run("mmu_vs_sum", t_vs_sum);
	run("mmu_hlv", t_hlv);
	run("mmu_misaligned", t_misaligned);
	run("mmu_tlb_asid", t_tlb_asid);
	run("mmu_tlb_vs", t_tlb_vs);
	run("mmu_tohost", t_tohost);
	run("mmu_device", t_device);
	run("mmu_amo", t_amo);

	free(h);
	bus_destroy(&bus);
	guestmem_destroy(&mem);
	return failures ? 1 : 0;
}
