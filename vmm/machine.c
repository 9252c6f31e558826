// SPDX-License-Identifier: MIT
/*
 * The machine hvrun builds, compatible with QEMU's riscv `virt` board so
 * that firmware and kernels built for it run unchanged. This file is the
 * only one that knows every part: the memory map, which device drives
 * which interrupt line, where each program goes in RAM.
 */
#include "vmm/machine.h"

#include <endian.h>
#include <errno.h>
#include <inttypes.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <stdatomic.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "config.h"
#include "guest/agent/proto.h"
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
#include "devices/virtio/vsock.h"
#include "net/net.h"
#include "ui/run.h"
#include "ui/serial.h"
#include "ui/signals.h"
#include "ui/term.h"
#include "ui/vsock.h"
#include "base/clock.h"
#include "vmm/agentrd.h"
#include "vmm/dtb.h"
#include "vmm/loader.h"
#include "base/loop.h"
#include "vmm/sbi.h"
#include "base/record.h"
#include "base/timer.h"
#include "vmm/control.h"
#include "vmm/gdb.h"
#include "vmm/snapshot.h"
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
	void (*quiesce)(void *dev);
	void (*resume)(void *dev);
	int (*save)(void *dev, struct rec_writer *w);
	int (*load)(void *dev, struct rec_reader *r);
};

#define VDEV_KIND(name, type)                                                 \
	static const struct bus_dev *name##_kind_bus_dev(void *d)             \
	{                                                                     \
		return name##_bus_dev((type *)d);                             \
	}                                                                     \
	static int name##_kind_fdt(void *d, void *fdt, int parent,            \
				   uint32_t plic)                             \
	{                                                                     \
		return name##_fdt((type *)d, fdt, parent, plic);              \
	}                                                                     \
	static void name##_kind_reset(void *d)                                \
	{                                                                     \
		name##_reset((type *)d);                                      \
	}                                                                     \
	static void name##_kind_destroy(void *d)                              \
	{                                                                     \
		name##_destroy((type *)d);                                    \
	}                                                                     \
	static void name##_kind_quiesce(void *d)                              \
	{                                                                     \
		name##_quiesce((type *)d);                                    \
	}                                                                     \
	static void name##_kind_resume(void *d)                               \
	{                                                                     \
		name##_resume((type *)d);                                     \
	}                                                                     \
	static int name##_kind_save(void *d, struct rec_writer *w)            \
	{                                                                     \
		return name##_save((type *)d, w);                             \
	}                                                                     \
	static int name##_kind_load(void *d, struct rec_reader *r)            \
	{                                                                     \
		return name##_load((type *)d, r);                             \
	}                                                                     \
	static const struct vdev_kind name##_kind = {                         \
		name##_kind_bus_dev, name##_kind_fdt,	  name##_kind_reset,  \
		name##_kind_destroy, name##_kind_quiesce, name##_kind_resume, \
		name##_kind_save,    name##_kind_load,                        \
	}

VDEV_KIND(vblk, struct vblk);
VDEV_KIND(vnet, struct vnet);
VDEV_KIND(vp9, struct vp9);
VDEV_KIND(vrng, struct vrng);
VDEV_KIND(vcon, struct vcon);
VDEV_KIND(vsock, struct vsock);

struct vdev {
	const struct vdev_kind *kind;
	void *dev;
};

/*
 * A virtqueue notify the accelerator turns into an eventfd signal (an
 * ioeventfd) instead of a vCPU exit: the loop performs the write.
 */
struct notify_fd {
	struct vm *vm;
	uint64_t addr;
	uint32_t queue;
	int fd;
};
/* Queues a device has at most (virtio-net, virtio-console); a notify of
 * any other queue stays an ordinary MMIO write. */
#define NOTIFY_QUEUES 2

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
	/* The console devices' back ends (OPTIONS_SERIAL_*). */
	struct chardev *cons[OPTIONS_SERIAL_DEVS];
	struct serial *serial[OPTIONS_SERIAL_DEVS];
	struct chardev_tee tee; /* a device that shares the other's */
	bool want_hvc;		/* virtio-console is on the machine */
	/* --run: the agent's host end, its archive, the command line. */
	struct runhost *run;
	uint8_t *agent_cpio;
	size_t agent_cpio_len;
	char *cmdline;
	struct timer timeout; /* --timeout */
	bool timeout_inited;
	atomic_bool timed_out;
	struct signals *signals; /* when no raw terminal handles them */
	atomic_int stop_signal;
	struct net_backend *net;
	struct vsock_unix *vsock_be;
	/* virtio-mmio slot i holds vdevs[i]: disks first, so the first is vda */
	struct vdev vdevs[VIRTIO_MMIO_SLOTS];
	unsigned nvdevs;
	struct irq_line *hart_lines; /* per hart: MSIP, MTIP, MEIP, SEIP */
	struct dtb dtb;
	struct notify_fd *notify; /* ioeventfds, nnotify of them */
	unsigned nnotify;
	struct accel_hart_desc hart_desc; /* what describe() said */
	struct options opts;	 /* to load the programs again on a reboot */
	struct snapshot *loaded; /* the last one snapshot-load loaded */
	bool loop_ok, timers_ok;
};

