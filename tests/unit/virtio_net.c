// SPDX-License-Identifier: MIT
/*
 * Unit tests for devices/virtio/net against the VirtIO spec's "Network
 * Device": rings built by hand through the virtio-mmio registers, first
 * with a recording back end (headers, gathering, no-buffer flow control,
 * reset), then with a real libslirp answering an ARP request the "guest"
 * transmits.
 */
#include "devices/virtio/net.h"

#include <errno.h>
#include <uv.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "net/net-internal.h"
#include "vdriver.h"
#include "base/loop.h"

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
#define NET_F_MAC 5
#define NET_F_STATUS 16
#define FEATURES (F(VIRTIO_F_VERSION_1) | F(NET_F_MAC) | F(NET_F_STATUS))
#define BUF(n) (VD_RAM_BASE + 0x100000 + 0x1000ull * (n))
#define HDR 12

static struct guestmem mem;

/* A back end that records what the guest sends. */
struct fake {
	struct net_backend be;
	uint8_t last[2048];
	size_t last_len;
	unsigned sent, resumed;
};

static int fake_send(struct net_backend *be, const struct iovec *iov,
		     int iovcnt)
{
	struct fake *f = (struct fake *)be;
	size_t off = 0;

	for (int i = 0; i < iovcnt; i++) {
		if (off + iov[i].iov_len <= sizeof(f->last))
			memcpy(f->last + off, iov[i].iov_base, iov[i].iov_len);
		off += iov[i].iov_len;
	}
	f->last_len = off;
	f->sent++;
	return 0;
}

static void fake_resume(struct net_backend *be)
{
	((struct fake *)be)->resumed++;
}

static void fake_destroy(struct net_backend *be)
{
}

static const struct net_backend_ops fake_ops = {
	.send = fake_send,
	.resume = fake_resume,
	.destroy = fake_destroy,
};

struct sink {
	int level;
};

static void sink_set(void *opaque, unsigned line, int level)
{
	__atomic_store_n(&((struct sink *)opaque)->level, level,
			 __ATOMIC_SEQ_CST);
}

struct rig {
	struct vnet *n;
	const struct bus_dev *d;
	struct vd_queue rx, tx;
	struct sink s;
};

static int rig_up(struct rig *r, struct net_backend *be)
{
	uint8_t mac[6];
	int ret;

	memset(r, 0, sizeof(*r));
	vnet_default_mac(mac, 1);
	ret = vnet_create(&r->n, VIRTIO_MMIO_BASE(1),
			  (struct irq_line){sink_set, &r->s, 2}, &mem, be, mac);
	if (ret)
		return ret;
	r->d = vnet_bus_dev(r->n);
	vd_queue_init(&r->rx, &mem, 0, 16);
	vd_queue_init(&r->tx, &mem, 1, 16);
	if (!vd_negotiate(r->d, FEATURES))
		return -EINVAL;
	vd_setup_queue(r->d, 0, &r->rx);
	vd_setup_queue(r->d, 1, &r->tx);
	vd_driver_ok(r->d);
	return 0;
}

static void rig_down(struct rig *r)
{
	vnet_destroy(r->n);
	r->n = NULL;
}

/* A receive buffer of @len bytes at BUF(@n), as descriptor @n. */
static void add_rx(struct rig *r, unsigned n, uint32_t len)
{
	vd_set_desc(&r->rx, n, BUF(n), len, VIRTQ_DESC_F_WRITE, 0);
	vd_add(&r->rx, (uint16_t)n);
}

static void test_config(void)
{
	const char *name = "config";
	struct fake f = {.be.ops = &fake_ops};
	struct rig r;
	uint32_t w0, w1;
	uint64_t feat;

	CHECK(name, rig_up(&r, &f.be) == 0);
	CHECK(name, vd_rd(r.d, VIRTIO_MMIO_DEVICE_ID) == 1);
	feat = vd_device_features(r.d);
	/* MAC and STATUS; no CSUM (0), GUEST_CSUM (1), GSO, MRG_RXBUF. */
	CHECK(name, (feat & 0xffffff) == (F(NET_F_MAC) | F(NET_F_STATUS)));
	CHECK(name, feat & F(VIRTIO_F_VERSION_1));
	w0 = vd_rd(r.d, 0x100);
	w1 = vd_rd(r.d, 0x104);
	/* 52:54:00:12:34:57 (slot 1), then status VIRTIO_NET_S_LINK_UP. */
	CHECK(name, w0 == 0x12005452u);
	CHECK(name, (w1 & 0xffff) == 0x5734);
	CHECK(name, (w1 >> 16) == 1);
	printf("ok %s\n", name);
out:
	rig_down(&r);
}

