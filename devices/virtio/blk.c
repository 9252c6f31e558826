// SPDX-License-Identifier: MIT
/*
 * virtio-blk: VirtIO spec "Device Types / Block Device" (feature bits,
 * device configuration layout, device operation) for a non-zoned disk
 * with one request queue: VIRTIO_BLK_T_IN, OUT, FLUSH, GET_ID, DISCARD
 * and WRITE_ZEROES.
 *
 * Writes are stable when FLUSH completes; a driver that did not accept
 * VIRTIO_BLK_F_FLUSH gets stable writes at completion ("Device
 * Operation", first case of a write becoming stable).
 *
 * A snapshot disk (snapshot=on) leaves its image as it is: the sectors
 * the guest writes go to an overlay, an unlinked sparse temporary file of
 * the same size that vanishes with hvrun, and a bitmap says which
 * sectors the overlay holds. Flushes have nothing to make stable there.
 */
#include "devices/virtio/blk.h"

#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/uio.h>
#include <unistd.h>

#include "devices/virtio/mmio.h"
#include "base/record.h"
#include "base/worker.h"

#define BLK_F_SEG_MAX 2
#define BLK_F_RO 5
#define BLK_F_BLK_SIZE 6
#define BLK_F_FLUSH 9
#define BLK_F_DISCARD 13
#define BLK_F_WRITE_ZEROES 14

#define BLK_T_IN 0
#define BLK_T_OUT 1
#define BLK_T_FLUSH 4
#define BLK_T_GET_ID 8
#define BLK_T_DISCARD 11
#define BLK_T_WRITE_ZEROES 13

#define BLK_S_OK 0
#define BLK_S_IOERR 1
#define BLK_S_UNSUPP 2

#define SECTOR 512
#define BLK_ID_BYTES 20
#define QUEUE_MAX 256
/* Two descriptors of a request are its header and status. */
#define SEG_MAX (QUEUE_MAX - 2)
#define MAX_DISCARD_SECTORS 0x3fffff
#define MAX_DISCARD_SEG 32
#define DISCARD_ALIGNMENT 8 /* sectors: 4 KiB, the host's usual block */
#define MAX_WZ_SECTORS 0x3fffff
#define MAX_WZ_SEG 32
#define WZ_UNMAP 1

/* struct virtio_blk_config up to write_zeroes_may_unmap and padding. */
#define CONFIG_SIZE 60

/* The overlay's bitmap: a leaf of 2^LEAF_SHIFT sectors, made on demand. */
#define LEAF_SHIFT 18
#define LEAF_WORDS ((1u << LEAF_SHIFT) / 64)

struct vblk {
	struct virtio_mmio *t;
	struct loop *loop;
	struct worker_serial *job; /* serves the queue on the pool */
	int fd;
	bool ro;
	/* Snapshot: the overlay, and per sector whether it holds it. Only
	 * the serial job touches them. */
	int overlay;
	uint64_t **leaves;
	size_t nleaves;
	uint64_t capacity; /* sectors */
	char id[BLK_ID_BYTES];
	char *path;
};

struct blk_req_hdr {
	uint32_t type;
	uint32_t reserved;
	uint64_t sector;
};

struct blk_seg {
	uint64_t sector;
	uint32_t num_sectors;
	uint32_t flags;
};

static uint64_t blk_features(void *dev)
{
	struct vblk *b = dev;
	uint64_t f = (1ull << BLK_F_SEG_MAX) | (1ull << BLK_F_BLK_SIZE) |
		     (1ull << BLK_F_FLUSH);

	if (b->ro)
		f |= 1ull << BLK_F_RO;
	else
		f |= (1ull << BLK_F_DISCARD) | (1ull << BLK_F_WRITE_ZEROES);
	return f;
}

static void put32(uint8_t *p, uint32_t v)
{
	v = htole32(v);
	memcpy(p, &v, 4);
}

