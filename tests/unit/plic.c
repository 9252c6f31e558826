// SPDX-License-Identifier: MIT
/*
 * Unit tests for devices/plic against the RISC-V PLIC specification 1.0.0:
 * memory map, priorities and thresholds, claim/complete, gateways.
 */
#include "devices/plic/plic.h"

#include <errno.h>
#include <libfdt.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

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

#define NHARTS 2
#define NCTX (2 * NHARTS)

struct rig {
	struct plic *p;
	const struct bus_dev *d;
	int level[NCTX];
	unsigned line[NCTX];
	int calls;
};

static void sink_set(void *opaque, unsigned line, int level)
{
	struct rig *r = opaque;

	r->level[line] = level;
	r->calls++;
}

static int rig_init(struct rig *r)
{
	struct irq_line out[NCTX];
	unsigned i;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < NCTX; i++)
		out[i] = (struct irq_line){sink_set, r, i};
	if (plic_create(&r->p, 0xc000000, NHARTS, out))
		return -1;
	r->d = plic_bus_dev(r->p);
	return 0;
}

static uint32_t rd(struct rig *r, uint64_t off)
{
	return r->d->ops->read(r->d->opaque, off, 4);
}

static void wr(struct rig *r, uint64_t off, uint32_t v)
{
	r->d->ops->write(r->d->opaque, off, v, 4);
}

#define PRIO(s) (0x0 + 4 * (s))
#define PENDING(w) (0x1000 + 4 * (w))
#define ENABLE(c, w) (0x2000 + 0x80 * (c) + 4 * (w))
#define THRESHOLD(c) (0x200000 + 0x1000 * (c))
#define CLAIM(c) (0x200004 + 0x1000 * (c))

static void enable(struct rig *r, unsigned ctx, unsigned src, int on)
{
	uint32_t v = rd(r, ENABLE(ctx, src / 32));

	if (on)
		v |= 1U << (src % 32);
	else
		v &= ~(1U << (src % 32));
	wr(r, ENABLE(ctx, src / 32), v);
}

static void test_registers(void)
{
	const char *name = "plic_registers";
	struct rig r;
	unsigned i;

	if (rig_init(&r))
		CHECK(name, 0);
	CHECK(name, r.d->base == 0xc000000 && r.d->len == 0x600000);
	CHECK(name, r.d->ops->min_size == 4 && r.d->ops->max_size == 4);
	for (i = 0; i < 96; i++)
		CHECK(name, rd(&r, PRIO(i)) == 0);
	/* Priorities are three bits; source 0 has none. */
	wr(&r, PRIO(0), 5);
	CHECK(name, rd(&r, PRIO(0)) == 0);
	wr(&r, PRIO(1), 7);
	wr(&r, PRIO(95), 0xff);
	CHECK(name, rd(&r, PRIO(1)) == 7 && rd(&r, PRIO(95)) == 7);
	wr(&r, PRIO(96), 3);
	CHECK(name, rd(&r, PRIO(96)) == 0);
	/* Enables: bit 0 hardwired, sources past 95 absent. */
	wr(&r, ENABLE(1, 0), 0xffffffff);
	wr(&r, ENABLE(1, 2), 0xffffffff);
	wr(&r, ENABLE(1, 3), 0xffffffff);
	CHECK(name, rd(&r, ENABLE(1, 0)) == 0xfffffffe);
	CHECK(name, rd(&r, ENABLE(1, 2)) == 0xffffffff);
	CHECK(name, rd(&r, ENABLE(1, 3)) == 0);
	CHECK(name, rd(&r, ENABLE(0, 0)) == 0 && rd(&r, ENABLE(2, 0)) == 0);
	/* Contexts that do not exist read 0 and ignore writes. */
	wr(&r, ENABLE(NCTX, 0), 0xffffffff);
	CHECK(name, rd(&r, ENABLE(NCTX, 0)) == 0);
	wr(&r, THRESHOLD(NCTX), 3);
	CHECK(name, rd(&r, THRESHOLD(NCTX)) == 0);
	CHECK(name, rd(&r, CLAIM(NCTX)) == 0);
	wr(&r, THRESHOLD(3), 9);
	CHECK(name, rd(&r, THRESHOLD(3)) == 1);
	CHECK(name, rd(&r, 0x1ffffc) == 0 && rd(&r, 0x5ffffc) == 0);
	/* Pending bits are read-only. */
	wr(&r, PENDING(0), 0xffffffff);
	CHECK(name, rd(&r, PENDING(0)) == 0);
	plic_reset(r.p);
	CHECK(name, rd(&r, PRIO(1)) == 0 && rd(&r, ENABLE(1, 0)) == 0);
	CHECK(name, rd(&r, THRESHOLD(3)) == 0);
	printf("ok %s\n", name);
out:
	plic_destroy(r.p);
}

