/*
 * HTIF (tohost/fromhost, as Spike's front-end server speaks it): random
 * devices, commands and payloads, of every store width, and writes to
 * fromhost. Only device 0 command 0 with bit 0 set ends the program, so
 * that one is kept out (a partial store leaves the rest of the word 0,
 * device 0 command 0, so its bit 0 is kept clear too). The console must
 * still print and the exit work.
 */
#include "hostile.h"

#ifndef ITER
#define ITER 300000UL
#endif

extern volatile uint64_t tohost, fromhost;

int main(void)
{
	uint64_t s = 0x0123456789abcdefULL;

	for (unsigned long i = 0; i < ITER; i++) {
		uint64_t r = rnd(&s), v = rnd(&s);
		unsigned dev = (r & 3) ? r >> 8 & 3 : r >> 8 & 0xff;
		unsigned cmd = (r & 12) ? r >> 16 & 3 : r >> 16 & 0xff;

		v = ((uint64_t)dev << 56) | ((uint64_t)cmd << 48) |
		    (v & 0xffffffffffffULL);
		if (dev == 0 && cmd == 0)
			v &= ~1ULL;
		/* A console byte that would be printed: keep it printable. */
		if (dev == 1 && cmd == 1)
			v = (v & ~0xffULL) | ('a' + (v & 15));
		switch ((r >> 24) & 7) {
		case 0:
			/* The upper half is 0 (hvrun took the last command):
			 * this is device 0 command 0. */
			*(volatile uint32_t *)&tohost = v & ~1U;
			break;
		case 1:
			*((volatile uint32_t *)&tohost + 1) = v >> 32;
			break;
		case 2:
			*((volatile uint8_t *)&tohost + (r >> 32 & 7)) =
				v & ~1U;
			break;
		case 3:
			fromhost = v;
			break;
		default:
			tohost = v;
			break;
		}
		if ((r >> 40 & 15) == 0)
			tohost = 0;
		fromhost = 0;
		if ((i & 0xffff) == 0)
			printf("\nprogress %lu\n", i);
	}
	tohost = 0;
	fromhost = 0;
	printf("\nHTIF-ALIVE\n");
	return 0;
}
