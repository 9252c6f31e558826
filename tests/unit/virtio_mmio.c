// SPDX-License-Identifier: MIT
/*
 * Unit tests for devices/virtio/mmio (and the rng device on it), driving
 * the registers the way a driver does, against the VirtIO spec's "Virtio
 * Over MMIO": identification, feature negotiation, queue setup, status
 * and reset, interrupts, configuration space, and DEVICE_NEEDS_RESET on a
 * malformed ring.
 */
#include "devices/virtio/mmio.h"

#include <errno.h>
#include <libfdt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "devices/virtio/rng.h"
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

static struct guestmem mem;

struct sink {
	int level;
	unsigned line;
};

static void sink_set(void *opaque, unsigned line, int level)
{
	struct sink *s = opaque;

	s->line = line;
	__atomic_store_n(&s->level, level, __ATOMIC_SEQ_CST);
}

/* A device type that records what the transport does to it. */
struct fake {
	struct virtio_mmio *t;
	unsigned notified[2];
	unsigned resets;
	bool consume; /* pop and push everything on notify */
	uint8_t written[8];
	unsigned delay_us; /* between pop and filling the buffer */
	int holding;	   /* atomic: an element is being filled */
};

static uint64_t fake_features(void *dev)
{
	return F(5) | F(24); /* 24 is not the device's: must not show */
}

static void fake_config(void *dev, void *buf)
{
	static const uint8_t c[8] = {0x11, 0x22, 0x33, 0x44,
				     0x55, 0x66, 0x77, 0x88};

	memcpy(buf, c, sizeof(c));
}

static void fake_config_write(void *dev, unsigned off, const void *buf,
			      unsigned size)
{
	struct fake *f = dev;

	memcpy(f->written + off, buf, size);
}

static void fake_notify(void *dev, unsigned q)
{
	struct fake *f = dev;
	struct virtq_elem *e;

	__atomic_add_fetch(&f->notified[q], 1, __ATOMIC_SEQ_CST);
	while (f->consume && virtio_mmio_pop(f->t, q, &e) > 0) {
		if (f->delay_us) {
			__atomic_store_n(&f->holding, 1, __ATOMIC_SEQ_CST);
			nanosleep(&(struct timespec){0, f->delay_us * 1000},
				  NULL);
			if (e->n_in)
				memset(e->iov[e->n_out].iov_base, 0x5a,
				       e->iov[e->n_out].iov_len);
			__atomic_store_n(&f->holding, 0, __ATOMIC_SEQ_CST);
		}
		virtio_mmio_push(f->t, e, e->in_len);
	}
}

static void fake_reset(void *dev)
{
	struct fake *f = dev;

	f->resets++;
}

static const struct virtio_dev_ops fake_ops = {
	.device_id = 42,
	.num_queues = 2,
	.queue_max = 16,
	.config_size = 8,
	.features = fake_features,
	.config = fake_config,
	.config_write = fake_config_write,
	.notify = fake_notify,
	.reset = fake_reset,
};

static const struct bus_dev *fake_new(struct fake *f, struct sink *s)
{
	memset(f, 0, sizeof(*f));
	memset(s, 0, sizeof(*s));
	if (virtio_mmio_create(&f->t, VIRTIO_MMIO_BASE(0),
			       (struct irq_line){sink_set, s, 1}, &mem,
			       &fake_ops, f))
		abort();
	return virtio_mmio_bus_dev(f->t);
}

