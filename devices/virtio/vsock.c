// SPDX-License-Identifier: MIT
/*
 * virtio-vsock: VirtIO spec "Device Types / Socket Device" (device
 * configuration, "Virtqueue Flow Control", "Addressing", "Buffer Space
 * Management", "Receive and Transmit", "Stream Sockets"). Stream sockets
 * only (VIRTIO_VSOCK_F_STREAM); seqpacket is not offered; the event queue
 * carries one event, the transport reset a restored guest is sent
 * ("Device Events"): its connections' host ends are not in a snapshot.
 *
 * The device is the host's end of every connection. Bytes from the guest
 * are kept in a buffer of BUF_ALLOC bytes a connection, which is the
 * credit the guest is given, and leave it as the host side takes them;
 * bytes for the guest are read from the host side only as far as the
 * guest's own credit and receive buffers go. So nothing is dropped and
 * nothing grows without bound. Replies the guest has no receive buffer
 * for wait as flags on their connection (and a few resets for unknown
 * addresses in a small ring), the "additional resources" the spec asks
 * for.
 */
#include "devices/virtio/vsock.h"

#include "base/record.h"

#include <endian.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "base/loop.h"
#include "devices/virtio/mmio.h"

#define RXQ 0
#define TXQ 1
#define QUEUE_MAX 128
#define CONFIG_SIZE 8

#define VSOCK_F_STREAM 0
#define VSOCK_F_NO_IMPLIED_STREAM 2

#define TYPE_STREAM 1
enum {
	OP_REQUEST = 1,
	OP_RESPONSE = 2,
	OP_RST = 3,
	OP_SHUTDOWN = 4,
	OP_RW = 5,
	OP_CREDIT_UPDATE = 6,
	OP_CREDIT_REQUEST = 7,
};
#define SHUT_RCV 1
#define SHUT_SEND 2

/* struct virtio_vsock_hdr */
#define HDR 44
/* What a connection may hold of the guest's bytes: its credit. */
#define BUF_ALLOC (256u * 1024)
/* The most payload in one packet to the guest. */
#define MAX_PKT (64u * 1024)
#define MAX_CONNS 64
#define RST_RING 16
/* Host ports of connections host programs make: clear of the usual. */
#define FIRST_HOST_PORT 0x40000000u

/* Packets a connection owes the guest. */
enum {
	OWE_REQUEST = 1,
	OWE_RESPONSE = 2,
	OWE_CREDIT = 4,
	OWE_SHUTDOWN = 8,
	OWE_RST = 16, /* the last: the connection goes once it is sent */
};

enum conn_state {
	C_REQUESTED, /* a host program asked; REQUEST sent or owed */
	C_OPEN,
};

struct hdr {
	uint64_t src_cid, dst_cid;
	uint32_t src_port, dst_port, len;
	uint16_t type, op;
	uint32_t flags, buf_alloc, fwd_cnt;
};

struct conn {
	bool used, dead; /* dead: reset; its handle closes on the loop */
	void *h;
	uint32_t gport, hport;
	enum conn_state state;
	unsigned owe;
	/* The guest's bytes for the host: a ring of BUF_ALLOC. */
	uint8_t *buf;
	uint32_t head, len;
	uint32_t rx_cnt, fwd_cnt, fwd_told;
	bool peer_no_send, peer_no_recv, shut_done;
	/* The host's bytes for the guest. */
	uint32_t peer_buf_alloc, peer_fwd_cnt, tx_cnt;
	bool host_eof, readable, writable;
	bool watch_r, watch_w; /* what the back end reports */
};

struct rst {
	uint32_t gport, hport;
};

struct vsock {
	struct virtio_mmio *t;
	struct loop *loop;
	const struct vsock_host_ops *ops;
	void *be;
	uint64_t cid;
	/* Everything below; held while guest memory is touched. */
	pthread_mutex_t lock;
	atomic_bool kicked; /* a run of serve() is posted */
	atomic_uint refs;   /* the owner and posted runs */
	bool destroying;
	struct conn conns[MAX_CONNS];
	struct rst rsts[RST_RING];
	unsigned rst_head, rst_len;
	uint32_t next_port;
	unsigned rr;		  /* where the fair turn starts */
	struct virtq_elem *spare; /* a receive buffer popped, not used */
	uint8_t bounce[MAX_PKT];
};

static uint64_t vs_features(void *dev)
{
	return (1ull << VSOCK_F_STREAM) | (1ull << VSOCK_F_NO_IMPLIED_STREAM);
}

