/*
 * The vector unit's architectural state: RISC-V "V" extension 1.0,
 * "Vector Extension Programmer's Model" (mstatus.VS and vsstatus.VS,
 * vtype, vl, vlenb, vstart, vxrm, vxsat, vcsr, the state at reset) and
 * the Privileged ISA's "Extension Context Status in mstatus" (VS, SD).
 * ISA-QEMU: vector
 * ISA-VLEN: 256 1024
 */
#include "../h/h.h"

asm(".option arch, +v");

#define VS_SHIFT 9
#define VTYPE_VILL (1UL << 63)

static int illegal(void)
{
	return m_trap.count == 1 && m_trap.cause == CAUSE_ILLEGAL;
}

static unsigned long vs_field(unsigned long status)
{
	return (status >> VS_SHIFT) & 3;
}

/* VS Off: every vector instruction and CSR is illegal. */
static void test_vs_off(void)
{
	unsigned long vl;

	csr_clear(mstatus, MSTATUS_VS);
	trap_reset();
	asm volatile("vsetvli %0, zero, e8, m1, ta, ma" : "=r"(vl));
	CHECK(illegal());
	trap_reset();
	asm volatile("vadd.vv v1, v2, v3");
	CHECK(illegal());
	trap_reset();
	asm volatile("vle8.v v1, (%0)" ::"r"(&vl) : "memory");
	CHECK(illegal());
	trap_reset();
	asm volatile("vl1re8.v v1, (%0)" ::"r"(&vl) : "memory");
	CHECK(illegal());
	trap_reset();
	(void)csr_read(vl);
	CHECK(illegal());
	trap_reset();
	(void)csr_read(vlenb);
	CHECK(illegal());
	trap_reset();
	csr_write(vstart, 0);
	CHECK(illegal());
	trap_reset();
	csr_write(vcsr, 0);
	CHECK(illegal());
}

/* Initial or Clean, then anything that changes vector state: Dirty. */
static void test_vs_dirty(void)
{
	unsigned long vl, s;

	/* FS Initial: SD then summarises VS alone. */
	csr_clear(mstatus, MSTATUS_FS);
	csr_set(mstatus, 1UL << 13);
	for (unsigned long vs = 1; vs <= 2; vs++) {
		csr_clear(mstatus, MSTATUS_VS);
		csr_set(mstatus, vs << VS_SHIFT);
		s = csr_read(mstatus);
		CHECK_EQ(vs_field(s), vs);
		CHECK(!(s & MSTATUS_SD));
		asm volatile("vsetvli %0, zero, e32, m1, ta, ma" : "=r"(vl));
		s = csr_read(mstatus);
		CHECK_EQ(vs_field(s), 3);
		CHECK(s & MSTATUS_SD);
		CHECK(csr_read(sstatus) & MSTATUS_SD);

		csr_clear(mstatus, MSTATUS_VS);
		csr_set(mstatus, vs << VS_SHIFT);
		asm volatile("vadd.vv v1, v1, v1");
		CHECK_EQ(vs_field(csr_read(mstatus)), 3);

		csr_clear(mstatus, MSTATUS_VS);
		csr_set(mstatus, vs << VS_SHIFT);
		csr_write(vxrm, 2);
		CHECK_EQ(vs_field(csr_read(mstatus)), 3);

		csr_clear(mstatus, MSTATUS_VS);
		csr_set(mstatus, vs << VS_SHIFT);
		csr_write(vxsat, 1);
		CHECK_EQ(vs_field(csr_read(mstatus)), 3);
	}
	/* sstatus shows and writes VS */
	csr_clear(sstatus, MSTATUS_VS);
	CHECK_EQ(vs_field(csr_read(mstatus)), 0);
	csr_set(sstatus, 2UL << VS_SHIFT);
	CHECK_EQ(vs_field(csr_read(mstatus)), 2);
	CHECK_EQ(vs_field(csr_read(sstatus)), 2);
	csr_set(mstatus, MSTATUS_VS);
}

