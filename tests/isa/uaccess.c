/*
 * U-mode loads and stores under Sv39, Sv48 and Sv57, the way user
 * programs make them: at low addresses, below a stack at the top of the
 * user range and in between; data read back after a PTE changes and
 * sfence.vma names the page, its ASID, or an address inside a superpage;
 * a write-protected page; two address spaces in turn; code that U-mode
 * writes and then runs after fence.i. RISC-V Privileged ISA, "Supervisor-
 * Level ISA" ("Virtual Address Translation Process", "Supervisor Memory-
 * Management Fence Instruction").
 *
 * The U-mode code runs with its stack pointer near the top of the user
 * range, as a process's does.
 */
#include "pt.h"
#include "rt.h"

#define URW (PTE_U | PTE_R | PTE_W | PTE_A | PTE_D)
#define PAGE 4096UL
#define NPAGES 8

static uint64_t pool[64][512] __attribute__((aligned(4096)));
static struct pt_pool pt = {pool, 0, 3};
/* Physical pages behind the user addresses. */
static uint64_t lowp[NPAGES][512] __attribute__((aligned(4096)));
static uint64_t highp[NPAGES][512] __attribute__((aligned(4096)));
static uint64_t midp[NPAGES][512] __attribute__((aligned(4096)));
static uint64_t other[512] __attribute__((aligned(4096)));
static uint32_t ucode[1024] __attribute__((aligned(4096)));
/* Two 2 MiB superpages' worth of memory, each 2 MiB-aligned. */
static uint64_t big[2][512][512] __attribute__((aligned(2 << 20)));

static void set_pte(uint64_t *pte, unsigned long pa, unsigned long flags)
{
	*pte = ((pa >> 12) << 10) | flags | PTE_V;
}

/* The top of the user range: its stack lives below it. */
static unsigned long user_top(void)
{
	return 1UL << (12 + 9 * pt.levels - 1);
}

static unsigned long low_va(void)
{
	return 0x10000000UL;
}

static unsigned long high_va(void)
{
	return user_top() - 64 * PAGE;
}

static unsigned long mid_va(void)
{
	return (user_top() / 3 * 2) & ~(PAGE - 1);
}

static void use(uint64_t *root, unsigned long asid);

static unsigned long user_sp(void);

/*
 * An address space of @lv levels: the program, its data and its M-mode
 * stack, which U may run and use; the U-mode stack's page.
 */
static uint64_t *space(int lv, unsigned long asid)
{
	uint64_t *root;

	pt.levels = lv;
	root = pt_alloc(&pt);
	pt_map(&pt, root, 0x80000000UL, 0x80000000UL, 2,
	       PTE_U | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D);
	pt_map(&pt, root, user_sp() - PAGE, (unsigned long)other, 0, URW);
	use(root, asid);
	asm volatile("sfence.vma" ::: "memory");
	return root;
}

/* The same with the pool of page tables emptied first. */
static uint64_t *fresh_space(int lv, unsigned long asid)
{
	pt.used = 0;
	return space(lv, asid);
}

/* Whether the hart keeps this satp mode (Sv48 and Sv57 are optional). */
static int mode_supported(int lv)
{
	unsigned long mode = lv == 3 ? 8 : lv == 4 ? 9 : 10;

	csr_write(satp, mode << 60);
	mode = csr_read(satp) >> 60;
	csr_write(satp, 0);
	return mode != 0;
}

/*
 * run_mode() with the U-mode stack pointer at @sp: fn(arg) runs in U-mode
 * and returns through lower_exit, whose ecall the M-mode handler turns
 * into a return from run_user (rt_resume restores the registers kept
 * here, this sp among them).
 */
long run_user(long (*fn)(long), long arg, unsigned long sp);
asm(".globl run_user\n"
    "run_user:\n"
    "	la	t0, rt_m_ctx\n"
    "	sd	ra, 0(t0)\n"
    "	sd	sp, 8(t0)\n"
    "	sd	s0, 16(t0)\n"
    "	sd	s1, 24(t0)\n"
    "	sd	s2, 32(t0)\n"
    "	sd	s3, 40(t0)\n"
    "	sd	s4, 48(t0)\n"
    "	sd	s5, 56(t0)\n"
    "	sd	s6, 64(t0)\n"
    "	sd	s7, 72(t0)\n"
    "	sd	s8, 80(t0)\n"
    "	sd	s9, 88(t0)\n"
    "	sd	s10, 96(t0)\n"
    "	sd	s11, 104(t0)\n"
    "	csrw	mepc, a0\n"
    "	li	t1, 3 << 11\n"
    "	csrc	mstatus, t1\n"
    "	mv	a0, a1\n"
    "	mv	sp, a2\n"
    "	la	ra, lower_exit\n"
    "	mret\n");

/* Where the U-mode code's stack pointer is. */
static unsigned long user_sp(void)
{
	return user_top() - 16 * PAGE;
}

