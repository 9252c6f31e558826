// SPDX-License-Identifier: MIT
/*
 * SiFive test finisher ("sifive,test0"/"sifive,test1", as on QEMU's virt
 * board): a write at offset 0 of 0x5555 passes, 0x3333 with an exit code
 * in bits 31:16 fails, 0x7777 resets; other values do nothing. 16-bit
 * writes count too: OpenSBI's driver powers off with one. Linux
 * reaches it through the "syscon-poweroff" and "syscon-reboot" bindings
 * (Documentation/devicetree/bindings/power/reset/syscon-*.yaml).
 */
#include "devices/finisher.h"

#include <errno.h>
#include <stdlib.h>

#include "devices/devfdt.h"
#include "base/record.h"

#define FINISHER_FAIL_VAL 0x3333
#define FINISHER_PASS_VAL 0x5555
#define FINISHER_RESET_VAL 0x7777

/* Nothing here changes after create, so the handlers need no lock. */
struct finisher {
	struct bus_dev dev;
	void (*fn)(void *opaque, enum finisher_kind kind, int code);
	void *opaque;
};

static uint64_t finisher_read(void *opaque, uint64_t off, unsigned size)
{
	return 0;
}

static void finisher_write(void *opaque, uint64_t off, uint64_t val,
			   unsigned size)
{
	struct finisher *f = opaque;

	if (off != 0)
		return;
	switch (val & 0xffff) {
	case FINISHER_PASS_VAL:
		f->fn(f->opaque, FINISHER_PASS, 0);
		break;
	case FINISHER_FAIL_VAL:
		f->fn(f->opaque, FINISHER_FAIL, (val >> 16) & 0xffff);
		break;
	case FINISHER_RESET_VAL:
		f->fn(f->opaque, FINISHER_RESET, 0);
		break;
	}
}

static const struct bus_dev_ops finisher_ops = {
	.read = finisher_read,
	.write = finisher_write,
	.min_size = 2,
	.max_size = 4,
};

void finisher_reset(struct finisher *f)
{
}

int finisher_save(struct finisher *f, struct rec_writer *w)
{
	rec_begin(w, "finisher", 1);
	return rec_end(w);
}

int finisher_load(struct finisher *f, struct rec_reader *r)
{
	struct rec rec;

	return rec_next(r, "finisher", 1, &rec);
}

int finisher_create(struct finisher **out, uint64_t base,
		    void (*fn)(void *opaque, enum finisher_kind kind, int code),
		    void *opaque)
{
	struct finisher *f;

	if (!fn)
		return -EINVAL;
	f = calloc(1, sizeof(*f));
	if (!f)
		return -ENOMEM;
	f->fn = fn;
	f->opaque = opaque;
	f->dev = (struct bus_dev){
		.base = base,
		.len = FINISHER_SIZE,
		.name = "finisher",
		.ops = &finisher_ops,
		.opaque = f,
	};
	*out = f;
	return 0;
}

void finisher_destroy(struct finisher *f)
{
	free(f);
}

const struct bus_dev *finisher_bus_dev(struct finisher *f)
{
	return &f->dev;
}

static int syscon_node(void *fdt, const char *name, const char *compat,
		       uint32_t phandle, uint32_t value)
{
	int node, err;

	node = fdt_add_subnode(fdt, 0, name);
	if (node < 0)
		return node;
	err = fdt_setprop_u32(fdt, node, "value", value);
	if (!err)
		err = fdt_setprop_u32(fdt, node, "offset", 0);
	if (!err)
		err = fdt_setprop_u32(fdt, node, "regmap", phandle);
	if (!err)
		err = fdt_setprop_string(fdt, node, "compatible", compat);
	return err;
}

int finisher_fdt(struct finisher *f, void *fdt, int parent, uint32_t phandle)
{
	static const char compat[] = "sifive,test1\0sifive,test0\0syscon";
	char path[256];
	int node, err;

	/*
	 * A new node goes in as its parent's first child, so the root's
	 * children move: find @parent again by its path afterwards.
	 */
	err = fdt_get_path(fdt, parent, path, sizeof(path));
	if (!err)
		err = syscon_node(fdt, "poweroff", "syscon-poweroff", phandle,
				  FINISHER_PASS_VAL);
	if (!err)
		err = syscon_node(fdt, "reboot", "syscon-reboot", phandle,
				  FINISHER_RESET_VAL);
	if (err)
		return devfdt_err(err);
	parent = fdt_path_offset(fdt, path);
	if (parent < 0)
		return devfdt_err(parent);

	node = devfdt_node(fdt, parent, "test", f->dev.base);
	if (node < 0)
		return devfdt_err(node);
	err = fdt_setprop_u32(fdt, node, "phandle", phandle);
	if (!err)
		err = devfdt_reg(fdt, node, f->dev.base, f->dev.len);
	if (!err)
		err = fdt_setprop(fdt, node, "compatible", compat,
				  sizeof(compat));
	return devfdt_err(err);
}
