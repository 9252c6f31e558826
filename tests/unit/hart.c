/* SPDX-License-Identifier: MIT */
/*
 * The emulated hart through the accelerator interface: small programs
 * encoded by hand run from RAM at 0x80000000, and the results are checked
 * against what the RISC-V ISA manuals specify.
 *
 * Every program ends by storing to the HTIF tohost word (x31 holds its
 * address), which makes vcpu_run return ACCEL_EXIT_HTIF; mtvec points at
 * such a store too, so a trap also ends the run.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "accel/accel.h"
#include "devices/bus.h"
#include "base/clock.h"
#include "base/guestmem.h"

#define RAM_BASE 0x80000000ull
#define RAM_SIZE (4ull << 20)
#define PROG RAM_BASE
#define HALT (RAM_BASE + 0x800)	 /* trap handler: store to tohost */
#define SHALT (RAM_BASE + 0xa00) /* S-mode trap handler, same */
#define TOHOST (RAM_BASE + 0x1000)
#define FROMHOST (RAM_BASE + 0x1008)
#define DATA (RAM_BASE + 0x2000)

/* ---- instruction encoders (unprivileged ISA, "Base Instruction Formats") */

static uint32_t r_type(unsigned f7, unsigned rs2, unsigned rs1, unsigned f3,
		       unsigned rd, unsigned op)
{
	return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}

static uint32_t i_type(int32_t imm, unsigned rs1, unsigned f3, unsigned rd,
		       unsigned op)
{
	return (uint32_t)(imm & 0xfff) << 20 | rs1 << 15 | f3 << 12 | rd << 7 |
	       op;
}

static uint32_t s_type(int32_t imm, unsigned rs2, unsigned rs1, unsigned f3,
		       unsigned op)
{
	return (uint32_t)((imm >> 5) & 0x7f) << 25 | rs2 << 20 | rs1 << 15 |
	       f3 << 12 | (uint32_t)(imm & 0x1f) << 7 | op;
}

static uint32_t b_type(int32_t imm, unsigned rs2, unsigned rs1, unsigned f3)
{
	uint32_t u = imm;

	return ((u >> 12) & 1) << 31 | ((u >> 5) & 0x3f) << 25 | rs2 << 20 |
	       rs1 << 15 | f3 << 12 | ((u >> 1) & 0xf) << 8 |
	       ((u >> 11) & 1) << 7 | 0x63;
}

#define ADDI(rd, rs, imm) i_type(imm, rs, 0, rd, 0x13)
#define ADDIW(rd, rs, imm) i_type(imm, rs, 0, rd, 0x1b)
#define SLLI(rd, rs, sh) i_type(sh, rs, 1, rd, 0x13)
#define LUI(rd, imm) ((uint32_t)(imm) << 12 | (rd) << 7 | 0x37)
#define ADD(rd, a, b) r_type(0, b, a, 0, rd, 0x33)
#define MULDIV(f3, rd, a, b) r_type(1, b, a, f3, rd, 0x33)
#define MULDIVW(f3, rd, a, b) r_type(1, b, a, f3, rd, 0x3b)
#define LD(rd, rs, imm) i_type(imm, rs, 3, rd, 0x03)
#define LW(rd, rs, imm) i_type(imm, rs, 2, rd, 0x03)
#define SD(rs2, rs1, imm) s_type(imm, rs2, rs1, 3, 0x23)
#define SW(rs2, rs1, imm) s_type(imm, rs2, rs1, 2, 0x23)
#define BNE(a, b, off) b_type(off, b, a, 1)
#define CSRRW(rd, csr, rs) i_type(csr, rs, 1, rd, 0x73)
#define CSRRS(rd, csr, rs) i_type(csr, rs, 2, rd, 0x73)
#define CSRRC(rd, csr, rs) i_type(csr, rs, 3, rd, 0x73)
#define CSRRWI(rd, csr, z) i_type(csr, z, 5, rd, 0x73)
#define CSRRSI(rd, csr, z) i_type(csr, z, 6, rd, 0x73)
#define AMO(f5, f3, rd, addr, src) r_type((f5) << 2, src, addr, f3, rd, 0x2f)
#define FP(f7, rd, a, b, rm) r_type(f7, b, a, rm, rd, 0x53)
#define FLD(rd, rs, imm) i_type(imm, rs, 3, rd, 0x07)
#define ECALL 0x00000073u
#define EBREAK 0x00100073u
#define MRET 0x30200073u
#define SRET 0x10200073u
#define WFI 0x10500073u
#define FENCE_I 0x0000100fu
#define NOP ADDI(0, 0, 0)
#define END SD(31, 31, 0) /* store to tohost: ends the run */

enum {
	T0 = 5,
	T1 = 6,
	T2 = 7,
	A0 = 10,
	A1 = 11,
	A2 = 12,
	A3 = 13,
	A4 = 14,
	A5 = 15,
	A6 = 16,
	A7 = 17,
	S2 = 18,
	S3 = 19,
	S4 = 20,
	S5 = 21
};

/* ---- a VM with one hart ---- */

struct vm {
	struct guestmem mem;
	struct bus bus;
	struct accel_vm *vm;
	struct accel_vcpu *cpu;
	const struct accel_ops *ops;
};

static const struct accel_ops *ops = &accel_dbt_ops;
static int failures;

