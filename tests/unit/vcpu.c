// SPDX-License-Identifier: MIT
/*
 * Unit tests for vmm/vcpu.c and vmm/htif.c: vm_run() with a scripted
 * accelerator — boot register state with the host SBI and with firmware,
 * the exit switch (MMIO, SBI, HTIF, shutdown, error), HSM start and stop
 * across threads, and the exit status.
 */
#include "vmm/vcpu.h"

#include <stdio.h>
#include <unistd.h>

#include "devices/bus.h"
#include "devices/chardev.h"
#include "tests/unit/fake-accel.h"
#include "base/clock.h"
#include "vmm/htif.h"
#include "base/loop.h"
#include "vmm/sbi.h"
#include "base/timer.h"
#include "vmm/vm.h"

#define RAM_BASE 0x80000000ULL
#define RAM_SIZE (1ULL << 20)
#define DEV_BASE 0x10000000ULL
#define ENTRY 0x80002000ULL
#define FDT 0x80080000ULL

static int failures;

#define CHECK(name, cond)                                              \
	do {                                                           \
		if (cond) {                                            \
			printf("ok %s\n", name);                       \
		} else {                                               \
			printf("FAIL %s: %s (line %d)\n", name, #cond, \
			       __LINE__);                              \
			failures++;                                    \
		}                                                      \
	} while (0)

struct testdev {
	uint64_t last_write, last_off;
	unsigned writes;
};

static uint64_t dev_read(void *opaque, uint64_t off, unsigned size)
{
	return 0x1234abcd + off;
}

static void dev_write(void *opaque, uint64_t off, uint64_t val, unsigned size)
{
	struct testdev *d = opaque;

	d->last_write = val;
	d->last_off = off;
	d->writes++;
}

static const struct bus_dev_ops dev_ops = {
	.read = dev_read,
	.write = dev_write,
	.min_size = 1,
	.max_size = 8,
};

struct capture {
	struct chardev cd;
	pthread_mutex_t lock;
	char buf[256];
	size_t len;
};

static void capture_write(struct chardev *cd, const void *buf, size_t len)
{
	struct capture *c = (struct capture *)cd;

	pthread_mutex_lock(&c->lock);
	if (len > sizeof(c->buf) - c->len)
		len = sizeof(c->buf) - c->len;
	memcpy(c->buf + c->len, buf, len);
	c->len += len;
	pthread_mutex_unlock(&c->lock);
}

struct rig {
	struct vm vm;
	struct loop loop;
	struct timer_service ts;
	struct testdev dev;
	struct capture out;
};

static void rig_init(struct rig *r, unsigned ncpus, bool host_sbi)
{
	struct accel_vm_config cfg = {.ncpus = ncpus, .host_sbi = host_sbi};
	struct bus_dev d = {
		.base = DEV_BASE,
		.len = 0x100,
		.name = "test",
		.ops = &dev_ops,
		.opaque = &r->dev,
	};
	struct vm *vm = &r->vm;

	memset(r, 0, sizeof(*r));
	pthread_mutex_init(&r->out.lock, NULL);
	r->out.cd.write = capture_write;
	vm->ncpus = ncpus;
	vm->host_sbi = host_sbi;
	vm->accel = &fake_accel_ops;
	vm->entry = ENTRY;
	vm->fdt_addr = FDT;
	vm->fw_dynamic_info = 0x80001000;
	vm->console = &r->out.cd;
	bus_init(&vm->bus);
	if (guestmem_init(&vm->mem, RAM_BASE, RAM_SIZE) ||
	    bus_add(&vm->bus, &d) || loop_init(&r->loop) ||
	    timer_service_init(&r->ts) || vm->accel->vm_init(&cfg, &vm->avm) ||
	    vcpus_create(vm)) {
		printf("FAIL vcpu_setup: cannot build the test VM\n");
		exit(1);
	}
	bus_freeze(&vm->bus);
	vm->loop = &r->loop;
	vm->timers = &r->ts;
	vm->clock_origin_ns = clock_now_ns();
	if (host_sbi && sbi_create(&vm->sbi, vm)) {
		printf("FAIL vcpu_setup: sbi_create\n");
		exit(1);
	}
}

