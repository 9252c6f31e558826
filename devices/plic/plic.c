// SPDX-License-Identifier: MIT
/*
 * RISC-V Platform-Level Interrupt Controller Specification, version 1.0.0:
 * chapter 3 (interrupt gateways, notifications, claim and completion) and
 * chapter 4 (memory map). Sources are level-triggered.
 */
#include "devices/plic/plic.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <endian.h>

#include "devices/devfdt.h"
#include "base/record.h"

#define NSRC (PLIC_NDEV + 1) /* source 0 exists only as "no interrupt" */
#define WORDS ((NSRC + 31) / 32)
#define PRIO_MASK 7

#define OFF_PRIORITY 0x0
#define OFF_PENDING 0x1000
#define OFF_ENABLE 0x2000
#define ENABLE_STRIDE 0x80
#define OFF_CONTEXT 0x200000
#define CONTEXT_STRIDE 0x1000

struct plic_ctx {
	uint32_t enable[WORDS];
	uint8_t threshold;
	int level; /* last level driven on out */
	struct irq_line out;
};

struct plic {
	struct bus_dev dev;
	pthread_mutex_t lock;
	unsigned nharts, nctx;
	uint8_t priority[NSRC];
	uint32_t pending[WORDS];
	uint32_t claimed[WORDS]; /* the gateway waits for a completion */
	uint32_t input[WORDS];	 /* the sources' levels */
	struct plic_ctx *ctx;
};

static bool test_bit(const uint32_t *w, unsigned n)
{
	return w[n / 32] & (1U << (n % 32));
}

static void assign_bit(uint32_t *w, unsigned n, bool v)
{
	if (v)
		w[n / 32] |= 1U << (n % 32);
	else
		w[n / 32] &= ~(1U << (n % 32));
}

/*
 * The source a claim by @c would return: highest priority above the
 * threshold, ties to the lowest ID (section 3.8); 0 when none.
 */
static unsigned best_source(const struct plic *p, const struct plic_ctx *c)
{
	unsigned w, best = 0, best_prio = c->threshold;

	for (w = 0; w < WORDS; w++) {
		uint32_t bits = p->pending[w] & c->enable[w];

		while (bits) {
			unsigned src = w * 32 + __builtin_ctz(bits);

			bits &= bits - 1;
			if (p->priority[src] > best_prio) {
				best = src;
				best_prio = p->priority[src];
			}
		}
	}
	return best;
}

static void update(struct plic *p)
{
	unsigned i;

	for (i = 0; i < p->nctx; i++) {
		struct plic_ctx *c = &p->ctx[i];
		int level = best_source(p, c) != 0;

		if (level != c->level) {
			c->level = level;
			irq_set(&c->out, level);
		}
	}
}

/* Gateway: a level forwards one request, then waits for completion. */
static void gateway(struct plic *p, unsigned src)
{
	if (test_bit(p->input, src) && !test_bit(p->claimed, src))
		assign_bit(p->pending, src, true);
}

void plic_set_irq(void *opaque, unsigned src, int level)
{
	struct plic *p = opaque;

	if (src == 0 || src >= NSRC)
		return;
	pthread_mutex_lock(&p->lock);
	assign_bit(p->input, src, level);
	/*
	 * A request already forwarded stays pending when the level drops
	 * (section 3.3); the handler finds the device needs nothing.
	 */
	gateway(p, src);
	update(p);
	pthread_mutex_unlock(&p->lock);
}

struct irq_line plic_irq_line(struct plic *p, unsigned src)
{
	return (struct irq_line){plic_set_irq, p, src};
}

static uint32_t claim(struct plic *p, struct plic_ctx *c)
{
	unsigned src = best_source(p, c);

	if (src) {
		assign_bit(p->pending, src, false);
		assign_bit(p->claimed, src, true);
	}
	return src;
}

