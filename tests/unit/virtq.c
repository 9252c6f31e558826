// SPDX-License-Identifier: MIT
/*
 * Unit tests for devices/virtio/virtq against the VirtIO spec's "Split
 * Virtqueues": chains, indirect tables, framing rules, loops and bounds,
 * the used ring's contents, and both notification suppression schemes.
 */
#include "devices/virtio/virtq.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static struct guestmem mem;

static void fresh(struct virtq *vq, struct vd_queue *q, uint16_t size,
		  bool event_idx, bool indirect)
{
	vd_queue_init(q, &mem, 0, size);
	virtq_init(vq, 0);
	if (virtq_enable(vq, &mem, size, q->desc, q->avail, q->used, event_idx,
			 indirect))
		abort();
}

static void test_simple_chain(void)
{
	const char *name = "simple-chain";
	struct virtq vq;
	struct vd_queue q;
	struct virtq_elem *e = NULL;
	uint32_t id, len;

	fresh(&vq, &q, 8, false, false);
	CHECK(name, virtq_pop(&vq, &e) == 0);
	vd_set_desc(&q, 3, BUF(0), 16, VIRTQ_DESC_F_NEXT, 5);
	vd_set_desc(&q, 5, BUF(1), 100, VIRTQ_DESC_F_NEXT, 1);
	vd_set_desc(&q, 1, BUF(2), 513, VIRTQ_DESC_F_WRITE, 0);
	vd_add(&q, 3);
	CHECK(name, virtq_pop(&vq, &e) == 1);
	CHECK(name, e->head == 3 && e->n_out == 2 && e->n_in == 1);
	CHECK(name, e->out_len == 116 && e->in_len == 513);
	CHECK(name, e->iov[0].iov_base == vd_ptr(&mem, BUF(0)));
	CHECK(name, e->iov[1].iov_len == 100);
	CHECK(name, e->iov[2].iov_base == vd_ptr(&mem, BUF(2)));
	CHECK(name, virtq_pop(&vq, &(struct virtq_elem *){NULL}) == 0);
	CHECK(name, virtq_push(&vq, e, 77));
	CHECK(name, vd_used_idx(&q) == 1);
	vd_used_elem(&q, 0, &id, &len);
	CHECK(name, id == 3 && len == 77);
	printf("ok %s\n", name);
out:
	free(e);
}

static void test_copy_helpers(void)
{
	const char *name = "elem-copy";
	struct virtq vq;
	struct vd_queue q;
	struct virtq_elem *e = NULL;
	struct iovec iov[4];
	char buf[32];

	fresh(&vq, &q, 4, false, false);
	memcpy(vd_ptr(&mem, BUF(0)), "abc", 3);
	memcpy(vd_ptr(&mem, BUF(1)), "defgh", 5);
	vd_set_desc(&q, 0, BUF(0), 3, VIRTQ_DESC_F_NEXT, 1);
	vd_set_desc(&q, 1, BUF(1), 5, VIRTQ_DESC_F_NEXT, 2);
	vd_set_desc(&q, 2, BUF(2), 2, VIRTQ_DESC_F_NEXT | VIRTQ_DESC_F_WRITE,
		    3);
	vd_set_desc(&q, 3, BUF(3), 4, VIRTQ_DESC_F_WRITE, 0);
	vd_add(&q, 0);
	CHECK(name, virtq_pop(&vq, &e) == 1);
	memset(buf, 0, sizeof(buf));
	CHECK(name, virtq_elem_read(e, 2, buf, 4) == 4);
	CHECK(name, !memcmp(buf, "cdef", 4));
	CHECK(name, virtq_elem_read(e, 6, buf, 10) == 2);
	CHECK(name, virtq_elem_write(e, 1, "XYZW", 4) == 4);
	CHECK(name, !memcmp(vd_ptr(&mem, BUF(2)) + 1, "X", 1));
	CHECK(name, !memcmp(vd_ptr(&mem, BUF(3)), "YZW", 3));
	CHECK(name, virtq_elem_slice(e, true, 1, 5, iov) == 2);
	CHECK(name, iov[0].iov_len == 1 && iov[1].iov_len == 4);
	CHECK(name, virtq_elem_slice(e, true, 1, 6, iov) == -EINVAL);
	CHECK(name, virtq_elem_slice(e, false, 0, 8, iov) == 2);
	printf("ok %s\n", name);
out:
	free(e);
}

