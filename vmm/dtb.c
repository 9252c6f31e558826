// SPDX-License-Identifier: MIT
#include "vmm/dtb.h"

#include <errno.h>
#include <fcntl.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#define DTB_CAP (64 * 1024)

/* libfdt errors are negative FDT_ERR_*; hvrun speaks -errno. */
static int fdt_rc(int rc)
{
	return rc < 0 ? (rc == -FDT_ERR_NOSPACE ? -ENOSPC : -EINVAL) : 0;
}

/* Sets a string-list property from a NULL-ended array. */
static int setprop_strings(void *fdt, int node, const char *name,
			   const char *const *list)
{
	char buf[1024];
	size_t len = 0;

	for (; *list; list++) {
		size_t n = strlen(*list) + 1;

		if (len + n > sizeof(buf))
			return -FDT_ERR_NOSPACE;
		memcpy(buf + len, *list, n);
		len += n;
	}
	return fdt_setprop(fdt, node, name, buf, len);
}

int dtb_init(struct dtb *d, const char *model)
{
	static const char *const compat[] = {"hvrun,virt", "riscv-virtio",
					     NULL};
	int soc, rc;

	memset(d, 0, sizeof(*d));
	d->cap = DTB_CAP;
	d->next_phandle = 1;
	d->fdt = calloc(1, d->cap);
	if (!d->fdt)
		return -ENOMEM;
	rc = fdt_create_empty_tree(d->fdt, d->cap);
	rc = rc ?: fdt_setprop_u32(d->fdt, 0, "#address-cells", 2);
	rc = rc ?: fdt_setprop_u32(d->fdt, 0, "#size-cells", 2);
	rc = rc ?: fdt_setprop_string(d->fdt, 0, "model", model);
	/* "riscv-virtio" lets firmware built for QEMU's virt board match. */
	rc = rc ?: setprop_strings(d->fdt, 0, "compatible", compat);
	if (rc)
		return fdt_rc(rc);
	soc = fdt_add_subnode(d->fdt, 0, "soc");
	if (soc < 0)
		return fdt_rc(soc);
	rc = fdt_setprop_u32(d->fdt, soc, "#address-cells", 2);
	rc = rc ?: fdt_setprop_u32(d->fdt, soc, "#size-cells", 2);
	rc = rc ?: fdt_setprop_string(d->fdt, soc, "compatible", "simple-bus");
	rc = rc ?: fdt_setprop(d->fdt, soc, "ranges", NULL, 0);
	return fdt_rc(rc);
}

void dtb_destroy(struct dtb *d)
{
	free(d->fdt);
	d->fdt = NULL;
}

uint32_t dtb_phandle(struct dtb *d)
{
	return d->next_phandle++;
}

int dtb_soc(struct dtb *d)
{
	return fdt_path_offset(d->fdt, "/soc");
}

static int add_cpu(struct dtb *d, int cpus, unsigned i,
		   const struct dtb_cpus *c)
{
	char name[32];
	int cpu, intc, rc;

	snprintf(name, sizeof(name), "cpu@%u", i);
	cpu = fdt_add_subnode(d->fdt, cpus, name);
	if (cpu < 0)
		return cpu;
	rc = fdt_setprop_string(d->fdt, cpu, "device_type", "cpu");
	rc = rc ?: fdt_setprop_u32(d->fdt, cpu, "reg", i);
	rc = rc ?: fdt_setprop_string(d->fdt, cpu, "compatible", "riscv");
	rc = rc ?: fdt_setprop_string(d->fdt, cpu, "status", "okay");
	rc = rc ?: fdt_setprop_string(d->fdt, cpu, "riscv,isa", c->isa);
	rc = rc ?: fdt_setprop_string(d->fdt, cpu, "riscv,isa-base", "rv64i");
	rc = rc
		     ?: setprop_strings(d->fdt, cpu, "riscv,isa-extensions",
					c->extensions);
	rc = rc ?: fdt_setprop_string(d->fdt, cpu, "mmu-type", c->mmu_type);
	if (!rc && c->cbom_block_size)
		rc = fdt_setprop_u32(d->fdt, cpu, "riscv,cbom-block-size",
				     c->cbom_block_size);
	if (!rc && c->cboz_block_size)
		rc = fdt_setprop_u32(d->fdt, cpu, "riscv,cboz-block-size",
				     c->cboz_block_size);
	if (!rc && c->cbop_block_size)
		rc = fdt_setprop_u32(d->fdt, cpu, "riscv,cbop-block-size",
				     c->cbop_block_size);
	if (rc)
		return rc;
	intc = fdt_add_subnode(d->fdt, cpu, "interrupt-controller");
	if (intc < 0)
		return intc;
	d->intc[i] = dtb_phandle(d);
	rc = fdt_setprop_u32(d->fdt, intc, "#interrupt-cells", 1);
	rc = rc ?: fdt_setprop_u32(d->fdt, intc, "#address-cells", 0);
	rc = rc ?: fdt_setprop(d->fdt, intc, "interrupt-controller", NULL, 0);
	rc = rc
		     ?: fdt_setprop_string(d->fdt, intc, "compatible",
					   "riscv,cpu-intc");
	rc = rc ?: fdt_setprop_u32(d->fdt, intc, "phandle", d->intc[i]);
	return rc;
}

