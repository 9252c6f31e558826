// SPDX-License-Identifier: MIT
/*
 * The machine hvrun builds, compatible with QEMU's riscv `virt` board so
 * that firmware and kernels built for it run unchanged. This file is the
 * only one that knows every part: the memory map, which device drives
 * which interrupt line, where each program goes in RAM.
 */
#include "vmm/machine.h"

#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "config.h"
#include "devices/aclint.h"
#include "devices/chardev.h"
#include "devices/finisher.h"
#include "devices/plic/plic.h"
#include "devices/rtc.h"
#include "devices/uart.h"
#include "devices/virtio/blk.h"
#include "devices/virtio/console.h"
#include "devices/virtio/mmio.h"
#include "devices/virtio/net.h"
#include "devices/virtio/p9.h"
#include "devices/virtio/rng.h"
#include "net/net.h"
#include "ui/term.h"
#include "base/clock.h"
#include "vmm/dtb.h"
#include "vmm/loader.h"
#include "base/loop.h"
#include "vmm/sbi.h"
#include "base/timer.h"
#include "vmm/vcpu.h"

#define MIB (1ULL << 20)

/* The memory map and interrupt numbers of QEMU's virt board. */
enum {
	MAP_FINISHER = 0x00100000,
	MAP_RTC = 0x00101000,
	MAP_CLINT = 0x02000000,
	MAP_PLIC = 0x0c000000,
	MAP_UART = 0x10000000,
	MAP_RAM = 0x80000000,
};
enum { IRQ_UART = 10, IRQ_RTC = 11 };

/*
 * The VirtIO devices differ only in how they are made: the rest (bus
 * window, FDT node, reset, teardown) goes through one table a kind.
 */
struct vdev_kind {
	const struct bus_dev *(*bus_dev)(void *dev);
	int (*fdt)(void *dev, void *fdt, int parent, uint32_t plic);
	void (*reset)(void *dev);
	void (*destroy)(void *dev);
};

#define VDEV_KIND(name, type)                                      \
	static const struct bus_dev *name##_kind_bus_dev(void *d)  \
	{                                                          \
		return name##_bus_dev((type *)d);                  \
	}                                                          \
	static int name##_kind_fdt(void *d, void *fdt, int parent, \
				   uint32_t plic)                  \
	{                                                          \
		return name##_fdt((type *)d, fdt, parent, plic);   \
	}                                                          \
	static void name##_kind_reset(void *d)                     \
	{                                                          \
		name##_reset((type *)d);                           \
	}                                                          \
	static void name##_kind_destroy(void *d)                   \
	{                                                          \
		name##_destroy((type *)d);                         \
	}                                                          \
	static const struct vdev_kind name##_kind = {              \
		name##_kind_bus_dev,                               \
		name##_kind_fdt,                                   \
		name##_kind_reset,                                 \
		name##_kind_destroy,                               \
	}

VDEV_KIND(vblk, struct vblk);
VDEV_KIND(vnet, struct vnet);
VDEV_KIND(vp9, struct vp9);
VDEV_KIND(vrng, struct vrng);
VDEV_KIND(vcon, struct vcon);

struct vdev {
	const struct vdev_kind *kind;
	void *dev;
};

/* The devices and the host side, owned by the machine. */
struct machine {
	struct loop loop;
	struct timer_service timers;
	struct term *term;
	struct finisher *finisher;
	struct rtc *rtc;
	struct aclint *aclint;
	struct plic *plic;
	struct uart *uart;
	struct net_backend *net;
	/* virtio-mmio slot i holds vdevs[i]: disks first, so the first is vda */
	struct vdev vdevs[VIRTIO_MMIO_SLOTS];
	unsigned nvdevs;
	struct irq_line *hart_lines; /* per hart: MSIP, MTIP, MEIP, SEIP */
	struct dtb dtb;
	struct accel_hart_desc hart_desc; /* what describe() said */
	struct options opts; /* to load the programs again on a reboot */
	bool loop_ok, timers_ok;
};

