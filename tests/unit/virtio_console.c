// SPDX-License-Identifier: MIT
/*
 * Unit tests for devices/virtio/console, driven the way Linux's
 * virtio_console driver does it, against the VirtIO spec's "Console
 * Device": emergency write, one port without multiport, and with
 * VIRTIO_CONSOLE_F_MULTIPORT the control messages (DEVICE_READY,
 * DEVICE_ADD, PORT_READY, CONSOLE_PORT, PORT_NAME, PORT_OPEN), and input
 * that waits until the guest has the port open.
 */
#include "devices/virtio/console.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

#define BUF(n) (VD_RAM_BASE + 0x100000 + 0x1000ull * (n))
#define F(bit) (1ull << (bit))
#define MODERN (F(VIRTIO_F_VERSION_1))
#define MULTIPORT F(1)

static struct guestmem mem;

struct sink {
	int level;
};

static void sink_set(void *opaque, unsigned line, int level)
{
	((struct sink *)opaque)->level = level;
}

struct backend {
	struct chardev cd;
	char out[256];
	size_t n;
	int resumes;
	int opens, closes;
};

static void be_write(struct chardev *cd, const void *buf, size_t len)
{
	struct backend *b = (struct backend *)cd;

	if (b->n + len <= sizeof(b->out))
		memcpy(b->out + b->n, buf, len);
	b->n += len;
}

static void be_resume(struct chardev *cd)
{
	((struct backend *)cd)->resumes++;
}

static void be_opened(struct chardev *cd, bool open)
{
	struct backend *b = (struct backend *)cd;

	if (open)
		b->opens++;
	else
		b->closes++;
}

static void be_init(struct backend *b)
{
	memset(b, 0, sizeof(*b));
	b->cd.write = be_write;
	b->cd.resume = be_resume;
	b->cd.opened = be_opened;
}

