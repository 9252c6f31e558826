/*
 * Traps in the middle of a vector access: RISC-V "V" extension 1.0,
 * "Exception Handling" ("Precise vector traps": the elements before
 * vstart are done, vstart names the faulting element, execution resumes
 * there), "Unit-stride Fault-Only-First Loads" (vl trimmed, only element
 * 0 traps) and "Vector Load/Store Segment Instructions" (vstart counts
 * segments). The faults come from PMP: S-mode code may not touch the
 * middle page of a buffer; access faults go to M-mode, whose handler
 * skips the instruction and leaves vstart alone.
 * ISA-QEMU: vector
 * ISA-VLEN: 256 1024
 */
#include "rt.h"

asm(".option arch, +v");

#define PG 4096
static unsigned char buf[3 * PG] __attribute__((aligned(PG)));
static unsigned char regs[8 * 128] __attribute__((aligned(64)));
static unsigned char idx[128] __attribute__((aligned(64)));
static unsigned long vlenb;

#define DENIED ((unsigned long)buf + PG)

/* PMP: RWX below the middle page and above it, nothing in it. */
static void deny_middle(void)
{
	csr_write(pmpaddr0, DENIED >> 2);
	csr_write(pmpaddr1, (DENIED + PG) >> 2);
	csr_write(pmpaddr2, -1UL);
	/* TOR RWX, TOR ---, TOR RWX */
	csr_write(pmpcfg0, 0x0fUL | 0x08UL << 8 | 0x0fUL << 16);
}

static void vsetvl(unsigned long avl, unsigned long vtype)
{
	unsigned long vl;

	asm volatile("vsetvl %0, %1, %2" : "=r"(vl) : "r"(avl), "r"(vtype));
}

#define E8M1 0x00UL
#define E32M1 0x10UL
#define E8M2 0x01UL

/* v8..v15 to regs, whatever vl and vstart are (vstart kept). */
static void dump_v8(void)
{
	unsigned long vs = csr_read(vstart);

	csr_write(vstart, 0);
	asm volatile("vs8r.v v8, (%0)" ::"r"(regs) : "memory");
	csr_write(vstart, vs);
}

static void fill_v8(unsigned char b)
{
	for (unsigned i = 0; i < 8 * vlenb; i++)
		regs[i] = b;
	asm volatile("vl8re8.v v8, (%0)" ::"r"(regs) : "memory");
}

/* The instructions under test, each alone so that they resume alone. */
#define S_INSN(fn, insn)                                          \
	static long fn(long a)                                    \
	{                                                         \
		asm volatile(insn ::"r"(a), "r"(idx) : "memory"); \
		return 0;                                         \
	}                                                         \
	extern int s_defined_##fn
S_INSN(s_vle8, "vle8.v v8, (%0)");
S_INSN(s_vle8_masked, "vle8.v v8, (%0), v0.t");
S_INSN(s_vse8, "vse8.v v8, (%0)");
S_INSN(s_vle32, "vle32.v v8, (%0)");
S_INSN(s_vlse8, "li t0, 512\n\tvlse8.v v8, (%0), t0");
S_INSN(s_vluxei8, "vl1re8.v v16, (%1)\n\tvluxei8.v v8, (%0), v16");
S_INSN(s_vlseg3e8, "vlseg3e8.v v8, (%0)");
S_INSN(s_vle8ff, "vle8ff.v v8, (%0)");
S_INSN(s_vl2re8, "vl2re8.v v8, (%0)");
S_INSN(s_vlm, "vlm.v v8, (%0)");
S_INSN(s_vsseg2e8, "vsseg2e8.v v8, (%0)");

static void reset(void)
{
	for (unsigned i = 0; i < sizeof(buf); i++)
		buf[i] = (unsigned char)(i * 7 + 3);
	csr_write(vstart, 0);
	trap_reset();
}

/* A load trapped at element @at: the ones before it loaded. */
static void check_fault(unsigned long cause, unsigned long tval,
			unsigned long at)
{
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.cause, cause);
	CHECK_EQ(m_trap.tval, tval);
	CHECK_EQ(csr_read(vstart), at);
}

