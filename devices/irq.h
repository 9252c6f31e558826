/* SPDX-License-Identifier: MIT */
/*
 * An interrupt line: what a device holds and raises. The sink (the PLIC, or
 * a hart's local interrupt through the accelerator) decides what a level
 * means. set() may be called from any thread.
 */
#ifndef HVRUN_IRQ_H
#define HVRUN_IRQ_H

struct irq_line {
	void (*set)(void *opaque, unsigned line, int level);
	void *opaque;
	unsigned line;
};

static inline void irq_set(const struct irq_line *l, int level)
{
	if (l->set)
		l->set(l->opaque, l->line, level);
}

#endif
