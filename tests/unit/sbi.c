// SPDX-License-Identifier: MIT
/*
 * Unit tests for vmm/sbi.c, driven through sbi_handle() with a scripted
 * accelerator. Expected values are the SBI v2.0 specification's.
 */
#include "config.h"
#include "vmm/sbi.h"

#include <stdio.h>
#include <unistd.h>

#include "devices/chardev.h"
#include "tests/unit/fake-accel.h"
#include "base/clock.h"
#include "base/timer.h"
#include "vmm/vcpu.h"
#include "vmm/vm.h"

#define NHARTS 4
#define RAM_BASE 0x80000000ULL
#define RAM_SIZE (1ULL << 20)

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

struct capture {
	struct chardev cd;
	char buf[8192];
	size_t len;
};

static void capture_write(struct chardev *cd, const void *buf, size_t len)
{
	struct capture *c = (struct capture *)cd;

	if (len > sizeof(c->buf) - c->len)
		len = sizeof(c->buf) - c->len;
	memcpy(c->buf + c->len, buf, len);
	c->len += len;
}

static unsigned resumes;

static void input_resume(struct chardev *cd)
{
	resumes++;
}

static struct vm vm;
static struct timer_service ts;
static struct capture out;
static struct chardev in_cd = {.resume = input_resume};
static struct sbi_console conin;

static struct fake_vcpu *hart(unsigned i)
{
	return fake_hart(vm.avm, i);
}

static void setup(void)
{
	struct accel_vm_config cfg = {.ncpus = NHARTS, .host_sbi = true};

	vm.ncpus = NHARTS;
	vm.accel = &fake_accel_ops;
	vm.host_sbi = true;
	if (guestmem_init(&vm.mem, RAM_BASE, RAM_SIZE) ||
	    vm.accel->vm_init(&cfg, &vm.avm) || vcpus_create(&vm) ||
	    timer_service_init(&ts)) {
		printf("FAIL sbi_setup: cannot build the test VM\n");
		exit(1);
	}
	vm.timers = &ts;
	vm.clock_origin_ns = clock_now_ns();
	out.cd.write = capture_write;
	vm.console = &out.cd;
	sbi_console_attach(&conin, &in_cd);
	vm.console_in = &conin;
	if (sbi_create(&vm.sbi, &vm)) {
		printf("FAIL sbi_setup: sbi_create\n");
		exit(1);
	}
	/* As vm_run leaves them with the host SBI: only hart 0 runs. */
	for (unsigned i = 1; i < NHARTS; i++)
		atomic_store(&vm.vcpus[i].hsm, VCPU_HSM_STOPPED);
}

static struct accel_exit *call6(unsigned h, uint64_t ext, uint64_t fid,
				uint64_t a0, uint64_t a1, uint64_t a2,
				uint64_t a3, uint64_t a4)
{
	struct vcpu *v = &vm.vcpus[h];

	v->exit = fake_sbi_exit(ext, fid, a0, a1, a2);
	v->exit.sbi.args[3] = a3;
	v->exit.sbi.args[4] = a4;
	sbi_handle(vm.sbi, v, &v->exit);
	return &v->exit;
}

static struct accel_exit *call(unsigned h, uint64_t ext, uint64_t fid,
			       uint64_t a0, uint64_t a1, uint64_t a2)
{
	return call6(h, ext, fid, a0, a1, a2, 0, 0);
}

static void reset_irqs(void)
{
	for (unsigned i = 0; i < NHARTS; i++)
		memset(hart(i)->irq, 0, sizeof(hart(i)->irq));
}

static void reset_fences(void)
{
	for (unsigned i = 0; i < NHARTS; i++)
		memset(hart(i)->fences, 0, sizeof(hart(i)->fences));
}

static bool ssip_set_exactly(unsigned mask)
{
	for (unsigned i = 0; i < NHARTS; i++)
		if (!!hart(i)->irq[ACCEL_IRQ_SSIP] != !!(mask & (1u << i)))
			return false;
	return true;
}

static void reset_state(void)
{
	atomic_store(&vm.state, VM_RUNNING);
	atomic_store(&vm.exit_code, 0);
}

