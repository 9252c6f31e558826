/* SPDX-License-Identifier: MIT */
/*
 * The virtio-mmio transport, version 2 only (VirtIO spec "Virtio Over
 * MMIO"), written once for every device type. A device type supplies a
 * const ops table; the transport owns the registers, feature negotiation,
 * the device status, the queues and the interrupt line.
 *
 * Threads: register accesses come from vCPU threads, several at once;
 * the ops' notify is called on the accessing vCPU thread. The device may
 * pop and push from any thread; one lock a transport serialises them.
 */
#ifndef HVRUN_VIRTIO_MMIO_H
#define HVRUN_VIRTIO_MMIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/bus.h"
#include "devices/irq.h"
#include "devices/virtio/virtq.h"
#include "base/guestmem.h"

/* The slots of the QEMU-compatible memory map, and their PLIC lines. */
#define VIRTIO_MMIO_SLOTS 8
#define VIRTIO_MMIO_SIZE 0x1000
#define VIRTIO_MMIO_BASE(i) (0x10001000ull + VIRTIO_MMIO_SIZE * (i))
#define VIRTIO_MMIO_IRQ(i) (1u + (i))

/*
 * VendorID: "hvrn" in little-endian bytes. Linux matches virtio-mmio
 * drivers on any vendor, so this only tells a curious driver who we are.
 */
#define VIRTIO_MMIO_VENDOR 0x6e727668u

/* Device status bits ("Device Status Field"). */
#define VIRTIO_STATUS_ACKNOWLEDGE 1
#define VIRTIO_STATUS_DRIVER 2
#define VIRTIO_STATUS_DRIVER_OK 4
#define VIRTIO_STATUS_FEATURES_OK 8
#define VIRTIO_STATUS_NEEDS_RESET 64
#define VIRTIO_STATUS_FAILED 128

/* Device-independent feature bits ("Reserved Feature Bits"). */
#define VIRTIO_F_INDIRECT_DESC 28
#define VIRTIO_F_EVENT_IDX 29
#define VIRTIO_F_VERSION_1 32

/* InterruptStatus bits. */
#define VIRTIO_INT_USED 1
#define VIRTIO_INT_CONFIG 2

/* Register offsets ("MMIO Device Register Layout"). */
#define VIRTIO_MMIO_MAGIC_VALUE 0x000
#define VIRTIO_MMIO_VERSION 0x004
#define VIRTIO_MMIO_DEVICE_ID 0x008
#define VIRTIO_MMIO_VENDOR_ID 0x00c
#define VIRTIO_MMIO_DEVICE_FEATURES 0x010
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL 0x014
#define VIRTIO_MMIO_DRIVER_FEATURES 0x020
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL 0x024
#define VIRTIO_MMIO_QUEUE_SEL 0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX 0x034
#define VIRTIO_MMIO_QUEUE_NUM 0x038
#define VIRTIO_MMIO_QUEUE_READY 0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY 0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS 0x060
#define VIRTIO_MMIO_INTERRUPT_ACK 0x064
#define VIRTIO_MMIO_STATUS 0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW 0x080
#define VIRTIO_MMIO_QUEUE_DESC_HIGH 0x084
#define VIRTIO_MMIO_QUEUE_DRIVER_LOW 0x090
#define VIRTIO_MMIO_QUEUE_DRIVER_HIGH 0x094
#define VIRTIO_MMIO_QUEUE_DEVICE_LOW 0x0a0
#define VIRTIO_MMIO_QUEUE_DEVICE_HIGH 0x0a4
#define VIRTIO_MMIO_SHM_SEL 0x0ac
#define VIRTIO_MMIO_SHM_LEN_LOW 0x0b0
#define VIRTIO_MMIO_SHM_LEN_HIGH 0x0b4
#define VIRTIO_MMIO_SHM_BASE_LOW 0x0b8
#define VIRTIO_MMIO_SHM_BASE_HIGH 0x0bc
#define VIRTIO_MMIO_QUEUE_RESET 0x0c0
#define VIRTIO_MMIO_CONFIG_GENERATION 0x0fc
#define VIRTIO_MMIO_CONFIG 0x100

#define VIRTIO_MMIO_MAGIC 0x74726976u

struct virtio_mmio;
struct rec_writer;
struct rec_reader;

