// SPDX-License-Identifier: MIT
/* Unit tests for devices/bus: ordering, overlaps, sizes, splitting. */
#include "devices/bus.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static int failures;

#define CHECK(name, cond)                                              \
	do {                                                           \
		if (!(cond)) {                                         \
			printf("FAIL %s: %s (line %d)\n", name, #cond, \
			       __LINE__);                              \
			failures++;                                    \
			return;                                        \
		}                                                      \
	} while (0)

/* A device that records each access and serves bytes from a buffer. */
struct fake {
	uint8_t mem[64];
	struct {
		uint64_t off, val;
		unsigned size;
		int write;
	} log[16];
	int n;
};

static uint64_t fake_read(void *opaque, uint64_t off, unsigned size)
{
	struct fake *f = opaque;
	uint64_t v = 0;
	unsigned i;

	for (i = 0; i < size; i++)
		v |= (uint64_t)f->mem[off + i] << (8 * i);
	if (f->n < 16)
		f->log[f->n++] = (typeof(f->log[0])){off, v, size, 0};
	return v;
}

static void fake_write(void *opaque, uint64_t off, uint64_t val, unsigned size)
{
	struct fake *f = opaque;
	unsigned i;

	for (i = 0; i < size; i++)
		f->mem[off + i] = val >> (8 * i);
	if (f->n < 16)
		f->log[f->n++] = (typeof(f->log[0])){off, val, size, 1};
}

static const struct bus_dev_ops ops_1_1 = {fake_read, fake_write, 1, 1};
static const struct bus_dev_ops ops_4_4 = {fake_read, fake_write, 4, 4};
static const struct bus_dev_ops ops_2_8 = {fake_read, fake_write, 2, 8};

static void test_add_find(void)
{
	const char *name = "bus_add_find";
	struct fake a, b, c;
	struct bus bus;
	struct bus_dev da = {0x3000, 0x40, "a", &ops_1_1, &a};
	struct bus_dev db = {0x1000, 0x40, "b", &ops_4_4, &b};
	struct bus_dev dc = {0x2000, 0x40, "c", &ops_2_8, &c};
	struct bus_dev bad;

	bus_init(&bus);
	CHECK(name, bus_add(&bus, &da) == 0);
	CHECK(name, bus_add(&bus, &db) == 0);
	CHECK(name, bus_add(&bus, &dc) == 0);
	CHECK(name, bus.count == 3);
	CHECK(name, bus.devs[0].base == 0x1000 && bus.devs[1].base == 0x2000 &&
			    bus.devs[2].base == 0x3000);
	CHECK(name, bus_find(&bus, 0x0fff) == NULL);
	CHECK(name, bus_find(&bus, 0x1000)->opaque == &b);
	CHECK(name, bus_find(&bus, 0x103f)->opaque == &b);
	CHECK(name, bus_find(&bus, 0x1040) == NULL);
	CHECK(name, bus_find(&bus, 0x2020)->opaque == &c);
	CHECK(name, bus_find(&bus, 0x303f)->opaque == &a);
	CHECK(name, bus_find(&bus, 0x3040) == NULL);
	CHECK(name, bus_find(&bus, UINT64_MAX) == NULL);

	/* Overlaps on either side, inside and around. */
	bad = (struct bus_dev){0x0fc1, 0x40, "x", &ops_1_1, NULL};
	CHECK(name, bus_add(&bus, &bad) == -EBUSY);
	bad.base = 0x103f;
	CHECK(name, bus_add(&bus, &bad) == -EBUSY);
	bad.base = 0x1010;
	bad.len = 4;
	CHECK(name, bus_add(&bus, &bad) == -EBUSY);
	bad.base = 0x0;
	bad.len = 0x10000;
	CHECK(name, bus_add(&bus, &bad) == -EBUSY);
	/* Touching is not overlapping. */
	bad = (struct bus_dev){0x0fc0, 0x40, "x", &ops_1_1, NULL};
	CHECK(name, bus_add(&bus, &bad) == 0);
	bad.base = 0x1040;
	CHECK(name, bus_add(&bus, &bad) == 0);
	/* Empty or wrapping windows, odd sizes. */
	bad = (struct bus_dev){0x5000, 0, "x", &ops_1_1, NULL};
	CHECK(name, bus_add(&bus, &bad) == -EINVAL);
	bad = (struct bus_dev){UINT64_MAX - 4, 0x10, "x", &ops_1_1, NULL};
	CHECK(name, bus_add(&bus, &bad) == -EINVAL);
	bus_freeze(&bus);
	bad = (struct bus_dev){0x8000, 0x10, "x", &ops_1_1, NULL};
	CHECK(name, bus_add(&bus, &bad) == -EPERM);
	CHECK(name, bus.count == 5);
	bus_destroy(&bus);
	printf("ok %s\n", name);
}