static void test_base(void)
{
	struct accel_exit *e;

	e = call(0, SBI_EXT_BASE, 0, 0, 0, 0);
	CHECK("sbi_base_spec_version_2_0",
	      e->sbi.error == 0 && e->sbi.value == 0x2000000 && !e->sbi.legacy);
	e = call(0, SBI_EXT_BASE, 1, 0, 0, 0);
	CHECK("sbi_base_impl_id", e->sbi.error == 0 && e->sbi.value == 0x6876);
	e = call(0, SBI_EXT_BASE, 2, 0, 0, 0);
	CHECK("sbi_base_impl_version",
	      e->sbi.error == 0 && e->sbi.value == (HVRUN_VERSION_MAJOR << 16 |
						    HVRUN_VERSION_MINOR));

	static const uint64_t present[] = {
		0x10,	  0x54494D45, 0x735049,	  0x52464E43,
		0x48534D, 0x53525354, 0x4442434E, 0,
		1,	  2,	      3,	  4,
		5,	  6,	      7,	  8,
	};
	static const uint64_t absent[] = {
		9,
		0xf,
		0x504D55 /* PMU */,
		0x53555350 /* SUSP */,
		0x43505043 /* CPPC */,
		0x535345 /* SSE */,
		0x4E41434C /* NACL */,
		0x535441 /* STA */,
		0x46574654 /* FWFT */,
		0xffffffffffffffff,
	};
	bool ok = true;

	for (unsigned i = 0; i < sizeof(present) / sizeof(present[0]); i++) {
		e = call(0, SBI_EXT_BASE, 3, present[i], 0, 0);
		ok &= e->sbi.error == 0 && e->sbi.value == 1;
	}
	CHECK("sbi_probe_implemented_extensions", ok);
	ok = true;
	for (unsigned i = 0; i < sizeof(absent) / sizeof(absent[0]); i++) {
		e = call(0, SBI_EXT_BASE, 3, absent[i], 0, 0);
		ok &= e->sbi.error == 0 && e->sbi.value == 0;
	}
	CHECK("sbi_probe_absent_extensions", ok);

	hart(0)->csr[0xf11] = 0x489;
	hart(0)->csr[0xf12] = 0x8000000000000007ULL;
	hart(0)->csr[0xf13] = 0x42;
	CHECK("sbi_base_mvendorid",
	      call(0, SBI_EXT_BASE, 4, 0, 0, 0)->sbi.value == 0x489);
	CHECK("sbi_base_marchid",
	      call(0, SBI_EXT_BASE, 5, 0, 0, 0)->sbi.value ==
		      0x8000000000000007ULL);
	CHECK("sbi_base_mimpid",
	      call(0, SBI_EXT_BASE, 6, 0, 0, 0)->sbi.value == 0x42);
	hart(0)->csr_missing = true;
	e = call(0, SBI_EXT_BASE, 4, 0, 0, 0);
	CHECK("sbi_base_mvendorid_zero_without_csr",
	      e->sbi.error == 0 && e->sbi.value == 0);
	hart(0)->csr_missing = false;
	CHECK("sbi_base_unknown_fid",
	      call(0, SBI_EXT_BASE, 7, 0, 0, 0)->sbi.error == -2);
	CHECK("sbi_unknown_extension",
	      call(0, 0x12345678, 0, 0, 0, 0)->sbi.error == -2);
	CHECK("sbi_unimplemented_pmu",
	      call(0, 0x504D55, 0, 0, 0, 0)->sbi.error == -2);
}

static void test_ipi(void)
{
	struct accel_exit *e;

	reset_irqs();
	e = call(0, SBI_EXT_IPI, 0, 0x5, 0, 0);
	CHECK("sbi_ipi_mask_base_0",
	      e->sbi.error == 0 && ssip_set_exactly(0x5));
	reset_irqs();
	e = call(0, SBI_EXT_IPI, 0, 0x3, 2, 0);
	CHECK("sbi_ipi_mask_base_2",
	      e->sbi.error == 0 && ssip_set_exactly(0xc));
	reset_irqs();
	e = call(0, SBI_EXT_IPI, 0, 0, (uint64_t)-1, 0);
	CHECK("sbi_ipi_base_minus_one_is_all",
	      e->sbi.error == 0 && ssip_set_exactly(0xf));
	reset_irqs();
	e = call(0, SBI_EXT_IPI, 0, 0x11, 0, 0); /* hart 4 does not exist */
	CHECK("sbi_ipi_invalid_hart_sends_none",
	      e->sbi.error == -3 && ssip_set_exactly(0));
	e = call(0, SBI_EXT_IPI, 0, 0x3, 3, 0);
	CHECK("sbi_ipi_mask_past_last_hart", e->sbi.error == -3);
	e = call(0, SBI_EXT_IPI, 0, 0x2, (uint64_t)-2, 0);
	CHECK("sbi_ipi_base_wraps_is_invalid",
	      e->sbi.error == -3 && ssip_set_exactly(0));
	e = call(0, SBI_EXT_IPI, 0, 0, 1000, 0);
	CHECK("sbi_ipi_empty_mask_any_base", e->sbi.error == 0);
	CHECK("sbi_ipi_unknown_fid",
	      call(0, SBI_EXT_IPI, 1, 1, 0, 0)->sbi.error == -2);
}