/* OpenSBI's fw_dynamic handover block (firmware/fw_dynamic.h, version 2). */
struct fw_dynamic_info {
	uint64_t magic, version, next_addr, next_mode, options, boot_hart;
};
#define FW_DYNAMIC_MAGIC 0x4942534fULL /* "OSBI" */
#define FW_DYNAMIC_NEXT_MODE_S 1

static int pick_accel(const struct options *o, const struct accel_ops **out)
{
	const char *why __attribute__((unused)) = NULL;
	struct utsname u;

	uname(&u);
	switch (o->accel) {
	case OPTIONS_ACCEL_KVM:
#ifdef CONFIG_KVM
		if (accel_kvm_ops.probe(&why) == 0) {
			*out = &accel_kvm_ops;
			return 0;
		}
		fprintf(stderr, "hvrun: --accel kvm: %s; use --accel dbt\n",
			why);
#else
		fprintf(stderr,
			"hvrun: --accel kvm: KVM needs a riscv64 host with "
			"/dev/kvm, and this host is %s; use --accel dbt\n",
			u.machine);
#endif
		return -EINVAL;
	case OPTIONS_ACCEL_DBT:
#ifdef CONFIG_DBT
		*out = &accel_dbt_ops;
		return 0;
#else
		fprintf(stderr, "hvrun: --accel dbt: this build has no binary "
				"translator (it needs an x86-64 host); use "
				"--accel kvm\n");
		return -EINVAL;
#endif
	case OPTIONS_ACCEL_AUTO:
		break;
	}
#ifdef CONFIG_KVM
	if (!o->bios && accel_kvm_ops.probe(&why) == 0) {
		*out = &accel_kvm_ops;
		return 0;
	}
#endif
#ifdef CONFIG_DBT
	*out = &accel_dbt_ops;
	return 0;
#else
	fprintf(stderr,
		"hvrun: KVM is not usable here (%s) and this build has no "
		"binary translator\n",
		why ? why : "not built");
	return -EINVAL;
#endif
}

/*
 * Local interrupt lines of a hart: a device raises them, the accelerator
 * sets the hart's mip bit. The line names the hart rather than pointing at
 * it, because a reboot makes the harts anew.
 */
#define HART_LINE(hart, irq) ((hart) << 4 | (irq))

static void hart_irq_set(void *opaque, unsigned line, int level)
{
	struct vm *vm = opaque;
	struct vcpu *v = &vm->vcpus[line >> 4];

	vm->accel->vcpu_set_irq(v->av, line & 15, level);
}

static void finisher_done(void *opaque, enum finisher_kind kind, int code)
{
	struct vm *vm = opaque;

	switch (kind) {
	case FINISHER_PASS:
		vm_request_exit(vm, 0);
		break;
	case FINISHER_FAIL:
		/* A failure never looks like success to a script. */
		vm_request_exit(vm, (code & 0xff) ? (code & 0xff) : 1);
		break;
	case FINISHER_RESET:
		vm_request_reset(vm);
		break;
	}
}

static void console_quit(void *opaque)
{
	vm_request_exit(opaque, 0);
}

/*
 * Where the programs go. Firmware (--bios) at the start of RAM, the kernel
 * 2 MiB in (where firmware built for virt jumps), or where its ELF headers
 * say; the device tree in the last 2 MiB-aligned slot below 3 GiB, as QEMU
 * does; the initrd just below it.
 */
