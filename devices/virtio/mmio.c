// SPDX-License-Identifier: MIT
/*
 * The virtio-mmio transport, version 2: VirtIO spec "Virtio Over MMIO"
 * (register layout, device initialization, virtqueue configuration,
 * notifications), with "Device Status Field", "Feature Bits", "Device
 * Reset", "Device Configuration Space" and "Reserved Feature Bits" from
 * "Basic Facilities of a Virtio Device".
 *
 * The legacy (version 1) interface is not offered: the device requires
 * VIRTIO_F_VERSION_1 before it sets FEATURES_OK.
 */
#include "devices/virtio/mmio.h"

#include <endian.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "devices/devfdt.h"
#include "base/record.h"

struct mmio_queue {
	struct virtq vq;
	uint32_t num;	/* QueueNum as written */
	uint32_t ready; /* QueueReady as the driver sees it */
	uint64_t desc, driver, device;
};

struct virtio_mmio {
	struct bus_dev dev;
	struct irq_line irq;
	const struct guestmem *mem;
	const struct virtio_dev_ops *ops;
	void *opaque;

	pthread_mutex_t lock; /* guards everything below */
	pthread_cond_t idle;  /* busy dropped to 0 */
	unsigned busy;	      /* notify callbacks running */
	unsigned resetting;   /* resets in progress */
	bool quiesced;	      /* virtio_mmio_quiesce() */
	uint32_t status;
	uint32_t isr;
	int level; /* what the line was last set to */
	uint32_t dev_features_sel, drv_features_sel, queue_sel;
	uint64_t driver_features;
	uint32_t generation;
	uint8_t *config;
	struct mmio_queue *q;
};

/* What the transport itself offers on top of the device's features. */
#define TRANSPORT_FEATURES                                                 \
	((1ull << VIRTIO_F_VERSION_1) | (1ull << VIRTIO_F_INDIRECT_DESC) | \
	 (1ull << VIRTIO_F_EVENT_IDX))

/* Feature bits that belong to the device type ("Feature Bits"). */
#define DEVICE_FEATURE_MASK (0xffffffull | (3ull << 41) | (~0ull << 50))

static uint64_t offered(const struct virtio_mmio *t)
{
	uint64_t f = t->ops->features ? t->ops->features(t->opaque) : 0;

	return (f & DEVICE_FEATURE_MASK) | TRANSPORT_FEATURES;
}

static void update_irq(struct virtio_mmio *t)
{
	int level = t->isr != 0;

	if (level != t->level) {
		t->level = level;
		irq_set(&t->irq, level);
	}
}

static void needs_reset_locked(struct virtio_mmio *t)
{
	if (t->status & VIRTIO_STATUS_NEEDS_RESET)
		return;
	t->status |= VIRTIO_STATUS_NEEDS_RESET;
	/* "If DRIVER_OK is set ... MUST send a configuration change". */
	if (t->status & VIRTIO_STATUS_DRIVER_OK) {
		t->isr |= VIRTIO_INT_CONFIG;
		update_irq(t);
	}
}

static bool live(const struct virtio_mmio *t)
{
	return (t->status & VIRTIO_STATUS_DRIVER_OK) &&
	       !(t->status & VIRTIO_STATUS_NEEDS_RESET) && !t->resetting &&
	       !t->quiesced;
}

static struct mmio_queue *selected(struct virtio_mmio *t)
{
	return t->queue_sel < t->ops->num_queues ? &t->q[t->queue_sel] : NULL;
}

static uint32_t config_read(struct virtio_mmio *t, uint64_t off, unsigned size)
{
	uint32_t v = 0;

	if (off >= t->ops->config_size || !t->ops->config)
		return 0;
	pthread_mutex_lock(&t->lock);
	t->ops->config(t->opaque, t->config);
	for (unsigned i = 0; i < size && off + i < t->ops->config_size; i++)
		v |= (uint32_t)t->config[off + i] << (8 * i);
	pthread_mutex_unlock(&t->lock);
	return v;
}