static void test_tx(void)
{
	const char *name = "tx";
	struct fake f = {.be.ops = &fake_ops};
	uint8_t frame[60];
	uint32_t id, len;
	struct rig r;

	for (unsigned i = 0; i < sizeof(frame); i++)
		frame[i] = (uint8_t)(i * 3 + 1);
	CHECK(name, rig_up(&r, &f.be) == 0);
	/* Header and the first 20 bytes in one buffer, the rest in another. */
	memset(vd_ptr(&mem, BUF(0)), 0, HDR);
	memcpy(vd_ptr(&mem, BUF(0)) + HDR, frame, 20);
	memcpy(vd_ptr(&mem, BUF(1)), frame + 20, 40);
	vd_set_desc(&r.tx, 0, BUF(0), HDR + 20, VIRTQ_DESC_F_NEXT, 1);
	vd_set_desc(&r.tx, 1, BUF(1), 40, 0, 0);
	vd_add(&r.tx, 0);
	vd_wr(r.d, VIRTIO_MMIO_QUEUE_NOTIFY, 1);
	CHECK(name, f.sent == 1);
	CHECK(name, f.last_len == 60 && !memcmp(f.last, frame, 60));
	CHECK(name, vd_used_idx(&r.tx) == 1);
	vd_used_elem(&r.tx, 0, &id, &len);
	CHECK(name, id == 0 && len == 0);
	CHECK(name, r.s.level == 1);

	/* The header alone in its own descriptor works the same. */
	vd_set_desc(&r.tx, 2, BUF(0), HDR, VIRTQ_DESC_F_NEXT, 3);
	vd_set_desc(&r.tx, 3, BUF(2), 60, 0, 0);
	memcpy(vd_ptr(&mem, BUF(2)), frame, 60);
	vd_add(&r.tx, 2);
	vd_wr(r.d, VIRTIO_MMIO_QUEUE_NOTIFY, 1);
	CHECK(name,
	      f.sent == 2 && f.last_len == 60 && !memcmp(f.last, frame, 60));

	/* A chain shorter than the header breaks the device. */
	vd_set_desc(&r.tx, 4, BUF(0), HDR - 2, 0, 0);
	vd_add(&r.tx, 4);
	vd_wr(r.d, VIRTIO_MMIO_QUEUE_NOTIFY, 1);
	CHECK(name, f.sent == 2);
	CHECK(name, vd_rd(r.d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	printf("ok %s\n", name);
out:
	rig_down(&r);
}

static void test_rx(void)
{
	const char *name = "rx";
	struct fake f = {.be.ops = &fake_ops};
	uint8_t frame[200];
	uint8_t *b;
	uint32_t id, len;
	struct rig r;

	for (unsigned i = 0; i < sizeof(frame); i++)
		frame[i] = (uint8_t)(i ^ 0x5a);
	CHECK(name, rig_up(&r, &f.be) == 0);
	/* No buffer yet: the back end must keep the frame. */
	CHECK(name, !f.be.fe.receive(f.be.fe.opaque, frame, sizeof(frame)));
	f.resumed = 0; /* DRIVER_OK looked at every queue already */
	/* A buffer arrives: the notify resumes the back end. */
	memset(vd_ptr(&mem, BUF(0)), 0xee, 1526);
	add_rx(&r, 0, 1526);
	vd_wr(r.d, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	CHECK(name, f.resumed == 1);
	r.s.level = 0;
	CHECK(name, f.be.fe.receive(f.be.fe.opaque, frame, sizeof(frame)));
	CHECK(name, vd_used_idx(&r.rx) == 1);
	vd_used_elem(&r.rx, 0, &id, &len);
	CHECK(name, id == 0 && len == HDR + sizeof(frame));
	b = vd_ptr(&mem, BUF(0));
	/* flags, gso_type, hdr_len, gso_size, csum_*: 0; num_buffers 1. */
	for (int i = 0; i < 10; i++)
		CHECK(name, b[i] == 0);
	CHECK(name, b[10] == 1 && b[11] == 0);
	CHECK(name, !memcmp(b + HDR, frame, sizeof(frame)));
	CHECK(name, b[HDR + sizeof(frame)] == 0xee);
	CHECK(name, r.s.level == 1);

	/* A buffer scattered over three descriptors. */
	vd_set_desc(&r.rx, 1, BUF(1), 5, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT,
		    2);
	vd_set_desc(&r.rx, 2, BUF(2), 100,
		    VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 3);
	vd_set_desc(&r.rx, 3, BUF(3), 1500, VIRTQ_DESC_F_WRITE, 0);
	vd_add(&r.rx, 1);
	CHECK(name, f.be.fe.receive(f.be.fe.opaque, frame, sizeof(frame)));
	vd_used_elem(&r.rx, 1, &id, &len);
	CHECK(name, id == 1 && len == HDR + sizeof(frame));
	CHECK(name, !memcmp(vd_ptr(&mem, BUF(2)) + 7, frame, 93));
	CHECK(name, !memcmp(vd_ptr(&mem, BUF(3)), frame + 93, 107));

	/* Too small for the frame: dropped, buffer returned empty. */
	add_rx(&r, 4, 100);
	CHECK(name, f.be.fe.receive(f.be.fe.opaque, frame, sizeof(frame)));
	vd_used_elem(&r.rx, 2, &id, &len);
	CHECK(name, id == 4 && len == 0);

	/* After a reset nothing is received until the driver is back. */
	add_rx(&r, 5, 1526);
	vd_wr(r.d, VIRTIO_MMIO_STATUS, 0);
	CHECK(name, !f.be.fe.receive(f.be.fe.opaque, frame, sizeof(frame)));
	printf("ok %s\n", name);
out:
	rig_down(&r);
}

/* ---- With libslirp: the guest asks who 10.0.2.2 is ---- */

struct waiter {
	struct vd_queue *q;
	uint16_t want;
	uv_timer_t t;
	unsigned ticks;
};

static void waiter_cb(uv_timer_t *t)
{
	struct waiter *w = t->data;

	if ((int16_t)(vd_used_idx(w->q) - w->want) >= 0 || ++w->ticks > 2000)
		uv_stop(t->loop);
}

static void test_slirp_arp(void)
{
	const char *name = "slirp_arp";
	static const uint8_t slirp_mac[6] = {0x52, 0x55, 0x0a,
					     0x00, 0x02, 0x02};
	struct net_slirp_config cfg;
	struct net_backend *be = NULL;
	struct waiter w = {0};
	struct loop l = {0};
	struct rig r = {0};
	uint8_t *f, *a;
	uint8_t mac[6];
	char err[256];
	uint32_t id, len;

	CHECK(name, loop_init(&l) == 0);
	net_slirp_parse("user", &cfg, err, sizeof(err));
	CHECK(name, net_slirp_create(&be, &l, &cfg, err, sizeof(err)) == 0);
	CHECK(name, rig_up(&r, be) == 0);
	vnet_default_mac(mac, 1);

	add_rx(&r, 0, 1526);
	f = vd_ptr(&mem, BUF(8));
	memset(f, 0, HDR + 42);
	f += HDR;
	memset(f, 0xff, 6);
	memcpy(f + 6, mac, 6);
	f[12] = 0x08, f[13] = 0x06;
	f[14] = 0, f[15] = 1, f[16] = 0x08, f[17] = 0, f[18] = 6, f[19] = 4;
	f[20] = 0, f[21] = 1; /* request */
	memcpy(f + 22, mac, 6);
	f[28] = 10, f[29] = 0, f[30] = 2, f[31] = 15;
	f[38] = 10, f[39] = 0, f[40] = 2, f[41] = 2;
	vd_set_desc(&r.tx, 0, BUF(8), HDR + 42, 0, 0);
	vd_add(&r.tx, 0);
	vd_wr(r.d, VIRTIO_MMIO_QUEUE_NOTIFY, 1);

	w.q = &r.rx;
	w.want = 1;
	uv_timer_init(loop_uv(&l), &w.t);
	w.t.data = &w;
	uv_timer_start(&w.t, waiter_cb, 1, 1);
	uv_run(loop_uv(&l), UV_RUN_DEFAULT);
	uv_close((uv_handle_t *)&w.t, NULL);

	CHECK(name, vd_used_idx(&r.rx) == 1);
	vd_used_elem(&r.rx, 0, &id, &len);
	/* slirp pads its ARP reply to Ethernet's 60-byte minimum. */
	CHECK(name, id == 0 && len >= HDR + 42);
	a = vd_ptr(&mem, BUF(0));
	CHECK(name, a[10] == 1); /* num_buffers */
	a += HDR;
	CHECK(name, !memcmp(a, mac, 6) && a[12] == 0x08 && a[13] == 0x06);
	CHECK(name, a[21] == 2 && !memcmp(a + 22, slirp_mac, 6));
	CHECK(name, a[28] == 10 && a[29] == 0 && a[30] == 2 && a[31] == 2);
	printf("ok %s\n", name);
out:
	if (r.n)
		rig_down(&r);
	net_destroy(be);
	loop_destroy(&l);
}

/* ---- With a tap interface (needs CAP_NET_ADMIN) ---- */

static void test_tap(void)
{
	const char *name = "tap";
	static const char payload[] = "hvrun-tap-test";
	struct net_tap_config cfg;
	struct net_backend *be = NULL;
	struct sockaddr_ll sll = {0};
	struct waiter w = {0};
	struct loop l = {0};
	struct rig r = {0};
	struct ifreq ifr = {0};
	uint8_t mac[6], buf[2048], *f;
	char err[256], opt[64];
	bool seen = false;
	int ps = -1, cs = -1;
	uint32_t id, len;

	snprintf(opt, sizeof(opt), "tap,ifname=hvt%d", (int)getpid() % 100000);
	CHECK(name, net_tap_parse(opt, &cfg, err, sizeof(err)) == 0);
	CHECK(name, loop_init(&l) == 0);
	if (net_tap_create(&be, &l, &cfg, err, sizeof(err))) {
		CHECK(name, strncmp(err, "--net tap", 9) == 0);
		printf("skip %s: %s\n", name, err);
		goto out;
	}
	/* The interface up, and a packet socket on it for the host side. */
	cs = socket(AF_INET, SOCK_DGRAM, 0);
	memcpy(ifr.ifr_name, cfg.ifname, sizeof(ifr.ifr_name));
	CHECK(name, ioctl(cs, SIOCGIFFLAGS, &ifr) == 0);
	ifr.ifr_flags |= IFF_UP;
	CHECK(name, ioctl(cs, SIOCSIFFLAGS, &ifr) == 0);
	ps = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	CHECK(name, ps >= 0);
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_ALL);
	sll.sll_ifindex = (int)if_nametoindex(cfg.ifname);
	CHECK(name, bind(ps, (struct sockaddr *)&sll, sizeof(sll)) == 0);

	CHECK(name, rig_up(&r, be) == 0);
	vnet_default_mac(mac, 1);

	/* Guest -> tap: the frame shows up on the interface. */
	f = vd_ptr(&mem, BUF(8));
	memset(f, 0, HDR + 60);
	memset(f + HDR, 0xff, 6);
	memcpy(f + HDR + 6, mac, 6);
	f[HDR + 12] = 0x88, f[HDR + 13] = 0xb5;
	memcpy(f + HDR + 14, payload, sizeof(payload));
	vd_set_desc(&r.tx, 0, BUF(8), HDR + 60, 0, 0);
	vd_add(&r.tx, 0);
	vd_wr(r.d, VIRTIO_MMIO_QUEUE_NOTIFY, 1);
	for (int i = 0; i < 50 && !seen; i++) {
		struct pollfd pfd = {.fd = ps, .events = POLLIN};
		ssize_t n;

		if (poll(&pfd, 1, 100) <= 0)
			continue;
		n = recv(ps, buf, sizeof(buf), 0);
		seen = n >= 60 && buf[12] == 0x88 && buf[13] == 0xb5 &&
		       !memcmp(buf + 6, mac, 6) &&
		       !memcmp(buf + 14, payload, sizeof(payload));
	}
	CHECK(name, seen);

	/* Interface -> tap -> the guest's receive ring. */
	for (unsigned i = 0; i < 8; i++)
		add_rx(&r, i, 1526);
	vd_wr(r.d, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	memcpy(buf, mac, 6);
	memcpy(buf + 6, "\x02\x00\x00\x00\x00\x01", 6);
	buf[12] = 0x88, buf[13] = 0xb6;
	memset(buf + 14, 0, 46);
	memcpy(buf + 14, payload, sizeof(payload));
	CHECK(name, send(ps, buf, 60, 0) == 60);
	seen = false;
	w.q = &r.rx;
	uv_timer_init(loop_uv(&l), &w.t);
	w.t.data = &w;
	/* Other frames (the host's IPv6 chatter) may come first. */
	for (uint16_t k = 1; k <= 8 && !seen; k++) {
		w.want = k;
		w.ticks = 0;
		uv_timer_start(&w.t, waiter_cb, 1, 1);
		uv_run(loop_uv(&l), UV_RUN_DEFAULT);
		if (vd_used_idx(&r.rx) < k)
			break;
		vd_used_elem(&r.rx, k - 1, &id, &len);
		f = vd_ptr(&mem, BUF(id)) + HDR;
		seen = len == HDR + 60 && f[12] == 0x88 && f[13] == 0xb6 &&
		       !memcmp(f + 14, payload, sizeof(payload));
	}
	uv_close((uv_handle_t *)&w.t, NULL);
	CHECK(name, seen);
	printf("ok %s\n", name);
out:
	if (r.n)
		rig_down(&r);
	net_destroy(be);
	if (l.impl)
		loop_destroy(&l);
	if (ps >= 0)
		close(ps);
	if (cs >= 0)
		close(cs);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (guestmem_init(&mem, VD_RAM_BASE, VD_RAM_SIZE)) {
		printf("FAIL setup: guest memory\n");
		return 1;
	}
	test_config();
	test_tx();
	test_rx();
	test_slirp_arp();
	test_tap();
	guestmem_destroy(&mem);
	return failures ? 1 : 0;
}
