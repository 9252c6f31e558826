// SPDX-License-Identifier: MIT
/*
 * Hostile rings for devices/virtio/virtq and the virtio-mmio transport:
 * random descriptor tables, indirect tables (nested, misaligned, past RAM),
 * loops, huge lengths, out-of-range indexes and avail->idx jumps.
 *
 * Each chain is also judged by a reference walker written here from the
 * spec's rules (with a visited set instead of a step count), and the two
 * must agree: a valid chain pops with exactly the same buffers, an invalid
 * one is refused and, through the transport, sets DEVICE_NEEDS_RESET.
 * A guest rewriting the rings while the device reads them is simulated by
 * a scribbling thread; then only memory safety can be checked.
 *
 * A fixed seed runs first, then random seeds for HVRUN_FUZZ_SECONDS
 * (default 2); a failure prints the seed and iteration, which
 * HVRUN_FUZZ_SEED=S replays.
 */
#include "devices/virtio/virtq.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "devices/virtio/mmio.h"
#include "vdriver.h"

#define RAM_SIZE (1ull << 20)
#define RING_AREA (VD_RAM_BASE + 0x10000)
#define TABLE_AREA (VD_RAM_BASE + 0x40000) /* indirect tables */
#define TABLE_SLOTS 16
#define TABLE_SLOT 0x1000
#define FIXED_SEED 0x5eed
#define FIXED_ITERS 20000

static int failures;
static struct guestmem mem;

struct rng {
	uint64_t s;
};

static uint64_t next(struct rng *r)
{
	/* xorshift64* */
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545f4914f6cdd1dull;
}

static uint64_t below(struct rng *r, uint64_t n)
{
	return n ? next(r) % n : 0;
}

static bool chance(struct rng *r, unsigned percent)
{
	return below(r, 100) < percent;
}

static void fail(const char *what, uint64_t seed, unsigned iter)
{
	printf("FAIL %s: seed %llu iteration %u (replay with "
	       "HVRUN_FUZZ_SEED=%llu)\n",
	       what, (unsigned long long)seed, iter, (unsigned long long)seed);
	failures++;
}

/* --- building hostile rings --- */

static uint64_t rand_addr(struct rng *r)
{
	switch (below(r, 10)) {
	case 0:
		return next(r); /* anywhere */
	case 1:
		return VD_RAM_BASE + RAM_SIZE - below(r, 64); /* at the end */
	case 2:
		return VD_RAM_BASE - 1 - below(r, 64); /* just below */
	case 3:
		return ~0ull - below(r, 64); /* wraps */
	default:
		return VD_RAM_BASE + 0x80000 + below(r, 0x70000);
	}
}

static uint32_t rand_len(struct rng *r)
{
	switch (below(r, 10)) {
	case 0:
		return 0;
	case 1:
		return 0xffffffff - (uint32_t)below(r, 16);
	case 2:
		return RAM_SIZE + below(r, 16) - 8;
	case 3:
		return (uint32_t)next(r);
	default:
		return 1 + below(r, 4096);
	}
}

static uint16_t rand_flags(struct rng *r, bool table)
{
	uint16_t f = 0;

	if (chance(r, 60))
		f |= VIRTQ_DESC_F_NEXT;
	if (chance(r, 40))
		f |= VIRTQ_DESC_F_WRITE;
	if (chance(r, table ? 3 : 12))
		f |= VIRTQ_DESC_F_INDIRECT;
	if (chance(r, 2))
		f |= 1 << below(r, 16); /* undefined bits are ignored */
	return f;
}

static void rand_indirect(struct rng *r, uint64_t *addr, uint32_t *len)
{
	unsigned slot = below(r, TABLE_SLOTS);
	unsigned n = 1 + below(r, 12);

	*addr = TABLE_AREA + TABLE_SLOT * slot;
	*len = 16 * n;
	switch (below(r, 12)) {
	case 0:
		*len += 1 + below(r, 15); /* not a whole number */
		break;
	case 1:
		*addr = rand_addr(r);
		break;
	case 2:
		*addr += 1 + below(r, 15); /* misaligned: still legal */
		break;
	case 3:
		*len = 0;
		break;
	case 4:
		*len = 16 * (1024 + below(r, 4)); /* over the chain limit */
		break;
	}
}

/*
 * A descriptor; a @tame one looks like a real driver's (in RAM, chained
 * forward, writable at the end) so that long valid chains occur too.
 */
