// SPDX-License-Identifier: MIT
/*
 * virtio-net: VirtIO spec "Device Types / Network Device" (feature bits,
 * device configuration layout, "Packet Transmission", "Setting Up
 * Receive Buffers", "Processing of Incoming Packets").
 *
 * Offered: VIRTIO_NET_F_MAC and VIRTIO_NET_F_STATUS (link always up).
 * Not offered: checksum and segmentation offloads, so every packet is
 * whole and checksummed both ways and the header's flags and gso_type are
 * 0; VIRTIO_NET_F_MRG_RXBUF, so a received packet takes one buffer and
 * num_buffers is 1; the control queue. With VIRTIO_F_VERSION_1 the header
 * is 12 bytes (num_buffers included).
 */
#include "devices/virtio/net.h"

#include <endian.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "devices/virtio/mmio.h"
#include "base/record.h"
#include "net/net.h"

#define NET_F_MAC 5
#define NET_F_STATUS 16
#define NET_S_LINK_UP 1

#define RXQ 0
#define TXQ 1
#define QUEUE_MAX 256

/* struct virtio_net_hdr with VIRTIO_F_VERSION_1, no hash report. */
#define NET_HDR_LEN 12
/* mac[6], status le16 */
#define CONFIG_SIZE 8

struct vnet {
	struct virtio_mmio *t;
	struct net_backend *be;
	uint8_t mac[6];
	/*
	 * Held while a frame is written into a receive buffer (main thread)
	 * or a transmit chain is read (vCPU thread), so a reset waits for
	 * both to stop touching guest memory.
	 */
	pthread_mutex_t rx_lock, tx_lock;
	struct iovec tx_iov[VIRTQ_MAX_SEGS];
};

void vnet_default_mac(uint8_t mac[6], unsigned index)
{
	static const uint8_t base[6] = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};
	unsigned v = base[5] + index;

	memcpy(mac, base, 6);
	mac[5] = (uint8_t)v;
	mac[4] = (uint8_t)(base[4] + (v >> 8));
}

static uint64_t net_features(void *dev)
{
	return (1ull << NET_F_MAC) | (1ull << NET_F_STATUS);
}

/* Called with the transport's lock held: touches nothing else. */
static void net_config(void *dev, void *buf)
{
	struct vnet *n = dev;
	uint8_t *c = buf;
	uint16_t status = htole16(NET_S_LINK_UP);

	memcpy(c, n->mac, 6);
	memcpy(c + 6, &status, 2);
}

/* Main thread: a frame from the back end into one receive buffer. */
static bool net_receive(void *opaque, const void *frame, size_t len)
{
	struct vnet *n = opaque;
	uint8_t hdr[NET_HDR_LEN] = {0};
	struct virtq_elem *e;
	uint16_t one = htole16(1);

	pthread_mutex_lock(&n->rx_lock);
	if (virtio_mmio_pop(n->t, RXQ, &e) <= 0) {
		/* No buffer (or no driver): resumed by the next notify. */
		pthread_mutex_unlock(&n->rx_lock);
		return false;
	}
	if (e->in_len < NET_HDR_LEN + len) {
		/*
		 * Smaller than the spec's 1526 bytes: the frame is dropped
		 * and the buffer given back empty.
		 */
		virtio_mmio_push(n->t, e, 0);
		pthread_mutex_unlock(&n->rx_lock);
		return true;
	}
	memcpy(hdr + 10, &one, 2); /* num_buffers */
	virtq_elem_write(e, 0, hdr, NET_HDR_LEN);
	virtq_elem_write(e, NET_HDR_LEN, frame, len);
	virtio_mmio_push(n->t, e, (uint32_t)(NET_HDR_LEN + len));
	pthread_mutex_unlock(&n->rx_lock);
	return true;
}

