/* SPDX-License-Identifier: MIT */
/*
 * The MMIO bus: a sorted array of device windows, frozen before the vCPUs
 * start, so look-ups bisect without a lock. The bus splits an access wider
 * than a device's largest size into several, and refuses one narrower than
 * its smallest or not naturally aligned to the access size, so handlers
 * see only accesses they declared legal.
 */
#ifndef HVRUN_BUS_H
#define HVRUN_BUS_H

#include <stdbool.h>
#include <stdint.h>

struct bus_dev_ops {
	/* @off is relative to the device base; @size is 1, 2, 4 or 8. */
	uint64_t (*read)(void *opaque, uint64_t off, unsigned size);
	void (*write)(void *opaque, uint64_t off, uint64_t val, unsigned size);
	uint8_t min_size; /* smallest legal access, bytes */
	uint8_t max_size; /* largest legal access, bytes */
};

struct bus_dev {
	uint64_t base;
	uint64_t len;
	const char *name;
	const struct bus_dev_ops *ops;
	void *opaque;
};

struct bus {
	struct bus_dev *devs;
	unsigned count;
	unsigned cap;
	bool frozen;
};

void bus_init(struct bus *b);
void bus_destroy(struct bus *b);
/* -EBUSY if it overlaps a device already there, -EPERM once frozen. */
int bus_add(struct bus *b, const struct bus_dev *d);
void bus_freeze(struct bus *b);
const struct bus_dev *bus_find(const struct bus *b, uint64_t addr);

/*
 * 0 on success; -EFAULT when no device claims [addr, addr+size) or the
 * device refuses the size or alignment: the caller raises an access fault.
 */
int bus_read(const struct bus *b, uint64_t addr, unsigned size, uint64_t *val);
int bus_write(const struct bus *b, uint64_t addr, unsigned size, uint64_t val);

#endif