static void report(bool ok, const char *name, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		printf("ok %s\n", name);
		return;
	}
	failures++;
	printf("FAIL %s: ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static int vm_open(struct vm *v, bool host_sbi)
{
	struct accel_vm_config cfg = {0};
	int err;

	memset(v, 0, sizeof(*v));
	err = guestmem_init(&v->mem, RAM_BASE, RAM_SIZE);
	if (err)
		return err;
	bus_init(&v->bus);
	bus_freeze(&v->bus);
	cfg.mem = &v->mem;
	cfg.bus = &v->bus;
	cfg.ncpus = 1;
	cfg.host_sbi = host_sbi;
	cfg.tohost = TOHOST;
	cfg.fromhost = FROMHOST;
	cfg.clock_origin_ns = clock_now_ns();
	cfg.trace = getenv("HART_TRACE") ? stderr : NULL;
	err = ops->vm_init(&cfg, &v->vm);
	if (err)
		return err;
	err = ops->vcpu_init(v->vm, 0, &v->cpu);
	if (err)
		return err;
	ops->set_reg(v->cpu, ACCEL_REG_PC, PROG);
	ops->set_reg(v->cpu, 31, TOHOST);
	ops->set_reg(v->cpu, ACCEL_REG_CSR0 + 0x305, HALT);  /* mtvec */
	ops->set_reg(v->cpu, ACCEL_REG_CSR0 + 0x105, SHALT); /* stvec */
	*(uint32_t *)guestmem_ptr(&v->mem, HALT, 4) = END;
	*(uint32_t *)guestmem_ptr(&v->mem, SHALT, 4) = END;
	return 0;
}

static void vm_close(struct vm *v)
{
	ops->vcpu_destroy(v->cpu);
	ops->vm_destroy(v->vm);
	bus_destroy(&v->bus);
	guestmem_destroy(&v->mem);
}

/* As a loader does: write guest RAM, then tell guest memory. */
static void load(struct vm *v, uint64_t gpa, const uint32_t *w, size_t n)
{
	memcpy(guestmem_ptr(&v->mem, gpa, n * 4), w, n * 4);
	guestmem_written(&v->mem, gpa, n * 4);
}

static uint64_t *ram64(struct vm *v, uint64_t gpa)
{
	return guestmem_ptr(&v->mem, gpa, 8);
}

static uint64_t reg(struct vm *v, unsigned id)
{
	uint64_t val = 0xdeadbeef;

	ops->get_reg(v->cpu, id, &val);
	return val;
}

static uint64_t csr(struct vm *v, unsigned n)
{
	return reg(v, ACCEL_REG_CSR0 + n);
}

static void set_csr(struct vm *v, unsigned n, uint64_t val)
{
	ops->set_reg(v->cpu, ACCEL_REG_CSR0 + n, val);
}

/* A watchdog: kicks the hart if a run takes longer than it should. */
struct watchdog {
	pthread_t thread;
	struct vm *v;
	unsigned ms;
	atomic_bool done;
};

static void *watchdog_main(void *arg)
{
	struct watchdog *w = arg;

	for (unsigned i = 0; i < w->ms && !atomic_load(&w->done); i++)
		usleep(1000);
	if (!atomic_load(&w->done))
		ops->vcpu_kick(w->v->cpu);
	return NULL;
}

/* Runs to the next exit; a kick from the watchdog means a timeout. */
static enum accel_exit_reason run_for(struct vm *v, struct accel_exit *ex,
				      unsigned ms)
{
	struct watchdog w = {.v = v, .ms = ms};

	pthread_create(&w.thread, NULL, watchdog_main, &w);
	ops->vcpu_run(v->cpu, ex);
	atomic_store(&w.done, true);
	pthread_join(w.thread, NULL);
	return ex->reason;
}

static enum accel_exit_reason run(struct vm *v, struct accel_exit *ex)
{
	return run_for(v, ex, 3000);
}

/* Loads @w at PROG, runs it to the tohost store, true on HTIF exit. */
static bool run_prog(struct vm *v, const uint32_t *w, size_t n)
{
	struct accel_exit ex = {0};

	load(v, PROG, w, n);
	return run(v, &ex) == ACCEL_EXIT_HTIF;
}

#define RUN(v, ...)                                          \
	({                                                   \
		const uint32_t p_[] = {__VA_ARGS__};         \
		run_prog(v, p_, sizeof(p_) / sizeof(p_[0])); \
	})

#define CHECK(name, cond, ...) report(cond, name, __VA_ARGS__)

#define MCAUSE 0x342
#define MEPC 0x341
#define MTVAL 0x343
#define MSTATUS 0x300
#define SCAUSE 0x142
#define SEPC 0x141
#define STVAL 0x143

/* ---- tests ---- */

static void test_div_edge_cases(void)
{
	struct vm v;
	bool ok;

	vm_open(&v, false);
	ops->set_reg(v.cpu, A0, 7);
	ops->set_reg(v.cpu, A1, 0);
	ops->set_reg(v.cpu, A2, INT64_MIN);
	ops->set_reg(v.cpu, A3, -1);
	ok = RUN(&v, MULDIV(4, S2, A0, A1), /* div  7/0   = -1 */
		 MULDIV(5, S3, A0, A1),	    /* divu 7/0   = ~0 */
		 MULDIV(6, S4, A0, A1),	    /* rem  7%0   = 7 */
		 MULDIV(7, S5, A0, A1),	    /* remu 7%0   = 7 */
		 MULDIV(4, T0, A2, A3),	    /* div  MIN/-1 = MIN */
		 MULDIV(6, T1, A2, A3),	    /* rem  MIN%-1 = 0 */
		 MULDIVW(4, T2, A0, A1),    /* divw 7/0 = -1 */
		 MULDIVW(7, A4, A3, A1),    /* remuw -1%0 = sext(~0u) */
		 MULDIVW(5, A5, A0, A1),    /* divuw 7/0 = -1 */
		 END);
	CHECK("div_by_zero",
	      ok && reg(&v, S2) == UINT64_MAX && reg(&v, S3) == UINT64_MAX &&
		      reg(&v, S4) == 7 && reg(&v, S5) == 7 &&
		      reg(&v, T2) == UINT64_MAX && reg(&v, A5) == UINT64_MAX,
	      "div %" PRIx64 " divu %" PRIx64 " rem %" PRIx64, reg(&v, S2),
	      reg(&v, S3), reg(&v, S4));
	CHECK("div_overflow",
	      ok && reg(&v, T0) == (uint64_t)INT64_MIN && reg(&v, T1) == 0,
	      "div %" PRIx64 " rem %" PRIx64, reg(&v, T0), reg(&v, T1));
	CHECK("remuw_by_zero", ok && reg(&v, A4) == UINT64_MAX, "got %" PRIx64,
	      reg(&v, A4));
	vm_close(&v);

	vm_open(&v, false);
	ops->set_reg(v.cpu, A2, 0x80000000ull); /* INT32_MIN as a word */
	ops->set_reg(v.cpu, A3, -1);
	ok = RUN(&v, ADDIW(A2, A2, 0),	 /* sext -> INT32_MIN */
		 MULDIVW(4, S2, A2, A3), /* divw MIN/-1 = MIN */
		 MULDIVW(6, S3, A2, A3), /* remw = 0 */
		 END);
	CHECK("divw_overflow",
	      ok && reg(&v, S2) == 0xffffffff80000000ull && reg(&v, S3) == 0,
	      "divw %" PRIx64 " remw %" PRIx64, reg(&v, S2), reg(&v, S3));
	vm_close(&v);
}

static void test_mulh(void)
{
	struct vm v;
	bool ok;

	vm_open(&v, false);
	ops->set_reg(v.cpu, A0, -2);
	ops->set_reg(v.cpu, A1, 3);
	ops->set_reg(v.cpu, A2, UINT64_MAX);
	ok = RUN(&v, MULDIV(1, S2, A0, A1), /* mulh   -2*3   -> -1 */
		 MULDIV(2, S3, A0, A1),	    /* mulhsu -2*3   -> -1 */
		 MULDIV(3, S4, A0, A1),	    /* mulhu  (2^64-2)*3 -> 2 */
		 MULDIV(2, S5, A1, A2),	    /* mulhsu 3*(2^64-1) -> 2 */
		 MULDIV(1, T0, A2, A2),	    /* mulh (-1)*(-1) -> 0 */
		 MULDIVW(0, T1, A2, A1),    /* mulw -1*3 = -3 */
		 END);
	CHECK("mulh",
	      ok && reg(&v, S2) == UINT64_MAX && reg(&v, S3) == UINT64_MAX &&
		      reg(&v, S4) == 2 && reg(&v, S5) == 2 &&
		      reg(&v, T0) == 0 && reg(&v, T1) == (uint64_t)-3,
	      "mulh %" PRIx64 " mulhsu %" PRIx64 " mulhu %" PRIx64
	      " mulhsu2 %" PRIx64 " mulh2 %" PRIx64,
	      reg(&v, S2), reg(&v, S3), reg(&v, S4), reg(&v, S5), reg(&v, T0));
	vm_close(&v);
}

static void test_x0_and_bitmanip(void)
{
	struct vm v;
	bool ok;

	vm_open(&v, false);
	ops->set_reg(v.cpu, A0, 0x00f0000000000100ull);
	ops->set_reg(v.cpu, A1, 0x80000001ull);
	ok = RUN(&v, ADDI(0, 0, 5), ADD(S2, 0, 0),
		 i_type(0x600, A0, 1, S3, 0x13),      /* clz  -> 8 */
		 i_type(0x601, 0, 1, S4, 0x13),	      /* ctz 0 -> 64 */
		 i_type(0x602, A0, 1, S5, 0x13),      /* cpop -> 5 */
		 i_type(0x6b8, A0, 5, T0, 0x13),      /* rev8 */
		 i_type(0x287, A0, 5, T1, 0x13),      /* orc.b */
		 r_type(0x30, A1, A1, 1, T2, 0x3b),   /* rolw */
		 r_type(0x10, A1, A1, 2, A2, 0x3b),   /* sh1add.uw */
		 i_type(0x480 | 52, A0, 5, A3, 0x13), /* bexti 52 */
		 r_type(0x07, 0, A0, 5, A4, 0x33),    /* czero.eqz x0 */
		 r_type(0x07, 0, A0, 7, A5, 0x33),    /* czero.nez x0 */
		 END);
	CHECK("x0_stays_zero", ok && reg(&v, 0) == 0 && reg(&v, S2) == 0,
	      "x0 %" PRIx64, reg(&v, 0));
	CHECK("zbb",
	      ok && reg(&v, S3) == 8 && reg(&v, S4) == 64 && reg(&v, S5) == 5 &&
		      reg(&v, T0) == 0x000100000000f000ull &&
		      reg(&v, T1) == 0x00ff00000000ff00ull,
	      "clz %" PRIu64 " ctz %" PRIu64 " cpop %" PRIu64 " rev8 %" PRIx64
	      " orc %" PRIx64,
	      reg(&v, S3), reg(&v, S4), reg(&v, S5), reg(&v, T0), reg(&v, T1));
	/* rolw 0x80000001 by 1 (rs2 = 0x80000001 & 31 = 1) = 3 */
	CHECK("zbb_rolw", ok && reg(&v, T2) == 3, "got %" PRIx64, reg(&v, T2));
	/* sh1add.uw: (0x80000001 << 1) + 0x80000001 */
	CHECK("zba_sh1add_uw", ok && reg(&v, A2) == 0x180000003ull,
	      "got %" PRIx64, reg(&v, A2));
	CHECK("zbs_zicond",
	      ok && reg(&v, A3) == 1 && reg(&v, A4) == 0 &&
		      reg(&v, A5) == 0x00f0000000000100ull,
	      "bexti %" PRIx64 " eqz %" PRIx64 " nez %" PRIx64, reg(&v, A3),
	      reg(&v, A4), reg(&v, A5));
	vm_close(&v);
}

static void test_csr_warl(void)
{
	struct vm v;
	bool ok;

	vm_open(&v, false);
	ops->set_reg(v.cpu, A0, -1);
	ops->set_reg(v.cpu, A1, 0x1000); /* MPP = 2 (reserved) */
	ok = RUN(&v, CSRRW(0, MSTATUS, A0), CSRRS(S2, MSTATUS, 0),
		 CSRRC(0, MSTATUS, A0), CSRRS(0, MSTATUS, A1),
		 CSRRS(S3, MSTATUS, 0), CSRRW(S4, 0x301, A0),
		 CSRRS(S4, 0x301, 0),			   /* misa RO */
		 CSRRW(0, 0x302, A0), CSRRS(S5, 0x302, 0), /* medeleg */
		 CSRRW(0, 0x303, A0), CSRRS(T0, 0x303, 0), /* mideleg */
		 CSRRW(0, 0x304, A0), CSRRS(T1, 0x304, 0), /* mie */
		 END);
	/* With H, MPV (39) and GVA (38) are writable too; with V, VS. */
	CHECK("csr_mstatus_warl", ok && reg(&v, S2) == 0x800000ca007e7faaull,
	      "mstatus %" PRIx64, reg(&v, S2));
	/* Clearing all then setting MPP=2 keeps MPP=0; SXL/UXL stay. */
	CHECK("csr_mstatus_mpp_legal", ok && reg(&v, S3) == 0xa00000000ull,
	      "mstatus %" PRIx64, reg(&v, S3));
	/* RV64 IMAFDC, S, U, H, V */
	CHECK("csr_misa", ok && reg(&v, S4) == 0x80000000003411adull,
	      "misa %" PRIx64, reg(&v, S4));
	/*
	 * medeleg: not 11 (ecall from M); with H, 10 and 20-23 too.
	 * mideleg: the VS bits (2, 6, 10) are read-only one with H; with
	 * Sscofpmf (the default set has it) LCOFI (13) is writable too.
	 */
	CHECK("csr_medeleg_ecall_m",
	      ok && reg(&v, S5) == 0xf0b7ff && reg(&v, T0) == 0x2666 &&
		      reg(&v, T1) == 0x2eee,
	      "medeleg %" PRIx64 " mideleg %" PRIx64 " mie %" PRIx64,
	      reg(&v, S5), reg(&v, T0), reg(&v, T1));
	vm_close(&v);

	/* mtvec reserved mode, mepc alignment, satp modes. */
	vm_open(&v, false);
	ops->set_reg(v.cpu, A0, 0x80000102ull); /* mode 2 */
	ops->set_reg(v.cpu, A1, 0x80000103ull);
	ops->set_reg(v.cpu, A2, 1ull << 60 | 5); /* mode 1: bad */
	ops->set_reg(v.cpu, A3, 8ull << 60 | 0xabcdull << 44 | 0x80123);
	ok = RUN(&v, CSRRW(S2, 0x305, A0), CSRRS(S2, 0x305, 0),
		 CSRRW(0, MEPC, A1), CSRRS(S3, MEPC, 0), CSRRW(0, 0x180, A3),
		 CSRRW(0, 0x180, A2), CSRRS(S4, 0x180, 0), END);
	CHECK("csr_mtvec_mode", ok && reg(&v, S2) == 0x80000100ull,
	      "mtvec %" PRIx64, reg(&v, S2));
	CHECK("csr_mepc_align", ok && reg(&v, S3) == 0x80000102ull,
	      "mepc %" PRIx64, reg(&v, S3));
	CHECK("csr_satp_mode", ok && reg(&v, S4) == reg(&v, A3),
	      "satp %" PRIx64, reg(&v, S4));
	vm_close(&v);

	/* PMP: a locked entry ignores writes, and locks TOR's base. */
	vm_open(&v, false);
	ops->set_reg(v.cpu, A0, 0x1234);
	ops->set_reg(v.cpu, A1,
		     0x8f00 | 0x9f); /* cfg0 L|NAPOT|RWX, cfg1 L|TOR|RWX */
	ops->set_reg(v.cpu, A2, 0);
	ok = RUN(&v, CSRRW(0, 0x3b0, A0), CSRRW(0, 0x3a0, A1),
		 CSRRW(0, 0x3b0, A2), CSRRS(S2, 0x3b0, 0), CSRRW(0, 0x3a0, A2),
		 CSRRS(S3, 0x3a0, 0), END);
	CHECK("csr_pmp_lock",
	      ok && reg(&v, S2) == 0x1234 && reg(&v, S3) == 0x8f9f,
	      "pmpaddr0 %" PRIx64 " pmpcfg0 %" PRIx64, reg(&v, S2),
	      reg(&v, S3));
	vm_close(&v);

	/* Writing a read-only CSR is illegal, with tval = the encoding. */
	vm_open(&v, false);
	ok = RUN(&v, CSRRS(S2, 0xf14, 0), CSRRW(0, 0xf14, A0), END);
	CHECK("csr_readonly_write",
	      ok && csr(&v, MCAUSE) == 2 && csr(&v, MEPC) == PROG + 4 &&
		      csr(&v, MTVAL) == CSRRW(0, 0xf14, A0) && reg(&v, S2) == 0,
	      "mcause %" PRIx64 " mepc %" PRIx64 " mtval %" PRIx64,
	      csr(&v, MCAUSE), csr(&v, MEPC), csr(&v, MTVAL));
	vm_close(&v);

	/* pmpcfg1 does not exist on RV64. */
	vm_open(&v, false);
	ok = RUN(&v, CSRRS(S2, 0x3a1, 0), END);
	CHECK("csr_pmpcfg1_illegal",
	      ok && csr(&v, MCAUSE) == 2 && csr(&v, MEPC) == PROG,
	      "mcause %" PRIx64, csr(&v, MCAUSE));
	vm_close(&v);
}

/* mret to @mode at PROG + 12 (three setup instructions first). */
static void enter_mode(struct vm *v, unsigned mode)
{
	set_csr(v, MSTATUS, (uint64_t)mode << 11);
	set_csr(v, MEPC, PROG + 12);
	set_csr(v, 0x3b0, (1ull << 54) - 1); /* pmpaddr0: all */
	set_csr(v, 0x3a0, 0x1f);	     /* NAPOT RWX */
}

static void test_traps(void)
{
	struct vm v;
	bool ok;

	/* ecall from M: mcause 11, mepc, mtval 0, MPP = M, MPIE = MIE. */
	vm_open(&v, false);
	set_csr(&v, MSTATUS, 1 << 3); /* MIE */
	ok = RUN(&v, NOP, ECALL, END);
	CHECK("trap_ecall_m",
	      ok && csr(&v, MCAUSE) == 11 && csr(&v, MEPC) == PROG + 4 &&
		      csr(&v, MTVAL) == 0 &&
		      (csr(&v, MSTATUS) & 0x1888) == 0x1880 &&
		      reg(&v, ACCEL_REG_PRIV) == 3,
	      "mcause %" PRIx64 " mepc %" PRIx64 " mstatus %" PRIx64,
	      csr(&v, MCAUSE), csr(&v, MEPC), csr(&v, MSTATUS));
	vm_close(&v);

	/* mret to U, ecall from U: cause 8, MPP = U, MPRV cleared by mret. */
	vm_open(&v, false);
	enter_mode(&v, 0);
	set_csr(&v, MSTATUS, 1 << 17); /* MPRV, MPP = U */
	ok = RUN(&v, MRET, NOP, NOP, ECALL, END);
	CHECK("trap_ecall_u",
	      ok && csr(&v, MCAUSE) == 8 && csr(&v, MEPC) == PROG + 12 &&
		      (csr(&v, MSTATUS) & (3 << 11 | 1 << 17)) == 0,
	      "mcause %" PRIx64 " mepc %" PRIx64 " mstatus %" PRIx64,
	      csr(&v, MCAUSE), csr(&v, MEPC), csr(&v, MSTATUS));
	vm_close(&v);

	/* Delegated: ecall from U lands in S with SPP = U, SPIE = SIE. */
	vm_open(&v, false);
	enter_mode(&v, 0);
	set_csr(&v, 0x302, 1 << 8);
	set_csr(&v, MSTATUS, 1 << 1); /* SIE set before going to U */
	ok = RUN(&v, MRET, NOP, NOP, NOP, ECALL, END);
	CHECK("trap_delegated_to_s",
	      ok && csr(&v, SCAUSE) == 8 && csr(&v, SEPC) == PROG + 16 &&
		      reg(&v, ACCEL_REG_PRIV) == 1 &&
		      (csr(&v, MSTATUS) & 0x122) == 0x020 &&
		      csr(&v, MCAUSE) == 0,
	      "scause %" PRIx64 " sepc %" PRIx64 " mstatus %" PRIx64
	      " priv %" PRIu64,
	      csr(&v, SCAUSE), csr(&v, SEPC), csr(&v, MSTATUS),
	      reg(&v, ACCEL_REG_PRIV));
	vm_close(&v);

	/* ebreak: cause 3, tval 0 (as QEMU). Illegal: tval = encoding. */
	vm_open(&v, false);
	set_csr(&v, MTVAL, 0x1234);
	ok = RUN(&v, NOP, EBREAK, END);
	CHECK("trap_ebreak",
	      ok && csr(&v, MCAUSE) == 3 && csr(&v, MEPC) == PROG + 4 &&
		      csr(&v, MTVAL) == 0,
	      "mcause %" PRIx64 " mtval %" PRIx64, csr(&v, MCAUSE),
	      csr(&v, MTVAL));
	vm_close(&v);
	vm_open(&v, false);
	ok = RUN(&v, 0xffffffffu, END);
	CHECK("trap_illegal",
	      ok && csr(&v, MCAUSE) == 2 && csr(&v, MTVAL) == 0xffffffffu,
	      "mcause %" PRIx64 " mtval %" PRIx64, csr(&v, MCAUSE),
	      csr(&v, MTVAL));
	vm_close(&v);

	/* sret in S with TSR, and mret in S: illegal. */
	vm_open(&v, false);
	enter_mode(&v, 1);
	set_csr(&v, MSTATUS, 1 << 11 | 1 << 22);
	ok = RUN(&v, MRET, NOP, NOP, SRET, END);
	CHECK("trap_sret_tsr",
	      ok && csr(&v, MCAUSE) == 2 && csr(&v, MTVAL) == SRET &&
		      csr(&v, MEPC) == PROG + 12,
	      "mcause %" PRIx64, csr(&v, MCAUSE));
	vm_close(&v);
	vm_open(&v, false);
	enter_mode(&v, 1);
	ok = RUN(&v, MRET, NOP, NOP, MRET, END);
	CHECK("trap_mret_in_s",
	      ok && csr(&v, MCAUSE) == 2 && csr(&v, MEPC) == PROG + 12,
	      "mcause %" PRIx64, csr(&v, MCAUSE));
	vm_close(&v);

	/* sret back to U restores SIE from SPIE and sets SPIE. */
	vm_open(&v, false);
	enter_mode(&v, 1);
	set_csr(&v, SEPC, PROG + 20);
	set_csr(&v, MSTATUS, 1 << 11 | 1 << 5); /* MPP = S, SPIE */
	ok = RUN(&v, MRET, NOP, NOP, SRET, NOP, ECALL, END);
	CHECK("trap_sret",
	      ok && csr(&v, MCAUSE) == 8 && csr(&v, MEPC) == PROG + 20 &&
		      (csr(&v, MSTATUS) & 0x122) == 0x22,
	      "mcause %" PRIx64 " mepc %" PRIx64 " mstatus %" PRIx64,
	      csr(&v, MCAUSE), csr(&v, MEPC), csr(&v, MSTATUS));
	vm_close(&v);

	/* Misaligned AMO: store/AMO address misaligned, tval = address. */
	vm_open(&v, false);
	ops->set_reg(v.cpu, A0, DATA + 2);
	ok = RUN(&v, AMO(0, 2, S2, A0, A1), END);
	CHECK("trap_amo_misaligned",
	      ok && csr(&v, MCAUSE) == 6 && csr(&v, MTVAL) == DATA + 2,
	      "mcause %" PRIx64 " mtval %" PRIx64, csr(&v, MCAUSE),
	      csr(&v, MTVAL));
	vm_close(&v);
}

static void test_counters(void)
{
	struct vm v;
	bool ok;

	/* minstret counts retired instructions. */
	vm_open(&v, false);
	ok = RUN(&v, CSRRS(S2, 0xb02, 0), NOP, NOP, NOP, CSRRS(S3, 0xc02, 0),
		 END);
	CHECK("counter_instret", ok && reg(&v, S3) - reg(&v, S2) == 4,
	      "delta %" PRIu64, reg(&v, S3) - reg(&v, S2));
	vm_close(&v);

	/* A value written to minstret is what the next instruction sees. */
	vm_open(&v, false);
	ops->set_reg(v.cpu, A0, 1000);
	ok = RUN(&v, CSRRW(0, 0xb02, A0), CSRRS(S2, 0xb02, 0), END);
	CHECK("counter_instret_write", ok && reg(&v, S2) == 1000,
	      "got %" PRIu64, reg(&v, S2));
	vm_close(&v);

	/* mcountinhibit.IR stops minstret. */
	vm_open(&v, false);
	ops->set_reg(v.cpu, A0, 4);
	ok = RUN(&v, CSRRW(0, 0x320, A0), CSRRS(S2, 0xb02, 0), NOP, NOP,
		 CSRRS(S3, 0xb02, 0), END);
	CHECK("counter_inhibit", ok && reg(&v, S3) == reg(&v, S2),
	      "%" PRIu64 " -> %" PRIu64, reg(&v, S2), reg(&v, S3));
	vm_close(&v);

	/* U-mode: cycle needs mcounteren.CY and scounteren.CY. */
	vm_open(&v, false);
	enter_mode(&v, 0);
	set_csr(&v, 0x306, 1);
	ok = RUN(&v, MRET, NOP, NOP, CSRRS(S2, 0xc00, 0), END);
	CHECK("counter_u_needs_scounteren",
	      ok && csr(&v, MCAUSE) == 2 && csr(&v, MEPC) == PROG + 12 &&
		      csr(&v, MTVAL) == CSRRS(S2, 0xc00, 0),
	      "mcause %" PRIx64, csr(&v, MCAUSE));
	vm_close(&v);
	vm_open(&v, false);
	enter_mode(&v, 0);
	set_csr(&v, 0x306, 2);
	set_csr(&v, 0x106, 2);
	ok = RUN(&v, MRET, NOP, NOP, CSRRS(S2, 0xc01, 0), ECALL, END);
	CHECK("counter_u_time_allowed",
	      ok && csr(&v, MCAUSE) == 8 && reg(&v, S2) < 100000000,
	      "mcause %" PRIx64 " time %" PRIu64, csr(&v, MCAUSE), reg(&v, S2));
	vm_close(&v);

	/* S-mode: hpmcounter3 with mcounteren clear is illegal. */
	vm_open(&v, false);
	enter_mode(&v, 1);
	set_csr(&v, MSTATUS, 1 << 11);
	ok = RUN(&v, MRET, NOP, NOP, CSRRS(S2, 0xc03, 0), END);
	CHECK("counter_s_hpm_illegal", ok && csr(&v, MCAUSE) == 2,
	      "mcause %" PRIx64, csr(&v, MCAUSE));
	vm_close(&v);
}

static void test_interrupts(void)
{
	struct vm v;
	bool ok;

	/* MTIP line, MTIE and MIE set: taken before the first instruction. */
	vm_open(&v, false);
	set_csr(&v, 0x304, 1 << 7);
	set_csr(&v, MSTATUS, 1 << 3);
	ops->vcpu_set_irq(v.cpu, ACCEL_IRQ_MTIP, 1);
	ok = RUN(&v, NOP, END);
	CHECK("irq_mtip",
	      ok && csr(&v, MCAUSE) == (1ull << 63 | 7) &&
		      csr(&v, MEPC) == PROG &&
		      (csr(&v, MSTATUS) & 0x88) == 0x80 &&
		      (csr(&v, 0x344) & 0x80),
	      "mcause %" PRIx64 " mepc %" PRIx64, csr(&v, MCAUSE),
	      csr(&v, MEPC));
	vm_close(&v);

	/* Vectored mode; MEI outranks MTI. */
	vm_open(&v, false);
	set_csr(&v, 0x305, (RAM_BASE + 0x900) | 1);
	*(uint32_t *)guestmem_ptr(&v.mem, RAM_BASE + 0x900 + 4 * 11, 4) = END;
	set_csr(&v, 0x304, 1 << 7 | 1 << 11);
	set_csr(&v, MSTATUS, 1 << 3);
	ops->vcpu_set_irq(v.cpu, ACCEL_IRQ_MTIP, 1);
	ops->vcpu_set_irq(v.cpu, ACCEL_IRQ_MEIP, 1);
	ok = RUN(&v, NOP, END);
	CHECK("irq_vectored_priority",
	      ok && csr(&v, MCAUSE) == (1ull << 63 | 11) &&
		      reg(&v, ACCEL_REG_PC) == RAM_BASE + 0x900 + 44 + 4,
	      "mcause %" PRIx64 " pc %" PRIx64, csr(&v, MCAUSE),
	      reg(&v, ACCEL_REG_PC));
	vm_close(&v);

	/* Vectored mode: exceptions still go to the base. */
	vm_open(&v, false);
	set_csr(&v, 0x305, HALT | 1);
	ok = RUN(&v, NOP, ECALL, END);
	CHECK("trap_vectored_exception_at_base",
	      ok && csr(&v, MCAUSE) == 11 && reg(&v, ACCEL_REG_PC) == HALT + 4,
	      "mcause %" PRIx64 " pc %" PRIx64, csr(&v, MCAUSE),
	      reg(&v, ACCEL_REG_PC));
	vm_close(&v);

	/* Masked by MIE=0 in M: nothing taken. */
	vm_open(&v, false);
	set_csr(&v, 0x304, 1 << 7);
	ops->vcpu_set_irq(v.cpu, ACCEL_IRQ_MTIP, 1);
	ok = RUN(&v, NOP, END);
	CHECK("irq_masked_in_m",
	      ok && csr(&v, MCAUSE) == 0 && reg(&v, ACCEL_REG_PC) == PROG + 8,
	      "mcause %" PRIx64, csr(&v, MCAUSE));
	vm_close(&v);

	/* Delegated SSIP is taken in U even with SIE clear. */
	vm_open(&v, false);
	enter_mode(&v, 0);
	set_csr(&v, 0x303, 1 << 1);
	set_csr(&v, 0x304, 1 << 1);
	ok = RUN(&v, MRET, NOP, NOP, CSRRSI(0, 0x344, 2), NOP, END);
	/* the csrrsi from U is illegal: expect that first */
	CHECK("irq_csr_mip_from_u_illegal", ok && csr(&v, MCAUSE) == 2,
	      "mcause %" PRIx64, csr(&v, MCAUSE));
	vm_close(&v);
	vm_open(&v, false);
	enter_mode(&v, 0);
	set_csr(&v, 0x303, 1 << 1);
	set_csr(&v, 0x304, 1 << 1);
	ops->vcpu_set_irq(v.cpu, ACCEL_IRQ_SSIP, 1);
	ok = RUN(&v, MRET, NOP, NOP, NOP, END);
	CHECK("irq_ssip_delegated",
	      ok && csr(&v, SCAUSE) == (1ull << 63 | 1) &&
		      csr(&v, SEPC) == PROG + 12 && csr(&v, MCAUSE) == 0,
	      "scause %" PRIx64 " sepc %" PRIx64, csr(&v, SCAUSE),
	      csr(&v, SEPC));
	vm_close(&v);
}

struct delayed_irq {
	struct vm *v;
	unsigned irq;
	unsigned ms;
};

static void *raise_later(void *arg)
{
	struct delayed_irq *d = arg;

	usleep(d->ms * 1000);
	ops->vcpu_set_irq(d->v->cpu, d->irq, 1);
	return NULL;
}

static void test_wfi(void)
{
	struct vm v;
	struct delayed_irq d = {.v = &v, .irq = ACCEL_IRQ_MSIP, .ms = 50};
	pthread_t t;
	uint64_t t0, dt;
	bool ok;

	/* Global MIE off: WFI still wakes on mip & mie, then goes on. */
	vm_open(&v, false);
	set_csr(&v, 0x304, 1 << 3);
	pthread_create(&t, NULL, raise_later, &d);
	t0 = clock_now_ns();
	ok = RUN(&v, WFI, ADDI(S2, 0, 42), END);
	dt = clock_now_ns() - t0;
	pthread_join(t, NULL);
	CHECK("wfi_wake_by_irq",
	      ok && reg(&v, S2) == 42 && dt >= 40000000 && dt < 2000000000 &&
		      csr(&v, MCAUSE) == 0,
	      "s2 %" PRIu64 " slept %" PRIu64 " ns", reg(&v, S2), dt);
	vm_close(&v);

	/* With MIE on, the interrupt is taken with mepc after the WFI. */
	vm_open(&v, false);
	set_csr(&v, 0x304, 1 << 3);
	set_csr(&v, MSTATUS, 1 << 3);
	pthread_create(&t, NULL, raise_later, &d);
	ok = RUN(&v, WFI, ADDI(S2, 0, 42), END);
	pthread_join(t, NULL);
	CHECK("wfi_then_trap",
	      ok && csr(&v, MCAUSE) == (1ull << 63 | 3) &&
		      csr(&v, MEPC) == PROG + 4,
	      "mcause %" PRIx64 " mepc %" PRIx64, csr(&v, MCAUSE),
	      csr(&v, MEPC));
	vm_close(&v);

	/* WFI in U is illegal; in S with TW=1 too. */
	vm_open(&v, false);
	enter_mode(&v, 1);
	set_csr(&v, MSTATUS, 1 << 11 | 1 << 21);
	ok = RUN(&v, MRET, NOP, NOP, WFI, END);
	CHECK("wfi_tw", ok && csr(&v, MCAUSE) == 2 && csr(&v, MTVAL) == WFI,
	      "mcause %" PRIx64, csr(&v, MCAUSE));
	vm_close(&v);
}

static void test_atomics(void)
{
	struct vm v;
	bool ok;

	vm_open(&v, false);
	*ram64(&v, DATA) = 0x1122334455667788ull;
	*ram64(&v, DATA + 8) = 0x00000000fffffff0ull;
	ops->set_reg(v.cpu, A0, DATA);
	ops->set_reg(v.cpu, A1, 5);
	ops->set_reg(v.cpu, A2, DATA + 8);
	ok = RUN(&v, AMO(2, 3, S2, A0, 0), /* lr.d */
		 AMO(3, 3, S3, A0, A1),	   /* sc.d: succeeds */
		 AMO(3, 3, S4, A0, A1),	   /* sc.d again: fails */
		 AMO(0, 2, S5, A2, A1),	   /* amoadd.w */
		 AMO(0x10, 2, T0, A2, A1), /* amomin.w -11 vs 5 */
		 AMO(0x1c, 2, T1, A2, A1), /* amomaxu.w */
		 AMO(1, 3, T2, A0, A1),	   /* amoswap.d */
		 END);
	CHECK("lr_sc",
	      ok && reg(&v, S2) == 0x1122334455667788ull && reg(&v, S3) == 0 &&
		      reg(&v, S4) == 1,
	      "lr %" PRIx64 " sc %" PRIu64 " sc2 %" PRIu64, reg(&v, S2),
	      reg(&v, S3), reg(&v, S4));
	/* amoadd: old -16 (sign-extended); memory -11; min keeps -11. */
	CHECK("amo_word",
	      ok && reg(&v, S5) == (uint64_t)-16 &&
		      reg(&v, T0) == (uint64_t)-11 &&
		      reg(&v, T1) == (uint64_t)-11 &&
		      *ram64(&v, DATA + 8) == 0xfffffff5ull,
	      "add %" PRIx64 " min %" PRIx64 " maxu %" PRIx64 " mem %" PRIx64,
	      reg(&v, S5), reg(&v, T0), reg(&v, T1), *ram64(&v, DATA + 8));
	CHECK("amoswap_d", ok && reg(&v, T2) == 5 && *ram64(&v, DATA) == 5,
	      "old %" PRIx64 " mem %" PRIx64, reg(&v, T2), *ram64(&v, DATA));
	vm_close(&v);

	/* SC fails when memory changed since the LR. */
	vm_open(&v, false);
	*ram64(&v, DATA) = 7;
	ops->set_reg(v.cpu, A0, DATA);
	ops->set_reg(v.cpu, A1, 9);
	ops->set_reg(v.cpu, A2, 8);
	ok = RUN(&v, AMO(2, 3, S2, A0, 0), SD(A2, A0, 0), AMO(3, 3, S3, A0, A1),
		 END);
	CHECK("sc_after_store_fails",
	      ok && reg(&v, S3) == 1 && *ram64(&v, DATA) == 8,
	      "sc %" PRIu64 " mem %" PRIu64, reg(&v, S3), *ram64(&v, DATA));
	vm_close(&v);
}

static void test_fp(void)
{
	struct vm v;
	bool ok;

	/* FS = Off: FP instructions are illegal. */
	vm_open(&v, false);
	ok = RUN(&v, FP(0x00, 1, 2, 3, 0), END);
	CHECK("fp_fs_off_illegal",
	      ok && csr(&v, MCAUSE) == 2 &&
		      csr(&v, MTVAL) == FP(0x00, 1, 2, 3, 0),
	      "mcause %" PRIx64, csr(&v, MCAUSE));
	vm_close(&v);

	vm_open(&v, false);
	set_csr(&v, MSTATUS, 1 << 13);		  /* FS = Initial */
	*ram64(&v, DATA) = 0x000000003f800000ull; /* 1.0f, not boxed */
	ops->set_reg(v.cpu, A0, 0x3f800000);	  /* 1.0f */
	ops->set_reg(v.cpu, A1, DATA);
	ok = RUN(&v, FP(0x78, 1, A0, 0, 0), /* fmv.w.x f1 */
		 FP(0x00, 2, 1, 1, 0),	    /* fadd.s f2 = 2.0 */
		 FP(0x71, S2, 2, 0, 0),	    /* fmv.x.d */
		 FLD(3, A1, 0),		    /* f3 = unboxed */
		 FP(0x00, 4, 3, 1, 0),	    /* fadd.s: NaN */
		 FP(0x71, S3, 4, 0, 0),
		 FP(0x70, S4, 3, 0, 0), /* fmv.x.w: raw */
		 FP(0x10, 5, 3, 1, 0),	/* fsgnj.s */
		 FP(0x71, S5, 5, 0, 0), END);
	CHECK("fp_nan_boxing",
	      ok && reg(&v, S2) == 0xffffffff40000000ull &&
		      reg(&v, S3) == 0xffffffff7fc00000ull &&
		      reg(&v, S4) == 0x3f800000 &&
		      reg(&v, S5) == 0xffffffff7fc00000ull,
	      "add %" PRIx64 " nan %" PRIx64 " fmv %" PRIx64 " fsgnj %" PRIx64,
	      reg(&v, S2), reg(&v, S3), reg(&v, S4), reg(&v, S5));
	CHECK("fp_dirty",
	      (csr(&v, MSTATUS) & (3ull << 13 | 1ull << 63)) ==
		      (3ull << 13 | 1ull << 63),
	      "mstatus %" PRIx64, csr(&v, MSTATUS));
	vm_close(&v);

	/* Reserved rounding mode in frm with dyn: illegal. */
	vm_open(&v, false);
	set_csr(&v, MSTATUS, 1 << 13);
	set_csr(&v, 0x002, 5);
	ok = RUN(&v, FP(0x00, 1, 2, 3, 7), END);
	CHECK("fp_bad_frm", ok && csr(&v, MCAUSE) == 2, "mcause %" PRIx64,
	      csr(&v, MCAUSE));
	vm_close(&v);
}

static void test_host_sbi(void)
{
	struct vm v;
	struct accel_exit ex = {0};
	bool ok;

	vm_open(&v, true);
	CHECK("sbi_boot_state",
	      reg(&v, ACCEL_REG_PRIV) == 1 && csr(&v, 0x303) == 0x2666 &&
		      (csr(&v, 0x302) & (1 << 9 | 1 << 11)) == 0 &&
		      (csr(&v, 0x302) & (1 << 8 | 1 << 12)) ==
			      (1 << 8 | 1 << 12) &&
		      csr(&v, 0x30a) >> 63 == 1 &&
		      (csr(&v, MSTATUS) & 0x6000) == 0,
	      "priv %" PRIu64 " medeleg %" PRIx64 " menvcfg %" PRIx64,
	      reg(&v, ACCEL_REG_PRIV), csr(&v, 0x302), csr(&v, 0x30a));
	ops->set_reg(v.cpu, A7, 0x10);
	ops->set_reg(v.cpu, A6, 3);
	ops->set_reg(v.cpu, A0, 0x1234);
	{
		const uint32_t p[] = {ECALL, ADD(S2, A0, A1), END};

		load(&v, PROG, p, 3);
	}
	ok = run(&v, &ex) == ACCEL_EXIT_SBI;
	CHECK("sbi_exit",
	      ok && ex.sbi.ext == 0x10 && ex.sbi.fid == 3 &&
		      ex.sbi.args[0] == 0x1234 && reg(&v, ACCEL_REG_PC) == PROG,
	      "reason %d ext %" PRIx64, ex.reason, ex.sbi.ext);
	ex.sbi.error = -2;
	ex.sbi.value = 7;
	ok = run(&v, &ex) == ACCEL_EXIT_HTIF;
	CHECK("sbi_return",
	      ok && reg(&v, A0) == (uint64_t)-2 && reg(&v, A1) == 7 &&
		      reg(&v, S2) == 5,
	      "a0 %" PRIx64 " a1 %" PRIx64, reg(&v, A0), reg(&v, A1));
	vm_close(&v);

	/* Sstc: stimecmp in the past raises STIP, taken in S. */
	vm_open(&v, true);
	set_csr(&v, 0x104, 1 << 5); /* sie.STIE */
	set_csr(&v, 0x100, 1 << 1); /* sstatus.SIE */
	ops->set_reg(v.cpu, A0, 0);
	ok = RUN(&v, CSRRW(0, 0x14d, A0), NOP, NOP, END);
	CHECK("sstc_stip",
	      ok && csr(&v, SCAUSE) == (1ull << 63 | 5) &&
		      csr(&v, SEPC) == PROG + 4,
	      "scause %" PRIx64 " sepc %" PRIx64, csr(&v, SCAUSE),
	      csr(&v, SEPC));
	vm_close(&v);

	/* Without menvcfg.STCE, stimecmp is illegal in S. */
	vm_open(&v, true);
	set_csr(&v, 0x30a, 0);
	ok = RUN(&v, CSRRS(S2, 0x14d, 0), END);
	/* (illegal instruction is delegated to S in this boot mode) */
	CHECK("sstc_disabled_illegal",
	      ok && csr(&v, SCAUSE) == 2 && csr(&v, SEPC) == PROG,
	      "scause %" PRIx64, csr(&v, SCAUSE));
	vm_close(&v);
}

static void test_htif_and_kick(void)
{
	struct vm v;
	struct accel_exit ex = {0};
	bool ok;

	vm_open(&v, false);
	ops->set_reg(v.cpu, A0, 0x0101000000000041ull);
	{
		const uint32_t p[] = {SD(A0, 31, 0), LD(S2, 31, 8), END};

		load(&v, PROG, p, 3);
	}
	ok = run(&v, &ex) == ACCEL_EXIT_HTIF;
	CHECK("htif_tohost",
	      ok && ex.htif.tohost == 0x0101000000000041ull &&
		      *ram64(&v, TOHOST) == 0,
	      "tohost %" PRIx64, ex.htif.tohost);
	ex.htif.reply = true;
	ex.htif.fromhost = 0x77;
	ok = run(&v, &ex) == ACCEL_EXIT_HTIF;
	CHECK("htif_fromhost", ok && reg(&v, S2) == 0x77, "s2 %" PRIx64,
	      reg(&v, S2));
	vm_close(&v);

	/* Storing zero to tohost is no command: the hart goes on. */
	vm_open(&v, false);
	ok = RUN(&v, SD(0, 31, 0), ADDI(S3, 0, 9), END);
	CHECK("htif_zero_ignored", ok && reg(&v, S3) == 9, "s3 %" PRIu64,
	      reg(&v, S3));
	vm_close(&v);

	vm_open(&v, false);
	ops->vcpu_kick(v.cpu);
	{
		const uint32_t p[] = {END};

		load(&v, PROG, p, 1);
	}
	CHECK("kick",
	      run(&v, &ex) == ACCEL_EXIT_KICK && reg(&v, ACCEL_REG_PC) == PROG,
	      "reason %d", ex.reason);
	CHECK("kick_once", run(&v, &ex) == ACCEL_EXIT_HTIF, "reason %d",
	      ex.reason);
	vm_close(&v);
}

static void test_fence_i(void)
{
	struct vm v;
	bool ok;

	/* A patched instruction is seen after fence.i. */
	vm_open(&v, false);
	ops->set_reg(v.cpu, A0, PROG + 4 * 4);
	ops->set_reg(v.cpu, A1, ADDI(S2, S2, 100));
	ops->set_reg(v.cpu, A2, 2);
	/* loop twice over the patched slot: ADDI s2,+1 then +100 */
	ok = RUN(&v, NOP, NOP, NOP, NOP, ADDI(S2, S2, 1), /* 16: patched */
		 ADDI(A2, A2, -1), SW(A1, A0, 0), FENCE_I, BNE(A2, 0, -16),
		 END);
	CHECK("fence_i", ok && reg(&v, S2) == 101, "s2 %" PRIu64, reg(&v, S2));
	vm_close(&v);
}

static void test_csr_views(void)
{
	struct vm v;
	bool ok;

	/* sie/sip are mie/mip through mideleg; sstatus masks M fields. */
	vm_open(&v, false);
	set_csr(&v, 0x303, 1 << 1 | 1 << 5); /* SSIP, STIP delegated */
	ops->set_reg(v.cpu, A0, -1);
	ok = RUN(&v, CSRRW(0, 0x104, A0), CSRRS(S2, 0x304, 0), /* sie */
		 CSRRW(0, 0x344, A0), CSRRS(S3, 0x144, 0),     /* mip, sip */
		 CSRRS(S4, 0x344, 0), CSRRW(0, 0x100, A0),
		 CSRRS(S5, 0x100, 0), /* sstatus */
		 CSRRS(T0, MSTATUS, 0), END);
	CHECK("csr_sie_view", ok && reg(&v, S2) == 0x22, "mie %" PRIx64,
	      reg(&v, S2));
	/*
	 * Without Sstc, M writes SSIP, STIP and SEIP, VSSIP (hvip's) and
	 * LCOFIP (Sscofpmf); sip shows the 2 delegated ones.
	 */
	CHECK("csr_sip_view",
	      ok && reg(&v, S4) == 0x2226 && reg(&v, S3) == 0x22,
	      "mip %" PRIx64 " sip %" PRIx64, reg(&v, S4), reg(&v, S3));
	CHECK("csr_sstatus_view",
	      ok && reg(&v, S5) == 0x80000002000c6722ull &&
		      (reg(&v, T0) & 0x1888) == 0,
	      "sstatus %" PRIx64 " mstatus %" PRIx64, reg(&v, S5), reg(&v, T0));
	vm_close(&v);

	/* With menvcfg.STCE, mip.STIP follows stimecmp, not writes. */
	vm_open(&v, false);
	ops->set_reg(v.cpu, A0, 1ull << 63);
	ops->set_reg(v.cpu, A1, 1 << 5);
	ops->set_reg(v.cpu, A2, -1);
	ok = RUN(&v, CSRRW(0, 0x30a, A0), CSRRW(0, 0x14d, A2),
		 CSRRS(0, 0x344, A1), CSRRS(S2, 0x344, 0), CSRRW(0, 0x14d, 0),
		 CSRRS(S3, 0x344, 0), END);
	CHECK("csr_stip_sstc", ok && reg(&v, S2) == 0 && reg(&v, S3) == 0x20,
	      "mip %" PRIx64 " then %" PRIx64, reg(&v, S2), reg(&v, S3));
	vm_close(&v);

	/* fcsr: fflags and frm are its fields; FS off makes them illegal */
	vm_open(&v, false);
	set_csr(&v, MSTATUS, 1 << 13);
	ops->set_reg(v.cpu, A0, 0xff);
	ok = RUN(&v, CSRRW(0, 0x003, A0), CSRRS(S2, 0x001, 0),
		 CSRRS(S3, 0x002, 0), CSRRWI(0, 0x002, 1), CSRRS(S4, 0x003, 0),
		 END);
	CHECK("csr_fcsr_fields",
	      ok && reg(&v, S2) == 0x1f && reg(&v, S3) == 7 &&
		      reg(&v, S4) == 0x3f,
	      "fflags %" PRIx64 " frm %" PRIx64 " fcsr %" PRIx64, reg(&v, S2),
	      reg(&v, S3), reg(&v, S4));
	vm_close(&v);
	vm_open(&v, false);
	ok = RUN(&v, CSRRS(S2, 0x003, 0), END);
	CHECK("csr_fcsr_fs_off", ok && csr(&v, MCAUSE) == 2, "mcause %" PRIx64,
	      csr(&v, MCAUSE));
	vm_close(&v);

	/* TVM: satp and sfence.vma from S are illegal. */
	vm_open(&v, false);
	enter_mode(&v, 1);
	set_csr(&v, MSTATUS, 1 << 11 | 1 << 20);
	ok = RUN(&v, MRET, NOP, NOP, CSRRS(S2, 0x180, 0), END);
	CHECK("csr_tvm_satp",
	      ok && csr(&v, MCAUSE) == 2 && csr(&v, MEPC) == PROG + 12,
	      "mcause %" PRIx64, csr(&v, MCAUSE));
	vm_close(&v);
	vm_open(&v, false);
	enter_mode(&v, 1);
	set_csr(&v, MSTATUS, 1 << 11 | 1 << 20);
	ok = RUN(&v, MRET, NOP, NOP, r_type(0x09, 0, 0, 0, 0, 0x73), END);
	CHECK("csr_tvm_sfence",
	      ok && csr(&v, MCAUSE) == 2 && csr(&v, MEPC) == PROG + 12,
	      "mcause %" PRIx64, csr(&v, MCAUSE));
	vm_close(&v);

	/* A U-mode access to an S CSR is illegal. */
	vm_open(&v, false);
	enter_mode(&v, 0);
	ok = RUN(&v, MRET, NOP, NOP, CSRRS(S2, 0x100, 0), END);
	CHECK("csr_priv_level",
	      ok && csr(&v, MCAUSE) == 2 && csr(&v, MEPC) == PROG + 12,
	      "mcause %" PRIx64, csr(&v, MCAUSE));
	vm_close(&v);
}

static void test_seip_rmw(void)
{
	struct vm v;
	bool ok;

	/*
	 * mip.SEIP reads as the software bit OR the external line, but
	 * only the software bit takes part in csrrs/csrrc's write.
	 */
	vm_open(&v, false);
	ops->vcpu_set_irq(v.cpu, ACCEL_IRQ_SEIP, 1);
	ok = RUN(&v, CSRRSI(S2, 0x344, 2), CSRRS(S3, 0x344, 0), END);
	ops->vcpu_set_irq(v.cpu, ACCEL_IRQ_SEIP, 0);
	CHECK("csr_mip_seip_rmw",
	      ok && reg(&v, S2) == 0x200 && reg(&v, S3) == 0x202 &&
		      csr(&v, 0x344) == 0x2,
	      "before %" PRIx64 " after %" PRIx64 " line low %" PRIx64,
	      reg(&v, S2), reg(&v, S3), csr(&v, 0x344));
	vm_close(&v);
}

static void test_cbo(void)
{
	struct vm v;
	bool ok;

	vm_open(&v, false);
	memset(guestmem_ptr(&v.mem, DATA, 128), 0xaa, 128);
	ops->set_reg(v.cpu, A0, DATA + 64 + 17);
	ok = RUN(&v, i_type(4, A0, 2, 0, 0x0f), END); /* cbo.zero */
	CHECK("cbo_zero",
	      ok && *ram64(&v, DATA + 56) == 0xaaaaaaaaaaaaaaaaull &&
		      *ram64(&v, DATA + 64) == 0 && *ram64(&v, DATA + 120) == 0,
	      "%" PRIx64 " %" PRIx64, *ram64(&v, DATA + 64),
	      *ram64(&v, DATA + 120));
	vm_close(&v);

	/* In S without menvcfg.CBZE: illegal. */
	vm_open(&v, false);
	enter_mode(&v, 1);
	set_csr(&v, MSTATUS, 1 << 11);
	ops->set_reg(v.cpu, A0, DATA);
	ok = RUN(&v, MRET, NOP, NOP, i_type(4, A0, 2, 0, 0x0f), END);
	CHECK("cbo_zero_disabled", ok && csr(&v, MCAUSE) == 2,
	      "mcause %" PRIx64, csr(&v, MCAUSE));
	vm_close(&v);
	/* U needs senvcfg too for cbo.flush. */
	vm_open(&v, false);
	enter_mode(&v, 0);
	set_csr(&v, 0x30a, 1 << 6);
	ops->set_reg(v.cpu, A0, DATA);
	ok = RUN(&v, MRET, NOP, NOP, i_type(2, A0, 2, 0, 0x0f), END);
	CHECK("cbo_flush_u_senvcfg", ok && csr(&v, MCAUSE) == 2,
	      "mcause %" PRIx64, csr(&v, MCAUSE));
	vm_close(&v);
}

struct poker {
	struct vm *v;
	int what;	   /* 0 kick, 1 fence */
	uint64_t fence_ns; /* how long vcpu_fence took */
};

static void *poke_later(void *arg)
{
	struct poker *p = arg;
	uint64_t t0;

	usleep(30000);
	if (p->what) {
		t0 = clock_now_ns();
		ops->vcpu_fence(p->v->cpu, ACCEL_FENCE_I | ACCEL_FENCE_VMA);
		p->fence_ns = clock_now_ns() - t0;
		ops->vcpu_kick(p->v->cpu);
	} else {
		ops->vcpu_kick(p->v->cpu);
	}
	return NULL;
}

static void test_remote(void)
{
	struct vm v;
	struct accel_exit ex = {0};
	struct poker p = {.v = &v};
	pthread_t t;
	uint64_t t0, dt;

	/* A kick from another thread ends a run that would never end. */
	vm_open(&v, false);
	{
		const uint32_t prog[] = {ADDI(A0, A0, 1), BNE(0, 31, -4)};

		load(&v, PROG, prog, 2);
	}
	pthread_create(&t, NULL, poke_later, &p);
	run(&v, &ex);
	pthread_join(t, NULL);
	CHECK("kick_running",
	      ex.reason == ACCEL_EXIT_KICK && reg(&v, A0) > 1000,
	      "reason %d a0 %" PRIu64, ex.reason, reg(&v, A0));
	/*
	 * A fence on a running hart returns once applied: well before
	 * vcpu_fence's own time limit, and the hart goes on running.
	 */
	p.what = 1;
	pthread_create(&t, NULL, poke_later, &p);
	t0 = clock_now_ns();
	run(&v, &ex);
	dt = clock_now_ns() - t0;
	pthread_join(t, NULL);
	CHECK("fence_running",
	      ex.reason == ACCEL_EXIT_KICK && p.fence_ns < 50000000 &&
		      dt < 2000000000,
	      "reason %d fence took %" PRIu64 " ns", ex.reason, p.fence_ns);
	vm_close(&v);
}

/*
 * sfence.vma with an address: fetches there see the new translation.
 * S-mode under Sv39: RAM is an identity gigapage, and the page at
 * 0x40000000 maps first code that sets s2 = 1, then code that sets 2.
 */
static void test_sfence_remap(void)
{
	const uint64_t root = RAM_BASE + 0x10000, l1 = root + 0x1000,
		       l0 = root + 0x2000, page_a = RAM_BASE + 0x20000,
		       page_b = RAM_BASE + 0x21000, va = 0x40000000;
	const uint32_t code_a[] = {ADDI(S2, 0, 1), i_type(0, 1, 0, 0, 0x67)};
	const uint32_t code_b[] = {ADDI(S2, 0, 2), i_type(0, 1, 0, 0, 0x67)};
	struct vm v;
	bool ok;

	vm_open(&v, false);
	*ram64(&v, root + 2 * 8) = (RAM_BASE >> 12) << 10 | 0xcf;
	*ram64(&v, root + 1 * 8) = (l1 >> 12) << 10 | 1;
	*ram64(&v, l1) = (l0 >> 12) << 10 | 1;
	*ram64(&v, l0) = (page_a >> 12) << 10 | 0xcb; /* V R X A D */
	load(&v, page_a, code_a, 2);
	load(&v, page_b, code_b, 2);
	enter_mode(&v, 1);
	set_csr(&v, MSTATUS, 1 << 11);
	set_csr(&v, 0x180, 8ull << 60 | root >> 12);
	ops->set_reg(v.cpu, A0, va);
	ops->set_reg(v.cpu, A1, l0);
	ops->set_reg(v.cpu, A2, (page_b >> 12) << 10 | 0xcb);
	ok = RUN(&v, MRET, NOP, NOP, i_type(0, A0, 0, 1, 0x67), /* call va */
		 ADD(S3, S2, 0), SD(A2, A1, 0),
		 r_type(0x09, 0, A0, 0, 0, 0x73), /* sfence.vma a0 */
		 i_type(0, A0, 0, 1, 0x67), END);
	CHECK("sfence_va_remap",
	      ok && reg(&v, S3) == 1 && reg(&v, S2) == 2 &&
		      csr(&v, MCAUSE) == 0,
	      "first %" PRIu64 " then %" PRIu64 " mcause %" PRIx64, reg(&v, S3),
	      reg(&v, S2), csr(&v, MCAUSE));
	vm_close(&v);
}

static void test_perf(void)
{
	const uint32_t prog[] = {ADDI(A0, A0, -1), ADDI(A1, A1, 1),
				 BNE(A0, 0, -8), END};
	struct accel_exit ex = {0};
	struct vm v;
	uint64_t t0, dt, n = 30000000;
	bool ok;

	/* A 3-instruction loop; slow builds (sanitizers) get time. */
	vm_open(&v, false);
	load(&v, PROG, prog, 4);
	ops->set_reg(v.cpu, A0, n / 3);
	t0 = clock_now_ns();
	ok = run_for(&v, &ex, 60000) == ACCEL_EXIT_HTIF;
	dt = clock_now_ns() - t0;
	printf("# %.1f M instructions/s\n", (double)n * 1000.0 / dt);
	CHECK("perf_loop", ok && reg(&v, A1) == n / 3, "a1 %" PRIu64,
	      reg(&v, A1));
	vm_close(&v);
}

/*
 * Guest debugging (set_debug, vcpu_access): a breakpoint stops the hart
 * before the instruction, a step after one instruction, a watchpoint
 * after the access; a debugger reads and writes memory as the hart sees
 * it, without traps.
 */
static void test_debug(void)
{
	struct accel_debug d = {0};
	struct accel_exit ex = {0};
	uint64_t word = 0;
	struct vm v;
	bool ok;

	vm_open(&v, false);
	ops->set_reg(v.cpu, A1, DATA);
	{
		const uint32_t prog[] = {ADDI(A0, 0, 1),  ADDI(A0, A0, 2),
					 ADDI(A0, A0, 4), SD(A0, A1, 0),
					 ADDI(A0, A0, 8), END};

		load(&v, PROG, prog, 6);
	}
	d.nbreak = 1;
	d.breaks[0] = PROG + 8;
	ok = ops->set_debug(v.cpu, &d) == 0 && run(&v, &ex) == ACCEL_EXIT_DEBUG;
	CHECK("debug_breakpoint",
	      ok && ex.debug.kind == ACCEL_DEBUG_BREAK &&
		      ex.debug.pc == PROG + 8 && reg(&v, A0) == 3,
	      "kind %d pc %" PRIx64 " a0 %" PRIu64, ex.debug.kind, ex.debug.pc,
	      reg(&v, A0));
	d = (struct accel_debug){.step = true};
	ok = ops->set_debug(v.cpu, &d) == 0 && run(&v, &ex) == ACCEL_EXIT_DEBUG;
	CHECK("debug_step",
	      ok && ex.debug.kind == ACCEL_DEBUG_STEP &&
		      ex.debug.pc == PROG + 12 && reg(&v, A0) == 7,
	      "kind %d pc %" PRIx64 " a0 %" PRIu64, ex.debug.kind, ex.debug.pc,
	      reg(&v, A0));
	d = (struct accel_debug){.nwatch = 1};
	d.watches[0].addr = DATA + 4;
	d.watches[0].len = 4;
	d.watches[0].write = true;
	ok = ops->set_debug(v.cpu, &d) == 0 && run(&v, &ex) == ACCEL_EXIT_DEBUG;
	/* Before the store: its pc, and memory not yet written. */
	CHECK("debug_watchpoint",
	      ok && ex.debug.kind == ACCEL_DEBUG_WATCH &&
		      ex.debug.addr == DATA + 4 && ex.debug.pc == PROG + 12 &&
		      *ram64(&v, DATA) == 0,
	      "kind %d pc %" PRIx64 " addr %" PRIx64, ex.debug.kind,
	      ex.debug.pc, ex.debug.addr);
	ok = run(&v, &ex) == ACCEL_EXIT_DEBUG;
	CHECK("debug_watchpoint_again",
	      ok && ex.debug.kind == ACCEL_DEBUG_WATCH &&
		      ex.debug.pc == PROG + 12 && *ram64(&v, DATA) == 0,
	      "kind %d pc %" PRIx64, ex.debug.kind, ex.debug.pc);
	d = (struct accel_debug){0};
	ok = ops->set_debug(v.cpu, &d) == 0 && run(&v, &ex) == ACCEL_EXIT_HTIF;
	CHECK("debug_off_runs_on", ok && reg(&v, A0) == 15, "a0 %" PRIu64,
	      reg(&v, A0));
	ok = ops->vcpu_access(v.cpu, DATA, &word, 8, false) == 0 && word == 7;
	word = 0x1122334455667788ull;
	ok = ok && ops->vcpu_access(v.cpu, DATA + 8, &word, 8, true) == 0 &&
	     *ram64(&v, DATA + 8) == word;
	CHECK("debug_memory_access",
	      ok && ops->vcpu_access(v.cpu, 0x1000, &word, 8, false) == -EFAULT,
	      "read %" PRIx64, word);
	vm_close(&v);
}

/* Bit @page of a dirty log taken over all of RAM. */
static bool dirty(const uint64_t *log, uint64_t gpa)
{
	uint64_t page = (gpa - RAM_BASE) >> 12;

	return (log[page / 64] >> (page % 64)) & 1;
}

static unsigned dirty_count(const uint64_t *log)
{
	unsigned n = 0;

	for (unsigned i = 0; i < RAM_SIZE / 4096 / 64; i++)
		n += __builtin_popcountll(log[i]);
	return n;
}

/*
 * Dirty logging (map_ram with ACCEL_MEM_DIRTY_LOG, get_dirty_log): the
 * pages the guest wrote since the last look, each look clearing the
 * record; a page written again after a look shows again, whether the
 * hart's TLB already held it or not; a device's DMA counts too.
 */
static void test_dirty_log(void)
{
	static uint64_t log[RAM_SIZE / 4096 / 64];
	struct vm v;
	bool ok;

	vm_open(&v, false);
	ok = ops->map_ram(v.vm, RAM_BASE, v.mem.host, RAM_SIZE,
			  ACCEL_MEM_DIRTY_LOG) == 0 &&
	     ops->get_dirty_log(v.vm, RAM_BASE, RAM_SIZE, log) == 0;
	ops->set_reg(v.cpu, A1, DATA);
	ops->set_reg(v.cpu, A2, DATA + 0x3000);
	ok = ok && RUN(&v, SD(A1, A1, 0), SD(A1, A1, 8), END) &&
	     ops->get_dirty_log(v.vm, RAM_BASE, RAM_SIZE, log) == 0;
	/* The program's page (loaded), DATA, and the tohost word. */
	CHECK("dirty_log_first",
	      ok && dirty(log, DATA) && dirty(log, TOHOST) &&
		      dirty(log, PROG) && !dirty(log, DATA + 0x3000) &&
		      dirty_count(log) == 3,
	      "%u pages", dirty_count(log));
	ops->set_reg(v.cpu, ACCEL_REG_PC, PROG);
	ok = RUN(&v, SD(A2, A2, 0), END) &&
	     ops->get_dirty_log(v.vm, RAM_BASE, RAM_SIZE, log) == 0;
	/* (loading the program dirtied PROG's page too) */
	CHECK("dirty_log_cleared_then_new",
	      ok && !dirty(log, DATA) && dirty(log, DATA + 0x3000), "%u pages",
	      dirty_count(log));
	/* The TLB holds DATA writable from the first run: written again. */
	ops->set_reg(v.cpu, ACCEL_REG_PC, PROG);
	ok = RUN(&v, SD(A1, A1, 16), END) &&
	     ops->get_dirty_log(v.vm, RAM_BASE, RAM_SIZE, log) == 0;
	CHECK("dirty_log_again_through_tlb", ok && dirty(log, DATA), "%u pages",
	      dirty_count(log));
	guestmem_written(&v.mem, DATA + 0x5000, 100);
	ok = ops->get_dirty_log(v.vm, RAM_BASE, RAM_SIZE, log) == 0;
	CHECK("dirty_log_dma",
	      ok && dirty(log, DATA + 0x5000) && dirty_count(log) == 1,
	      "%u pages", dirty_count(log));
	vm_close(&v);
}

/*
 * While the hart stores to DATA: starts logging, then takes the log twice,
 * then stops the hart.
 */
struct logger {
	struct vm *v;
	bool started, first, second;
};

static void *log_later(void *arg)
{
	static uint64_t log[RAM_SIZE / 4096 / 64];
	struct logger *l = arg;
	struct vm *v = l->v;

	usleep(30000);
	l->started = ops->map_ram(v->vm, RAM_BASE, v->mem.host, RAM_SIZE,
				  ACCEL_MEM_DIRTY_LOG) == 0;
	usleep(30000);
	l->first = ops->get_dirty_log(v->vm, RAM_BASE, RAM_SIZE, log) == 0 &&
		   dirty(log, DATA);
	usleep(30000);
	l->second = ops->get_dirty_log(v->vm, RAM_BASE, RAM_SIZE, log) == 0 &&
		    dirty(log, DATA);
	ops->vcpu_kick(v->cpu);
	return NULL;
}

/*
 * A hart that stores to the same page for as long as it runs, its
 * translations of the page hot before logging begins: every look at the
 * log while it runs shows the page, the first and the next.
 */
static void test_dirty_log_running(void)
{
	struct vm v;
	struct accel_exit ex = {0};
	struct logger l = {.v = &v};
	pthread_t t;

	vm_open(&v, false);
	{
		const uint32_t prog[] = {SD(A1, A1, 0), ADDI(A0, A0, 1),
					 BNE(0, 31, -8)};

		load(&v, PROG, prog, 3);
	}
	ops->set_reg(v.cpu, A1, DATA);
	pthread_create(&t, NULL, log_later, &l);
	run(&v, &ex);
	pthread_join(t, NULL);
	CHECK("dirty_log_running",
	      ex.reason == ACCEL_EXIT_KICK && l.started && l.first && l.second,
	      "reason %d started %d first %d second %d", ex.reason, l.started,
	      l.first, l.second);
	vm_close(&v);
}

/* Whether @a and @b hold the same (id, value) pairs, in any order. */
static bool same_state(const struct accel_hart_state *a,
		       const struct accel_hart_state *b, uint32_t *diff)
{
	if (a->count != b->count) {
		*diff = UINT32_MAX;
		return false;
	}
	for (uint32_t i = 0; i < a->count; i++) {
		uint64_t v;

		if (accel_state_get(b, a->regs[i].id, &v) ||
		    v != a->regs[i].val) {
			*diff = a->regs[i].id;
			return false;
		}
	}
	return true;
}

/*
 * The hart state record round-trips: a hart mid-program, with a locked
 * PMP entry, a software-set SEIP, H-extension state and FP state, is
 * saved and restored into a hart of another VM (with a copy of RAM);
 * reading it back gives the same record, and both harts then run the
 * rest of the program to the same registers.
 */
/*
 * The vector state in the record: registers (64-bit chunks), vl, vtype,
 * vstart, vxrm, vxsat; a hart restored from it computes the same.
 */
static void test_state_vector(void)
{
	static struct accel_hart_state st, end1, end2;
	struct vm a, b;
	struct accel_exit ex = {0};
	uint32_t diff = 0;
	uint64_t v = 0;
	bool ok;

	vm_open(&a, false);
	vm_open(&b, false);
	set_csr(&a, 0x300, 3ull << 9); /* mstatus.VS Dirty */
	ok = RUN(&a, 0x0d107557,       /* vsetvli a0,zero,e32,m2,ta,ma */
		 0x5208a457,	       /* vid.v v8 */
		 0x0282b657,	       /* vadd.vi v12,v8,5 */
		 0x42c025d7,	       /* vmv.x.s a1,v12 */
		 0x00a15073,	       /* csrwi vxrm,2 */
		 0x0090d073,	       /* csrwi vxsat,1 */
		 END);
	set_csr(&a, 0x008, 3); /* vstart */
	ok = ok && ops->get_state(a.cpu, &st) == 0;
	CHECK("state_vector_get",
	      ok && accel_state_get(&st, ACCEL_REG_V0 + 32 * 12, &v) == 0 &&
		      v == 0x0000000600000005ull &&
		      accel_state_get(&st, ACCEL_REG_V0 + 32 * 13 + 1, &v) ==
			      0 &&
		      v == 0x0000000c0000000bull,
	      "v12/v13 chunk %" PRIx64, v);
	CHECK("state_vector_csrs",
	      accel_state_get(&st, ACCEL_REG_CSR0 + 0xc20, &v) == 0 && v == 8 &&
		      accel_state_get(&st, ACCEL_REG_CSR0 + 0x00a, &v) == 0 &&
		      v == 2 &&
		      accel_state_get(&st, ACCEL_REG_CSR0 + 0x008, &v) == 0 &&
		      v == 3,
	      "vl/vxrm/vstart");
	/* A chunk past this hart's VLEN: a record of another hart. */
	{
		static struct accel_hart_state wide;

		wide = st;
		accel_state_put(&wide, ACCEL_REG_V0 + 32 * 2 + 2, 1);
		CHECK("state_vector_vlen_checked",
		      ops->set_state(b.cpu, &wide) == -EINVAL, "accepted");
	}
	ok = ops->set_state(b.cpu, &st) == 0;
	set_csr(&a, 0x008, 0);
	set_csr(&b, 0x008, 0);
	{
		const uint32_t rest[] = {
			0x96c62757, /* vmul.vv v14,v12,v12 */
			0x02e62857, /* vredsum.vs v16,v14,v12 */
			0x43002657, /* vmv.x.s a2,v16 */
			0x42f026d7, /* vmv.x.s a3,v15 */
			END,
		};

		load(&a, PROG + 0x100, rest, 5);
		load(&b, PROG + 0x100, rest, 5);
		ops->set_reg(a.cpu, ACCEL_REG_PC, PROG + 0x100);
		ops->set_reg(b.cpu, ACCEL_REG_PC, PROG + 0x100);
		ok = ok && run(&a, &ex) == ACCEL_EXIT_HTIF &&
		     run(&b, &ex) == ACCEL_EXIT_HTIF &&
		     ops->get_state(a.cpu, &end1) == 0 &&
		     ops->get_state(b.cpu, &end2) == 0;
	}
	/* 5 + the sum of (i + 5)^2 for i < 8; v15[0] is element 4: 9^2 */
	CHECK("state_vector_restored_runs_alike",
	      ok && same_state(&end1, &end2, &diff) && reg(&b, A0 + 2) == 625 &&
		      reg(&b, A0 + 3) == 81,
	      "first difference at id %#x, a2 %" PRIu64 " a3 %" PRIu64, diff,
	      reg(&b, A0 + 2), reg(&b, A0 + 3));
	vm_close(&a);
	vm_close(&b);
}

static void test_state_round_trip(void)
{
	static struct accel_hart_state st, st2, end1, end2;
	struct vm a, b;
	struct accel_exit ex = {0};
	uint32_t diff = 0;
	bool ok;

	vm_open(&a, false);
	vm_open(&b, false);
	/* First part: arithmetic and memory, ending with a tohost store. */
	ops->set_reg(a.cpu, A0, 0x1234);
	ops->set_reg(a.cpu, A1, DATA);
	ok = RUN(&a, ADDI(A2, A0, 5), SLLI(A3, A2, 7), SD(A3, A1, 0),
		 LD(A4, A1, 0), ADD(A5, A4, A2), END);
	/* State no instruction above made: locks, latches, H, FP. */
	set_csr(&a, 0x3b0, 0x20000000);		     /* pmpaddr0 */
	set_csr(&a, 0x3a0, 0x80 | 0x08 | 0x7);	     /* pmpcfg0: L TOR RWX */
	set_csr(&a, 0x344, 1 << 9);		     /* mip.SEIP, software */
	set_csr(&a, 0x600, 1ull << 8 | 1ull << 21);  /* hstatus SPVP VTW */
	set_csr(&a, 0x680, 8ull << 60 | 5ull << 44); /* hgatp Sv39x4, VMID */
	set_csr(&a, 0x645, 1 << 10);		     /* hvip.VSEIP */
	set_csr(&a, 0x240, 0xfeed);		     /* vsscratch */
	set_csr(&a, 0x003, 0x65);		     /* fcsr */
	ops->set_reg(a.cpu, ACCEL_REG_F0 + 3, 0x400921fb54442d18ull);
	ok = ok && ops->get_state(a.cpu, &st) == 0;
	CHECK("state_get",
	      ok && st.version == ACCEL_STATE_VERSION && st.count > 100,
	      "version %u count %u", st.version, st.count);
	memcpy(b.mem.host, a.mem.host, RAM_SIZE);
	ok = ok && ops->set_state(b.cpu, &st) == 0 &&
	     ops->get_state(b.cpu, &st2) == 0;
	CHECK("state_round_trip", ok && same_state(&st, &st2, &diff),
	      "first difference at id %#x", diff);
	/* The lock held across: pmpcfg0 cannot be changed now. */
	set_csr(&b, 0x3a0, 0);
	CHECK("state_pmp_lock_kept", (csr(&b, 0x3a0) & 0xff) == 0x8f,
	      "pmpcfg0 %" PRIx64, csr(&b, 0x3a0));
	CHECK("state_seip_latch_kept", (csr(&b, 0x344) & (1 << 9)) != 0,
	      "mip %" PRIx64, csr(&b, 0x344));
	/* Both go on from the same pc through the same code. */
	{
		const uint32_t rest[] = {
			ADDI(A2, A2, 1), MULDIV(0, S2, A2, A3), SD(S2, A1, 8),
			LD(S3, A1, 8),	 CSRRS(S4, 0x240, 0),	END};

		load(&a, PROG + 0x100, rest, 6);
		load(&b, PROG + 0x100, rest, 6);
		ops->set_reg(a.cpu, ACCEL_REG_PC, PROG + 0x100);
		ops->set_reg(b.cpu, ACCEL_REG_PC, PROG + 0x100);
		ok = run(&a, &ex) == ACCEL_EXIT_HTIF &&
		     run(&b, &ex) == ACCEL_EXIT_HTIF &&
		     ops->get_state(a.cpu, &end1) == 0 &&
		     ops->get_state(b.cpu, &end2) == 0;
	}
	CHECK("state_restored_runs_alike",
	      ok && same_state(&end1, &end2, &diff) && reg(&b, S4) == 0xfeed,
	      "first difference at id %#x", diff);
	/* A record of another version is refused. */
	st.version = ACCEL_STATE_VERSION + 1;
	CHECK("state_version_checked", ops->set_state(b.cpu, &st) == -EINVAL,
	      "accepted");
	vm_close(&a);
	vm_close(&b);
}

int main(void)
{
	test_div_edge_cases();
	test_mulh();
	test_x0_and_bitmanip();
	test_csr_warl();
	test_csr_views();
	test_seip_rmw();
	test_cbo();
	test_traps();
	test_counters();
	test_interrupts();
	test_wfi();
	test_atomics();
	test_fp();
	test_host_sbi();
	test_htif_and_kick();
	test_fence_i();
	test_remote();
	test_sfence_remap();
	test_perf();
	test_state_round_trip();
	test_state_vector();
	test_dirty_log();
	test_dirty_log_running();
	test_debug();
	return failures ? 1 : 0;
}
