/*
 * Counting through perf_event_open in a Linux guest: the SBI PMU
 * extension behind Linux's riscv_pmu_sbi driver, the hart's counters and
 * their events (accel/dbt/pmu.h), mode filtering and overflow interrupts
 * (Sscofpmf). Each event counts a loop of known length in user mode
 * (exclude_kernel, which the SBI turns into mhpmevent.SINH), so the
 * count is exact up to the few instructions of the ioctl wrappers.
 * Prints "perfcount: ok" and exits 0; exits 77 when the kernel has no
 * perf events (CONFIG_PERF_EVENTS).
 *
 * "perfcount fw": behind OpenSBI 1.1 rather than hvrun's SBI. It takes
 * cycles and instructions on mcycle and minstret alone, which count in
 * every mode and raise no overflow interrupt: those counts include the
 * kernel's share, and the sampling samples branches.
 */
#include <errno.h>
#include <linux/perf_event.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define N 100000
/* The user instructions around the loop: ioctl wrappers, the call. */
#define SLACK 300

static int failures;

static int open_counter(uint32_t type, uint64_t config, int user_only,
			uint64_t period)
{
	struct perf_event_attr a;

	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.type = type;
	a.config = config;
	a.disabled = 1;
	a.exclude_kernel = user_only;
	a.exclude_hv = 1;
	if (period) {
		a.sample_period = period;
		a.sample_type = PERF_SAMPLE_IP;
		a.wakeup_events = 1;
	}
	return (int)syscall(__NR_perf_event_open, &a, 0, -1, -1, 0);
}

/* 4 instructions an iteration, one of them a branch. */
static void __attribute__((noinline)) spin(long n)
{
	asm volatile("1: addi %0, %0, -1\n\t"
		     "nop\n\t"
		     "nop\n\t"
		     "bnez %0, 1b"
		     : "+r"(n));
}

static volatile uint64_t cells[64];

/* n loads (and the loop's 4 more instructions each) */
static void __attribute__((noinline)) loads(long n)
{
	uint64_t v;

	asm volatile("1: ld %1, 0(%2)\n\t"
		     "addi %0, %0, -1\n\t"
		     "bnez %0, 1b"
		     : "+r"(n), "=&r"(v)
		     : "r"(cells)
		     : "memory");
}

static void __attribute__((noinline)) stores(long n)
{
	asm volatile("1: sd %0, 0(%1)\n\t"
		     "addi %0, %0, -1\n\t"
		     "bnez %0, 1b"
		     : "+r"(n)
		     : "r"(cells)
		     : "memory");
}

static char *pages;
#define NPAGES 2048

/* One load a page: each one a translation the TLB has not seen yet. */
static void __attribute__((noinline)) walk_pages(void)
{
	for (long i = 0; i < NPAGES; i++)
		(void)*(volatile char *)(pages + i * 4096);
}

static uint64_t measure(int fd, void (*fn)(long), long n)
{
	uint64_t v = 0;

	ioctl(fd, PERF_EVENT_IOC_RESET, 0);
	ioctl(fd, PERF_EVENT_IOC_ENABLE, 0);
	fn(n);
	ioctl(fd, PERF_EVENT_IOC_DISABLE, 0);
	if (read(fd, &v, sizeof(v)) != sizeof(v))
		return UINT64_MAX;
	return v;
}

static void check(const char *name, uint64_t v, uint64_t lo, uint64_t hi)
{
	printf("perfcount: %s %llu (want %llu..%llu)\n", name,
	       (unsigned long long)v, (unsigned long long)lo,
	       (unsigned long long)hi);
	if (v < lo || v > hi) {
		printf("perfcount: FAIL %s\n", name);
		failures++;
	}
}

static void walk(long n)
{
	walk_pages();
}

/* Sampling: an overflow interrupt every 10000 instructions (or 2500
 * branches). */