static int load_programs(struct vm *vm, const struct options *o)
{
	uint64_t ram_end = MAP_RAM + vm->mem.size;
	uint64_t top =
		ram_end < MAP_RAM + 3072 * MIB ? ram_end : MAP_RAM + 3072 * MIB;
	uint64_t kernel_addr = MAP_RAM + 2 * MIB, low = MAP_RAM, floor;
	struct loader_image fw = {0}, k = {0};
	int rc;

	vm->fdt_addr = (top - 64 * 1024) & ~(2 * MIB - 1);
	floor = vm->fdt_addr;
	if (o->bios && strcmp(o->bios, "none")) {
		rc = loader_load(&vm->mem, o->bios, MAP_RAM, &fw);
		if (rc)
			return -EINVAL;
		vm->entry = fw.entry;
		low = fw.end;
		/* The handover block sits just below the device tree. */
		floor -= 4096;
		vm->fw_dynamic_info = floor;
	}
	if (o->kernel) {
		/* Bare metal (--bios none) runs from the start of RAM. */
		if (o->bios && !strcmp(o->bios, "none"))
			kernel_addr = MAP_RAM;
		rc = loader_load(&vm->mem, o->kernel, kernel_addr, &k);
		if (rc)
			return -EINVAL;
		if (k.start < low || k.end > floor) {
			fprintf(stderr,
				"hvrun: --kernel %s: 0x%llx-0x%llx overlaps "
				"the firmware or the device tree; give more "
				"memory with -m\n",
				o->kernel, (unsigned long long)k.start,
				(unsigned long long)k.end);
			return -EINVAL;
		}
		if (!vm->fw_dynamic_info)
			vm->entry = k.entry;
		vm->tohost = k.tohost;
		vm->fromhost = k.fromhost;
	}
	if (vm->fw_dynamic_info) {
		struct fw_dynamic_info info = {
			.magic = FW_DYNAMIC_MAGIC,
			.version = 2,
			.next_addr = k.entry ? k.entry : kernel_addr,
			.next_mode = FW_DYNAMIC_NEXT_MODE_S,
			.boot_hart = 0,
		};

		memcpy(guestmem_ptr(&vm->mem, vm->fw_dynamic_info,
				    sizeof(info)),
		       &info, sizeof(info));
	}
	if (o->initrd) {
		uint64_t size = 0, start;
		FILE *f = fopen(o->initrd, "rb");

		if (f) {
			fseek(f, 0, SEEK_END);
			size = ftell(f);
			fclose(f);
		}
		start = (floor - size) & ~(4096ULL - 1);
		if (size > floor - MAP_RAM || start < (k.end ? k.end : low)) {
			fprintf(stderr,
				"hvrun: --initrd %s: does not fit in guest RAM "
				"next to the kernel; give more memory with "
				"-m\n",
				o->initrd);
			return -EINVAL;
		}
		rc = loader_load_raw(&vm->mem, o->initrd, start, floor, &size);
		if (rc)
			return -EINVAL;
		vm->initrd_start = start;
		vm->initrd_end = start + size;
	}
	return 0;
}

static int build_dtb(struct vm *vm, const struct options *o)
{
	struct machine *m = vm->machine;
	struct dtb *d = &m->dtb;
	struct accel_hart_desc *hd = &m->hart_desc;
	struct dtb_cpus cpus;
	uint32_t plic_ph, test_ph;
	int rc;

	rc = vm->accel->describe(vm->avm, hd);
	if (rc)
		return rc;
	cpus = (struct dtb_cpus){
		.count = vm->ncpus,
		.isa = hd->isa,
		.extensions = hd->extensions,
		.mmu_type = hd->mmu_type,
		.timebase_hz = hd->timebase_hz,
		.cbom_block_size = hd->cbom_block_size,
		.cboz_block_size = hd->cboz_block_size,
	};
	rc = dtb_init(d, "hvrun virt");
	rc = rc ?: dtb_add_cpus(d, &cpus);
	rc = rc ?: dtb_add_memory(d, MAP_RAM, vm->mem.size);
	rc = rc
		     ?: dtb_add_chosen(d, o->append, "/soc/serial@10000000",
				       vm->initrd_start, vm->initrd_end);
	if (rc)
		return rc;
	plic_ph = dtb_phandle(d);
	test_ph = dtb_phandle(d);
	rc = finisher_fdt(m->finisher, d->fdt, dtb_soc(d), test_ph);
	rc = rc ?: rtc_fdt(m->rtc, d->fdt, dtb_soc(d), plic_ph);
	if (!rc && m->aclint)
		rc = aclint_fdt(m->aclint, d->fdt, dtb_soc(d), d->intc);
	rc = rc ?: plic_fdt(m->plic, d->fdt, dtb_soc(d), plic_ph, d->intc);
	rc = rc ?: uart_fdt(m->uart, d->fdt, dtb_soc(d), plic_ph);
	/* New nodes go first: add the highest slot first to read in order. */
	for (unsigned i = m->nvdevs; !rc && i-- > 0;)
		rc = m->vdevs[i].kind->fdt(m->vdevs[i].dev, d->fdt, dtb_soc(d),
					   plic_ph);
	return rc ?: dtb_finish(d);
}

