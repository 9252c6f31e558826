/* SPDX-License-Identifier: MIT */
/*
 * What every device does to write its FDT node with libfdt's
 * read-write API. The machine makes /soc with #address-cells = <2> and
 * #size-cells = <2>, as QEMU's virt board does, so reg is four cells.
 */
#ifndef HVRUN_DEVFDT_H
#define HVRUN_DEVFDT_H

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include <libfdt.h>

/* A libfdt error as a negative errno. */
static inline int devfdt_err(int err)
{
	if (err >= 0)
		return 0;
	return err == -FDT_ERR_NOSPACE ? -ENOSPC : -EINVAL;
}

/* Adds "NAME@BASE" (BASE in hex) below @parent: its offset, or an error. */
static inline int devfdt_node(void *fdt, int parent, const char *name,
			      uint64_t base)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%s@%" PRIx64, name, base);
	return fdt_add_subnode(fdt, parent, buf);
}

static inline int devfdt_reg(void *fdt, int node, uint64_t base, uint64_t len)
{
	fdt32_t reg[4] = {
		cpu_to_fdt32(base >> 32),
		cpu_to_fdt32(base),
		cpu_to_fdt32(len >> 32),
		cpu_to_fdt32(len),
	};

	return fdt_setprop(fdt, node, "reg", reg, sizeof(reg));
}

#endif
