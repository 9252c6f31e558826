/*
 * Runtime for hvrun's bare-metal test programs: HTIF (tohost/fromhost)
 * exit and console, printf, and the M/S trap handlers that record every
 * trap. RISC-V Privileged Architecture, "Machine-Level ISA", "Machine
 * Cause Register"; HTIF as implemented by Spike and QEMU's spike board.
 */
#include "rt.h"

extern volatile uint64_t tohost, fromhost;

volatile struct trap_info m_trap, s_trap, vs_trap;
volatile unsigned long irq_seq[16];
volatile unsigned long irq_seq_len;
volatile unsigned long rt_last_vector;
int rt_failures;
int rt_has_h;
const char *rt_ctx;
unsigned long rt_ctx_n;
int (*m_trap_hook)(struct trap_frame *f, unsigned long cause);
int (*s_trap_hook)(struct trap_frame *f, unsigned long cause);
int (*vs_trap_hook)(struct trap_frame *f, unsigned long cause);

void __attribute__((noreturn)) rt_resume(long value);

#ifndef ISA_VIRT
void __attribute__((noreturn)) test_exit(long code)
{
	if (code == 0)
		code = rt_failures;
	if (code < 0 || code > 255)
		code = 255;
	for (;;)
		tohost = code ? ((uint64_t)code << 1) | 1 : 1;
}

void htif_putc(int c)
{
	tohost = (1UL << 56) | (1UL << 48) | (uint8_t)c;
	while (fromhost == 0)
		;
	fromhost = 0;
}
#else
/*
 * The copy QEMU runs on its virt board (which has no HTIF): exit through
 * the sifive,test1 finisher and print on the 16550 UART.
 */
#define FINISHER ((volatile uint32_t *)0x100000UL)
#define UART ((volatile uint8_t *)0x10000000UL)

void __attribute__((noreturn)) test_exit(long code)
{
	if (code == 0)
		code = rt_failures;
	if (code < 0 || code > 255)
		code = 255;
	for (;;)
		*FINISHER = code ? ((uint32_t)code << 16) | 0x3333 : 0x5555;
}

void htif_putc(int c)
{
	while (!(UART[5] & 0x20))
		;
	UART[0] = c;
}
#endif

static void put_num(unsigned long v, int base, int width, char pad, int neg)
{
	char buf[24];
	int n = 0;

	do {
		buf[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (neg)
		buf[n++] = '-';
	while (width-- > n)
		htif_putc(pad);
	while (n)
		htif_putc(buf[--n]);
}

static int vprintf_(const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		int width = 0, lng = 0;
		char pad = ' ';

		if (*fmt != '%') {
			htif_putc(*fmt);
			continue;
		}
		fmt++;
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + *fmt++ - '0';
		while (*fmt == 'l') {
			lng = 1;
			fmt++;
		}
		switch (*fmt) {
		case 'd': {
			long v = lng ? va_arg(ap, long) : va_arg(ap, int);
			put_num(v < 0 ? -(unsigned long)v : (unsigned long)v,
				10, width, pad, v < 0);
			break;
		}
		case 'u':
			put_num(lng ? va_arg(ap, unsigned long)
				    : va_arg(ap, unsigned int),
				10, width, pad, 0);
			break;
		case 'x':
			put_num(lng ? va_arg(ap, unsigned long)
				    : va_arg(ap, unsigned int),
				16, width, pad, 0);
			break;
		case 'p':
			put_num((unsigned long)va_arg(ap, void *), 16, width,
				pad, 0);
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			while (*s)
				htif_putc(*s++);
			break;
		}
		case 'c':
			htif_putc(va_arg(ap, int));
			break;
		default:
			htif_putc(*fmt);
			break;
		}
	}
	return 0;
}

int printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf_(fmt, ap);
	va_end(ap);
	return 0;
}

void __attribute__((noreturn)) asm_test_fail(long n)
{
	printf("check failed: case %ld\n", n);
	test_exit(n);
}

void rt_check_fail(int line, const char *expr, unsigned long got,
		   unsigned long want, int has_values)
{
	rt_failures++;
	if (has_values)
		printf("check failed at line %d: %s (got %lx, want %lx)", line,
		       expr, got, want);
	else
		printf("check failed at line %d: %s", line, expr);
	if (rt_ctx)
		printf(" [%s %lx]", rt_ctx, rt_ctx_n);
	printf("\n");
}

