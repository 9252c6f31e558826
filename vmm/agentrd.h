/* SPDX-License-Identifier: MIT */
/*
 * What `--run` changes in the guest's boot: hvrun's guest agent goes in
 * as a second cpio archive after the initrd (Linux unpacks every archive
 * of a concatenation), and the kernel command line starts it as init
 * (rdinit=); the agent starts the guest's own init in turn.
 */
#ifndef HVRUN_AGENTRD_H
#define HVRUN_AGENTRD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Finds the agent hvrun was built and installed with: $HVRUN_AGENT, else
 * beside the program (the build folder), else its lib/hvrun folder. 0 and
 * the path in @path, or -ENOENT after one line saying what to install.
 */
int agentrd_find(char *path, size_t len);

/*
 * A "newc" cpio archive (the format initramfs takes) holding the agent
 * at AGENT_PATH, padded to 4 bytes: *@out (free() it) and its length.
 */
int agentrd_archive(const char *agent, uint8_t **out, size_t *len);

/*
 * The kernel command line for --run from the user's @append (NULL: none;
 * @console names the console device): rdinit= names the agent, and the
 * init the user's rdinit= named (or /init) is passed on to it. NULL when
 * out of memory; free() it.
 */
char *agentrd_cmdline(const char *append, const char *console, bool quiet);

#endif
