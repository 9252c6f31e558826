/*
 * Random SBI calls from S-mode with random a0..a7 (RISC-V Supervisor
 * Binary Interface, "Binary Encoding": every non-legacy call returns an
 * error code in a0, SBI_ERR_NOT_SUPPORTED for an unknown extension or
 * function). Calls that would legitimately end or stop the only hart
 * (SRST with a valid type, hart_stop, a valid suspend, retentive or not,
 * or a hart_start at a valid address) are kept invalid. Then targeted
 * calls with their error codes, and valid calls that must still work.
 */
#include <stdint.h>

#ifndef ITER
#define ITER 200000UL
#endif

#define EXT_BASE 0x10
#define EXT_TIME 0x54494d45
#define EXT_IPI 0x735049
#define EXT_RFENCE 0x52464e43
#define EXT_HSM 0x48534d
#define EXT_SRST 0x53525354
#define EXT_DBCN 0x4442434e

#define ERR_NOT_SUPPORTED -2
#define ERR_INVALID_PARAM -3
#define ERR_INVALID_ADDRESS -5
#define ERR_ALREADY_AVAILABLE -6

#define RAM_BASE 0x80000000UL
#define RAM_END 0xa0000000UL

struct sbiret {
	long error, value;
};

static volatile unsigned long traps, last_cause;
static char scratch[4096];
static int failures;

void __attribute__((interrupt("supervisor"), aligned(4))) s_trap(void)
{
	unsigned long epc, cause;

	asm volatile("csrr %0, scause" : "=r"(cause));
	asm volatile("csrr %0, sepc" : "=r"(epc));
	traps++;
	last_cause = cause;
	if ((long)cause < 0) {
		/* Interrupts stay masked; clear what may be pending. */
		asm volatile("csrw sie, zero");
		return;
	}
	epc += (*(volatile uint16_t *)epc & 3) == 3 ? 4 : 2;
	asm volatile("csrw sepc, %0" ::"r"(epc));
}

static struct sbiret ecall(unsigned long eid, unsigned long fid,
			   const unsigned long *a)
{
	register unsigned long a0 asm("a0") = a[0];
	register unsigned long a1 asm("a1") = a[1];
	register unsigned long a2 asm("a2") = a[2];
	register unsigned long a3 asm("a3") = a[3];
	register unsigned long a4 asm("a4") = a[4];
	register unsigned long a5 asm("a5") = a[5];
	register unsigned long a6 asm("a6") = fid;
	register unsigned long a7 asm("a7") = eid;

	asm volatile("ecall"
		     : "+r"(a0), "+r"(a1)
		     : "r"(a2), "r"(a3), "r"(a4), "r"(a5), "r"(a6), "r"(a7)
		     : "memory");
	return (struct sbiret){(long)a0, (long)a1};
}

static struct sbiret call6(unsigned long eid, unsigned long fid,
			   unsigned long x0, unsigned long x1, unsigned long x2)
{
	unsigned long a[6] = {x0, x1, x2, 0, 0, 0};

	return ecall(eid, fid, a);
}

/* Where hart 1 is started: it stops itself at once (hart_stop). */
void hart_park(void);
asm(".section .text\n"
    ".balign 4\n"
    ".globl hart_park\n"
    "hart_park:\n"
    "	li	a7, 0x48534d\n"
    "	li	a6, 1\n"
    "	ecall\n"
    "1:	j	1b\n");

static void putc_(char c)
{
	call6(EXT_DBCN, 2, (unsigned char)c, 0, 0);
}

static void puts_(const char *s)
{
	while (*s)
		putc_(*s++);
}

static void put_hex(unsigned long v)
{
	for (int i = 60; i >= 0; i -= 4)
		putc_("0123456789abcdef"[(v >> i) & 15]);
}

static void expect(const char *what, long got, long want)
{
	if (got == want)
		return;
	failures++;
	puts_("check failed: ");
	puts_(what);
	puts_(" got ");
	put_hex(got);
	puts_(" want ");
	put_hex(want);
	putc_('\n');
}

static uint64_t rnd(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545f4914f6cdd1dULL;
}

static const unsigned long eids[] = {
	EXT_BASE,   EXT_TIME, EXT_IPI,	  EXT_RFENCE, EXT_HSM,	  EXT_SRST,
	EXT_DBCN,   0,	      1,	  2,	      3,	  4,
	5,	    6,	      7,	  0x504d55,   0x53555350, 0x43505043,
	0x4e41434c, 0x535441, 0x46574654, 0x09000000, 0x0a000000,
};

static unsigned long wild(uint64_t *s)
{
	uint64_t r = rnd(s);

	switch (r & 7) {
	case 0:
		return 0;
	case 1:
		return r >> 48;
	case 2:
		return RAM_END - (r >> 56);
	case 3:
		return 0x10000000 + ((r >> 32) & 0xffff);
	case 4:
		return -1UL - (r >> 60);
	default:
		return rnd(s);
	}
}

