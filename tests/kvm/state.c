// SPDX-License-Identifier: MIT
/*
 * A running KVM guest's hart saved and restored: a small S-mode program
 * runs rounds of integer, floating-point and CSR work, reporting each
 * round through an SBI call; midway the hart is saved (get_state, with
 * its RAM), and a second VM restored from that (set_state) must finish
 * exactly as the first one does. Also: get then set then get gives the
 * same record, the record holds what the guest set, and the dirty log
 * names the pages the guest wrote.
 *
 * Needs a riscv64 host with /dev/kvm: tests/kvm/kvm.test builds it for
 * riscv64 and runs it inside an emulated one. Prints ok/FAIL/skip lines.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accel/accel.h"
#include "base/clock.h"
#include "base/guestmem.h"
#include "devices/bus.h"
#include "riscv/riscv.h"

#define RAM_BASE 0x80000000ull
#define RAM_SIZE (16ull << 20)
#define DATA_PAGE (RAM_BASE + 0x10000)
#define UNTOUCHED_PAGE (RAM_BASE + (8ull << 20))
#define ROUNDS 40
#define SAVE_AT 17
#define EXT_TEST 0x08000000ull /* an experimental SBI extension id */
#define TIMER_DEADLINE 0x123456789abcull
#define STR_(x) #x
#define STR(x) STR_(x)

/*
 * The guest, copied to the start of RAM. Only pc-relative addressing
 * (lla), so it runs wherever it lands.
 */
extern const char guest_start[], guest_end[];
__asm__(".pushsection .text\n"
	".globl guest_start\n"
	".globl guest_end\n"
	"guest_start:\n"
	"	lla	t0, 9f\n"
	"	csrw	stvec, t0\n"
	"	li	t0, 0x42\n"
	"	csrw	sscratch, t0\n"
	"	li	t0, 0x220\n" /* sie: STIE, SEIE (SIE stays off) */
	"	csrw	sie, t0\n"
	"	li	t0, 0x42000\n" /* sstatus: SUM, FS = initial */
	"	csrs	sstatus, t0\n"
	/* The timer: stimecmp with Sstc (a0 != 0), else SBI set_timer. */
	"	beqz	a0, 2f\n"
	"	li	t0, " STR(
		TIMER_DEADLINE) "\n"
				"	csrw	0x14d, t0\n"
				"	j	3f\n"
				"2:	li	a7, 0x54494d45\n"
				"	li	a6, 0\n"
				"	li	a0, " STR(
					TIMER_DEADLINE) "\n"
							"	ecall\n"
							"3:\n"
							"	li	s2, 0\n"
							"	li	s3, 1\n"
							"	li	t1, 1\n"
							"	fcvt.d."
							"l	f2, t1\n"
							"	li	t1, 3\n"
							"	fcvt.d."
							"l	f3, t1\n"
							"	fdiv.d	f4, "
							"f2, f3\n" /* inexact: fflags.NX */
							"	li	"
							"s4, " STR(
								DATA_PAGE) "\n"
									   "1:	addi	s2, s2, 1\n"
									   "	slli	t2, s3, 1\n"
									   "	add	s3, s3, t2\n"
									   "	xor	s3, s3, s2\n"
									   "	fadd.d	f2, f2, f4\n"
									   "	fsd	f2, 0(s4)\n"
									   "	sd	s3, 8(s4)\n"
									   "	csrr	t3, sscratch\n"
									   "	add	t3, t3, s3\n"
									   "	csrw	sscratch, t3\n"
									   "	mv	a0, s2\n"
									   "	mv	a1, s3\n"
									   "	li	a7, " STR(
										   EXT_TEST) "\n"
											     "	li	a6, 0\n"
											     "	ecall\n"
											     "	bnez	a0, 8f\n"
											     "	add	s3, s3, a1\n"
											     "	li	t4, " STR(
												     ROUNDS) "\n"
													     "	blt	s2, t4, 1b\n"
													     "	mv	a0, s3\n"
													     "	csrr	a1, sscratch\n"
													     "	fmv.x.d	a2, f2\n"
													     "	frcsr	a3\n"
													     "	ld	a4, 8(s4)\n"
													     "	mv	a5, s2\n"
													     "	li	a6, 1\n" /* done */
													     "	ecall\n"
													     "8:	j	8b\n"
													     "9:	csrr	a0, scause\n" /* a trap nobody expects */
													     "	csrr	a1, sepc\n"
													     "	li	a7, " STR(
														     EXT_TEST) "\n"
															       "	li	a6, 2\n"
															       "	ecall\n"
															       "	j	8b\n"
															       "guest_end:\n"
															       ".popsection\n");