static void test_rfence(void)
{
	struct accel_exit *e;

	reset_fences();
	e = call(0, SBI_EXT_RFENCE, 0, 0x6, 0, 0);
	CHECK("sbi_remote_fence_i",
	      e->sbi.error == 0 && !hart(0)->fences[0] &&
		      hart(1)->fences[0] == 1 && hart(2)->fences[0] == 1 &&
		      !hart(3)->fences[0] && !hart(1)->fences[1]);
	reset_fences();
	e = call6(0, SBI_EXT_RFENCE, 1, 0, (uint64_t)-1, 0x1000, 0x2000, 0);
	CHECK("sbi_remote_sfence_vma_all_harts",
	      e->sbi.error == 0 && hart(0)->fences[1] == 1 &&
		      hart(3)->fences[1] == 1 && !hart(3)->fences[0]);
	reset_fences();
	e = call6(0, SBI_EXT_RFENCE, 2, 1, 1, 0, 0, 5);
	CHECK("sbi_remote_sfence_vma_asid",
	      e->sbi.error == 0 && hart(1)->fences[1] == 1);
	e = call6(0, SBI_EXT_RFENCE, 2, 1, 1, 0, 0, 0x10000);
	CHECK("sbi_remote_sfence_vma_asid_too_wide", e->sbi.error == -3);
	e = call(0, SBI_EXT_RFENCE, 1, 0x10, 0, 0);
	CHECK("sbi_remote_sfence_vma_invalid_hart", e->sbi.error == -3);
	bool ok = true;

	for (unsigned fid = 3; fid <= 6; fid++)
		ok &= call(0, SBI_EXT_RFENCE, fid, 1, 0, 0)->sbi.error == -2;
	CHECK("sbi_remote_hfence_not_supported", ok);
	CHECK("sbi_rfence_unknown_fid",
	      call(0, SBI_EXT_RFENCE, 7, 1, 0, 0)->sbi.error == -2);
}

