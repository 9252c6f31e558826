/*
 * Vector kernels (RISC-V "V" 1.0) in Linux user space, in several
 * processes at once: each process runs strip-mined kernels written in
 * inline assembly (GCC 12 does not vectorise for V) over its own data
 * and checks them against plain C: an int32 vector add, a widening int32
 * dot product, a binary64 axpy (vfmacc.vf against fma()), a byte copy,
 * strlen with fault-only-first loads (vle8ff.v up to an unmapped page), a
 * segment load (vlseg3e8.v) and an indexed gather (vluxei32.v). There are
 * more processes than harts, so the kernel switches them in the middle of
 * a kernel: a vector register file lost or mixed up in a switch shows as
 * a wrong result.
 *
 * When the kernel does not offer V (no 'V' in AT_HWCAP: Linux before 6.5
 * or without CONFIG_RISCV_ISA_V), user space runs with sstatus.VS Off and
 * the first vector instruction must raise SIGILL: the program checks
 * that, prints "vk: no V" and exits 0. VK_FORCE=1 runs the kernels
 * whatever AT_HWCAP says (for a user-mode emulator that leaves V out of
 * it). Usage: vk [PROCESSES [ROUNDS]]. Prints "vk: ok" on success.
 */
#define _GNU_SOURCE
#include <math.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define HWCAP_V (1UL << ('V' - 'A'))
#define N 4099 /* not a multiple of any VLMAX */

static uint64_t rng;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 11);
}

static void vadd32(int32_t *c, const int32_t *a, const int32_t *b, size_t n)
{
	while (n) {
		size_t vl;

		asm volatile("vsetvli %0, %1, e32, m4, ta, ma\n\t"
			     "vle32.v v8, (%2)\n\t"
			     "vle32.v v12, (%3)\n\t"
			     "vadd.vv v8, v8, v12\n\t"
			     "vse32.v v8, (%4)"
			     : "=&r"(vl)
			     : "r"(n), "r"(a), "r"(b), "r"(c)
			     : "memory");
		a += vl, b += vl, c += vl, n -= vl;
	}
}

/* sum(a[i] * b[i]) with 64-bit products and sum (vwmul, vredsum). */
static int64_t vdot32(const int32_t *a, const int32_t *b, size_t n)
{
	int64_t r;

	asm volatile("vsetivli zero, 1, e64, m1, ta, ma\n\t"
		     "vmv.s.x v16, zero" ::
			     : "memory");
	while (n) {
		size_t vl;

		asm volatile("vsetvli %0, %1, e32, m2, ta, ma\n\t"
			     "vle32.v v2, (%2)\n\t"
			     "vle32.v v4, (%3)\n\t"
			     "vwmul.vv v8, v2, v4\n\t"
			     "vsetvli zero, %0, e64, m4, ta, ma\n\t"
			     "vredsum.vs v16, v8, v16"
			     : "=&r"(vl)
			     : "r"(n), "r"(a), "r"(b)
			     : "memory");
		a += vl, b += vl, n -= vl;
	}
	asm volatile("vsetivli zero, 1, e64, m1, ta, ma\n\t"
		     "vmv.x.s %0, v16"
		     : "=r"(r));
	return r;
}

/* y[i] = a * x[i] + y[i], one rounding (vfmacc.vf). */
static void vaxpy(double *y, const double *x, double a, size_t n)
{
	while (n) {
		size_t vl;

		asm volatile("vsetvli %0, %1, e64, m8, ta, ma\n\t"
			     "vle64.v v8, (%2)\n\t"
			     "vle64.v v16, (%3)\n\t"
			     "vfmacc.vf v16, %4, v8\n\t"
			     "vse64.v v16, (%3)"
			     : "=&r"(vl)
			     : "r"(n), "r"(x), "r"(y), "f"(a)
			     : "memory");
		x += vl, y += vl, n -= vl;
	}
}

static void vcopy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n) {
		size_t vl;

		asm volatile("vsetvli %0, %1, e8, m8, ta, ma\n\t"
			     "vle8.v v24, (%2)\n\t"
			     "vse8.v v24, (%3)"
			     : "=&r"(vl)
			     : "r"(n), "r"(s), "r"(d)
			     : "memory");
		s += vl, d += vl, n -= vl;
	}
}