static void rand_desc(struct rng *r, uint8_t *d, unsigned i, uint16_t tsize,
		      bool table, bool tame)
{
	uint64_t addr = rand_addr(r);
	uint32_t len = rand_len(r);
	uint16_t flags = rand_flags(r, table);
	uint16_t nx = chance(r, 90) ? below(r, tsize) : below(r, 0x10000);

	if (tame && !chance(r, 2)) {
		addr = VD_RAM_BASE + 0x80000 + below(r, 0x70000);
		len = below(r, 2048);
		flags &= ~VIRTQ_DESC_F_WRITE;
		if (i >= tsize / 2)
			flags |= VIRTQ_DESC_F_WRITE;
		if (i + 1 < tsize && chance(r, 70)) {
			flags |= VIRTQ_DESC_F_NEXT;
			nx = i + 1;
		} else {
			flags &= ~VIRTQ_DESC_F_NEXT;
		}
	}
	if (flags & VIRTQ_DESC_F_INDIRECT)
		rand_indirect(r, &addr, &len);
	addr = htole64(addr);
	len = htole32(len);
	flags = htole16(flags);
	nx = htole16(nx);
	memcpy(d, &addr, 8);
	memcpy(d + 8, &len, 4);
	memcpy(d + 12, &flags, 2);
	memcpy(d + 14, &nx, 2);
}

/* A ring of @size with random tables and @count heads in avail. */
static void build(struct rng *r, struct vd_queue *q, uint16_t size,
		  uint16_t count)
{
	uint8_t *tables = vd_ptr(&mem, TABLE_AREA);
	bool tame = chance(r, 50);

	for (unsigned i = 0; i < size; i++)
		rand_desc(r, (uint8_t *)vd_ptr(&mem, q->desc) + 16 * i, i, size,
			  false, tame);
	/* Tables hold at most 12 entries (plus a misaligned start). */
	for (unsigned t = 0; t < TABLE_SLOTS; t++)
		for (unsigned i = 0; i < 16; i++)
			rand_desc(r, tables + TABLE_SLOT * t + 16 * i, i, 12,
				  true, tame);
	for (unsigned i = 0; i < count; i++) {
		uint16_t head =
			chance(r, 95) ? below(r, size) : below(r, 0x10000);

		*vd_avail16(q, 2 + q->avail_idx % size) = htole16(head);
		q->avail_idx++;
	}
	__atomic_store_n(vd_avail16(q, 1), htole16(q->avail_idx),
			 __ATOMIC_RELEASE);
}

/* --- the reference walker --- */

struct ref_seg {
	uint64_t addr;
	uint32_t len;
	bool write;
};

struct ref {
	unsigned n, n_out;
	uint64_t out_len, in_len;
	struct ref_seg seg[VIRTQ_MAX_SEGS];
};

static bool in_ram(uint64_t addr, uint64_t len)
{
	return addr >= VD_RAM_BASE && len <= RAM_SIZE &&
	       addr - VD_RAM_BASE <= RAM_SIZE - len;
}

static void get_desc(const uint8_t *p, uint64_t *addr, uint32_t *len,
		     uint16_t *flags, uint16_t *nx)
{
	memcpy(addr, p, 8);
	memcpy(len, p + 8, 4);
	memcpy(flags, p + 12, 2);
	memcpy(nx, p + 14, 2);
	*addr = le64toh(*addr);
	*len = le32toh(*len);
	*flags = le16toh(*flags);
	*nx = le16toh(*nx);
}

static bool ref_walk(struct vd_queue *q, uint16_t head, bool indirect_ok,
		     struct ref *out)
{
	static _Thread_local bool visited[VIRTQ_MAX_SIZE];
	const uint8_t *table = vd_ptr(&mem, q->desc);
	unsigned tsize = q->size, i = head;
	bool in_table = false, seen_write = false;

	memset(out, 0, sizeof(*out));
	memset(visited, 0, tsize);
	for (;;) {
		uint64_t addr;
		uint32_t len;
		uint16_t flags, nx;

		if (i >= tsize || visited[i])
			return false;
		visited[i] = true;
		get_desc(table + 16 * i, &addr, &len, &flags, &nx);
		if (flags & VIRTQ_DESC_F_INDIRECT) {
			if (!indirect_ok || in_table ||
			    (flags & VIRTQ_DESC_F_NEXT))
				return false;
			if (len == 0 || len % 16 || len / 16 > VIRTQ_MAX_SEGS ||
			    !in_ram(addr, len))
				return false;
			table = vd_ptr(&mem, addr);
			tsize = len / 16;
			in_table = true;
			memset(visited, 0, tsize);
			i = 0;
			continue;
		}
		if (flags & VIRTQ_DESC_F_WRITE) {
			seen_write = true;
			out->in_len += len;
		} else if (seen_write) {
			return false;
		} else {
			out->out_len += len;
		}
		if (out->out_len + out->in_len > UINT32_MAX)
			return false;
		if (len) {
			if (!in_ram(addr, len) || out->n == VIRTQ_MAX_SEGS)
				return false;
			out->seg[out->n++] = (struct ref_seg){
				addr, len, !!(flags & VIRTQ_DESC_F_WRITE)};
			if (!(flags & VIRTQ_DESC_F_WRITE))
				out->n_out++;
		}
		if (!(flags & VIRTQ_DESC_F_NEXT))
			return true;
		i = nx;
	}
}