static void sampling(int fw)
{
	size_t len = (1 + 16) * 4096;
	struct perf_event_mmap_page *meta;
	unsigned samples = 0;
	uint64_t head, pos;
	int fd;

	fd = open_counter(PERF_TYPE_HARDWARE,
			  fw ? PERF_COUNT_HW_BRANCH_INSTRUCTIONS
			     : PERF_COUNT_HW_INSTRUCTIONS,
			  1, fw ? 2500 : 10000);
	if (fd < 0) {
		printf("perfcount: FAIL sampling: open: %s\n", strerror(errno));
		failures++;
		return;
	}
	meta = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (meta == MAP_FAILED) {
		printf("perfcount: FAIL sampling: mmap: %s\n", strerror(errno));
		failures++;
		close(fd);
		return;
	}
	measure(fd, spin, N);
	head = __atomic_load_n(&meta->data_head, __ATOMIC_ACQUIRE);
	for (pos = meta->data_tail; pos < head;) {
		struct perf_event_header *e =
			(void *)((char *)meta + 4096 + pos % (16 * 4096));

		if (e->type == PERF_RECORD_SAMPLE)
			samples++;
		if (!e->size)
			break;
		pos += e->size;
	}
	/* 4 * N / 10000 = N / 2500 = 40 overflows */
	check("samples", samples, 30, 45);
	munmap(meta, len);
	close(fd);
}

int main(int argc, char **argv)
{
	int fw = argc > 1 && !strcmp(argv[1], "fw");
	static const struct {
		const char *name;
		uint32_t type;
		uint64_t config;
		void (*fn)(long);
		uint64_t lo, hi;
	} tests[] = {
		{"instructions", PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS,
		 spin, 4ull * N, 4ull * N + SLACK},
		{"cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES, spin,
		 4ull * N, 4ull * N + SLACK},
		{"branches", PERF_TYPE_HARDWARE,
		 PERF_COUNT_HW_BRANCH_INSTRUCTIONS, spin, N, N + SLACK},
		{"L1-dcache-loads", PERF_TYPE_HW_CACHE,
		 PERF_COUNT_HW_CACHE_L1D | PERF_COUNT_HW_CACHE_OP_READ << 8 |
			 PERF_COUNT_HW_CACHE_RESULT_ACCESS << 16,
		 loads, N, N + SLACK},
		{"L1-dcache-stores", PERF_TYPE_HW_CACHE,
		 PERF_COUNT_HW_CACHE_L1D | PERF_COUNT_HW_CACHE_OP_WRITE << 8 |
			 PERF_COUNT_HW_CACHE_RESULT_ACCESS << 16,
		 stores, N, N + SLACK},
		{"dTLB-load-misses", PERF_TYPE_HW_CACHE,
		 PERF_COUNT_HW_CACHE_DTLB | PERF_COUNT_HW_CACHE_OP_READ << 8 |
			 PERF_COUNT_HW_CACHE_RESULT_MISS << 16,
		 walk, NPAGES, 4 * NPAGES},
	};
	int fd;

	setvbuf(stdout, NULL, _IONBF, 0);
	pages = mmap(NULL, NPAGES * 4096ul, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (pages == MAP_FAILED)
		return 1;
	fd = open_counter(PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS, 1, 0);
	if (fd < 0 && (errno == ENOSYS || errno == ENOENT)) {
		printf("perfcount: no perf events in this kernel (%s)\n",
		       strerror(errno));
		return 77;
	}
	if (fd >= 0)
		close(fd);
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		fd = open_counter(tests[i].type, tests[i].config, 1, 0);
		if (fd < 0) {
			printf("perfcount: FAIL %s: open: %s\n", tests[i].name,
			       strerror(errno));
			failures++;
			continue;
		}
		check(tests[i].name, measure(fd, tests[i].fn, N), tests[i].lo,
		      fw && i < 2 ? 2 * tests[i].hi : tests[i].hi);
		close(fd);
	}
	/* Kernel and user: at least the loop. */
	fd = open_counter(PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS, 0, 0);
	if (fd >= 0) {
		check("instructions-all", measure(fd, spin, N), 4ull * N,
		      40ull * N);
		close(fd);
	}
	sampling(fw);
	if (failures)
		return 1;
	printf("perfcount: ok\n");
	return 0;
}
