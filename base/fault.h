/* SPDX-License-Identifier: MIT */
/*
 * Synchronous SIGSEGV and SIGBUS: faults hvrun provokes on purpose (host
 * pages mapped on demand) are claimed and resumed; any other one is
 * fatal, after the last words registered here (the terminal put back).
 *
 * A signal handler has only static storage to find its state in, so the
 * claim and the last words live here, one of each for the process.
 */
#ifndef HVRUN_BASE_FAULT_H
#define HVRUN_BASE_FAULT_H

#include <signal.h>
#include <stdbool.h>

/*
 * Called in the handler of a SIGSEGV, in the faulting thread: true when
 * the fault was expected and dealt with (the context, @uc, may have been
 * changed to go on elsewhere), false to let it be fatal.
 */
typedef bool (*fault_claim_fn)(const siginfo_t *si, void *uc);

/* Installs the handlers (once) and @fn as the claim; 0 or -errno. */
int fault_set_claim(fault_claim_fn fn);
/* Installs the handlers (once); @fn runs before a fatal fault goes on. */
int fault_set_last_words(void (*fn)(void));

#endif