static void rig_destroy(struct rig *r)
{
	sbi_destroy(r->vm.sbi);
	timer_service_destroy(&r->ts);
	vcpus_destroy(&r->vm);
	r->vm.accel->vm_destroy(r->vm.avm);
	loop_destroy(&r->loop);
	bus_destroy(&r->vm.bus);
	guestmem_destroy(&r->vm.mem);
}

static void script(struct rig *r, unsigned h, struct accel_exit e)
{
	struct fake_vcpu *v = fake_hart(r->vm.avm, h);

	v->script[v->nscript++] = e;
}

static struct accel_exit mmio(uint64_t addr, bool write, uint64_t data,
			      uint8_t len)
{
	struct accel_exit e = {.reason = ACCEL_EXIT_MMIO};

	e.mmio.addr = addr;
	e.mmio.write = write;
	e.mmio.data = data;
	e.mmio.len = len;
	return e;
}

static struct accel_exit htif(uint64_t tohost)
{
	struct accel_exit e = {.reason = ACCEL_EXIT_HTIF};

	e.htif.tohost = tohost;
	return e;
}

static struct accel_exit simple(enum accel_exit_reason reason)
{
	return (struct accel_exit){.reason = reason};
}

static unsigned runs(struct rig *r, unsigned h)
{
	struct fake_vcpu *v = fake_hart(r->vm.avm, h);
	unsigned n;

	pthread_mutex_lock(&v->lock);
	n = v->runs;
	pthread_mutex_unlock(&v->lock);
	return n;
}

/* The test's driver: waits for the harts, then steers them. */
struct driver {
	struct rig *r;
	bool ok;
};

static bool wait_for(bool (*cond)(struct rig *r), struct rig *r)
{
	for (unsigned i = 0; i < 2000; i++) {
		if (cond(r))
			return true;
		usleep(1000);
	}
	return false;
}

static bool hart1_stopped(struct rig *r)
{
	return vcpu_hsm_state(&r->vm.vcpus[1]) == VCPU_HSM_STOPPED &&
	       runs(r, 1) == 1;
}

static bool hart1_ran_again(struct rig *r)
{
	return runs(r, 1) == 2 && runs(r, 0) >= 4;
}

static void *hsm_driver(void *arg)
{
	struct driver *d = arg;

	d->ok = wait_for(hart1_stopped, d->r);
	if (d->ok)
		d->ok = !vcpu_hsm_start(&d->r->vm.vcpus[1], RAM_BASE + 0x4000,
					0x99);
	if (d->ok)
		d->ok = wait_for(hart1_ran_again, d->r);
	vm_request_exit(&d->r->vm, 3);
	return NULL;
}

static void test_host_sbi(void)
{
	struct rig r;
	struct driver d = {&r, false};
	struct fake_vcpu *h0, *h1, *h2;
	pthread_t t;
	int rc;

	rig_init(&r, 3, true);
	h0 = fake_hart(r.vm.avm, 0);
	h1 = fake_hart(r.vm.avm, 1);
	h2 = fake_hart(r.vm.avm, 2);
	h1->csr[0x180] = 0x8000000000000001ULL; /* satp left by a former life */
	h1->csr[0x100] = 0x2;			/* sstatus.SIE */
	script(&r, 0, mmio(DEV_BASE + 8, true, 0x55, 4));
	script(&r, 0, mmio(DEV_BASE + 4, false, 0, 4));
	script(&r, 0,
	       fake_sbi_exit(SBI_EXT_HSM, 0, 1, RAM_BASE + 0x3000, 0x77));
	script(&r, 1, fake_sbi_exit(SBI_EXT_HSM, 1, 0, 0, 0));

	pthread_create(&t, NULL, hsm_driver, &d);
	rc = vm_run(&r.vm);
	pthread_join(t, NULL);

	CHECK("vcpu_run_returns_exit_code", rc == 3 && d.ok);
	CHECK("vcpu_boot_hart_host_sbi_regs", h0->run_pc[0] == ENTRY &&
						      h0->run_a0[0] == 0 &&
						      h0->run_a1[0] == FDT);
	CHECK("vcpu_mmio_write_reaches_bus", r.dev.writes == 1 &&
						     r.dev.last_off == 8 &&
						     r.dev.last_write == 0x55);
	CHECK("vcpu_mmio_read_from_bus",
	      h0->nmmio_reads == 1 && h0->mmio_read_data[0] == 0x1234abcd + 4);
	CHECK("vcpu_sbi_hart_start_succeeds",
	      h0->nsbi_results >= 1 && h0->sbi_results[0].error == 0);
	CHECK("vcpu_hsm_started_hart_regs",
	      h1->run_pc[0] == RAM_BASE + 0x3000 && h1->run_a0[0] == 1 &&
		      h1->run_a1[0] == 0x77 && h1->priv == 1);
	CHECK("vcpu_hsm_started_hart_satp_sie_cleared",
	      h1->csr[0x180] == 0 && !(h1->csr[0x100] & 2));
	CHECK("vcpu_hsm_restart_after_stop",
	      h1->runs == 2 && h1->run_pc[1] == RAM_BASE + 0x4000 &&
		      h1->run_a0[1] == 1 && h1->run_a1[1] == 0x99 &&
		      h1->nsbi_results == 1 && h1->sbi_results[0].redirected);
	CHECK("vcpu_stopped_hart_never_runs", h2->runs == 0);
	CHECK("vcpu_all_threads_joined_after_kick",
	      h0->kicks > 0 && !r.vm.vcpus[0].thread_started);
	rig_destroy(&r);
}