/* Puts @dev in the next virtio-mmio slot (check_slots() made room). */
static void take_slot(struct machine *m, const struct vdev_kind *kind,
		      void *dev)
{
	m->vdevs[m->nvdevs++] = (struct vdev){kind, dev};
}

static int check_slots(const struct options *o, bool net)
{
	unsigned want = o->ndisks + o->nshares + net + 1 + o->virtio_console;

	if (want > VIRTIO_MMIO_SLOTS) {
		fprintf(stderr,
			"hvrun: too many devices: %u disks, %u shares%s%s and "
			"the rng need %u of %d virtio slots; give fewer -d or "
			"--share\n",
			o->ndisks, o->nshares, net ? ", the network" : "",
			o->virtio_console ? ", the console" : "", want,
			VIRTIO_MMIO_SLOTS);
		return -EINVAL;
	}
	return 0;
}

/* The VirtIO devices the options ask for, in slot order. */
static int add_virtio(struct vm *vm, const struct options *o,
		      struct chardev *console)
{
	struct machine *m = vm->machine;
	struct net_config netcfg;
	char err[512];
	int rc;

#ifdef CONFIG_SLIRP
	const char *net = o->net ? o->net : "user";
#else
	const char *net = o->net ? o->net : "none";
#endif
	rc = net_parse(net, &netcfg, err, sizeof(err));
	if (rc) {
		fprintf(stderr, "hvrun: %s\n", err);
		return -EINVAL;
	}
	rc = check_slots(o, netcfg.kind != NET_NONE);
	if (rc)
		return rc;
#define SLOT_ARGS                    \
	VIRTIO_MMIO_BASE(m->nvdevs), \
		plic_irq_line(m->plic, VIRTIO_MMIO_IRQ(m->nvdevs)), &vm->mem
	for (unsigned i = 0; i < o->ndisks; i++) {
		struct vblk_config cfg;
		struct vblk *b;

		rc = vblk_parse(o->disks[i], &cfg, err, sizeof(err));
		if (rc) {
			fprintf(stderr, "hvrun: %s\n", err);
			return -EINVAL;
		}
		rc = vblk_create(
			&b, SLOT_ARGS, &m->loop, cfg.path, cfg.readonly,
			cfg.serial[0] ? cfg.serial : NULL, err, sizeof(err));
		if (rc) {
			fprintf(stderr, "hvrun: --disk: %s\n", err);
			return -EINVAL;
		}
		take_slot(m, &vblk_kind, b);
	}
	if (netcfg.kind != NET_NONE) {
		struct vnet *n;
		uint8_t mac[6];

		rc = net_create(&m->net, &m->loop, &netcfg, err, sizeof(err));
		if (rc) {
			fprintf(stderr, "hvrun: %s\n", err);
			return -EINVAL;
		}
		vnet_default_mac(mac, 0);
		rc = vnet_create(&n, SLOT_ARGS, m->net, mac);
		if (rc)
			return rc;
		take_slot(m, &vnet_kind, n);
	}
	for (unsigned i = 0; i < o->nshares; i++) {
		struct vp9_config cfg;
		struct vp9 *p;

		rc = vp9_parse(o->shares[i], &cfg, err, sizeof(err));
		rc = rc
			     ?: vp9_create(&p, SLOT_ARGS, &m->loop, &cfg, err,
					   sizeof(err));
		if (rc) {
			fprintf(stderr, "hvrun: %s\n", err);
			return -EINVAL;
		}
		take_slot(m, &vp9_kind, p);
	}
	{
		struct vrng *r;

		rc = vrng_create(&r, SLOT_ARGS);
		if (rc)
			return rc;
		take_slot(m, &vrng_kind, r);
	}
	if (o->virtio_console) {
		struct vcon *c;

		/* It takes the console's input; the UART keeps early output. */
		rc = vcon_create(&c, SLOT_ARGS, console);
		if (rc)
			return rc;
		take_slot(m, &vcon_kind, c);
	}
#undef SLOT_ARGS
	for (unsigned i = 0; i < m->nvdevs && !rc; i++)
		rc = bus_add(&vm->bus,
			     m->vdevs[i].kind->bus_dev(m->vdevs[i].dev));
	return rc;
}

