/* SPDX-License-Identifier: MIT */
/*
 * virtio-console (VirtIO spec "Device Types / Console Device", device ID
 * 3) on a virtio-mmio slot: one port, no multiport, a front end of a
 * character device. Output the guest queues on transmitq0 goes to the
 * back end on the notifying vCPU thread; input from the back end fills
 * the buffers the guest left in receiveq0.
 */
#ifndef HVRUN_VIRTIO_CONSOLE_H
#define HVRUN_VIRTIO_CONSOLE_H

#include <stdint.h>

#include "devices/bus.h"
#include "devices/chardev.h"
#include "devices/irq.h"
#include "base/guestmem.h"

#define VIRTIO_ID_CONSOLE 3

struct vcon;

/* @cd may be NULL (output dropped, no input); else vcon is its front end. */
int vcon_create(struct vcon **out, uint64_t base, struct irq_line irq,
		const struct guestmem *mem, struct chardev *cd);
void vcon_destroy(struct vcon *c);
void vcon_reset(struct vcon *c);
const struct bus_dev *vcon_bus_dev(struct vcon *c);
/* Adds virtio_mmio@base below @parent (the /soc node). */
int vcon_fdt(struct vcon *c, void *fdt, int parent, uint32_t plic_phandle);

#endif