static void complete(struct plic *p, struct plic_ctx *c, uint32_t src)
{
	/* Not a source enabled for this target: silently ignored. */
	if (src == 0 || src >= NSRC || !test_bit(c->enable, src))
		return;
	assign_bit(p->claimed, src, false);
	gateway(p, src);
}

static uint64_t plic_read(void *opaque, uint64_t off, unsigned size)
{
	struct plic *p = opaque;
	uint32_t v = 0;

	pthread_mutex_lock(&p->lock);
	if (off < OFF_PENDING) {
		if (off / 4 < NSRC)
			v = p->priority[off / 4];
	} else if (off < OFF_ENABLE) {
		uint64_t w = (off - OFF_PENDING) / 4;

		if (w < WORDS)
			v = p->pending[w];
	} else if (off < OFF_CONTEXT) {
		uint64_t ctx = (off - OFF_ENABLE) / ENABLE_STRIDE;
		uint64_t w = (off - OFF_ENABLE) % ENABLE_STRIDE / 4;

		if (ctx < p->nctx && w < WORDS)
			v = p->ctx[ctx].enable[w];
	} else {
		uint64_t ctx = (off - OFF_CONTEXT) / CONTEXT_STRIDE;
		uint64_t reg = (off - OFF_CONTEXT) % CONTEXT_STRIDE;

		if (ctx < p->nctx && reg == 0) {
			v = p->ctx[ctx].threshold;
		} else if (ctx < p->nctx && reg == 4) {
			v = claim(p, &p->ctx[ctx]);
			update(p);
		}
	}
	pthread_mutex_unlock(&p->lock);
	return v;
}

static void plic_write(void *opaque, uint64_t off, uint64_t val64,
		       unsigned size)
{
	struct plic *p = opaque;
	uint32_t val = val64;

	pthread_mutex_lock(&p->lock);
	if (off < OFF_PENDING) {
		/* Source 0 does not exist: its priority stays 0. */
		if (off / 4 < NSRC && off / 4 != 0)
			p->priority[off / 4] = val & PRIO_MASK;
	} else if (off < OFF_ENABLE) {
		/* Pending bits are read-only: gateways and claims set them. */
	} else if (off < OFF_CONTEXT) {
		uint64_t ctx = (off - OFF_ENABLE) / ENABLE_STRIDE;
		uint64_t w = (off - OFF_ENABLE) % ENABLE_STRIDE / 4;

		if (ctx < p->nctx && w < WORDS) {
			if (w == 0)
				val &= ~1U;
			if (w == WORDS - 1 && NSRC % 32)
				val &= (1U << (NSRC % 32)) - 1;
			p->ctx[ctx].enable[w] = val;
		}
	} else {
		uint64_t ctx = (off - OFF_CONTEXT) / CONTEXT_STRIDE;
		uint64_t reg = (off - OFF_CONTEXT) % CONTEXT_STRIDE;

		if (ctx < p->nctx && reg == 0)
			p->ctx[ctx].threshold = val & PRIO_MASK;
		else if (ctx < p->nctx && reg == 4)
			complete(p, &p->ctx[ctx], val);
	}
	update(p);
	pthread_mutex_unlock(&p->lock);
}

static const struct bus_dev_ops plic_ops = {
	.read = plic_read,
	.write = plic_write,
	.min_size = 4,
	.max_size = 4,
};

void plic_reset(struct plic *p)
{
	unsigned i, src;

	pthread_mutex_lock(&p->lock);
	memset(p->priority, 0, sizeof(p->priority));
	memset(p->pending, 0, sizeof(p->pending));
	memset(p->claimed, 0, sizeof(p->claimed));
	for (src = 1; src < NSRC; src++)
		gateway(p, src);
	for (i = 0; i < p->nctx; i++) {
		struct plic_ctx *c = &p->ctx[i];

		memset(c->enable, 0, sizeof(c->enable));
		c->threshold = 0;
		c->level = 0;
		irq_set(&c->out, 0);
	}
	pthread_mutex_unlock(&p->lock);
}

