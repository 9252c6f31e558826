/* SPDX-License-Identifier: MIT */
/*
 * The platform-level interrupt controller, laid out as on QEMU's virt
 * board: 95 sources (1..95), priorities 0..7, two contexts a hart (context
 * 2h is hart h's M-mode external interrupt, 2h+1 its S-mode one).
 */
#ifndef HVRUN_PLIC_H
#define HVRUN_PLIC_H

#include <stdint.h>

#include "devices/bus.h"
#include "devices/irq.h"

#define PLIC_SIZE 0x600000
#define PLIC_NDEV 95
#define PLIC_MAX_HARTS 512 /* 0x1000 bytes of context registers each */

struct plic;
struct rec_writer;
struct rec_reader;

/*
 * @ctx_out holds 2 * @nharts lines, one a context (copied): the machine
 * connects context 2h to hart h's MEIP and 2h+1 to its SEIP.
 */
int plic_create(struct plic **out, uint64_t base, unsigned nharts,
		const struct irq_line *ctx_out);
/*
 * Its state as one record "plic" (base/record.h): priorities, pending,
 * claimed and input bits, each context's enables and threshold. Loading
 * drives each context's line to its saved level. 0, -errno, -EPROTO
 * with the reader's error set.
 */
int plic_save(struct plic *p, struct rec_writer *w);
int plic_load(struct plic *p, struct rec_reader *r);
void plic_destroy(struct plic *p);
void plic_reset(struct plic *p);
const struct bus_dev *plic_bus_dev(struct plic *p);

/*
 * A source's input level, as an irq_line's set(): @opaque is the plic,
 * @src 1..PLIC_NDEV. Any thread.
 */
void plic_set_irq(void *opaque, unsigned src, int level);
/* The line a device holds to drive source @src. */
struct irq_line plic_irq_line(struct plic *p, unsigned src);

/*
 * Adds plic@base below @parent with @phandle; @intc_phandles[h] is hart h's
 * interrupt-controller node.
 */
int plic_fdt(struct plic *p, void *fdt, int parent, uint32_t phandle,
	     const uint32_t *intc_phandles);

#endif
