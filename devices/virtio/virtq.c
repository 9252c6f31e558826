// SPDX-License-Identifier: MIT
/*
 * Split virtqueues, device side: VirtIO spec "Basic Facilities of a Virtio
 * Device / Split Virtqueues": "The Virtqueue Descriptor Table" with
 * "Indirect Descriptors", "The Virtqueue Available Ring", "The Virtqueue
 * Used Ring", "Used Buffer Notification Suppression" and "Available
 * Buffer Notification Suppression".
 *
 * Ordering: the driver publishes avail->idx after the ring entries and
 * descriptors, so idx is loaded with acquire; the device fills a used
 * element before publishing used->idx with release. Between publishing
 * and reading the driver's suppression fields (or avail_event and
 * re-reading avail->idx) a full fence stops a notification being lost
 * in the window where both sides look at stale values.
 */
#include "devices/virtio/virtq.h"

#include <endian.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static uint16_t load16(const void *p, int order)
{
	return le16toh(__atomic_load_n((const uint16_t *)p, order));
}

static void store16(void *p, uint16_t v, int order)
{
	__atomic_store_n((uint16_t *)p, htole16(v), order);
}

static void store32(void *p, uint32_t v)
{
	__atomic_store_n((uint32_t *)p, htole32(v), __ATOMIC_RELAXED);
}

/* Byte offsets in struct virtq_avail and struct virtq_used. */
#define AVAIL_FLAGS 0
#define AVAIL_IDX 2
#define AVAIL_RING(i) (4 + 2 * (size_t)(i))
#define USED_FLAGS 0
#define USED_IDX 2
#define USED_RING(i) (4 + 8 * (size_t)(i))

void virtq_init(struct virtq *vq, unsigned index)
{
	*vq = (struct virtq){.index = index};
}

/* Checks the rings and points the queue at them; writes no guest RAM. */
static int set_rings(struct virtq *vq, const struct guestmem *mem,
		     uint16_t size, uint64_t desc, uint64_t avail,
		     uint64_t used, bool event_idx, bool indirect)
{
	void *d, *a, *u;

	vq->epoch++;
	vq->enabled = false;
	/* "Queue Size value is always a power of 2". */
	if (!size || (size & (size - 1)))
		return -EINVAL;
	/* The alignment table of Split Virtqueues: 16, 2 and 4 bytes. */
	if ((desc & 15) || (avail & 1) || (used & 3))
		return -EINVAL;
	d = guestmem_ptr(mem, desc, 16 * (uint64_t)size);
	a = guestmem_ptr(mem, avail, 6 + 2 * (uint64_t)size);
	u = guestmem_ptr(mem, used, 6 + 8 * (uint64_t)size);
	if (!d || !a || !u)
		return -EINVAL;
	vq->mem = mem;
	vq->desc = d;
	vq->avail = a;
	vq->used = u;
	vq->size = size;
	vq->event_idx = event_idx;
	vq->indirect = indirect;
	return 0;
}

int virtq_enable(struct virtq *vq, const struct guestmem *mem, uint16_t size,
		 uint64_t desc, uint64_t avail, uint64_t used, bool event_idx,
		 bool indirect)
{
	int ret = set_rings(vq, mem, size, desc, avail, used, event_idx,
			    indirect);

	if (ret)
		return ret;
	vq->broken = false;
	vq->last_avail = 0;
	vq->used_idx = 0;
	vq->signalled = 0;
	/* Available Buffer Notification Suppression: flags are 0. */
	store16(vq->used + USED_FLAGS, 0, __ATOMIC_RELAXED);
	if (event_idx)
		store16(vq->used + USED_RING(size), 0, __ATOMIC_RELAXED);
	vq->enabled = true;
	return 0;
}

int virtq_restore(struct virtq *vq, const struct guestmem *mem, uint16_t size,
		  uint64_t desc, uint64_t avail, uint64_t used, bool event_idx,
		  bool indirect, uint16_t last_avail, uint16_t used_idx,
		  uint16_t signalled, bool broken)
{
	int ret = set_rings(vq, mem, size, desc, avail, used, event_idx,
			    indirect);

	if (ret)
		return ret;
	vq->broken = broken;
	vq->last_avail = last_avail;
	vq->used_idx = used_idx;
	vq->signalled = signalled;
	vq->enabled = true;
	return 0;
}

void virtq_disable(struct virtq *vq)
{
	vq->epoch++;
	vq->enabled = false;
	vq->broken = false;
	vq->desc = NULL;
	vq->avail = NULL;
	vq->used = NULL;
}