static void trap_info_reset(volatile struct trap_info *t)
{
	t->count = 0;
	t->cause = -1UL;
	t->tval = -1UL;
	t->epc = 0;
	t->status = 0;
	t->tval2 = -1UL;
	t->tinst = -1UL;
	t->hstatus = -1UL;
}

void trap_reset(void)
{
	trap_info_reset(&m_trap);
	trap_info_reset(&s_trap);
	trap_info_reset(&vs_trap);
	irq_seq_len = 0;
	rt_last_vector = 0;
}

/*
 * With PMP implemented and no entry matching, S and U may access nothing:
 * give them all memory through entry 0 (NAPOT over the whole space), as
 * firmware does. A hart without PMP traps here and the write is skipped.
 */
void rt_pmp_open(void)
{
	csr_write(pmpaddr0, -1UL);
	csr_write(pmpcfg0, 0x1f);
}

void rt_init(void)
{
	/* No timer interrupt pending until a test asks for one. */
	*CLINT_MTIMECMP = -1UL;
	rt_has_h = !!(csr_read(misa) & (1UL << ('H' - 'A')));
	rt_pmp_open();
	trap_reset();
}

/* Only RAM the program occupies is read to find an instruction's length;
 * elsewhere (device space, a bad address) 4 is assumed. */
static unsigned long insn_len(unsigned long epc)
{
	if (epc >= 0x80000000UL && epc < (unsigned long)_end)
		return (*(volatile uint16_t *)epc & 3) == 3 ? 4 : 2;
	return 4;
}

static void too_many(volatile struct trap_info *t, const char *who)
{
	if (t->count > 100000) {
		printf("%s: trap storm, cause %lx epc %lx tval %lx\n", who,
		       t->cause, t->epc, t->tval);
		test_exit(254);
	}
}

/* mtval2 and mtinst (CSR numbers: the H extension's) */
static void m_trap_h(void)
{
	if (rt_has_h) {
		m_trap.tval2 = csr_read(0x34b);
		m_trap.tinst = csr_read(0x34a);
	}
}

void m_trap_handler(struct trap_frame *f)
{
	unsigned long cause = csr_read(mcause);

	if (m_trap_hook && m_trap_hook(f, cause))
		return;
	if ((long)cause < 0) {
		unsigned long code = cause & 63;

		if (irq_seq_len < 16)
			irq_seq[irq_seq_len++] = code;
		m_trap_h();
		m_trap.cause = cause;
		m_trap.epc = csr_read(mepc);
		m_trap.status = csr_read(mstatus);
		m_trap.count++;
		too_many(&m_trap, "M");
		/* Quiet the source so that the hart can go on. */
		if (code == IRQ_MSI)
			*CLINT_MSIP = 0;
		else if (code == IRQ_MTI)
			*CLINT_MTIMECMP = -1UL;
		else if (code == IRQ_STI)
			csr_clear(mip, 1UL << IRQ_STI);
		else
			csr_clear(mip, 1UL << code);
		/* A source that cannot be cleared from here is masked. */
		if (csr_read(mip) & csr_read(mie) & (1UL << code))
			csr_clear(mie, 1UL << code);
		return;
	}
	if ((cause == CAUSE_ECALL_U || cause == CAUSE_ECALL_S ||
	     cause == CAUSE_ECALL_VS || cause == CAUSE_ECALL_M) &&
	    f->x[17] == RT_MAGIC) {
		/* run_mode returns with mstatus.MPV clear (mstatus bit 39) */
		if (rt_has_h)
			csr_clear(mstatus, 1UL << 39);
		rt_resume(f->x[10]);
	}
	m_trap_h();
	m_trap.cause = cause;
	m_trap.tval = csr_read(mtval);
	m_trap.epc = f->epc;
	m_trap.status = csr_read(mstatus);
	m_trap.count++;
	too_many(&m_trap, "M");
	if (cause == CAUSE_MISALIGNED_FETCH || cause == CAUSE_FETCH_ACCESS ||
	    cause == CAUSE_FETCH_PAGE || cause == CAUSE_FETCH_GUEST_PAGE)
		f->epc = f->x[1];
	else
		f->epc += insn_len(f->epc);
}

/* htval, htinst and hstatus (CSR numbers: the H extension's) */
static void s_trap_h(void)
{
	if (rt_has_h) {
		s_trap.tval2 = csr_read(0x643);
		s_trap.tinst = csr_read(0x64a);
		s_trap.hstatus = csr_read(0x600);
	}
}

