/*
 * A JIT in a Linux guest, on every hart at once: each thread writes small
 * functions into a page of its own and into its neighbour's, makes them
 * visible with the riscv_flush_icache system call (what GCC's
 * __builtin___clear_cache does on RISC-V Linux), runs them and checks
 * what they return. The code pages are reused every round, so a stale
 * copy of old code anywhere is caught. Prints "jit: ok" on success.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAX_THREADS 16
#define ROUNDS 3000
#define SYS_riscv_flush_icache_ 259 /* arch/riscv/include/uapi/asm/unistd.h */

static uint32_t *pages[MAX_THREADS];
static int nthreads;
static pthread_barrier_t barrier;
static volatile int failed;

static void flush_icache(void *start, void *end, int local)
{
	syscall(SYS_riscv_flush_icache_, start, end, local ? 1 : 0);
}

/* lui a0, hi; addiw a0, a0, lo; ret */
static void emit_const(uint32_t *p, int32_t k)
{
	int32_t lo = (int32_t)((uint32_t)k << 20) >> 20;
	uint32_t hi = ((uint32_t)k - (uint32_t)lo) & 0xfffff000u;

	p[0] = hi | (10u << 7) | 0x37;
	p[1] = ((uint32_t)lo << 20) | (10u << 15) | (10u << 7) | 0x1b;
	p[2] = 0x00008067;
}

static long call(const uint32_t *p)
{
	return ((long (*)(void))(uintptr_t)p)();
}

static int32_t value(int round, int who, int slot)
{
	return (int32_t)(round * 0x10001 + who * 0x111 + slot * 7 + 1);
}

static void *worker(void *arg)
{
	int id = (int)(intptr_t)arg, next = (id + 1) % nthreads;

	for (int r = 1; r <= ROUNDS && !failed; r++) {
		/* Own code: written, made visible on this hart, run. */
		emit_const(pages[id], value(r, id, 0));
		flush_icache(pages[id], pages[id] + 3, 1);
		if (call(pages[id]) != value(r, id, 0)) {
			printf("jit: FAIL thread %d round %d own code\n", id,
			       r);
			failed = 1;
		}
		/* Code for the neighbour, in its page's second half. */
		emit_const(pages[next] + 512, value(r, next, 1));
		flush_icache(pages[next] + 512, pages[next] + 515, 0);
		pthread_barrier_wait(&barrier);
		if (call(pages[id] + 512) != value(r, id, 1)) {
			printf("jit: FAIL thread %d round %d code from "
			       "another\n",
			       id, r);
			failed = 1;
		}
		pthread_barrier_wait(&barrier);
	}
	return NULL;
}

int main(void)
{
	pthread_t t[MAX_THREADS];

	nthreads = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (nthreads < 2)
		nthreads = 2;
	if (nthreads > MAX_THREADS)
		nthreads = MAX_THREADS;
	for (int i = 0; i < nthreads; i++) {
		pages[i] = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (pages[i] == MAP_FAILED) {
			perror("jit: mmap");
			return 1;
		}
	}
	pthread_barrier_init(&barrier, NULL, nthreads);
	for (int i = 0; i < nthreads; i++)
		pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
	for (int i = 0; i < nthreads; i++)
		pthread_join(t[i], NULL);
	if (failed)
		return 1;
	printf("jit: ok (%d threads, %d rounds)\n", nthreads, ROUNDS);
	return 0;
}
