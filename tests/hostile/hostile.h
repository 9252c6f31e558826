/*
 * Shared pieces of hvrun's hostile guest programs: a PRNG, MMIO accessors
 * of every width, a trap hook that counts access faults and steps over
 * the faulting instruction, and the board's addresses (see devices/).
 */
#ifndef HOSTILE_H
#define HOSTILE_H

#include "rt.h"

#define FINISHER_BASE 0x100000UL
#define RTC_BASE 0x101000UL
#define PLIC_BASE 0xc000000UL
#define PLIC_SIZE 0x600000UL
#define UART_BASE 0x10000000UL
#define VIRTIO_BASE 0x10001000UL
#define VIRTIO_SLOTS 8
#define RAM_BASE 0x80000000UL

static inline uint64_t rnd(uint64_t *s)
{
	/* xorshift64* */
	uint64_t x = *s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545f4914f6cdd1dULL;
}

/* Faults taken by mmio_fault_hook, by kind. */
extern volatile unsigned long n_access_faults, n_misaligned, n_other;

int mmio_fault_hook(struct trap_frame *f, unsigned long cause);

static inline uint64_t mmio_read(unsigned long a, int size)
{
	uint64_t v = 0;

	switch (size) {
	case 1:
		asm volatile("lbu %0, 0(%1)" : "=r"(v) : "r"(a) : "memory");
		break;
	case 2:
		asm volatile("lhu %0, 0(%1)" : "=r"(v) : "r"(a) : "memory");
		break;
	case 4:
		asm volatile("lwu %0, 0(%1)" : "=r"(v) : "r"(a) : "memory");
		break;
	default:
		asm volatile("ld %0, 0(%1)" : "=r"(v) : "r"(a) : "memory");
		break;
	}
	return v;
}

static inline void mmio_write(unsigned long a, int size, uint64_t v)
{
	switch (size) {
	case 1:
		asm volatile("sb %0, 0(%1)" ::"r"(v), "r"(a) : "memory");
		break;
	case 2:
		asm volatile("sh %0, 0(%1)" ::"r"(v), "r"(a) : "memory");
		break;
	case 4:
		asm volatile("sw %0, 0(%1)" ::"r"(v), "r"(a) : "memory");
		break;
	default:
		asm volatile("sd %0, 0(%1)" ::"r"(v), "r"(a) : "memory");
		break;
	}
}

static inline uint32_t r32(unsigned long a)
{
	return *(volatile uint32_t *)a;
}

static inline void w32(unsigned long a, uint32_t v)
{
	*(volatile uint32_t *)a = v;
}

/* Lets the other harts run hostile_secondary(); call once .bss is set. */
void hostile_release(void);

/* The 16550 at UART_BASE, set up again from scratch. */
void uart_puts(const char *s);

#endif
