/*
 * An armed supervisor timer interrupt is taken while the hart does
 * nothing but SBI calls (Sstc's stimecmp, then the SBI TIME extension):
 * the timer fires 1 ms after it is armed, however often the hart leaves
 * for the SBI. Up to 30 million calls each.
 */
#include "sbi.h"

#define STIE (1ul << 5)
#define SIE (1ul << 1)
#define CALLS 30000000ul

static volatile unsigned long ticks;

void s_trap(unsigned long cause)
{
	if (cause != (1ul << 63 | 5))
		fail("unexpected trap");
	ticks++;
	/* Disarm both ways of arming. */
	csr_write(0x14d, -1ul);
	sbi_call(SBI_EXT_TIME, 0, -1l, 0, 0);
}

static unsigned long calls_until_tick(void)
{
	unsigned long i;

	for (i = 0; i < CALLS && !ticks; i++)
		sbi_call(0x10, 0, 0, 0, 0); /* base: get_spec_version */
	return i;
}

void secondary_main(long hartid, long opaque)
{
}

void boot_main(long boot)
{
	unsigned long n;

	csr_write(sie, STIE);
	csr_set(sstatus, SIE);
	/* Sstc: 10 ms of mtime at the 10 MHz timebase would do; 1 ms. */
	csr_write(0x14d, csr_read(time) + 10000);
	n = calls_until_tick();
	if (!ticks)
		fail("stimecmp: no timer interrupt after 30M SBI calls");
	puts_("stimecmp: interrupt after ");
	put_dec(n);
	puts_(" calls\n");
	ticks = 0;
	sbi_call(SBI_EXT_TIME, 0, (long)(csr_read(time) + 10000), 0, 0);
	n = calls_until_tick();
	if (!ticks)
		fail("sbi set_timer: no timer interrupt after 30M SBI calls");
	puts_("set_timer: interrupt after ");
	put_dec(n);
	puts_(" calls\n");
	pass("stimer-ecall");
}
