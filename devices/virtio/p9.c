// SPDX-License-Identifier: MIT
/*
 * virtio-9p: the 9P transport over virtio (device ID 9 in the VirtIO
 * spec's device ID table). One request queue; each chain carries a
 * T-message in its device-readable part and room for the R-message in its
 * device-writable part. Feature bit 0, VIRTIO_9P_MOUNT_TAG, says the
 * configuration holds le16 tag_len then tag_len bytes of tag (no NUL).
 *
 * The 9P server (p9fs.c) is not thread-safe and its calls may block on
 * the host's disk, so requests are served in order, one at a time, by a
 * job on the loop's thread pool that drains the queue.
 */
#include "devices/virtio/p9.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "devices/virtio/mmio.h"
#include "base/record.h"
#include "devices/virtio/p9fs.h"
#include "base/worker.h"

#define P9_F_MOUNT_TAG 0
#define QUEUE_MAX 128

struct vp9 {
	struct virtio_mmio *t;
	struct loop *loop;
	struct worker_serial *job; /* serves the queue on the pool */
	struct p9fs *fs;
	size_t tag_len;
	char tag[VP9_TAG_MAX];
	/* Used only by the one running job. */
	uint8_t *req, *resp;
};

static uint64_t p9_features(void *dev)
{
	return 1ull << P9_F_MOUNT_TAG;
}

static void p9_config(void *dev, void *buf)
{
	struct vp9 *p = dev;
	uint8_t *c = buf;

	memset(c, 0, 2 + VP9_TAG_MAX);
	c[0] = (uint8_t)p->tag_len;
	c[1] = (uint8_t)(p->tag_len >> 8);
	memcpy(c + 2, p->tag, p->tag_len);
}

static void p9_serve(struct vp9 *p, struct virtq_elem *e)
{
	size_t reqlen =
		e->out_len < P9FS_MSIZE_MAX ? e->out_len : P9FS_MSIZE_MAX;
	size_t resplen =
		e->in_len < P9FS_MSIZE_MAX ? e->in_len : P9FS_MSIZE_MAX;
	size_t n;

	reqlen = virtq_elem_read(e, 0, p->req, reqlen);
	n = p9fs_handle(p->fs, p->req, reqlen, p->resp, resplen);
	if (n)
		n = virtq_elem_write(e, 0, p->resp, n);
	virtio_mmio_push(p->t, e, (uint32_t)n);
}

/* On a pool thread, one at a time. */
static void p9_run(void *arg)
{
	struct vp9 *p = arg;
	struct virtq_elem *e;

	while (virtio_mmio_pop(p->t, 0, &e) > 0)
		p9_serve(p, e);
}

static void p9_notify(void *dev, unsigned q)
{
	struct vp9 *p = dev;

	worker_serial_kick(p->job);
}

static void p9_forget_fids(void *arg)
{
	struct vp9 *p = arg;

	p9fs_reset(p->fs);
}

static void p9_reset_dev(void *dev)
{
	/*
	 * The transport stopped handing out chains; once the job is done,
	 * a new driver starts a new session: every fid goes.
	 */
	worker_serial_quiesce(((struct vp9 *)dev)->job, p9_forget_fids, dev);
}

static const struct virtio_dev_ops p9_ops = {
	.device_id = VIRTIO_ID_9P,
	.num_queues = 1,
	.queue_max = QUEUE_MAX,
	.config_size = 2 + VP9_TAG_MAX,
	.features = p9_features,
	.config = p9_config,
	.notify = p9_notify,
	.reset = p9_reset_dev,
};

/*
 * Every fid the guest holds is one or two host descriptors, and the
 * usual soft limit (1024) is soon reached by a busy guest: take what the
 * hard limit allows.
 */
static void p9_raise_fd_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

int vp9_create(struct vp9 **out, uint64_t base, struct irq_line irq,
	       const struct guestmem *mem, struct loop *loop,
	       const struct vp9_config *cfg, char *err, size_t errlen)
{
	struct vp9 *p;
	int ret;

	p9_raise_fd_limit();

	p = calloc(1, sizeof(*p));
	if (!p)
		goto err_nomem;
	p->req = malloc(P9FS_MSIZE_MAX);
	p->resp = malloc(P9FS_MSIZE_MAX);
	if (!p->req || !p->resp ||
	    worker_serial_create(&p->job, loop, p9_run, p))
		goto err_free_nomem;
	p->loop = loop;
	p->tag_len = strnlen(cfg->tag, VP9_TAG_MAX);
	memcpy(p->tag, cfg->tag, p->tag_len);
	ret = p9fs_create(&p->fs, cfg->dir, cfg->readonly);
	if (ret) {
		snprintf(err, errlen,
			 "--share %s: cannot open the directory: %s", cfg->dir,
			 strerror(-ret));
		goto err_free;
	}
	ret = virtio_mmio_create(&p->t, base, irq, mem, &p9_ops, p);
	if (ret) {
		snprintf(err, errlen, "--share %s: %s", cfg->dir,
			 strerror(-ret));
		p9fs_destroy(p->fs);
		goto err_free;
	}
	*out = p;
	return 0;

err_free_nomem:
	ret = -ENOMEM;
	snprintf(err, errlen, "--share %s: out of memory", cfg->dir);
err_free:
	worker_serial_destroy(p->job);
	free(p->req);
	free(p->resp);
	free(p);
	return ret;
err_nomem:
	snprintf(err, errlen, "--share %s: out of memory", cfg->dir);
	return -ENOMEM;
}

