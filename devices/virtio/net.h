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
struct rec_writer;
struct rec_reader;

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
/*
 * Saving (see virtio_mmio_quiesce()): quiesce stops the device taking
 * buffers and waits for what it took; resume undoes it. The state is
 * the transport's record followed by one record "vnet"; loading happens
 * before the vCPUs run. 0, -errno, -EPROTO with the reader's error set.
 */
void vnet_quiesce(struct vnet *n);
void vnet_resume(struct vnet *n);
int vnet_save(struct vnet *n, struct rec_writer *w);
int vnet_load(struct vnet *n, struct rec_reader *r);
void vnet_reset(struct vnet *n);
const struct bus_dev *vnet_bus_dev(struct vnet *n);
/* Adds virtio_mmio@base below @parent (the /soc node). */
int vnet_fdt(struct vnet *n, void *fdt, int parent, uint32_t plic_phandle);

#endif