static uint64_t mmio_read(void *opaque, uint64_t off, unsigned size)
{
	struct virtio_mmio *t = opaque;
	struct mmio_queue *q;
	uint32_t v = 0;

	if (off >= VIRTIO_MMIO_CONFIG)
		return config_read(t, off - VIRTIO_MMIO_CONFIG, size);
	/* "The driver MUST only use 32 bit wide and aligned" accesses. */
	if (size != 4)
		return 0;

	pthread_mutex_lock(&t->lock);
	q = selected(t);
	switch (off) {
	case VIRTIO_MMIO_MAGIC_VALUE:
		v = VIRTIO_MMIO_MAGIC;
		break;
	case VIRTIO_MMIO_VERSION:
		v = 2;
		break;
	case VIRTIO_MMIO_DEVICE_ID:
		v = t->ops->device_id;
		break;
	case VIRTIO_MMIO_VENDOR_ID:
		v = VIRTIO_MMIO_VENDOR;
		break;
	case VIRTIO_MMIO_DEVICE_FEATURES:
		if (t->dev_features_sel < 2)
			v = offered(t) >> (32 * t->dev_features_sel);
		break;
	case VIRTIO_MMIO_QUEUE_NUM_MAX:
		v = q ? t->ops->queue_max : 0;
		break;
	case VIRTIO_MMIO_QUEUE_READY:
		v = q ? q->ready : 0;
		break;
	case VIRTIO_MMIO_INTERRUPT_STATUS:
		v = t->isr;
		break;
	case VIRTIO_MMIO_STATUS:
		v = t->status;
		break;
	case VIRTIO_MMIO_SHM_LEN_LOW:
	case VIRTIO_MMIO_SHM_LEN_HIGH:
	case VIRTIO_MMIO_SHM_BASE_LOW:
	case VIRTIO_MMIO_SHM_BASE_HIGH:
		/* No shared memory regions: length -1, base all ones. */
		v = 0xffffffff;
		break;
	case VIRTIO_MMIO_CONFIG_GENERATION:
		v = t->generation;
		break;
	default:
		/* Write-only and unknown registers read as zero. */
		break;
	}
	pthread_mutex_unlock(&t->lock);
	return v;
}

static bool features_acceptable(const struct virtio_mmio *t)
{
	uint64_t f = t->driver_features;

	return !(f & ~offered(t)) && (f & (1ull << VIRTIO_F_VERSION_1));
}

static void queue_ready(struct virtio_mmio *t, struct mmio_queue *q,
			uint32_t val)
{
	uint64_t f = t->driver_features;

	if (!val) {
		virtq_disable(&q->vq);
		q->ready = 0;
		return;
	}
	if (q->ready)
		return;
	q->ready = 1;
	if (q->num > t->ops->queue_max ||
	    virtq_enable(&q->vq, t->mem, q->num, q->desc, q->driver, q->device,
			 f & (1ull << VIRTIO_F_EVENT_IDX),
			 f & (1ull << VIRTIO_F_INDIRECT_DESC)) < 0)
		needs_reset_locked(t);
}

static void reset_locked(struct virtio_mmio *t)
{
	for (unsigned i = 0; i < t->ops->num_queues; i++) {
		struct mmio_queue *q = &t->q[i];

		virtq_disable(&q->vq);
		q->num = 0;
		q->ready = 0;
		q->desc = q->driver = q->device = 0;
	}
	t->status = 0;
	t->isr = 0;
	t->driver_features = 0;
	t->dev_features_sel = t->drv_features_sel = t->queue_sel = 0;
	update_irq(t);
}

/*
 * "Device Reset": the device is quiet before Status reads 0 again, so
 * no callback still running may write a buffer the driver took back.
 */
static void do_reset(struct virtio_mmio *t)
{
	pthread_mutex_lock(&t->lock);
	t->resetting++;
	while (t->busy)
		pthread_cond_wait(&t->idle, &t->lock);
	pthread_mutex_unlock(&t->lock);
	/* Without the lock: the device may wait for its own pushes. */
	if (t->ops->reset)
		t->ops->reset(t->opaque);
	pthread_mutex_lock(&t->lock);
	reset_locked(t);
	t->resetting--;
	pthread_mutex_unlock(&t->lock);
}

/* Calls the device's notify unless a reset has begun meanwhile. */
static void call_notify(struct virtio_mmio *t, unsigned q)
{
	pthread_mutex_lock(&t->lock);
	if (!live(t)) {
		pthread_mutex_unlock(&t->lock);
		return;
	}
	t->busy++;
	pthread_mutex_unlock(&t->lock);
	t->ops->notify(t->opaque, q);
	pthread_mutex_lock(&t->lock);
	if (!--t->busy)
		pthread_cond_broadcast(&t->idle);
	pthread_mutex_unlock(&t->lock);
}