/* The notifying vCPU thread: every pending chain goes to the back end. */
static void net_transmit(struct vnet *n)
{
	struct virtq_elem *e;

	pthread_mutex_lock(&n->tx_lock);
	while (virtio_mmio_pop(n->t, TXQ, &e) > 0) {
		int cnt;

		if (e->out_len < NET_HDR_LEN) {
			/* Not even a header: the driver broke the rules. */
			virtio_mmio_push(n->t, e, 0);
			virtio_mmio_needs_reset(n->t);
			break;
		}
		cnt = virtq_elem_slice(e, false, NET_HDR_LEN,
				       e->out_len - NET_HDR_LEN, n->tx_iov);
		/* A frame over NET_FRAME_MAX, or empty, is dropped. */
		if (cnt > 0)
			net_send(n->be, n->tx_iov, cnt);
		virtio_mmio_push(n->t, e, 0);
	}
	pthread_mutex_unlock(&n->tx_lock);
}

static void net_notify(void *dev, unsigned q)
{
	struct vnet *n = dev;

	if (q == RXQ)
		net_resume(n->be);
	else if (q == TXQ)
		net_transmit(n);
}

static void net_reset_dev(void *dev)
{
	struct vnet *n = dev;

	/* Wait out a frame being received or sent; none starts after. */
	pthread_mutex_lock(&n->rx_lock);
	pthread_mutex_unlock(&n->rx_lock);
	pthread_mutex_lock(&n->tx_lock);
	pthread_mutex_unlock(&n->tx_lock);
}

static const struct virtio_dev_ops net_ops = {
	.device_id = VIRTIO_ID_NET,
	.num_queues = 2,
	.queue_max = QUEUE_MAX,
	.config_size = CONFIG_SIZE,
	.features = net_features,
	.config = net_config,
	.notify = net_notify,
	.reset = net_reset_dev,
};

int vnet_create(struct vnet **out, uint64_t base, struct irq_line irq,
		const struct guestmem *mem, struct net_backend *be,
		const uint8_t mac[6])
{
	struct vnet *n = calloc(1, sizeof(*n));
	int ret;

	if (!n)
		return -ENOMEM;
	n->be = be;
	memcpy(n->mac, mac, 6);
	pthread_mutex_init(&n->rx_lock, NULL);
	pthread_mutex_init(&n->tx_lock, NULL);
	ret = virtio_mmio_create(&n->t, base, irq, mem, &net_ops, n);
	if (ret) {
		pthread_mutex_destroy(&n->rx_lock);
		pthread_mutex_destroy(&n->tx_lock);
		free(n);
		return ret;
	}
	net_attach(be,
		   &(struct net_frontend){.receive = net_receive, .opaque = n});
	*out = n;
	return 0;
}

void vnet_destroy(struct vnet *n)
{
	if (!n)
		return;
	net_attach(n->be, &(struct net_frontend){0});
	virtio_mmio_destroy(n->t);
	pthread_mutex_destroy(&n->rx_lock);
	pthread_mutex_destroy(&n->tx_lock);
	free(n);
}

void vnet_reset(struct vnet *n)
{
	virtio_mmio_reset(n->t);
}

const struct bus_dev *vnet_bus_dev(struct vnet *n)
{
	return virtio_mmio_bus_dev(n->t);
}

int vnet_fdt(struct vnet *n, void *fdt, int parent, uint32_t plic_phandle)
{
	return virtio_mmio_fdt(n->t, fdt, parent, plic_phandle);
}

void vnet_quiesce(struct vnet *n)
{
	virtio_mmio_quiesce(n->t);
	/* Wait out a frame being received or sent. */
	net_reset_dev(n);
}

void vnet_resume(struct vnet *n)
{
	virtio_mmio_resume(n->t);
}

enum { VNET_REC_VERSION = 1, K_MAC = 1 };

int vnet_save(struct vnet *n, struct rec_writer *w)
{
	int ret = virtio_mmio_save(n->t, w);

	if (ret)
		return ret;
	rec_begin(w, "vnet", VNET_REC_VERSION);
	rec_bytes(w, K_MAC, n->mac, sizeof(n->mac));
	return rec_end(w);
}

int vnet_load(struct vnet *n, struct rec_reader *r)
{
	struct rec rec;
	int ret;

	ret = virtio_mmio_load(n->t, r);
	ret = ret ?: rec_next(r, "vnet", VNET_REC_VERSION, &rec);
	return ret ?: rec_get_bytes(&rec, K_MAC, n->mac, sizeof(n->mac));
}