static void test_csrs(void)
{
	unsigned long vlenb = csr_read(vlenb), vl;

	/* VLEN 128 (Zvl128b) up to what hvrun has, a power of two. */
	CHECK(vlenb >= 16 && vlenb <= 128 && !(vlenb & (vlenb - 1)));
	asm volatile("vsetvli %0, zero, e8, m1, ta, ma" : "=r"(vl));
	CHECK_EQ(vl, vlenb);
	asm volatile("vsetvli %0, zero, e64, m8, ta, ma" : "=r"(vl));
	CHECK_EQ(vl, vlenb);

	/* vcsr holds vxrm in bits 2:1 and vxsat in bit 0 */
	csr_write(vcsr, 0x5);
	CHECK_EQ(csr_read(vxrm), 2);
	CHECK_EQ(csr_read(vxsat), 1);
	csr_write(vxrm, 1);
	csr_write(vxsat, 0);
	CHECK_EQ(csr_read(vcsr), 2);
#ifndef ISA_QEMU
	/* vxrm is 2 bits (QEMU 7.2 keeps what was written) */
	csr_write(vxrm, 7);
	CHECK_EQ(csr_read(vxrm), 3);
#endif
	csr_write(vxsat, 3);
	CHECK_EQ(csr_read(vxsat), 1);
	csr_write(vcsr, -1UL);
	CHECK_EQ(csr_read(vcsr), 7);
	csr_write(vcsr, 0);

	/* vstart is read-write; vl, vtype and vlenb are read-only */
	csr_write(vstart, 3);
	CHECK_EQ(csr_read(vstart), 3);
	csr_write(vstart, 0);
	trap_reset();
	csr_write(vl, 1);
	CHECK(illegal());
	trap_reset();
	csr_write(vtype, 0);
	CHECK(illegal());
	trap_reset();
	csr_write(vlenb, 0);
	CHECK(illegal());
}

static long u_read_vlenb(long arg)
{
	(void)arg;
	return csr_read(vlenb);
}

static long u_vsetvli(long arg)
{
	unsigned long vl;

	asm volatile("vsetvli %0, zero, e8, m1, ta, ma" : "=r"(vl));
	return vl + arg;
}

static long u_vector_add(long arg)
{
	unsigned long vl;

	asm volatile("vsetvli %0, zero, e8, m1, ta, ma\n"
		     "vadd.vi v1, v1, 1"
		     : "=r"(vl));
	return vl + arg;
}

static void test_user(void)
{
	unsigned long vlenb = csr_read(vlenb);

	CHECK_EQ(run_mode(PRV_U, u_read_vlenb, 0), vlenb);
	CHECK_EQ(run_mode(PRV_U, u_vector_add, 1), vlenb + 1);
	/* VS Off is illegal in U-mode too */
	csr_clear(mstatus, MSTATUS_VS);
	trap_reset();
	run_mode(PRV_U, u_vsetvli, 1);
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.cause, CAUSE_ILLEGAL);
	csr_set(mstatus, MSTATUS_VS);
}

/* V=1: vsstatus.VS is in effect too, and both turn Dirty. */
static void test_virtual(void)
{
	unsigned long vlenb = csr_read(vlenb);

	if (!has_h())
		return;
	h_quiet();
	csr_clear(CSR_VSSTATUS, MSTATUS_VS);
	trap_reset();
	run_v(PRV_S, u_read_vlenb, 0);
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.cause, CAUSE_ILLEGAL);
	trap_reset();
	run_v(PRV_S, u_vsetvli, 0);
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.cause, CAUSE_ILLEGAL);

	/* vsstatus.VS Initial, mstatus.VS Clean: both Dirty after */
	csr_set(CSR_VSSTATUS, 1UL << VS_SHIFT);
	csr_clear(mstatus, MSTATUS_VS);
	csr_set(mstatus, 2UL << VS_SHIFT);
	trap_reset();
	CHECK_EQ(run_v(PRV_S, u_vector_add, 2), vlenb + 2);
	CHECK_EQ(m_trap.count, 0);
	CHECK_EQ(vs_field(csr_read(mstatus)), 3);
	CHECK_EQ(vs_field(csr_read(CSR_VSSTATUS)), 3);
#ifndef ISA_QEMU
	/* QEMU 7.2 leaves vsstatus.SD clear when only VS is Dirty */
	CHECK(csr_read(CSR_VSSTATUS) & MSTATUS_SD);
#endif

	/* mstatus.VS Off stops V=1 as well */
	csr_clear(mstatus, MSTATUS_VS);
	trap_reset();
	run_v(PRV_S, u_read_vlenb, 0);
	CHECK_EQ(m_trap.count, 1);
	CHECK_EQ(m_trap.cause, CAUSE_ILLEGAL);
	csr_set(mstatus, MSTATUS_VS);
}

int main(void)
{
	unsigned long vtype, vl;

	/* misa.V: the hart has V (the default --isa, QEMU's v=true) */
	CHECK(csr_read(misa) & (1UL << ('V' - 'A')));
	/* At reset, as the spec recommends: vill set, the other vtype bits
	 * 0, vl 0. */
	csr_set(mstatus, MSTATUS_VS);
	vtype = csr_read(vtype);
	vl = csr_read(vl);
	CHECK_EQ(vtype, VTYPE_VILL);
	CHECK_EQ(vl, 0);
	test_vs_off();
	csr_set(mstatus, MSTATUS_VS);
	test_vs_dirty();
	test_csrs();
	test_user();
	test_virtual();
	return 0;
}
