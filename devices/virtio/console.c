// SPDX-License-Identifier: MIT
/*
 * virtio-console: VirtIO spec "Device Types / Console Device", with
 * VIRTIO_CONSOLE_F_MULTIPORT ("Multiport Device Operation") and
 * VIRTIO_CONSOLE_F_EMERG_WRITE; VIRTIO_CONSOLE_F_SIZE is not offered.
 *
 * Multiport is offered even for the console alone, for its control
 * messages: they say when the guest's driver has a port set up and open
 * (VIRTIO_CONSOLE_PORT_OPEN). Input sent before that is thrown away by
 * Linux (its receive interrupt finds no port yet, or the port closed),
 * so the device takes input for a port only while it is open. A driver
 * that does not accept multiport gets port 0 alone, fed as soon as it
 * posts receive buffers.
 */
#include "devices/virtio/console.h"

#include <endian.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "devices/virtio/mmio.h"
#include "base/record.h"

#define CONSOLE_F_MULTIPORT 1
#define CONSOLE_F_EMERG_WRITE 2

/* Queues: port 0's pair, the control pair, then port 1's, 2's... */
#define CTRL_RXQ 2
#define CTRL_TXQ 3
#define QUEUE_MAX 128

/* struct virtio_console_config: cols, rows, max_nr_ports, emerg_wr. */
#define CONFIG_SIZE 12
#define CONFIG_EMERG_WR 8

/* struct virtio_console_control's events. */
enum {
	CTRL_DEVICE_READY = 0,
	CTRL_DEVICE_ADD = 1,
	CTRL_PORT_READY = 3,
	CTRL_CONSOLE_PORT = 4,
	CTRL_PORT_OPEN = 6,
	CTRL_PORT_NAME = 7,
};
#define CTRL_SIZE 8
/* Messages for the driver while it has no buffer for them. */
#define CTRL_PENDING 32

struct ctrl_msg {
	uint32_t id;
	uint16_t event, value;
};

struct vcon_port {
	struct vcon *c;
	struct chardev *cd;
	char name[VCON_NAME_MAX + 1];
	/* Output leaves in the order queued, whichever harts notify. */
	pthread_mutex_t tx_lock;
	/* Under vcon.lock. */
	bool guest_open; /* multiport: the guest has the port open */
	bool starved;	 /* the back end holds input: owe it a resume */
};

struct vcon {
	struct virtio_mmio *t;
	struct virtio_dev_ops ops; /* num_queues depends on the ports */
	unsigned nports;
	struct vcon_port ports[VCON_MAX_PORTS];
	/*
	 * Guards the ports' state and the control messages, and is held
	 * while input is written into a receive buffer, so that a reset
	 * waits for the main thread to stop touching guest memory.
	 */
	pthread_mutex_t lock;
	struct ctrl_msg pending[CTRL_PENDING];
	unsigned pend_head, pend_len;
};

static unsigned port_rxq(unsigned p)
{
	return p ? 2 + 2 * p : 0;
}

static unsigned port_txq(unsigned p)
{
	return p ? 3 + 2 * p : 1;
}

/* The port a data queue belongs to (not for the control queues). */
static unsigned queue_port(unsigned q)
{
	return q < 2 ? 0 : (q - 2) / 2;
}

static uint64_t con_features(void *dev)
{
	return (1ull << CONSOLE_F_EMERG_WRITE) | (1ull << CONSOLE_F_MULTIPORT);
}

static void con_config(void *dev, void *buf)
{
	struct vcon *c = dev;
	uint32_t ports = htole32(c->nports);

	memset(buf, 0, CONFIG_SIZE);
	memcpy((uint8_t *)buf + 4, &ports, 4);
}

static void con_config_write(void *dev, unsigned off, const void *buf,
			     unsigned size)
{
	struct vcon *c = dev;

	/* "transmit the lower byte written to emerg_wr". */
	if (off == CONFIG_EMERG_WR)
		chardev_write(c->ports[0].cd, buf, 1);
}

static bool multiport(struct vcon *c)
{
	return virtio_mmio_features(c->t) & (1ull << CONSOLE_F_MULTIPORT);
}

