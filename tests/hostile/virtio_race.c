/*
 * Every hart drives the same virtio-mmio devices at once, each as if it
 * were the only driver ("Virtio Over MMIO", "Device Initialization"):
 * negotiation, queue set-up, requests, notifies and resets from several
 * harts interleave with the devices' own threads. The transports must
 * stay consistent; afterwards, with one driver again, each device must
 * serve a valid request (the disk's sector 0 holds the image's bytes).
 */
#include "hostile.h"

#ifndef NHARTS
#define NHARTS 4
#endif
#ifndef ROUNDS
#define ROUNDS 3000
#endif

#define QAREA(h) (0x88000000UL + 0x200000UL * (h))

struct drv {
	unsigned long dev, mem;
	uint16_t avail;
	uint64_t s;
};

static volatile unsigned long finished;

static int drv_init(struct drv *d, unsigned q)
{
	unsigned long b = d->dev, m = d->mem;

	w32(b + 0x70, 0);
	w32(b + 0x70, 1);
	w32(b + 0x70, 3);
	w32(b + 0x24, 0);
	w32(b + 0x20, 0);
	w32(b + 0x24, 1);
	w32(b + 0x20, 1);
	w32(b + 0x70, 11);
	for (unsigned long i = 0; i < 0x3000; i += 8)
		*(volatile uint64_t *)(m + i) = 0;
	d->avail = 0;
	w32(b + 0x30, q);
	w32(b + 0x38, 8);
	w32(b + 0x80, m);
	w32(b + 0x84, 0);
	w32(b + 0x90, m + 0x1000);
	w32(b + 0x94, 0);
	w32(b + 0xa0, m + 0x2000);
	w32(b + 0xa4, 0);
	w32(b + 0x44, 1);
	w32(b + 0x70, 15);
	return (r32(b + 0x70) & 0x4f) == 15;
}

static void desc(struct drv *d, unsigned i, uint64_t a, uint32_t len,
		 uint16_t flags, uint16_t next)
{
	volatile uint8_t *p = (volatile uint8_t *)(d->mem + 16 * i);

	*(volatile uint64_t *)p = a;
	*(volatile uint32_t *)(p + 8) = len;
	*(volatile uint16_t *)(p + 12) = flags;
	*(volatile uint16_t *)(p + 14) = next;
}

static void put_le(volatile uint8_t *p, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		p[i] = v >> (8 * i);
}

/* Builds a valid request for device @id in descriptors 0.. and posts it. */
static void request(struct drv *d, uint32_t id, unsigned q, int sector)
{
	unsigned long buf = d->mem + 0x4000;
	volatile uint8_t *b = (volatile uint8_t *)buf;
	volatile uint16_t *av = (volatile uint16_t *)(d->mem + 0x1000);

	switch (id) {
	case 2: /* blk: read (or write past sector 8) */
		put_le(b, sector >= 8 ? 1 : 0, 4);
		put_le(b + 4, 0, 4);
		put_le(b + 8, sector, 8);
		desc(d, 0, buf, 16, 1, 1);
		desc(d, 1, buf + 0x1000, 512, sector >= 8 ? 1 : 3, 2);
		desc(d, 2, buf + 0x800, 1, 2, 0);
		break;
	case 9: /* Tversion */
		put_le(b, 21, 4);
		b[4] = 100;
		put_le(b + 5, 0xffff, 2);
		put_le(b + 7, 8192, 4);
		put_le(b + 11, 8, 2);
		for (int i = 0; i < 8; i++)
			b[13 + i] = "9P2000.L"[i];
		desc(d, 0, buf, 21, 1, 1);
		desc(d, 1, buf + 0x1000, 8192, 2, 0);
		break;
	case 1: /* net: a broadcast frame on the transmit queue */
	case 3: /* console: bytes on the transmit queue */
		for (int i = 0; i < 12; i++)
			b[i] = 0;
		for (int i = 12; i < 18; i++)
			b[i] = 0xff;
		b[24] = 0x08;
		desc(d, 0, buf, 72, 0, 0);
		break;
	default: /* rng and anything else: a writable buffer */
		desc(d, 0, buf + 0x1000, 64, 2, 0);
		break;
	}
	av[2 + (d->avail % 8)] = 0;
	__sync_synchronize();
	av[1] = ++d->avail;
	__sync_synchronize();
	w32(d->dev + 0x50, q);
}