static void test_notify(void)
{
	const char *name = "plic_priority_threshold";
	struct rig r;
	struct irq_line l;

	if (rig_init(&r))
		CHECK(name, 0);
	l = plic_irq_line(r.p, 10);
	irq_set(&l, 1);
	CHECK(name, rd(&r, PENDING(0)) == 1U << 10);
	enable(&r, 1, 10, 1);
	/* Priority 0 never interrupts. */
	CHECK(name, r.level[1] == 0 && rd(&r, CLAIM(1)) == 0);
	wr(&r, PRIO(10), 1);
	CHECK(name, r.level[1] == 1);
	CHECK(name, r.level[0] == 0 && r.level[2] == 0 && r.level[3] == 0);
	/* Threshold masks priorities at or below it. */
	wr(&r, THRESHOLD(1), 1);
	CHECK(name, r.level[1] == 0 && rd(&r, CLAIM(1)) == 0);
	wr(&r, PRIO(10), 2);
	CHECK(name, r.level[1] == 1);
	wr(&r, THRESHOLD(1), 7);
	CHECK(name, r.level[1] == 0);
	wr(&r, THRESHOLD(1), 0);
	CHECK(name, r.level[1] == 1);
	/* Another hart's M-mode context. */
	enable(&r, 2, 10, 1);
	CHECK(name, r.level[2] == 1 && r.level[0] == 0 && r.level[3] == 0);
	/* Disabling drops the output. */
	enable(&r, 1, 10, 0);
	CHECK(name, r.level[1] == 0 && r.level[2] == 1);
	printf("ok %s\n", name);
out:
	plic_destroy(r.p);
}

static void test_claim_complete(void)
{
	const char *name = "plic_claim_complete";
	struct rig r;

	if (rig_init(&r))
		CHECK(name, 0);
	wr(&r, PRIO(33), 3);
	enable(&r, 1, 33, 1);
	enable(&r, 3, 33, 1);
	plic_set_irq(r.p, 33, 1);
	CHECK(name, rd(&r, PENDING(1)) == 2);
	CHECK(name, r.level[1] == 1 && r.level[3] == 1);
	CHECK(name, rd(&r, CLAIM(1)) == 33);
	/* Claimed: no longer pending anywhere, even with the level high. */
	CHECK(name, rd(&r, PENDING(1)) == 0);
	CHECK(name, r.level[1] == 0 && r.level[3] == 0);
	CHECK(name, rd(&r, CLAIM(3)) == 0);
	plic_set_irq(r.p, 33, 1);
	CHECK(name, rd(&r, PENDING(1)) == 0);
	/* Completion with the level still high: pending again. */
	wr(&r, CLAIM(1), 33);
	CHECK(name, rd(&r, PENDING(1)) == 2);
	CHECK(name, r.level[1] == 1 && r.level[3] == 1);
	/* A forwarded request survives the level dropping. */
	plic_set_irq(r.p, 33, 0);
	CHECK(name, rd(&r, PENDING(1)) == 2);
	CHECK(name, rd(&r, CLAIM(3)) == 33);
	wr(&r, CLAIM(3), 33);
	CHECK(name, rd(&r, PENDING(1)) == 0);
	CHECK(name, r.level[1] == 0 && r.level[3] == 0);

	/* Completing a source not enabled for the context is ignored. */
	plic_set_irq(r.p, 33, 1);
	CHECK(name, rd(&r, CLAIM(1)) == 33);
	enable(&r, 1, 33, 0);
	wr(&r, CLAIM(1), 33);
	CHECK(name, rd(&r, PENDING(1)) == 0);
	wr(&r, CLAIM(0), 33);
	CHECK(name, rd(&r, PENDING(1)) == 0);
	/* Nonsense IDs too. */
	wr(&r, CLAIM(1), 0);
	wr(&r, CLAIM(1), 96);
	wr(&r, CLAIM(1), 0xffffffff);
	CHECK(name, rd(&r, PENDING(1)) == 0);
	enable(&r, 1, 33, 1);
	wr(&r, CLAIM(1), 33);
	CHECK(name, rd(&r, PENDING(1)) == 2 && r.level[1] == 1);
	/* Out-of-range sources from a device are ignored. */
	plic_set_irq(r.p, 0, 1);
	plic_set_irq(r.p, 96, 1);
	plic_set_irq(r.p, 1000, 1);
	CHECK(name, rd(&r, PENDING(0)) == 0 && rd(&r, PENDING(2)) == 0);
	printf("ok %s\n", name);
out:
	plic_destroy(r.p);
}