/* Returns whether the driver just set DRIVER_OK. */
static bool status_write(struct virtio_mmio *t, uint32_t val)
{
	uint32_t old = t->status, now;

	/* DEVICE_NEEDS_RESET belongs to the device. */
	now = (val & 0xff & ~VIRTIO_STATUS_NEEDS_RESET) |
	      (old & VIRTIO_STATUS_NEEDS_RESET);
	/* Negotiation ends at FEATURES_OK; it stays set once accepted. */
	if (old & VIRTIO_STATUS_FEATURES_OK)
		now |= VIRTIO_STATUS_FEATURES_OK;
	else if ((now & VIRTIO_STATUS_FEATURES_OK) && !features_acceptable(t))
		now &= ~VIRTIO_STATUS_FEATURES_OK;
	t->status = now;
	if (!(now & VIRTIO_STATUS_DRIVER_OK) || (old & VIRTIO_STATUS_DRIVER_OK))
		return false;
	/* A modern device is not driven without negotiated features. */
	if (!(now & VIRTIO_STATUS_FEATURES_OK))
		needs_reset_locked(t);
	return true;
}

static void mmio_write(void *opaque, uint64_t off, uint64_t val64,
		       unsigned size)
{
	struct virtio_mmio *t = opaque;
	uint32_t val = val64;
	struct mmio_queue *q;
	bool kick_all = false;
	int notify = -1;

	if (off >= VIRTIO_MMIO_CONFIG) {
		uint8_t buf[4];

		off -= VIRTIO_MMIO_CONFIG;
		if (!t->ops->config_write || off >= t->ops->config_size ||
		    size > t->ops->config_size - off)
			return;
		for (unsigned i = 0; i < size; i++)
			buf[i] = val >> (8 * i);
		pthread_mutex_lock(&t->lock);
		t->ops->config_write(t->opaque, off, buf, size);
		pthread_mutex_unlock(&t->lock);
		return;
	}
	if (size != 4)
		return;
	if (off == VIRTIO_MMIO_STATUS && val == 0) {
		do_reset(t);
		return;
	}

	pthread_mutex_lock(&t->lock);
	q = selected(t);
	switch (off) {
	case VIRTIO_MMIO_DEVICE_FEATURES_SEL:
		t->dev_features_sel = val;
		break;
	case VIRTIO_MMIO_DRIVER_FEATURES:
		if ((t->status & VIRTIO_STATUS_FEATURES_OK) ||
		    t->drv_features_sel > 1)
			break;
		t->driver_features &=
			~(0xffffffffull << (32 * t->drv_features_sel));
		t->driver_features |= (uint64_t)val
				      << (32 * t->drv_features_sel);
		break;
	case VIRTIO_MMIO_DRIVER_FEATURES_SEL:
		t->drv_features_sel = val;
		break;
	case VIRTIO_MMIO_QUEUE_SEL:
		t->queue_sel = val;
		break;
	case VIRTIO_MMIO_QUEUE_NUM:
		if (q && !q->ready)
			q->num = val;
		break;
	case VIRTIO_MMIO_QUEUE_READY:
		if (q)
			queue_ready(t, q, val);
		break;
	case VIRTIO_MMIO_QUEUE_NOTIFY:
		/* No VIRTIO_F_NOTIFICATION_DATA: the value is the index. */
		if ((val & 0xffff) < t->ops->num_queues && live(t))
			notify = val & 0xffff;
		break;
	case VIRTIO_MMIO_INTERRUPT_ACK:
		t->isr &= ~val;
		update_irq(t);
		break;
	case VIRTIO_MMIO_STATUS:
		kick_all = status_write(t, val) && live(t);
		break;
	case VIRTIO_MMIO_QUEUE_DESC_LOW:
	case VIRTIO_MMIO_QUEUE_DESC_HIGH:
	case VIRTIO_MMIO_QUEUE_DRIVER_LOW:
	case VIRTIO_MMIO_QUEUE_DRIVER_HIGH:
	case VIRTIO_MMIO_QUEUE_DEVICE_LOW:
	case VIRTIO_MMIO_QUEUE_DEVICE_HIGH: {
		uint64_t *addr;
		unsigned shift = off & 4 ? 32 : 0;

		if (!q || q->ready)
			break;
		addr = off < VIRTIO_MMIO_QUEUE_DRIVER_LOW   ? &q->desc
		       : off < VIRTIO_MMIO_QUEUE_DEVICE_LOW ? &q->driver
							    : &q->device;
		*addr &= ~(0xffffffffull << shift);
		*addr |= (uint64_t)val << shift;
		break;
	}
	default:
		/*
		 * SHMSel has nothing to select; QueueReset needs
		 * VIRTIO_F_RING_RESET, which is not offered; read-only
		 * registers ignore writes.
		 */
		break;
	}
	pthread_mutex_unlock(&t->lock);

	if (notify >= 0)
		call_notify(t, notify);
	/* Buffers made available before DRIVER_OK are looked at now. */
	for (unsigned i = 0; kick_all && i < t->ops->num_queues; i++)
		call_notify(t, i);
}

