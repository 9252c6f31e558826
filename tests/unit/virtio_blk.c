// SPDX-License-Identifier: MIT
/*
 * Unit tests for devices/virtio/blk against the VirtIO spec's "Block
 * Device": requests go through real rings and the real loop's thread
 * pool, and their effect is checked in the image file on the host.
 */
#include "devices/virtio/blk.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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

#define BUF(n) (VD_RAM_BASE + 0x100000 + 0x1000ull * (n))
#define F(bit) (1ull << (bit))

#define T_IN 0
#define T_OUT 1
#define T_FLUSH 4
#define T_GET_ID 8
#define T_GET_LIFETIME 10
#define T_DISCARD 11
#define T_WRITE_ZEROES 13
#define S_OK 0
#define S_IOERR 1
#define S_UNSUPP 2

#define IMAGE_SECTORS 2048
#define HDR BUF(0)
#define STATUS BUF(1)
#define DATA BUF(2) /* 16 pages of data from here */

static struct guestmem mem;
static char image[64];

struct sink {
	int level;
};

static void sink_set(void *opaque, unsigned line, int level)
{
	__atomic_store_n(&((struct sink *)opaque)->level, level,
			 __ATOMIC_SEQ_CST);
}

struct rig {
	struct vblk *b;
	const struct bus_dev *d;
	struct vd_queue q;
	struct sink s;
	uint16_t next_desc;
};

static uint8_t pattern(uint64_t off)
{
	return (uint8_t)(off * 7 + (off >> 9));
}

static int make_image(void)
{
	uint8_t buf[4096];
	int fd;

	snprintf(image, sizeof(image), "/tmp/hvrun-vblk-XXXXXX");
	fd = mkstemp(image);
	if (fd < 0)
		return -1;
	for (uint64_t off = 0; off < IMAGE_SECTORS * 512ull;
	     off += sizeof(buf)) {
		for (unsigned i = 0; i < sizeof(buf); i++)
			buf[i] = pattern(off + i);
		if (pwrite(fd, buf, sizeof(buf), off) != sizeof(buf))
			return -1;
	}
	/* A tail shorter than a sector is not part of the disk. */
	if (pwrite(fd, "tail", 4, IMAGE_SECTORS * 512ull) != 4)
		return -1;
	close(fd);
	return 0;
}

static bool file_bytes(uint64_t off, void *buf, size_t len)
{
	FILE *f = fopen(image, "rb");
	bool ok = f && fseek(f, off, SEEK_SET) == 0 &&
		  fread(buf, 1, len, f) == len;

	if (f)
		fclose(f);
	return ok;
}

static bool wait_used(struct vd_queue *q, uint16_t idx)
{
	struct timespec ts = {0, 100000};

	for (int i = 0; i < 50000; i++) {
		if ((int16_t)(vd_used_idx(q) - idx) >= 0)
			return true;
		nanosleep(&ts, NULL);
	}
	return false;
}

static int rig_up(struct rig *r, struct loop *l, enum vblk_mode mode,
		  uint64_t features, char *err, size_t errlen)
{
	int ret;

	memset(r, 0, sizeof(*r));
	ret = vblk_create(&r->b, VIRTIO_MMIO_BASE(0),
			  (struct irq_line){sink_set, &r->s, 1}, &mem, l, image,
			  mode, "hvrun-disk-0", err, errlen);
	if (ret)
		return ret;
	r->d = vblk_bus_dev(r->b);
	vd_queue_init(&r->q, &mem, 0, 16);
	if (!vd_negotiate(r->d, features))
		return -EINVAL;
	vd_setup_queue(r->d, 0, &r->q);
	vd_driver_ok(r->d);
	return 0;
}

static void rig_down(struct rig *r)
{
	vblk_destroy(r->b);
	r->b = NULL;
}

struct seg {
	uint64_t addr;
	uint32_t len;
	bool write;
};

/*
 * One request: header, @n data segments, status byte, as a direct chain.
 * Returns the status (or -1 on timeout) and the used length in *@used.
 */