static bool same(const struct virtq_elem *e, const struct ref *ref,
		 uint16_t head)
{
	if (e->head != head || e->n_out != ref->n_out ||
	    e->n_out + e->n_in != ref->n || e->out_len != ref->out_len ||
	    e->in_len != ref->in_len)
		return false;
	for (unsigned i = 0; i < ref->n; i++) {
		if (e->iov[i].iov_base != vd_ptr(&mem, ref->seg[i].addr) ||
		    e->iov[i].iov_len != ref->seg[i].len)
			return false;
	}
	return true;
}

/* --- one round straight on a virtq --- */

static bool round_virtq(struct rng *r, struct ref *ref)
{
	uint16_t size = 1u << below(r, 9);
	bool indirect = chance(r, 70), event_idx = chance(r, 50);
	uint16_t count =
		chance(r, 5) ? size + 1 + below(r, 100) : below(r, size + 1);
	struct vd_queue q;
	struct virtq vq;
	struct virtq_elem *e;

	vd_queue_init(&q, &mem, 0, size);
	virtq_init(&vq, 0);
	if (virtq_enable(&vq, &mem, size, q.desc, q.avail, q.used, event_idx,
			 indirect))
		return false;
	build(r, &q, size, count);
	if (count > size)
		return virtq_pop(&vq, &e) == -EINVAL && vq.broken;
	for (unsigned k = 0; k < count; k++) {
		uint16_t head = le16toh(*vd_avail16(&q, 2 + k % size));
		bool ok = ref_walk(&q, head, indirect, ref);
		int ret = virtq_pop(&vq, &e);

		if (!ok) {
			if (ret == 1)
				free(e);
			return ret == -EINVAL && vq.broken &&
			       virtq_pop(&vq, &e) == -EINVAL;
		}
		if (ret != 1)
			return false;
		if (!same(e, ref, head)) {
			free(e);
			return false;
		}
		if (!virtq_push(&vq, e, (uint32_t)next(r)))
			return false;
		free(e);
		(void)virtq_need_notify(&vq);
	}
	return virtq_pop(&vq, &e) == 0 && vd_used_idx(&q) == count;
}

/* --- through the transport --- */

struct fake {
	struct virtio_mmio *t;
};

static uint64_t fake_features(void *dev)
{
	return 0;
}

static void fake_config(void *dev, void *buf)
{
	memset(buf, 0xa5, 16);
}

static void fake_notify(void *dev, unsigned q)
{
	struct fake *f = dev;
	struct virtq_elem *e;

	while (virtio_mmio_pop(f->t, q, &e) > 0) {
		/* Touch every byte the device was given. */
		for (unsigned i = 0; i < e->n_out + e->n_in; i++) {
			volatile uint8_t *p = e->iov[i].iov_base;

			(void)p[0];
			(void)p[e->iov[i].iov_len - 1];
			if (i >= e->n_out)
				p[e->iov[i].iov_len - 1] = 0x5a;
		}
		virtio_mmio_push(f->t, e, e->in_len);
	}
}

static const struct virtio_dev_ops fake_ops = {
	.device_id = 99,
	.num_queues = 2,
	.queue_max = 256,
	.config_size = 16,
	.features = fake_features,
	.config = fake_config,
	.notify = fake_notify,
};

static void no_irq(void *opaque, unsigned line, int level)
{
}

