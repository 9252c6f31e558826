/*
 * Random MMIO: loads and stores of every width, at random offsets with
 * random values, over every device window and the gaps between them.
 * An access to nothing must raise an access fault (RISC-V Privileged
 * Architecture, "Physical Memory Attributes"); the hook counts it and
 * steps over. Afterwards the PLIC, the CLINT timer, the UART and the
 * finisher must still work.
 */
#include "hostile.h"

#ifndef ITER
#define ITER 2000000UL
#endif
#ifndef SEED
#define SEED 0x9e3779b97f4a7c15ULL
#endif
#define SCRATCH 0x90000000UL
#define SCRATCH_SIZE 0x100000UL

struct region {
	unsigned long base, size;
};

/* Devices, then gaps: every kind of physical address. */
static const struct region regions[] = {
	{FINISHER_BASE, 0x1000},
	{RTC_BASE, 0x1000},
	{CLINT_BASE, 0x10000},
	{PLIC_BASE, PLIC_SIZE},
	{UART_BASE, 0x1000},
	{VIRTIO_BASE, 0x1000 * VIRTIO_SLOTS},
	{0, 0x100000},
	{0x102000, 0x1efe000},
	{0x2010000, 0x9ff0000},
	{0xc600000, 0x3a00000},
	{0x10009000, 0x6fff7000},
	{0xa0000000, 0x60000000},
	{0x100000000UL, 1UL << 38},
};
#define NREGIONS (sizeof(regions) / sizeof(regions[0]))
#define FIRST_GAP 6

static void fill_scratch(uint64_t *s)
{
	volatile uint64_t *p = (volatile uint64_t *)SCRATCH;

	/* Descriptor-shaped noise: addresses mostly inside the scratch. */
	for (unsigned long i = 0; i < SCRATCH_SIZE / 8; i += 2) {
		uint64_t r = rnd(s);

		p[i] = (r & 7) ? SCRATCH + (rnd(s) & (SCRATCH_SIZE - 1)) : r;
		p[i + 1] = rnd(s) & 0xffff0007000fffffULL;
	}
}

/* Queue addresses written to a transport go into the scratch area. */
static uint64_t virtio_value(unsigned long off, uint64_t v)
{
	if (off >= 0x80 && off < 0xa8) {
		if (off & 4)
			return 0;
		return SCRATCH + (v & (SCRATCH_SIZE - 0x10000 - 1) & ~15UL);
	}
	if (off == 0x38) /* QueueNum: small sizes give busier rings */
		return v & 0x1f;
	return v;
}

static volatile int secondaries_stop;

/*
 * The other harts (with -c N) meanwhile hammer the transports with
 * aligned 32-bit accesses, resets and notifies among them, racing hart
 * 0 and the devices' own threads.
 */
void hostile_secondary(unsigned long hartid)
{
	uint64_t s = SEED ^ (hartid * 0x9e3779b97f4a7c15ULL);

	while (!secondaries_stop) {
		uint64_t r = rnd(&s);
		unsigned long off = (r >> 8) & 0xfc;
		unsigned long a = VIRTIO_BASE + 0x1000 * ((r >> 16) & 7);

		if ((r & 7) == 0)
			off = 0x70; /* Status: resets and DRIVER_OK */
		else if ((r & 7) == 1)
			off = 0x50; /* QueueNotify */
		if ((r >> 24) & 1)
			w32(a + off, virtio_value(off, rnd(&s)));
		else
			r32(a + off);
	}
}

static int check_gap(unsigned long a, int store)
{
	static int told;
	unsigned long before = n_access_faults;

	if (store)
		mmio_write(a, 4, 0);
	else
		mmio_read(a, 4);
	if (n_access_faults == before + 1)
		return 1;
	if (told++ < 5)
		printf("no access fault: %s %lx\n", store ? "store" : "load",
		       a);
	return 0;
}

static int plic_works(void)
{
	volatile uint8_t *u = (volatile uint8_t *)UART_BASE;
	uint32_t id;

	/* UART (source 10), context 0 = hart 0 M-mode. */
	w32(PLIC_BASE + 4 * 10, 1);
	w32(PLIC_BASE + 0x2000, 1U << 10);
	w32(PLIC_BASE + 0x200000, 0);
	u[3] = 0x03;
	u[1] = 0x02; /* THRE interrupt: the transmitter is empty */
	for (int i = 0; i < 100000 && !(csr_read(mip) & (1UL << IRQ_MEI)); i++)
		;
	id = r32(PLIC_BASE + 0x200004);
	u[1] = 0;
	w32(PLIC_BASE + 0x200004, id);
	w32(PLIC_BASE + 0x2000, 0);
	if (id != 10)
		printf("plic claim: %u\n", id);
	return id == 10;
}

static int timer_works(void)
{
	uint64_t now = *CLINT_MTIME;

	*CLINT_MTIMECMP = now + 100;
	for (long i = 0; i < 50000000; i++)
		if (csr_read(mip) & (1UL << IRQ_MTI)) {
			*CLINT_MTIMECMP = -1UL;
			return 1;
		}
	return 0;
}

