/* SPDX-License-Identifier: MIT */
/*
 * virtio-blk (VirtIO spec "Device Types / Block Device", device ID 2) on a
 * virtio-mmio slot, backed by a raw image file or a host block device.
 * Requests are served on the loop's thread pool, never on a vCPU thread.
 */
#ifndef HVRUN_VIRTIO_BLK_H
#define HVRUN_VIRTIO_BLK_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/bus.h"
#include "devices/irq.h"
#include "base/guestmem.h"

#define VIRTIO_ID_BLOCK 2

struct loop;
struct vblk;
struct rec_writer;
struct rec_reader;

/* How the image is used. */
enum vblk_mode {
	VBLK_RW,       /* read and written */
	VBLK_RO,       /* the guest sees a read-only disk */
	VBLK_SNAPSHOT, /* writes go to a temporary overlay, dropped at exit */
};

/* What --disk asks for. */
struct vblk_config {
	char path[PATH_MAX];
	char serial[21]; /* GET_ID's 20 bytes, NUL-terminated here */
	bool readonly;
	bool snapshot;
};

/*
 * Parses --disk's "FILE[,ro][,snapshot=on|off][,serial=ID]" (FILE cannot
 * hold a comma). 0, or -EINVAL and one line in @err naming --disk.
 */
int vblk_parse(const char *opt, struct vblk_config *cfg, char *err,
	       size_t errlen);

/*
 * Opens @path and locks it: exclusively when written (VBLK_RW), shared
 * otherwise, so an image is never written by two hvruns, nor written by
 * one while others read it. With VBLK_SNAPSHOT the guest's writes go to
 * an unlinked sparse file in $TMPDIR (or /var/tmp) and reads of what it
 * wrote come from there. @serial (NULL: none) is what VIRTIO_BLK_T_GET_ID
 * returns, at most 20 bytes of it. On failure returns -errno
 * (-EWOULDBLOCK: the image is in use) and leaves one line in @err that
 * names the file, e.g. "disk.img is in use by another process".
 */
int vblk_create(struct vblk **out, uint64_t base, struct irq_line irq,
		const struct guestmem *mem, struct loop *loop, const char *path,
		enum vblk_mode mode, const char *serial, char *err,
		size_t errlen);
/* Waits for outstanding requests, syncs the image and closes it. */
void vblk_destroy(struct vblk *b);
/*
 * Saving (see virtio_mmio_quiesce()): quiesce stops the device taking
 * buffers and waits for what it took; resume undoes it. The state is
 * the transport's record followed by one record "vblk"; loading happens
 * before the vCPUs run. 0, -errno, -EPROTO with the reader's error set.
 */
void vblk_quiesce(struct vblk *b);
void vblk_resume(struct vblk *b);
int vblk_save(struct vblk *b, struct rec_writer *w);
int vblk_load(struct vblk *b, struct rec_reader *r);
/* Waits until no request taken from the ring is still being served. */
void vblk_drain(struct vblk *b);
void vblk_reset(struct vblk *b);
const struct bus_dev *vblk_bus_dev(struct vblk *b);
/* Adds virtio_mmio@base below @parent (the /soc node). */
int vblk_fdt(struct vblk *b, void *fdt, int parent, uint32_t plic_phandle);
/* The disk's size in 512-byte sectors. */
uint64_t vblk_capacity(const struct vblk *b);

#endif
