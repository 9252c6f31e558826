/*
 * Runtime for hvrun's bare-metal C test programs: HTIF exit and console,
 * a small printf, CSR access, trap recording, and running code in a lower
 * privilege mode. RISC-V Privileged Architecture, "Machine-Level ISA".
 */
#ifndef ISA_RT_H
#define ISA_RT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define RT_MAGIC 0x4854

#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

#define MSTATUS_SIE (1UL << 1)
#define MSTATUS_MIE (1UL << 3)
#define MSTATUS_SPIE (1UL << 5)
#define MSTATUS_UBE (1UL << 6)
#define MSTATUS_MPIE (1UL << 7)
#define MSTATUS_SPP (1UL << 8)
#define MSTATUS_VS (3UL << 9)
#define MSTATUS_MPP (3UL << 11)
#define MSTATUS_FS (3UL << 13)
#define MSTATUS_XS (3UL << 15)
#define MSTATUS_MPRV (1UL << 17)
#define MSTATUS_SUM (1UL << 18)
#define MSTATUS_MXR (1UL << 19)
#define MSTATUS_TVM (1UL << 20)
#define MSTATUS_TW (1UL << 21)
#define MSTATUS_TSR (1UL << 22)
#define MSTATUS_UXL (3UL << 32)
#define MSTATUS_SXL (3UL << 34)
#define MSTATUS_SD (1UL << 63)

#define CAUSE_MISALIGNED_FETCH 0
#define CAUSE_FETCH_ACCESS 1
#define CAUSE_ILLEGAL 2
#define CAUSE_BREAKPOINT 3
#define CAUSE_MISALIGNED_LOAD 4
#define CAUSE_LOAD_ACCESS 5
#define CAUSE_MISALIGNED_STORE 6
#define CAUSE_STORE_ACCESS 7
#define CAUSE_ECALL_U 8
#define CAUSE_ECALL_S 9
#define CAUSE_ECALL_VS 10
#define CAUSE_ECALL_M 11
#define CAUSE_FETCH_PAGE 12
#define CAUSE_LOAD_PAGE 13
#define CAUSE_STORE_PAGE 15
#define CAUSE_FETCH_GUEST_PAGE 20
#define CAUSE_LOAD_GUEST_PAGE 21
#define CAUSE_VIRTUAL_INSN 22
#define CAUSE_STORE_GUEST_PAGE 23
#define CAUSE_INTR (1UL << 63)

#define IRQ_SSI 1
#define IRQ_MSI 3
#define IRQ_STI 5
#define IRQ_MTI 7
#define IRQ_SEI 9
#define IRQ_MEI 11

#define CLINT_BASE 0x2000000UL
#define CLINT_MSIP ((volatile uint32_t *)(CLINT_BASE + 0x0))
#define CLINT_MTIMECMP ((volatile uint64_t *)(CLINT_BASE + 0x4000))
#define CLINT_MTIME ((volatile uint64_t *)(CLINT_BASE + 0xbff8))

/* Physical addresses where neither QEMU's spike nor virt board (nor
 * hvrun) has memory or a device. */
#define UNMAPPED_PA 0x40000000UL

#define STR_(x) #x
#define STR(x) STR_(x)
#define csr_read(csr)                                                     \
	({                                                                \
		unsigned long __v;                                        \
		asm volatile("csrr %0, " STR(csr) : "=r"(__v)::"memory"); \
		__v;                                                      \
	})
#define csr_write(csr, val)                                              \
	asm volatile("csrw " STR(csr) ", %0" ::"r"((unsigned long)(val)) \
		     : "memory")
#define csr_set(csr, val)                                                \
	asm volatile("csrs " STR(csr) ", %0" ::"r"((unsigned long)(val)) \
		     : "memory")
#define csr_clear(csr, val)                                              \
	asm volatile("csrc " STR(csr) ", %0" ::"r"((unsigned long)(val)) \
		     : "memory")
#define csr_swap(csr, val)                                \
	({                                                \
		unsigned long __v = (unsigned long)(val); \
		asm volatile("csrrw %0, " STR(csr) ", %0" \
			     : "+r"(__v)::"memory");      \
		__v;                                      \
	})

