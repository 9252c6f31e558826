/* SPDX-License-Identifier: MIT */
/*
 * Split virtqueues, device side: VirtIO spec "Split Virtqueues",
 * with indirect descriptors (VIRTIO_F_INDIRECT_DESC) and event indexes
 * (VIRTIO_F_EVENT_IDX).
 *
 * The rings live in guest RAM and the guest may rewrite them at any time,
 * so every descriptor is copied once and checked before use, and a
 * malformed chain comes back as -EINVAL, never as a wild pointer. The
 * caller serialises all calls on one queue.
 */
#ifndef HVRUN_VIRTQ_H
#define HVRUN_VIRTQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#include "base/guestmem.h"

#define VIRTQ_DESC_F_NEXT 1
#define VIRTQ_DESC_F_WRITE 2
#define VIRTQ_DESC_F_INDIRECT 4
#define VIRTQ_AVAIL_F_NO_INTERRUPT 1
#define VIRTQ_USED_F_NO_NOTIFY 1

/* The largest queue size the format allows. */
#define VIRTQ_MAX_SIZE 32768
/*
 * The most descriptors hvrun accepts in one chain, indirect ones included
 * (the spec lets a device set a reasonable limit): IOV_MAX, so a chain
 * always fits one preadv().
 */
#define VIRTQ_MAX_SEGS 1024

struct virtq_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

struct virtq {
	/* Set by virtq_enable(). */
	const struct guestmem *mem;
	uint8_t *desc;	 /* host view of the descriptor table */
	uint16_t *avail; /* flags, idx, ring[size], used_event */
	uint8_t *used;	 /* flags, idx, ring[size] of {id, len}, avail_event */
	uint16_t size;
	bool enabled;
	bool event_idx;	     /* VIRTIO_F_EVENT_IDX negotiated */
	bool indirect;	     /* VIRTIO_F_INDIRECT_DESC negotiated */
	bool broken;	     /* a malformed ring was seen: stay stopped */
	uint16_t last_avail; /* next available entry to take */
	uint16_t used_idx;   /* the device's copy of used->idx */
	uint16_t signalled;  /* used_idx when notification was last decided */
	uint32_t epoch; /* changes whenever the queue is set up or torn down */
	unsigned index; /* the queue's number on its device */
};

/*
 * A popped chain. iov[0 .. n_out) are the device-readable buffers, then
 * iov[n_out .. n_out + n_in) the device-writable ones; all point into
 * guest RAM and were checked to lie entirely inside it.
 */
struct virtq_elem {
	unsigned queue; /* virtq.index */
	uint32_t epoch; /* virtq.epoch when popped */
	uint16_t head;	/* descriptor index that goes back in the used ring */
	unsigned n_out, n_in;
	uint64_t out_len, in_len; /* bytes */
	struct iovec iov[];
};

/* Zeroes the queue; it starts disabled. */
void virtq_init(struct virtq *vq, unsigned index);

/*
 * Starts using the rings at the given guest-physical addresses: -EINVAL
 * if @size is not a power of two up to VIRTQ_MAX_SIZE, or an area is
 * misaligned or not entirely in guest RAM.
 */
int virtq_enable(struct virtq *vq, const struct guestmem *mem, uint16_t size,
		 uint64_t desc, uint64_t avail, uint64_t used, bool event_idx,
		 bool indirect);
/*
 * The same for a queue restored from saved state: the rings are where
 * the driver left them in guest RAM, which is not written to, and the
 * device's indexes go on from the saved ones.
 */
int virtq_restore(struct virtq *vq, const struct guestmem *mem, uint16_t size,
		  uint64_t desc, uint64_t avail, uint64_t used, bool event_idx,
		  bool indirect, uint16_t last_avail, uint16_t used_idx,
		  uint16_t signalled, bool broken);
/* Forgets the rings; elements popped before are refused by virtq_push. */
void virtq_disable(struct virtq *vq);

/*
 * Takes the next available chain: 1 and *@out (free() it, or hand it to
 * virtq_push), 0 when the ring is empty, -EINVAL when the ring or chain is
 * malformed (the queue is then broken until re-enabled), -ENOMEM.
 */
int virtq_pop(struct virtq *vq, struct virtq_elem **out);
/*
 * Gives back @e, the chain virtq_pop() returned last on @vq, as if it had
 * never been taken (it is freed). False if it was not the last one.
 */
bool virtq_unpop(struct virtq *vq, struct virtq_elem *e);

/*
 * Puts @e in the used ring with @len bytes written (clamped to what the
 * chain can hold). Returns false, writing nothing, when @e was popped
 * before the queue was last set up or torn down.
 */
bool virtq_push(struct virtq *vq, const struct virtq_elem *e, uint32_t len);

/*
 * After one or more pushes: whether the driver wants a used buffer
 * notification now (VIRTQ_AVAIL_F_NO_INTERRUPT, or used_event).
 */
bool virtq_need_notify(struct virtq *vq);

/* Copy between the readable (out) / writable (in) buffers and @buf. */
size_t virtq_elem_read(const struct virtq_elem *e, uint64_t off, void *buf,
		       size_t len);
size_t virtq_elem_write(const struct virtq_elem *e, uint64_t off,
			const void *buf, size_t len);

/*
 * Fills @iov with the part [off, off+len) of the readable (@writable
 * false) or writable buffers: the number of entries used (at most
 * VIRTQ_MAX_SEGS), or -EINVAL when the range does not fit.
 */
int virtq_elem_slice(const struct virtq_elem *e, bool writable, uint64_t off,
		     uint64_t len, struct iovec *iov);

#endif