/* Lock held: whether input for @p reaches a program in the guest. */
static bool port_open(struct vcon *c, struct vcon_port *p)
{
	if (multiport(c))
		return p->guest_open;
	return p == &c->ports[0];
}

/* Lock held. A message for the driver; dropped if it keeps none free. */
static void ctrl_queue(struct vcon *c, uint32_t id, uint16_t event,
		       uint16_t value)
{
	if (c->pend_len == CTRL_PENDING)
		return;
	c->pending[(c->pend_head + c->pend_len++) % CTRL_PENDING] =
		(struct ctrl_msg){id, event, value};
}

/* Lock held: as many pending messages as the driver has buffers for. */
static void ctrl_flush(struct vcon *c)
{
	while (c->pend_len) {
		struct ctrl_msg *m = &c->pending[c->pend_head];
		uint8_t buf[CTRL_SIZE + VCON_NAME_MAX];
		uint32_t id = htole32(m->id);
		uint16_t ev = htole16(m->event), val = htole16(m->value);
		struct virtq_elem *e;
		size_t len = CTRL_SIZE;

		if (virtio_mmio_pop(c->t, CTRL_RXQ, &e) <= 0)
			return;
		memcpy(buf, &id, 4);
		memcpy(buf + 4, &ev, 2);
		memcpy(buf + 6, &val, 2);
		/* The name follows the message, without a NUL. */
		if (m->event == CTRL_PORT_NAME) {
			size_t n = strlen(c->ports[m->id].name);

			memcpy(buf + CTRL_SIZE, c->ports[m->id].name, n);
			len += n;
		}
		virtio_mmio_push(c->t, e, virtq_elem_write(e, 0, buf, len));
		c->pend_head = (c->pend_head + 1) % CTRL_PENDING;
		c->pend_len--;
	}
}

/* What to tell each port's back end once the lock is dropped. */
struct con_calls {
	bool opened[VCON_MAX_PORTS]; /* tell it the port's open state */
	bool open_now[VCON_MAX_PORTS];
	bool resume[VCON_MAX_PORTS];
};

static void con_calls_run(struct vcon *c, const struct con_calls *k)
{
	for (unsigned i = 0; i < c->nports; i++) {
		if (k->opened[i])
			chardev_opened(c->ports[i].cd, k->open_now[i]);
		if (k->resume[i])
			chardev_resume(c->ports[i].cd);
	}
}

/* Lock held: one message from the driver on the control transmitq. */
static void ctrl_handle(struct vcon *c, const struct ctrl_msg *m,
			struct con_calls *k)
{
	struct vcon_port *p;

	switch (m->event) {
	case CTRL_DEVICE_READY:
		if (m->value != 1)
			break;
		for (unsigned i = 0; i < c->nports; i++)
			ctrl_queue(c, i, CTRL_DEVICE_ADD, 0);
		break;
	case CTRL_PORT_READY:
		if (m->id >= c->nports || m->value != 1)
			break;
		/* As QEMU orders them: console, name, host side open. */
		if (m->id == 0)
			ctrl_queue(c, 0, CTRL_CONSOLE_PORT, 1);
		else
			ctrl_queue(c, m->id, CTRL_PORT_NAME, 0);
		ctrl_queue(c, m->id, CTRL_PORT_OPEN, 1);
		break;
	case CTRL_PORT_OPEN:
		if (m->id >= c->nports)
			break;
		p = &c->ports[m->id];
		if (p->guest_open == (m->value != 0))
			break;
		p->guest_open = m->value != 0;
		k->opened[m->id] = true;
		k->open_now[m->id] = p->guest_open;
		if (p->guest_open && p->starved) {
			p->starved = false;
			k->resume[m->id] = true;
		}
		break;
	default:
		/* The driver's other messages need no answer. */
		break;
	}
}