static long u_call(long (*fn)(long), long arg)
{
	return run_user(fn, arg, user_sp());
}

/* satp for @root; without ASIDs, a fence makes the switch. */
static void use(uint64_t *root, unsigned long asid)
{
	csr_write(satp, (pt_mode(&pt) << 60) | (asid << 44) |
				((unsigned long)root >> 12));
	if (!((csr_read(satp) >> 44) & 0xffff))
		asm volatile("sfence.vma" ::: "memory");
}

/* Runs in U-mode: the sum of the first word of @n pages from va. */
static long u_sum(long va)
{
	long s = 0;

	for (int i = 0; i < NPAGES; i++)
		s += *(volatile long *)(va + i * PAGE + 8 * i);
	return s;
}

/* Runs in U-mode: writes va ^ i at word i of each page. */
static long u_fill(long va)
{
	for (int i = 0; i < NPAGES; i++)
		*(volatile long *)(va + i * PAGE + 16 * i) = va ^ i;
	return 0;
}

static long u_load(long va)
{
	return *(volatile long *)va;
}

static long u_store(long va)
{
	*(volatile long *)va = 0x5a5a1234L;
	return 0;
}

/* A push and a pop at the stack pointer, as every call makes. */
static long u_stack(long v)
{
	long r;

	asm volatile("addi sp, sp, -16\n"
		     "sd %1, 8(sp)\n"
		     "ld %0, 8(sp)\n"
		     "addi sp, sp, 16\n"
		     : "=r"(r)
		     : "r"(v)
		     : "memory");
	return r;
}

/* Writes "li a0, @n; ret" at the user code page, then runs it. */
static long u_patch_run(long n)
{
	volatile uint32_t *p = (volatile uint32_t *)(user_top() - 128 * PAGE);

	p[0] = 0x00000513 | ((uint32_t)n << 20);
	p[1] = 0x00008067;
	asm volatile("fence.i" ::: "memory");
	return ((long (*)(void))p)();
}

static unsigned long trap_result(long r)
{
	if (m_trap.count == 0)
		return (unsigned long)r;
	CHECK_EQ(m_trap.count, 1);
	return 0x100 + m_trap.cause;
}

static unsigned long try(long (*fn)(long), long arg)
{
	long r;

	trap_reset();
	r = u_call(fn, arg);
	return trap_result(r);
}

/* Pages of data at the three places, read and written from U-mode. */
static void test_places(int lv)
{
	uint64_t *root;
	unsigned long va[3] = {0};
	uint64_t(*pa[3])[512] = {lowp, highp, midp};

	root = fresh_space(lv, 0);
	va[0] = low_va();
	va[1] = high_va();
	va[2] = mid_va();
	for (int k = 0; k < 3; k++)
		for (int i = 0; i < NPAGES; i++)
			pt_map(&pt, root, va[k] + i * PAGE,
			       (unsigned long)pa[k][i], 0, URW);
	asm volatile("sfence.vma" ::: "memory");
	for (int k = 0; k < 3; k++) {
		long want = 0;

		for (int i = 0; i < NPAGES; i++) {
			pa[k][i][i] = (uint64_t)(k * 1000 + i);
			want += k * 1000 + i;
		}
		CHECK_EQ(try(u_sum, (long)va[k]), (unsigned long)want);
		CHECK_EQ(try(u_fill, (long)va[k]), 0);
		for (int i = 0; i < NPAGES; i++)
			CHECK_EQ(pa[k][i][2 * i], va[k] ^ (unsigned long)i);
	}
	CHECK_EQ(try(u_stack, 77), 77);
	/* the last word of a place, and the first after it: not mapped */
	highp[NPAGES - 1][511] = 0x1a57;
	CHECK_EQ(try(u_load, (long)(va[1] + NPAGES * PAGE - 8)), 0x1a57);
	CHECK_EQ(try(u_load, (long)(va[1] + NPAGES * PAGE)),
		 0x100 + CAUSE_LOAD_PAGE);
	CHECK_EQ(m_trap.tval, va[1] + NPAGES * PAGE);
	csr_write(satp, 0);
}

