/* SPDX-License-Identifier: MIT */
/*
 * virtio-rng (VirtIO spec "Device Types / Entropy Device", device ID 4)
 * on a virtio-mmio slot. Its one queue is filled from the host's
 * getrandom() on the vCPU thread that notifies it.
 */
#ifndef HVRUN_VIRTIO_RNG_H
#define HVRUN_VIRTIO_RNG_H

#include <stdint.h>

#include "devices/bus.h"
#include "devices/irq.h"
#include "base/guestmem.h"

#define VIRTIO_ID_RNG 4

struct vrng;
struct rec_writer;
struct rec_reader;

int vrng_create(struct vrng **out, uint64_t base, struct irq_line irq,
		const struct guestmem *mem);
void vrng_destroy(struct vrng *r);
/*
 * Saving (see virtio_mmio_quiesce()): quiesce stops the device taking
 * buffers and waits for what it took; resume undoes it. The state is
 * the transport's record followed by one record "vrng"; loading happens
 * before the vCPUs run. 0, -errno, -EPROTO with the reader's error set.
 */
void vrng_quiesce(struct vrng *r);
void vrng_resume(struct vrng *r);
int vrng_save(struct vrng *r, struct rec_writer *w);
int vrng_load(struct vrng *r, struct rec_reader *rd);
void vrng_reset(struct vrng *r);
const struct bus_dev *vrng_bus_dev(struct vrng *r);
/* Adds virtio_mmio@base below @parent (the /soc node). */
int vrng_fdt(struct vrng *r, void *fdt, int parent, uint32_t plic_phandle);

#endif