static void blk_config(void *dev, void *buf)
{
	struct vblk *b = dev;
	uint8_t *c = buf;
	uint64_t cap = htole64(b->capacity);

	memset(c, 0, CONFIG_SIZE);
	memcpy(c, &cap, 8);	/* capacity */
	put32(c + 12, SEG_MAX); /* seg_max */
	put32(c + 20, SECTOR);	/* blk_size */
	put32(c + 36, MAX_DISCARD_SECTORS);
	put32(c + 40, MAX_DISCARD_SEG);
	put32(c + 44, DISCARD_ALIGNMENT);
	put32(c + 48, MAX_WZ_SECTORS);
	put32(c + 52, MAX_WZ_SEG);
	c[56] = 1; /* write_zeroes_may_unmap */
}

static bool in_range(const struct vblk *b, uint64_t sector, uint64_t count)
{
	return sector <= b->capacity && count <= b->capacity - sector;
}

static bool snapshot(const struct vblk *b)
{
	return b->overlay >= 0;
}

static bool in_overlay(const struct vblk *b, uint64_t sector)
{
	const uint64_t *leaf = b->leaves[sector >> LEAF_SHIFT];
	uint64_t i = sector & ((1u << LEAF_SHIFT) - 1);

	return leaf && (leaf[i / 64] >> (i % 64)) & 1;
}

static int mark_overlay(struct vblk *b, uint64_t sector, uint64_t count)
{
	for (; count; sector++, count--) {
		uint64_t **leaf = &b->leaves[sector >> LEAF_SHIFT];
		uint64_t i = sector & ((1u << LEAF_SHIFT) - 1);

		if (!*leaf) {
			*leaf = calloc(LEAF_WORDS, sizeof(uint64_t));
			if (!*leaf)
				return -ENOMEM;
		}
		(*leaf)[i / 64] |= 1ull << (i % 64);
	}
	return 0;
}

/* Whether completed writes must be stable without a FLUSH request. */
static bool write_through(struct vblk *b)
{
	return !(virtio_mmio_features(b->t) & (1ull << BLK_F_FLUSH));
}

static int sync_disk(struct vblk *b)
{
	/* An overlay is dropped at exit: nothing to make stable. */
	if (snapshot(b))
		return 0;
	while (fdatasync(b->fd) < 0) {
		if (errno != EINTR)
			return -errno;
	}
	return 0;
}

static void iov_advance(struct iovec **iov, int *n, size_t done)
{
	while (*n && done >= (*iov)->iov_len) {
		done -= (*iov)->iov_len;
		(*iov)++;
		(*n)--;
	}
	if (*n) {
		(*iov)->iov_base = (uint8_t *)(*iov)->iov_base + done;
		(*iov)->iov_len -= done;
	}
}

static int do_io(int fd, struct iovec *iov, int n, uint64_t off, bool write)
{
	while (n > 0) {
		ssize_t r = write ? pwritev(fd, iov, n, off)
				  : preadv(fd, iov, n, off);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (r == 0) {
			if (write)
				return -EIO;
			/* Past the end of a short image: zeroes. */
			for (int i = 0; i < n; i++)
				memset(iov[i].iov_base, 0, iov[i].iov_len);
			return 0;
		}
		off += r;
		iov_advance(&iov, &n, r);
	}
	return 0;
}

/*
 * A snapshot disk's read: each run of sectors from where it lives, the
 * overlay or the image.
 */
static int snapshot_read(struct vblk *b, const struct virtq_elem *e,
			 uint64_t sector, uint64_t count)
{
	struct iovec iov[VIRTQ_MAX_SEGS];

	for (uint64_t done = 0; done < count;) {
		bool over = in_overlay(b, sector + done);
		uint64_t run = 1;
		int n;

		while (done + run < count &&
		       in_overlay(b, sector + done + run) == over)
			run++;
		n = virtq_elem_slice(e, true, done * SECTOR, run * SECTOR, iov);
		if (n < 0 || do_io(over ? b->overlay : b->fd, iov, n,
				   (sector + done) * SECTOR, false) < 0)
			return -EIO;
		done += run;
	}
	return 0;
}