static void test_identity(void)
{
	const char *name = "identity";
	struct fake f;
	struct sink s;
	const struct bus_dev *d = fake_new(&f, &s);
	uint64_t feat;

	CHECK(name, d->base == 0x10001000 && d->len == 0x1000);
	CHECK(name, d->ops->min_size == 1 && d->ops->max_size == 4);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_MAGIC_VALUE) == 0x74726976);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_VERSION) == 2);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_DEVICE_ID) == 42);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_VENDOR_ID) == VIRTIO_MMIO_VENDOR);
	feat = vd_device_features(d);
	CHECK(name, feat == (F(5) | F(VIRTIO_F_INDIRECT_DESC) |
			     F(VIRTIO_F_EVENT_IDX) | F(VIRTIO_F_VERSION_1)));
	vd_wr(d, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 2);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_DEVICE_FEATURES) == 0);
	vd_wr(d, VIRTIO_MMIO_QUEUE_SEL, 1);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_QUEUE_NUM_MAX) == 16);
	vd_wr(d, VIRTIO_MMIO_QUEUE_SEL, 2);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_QUEUE_NUM_MAX) == 0);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_SHM_LEN_LOW) == 0xffffffff);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_SHM_LEN_HIGH) == 0xffffffff);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_STATUS) == 0);
	/* Registers are 32-bit only: a byte read of Magic gives nothing. */
	CHECK(name, d->ops->read(d->opaque, 0, 1) == 0);
	printf("ok %s\n", name);
out:
	virtio_mmio_destroy(f.t);
}

static void test_negotiation(void)
{
	const char *name = "feature-negotiation";
	struct fake f;
	struct sink s;
	const struct bus_dev *d = fake_new(&f, &s);

	/* No VIRTIO_F_VERSION_1: a legacy driver, refused. */
	CHECK(name, !vd_negotiate(d, F(5)));
	CHECK(name, vd_rd(d, VIRTIO_MMIO_STATUS) ==
			    (VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER));
	/* A bit the device did not offer. */
	CHECK(name, !vd_negotiate(d, MODERN | F(6)));
	CHECK(name, !vd_negotiate(d, MODERN | F(24)));
	CHECK(name, vd_negotiate(d, MODERN | F(5) | F(VIRTIO_F_EVENT_IDX)));
	CHECK(name, virtio_mmio_features(f.t) ==
			    (MODERN | F(5) | F(VIRTIO_F_EVENT_IDX)));
	/* Frozen after FEATURES_OK. */
	vd_wr(d, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	vd_wr(d, VIRTIO_MMIO_DRIVER_FEATURES, 0);
	CHECK(name, virtio_mmio_features(f.t) ==
			    (MODERN | F(5) | F(VIRTIO_F_EVENT_IDX)));
	/* The driver cannot set DEVICE_NEEDS_RESET. */
	vd_wr(d, VIRTIO_MMIO_STATUS,
	      vd_rd(d, VIRTIO_MMIO_STATUS) | VIRTIO_STATUS_NEEDS_RESET);
	CHECK(name,
	      !(vd_rd(d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET));
	printf("ok %s\n", name);
out:
	virtio_mmio_destroy(f.t);
}

static void test_queue_and_interrupts(void)
{
	const char *name = "queue-notify-interrupt";
	struct fake f;
	struct sink s;
	const struct bus_dev *d = fake_new(&f, &s);
	struct vd_queue q;
	uint32_t id, len;

	vd_queue_init(&q, &mem, 0, 8);
	CHECK(name, vd_negotiate(d, MODERN));
	vd_setup_queue(d, 0, &q);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_QUEUE_READY) == 1);
	/* Queue registers are frozen while ready. */
	vd_wr(d, VIRTIO_MMIO_QUEUE_NUM, 4);
	vd_wr(d, VIRTIO_MMIO_QUEUE_DESC_LOW, 0);
	f.consume = true;
	vd_set_desc(&q, 0, BUF(0), 32, VIRTQ_DESC_F_WRITE, 0);
	vd_add(&q, 0);
	/* No buffer is used before DRIVER_OK. */
	vd_wr(d, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	CHECK(name, f.notified[0] == 0 && vd_used_idx(&q) == 0);
	/* DRIVER_OK looks at every queue. */
	vd_driver_ok(d);
	CHECK(name, f.notified[0] == 1 && f.notified[1] == 1);
	CHECK(name, vd_used_idx(&q) == 1);
	vd_used_elem(&q, 0, &id, &len);
	CHECK(name, id == 0 && len == 32);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_INTERRUPT_STATUS) == VIRTIO_INT_USED);
	CHECK(name, s.level == 1 && s.line == 1);
	vd_wr(d, VIRTIO_MMIO_INTERRUPT_ACK, VIRTIO_INT_USED);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_INTERRUPT_STATUS) == 0);
	CHECK(name, s.level == 0);
	/* Notify names the queue; an unknown one is ignored. */
	vd_wr(d, VIRTIO_MMIO_QUEUE_NOTIFY, 1);
	vd_wr(d, VIRTIO_MMIO_QUEUE_NOTIFY, 7);
	CHECK(name, f.notified[0] == 1 && f.notified[1] == 2);
	vd_add(&q, 0);
	vd_wr(d, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	CHECK(name, vd_used_idx(&q) == 2 && s.level == 1);
	/* Queue 1 was never set up: not ready. */
	vd_wr(d, VIRTIO_MMIO_QUEUE_SEL, 1);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_QUEUE_READY) == 0);
	/* Stopping a queue: reads back 0. */
	vd_wr(d, VIRTIO_MMIO_QUEUE_SEL, 0);
	vd_wr(d, VIRTIO_MMIO_QUEUE_READY, 0);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_QUEUE_READY) == 0);
	printf("ok %s\n", name);
