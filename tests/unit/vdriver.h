/* SPDX-License-Identifier: MIT */
/*
 * A minimal virtio driver for the unit tests: split rings built by hand in
 * a guestmem, the way a guest kernel lays them out, and a virtio-mmio
 * register interface driven through the bus_dev ops.
 */
#ifndef HVRUN_TESTS_VDRIVER_H
#define HVRUN_TESTS_VDRIVER_H

#include <endian.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "devices/bus.h"
#include "devices/virtio/mmio.h"
#include "devices/virtio/virtq.h"
#include "base/guestmem.h"

#define VD_RAM_BASE 0x80000000ull
#define VD_RAM_SIZE (4ull << 20)

/* One queue's rings at fixed guest addresses. */
struct vd_queue {
	struct guestmem *mem;
	uint16_t size;
	uint64_t desc, avail, used;
	uint16_t avail_idx; /* driver's next avail index */
	uint16_t last_used; /* driver's next used index to read */
};

static inline void *vd_ptr(struct guestmem *m, uint64_t gpa)
{
	return m->host + (gpa - m->base);
}

/* Rings for queue @n at RAM offset 0x10000 * (n + 1). */
static inline void vd_queue_init(struct vd_queue *q, struct guestmem *m,
				 unsigned n, uint16_t size)
{
	uint64_t base = m->base + 0x10000ull * (n + 1);

	memset(q, 0, sizeof(*q));
	q->mem = m;
	q->size = size;
	q->desc = base;
	q->avail = base + 16ull * size;
	q->used = (q->avail + 6 + 2ull * size + 3) & ~3ull;
	memset(vd_ptr(m, base), 0, 0x10000);
}

static inline void vd_set_desc(struct vd_queue *q, unsigned i, uint64_t addr,
			       uint32_t len, uint16_t flags, uint16_t next)
{
	uint8_t *d = (uint8_t *)vd_ptr(q->mem, q->desc) + 16 * i;
	uint64_t a = htole64(addr);
	uint32_t l = htole32(len);
	uint16_t f = htole16(flags), n = htole16(next);

	memcpy(d, &a, 8);
	memcpy(d + 8, &l, 4);
	memcpy(d + 12, &f, 2);
	memcpy(d + 14, &n, 2);
}

/* An indirect table entry at guest address @table. */
static inline void vd_set_idesc(struct guestmem *m, uint64_t table, unsigned i,
				uint64_t addr, uint32_t len, uint16_t flags,
				uint16_t next)
{
	uint8_t *d = (uint8_t *)vd_ptr(m, table) + 16 * i;
	uint64_t a = htole64(addr);
	uint32_t l = htole32(len);
	uint16_t f = htole16(flags), n = htole16(next);

	memcpy(d, &a, 8);
	memcpy(d + 8, &l, 4);
	memcpy(d + 12, &f, 2);
	memcpy(d + 14, &n, 2);
}

static inline uint16_t *vd_avail16(struct vd_queue *q, unsigned word)
{
	return (uint16_t *)vd_ptr(q->mem, q->avail + 2 * word);
}

/* Makes chain @head available and publishes the new avail->idx. */
static inline void vd_add(struct vd_queue *q, uint16_t head)
{
	*vd_avail16(q, 2 + q->avail_idx % q->size) = htole16(head);
	q->avail_idx++;
	__atomic_store_n(vd_avail16(q, 1), htole16(q->avail_idx),
			 __ATOMIC_RELEASE);
}

static inline void vd_set_avail_flags(struct vd_queue *q, uint16_t f)
{
	*vd_avail16(q, 0) = htole16(f);
}

static inline void vd_set_used_event(struct vd_queue *q, uint16_t v)
{
	*vd_avail16(q, 2 + q->size) = htole16(v);
}

static inline uint16_t vd_used_idx(struct vd_queue *q)
{
	return le16toh(__atomic_load_n((uint16_t *)vd_ptr(q->mem, q->used + 2),
				       __ATOMIC_ACQUIRE));
}

static inline uint16_t vd_avail_event(struct vd_queue *q)
{
	return le16toh(*(uint16_t *)vd_ptr(q->mem, q->used + 4 + 8 * q->size));
}

/* Used element @i (modulo size): id and len. */
static inline void vd_used_elem(struct vd_queue *q, uint16_t i, uint32_t *id,
				uint32_t *len)
{
	uint8_t *e = (uint8_t *)vd_ptr(q->mem, q->used + 4 + 8 * (i % q->size));
	uint32_t v;

	memcpy(&v, e, 4);
	*id = le32toh(v);
	memcpy(&v, e + 4, 4);
	*len = le32toh(v);
}

/* --- the register interface --- */

static inline uint32_t vd_rd(const struct bus_dev *d, uint64_t off)
{
	return d->ops->read(d->opaque, off, 4);
}

static inline void vd_wr(const struct bus_dev *d, uint64_t off, uint32_t v)
{
	d->ops->write(d->opaque, off, v, 4);
}

static inline uint64_t vd_device_features(const struct bus_dev *d)
{
	uint64_t f;

	vd_wr(d, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
	f = (uint64_t)vd_rd(d, VIRTIO_MMIO_DEVICE_FEATURES) << 32;
	vd_wr(d, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
	return f | vd_rd(d, VIRTIO_MMIO_DEVICE_FEATURES);
}

/*
 * Reset, ACKNOWLEDGE, DRIVER, write @features, FEATURES_OK: whether the
 * device kept FEATURES_OK.
 */
static inline bool vd_negotiate(const struct bus_dev *d, uint64_t features)
{
	vd_wr(d, VIRTIO_MMIO_STATUS, 0);
	vd_wr(d, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
	vd_wr(d, VIRTIO_MMIO_STATUS,
	      VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	vd_wr(d, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	vd_wr(d, VIRTIO_MMIO_DRIVER_FEATURES, (uint32_t)features);
	vd_wr(d, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	vd_wr(d, VIRTIO_MMIO_DRIVER_FEATURES, features >> 32);
	vd_wr(d, VIRTIO_MMIO_STATUS,
	      VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
		      VIRTIO_STATUS_FEATURES_OK);
	return vd_rd(d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK;
}

static inline void vd_setup_queue(const struct bus_dev *d, unsigned n,
				  struct vd_queue *q)
{
	vd_wr(d, VIRTIO_MMIO_QUEUE_SEL, n);
	vd_wr(d, VIRTIO_MMIO_QUEUE_NUM, q->size);
	vd_wr(d, VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)q->desc);
	vd_wr(d, VIRTIO_MMIO_QUEUE_DESC_HIGH, q->desc >> 32);
	vd_wr(d, VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)q->avail);
	vd_wr(d, VIRTIO_MMIO_QUEUE_DRIVER_HIGH, q->avail >> 32);
	vd_wr(d, VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)q->used);
	vd_wr(d, VIRTIO_MMIO_QUEUE_DEVICE_HIGH, q->used >> 32);
	vd_wr(d, VIRTIO_MMIO_QUEUE_READY, 1);
}

static inline void vd_driver_ok(const struct bus_dev *d)
{
	vd_wr(d, VIRTIO_MMIO_STATUS,
	      VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
		      VIRTIO_STATUS_FEATURES_OK | VIRTIO_STATUS_DRIVER_OK);
}

#endif
