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

/*
 * A serial job, for a device that serves its queue on the pool: after
 * worker_serial_kick(), @run(@arg) runs on a pool thread, never two at
 * once; kicks that come while it runs make it run once more. The job
 * outlives its owner while it is on its way to the pool, so destroying
 * it is safe at any time.
 */
struct worker_serial;

int worker_serial_create(struct worker_serial **out, struct loop *l,
			 void (*run)(void *arg), void *arg);
/* Any thread. */
void worker_serial_kick(struct worker_serial *s);
/*
 * Waits until @run is not running, then calls @fn(@arg) (may be NULL)
 * before another run can start: a device reset.
 */
void worker_serial_quiesce(struct worker_serial *s, void (*fn)(void *arg),
			   void *arg);
/* Waits for a running @run; none starts afterwards. */
void worker_serial_destroy(struct worker_serial *s);

#endif