static void vs_config(void *dev, void *buf)
{
	struct vsock *v = dev;
	uint64_t cid = htole64(v->cid);

	memcpy(buf, &cid, 8);
}

/* --- connections --- */

static struct conn *find(struct vsock *v, uint32_t gport, uint32_t hport)
{
	for (unsigned i = 0; i < MAX_CONNS; i++) {
		struct conn *c = &v->conns[i];

		if (c->used && !c->dead && c->gport == gport &&
		    c->hport == hport)
			return c;
	}
	return NULL;
}

static struct conn *find_handle(struct vsock *v, void *h)
{
	for (unsigned i = 0; i < MAX_CONNS; i++)
		if (v->conns[i].used && !v->conns[i].dead && v->conns[i].h == h)
			return &v->conns[i];
	return NULL;
}

static struct conn *conn_new(struct vsock *v, void *h, uint32_t gport,
			     uint32_t hport)
{
	for (unsigned i = 0; i < MAX_CONNS; i++) {
		struct conn *c = &v->conns[i];

		if (c->used)
			continue;
		memset(c, 0, sizeof(*c));
		c->buf = malloc(BUF_ALLOC);
		if (!c->buf)
			return NULL;
		c->used = true;
		c->h = h;
		c->gport = gport;
		c->hport = hport;
		c->writable = true;
		return c;
	}
	return NULL;
}

/* Loop thread: the connection is over. */
static void conn_free(struct vsock *v, struct conn *c)
{
	if (c->h)
		v->ops->close(v->be, c->h);
	free(c->buf);
	memset(c, 0, sizeof(*c));
}

static void queue_rst(struct vsock *v, uint32_t gport, uint32_t hport)
{
	if (v->rst_len == RST_RING)
		return; /* the guest times out instead */
	v->rsts[(v->rst_head + v->rst_len++) % RST_RING] =
		(struct rst){gport, hport};
}

static uint32_t peer_credit(const struct conn *c)
{
	uint32_t used = c->tx_cnt - c->peer_fwd_cnt;

	return used > c->peer_buf_alloc ? 0 : c->peer_buf_alloc - used;
}

/* Tells the back end which events to report, when that changed. */
static void update_watch(struct vsock *v, struct conn *c)
{
	bool r = c->state == C_OPEN && !c->host_eof && !c->readable &&
		 !c->peer_no_recv && !(c->owe & OWE_RST);
	bool w = c->len && !c->writable && !(c->owe & OWE_RST);

	if (!c->h || (r == c->watch_r && w == c->watch_w))
		return;
	c->watch_r = r;
	c->watch_w = w;
	v->ops->watch(v->be, c->h, r, w);
}

/* The host side failed: reset the connection. */
static void conn_abort(struct vsock *v, struct conn *c)
{
	if (c->h) {
		v->ops->close(v->be, c->h);
		c->h = NULL;
	}
	c->owe = OWE_RST;
}

/* Hands the guest's bytes to the host side, as far as it takes them. */
static void flush(struct vsock *v, struct conn *c)
{
	while (c->len && c->h && c->writable) {
		uint32_t seg = BUF_ALLOC - c->head;
		ssize_t n;

		if (seg > c->len)
			seg = c->len;
		n = v->ops->write(v->be, c->h, c->buf + c->head, seg);
		if (n == -EAGAIN) {
			c->writable = false;
			break;
		}
		if (n <= 0) {
			conn_abort(v, c);
			return;
		}
		c->head = (c->head + (uint32_t)n) % BUF_ALLOC;
		c->len -= (uint32_t)n;
		c->fwd_cnt += (uint32_t)n;
	}
	if (!c->len && c->peer_no_send && c->h) {
		if (!c->shut_done) {
			v->ops->shutdown(v->be, c->h);
			c->shut_done = true;
		}
		/* Both ways shut and all delivered: the final reset. */
		if (c->peer_no_recv)
			c->owe = OWE_RST;
	}
	/* Tell the guest of room it does not know of, before it runs dry. */
	if (c->fwd_cnt != c->fwd_told &&
	    BUF_ALLOC - (c->rx_cnt - c->fwd_told) < BUF_ALLOC / 2)
		c->owe |= OWE_CREDIT;
}

/* --- packets from the guest --- */