/* The devices on the bus and the lines between them and the harts. */
static int add_devices(struct vm *vm, const struct options *o,
		       struct chardev *console)
{
	struct machine *m = vm->machine;
	unsigned n = vm->ncpus;
	struct irq_line *msip, *mtip, *ctx;
	int rc;

	m->hart_lines = calloc(4 * n, sizeof(*m->hart_lines));
	if (!m->hart_lines)
		return -ENOMEM;
	msip = m->hart_lines;
	mtip = msip + n;
	ctx = mtip + n; /* PLIC context 2h is hart h's M-mode, 2h+1 S-mode */
	for (unsigned h = 0; h < n; h++) {
		msip[h] = (struct irq_line){hart_irq_set, vm,
					    HART_LINE(h, ACCEL_IRQ_MSIP)};
		mtip[h] = (struct irq_line){hart_irq_set, vm,
					    HART_LINE(h, ACCEL_IRQ_MTIP)};
		ctx[2 * h] = (struct irq_line){hart_irq_set, vm,
					       HART_LINE(h, ACCEL_IRQ_MEIP)};
		ctx[2 * h + 1] = (struct irq_line){
			hart_irq_set, vm, HART_LINE(h, ACCEL_IRQ_SEIP)};
	}

	rc = finisher_create(&m->finisher, MAP_FINISHER, finisher_done, vm);
	rc = rc ?: plic_create(&m->plic, MAP_PLIC, n, ctx);
	rc = rc
		     ?: rtc_create(&m->rtc, MAP_RTC,
				   plic_irq_line(m->plic, IRQ_RTC), &m->timers);
	rc = rc
		     ?: uart_create(&m->uart, MAP_UART,
				    plic_irq_line(m->plic, IRQ_UART), console);
	/* Under KVM the host kernel provides the timer and IPIs. */
	if (!rc && (vm->accel->caps & ACCEL_CAP_ACLINT))
		rc = aclint_create(&m->aclint, MAP_CLINT, n,
				   vm->clock_origin_ns, &m->timers, msip, mtip);
	if (rc)
		return rc;

	rc = bus_add(&vm->bus, finisher_bus_dev(m->finisher));
	rc = rc ?: bus_add(&vm->bus, rtc_bus_dev(m->rtc));
	rc = rc ?: bus_add(&vm->bus, plic_bus_dev(m->plic));
	rc = rc ?: bus_add(&vm->bus, uart_bus_dev(m->uart));
	if (!rc && m->aclint)
		rc = bus_add(&vm->bus, aclint_bus_dev(m->aclint));
	rc = rc ?: add_virtio(vm, o, console);
	bus_freeze(&vm->bus);
	return rc;
}