int dtb_add_cpus(struct dtb *d, const struct dtb_cpus *c)
{
	int cpus, map, cluster, rc;

	if (c->count == 0 || c->count > DTB_MAX_CPUS)
		return -EINVAL;
	cpus = fdt_add_subnode(d->fdt, 0, "cpus");
	if (cpus < 0)
		return fdt_rc(cpus);
	rc = fdt_setprop_u32(d->fdt, cpus, "#address-cells", 1);
	rc = rc ?: fdt_setprop_u32(d->fdt, cpus, "#size-cells", 0);
	rc = rc
		     ?: fdt_setprop_u32(d->fdt, cpus, "timebase-frequency",
					c->timebase_hz);
	if (rc)
		return fdt_rc(rc);
	/* libfdt adds subnodes in front: add in reverse to read cpu@0 first. */
	for (unsigned i = c->count; i-- > 0;) {
		rc = add_cpu(d, cpus, i, c);
		if (rc)
			return fdt_rc(rc);
	}
	/* cpu-map: one cluster, one core per hart, as QEMU's virt board. */
	map = fdt_add_subnode(d->fdt, cpus, "cpu-map");
	if (map < 0)
		return fdt_rc(map);
	cluster = fdt_add_subnode(d->fdt, map, "cluster0");
	if (cluster < 0)
		return fdt_rc(cluster);
	for (unsigned i = c->count; i-- > 0;) {
		char name[32];
		int core, cpu;

		snprintf(name, sizeof(name), "core%u", i);
		core = fdt_add_subnode(d->fdt, cluster, name);
		if (core < 0)
			return fdt_rc(core);
		snprintf(name, sizeof(name), "/cpus/cpu@%u", i);
		cpu = fdt_path_offset(d->fdt, name);
		if (cpu < 0)
			return fdt_rc(cpu);
		rc = fdt_setprop_u32(d->fdt, cpu, "phandle", dtb_phandle(d));
		rc = rc
			     ?: fdt_setprop_u32(d->fdt, core, "cpu",
						fdt_get_phandle(d->fdt, cpu));
		if (rc)
			return fdt_rc(rc);
	}
	return 0;
}

int dtb_add_memory(struct dtb *d, uint64_t base, uint64_t size)
{
	char name[32];
	fdt64_t reg[2] = {cpu_to_fdt64(base), cpu_to_fdt64(size)};
	int node, rc;

	snprintf(name, sizeof(name), "memory@%llx", (unsigned long long)base);
	node = fdt_add_subnode(d->fdt, 0, name);
	if (node < 0)
		return fdt_rc(node);
	rc = fdt_setprop_string(d->fdt, node, "device_type", "memory");
	rc = rc ?: fdt_setprop(d->fdt, node, "reg", reg, sizeof(reg));
	return fdt_rc(rc);
}

int dtb_add_chosen(struct dtb *d, const char *bootargs, const char *stdout_path,
		   uint64_t initrd_start, uint64_t initrd_end)
{
	uint8_t seed[64];
	int node, rc = 0;

	node = fdt_add_subnode(d->fdt, 0, "chosen");
	if (node < 0)
		return fdt_rc(node);
	if (bootargs)
		rc = fdt_setprop_string(d->fdt, node, "bootargs", bootargs);
	if (!rc && stdout_path)
		rc = fdt_setprop_string(d->fdt, node, "stdout-path",
					stdout_path);
	if (!rc && initrd_end > initrd_start) {
		rc = fdt_setprop_u64(d->fdt, node, "linux,initrd-start",
				     initrd_start);
		rc = rc
			     ?: fdt_setprop_u64(d->fdt, node,
						"linux,initrd-end", initrd_end);
	}
	/* Early entropy for the guest kernel, as QEMU gives it. */
	if (!rc && getrandom(seed, sizeof(seed), GRND_NONBLOCK) ==
			   (ssize_t)sizeof(seed))
		rc = fdt_setprop(d->fdt, node, "rng-seed", seed, sizeof(seed));
	return fdt_rc(rc);
}

int dtb_add_pmu(struct dtb *d, const uint32_t *events, uint32_t counters)
{
	fdt32_t sel[16 * 3], map[16 * 3];
	unsigned ns = 0, nm = 0;
	int node, rc;

	node = fdt_add_subnode(d->fdt, 0, "pmu");
	if (node < 0)
		return fdt_rc(node);
	for (unsigned i = 0; i < 16 && events[i]; i++) {
		uint32_t e = events[i];

		/*
		 * OpenSBI takes cycles and instructions on the fixed
		 * counters alone (older versions insist on exactly those),
		 * and no other event on counters 0 to 2.
		 */
		map[nm++] = cpu_to_fdt32(e);
		map[nm++] = cpu_to_fdt32(e);
		map[nm++] = cpu_to_fdt32(e == 1	  ? 1u << 0
					 : e == 2 ? 1u << 2
						  : counters & ~7u);
		if (e == 1 || e == 2)
			continue;
		sel[ns++] = cpu_to_fdt32(e);
		sel[ns++] = cpu_to_fdt32(0);
		sel[ns++] = cpu_to_fdt32(e);
	}
	rc = fdt_setprop_string(d->fdt, node, "compatible", "riscv,pmu");
	if (!rc && ns)
		rc = fdt_setprop(d->fdt, node, "riscv,event-to-mhpmevent", sel,
				 ns * sizeof(sel[0]));
	if (!rc && nm)
		rc = fdt_setprop(d->fdt, node, "riscv,event-to-mhpmcounters",
				 map, nm * sizeof(map[0]));
	return fdt_rc(rc);
}

int dtb_finish(struct dtb *d)
{
	return fdt_rc(fdt_pack(d->fdt));
}

int dtb_write(const struct dtb *d, const char *path)
{
	size_t len = fdt_totalsize(d->fdt), off = 0;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0)
		return -errno;
	while (off < len) {
		ssize_t n = write(fd, (char *)d->fdt + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = -errno;

			close(fd);
			return err;
		}
		off += n;
	}
	return close(fd) ? -errno : 0;
}