/* OpenSBI's fw_dynamic handover block (firmware/fw_dynamic.h, version 2). */
struct fw_dynamic_info {
	uint64_t magic, version, next_addr, next_mode, options, boot_hart;
};
#define FW_DYNAMIC_MAGIC 0x4942534fULL /* "OSBI" */
#define FW_DYNAMIC_NEXT_MODE_S 1

/* The way out of an accelerator's limits, when this build has another. */
#ifdef CONFIG_DBT
#define OR_DBT "; or use --accel dbt"
#else
#define OR_DBT ""
#endif

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
		fprintf(stderr, "hvrun: --accel kvm: %s" OR_DBT "\n", why);
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
	/*
	 * Firmware, --isa and --vlen need the binary translator, when there
	 * is one.
	 */
	if (accel_kvm_ops.probe(&why) == 0) {
#ifdef CONFIG_DBT
		if (!o->bios && accel_isa_empty(&o->isa) && !o->vlen) {
			*out = &accel_kvm_ops;
			return 0;
		}
#else
		*out = &accel_kvm_ops;
		return 0;
#endif
	}
#endif
#ifdef CONFIG_DBT
	*out = &accel_dbt_ops;
	return 0;
#else
	fprintf(stderr,
		"hvrun: KVM is not usable here, and this build has no binary "
		"translator: %s\n",
		why ? why : "KVM is not built in");
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
	control_quit(opaque, "host-ui");
}

/*
 * Where the programs go. Firmware (--bios) at the start of RAM, the kernel
 * 2 MiB in (where firmware built for virt jumps), or where its ELF headers
 * say; the device tree in the last 2 MiB-aligned slot below 3 GiB, as QEMU
 * does; the initrd just below it.
 */