static void test_hsm(void)
{
	struct accel_exit *e;
	struct fake_vcpu *h0 = hart(0);

	e = call(0, SBI_EXT_HSM, 2, 0, 0, 0);
	CHECK("sbi_hsm_boot_hart_started",
	      e->sbi.error == 0 && e->sbi.value == 0);
	e = call(0, SBI_EXT_HSM, 2, 1, 0, 0);
	CHECK("sbi_hsm_other_harts_stopped",
	      e->sbi.error == 0 && e->sbi.value == 1);
	CHECK("sbi_hsm_status_invalid_hart",
	      call(0, SBI_EXT_HSM, 2, NHARTS, 0, 0)->sbi.error == -3);
	e = call(0, SBI_EXT_HSM, 0, 1, RAM_BASE + 0x1000, 0x1234);
	CHECK("sbi_hsm_start_stopped_hart", e->sbi.error == 0);
	e = call(0, SBI_EXT_HSM, 2, 1, 0, 0);
	CHECK("sbi_hsm_start_pending", e->sbi.value == 2);
	CHECK("sbi_hsm_start_again_already_available",
	      call(0, SBI_EXT_HSM, 0, 1, RAM_BASE, 0)->sbi.error == -6);
	CHECK("sbi_hsm_start_self_already_available",
	      call(0, SBI_EXT_HSM, 0, 0, RAM_BASE, 0)->sbi.error == -6);
	CHECK("sbi_hsm_start_invalid_hart",
	      call(0, SBI_EXT_HSM, 0, NHARTS, RAM_BASE, 0)->sbi.error == -3);
	CHECK("sbi_hsm_start_address_outside_ram",
	      call(0, SBI_EXT_HSM, 0, 2, 0x1000, 0)->sbi.error == -5 &&
		      call(0, SBI_EXT_HSM, 2, 2, 0, 0)->sbi.value == 1);

	/*
	 * Retentive suspend: success for the caller, once the vCPU loop has
	 * slept until an interrupt (vcpu_hsm_suspend); meanwhile the hart
	 * reads as SUSPENDED.
	 */
	h0->pc = 0x80000100;
	e = call(0, SBI_EXT_HSM, 3, 0, 0, 0);
	CHECK("sbi_hsm_suspend_retentive",
	      e->sbi.error == 0 && !e->sbi.redirected && h0->pc == 0x80000100 &&
		      vm.vcpus[0].suspend && vm.vcpus[0].suspend_retentive &&
		      call(1, SBI_EXT_HSM, 2, 0, 0, 0)->sbi.value == 4);
	vm.vcpus[0].suspend = false;
	atomic_store(&vm.vcpus[0].hsm, VCPU_HSM_STARTED);
	CHECK("sbi_hsm_suspend_reserved_type",
	      call(0, SBI_EXT_HSM, 3, 1, 0, 0)->sbi.error == -3 &&
		      call(0, SBI_EXT_HSM, 3, 0x10000000, 0, 0)->sbi.error ==
			      -3 &&
		      call(0, SBI_EXT_HSM, 3, 0x80000001, RAM_BASE, 0)
				      ->sbi.error == -3 &&
		      call(0, SBI_EXT_HSM, 3, 0x90000000, RAM_BASE, 0)
				      ->sbi.error == -3);
	CHECK("sbi_hsm_suspend_bad_resume_address",
	      call(0, SBI_EXT_HSM, 3, 0x80000000, 0x10, 0)->sbi.error == -5);
	h0->csr[0x180] = 0x8000000000012345ULL; /* satp */
	h0->csr[0x100] = 0x2 | 0x100;		/* sstatus: SIE, SPP */
	h0->priv = 1;
	e = call(0, SBI_EXT_HSM, 3, 0x80000000, RAM_BASE + 0x2000, 0xabcd);
	CHECK("sbi_hsm_suspend_non_retentive_resumes_at_addr",
	      vm.vcpus[0].suspend && !vm.vcpus[0].suspend_retentive &&
		      vm.vcpus[0].resume_addr == RAM_BASE + 0x2000 &&
		      vm.vcpus[0].resume_arg == 0xabcd &&
		      call(1, SBI_EXT_HSM, 2, 0, 0, 0)->sbi.value == 4);
	vm.vcpus[0].suspend = false;
	atomic_store(&vm.vcpus[0].hsm, VCPU_HSM_STARTED);
	e = call(2, SBI_EXT_HSM, 1, 0, 0, 0);
	CHECK("sbi_hsm_stop_marks_stop_pending",
	      call(0, SBI_EXT_HSM, 2, 2, 0, 0)->sbi.value == 3);
	atomic_store(&vm.vcpus[2].hsm, VCPU_HSM_STOPPED);
	atomic_store(&vm.vcpus[1].hsm, VCPU_HSM_STOPPED);
	CHECK("sbi_hsm_unknown_fid",
	      call(0, SBI_EXT_HSM, 4, 0, 0, 0)->sbi.error == -2);
}