out:
	virtio_mmio_destroy(f.t);
}

static void test_reset(void)
{
	const char *name = "reset";
	struct fake f;
	struct sink s;
	const struct bus_dev *d = fake_new(&f, &s);
	struct vd_queue q;

	vd_queue_init(&q, &mem, 0, 8);
	CHECK(name, vd_negotiate(d, MODERN | F(5)));
	CHECK(name, f.resets == 1); /* vd_negotiate starts with a reset */
	vd_setup_queue(d, 0, &q);
	vd_driver_ok(d);
	f.consume = true;
	vd_set_desc(&q, 0, BUF(0), 32, VIRTQ_DESC_F_WRITE, 0);
	vd_add(&q, 0);
	vd_wr(d, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	CHECK(name, s.level == 1);
	vd_wr(d, VIRTIO_MMIO_STATUS, 0);
	CHECK(name, f.resets == 2);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_STATUS) == 0);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_INTERRUPT_STATUS) == 0);
	CHECK(name, s.level == 0);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_QUEUE_READY) == 0);
	CHECK(name, virtio_mmio_features(f.t) == 0);
	/* The old ring is not touched after reset. */
	vd_add(&q, 0);
	vd_wr(d, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	CHECK(name, vd_used_idx(&q) == 1);
	/* And the device can be brought up again. */
	vd_queue_init(&q, &mem, 0, 8);
	CHECK(name, vd_negotiate(d, MODERN));
	vd_setup_queue(d, 0, &q);
	vd_driver_ok(d);
	vd_set_desc(&q, 0, BUF(0), 32, VIRTQ_DESC_F_WRITE, 0);
	vd_add(&q, 0);
	vd_wr(d, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	CHECK(name, vd_used_idx(&q) == 1);
	printf("ok %s\n", name);
out:
	virtio_mmio_destroy(f.t);
}

static void test_needs_reset(void)
{
	const char *name = "needs-reset-malformed-chain";
	struct fake f;
	struct sink s;
	const struct bus_dev *d = fake_new(&f, &s);
	struct vd_queue q;

	vd_queue_init(&q, &mem, 0, 8);
	CHECK(name, vd_negotiate(d, MODERN));
	vd_setup_queue(d, 0, &q);
	vd_driver_ok(d);
	f.consume = true;
	vd_set_desc(&q, 0, BUF(0), 32, VIRTQ_DESC_F_NEXT, 0); /* a loop */
	vd_add(&q, 0);
	vd_wr(d, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	CHECK(name,
	      vd_rd(d, VIRTIO_MMIO_INTERRUPT_STATUS) == VIRTIO_INT_CONFIG);
	CHECK(name, s.level == 1);
	CHECK(name, vd_used_idx(&q) == 0);
	/* Nothing more is consumed until the driver resets. */
	vd_set_desc(&q, 1, BUF(0), 32, VIRTQ_DESC_F_WRITE, 0);
	vd_add(&q, 1);
	vd_wr(d, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	CHECK(name, vd_used_idx(&q) == 0);
	vd_wr(d, VIRTIO_MMIO_STATUS, 0);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_STATUS) == 0 && s.level == 0);
	printf("ok %s\n", name);
out:
	virtio_mmio_destroy(f.t);
}

static void test_bad_queue_setup(void)
{
	const char *name = "bad-queue-setup";
	struct fake f;
	struct sink s;
	const struct bus_dev *d = fake_new(&f, &s);
	struct vd_queue q;

	vd_queue_init(&q, &mem, 0, 8);
	/* Larger than QueueNumMax. */
	CHECK(name, vd_negotiate(d, MODERN));
	q.size = 32;
	vd_setup_queue(d, 0, &q);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	/* Before DRIVER_OK there is no configuration interrupt. */
	CHECK(name, vd_rd(d, VIRTIO_MMIO_INTERRUPT_STATUS) == 0);
	/* Not a power of two. */
	CHECK(name, vd_negotiate(d, MODERN));
	q.size = 6;
	vd_setup_queue(d, 0, &q);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	/* Rings outside guest RAM. */
	CHECK(name, vd_negotiate(d, MODERN));
	q.size = 8;
	q.used = 0x1000;
	vd_setup_queue(d, 0, &q);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	/* DRIVER_OK without FEATURES_OK. */
	vd_wr(d, VIRTIO_MMIO_STATUS, 0);
	vd_wr(d, VIRTIO_MMIO_STATUS,
	      VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
		      VIRTIO_STATUS_DRIVER_OK);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	CHECK(name,
	      vd_rd(d, VIRTIO_MMIO_INTERRUPT_STATUS) == VIRTIO_INT_CONFIG);
	printf("ok %s\n", name);
out:
	virtio_mmio_destroy(f.t);
}

static void test_config_space(void)
{
	const char *name = "config-space";
	struct fake f;
	struct sink s;
	const struct bus_dev *d = fake_new(&f, &s);
	uint32_t gen;

	CHECK(name, d->ops->read(d->opaque, 0x101, 1) == 0x22);
	CHECK(name, d->ops->read(d->opaque, 0x102, 2) == 0x4433);
	CHECK(name, d->ops->read(d->opaque, 0x104, 4) == 0x88776655);
	CHECK(name, d->ops->read(d->opaque, 0x108, 4) == 0);
	CHECK(name, d->ops->read(d->opaque, 0x7fc, 4) == 0);
	d->ops->write(d->opaque, 0x106, 0xbeef, 2);
	CHECK(name, f.written[6] == 0xef && f.written[7] == 0xbe);
	/* A write beyond the space goes nowhere. */
	d->ops->write(d->opaque, 0x107, 0x12345678, 4);
	CHECK(name, f.written[7] == 0xbe);
	/* Registers refuse narrow accesses. */
	d->ops->write(d->opaque, VIRTIO_MMIO_STATUS, 1, 1);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_STATUS) == 0);

	gen = vd_rd(d, VIRTIO_MMIO_CONFIG_GENERATION);
	virtio_mmio_config_changed(f.t);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_CONFIG_GENERATION) != gen);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_INTERRUPT_STATUS) == 0);
	CHECK(name, vd_negotiate(d, MODERN));
	vd_driver_ok(d);
	gen = vd_rd(d, VIRTIO_MMIO_CONFIG_GENERATION);
	virtio_mmio_config_changed(f.t);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_CONFIG_GENERATION) != gen);
	CHECK(name,
	      vd_rd(d, VIRTIO_MMIO_INTERRUPT_STATUS) == VIRTIO_INT_CONFIG);
	CHECK(name, s.level == 1);
	printf("ok %s\n", name);
