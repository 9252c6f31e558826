/* SPDX-License-Identifier: MIT */
/*
 * cpubench: integer, memory and floating-point kernels, for timing an
 * emulated hart against the host it runs on. Built twice from this one
 * file: static for riscv64 (run in the guest) and for the host (native).
 *
 *   cpubench [KERNEL...]
 *
 * prints one line a kernel, "NAME MILLISECONDS CHECKSUM", then
 * "total MILLISECONDS". The checksums depend only on the kernels' inputs
 * (and, for floating point, on the compiler's contraction choices), so two
 * runs of one binary must print the same ones.
 *
 * The kernels, each a few hundred milliseconds natively:
 *   crc     table-driven CRC-32 over a 1 MiB buffer (byte loads, shifts)
 *   sort    heap sort of 512K 32-bit keys (compares, branches, swaps)
 *   hash    64-bit multiply-xorshift mixing and integer division
 *   stream  a[i] = b[i] + 3 * c[i] over 3 x 8 MiB of 64-bit integers
 *   chase   a random pointer chase through 4 MiB (TLB and cache misses)
 *   matmul  double-precision 256 x 256 matrix product
 *   nbody   double-precision n-body steps (sqrt, division)
 *   fir     single-precision FIR filter
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* xorshift64*: the inputs, the same on every host. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
	uint64_t x = rng_state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545f4914f6cdd1dull;
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n);

	if (!p) {
		fprintf(stderr, "cpubench: out of memory\n");
		exit(1);
	}
	return p;
}

/* ---- integer ---- */

static uint64_t k_crc(void)
{
	enum { LEN = 1 << 20, PASSES = 16 };
	uint32_t table[256], crc = 0xffffffffu;
	uint8_t *buf = xmalloc(LEN);

	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;

		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
		table[i] = c;
	}
	for (size_t i = 0; i < LEN; i++)
		buf[i] = (uint8_t)rng();
	for (int p = 0; p < PASSES; p++)
		for (size_t i = 0; i < LEN; i++)
			crc = table[(crc ^ buf[i]) & 0xff] ^ (crc >> 8);
	free(buf);
	return crc ^ 0xffffffffu;
}

static void sift(uint32_t *a, size_t start, size_t n)
{
	size_t root = start;

	while (2 * root + 1 < n) {
		size_t child = 2 * root + 1;

		if (child + 1 < n && a[child] < a[child + 1])
			child++;
		if (a[root] >= a[child])
			return;
		uint32_t t = a[root];
		a[root] = a[child];
		a[child] = t;
		root = child;
	}
}

static uint64_t k_sort(void)
{
	enum { N = 1 << 19 };
	uint32_t *a = xmalloc(N * sizeof(*a));
	uint64_t sum = 0;

	for (size_t i = 0; i < N; i++)
		a[i] = (uint32_t)rng();
	for (size_t i = N / 2; i-- > 0;)
		sift(a, i, N);
	for (size_t end = N; end-- > 1;) {
		uint32_t t = a[0];
		a[0] = a[end];
		a[end] = t;
		sift(a, 0, end);
	}
	for (size_t i = 0; i < N; i += 4099)
		sum = sum * 31 + a[i];
	for (size_t i = 1; i < N; i++)
		if (a[i - 1] > a[i])
			sum = 0; /* not sorted: a wrong checksum */
	free(a);
	return sum;
}

static uint64_t k_hash(void)
{
	enum { N = 12000000 };
	uint64_t h = 0, x = 1;

	for (uint64_t i = 1; i <= N; i++) {
		x ^= x >> 31;
		x *= 0x7fb5d329728ea185ull;
		x ^= x >> 27;
		x *= 0x81dadef4bc2dd44dull;
		x ^= x >> 33;
		h += x % (i | 1) + (uint32_t)x / ((uint32_t)i | 3);
		h = (h << 7) | (h >> 57);
	}
	return h;
}

/* ---- memory ---- */

static uint64_t k_stream(void)
{
	enum { N = 1 << 20, PASSES = 24 };
	uint64_t *a = xmalloc(N * sizeof(*a)), *b = xmalloc(N * sizeof(*b)),
		 *c = xmalloc(N * sizeof(*c));
	uint64_t sum = 0;

	for (size_t i = 0; i < N; i++) {
		b[i] = rng() >> 8;
		c[i] = rng() >> 8;
	}
	for (int p = 0; p < PASSES; p++) {
		for (size_t i = 0; i < N; i++)
			a[i] = b[i] + 3 * c[i];
		for (size_t i = 0; i < N; i++)
			b[i] = a[i] ^ c[i];
	}
	for (size_t i = 0; i < N; i += 511)
		sum += a[i] ^ b[i];
	free(a);
	free(b);
	free(c);
	return sum;
}

static uint64_t k_chase(void)
{
	enum { N = 1 << 20, STEPS = 1 << 21 };
	uint32_t *next = xmalloc(N * sizeof(*next));
	uint32_t *perm = xmalloc(N * sizeof(*perm));
	uint64_t sum = 0;
	uint32_t p = 0;

	/* One cycle through every slot, in a random order (Sattolo). */
	for (uint32_t i = 0; i < N; i++)
		perm[i] = i;
	for (uint32_t i = N - 1; i > 0; i--) {
		uint32_t j = (uint32_t)(rng() % i);
		uint32_t t = perm[i];

		perm[i] = perm[j];
		perm[j] = t;
	}
	for (uint32_t i = 0; i < N; i++)
		next[perm[i]] = perm[(i + 1) % N];
	free(perm);
	for (uint32_t s = 0; s < STEPS; s++) {
		p = next[p];
		sum += p;
	}
	free(next);
	return sum;
}