static void read_hdr(const uint8_t *b, struct hdr *h)
{
	memcpy(&h->src_cid, b, 8);
	memcpy(&h->dst_cid, b + 8, 8);
	memcpy(&h->src_port, b + 16, 4);
	memcpy(&h->dst_port, b + 20, 4);
	memcpy(&h->len, b + 24, 4);
	memcpy(&h->type, b + 28, 2);
	memcpy(&h->op, b + 30, 2);
	memcpy(&h->flags, b + 32, 4);
	memcpy(&h->buf_alloc, b + 36, 4);
	memcpy(&h->fwd_cnt, b + 40, 4);
	h->src_cid = le64toh(h->src_cid);
	h->dst_cid = le64toh(h->dst_cid);
	h->src_port = le32toh(h->src_port);
	h->dst_port = le32toh(h->dst_port);
	h->len = le32toh(h->len);
	h->type = le16toh(h->type);
	h->op = le16toh(h->op);
	h->flags = le32toh(h->flags);
	h->buf_alloc = le32toh(h->buf_alloc);
	h->fwd_cnt = le32toh(h->fwd_cnt);
}

static void guest_request(struct vsock *v, const struct hdr *h)
{
	struct conn *c;
	void *hd;

	if (find(v, h->src_port, h->dst_port)) {
		queue_rst(v, h->src_port, h->dst_port);
		return;
	}
	hd = v->ops->connect(v->be, h->dst_port);
	c = hd ? conn_new(v, hd, h->src_port, h->dst_port) : NULL;
	if (!c) {
		if (hd)
			v->ops->close(v->be, hd);
		queue_rst(v, h->src_port, h->dst_port);
		return;
	}
	c->state = C_OPEN;
	c->peer_buf_alloc = h->buf_alloc;
	c->peer_fwd_cnt = h->fwd_cnt;
	c->owe |= OWE_RESPONSE;
	update_watch(v, c);
}

/* Appends the payload of @e (after the header) to the ring. */
static bool take_data(struct conn *c, const struct virtq_elem *e, uint32_t len)
{
	uint32_t tail, first;

	if (len > BUF_ALLOC - c->len)
		return false; /* beyond the credit it was given */
	tail = (c->head + c->len) % BUF_ALLOC;
	first = BUF_ALLOC - tail < len ? BUF_ALLOC - tail : len;
	if (virtq_elem_read(e, HDR, c->buf + tail, first) != first ||
	    virtq_elem_read(e, HDR + first, c->buf, len - first) != len - first)
		return false;
	c->len += len;
	c->rx_cnt += len;
	return true;
}

static void guest_packet(struct vsock *v, const struct virtq_elem *e)
{
	uint8_t raw[HDR];
	struct hdr h;
	struct conn *c;

	if (virtq_elem_read(e, 0, raw, HDR) != HDR)
		return; /* no header: nothing to answer */
	read_hdr(raw, &h);
	if (h.src_cid != v->cid || h.dst_cid != VSOCK_HOST_CID)
		return;
	if (h.op == OP_RST) {
		/* Never answered, not even when unknown. */
		c = find(v, h.src_port, h.dst_port);
		if (c && c->state == C_REQUESTED && c->h)
			v->ops->answer(v->be, c->h, false, c->hport);
		if (c)
			conn_free(v, c);
		return;
	}
	if (h.type != TYPE_STREAM || h.len > e->out_len - HDR) {
		queue_rst(v, h.src_port, h.dst_port);
		return;
	}
	if (h.op == OP_REQUEST) {
		guest_request(v, &h);
		return;
	}
	c = find(v, h.src_port, h.dst_port);
	if (!c) {
		queue_rst(v, h.src_port, h.dst_port);
		return;
	}
	c->peer_buf_alloc = h.buf_alloc;
	c->peer_fwd_cnt = h.fwd_cnt;
	switch (h.op) {
	case OP_RESPONSE:
		if (c->state != C_REQUESTED) {
			conn_abort(v, c);
			break;
		}
		c->state = C_OPEN;
		v->ops->answer(v->be, c->h, true, c->hport);
		break;
	case OP_SHUTDOWN:
		c->peer_no_recv |= !!(h.flags & SHUT_RCV);
		c->peer_no_send |= !!(h.flags & SHUT_SEND);
		break;
	case OP_RW:
		if (c->state != C_OPEN || c->peer_no_send ||
		    !take_data(c, e, h.len))
			conn_abort(v, c);
		break;
	case OP_CREDIT_REQUEST:
		c->owe |= OWE_CREDIT;
		break;
	case OP_CREDIT_UPDATE:
		break;
	default:
		conn_abort(v, c);
		break;
	}
	if (!(c->owe & OWE_RST))
		flush(v, c);
	update_watch(v, c);
}

