/* SPDX-License-Identifier: MIT */
/*
 * virtio-9p (device ID 9) on a virtio-mmio slot: a host directory shared
 * with the guest over 9P2000.L, mounted in the guest with
 *     mount -t 9p -o trans=virtio,version=9p2000.L TAG /mnt
 * Requests are served one at a time on the loop's thread pool.
 */
#ifndef HVRUN_VIRTIO_P9_H
#define HVRUN_VIRTIO_P9_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/bus.h"
#include "devices/irq.h"
#include "base/guestmem.h"

#define VIRTIO_ID_9P 9
#define VP9_DEFAULT_TAG "hvshare"
#define VP9_TAG_MAX 64

struct loop;
struct vp9;
struct rec_writer;
struct rec_reader;

struct vp9_config {
	char dir[PATH_MAX];
	char tag[VP9_TAG_MAX + 1];
	bool readonly;
};

/*
 * Parses --share's "DIR[,tag=NAME][,ro]" (DIR cannot hold a comma).
 * 0, or -EINVAL and one line in @err naming --share.
 */
int vp9_parse(const char *opt, struct vp9_config *cfg, char *err,
	      size_t errlen);

/* On failure returns -errno and one line in @err naming the directory. */
int vp9_create(struct vp9 **out, uint64_t base, struct irq_line irq,
	       const struct guestmem *mem, struct loop *loop,
	       const struct vp9_config *cfg, char *err, size_t errlen);
/* Waits for the request being served, then closes everything. */
void vp9_destroy(struct vp9 *p);
/*
 * Saving (see virtio_mmio_quiesce()): quiesce stops the device taking
 * buffers and waits for what it took (requests on the pool); resume
 * undoes it. The state is the transport's record, one record "vp9" (the
 * tag) and the 9P session's "p9fs" (its fids by path, see p9fs_save()),
 * so a share mounted in the guest stays mounted in a restored VM, on the
 * folder --share names then. Loading happens before the vCPUs run. 0,
 * -errno, -EPROTO with the reader's error set.
 */
void vp9_quiesce(struct vp9 *p);
void vp9_resume(struct vp9 *p);
int vp9_save(struct vp9 *p, struct rec_writer *w);
int vp9_load(struct vp9 *p, struct rec_reader *r);
void vp9_reset(struct vp9 *p);
const struct bus_dev *vp9_bus_dev(struct vp9 *p);
/* Adds virtio_mmio@base below @parent (the /soc node). */
int vp9_fdt(struct vp9 *p, void *fdt, int parent, uint32_t plic_phandle);

#endif
