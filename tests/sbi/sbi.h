/*
 * SBI calls and console output for the S-mode test programs (RISC-V SBI
 * specification: binary encoding, Base, Legacy console, Timer, IPI, HSM,
 * SRST). Each program ends with pass() or fail(), which print a verdict
 * line and shut the machine down.
 */
#ifndef SBI_TEST_H
#define SBI_TEST_H

#include <stdint.h>

struct sbiret {
	long error, value;
};

static inline struct sbiret sbi_call(long ext, long fid, long a0, long a1,
				     long a2)
{
	register long r0 asm("a0") = a0;
	register long r1 asm("a1") = a1;
	register long r2 asm("a2") = a2;
	register long r6 asm("a6") = fid;
	register long r7 asm("a7") = ext;

	asm volatile("ecall"
		     : "+r"(r0), "+r"(r1)
		     : "r"(r2), "r"(r6), "r"(r7)
		     : "memory");
	return (struct sbiret){r0, r1};
}

#define SBI_EXT_TIME 0x54494d45
#define SBI_EXT_IPI 0x735049
#define SBI_EXT_HSM 0x48534d
#define SBI_EXT_SRST 0x53525354
#define HSM_SUSPENDED 4

static inline void putc_(char c)
{
	sbi_call(0x01, 0, c, 0, 0); /* legacy console_putchar */
}

static inline void puts_(const char *s)
{
	while (*s)
		putc_(*s++);
}

static inline void put_dec(unsigned long v)
{
	char b[24];
	int n = 0;

	do
		b[n++] = '0' + v % 10;
	while (v /= 10);
	while (n)
		putc_(b[--n]);
}

static inline void __attribute__((noreturn)) shutdown(int failure)
{
	sbi_call(SBI_EXT_SRST, 0, 0, failure, 0);
	for (;;)
		;
}

static inline void __attribute__((noreturn)) pass(const char *what)
{
	puts_("PASS ");
	puts_(what);
	putc_('\n');
	shutdown(0);
}

static inline void __attribute__((noreturn)) fail(const char *what)
{
	puts_("FAIL ");
	puts_(what);
	putc_('\n');
	shutdown(1);
}

#define csr_read(name)                                      \
	({                                                  \
		unsigned long v_;                           \
		asm volatile("csrr %0, " #name : "=r"(v_)); \
		v_;                                         \
	})
#define csr_write(name, v) asm volatile("csrw " #name ", %0" ::"r"(v))
#define csr_set(name, v) asm volatile("csrs " #name ", %0" ::"r"(v))
#define csr_clear(name, v) asm volatile("csrc " #name ", %0" ::"r"(v))

extern char secondary_entry[];

#endif