static void desc_load(struct virtq_desc *d, const uint8_t *table, unsigned i)
{
	/*
	 * One copy, then only the copy is looked at: the guest may change
	 * the table under us. memcpy because an indirect table need not be
	 * aligned.
	 */
	memcpy(d, table + 16 * (size_t)i, sizeof(*d));
	d->addr = le64toh(d->addr);
	d->len = le32toh(d->len);
	d->flags = le16toh(d->flags);
	d->next = le16toh(d->next);
}

/* Follows the chain at @head into a new element, checking all of it. */
static int virtq_walk(struct virtq *vq, uint16_t head, struct virtq_elem **out)
{
	struct iovec segs[VIRTQ_MAX_SEGS];
	const uint8_t *table = vq->desc;
	unsigned tsize = vq->size, steps = 0, n = 0, n_out = 0;
	uint64_t out_len = 0, in_len = 0;
	bool in_indirect = false, writable = false;
	struct virtq_elem *e;
	unsigned i = head;

	for (;;) {
		struct virtq_desc d;
		void *p;

		if (i >= tsize)
			return -EINVAL;
		/* A chain longer than its table must revisit an entry. */
		if (++steps > tsize)
			return -EINVAL;
		desc_load(&d, table, i);
		if (d.flags & VIRTQ_DESC_F_INDIRECT) {
			/* Indirect Descriptors: one table, never with NEXT. */
			if (!vq->indirect || in_indirect ||
			    (d.flags & VIRTQ_DESC_F_NEXT))
				return -EINVAL;
			if (!d.len || d.len % 16 || d.len / 16 > VIRTQ_MAX_SEGS)
				return -EINVAL;
			table = guestmem_ptr(vq->mem, d.addr, d.len);
			if (!table)
				return -EINVAL;
			tsize = d.len / 16;
			in_indirect = true;
			steps = 0;
			i = 0;
			continue;
		}
		if (d.flags & VIRTQ_DESC_F_WRITE) {
			writable = true;
			in_len += d.len;
		} else {
			/* Message Framing: readable buffers come first. */
			if (writable)
				return -EINVAL;
			out_len += d.len;
		}
		/* No chain beyond 2^32 bytes; used len is 32 bits. */
		if (out_len + in_len > UINT32_MAX)
			return -EINVAL;
		if (d.len) {
			p = guestmem_ptr(vq->mem, d.addr, d.len);
			if (!p || n == VIRTQ_MAX_SEGS)
				return -EINVAL;
			segs[n].iov_base = p;
			segs[n].iov_len = d.len;
			n++;
			if (!writable)
				n_out++;
		}
		if (!(d.flags & VIRTQ_DESC_F_NEXT))
			break;
		i = d.next;
	}

	e = malloc(sizeof(*e) + n * sizeof(e->iov[0]));
	if (!e)
		return -ENOMEM;
	e->queue = vq->index;
	e->epoch = vq->epoch;
	e->head = head;
	e->n_out = n_out;
	e->n_in = n - n_out;
	e->out_len = out_len;
	e->in_len = in_len;
	memcpy(e->iov, segs, n * sizeof(segs[0]));
	*out = e;
	return 0;
}

int virtq_pop(struct virtq *vq, struct virtq_elem **out)
{
	uint16_t avail_idx, head;
	int ret;

	if (!vq->enabled)
		return 0;
	if (vq->broken)
		return -EINVAL;
	avail_idx = load16((uint8_t *)vq->avail + AVAIL_IDX, __ATOMIC_ACQUIRE);
	if (avail_idx == vq->last_avail) {
		if (!vq->event_idx)
			return 0;
		/*
		 * Ask to be told about the next buffer (avail_event), then look
		 * once more in case it arrived before the driver could see
		 * the request.
		 */
		store16(vq->used + USED_RING(vq->size), vq->last_avail,
			__ATOMIC_RELAXED);
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		avail_idx = load16((uint8_t *)vq->avail + AVAIL_IDX,
				   __ATOMIC_ACQUIRE);
		if (avail_idx == vq->last_avail)
			return 0;
	}
	/* The ring never holds more than size entries. */
	if ((uint16_t)(avail_idx - vq->last_avail) > vq->size) {
		vq->broken = true;
		return -EINVAL;
	}
	head = load16((uint8_t *)vq->avail +
			      AVAIL_RING(vq->last_avail & (vq->size - 1)),
		      __ATOMIC_RELAXED);
	ret = virtq_walk(vq, head, out);
	if (ret == -EINVAL)
		vq->broken = true;
	if (ret < 0)
		return ret;
	vq->last_avail++;
	return 1;
}

