// SPDX-License-Identifier: MIT
/*
 * virtio-console: VirtIO spec "Device Types / Console Device", port 0
 * only (VIRTIO_CONSOLE_F_MULTIPORT and VIRTIO_CONSOLE_F_SIZE are not
 * offered), with VIRTIO_CONSOLE_F_EMERG_WRITE.
 */
#include "devices/virtio/console.h"

#include <endian.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "devices/virtio/mmio.h"
#include "base/record.h"

#define CONSOLE_F_EMERG_WRITE 2

#define RECEIVEQ 0
#define TRANSMITQ 1

/* struct virtio_console_config: cols, rows, max_nr_ports, emerg_wr. */
#define CONFIG_SIZE 12
#define CONFIG_EMERG_WR 8

struct vcon {
	struct virtio_mmio *t;
	struct chardev *cd;
	/* The back end holds input we had no buffer for. */
	atomic_bool starved;
};

static uint64_t con_features(void *dev)
{
	return 1ull << CONSOLE_F_EMERG_WRITE;
}

static void con_config(void *dev, void *buf)
{
	uint32_t ports = htole32(1);

	memset(buf, 0, CONFIG_SIZE);
	memcpy((uint8_t *)buf + 4, &ports, 4);
}

static void con_config_write(void *dev, unsigned off, const void *buf,
			     unsigned size)
{
	struct vcon *c = dev;

	/* "transmit the lower byte written to emerg_wr". */
	if (off == CONFIG_EMERG_WR)
		chardev_write(c->cd, buf, 1);
}

static void con_transmit(struct vcon *c)
{
	struct virtq_elem *e;

	while (virtio_mmio_pop(c->t, TRANSMITQ, &e) > 0) {
		/* Writable buffers have no place here; they are skipped. */
		for (unsigned i = 0; i < e->n_out; i++)
			chardev_write(c->cd, e->iov[i].iov_base,
				      e->iov[i].iov_len);
		virtio_mmio_push(c->t, e, 0);
	}
}

static void con_notify(void *dev, unsigned q)
{
	struct vcon *c = dev;

	if (q == TRANSMITQ)
		con_transmit(c);
	else if (q == RECEIVEQ && atomic_exchange(&c->starved, false))
		chardev_resume(c->cd);
}

static size_t con_receive(void *fe, const void *buf, size_t len)
{
	struct vcon *c = fe;
	struct virtq_elem *e;
	size_t taken = 0, n;

	while (taken < len) {
		if (virtio_mmio_pop(c->t, RECEIVEQ, &e) <= 0) {
			/*
			 * Say we are waiting before looking once more, so a
			 * buffer added in between is either seen here or
			 * its notification resumes the back end.
			 */
			atomic_store(&c->starved, true);
			if (virtio_mmio_pop(c->t, RECEIVEQ, &e) <= 0)
				break;
		}
		n = virtq_elem_write(e, 0, (const uint8_t *)buf + taken,
				     len - taken);
		virtio_mmio_push(c->t, e, n);
		taken += n;
	}
	return taken;
}

static const struct virtio_dev_ops con_ops = {
	.device_id = VIRTIO_ID_CONSOLE,
	.num_queues = 2,
	.queue_max = 128,
	.config_size = CONFIG_SIZE,
	.features = con_features,
	.config = con_config,
	.config_write = con_config_write,
	.notify = con_notify,
};

int vcon_create(struct vcon **out, uint64_t base, struct irq_line irq,
		const struct guestmem *mem, struct chardev *cd)
{
	struct vcon *c = calloc(1, sizeof(*c));
	int ret;

	if (!c)
		return -ENOMEM;
	ret = virtio_mmio_create(&c->t, base, irq, mem, &con_ops, c);
	if (ret) {
		free(c);
		return ret;
	}
	c->cd = cd;
	if (cd) {
		cd->fe = c;
		cd->receive = con_receive;
	}
	*out = c;
	return 0;
}

void vcon_destroy(struct vcon *c)
{
	if (!c)
		return;
	if (c->cd) {
		c->cd->receive = NULL;
		c->cd->fe = NULL;
	}
	virtio_mmio_destroy(c->t);
	free(c);
}

void vcon_reset(struct vcon *c)
{
	virtio_mmio_reset(c->t);
}

const struct bus_dev *vcon_bus_dev(struct vcon *c)
{
	return virtio_mmio_bus_dev(c->t);
}

int vcon_fdt(struct vcon *c, void *fdt, int parent, uint32_t plic_phandle)
{
	return virtio_mmio_fdt(c->t, fdt, parent, plic_phandle);
}

void vcon_quiesce(struct vcon *c)
{
	virtio_mmio_quiesce(c->t);
}

void vcon_resume(struct vcon *c)
{
	virtio_mmio_resume(c->t);
}

int vcon_save(struct vcon *c, struct rec_writer *w)
{
	int ret = virtio_mmio_save(c->t, w);

	if (ret)
		return ret;
	rec_begin(w, "vcon", 1);
	return rec_end(w);
}

int vcon_load(struct vcon *c, struct rec_reader *r)
{
	struct rec rec;
	int ret;

	ret = virtio_mmio_load(c->t, r);
	ret = ret ?: rec_next(r, "vcon", 1, &rec);
	/* The new back end holds nothing back yet. */
	atomic_store(&c->starved, false);
	return ret;
}