static uint8_t blk_rw(struct vblk *b, const struct virtq_elem *e,
		      uint64_t sector, bool write, uint32_t *written)
{
	struct iovec iov[VIRTQ_MAX_SEGS];
	uint64_t len =
		write ? e->out_len - sizeof(struct blk_req_hdr) : e->in_len - 1;
	int n;

	if (write && b->ro)
		return BLK_S_IOERR;
	if (len % SECTOR || !in_range(b, sector, len / SECTOR))
		return BLK_S_IOERR;
	if (snapshot(b) && !write) {
		if (snapshot_read(b, e, sector, len / SECTOR))
			return BLK_S_IOERR;
		*written = len;
		return BLK_S_OK;
	}
	n = virtq_elem_slice(e, !write, write ? sizeof(struct blk_req_hdr) : 0,
			     len, iov);
	if (n < 0 || do_io(snapshot(b) ? b->overlay : b->fd, iov, n,
			   sector * SECTOR, write) < 0)
		return BLK_S_IOERR;
	if (write && snapshot(b) && mark_overlay(b, sector, len / SECTOR))
		return BLK_S_IOERR;
	if (write && write_through(b) && sync_disk(b) < 0)
		return BLK_S_IOERR;
	if (!write)
		*written = len;
	return BLK_S_OK;
}

static int write_zero_bytes(int fd, uint64_t off, uint64_t len)
{
	size_t chunk = len < 65536 ? len : 65536;
	uint8_t *zero = calloc(1, chunk ? chunk : 1);
	int ret = 0;

	if (!zero)
		return -ENOMEM;
	while (len && !ret) {
		size_t n = len < chunk ? len : chunk;
		ssize_t r = pwrite(fd, zero, n, off);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			ret = r < 0 ? -errno : -EIO;
			break;
		}
		off += r;
		len -= r;
	}
	free(zero);
	return ret;
}

static bool unsupported(int err)
{
	return err == EOPNOTSUPP || err == ENOSYS || err == EINVAL;
}

static int zero_range(struct vblk *b, uint64_t off, uint64_t len, bool unmap)
{
	int fd = snapshot(b) ? b->overlay : b->fd;

	/* Zeroes in the overlay hide the image's bytes. */
	if (snapshot(b) && mark_overlay(b, off / SECTOR, len / SECTOR))
		return -ENOMEM;
	/* Reads of a punched hole return zeroes, as write zeroes needs. */
	if (unmap && fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
			       off, len) == 0)
		return 0;
	if (fallocate(fd, FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE, off,
		      len) == 0)
		return 0;
	if (!unsupported(errno))
		return -errno;
	return write_zero_bytes(fd, off, len);
}

static uint8_t blk_discard(struct vblk *b, const struct virtq_elem *e,
			   bool zeroes)
{
	uint64_t data = e->out_len - sizeof(struct blk_req_hdr);
	unsigned max_seg = zeroes ? MAX_WZ_SEG : MAX_DISCARD_SEG;
	struct blk_seg segs[MAX_DISCARD_SEG > MAX_WZ_SEG ? MAX_DISCARD_SEG
							 : MAX_WZ_SEG];
	unsigned nseg;

	if (b->ro || !data || data % sizeof(struct blk_seg) ||
	    data / sizeof(struct blk_seg) > max_seg)
		return BLK_S_IOERR;
	nseg = data / sizeof(struct blk_seg);
	virtq_elem_read(e, sizeof(struct blk_req_hdr), segs,
			nseg * sizeof(segs[0]));
	/* Check every segment before touching any. */
	for (unsigned i = 0; i < nseg; i++) {
		segs[i].sector = le64toh(segs[i].sector);
		segs[i].num_sectors = le32toh(segs[i].num_sectors);
		segs[i].flags = le32toh(segs[i].flags);
		if (segs[i].flags & ~WZ_UNMAP)
			return BLK_S_UNSUPP;
		if (!zeroes && (segs[i].flags & WZ_UNMAP))
			return BLK_S_UNSUPP;
		if (!in_range(b, segs[i].sector, segs[i].num_sectors))
			return BLK_S_IOERR;
	}
	for (unsigned i = 0; i < nseg; i++) {
		uint64_t off = segs[i].sector * SECTOR;
		uint64_t len = (uint64_t)segs[i].num_sectors * SECTOR;

		if (!len)
			continue;
		if (zeroes) {
			if (zero_range(b, off, len, segs[i].flags & WZ_UNMAP))
				return BLK_S_IOERR;
		} else if (snapshot(b)) {
			/* Discarding is advice: the image is not touched. */
			continue;
		} else if (fallocate(b->fd,
				     FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
				     off, len) < 0 &&
			   !unsupported(errno)) {
			/* Discarding is advice; only real failures count. */
			return BLK_S_IOERR;
		}
	}
	if (zeroes && write_through(b) && sync_disk(b) < 0)
		return BLK_S_IOERR;
	return BLK_S_OK;
}

