// SPDX-License-Identifier: MIT
#include "base/fault.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

static const int fault_signals[] = {SIGSEGV, SIGBUS};
#define FAULT_NSIG (sizeof(fault_signals) / sizeof(fault_signals[0]))

static struct {
	pthread_once_t once;
	int err;
	_Atomic(fault_claim_fn) claim;
	void (*_Atomic last_words)(void);
	struct sigaction old[FAULT_NSIG];
} fault = {.once = PTHREAD_ONCE_INIT};

static void fault_handler(int sig, siginfo_t *si, void *uc)
{
	int saved_errno = errno;
	fault_claim_fn claim = atomic_load(&fault.claim);
	void (*last)(void) = atomic_load(&fault.last_words);
	unsigned i = sig == SIGSEGV ? 0 : 1;

	if (sig == SIGSEGV && claim && claim(si, uc)) {
		errno = saved_errno;
		return;
	}
	if (last)
		last();
	/*
	 * What was there before decides: a handler of its own (a
	 * sanitizer's), or the default, which the faulting instruction
	 * meets again when this returns.
	 */
	sigaction(sig, &fault.old[i], NULL);
	if ((fault.old[i].sa_flags & SA_SIGINFO) && fault.old[i].sa_sigaction)
		fault.old[i].sa_sigaction(sig, si, uc);
	else if (fault.old[i].sa_handler != SIG_DFL &&
		 fault.old[i].sa_handler != SIG_IGN)
		fault.old[i].sa_handler(sig);
	errno = saved_errno;
}

static void install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fault_handler;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	for (unsigned i = 0; i < FAULT_NSIG; i++)
		if (sigaction(fault_signals[i], &sa, &fault.old[i]))
			fault.err = -errno;
}

int fault_set_claim(fault_claim_fn fn)
{
	pthread_once(&fault.once, install);
	atomic_store(&fault.claim, fn);
	return fault.err;
}

int fault_set_last_words(void (*fn)(void))
{
	pthread_once(&fault.once, install);
	atomic_store(&fault.last_words, fn);
	return fault.err;
}