static void test_indirect(void)
{
	const char *name = "indirect";
	uint64_t table = BUF(10);
	struct virtq vq;
	struct vd_queue q;
	struct virtq_elem *e = NULL;

	fresh(&vq, &q, 4, false, true);
	/* One direct readable descriptor, then an indirect table. */
	vd_set_desc(&q, 2, BUF(0), 16, VIRTQ_DESC_F_NEXT, 0);
	vd_set_desc(&q, 0, table, 48, VIRTQ_DESC_F_INDIRECT, 0);
	vd_set_idesc(&mem, table, 0, BUF(1), 8, VIRTQ_DESC_F_NEXT, 2);
	vd_set_idesc(&mem, table, 2, BUF(2), 512,
		     VIRTQ_DESC_F_NEXT | VIRTQ_DESC_F_WRITE, 1);
	vd_set_idesc(&mem, table, 1, BUF(3), 1, VIRTQ_DESC_F_WRITE, 0);
	vd_add(&q, 2);
	CHECK(name, virtq_pop(&vq, &e) == 1);
	CHECK(name, e->head == 2 && e->n_out == 2 && e->n_in == 2);
	CHECK(name, e->out_len == 24 && e->in_len == 513);
	CHECK(name, e->iov[3].iov_base == vd_ptr(&mem, BUF(3)));
	CHECK(name, virtq_push(&vq, e, 513));
	printf("ok %s\n", name);
out:
	free(e);
}

/* A ring with one chain at @head, expected to be refused. */
static void expect_bad(const char *name, struct virtq *vq, struct vd_queue *q,
		       uint16_t head)
{
	struct virtq_elem *e = NULL;

	vd_add(q, head);
	CHECK(name, virtq_pop(vq, &e) == -EINVAL);
	CHECK(name, vq->broken);
	/* Broken stays broken. */
	CHECK(name, virtq_pop(vq, &e) == -EINVAL);
	printf("ok %s\n", name);
out:
	return;
}