static void blk_request(struct vblk *b, struct virtq_elem *e)
{
	struct blk_req_hdr h;
	uint32_t written = 0;
	uint8_t status;

	/* Without a header or a status byte there is no request to fail. */
	if (e->out_len < sizeof(h) || e->in_len < 1) {
		virtio_mmio_needs_reset(b->t);
		free(e);
		return;
	}
	virtq_elem_read(e, 0, &h, sizeof(h));
	h.type = le32toh(h.type);
	h.sector = le64toh(h.sector);

	switch (h.type) {
	case BLK_T_IN:
	case BLK_T_OUT:
		status = blk_rw(b, e, h.sector, h.type == BLK_T_OUT, &written);
		break;
	case BLK_T_FLUSH:
		status = sync_disk(b) < 0 ? BLK_S_IOERR : BLK_S_OK;
		break;
	case BLK_T_GET_ID:
		written = e->in_len - 1 < BLK_ID_BYTES ? e->in_len - 1
						       : BLK_ID_BYTES;
		virtq_elem_write(e, 0, b->id, written);
		status = BLK_S_OK;
		break;
	case BLK_T_DISCARD:
		status = blk_discard(b, e, false);
		break;
	case BLK_T_WRITE_ZEROES:
		status = blk_discard(b, e, true);
		break;
	default:
		status = BLK_S_UNSUPP;
		break;
	}
	virtq_elem_write(e, e->in_len - 1, &status, 1);
	virtio_mmio_push(b->t, e, written + 1);
}

/* On a pool thread, one at a time. */
static void blk_serve(void *arg)
{
	struct vblk *b = arg;
	struct virtq_elem *e;

	while (virtio_mmio_pop(b->t, 0, &e) > 0)
		blk_request(b, e);
}

static void blk_notify(void *dev, unsigned q)
{
	struct vblk *b = dev;

	worker_serial_kick(b->job);
}

void vblk_drain(struct vblk *b)
{
	worker_serial_quiesce(b->job, NULL, NULL);
}

static void blk_reset(void *dev)
{
	/* The transport already stopped handing out buffers. */
	vblk_drain(dev);
}

static const struct virtio_dev_ops blk_ops = {
	.device_id = VIRTIO_ID_BLOCK,
	.num_queues = 1,
	.queue_max = QUEUE_MAX,
	.config_size = CONFIG_SIZE,
	.features = blk_features,
	.config = blk_config,
	.notify = blk_notify,
	.reset = blk_reset,
};

static void free_overlay(struct vblk *b)
{
	if (b->overlay >= 0)
		close(b->overlay);
	b->overlay = -1;
	for (size_t i = 0; i < b->nleaves; i++)
		free(b->leaves[i]);
	free(b->leaves);
	b->leaves = NULL;
}

