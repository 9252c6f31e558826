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
struct rec_writer;
struct rec_reader;

/* @cd may be NULL (output dropped, no input); else vcon is its front end. */
int vcon_create(struct vcon **out, uint64_t base, struct irq_line irq,
		const struct guestmem *mem, struct chardev *cd);
void vcon_destroy(struct vcon *c);
/*
 * Saving (see virtio_mmio_quiesce()): quiesce stops the device taking
 * buffers and waits for what it took; resume undoes it. The state is
 * the transport's record followed by one record "vcon"; loading happens
 * before the vCPUs run. 0, -errno, -EPROTO with the reader's error set.
 */
void vcon_quiesce(struct vcon *c);
void vcon_resume(struct vcon *c);
int vcon_save(struct vcon *c, struct rec_writer *w);
int vcon_load(struct vcon *c, struct rec_reader *r);
void vcon_reset(struct vcon *c);
const struct bus_dev *vcon_bus_dev(struct vcon *c);
/* Adds virtio_mmio@base below @parent (the /soc node). */
int vcon_fdt(struct vcon *c, void *fdt, int parent, uint32_t plic_phandle);

#endif