static bool all_ran(struct rig *r)
{
	for (unsigned i = 0; i < r->vm.ncpus; i++)
		if (!runs(r, i))
			return false;
	return true;
}

/* Once every hart has run, hart 2 reports a failed test. */
static void *htif_driver(void *arg)
{
	struct driver *d = arg;
	struct fake_vcpu *h = fake_hart(d->r->vm.avm, 2);

	d->ok = wait_for(all_ran, d->r);
	pthread_mutex_lock(&h->lock);
	h->script[h->nscript++] = htif((21 << 1) | 1);
	pthread_mutex_unlock(&h->lock);
	fake_accel_ops.vcpu_kick((struct accel_vcpu *)h);
	return NULL;
}

static void test_firmware_htif(void)
{
	struct rig r;
	struct driver d = {&r, false};
	struct fake_vcpu *h;
	pthread_t t;
	bool ok = true;
	int rc;

	rig_init(&r, 3, false);
	script(&r, 2, htif(HTIF_WORD(1, 1, 'H')));
	script(&r, 2, htif(HTIF_WORD(1, 1, 'i')));
	pthread_create(&t, NULL, htif_driver, &d);
	rc = vm_run(&r.vm);
	pthread_join(t, NULL);
	for (unsigned i = 0; i < 3; i++) {
		h = fake_hart(r.vm.avm, i);
		ok &= h->runs >= 1 && h->run_pc[0] == ENTRY &&
		      h->run_a0[0] == i && h->run_a1[0] == FDT &&
		      h->run_a2[0] == 0x80001000;
	}
	CHECK("vcpu_firmware_every_hart_enters", d.ok && ok);
	CHECK("htif_failed_test_exit_status", rc == 21);
	CHECK("htif_putchar", r.out.len == 2 && !memcmp(r.out.buf, "Hi", 2));
	h = fake_hart(r.vm.avm, 2);
	CHECK("htif_putchar_reply",
	      h->nhtif_replies >= 1 &&
		      h->htif_replies[0] == HTIF_WORD(1, 1, 0x100 | 'H'));
	rig_destroy(&r);
}

static int run_one(bool host_sbi, struct accel_exit *list, unsigned n)
{
	struct rig r;
	int rc;

	rig_init(&r, 1, host_sbi);
	for (unsigned i = 0; i < n; i++)
		script(&r, 0, list[i]);
	rc = vm_run(&r.vm);
	rig_destroy(&r);
	return rc;
}