static const struct bus_dev_ops virtio_mmio_ops = {
	.read = mmio_read,
	.write = mmio_write,
	.min_size = 1,
	.max_size = 4,
};

int virtio_mmio_create(struct virtio_mmio **out, uint64_t base,
		       struct irq_line irq, const struct guestmem *mem,
		       const struct virtio_dev_ops *ops, void *dev)
{
	struct virtio_mmio *t;

	if (ops->config_size > VIRTIO_MMIO_SIZE - VIRTIO_MMIO_CONFIG ||
	    !ops->queue_max || (ops->queue_max & (ops->queue_max - 1)) ||
	    ops->queue_max > VIRTQ_MAX_SIZE || !ops->notify)
		return -EINVAL;
	t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	t->config = calloc(1, ops->config_size + 1);
	t->q = calloc(ops->num_queues + 1, sizeof(*t->q));
	if (!t->config || !t->q) {
		free(t->config);
		free(t->q);
		free(t);
		return -ENOMEM;
	}
	for (unsigned i = 0; i < ops->num_queues; i++)
		virtq_init(&t->q[i].vq, i);
	pthread_mutex_init(&t->lock, NULL);
	pthread_cond_init(&t->idle, NULL);
	t->dev = (struct bus_dev){
		.base = base,
		.len = VIRTIO_MMIO_SIZE,
		.name = "virtio-mmio",
		.ops = &virtio_mmio_ops,
		.opaque = t,
	};
	t->irq = irq;
	t->mem = mem;
	t->ops = ops;
	t->opaque = dev;
	*out = t;
	return 0;
}

void virtio_mmio_destroy(struct virtio_mmio *t)
{
	if (!t)
		return;
	pthread_cond_destroy(&t->idle);
	pthread_mutex_destroy(&t->lock);
	free(t->config);
	free(t->q);
	free(t);
}

const struct bus_dev *virtio_mmio_bus_dev(struct virtio_mmio *t)
{
	return &t->dev;
}

int virtio_mmio_fdt(struct virtio_mmio *t, void *fdt, int parent,
		    uint32_t plic_phandle)
{
	int node, err;

	node = devfdt_node(fdt, parent, "virtio_mmio", t->dev.base);
	if (node < 0)
		return devfdt_err(node);
	err = fdt_setprop_u32(fdt, node, "interrupts", t->irq.line);
	if (!err)
		err = fdt_setprop_u32(fdt, node, "interrupt-parent",
				      plic_phandle);
	if (!err)
		err = devfdt_reg(fdt, node, t->dev.base, t->dev.len);
	if (!err)
		err = fdt_setprop_string(fdt, node, "compatible",
					 "virtio,mmio");
	return devfdt_err(err);
}

void virtio_mmio_reset(struct virtio_mmio *t)
{
	do_reset(t);
}

int virtio_mmio_pop(struct virtio_mmio *t, unsigned q, struct virtq_elem **out)
{
	int ret = 0;

	pthread_mutex_lock(&t->lock);
	if (q < t->ops->num_queues && live(t)) {
		ret = virtq_pop(&t->q[q].vq, out);
		if (ret == -EINVAL)
			needs_reset_locked(t);
		if (ret < 0)
			ret = 0;
	}
	pthread_mutex_unlock(&t->lock);
	return ret;
}

void virtio_mmio_push(struct virtio_mmio *t, struct virtq_elem *e, uint32_t len)
{
	pthread_mutex_lock(&t->lock);
	if (e->queue < t->ops->num_queues) {
		struct virtq *vq = &t->q[e->queue].vq;

		if (virtq_push(vq, e, len) && virtq_need_notify(vq)) {
			t->isr |= VIRTIO_INT_USED;
			update_irq(t);
		}
	}
	pthread_mutex_unlock(&t->lock);
	free(e);
}

