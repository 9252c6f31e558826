/*
 * Plain C loops for a compiler to vectorise: tests/vector/vector.test
 * builds this file twice, for RV64GC and, auto-vectorised, for RV64GCV,
 * runs both in the guest and wants the same output from each. Lengths
 * are odd, so every loop ends in a partial vector; the loops cover
 * element-wise integer and floating-point arithmetic, conversions,
 * narrowing and widening, conditionals (masked code), reductions, strided
 * and indexed access, byte strings and in-place updates.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define N 1027

static uint64_t rng = 0x243f6a8885a308d3ull;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 11);
}

static uint64_t hash(const void *p, size_t n)
{
	const unsigned char *b = p;
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ull;
	return h;
}

#define OUT(name, arr)                  \
	printf("%-10s %016llx\n", name, \
	       (unsigned long long)hash(arr, sizeof(arr)))

static int8_t i8a[N], i8b[N], i8c[N];
static uint8_t u8a[N], u8b[N];
static int16_t i16a[N], i16b[N], i16c[N];
static int32_t i32a[N], i32b[N], i32c[N];
static uint32_t u32a[N], u32b[N], u32c[N];
static int64_t i64a[N], i64b[N], i64c[N];
static float fa[N], fb[N], fc[N];
static double da[N], db[N], dc[N];
static uint32_t idx[N];
static char text[N + 1], up[N + 1];

struct point {
	int32_t x, y, z;
};
static struct point pts[N];

__attribute__((noinline)) static void int_ops(void)
{
	for (int i = 0; i < N; i++)
		i32c[i] = i32a[i] * 3 + (i32b[i] >> 2) - (i32a[i] & i32b[i]);
	OUT("i32 arith", i32c);
	for (int i = 0; i < N; i++)
		u32c[i] =
			((u32a[i] << 3) ^ (u32b[i] >> 5)) | (u32a[i] % 7 == 0);
	OUT("u32 shifts", u32c);
	for (int i = 0; i < N; i++)
		i64c[i] = i64a[i] * i64b[i] + (i64a[i] >> 7);
	OUT("i64 mul", i64c);
	for (int i = 0; i < N; i++)
		i16c[i] = (int16_t)(i16a[i] * i16b[i] + 5);
	OUT("i16 mul", i16c);
	for (int i = 0; i < N; i++)
		i8c[i] = (int8_t)(i8a[i] + i8b[i] * 2);
	OUT("i8 add", i8c);
	for (int i = 0; i < N; i++)
		i32c[i] = i32b[i] != 0 ? i32a[i] / (i32b[i] | 1) : -1;
	OUT("i32 div", i32c);
	for (int i = 0; i < N; i++)
		u32c[i] = u32a[i] > u32b[i] ? u32a[i] - u32b[i]
					    : u32b[i] - u32a[i];
	OUT("u32 absdif", u32c);
}

__attribute__((noinline)) static void minmax_ops(void)
{
	for (int i = 0; i < N; i++) {
		int32_t m = i32a[i] < i32b[i] ? i32a[i] : i32b[i];
		i32c[i] = m > -1000 ? m : -1000;
	}
	OUT("i32 clamp", i32c);
	for (int i = 0; i < N; i++) {
		int v = u8a[i] + u8b[i];
		u8a[i] = (uint8_t)(v > 255 ? 255 : v);
	}
	OUT("u8 satadd", u8a);
	for (int i = 0; i < N; i++)
		i64c[i] = i64a[i] < 0 ? -i64a[i] : i64a[i];
	OUT("i64 abs", i64c);
}

__attribute__((noinline)) static void widen_narrow(void)
{
	for (int i = 0; i < N; i++)
		i32c[i] = (int32_t)i16a[i] * i16b[i];
	OUT("i16>i32", i32c);
	for (int i = 0; i < N; i++)
		i64c[i] = (int64_t)i32a[i] + i32b[i];
	OUT("i32>i64", i64c);
	for (int i = 0; i < N; i++)
		i8c[i] = (int8_t)(i32a[i] >> 24);
	OUT("i32>i8", i8c);
	for (int i = 0; i < N; i++)
		i16c[i] = (int16_t)(u8a[i] * 3 - u8b[i]);
	OUT("u8>i16", i16c);
}

__attribute__((noinline)) static void fp_ops(void)
{
	for (int i = 0; i < N; i++)
		fc[i] = fa[i] * fb[i] + fa[i] / (fb[i] + 3.0f);
	OUT("f32 arith", fc);
	for (int i = 0; i < N; i++)
		dc[i] = da[i] * 1.5 - db[i] * da[i];
	OUT("f64 arith", dc);
	for (int i = 0; i < N; i++)
		dc[i] = sqrt(fabs(da[i]));
	OUT("f64 sqrt", dc);
	for (int i = 0; i < N; i++)
		fc[i] = fa[i] > fb[i] ? fa[i] : -fb[i];
	OUT("f32 select", fc);
	for (int i = 0; i < N; i++)
		fc[i] = fminf(fa[i], fb[i]) + fmaxf(fa[i], 0.5f);
	OUT("f32 minmax", fc);
	for (int i = 0; i < N; i++)
		dc[i] = (double)fa[i] * fb[i];
	OUT("f32>f64", dc);
	for (int i = 0; i < N; i++)
		fc[i] = (float)(da[i] + db[i]);
	OUT("f64>f32", fc);
	for (int i = 0; i < N; i++)
		i32c[i] = (int32_t)(fa[i] * 100.0f);
	OUT("f32>i32", i32c);
	for (int i = 0; i < N; i++)
		dc[i] = (double)i64a[i] / 8.0;
	OUT("i64>f64", dc);
}

__attribute__((noinline)) static void reductions(void)
{
	int64_t s64 = 0;
	int32_t s32 = 0, mx = INT32_MIN;
	uint32_t x = 0;
	int cnt = 0;
	double d = 0;

	for (int i = 0; i < N; i++)
		s32 += i32a[i];
	for (int i = 0; i < N; i++)
		s64 += (int64_t)i32a[i] * i32b[i];
	for (int i = 0; i < N; i++)
		mx = i32a[i] > mx ? i32a[i] : mx;
	for (int i = 0; i < N; i++)
		x ^= u32a[i];
	for (int i = 0; i < N; i++)
		cnt += u8b[i] > 100;
	for (int i = 0; i < N; i++)
		d += da[i]; /* in order: the compiler may not reassociate */
	printf("%-10s %d %lld %d %u %d %a\n", "reduce", s32, (long long)s64, mx,
	       x, cnt, d);
}

