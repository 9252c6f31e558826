/* SPDX-License-Identifier: MIT */
/*
 * HTIF, the host-target interface of the Spike simulator, as bare-metal
 * test programs use it: a 64-bit word written to `tohost` holds a device
 * (bits 63:56), a command (55:48) and a payload (47:0); hvrun answers
 * through `fromhost` in the same layout.
 *
 *   device 0, command 0, payload odd: the program exits; payload 1 is a
 *     pass (status 0), any other payload p a failure of test p >> 1
 *     (status p >> 1, at most 255, and a line on stderr).
 *   device 0, command 0, payload even: a system call through memory, as
 *     Spike's front end proxies them: the payload is the address of eight
 *     64-bit words (the call's number, its arguments), whose first gets
 *     the result; replies 1. write (64) to fd 1 or 2 goes to the console,
 *     exit (93) ends the program as above; others return -ENOSYS (and a
 *     line on stderr the first time).
 *   device 1, command 1: putchar of the payload's low byte to the console;
 *     replies 0x100 | byte.
 *   device 1, command 0: getchar; replies 0x100 | byte when console input
 *     is waiting. Otherwise there is no reply: the request is dropped and
 *     the program may ask again (Spike would hold it until a key comes).
 *   anything else: ignored, no reply.
 */
#ifndef HVRUN_HTIF_H
#define HVRUN_HTIF_H

#include <stdint.h>

#include "accel/accel.h"

struct vm;
struct vcpu;

#define HTIF_DEV(v) ((v) >> 56)
#define HTIF_CMD(v) (((v) >> 48) & 0xff)
#define HTIF_PAYLOAD(v) ((v)&0xffffffffffffULL)
#define HTIF_WORD(dev, cmd, payload)                     \
	((uint64_t)(dev) << 56 | (uint64_t)(cmd) << 48 | \
	 ((payload)&0xffffffffffffULL))

/* Serves an ACCEL_EXIT_HTIF exit on @v's thread; sets the reply. */
void htif_handle(struct vm *vm, struct vcpu *v, struct accel_exit *e);

#endif