static int submit(struct rig *r, uint32_t type, uint64_t sector,
		  const struct seg *segs, int n, uint32_t *used)
{
	uint8_t *h = vd_ptr(&mem, HDR), *st = vd_ptr(&mem, STATUS);
	uint32_t t = htole32(type), id;
	uint64_t s = htole64(sector);
	uint16_t first = 0, want;
	int i;

	memset(h, 0, 16);
	memcpy(h, &t, 4);
	memcpy(h + 8, &s, 8);
	*st = 0xee;
	vd_set_desc(&r->q, 0, HDR, 16, VIRTQ_DESC_F_NEXT, 1);
	for (i = 0; i < n; i++)
		vd_set_desc(&r->q, 1 + i, segs[i].addr, segs[i].len,
			    VIRTQ_DESC_F_NEXT |
				    (segs[i].write ? VIRTQ_DESC_F_WRITE : 0),
			    2 + i);
	vd_set_desc(&r->q, 1 + n, STATUS, 1, VIRTQ_DESC_F_WRITE, 0);
	want = r->q.avail_idx + 1;
	vd_add(&r->q, first);
	vd_wr(r->d, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	if (!wait_used(&r->q, want))
		return -1;
	vd_used_elem(&r->q, want - 1, &id, used);
	if (id != first)
		return -2;
	return *st;
}

static uint64_t cfg64(struct rig *r, unsigned off)
{
	return vd_rd(r->d, 0x100 + off) | (uint64_t)vd_rd(r->d, 0x104 + off)
						  << 32;
}

#define ALL_FEATURES                                     \
	(F(VIRTIO_F_VERSION_1) | F(VIRTIO_F_EVENT_IDX) | \
	 F(VIRTIO_F_INDIRECT_DESC) | F(2) | F(6) | F(9) | F(13) | F(14))

static void test_config(struct loop *l)
{
	const char *name = "config";
	struct rig r;
	char err[200];
	uint64_t f;

	CHECK(name, rig_up(&r, l, false, ALL_FEATURES, err, sizeof(err)) == 0);
	f = vd_device_features(r.d);
	CHECK(name, vd_rd(r.d, VIRTIO_MMIO_DEVICE_ID) == 2);
	/* SEG_MAX, BLK_SIZE, FLUSH, DISCARD, WRITE_ZEROES; not RO. */
	CHECK(name, (f & 0xffffff) == (F(2) | F(6) | F(9) | F(13) | F(14)));
	CHECK(name, cfg64(&r, 0) == IMAGE_SECTORS);
	CHECK(name, vblk_capacity(r.b) == IMAGE_SECTORS);
	CHECK(name, vd_rd(r.d, 0x100 + 12) == 254); /* seg_max */
	CHECK(name, vd_rd(r.d, 0x100 + 20) == 512); /* blk_size */
	CHECK(name, vd_rd(r.d, 0x100 + 40) >= 1);   /* max_discard_seg */
	CHECK(name, vd_rd(r.d, 0x100 + 52) >= 1);   /* max_write_zeroes_seg */
	CHECK(name, r.d->ops->read(r.d->opaque, 0x100 + 56, 1) == 1);
	printf("ok %s\n", name);
out:
	rig_down(&r);
}

static void test_read(struct loop *l)
{
	const char *name = "read";
	struct rig r;
	char err[200];
	uint8_t want[1024];
	uint32_t used;
	struct seg segs[2] = {{DATA, 512, true}, {DATA + 4096, 512, true}};

	CHECK(name, rig_up(&r, l, false, ALL_FEATURES, err, sizeof(err)) == 0);
	CHECK(name, submit(&r, T_IN, 3, segs, 2, &used) == S_OK);
	CHECK(name, used == 1025);
	CHECK(name, file_bytes(3 * 512, want, sizeof(want)));
	CHECK(name, !memcmp(vd_ptr(&mem, DATA), want, 512));
	CHECK(name, !memcmp(vd_ptr(&mem, DATA + 4096), want + 512, 512));
	CHECK(name, __atomic_load_n(&r.s.level, __ATOMIC_SEQ_CST) == 1);
	/* The last sector is readable; one past it is not. */
	CHECK(name,
	      submit(&r, T_IN, IMAGE_SECTORS - 1, segs, 1, &used) == S_OK);
	CHECK(name,
	      submit(&r, T_IN, IMAGE_SECTORS - 1, segs, 2, &used) == S_IOERR);
	CHECK(name, used == 1);
	CHECK(name, submit(&r, T_IN, IMAGE_SECTORS, segs, 1, &used) == S_IOERR);
	CHECK(name, submit(&r, T_IN, ~0ull, segs, 1, &used) == S_IOERR);
	CHECK(name, submit(&r, T_IN, ~0ull >> 9, segs, 2, &used) == S_IOERR);
	/* Not a whole number of sectors. */
	segs[1].len = 100;
	CHECK(name, submit(&r, T_IN, 0, segs, 2, &used) == S_IOERR);
	printf("ok %s\n", name);
out:
	rig_down(&r);
}

static void test_write_flush(struct loop *l)
{
	const char *name = "write-flush";
	struct rig r;
	char err[200];
	uint8_t got[1536], *d = vd_ptr(&mem, DATA);
	uint32_t used;
	struct seg segs[3] = {{DATA, 1024, false},
			      {DATA + 8192, 256, false},
			      {DATA + 12288, 256, false}};

	CHECK(name, rig_up(&r, l, false, ALL_FEATURES, err, sizeof(err)) == 0);
	for (int i = 0; i < 1024; i++)
		d[i] = i ^ 0x5a;
	memset(d + 8192, 0xa1, 256);
	memset(d + 12288, 0xb2, 256);
	CHECK(name, submit(&r, T_OUT, 10, segs, 3, &used) == S_OK);
	CHECK(name, used == 1);
	CHECK(name, submit(&r, T_FLUSH, 0, NULL, 0, &used) == S_OK);
	CHECK(name, file_bytes(10 * 512, got, sizeof(got)));
	CHECK(name, !memcmp(got, d, 1024));
	CHECK(name, got[1024] == 0xa1 && got[1279] == 0xa1);
	CHECK(name, got[1280] == 0xb2 && got[1535] == 0xb2);
	/* Neighbours untouched. */
	CHECK(name, file_bytes(9 * 512 + 511, got, 1) &&
			    got[0] == pattern(9 * 512 + 511));
	CHECK(name,
	      file_bytes(13 * 512, got, 1) && got[0] == pattern(13 * 512));
	/* Past the end: refused, nothing written. */
	CHECK(name,
	      submit(&r, T_OUT, IMAGE_SECTORS - 2, segs, 3, &used) == S_IOERR);
	CHECK(name, file_bytes((IMAGE_SECTORS - 2) * 512ull, got, 1) &&
			    got[0] == pattern((IMAGE_SECTORS - 2) * 512ull));
	printf("ok %s\n", name);
out:
	rig_down(&r);
}

/* The data of a write in an indirect table, as Linux lays it out. */
static void test_indirect_write(struct loop *l)
{
	const char *name = "indirect-write";
	struct rig r;
	char err[200];
	uint64_t table = BUF(100);
	uint8_t got[512];
	uint8_t *h = vd_ptr(&mem, HDR), *st = vd_ptr(&mem, STATUS);
	uint32_t t = htole32(T_OUT), id, used;
	uint64_t s = htole64(40);

	CHECK(name, rig_up(&r, l, false, ALL_FEATURES, err, sizeof(err)) == 0);
	memset(h, 0, 16);
	memcpy(h, &t, 4);
	memcpy(h + 8, &s, 8);
	memset(vd_ptr(&mem, DATA), 0x3c, 512);
	*st = 0xee;
	vd_set_idesc(&mem, table, 0, HDR, 16, VIRTQ_DESC_F_NEXT, 1);
	vd_set_idesc(&mem, table, 1, DATA, 512, VIRTQ_DESC_F_NEXT, 2);
	vd_set_idesc(&mem, table, 2, STATUS, 1, VIRTQ_DESC_F_WRITE, 0);
	vd_set_desc(&r.q, 5, table, 48, VIRTQ_DESC_F_INDIRECT, 0);
	vd_add(&r.q, 5);
	vd_wr(r.d, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	CHECK(name, wait_used(&r.q, 1));
	vd_used_elem(&r.q, 0, &id, &used);
	CHECK(name, id == 5 && used == 1 && *st == S_OK);
	CHECK(name, file_bytes(40 * 512, got, 512));
	CHECK(name, got[0] == 0x3c && got[511] == 0x3c);
	printf("ok %s\n", name);
out:
	rig_down(&r);
}

static void test_get_id_and_unsupp(struct loop *l)
{
	const char *name = "get-id-unsupported";
	struct rig r;
	char err[200];
	uint8_t *d = vd_ptr(&mem, DATA);
	uint32_t used;
	struct seg seg = {DATA, 20, true};

	CHECK(name, rig_up(&r, l, false, ALL_FEATURES, err, sizeof(err)) == 0);
	memset(d, 0xff, 20);
	CHECK(name, submit(&r, T_GET_ID, 0, &seg, 1, &used) == S_OK);
	CHECK(name, used == 21);
	CHECK(name, !memcmp(d, "hvrun-disk-0\0\0\0\0\0\0\0\0", 20));
	seg.len = 512;
	CHECK(name, submit(&r, T_GET_LIFETIME, 0, &seg, 1, &used) == S_UNSUPP);
	CHECK(name, submit(&r, 99, 0, &seg, 1, &used) == S_UNSUPP);
	CHECK(name,
	      submit(&r, 16 /* ZONE_REPORT */, 0, &seg, 1, &used) == S_UNSUPP);
	printf("ok %s\n", name);
out:
	rig_down(&r);
}

static void put_seg(uint64_t addr, uint64_t sector, uint32_t num,
		    uint32_t flags)
{
	uint8_t *p = vd_ptr(&mem, addr);
	uint64_t s = htole64(sector);
	uint32_t n = htole32(num), f = htole32(flags);

	memcpy(p, &s, 8);
	memcpy(p + 8, &n, 4);
	memcpy(p + 12, &f, 4);
}

static void test_discard_write_zeroes(struct loop *l)
{
	const char *name = "discard-write-zeroes";
	struct rig r;
	char err[200];
	uint8_t got[8192], zero[8192] = {0};
	uint32_t used;
	struct seg seg = {DATA, 32, false};
	struct stat st1, st2;

	CHECK(name, rig_up(&r, l, false, ALL_FEATURES, err, sizeof(err)) == 0);
	CHECK(name, stat(image, &st1) == 0);
	/* Two segments of write zeroes, with and without unmap. */
	put_seg(DATA, 200, 8, 0);
	put_seg(DATA + 16, 300, 16, 1);
	CHECK(name, submit(&r, T_WRITE_ZEROES, 0, &seg, 1, &used) == S_OK);
	CHECK(name, used == 1);
	CHECK(name, file_bytes(200 * 512, got, 4096));
	CHECK(name, !memcmp(got, zero, 4096));
	CHECK(name, file_bytes(300 * 512, got, 8192));
	CHECK(name, !memcmp(got, zero, 8192));
	CHECK(name, file_bytes(199 * 512 + 511, got, 1) &&
			    got[0] == pattern(199 * 512 + 511));
	CHECK(name,
	      file_bytes(208 * 512, got, 1) && got[0] == pattern(208 * 512));
	/* Discard: advisory, but must not change the size. */
	put_seg(DATA, 400, 8, 0);
	seg.len = 16;
	CHECK(name, submit(&r, T_DISCARD, 0, &seg, 1, &used) == S_OK);
	CHECK(name, stat(image, &st2) == 0 && st2.st_size == st1.st_size);
	/* unmap is not a discard flag; unknown flags; bad ranges. */
	put_seg(DATA, 400, 8, 1);
	CHECK(name, submit(&r, T_DISCARD, 0, &seg, 1, &used) == S_UNSUPP);
	put_seg(DATA, 400, 8, 4);
	CHECK(name, submit(&r, T_WRITE_ZEROES, 0, &seg, 1, &used) == S_UNSUPP);
	put_seg(DATA, IMAGE_SECTORS - 4, 8, 0);
	CHECK(name, submit(&r, T_WRITE_ZEROES, 0, &seg, 1, &used) == S_IOERR);
	CHECK(name, file_bytes((IMAGE_SECTORS - 4) * 512ull, got, 1) &&
			    got[0] == pattern((IMAGE_SECTORS - 4) * 512ull));
	put_seg(DATA, ~0ull - 2, 8, 0);
	CHECK(name, submit(&r, T_DISCARD, 0, &seg, 1, &used) == S_IOERR);
	seg.len = 24; /* not a whole number of segments */
	CHECK(name, submit(&r, T_DISCARD, 0, &seg, 1, &used) == S_IOERR);
	printf("ok %s\n", name);
out:
	rig_down(&r);
}

static void test_readonly_and_locks(struct loop *l)
{
	const char *name = "readonly-and-locks";
	struct rig r;
	char err[200] = "";
	uint8_t got[512];
	uint32_t used;
	struct vblk *b;
	struct seg seg = {DATA, 512, false};

	r.b = NULL;
	CHECK(name, rig_up(&r, l, false, ALL_FEATURES, err, sizeof(err)) == 0);
	/* A writer holds the image: nobody else gets it. */
	CHECK(name, vblk_create(&b, VIRTIO_MMIO_BASE(1), (struct irq_line){0},
				&mem, l, image, false, NULL, err,
				sizeof(err)) == -EWOULDBLOCK);
	CHECK(name, strstr(err, image) && strstr(err, "is in use by another "
						      "process"));
	CHECK(name, vblk_create(&b, VIRTIO_MMIO_BASE(1), (struct irq_line){0},
				&mem, l, image, true, NULL, err,
				sizeof(err)) == -EWOULDBLOCK);
	rig_down(&r);

	/* Read-only: RO offered, writes fail and change nothing. */
	CHECK(name, rig_up(&r, l, true, F(VIRTIO_F_VERSION_1) | F(5) | F(9),
			   err, sizeof(err)) == 0);
	CHECK(name, (vd_device_features(r.d) & 0xffffff) ==
			    (F(2) | F(5) | F(6) | F(9)));
	/* Readers share. */
	CHECK(name,
	      vblk_create(&b, VIRTIO_MMIO_BASE(1), (struct irq_line){0}, &mem,
			  l, image, true, NULL, err, sizeof(err)) == 0);
	vblk_destroy(b);
	memset(vd_ptr(&mem, DATA), 0x77, 512);
	CHECK(name, submit(&r, T_OUT, 0, &seg, 1, &used) == S_IOERR);
	CHECK(name, file_bytes(0, got, 512) && got[0] == pattern(0) &&
			    got[511] == pattern(511));
	put_seg(DATA, 0, 1, 0);
	seg.len = 16;
	CHECK(name, submit(&r, T_WRITE_ZEROES, 0, &seg, 1, &used) == S_IOERR);
	CHECK(name, submit(&r, T_FLUSH, 0, NULL, 0, &used) == S_OK);
	seg = (struct seg){DATA, 512, true};
	CHECK(name, submit(&r, T_IN, 1, &seg, 1, &used) == S_OK);
	CHECK(name, ((uint8_t *)vd_ptr(&mem, DATA))[0] == pattern(512));
	printf("ok %s\n", name);
out:
	if (r.b)
		rig_down(&r);
}

static bool whole_image(uint8_t *buf, size_t len)
{
	return file_bytes(0, buf, len);
}

/*
 * snapshot=on: the guest reads what it wrote, sector by sector mixed
 * with the image's own, and the image file stays as it was; snapshot
 * users share the image with readers and keep writers out.
 */
static void test_snapshot(struct loop *l)
{
	const char *name = "snapshot";
	size_t size = IMAGE_SECTORS * 512 + 4;
	uint8_t *before = malloc(size), *after = malloc(size), want[512];
	uint8_t *d = vd_ptr(&mem, DATA), zero[4096] = {0};
	struct seg seg = {DATA, 1024, false};
	struct rig r;
	char err[200] = "";
	uint32_t used;
	struct vblk *b;

	r.b = NULL;
	CHECK(name, before && after && whole_image(before, size));
	CHECK(name, rig_up(&r, l, VBLK_SNAPSHOT, ALL_FEATURES, err,
			   sizeof(err)) == 0);
	/* A disk the guest may write. */
	CHECK(name, !(vd_device_features(r.d) & F(5)));
	for (int i = 0; i < 1024; i++)
		d[i] = (uint8_t)(i * 13 + 1);
	CHECK(name, submit(&r, T_OUT, 20, &seg, 1, &used) == S_OK);
	put_seg(DATA, 40, 8, 1);
	seg.len = 16;
	CHECK(name, submit(&r, T_WRITE_ZEROES, 0, &seg, 1, &used) == S_OK);
	put_seg(DATA, 60, 8, 0);
	CHECK(name, submit(&r, T_DISCARD, 0, &seg, 1, &used) == S_OK);
	CHECK(name, submit(&r, T_FLUSH, 0, NULL, 0, &used) == S_OK);
	/* Sectors 19..22: the image's, written, written, the image's. */
	seg = (struct seg){DATA + 8192, 2048, true};
	CHECK(name, submit(&r, T_IN, 19, &seg, 1, &used) == S_OK);
	CHECK(name, used == 2049);
	CHECK(name, !memcmp(d + 8192, before + 19 * 512, 512));
	for (int i = 0; i < 1024; i++)
		CHECK(name, d[8192 + 512 + i] == (uint8_t)(i * 13 + 1));
	CHECK(name, !memcmp(d + 8192 + 1536, before + 22 * 512, 512));
	/* Zeroes where written so; the discarded range reads as before. */
	seg = (struct seg){DATA + 8192, 4096, true};
	CHECK(name, submit(&r, T_IN, 40, &seg, 1, &used) == S_OK);
	CHECK(name, !memcmp(d + 8192, zero, 4096));
	CHECK(name, submit(&r, T_IN, 60, &seg, 1, &used) == S_OK);
	CHECK(name, !memcmp(d + 8192, before + 60 * 512, 4096));
	/* Writers stay out; readers and other snapshots share. */
	CHECK(name, vblk_create(&b, VIRTIO_MMIO_BASE(1), (struct irq_line){0},
				&mem, l, image, VBLK_RW, NULL, err,
				sizeof(err)) == -EWOULDBLOCK);
	CHECK(name, vblk_create(&b, VIRTIO_MMIO_BASE(1), (struct irq_line){0},
				&mem, l, image, VBLK_SNAPSHOT, NULL, err,
				sizeof(err)) == 0);
	vblk_destroy(b);
	CHECK(name, whole_image(after, size) && !memcmp(before, after, size));
	rig_down(&r);
	/* Gone with the disk: a new one reads the image again. */
	CHECK(name, rig_up(&r, l, VBLK_SNAPSHOT, ALL_FEATURES, err,
			   sizeof(err)) == 0);
	seg = (struct seg){DATA, 512, true};
	CHECK(name, submit(&r, T_IN, 20, &seg, 1, &used) == S_OK);
	memcpy(want, before + 20 * 512, 512);
	CHECK(name, !memcmp(d, want, 512));
	CHECK(name, whole_image(after, size) && !memcmp(before, after, size));
	printf("ok %s\n", name);
out:
	if (r.b)
		rig_down(&r);
	free(before);
	free(after);
}

static void test_missing_file(struct loop *l)
{
	const char *name = "missing-file";
	char err[200] = "";
	struct vblk *b;

	CHECK(name, vblk_create(&b, VIRTIO_MMIO_BASE(1), (struct irq_line){0},
				&mem, l, "/nonexistent/disk.img", false, NULL,
				err, sizeof(err)) == -ENOENT);
	CHECK(name, strstr(err, "/nonexistent/disk.img"));
	printf("ok %s\n", name);
out:
	return;
}

static void test_malformed_request(struct loop *l)
{
	const char *name = "malformed-request";
	struct rig r;
	char err[200];

	CHECK(name, rig_up(&r, l, false, ALL_FEATURES, err, sizeof(err)) == 0);
	/* A header shorter than 16 bytes and no status byte. */
	vd_set_desc(&r.q, 0, HDR, 8, 0, 0);
	vd_add(&r.q, 0);
	vd_wr(r.d, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	for (int i = 0; i < 50000; i++) {
		if (vd_rd(r.d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET)
			break;
		nanosleep(&(struct timespec){0, 100000}, NULL);
	}
	CHECK(name, vd_rd(r.d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	CHECK(name,
	      vd_rd(r.d, VIRTIO_MMIO_INTERRUPT_STATUS) & VIRTIO_INT_CONFIG);
	printf("ok %s\n", name);
out:
	rig_down(&r);
}

/* Many requests in flight, then a reset and a teardown: both drain. */
static void test_drain(struct loop *l)
{
	const char *name = "reset-and-destroy-drain";
	struct rig r;
	char err[200];
	uint16_t used_after;

	CHECK(name, rig_up(&r, l, false, ALL_FEATURES, err, sizeof(err)) == 0);
	for (int round = 0; round < 50; round++) {
		for (int i = 0; i < 5; i++) {
			uint64_t hdr = BUF(20 + 3 * i);
			uint8_t *h = vd_ptr(&mem, hdr);
			uint32_t t = htole32(T_OUT);
			uint64_t s = htole64(500 + i * 8);

			memset(h, 0, 16);
			memcpy(h, &t, 4);
			memcpy(h + 8, &s, 8);
			vd_set_desc(&r.q, 3 * i, hdr, 16, VIRTQ_DESC_F_NEXT,
				    3 * i + 1);
			vd_set_desc(&r.q, 3 * i + 1, BUF(21 + 3 * i), 4096,
				    VIRTQ_DESC_F_NEXT, 3 * i + 2);
			vd_set_desc(&r.q, 3 * i + 2, BUF(22 + 3 * i), 1,
				    VIRTQ_DESC_F_WRITE, 0);
			vd_add(&r.q, 3 * i);
		}
		vd_wr(r.d, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
		if (round % 2) {
			CHECK(name, wait_used(&r.q, r.q.avail_idx));
		} else {
			/* Reset with requests in flight. */
			vd_wr(r.d, VIRTIO_MMIO_STATUS, 0);
			used_after = vd_used_idx(&r.q);
			nanosleep(&(struct timespec){0, 1000000}, NULL);
			CHECK(name, vd_used_idx(&r.q) == used_after);
			vd_queue_init(&r.q, &mem, 0, 16);
			CHECK(name, vd_negotiate(r.d, ALL_FEATURES));
			vd_setup_queue(r.d, 0, &r.q);
			vd_driver_ok(r.d);
		}
	}
	/* And teardown right after a notify. */
	vd_add(&r.q, 0);
	vd_wr(r.d, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	printf("ok %s\n", name);
out:
	rig_down(&r);
}

static void *loop_thread(void *arg)
{
	loop_run(arg);
	return NULL;
}

int main(void)
{
	struct loop loop;
	pthread_t th;

	if (guestmem_init(&mem, VD_RAM_BASE, VD_RAM_SIZE) || make_image() ||
	    loop_init(&loop)) {
		printf("FAIL setup: guest RAM, image or loop\n");
		return 1;
	}
	pthread_create(&th, NULL, loop_thread, &loop);
	test_config(&loop);
	test_read(&loop);
	test_write_flush(&loop);
	test_indirect_write(&loop);
	test_get_id_and_unsupp(&loop);
	test_discard_write_zeroes(&loop);
	test_readonly_and_locks(&loop);
	test_snapshot(&loop);
	test_missing_file(&loop);
	test_malformed_request(&loop);
	test_drain(&loop);
	loop_stop(&loop);
	pthread_join(th, NULL);
	loop_destroy(&loop);
	unlink(image);
	guestmem_destroy(&mem);
	return failures ? 1 : 0;
}