static void test_malformed(void)
{
	struct virtq vq;
	struct vd_queue q;
	uint64_t table = BUF(10);

	fresh(&vq, &q, 8, false, false);
	expect_bad("bad-head", &vq, &q, 8);

	fresh(&vq, &q, 8, false, false);
	vd_set_desc(&q, 0, BUF(0), 4, VIRTQ_DESC_F_NEXT, 9);
	expect_bad("bad-next", &vq, &q, 0);

	fresh(&vq, &q, 8, false, false);
	vd_set_desc(&q, 0, BUF(0), 4, VIRTQ_DESC_F_NEXT, 1);
	vd_set_desc(&q, 1, BUF(1), 4, VIRTQ_DESC_F_NEXT, 0);
	expect_bad("loop", &vq, &q, 0);

	fresh(&vq, &q, 8, false, false);
	vd_set_desc(&q, 0, BUF(0), 4, VIRTQ_DESC_F_NEXT, 0);
	expect_bad("self-loop", &vq, &q, 0);

	fresh(&vq, &q, 8, false, false);
	vd_set_desc(&q, 0, VD_RAM_BASE + VD_RAM_SIZE - 4, 8, 0, 0);
	expect_bad("past-ram-end", &vq, &q, 0);

	fresh(&vq, &q, 8, false, false);
	vd_set_desc(&q, 0, VD_RAM_BASE - 8, 4, 0, 0);
	expect_bad("below-ram", &vq, &q, 0);

	fresh(&vq, &q, 8, false, false);
	vd_set_desc(&q, 0, BUF(0), 0xffffffff, VIRTQ_DESC_F_WRITE, 0);
	expect_bad("huge-len", &vq, &q, 0);

	fresh(&vq, &q, 8, false, false);
	vd_set_desc(&q, 0, ~0ull - 8, 16, 0, 0);
	expect_bad("addr-wrap", &vq, &q, 0);

	fresh(&vq, &q, 8, false, false);
	vd_set_desc(&q, 0, BUF(0), 4, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT,
		    1);
	vd_set_desc(&q, 1, BUF(1), 4, 0, 0);
	expect_bad("readable-after-writable", &vq, &q, 0);

	/* INDIRECT when the feature was not negotiated. */
	fresh(&vq, &q, 8, false, false);
	vd_set_desc(&q, 0, table, 16, VIRTQ_DESC_F_INDIRECT, 0);
	vd_set_idesc(&mem, table, 0, BUF(0), 4, 0, 0);
	expect_bad("indirect-not-negotiated", &vq, &q, 0);

	fresh(&vq, &q, 8, false, true);
	vd_set_desc(&q, 0, table, 16, VIRTQ_DESC_F_INDIRECT | VIRTQ_DESC_F_NEXT,
		    1);
	vd_set_desc(&q, 1, BUF(1), 4, 0, 0);
	vd_set_idesc(&mem, table, 0, BUF(0), 4, 0, 0);
	expect_bad("indirect-with-next", &vq, &q, 0);

	fresh(&vq, &q, 8, false, true);
	vd_set_desc(&q, 0, table, 20, VIRTQ_DESC_F_INDIRECT, 0);
	expect_bad("indirect-len-not-16", &vq, &q, 0);

	fresh(&vq, &q, 8, false, true);
	vd_set_desc(&q, 0, table, 0, VIRTQ_DESC_F_INDIRECT, 0);
	expect_bad("indirect-empty", &vq, &q, 0);

	fresh(&vq, &q, 8, false, true);
	vd_set_desc(&q, 0, VD_RAM_BASE + VD_RAM_SIZE - 16, 32,
		    VIRTQ_DESC_F_INDIRECT, 0);
	expect_bad("indirect-past-ram", &vq, &q, 0);

	fresh(&vq, &q, 8, false, true);
	vd_set_desc(&q, 0, table, 32, VIRTQ_DESC_F_INDIRECT, 0);
	vd_set_idesc(&mem, table, 0, BUF(0), 4, VIRTQ_DESC_F_NEXT, 1);
	vd_set_idesc(&mem, table, 1, BUF(1), 16, VIRTQ_DESC_F_INDIRECT, 0);
	expect_bad("indirect-nested", &vq, &q, 0);

	fresh(&vq, &q, 8, false, true);
	vd_set_desc(&q, 0, table, 32, VIRTQ_DESC_F_INDIRECT, 0);
	vd_set_idesc(&mem, table, 0, BUF(0), 4, VIRTQ_DESC_F_NEXT, 1);
	vd_set_idesc(&mem, table, 1, BUF(1), 4, VIRTQ_DESC_F_NEXT, 0);
	expect_bad("indirect-loop", &vq, &q, 0);

	fresh(&vq, &q, 8, false, true);
	vd_set_desc(&q, 0, table, 32, VIRTQ_DESC_F_INDIRECT, 0);
	vd_set_idesc(&mem, table, 0, BUF(0), 4, VIRTQ_DESC_F_NEXT, 2);
	expect_bad("indirect-next-out-of-table", &vq, &q, 0);

	/* The driver claims more than size new buffers. */
	fresh(&vq, &q, 8, false, false);
	vd_set_desc(&q, 0, BUF(0), 4, 0, 0);
	q.avail_idx = 9;
	expect_bad("avail-idx-overflow", &vq, &q, 0);
}