/* ---- floating point ---- */

static uint64_t fold_double(double d)
{
	uint64_t u;

	memcpy(&u, &d, sizeof(u));
	return u;
}

static uint64_t k_matmul(void)
{
	enum { N = 256, REPS = 8 };
	double *a = xmalloc(N * N * sizeof(double));
	double *b = xmalloc(N * N * sizeof(double));
	double *c = xmalloc(N * N * sizeof(double));
	double trace = 0;

	for (size_t i = 0; i < N * N; i++) {
		a[i] = (double)(rng() % 1000) / 100.0 - 5.0;
		b[i] = (double)(rng() % 1000) / 100.0 - 5.0;
	}
	for (int r = 0; r < REPS; r++) {
		memset(c, 0, N * N * sizeof(double));
		for (size_t i = 0; i < N; i++)
			for (size_t k = 0; k < N; k++) {
				double aik = a[i * N + k];

				for (size_t j = 0; j < N; j++)
					c[i * N + j] += aik * b[k * N + j];
			}
		a[r] += c[r * N + r] * 1e-6;
	}
	for (size_t i = 0; i < N; i++)
		trace += c[i * N + i];
	free(a);
	free(b);
	free(c);
	return fold_double(trace);
}

static uint64_t k_nbody(void)
{
	enum { N = 48, STEPS = 6000 };
	double x[N], y[N], z[N], vx[N], vy[N], vz[N], m[N];
	double e = 0;

	for (int i = 0; i < N; i++) {
		x[i] = (double)(rng() % 2000) - 1000.0;
		y[i] = (double)(rng() % 2000) - 1000.0;
		z[i] = (double)(rng() % 2000) - 1000.0;
		vx[i] = vy[i] = vz[i] = 0;
		m[i] = 1.0 + (double)(rng() % 100) / 10.0;
	}
	for (int s = 0; s < STEPS; s++) {
		for (int i = 0; i < N; i++) {
			double ax = 0, ay = 0, az = 0;

			for (int j = 0; j < N; j++) {
				double dx = x[j] - x[i], dy = y[j] - y[i];
				double dz = z[j] - z[i];
				double d2 = dx * dx + dy * dy + dz * dz + 0.01;
				double inv = m[j] / (d2 * sqrt(d2));

				ax += dx * inv;
				ay += dy * inv;
				az += dz * inv;
			}
			vx[i] += ax * 0.01;
			vy[i] += ay * 0.01;
			vz[i] += az * 0.01;
		}
		for (int i = 0; i < N; i++) {
			x[i] += vx[i] * 0.01;
			y[i] += vy[i] * 0.01;
			z[i] += vz[i] * 0.01;
		}
	}
	for (int i = 0; i < N; i++)
		e += m[i] * (vx[i] * vx[i] + vy[i] * vy[i] + vz[i] * vz[i]);
	return fold_double(e);
}

static uint64_t k_fir(void)
{
	enum { N = 1 << 16, TAPS = 32, PASSES = 200 };
	float *in = xmalloc((N + TAPS) * sizeof(float));
	float *out = xmalloc(N * sizeof(float));
	float coef[TAPS], sum = 0;

	for (int i = 0; i < TAPS; i++)
		coef[i] = (float)((int)(rng() % 200) - 100) / 400.0f;
	for (int i = 0; i < N + TAPS; i++)
		in[i] = (float)((int)(rng() % 2000) - 1000) / 1000.0f;
	for (int p = 0; p < PASSES; p++) {
		for (int i = 0; i < N; i++) {
			float acc = 0;

			for (int k = 0; k < TAPS; k++)
				acc += coef[k] * in[i + k];
			out[i] = acc;
		}
		in[p] = out[p * 7] * 0.5f;
	}
	for (int i = 0; i < N; i += 97)
		sum += out[i];
	free(in);
	free(out);
	return fold_double((double)sum);
}

static const struct kernel {
	const char *name;
	uint64_t (*fn)(void);
} kernels[] = {
	{"crc", k_crc},	      {"sort", k_sort},	  {"hash", k_hash},
	{"stream", k_stream}, {"chase", k_chase}, {"matmul", k_matmul},
	{"nbody", k_nbody},   {"fir", k_fir},
};

#define NKERNELS (sizeof(kernels) / sizeof(kernels[0]))

int main(int argc, char **argv)
{
	uint64_t total = 0;

	for (size_t k = 0; k < NKERNELS; k++) {
		uint64_t t0, t1, sum;
		bool run = argc < 2;

		for (int a = 1; a < argc; a++)
			run |= !strcmp(argv[a], kernels[k].name);
		if (!run)
			continue;
		rng_state = 0x9e3779b97f4a7c15ull;
		t0 = now_ns();
		sum = kernels[k].fn();
		t1 = now_ns();
		total += t1 - t0;
		printf("%-7s %8.1f %016llx\n", kernels[k].name,
		       (double)(t1 - t0) / 1e6, (unsigned long long)sum);
		fflush(stdout);
	}
	printf("total   %8.1f\n", (double)total / 1e6);
	return 0;
}