static void serve_tx(struct vsock *v)
{
	struct virtq_elem *e;

	while (virtio_mmio_pop(v->t, TXQ, &e) > 0) {
		guest_packet(v, e);
		virtio_mmio_push(v->t, e, 0);
	}
}

/* --- packets for the guest --- */

static void put_hdr(uint8_t *b, const struct vsock *v, uint32_t hport,
		    uint32_t gport, uint32_t len, uint16_t op, uint32_t flags,
		    uint32_t fwd_cnt)
{
	uint64_t src = htole64(VSOCK_HOST_CID), dst = htole64(v->cid);
	uint32_t f[6] = {htole32(hport), htole32(gport),    htole32(len), 0,
			 htole32(flags), htole32(BUF_ALLOC)};
	uint16_t type = htole16(TYPE_STREAM), o = htole16(op);
	uint32_t fwd = htole32(fwd_cnt);

	memcpy(b, &src, 8);
	memcpy(b + 8, &dst, 8);
	memcpy(b + 16, &f[0], 12);
	memcpy(b + 28, &type, 2);
	memcpy(b + 30, &o, 2);
	memcpy(b + 32, &f[4], 8);
	memcpy(b + 40, &fwd, 4);
}

/* Whether @c has something for the guest now. */
static bool has_work(const struct conn *c)
{
	if (!c->used || c->dead)
		return false;
	if (c->owe)
		return true;
	return c->state == C_OPEN && c->readable && !c->host_eof &&
	       !c->peer_no_recv && peer_credit(c) && c->h;
}

static struct virtq_elem *rx_buffer(struct vsock *v)
{
	struct virtq_elem *e = v->spare;

	v->spare = NULL;
	if (!e && virtio_mmio_pop(v->t, RXQ, &e) <= 0)
		return NULL;
	if (e->in_len < HDR) {
		/* Too small for any packet: given back empty. */
		virtio_mmio_push(v->t, e, 0);
		return rx_buffer(v);
	}
	return e;
}

/* One packet of @c's into @e; false when it had nothing after all. */
static bool conn_packet(struct vsock *v, struct conn *c, struct virtq_elem *e)
{
	uint8_t h[HDR];
	uint16_t op;
	uint32_t flags = 0;
	ssize_t n;

	if (c->owe) {
		if (c->owe & OWE_RST)
			op = OP_RST;
		else if (c->owe & OWE_REQUEST)
			op = OP_REQUEST;
		else if (c->owe & OWE_RESPONSE)
			op = OP_RESPONSE;
		else if (c->owe & OWE_SHUTDOWN)
			op = OP_SHUTDOWN, flags = SHUT_SEND;
		else
			op = OP_CREDIT_UPDATE;
		put_hdr(h, v, c->hport, c->gport, 0, op, flags, c->fwd_cnt);
		virtq_elem_write(e, 0, h, HDR);
		virtio_mmio_push(v->t, e, HDR);
		c->fwd_told = c->fwd_cnt;
		switch (op) {
		case OP_RST:
			conn_free(v, c);
			break;
		case OP_REQUEST:
			c->owe &= ~OWE_REQUEST;
			break;
		case OP_RESPONSE:
			c->owe &= ~OWE_RESPONSE;
			break;
		case OP_SHUTDOWN:
			c->owe &= ~OWE_SHUTDOWN;
			break;
		default:
			c->owe &= ~OWE_CREDIT;
			break;
		}
		return true;
	}
	n = e->in_len - HDR;
	if (!n) {
		/* Room for a header only: no use for data. */
		virtio_mmio_push(v->t, e, 0);
		return true;
	}
	if ((size_t)n > MAX_PKT)
		n = MAX_PKT;
	if ((uint32_t)n > peer_credit(c))
		n = peer_credit(c);
	n = v->ops->read(v->be, c->h, v->bounce, (size_t)n);
	if (n == -EAGAIN) {
		c->readable = false;
		update_watch(v, c);
		return false;
	}
	if (n == 0) {
		/* The host sends no more. */
		c->host_eof = true;
		c->owe |= OWE_SHUTDOWN;
		update_watch(v, c);
		return false;
	}
	if (n < 0) {
		conn_abort(v, c);
		return false;
	}
	put_hdr(h, v, c->hport, c->gport, (uint32_t)n, OP_RW, 0, c->fwd_cnt);
	virtq_elem_write(e, 0, h, HDR);
	virtq_elem_write(e, HDR, v->bounce, (size_t)n);
	virtio_mmio_push(v->t, e, HDR + (uint32_t)n);
	c->fwd_told = c->fwd_cnt;
	c->tx_cnt += (uint32_t)n;
	return true;
}