/* An unlinked file in $TMPDIR (or /var/tmp, /tmp), of the image's size. */
static int open_overlay(struct vblk *b, const char *path, off_t size, char *err,
			size_t errlen)
{
	const char *env = getenv("TMPDIR");
	const char *dirs[] = {env && *env ? env : "/var/tmp", "/tmp"};
	int ret = -ENOENT;

	for (unsigned i = 0; i < 2 && b->overlay < 0; i++) {
		char tmpl[PATH_MAX];

		b->overlay =
			open(dirs[i], O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
		if (b->overlay >= 0 || errno == ENOENT)
			continue;
		/* A file system without O_TMPFILE: make one and unlink it. */
		snprintf(tmpl, sizeof(tmpl), "%s/hvrun-overlay-XXXXXX",
			 dirs[i]);
		b->overlay = mkostemp(tmpl, O_CLOEXEC);
		if (b->overlay >= 0)
			unlink(tmpl);
		else
			ret = -errno;
	}
	if (b->overlay < 0 || ftruncate(b->overlay, size) < 0) {
		if (b->overlay >= 0)
			ret = -errno;
		snprintf(err, errlen,
			 "%s,snapshot=on: cannot make the overlay in %s: %s "
			 "(set TMPDIR to a writable folder)",
			 path, dirs[0], strerror(-ret));
		return ret;
	}
	b->nleaves = ((uint64_t)size / SECTOR >> LEAF_SHIFT) + 1;
	b->leaves = calloc(b->nleaves, sizeof(*b->leaves));
	if (!b->leaves) {
		snprintf(err, errlen, "%s,snapshot=on: out of memory", path);
		return -ENOMEM;
	}
	return 0;
}

static int open_image(struct vblk *b, const char *path, bool snap, char *err,
		      size_t errlen)
{
	bool writes = !b->ro && !snap;
	off_t size;
	int ret;

	b->fd = open(path, (writes ? O_RDWR : O_RDONLY) | O_CLOEXEC);
	if (b->fd < 0) {
		ret = -errno;
		snprintf(err, errlen, "cannot open %s%s: %s", path,
			 writes ? " for writing" : "", strerror(-ret));
		return ret;
	}
	if (flock(b->fd, (writes ? LOCK_EX : LOCK_SH) | LOCK_NB) < 0) {
		ret = -errno;
		if (ret == -EWOULDBLOCK)
			snprintf(err, errlen, "%s is in use by another process",
				 path);
		else
			snprintf(err, errlen, "cannot lock %s: %s", path,
				 strerror(-ret));
		goto err_close;
	}
	size = lseek(b->fd, 0, SEEK_END);
	if (size < 0) {
		ret = -errno;
		snprintf(err, errlen, "cannot find the size of %s: %s", path,
			 strerror(-ret));
		goto err_close;
	}
	if (size < SECTOR) {
		snprintf(err, errlen,
			 "%s holds %lld byte%s; a disk needs at least one "
			 "%d-byte sector",
			 path, (long long)size, size == 1 ? "" : "s", SECTOR);
		ret = -EINVAL;
		goto err_close;
	}
	b->capacity = size / SECTOR;
	if (snap) {
		ret = open_overlay(b, path, size, err, errlen);
		if (ret)
			goto err_close;
	}
	return 0;

err_close:
	close(b->fd);
	b->fd = -1;
	free_overlay(b);
	return ret;
}

int vblk_parse(const char *opt, struct vblk_config *cfg, char *err,
	       size_t errlen)
{
	const char *comma = strchr(opt, ',');
	size_t len = comma ? (size_t)(comma - opt) : strlen(opt);

	memset(cfg, 0, sizeof(*cfg));
	if (len == 0 || len >= sizeof(cfg->path))
		goto bad;
	memcpy(cfg->path, opt, len);
	while (comma) {
		const char *o = comma + 1;

		comma = strchr(o, ',');
		len = comma ? (size_t)(comma - o) : strlen(o);
		if (len == 2 && !strncmp(o, "ro", 2)) {
			cfg->readonly = true;
		} else if (len == 11 && !strncmp(o, "snapshot=on", 11)) {
			cfg->snapshot = true;
		} else if (len == 12 && !strncmp(o, "snapshot=off", 12)) {
			cfg->snapshot = false;
		} else if (len > 7 && !strncmp(o, "serial=", 7) &&
			   len - 7 < sizeof(cfg->serial)) {
			memcpy(cfg->serial, o + 7, len - 7);
		} else {
			goto bad;
		}
	}
	return 0;
bad:
	snprintf(err, errlen,
		 "--disk %s: options are ro, snapshot=on and serial=ID (up "
		 "to %zu characters)",
		 opt, sizeof(cfg->serial) - 1);
	return -EINVAL;
}

int vblk_create(struct vblk **out, uint64_t base, struct irq_line irq,
		const struct guestmem *mem, struct loop *loop, const char *path,
		enum vblk_mode mode, const char *serial, char *err,
		size_t errlen)
{
	struct vblk *b;
	int ret;

	b = calloc(1, sizeof(*b));
	if (!b)
		goto err_nomem;
	b->path = strdup(path);
	if (!b->path || worker_serial_create(&b->job, loop, blk_serve, b))
		goto err_free;
	b->ro = mode == VBLK_RO;
	b->overlay = -1;
	b->loop = loop;
	/* NUL-padded, and without a terminator when 20 bytes long. */
	if (serial)
		memcpy(b->id, serial, strnlen(serial, sizeof(b->id)));
	ret = open_image(b, path, mode == VBLK_SNAPSHOT, err, errlen);
	if (ret)
		goto err_free_ret;
	ret = virtio_mmio_create(&b->t, base, irq, mem, &blk_ops, b);
	if (ret) {
		snprintf(err, errlen, "cannot create the disk for %s: %s", path,
			 strerror(-ret));
		close(b->fd);
		free_overlay(b);
		goto err_free_ret;
	}
	*out = b;
	return 0;

err_free:
	worker_serial_destroy(b->job);
	free(b->path);
	free(b);
err_nomem:
	snprintf(err, errlen, "cannot open %s: %s", path, strerror(ENOMEM));
	return -ENOMEM;
err_free_ret:
	worker_serial_destroy(b->job);
	free(b->path);
	free(b);
	return ret;
}

void vblk_destroy(struct vblk *b)
{
	if (!b)
		return;
	worker_serial_destroy(b->job);
	if (!b->ro)
		sync_disk(b);
	close(b->fd);
	free_overlay(b);
	virtio_mmio_destroy(b->t);
	free(b->path);
	free(b);
}

void vblk_reset(struct vblk *b)
{
	virtio_mmio_reset(b->t);
}

const struct bus_dev *vblk_bus_dev(struct vblk *b)
{
	return virtio_mmio_bus_dev(b->t);
}

int vblk_fdt(struct vblk *b, void *fdt, int parent, uint32_t plic_phandle)
{
	return virtio_mmio_fdt(b->t, fdt, parent, plic_phandle);
}

uint64_t vblk_capacity(const struct vblk *b)
{
	return b->capacity;
}

void vblk_quiesce(struct vblk *b)
{
	virtio_mmio_quiesce(b->t);
	vblk_drain(b);
}

void vblk_resume(struct vblk *b)
{
	virtio_mmio_resume(b->t);
}

enum { VBLK_REC_VERSION = 1, K_CAPACITY = 1, K_RO };

int vblk_save(struct vblk *b, struct rec_writer *w)
{
	int ret = virtio_mmio_save(b->t, w);

	if (ret)
		return ret;
	rec_begin(w, "vblk", VBLK_REC_VERSION);
	rec_u64(w, K_CAPACITY, b->capacity);
	rec_u64(w, K_RO, b->ro);
	return rec_end(w);
}

int vblk_load(struct vblk *b, struct rec_reader *r)
{
	uint64_t capacity;
	bool ro;
	struct rec rec;
	int ret;

	ret = virtio_mmio_load(b->t, r);
	ret = ret ?: rec_next(r, "vblk", VBLK_REC_VERSION, &rec);
	ret = ret ?: rec_get_u64(&rec, K_CAPACITY, &capacity);
	ret = ret ?: rec_get_bool(&rec, K_RO, &ro);
	if (!ret && (capacity != b->capacity || ro != b->ro))
		ret = rec_fail(&rec,
			       "%s holds %llu sectors%s; the snapshot's disk "
			       "held %llu%s",
			       b->path, (unsigned long long)b->capacity,
			       b->ro ? " (read-only)" : "",
			       (unsigned long long)capacity,
			       ro ? " (read-only)" : "");
	return ret;
}