/* A PTE changed, then sfence.vma: for the page, for the ASID, for all. */
static void test_remap(int lv)
{
	uint64_t *root, *pte;
	unsigned long v = high_va();

	root = fresh_space(lv, 1);
	pte = pt_map(&pt, root, v, (unsigned long)highp[0], 0, URW);
	highp[0][0] = 0x1111;
	highp[1][0] = 0x2222;
	highp[2][0] = 0x3333;
	CHECK_EQ(try(u_load, (long)v), 0x1111);
	CHECK_EQ(try(u_store, (long)v + 8), 0);
	CHECK_EQ(highp[0][1], 0x5a5a1234);

	set_pte(pte, (unsigned long)highp[1], URW);
	asm volatile("sfence.vma %0, zero" ::"r"(v) : "memory");
	CHECK_EQ(try(u_load, (long)v), 0x2222);
	CHECK_EQ(try(u_store, (long)v + 16), 0);
	CHECK_EQ(highp[1][2], 0x5a5a1234);
	CHECK_EQ(highp[0][2], 0);

	set_pte(pte, (unsigned long)highp[2], URW);
	asm volatile("sfence.vma zero, %0" ::"r"(1UL) : "memory");
	CHECK_EQ(try(u_load, (long)v), 0x3333);

	set_pte(pte, (unsigned long)highp[0], URW);
	asm volatile("sfence.vma" ::: "memory");
	CHECK_EQ(try(u_load, (long)v), 0x1111);

	/* write-protected: a store page fault, the page unchanged */
	set_pte(pte, (unsigned long)highp[0], URW & ~PTE_W);
	asm volatile("sfence.vma %0, zero" ::"r"(v) : "memory");
	CHECK_EQ(try(u_store, (long)v + 24), 0x100 + CAUSE_STORE_PAGE);
	CHECK_EQ(m_trap.tval, v + 24);
	CHECK_EQ(highp[0][3], 0);
	CHECK_EQ(try(u_load, (long)v + 8), 0x5a5a1234);

	/* unmapped: a load page fault */
	*pte = 0;
	asm volatile("sfence.vma %0, zero" ::"r"(v) : "memory");
	CHECK_EQ(try(u_load, (long)v), 0x100 + CAUSE_LOAD_PAGE);
	csr_write(satp, 0);
}

/* A 2 MiB page remapped: a fence for its first address covers it all. */
static void test_superpage(int lv)
{
	uint64_t *root, *pte;
	unsigned long v = low_va();

	root = fresh_space(lv, 0);
	pte = pt_map(&pt, root, v, (unsigned long)big[0], 1, URW);
	asm volatile("sfence.vma" ::: "memory");
	big[0][1][0] = 0xa1;
	big[0][5][0] = 0xa5;
	big[1][1][0] = 0xb1;
	big[1][5][0] = 0xb5;
	CHECK_EQ(try(u_load, (long)(v + 1 * PAGE)), 0xa1);
	CHECK_EQ(try(u_load, (long)(v + 5 * PAGE)), 0xa5);
	set_pte(pte, (unsigned long)big[1], URW);
	asm volatile("sfence.vma %0, zero" ::"r"(v) : "memory");
	CHECK_EQ(try(u_load, (long)(v + 5 * PAGE)), 0xb5);
	CHECK_EQ(try(u_load, (long)(v + 1 * PAGE)), 0xb1);
	CHECK_EQ(try(u_store, (long)(v + 5 * PAGE + 8)), 0);
	CHECK_EQ(big[1][5][1], 0x5a5a1234);
	CHECK_EQ(big[0][5][1], 0);
	csr_write(satp, 0);
}

/* Two address spaces with the same addresses, in turn. */
static void test_switch(int lv)
{
	uint64_t *a, *b;
	unsigned long v = high_va();

	a = fresh_space(lv, 2);
	pt_map(&pt, a, v, (unsigned long)midp[0], 0, URW);
	b = space(lv, 3);
	pt_map(&pt, b, v, (unsigned long)midp[1], 0, URW);
	for (int i = 0; i < 512; i++)
		midp[0][i] = midp[1][i] = 0;
	midp[0][0] = 0xaaaa;
	midp[1][0] = 0xbbbb;
	for (int i = 0; i < 4; i++) {
		use(a, 2);
		CHECK_EQ(try(u_load, (long)v), 0xaaaa);
		CHECK_EQ(try(u_store, (long)v + 8 * (i + 1)), 0);
		use(b, 3);
		CHECK_EQ(try(u_load, (long)v), 0xbbbb);
	}
	for (int i = 0; i < 4; i++)
		CHECK_EQ(midp[0][i + 1], 0x5a5a1234);
	CHECK_EQ(midp[1][1], 0);
	csr_write(satp, 0);
}

/* U-mode writes code, runs it, writes it again. */
static void test_code(int lv)
{
	uint64_t *root;

	root = fresh_space(lv, 0);
	pt_map(&pt, root, user_top() - 128 * PAGE, (unsigned long)ucode, 0,
	       URW | PTE_X);
	asm volatile("sfence.vma" ::: "memory");
	for (long n = 1; n <= 5; n++)
		CHECK_EQ(try(u_patch_run, n), (unsigned long)n);
	CHECK_EQ(ucode[0], 0x00500513);
	csr_write(satp, 0);
}

int main(void)
{
	for (int lv = 3; lv <= 5; lv++) {
		if (!mode_supported(lv))
			continue;
		test_places(lv);
		test_remap(lv);
		test_superpage(lv);
		test_switch(lv);
		test_code(lv);
	}
	return 0;
}
