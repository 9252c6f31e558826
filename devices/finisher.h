/* SPDX-License-Identifier: MIT */
/*
 * The test finisher ("sifive,test1"): one register the guest writes to
 * power off (with an exit code) or reboot. It reports to its owner and
 * leaves the deciding to it.
 */
#ifndef HVRUN_FINISHER_H
#define HVRUN_FINISHER_H

#include <stdint.h>

#include "devices/bus.h"

#define FINISHER_SIZE 0x1000

enum finisher_kind {
	FINISHER_PASS,	/* power off, exit code 0 */
	FINISHER_FAIL,	/* power off with @code */
	FINISHER_RESET, /* reboot */
};

struct finisher;
struct rec_writer;
struct rec_reader;

/* @fn runs on the vCPU thread that wrote the register. */
int finisher_create(struct finisher **out, uint64_t base,
		    void (*fn)(void *opaque, enum finisher_kind kind, int code),
		    void *opaque);
/* An empty record "finisher": it has no state, but every device saves. */
int finisher_save(struct finisher *f, struct rec_writer *w);
int finisher_load(struct finisher *f, struct rec_reader *r);
void finisher_destroy(struct finisher *f);
void finisher_reset(struct finisher *f);
const struct bus_dev *finisher_bus_dev(struct finisher *f);
/*
 * Adds test@base below @parent with @phandle, and the /poweroff and
 * /reboot syscon nodes that point Linux at it. Adding nodes to the root
 * moves the root's other children: offsets of nodes taken before this
 * call (such as /soc's) are stale after it; look them up again.
 */
int finisher_fdt(struct finisher *f, void *fdt, int parent, uint32_t phandle);

#endif
