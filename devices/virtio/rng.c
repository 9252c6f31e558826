// SPDX-License-Identifier: MIT
/*
 * virtio-rng: VirtIO spec "Device Types / Entropy Device". No feature
 * bits, no configuration space, one requestq of device-writable buffers.
 */
#include "devices/virtio/rng.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/random.h>

#include "devices/virtio/mmio.h"
#include "base/record.h"

/*
 * The spec lets the device use less than the whole buffer; a bound keeps
 * one request from holding the vCPU thread for long.
 */
#define RNG_MAX_REQUEST 65536

struct vrng {
	struct virtio_mmio *t;
};

static uint64_t rng_features(void *dev)
{
	return 0;
}

/* Fills up to @max bytes of the writable buffers: how many were filled. */
static uint32_t rng_fill(const struct virtq_elem *e, uint32_t max)
{
	uint32_t done = 0;

	for (unsigned i = e->n_out; i < e->n_out + e->n_in && done < max; i++) {
		uint8_t *p = e->iov[i].iov_base;
		size_t len = e->iov[i].iov_len, off = 0;

		if (len > max - done)
			len = max - done;
		while (off < len) {
			ssize_t n = getrandom(p + off, len - off, 0);

			if (n < 0) {
				if (errno == EINTR)
					continue;
				return done + off;
			}
			off += n;
		}
		done += len;
	}
	return done;
}

static void rng_notify(void *dev, unsigned q)
{
	struct vrng *r = dev;
	struct virtq_elem *e;

	while (virtio_mmio_pop(r->t, 0, &e) > 0)
		virtio_mmio_push(r->t, e, rng_fill(e, RNG_MAX_REQUEST));
}

static const struct virtio_dev_ops rng_ops = {
	.device_id = VIRTIO_ID_RNG,
	.num_queues = 1,
	.queue_max = 64,
	.config_size = 0,
	.features = rng_features,
	.notify = rng_notify,
};

int vrng_create(struct vrng **out, uint64_t base, struct irq_line irq,
		const struct guestmem *mem)
{
	struct vrng *r = calloc(1, sizeof(*r));
	int ret;

	if (!r)
		return -ENOMEM;
	ret = virtio_mmio_create(&r->t, base, irq, mem, &rng_ops, r);
	if (ret) {
		free(r);
		return ret;
	}
	*out = r;
	return 0;
}

void vrng_destroy(struct vrng *r)
{
	if (!r)
		return;
	virtio_mmio_destroy(r->t);
	free(r);
}

void vrng_reset(struct vrng *r)
{
	virtio_mmio_reset(r->t);
}

const struct bus_dev *vrng_bus_dev(struct vrng *r)
{
	return virtio_mmio_bus_dev(r->t);
}

int vrng_fdt(struct vrng *r, void *fdt, int parent, uint32_t plic_phandle)
{
	return virtio_mmio_fdt(r->t, fdt, parent, plic_phandle);
}

void vrng_quiesce(struct vrng *r)
{
	virtio_mmio_quiesce(r->t);
}

void vrng_resume(struct vrng *r)
{
	virtio_mmio_resume(r->t);
}

int vrng_save(struct vrng *r, struct rec_writer *w)
{
	int ret = virtio_mmio_save(r->t, w);

	if (ret)
		return ret;
	rec_begin(w, "vrng", 1);
	return rec_end(w);
}

int vrng_load(struct vrng *r, struct rec_reader *rd)
{
	struct rec rec;
	int ret;

	ret = virtio_mmio_load(r->t, rd);
	return ret ?: rec_next(rd, "vrng", 1, &rec);
}