out:
	virtio_mmio_destroy(f.t);
}

static void test_fdt(void)
{
	const char *name = "fdt";
	struct fake f;
	struct sink s;
	char fdt[4096];
	const fdt32_t *p;
	int soc, node, len;

	fake_new(&f, &s);
	CHECK(name, fdt_create_empty_tree(fdt, sizeof(fdt)) == 0);
	soc = fdt_add_subnode(fdt, 0, "soc");
	CHECK(name, soc >= 0);
	CHECK(name, virtio_mmio_fdt(f.t, fdt, soc, 9) == 0);
	node = fdt_path_offset(fdt, "/soc/virtio_mmio@10001000");
	CHECK(name, node >= 0);
	CHECK(name, !fdt_node_check_compatible(fdt, node, "virtio,mmio"));
	p = fdt_getprop(fdt, node, "reg", &len);
	CHECK(name, p && len == 16);
	CHECK(name,
	      fdt32_to_cpu(p[0]) == 0 && fdt32_to_cpu(p[1]) == 0x10001000 &&
		      fdt32_to_cpu(p[2]) == 0 && fdt32_to_cpu(p[3]) == 0x1000);
	p = fdt_getprop(fdt, node, "interrupts", &len);
	CHECK(name, p && len == 4 && fdt32_to_cpu(p[0]) == 1);
	p = fdt_getprop(fdt, node, "interrupt-parent", &len);
	CHECK(name, p && len == 4 && fdt32_to_cpu(p[0]) == 9);
	printf("ok %s\n", name);
out:
	virtio_mmio_destroy(f.t);
}