void virtio_mmio_unpop(struct virtio_mmio *t, struct virtq_elem *e)
{
	bool back = false;

	pthread_mutex_lock(&t->lock);
	if (e->queue < t->ops->num_queues)
		back = virtq_unpop(&t->q[e->queue].vq, e);
	pthread_mutex_unlock(&t->lock);
	if (!back)
		free(e);
}

uint64_t virtio_mmio_features(struct virtio_mmio *t)
{
	uint64_t f;

	pthread_mutex_lock(&t->lock);
	f = t->driver_features;
	pthread_mutex_unlock(&t->lock);
	return f;
}

void virtio_mmio_config_changed(struct virtio_mmio *t)
{
	pthread_mutex_lock(&t->lock);
	t->generation++;
	if (t->status & VIRTIO_STATUS_DRIVER_OK) {
		t->isr |= VIRTIO_INT_CONFIG;
		update_irq(t);
	}
	pthread_mutex_unlock(&t->lock);
}

void virtio_mmio_needs_reset(struct virtio_mmio *t)
{
	pthread_mutex_lock(&t->lock);
	needs_reset_locked(t);
	pthread_mutex_unlock(&t->lock);
}

void virtio_mmio_quiesce(struct virtio_mmio *t)
{
	pthread_mutex_lock(&t->lock);
	t->quiesced = true;
	while (t->busy)
		pthread_cond_wait(&t->idle, &t->lock);
	pthread_mutex_unlock(&t->lock);
}

void virtio_mmio_resume(struct virtio_mmio *t)
{
	bool kick;

	pthread_mutex_lock(&t->lock);
	t->quiesced = false;
	kick = live(t);
	pthread_mutex_unlock(&t->lock);
	for (unsigned i = 0; kick && i < t->ops->num_queues; i++)
		if (t->q[i].ready)
			call_notify(t, i);
}

enum {
	MMIO_REC_VERSION = 1,
	K_DEVICE_ID = 1,
	K_NUM_QUEUES,
	K_STATUS,
	K_ISR,
	K_LEVEL,
	K_DEV_FEATURES_SEL,
	K_DRV_FEATURES_SEL,
	K_QUEUE_SEL,
	K_DRIVER_FEATURES,
	K_GENERATION,
	/* Queue q's fields are K_QUEUE(q) + K_Q_*. */
	K_QUEUE0 = 0x100,
	K_Q_NUM = 0,
	K_Q_READY,
	K_Q_DESC,
	K_Q_DRIVER,
	K_Q_DEVICE,
	K_Q_ENABLED,
	K_Q_LAST_AVAIL,
	K_Q_USED_IDX,
	K_Q_SIGNALLED,
	K_Q_BROKEN,
	K_Q_STRIDE = 0x10,
};
#define K_QUEUE(q) (K_QUEUE0 + K_Q_STRIDE * (q))

int virtio_mmio_save(struct virtio_mmio *t, struct rec_writer *w)
{
	pthread_mutex_lock(&t->lock);
	rec_begin(w, "virtio-mmio", MMIO_REC_VERSION);
	rec_u64(w, K_DEVICE_ID, t->ops->device_id);
	rec_u64(w, K_NUM_QUEUES, t->ops->num_queues);
	rec_u64(w, K_STATUS, t->status);
	rec_u64(w, K_ISR, t->isr);
	rec_u64(w, K_LEVEL, t->level);
	rec_u64(w, K_DEV_FEATURES_SEL, t->dev_features_sel);
	rec_u64(w, K_DRV_FEATURES_SEL, t->drv_features_sel);
	rec_u64(w, K_QUEUE_SEL, t->queue_sel);
	rec_u64(w, K_DRIVER_FEATURES, t->driver_features);
	rec_u64(w, K_GENERATION, t->generation);
	for (unsigned i = 0; i < t->ops->num_queues; i++) {
		struct mmio_queue *q = &t->q[i];
		unsigned k = K_QUEUE(i);

		rec_u64(w, k + K_Q_NUM, q->num);
		rec_u64(w, k + K_Q_READY, q->ready);
		rec_u64(w, k + K_Q_DESC, q->desc);
		rec_u64(w, k + K_Q_DRIVER, q->driver);
		rec_u64(w, k + K_Q_DEVICE, q->device);
		rec_u64(w, k + K_Q_ENABLED, q->vq.enabled);
		rec_u64(w, k + K_Q_LAST_AVAIL, q->vq.last_avail);
		rec_u64(w, k + K_Q_USED_IDX, q->vq.used_idx);
		rec_u64(w, k + K_Q_SIGNALLED, q->vq.signalled);
		rec_u64(w, k + K_Q_BROKEN, q->vq.broken);
	}
	pthread_mutex_unlock(&t->lock);
	return rec_end(w);
}

