/* SPDX-License-Identifier: MIT */
/*
 * virtio-net (device ID 1) on a virtio-mmio slot: one receive and one
 * transmit queue, a MAC address and a link that is always up, no
 * offloads. It is the front end of a network back end (net/net.h).
 */
#ifndef HVRUN_VIRTIO_NET_H
#define HVRUN_VIRTIO_NET_H

#include <stdint.h>

#include "devices/bus.h"
#include "devices/irq.h"
#include "base/guestmem.h"

#define VIRTIO_ID_NET 1

struct net_backend;
struct vnet;

/*
 * The default MAC of the @index-th network device: 52:54:00:12:34:56
 * plus @index, locally administered, as QEMU numbers its NICs.
 */
void vnet_default_mac(uint8_t mac[6], unsigned index);

/*
 * Main thread, before the loop runs: attaches to @be as its front end.
 * Frames from the guest go to @be on the vCPU thread that notifies the
 * transmit queue; frames for the guest arrive on the main thread.
 */
int vnet_create(struct vnet **out, uint64_t base, struct irq_line irq,
		const struct guestmem *mem, struct net_backend *be,
		const uint8_t mac[6]);
/* Main thread, vCPUs stopped; destroy the device before its back end. */
void vnet_destroy(struct vnet *n);
void vnet_reset(struct vnet *n);
const struct bus_dev *vnet_bus_dev(struct vnet *n);
/* Adds virtio_mmio@base below @parent (the /soc node). */
int vnet_fdt(struct vnet *n, void *fdt, int parent, uint32_t plic_phandle);

#endif
