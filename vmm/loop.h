/* SPDX-License-Identifier: MIT */
/*
 * The main thread's event loop: libuv underneath, plus one way for any
 * other thread to hand it work (loop_post). Nothing here ticks: the loop
 * sleeps until a descriptor, a timer or a post wakes it.
 */
#ifndef HVRUN_LOOP_H
#define HVRUN_LOOP_H

#include <pthread.h>
#include <stdbool.h>
#include <uv.h>

struct loop_work;

struct loop {
	uv_loop_t uv;
	uv_async_t wake;
	pthread_mutex_t lock;
	/* Posted work, oldest first; guarded by @lock. */
	struct loop_work *head, *tail;
	bool stop; /* guarded by @lock */
	bool ready;
};

int loop_init(struct loop *l);
/* Runs on the calling (main) thread until loop_stop(); 0 or -errno. */
int loop_run(struct loop *l);
/*
 * Any thread: run @fn(@arg) on the loop's thread soon. Work posted by one
 * thread runs in the order it was posted. Returns 0 or -ENOMEM.
 */
int loop_post(struct loop *l, void (*fn)(void *), void *arg);
/* Any thread: make loop_run() return once the work posted so far ran. */
void loop_stop(struct loop *l);
uv_loop_t *loop_uv(struct loop *l);
/* Closes the loop's own handles; others must have closed theirs. */
void loop_destroy(struct loop *l);

#endif
