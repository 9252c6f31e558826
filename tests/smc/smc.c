/*
 * Self-modifying and cross-modifying code on several harts, as a JIT
 * produces it (RISC-V unprivileged ISA, "Zifencei": after FENCE.I a
 * hart's fetches see the stores that precede it, its own and those of
 * other harts made visible to it).
 *
 * Hart 0 writes small functions into code buffers, one a hart, each
 * returning a constant that changes every round; after a release store of
 * the round number, hart N executes FENCE.I, calls its function and
 * reports what it returned. Hart 0 also rewrites and runs code of its own,
 * and rewrites one instruction of a function in place. Every buffer is
 * reused every round, so a stale copy of old code anywhere is caught.
 * Exit through HTIF tohost: 1 passes, (n << 1) | 1 fails check n.
 */
#include <stdint.h>

#define MAX_HARTS 8
#define ROUNDS 2000

extern volatile uint64_t tohost;

/* One 4 KiB page of code per hart, and one for hart 0's own code. */
static uint32_t code[MAX_HARTS + 1][1024] __attribute__((aligned(4096)));
static volatile unsigned long go[MAX_HARTS], done[MAX_HARTS];
static volatile long result[MAX_HARTS];
static volatile unsigned long nharts;

static void __attribute__((noreturn)) finish(unsigned long code_)
{
	for (;;)
		tohost = code_ ? (code_ << 1) | 1 : 1;
}

/* Zihintpause's PAUSE (fence w,0): a spin-wait hint. */
static void pause(void)
{
	asm volatile(".insn i 0x0f, 0, x0, x0, 0x010" ::: "memory");
}

static void fence_i(void)
{
	asm volatile("fence.i" ::: "memory");
}

/* lui a0, hi; addiw a0, a0, lo; ret: returns the 32-bit constant @k. */
static void emit_const(uint32_t *p, int32_t k)
{
	int32_t lo = (int32_t)((uint32_t)k << 20) >> 20;
	uint32_t hi = ((uint32_t)k - (uint32_t)lo) & 0xfffff000u;

	p[0] = hi | (10u << 7) | 0x37; /* lui a0 */
	p[1] = ((uint32_t)lo << 20) | (10u << 15) | (10u << 7) |
	       0x1b;	   /* addiw */
	p[2] = 0x00008067; /* ret */
}

static long call(const uint32_t *p)
{
	return ((long (*)(void))(uintptr_t)p)();
}

static int32_t value(unsigned long round, unsigned long hart)
{
	return (int32_t)(round * 0x10001u + hart * 0x111u + 7);
}

void hart_main(unsigned long id)
{
	if (id != 0) {
		unsigned long seen = 0;

		__atomic_fetch_add(&nharts, 1, __ATOMIC_SEQ_CST);
		for (;;) {
			unsigned long r;

			while ((r = __atomic_load_n(&go[id],
						    __ATOMIC_ACQUIRE)) == seen)
				pause();
			seen = r;
			fence_i();
			result[id] = call(code[id]);
			__atomic_store_n(&done[id], r, __ATOMIC_RELEASE);
		}
	}

	/* Let the others start (however many the machine has). */
	for (volatile int i = 0; i < 200000; i++)
		;
	unsigned long n = __atomic_load_n(&nharts, __ATOMIC_SEQ_CST) + 1;

	for (unsigned long r = 1; r <= ROUNDS; r++) {
		/* Others: a new function in each one's buffer. */
		for (unsigned long h = 1; h < n; h++) {
			emit_const(code[h], value(r, h));
			__atomic_store_n(&go[h], r, __ATOMIC_RELEASE);
		}
		/* Ours: a new function, run, then one instruction changed. */
		emit_const(code[MAX_HARTS], value(r, 0));
		fence_i();
		if (call(code[MAX_HARTS]) != value(r, 0))
			finish(1);
		emit_const(code[MAX_HARTS], value(r, 0) ^ 0x5a5);
		fence_i();
		if (call(code[MAX_HARTS]) != (value(r, 0) ^ 0x5a5))
			finish(2);
		for (unsigned long h = 1; h < n; h++) {
			while (__atomic_load_n(&done[h], __ATOMIC_ACQUIRE) != r)
				pause();
			if (result[h] != value(r, h))
				finish(3 + h);
		}
	}
	finish(0);
}