static void test_unit_load(void)
{
	unsigned long a = DENIED - 10;

	/* 32 bytes from 10 below the denied page */
	reset();
	vsetvl(32, E8M2);
	fill_v8(0xee);
	deny_middle();
	run_mode(PRV_S, s_vle8, a);
	check_fault(CAUSE_LOAD_ACCESS, DENIED, 10);
	dump_v8();
	for (unsigned i = 0; i < 10; i++)
		CHECK_EQ(regs[i], buf[PG - 10 + i]);
	/* the faulting element and those after it are untouched */
	for (unsigned i = 10; i < 32; i++)
		CHECK_EQ(regs[i], 0xee);
	/* resumed from vstart once the page is there: the rest arrives */
	rt_pmp_open();
	trap_reset();
	run_mode(PRV_S, s_vle8, a);
	CHECK_EQ(m_trap.count, 0);
	CHECK_EQ(csr_read(vstart), 0);
	dump_v8();
	for (unsigned i = 0; i < 32; i++)
		CHECK_EQ(regs[i], buf[PG - 10 + i]);

	/* masked off, the elements in the page do not fault */
	reset();
	vsetvl(32, E8M2);
	fill_v8(0xee);
	{
		unsigned long m[2] = {0x3ff, 0};

		asm volatile("vsetvli t0, zero, e8, m1, ta, ma\n\t"
			     "vle8.v v0, (%0)" ::"r"(m)
			     : "t0", "memory");
	}
	vsetvl(32, E8M2);
	deny_middle();
	run_mode(PRV_S, s_vle8_masked, a);
	CHECK_EQ(m_trap.count, 0);
	rt_pmp_open();
	dump_v8();
	for (unsigned i = 0; i < 10; i++)
		CHECK_EQ(regs[i], buf[PG - 10 + i]);
	CHECK_EQ(regs[10], 0xee);

	/* an element across the boundary (misaligned e32): it faults */
	reset();
	vsetvl(8, E32M1);
	fill_v8(0xee);
	deny_middle();
	run_mode(PRV_S, s_vle32, DENIED - 10);
	rt_pmp_open();
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.cause, CAUSE_LOAD_ACCESS);
	CHECK(m_trap.tval >= DENIED - 2 && m_trap.tval <= DENIED);
	CHECK_EQ(csr_read(vstart), 2);
	dump_v8();
	for (unsigned i = 0; i < 8; i++)
		CHECK_EQ(regs[i], buf[PG - 10 + i]);
	CHECK_EQ(regs[8], 0xee);
	csr_write(vstart, 0);
}

static void test_unit_store(void)
{
	unsigned long a = DENIED - 6;

	reset();
	vsetvl(16, E8M1);
	fill_v8(0x5a);
	deny_middle();
	run_mode(PRV_S, s_vse8, a);
	check_fault(CAUSE_STORE_ACCESS, DENIED, 6);
	rt_pmp_open();
	for (unsigned i = 0; i < 6; i++)
		CHECK_EQ(buf[PG - 6 + i], 0x5a);
	for (unsigned i = 0; i < 10; i++)
		CHECK_EQ(buf[PG + i], (unsigned char)((PG + i) * 7 + 3));
	trap_reset();
	run_mode(PRV_S, s_vse8, a);
	CHECK_EQ(m_trap.count, 0);
	for (unsigned i = 0; i < 16; i++)
		CHECK_EQ(buf[PG - 6 + i], 0x5a);

	/* segments: vstart counts segments; earlier ones stored */
	reset();
	vsetvl(8, E8M1);
	fill_v8(0x11);
	deny_middle();
	run_mode(PRV_S, s_vsseg2e8, DENIED - 7);
	rt_pmp_open();
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.cause, CAUSE_STORE_ACCESS);
	CHECK_EQ(csr_read(vstart), 3);
	for (unsigned i = 0; i < 6; i++)
		CHECK_EQ(buf[PG - 7 + i], 0x11);
	csr_write(vstart, 0);
}