static void test_rng(void)
{
	const char *name = "rng";
	struct vrng *r;
	struct sink s = {0};
	const struct bus_dev *d;
	struct vd_queue q;
	uint32_t id, len;
	uint8_t *buf = vd_ptr(&mem, BUF(0)), zero[64] = {0};

	CHECK(name, vrng_create(&r, VIRTIO_MMIO_BASE(3),
				(struct irq_line){sink_set, &s, 4}, &mem) == 0);
	d = vrng_bus_dev(r);
	CHECK(name, vd_rd(d, VIRTIO_MMIO_DEVICE_ID) == 4);
	CHECK(name,
	      (uint32_t)vd_device_features(d) ==
		      (F(VIRTIO_F_INDIRECT_DESC) | F(VIRTIO_F_EVENT_IDX)));
	vd_queue_init(&q, &mem, 0, 8);
	CHECK(name, vd_negotiate(d, MODERN | F(VIRTIO_F_EVENT_IDX)));
	vd_setup_queue(d, 0, &q);
	vd_driver_ok(d);
	memset(buf, 0, 64);
	vd_set_desc(&q, 2, BUF(0), 64, VIRTQ_DESC_F_WRITE, 0);
	vd_add(&q, 2);
	vd_wr(d, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	CHECK(name, vd_used_idx(&q) == 1);
	vd_used_elem(&q, 0, &id, &len);
	CHECK(name, id == 2 && len == 64);
	CHECK(name, memcmp(buf, zero, 64) != 0);
	CHECK(name, s.level == 1 && s.line == 4);
	printf("ok %s\n", name);
out:
	vrng_destroy(r);
}

struct hammer {
	const struct bus_dev *d;
	unsigned iters;
};

static void *hammer_run(void *arg)
{
	struct hammer *h = arg;

	for (unsigned i = 0; i < h->iters; i++) {
		vd_wr(h->d, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
		(void)vd_rd(h->d, VIRTIO_MMIO_INTERRUPT_STATUS);
		vd_wr(h->d, VIRTIO_MMIO_INTERRUPT_ACK, VIRTIO_INT_USED);
		(void)h->d->ops->read(h->d->opaque, 0x100, 4);
	}
	return NULL;
}

/* Several vCPUs on one device at once while buffers keep coming. */
static void test_concurrent(void)
{
	const char *name = "concurrent-vcpus";
	struct vrng *r;
	struct sink s = {0};
	const struct bus_dev *d;
	struct vd_queue q;
	pthread_t th[4];
	struct hammer h;
	uint16_t free_ids[64];
	unsigned free_n;

	CHECK(name, vrng_create(&r, VIRTIO_MMIO_BASE(0),
				(struct irq_line){sink_set, &s, 1}, &mem) == 0);
	d = vrng_bus_dev(r);
	vd_queue_init(&q, &mem, 0, 64);
	CHECK(name, vd_negotiate(d, MODERN | F(VIRTIO_F_EVENT_IDX)));
	vd_setup_queue(d, 0, &q);
	vd_driver_ok(d);
	for (int i = 0; i < 64; i++)
		vd_set_desc(&q, i, BUF(i), 16, VIRTQ_DESC_F_WRITE, 0);
	h = (struct hammer){d, 20000};
	for (int i = 0; i < 4; i++)
		pthread_create(&th[i], NULL, hammer_run, &h);
	/*
	 * The driver side: keep the ring topped up, reusing a descriptor
	 * only once the used ring gave it back (vCPUs finish out of order).
	 */
	free_n = 64;
	for (int i = 0; i < 64; i++)
		free_ids[i] = i;
	for (unsigned n = 0; n < 20000;) {
		while (q.last_used != vd_used_idx(&q)) {
			uint32_t id, len;

			vd_used_elem(&q, q.last_used++, &id, &len);
			free_ids[free_n++] = id;
		}
		if (free_n) {
			vd_add(&q, free_ids[--free_n]);
			vd_wr(d, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
			n++;
		}
	}
	for (int i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	vd_wr(d, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	CHECK(name, vd_used_idx(&q) == q.avail_idx);
	CHECK(name,
	      !(vd_rd(d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET));
	printf("ok %s\n", name);
out:
	vrng_destroy(r);
}

struct notifier {
	const struct bus_dev *d;
	int stop; /* atomic */
};

static void *notify_run(void *arg)
{
	struct notifier *n = arg;

	while (!__atomic_load_n(&n->stop, __ATOMIC_SEQ_CST))
		vd_wr(n->d, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	return NULL;
}

/*
 * One vCPU resets while another is inside the device's notify, holding a
 * buffer: once Status reads 0 the device must not write it any more.
 */
static void test_reset_race(void)
{
	const char *name = "reset-vs-notify";
	struct fake f;
	struct sink s;
	const struct bus_dev *d = fake_new(&f, &s);
	struct notifier n = {d, 0};
	uint8_t *buf = vd_ptr(&mem, BUF(0));
	struct vd_queue q;
	pthread_t th;
	uint16_t used;

	f.consume = true;
	f.delay_us = 2000;
	pthread_create(&th, NULL, notify_run, &n);
	for (int round = 0; round < 20; round++) {
		vd_queue_init(&q, &mem, 0, 16);
		CHECK(name, vd_negotiate(d, MODERN));
		vd_setup_queue(d, 0, &q);
		vd_driver_ok(d);
		vd_set_desc(&q, 0, BUF(0), 64, VIRTQ_DESC_F_WRITE, 0);
		vd_add(&q, 0);
		/* Wait until the element is held (or was already used). */
		while (!__atomic_load_n(&f.holding, __ATOMIC_SEQ_CST) &&
		       !vd_used_idx(&q))
			;
		vd_wr(d, VIRTIO_MMIO_STATUS, 0);
		used = vd_used_idx(&q);
		memset(buf, 0, 64);
		nanosleep(&(struct timespec){0, 5000000}, NULL);
		CHECK(name, vd_rd(d, VIRTIO_MMIO_STATUS) == 0);
		CHECK(name, vd_used_idx(&q) == used);
		CHECK(name, buf[0] == 0 && buf[63] == 0);
	}
	printf("ok %s\n", name);
out:
	__atomic_store_n(&n.stop, 1, __ATOMIC_SEQ_CST);
	pthread_join(th, NULL);
	virtio_mmio_destroy(f.t);
}

int main(void)
{
	if (guestmem_init(&mem, VD_RAM_BASE, VD_RAM_SIZE)) {
		printf("FAIL guestmem: cannot map guest RAM\n");
		return 1;
	}
	test_identity();
	test_negotiation();
	test_queue_and_interrupts();
	test_reset();
	test_needs_reset();
	test_bad_queue_setup();
	test_config_space();
	test_fdt();
	test_rng();
	test_concurrent();
	test_reset_race();
	guestmem_destroy(&mem);
	return failures ? 1 : 0;
}
