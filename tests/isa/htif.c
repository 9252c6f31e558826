/*
 * HTIF system calls as Spike's front end proxies them for bare-metal
 * programs (riscv-tests' benchmarks print through them): the program
 * writes the address of eight 64-bit words (the call's number and its
 * arguments) to tohost, waits for fromhost, and finds the result in the
 * first word. write(2) to fd 1 or 2 prints; another fd is -EBADF, a
 * buffer outside RAM -EFAULT, an unknown call -ENOSYS; exit(2) ends the
 * program with its status.
 * ISA-QEMU: skip QEMU 7.2 does not proxy HTIF system calls
 */
#include "rt.h"

extern volatile unsigned long tohost, fromhost;

static unsigned long sys(unsigned long which, unsigned long a0,
			 unsigned long a1, unsigned long a2)
{
	static volatile unsigned long mm[8] __attribute__((aligned(64)));

	mm[0] = which;
	mm[1] = a0;
	mm[2] = a1;
	mm[3] = a2;
	__sync_synchronize();
	tohost = (unsigned long)mm;
	while (fromhost == 0)
		;
	fromhost = 0;
	__sync_synchronize();
	return mm[0];
}

int main(void)
{
	static const char msg[] = "htif: write through a system call\n";

	CHECK_EQ(sys(64, 1, (unsigned long)msg, sizeof(msg) - 1),
		 sizeof(msg) - 1);
	CHECK_EQ(sys(64, 2, (unsigned long)msg, 0), 0);
	CHECK_EQ(sys(64, 3, (unsigned long)msg, 4), -9L);
	CHECK_EQ(sys(64, 1, 0x10, 4), -14L);
	CHECK_EQ(sys(64, 1, (unsigned long)msg, 1UL << 40), -14L);
	CHECK_EQ(sys(1234, 0, 0, 0), -38L);
	/* exit(0): a pass, without returning */
	sys(93, 0, 0, 0);
	CHECK(0);
	return 1;
}