static void test_many(void)
{
	const char *name = "bus_many_devices";
	struct bus bus;
	unsigned i;

	bus_init(&bus);
	/* Reverse order exercises insertion and growth of the array. */
	for (i = 100; i-- > 0;) {
		struct bus_dev d = {0x10000 + i * 0x1000, 0x100, "d", &ops_1_1,
				    (void *)(uintptr_t)(i + 1)};

		CHECK(name, bus_add(&bus, &d) == 0);
	}
	bus_freeze(&bus);
	for (i = 0; i < 100; i++) {
		uint64_t a = 0x10000 + i * 0x1000;

		CHECK(name, bus_find(&bus, a + 0x80)->opaque ==
				    (void *)(uintptr_t)(i + 1));
		CHECK(name, bus_find(&bus, a + 0x100) == NULL);
	}
	bus_destroy(&bus);
	printf("ok %s\n", name);
}

static void test_access(void)
{
	const char *name = "bus_access_sizes";
	struct fake a = {0}, b = {0}, c = {0};
	struct bus bus;
	struct bus_dev da = {0x3000, 0x40, "a", &ops_1_1, &a};
	struct bus_dev db = {0x1000, 0x40, "b", &ops_4_4, &b};
	struct bus_dev dc = {0x2000, 0x40, "c", &ops_2_8, &c};
	uint64_t v;
	int i;

	bus_init(&bus);
	bus_add(&bus, &da);
	bus_add(&bus, &db);
	bus_add(&bus, &dc);
	bus_freeze(&bus);
	for (i = 0; i < 64; i++)
		a.mem[i] = b.mem[i] = c.mem[i] = i;

	/* Nothing there. */
	CHECK(name, bus_read(&bus, 0x500, 4, &v) == -EFAULT);
	CHECK(name, bus_write(&bus, 0x500, 4, 0) == -EFAULT);
	/* Straddling the end of a window. */
	CHECK(name, bus_read(&bus, 0x103c, 8, &v) == -EFAULT);
	/* Illegal sizes. */
	CHECK(name, bus_read(&bus, 0x2000, 3, &v) == -EFAULT);
	CHECK(name, bus_read(&bus, 0x2000, 16, &v) == -EFAULT);
	CHECK(name, bus_read(&bus, 0x2000, 0, &v) == -EFAULT);
	/* Narrower than the device's smallest. */
	CHECK(name, bus_read(&bus, 0x1000, 2, &v) == -EFAULT);
	CHECK(name, bus_write(&bus, 0x1000, 1, 0) == -EFAULT);
	CHECK(name, bus_read(&bus, 0x2001, 1, &v) == -EFAULT);
	/* Misaligned. */
	CHECK(name, bus_read(&bus, 0x1002, 4, &v) == -EFAULT);
	CHECK(name, bus_read(&bus, 0x2004, 8, &v) == -EFAULT);
	CHECK(name, bus_read(&bus, 0x3001, 2, &v) == -EFAULT);
	CHECK(name, a.n == 0 && b.n == 0 && c.n == 0);

	/* Legal: passed through as is. */
	CHECK(name, bus_read(&bus, 0x2008, 8, &v) == 0);
	CHECK(name, v == 0x0f0e0d0c0b0a0908ULL);
	CHECK(name, c.n == 1 && c.log[0].off == 8 && c.log[0].size == 8);
	CHECK(name, bus_read(&bus, 0x2006, 2, &v) == 0 && v == 0x0706);

	/* Wider than the largest: split, little-endian, in order. */
	CHECK(name, bus_read(&bus, 0x1008, 8, &v) == 0);
	CHECK(name, v == 0x0f0e0d0c0b0a0908ULL);
	CHECK(name, b.n == 2 && b.log[0].off == 8 && b.log[1].off == 12 &&
			    b.log[0].size == 4 && b.log[1].size == 4);
	CHECK(name, bus_read(&bus, 0x3004, 4, &v) == 0 && v == 0x07060504);
	CHECK(name, a.n == 4 && a.log[3].off == 7 && a.log[3].size == 1);
	CHECK(name, bus_write(&bus, 0x3010, 2, 0xbeef) == 0);
	CHECK(name, a.mem[0x10] == 0xef && a.mem[0x11] == 0xbe);
	CHECK(name,
	      a.log[4].write && a.log[4].val == 0xef && a.log[5].val == 0xbe);
	CHECK(name, bus_write(&bus, 0x1010, 8, 0x1122334455667788ULL) == 0);
	CHECK(name, b.log[2].val == 0x55667788 && b.log[3].val == 0x11223344);
	CHECK(name, bus_read(&bus, 0x1010, 4, &v) == 0 && v == 0x55667788);
	/* A device returning junk above the access size is masked. */
	CHECK(name, bus_read(&bus, 0x103c, 4, &v) == 0 && v == 0x3f3e3d3c);
	bus_destroy(&bus);
	printf("ok %s\n", name);
}

int main(void)
{
	test_add_find();
	test_many();
	test_access();
	return failures ? 1 : 0;
}