static void targeted(uint64_t *s)
{
	static const uint32_t ids[] = {0,   1,	  95,	96,
				       127, 1023, 1024, 0xffffffff};

	/* Every PLIC context, claim/complete with bogus ids. */
	for (unsigned long ctx = 0; ctx < 15872; ctx += 1 + (rnd(s) & 63)) {
		unsigned long c = PLIC_BASE + 0x200000 + 0x1000 * ctx;

		w32(c, rnd(s));
		for (unsigned i = 0; i < 8; i++) {
			r32(c + 4);
			w32(c + 4, ids[i]);
		}
		/* Enables of sources beyond 95 and of absent contexts. */
		for (unsigned w = 0; w < 32; w++)
			w32(PLIC_BASE + 0x2000 + 0x80 * ctx + 4 * w, rnd(s));
	}
	for (unsigned long src = 0; src < 1024; src++)
		w32(PLIC_BASE + 4 * src, rnd(s));
	for (unsigned w = 0; w < 32; w++)
		w32(PLIC_BASE + 0x1000 + 4 * w, -1U);
	/* CLINT: msip and mtimecmp of harts that do not exist. */
	for (unsigned h = 0; h < 4095; h++) {
		w32(CLINT_BASE + 4 * h, 1);
		r32(CLINT_BASE + 4 * h);
		*(volatile uint64_t *)(CLINT_BASE + 0x4000 + 8 * h) = rnd(s);
	}
	for (unsigned i = 0; i < 100000; i++)
		w32(CLINT_BASE, i & 1);
	w32(CLINT_BASE, 0);
	/* Leave the PLIC quiet again. */
	for (unsigned long ctx = 0; ctx < 64; ctx++)
		for (unsigned w = 0; w < 32; w++)
			w32(PLIC_BASE + 0x2000 + 0x80 * ctx + 4 * w, 0);
	for (unsigned long ctx = 0; ctx < 64; ctx++)
		w32(PLIC_BASE + 0x200004 + 0x1000 * ctx,
		    r32(PLIC_BASE + 0x200004 + 0x1000 * ctx));
	*CLINT_MTIMECMP = -1UL;
}

int main(void)
{
	static const int sizes[4] = {1, 2, 4, 8};
	uint64_t s = SEED;
	unsigned long i;

	hostile_release();
	m_trap_hook = mmio_fault_hook;
	/* The gaps fault, loads and stores. */
	CHECK(check_gap(0x40000000UL, 0));
	CHECK(check_gap(0x3000000UL, 1));
	CHECK(check_gap(0x10000100UL + 0x800, 0));
	CHECK(check_gap(0xa0000000UL, 1));
	CHECK(check_gap(0x10009000UL, 0));

	targeted(&s);
	CHECK(plic_works());
	CHECK(timer_works());
	printf("targeted done\n");

	fill_scratch(&s);
	for (i = 0; i < ITER; i++) {
		uint64_t r = rnd(&s), v = rnd(&s);
		unsigned k = r % NREGIONS;
		const struct region *g = &regions[k];
		int size = sizes[(r >> 8) & 3];
		unsigned long off;

		/* Half the time near a window's start, where registers are. */
		off = (r >> 16) & 1 ? (r >> 20) & 0x1ff : (r >> 20) % g->size;
		if (off >= g->size)
			off = 0;
		if ((r >> 17) & 1)
			off &= ~(unsigned long)(size - 1);
		if (g->base == VIRTIO_BASE)
			v = virtio_value(off & 0xfff, v);
		if (g->base == FINISHER_BASE) {
			uint16_t lo = v & 0xffff;

			if (lo == 0x3333 || lo == 0x5555 || lo == 0x7777)
				v ^= 1;
		}
		if ((r >> 18) & 1)
			mmio_write(g->base + off, size, v);
		else
			mmio_read(g->base + off, size);
		if (k >= FIRST_GAP && (r & 0xff) == 0)
			CHECK(check_gap(g->base + off, (r >> 19) & 1));
		if ((i & 0xffff) == 0)
			printf("progress %lu faults %lu misaligned %lu\n", i,
			       n_access_faults, n_misaligned);
		if ((i & 0x3ffff) == 0x20000)
			fill_scratch(&s);
	}
	printf("random done: faults %lu misaligned %lu other %lu\n",
	       n_access_faults, n_misaligned, n_other);
	CHECK(n_access_faults > ITER / 4);
	CHECK_EQ(n_other, 0);
	secondaries_stop = 1;
	/* Devices quiet again: every transport reset. */
	for (unsigned d = 0; d < VIRTIO_SLOTS; d++)
		w32(VIRTIO_BASE + 0x1000 * d + 0x70, 0);
	*CLINT_MTIMECMP = -1UL;
	CHECK(plic_works());
	CHECK(timer_works());
	uart_puts("\nUART-ALIVE\n");
	if (rt_failures)
		test_exit(rt_failures);
	printf("FINISHER-EXIT\n");
	w32(FINISHER_BASE, 0x5555);
	for (;;)
		;
}
