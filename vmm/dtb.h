/* SPDX-License-Identifier: MIT */
/*
 * The guest's device tree, built with libfdt's read-write API: the root,
 * /cpus, /memory, /chosen and /soc here; each device adds its own node
 * under /soc. Follows the devicetree specification v0.4 and the Linux
 * RISC-V bindings (riscv/cpus.yaml).
 */
#ifndef HVRUN_DTB_H
#define HVRUN_DTB_H

#include <stddef.h>
#include <stdint.h>

#define DTB_MAX_CPUS 64

struct dtb {
	void *fdt;
	size_t cap;
	uint32_t next_phandle;
	uint32_t intc
		[DTB_MAX_CPUS]; /* phandles of the harts' interrupt controllers */
};

struct dtb_cpus {
	unsigned count;
	const char *isa;	       /* riscv,isa, e.g. "rv64imafdc_zicsr" */
	const char *const *extensions; /* riscv,isa-extensions, NULL-ended */
	const char *mmu_type;	       /* "riscv,sv57" */
	uint32_t timebase_hz;
	uint32_t cbom_block_size; /* 0 when Zicbom is absent */
	uint32_t cboz_block_size; /* 0 when Zicboz is absent */
	uint32_t cbop_block_size; /* 0 when Zicbop is absent */
};

int dtb_init(struct dtb *d, const char *model);
void dtb_destroy(struct dtb *d);
uint32_t dtb_phandle(struct dtb *d);
/*
 * The offset of /soc, where devices add their nodes. Looked up each time:
 * adding any node before it moves it.
 */
int dtb_soc(struct dtb *d);
int dtb_add_cpus(struct dtb *d, const struct dtb_cpus *c);
int dtb_add_memory(struct dtb *d, uint64_t base, uint64_t size);
int dtb_add_chosen(struct dtb *d, const char *bootargs, const char *stdout_path,
		   uint64_t initrd_start, uint64_t initrd_end);
/*
 * /pmu (OpenSBI's riscv,pmu binding) for firmware: @events (SBI PMU
 * event_idx values, 0-ended) are written to mhpmevent as themselves and
 * count on the hpm counters of @counters; cycles and instructions on
 * mcycle and minstret.
 */
int dtb_add_pmu(struct dtb *d, const uint32_t *events, uint32_t counters);
/* Packs the tree; d->fdt then holds fdt_totalsize() bytes. */
int dtb_finish(struct dtb *d);
/* Writes the finished tree to @path. */
int dtb_write(const struct dtb *d, const char *path);

#endif
