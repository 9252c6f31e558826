/* SPDX-License-Identifier: MIT */
/*
 * Work for the loop's thread pool, without libuv in sight: devices include
 * this header instead of vmm/loop.h, so slow I/O leaves the vCPU threads
 * while <uv.h> stays out of devices/.
 */
#ifndef HVRUN_WORKER_H
#define HVRUN_WORKER_H

struct loop;

/*
 * Any thread: run @work(@arg) on a pool thread, then @done(@arg) (which
 * may be NULL) on the loop's thread. Returns 0 or -ENOMEM; nothing runs
 * once the loop has stopped.
 */
int worker_submit(struct loop *l, void (*work)(void *arg),
		  void (*done)(void *arg), void *arg);

/* Any thread: run @fn(@arg) on the loop's thread soon; 0 or -ENOMEM. */
int worker_post(struct loop *l, void (*fn)(void *arg), void *arg);

#endif