bool virtq_unpop(struct virtq *vq, struct virtq_elem *e)
{
	uint16_t head;

	if (!vq->enabled || e->epoch != vq->epoch || e->queue != vq->index)
		return false;
	head = load16(vq->avail + AVAIL_RING((uint16_t)(vq->last_avail - 1) &
					     (vq->size - 1)),
		      __ATOMIC_RELAXED);
	if (head != e->head)
		return false;
	vq->last_avail--;
	free(e);
	return true;
}

bool virtq_push(struct virtq *vq, const struct virtq_elem *e, uint32_t len)
{
	uint8_t *slot;

	if (!vq->enabled || e->epoch != vq->epoch || e->queue != vq->index)
		return false;
	if (len > e->in_len)
		len = e->in_len;
	/*
	 * The device wrote into guest memory behind the harts' back: code
	 * decoded from there is stale, and the pages are dirty. Every
	 * writable segment counts, whatever @len claims.
	 */
	for (unsigned i = e->n_out; i < e->n_out + e->n_in; i++)
		guestmem_written_host(vq->mem, e->iov[i].iov_base,
				      e->iov[i].iov_len);
	slot = vq->used + USED_RING(vq->used_idx & (vq->size - 1));
	store32(slot, e->head);
	store32(slot + 4, len);
	vq->used_idx++;
	/* The used ring: len is set before idx moves. */
	store16(vq->used + USED_IDX, vq->used_idx, __ATOMIC_RELEASE);
	guestmem_written_host(vq->mem, slot, 8);
	guestmem_written_host(vq->mem, vq->used + USED_IDX, 2);
	return true;
}

bool virtq_need_notify(struct virtq *vq)
{
	uint16_t old = vq->signalled, now = vq->used_idx, event;

	if (!vq->enabled)
		return false;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	vq->signalled = now;
	if (old == now)
		return false;
	if (vq->event_idx) {
		/* Notify when used->idx passes used_event. */
		event = load16((uint8_t *)vq->avail + AVAIL_RING(vq->size),
			       __ATOMIC_RELAXED);
		return (uint16_t)(now - event - 1) < (uint16_t)(now - old);
	}
	return !(load16((uint8_t *)vq->avail + AVAIL_FLAGS, __ATOMIC_RELAXED) &
		 VIRTQ_AVAIL_F_NO_INTERRUPT);
}

int virtq_elem_slice(const struct virtq_elem *e, bool writable, uint64_t off,
		     uint64_t len, struct iovec *iov)
{
	unsigned first = writable ? e->n_out : 0;
	unsigned end = writable ? e->n_out + e->n_in : e->n_out;
	uint64_t total = writable ? e->in_len : e->out_len;
	int n = 0;

	if (off > total || len > total - off)
		return -EINVAL;
	for (unsigned i = first; i < end && len; i++) {
		uint64_t seg = e->iov[i].iov_len, take;

		if (off >= seg) {
			off -= seg;
			continue;
		}
		take = seg - off < len ? seg - off : len;
		iov[n].iov_base = (uint8_t *)e->iov[i].iov_base + off;
		iov[n].iov_len = take;
		n++;
		len -= take;
		off = 0;
	}
	return n;
}

static size_t elem_copy(const struct virtq_elem *e, bool writable, uint64_t off,
			void *buf, size_t len)
{
	struct iovec iov[VIRTQ_MAX_SEGS];
	uint64_t total = writable ? e->in_len : e->out_len;
	size_t done = 0;
	int n;

	if (off >= total)
		return 0;
	if (len > total - off)
		len = total - off;
	n = virtq_elem_slice(e, writable, off, len, iov);
	for (int i = 0; i < n; i++) {
		if (writable)
			memcpy(iov[i].iov_base, (uint8_t *)buf + done,
			       iov[i].iov_len);
		else
			memcpy((uint8_t *)buf + done, iov[i].iov_base,
			       iov[i].iov_len);
		done += iov[i].iov_len;
	}
	return done;
}

size_t virtq_elem_read(const struct virtq_elem *e, uint64_t off, void *buf,
		       size_t len)
{
	return elem_copy(e, false, off, buf, len);
}

size_t virtq_elem_write(const struct virtq_elem *e, uint64_t off,
			const void *buf, size_t len)
{
	return elem_copy(e, true, off, (void *)buf, len);
}