static void serve_rx(struct vsock *v)
{
	for (;;) {
		struct conn *c = NULL;
		struct virtq_elem *e;

		if (!v->rst_len) {
			for (unsigned k = 0; k < MAX_CONNS && !c; k++) {
				unsigned i = (v->rr + k) % MAX_CONNS;

				if (has_work(&v->conns[i])) {
					c = &v->conns[i];
					v->rr = i + 1;
				}
			}
			if (!c)
				return;
		}
		e = rx_buffer(v);
		if (!e)
			return; /* resumed by the guest's next buffers */
		if (v->rst_len) {
			struct rst *r = &v->rsts[v->rst_head];
			uint8_t h[HDR];

			put_hdr(h, v, r->hport, r->gport, 0, OP_RST, 0, 0);
			virtq_elem_write(e, 0, h, HDR);
			virtio_mmio_push(v->t, e, HDR);
			v->rst_head = (v->rst_head + 1) % RST_RING;
			v->rst_len--;
			continue;
		}
		if (!conn_packet(v, c, e))
			v->spare = e;
	}
}

/* Closes what a reset left behind; loop thread, lock held. */
static void reap(struct vsock *v)
{
	for (unsigned i = 0; i < MAX_CONNS; i++)
		if (v->conns[i].used && v->conns[i].dead)
			conn_free(v, &v->conns[i]);
}

static void serve_locked(struct vsock *v)
{
	reap(v);
	serve_tx(v);
	serve_rx(v);
}

static void put(struct vsock *v)
{
	if (atomic_fetch_sub(&v->refs, 1) != 1)
		return;
	pthread_mutex_destroy(&v->lock);
	free(v);
}

static void serve(void *arg)
{
	struct vsock *v = arg;

	atomic_store(&v->kicked, false);
	pthread_mutex_lock(&v->lock);
	if (!v->destroying)
		serve_locked(v);
	pthread_mutex_unlock(&v->lock);
	put(v);
}

static void vs_notify(void *dev, unsigned q)
{
	struct vsock *v = dev;

	/* The loop does the work; one posted run serves all kicks. */
	if (atomic_exchange(&v->kicked, true))
		return;
	atomic_fetch_add(&v->refs, 1);
	if (loop_post(v->loop, serve, v)) {
		atomic_store(&v->kicked, false);
		put(v);
	}
}

static void vs_reset(void *dev)
{
	struct vsock *v = dev;

	pthread_mutex_lock(&v->lock);
	/* Handles close on the loop's thread, at its next serve(). */
	for (unsigned i = 0; i < MAX_CONNS; i++)
		if (v->conns[i].used)
			v->conns[i].dead = true;
	v->rst_len = 0;
	free(v->spare);
	v->spare = NULL;
	pthread_mutex_unlock(&v->lock);
	vs_notify(v, RXQ);
}

static const struct virtio_dev_ops vs_ops = {
	.device_id = VIRTIO_ID_VSOCK,
	.num_queues = 3,
	.queue_max = QUEUE_MAX,
	.config_size = CONFIG_SIZE,
	.features = vs_features,
	.config = vs_config,
	.notify = vs_notify,
	.reset = vs_reset,
};

/* --- the back end's calls --- */

void vsock_host_ready(struct vsock *v, void *h, bool readable, bool writable)
{
	struct conn *c;

	pthread_mutex_lock(&v->lock);
	c = find_handle(v, h);
	if (c) {
		c->readable |= readable;
		c->writable |= writable;
		if (writable)
			flush(v, c);
		update_watch(v, c);
		serve_locked(v);
	}
	pthread_mutex_unlock(&v->lock);
}

int vsock_host_connect(struct vsock *v, uint32_t port, void *h)
{
	struct conn *c;
	int ret = -ENOSPC;
	uint32_t hport;

	pthread_mutex_lock(&v->lock);
	/* Ports go round, skipping those of live connections. */
	do {
		hport = v->next_port++;
		if (v->next_port < FIRST_HOST_PORT)
			v->next_port = FIRST_HOST_PORT;
	} while (find(v, port, hport));
	c = v->destroying ? NULL : conn_new(v, h, port, hport);
	if (c) {
		c->state = C_REQUESTED;
		c->owe = OWE_REQUEST;
		serve_locked(v);
		ret = 0;
	}
	pthread_mutex_unlock(&v->lock);
	return ret;
}

