/*
 * SBI HSM hart_suspend (SBI specification, "Hart State Management
 * Extension"): a started hart suspends, retentive then non-retentive;
 * while it sleeps another hart reads its state as SUSPENDED, then wakes it
 * with an IPI. The retentive suspend returns 0 to its caller; the
 * non-retentive one resumes at resume_addr with a0 = hartid and a1 =
 * opaque. The same program runs on hvrun's built-in SBI and on OpenSBI.
 */
#include "sbi.h"

#define SSIP (1ul << 1)
#define WAIT 200000000ul

static volatile long target = -1;
static volatile unsigned long step;
static volatile long resumed_a0 = -1, resumed_a1;

void s_trap(unsigned long cause)
{
	fail("unexpected trap");
}

static void wait_status(long hart, long want, const char *what)
{
	for (unsigned long i = 0; i < WAIT; i++)
		if (sbi_call(SBI_EXT_HSM, 2, hart, 0, 0).value == want)
			return;
	fail(what);
}

static void wait_step(unsigned long want, const char *what)
{
	for (unsigned long i = 0; i < WAIT; i++)
		if (step >= want)
			return;
	fail(what);
}

void secondary_main(long hartid, long opaque)
{
	struct sbiret r;

	if (opaque == 0x1234) {
		/* The non-retentive resume. */
		resumed_a0 = hartid;
		resumed_a1 = opaque;
		step = 3;
		sbi_call(SBI_EXT_HSM, 1, 0, 0, 0); /* hart_stop */
		fail("hart_stop returned");
	}
	/* Woken by an IPI: SSIE on, interrupts globally off. */
	csr_write(sie, SSIP);
	csr_clear(sstatus, 2ul);
	step = 1;
	r = sbi_call(SBI_EXT_HSM, 3, 0, 0, 0); /* retentive */
	if (r.error)
		fail("retentive suspend returned an error");
	csr_clear(sip, SSIP);
	step = 2;
	sbi_call(SBI_EXT_HSM, 3, 0x80000000, (long)secondary_entry, 0x1234);
	fail("non-retentive suspend returned");
}

void boot_main(long boot)
{
	for (long h = 0; h < 8 && target < 0; h++)
		if (h != boot &&
		    !sbi_call(SBI_EXT_HSM, 0, h, (long)secondary_entry, 0)
			     .error)
			target = h;
	if (target < 0)
		fail("no second hart to start");
	wait_step(1, "the second hart did not start");
	wait_status(target, HSM_SUSPENDED, "retentive: never SUSPENDED");
	sbi_call(SBI_EXT_IPI, 0, 1ul << target, 0, 0);
	wait_step(2, "retentive: the IPI did not wake it");
	wait_status(target, HSM_SUSPENDED, "non-retentive: never SUSPENDED");
	sbi_call(SBI_EXT_IPI, 0, 1ul << target, 0, 0);
	wait_step(3, "non-retentive: the IPI did not wake it");
	if (resumed_a0 != target || resumed_a1 != 0x1234)
		fail("non-retentive: wrong a0/a1 at resume_addr");
	pass("hsm-suspend");
}
