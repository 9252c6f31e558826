/* SPDX-License-Identifier: MIT */
/*
 * The wire format between hvrun and its guest agent, over the
 * virtio-console port named AGENT_PORT_NAME. Both sides include this
 * file; it needs nothing but <stdint.h>.
 *
 * A frame is an 8-byte header, then len bytes of payload:
 *   u8 type, u8 0, u8 0, u8 0, u32 len (little-endian), payload
 *
 * hvrun sends RUN as soon as the agent opens the port, then the
 * command's standard input as STDIN frames; an empty STDIN is its end.
 * The agent sends the command's output as STDOUT and STDERR frames as it
 * comes, then EXIT with its status once it has ended and the guest's
 * file systems are synced. ERROR says why the command could not be run.
 */
#ifndef HVRUN_AGENT_PROTO_H
#define HVRUN_AGENT_PROTO_H

#include <stdint.h>

#define AGENT_PORT_NAME "org.hvrun.agent.0"
/* Where hvrun puts the agent in the initramfs, and what rdinit names. */
#define AGENT_PATH "/.hvrun-agent"
/* The kernel parameter (an environment variable of init) naming the
 * init the agent starts: rdinit= as the user gave it, or /init. */
#define AGENT_INIT_VAR "hvrun_init"

#define AGENT_HDR 8
#define AGENT_MAX_PAYLOAD (64 * 1024)

enum agent_frame {
	/* hvrun -> agent */
	AGENT_RUN = 1,	 /* "key=value\0" strings, see below */
	AGENT_STDIN = 2, /* bytes; empty: end of input */
	/* agent -> hvrun */
	AGENT_STDOUT = 16,
	AGENT_STDERR = 17,
	AGENT_EXIT = 18,  /* u32 status, 0 to 255 */
	AGENT_ERROR = 19, /* text */
};

/*
 * RUN's strings:
 *   v=1          the protocol version
 *   cmd=TEXT     run with /bin/sh -c TEXT
 *   cwd=DIR      its working directory
 *   mount=TAG    mount the 9p share TAG at /mnt/TAG first
 *   mount-ro=TAG the same, read-only
 */
#define AGENT_VERSION 1

static inline void agent_put_hdr(uint8_t *h, unsigned type, uint32_t len)
{
	h[0] = (uint8_t)type;
	h[1] = h[2] = h[3] = 0;
	h[4] = (uint8_t)len;
	h[5] = (uint8_t)(len >> 8);
	h[6] = (uint8_t)(len >> 16);
	h[7] = (uint8_t)(len >> 24);
}

static inline uint32_t agent_hdr_len(const uint8_t *h)
{
	return (uint32_t)h[4] | (uint32_t)h[5] << 8 | (uint32_t)h[6] << 16 |
	       (uint32_t)h[7] << 24;
}

#endif