static void test_other_loads(void)
{
	/* constant stride 512: elements 0..2 below the page, 3 in it */
	reset();
	vsetvl(6, E8M1);
	fill_v8(0xee);
	deny_middle();
	run_mode(PRV_S, s_vlse8, DENIED - 3 * 512 + 5);
	check_fault(CAUSE_LOAD_ACCESS, DENIED + 5, 3);
	rt_pmp_open();
	dump_v8();
	for (unsigned i = 0; i < 3; i++)
		CHECK_EQ(regs[i], buf[PG - 3 * 512 + 5 + i * 512]);
	CHECK_EQ(regs[3], 0xee);
	csr_write(vstart, 0);

	/* indexed from 100 below the page: offsets 0, 8, 200 (in it), 24 */
	reset();
	for (unsigned i = 0; i < sizeof(idx); i++)
		idx[i] = 0;
	idx[1] = 8;
	idx[2] = 200;
	idx[3] = 24;
	vsetvl(4, E8M1);
	fill_v8(0xee);
	deny_middle();
	run_mode(PRV_S, s_vluxei8, DENIED - 100);
	check_fault(CAUSE_LOAD_ACCESS, DENIED + 100, 2);
	rt_pmp_open();
	dump_v8();
	CHECK_EQ(regs[0], buf[PG - 100]);
	CHECK_EQ(regs[1], buf[PG - 100 + 8]);
	CHECK_EQ(regs[2], 0xee);
	csr_write(vstart, 0);

	/* segments of 3 bytes: segment 3 has a byte in the page */
	reset();
	vsetvl(8, E8M1);
	fill_v8(0xee);
	deny_middle();
	run_mode(PRV_S, s_vlseg3e8, DENIED - 10);
	rt_pmp_open();
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.cause, CAUSE_LOAD_ACCESS);
	CHECK_EQ(csr_read(vstart), 3);
	dump_v8();
	for (unsigned s = 0; s < 3; s++)
		for (unsigned f = 0; f < 3; f++)
			CHECK_EQ(regs[f * vlenb + s], buf[PG - 10 + 3 * s + f]);
	/* resumed: the other segments */
	trap_reset();
	run_mode(PRV_S, s_vlseg3e8, DENIED - 10);
	CHECK_EQ(m_trap.count, 0);
	dump_v8();
	for (unsigned s = 0; s < 8; s++)
		for (unsigned f = 0; f < 3; f++)
			CHECK_EQ(regs[f * vlenb + s], buf[PG - 10 + 3 * s + f]);

	/* whole registers: vstart counts elements of the encoded EEW */
	reset();
	fill_v8(0xee);
	deny_middle();
	run_mode(PRV_S, s_vl2re8, DENIED - 9);
	check_fault(CAUSE_LOAD_ACCESS, DENIED, 9);
	rt_pmp_open();
	trap_reset();
	run_mode(PRV_S, s_vl2re8, DENIED - 9);
	CHECK_EQ(m_trap.count, 0);
	dump_v8();
	for (unsigned i = 0; i < 2 * vlenb; i++)
		CHECK_EQ(regs[i], buf[PG - 9 + i]);

	/* vlm.v: ceil(vl / 8) bytes, vstart in bytes */
	reset();
	vsetvl(8 * vlenb, 0x03UL); /* e8, m8: vl up to VLEN */
	fill_v8(0xee);
	deny_middle();
	run_mode(PRV_S, s_vlm, DENIED - 3);
	check_fault(CAUSE_LOAD_ACCESS, DENIED, 3);
	rt_pmp_open();
	csr_write(vstart, 0);
}

static void test_fault_only_first(void)
{
	/* element 0 fine: no trap, vl trimmed to the first faulting one */
	reset();
	vsetvl(32, E8M2);
	fill_v8(0xee);
	deny_middle();
	run_mode(PRV_S, s_vle8ff, DENIED - 10);
	rt_pmp_open();
	CHECK_EQ(m_trap.count, 0);
	CHECK_EQ(csr_read(vl), 10);
	CHECK_EQ(csr_read(vstart), 0);
	dump_v8();
	for (unsigned i = 0; i < 10; i++)
		CHECK_EQ(regs[i], buf[PG - 10 + i]);

	/* element 0 faults: a trap, vl kept */
	reset();
	vsetvl(32, E8M2);
	deny_middle();
	run_mode(PRV_S, s_vle8ff, DENIED + 1);
	rt_pmp_open();
	check_fault(CAUSE_LOAD_ACCESS, DENIED + 1, 0);
	CHECK_EQ(csr_read(vl), 32);
}

int main(void)
{
	csr_set(mstatus, MSTATUS_VS);
	vlenb = csr_read(vlenb);
	test_unit_load();
	test_unit_store();
	test_other_loads();
	test_fault_only_first();
	rt_pmp_open();
	return 0;
}