static void test_exits(void)
{
	struct accel_exit pass[] = {htif(1)};
	struct accel_exit big[] = {htif((1000 << 1) | 1)};
	struct accel_exit low[] = {htif((256 << 1) | 1)};
	struct accel_exit sys[] = {htif(RAM_BASE), htif(RAM_BASE),
				   htif(HTIF_WORD(7, 0, 1)), htif(1)};
	struct accel_exit err[] = {simple(ACCEL_EXIT_ERROR)};
	struct accel_exit shut[] = {{.reason = ACCEL_EXIT_SHUTDOWN}};
	struct accel_exit srst[] = {fake_sbi_exit(SBI_EXT_SRST, 0, 0, 1, 0)};
	struct accel_exit legacy[] = {fake_sbi_exit(8, 0, 0, 0, 0)};

	CHECK("htif_pass_exits_0", run_one(false, pass, 1) == 0);
	CHECK("htif_big_test_number_clamped_255",
	      run_one(false, big, 1) == 255);
	/* 256 & 0xff would be 0, a pass: a failure must stay non-zero. */
	CHECK("htif_test_256_not_a_pass", run_one(false, low, 1) == 255);
	CHECK("htif_syscall_and_unknown_ignored", run_one(false, sys, 4) == 0);
	CHECK("vcpu_accel_error_exits_1", run_one(false, err, 1) == 1);
	CHECK("vcpu_shutdown_exit_code", run_one(false, shut, 1) == 0);
	CHECK("vcpu_srst_system_failure_exits_1", run_one(true, srst, 1) == 1);
	CHECK("vcpu_legacy_shutdown_exits_0", run_one(true, legacy, 1) == 0);
}

static void quit_cb(void *arg)
{
	vm_request_exit(arg, 0);
}

static void *post_quit(void *arg)
{
	struct vm *vm = arg;

	usleep(20000);
	loop_post(vm->loop, quit_cb, vm);
	return NULL;
}

static void test_quit_from_loop(void)
{
	struct rig r;
	pthread_t t;
	int rc;

	/* A hart that never exits on its own must still be stopped. */
	rig_init(&r, 2, false);
	pthread_create(&t, NULL, post_quit, &r.vm);
	rc = vm_run(&r.vm);
	pthread_join(t, NULL);
	CHECK("vcpu_exit_requested_from_loop_thread",
	      rc == 0 && atomic_load(&r.vm.state) == VM_EXIT);
	rig_destroy(&r);
}

struct pause_result {
	struct rig *r;
	bool paused_all, synced, start_held, ran_after, resumed;
};

/* On the loop's thread, as QMP's stop and cont run. */
static void pause_cb(void *arg)
{
	struct pause_result *p = arg;
	struct vm *vm = &p->r->vm;
	struct fake_vcpu *h0 = fake_hart(vm->avm, 0);
	struct fake_vcpu *h1 = fake_hart(vm->avm, 1);
	unsigned runs0, i;

	usleep(20000);
	p->paused_all =
		vm_pause(vm) == 0 && vm->parked == vm->ncpus && vm_paused(vm);
	p->synced = h0->syncs >= 1;
	/* A hart started during the pause waits for its end. */
	vcpu_hsm_start(&vm->vcpus[1], RAM_BASE + 0x4000, 9);
	runs0 = h0->runs;
	usleep(50000);
	p->start_held = h1->runs == 0 && h0->runs == runs0 &&
			vcpu_hsm_state(&vm->vcpus[1]) == VCPU_HSM_START_PENDING;
	vm_resume(vm);
	p->resumed = !vm_paused(vm);
	for (i = 0; i < 200 && !h1->runs; i++)
		usleep(5000);
	p->ran_after = h1->runs > 0 && h1->run_pc[0] == RAM_BASE + 0x4000;
	vm_request_exit(vm, 0);
}

static void *post_pause(void *arg)
{
	struct pause_result *p = arg;

	loop_post(p->r->vm.loop, pause_cb, p);
	return NULL;
}

static void test_pause_all(void)
{
	struct rig r;
	struct pause_result p = {.r = &r};
	pthread_t t;

	/* Hart 0 runs; harts 1 and 2 are STOPPED (HSM) and count as paused. */
	rig_init(&r, 3, true);
	pthread_create(&t, NULL, post_pause, &p);
	vm_run(&r.vm);
	pthread_join(t, NULL);
	CHECK("vcpu_pause_all_parks_every_hart", p.paused_all);
	CHECK("vcpu_pause_completes_the_last_exit", p.synced);
	CHECK("vcpu_pause_holds_a_hart_started_meanwhile", p.start_held);
	CHECK("vcpu_resume_lets_it_start", p.resumed && p.ran_after);
	rig_destroy(&r);
}

int main(void)
{
	test_host_sbi();
	test_firmware_htif();
	test_exits();
	test_quit_from_loop();
	test_pause_all();
	return failures ? 1 : 0;
}