void s_trap_handler(struct trap_frame *f)
{
	unsigned long cause = csr_read(scause);

	if (s_trap_hook && s_trap_hook(f, cause))
		return;
	if ((long)cause < 0) {
		unsigned long code = cause & 63;

		if (irq_seq_len < 16)
			irq_seq[irq_seq_len++] = code | 0x100;
		s_trap_h();
		s_trap.cause = cause;
		s_trap.epc = csr_read(sepc);
		s_trap.status = csr_read(sstatus);
		s_trap.count++;
		too_many(&s_trap, "S");
		if (rt_has_h &&
		    (code == 2 || code == 6 || code == 10 || code == 12)) {
			/* VS-level and guest external interrupts: hvip, else
			 * masked in hie */
			csr_clear(0x645, 1UL << code);
			if (csr_read(0x644) & csr_read(0x604) & (1UL << code))
				csr_clear(0x604, 1UL << code);
			return;
		}
		if (code == IRQ_STI)
			csr_write(CSR_STIMECMP, -1UL);
		else
			csr_clear(sip, 1UL << code);
		if (csr_read(sip) & csr_read(sie) & (1UL << code))
			csr_clear(sie, 1UL << code);
		return;
	}
	if ((cause == CAUSE_ECALL_U || cause == CAUSE_ECALL_S ||
	     cause == CAUSE_ECALL_VS) &&
	    f->x[17] == RT_MAGIC) {
		/* Hand the return from run_mode on to M-mode. */
		register unsigned long a0 asm("a0") = f->x[10];
		register unsigned long a7 asm("a7") = RT_MAGIC;
		asm volatile("ecall" ::"r"(a0), "r"(a7) : "memory");
	}
	s_trap_h();
	s_trap.cause = cause;
	s_trap.tval = csr_read(stval);
	s_trap.epc = f->epc;
	s_trap.status = csr_read(sstatus);
	s_trap.count++;
	too_many(&s_trap, "S");
	if (cause == CAUSE_MISALIGNED_FETCH || cause == CAUSE_FETCH_ACCESS ||
	    cause == CAUSE_FETCH_PAGE || cause == CAUSE_FETCH_GUEST_PAGE) {
		f->epc = f->x[1];
	} else {
		csr_set(sstatus, MSTATUS_SUM);
		f->epc += insn_len(f->epc);
	}
}

/*
 * Traps taken in VS-mode (vstvec = vs_trap_entry): S CSR numbers reach the
 * VS CSRs here. The VS-level interrupt bits in vsip are aliases of hip's,
 * and only SSIP is writable: other sources are masked in vsie.
 */
void vs_trap_handler(struct trap_frame *f)
{
	unsigned long cause = csr_read(scause);

	if (vs_trap_hook && vs_trap_hook(f, cause))
		return;
	if ((long)cause < 0) {
		unsigned long code = cause & 63;

		if (irq_seq_len < 16)
			irq_seq[irq_seq_len++] = code | 0x200;
		vs_trap.cause = cause;
		vs_trap.epc = csr_read(sepc);
		vs_trap.status = csr_read(sstatus);
		vs_trap.count++;
		too_many(&vs_trap, "VS");
		/* vsip.STIP and SEIP cannot be cleared from VS (nor read,
		 * on some harts): masked */
		csr_clear(sip, 1UL << code);
		if (code != IRQ_SSI || (csr_read(sip) & (1UL << code)))
			csr_clear(sie, 1UL << code);
		return;
	}
	if (cause == CAUSE_ECALL_U && f->x[17] == RT_MAGIC) {
		register unsigned long a0 asm("a0") = f->x[10];
		register unsigned long a7 asm("a7") = RT_MAGIC;
		asm volatile("ecall" ::"r"(a0), "r"(a7) : "memory");
	}
	vs_trap.cause = cause;
	vs_trap.tval = csr_read(stval);
	vs_trap.epc = f->epc;
	vs_trap.status = csr_read(sstatus);
	vs_trap.count++;
	too_many(&vs_trap, "VS");
	if (cause == CAUSE_MISALIGNED_FETCH || cause == CAUSE_FETCH_ACCESS ||
	    cause == CAUSE_FETCH_PAGE)
		f->epc = f->x[1];
	else
		f->epc += insn_len(f->epc);
}

/* The compiler may emit calls to these. */
void *memset(void *d, int c, size_t n)
{
	unsigned char *p = d;

	while (n--)
		*p++ = c;
	return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
	unsigned char *p = d;
	const unsigned char *q = s;

	while (n--)
		*p++ = *q++;
	return d;
}
