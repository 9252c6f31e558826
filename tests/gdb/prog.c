/*
 * A bare-metal program for the debugger to walk through (tests/gdb):
 * hart 0 adds, counts and exits with the value of `result`, which the
 * debugger changes on its way; hart 1 counts `ticks` for ever, so that a
 * stop of every hart can be seen. With `spin` set, hart 0 loops until it
 * is cleared.
 */
#include <stdint.h>

extern volatile uint64_t tohost;

volatile long counter;
volatile long result = 1;
volatile long spin, spins;
volatile unsigned long ticks;
long values[4];
double scale = 2.5;

__attribute__((noinline)) long add(long a, long b)
{
	long sum = a + b;

	return sum;
}

__attribute__((noinline)) void bump(void)
{
	counter = counter + 1;
}

/* HTIF: bit 0 set ends the program with the rest as its exit status. */
__attribute__((noreturn)) void finish(long code)
{
	tohost = (uint64_t)code << 1 | 1;
	for (;;)
		;
}

__attribute__((noreturn)) void worker(void)
{
	for (;;)
		ticks++;
}

long main(void)
{
	while (spin)
		spins++;
	for (int i = 0; i < 4; i++)
		values[i] = add(i, 10) * (long)scale;
	bump();
	bump();
	return result;
}