void vp9_destroy(struct vp9 *p)
{
	if (!p)
		return;
	worker_serial_destroy(p->job);
	virtio_mmio_destroy(p->t);
	p9fs_destroy(p->fs);
	free(p->req);
	free(p->resp);
	free(p);
}

void vp9_reset(struct vp9 *p)
{
	virtio_mmio_reset(p->t);
}

const struct bus_dev *vp9_bus_dev(struct vp9 *p)
{
	return virtio_mmio_bus_dev(p->t);
}

int vp9_fdt(struct vp9 *p, void *fdt, int parent, uint32_t plic_phandle)
{
	return virtio_mmio_fdt(p->t, fdt, parent, plic_phandle);
}

int vp9_parse(const char *opt, struct vp9_config *cfg, char *err, size_t errlen)
{
	const char *p = strchr(opt, ','), *end;
	size_t n = p ? (size_t)(p - opt) : strlen(opt);
	struct stat st;

	memset(cfg, 0, sizeof(*cfg));
	strcpy(cfg->tag, VP9_DEFAULT_TAG);
	if (n == 0 || n >= sizeof(cfg->dir)) {
		snprintf(err, errlen,
			 "--share %s: expected DIR[,tag=NAME][,ro]", opt);
		return -EINVAL;
	}
	memcpy(cfg->dir, opt, n);
	cfg->dir[n] = 0;
	for (; p && *p; p = end) {
		p++;
		end = strchr(p, ',');
		if (!end)
			end = p + strlen(p);
		n = (size_t)(end - p);
		if (n == 2 && memcmp(p, "ro", 2) == 0) {
			cfg->readonly = true;
		} else if (n > 4 && memcmp(p, "tag=", 4) == 0) {
			if (n - 4 > VP9_TAG_MAX) {
				snprintf(err, errlen,
					 "--share %s: the tag is longer than "
					 "%d bytes",
					 opt, VP9_TAG_MAX);
				return -EINVAL;
			}
			memcpy(cfg->tag, p + 4, n - 4);
			cfg->tag[n - 4] = 0;
		} else {
			snprintf(err, errlen,
				 "--share %s: unknown option '%.*s'; expected "
				 "DIR[,tag=NAME][,ro]",
				 opt, (int)n, p);
			return -EINVAL;
		}
	}
	if (stat(cfg->dir, &st) || !S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "--share %s: %s is not a directory", opt,
			 cfg->dir);
		return -EINVAL;
	}
	return 0;
}

void vp9_quiesce(struct vp9 *p)
{
	virtio_mmio_quiesce(p->t);
	worker_serial_quiesce(p->job, NULL, NULL);
}

void vp9_resume(struct vp9 *p)
{
	virtio_mmio_resume(p->t);
}

enum { VP9_REC_VERSION = 1, K_TAG = 1 };

int vp9_save(struct vp9 *p, struct rec_writer *w)
{
	int ret = virtio_mmio_save(p->t, w);

	if (ret)
		return ret;
	rec_begin(w, "vp9", VP9_REC_VERSION);
	rec_bytes(w, K_TAG, p->tag, p->tag_len);
	ret = rec_end(w);
	/* The job is quiesced: the server is ours. */
	return ret ?: p9fs_save(p->fs, w);
}

int vp9_load(struct vp9 *p, struct rec_reader *r)
{
	char tag[VP9_TAG_MAX + 1];
	struct rec rec;
	int ret;

	ret = virtio_mmio_load(p->t, r);
	ret = ret ?: rec_next(r, "vp9", VP9_REC_VERSION, &rec);
	ret = ret ?: rec_get_str(&rec, K_TAG, tag, sizeof(tag));
	if (!ret &&
	    (strlen(tag) != p->tag_len || memcmp(tag, p->tag, p->tag_len)))
		ret = rec_fail(&rec, "the share was saved with tag '%s'", tag);
	return ret ?: p9fs_load(p->fs, r);
}