/* strlen the vector way: fault-only-first loads never fault past the
 * first element, whatever lies beyond the string. */
static size_t vstrlen(const char *s)
{
	const char *p = s;

	for (;;) {
		size_t vl;
		long first;

		asm volatile("vsetvli zero, %2, e8, m8, ta, ma\n\t"
			     "vle8ff.v v8, (%3)\n\t"
			     "csrr %0, vl\n\t"
			     "vmseq.vi v0, v8, 0\n\t"
			     "vfirst.m %1, v0"
			     : "=&r"(vl), "=&r"(first)
			     : "r"(-1L), "r"(p)
			     : "memory");
		if (first >= 0)
			return (size_t)(p - s) + (size_t)first;
		p += vl;
	}
}

/* Sum of each of three interleaved byte planes (vlseg3e8.v, vwredsumu). */
static void vplanes(const uint8_t *rgb, size_t n, uint64_t sum[3])
{
	asm volatile("vsetivli zero, 1, e16, m1, ta, ma\n\t"
		     "vmv.s.x v20, zero\n\t"
		     "vmv.s.x v21, zero\n\t"
		     "vmv.s.x v22, zero" ::
			     : "memory");
	while (n) {
		size_t vl;

		asm volatile("vsetvli %0, %1, e8, m1, ta, ma\n\t"
			     "vlseg3e8.v v1, (%2)\n\t"
			     "vwredsumu.vs v20, v1, v20\n\t"
			     "vwredsumu.vs v21, v2, v21\n\t"
			     "vwredsumu.vs v22, v3, v22"
			     : "=&r"(vl)
			     : "r"(n), "r"(rgb)
			     : "memory");
		rgb += 3 * vl, n -= vl;
		/* 16-bit sums: fold them into 64 bits before they overflow. */
		uint64_t part[3];

		asm volatile("vsetivli zero, 1, e16, m1, ta, ma\n\t"
			     "vmv.x.s %0, v20\n\t"
			     "vmv.x.s %1, v21\n\t"
			     "vmv.x.s %2, v22\n\t"
			     "vmv.s.x v20, zero\n\t"
			     "vmv.s.x v21, zero\n\t"
			     "vmv.s.x v22, zero"
			     : "=r"(part[0]), "=r"(part[1]), "=r"(part[2]));
		for (int i = 0; i < 3; i++)
			sum[i] += part[i] & 0xffff;
	}
}

/* out[i] = table[idx[i]] (vluxei32.v with byte offsets). */
static void vgather(uint64_t *out, const uint64_t *table, const uint32_t *idx,
		    size_t n)
{
	while (n) {
		size_t vl;

		asm volatile("vsetvli %0, %1, e32, m2, ta, ma\n\t"
			     "vle32.v v4, (%2)\n\t"
			     "vsll.vi v4, v4, 3\n\t"
			     "vsetvli zero, %0, e64, m4, ta, ma\n\t"
			     "vluxei32.v v8, (%3), v4\n\t"
			     "vse64.v v8, (%4)"
			     : "=&r"(vl)
			     : "r"(n), "r"(idx), "r"(table), "r"(out)
			     : "memory");
		idx += vl, out += vl, n -= vl;
	}
}

static int32_t a32[N], b32[N], c32[N];
static double xd[N], yd[N], yref[N];
static uint8_t src[3 * N], dst[3 * N];
static uint64_t table[256], gout[N];
static uint32_t gidx[N];

static int fail(int who, const char *what, long i)
{
	printf("vk: process %d: %s wrong at %ld\n", who, what, i);
	return 1;
}