/* CSR numbers the assembler may not know by name. */
#define CSR_MENVCFG 0x30a
#define CSR_SENVCFG 0x10a
#define CSR_STIMECMP 0x14d
#define CSR_MCOUNTINHIBIT 0x320

struct trap_frame {
	unsigned long x[32]; /* x[2] is the interrupted sp */
	unsigned long epc;
	unsigned long pad;
};

/* The last trap taken in M (m_trap), in S or HS (s_trap) or in VS
 * (vs_trap, through vs_trap_entry). */
struct trap_info {
	unsigned long cause;
	unsigned long tval;
	unsigned long epc;
	unsigned long status; /* mstatus/sstatus/vsstatus after the trap */
	unsigned long count;
	/* With the H extension (rt_has_h): mtval2/htval, mtinst/htinst, and
	 * hstatus after a trap into M or HS. */
	unsigned long tval2;
	unsigned long tinst;
	unsigned long hstatus;
};

extern volatile struct trap_info m_trap, s_trap, vs_trap;
/* Interrupts taken, in order (causes without the interrupt bit). */
extern volatile unsigned long irq_seq[16];
extern volatile unsigned long irq_seq_len;
extern volatile unsigned long rt_last_vector;
extern int rt_failures;
/* misa.H: the handlers also record the H extension's trap CSRs. */
extern int rt_has_h;
/* Printed with a failed check when set: what was being checked (for
 * checks in loops). */
extern const char *rt_ctx;
extern unsigned long rt_ctx_n;

/* A hook may handle a trap itself (return 1) before the default. */
extern int (*m_trap_hook)(struct trap_frame *f, unsigned long cause);
extern int (*s_trap_hook)(struct trap_frame *f, unsigned long cause);
extern int (*vs_trap_hook)(struct trap_frame *f, unsigned long cause);

extern char m_trap_entry[], s_trap_entry[], vs_trap_entry[], m_vector_table[];
extern char s_trap_stack_top[], m_trap_stack_top[], vs_trap_stack_top[];
extern char __bss_start[], __bss_end[], _end[];

long run_mode(int mode, long (*fn)(long), long arg);
void __attribute__((noreturn)) test_exit(long code);
void htif_putc(int c);
int printf(const char *fmt, ...);
void trap_reset(void);
void rt_pmp_open(void);

void rt_check_fail(int line, const char *expr, unsigned long got,
		   unsigned long want, int has_values);

#define CHECK(cond)                                              \
	do {                                                     \
		if (!(cond))                                     \
			rt_check_fail(__LINE__, #cond, 0, 0, 0); \
	} while (0)

#define CHECK_EQ(a, b)                                                      \
	do {                                                                \
		unsigned long __a = (unsigned long)(a);                     \
		unsigned long __b = (unsigned long)(b);                     \
		if (__a != __b)                                             \
			rt_check_fail(__LINE__, #a " == " #b, __a, __b, 1); \
	} while (0)

/* Exactly one trap into M since trap_reset(), with this cause. */
#define CHECK_MTRAP(c, tv)                   \
	do {                                 \
		CHECK_EQ(m_trap.count, 1);   \
		CHECK_EQ(m_trap.cause, (c)); \
		CHECK_EQ(m_trap.tval, (tv)); \
	} while (0)
#define CHECK_MTRAP_CAUSE(c)                 \
	do {                                 \
		CHECK_EQ(m_trap.count, 1);   \
		CHECK_EQ(m_trap.cause, (c)); \
	} while (0)
#define CHECK_NO_TRAP()                     \
	do {                                \
		CHECK_EQ(m_trap.count, 0);  \
		CHECK_EQ(s_trap.count, 0);  \
		CHECK_EQ(vs_trap.count, 0); \
	} while (0)

static inline void fence_i(void)
{
	asm volatile("fence.i" ::: "memory");
}

static inline void sfence_vma(void)
{
	asm volatile("sfence.vma" ::: "memory");
}

/* Calls to an address that may fault on fetch: the handlers return to ra. */
static inline void call_addr(unsigned long addr)
{
	asm volatile("jalr ra, 0(%0)" ::"r"(addr)
		     : "ra", "t0", "t1", "t2", "a0", "a1", "a2", "a3", "a4",
		       "a5", "a6", "a7", "t3", "t4", "t5", "t6", "memory");
}

#endif
