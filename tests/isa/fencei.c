/*
 * Zifencei: code written by stores runs once fence.i has been executed,
 * for code reached by a call, code in the same straight-line run as the
 * store, and compressed code. RISC-V Unprivileged ISA, "Zifencei
 * Instruction-Fetch Fence".
 */
#include "rt.h"

#define ADDI_A0(imm) ((((imm)&0xfff) << 20) | (10 << 7) | 0x13)
#define RET 0x00008067
#define C_LI_A0(imm) \
	(0x4000 | (((imm)&0x20) << 7) | (10 << 7) | (((imm)&0x1f) << 2) | 1)
#define C_RET 0x8082

static uint32_t code[64] __attribute__((aligned(64)));

static long call_code(void *p)
{
	long (*fn)(void) = (long (*)(void))p;
	return fn();
}

int main(void)
{
	/* li a0, N; ret, rewritten several times */
	for (int i = 1; i <= 20; i++) {
		code[0] = ADDI_A0(i * 7);
		code[1] = RET;
		fence_i();
		CHECK_EQ(call_code(code), i * 7);
	}

	/* a longer body: only its last instruction changes */
	for (int i = 0; i < 16; i++)
		code[i] = ADDI_A0(0) | (10 << 15); /* addi a0, a0, 0 */
	code[0] = ADDI_A0(1);
	code[16] = RET;
	fence_i();
	CHECK_EQ(call_code(code), 1);
	code[15] = ADDI_A0(5) | (10 << 15); /* addi a0, a0, 5 */
	fence_i();
	CHECK_EQ(call_code(code), 6);

	/* compressed: c.li a0, N; c.ret */
	uint16_t *c = (uint16_t *)&code[32];
	for (int i = -3; i <= 3; i++) {
		c[0] = C_LI_A0(i);
		c[1] = C_RET;
		fence_i();
		CHECK_EQ(call_code(c), (unsigned long)(long)i);
	}

	/* The store, fence.i and the changed instruction in one run of code:
	 * patch the instruction at 1: from li a0, 1 to li a0, 2. */
	long r;
	uint32_t li2 = ADDI_A0(2);
	asm volatile("la t0, 1f\n\t"
		     "sw %1, 0(t0)\n\t"
		     "fence.i\n\t"
		     ".option push\n\t.option norvc\n\t"
		     "1: addi a0, zero, 1\n\t"
		     ".option pop\n\t"
		     "mv %0, a0\n\t"
		     : "=r"(r)
		     : "r"(li2)
		     : "t0", "a0", "memory");
	CHECK_EQ(r, 2);
	/* and back, so that the program is the same on a second look */
	uint32_t li1 = ADDI_A0(1);
	asm volatile("la t0, 1f\n\t"
		     "sw %1, 0(t0)\n\t"
		     "fence.i\n\t"
		     ".option push\n\t.option norvc\n\t"
		     "1: addi a0, zero, 3\n\t"
		     ".option pop\n\t"
		     "mv %0, a0\n\t"
		     : "=r"(r)
		     : "r"(li1)
		     : "t0", "a0", "memory");
	CHECK_EQ(r, 1);
	return 0;
}
