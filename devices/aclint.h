/* SPDX-License-Identifier: MIT */
/*
 * The core-local interruptor in SiFive's CLINT layout (an ACLINT MSWI and
 * MTIMER pair at the addresses QEMU's virt board uses): msip, mtimecmp
 * and mtime. Only the emulated hart needs it: M-mode firmware sees it.
 */
#ifndef HVRUN_ACLINT_H
#define HVRUN_ACLINT_H

#include <stdint.h>

#include "devices/bus.h"
#include "devices/irq.h"

#define ACLINT_SIZE 0x10000
#define ACLINT_MAX_HARTS 4095

struct aclint;
struct timer_service;
struct rec_writer;
struct rec_reader;

/*
 * @msip and @mtip hold @nharts lines each (copied), to each hart's MSIP
 * and MTIP. mtime is clock_ticks(@clock_origin_ns) (vmm/clock.h) plus
 * whatever the guest's writes to mtime add. MTIP is raised from a timer
 * on @ts.
 */
int aclint_create(struct aclint **out, uint64_t base, unsigned nharts,
		  uint64_t clock_origin_ns, struct timer_service *ts,
		  const struct irq_line *msip, const struct irq_line *mtip);
void aclint_destroy(struct aclint *a);
void aclint_reset(struct aclint *a);
const struct bus_dev *aclint_bus_dev(struct aclint *a);
/*
 * Its state as one record "aclint" (base/record.h): msip and mtimecmp of
 * each hart and what guest writes added to mtime. mtime itself follows
 * the clock origin, which a restore moves so that time goes on from the
 * saved moment: loading takes the new origin (what mtime counts from),
 * drives the lines and arms the timers. 0, -errno, -EPROTO with the
 * reader's error set.
 */
int aclint_save(struct aclint *a, struct rec_writer *w);
int aclint_load(struct aclint *a, struct rec_reader *r,
		uint64_t clock_origin_ns);
/* Adds clint@base below @parent; @intc_phandles[h] is hart h's intc. */
int aclint_fdt(struct aclint *a, void *fdt, int parent,
	       const uint32_t *intc_phandles);

#endif
