// SPDX-License-Identifier: MIT
/*
 * Unit tests for devices/virtio/vsock against the VirtIO spec's "Socket
 * Device": a driver built by hand on the rings, a host side that records
 * what the device asks of it. Connecting both ways, refusal, data both
 * ways within the peer's credit, credit updates, resets for unknown
 * addresses, and the clean shutdown.
 */
#include "devices/virtio/vsock.h"

#include <endian.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/loop.h"
#include "vdriver.h"

static int failures;

#define CHECK(name, cond)                                              \
	do {                                                           \
		if (!(cond)) {                                         \
			printf("FAIL %s: %s (line %d)\n", name, #cond, \
			       __LINE__);                              \
			failures++;                                    \
			goto out;                                      \
		}                                                      \
	} while (0)

#define F(bit) (1ull << (bit))
#define BUF(n) (VD_RAM_BASE + 0x100000 + 0x1000ull * (n))
#define VHDR 44
#define CID 7
enum {
	OP_REQUEST = 1,
	OP_RESPONSE,
	OP_RST,
	OP_SHUTDOWN,
	OP_RW,
	OP_CREDIT_UPDATE,
	OP_CREDIT_REQUEST
};

static struct guestmem mem;
static struct loop loop;

/* --- the host side: one connection at a time, in memory --- */

struct fake_conn {
	uint32_t port;
	char got[8192]; /* from the guest */
	size_t got_len, room;
	char give[8192]; /* for the guest */
	size_t give_len, give_pos;
	bool eof, watch_r, watch_w, shut, closed, answered, answer_ok;
	uint32_t answer_port;
};

static pthread_mutex_t fake_lock = PTHREAD_MUTEX_INITIALIZER;
static struct fake_conn fc[2];

static void *f_connect(void *be, uint32_t port)
{
	if (port != 5000)
		return NULL;
	memset(&fc[0], 0, sizeof(fc[0]));
	fc[0].port = port;
	fc[0].room = sizeof(fc[0].got);
	return &fc[0];
}

static ssize_t f_read(void *be, void *h, void *buf, size_t len)
{
	struct fake_conn *c = h;
	size_t n;

	pthread_mutex_lock(&fake_lock);
	n = c->give_len - c->give_pos;
	if (n > len)
		n = len;
	memcpy(buf, c->give + c->give_pos, n);
	c->give_pos += n;
	pthread_mutex_unlock(&fake_lock);
	if (!n)
		return c->eof ? 0 : -EAGAIN;
	return (ssize_t)n;
}

static ssize_t f_write(void *be, void *h, const void *buf, size_t len)
{
	struct fake_conn *c = h;
	size_t n;

	pthread_mutex_lock(&fake_lock);
	n = c->room - c->got_len < len ? c->room - c->got_len : len;
	memcpy(c->got + c->got_len, buf, n);
	c->got_len += n;
	pthread_mutex_unlock(&fake_lock);
	return n ? (ssize_t)n : -EAGAIN;
}

static void f_watch(void *be, void *h, bool r, bool w)
{
	struct fake_conn *c = h;

	c->watch_r = r;
	c->watch_w = w;
}

static void f_shutdown(void *be, void *h)
{
	((struct fake_conn *)h)->shut = true;
}

static void f_close(void *be, void *h)
{
	((struct fake_conn *)h)->closed = true;
}

static void f_answer(void *be, void *h, bool ok, uint32_t port)
{
	struct fake_conn *c = h;

	c->answered = true;
	c->answer_ok = ok;
	c->answer_port = port;
}

static const struct vsock_host_ops fake_ops = {
	f_connect, f_read, f_write, f_watch, f_shutdown, f_close, f_answer,
};

/* --- the driver's side --- */

struct pkt {
	uint64_t src_cid, dst_cid;
	uint32_t src_port, dst_port, len;
	uint16_t type, op;
	uint32_t flags, buf_alloc, fwd_cnt;
};

static void put_pkt(uint8_t *b, const struct pkt *p)
{
	uint64_t c1 = htole64(p->src_cid), c2 = htole64(p->dst_cid);
	uint32_t w[3] = {htole32(p->src_port), htole32(p->dst_port),
			 htole32(p->len)};
	uint16_t t = htole16(p->type), o = htole16(p->op);
	uint32_t v[3] = {htole32(p->flags), htole32(p->buf_alloc),
			 htole32(p->fwd_cnt)};

	memcpy(b, &c1, 8);
	memcpy(b + 8, &c2, 8);
	memcpy(b + 16, w, 12);
	memcpy(b + 28, &t, 2);
	memcpy(b + 30, &o, 2);
	memcpy(b + 32, v, 12);
}