/* The harts and the SBI state that goes with them. */
static int start_harts(struct vm *vm)
{
	int rc = vcpus_create(vm);

	if (!rc && vm->host_sbi)
		rc = sbi_create(&vm->sbi, vm);
	return rc;
}

static void stop_harts(struct vm *vm)
{
	if (vm->sbi)
		sbi_destroy(vm->sbi);
	vm->sbi = NULL;
	if (vm->vcpus)
		vcpus_destroy(vm);
	vm->vcpus = NULL;
}

/* Puts the device tree where load_programs() left room for it. */
static int place_dtb(struct vm *vm)
{
	void *fdt = vm->machine->dtb.fdt;
	void *dst = guestmem_ptr(&vm->mem, vm->fdt_addr, fdt_totalsize(fdt));

	if (!dst)
		return -ENOSPC;
	memcpy(dst, fdt, fdt_totalsize(fdt));
	return 0;
}

/*
 * A reboot: devices back to their reset state (their timers cancelled
 * first, so nothing raises a line while the harts are made anew), RAM
 * cleared and loaded again, fresh harts.
 */
static int machine_reset(struct vm *vm)
{
	struct machine *m = vm->machine;
	int rc;

	finisher_reset(m->finisher);
	rtc_reset(m->rtc);
	if (m->aclint)
		aclint_reset(m->aclint);
	plic_reset(m->plic);
	uart_reset(m->uart);
	for (unsigned i = 0; i < m->nvdevs; i++)
		m->vdevs[i].kind->reset(m->vdevs[i].dev);
	stop_harts(vm);
	rc = guestmem_clear(&vm->mem);
	rc = rc ?: load_programs(vm, &m->opts);
	rc = rc ?: place_dtb(vm);
	rc = rc ?: start_harts(vm);
	atomic_store(&vm->exit_code, 0);
	atomic_store(&vm->state, VM_RUNNING);
	return rc;
}

int machine_create(struct vm *vm, const struct options *o)
{
	struct accel_vm_config cfg;
	struct machine *m;
	struct chardev *console = NULL;
	int rc;

	memset(vm, 0, sizeof(*vm));
	atomic_init(&vm->state, VM_RUNNING);
	atomic_init(&vm->exit_code, 0);
	vm->ncpus = o->cpus;
	vm->host_sbi = !o->bios;
	vm->no_reboot = o->no_reboot;
	vm->clock_origin_ns = clock_now_ns();
	bus_init(&vm->bus);
	m = vm->machine = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	vm->loop = &m->loop;
	vm->timers = &m->timers;
	m->opts = *o;

	rc = pick_accel(o, &vm->accel);
	if (rc)
		return rc;
	if (o->bios && !(vm->accel->caps & ACCEL_CAP_FIRMWARE)) {
		fprintf(stderr,
			"hvrun: --bios: firmware runs in M-mode, which only "
			"the binary translator has; use --accel dbt\n");
		return -EINVAL;
	}
	rc = guestmem_init(&vm->mem, MAP_RAM, o->memory);
	if (rc) {
		fprintf(stderr,
			"hvrun: --memory: cannot reserve %llu MiB: %s\n",
			(unsigned long long)(o->memory >> 20), strerror(-rc));
		return -EINVAL;
	}
	rc = load_programs(vm, o);
	if (rc)
		return rc;

	if (o->trace_insn) {
		vm->trace = o->trace_file ? fopen(o->trace_file, "w") : stderr;
		if (!vm->trace) {
			fprintf(stderr, "hvrun: --trace-file %s: %s\n",
				o->trace_file, strerror(errno));
			return -EINVAL;
		}
	}

	rc = loop_init(&m->loop);
	if (rc)
		return rc;
	m->loop_ok = true;
	rc = timer_service_init(&m->timers);
	if (rc)
		return rc;
	m->timers_ok = true;

	cfg = (struct accel_vm_config){
		.mem = &vm->mem,
		.bus = &vm->bus,
		.ncpus = vm->ncpus,
		.host_sbi = vm->host_sbi,
		.tohost = vm->tohost,
		.fromhost = vm->fromhost,
		.clock_origin_ns = vm->clock_origin_ns,
		.trace = vm->trace,
		.trace_flags = o->trace_flags,
		.timers = &m->timers,
		/* The options --accel takes are the translator's. */
		.options = strcmp(vm->accel->name, "dbt") ? NULL
							  : o->accel_options,
	};
	rc = vm->accel->vm_init(&cfg, &vm->avm);
	rc = rc
		     ?: vm->accel->map_ram(vm->avm, vm->mem.base, vm->mem.host,
					   vm->mem.size, 0);
	rc = rc ?: start_harts(vm);
	if (rc) {
		fprintf(stderr, "hvrun: cannot start the %s accelerator: %s\n",
			vm->accel->name, strerror(-rc));
		return rc;
	}

	/* The terminal only when the guest will run: --dump-dtb leaves the
	 * user's terminal alone. */
	if (!o->dump_dtb) {
		rc = term_init(&m->term, &m->loop, console_quit, vm);
		if (rc) {
			fprintf(stderr,
				"hvrun: cannot set up the console: %s\n",
				strerror(-rc));
			return rc;
		}
		console = term_chardev(m->term);
	}
	vm->console = console;
	rc = add_devices(vm, o, console);
	if (rc == -EINVAL) /* a line naming the option was printed */
		return rc;
	if (rc) {
		fprintf(stderr, "hvrun: cannot build the machine: %s\n",
			strerror(-rc));
		return rc;
	}

	rc = build_dtb(vm, o);
	if (rc) {
		fprintf(stderr, "hvrun: cannot build the device tree: %s\n",
			strerror(-rc));
		return rc;
	}
	if (o->dump_dtb) {
		rc = dtb_write(&m->dtb, o->dump_dtb);
		if (rc)
			fprintf(stderr, "hvrun: --dump-dtb %s: %s\n",
				o->dump_dtb, strerror(-rc));
		return rc ? -EINVAL : 0;
	}
	return place_dtb(vm);
}

