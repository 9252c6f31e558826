/*
 * Misaligned loads and stores: each either completes with the right
 * little-endian value, or raises an address-misaligned (or access-fault)
 * exception with mtval = the address and memory untouched. Both are
 * allowed. RISC-V Unprivileged ISA, "Load and Store Instructions"
 * (misaligned accesses); Privileged ISA, "Machine Trap Value Register".
 */
#include "rt.h"

static uint8_t buf[64] __attribute__((aligned(64)));
static int emulated, trapped;

static void fill(void)
{
	for (int i = 0; i < 64; i++)
		buf[i] = 0x80 + i * 3;
}

static unsigned long le(int off, int size)
{
	unsigned long v = 0;

	for (int i = size - 1; i >= 0; i--)
		v = (v << 8) | buf[off + i];
	return v;
}

static unsigned long sext(unsigned long v, int size)
{
	int sh = 64 - 8 * size;

	return (unsigned long)((long)(v << sh) >> sh);
}

#define LOAD(insn, off, size, sign)                                           \
	do {                                                                  \
		unsigned long __v = 0x1234, __a = (unsigned long)buf + (off); \
		trap_reset();                                                 \
		asm volatile(insn " %0, 0(%1)"                                \
			     : "+r"(__v)                                      \
			     : "r"(__a)                                       \
			     : "memory");                                     \
		check_load(__v, __a, off, size, sign, __LINE__);              \
	} while (0)

static void check_load(unsigned long v, unsigned long a, int off, int size,
		       int sign, int line)
{
	unsigned long want = le(off, size);

	if (sign)
		want = sext(want, size);
	if (m_trap.count == 0) {
		emulated++;
		if (v != want) {
			printf("line %d: load at +%d got %lx want %lx\n", line,
			       off, v, want);
			CHECK(0);
		}
		return;
	}
	trapped++;
	CHECK_EQ(m_trap.count, 1);
	CHECK(m_trap.cause == CAUSE_MISALIGNED_LOAD ||
	      m_trap.cause == CAUSE_LOAD_ACCESS);
	CHECK_EQ(m_trap.tval, a);
	CHECK_EQ(v, 0x1234);
}

#define STORE(insn, off, size)                                      \
	do {                                                        \
		unsigned long __v = 0x0102030405060708UL,           \
			      __a = (unsigned long)buf + (off);     \
		fill();                                             \
		trap_reset();                                       \
		asm volatile(insn " %0, 0(%1)" ::"r"(__v), "r"(__a) \
			     : "memory");                           \
		check_store(__v, __a, off, size, __LINE__);         \
	} while (0)

static void check_store(unsigned long v, unsigned long a, int off, int size,
			int line)
{
	if (m_trap.count == 0) {
		emulated++;
		for (int i = 0; i < 64; i++) {
			uint8_t want = i >= off && i < off + size
					       ? (uint8_t)(v >> (8 * (i - off)))
					       : (uint8_t)(0x80 + i * 3);
			if (buf[i] != want) {
				printf("line %d: store at +%d: byte %d is %x, "
				       "want %x\n",
				       line, off, i, buf[i], want);
				CHECK(0);
				return;
			}
		}
		return;
	}
	trapped++;
	CHECK_EQ(m_trap.count, 1);
	CHECK(m_trap.cause == CAUSE_MISALIGNED_STORE ||
	      m_trap.cause == CAUSE_STORE_ACCESS);
	CHECK_EQ(m_trap.tval, a);
	for (int i = 0; i < 64; i++)
		if (buf[i] != (uint8_t)(0x80 + i * 3)) {
			printf("line %d: trapped store changed byte %d\n", line,
			       i);
			CHECK(0);
			return;
		}
}

int main(void)
{
	for (int off = 1; off < 8; off++) {
		fill();
		LOAD("lh", off, 2, 1);
		LOAD("lhu", off, 2, 0);
		LOAD("lw", off, 4, 1);
		LOAD("lwu", off, 4, 0);
		LOAD("ld", off, 8, 0);
		LOAD("ld", off + 24, 8, 0);
		STORE("sh", off, 2);
		STORE("sw", off, 4);
		STORE("sd", off, 8);
		STORE("sd", off + 32, 8);
	}
	/* across a 64-byte line: crossing at 32 */
	fill();
	LOAD("ld", 29, 8, 0);
	LOAD("lw", 31, 4, 1);
	STORE("sd", 27, 8);
	/* FP loads and stores: the bits move unchanged */
	for (int off = 1; off < 8; off += 3) {
		unsigned long a = (unsigned long)buf + off, v;

		fill();
		trap_reset();
		asm volatile("fld fa0, 0(%1)\n\tfmv.x.d %0, fa0"
			     : "=r"(v)
			     : "r"(a)
			     : "fa0", "memory");
		if (m_trap.count == 0)
			CHECK_EQ(v, le(off, 8));
		else
			CHECK(m_trap.cause == CAUSE_MISALIGNED_LOAD &&
			      m_trap.tval == a);
		trap_reset();
		asm volatile("fmv.d.x fa0, %0\n\tfsw fa0, 0(%1)" ::"r"(-1UL),
			     "r"(a)
			     : "fa0", "memory");
		if (m_trap.count == 0)
			CHECK_EQ(le(off, 4), 0xffffffff);
		else
			CHECK(m_trap.cause == CAUSE_MISALIGNED_STORE &&
			      m_trap.tval == a);
	}
	printf("misaligned: %d emulated, %d trapped\n", emulated, trapped);
	return 0;
}