static int wait_used(struct drv *d, uint64_t ticks)
{
	volatile uint16_t *us = (volatile uint16_t *)(d->mem + 0x2000);
	uint64_t end = *CLINT_MTIME + ticks;

	while (*CLINT_MTIME < end) {
		if (us[1] == d->avail)
			return 1;
		if (r32(d->dev + 0x70) & 0x40)
			return 0;
	}
	return 0;
}

static void race(unsigned long hart, unsigned rounds)
{
	struct drv d = {.mem = QAREA(hart),
			.s = 0x243f6a8885a308d3ULL ^ (hart << 32)};

	for (unsigned i = 0; i < rounds; i++) {
		uint64_t r = rnd(&d.s);
		uint32_t id;
		unsigned q;

		d.dev = VIRTIO_BASE + 0x1000 * (r % VIRTIO_SLOTS);
		if (r32(d.dev) != 0x74726976 || !(id = r32(d.dev + 8)))
			continue;
		q = id == 1 || id == 3 ? 1 : 0;
		drv_init(&d, q);
		request(&d, id, q, (r >> 8) & 15);
		switch ((r >> 16) & 3) {
		case 0:
			w32(d.dev + 0x70, 0); /* reset at once */
			break;
		case 1:
			wait_used(&d, 10000);
			break;
		case 2:
			request(&d, id, q, (r >> 24) & 15);
			w32(d.dev + 0x44, 0); /* queue off under the device */
			break;
		default:
			break;
		}
	}
}

void hostile_secondary(unsigned long hartid)
{
	race(hartid, ROUNDS);
	__atomic_fetch_add(&finished, 1, __ATOMIC_SEQ_CST);
}

int main(void)
{
	struct drv d = {.mem = QAREA(0)};
	uint64_t end;
	int seen = 0;

	hostile_release();
	race(0, ROUNDS);
	end = *CLINT_MTIME + 600000000UL; /* 60 s */
	while (finished < NHARTS - 1 && *CLINT_MTIME < end)
		;
	CHECK_EQ(finished, NHARTS - 1);
	printf("race done\n");
	for (unsigned slot = 0; slot < VIRTIO_SLOTS; slot++) {
		uint32_t id;
		unsigned q;
		int good;

		d.dev = VIRTIO_BASE + 0x1000 * slot;
		if (r32(d.dev) != 0x74726976 || !(id = r32(d.dev + 8)))
			continue;
		q = id == 1 || id == 3 ? 1 : 0;
		good = drv_init(&d, q);
		if (good) {
			*(volatile uint8_t *)(d.mem + 0x4800) = 0xff;
			request(&d, id, q, 0);
			good = wait_used(&d, 30000000);
		}
		if (good && id == 2) {
			const char *m = "HOSTILE-DISK-SECTOR-0";
			volatile uint8_t *data =
				(volatile uint8_t *)(d.mem + 0x5000);

			good = *(volatile uint8_t *)(d.mem + 0x4800) == 0;
			for (int i = 0; m[i]; i++)
				good &= data[i] == (uint8_t)m[i];
			seen = 1;
		}
		printf("%s slot%u-device%u\n",
		       good ? "RESULT-ok" : "RESULT-FAIL", slot, id);
		if (!good)
			rt_failures++;
		w32(d.dev + 0x70, 0);
	}
	CHECK(seen);
	printf("RACE-DONE\n");
	return 0;
}