int plic_create(struct plic **out, uint64_t base, unsigned nharts,
		const struct irq_line *ctx_out)
{
	struct plic *p;
	unsigned i;
	int err;

	if (nharts == 0 || nharts > PLIC_MAX_HARTS)
		return -EINVAL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->nharts = nharts;
	p->nctx = 2 * nharts;
	p->ctx = calloc(p->nctx, sizeof(*p->ctx));
	if (!p->ctx) {
		err = -ENOMEM;
		goto err_free;
	}
	err = -pthread_mutex_init(&p->lock, NULL);
	if (err)
		goto err_ctx;
	for (i = 0; i < p->nctx; i++)
		p->ctx[i].out = ctx_out[i];
	p->dev = (struct bus_dev){
		.base = base,
		.len = PLIC_SIZE,
		.name = "plic",
		.ops = &plic_ops,
		.opaque = p,
	};
	*out = p;
	return 0;

err_ctx:
	free(p->ctx);
err_free:
	free(p);
	return err;
}

void plic_destroy(struct plic *p)
{
	if (!p)
		return;
	pthread_mutex_destroy(&p->lock);
	free(p->ctx);
	free(p);
}

enum {
	PLIC_REC_VERSION = 1,
	K_NCTX = 1,
	K_PRIORITY,
	K_PENDING,
	K_CLAIMED,
	K_INPUT,
	K_ENABLE,    /* WORDS words a context */
	K_THRESHOLD, /* one byte a context */
	K_LEVEL,     /* one byte a context */
};

static void words_le(uint32_t *dst, const uint32_t *src, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = htole32(src[i]);
}

static void words_host(uint32_t *dst, const uint32_t *src, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = le32toh(src[i]);
}

int plic_save(struct plic *p, struct rec_writer *w)
{
	uint32_t bits[3][WORDS];
	uint32_t *enable = calloc(p->nctx, sizeof(bits[0]));
	uint8_t *thr = calloc(p->nctx, 2);
	unsigned i;

	if (!enable || !thr) {
		free(enable);
		free(thr);
		return -ENOMEM;
	}
	pthread_mutex_lock(&p->lock);
	words_le(bits[0], p->pending, WORDS);
	words_le(bits[1], p->claimed, WORDS);
	words_le(bits[2], p->input, WORDS);
	for (i = 0; i < p->nctx; i++) {
		words_le(enable + i * WORDS, p->ctx[i].enable, WORDS);
		thr[i] = p->ctx[i].threshold;
		thr[p->nctx + i] = p->ctx[i].level;
	}
	rec_begin(w, "plic", PLIC_REC_VERSION);
	rec_u64(w, K_NCTX, p->nctx);
	rec_bytes(w, K_PRIORITY, p->priority, sizeof(p->priority));
	rec_bytes(w, K_PENDING, bits[0], sizeof(bits[0]));
	rec_bytes(w, K_CLAIMED, bits[1], sizeof(bits[1]));
	rec_bytes(w, K_INPUT, bits[2], sizeof(bits[2]));
	rec_bytes(w, K_ENABLE, enable, p->nctx * sizeof(bits[0]));
	rec_bytes(w, K_THRESHOLD, thr, p->nctx);
	rec_bytes(w, K_LEVEL, thr + p->nctx, p->nctx);
	pthread_mutex_unlock(&p->lock);
	free(enable);
	free(thr);
	return rec_end(w);
}