/* The call stays harmless: see the comment at the top. */
static void tame(unsigned long eid, unsigned long *fid, unsigned long *a)
{
	int in_ram = a[1] >= RAM_BASE && a[1] < RAM_END;

	switch (eid) {
	case EXT_SRST:
		if ((uint32_t)a[0] <= 2 && (uint32_t)a[1] <= 1)
			a[0] |= 0x10;
		break;
	case EXT_HSM:
		if (*fid == 1)
			*fid = 7;
		if ((*fid == 0 || *fid == 3) && in_ram)
			a[1] = RAM_END + 0x1000;
		/* A retentive suspend waits for an interrupt: none comes. */
		if (*fid == 3 && (uint32_t)a[0] == 0)
			a[0] |= 0x10;
		break;
	case EXT_DBCN:
		if (*fid == 1 && !a[2] && in_ram) {
			a[1] = (unsigned long)scratch;
			a[0] &= 4095;
		}
		if (*fid == 0 && !a[2] && in_ram && a[0] > 64)
			a[0] = 64;
		break;
	}
}

int main(void)
{
	uint64_t s = 0xdeadbeefcafef00dULL;
	unsigned long a[6];
	struct sbiret r;

	puts_("sbi fuzz start\n");
	for (unsigned long i = 0; i < ITER; i++) {
		uint64_t x = rnd(&s);
		unsigned long eid = (x & 7) ? eids[(x >> 8) % (sizeof(eids) /
							       sizeof(eids[0]))]
					    : rnd(&s) >> (x >> 58);
		unsigned long fid = (x >> 16) & 1 ? (x >> 20) & 7 : rnd(&s);

		for (int k = 0; k < 6; k++)
			a[k] = wild(&s);
		if (eid == 8) /* legacy shutdown */
			eid = 9;
		tame(eid, &fid, a);
		r = ecall(eid, fid, a);
		if (eid > 8 && (r.error > 0 || r.error < -13)) {
			failures++;
			puts_("bad error code for eid ");
			put_hex(eid);
			putc_(' ');
			put_hex(fid);
			putc_(' ');
			put_hex(r.error);
			putc_('\n');
		}
		if ((i & 0x3fff) == 0) {
			puts_("\nprogress ");
			put_hex(i);
			putc_('\n');
		}
	}
	/* No timer or IPI left pending for the checks below. */
	call6(EXT_TIME, 0, -1UL, 0, 0);
	asm volatile("csrc sip, %0" ::"r"(2UL));
	puts_("\nsbi fuzz done\n");
	expect("traps", traps, 0);

	expect("unknown extension", call6(0x0b000000, 0, 0, 0, 0).error,
	       ERR_NOT_SUPPORTED);
	expect("base unknown fid", call6(EXT_BASE, 99, 0, 0, 0).error,
	       ERR_NOT_SUPPORTED);
	expect("hart_get_status(1000)", call6(EXT_HSM, 2, 1000, 0, 0).error,
	       ERR_INVALID_PARAM);
	expect("hart_start(-1)", call6(EXT_HSM, 0, -1UL, RAM_BASE, 0).error,
	       ERR_INVALID_PARAM);
	expect("hart_start(1, wild)",
	       call6(EXT_HSM, 0, 1, 0x40000000UL, 0).error,
	       ERR_INVALID_ADDRESS);
	expect("hart_start(0, self)",
	       call6(EXT_HSM, 0, 0, 0x80200000UL, 0).error,
	       ERR_ALREADY_AVAILABLE);
	expect("hart_suspend(bad type)",
	       call6(EXT_HSM, 3, 0x12345, 0x80200000UL, 0).error,
	       ERR_INVALID_PARAM);
	expect("hart_suspend(non-ret, wild)",
	       call6(EXT_HSM, 3, 0x80000000UL, 0x40000000UL, 0).error,
	       ERR_INVALID_ADDRESS);
	expect("dbcn write outside RAM",
	       call6(EXT_DBCN, 0, 16, 0x1000, 0).error, ERR_INVALID_PARAM);
	expect("dbcn write base_hi", call6(EXT_DBCN, 0, 16, RAM_BASE, 1).error,
	       ERR_INVALID_PARAM);
	expect("dbcn write huge",
	       call6(EXT_DBCN, 0, 1UL << 62, RAM_BASE, 0).error,
	       ERR_INVALID_PARAM);
	expect("dbcn write across RAM end",
	       call6(EXT_DBCN, 0, 32, RAM_END - 16, 0).error,
	       ERR_INVALID_PARAM);
	expect("dbcn read outside RAM",
	       call6(EXT_DBCN, 1, 16, 0x10000000, 0).error, ERR_INVALID_PARAM);
	expect("srst bad type", call6(EXT_SRST, 0, 7, 0, 0).error,
	       ERR_INVALID_PARAM);
	expect("srst bad reason", call6(EXT_SRST, 0, 0, 5, 0).error,
	       ERR_INVALID_PARAM);
	expect("srst fid 1", call6(EXT_SRST, 1, 0, 0, 0).error,
	       ERR_NOT_SUPPORTED);
	expect("send_ipi base 1000", call6(EXT_IPI, 0, 1, 1000, 0).error,
	       ERR_INVALID_PARAM);
	/* Legacy send_ipi with pointers to nothing: an error, not a crash. */
	call6(4, 0, 0x40000000UL, 0, 0);
	call6(4, 0, -8UL, 0, 0);
	call6(4, 0, RAM_END - 4, 0, 0);
	call6(6, 0, 0x10000001UL, 0, 0);
	asm volatile("csrc sip, %0" ::"r"(2UL));

	/*
	 * Legacy calls' hart-mask pointers under Sv39 (translated by the
	 * SBI through the supervisor's page table): tables outside RAM, in
	 * MMIO, at the end of RAM, a misaligned superpage.
	 */
	{
		static uint64_t pt[512] __attribute__((aligned(4096)));
		static const unsigned long vas[] = {
			0xc0000000UL,	      0x100000000UL, 0x140000000UL,
			0x180000000UL,	      0x1c0000000UL, 0x3fffffff8UL,
			0xffffffffc0000000UL, 0x4000000000UL};
		unsigned long mask = 1;

		pt[2] = (0x80000000UL >> 12) << 10 | 0xcf;
		pt[3] = (0x40000000UL >> 12) << 10 | 1;
		pt[4] = (0x10000000UL >> 12) << 10 | 1;
		pt[5] = ((0x80000000UL >> 12) + 1) << 10 | 0xcf;
		pt[6] = (0x9ffff000UL >> 12) << 10 | 1;
		pt[7] = (0xfffffffffffUL) << 10 | 1;
		pt[511] = (0x80000000UL >> 12) << 10 | 0x3;
		asm volatile("csrw satp, %0; sfence.vma" ::"r"(
				     8UL << 60 | (unsigned long)pt >> 12)
			     : "memory");
		for (unsigned i = 0; i < sizeof(vas) / sizeof(vas[0]); i++) {
			call6(4, 0, vas[i], 0, 0);
			call6(5, 0, vas[i], 0, 0);
			call6(6, 0, vas[i], 0, 0x1000);
			call6(7, 0, vas[i] + 4, 0, 0x1000);
		}
		call6(4, 0, (unsigned long)&mask, 0, 0);
		asm volatile("csrw satp, zero; sfence.vma" ::: "memory");
		asm volatile("csrc sip, %0" ::"r"(2UL));
		expect("traps under Sv39", traps, 0);
	}

	/*
	 * Hart 1 started and stopping itself, over and over, with a second
	 * start racing each: a second start is refused with
	 * SBI_ERR_ALREADY_AVAILABLE unless the hart already stopped.
	 */
	{
		unsigned long stuck = 0, bad = 0;

		for (unsigned i = 0; i < 2000; i++) {
			long e = call6(EXT_HSM, 0, 1, (unsigned long)hart_park,
				       i)
					 .error;
			long e2 = call6(EXT_HSM, 0, 1, (unsigned long)hart_park,
					i)
					  .error;
			unsigned long n = 0;

			if (e != 0 || (e2 != 0 && e2 != ERR_ALREADY_AVAILABLE))
				bad++;
			while (call6(EXT_HSM, 2, 1, 0, 0).value != 1 &&
			       ++n < 10000000)
				;
			if (n >= 10000000)
				stuck++;
		}
		expect("hsm start/stop errors", bad, 0);
		expect("hsm hart 1 never stopped", stuck, 0);
	}

	/* Valid calls still work. */
	r = call6(EXT_BASE, 0, 0, 0, 0);
	expect("spec version error", r.error, 0);
	expect("spec version >= 2.0", r.value >= 0x2000000, 1);
	r = call6(EXT_BASE, 3, EXT_DBCN, 0, 0);
	expect("probe DBCN", r.value != 0, 1);
	r = call6(EXT_HSM, 2, 0, 0, 0);
	expect("hart 0 started", r.error == 0 && r.value == 0, 1);
	{
		static const char msg[] = "SBI-ALIVE\n";

		r = call6(EXT_DBCN, 0, sizeof(msg) - 1, (unsigned long)msg, 0);
		expect("dbcn write", r.value, sizeof(msg) - 1);
	}
	puts_(failures ? "SBI-FAILED\n" : "SBI-PASSED\n");
	call6(EXT_SRST, 0, 0, failures ? 1 : 0, 0);
	for (;;)
		;
}