static void test_enable_checks(void)
{
	const char *name = "enable-checks";
	struct virtq vq;
	struct vd_queue q;

	vd_queue_init(&q, &mem, 0, 8);
	virtq_init(&vq, 0);
	CHECK(name, virtq_enable(&vq, &mem, 6, q.desc, q.avail, q.used, 0, 0) ==
			    -EINVAL);
	CHECK(name, virtq_enable(&vq, &mem, 0, q.desc, q.avail, q.used, 0, 0) ==
			    -EINVAL);
	CHECK(name, virtq_enable(&vq, &mem, 8, q.desc + 8, q.avail, q.used, 0,
				 0) == -EINVAL);
	CHECK(name, virtq_enable(&vq, &mem, 8, q.desc, q.avail + 1, q.used, 0,
				 0) == -EINVAL);
	CHECK(name, virtq_enable(&vq, &mem, 8, q.desc, q.avail, q.used + 2, 0,
				 0) == -EINVAL);
	CHECK(name,
	      virtq_enable(&vq, &mem, 8, q.desc, q.avail,
			   VD_RAM_BASE + VD_RAM_SIZE - 16, 0, 0) == -EINVAL);
	CHECK(name, virtq_enable(&vq, &mem, 8, 0x1000, q.avail, q.used, 0, 0) ==
			    -EINVAL);
	CHECK(name, !vq.enabled);
	CHECK(name,
	      virtq_enable(&vq, &mem, 8, q.desc, q.avail, q.used, 0, 0) == 0);
	printf("ok %s\n", name);
out:
	return;
}

static void test_zero_len_and_clamp(void)
{
	const char *name = "zero-length-and-clamp";
	struct virtq vq;
	struct vd_queue q;
	struct virtq_elem *e = NULL;
	uint32_t id, len;

	fresh(&vq, &q, 4, false, false);
	/* A zero-length buffer's address is never used. */
	vd_set_desc(&q, 0, 0, 0, VIRTQ_DESC_F_NEXT, 1);
	vd_set_desc(&q, 1, BUF(0), 10, VIRTQ_DESC_F_WRITE, 0);
	vd_add(&q, 0);
	CHECK(name, virtq_pop(&vq, &e) == 1);
	CHECK(name, e->n_out == 0 && e->n_in == 1 && e->in_len == 10);
	CHECK(name, virtq_push(&vq, e, 1000));
	vd_used_elem(&q, 0, &id, &len);
	CHECK(name, id == 0 && len == 10);
	printf("ok %s\n", name);
out:
	free(e);
}

static void test_stale_push(void)
{
	const char *name = "stale-push";
	struct virtq vq;
	struct vd_queue q;
	struct virtq_elem *e = NULL;

	fresh(&vq, &q, 4, false, false);
	vd_set_desc(&q, 0, BUF(0), 10, VIRTQ_DESC_F_WRITE, 0);
	vd_add(&q, 0);
	CHECK(name, virtq_pop(&vq, &e) == 1);
	virtq_disable(&vq);
	CHECK(name, !virtq_push(&vq, e, 1));
	CHECK(name,
	      virtq_enable(&vq, &mem, 4, q.desc, q.avail, q.used, 0, 0) == 0);
	CHECK(name, !virtq_push(&vq, e, 1));
	CHECK(name, vd_used_idx(&q) == 0);
	printf("ok %s\n", name);
out:
	free(e);
}

/* Pops and pushes one one-descriptor chain; returns need_notify. */
static bool cycle(struct virtq *vq, struct vd_queue *q)
{
	struct virtq_elem *e;
	bool ok;

	vd_set_desc(q, 0, BUF(0), 4, VIRTQ_DESC_F_WRITE, 0);
	vd_add(q, 0);
	if (virtq_pop(vq, &e) != 1)
		abort();
	ok = virtq_push(vq, e, 4);
	free(e);
	if (!ok)
		abort();
	return virtq_need_notify(vq);
}