int plic_load(struct plic *p, struct rec_reader *r)
{
	uint32_t bits[3][WORDS];
	uint8_t prio[NSRC];
	uint32_t *enable = calloc(p->nctx, sizeof(bits[0]));
	uint8_t *thr = calloc(p->nctx, 2);
	uint64_t nctx;
	struct rec rec;
	unsigned i;
	int ret = -ENOMEM;

	if (!enable || !thr)
		goto out;
	ret = rec_next(r, "plic", PLIC_REC_VERSION, &rec);
	ret = ret ?: rec_get_u64(&rec, K_NCTX, &nctx);
	if (!ret && nctx != p->nctx)
		ret = rec_fail(&rec, "saved with %llu contexts, not %u",
			       (unsigned long long)nctx, p->nctx);
	ret = ret ?: rec_get_bytes(&rec, K_PRIORITY, prio, sizeof(prio));
	ret = ret ?: rec_get_bytes(&rec, K_PENDING, bits[0], sizeof(bits[0]));
	ret = ret ?: rec_get_bytes(&rec, K_CLAIMED, bits[1], sizeof(bits[1]));
	ret = ret ?: rec_get_bytes(&rec, K_INPUT, bits[2], sizeof(bits[2]));
	ret = ret
		      ?: rec_get_bytes(&rec, K_ENABLE, enable,
				       p->nctx * sizeof(bits[0]));
	ret = ret ?: rec_get_bytes(&rec, K_THRESHOLD, thr, p->nctx);
	ret = ret ?: rec_get_bytes(&rec, K_LEVEL, thr + p->nctx, p->nctx);
	if (ret)
		goto out;
	pthread_mutex_lock(&p->lock);
	for (i = 0; i < NSRC; i++)
		p->priority[i] = i ? prio[i] & PRIO_MASK : 0;
	words_host(p->pending, bits[0], WORDS);
	words_host(p->claimed, bits[1], WORDS);
	words_host(p->input, bits[2], WORDS);
	for (i = 0; i < p->nctx; i++) {
		struct plic_ctx *c = &p->ctx[i];

		words_host(c->enable, enable + i * WORDS, WORDS);
		c->threshold = thr[i] & PRIO_MASK;
		c->level = thr[p->nctx + i] != 0;
		irq_set(&c->out, c->level);
	}
	pthread_mutex_unlock(&p->lock);
out:
	free(enable);
	free(thr);
	return ret;
}

const struct bus_dev *plic_bus_dev(struct plic *p)
{
	return &p->dev;
}

int plic_fdt(struct plic *p, void *fdt, int parent, uint32_t phandle,
	     const uint32_t *intc_phandles)
{
	static const char compat[] = "sifive,plic-1.0.0\0riscv,plic0";
	fdt32_t *cells;
	unsigned h;
	int node, err;

	cells = calloc(4 * p->nharts, sizeof(*cells));
	if (!cells)
		return -ENOMEM;
	for (h = 0; h < p->nharts; h++) {
		cells[4 * h + 0] = cpu_to_fdt32(intc_phandles[h]);
		cells[4 * h + 1] = cpu_to_fdt32(11); /* MEIP: context 2h */
		cells[4 * h + 2] = cpu_to_fdt32(intc_phandles[h]);
		cells[4 * h + 3] = cpu_to_fdt32(9); /* SEIP: context 2h+1 */
	}
	node = devfdt_node(fdt, parent, "plic", p->dev.base);
	if (node < 0) {
		err = node;
		goto out;
	}
	err = fdt_setprop_u32(fdt, node, "phandle", phandle);
	if (!err)
		err = fdt_setprop_u32(fdt, node, "riscv,ndev", PLIC_NDEV);
	if (!err)
		err = devfdt_reg(fdt, node, p->dev.base, p->dev.len);
	if (!err)
		err = fdt_setprop(fdt, node, "interrupts-extended", cells,
				  4 * p->nharts * sizeof(*cells));
	if (!err)
		err = fdt_setprop_empty(fdt, node, "interrupt-controller");
	if (!err)
		err = fdt_setprop(fdt, node, "compatible", compat,
				  sizeof(compat));
	if (!err)
		err = fdt_setprop_u32(fdt, node, "#address-cells", 0);
	if (!err)
		err = fdt_setprop_u32(fdt, node, "#interrupt-cells", 1);
out:
	free(cells);
	return devfdt_err(err);
}
