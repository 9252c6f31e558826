/* SPDX-License-Identifier: MIT */
/* What every accelerator shares: the hart state record. */
#include "accel/accel.h"

#include <errno.h>

int accel_state_put(struct accel_hart_state *st, uint32_t id, uint64_t val)
{
	for (uint32_t i = 0; i < st->count; i++) {
		if (st->regs[i].id == id) {
			st->regs[i].val = val;
			return 0;
		}
	}
	if (st->count >= ACCEL_STATE_MAX)
		return -ENOSPC;
	st->regs[st->count].id = id;
	st->regs[st->count].pad = 0;
	st->regs[st->count].val = val;
	st->count++;
	return 0;
}

int accel_state_get(const struct accel_hart_state *st, uint32_t id,
		    uint64_t *val)
{
	for (uint32_t i = 0; i < st->count && i < ACCEL_STATE_MAX; i++) {
		if (st->regs[i].id == id) {
			*val = st->regs[i].val;
			return 0;
		}
	}
	return -ENOENT;
}