static const struct accel_ops *ops = &accel_kvm_ops;
static int failures;

struct guest {
	struct guestmem mem;
	struct bus bus;
	struct accel_vm *vm;
	struct accel_vcpu *hart;
	struct accel_exit exit;
};

/* What the guest reported: each round's (a0, a1), then the results. */
struct trace {
	uint64_t round[ROUNDS + 1][2];
	uint64_t result[6];
};

static void ok(const char *name)
{
	printf("ok state/%s\n", name);
}

static void __attribute__((format(printf, 2, 3)))
fail(const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("FAIL state/%s: ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	failures++;
}

static int guest_create(struct guest *g)
{
	struct accel_vm_config cfg;
	int rc;

	memset(g, 0, sizeof(*g));
	rc = guestmem_init(&g->mem, RAM_BASE, RAM_SIZE);
	if (rc)
		return rc;
	bus_init(&g->bus);
	bus_freeze(&g->bus);
	cfg = (struct accel_vm_config){
		.mem = &g->mem,
		.bus = &g->bus,
		.ncpus = 1,
		.host_sbi = true,
		.clock_origin_ns = clock_now_ns(),
	};
	rc = ops->vm_init(&cfg, &g->vm);
	rc = rc
		     ?: ops->map_ram(g->vm, RAM_BASE, g->mem.host, RAM_SIZE,
				     ACCEL_MEM_DIRTY_LOG);
	return rc ?: ops->vcpu_init(g->vm, 0, &g->hart);
}

static void guest_destroy(struct guest *g)
{
	if (g->hart)
		ops->vcpu_destroy(g->hart);
	if (g->vm)
		ops->vm_destroy(g->vm);
	bus_destroy(&g->bus);
	guestmem_destroy(&g->mem);
}

/*
 * Runs to the guest's next call of the test extension; everything else
 * it asks of the SBI is not supported. 0, or -EIO on any other exit.
 */
static int next_call(struct guest *g)
{
	struct accel_exit *e = &g->exit;

	for (;;) {
		int rc = ops->vcpu_run(g->hart, e);

		if (rc)
			return rc;
		if (e->reason == ACCEL_EXIT_KICK)
			continue;
		if (e->reason != ACCEL_EXIT_SBI) {
			fprintf(stderr, "unexpected exit %d\n", e->reason);
			return -EIO;
		}
		if (e->sbi.ext == EXT_TEST)
			return 0;
		e->sbi.error = -2;
		e->sbi.value = 0;
	}
}

/* The host's answer to round @a0, which the next round builds on. */
static void answer(struct accel_exit *e)
{
	e->sbi.error = 0;
	e->sbi.value = (e->sbi.args[0] * 7 + (e->sbi.args[1] & 0xff)) & 0xffff;
	e->sbi.legacy = false;
	e->sbi.redirected = false;
}

/* Rounds @from..@to, then (when @to is the last) the results. */
static int run_rounds(struct guest *g, unsigned from, unsigned to,
		      struct trace *t)
{
	struct accel_exit *e = &g->exit;
	int rc;

	for (unsigned r = from; r <= to; r++) {
		rc = next_call(g);
		if (rc)
			return rc;
		if (e->sbi.fid != 0 || e->sbi.args[0] != r) {
			fprintf(stderr,
				"round %u: call %llu (%llx, %llx) instead\n", r,
				(unsigned long long)e->sbi.fid,
				(unsigned long long)e->sbi.args[0],
				(unsigned long long)e->sbi.args[1]);
			return -EIO;
		}
		t->round[r][0] = e->sbi.args[0];
		t->round[r][1] = e->sbi.args[1];
		answer(e);
	}
	if (to < ROUNDS)
		return 0;
	rc = next_call(g);
	if (rc)
		return rc;
	if (e->sbi.fid != 1)
		return -EIO;
	memcpy(t->result, e->sbi.args, sizeof(t->result));
	return 0;
}

static int state_val(const struct accel_hart_state *st, unsigned id,
		     uint64_t *v)
{
	return accel_state_get(st, id, v);
}

static void check_record(const struct accel_hart_state *st,
			 const struct trace *t)
{
	/* The answer to the last call, in a1 once the call completed. */
	uint64_t want =
		(SAVE_AT * 7ull + (t->round[SAVE_AT][1] & 0xff)) & 0xffff;
	uint64_t v;

	if (!state_val(st, ACCEL_REG_X0 + 18, &v) && v == SAVE_AT &&
	    !state_val(st, ACCEL_REG_X0 + 10, &v) && v == 0 &&
	    !state_val(st, ACCEL_REG_X0 + 11, &v) && v == want)
		ok("sync");
	else
		fail("sync", "s2, a0, a1 are not round %d's, answered",
		     SAVE_AT);
	if (!state_val(st, ACCEL_REG_PRIV, &v) && v == PRV_S)
		ok("priv");
	else
		fail("priv", "privilege %llu, not S", (unsigned long long)v);
	if (!state_val(st, ACCEL_REG_CSR0 + CSR_MSTATUS, &v) &&
	    (v & MSTATUS_SUM) && !state_val(st, ACCEL_REG_CSR0 + CSR_MIE, &v) &&
	    v == 0x220)
		ok("csr");
	else
		fail("csr", "sstatus.SUM or sie not as the guest set them");
	if (!state_val(st, ACCEL_REG_CSR0 + CSR_FCSR, &v) && (v & 1) &&
	    !state_val(st, ACCEL_REG_F0 + 4, &v) && v == 0x3fd5555555555555ull)
		ok("fp");
	else
		fail("fp", "f4 is not 1/3 or fflags.NX is clear");
	if (!state_val(st, ACCEL_REG_CSR0 + CSR_STIMECMP, &v) &&
	    v == TIMER_DEADLINE)
		ok("timer");
	else
		fail("timer", "deadline 0x%llx, not the guest's",
		     (unsigned long long)v);
}

static bool same_record(const struct accel_hart_state *a,
			const struct accel_hart_state *b)
{
	if (a->version != b->version || a->count != b->count)
		return false;
	for (uint32_t i = 0; i < a->count; i++) {
		uint64_t v;

		if (accel_state_get(b, a->regs[i].id, &v) ||
		    v != a->regs[i].val) {
			fprintf(stderr, "id 0x%x: 0x%llx then 0x%llx\n",
				a->regs[i].id,
				(unsigned long long)a->regs[i].val,
				(unsigned long long)v);
			return false;
		}
	}
	return true;
}

static bool has_ext(const struct accel_hart_desc *d, const char *name)
{
	for (unsigned i = 0; d->extensions[i]; i++)
		if (!strcmp(d->extensions[i], name))
			return true;
	return false;
}

static bool page_dirty(const uint64_t *bitmap, uint64_t gpa)
{
	uint64_t p = (gpa - RAM_BASE) / 4096;

	return bitmap[p / 64] >> (p % 64) & 1;
}

int main(void)
{
	static struct accel_hart_state saved, again;
	static struct trace a, b;
	static uint64_t bitmap[RAM_SIZE / 4096 / 64];
	static struct accel_hart_desc desc;
	struct guest ga, gb;
	const char *why = NULL;
	uint8_t *ram;
	int rc;

	if (ops->probe(&why)) {
		printf("skip state: %s\n", why);
		return 0;
	}
	rc = guest_create(&ga);
	if (rc) {
		fail("create", "%s", strerror(-rc));
		return 1;
	}
	memcpy(ga.mem.host, guest_start, (size_t)(guest_end - guest_start));
	rc = ops->set_reg(ga.hart, ACCEL_REG_PC, RAM_BASE);
	/*
	 * With Sstc the guest sets stimecmp itself, as Linux does: KVM's
	 * SBI timer call then races with preemption on some kernels (the
	 * deadline it writes can be lost before the hart runs again).
	 */
	rc = rc ?: ops->describe(ga.vm, &desc);
	rc = rc
		     ?: ops->set_reg(ga.hart, ACCEL_REG_X0 + 10,
				     has_ext(&desc, "sstc"));
	rc = rc ?: run_rounds(&ga, 1, SAVE_AT, &a);
	/* Saved between two instructions: the last call completed. */
	rc = rc ?: ops->vcpu_sync(ga.hart, &ga.exit);
	rc = rc ?: ops->get_state(ga.hart, &saved);
	if (rc) {
		fail("save", "%s", strerror(-rc));
		return 1;
	}
	check_record(&saved, &a);

	rc = ops->set_state(ga.hart, &saved);
	rc = rc ?: ops->get_state(ga.hart, &again);
	if (!rc && same_record(&saved, &again))
		ok("round-trip");
	else
		fail("round-trip", "get, set, get differ (%s)", strerror(-rc));

	ram = malloc(RAM_SIZE);
	if (!ram)
		return 1;
	memcpy(ram, ga.mem.host, RAM_SIZE);
	rc = ops->get_dirty_log(ga.vm, RAM_BASE, RAM_SIZE, bitmap);
	if (!rc && page_dirty(bitmap, DATA_PAGE) &&
	    !page_dirty(bitmap, UNTOUCHED_PAGE)) {
		rc = ops->get_dirty_log(ga.vm, RAM_BASE, RAM_SIZE, bitmap);
		if (!rc && !page_dirty(bitmap, DATA_PAGE))
			ok("dirty-log");
		else
			fail("dirty-log", "a page stays dirty once reported");
	} else {
		fail("dirty-log", "the guest's data page is %s (%s)",
		     rc ? "unknown" : "clean", strerror(-rc));
	}

	/* The first VM finishes... */
	rc = run_rounds(&ga, SAVE_AT + 1, ROUNDS, &a);
	if (rc) {
		fail("finish", "the saved VM did not finish: %s",
		     strerror(-rc));
		return 1;
	}
	/* ...and a second one, from the saved hart and RAM, the same way. */
	rc = guest_create(&gb);
	if (!rc) {
		memcpy(gb.mem.host, ram, RAM_SIZE);
		rc = ops->set_state(gb.hart, &saved);
	}
	rc = rc ?: run_rounds(&gb, SAVE_AT + 1, ROUNDS, &b);
	if (rc)
		fail("restore", "the restored VM did not finish: %s",
		     strerror(-rc));
	else if (memcmp(a.round[SAVE_AT + 1], b.round[SAVE_AT + 1],
			sizeof(a.round[0]) * (ROUNDS - SAVE_AT)))
		fail("restore", "the restored guest's rounds differ");
	else if (memcmp(a.result, b.result, sizeof(a.result)))
		/* a0 sum, a1 sscratch, a2 f2, a3 fcsr, a4 memory, a5 rounds */
		for (unsigned i = 0; i < 6; i++) {
			if (a.result[i] != b.result[i]) {
				fail("restore", "a%u is 0x%llx, not 0x%llx", i,
				     (unsigned long long)b.result[i],
				     (unsigned long long)a.result[i]);
				break;
			}
		}
	else if (a.result[5] != ROUNDS)
		fail("restore", "the guest counted %llu rounds",
		     (unsigned long long)a.result[5]);
	else
		ok("restore");
	guest_destroy(&gb);
	guest_destroy(&ga);
	free(ram);
	return failures ? 1 : 0;
}