static void ctrl_receive(struct vcon *c)
{
	struct con_calls k = {0};
	struct virtq_elem *e;

	pthread_mutex_lock(&c->lock);
	while (virtio_mmio_pop(c->t, CTRL_TXQ, &e) > 0) {
		uint8_t buf[CTRL_SIZE];
		struct ctrl_msg m;

		/* A short message is ignored; the buffer goes back. */
		if (virtq_elem_read(e, 0, buf, CTRL_SIZE) == CTRL_SIZE) {
			memcpy(&m.id, buf, 4);
			memcpy(&m.event, buf + 4, 2);
			memcpy(&m.value, buf + 6, 2);
			m.id = le32toh(m.id);
			m.event = le16toh(m.event);
			m.value = le16toh(m.value);
			ctrl_handle(c, &m, &k);
		}
		virtio_mmio_push(c->t, e, 0);
	}
	ctrl_flush(c);
	pthread_mutex_unlock(&c->lock);
	con_calls_run(c, &k);
}

static void con_transmit(struct vcon *c, struct vcon_port *p, unsigned q)
{
	struct virtq_elem *e;

	pthread_mutex_lock(&p->tx_lock);
	while (virtio_mmio_pop(c->t, q, &e) > 0) {
		/* Writable buffers have no place here; they are skipped. */
		for (unsigned i = 0; i < e->n_out; i++)
			chardev_write(p->cd, e->iov[i].iov_base,
				      e->iov[i].iov_len);
		virtio_mmio_push(c->t, e, 0);
	}
	pthread_mutex_unlock(&p->tx_lock);
}

static void con_notify(void *dev, unsigned q)
{
	struct vcon *c = dev;
	struct vcon_port *p;
	bool resume;

	if (q == CTRL_TXQ) {
		ctrl_receive(c);
		return;
	}
	if (q == CTRL_RXQ) {
		pthread_mutex_lock(&c->lock);
		ctrl_flush(c);
		pthread_mutex_unlock(&c->lock);
		return;
	}
	p = &c->ports[queue_port(q)];
	if (q == port_txq(queue_port(q))) {
		con_transmit(c, p, q);
		return;
	}
	/* New receive buffers: the back end may send what it holds. */
	pthread_mutex_lock(&c->lock);
	resume = p->starved && port_open(c, p);
	if (resume)
		p->starved = false;
	pthread_mutex_unlock(&c->lock);
	if (resume)
		chardev_resume(p->cd);
}

static size_t con_receive(void *fe, const void *buf, size_t len)
{
	struct vcon_port *p = fe;
	struct vcon *c = p->c;
	unsigned q = port_rxq(p - c->ports);
	struct virtq_elem *e;
	size_t taken = 0, n;

	pthread_mutex_lock(&c->lock);
	while (taken < len) {
		/* A buffer added meanwhile is seen by the notify's check. */
		if (!port_open(c, p) || virtio_mmio_pop(c->t, q, &e) <= 0) {
			p->starved = true;
			break;
		}
		n = virtq_elem_write(e, 0, (const uint8_t *)buf + taken,
				     len - taken);
		virtio_mmio_push(c->t, e, n);
		taken += n;
	}
	pthread_mutex_unlock(&c->lock);
	return taken;
}

static void con_reset_dev(void *dev)
{
	struct vcon *c = dev;
	struct con_calls k = {0};

	pthread_mutex_lock(&c->lock);
	c->pend_head = c->pend_len = 0;
	for (unsigned i = 0; i < c->nports; i++) {
		struct vcon_port *p = &c->ports[i];

		k.opened[i] = p->guest_open;
		/* A port that starves stays so: resumed once open again. */
		p->guest_open = false;
	}
	pthread_mutex_unlock(&c->lock);
	con_calls_run(c, &k);
}

static const struct virtio_dev_ops con_ops = {
	.device_id = VIRTIO_ID_CONSOLE,
	.queue_max = QUEUE_MAX,
	.config_size = CONFIG_SIZE,
	.features = con_features,
	.config = con_config,
	.config_write = con_config_write,
	.notify = con_notify,
	.reset = con_reset_dev,
};