static void test_srst(void)
{
	struct accel_exit *e;

	reset_state();
	e = call(0, SBI_EXT_SRST, 0, 3, 0, 0);
	CHECK("sbi_srst_reserved_type",
	      e->sbi.error == -3 && atomic_load(&vm.state) == VM_RUNNING);
	e = call(0, SBI_EXT_SRST, 0, 0xf0000000, 0, 0);
	CHECK("sbi_srst_vendor_type_unimplemented", e->sbi.error == -3);
	e = call(0, SBI_EXT_SRST, 0, 0, 2, 0);
	CHECK("sbi_srst_reserved_reason",
	      e->sbi.error == -3 && atomic_load(&vm.state) == VM_RUNNING);
	e = call(0, SBI_EXT_SRST, 0, 0, 0xe0000000, 0);
	CHECK("sbi_srst_impl_reason_unimplemented", e->sbi.error == -3);
	CHECK("sbi_srst_unknown_fid",
	      call(0, SBI_EXT_SRST, 1, 0, 0, 0)->sbi.error == -2);

	e = call(0, SBI_EXT_SRST, 0, 0, 0, 0);
	CHECK("sbi_srst_shutdown_exits_0",
	      atomic_load(&vm.state) == VM_EXIT &&
		      atomic_load(&vm.exit_code) == 0);
	reset_state();
	call(0, SBI_EXT_SRST, 0, 0, 1, 0);
	CHECK("sbi_srst_shutdown_system_failure_exits_1",
	      atomic_load(&vm.state) == VM_EXIT &&
		      atomic_load(&vm.exit_code) == 1);
	/* The first request wins. */
	call(0, SBI_EXT_SRST, 0, 0, 0, 0);
	CHECK("sbi_srst_first_request_wins", atomic_load(&vm.exit_code) == 1);
	reset_state();
	/* Only the low 32 bits of reset_type count. */
	call(0, SBI_EXT_SRST, 0, 0xffffffff00000001ULL, 0, 0);
	CHECK("sbi_srst_cold_reboot_resets",
	      atomic_load(&vm.state) == VM_RESET);
	reset_state();
	vm.no_reboot = true;
	call(0, SBI_EXT_SRST, 0, 2, 0, 0);
	CHECK("sbi_srst_warm_reboot_no_reboot_exits_0",
	      atomic_load(&vm.state) == VM_EXIT &&
		      atomic_load(&vm.exit_code) == 0);
	vm.no_reboot = false;
	reset_state();
	e = call(0, 8, 0, 0, 0, 0);
	CHECK("sbi_legacy_shutdown",
	      e->sbi.legacy && atomic_load(&vm.state) == VM_EXIT &&
		      atomic_load(&vm.exit_code) == 0);
	reset_state();
}

static void test_dbcn(void)
{
	uint8_t *ram = vm.mem.host;
	struct accel_exit *e;

	memcpy(ram + 0x100, "hello", 5);
	out.len = 0;
	e = call(0, SBI_EXT_DBCN, 0, 5, RAM_BASE + 0x100, 0);
	CHECK("sbi_dbcn_write", e->sbi.error == 0 && e->sbi.value == 5 &&
					out.len == 5 &&
					!memcmp(out.buf, "hello", 5));
	out.len = 0;
	e = call(0, SBI_EXT_DBCN, 0, 5, RAM_BASE + RAM_SIZE - 2, 0);
	CHECK("sbi_dbcn_write_past_ram_end", e->sbi.error == -3 && !out.len);
	e = call(0, SBI_EXT_DBCN, 0, 1, RAM_BASE - 1, 0);
	CHECK("sbi_dbcn_write_below_ram", e->sbi.error == -3 && !out.len);
	e = call(0, SBI_EXT_DBCN, 0, 5, RAM_BASE, 1);
	CHECK("sbi_dbcn_write_base_hi_nonzero", e->sbi.error == -3 && !out.len);
	e = call(0, SBI_EXT_DBCN, 0, (uint64_t)-1, RAM_BASE, 0);
	CHECK("sbi_dbcn_write_length_wraps", e->sbi.error == -3 && !out.len);
	e = call(0, SBI_EXT_DBCN, 0, RAM_SIZE, RAM_BASE, 0);
	CHECK("sbi_dbcn_write_long_is_partial",
	      e->sbi.error == 0 && e->sbi.value > 0 &&
		      e->sbi.value < RAM_SIZE && out.len == e->sbi.value);
	out.len = 0;
	e = call(0, SBI_EXT_DBCN, 2, 0x141, 0, 0);
	CHECK("sbi_dbcn_write_byte", e->sbi.error == 0 && e->sbi.value == 0 &&
					     out.len == 1 && out.buf[0] == 'A');

	e = call(0, SBI_EXT_DBCN, 1, 8, RAM_BASE + 0x200, 0);
	CHECK("sbi_dbcn_read_nothing", e->sbi.error == 0 && e->sbi.value == 0);
	CHECK("sbi_console_takes_input",
	      in_cd.receive && in_cd.receive(in_cd.fe, "xyz", 3) == 3);
	e = call(0, SBI_EXT_DBCN, 1, 2, RAM_BASE + 0x200, 0);
	CHECK("sbi_dbcn_read_partial", e->sbi.error == 0 && e->sbi.value == 2 &&
					       !memcmp(ram + 0x200, "xy", 2));
	e = call(0, SBI_EXT_DBCN, 1, 8, RAM_BASE + RAM_SIZE, 0);
	CHECK("sbi_dbcn_read_outside_ram", e->sbi.error == -3);
	e = call(0, SBI_EXT_DBCN, 1, 8, RAM_BASE + 0x200, 0);
	CHECK("sbi_dbcn_read_rest",
	      e->sbi.error == 0 && e->sbi.value == 1 && ram[0x200] == 'z');
	CHECK("sbi_dbcn_unknown_fid",
	      call(0, SBI_EXT_DBCN, 3, 0, 0, 0)->sbi.error == -2);

	/* A full buffer refuses input and asks for more once drained. */
	char big[300];

	memset(big, 'q', sizeof(big));
	resumes = 0;
	size_t took = in_cd.receive(in_cd.fe, big, sizeof(big));
	e = call(0, SBI_EXT_DBCN, 1, 1, RAM_BASE + 0x200, 0);
	CHECK("sbi_console_flow_control", took < sizeof(big) && took > 0 &&
						  e->sbi.value == 1 &&
						  resumes == 1);
	while (call(0, SBI_EXT_DBCN, 1, 64, RAM_BASE + 0x200, 0)->sbi.value)
		;
}