static int round_(int who, char *tail_page)
{
	size_t n = 1 + rnd() % N;
	int64_t dot = 0;

	for (size_t i = 0; i < n; i++) {
		a32[i] = (int32_t)rnd();
		b32[i] = (int32_t)rnd();
		xd[i] = (double)(int32_t)rnd() / 7.0;
		yd[i] = yref[i] = (double)(int32_t)rnd() / 3.0;
		gidx[i] = rnd() % 256;
	}
	for (size_t i = 0; i < 3 * n; i++)
		src[i] = (uint8_t)rnd();
	for (int i = 0; i < 256; i++)
		table[i] = ((uint64_t)rnd() << 32) | rnd();

	vadd32(c32, a32, b32, n);
	for (size_t i = 0; i < n; i++)
		if (c32[i] != (int32_t)((uint32_t)a32[i] + (uint32_t)b32[i]))
			return fail(who, "vadd32", (long)i);

	for (size_t i = 0; i < n; i++)
		dot += (int64_t)a32[i] * b32[i];
	if (vdot32(a32, b32, n) != dot)
		return fail(who, "vdot32", (long)n);

	double k = (double)(int32_t)rnd() / 5.0;

	vaxpy(yd, xd, k, n);
	for (size_t i = 0; i < n; i++)
		if (yd[i] != fma(k, xd[i], yref[i]))
			return fail(who, "vaxpy", (long)i);

	memset(dst, 0, sizeof(dst));
	vcopy(dst + 1, src, 3 * n - 1);
	if (dst[0] || memcmp(dst + 1, src, 3 * n - 1) ||
	    (3 * n < sizeof(dst) && dst[3 * n]))
		return fail(who, "vcopy", (long)n);

	/* A string ending at the end of a page followed by an unmapped
	 * one. */
	size_t len = rnd() % 4000;
	char *s = tail_page + 4095 - len;

	memset(s, 'a' + who % 26, len);
	s[len] = 0;
	if (vstrlen(s) != len)
		return fail(who, "vstrlen", (long)len);

	uint64_t sum[3] = {0, 0, 0}, ref[3] = {0, 0, 0};

	for (size_t i = 0; i < 3 * n; i++)
		ref[i % 3] += src[i];
	vplanes(src, n, sum);
	for (int i = 0; i < 3; i++)
		if (sum[i] != ref[i])
			return fail(who, "vplanes", i);

	vgather(gout, table, gidx, n);
	for (size_t i = 0; i < n; i++)
		if (gout[i] != table[gidx[i]])
			return fail(who, "vgather", (long)i);
	return 0;
}

static int process(int who, int rounds)
{
	char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED || munmap(p + 4096, 4096)) {
		perror("vk: mmap");
		return 1;
	}
	rng = 0x9e3779b97f4a7c15ull * (uint64_t)(who + 1);
	for (int r = 0; r < rounds; r++)
		if (round_(who, p))
			return 1;
	return 0;
}

static sigjmp_buf sigill_jmp;

static void on_sigill(int sig)
{
	(void)sig;
	siglongjmp(sigill_jmp, 1);
}

/* Without V from the kernel, a vector instruction is illegal. */
static int check_no_v(void)
{
	struct sigaction sa = {.sa_handler = on_sigill};
	volatile int ran = 0;

	sigaction(SIGILL, &sa, NULL);
	if (sigsetjmp(sigill_jmp, 1) == 0) {
		asm volatile("vsetivli zero, 1, e8, m1, ta, ma" ::: "memory");
		ran = 1;
	}
	if (ran) {
		printf("vk: no V in AT_HWCAP, yet vsetivli ran\n");
		return 1;
	}
	printf("vk: no V in AT_HWCAP; vsetivli raised SIGILL\n");
	return 0;
}

int main(int argc, char **argv)
{
	int procs = argc > 1 ? atoi(argv[1]) : 8;
	int rounds = argc > 2 ? atoi(argv[2]) : 40;
	int bad = 0;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (!(getauxval(AT_HWCAP) & HWCAP_V) && !getenv("VK_FORCE"))
		return check_no_v();
	for (int i = 0; i < procs; i++) {
		pid_t pid = fork();

		if (pid < 0) {
			perror("vk: fork");
			return 1;
		}
		if (pid == 0)
			_exit(process(i, rounds));
	}
	for (int i = 0; i < procs; i++) {
		int st;

		if (wait(&st) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
			bad = 1;
	}
	if (bad)
		return 1;
	printf("vk: ok (%d processes, %d rounds each)\n", procs, rounds);
	return 0;
}
