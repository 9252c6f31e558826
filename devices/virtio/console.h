/* SPDX-License-Identifier: MIT */
/*
 * virtio-console (VirtIO spec "Device Types / Console Device", device ID
 * 3) on a virtio-mmio slot, with one or more ports, each the front end of
 * a character device. Port 0 is the console (hvc0 in a Linux guest);
 * further ports are named generic ports (/dev/vportNpM, with the name in
 * /sys/class/virtio-ports/vportNpM/name).
 *
 * Output the guest queues on a port's transmitq goes to its back end on
 * the notifying vCPU thread. Input from a back end fills the buffers the
 * guest left in the port's receiveq, and only once the guest has the
 * port open (VIRTIO_CONSOLE_PORT_OPEN), so nothing sent early is lost.
 */
#ifndef HVRUN_VIRTIO_CONSOLE_H
#define HVRUN_VIRTIO_CONSOLE_H

#include <stdbool.h>
#include <stdint.h>

#include "base/guestmem.h"
#include "devices/bus.h"
#include "devices/chardev.h"
#include "devices/irq.h"

#define VIRTIO_ID_CONSOLE 3
#define VCON_MAX_PORTS 4
#define VCON_NAME_MAX 63

struct vcon;
struct rec_writer;
struct rec_reader;

struct vcon_port_config {
	/* NULL: output dropped, no input; else the port is its front end. */
	struct chardev *cd;
	/* Port 1 and up: the name the guest sees (required). */
	const char *name;
};

/* @nports (1 to VCON_MAX_PORTS) ports; port 0 is the console. */
int vcon_create(struct vcon **out, uint64_t base, struct irq_line irq,
		const struct guestmem *mem,
		const struct vcon_port_config *ports, unsigned nports);
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