static void get_pkt(const uint8_t *b, struct pkt *p)
{
	memcpy(&p->src_cid, b, 8);
	memcpy(&p->dst_cid, b + 8, 8);
	memcpy(&p->src_port, b + 16, 4);
	memcpy(&p->dst_port, b + 20, 4);
	memcpy(&p->len, b + 24, 4);
	memcpy(&p->type, b + 28, 2);
	memcpy(&p->op, b + 30, 2);
	memcpy(&p->flags, b + 32, 4);
	memcpy(&p->buf_alloc, b + 36, 4);
	memcpy(&p->fwd_cnt, b + 40, 4);
	p->src_cid = le64toh(p->src_cid);
	p->dst_cid = le64toh(p->dst_cid);
	p->src_port = le32toh(p->src_port);
	p->dst_port = le32toh(p->dst_port);
	p->len = le32toh(p->len);
	p->type = le16toh(p->type);
	p->op = le16toh(p->op);
	p->flags = le32toh(p->flags);
	p->buf_alloc = le32toh(p->buf_alloc);
	p->fwd_cnt = le32toh(p->fwd_cnt);
}

struct drv {
	struct vsock *v;
	const struct bus_dev *d;
	struct vd_queue rx, tx, ev;
	unsigned rxn, txn; /* buffers used so far */
	uint16_t rx_seen;
};

static bool wait_idx(struct vd_queue *q, uint16_t idx)
{
	struct timespec ts = {0, 200000};

	for (int i = 0; i < 25000; i++) {
		if ((int16_t)(vd_used_idx(q) - idx) >= 0)
			return true;
		nanosleep(&ts, NULL);
	}
	return false;
}