static int load_queue(struct virtio_mmio *t, const struct rec *rec, unsigned i)
{
	struct mmio_queue *q = &t->q[i];
	unsigned k = K_QUEUE(i);
	uint64_t last_avail, used_idx, signalled;
	bool ready, enabled, broken;
	uint64_t f = t->driver_features;
	int ret;

	ret = rec_get_u32(rec, k + K_Q_NUM, &q->num);
	ret = ret ?: rec_get_bool(rec, k + K_Q_READY, &ready);
	ret = ret ?: rec_get_u64(rec, k + K_Q_DESC, &q->desc);
	ret = ret ?: rec_get_u64(rec, k + K_Q_DRIVER, &q->driver);
	ret = ret ?: rec_get_u64(rec, k + K_Q_DEVICE, &q->device);
	ret = ret ?: rec_get_bool(rec, k + K_Q_ENABLED, &enabled);
	ret = ret ?: rec_get_uint(rec, k + K_Q_LAST_AVAIL, 0xffff, &last_avail);
	ret = ret ?: rec_get_uint(rec, k + K_Q_USED_IDX, 0xffff, &used_idx);
	ret = ret ?: rec_get_uint(rec, k + K_Q_SIGNALLED, 0xffff, &signalled);
	ret = ret ?: rec_get_bool(rec, k + K_Q_BROKEN, &broken);
	if (ret)
		return ret;
	q->ready = ready;
	virtq_disable(&q->vq);
	if (!enabled)
		return 0;
	if (q->num > t->ops->queue_max ||
	    virtq_restore(&q->vq, t->mem, q->num, q->desc, q->driver, q->device,
			  f & (1ull << VIRTIO_F_EVENT_IDX),
			  f & (1ull << VIRTIO_F_INDIRECT_DESC), last_avail,
			  used_idx, signalled, broken))
		return rec_fail(rec, "queue %u lies outside guest RAM", i);
	return 0;
}

int virtio_mmio_load(struct virtio_mmio *t, struct rec_reader *r)
{
	uint64_t id, nq;
	bool level;
	struct rec rec;
	int ret;

	ret = rec_next(r, "virtio-mmio", MMIO_REC_VERSION, &rec);
	ret = ret ?: rec_get_u64(&rec, K_DEVICE_ID, &id);
	ret = ret ?: rec_get_u64(&rec, K_NUM_QUEUES, &nq);
	if (!ret && (id != t->ops->device_id || nq != t->ops->num_queues))
		ret = rec_fail(&rec,
			       "saved for device type %llu with %llu queues, "
			       "not type %u with %u",
			       (unsigned long long)id, (unsigned long long)nq,
			       t->ops->device_id, t->ops->num_queues);
	if (ret)
		return ret;
	pthread_mutex_lock(&t->lock);
	ret = rec_get_uint(&rec, K_STATUS, 0xff, &id);
	if (!ret)
		t->status = id;
	ret = ret ?: rec_get_u32(&rec, K_ISR, &t->isr);
	ret = ret ?: rec_get_bool(&rec, K_LEVEL, &level);
	ret = ret
		      ?: rec_get_u32(&rec, K_DEV_FEATURES_SEL,
				     &t->dev_features_sel);
	ret = ret
		      ?: rec_get_u32(&rec, K_DRV_FEATURES_SEL,
				     &t->drv_features_sel);
	ret = ret ?: rec_get_u32(&rec, K_QUEUE_SEL, &t->queue_sel);
	ret = ret ?: rec_get_u64(&rec, K_DRIVER_FEATURES, &t->driver_features);
	ret = ret ?: rec_get_u32(&rec, K_GENERATION, &t->generation);
	for (unsigned i = 0; !ret && i < t->ops->num_queues; i++)
		ret = load_queue(t, &rec, i);
	if (ret) {
		reset_locked(t);
	} else {
		t->level = level;
		irq_set(&t->irq, level);
	}
	pthread_mutex_unlock(&t->lock);
	return ret;
}