static int load_programs(struct vm *vm, const struct options *o)
{
	struct machine *m = vm->machine;
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
		if (o->signature &&
		    (!k.sig_begin || k.sig_end < k.sig_begin ||
		     !guestmem_ptr(&vm->mem, k.sig_begin,
				   ((k.sig_end - k.sig_begin + 3) & ~3ull)
					   ?: 1))) {
			fprintf(stderr,
				"hvrun: --signature %s: --kernel %s has no "
				"begin_signature and end_signature symbols "
				"around a range of RAM\n",
				o->signature, o->kernel);
			return -EINVAL;
		}
		vm->sig_begin = k.sig_begin;
		vm->sig_end = k.sig_end;
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
	if (o->initrd || m->agent_cpio) {
		uint64_t size = 0, start, total;
		FILE *f = o->initrd ? fopen(o->initrd, "rb") : NULL;

		if (f) {
			fseek(f, 0, SEEK_END);
			size = ftell(f);
			fclose(f);
		}
		/* The agent's archive after the initrd, 4-byte aligned. */
		total = ((size + 3) & ~3ULL) + m->agent_cpio_len;
		start = (floor - total) & ~(4096ULL - 1);
		if (total > floor - MAP_RAM || start < (k.end ? k.end : low)) {
			fprintf(stderr,
				"hvrun: --initrd %s: does not fit in guest RAM "
				"next to the kernel; give more memory with "
				"-m\n",
				o->initrd);
			return -EINVAL;
		}
		size = 0;
		if (o->initrd) {
			rc = loader_load_raw(&vm->mem, o->initrd, start, floor,
					     &size);
			if (rc)
				return -EINVAL;
			size = (size + 3) & ~3ULL;
		}
		if (m->agent_cpio) {
			/* Zeroes between archives are skipped by Linux. */
			memset(guestmem_ptr(&vm->mem, start, total), 0, total);
			if (o->initrd)
				loader_load_raw(&vm->mem, o->initrd, start,
						floor, &(uint64_t){0});
			memcpy(guestmem_ptr(&vm->mem, start + size,
					    m->agent_cpio_len),
			       m->agent_cpio, m->agent_cpio_len);
			size += m->agent_cpio_len;
		}
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
		.cbop_block_size = hd->cbop_block_size,
	};
	rc = dtb_init(d, "hvrun virt");
	rc = rc ?: dtb_add_cpus(d, &cpus);
	rc = rc ?: dtb_add_memory(d, MAP_RAM, vm->mem.size);
	rc = rc
		     ?: dtb_add_chosen(d, m->cmdline ? m->cmdline : o->append,
				       "/soc/serial@10000000", vm->initrd_start,
				       vm->initrd_end);
	if (!rc && hd->hpm_events[0])
		rc = dtb_add_pmu(d, hd->hpm_events, hd->hpm_counters);
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

static int check_slots(const struct options *o, bool net, bool hvc)
{
	unsigned want = o->ndisks + o->nshares + net + 1 + hvc + !!o->vsock;

	if (want > VIRTIO_MMIO_SLOTS) {
		fprintf(stderr,
			"hvrun: too many devices: %u disks, %u shares%s%s%s "
			"and the rng need %u of %d virtio slots; give fewer -d "
			"or --share\n",
			o->ndisks, o->nshares, net ? ", the network" : "",
			hvc ? ", the console" : "", o->vsock ? ", vsock" : "",
			want, VIRTIO_MMIO_SLOTS);
		return -EINVAL;
	}
	return 0;
}

/*
 * One image given twice would fight its own lock: say so instead. Paths
 * are compared by what they lead to (links, other spellings).
 */
static int check_twice(const struct options *o, unsigned i, const char *path)
{
	struct stat a, b;

	if (stat(path, &a))
		return 0; /* vblk_create says why */
	for (unsigned j = 0; j < i; j++) {
		struct vblk_config cfg;
		char err[512];

		if (vblk_parse(o->disks[j], &cfg, err, sizeof(err)) ||
		    stat(cfg.path, &b) || a.st_dev != b.st_dev ||
		    a.st_ino != b.st_ino)
			continue;
		fprintf(stderr,
			"hvrun: --disk %s: the same image as --disk %s; give "
			"it once\n",
			path, cfg.path);
		return -EINVAL;
	}
	return 0;
}

/* The VirtIO devices the options ask for, in slot order. */
static int add_virtio(struct vm *vm, const struct options *o)
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
	rc = check_slots(o, netcfg.kind != NET_NONE, m->want_hvc);
	if (rc)
		return rc;
#define SLOT_ARGS                    \
	VIRTIO_MMIO_BASE(m->nvdevs), \
		plic_irq_line(m->plic, VIRTIO_MMIO_IRQ(m->nvdevs)), &vm->mem
	for (unsigned i = 0; i < o->ndisks; i++) {
		struct vblk_config cfg;
		enum vblk_mode mode;
		struct vblk *b;

		rc = vblk_parse(o->disks[i], &cfg, err, sizeof(err));
		if (rc) {
			fprintf(stderr, "hvrun: %s\n", err);
			return -EINVAL;
		}
		rc = check_twice(o, i, cfg.path);
		if (rc)
			return rc;
		mode = cfg.readonly		     ? VBLK_RO
		       : cfg.snapshot || o->snapshot ? VBLK_SNAPSHOT
						     : VBLK_RW;
		rc = vblk_create(&b, SLOT_ARGS, &m->loop, cfg.path, mode,
				 cfg.serial[0] ? cfg.serial : NULL, err,
				 sizeof(err));
		if (rc) {
			fprintf(stderr, "hvrun: --disk: %s\n", err);
			/* In use is a run-time failure, not bad usage. */
			return rc == -EWOULDBLOCK ? -EBUSY : -EINVAL;
		}
		take_slot(m, &vblk_kind, b);
	}
	if (netcfg.kind != NET_NONE) {
		struct vnet *n;
		uint8_t mac[6];

		rc = net_create(&m->net, &m->loop, &netcfg, err, sizeof(err));
		if (rc) {
			/* A port in use, a tap device missing: at run time. */
			fprintf(stderr, "hvrun: %s\n", err);
			return -EBUSY;
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
	if (m->want_hvc) {
		struct vcon *c;
		struct vcon_port_config ports[2] = {
			{.cd = m->cons[OPTIONS_SERIAL_HVC]},
			{.cd = m->run ? runhost_chardev(m->run) : NULL,
			 .name = AGENT_PORT_NAME},
		};

		/* Port 1 is the guest agent's, for --run. */
		rc = vcon_create(&c, SLOT_ARGS, ports, m->run ? 2 : 1);
		if (rc)
			return rc;
		take_slot(m, &vcon_kind, c);
	}
	if (o->vsock) {
		struct vsock_unix_config cfg;
		struct vsock *v;

		rc = vsock_unix_parse(o->vsock, &cfg, err, sizeof(err));
		if (rc) {
			fprintf(stderr, "hvrun: %s\n", err);
			return -EINVAL;
		}
		rc = vsock_unix_create(&m->vsock_be, &m->loop, &cfg, err,
				       sizeof(err));
		if (rc) {
			fprintf(stderr, "hvrun: %s\n", err);
			return -EBUSY;
		}
		rc = vsock_create(&v, SLOT_ARGS, &m->loop, cfg.cid,
				  &vsock_unix_ops, m->vsock_be);
		if (rc)
			return rc;
		vsock_unix_attach(m->vsock_be, v);
		take_slot(m, &vsock_kind, v);
	}
#undef SLOT_ARGS
	for (unsigned i = 0; i < m->nvdevs && !rc; i++)
		rc = bus_add(&vm->bus,
			     m->vdevs[i].kind->bus_dev(m->vdevs[i].dev));
	return rc;
}

/* The devices on the bus and the lines between them and the harts. */
static int add_devices(struct vm *vm, const struct options *o)
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
				    plic_irq_line(m->plic, IRQ_UART),
				    m->cons[OPTIONS_SERIAL_UART]);
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
	rc = rc ?: add_virtio(vm, o);
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

/* ---- ioeventfd: virtqueue notifies that do not stop the vCPU ---- */

static void notify_ready(void *arg)
{
	struct notify_fd *n = arg;
	uint64_t count;

	/* However many writes came since the last time, one notify serves
	 * them: the device looks at the whole queue. */
	if (read(n->fd, &count, sizeof(count)) == sizeof(count))
		bus_write(&n->vm->bus, n->addr, 4, n->queue);
}

/*
 * Asks the accelerator for an eventfd per virtqueue notify (QueueNotify
 * written with the queue's index) and has the loop watch them. Without
 * the accelerator's support the writes stay MMIO exits, which work too.
 */
static int add_notify_fds(struct vm *vm)
{
	struct machine *m = vm->machine;
	int rc = 0;

	if (!vm->accel->add_ioeventfd || !m->nvdevs)
		return 0;
	m->notify = calloc(m->nvdevs * NOTIFY_QUEUES, sizeof(*m->notify));
	if (!m->notify)
		return -ENOMEM;
	for (unsigned i = 0; i < m->nvdevs && !rc; i++) {
		for (unsigned q = 0; q < NOTIFY_QUEUES && !rc; q++) {
			struct notify_fd *n = &m->notify[m->nnotify];

			n->vm = vm;
			n->addr =
				VIRTIO_MMIO_BASE(i) + VIRTIO_MMIO_QUEUE_NOTIFY;
			n->queue = q;
			n->fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
			if (n->fd < 0)
				return -errno;
			m->nnotify++;
			rc = vm->accel->add_ioeventfd(vm->avm, n->addr, 4, q,
						      n->fd);
			rc = rc
				     ?: loop_watch_fd(&m->loop, n->fd,
						      notify_ready, n);
		}
	}
	return rc == -EOPNOTSUPP ? 0 : rc;
}

/*
 * A new accelerator VM (a snapshot loaded) is told again about the
 * notify eventfds that the loop already watches.
 */
static int rearm_notify_fds(struct vm *vm)
{
	struct machine *m = vm->machine;
	int rc = 0;

	for (unsigned i = 0; i < m->nnotify && !rc; i++)
		rc = vm->accel->add_ioeventfd(vm->avm, m->notify[i].addr, 4,
					      m->notify[i].queue,
					      m->notify[i].fd);
	return rc == -EOPNOTSUPP ? 0 : rc;
}

/* The accelerator's VM, from what vm holds now (the clock origin too). */
static int start_accel(struct vm *vm, const struct options *o)
{
	struct accel_vm_config cfg = {
		.mem = &vm->mem,
		.bus = &vm->bus,
		.ncpus = vm->ncpus,
		.host_sbi = vm->host_sbi,
		.tohost = vm->tohost,
		.fromhost = vm->fromhost,
		.clock_origin_ns = vm->clock_origin_ns,
		.trace = vm->trace,
		.trace_flags = o->trace_flags,
		.timers = &vm->machine->timers,
		.vlen = o->vlen,
		.isa = o->isa,
		/* The options --accel takes are the translator's. */
		.options = strcmp(vm->accel->name, "dbt") ? NULL
							  : o->accel_options,
	};
	int rc;

	/* KVM's harts have the host's vector registers. */
	if (o->vlen && strcmp(vm->accel->name, "dbt")) {
		fprintf(stderr,
			"hvrun: --vlen: the %s accelerator has the host's "
			"vector length; leave --vlen out or use --accel dbt\n",
			vm->accel->name);
		return -EINVAL;
	}
	rc = vm->accel->vm_init(&cfg, &vm->avm);

	/* -EINVAL: the accelerator said what to do. */
	return rc
		       ?: vm->accel->map_ram(vm->avm, vm->mem.base,
					     vm->mem.host, vm->mem.size, 0);
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
static void reset_devices(struct vm *vm)
{
	struct machine *m = vm->machine;

	finisher_reset(m->finisher);
	rtc_reset(m->rtc);
	if (m->aclint)
		aclint_reset(m->aclint);
	plic_reset(m->plic);
	uart_reset(m->uart);
	for (unsigned i = 0; i < m->nvdevs; i++)
		m->vdevs[i].kind->reset(m->vdevs[i].dev);
}

static int machine_reset(struct vm *vm)
{
	struct machine *m = vm->machine;
	int rc;

	reset_devices(vm);
	stop_harts(vm);
	rc = guestmem_clear(&vm->mem);
	rc = rc ?: load_programs(vm, &m->opts);
	rc = rc ?: place_dtb(vm);
	rc = rc ?: start_harts(vm);
	vm->restored = false;
	atomic_store(&vm->exit_code, 0);
	atomic_store(&vm->state, VM_RUNNING);
	return rc;
}

/*
 * A snapshot loaded into the running machine (QMP snapshot-load): as a
 * reboot, devices reset and harts made anew, but RAM, the clock and every
 * state come from the file. The accelerator's VM is made anew too, as it
 * keeps the clock's origin. Its programs become the machine's (for a
 * reboot).
 */
static int machine_load(struct vm *vm)
{
	struct machine *m = vm->machine;
	struct snapshot *s = vm->pending_load;
	int rc;

	vm->pending_load = NULL;
	reset_devices(vm);
	stop_harts(vm);
	vm->accel->vm_destroy(vm->avm);
	vm->avm = NULL;
	rc = snapshot_reload_ram(s, vm);
	if (!rc) {
		rc = start_accel(vm, &m->opts);
		rc = rc ?: rearm_notify_fds(vm);
		rc = rc ?: start_harts(vm);
		if (rc)
			snprintf(s->err, sizeof(s->err),
				 "cannot start the %s "
				 "accelerator: %s",
				 vm->accel->name, strerror(-rc));
	}
	rc = rc ?: snapshot_load_state(s, vm);
	if (rc)
		fprintf(stderr, "hvrun: snapshot-load %s: %s\n", s->path,
			s->err);
	if (m->loaded) {
		snapshot_close(m->loaded);
		free(m->loaded);
	}
	m->loaded = s;
	m->opts.kernel = s->opts.kernel;
	m->opts.initrd = s->opts.initrd;
	m->opts.append = s->opts.append;
	m->opts.bios = s->opts.bios;
	vm->restored = true;
	atomic_store(&vm->exit_code, 0);
	atomic_store(&vm->state, VM_RUNNING);
	return rc;
}

/* Devices in the order their records are saved and loaded. */
int machine_save_devices(struct vm *vm, struct rec_writer *w)
{
	struct machine *m = vm->machine;
	int rc;

	rc = finisher_save(m->finisher, w);
	rc = rc ?: rtc_save(m->rtc, w);
	if (!rc && m->aclint)
		rc = aclint_save(m->aclint, w);
	rc = rc ?: plic_save(m->plic, w);
	rc = rc ?: uart_save(m->uart, w);
	for (unsigned i = 0; i < m->nvdevs && !rc; i++)
		rc = m->vdevs[i].kind->save(m->vdevs[i].dev, w);
	return rc;
}

int machine_load_devices(struct vm *vm, struct rec_reader *r)
{
	struct machine *m = vm->machine;
	int rc;

	/* The PLIC before the devices that drive its inputs. */
	rc = finisher_load(m->finisher, r);
	rc = rc ?: rtc_load(m->rtc, r);
	if (!rc && m->aclint)
		rc = aclint_load(m->aclint, r, vm->clock_origin_ns);
	rc = rc ?: plic_load(m->plic, r);
	rc = rc ?: uart_load(m->uart, r);
	for (unsigned i = 0; i < m->nvdevs && !rc; i++)
		rc = m->vdevs[i].kind->load(m->vdevs[i].dev, r);
	return rc;
}

void machine_quiesce(struct vm *vm)
{
	struct machine *m = vm->machine;

	for (unsigned i = 0; i < m->nvdevs; i++)
		m->vdevs[i].kind->quiesce(m->vdevs[i].dev);
}

void machine_resume(struct vm *vm)
{
	struct machine *m = vm->machine;

	for (unsigned i = 0; i < m->nvdevs; i++)
		m->vdevs[i].kind->resume(m->vdevs[i].dev);
}

const struct options *machine_options(struct vm *vm)
{
	return &vm->machine->opts;
}

/*
 * The back ends of the console devices. The console (--console) is on
 * the terminal unless --serial says otherwise (nowhere with --run and
 * --daemonize); with the console on virtio, the UART's early output goes
 * where the console's does; virtio-console's port 0, when it is there
 * for other reasons, goes nowhere.
 */
static int open_consoles(struct vm *vm, const struct options *o)
{
	struct machine *m = vm->machine;
	unsigned con =
		o->virtio_console ? OPTIONS_SERIAL_HVC : OPTIONS_SERIAL_UART;
	bool on_term = false;
	char err[512];
	int rc;

	/* The console first: the other device may share its back end. */
	for (unsigned k = 0; k < OPTIONS_SERIAL_DEVS; k++) {
		unsigned dev = k ? !con : con;
		const char *spec = o->serial[dev];
		struct serial_config cfg;

		if (dev == OPTIONS_SERIAL_HVC && !m->want_hvc)
			continue;
		if (!spec && dev == con)
			spec = o->run || o->daemonize ? "null" : "stdio";
		if (!spec && dev == OPTIONS_SERIAL_UART) {
			m->cons[dev] = chardev_tee_init(&m->tee, m->cons[con]);
			continue;
		}
		if (!spec)
			spec = "null";
		rc = serial_parse(spec, &cfg, err, sizeof(err));
		if (rc) {
			fprintf(stderr, "hvrun: %s\n", err);
			return -EINVAL;
		}
		if (cfg.kind == SERIAL_STDIO && on_term) {
			/* One terminal: its input stays with the console. */
			m->cons[dev] = chardev_tee_init(&m->tee, m->cons[con]);
			continue;
		}
		if (cfg.kind == SERIAL_STDIO) {
			rc = term_init(&m->term, &m->loop, console_quit, vm);
			if (rc) {
				fprintf(stderr,
					"hvrun: cannot set up the terminal: "
					"%s\n",
					strerror(-rc));
				return rc;
			}
			m->cons[dev] = term_chardev(m->term);
			on_term = true;
			continue;
		}
		rc = serial_open(&m->serial[dev], &m->loop, &cfg,
				 options_serial_names[dev], err, sizeof(err));
		if (rc) {
			fprintf(stderr, "hvrun: %s\n", err);
			return rc == -EINVAL ? rc : -EBUSY;
		}
		m->cons[dev] = serial_chardev(m->serial[dev]);
	}
	/* The firmware's and the SBI's console is the UART's. */
	vm->console = m->cons[OPTIONS_SERIAL_UART];
	return 0;
}

static void run_done(void *opaque, int status)
{
	/* The agent could not run the command: hvrun's own failure. */
	vm_request_exit(opaque, status < 0 ? MACHINE_EXIT_GUEST : status);
}

static void stop_on_signal(void *opaque, int sig)
{
	struct vm *vm = opaque;

	atomic_store(&vm->machine->stop_signal, sig);
	vm_request_exit(vm, 128 + sig);
}

static void run_timeout(void *opaque)
{
	struct vm *vm = opaque;

	atomic_store(&vm->machine->timed_out, true);
	vm_request_exit(vm, MACHINE_EXIT_TIMEOUT);
}

/*
 * --run: the agent in an archive for the initrd, the command line that
 * starts it, and the host end of its port. The command runs in the first
 * shared folder, mounted at /mnt/TAG like the others. The archive and the
 * command line are for a cold boot; a guest restored with its agent
 * already waiting needs only the host end (see ui/run.h).
 */
static int prepare_run(struct vm *vm, const struct options *o)
{
	struct machine *m = vm->machine;
	struct runhost_config cfg = {
		.cmd = o->run,
		.in_fd = STDIN_FILENO,
		.out_fd = STDOUT_FILENO,
		.err_fd = STDERR_FILENO,
		.done = run_done,
		.opaque = vm,
	};
	char cwd[VP9_TAG_MAX + 8];
	struct vp9_config share[OPTIONS_MAX_SHARES];
	const char *con = o->virtio_console ? "hvc0" : "ttyS0";
	const char *serial = o->serial[o->virtio_console ? OPTIONS_SERIAL_HVC
							 : OPTIONS_SERIAL_UART];
	char path[PATH_MAX], err[512];
	int rc;

	rc = agentrd_find(path, sizeof(path));
	if (rc)
		return -EBUSY;
	rc = agentrd_archive(path, &m->agent_cpio, &m->agent_cpio_len);
	if (rc)
		return -EBUSY;
	/* The kernel's log only where asked for: quiet when it goes nowhere. */
	m->cmdline = agentrd_cmdline(o->append, con,
				     !serial || !strcmp(serial, "null"));
	if (!m->cmdline)
		return -ENOMEM;
	for (unsigned i = 0; i < o->nshares && i < RUNHOST_MAX_MOUNTS; i++) {
		if (vp9_parse(o->shares[i], &share[i], err, sizeof(err))) {
			fprintf(stderr, "hvrun: %s\n", err);
			return -EINVAL;
		}
		cfg.mounts[i] = share[i].tag;
		cfg.mount_ro[i] = share[i].readonly;
		cfg.nmounts++;
	}
	if (o->nshares) {
		snprintf(cwd, sizeof(cwd), "/mnt/%s", share[0].tag);
		cfg.cwd = cwd;
	}
	rc = runhost_create(&m->run, &m->loop, &cfg);
	if (rc)
		fprintf(stderr, "hvrun: --run: %s\n", strerror(-rc));
	return rc;
}

int machine_create(struct vm *vm, const struct options *o,
		   struct snapshot *snap)
{
	struct machine *m;
	int rc;

	memset(vm, 0, sizeof(*vm));
	atomic_init(&vm->state, VM_RUNNING);
	atomic_init(&vm->exit_code, 0);
	vm->ncpus = o->cpus;
	vm->host_sbi = !o->bios;
	/* With --run, a reboot ends the guest: the command ran once. */
	vm->no_reboot = o->no_reboot || o->run;
	vm->clock_origin_ns = clock_now_ns();
	pthread_mutex_init(&vm->pause_lock, NULL);
	pthread_cond_init(&vm->pause_cond, NULL);
	atomic_init(&vm->pause_req, false);
	atomic_init(&vm->quit_requested, false);
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
#ifdef CONFIG_DBT
		fprintf(stderr,
			"hvrun: --bios: firmware runs in M-mode, which only "
			"the binary translator has; use --accel dbt\n");
#else
		fprintf(stderr,
			"hvrun: --bios: firmware runs in M-mode, which KVM "
			"guests do not have; leave --bios out (hvrun's own "
			"SBI serves the kernel)\n");
#endif
		return -EINVAL;
	}
	if (o->trace_insn && !(vm->accel->caps & ACCEL_CAP_TRACE)) {
		fprintf(stderr,
			"hvrun: --trace: the %s accelerator cannot trace the "
			"harts; leave --trace out" OR_DBT "\n",
			vm->accel->name);
		return -EINVAL;
	}
	rc = loop_init(&m->loop);
	if (rc)
		return rc;
	m->loop_ok = true;
	/* --run's agent joins the initrd: before the programs are loaded. */
	if (o->run && !o->dump_dtb) {
		rc = prepare_run(vm, o);
		if (rc)
			return rc == -EINVAL || rc == -EBUSY ? rc : -EIO;
	}
	if (snap) {
		/* RAM, the clock and where the programs went: as saved. */
		rc = snapshot_restore_ram(snap, vm, MAP_RAM);
		if (rc) {
			fprintf(stderr, "hvrun: --restore %s: %s\n", o->restore,
				snap->err);
			return rc;
		}
	} else {
		rc = guestmem_init(&vm->mem, MAP_RAM, o->memory);
		if (rc) {
			fprintf(stderr,
				"hvrun: --memory: cannot reserve %llu MiB: "
				"%s\n",
				(unsigned long long)(o->memory >> 20),
				strerror(-rc));
			return -EINVAL;
		}
		rc = load_programs(vm, o);
		if (rc)
			return rc;
	}

	if (o->trace_insn) {
		vm->trace = o->trace_file ? fopen(o->trace_file, "w") : stderr;
		if (!vm->trace) {
			fprintf(stderr, "hvrun: --trace-file %s: %s\n",
				o->trace_file, strerror(errno));
			return -EINVAL;
		}
	}

	rc = timer_service_init(&m->timers);
	if (rc)
		return rc;
	m->timers_ok = true;
	if (o->timeout_ms) {
		timer_init(&m->timeout, &m->timers, run_timeout, vm);
		m->timeout_inited = true;
	}

	vm->isa = o->isa;
	if (accel_isa_empty(&vm->isa))
		accel_isa_profile(ACCEL_ISA_DEFAULT, &vm->isa);
	rc = start_accel(vm, o);
	if (rc == -EINVAL) /* the accelerator said what to do */
		return rc;
	rc = rc ?: start_harts(vm);
	if (rc) {
		fprintf(stderr, "hvrun: cannot start the %s accelerator: %s\n",
			vm->accel->name, strerror(-rc));
		return rc;
	}

	/* The consoles only when the guest will run: --dump-dtb leaves the
	 * user's terminal alone. */
	m->want_hvc =
		o->virtio_console || o->serial[OPTIONS_SERIAL_HVC] || o->run;
	if (!o->dump_dtb) {
		rc = open_consoles(vm, o);
		if (rc)
			return rc == -EINVAL || rc == -EBUSY ? rc : -EIO;
		/* A raw terminal restores itself on these and dies. */
		if (!m->term) {
			rc = signals_init(&m->signals, &m->loop, stop_on_signal,
					  vm);
			if (rc)
				return rc;
		}
	}
	rc = add_devices(vm, o);
	if (rc == -EINVAL || rc == -EBUSY) /* a line was printed */
		return rc;
	rc = rc ?: add_notify_fds(vm);
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
	if (snap) {
		/* The device tree is in the saved RAM already. */
		rc = snapshot_load_state(snap, vm);
		if (rc) {
			fprintf(stderr, "hvrun: --restore %s: %s\n", o->restore,
				snap->err);
			return rc;
		}
		vm->restored = true;
	} else {
		rc = place_dtb(vm);
		if (rc)
			return rc;
	}
	rc = control_create(&vm->control, vm, m->term, o);
	return rc ?: gdb_create(vm, o);
}

/* A line on stderr, which may be a terminal in raw mode. */
static void report(struct vm *vm, const char *msg)
{
	bool raw = vm->machine->term && isatty(STDERR_FILENO);

	fprintf(stderr, "%shvrun: %s%s", raw ? "\r\n" : "", msg,
		raw ? "\r\n" : "\n");
}

/* What --timeout and --run make of the guest's end. */
static int run_status(struct vm *vm, int rc)
{
	struct machine *m = vm->machine;
	char msg[128];

	if (atomic_load(&m->stop_signal)) {
		snprintf(msg, sizeof(msg), "stopped the guest on SIG%s",
			 sigabbrev_np(atomic_load(&m->stop_signal)) ?: "?");
		report(vm, msg);
		return 128 + atomic_load(&m->stop_signal);
	}
	if (atomic_load(&m->timed_out)) {
		snprintf(msg, sizeof(msg),
			 "--timeout: stopped the guest after %.3g s",
			 m->opts.timeout_ms / 1000.0);
		report(vm, msg);
		return MACHINE_EXIT_TIMEOUT;
	}
	if (m->run && !runhost_finished(m->run)) {
		report(vm, "--run: the guest stopped before the command "
			   "ended (--serial file:PATH keeps its console)");
		return MACHINE_EXIT_GUEST;
	}
	return rc;
}

/*
 * --signature: the words from begin_signature to end_signature, one a line
 * as eight hex digits, lowest address first (Spike's and Sail's format,
 * what the architecture tests' frameworks compare).
 */
static int write_signature(struct vm *vm, const char *file)
{
	uint64_t n = (vm->sig_end - vm->sig_begin + 3) / 4;
	const uint8_t *p =
		n ? guestmem_ptr(&vm->mem, vm->sig_begin, n * 4) : NULL;
	FILE *f = fopen(file, "w");
	int bad;

	if (!f || (n && !p)) {
		fprintf(stderr, "hvrun: --signature %s: %s\n", file,
			f ? "not in RAM" : strerror(errno));
		if (f)
			fclose(f);
		return -1;
	}
	for (uint64_t i = 0; i < n; i++) {
		uint32_t w;

		memcpy(&w, p + 4 * i, 4);
		fprintf(f, "%08" PRIx32 "\n", le32toh(w));
	}
	bad = ferror(f);
	if (fclose(f) || bad) {
		fprintf(stderr, "hvrun: --signature %s: %s\n", file,
			strerror(errno));
		return -1;
	}
	return 0;
}

int machine_run(struct vm *vm)
{
	struct machine *m = vm->machine;

	if (m->timeout_inited)
		timer_arm(&m->timeout,
			  clock_now_ns() + m->opts.timeout_ms * 1000000ull);
	for (;;) {
		int rc = vm_run(vm);

		control_vm_ended(vm);
		if (atomic_load(&vm->state) == VM_EXIT)
			gdb_vm_ended(vm, rc);
		if (rc >= 0 && atomic_load(&vm->state) == VM_LOAD) {
			if (machine_load(vm))
				return 1;
			continue;
		}
		if (rc < 0) {
			fprintf(stderr, "hvrun: cannot run the guest: %s\n",
				strerror(-rc));
			return 1;
		}
		if (atomic_load(&vm->state) != VM_RESET) {
			const char *file = vm->machine->opts.save_on_exit;
			char err[512];

			if (file && atomic_load(&vm->quit_requested) &&
			    snapshot_save(vm, file, err, sizeof(err))) {
				fprintf(stderr,
					"hvrun: --save-on-exit %s: %s\n", file,
					err);
				return 1;
			}
			if (vm->machine->opts.signature &&
			    write_signature(vm, vm->machine->opts.signature))
				return 1;
			return run_status(vm, rc);
		}
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

	control_destroy(vm->control);
	vm->control = NULL;
	gdb_destroy(vm);
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
		vsock_unix_destroy(m->vsock_be);
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
		/* After the devices, which write to them until they go. */
		for (unsigned i = 0; i < OPTIONS_SERIAL_DEVS; i++)
			serial_destroy(m->serial[i]);
		runhost_destroy(m->run);
		signals_destroy(m->signals);
		if (m->term)
			term_destroy(m->term);
		if (m->loop_ok)
			loop_destroy(&m->loop);
		/* KVM holds its own reference to the eventfds it signals. */
		for (unsigned i = 0; i < m->nnotify; i++)
			close(m->notify[i].fd);
		free(m->notify);
		dtb_destroy(&m->dtb);
		free(m->hart_lines);
		if (m->loaded) {
			snapshot_close(m->loaded);
			free(m->loaded);
		}
		free(m->agent_cpio);
		free(m->cmdline);
		free(m);
	}
	if (vm->avm)
		vm->accel->vm_destroy(vm->avm);
	if (vm->trace && vm->trace != stderr)
		fclose(vm->trace);
	bus_destroy(&vm->bus);
	guestmem_destroy(&vm->mem);
}