/* A receive buffer of 44 + 4096 bytes, as Linux posts them. */
static void post_rx(struct drv *r)
{
	unsigned i = r->rxn++ % 16;

	vd_set_desc(&r->rx, i, BUF(i), VHDR + 4096, VIRTQ_DESC_F_WRITE, 0);
	vd_add(&r->rx, i);
	vd_wr(r->d, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
}

/* Sends one packet with @len bytes of @data; waits until it is used. */
static bool send_pkt(struct drv *r, uint16_t op, uint32_t sport, uint32_t dport,
		     uint32_t buf_alloc, uint32_t fwd_cnt, uint32_t flags,
		     const void *data, uint32_t len)
{
	unsigned i = r->txn % 16;
	struct pkt p = {CID, 2,	 sport, dport,	   len,
			1,   op, flags, buf_alloc, fwd_cnt};
	uint16_t want = (uint16_t)(r->txn + 1);

	put_pkt(vd_ptr(&mem, BUF(16 + i)), &p);
	if (len)
		memcpy((uint8_t *)vd_ptr(&mem, BUF(16 + i)) + VHDR, data, len);
	vd_set_desc(&r->tx, i, BUF(16 + i), VHDR + len, 0, 0);
	vd_add(&r->tx, i);
	r->txn++;
	vd_wr(r->d, VIRTIO_MMIO_QUEUE_NOTIFY, 1);
	return wait_idx(&r->tx, want);
}

/* The next packet the device put in the receive queue. */
static bool next_rx(struct drv *r, struct pkt *p, void *data, size_t cap)
{
	uint32_t id, len;

	if (!wait_idx(&r->rx, (uint16_t)(r->rx_seen + 1)))
		return false;
	vd_used_elem(&r->rx, r->rx_seen++, &id, &len);
	get_pkt(vd_ptr(&mem, BUF(id)), p);
	if (data)
		memcpy(data, (uint8_t *)vd_ptr(&mem, BUF(id)) + VHDR,
		       p->len < cap ? p->len : cap);
	return len == VHDR + p->len;
}

static int drv_up(struct drv *r)
{
	memset(r, 0, sizeof(*r));
	if (vsock_create(&r->v, VIRTIO_MMIO_BASE(0), (struct irq_line){0}, &mem,
			 &loop, CID, &fake_ops, NULL))
		return -1;
	r->d = vsock_bus_dev(r->v);
	vd_queue_init(&r->rx, &mem, 0, 16);
	vd_queue_init(&r->tx, &mem, 1, 16);
	vd_queue_init(&r->ev, &mem, 2, 16);
	if (!vd_negotiate(r->d, F(VIRTIO_F_VERSION_1) | F(0)))
		return -1;
	vd_setup_queue(r->d, 0, &r->rx);
	vd_setup_queue(r->d, 1, &r->tx);
	vd_setup_queue(r->d, 2, &r->ev);
	vd_driver_ok(r->d);
	return 0;
}

/* vsock_destroy and the back end's calls belong on the loop's thread. */
struct call {
	void (*fn)(struct call *);
	struct drv *r;
	void *h;
	uint32_t port;
	int ret;
	bool done;
};

static void call_run(void *arg)
{
	struct call *c = arg;

	c->fn(c);
	__atomic_store_n(&c->done, true, __ATOMIC_SEQ_CST);
}

static void on_loop(struct call *c)
{
	struct timespec ts = {0, 100000};

	c->done = false;
	loop_post(&loop, call_run, c);
	while (!__atomic_load_n(&c->done, __ATOMIC_SEQ_CST))
		nanosleep(&ts, NULL);
}

static void do_destroy(struct call *c)
{
	vsock_destroy(c->r->v);
}

static void do_ready(struct call *c)
{
	vsock_host_ready(c->r->v, c->h, true, true);
}

static void do_connect(struct call *c)
{
	c->ret = vsock_host_connect(c->r->v, c->port, c->h);
}

static void drv_down(struct drv *r)
{
	struct call c = {.fn = do_destroy, .r = r};

	if (r->v)
		on_loop(&c);
	r->v = NULL;
}

static void test_config(void)
{
	const char *name = "vsock_config";
	struct drv r;

	CHECK(name, drv_up(&r) == 0);
	CHECK(name, vd_rd(r.d, VIRTIO_MMIO_DEVICE_ID) == 19);
	CHECK(name, vd_rd(r.d, VIRTIO_MMIO_CONFIG) == CID &&
			    vd_rd(r.d, VIRTIO_MMIO_CONFIG + 4) == 0);
	/* Stream, and stream not implied by other types. */
	CHECK(name, (vd_device_features(r.d) & 0xffffff) == (F(0) | F(2)));
	CHECK(name, vsock_create(&r.v, 0, (struct irq_line){0}, &mem, &loop, 2,
				 &fake_ops, NULL) == -EINVAL);
	printf("ok %s\n", name);
out:
	drv_down(&r);
}

static void test_guest_connects(void)
{
	const char *name = "vsock_guest_connects";
	struct drv r;
	struct pkt p;
	char data[64];
	struct call ready = {.fn = do_ready, .r = &r, .h = &fc[0]};

	CHECK(name, drv_up(&r) == 0);
	for (int i = 0; i < 8; i++)
		post_rx(&r);
	/* Nobody at port 6000: reset, addressed back to the guest. */
	CHECK(name, send_pkt(&r, OP_REQUEST, 1025, 6000, 3, 0, 0, NULL, 0));
	CHECK(name, next_rx(&r, &p, NULL, 0));
	CHECK(name, p.op == OP_RST && p.src_cid == 2 && p.dst_cid == CID &&
			    p.src_port == 6000 && p.dst_port == 1025);
	/* Port 5000 answers. The guest has 3 bytes of room. */
	CHECK(name, send_pkt(&r, OP_REQUEST, 1026, 5000, 3, 0, 0, NULL, 0));
	CHECK(name, next_rx(&r, &p, NULL, 0));
	CHECK(name, p.op == OP_RESPONSE && p.src_port == 5000 &&
			    p.dst_port == 1026 && p.type == 1 &&
			    p.buf_alloc >= 65536);
	/* Data from the guest reaches the host. */
	CHECK(name, send_pkt(&r, OP_RW, 1026, 5000, 3, 0, 0, "ping", 4));
	CHECK(name, fc[0].got_len == 4 && !memcmp(fc[0].got, "ping", 4));
	/* Data for the guest: no more than its credit... */
	pthread_mutex_lock(&fake_lock);
	memcpy(fc[0].give, "hello", 5);
	fc[0].give_len = 5;
	pthread_mutex_unlock(&fake_lock);
	on_loop(&ready);
	CHECK(name, next_rx(&r, &p, data, sizeof(data)));
	CHECK(name, p.op == OP_RW && p.len == 3 && !memcmp(data, "hel", 3));
	/* ... and the rest once it says it has read them. */
	CHECK(name,
	      send_pkt(&r, OP_CREDIT_UPDATE, 1026, 5000, 3, 3, 0, NULL, 0));
	CHECK(name, next_rx(&r, &p, data, sizeof(data)));
	CHECK(name, p.op == OP_RW && p.len == 2 && !memcmp(data, "lo", 2));
	/* A credit request is answered. */
	CHECK(name,
	      send_pkt(&r, OP_CREDIT_REQUEST, 1026, 5000, 3, 5, 0, NULL, 0));
	CHECK(name, next_rx(&r, &p, NULL, 0));
	CHECK(name, p.op == OP_CREDIT_UPDATE && p.fwd_cnt == 4);
	/* A packet of a connection that does not exist: reset. */
	CHECK(name, send_pkt(&r, OP_RW, 1027, 5000, 3, 0, 0, "x", 1));
	CHECK(name, next_rx(&r, &p, NULL, 0));
	CHECK(name, p.op == OP_RST && p.dst_port == 1027);
	/* The host ends its side: the guest hears it. */
	pthread_mutex_lock(&fake_lock);
	fc[0].eof = true;
	pthread_mutex_unlock(&fake_lock);
	on_loop(&ready);
	CHECK(name, next_rx(&r, &p, NULL, 0));
	CHECK(name, p.op == OP_SHUTDOWN && (p.flags & 2));
	/* The guest closes: the host's input ends, a reset closes it all. */
	CHECK(name, send_pkt(&r, OP_SHUTDOWN, 1026, 5000, 3, 5, 3, NULL, 0));
	CHECK(name, fc[0].shut);
	CHECK(name, next_rx(&r, &p, NULL, 0));
	CHECK(name, p.op == OP_RST && p.dst_port == 1026);
	CHECK(name, fc[0].closed);
	printf("ok %s\n", name);
out:
	drv_down(&r);
}

/* The guest's credit: more than it was given resets the connection. */
static void test_credit_overrun(void)
{
	const char *name = "vsock_guest_beyond_credit";
	struct drv r;
	struct pkt p;
	static char big[4096];
	int i;

	CHECK(name, drv_up(&r) == 0);
	for (i = 0; i < 8; i++)
		post_rx(&r);
	CHECK(name, send_pkt(&r, OP_REQUEST, 1030, 5000, 4096, 0, 0, NULL, 0));
	CHECK(name, next_rx(&r, &p, NULL, 0) && p.op == OP_RESPONSE);
	/* A host that takes nothing: the device keeps what it was given. */
	pthread_mutex_lock(&fake_lock);
	fc[0].room = 0;
	pthread_mutex_unlock(&fake_lock);
	for (i = 0; i * sizeof(big) < p.buf_alloc; i++)
		CHECK(name, send_pkt(&r, OP_RW, 1030, 5000, 4096, 0, 0, big,
				     sizeof(big)));
	CHECK(name, fc[0].watch_w && !fc[0].closed);
	CHECK(name, send_pkt(&r, OP_RW, 1030, 5000, 4096, 0, 0, big, 1));
	CHECK(name, next_rx(&r, &p, NULL, 0));
	CHECK(name, p.op == OP_RST && fc[0].closed);
	printf("ok %s\n", name);
out:
	drv_down(&r);
}

static void test_host_connects(void)
{
	const char *name = "vsock_host_connects";
	struct drv r;
	struct pkt p;
	struct call conn = {
		.fn = do_connect, .r = &r, .h = &fc[1], .port = 1234};

	memset(&fc[1], 0, sizeof(fc[1]));
	fc[1].room = sizeof(fc[1].got);
	CHECK(name, drv_up(&r) == 0);
	for (int i = 0; i < 8; i++)
		post_rx(&r);
	on_loop(&conn);
	CHECK(name, conn.ret == 0);
	CHECK(name, next_rx(&r, &p, NULL, 0));
	CHECK(name, p.op == OP_REQUEST && p.src_cid == 2 && p.dst_cid == CID &&
			    p.dst_port == 1234 && p.src_port >= 0x40000000u);
	CHECK(name,
	      send_pkt(&r, OP_RESPONSE, 1234, p.src_port, 4096, 0, 0, NULL, 0));
	CHECK(name, fc[1].answered && fc[1].answer_ok &&
			    fc[1].answer_port == p.src_port);
	CHECK(name,
	      send_pkt(&r, OP_RW, 1234, p.src_port, 4096, 0, 0, "abc", 3));
	CHECK(name, fc[1].got_len == 3 && !memcmp(fc[1].got, "abc", 3));
	/* A second one the guest refuses. */
	memset(&fc[1], 0, sizeof(fc[1]));
	on_loop(&conn);
	CHECK(name, next_rx(&r, &p, NULL, 0) && p.op == OP_REQUEST);
	CHECK(name,
	      send_pkt(&r, OP_RST, 1234, p.src_port, 4096, 0, 0, NULL, 0));
	CHECK(name, fc[1].answered && !fc[1].answer_ok && fc[1].closed);
	printf("ok %s\n", name);
out:
	drv_down(&r);
}

static void *loop_thread(void *arg)
{
	loop_run(arg);
	return NULL;
}

int main(void)
{
	pthread_t th;

	if (guestmem_init(&mem, VD_RAM_BASE, VD_RAM_SIZE) || loop_init(&loop)) {
		printf("FAIL setup: guest RAM or loop\n");
		return 1;
	}
	pthread_create(&th, NULL, loop_thread, &loop);
	test_config();
	test_guest_connects();
	test_credit_overrun();
	test_host_connects();
	loop_stop(&loop);
	pthread_join(th, NULL);
	loop_destroy(&loop);
	guestmem_destroy(&mem);
	return failures ? 1 : 0;
}