static bool round_transport(struct rng *r, struct fake *f,
			    const struct bus_dev *d, struct ref *ref)
{
	uint16_t size = 1u << below(r, 9);
	bool indirect = chance(r, 70), event_idx = chance(r, 50);
	uint64_t feats = 1ull << VIRTIO_F_VERSION_1;
	uint16_t count = below(r, size + 1);
	bool expect_bad = false;
	struct vd_queue q;

	if (indirect)
		feats |= 1ull << VIRTIO_F_INDIRECT_DESC;
	if (event_idx)
		feats |= 1ull << VIRTIO_F_EVENT_IDX;
	vd_queue_init(&q, &mem, 0, size);
	if (!vd_negotiate(d, feats))
		return false;
	vd_setup_queue(d, 0, &q);
	vd_driver_ok(d);
	build(r, &q, size, count);
	for (unsigned k = 0; k < count && !expect_bad; k++)
		expect_bad = !ref_walk(&q, le16toh(*vd_avail16(&q, 2 + k)),
				       indirect, ref);
	vd_wr(d, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	return !!(vd_rd(d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET) ==
		       expect_bad &&
	       (expect_bad || vd_used_idx(&q) == count);
}

/* A driver writing anything anywhere in the register window. */
static void round_registers(struct rng *r, const struct bus_dev *d)
{
	static const uint32_t regs[] = {
		VIRTIO_MMIO_DEVICE_FEATURES_SEL,
		VIRTIO_MMIO_DRIVER_FEATURES,
		VIRTIO_MMIO_DRIVER_FEATURES_SEL,
		VIRTIO_MMIO_QUEUE_SEL,
		VIRTIO_MMIO_QUEUE_NUM,
		VIRTIO_MMIO_QUEUE_READY,
		VIRTIO_MMIO_QUEUE_NOTIFY,
		VIRTIO_MMIO_INTERRUPT_ACK,
		VIRTIO_MMIO_STATUS,
		VIRTIO_MMIO_QUEUE_DESC_LOW,
		VIRTIO_MMIO_QUEUE_DESC_HIGH,
		VIRTIO_MMIO_QUEUE_DRIVER_LOW,
		VIRTIO_MMIO_QUEUE_DRIVER_HIGH,
		VIRTIO_MMIO_QUEUE_DEVICE_LOW,
		VIRTIO_MMIO_QUEUE_DEVICE_HIGH,
		VIRTIO_MMIO_QUEUE_RESET,
		VIRTIO_MMIO_SHM_SEL,
	};
	uint8_t *ram = mem.host;

	/* Random bytes where rings are likely to land. */
	for (int i = 0; i < 64; i++)
		ram[below(r, RAM_SIZE)] = next(r);
	for (int i = 0; i < 200; i++) {
		uint64_t off = chance(r, 80) ? regs[below(r, 17)]
					     : below(r, VIRTIO_MMIO_SIZE);
		unsigned size = 1u << below(r, 3);
		uint32_t val = next(r);

		off &= ~(uint64_t)(size - 1);
		if (off == VIRTIO_MMIO_QUEUE_DESC_LOW ||
		    off == VIRTIO_MMIO_QUEUE_DRIVER_LOW ||
		    off == VIRTIO_MMIO_QUEUE_DEVICE_LOW)
			val = chance(r, 80) ? (uint32_t)(VD_RAM_BASE +
							 below(r, RAM_SIZE))
					    : val;
		if (off == VIRTIO_MMIO_QUEUE_DESC_HIGH ||
		    off == VIRTIO_MMIO_QUEUE_DRIVER_HIGH ||
		    off == VIRTIO_MMIO_QUEUE_DEVICE_HIGH)
			val = chance(r, 90) ? 0 : val;
		if (off == VIRTIO_MMIO_QUEUE_NUM && chance(r, 80))
			val = 1u << below(r, 10);
		if (off == VIRTIO_MMIO_STATUS && chance(r, 50))
			val = chance(r, 20) ? 0 : 0xf;
		if (off == VIRTIO_MMIO_QUEUE_NOTIFY && chance(r, 80))
			val = below(r, 3);
		if (off == VIRTIO_MMIO_DRIVER_FEATURES && chance(r, 70))
			val = chance(r, 50) ? 1 : 0x30000000;
		if (chance(r, 50))
			(void)d->ops->read(d->opaque, off, size);
		else
			d->ops->write(d->opaque, off, val, size);
	}
}

/* --- the guest changing the rings under the device --- */

struct scribbler {
	struct rng r;
	volatile bool stop;
};

static void *scribble(void *arg)
{
	struct scribbler *s = arg;
	uint8_t *ring = vd_ptr(&mem, RING_AREA);
	uint8_t *tables = vd_ptr(&mem, TABLE_AREA);

	while (!s->stop) {
		uint64_t v = next(&s->r);

		if (v & 1)
			__atomic_store_n(&ring[(v >> 8) % 0x6000], v >> 32,
					 __ATOMIC_RELAXED);
		else
			__atomic_store_n(
				&tables[(v >> 8) % (TABLE_SLOTS * TABLE_SLOT)],
				v >> 32, __ATOMIC_RELAXED);
	}
	return NULL;
}

static bool round_racing(struct rng *r)
{
	uint16_t size = 1u << below(r, 9);
	struct scribbler s = {.r = {next(r) | 1}};
	struct vd_queue q;
	struct virtq vq;
	struct virtq_elem *e;
	pthread_t th;
	bool ok = true;

	vd_queue_init(&q, &mem, 0, size);
	virtq_init(&vq, 0);
	if (virtq_enable(&vq, &mem, size, q.desc, q.avail, q.used, true, true))
		return false;
	build(r, &q, size, size);
	pthread_create(&th, NULL, scribble, &s);
	for (int k = 0; k < 1000; k++) {
		int ret = virtq_pop(&vq, &e);

		if (ret < 0)
			break;
		if (ret == 0) {
			virtq_disable(&vq);
			virtq_enable(&vq, &mem, size, q.desc, q.avail, q.used,
				     true, true);
			continue;
		}
		for (unsigned i = 0; i < e->n_out + e->n_in; i++) {
			uint8_t *p = e->iov[i].iov_base;

			if (p < mem.host || p + e->iov[i].iov_len < p ||
			    p + e->iov[i].iov_len > mem.host + mem.size)
				ok = false;
		}
		if (e->out_len + e->in_len > UINT32_MAX ||
		    e->n_out + e->n_in > VIRTQ_MAX_SEGS)
			ok = false;
		virtq_push(&vq, e, (uint32_t)next(r));
		virtq_need_notify(&vq);
		free(e);
	}
	s.stop = true;
	pthread_join(th, NULL);
	return ok;
}

static void run(uint64_t seed, unsigned iters, double seconds, const char *name)
{
	struct ref *ref = malloc(sizeof(*ref));
	struct timespec t0, t;
	struct fake f = {0};
	const struct bus_dev *d;
	bool failed = false;

	if (!ref || virtio_mmio_create(&f.t, VIRTIO_MMIO_BASE(0),
				       (struct irq_line){no_irq, NULL, 1}, &mem,
				       &fake_ops, &f)) {
		printf("FAIL %s: setup\n", name);
		failures++;
		free(ref);
		return;
	}
	d = virtio_mmio_bus_dev(f.t);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (unsigned i = 0; !failed && (seconds > 0 || i < iters); i++) {
		struct rng r = {seed * 0x9e3779b97f4a7c15ull + i + 1};
		unsigned kind = below(&r, 100);

		if (kind < 60) {
			if (!round_virtq(&r, ref)) {
				fail("virtq-vs-reference", seed, i);
				failed = true;
			}
		} else if (kind < 85) {
			if (!round_transport(&r, &f, d, ref)) {
				fail("transport-needs-reset", seed, i);
				failed = true;
			}
		} else if (kind < 99) {
			round_registers(&r, d);
		} else if (!round_racing(&r)) {
			fail("racing-guest", seed, i);
			failed = true;
		}
		if (seconds > 0 && (i & 63) == 0) {
			clock_gettime(CLOCK_MONOTONIC, &t);
			if (t.tv_sec - t0.tv_sec +
				    (t.tv_nsec - t0.tv_nsec) / 1e9 >
			    seconds)
				break;
		}
	}
	vd_wr(d, VIRTIO_MMIO_STATUS, 0);
	virtio_mmio_destroy(f.t);
	free(ref);
	if (!failed)
		printf("ok %s\n", name);
}

int main(void)
{
	const char *env = getenv("HVRUN_FUZZ_SEED");
	double seconds = 2;
	uint64_t seed;

	if (guestmem_init(&mem, VD_RAM_BASE, RAM_SIZE)) {
		printf("FAIL guestmem: cannot map guest RAM\n");
		return 1;
	}
	if (getenv("HVRUN_FUZZ_SECONDS"))
		seconds = atof(getenv("HVRUN_FUZZ_SECONDS"));
	if (env) {
		run(strtoull(env, NULL, 0), FIXED_ITERS, 0, "replay");
	} else {
		run(FIXED_SEED, FIXED_ITERS, 0, "fixed-seed");
		seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
		printf("random seed %llu\n", (unsigned long long)seed);
		if (seconds > 0)
			run(seed, 0, seconds, "random-seed");
	}
	guestmem_destroy(&mem);
	return failures ? 1 : 0;
}
