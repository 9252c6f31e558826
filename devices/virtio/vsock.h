/* SPDX-License-Identifier: MIT */
/*
 * virtio-vsock (VirtIO spec "Device Types / Socket Device", device ID 19)
 * on a virtio-mmio slot: stream sockets between the guest and programs on
 * the host, with the host's end in hvrun itself. The host's ports are
 * served by a back end (ui/vsock.h maps them to Unix sockets) through the
 * small table of operations below.
 *
 * Everything but the guest's register accesses runs on the loop's thread:
 * queue notifications are handed to it, and the back end calls in from
 * it. A reset from a vCPU thread waits for that work to stop touching
 * guest memory.
 */
#ifndef HVRUN_VIRTIO_VSOCK_H
#define HVRUN_VIRTIO_VSOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "base/guestmem.h"
#include "devices/bus.h"
#include "devices/irq.h"

#define VIRTIO_ID_VSOCK 19
#define VSOCK_HOST_CID 2
#define VSOCK_DEFAULT_CID 3

struct loop;
struct vsock;

/*
 * The host's side of connections, all called on the loop's thread with
 * the device's lock held: an operation never calls back into the device.
 * A handle (void *) is the back end's own for one connection.
 */
struct vsock_host_ops {
	/* The guest connects to host port @port: a handle, or NULL. */
	void *(*connect)(void *be, uint32_t port);
	/* Never block: bytes moved, 0 at the end of input, or -errno
	 * (-EAGAIN: none now). */
	ssize_t (*read)(void *be, void *h, void *buf, size_t len);
	ssize_t (*write)(void *be, void *h, const void *buf, size_t len);
	/* Which of readable, writable to report (vsock_host_ready). */
	void (*watch)(void *be, void *h, bool readable, bool writable);
	/* The guest sends no more: end the host's input. */
	void (*shutdown)(void *be, void *h);
	/* The connection is over: close the handle. */
	void (*close)(void *be, void *h);
	/* A host-made connection (vsock_host_connect): the guest's answer,
	 * and the host port the connection has. */
	void (*answer)(void *be, void *h, bool ok, uint32_t port);
};

int vsock_create(struct vsock **out, uint64_t base, struct irq_line irq,
		 const struct guestmem *mem, struct loop *loop,
		 uint64_t guest_cid, const struct vsock_host_ops *ops,
		 void *be);
/* Loop thread, the vCPUs stopped: closes every connection. */
void vsock_destroy(struct vsock *v);
void vsock_reset(struct vsock *v);
const struct bus_dev *vsock_bus_dev(struct vsock *v);
int vsock_fdt(struct vsock *v, void *fdt, int parent, uint32_t plic_phandle);

/*
 * Snapshots (as the other VirtIO devices, devices/virtio/rng.h): quiesce
 * stops the device and gives back the buffer it held; the record is the
 * transport's and the CID. The host's ends of connections do not survive:
 * a load tells the guest with a transport reset event.
 */
struct rec_writer;
struct rec_reader;
void vsock_quiesce(struct vsock *v);
void vsock_resume(struct vsock *v);
int vsock_save(struct vsock *v, struct rec_writer *w);
int vsock_load(struct vsock *v, struct rec_reader *r);

/* For the back end, on the loop's thread. */

/* The handle @h of a connection the device asked for can go on. */
void vsock_host_ready(struct vsock *v, void *h, bool readable, bool writable);
/*
 * A host program asks for the guest's port @port over handle @h: 0 (the
 * answer comes through ops->answer) or -errno (none: close @h).
 */
int vsock_host_connect(struct vsock *v, uint32_t port, void *h);

#endif