/* The driver's side of a port-0-only console. */
static void test_single_port(void)
{
	const char *name = "console_single_port";
	struct backend be;
	struct vcon *c = NULL;
	struct sink s = {0};
	const struct bus_dev *d;
	struct vd_queue rx, tx;
	uint32_t id, len;

	be_init(&be);
	CHECK(name,
	      vcon_create(&c, VIRTIO_MMIO_BASE(1),
			  (struct irq_line){sink_set, &s, 2}, &mem,
			  &(struct vcon_port_config){.cd = &be.cd}, 1) == 0);
	d = vcon_bus_dev(c);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_DEVICE_ID) == 3);
	/* Emergency write and multiport; no size. */
	CHECK(name, (uint32_t)vd_device_features(d) ==
			    (F(2) | MULTIPORT | F(VIRTIO_F_INDIRECT_DESC) |
			     F(VIRTIO_F_EVENT_IDX)));
	CHECK(name, vd_rd(d, VIRTIO_MMIO_CONFIG + 4) == 1); /* max_nr_ports */
	d->ops->write(d->opaque, 0x108, 'Z', 4);
	CHECK(name, be.n == 1 && be.out[0] == 'Z');
	be.n = 0;

	/* A driver without multiport: port 0 takes input once it has
	 * buffers. */
	CHECK(name, chardev_receive(&be.cd, "abc", 3) == 0);
	vd_queue_init(&rx, &mem, 0, 8);
	vd_queue_init(&tx, &mem, 1, 8);
	CHECK(name, vd_negotiate(d, MODERN));
	vd_setup_queue(d, 0, &rx);
	vd_setup_queue(d, 1, &tx);
	vd_set_desc(&rx, 0, BUF(0), 4, VIRTQ_DESC_F_WRITE, 0);
	vd_add(&rx, 0);
	vd_driver_ok(d);
	CHECK(name, be.resumes == 1);
	CHECK(name, chardev_receive(&be.cd, "abcdef", 6) == 4);
	CHECK(name, !memcmp(vd_ptr(&mem, BUF(0)), "abcd", 4));
	vd_used_elem(&rx, 0, &id, &len);
	CHECK(name, vd_used_idx(&rx) == 1 && id == 0 && len == 4);
	CHECK(name, s.level == 1);
	/* Out of buffers: resume when the guest adds one. */
	vd_set_desc(&rx, 1, BUF(1), 16, VIRTQ_DESC_F_WRITE, 0);
	vd_add(&rx, 1);
	vd_wr(d, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	CHECK(name, be.resumes == 2);
	CHECK(name, chardev_receive(&be.cd, "ef", 2) == 2);
	vd_used_elem(&rx, 1, &id, &len);
	CHECK(name, id == 1 && len == 2);
	/* A spurious notify while not starved resumes nothing. */
	vd_wr(d, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	CHECK(name, be.resumes == 2);

	/* Transmit: two readable buffers in one chain. */
	memcpy(vd_ptr(&mem, BUF(2)), "hello, ", 7);
	memcpy(vd_ptr(&mem, BUF(3)), "world", 5);
	vd_set_desc(&tx, 0, BUF(2), 7, VIRTQ_DESC_F_NEXT, 1);
	vd_set_desc(&tx, 1, BUF(3), 5, 0, 0);
	vd_add(&tx, 0);
	vd_wr(d, VIRTIO_MMIO_QUEUE_NOTIFY, 1);
	CHECK(name, be.n == 12 && !memcmp(be.out, "hello, world", 12));
	vd_used_elem(&tx, 0, &id, &len);
	CHECK(name, vd_used_idx(&tx) == 1 && id == 0 && len == 0);
	/* No port-open messages without multiport. */
	CHECK(name, be.opens == 0 && be.closes == 0);
	printf("ok %s\n", name);
out:
	vcon_destroy(c);
	if (be.cd.receive) {
		printf("FAIL console_detach: receive still set\n");
		failures++;
	} else {
		printf("ok console_detach\n");
	}
}

/* A multiport driver: control queues and two ports. */
struct mp {
	struct vcon *c;
	const struct bus_dev *d;
	struct sink s;
	struct backend be[2];
	struct vd_queue q[6];
	unsigned cbuf;	 /* next control receive buffer */
	uint16_t cused;	 /* control messages read so far */
	unsigned ctx;	 /* next control transmit descriptor */
	unsigned rxbuf0; /* next receive buffer for port 0 */
};

#define CTRL_RX_BUF(i) (BUF(16) + 0x100ull * (i))
#define CTRL_TX_BUF(i) (BUF(24) + 0x10ull * (i))

static void mp_ctrl_post(struct mp *m, unsigned n)
{
	for (unsigned i = 0; i < n; i++, m->cbuf++) {
		vd_set_desc(&m->q[2], m->cbuf % 8, CTRL_RX_BUF(m->cbuf % 8),
			    0x100, VIRTQ_DESC_F_WRITE, 0);
		vd_add(&m->q[2], m->cbuf % 8);
	}
	vd_wr(m->d, VIRTIO_MMIO_QUEUE_NOTIFY, 2);
}

static void mp_ctrl_send(struct mp *m, uint32_t id, uint16_t event,
			 uint16_t value)
{
	uint8_t *p = vd_ptr(&mem, CTRL_TX_BUF(m->ctx % 8));
	uint32_t i = htole32(id);
	uint16_t e = htole16(event), v = htole16(value);

	memcpy(p, &i, 4);
	memcpy(p + 4, &e, 2);
	memcpy(p + 6, &v, 2);
	vd_set_desc(&m->q[3], m->ctx % 8, CTRL_TX_BUF(m->ctx % 8), 8, 0, 0);
	vd_add(&m->q[3], m->ctx % 8);
	m->ctx++;
	vd_wr(m->d, VIRTIO_MMIO_QUEUE_NOTIFY, 3);
}

/* The next control message the device sent: event, id, value, name. */
static bool mp_ctrl_next(struct mp *m, uint32_t *id, uint16_t *event,
			 uint16_t *value, char *name)
{
	uint32_t head, len;
	uint8_t *p;

	if (vd_used_idx(&m->q[2]) == m->cused)
		return false;
	vd_used_elem(&m->q[2], m->cused++, &head, &len);
	p = vd_ptr(&mem, CTRL_RX_BUF(head));
	memcpy(id, p, 4);
	memcpy(event, p + 4, 2);
	memcpy(value, p + 6, 2);
	*id = le32toh(*id);
	*event = le16toh(*event);
	*value = le16toh(*value);
	if (name) {
		memcpy(name, p + 8, len - 8);
		name[len - 8] = 0;
	}
	return true;
}

static bool mp_expect(struct mp *m, uint32_t id, uint16_t event, uint16_t value,
		      const char *name)
{
	uint32_t i;
	uint16_t e, v;
	char n[80] = "";

	if (!mp_ctrl_next(m, &i, &e, &v, n))
		return false;
	if (i != id || e != event || v != value)
		return false;
	return !name || !strcmp(n, name);
}

static void mp_rx_post0(struct mp *m)
{
	unsigned i = m->rxbuf0++;

	vd_set_desc(&m->q[0], i % 8, BUF(i % 8), 64, VIRTQ_DESC_F_WRITE, 0);
	vd_add(&m->q[0], i % 8);
	vd_wr(m->d, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
}

static int mp_init(struct mp *m)
{
	struct vcon_port_config ports[2];

	memset(m, 0, sizeof(*m));
	be_init(&m->be[0]);
	be_init(&m->be[1]);
	ports[0] = (struct vcon_port_config){.cd = &m->be[0].cd};
	ports[1] = (struct vcon_port_config){.cd = &m->be[1].cd,
					     .name = "org.hvrun.test"};
	if (vcon_create(&m->c, VIRTIO_MMIO_BASE(1),
			(struct irq_line){sink_set, &m->s, 2}, &mem, ports, 2))
		return -1;
	m->d = vcon_bus_dev(m->c);
	for (unsigned i = 0; i < 6; i++)
		vd_queue_init(&m->q[i], &mem, i, 8);
	if (!vd_negotiate(m->d, MODERN | MULTIPORT))
		return -1;
	for (unsigned i = 0; i < 6; i++)
		vd_setup_queue(m->d, i, &m->q[i]);
	vd_driver_ok(m->d);
	return 0;
}

static void test_multiport(void)
{
	const char *name = "console_multiport_port_open";
	struct mp m;

	CHECK(name, mp_init(&m) == 0);
	CHECK(name, vd_rd(m.d, VIRTIO_MMIO_CONFIG + 4) == 2);
	/* Linux's probe: receive buffers, then DEVICE_READY. */
	mp_rx_post0(&m);
	mp_ctrl_post(&m, 4);
	CHECK(name, chardev_receive(&m.be[0].cd, "early", 5) == 0);
	mp_ctrl_send(&m, 0, 0 /* DEVICE_READY */, 1);
	CHECK(name, mp_expect(&m, 0, 1 /* DEVICE_ADD */, 0, NULL));
	CHECK(name, mp_expect(&m, 1, 1, 0, NULL));
	CHECK(name, !mp_ctrl_next(&m, &(uint32_t){0}, &(uint16_t){0},
				  &(uint16_t){0}, NULL));
	/* Port 0 set up: it is the console, the host side is open. */
	mp_ctrl_send(&m, 0, 3 /* PORT_READY */, 1);
	CHECK(name, mp_expect(&m, 0, 4 /* CONSOLE_PORT */, 1, NULL));
	CHECK(name, mp_expect(&m, 0, 6 /* PORT_OPEN */, 1, NULL));
	/* Buffers posted but the guest has not opened the port: wait. */
	CHECK(name, chardev_receive(&m.be[0].cd, "early", 5) == 0);
	CHECK(name, m.be[0].resumes == 0);
	/* Port 1: its name, then open. Control buffers ran out: the
	 * messages wait for more. */
	mp_ctrl_send(&m, 1, 3, 1);
	CHECK(name, !mp_ctrl_next(&m, &(uint32_t){0}, &(uint16_t){0},
				  &(uint16_t){0}, NULL));
	mp_ctrl_post(&m, 2);
	CHECK(name, mp_expect(&m, 1, 7 /* PORT_NAME */, 0, "org.hvrun.test"));
	CHECK(name, mp_expect(&m, 1, 6, 1, NULL));
	/* The guest opens port 0: the back end hears it and may send. */
	mp_ctrl_send(&m, 0, 6, 1);
	CHECK(name, m.be[0].opens == 1 && m.be[0].resumes == 1);
	CHECK(name, m.be[1].opens == 0);
	CHECK(name, chardev_receive(&m.be[0].cd, "early", 5) == 5);
	CHECK(name, !memcmp(vd_ptr(&mem, BUF(0)), "early", 5));
	/* Port 1 is still closed: its input waits. */
	CHECK(name, chardev_receive(&m.be[1].cd, "x", 1) == 0);
	/* A port that does not exist, and a short message: ignored. */
	mp_ctrl_send(&m, 7, 6, 1);
	vd_set_desc(&m.q[3], 0, CTRL_TX_BUF(0), 3, 0, 0);
	vd_add(&m.q[3], 0);
	vd_wr(m.d, VIRTIO_MMIO_QUEUE_NOTIFY, 3);
	CHECK(name,
	      !(vd_rd(m.d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET));
	/* Closing port 0 stops its input. */
	mp_ctrl_send(&m, 0, 6, 0);
	CHECK(name, m.be[0].closes == 1);
	mp_rx_post0(&m);
	CHECK(name, chardev_receive(&m.be[0].cd, "late", 4) == 0);
	CHECK(name, m.be[0].resumes == 1);
	/* Open again: resumed, and the buffer takes the input. */
	mp_ctrl_send(&m, 0, 6, 1);
	CHECK(name, m.be[0].resumes == 2 && m.be[0].opens == 2);
	CHECK(name, chardev_receive(&m.be[0].cd, "late", 4) == 4);
	/* Output on port 1's transmitq goes to its own back end. */
	memcpy(vd_ptr(&mem, BUF(10)), "agent", 5);
	vd_set_desc(&m.q[5], 0, BUF(10), 5, 0, 0);
	vd_add(&m.q[5], 0);
	vd_wr(m.d, VIRTIO_MMIO_QUEUE_NOTIFY, 5);
	CHECK(name, m.be[1].n == 5 && !memcmp(m.be[1].out, "agent", 5));
	CHECK(name, m.be[0].n == 0);
	/* A reset closes the open ports. */
	vd_wr(m.d, VIRTIO_MMIO_STATUS, 0);
	CHECK(name, m.be[0].closes == 2 && m.be[1].closes == 0);
	CHECK(name, chardev_receive(&m.be[0].cd, "x", 1) == 0);
	printf("ok %s\n", name);
out:
	vcon_destroy(m.c);
}

static void test_bad_config(void)
{
	const char *name = "console_port_config";
	struct vcon *c = NULL;
	struct sink s;
	struct vcon_port_config p[2] = {{0}, {0}};

	CHECK(name, vcon_create(&c, VIRTIO_MMIO_BASE(1),
				(struct irq_line){sink_set, &s, 2}, &mem, p,
				0) == -EINVAL);
	/* Ports past 0 need a name. */
	CHECK(name, vcon_create(&c, VIRTIO_MMIO_BASE(1),
				(struct irq_line){sink_set, &s, 2}, &mem, p,
				2) == -EINVAL);
	printf("ok %s\n", name);
out:
	return;
}

int main(void)
{
	if (guestmem_init(&mem, VD_RAM_BASE, VD_RAM_SIZE)) {
		printf("FAIL guestmem: cannot map guest RAM\n");
		return 1;
	}
	test_single_port();
	test_multiport();
	test_bad_config();
	guestmem_destroy(&mem);
	return failures ? 1 : 0;
}