static void test_no_interrupt_flag(void)
{
	const char *name = "avail-no-interrupt";
	struct virtq vq;
	struct vd_queue q;

	fresh(&vq, &q, 4, false, false);
	CHECK(name, cycle(&vq, &q));
	vd_set_avail_flags(&q, VIRTQ_AVAIL_F_NO_INTERRUPT);
	CHECK(name, !cycle(&vq, &q));
	/* Without EVENT_IDX, used_event means nothing. */
	vd_set_avail_flags(&q, 0);
	vd_set_used_event(&q, 100);
	CHECK(name, cycle(&vq, &q));
	/* Nothing new since the last decision: no notification. */
	CHECK(name, !virtq_need_notify(&vq));
	printf("ok %s\n", name);
out:
	return;
}

static void test_event_idx(void)
{
	const char *name = "event-idx";
	struct virtq vq;
	struct vd_queue q;
	struct virtq_elem *e;

	fresh(&vq, &q, 4, true, false);
	/* "if used_event is 0 ... notification after the first buffer". */
	vd_set_used_event(&q, 0);
	CHECK(name, cycle(&vq, &q));  /* used idx 0 -> 1 */
	CHECK(name, !cycle(&vq, &q)); /* 1 -> 2: not asked */
	vd_set_used_event(&q, 3);
	CHECK(name, !cycle(&vq, &q)); /* 2 -> 3 */
	CHECK(name, cycle(&vq, &q));  /* 3 -> 4: entry 3 written */
	/* The lower bit of flags is ignored with EVENT_IDX. */
	vd_set_avail_flags(&q, VIRTQ_AVAIL_F_NO_INTERRUPT);
	vd_set_used_event(&q, 4);
	CHECK(name, cycle(&vq, &q)); /* 4 -> 5 */
	/* Several pushes, one decision covering used_event. */
	vd_set_used_event(&q, 6);
	for (int i = 0; i < 3; i++) {
		vd_set_desc(&q, i, BUF(i), 4, VIRTQ_DESC_F_WRITE, 0);
		vd_add(&q, i);
	}
	for (int i = 0; i < 3; i++) {
		CHECK(name, virtq_pop(&vq, &e) == 1);
		virtq_push(&vq, e, 0);
		free(e);
	}
	CHECK(name, virtq_need_notify(&vq)); /* 5 -> 8 passes 6 */
	/* An empty pop asks for the next buffer through avail_event. */
	CHECK(name, virtq_pop(&vq, &e) == 0);
	CHECK(name, vd_avail_event(&q) == 8);
	printf("ok %s\n", name);
out:
	return;
}

static void test_wraparound(void)
{
	const char *name = "index-wraparound";
	struct virtq vq;
	struct vd_queue q;
	uint32_t id, len;

	fresh(&vq, &q, 4, false, false);
	for (unsigned i = 0; i < 70000; i++)
		cycle(&vq, &q);
	CHECK(name, vd_used_idx(&q) == (uint16_t)70000);
	CHECK(name, vq.last_avail == (uint16_t)70000);
	vd_used_elem(&q, (uint16_t)(70000 - 1), &id, &len);
	CHECK(name, id == 0 && len == 4);
	printf("ok %s\n", name);
out:
	return;
}

int main(void)
{
	if (guestmem_init(&mem, VD_RAM_BASE, VD_RAM_SIZE)) {
		printf("FAIL guestmem: cannot map guest RAM\n");
		return 1;
	}
	test_simple_chain();
	test_copy_helpers();
	test_indirect();
	test_malformed();
	test_enable_checks();
	test_zero_len_and_clamp();
	test_stale_push();
	test_no_interrupt_flag();
	test_event_idx();
	test_wraparound();
	guestmem_destroy(&mem);
	return failures ? 1 : 0;
}