static void test_legacy(void)
{
	uint8_t *ram = vm.mem.host;
	struct accel_exit *e;

	out.len = 0;
	e = call(0, 1, 0, 'Q', 0, 0);
	CHECK("sbi_legacy_putchar", e->sbi.legacy && e->sbi.error == 0 &&
					    out.len == 1 && out.buf[0] == 'Q');
	e = call(0, 2, 0, 0, 0, 0);
	CHECK("sbi_legacy_getchar_empty", e->sbi.legacy && e->sbi.error == -1);
	in_cd.receive(in_cd.fe, "k", 1);
	e = call(0, 2, 0, 0, 0, 0);
	CHECK("sbi_legacy_getchar", e->sbi.error == 'k');

	reset_irqs();
	hart(1)->csr[0x144] = 2;
	hart(1)->irq[ACCEL_IRQ_SSIP] = 1;
	e = call(1, 3, 0, 0, 0, 0);
	CHECK("sbi_legacy_clear_ipi_pending",
	      e->sbi.error == 1 && !(hart(1)->csr[0x144] & 2));
	hart(1)->csr[0x144] = 0;
	CHECK("sbi_legacy_clear_ipi_none",
	      call(1, 3, 0, 0, 0, 0)->sbi.error == 0);

	/* Hart masks in memory, MMU off: the pointer is physical. */
	hart(0)->csr[0x180] = 0;
	*(uint64_t *)(ram + 0x300) = 0x6;
	reset_irqs();
	e = call(0, 4, 0, RAM_BASE + 0x300, 0, 0);
	CHECK("sbi_legacy_send_ipi",
	      e->sbi.error == 0 && ssip_set_exactly(0x6));
	reset_irqs();
	e = call(0, 4, 0, 0, 0, 0);
	CHECK("sbi_legacy_send_ipi_null_is_all",
	      e->sbi.error == 0 && ssip_set_exactly(0xf));
	reset_irqs();
	e = call(0, 4, 0, 0x1000, 0, 0);
	CHECK("sbi_legacy_send_ipi_bad_pointer",
	      e->sbi.error < 0 && ssip_set_exactly(0));
	*(uint64_t *)(ram + 0x300) = 0xff; /* bits past hart 3 ignored */
	reset_irqs();
	e = call(0, 4, 0, RAM_BASE + 0x300, 0, 0);
	CHECK("sbi_legacy_send_ipi_extra_bits_ignored",
	      e->sbi.error == 0 && ssip_set_exactly(0xf));

	/* Sv39: map VA 0xffffffc000201000 to RAM+0x5000 through 3 levels. */
	uint64_t root = RAM_BASE + 0x10000, l1 = RAM_BASE + 0x11000,
		 l0 = RAM_BASE + 0x12000, va = 0xffffffc000201000ULL;
	uint64_t *pt = (uint64_t *)(ram + 0x10000);

	memset(pt, 0, 0x3000);
	pt[(va >> 30) & 0x1ff] = (l1 >> 12) << 10 | 1;
	pt[512 + ((va >> 21) & 0x1ff)] = (l0 >> 12) << 10 | 1;
	pt[1024 + ((va >> 12) & 0x1ff)] =
		((RAM_BASE + 0x5000) >> 12) << 10 | 0x7;
	*(uint64_t *)(ram + 0x5008) = 0x9;
	hart(0)->csr[0x180] = 8ULL << 60 | root >> 12;
	reset_fences();
	e = call(0, 5, 0, va + 8, 0, 0);
	CHECK("sbi_legacy_remote_fence_i_sv39_pointer",
	      e->sbi.error == 0 && hart(0)->fences[0] == 1 &&
		      hart(3)->fences[0] == 1 && !hart(1)->fences[0] &&
		      !hart(2)->fences[0]);
	reset_fences();
	e = call(0, 6, 0, va + 0x1000, 0, 0); /* unmapped page */
	CHECK("sbi_legacy_sfence_vma_unmapped_pointer",
	      e->sbi.error < 0 && !hart(0)->fences[1] && !hart(3)->fences[1]);
	e = call(0, 7, 0, va + 8, 0, 0);
	CHECK("sbi_legacy_sfence_vma_asid", e->sbi.error == 0 &&
						    hart(0)->fences[1] == 1 &&
						    hart(3)->fences[1] == 1);
	hart(0)->csr[0x180] = 0;
	CHECK("sbi_legacy_reserved_eid",
	      call(0, 9, 0, 0, 0, 0)->sbi.error == -2 &&
		      call(0, 0xf, 0, 0, 0, 0)->sbi.legacy);
}