/* --- life --- */

int vsock_create(struct vsock **out, uint64_t base, struct irq_line irq,
		 const struct guestmem *mem, struct loop *loop,
		 uint64_t guest_cid, const struct vsock_host_ops *ops, void *be)
{
	struct vsock *v;
	int ret;

	if (guest_cid < 3 || guest_cid > 0xfffffffeu)
		return -EINVAL;
	v = calloc(1, sizeof(*v));
	if (!v)
		return -ENOMEM;
	v->loop = loop;
	v->ops = ops;
	v->be = be;
	v->cid = guest_cid;
	v->next_port = FIRST_HOST_PORT;
	atomic_init(&v->refs, 1);
	pthread_mutex_init(&v->lock, NULL);
	ret = virtio_mmio_create(&v->t, base, irq, mem, &vs_ops, v);
	if (ret) {
		pthread_mutex_destroy(&v->lock);
		free(v);
		return ret;
	}
	*out = v;
	return 0;
}

void vsock_destroy(struct vsock *v)
{
	if (!v)
		return;
	/* Work posted before the loop stopped must not find us gone. */
	pthread_mutex_lock(&v->lock);
	v->destroying = true;
	for (unsigned i = 0; i < MAX_CONNS; i++)
		if (v->conns[i].used)
			conn_free(v, &v->conns[i]);
	free(v->spare);
	v->spare = NULL;
	pthread_mutex_unlock(&v->lock);
	virtio_mmio_destroy(v->t);
	v->t = NULL;
	/* A run still posted holds a reference; the last one frees. */
	put(v);
}

void vsock_reset(struct vsock *v)
{
	virtio_mmio_reset(v->t);
}

const struct bus_dev *vsock_bus_dev(struct vsock *v)
{
	return virtio_mmio_bus_dev(v->t);
}

int vsock_fdt(struct vsock *v, void *fdt, int parent, uint32_t plic_phandle)
{
	return virtio_mmio_fdt(v->t, fdt, parent, plic_phandle);
}

/* --- snapshots --- */

enum {
	VSOCK_REC_VERSION = 1,
	K_CID = 1,
	K_CONNS,
};
#define EVQ 2
#define EVENT_TRANSPORT_RESET 0

void vsock_quiesce(struct vsock *v)
{
	virtio_mmio_quiesce(v->t);
	/* A receive buffer held for later goes back to the ring. */
	pthread_mutex_lock(&v->lock);
	if (v->spare) {
		virtio_mmio_unpop(v->t, v->spare);
		v->spare = NULL;
	}
	pthread_mutex_unlock(&v->lock);
}

void vsock_resume(struct vsock *v)
{
	virtio_mmio_resume(v->t);
}

int vsock_save(struct vsock *v, struct rec_writer *w)
{
	uint64_t live = 0;
	int ret = virtio_mmio_save(v->t, w);

	if (ret)
		return ret;
	pthread_mutex_lock(&v->lock);
	for (unsigned i = 0; i < MAX_CONNS; i++)
		if (v->conns[i].used && !v->conns[i].dead)
			live++;
	rec_begin(w, "vsock", VSOCK_REC_VERSION);
	rec_u64(w, K_CID, v->cid);
	rec_u64(w, K_CONNS, live);
	pthread_mutex_unlock(&v->lock);
	return rec_end(w);
}

/*
 * The host's ends of the saved connections are gone: the guest is told
 * with a transport reset event, which makes it drop every connection
 * (and read its CID again), as after a migration.
 */
int vsock_load(struct vsock *v, struct rec_reader *r)
{
	struct virtq_elem *e;
	struct rec rec;
	uint64_t cid, live;
	int ret;

	ret = virtio_mmio_load(v->t, r);
	ret = ret ?: rec_next(r, "vsock", VSOCK_REC_VERSION, &rec);
	ret = ret ?: rec_get_u64(&rec, K_CID, &cid);
	ret = ret ?: rec_get_u64(&rec, K_CONNS, &live);
	if (ret)
		return ret;
	if (cid != v->cid)
		return -EINVAL;
	if (virtio_mmio_pop(v->t, EVQ, &e) > 0) {
		uint32_t id = htole32(EVENT_TRANSPORT_RESET);

		if (virtq_elem_write(e, 0, &id, sizeof(id)) == sizeof(id))
			virtio_mmio_push(v->t, e, sizeof(id));
		else
			virtio_mmio_push(v->t, e, 0);
	}
	return 0;
}
