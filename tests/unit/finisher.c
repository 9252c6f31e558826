// SPDX-License-Identifier: MIT
/* Unit tests for devices/finisher: the sifive,test1 values and FDT nodes. */
#include "devices/finisher.h"

#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "devices/bus.h"

static int failures;

#define CHECK(name, cond)                                              \
	do {                                                           \
		if (!(cond)) {                                         \
			printf("FAIL %s: %s (line %d)\n", name, #cond, \
			       __LINE__);                              \
			failures++;                                    \
			goto out;                                      \
		}                                                      \
	} while (0)

struct calls {
	int n;
	enum finisher_kind kind;
	int code;
};

static void report(void *opaque, enum finisher_kind kind, int code)
{
	struct calls *c = opaque;

	c->n++;
	c->kind = kind;
	c->code = code;
}

static void test_values(void)
{
	const char *name = "finisher_values";
	struct finisher *f = NULL;
	struct calls c = {0};
	struct bus bus;
	uint64_t v;

	bus_init(&bus);
	CHECK(name, finisher_create(&f, 0x100000, NULL, NULL) == -EINVAL);
	CHECK(name, finisher_create(&f, 0x100000, report, &c) == 0);
	CHECK(name, bus_add(&bus, finisher_bus_dev(f)) == 0);
	bus_freeze(&bus);

	CHECK(name, bus_write(&bus, 0x100000, 4, 0x5555) == 0);
	CHECK(name, c.n == 1 && c.kind == FINISHER_PASS && c.code == 0);
	CHECK(name, bus_write(&bus, 0x100000, 4, 0x3333 | (42 << 16)) == 0);
	CHECK(name, c.n == 2 && c.kind == FINISHER_FAIL && c.code == 42);
	CHECK(name, bus_write(&bus, 0x100000, 4, 0xffff3333) == 0);
	CHECK(name, c.n == 3 && c.kind == FINISHER_FAIL && c.code == 0xffff);
	CHECK(name, bus_write(&bus, 0x100000, 4, 0x7777) == 0);
	CHECK(name, c.n == 4 && c.kind == FINISHER_RESET);
	/* Anything else does nothing. */
	CHECK(name, bus_write(&bus, 0x100000, 4, 0x1234) == 0);
	CHECK(name, bus_write(&bus, 0x100000, 4, 0) == 0);
	CHECK(name, bus_write(&bus, 0x100004, 4, 0x5555) == 0);
	CHECK(name, c.n == 4);
	/* OpenSBI's 16-bit store; bytes are refused; reads give 0. */
	CHECK(name, bus_write(&bus, 0x100000, 2, 0x5555) == 0);
	CHECK(name, c.n == 5 && c.kind == FINISHER_PASS);
	CHECK(name, bus_write(&bus, 0x100002, 2, 0x5555) == 0);
	CHECK(name, c.n == 5);
	CHECK(name, bus_write(&bus, 0x100000, 1, 0x55) == -EFAULT);
	CHECK(name, bus_read(&bus, 0x100000, 4, &v) == 0 && v == 0);
	/* A 64-bit store splits: the low word decides. */
	CHECK(name, bus_write(&bus, 0x100000, 8, 0x5555) == 0);
	CHECK(name, c.n == 6 && c.kind == FINISHER_PASS);
	printf("ok %s\n", name);
out:
	bus_destroy(&bus);
	finisher_destroy(f);
}

static void test_fdt(void)
{
	const char *name = "finisher_fdt";
	static char buf[4096];
	struct finisher *f = NULL;
	struct calls c = {0};
	const fdt32_t *p;
	int soc, node, len, i;
	static const struct {
		const char *path, *compat;
		uint32_t value;
	} sc[] = {
		{"/poweroff", "syscon-poweroff", 0x5555},
		{"/reboot", "syscon-reboot", 0x7777},
	};

	CHECK(name, finisher_create(&f, 0x100000, report, &c) == 0);
	CHECK(name, fdt_create_empty_tree(buf, sizeof(buf)) == 0);
	/* /soc after other root children, as a machine builds it. */
	soc = fdt_add_subnode(buf, 0, "soc");
	CHECK(name, fdt_add_subnode(buf, 0, "chosen") >= 0);
	CHECK(name, fdt_add_subnode(buf, 0, "cpus") >= 0);
	soc = fdt_path_offset(buf, "/soc");
	CHECK(name, finisher_fdt(f, buf, soc, 8) == 0);
	CHECK(name, fdt_path_offset(buf, "/chosen/test@100000") < 0);
	CHECK(name, fdt_path_offset(buf, "/cpus/test@100000") < 0);
	node = fdt_path_offset(buf, "/soc/test@100000");
	CHECK(name, node >= 0 && fdt_get_phandle(buf, node) == 8);
	CHECK(name, !fdt_node_check_compatible(buf, node, "sifive,test1"));
	CHECK(name, !fdt_node_check_compatible(buf, node, "sifive,test0"));
	CHECK(name, !fdt_node_check_compatible(buf, node, "syscon"));
	p = fdt_getprop(buf, node, "reg", &len);
	CHECK(name, p && len == 16 && fdt32_to_cpu(p[1]) == 0x100000 &&
			    fdt32_to_cpu(p[3]) == 0x1000);
	for (i = 0; i < 2; i++) {
		node = fdt_path_offset(buf, sc[i].path);
		CHECK(name, node >= 0);
		CHECK(name,
		      !fdt_node_check_compatible(buf, node, sc[i].compat));
		p = fdt_getprop(buf, node, "regmap", &len);
		CHECK(name, p && len == 4 && fdt32_to_cpu(*p) == 8);
		p = fdt_getprop(buf, node, "offset", &len);
		CHECK(name, p && len == 4 && fdt32_to_cpu(*p) == 0);
		p = fdt_getprop(buf, node, "value", &len);
		CHECK(name, p && len == 4 && fdt32_to_cpu(*p) == sc[i].value);
	}
	printf("ok %s\n", name);
out:
	finisher_destroy(f);
}

int main(void)
{
	test_values();
	test_fdt();
	return failures ? 1 : 0;
}