static bool wait_stip(unsigned h, int level, unsigned ms)
{
	for (unsigned i = 0; i < ms; i++) {
		pthread_mutex_lock(&hart(h)->lock);
		int now = hart(h)->irq[ACCEL_IRQ_STIP];
		pthread_mutex_unlock(&hart(h)->lock);
		if (now == level)
			return true;
		usleep(1000);
	}
	return false;
}

static void test_timer(void)
{
	struct accel_exit *e;
	uint64_t now;

	e = call(0, SBI_EXT_TIME, 0, 0, 0, 0);
	CHECK("sbi_set_timer_past_fires_at_once",
	      e->sbi.error == 0 && hart(0)->irq[ACCEL_IRQ_STIP] == 1);
	e = call(0, SBI_EXT_TIME, 0, (uint64_t)-1, 0, 0);
	CHECK("sbi_set_timer_infinite_clears",
	      e->sbi.error == 0 && hart(0)->irq[ACCEL_IRQ_STIP] == 0 &&
		      !wait_stip(0, 1, 30));
	now = clock_ticks(vm.clock_origin_ns);
	e = call(1, SBI_EXT_TIME, 0, now + CLOCK_TIMEBASE_HZ / 20, 0, 0);
	CHECK("sbi_set_timer_future_not_yet",
	      e->sbi.error == 0 && hart(1)->irq[ACCEL_IRQ_STIP] == 0);
	CHECK("sbi_set_timer_future_fires", wait_stip(1, 1, 1000));
	/* Re-arming further away keeps it quiet until then. */
	now = clock_ticks(vm.clock_origin_ns);
	call(2, SBI_EXT_TIME, 0, now + CLOCK_TIMEBASE_HZ / 100, 0, 0);
	call(2, SBI_EXT_TIME, 0, now + CLOCK_TIMEBASE_HZ, 0, 0);
	CHECK("sbi_set_timer_rearm_later", !wait_stip(2, 1, 100));
	call(2, SBI_EXT_TIME, 0, (uint64_t)-1, 0, 0);
	e = call(3, 0, 0, 0, 0, 0);
	CHECK("sbi_legacy_set_timer",
	      e->sbi.legacy && e->sbi.error == 0 &&
		      hart(3)->irq[ACCEL_IRQ_STIP] == 1);
	CHECK("sbi_time_unknown_fid",
	      call(0, SBI_EXT_TIME, 1, 0, 0, 0)->sbi.error == -2);
}

int main(void)
{
	setup();
	test_base();
	test_ipi();
	test_rfence();
	test_hsm();
	test_srst();
	test_dbcn();
	test_legacy();
	test_timer();
	sbi_destroy(vm.sbi);
	timer_service_destroy(&ts);
	vcpus_destroy(&vm);
	return failures ? 1 : 0;
}
