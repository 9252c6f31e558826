/* SPDX-License-Identifier: MIT */
/*
 * The guest's timebase: mtime counts host CLOCK_MONOTONIC at 10 MHz from
 * an origin taken when the VM starts. Shared by the ACLINT, the hart's
 * time CSR and Sstc, so all of them agree.
 */
#ifndef HVRUN_CLOCK_H
#define HVRUN_CLOCK_H

#include <stdint.h>
#include <time.h>

#define CLOCK_TIMEBASE_HZ 10000000ULL
#define CLOCK_NS_PER_TICK (1000000000ULL / CLOCK_TIMEBASE_HZ)

static inline uint64_t clock_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* mtime now. */
static inline uint64_t clock_ticks(uint64_t origin_ns)
{
	return (clock_now_ns() - origin_ns) / CLOCK_NS_PER_TICK;
}

/* The host time at which mtime reaches @ticks; saturates far ahead. */
static inline uint64_t clock_deadline_ns(uint64_t origin_ns, uint64_t ticks)
{
	if (ticks > (UINT64_MAX - origin_ns) / CLOCK_NS_PER_TICK)
		return UINT64_MAX;
	return origin_ns + ticks * CLOCK_NS_PER_TICK;
}

#endif