struct virtio_dev_ops {
	uint32_t device_id;
	unsigned num_queues;
	uint16_t queue_max; /* QueueNumMax of every queue, a power of two */
	/* Bytes of configuration space (at most 0xf00). */
	unsigned config_size;
	/* Device-specific feature bits offered (bits 0-23 and 50+). */
	uint64_t (*features)(void *dev);
	/* Fills @buf (config_size bytes) with the current configuration. */
	void (*config)(void *dev, void *buf);
	/* A driver write of @size bytes at @off; NULL: read-only. */
	void (*config_write)(void *dev, unsigned off, const void *buf,
			     unsigned size);
	/*
	 * Queue @q has new buffers (or the driver just became ready). On the
	 * caller's thread, no transport lock held: the device may pop and
	 * push right here or hand the work elsewhere. A reset waits for
	 * running calls to return, so they must not wait for one.
	 */
	void (*notify)(void *dev, unsigned q);
	/*
	 * The driver resets the device. No transport lock held, no notify
	 * running, and pops already return nothing; on return the device
	 * has stopped touching its queues and guest memory (work it handed
	 * elsewhere included).
	 */
	void (*reset)(void *dev);
};

/* @irq.line is also what the FDT node names in "interrupts". */
int virtio_mmio_create(struct virtio_mmio **out, uint64_t base,
		       struct irq_line irq, const struct guestmem *mem,
		       const struct virtio_dev_ops *ops, void *dev);
void virtio_mmio_destroy(struct virtio_mmio *t);
const struct bus_dev *virtio_mmio_bus_dev(struct virtio_mmio *t);
/* Adds virtio_mmio@BASE below @parent (the /soc node). */
int virtio_mmio_fdt(struct virtio_mmio *t, void *fdt, int parent,
		    uint32_t plic_phandle);
/* A reset as if the driver wrote 0 to Status (machine reset). */
void virtio_mmio_reset(struct virtio_mmio *t);

/*
 * Saving a running device. quiesce: from now on the device gets no
 * notifications and its pops return nothing; returns once no
 * notification runs (the device type then waits for work it handed
 * elsewhere), so every chain taken from a ring has been returned to it.
 * resume: undoes that and looks at every ready queue once, as buffers
 * may have been made available meanwhile (or before a restore).
 */
void virtio_mmio_quiesce(struct virtio_mmio *t);
void virtio_mmio_resume(struct virtio_mmio *t);
/*
 * The transport's state as one record "virtio-mmio": registers, status,
 * negotiated features, each queue's addresses and indexes. Quiesced
 * first. Loading (before the vCPUs run, onto a device of the same type)
 * re-attaches the queues to the rings in guest RAM without writing it
 * and drives the line; 0, -errno, -EPROTO with the reader's error set.
 */
int virtio_mmio_save(struct virtio_mmio *t, struct rec_writer *w);
int virtio_mmio_load(struct virtio_mmio *t, struct rec_reader *r);

/* --- For the device types --- */

/*
 * Next chain of queue @q: 1 and *@out, or 0 when there is none (or the
 * device is not live: no DRIVER_OK, resetting, needs reset). A malformed
 * ring sets DEVICE_NEEDS_RESET and returns 0.
 */
int virtio_mmio_pop(struct virtio_mmio *t, unsigned q, struct virtq_elem **out);
/*
 * Returns @e to the driver with @len bytes written, raises the used
 * buffer interrupt if the driver wants one, and frees @e.
 */
void virtio_mmio_push(struct virtio_mmio *t, struct virtq_elem *e,
		      uint32_t len);
/*
 * Gives back @e, the chain popped last from its queue, untouched, as if
 * it had never been taken (before a save: the device keeps no buffer).
 * Frees @e either way.
 */
void virtio_mmio_unpop(struct virtio_mmio *t, struct virtq_elem *e);
/* The features the driver accepted (valid once FEATURES_OK is set). */
uint64_t virtio_mmio_features(struct virtio_mmio *t);
/* The device changed its configuration: new generation, interrupt. */
void virtio_mmio_config_changed(struct virtio_mmio *t);
/* The driver broke the protocol: DEVICE_NEEDS_RESET (+ interrupt). */
void virtio_mmio_needs_reset(struct virtio_mmio *t);

#endif