int vcon_create(struct vcon **out, uint64_t base, struct irq_line irq,
		const struct guestmem *mem,
		const struct vcon_port_config *ports, unsigned nports)
{
	struct vcon *c;
	int ret;

	if (!nports || nports > VCON_MAX_PORTS)
		return -EINVAL;
	for (unsigned i = 1; i < nports; i++)
		if (!ports[i].name || !ports[i].name[0] ||
		    strlen(ports[i].name) > VCON_NAME_MAX)
			return -EINVAL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->nports = nports;
	c->ops = con_ops;
	c->ops.num_queues = 2 * (nports + 1);
	pthread_mutex_init(&c->lock, NULL);
	ret = virtio_mmio_create(&c->t, base, irq, mem, &c->ops, c);
	if (ret) {
		pthread_mutex_destroy(&c->lock);
		free(c);
		return ret;
	}
	for (unsigned i = 0; i < nports; i++) {
		struct vcon_port *p = &c->ports[i];

		p->c = c;
		p->cd = ports[i].cd;
		pthread_mutex_init(&p->tx_lock, NULL);
		if (ports[i].name)
			strcpy(p->name, ports[i].name);
		if (p->cd) {
			p->cd->fe = p;
			p->cd->receive = con_receive;
		}
	}
	*out = c;
	return 0;
}

void vcon_destroy(struct vcon *c)
{
	if (!c)
		return;
	for (unsigned i = 0; i < c->nports; i++) {
		struct chardev *cd = c->ports[i].cd;

		if (cd && cd->fe == &c->ports[i]) {
			cd->receive = NULL;
			cd->fe = NULL;
		}
		pthread_mutex_destroy(&c->ports[i].tx_lock);
	}
	virtio_mmio_destroy(c->t);
	pthread_mutex_destroy(&c->lock);
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

/*
 * The console's record: which ports the guest has open (multiport) and
 * the control messages not yet delivered. A port the guest had open is
 * announced to its new back end on load (chardev_opened), as a
 * PORT_OPEN from the guest would.
 */
enum {
	VCON_REC_VERSION = 2,
	K_OPEN = 1,
	K_PENDING,
};

int vcon_save(struct vcon *c, struct rec_writer *w)
{
	uint8_t open[VCON_MAX_PORTS];
	struct ctrl_msg pend[CTRL_PENDING];
	int ret = virtio_mmio_save(c->t, w);

	if (ret)
		return ret;
	pthread_mutex_lock(&c->lock);
	for (unsigned i = 0; i < c->nports; i++)
		open[i] = c->ports[i].guest_open;
	for (unsigned i = 0; i < c->pend_len; i++)
		pend[i] = c->pending[(c->pend_head + i) % CTRL_PENDING];
	rec_begin(w, "vcon", VCON_REC_VERSION);
	rec_bytes(w, K_OPEN, open, c->nports);
	rec_bytes(w, K_PENDING, pend, c->pend_len * sizeof(pend[0]));
	pthread_mutex_unlock(&c->lock);
	return rec_end(w);
}

int vcon_load(struct vcon *c, struct rec_reader *r)
{
	const void *open, *pend;
	size_t nopen, npend;
	struct rec rec;
	int ret;

	ret = virtio_mmio_load(c->t, r);
	ret = ret ?: rec_next(r, "vcon", VCON_REC_VERSION, &rec);
	ret = ret ?: rec_get_blob(&rec, K_OPEN, VCON_MAX_PORTS, &open, &nopen);
	ret = ret
		      ?: rec_get_blob(&rec, K_PENDING,
				      CTRL_PENDING * sizeof(struct ctrl_msg),
				      &pend, &npend);
	if (ret)
		return ret;
	if (nopen != c->nports || npend % sizeof(struct ctrl_msg))
		return -EINVAL;
	pthread_mutex_lock(&c->lock);
	for (unsigned i = 0; i < c->nports; i++) {
		c->ports[i].guest_open = ((const uint8_t *)open)[i];
		/* The new back end holds nothing back yet. */
		c->ports[i].starved = false;
	}
	c->pend_head = 0;
	c->pend_len = npend / sizeof(struct ctrl_msg);
	memcpy(c->pending, pend, npend);
	pthread_mutex_unlock(&c->lock);
	for (unsigned i = 0; i < c->nports; i++)
		if (c->ports[i].guest_open)
			chardev_opened(c->ports[i].cd, true);
	return 0;
}
