/* SPDX-License-Identifier: MIT */
/*
 * The main thread's event loop: libuv underneath, plus one way for any
 * other thread to hand it work (loop_post). Nothing here ticks: the loop
 * sleeps until a descriptor, a timer or a post wakes it.
 */
#ifndef HVRUN_LOOP_H
#define HVRUN_LOOP_H

/*
 * Callers hold a struct loop by value; what is inside, libuv included,
 * stays in loop.c, so that only the loop, net/ and ui/ see libuv.
 */
struct loop_impl;
struct loop {
	struct loop_impl *impl; /* NULL until loop_init() */
};

int loop_init(struct loop *l);
/* Runs on the calling (main) thread until loop_stop(); 0 or -errno. */
int loop_run(struct loop *l);
/*
 * Any thread: run @fn(@arg) on the loop's thread soon. Work posted by one
 * thread runs in the order it was posted. Returns 0 or -ENOMEM.
 */
int loop_post(struct loop *l, void (*fn)(void *), void *arg);
/*
 * Main thread, before loop_run(): call @fn(@arg) on the loop's thread
 * each time @fd becomes readable, until loop_destroy(). @fn reads what
 * made it readable (an eventfd's counter). 0 or -errno.
 */
int loop_watch_fd(struct loop *l, int fd, void (*fn)(void *), void *arg);
/* Any thread: make loop_run() return once the work posted so far ran. */
void loop_stop(struct loop *l);
/*
 * Loop thread: run @fn(@arg) on the loop's thread when the process gets
 * signal @signum (instead of its default action), until loop_destroy.
 */
int loop_on_signal(struct loop *l, int signum, void (*fn)(void *), void *arg);
struct uv_loop_s; /* uv_loop_t, for net/ and ui/, which include <uv.h> */
struct uv_loop_s *loop_uv(struct loop *l);
/* Closes the loop's own handles; others must have closed theirs. */
void loop_destroy(struct loop *l);

#endif