int machine_run(struct vm *vm)
{
	for (;;) {
		int rc = vm_run(vm);

		if (rc < 0) {
			fprintf(stderr, "hvrun: cannot run the guest: %s\n",
				strerror(-rc));
			return 1;
		}
		if (atomic_load(&vm->state) != VM_RESET)
			return rc;
		rc = machine_reset(vm);
		if (rc) {
			fprintf(stderr, "hvrun: cannot reboot the guest: %s\n",
				strerror(-rc));
			return 1;
		}
	}
}

void machine_destroy(struct vm *vm)
{
	struct machine *m = vm->machine;

	stop_harts(vm);
	if (m) {
		/* Timers first: their callbacks raise the devices' lines. */
		if (m->timers_ok)
			timer_service_destroy(&m->timers);
		/* Disks flush here, before hvrun exits. */
		for (unsigned i = m->nvdevs; i-- > 0;)
			m->vdevs[i].kind->destroy(m->vdevs[i].dev);
		if (m->net)
			net_destroy(m->net);
		if (m->uart)
			uart_destroy(m->uart);
		if (m->aclint)
			aclint_destroy(m->aclint);
		if (m->rtc)
			rtc_destroy(m->rtc);
		if (m->plic)
			plic_destroy(m->plic);
		if (m->finisher)
			finisher_destroy(m->finisher);
		/* After the devices, which write to it until they go. */
		if (m->term)
			term_destroy(m->term);
		if (m->loop_ok)
			loop_destroy(&m->loop);
		dtb_destroy(&m->dtb);
		free(m->hart_lines);
		free(m);
	}
	if (vm->avm)
		vm->accel->vm_destroy(vm->avm);
	if (vm->trace && vm->trace != stderr)
		fclose(vm->trace);
	bus_destroy(&vm->bus);
	guestmem_destroy(&vm->mem);
}