__attribute__((noinline)) static void memory_ops(void)
{
	for (int i = 0; i < N; i++)
		i32c[i] = pts[i].x + pts[i].y * 2 - pts[i].z;
	OUT("stride3", i32c);
	for (int i = 0; i < N; i++) {
		pts[i].x = i32a[i];
		pts[i].z = i32b[i];
	}
	OUT("stride st", pts);
	for (int i = 0; i < N; i++)
		u32c[i] = u32a[idx[i]];
	OUT("gather", u32c);
	for (int i = 0; i < N; i++)
		u32b[idx[i]] = (uint32_t)i;
	OUT("scatter", u32b);
	for (int i = 0; i < N; i++)
		i64c[i] = i64a[N - 1 - i];
	OUT("reverse", i64c);
	for (int i = 1; i < N; i++)
		fc[i] = fa[i - 1] + fa[i];
	OUT("neighbour", fc);
	memmove(i16c + 3, i16c, sizeof(i16c) - 6);
	OUT("memmove", i16c);
	for (int i = 0; i < N; i++)
		i8c[i] = i8a[i] > 0 ? i8a[i] : i8c[i];
	OUT("cond st", i8c);
}

__attribute__((noinline)) static void text_ops(void)
{
	for (int i = 0; i < N; i++)
		up[i] = text[i] >= 'a' && text[i] <= 'z' ? text[i] - 32
							 : text[i];
	up[N] = 0;
	OUT("toupper", up);
	int n = 0;

	for (int i = 0; i < N; i++)
		n += text[i] == ' ';
	printf("%-10s %d %zu\n", "spaces", n, strlen(up));
}

int main(void)
{
	for (int i = 0; i < N; i++) {
		i8a[i] = (int8_t)rnd(), i8b[i] = (int8_t)rnd();
		u8a[i] = (uint8_t)rnd(), u8b[i] = (uint8_t)rnd();
		i16a[i] = (int16_t)rnd(), i16b[i] = (int16_t)rnd();
		i32a[i] = (int32_t)rnd(), i32b[i] = (int32_t)rnd() % 100000;
		u32a[i] = rnd(), u32b[i] = rnd();
		i64a[i] = (int64_t)((uint64_t)rnd() << 32 | rnd());
		i64b[i] = (int32_t)rnd();
		fa[i] = (float)(int32_t)rnd() / 65536.0f;
		fb[i] = (float)(rnd() % 20000) / 128.0f;
		da[i] = (double)(int32_t)rnd() / 3.0;
		db[i] = (double)rnd() / 7.0;
		idx[i] = rnd() % N;
		text[i] = rnd() % 5 == 0 ? ' ' : (char)('A' + rnd() % 58);
		pts[i].x = (int32_t)rnd(), pts[i].y = (int32_t)rnd();
		pts[i].z = (int32_t)rnd();
	}
	int_ops();
	minmax_ops();
	widen_narrow();
	fp_ops();
	reductions();
	memory_ops();
	text_ops();
	return 0;
}