static void test_order(void)
{
	const char *name = "plic_claim_order";
	struct rig r;
	int calls;

	if (rig_init(&r))
		CHECK(name, 0);
	wr(&r, PRIO(5), 2);
	wr(&r, PRIO(7), 5);
	wr(&r, PRIO(3), 5);
	wr(&r, PRIO(95), 1);
	wr(&r, ENABLE(0, 0), 0xa8);
	wr(&r, ENABLE(0, 2), 0x80000000);
	plic_set_irq(r.p, 95, 1);
	plic_set_irq(r.p, 5, 1);
	plic_set_irq(r.p, 7, 1);
	plic_set_irq(r.p, 3, 1);
	CHECK(name, r.level[0] == 1);
	/* Highest priority first; equal priorities by lowest ID. */
	wr(&r, THRESHOLD(0), 1);
	CHECK(name, rd(&r, CLAIM(0)) == 3);
	CHECK(name, rd(&r, CLAIM(0)) == 7);
	CHECK(name, rd(&r, CLAIM(0)) == 5);
	CHECK(name, r.level[0] == 0);
	/* 95 sits at the threshold: not claimable until it is lowered. */
	CHECK(name, rd(&r, CLAIM(0)) == 0);
	wr(&r, THRESHOLD(0), 0);
	CHECK(name, r.level[0] == 1);
	CHECK(name, rd(&r, CLAIM(0)) == 95);
	CHECK(name, r.level[0] == 0);
	/* The output is driven on changes only. */
	calls = r.calls;
	plic_set_irq(r.p, 95, 0);
	CHECK(name, r.calls == calls);
	printf("ok %s\n", name);
out:
	plic_destroy(r.p);
}

static void test_fdt(void)
{
	const char *name = "plic_fdt";
	static char buf[4096];
	static const uint32_t intc[NHARTS] = {1, 2};
	static const uint32_t want[] = {1, 11, 1, 9, 2, 11, 2, 9};
	struct rig r;
	const fdt32_t *p;
	int soc, node, len, i;

	if (rig_init(&r))
		CHECK(name, 0);
	CHECK(name, fdt_create_empty_tree(buf, sizeof(buf)) == 0);
	soc = fdt_add_subnode(buf, 0, "soc");
	CHECK(name, plic_fdt(r.p, buf, soc, 5, intc) == 0);
	node = fdt_path_offset(buf, "/soc/plic@c000000");
	CHECK(name, node >= 0);
	CHECK(name, fdt_get_phandle(buf, node) == 5);
	CHECK(name, !fdt_node_check_compatible(buf, node, "riscv,plic0"));
	CHECK(name, !fdt_node_check_compatible(buf, node, "sifive,plic-1.0.0"));
	CHECK(name,
	      fdt_getprop(buf, node, "interrupt-controller", &len) && len == 0);
	p = fdt_getprop(buf, node, "#interrupt-cells", &len);
	CHECK(name, p && fdt32_to_cpu(*p) == 1);
	p = fdt_getprop(buf, node, "riscv,ndev", &len);
	CHECK(name, p && fdt32_to_cpu(*p) == 95);
	p = fdt_getprop(buf, node, "reg", &len);
	CHECK(name, p && len == 16 && fdt32_to_cpu(p[1]) == 0xc000000 &&
			    fdt32_to_cpu(p[3]) == 0x600000);
	p = fdt_getprop(buf, node, "interrupts-extended", &len);
	CHECK(name, p && len == sizeof(want));
	for (i = 0; i < 8; i++)
		CHECK(name, fdt32_to_cpu(p[i]) == want[i]);
	printf("ok %s\n", name);
out:
	plic_destroy(r.p);
}

struct worker {
	struct rig *r;
	unsigned ctx;
	int errors;
};

/* One hart's handler loop: raise, claim, lower, complete. */
static void *work(void *arg)
{
	struct worker *w = arg;
	unsigned src = 1 + w->ctx * 20, i;

	for (i = 0; i < 20000; i++) {
		plic_set_irq(w->r->p, src, 1);
		if (rd(w->r, CLAIM(w->ctx)) != src)
			w->errors++;
		plic_set_irq(w->r->p, src, 0);
		wr(w->r, CLAIM(w->ctx), src);
	}
	return NULL;
}

static void test_smp(void)
{
	const char *name = "plic_concurrent_contexts";
	struct worker w[NCTX];
	pthread_t t[NCTX];
	struct rig r;
	unsigned i;

	if (rig_init(&r))
		CHECK(name, 0);
	for (i = 0; i < NCTX; i++) {
		wr(&r, PRIO(1 + i * 20), 1 + i);
		enable(&r, i, 1 + i * 20, 1);
		w[i] = (struct worker){&r, i, 0};
	}
	for (i = 0; i < NCTX; i++)
		CHECK(name, pthread_create(&t[i], NULL, work, &w[i]) == 0);
	for (i = 0; i < NCTX; i++)
		pthread_join(t[i], NULL);
	for (i = 0; i < NCTX; i++) {
		CHECK(name, w[i].errors == 0);
		CHECK(name, r.level[i] == 0);
	}
	CHECK(name, rd(&r, PENDING(0)) == 0);
	printf("ok %s\n", name);
out:
	plic_destroy(r.p);
}

static void test_create_limits(void)
{
	const char *name = "plic_create_limits";
	struct plic *p = NULL;

	CHECK(name, plic_create(&p, 0xc000000, 0, NULL) == -EINVAL);
	CHECK(name, plic_create(&p, 0xc000000, 513, NULL) == -EINVAL);
	printf("ok %s\n", name);
out:
	return;
}

int main(void)
{
	test_registers();
	test_notify();
	test_claim_complete();
	test_order();
	test_fdt();
	test_create_limits();
	test_smp();
	return failures ? 1 : 0;
}
