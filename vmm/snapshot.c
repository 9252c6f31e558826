// SPDX-License-Identifier: MIT
/*
 * Snapshot files: see vmm/snapshot.h for the layout. Saving pauses the
 * harts (vm_pause) and quiesces the devices, so every hart is at an
 * instruction boundary and no device holds a buffer it took from the
 * guest; then the records are written, then RAM page by page, skipping
 * pages of zeros, so that they stay holes in the file.
 */
#include "vmm/snapshot.h"

#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "base/clock.h"
#include "devices/virtio/blk.h"
#include "devices/virtio/p9.h"
#include "net/net.h"
#include "vmm/machine.h"
#include "vmm/sbi.h"
#include "vmm/vcpu.h"

#define MAGIC "HVRUNSNP"
#define HEADER_SIZE 4096
#define PAGE 4096
#define RAM_ALIGN (2ull << 20)
/* More saved state than this is no snapshot of ours. */
#define STATE_MAX (64u << 20)

struct header {
	char magic[8];
	uint32_t format;
	uint32_t header_size;
	char version[64];
	uint64_t state_off, state_len;
	uint64_t ram_off, ram_size;
	uint32_t state_crc;
	uint32_t header_crc; /* of this structure with header_crc 0 */
};

/* Keys of the "machine" record. */
enum {
	MACHINE_REC_VERSION = 1,
	KM_MEMORY = 1,
	KM_CPUS,
	KM_HOST_SBI,
	KM_BIOS,
	KM_KERNEL,
	KM_INITRD,
	KM_APPEND,
	KM_VIRTIO_CONSOLE,
	KM_NDISKS,
	KM_NSHARES,
	KM_NET,
	KM_NET_PRESENT,
	KM_ISA,		  /* --isa's set as "i,m,a,...", absent without --isa */
	KM_DISK0 = 0x100, /* + 4 * i: spec, size, mtime */
	KM_SHARE0 = 0x200, /* + i: spec */
};

/* Keys of the "vm" record. */
enum {
	VM_REC_VERSION = 1,
	KV_MTIME = 1,
	KV_ENTRY,
	KV_FDT,
	KV_FW_DYNAMIC,
	KV_INITRD_START,
	KV_INITRD_END,
	KV_TOHOST,
	KV_FROMHOST,
	KV_NCPUS,
	/* Hart i: KV_HART0 + 8 * i + KV_H_*. */
	KV_HART0 = 0x100,
	KV_H_HSM = 0,
	KV_H_START_ADDR,
	KV_H_START_ARG,
	KV_H_SUSPEND, /* bit 0: suspended, bit 1: retentive */
	KV_H_RESUME_ADDR,
	KV_H_RESUME_ARG,
};

enum { HART_REC_VERSION = 1, KH_HARTID = 1, KH_VERSION, KH_REGS };

static int __attribute__((format(printf, 3, 4)))
fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* --- Saving --- */

/* "FILE,opts" with FILE made absolute, into @buf. */
static void absolute_spec(const char *spec, char *buf, size_t len)
{
	const char *comma = strchr(spec, ',');
	char file[PATH_MAX], abs[PATH_MAX];
	size_t n = comma ? (size_t)(comma - spec) : strlen(spec);

	snprintf(file, sizeof(file), "%.*s", (int)n, spec);
	if (!realpath(file, abs))
		snprintf(abs, sizeof(abs), "%s", file);
	snprintf(buf, len, "%s%s", abs, comma ? comma : "");
}

static void put_path(struct rec_writer *w, uint16_t key, const char *path)
{
	char abs[PATH_MAX];

	if (!path)
		return;
	if (!strcmp(path, "none") || !realpath(path, abs))
		snprintf(abs, sizeof(abs), "%s", path);
	rec_str(w, key, abs);
}

static int save_machine(struct vm *vm, struct rec_writer *w)
{
	const struct options *o = machine_options(vm);
	char spec[PATH_MAX + 256];
	unsigned i;

	rec_begin(w, "machine", MACHINE_REC_VERSION);
	rec_u64(w, KM_MEMORY, vm->mem.size);
	rec_u64(w, KM_CPUS, vm->ncpus);
	rec_u64(w, KM_HOST_SBI, vm->host_sbi);
	put_path(w, KM_BIOS, o->bios);
	put_path(w, KM_KERNEL, o->kernel);
	put_path(w, KM_INITRD, o->initrd);
	if (o->append)
		rec_str(w, KM_APPEND, o->append);
	rec_u64(w, KM_VIRTIO_CONSOLE, o->virtio_console);
	rec_u64(w, KM_NDISKS, o->ndisks);
	for (i = 0; i < o->ndisks; i++) {
		struct vblk_config cfg;
		struct stat st;
		char why[256];

		if (vblk_parse(o->disks[i], &cfg, why, sizeof(why)) ||
		    stat(cfg.path, &st))
			return rec_refuse(w, -ENOENT, "--disk %s: %s",
					  o->disks[i], strerror(errno));
		absolute_spec(o->disks[i], spec, sizeof(spec));
		rec_str(w, KM_DISK0 + 4 * i, spec);
		rec_u64(w, KM_DISK0 + 4 * i + 1, st.st_size);
		rec_u64(w, KM_DISK0 + 4 * i + 2,
			st.st_mtim.tv_sec * 1000000000ull + st.st_mtim.tv_nsec);
	}
	rec_u64(w, KM_NSHARES, o->nshares);
	for (i = 0; i < o->nshares; i++) {
		absolute_spec(o->shares[i], spec, sizeof(spec));
		rec_str(w, KM_SHARE0 + i, spec);
	}
	if (o->net)
		rec_str(w, KM_NET, o->net);
	if (!accel_isa_empty(&o->isa)) {
		size_t len = 0;

		spec[0] = 0;
		for (i = 0; i < ACCEL_EXT_COUNT; i++)
			if (accel_isa_has(&o->isa, i))
				len += (size_t)snprintf(
					spec + len, sizeof(spec) - len,
					",%s" + !len, accel_isa_name(i));
		rec_str(w, KM_ISA, spec);
	}
	return rec_end(w);
}

/* The set KM_ISA names in @list into @isa; -ENOENT names one unknown. */
static int isa_from_list(const char *list, struct accel_isa *isa, char *bad,
			 size_t badlen)
{
	char name[32];

	memset(isa, 0, sizeof(*isa));
	while (*list) {
		size_t n = strcspn(list, ",");
		int id;

		snprintf(name, sizeof(name), "%.*s", (int)n, list);
		id = accel_isa_lookup(name);
		if (id < 0) {
			snprintf(bad, badlen, "%s", name);
			return -ENOENT;
		}
		accel_isa_set(isa, (unsigned)id, true);
		list += n + (list[n] == ',');
	}
	return 0;
}

static int save_vm(struct vm *vm, struct rec_writer *w)
{
	rec_begin(w, "vm", VM_REC_VERSION);
	rec_u64(w, KV_MTIME, clock_ticks(vm->clock_origin_ns));
	rec_u64(w, KV_ENTRY, vm->entry);
	rec_u64(w, KV_FDT, vm->fdt_addr);
	rec_u64(w, KV_FW_DYNAMIC, vm->fw_dynamic_info);
	rec_u64(w, KV_INITRD_START, vm->initrd_start);
	rec_u64(w, KV_INITRD_END, vm->initrd_end);
	rec_u64(w, KV_TOHOST, vm->tohost);
	rec_u64(w, KV_FROMHOST, vm->fromhost);
	rec_u64(w, KV_NCPUS, vm->ncpus);
	for (unsigned i = 0; i < vm->ncpus; i++) {
		struct vcpu *v = &vm->vcpus[i];
		int hsm;

		pthread_mutex_lock(&v->lock);
		hsm = atomic_load(&v->hsm);
		/* The hart's last exit is complete: a stop has happened. */
		if (hsm == VCPU_HSM_STOP_PENDING)
			hsm = VCPU_HSM_STOPPED;
		rec_u64(w, KV_HART0 + 8 * i + KV_H_HSM, hsm);
		rec_u64(w, KV_HART0 + 8 * i + KV_H_START_ADDR, v->start_addr);
		rec_u64(w, KV_HART0 + 8 * i + KV_H_START_ARG, v->start_arg);
		rec_u64(w, KV_HART0 + 8 * i + KV_H_SUSPEND,
			v->suspend | (uint64_t)v->suspend_retentive << 1);
		rec_u64(w, KV_HART0 + 8 * i + KV_H_RESUME_ADDR, v->resume_addr);
		rec_u64(w, KV_HART0 + 8 * i + KV_H_RESUME_ARG, v->resume_arg);
		pthread_mutex_unlock(&v->lock);
	}
	return rec_end(w);
}

static int save_harts(struct vm *vm, struct rec_writer *w)
{
	struct accel_hart_state *st = malloc(sizeof(*st));
	uint8_t *regs = malloc(12 * ACCEL_STATE_MAX);
	int ret = 0;

	if (!st || !regs) {
		ret = -ENOMEM;
		goto out;
	}
	for (unsigned i = 0; i < vm->ncpus && !ret; i++) {
		ret = vm->accel->get_state(vm->vcpus[i].av, st);
		if (ret) {
			rec_refuse(w, ret, "cannot read hart %u's state: %s", i,
				   strerror(-ret));
			break;
		}
		for (uint32_t k = 0; k < st->count; k++) {
			uint32_t id = htole32(st->regs[k].id);
			uint64_t val = htole64(st->regs[k].val);

			memcpy(regs + 12 * k, &id, 4);
			memcpy(regs + 12 * k + 4, &val, 8);
		}
		rec_begin(w, "hart", HART_REC_VERSION);
		rec_u64(w, KH_HARTID, i);
		rec_u64(w, KH_VERSION, st->version);
		rec_bytes(w, KH_REGS, regs, 12 * (size_t)st->count);
		ret = rec_end(w);
	}
out:
	free(st);
	free(regs);
	return ret;
}

static int read_all(int fd, void *buf, size_t len, off_t off);

static bool page_is_zero(const uint8_t *p)
{
	const uint64_t *q = (const uint64_t *)p;
	uint64_t acc = 0;

	for (unsigned i = 0; i < PAGE / 8; i += 8) {
		acc |= q[i] | q[i + 1] | q[i + 2] | q[i + 3] | q[i + 4] |
		       q[i + 5] | q[i + 6] | q[i + 7];
		if (acc)
			return false;
	}
	return true;
}

static int write_all(int fd, const void *buf, size_t len, off_t off)
{
	const uint8_t *p = buf;

	while (len) {
		ssize_t n = pwrite(fd, p, len, off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;
		p += n;
		off += n;
		len -= n;
	}
	return 0;
}

/*
 * Which pages of anonymous RAM were ever touched: /proc/self/pagemap
 * (Documentation/admin-guide/mm/pagemap.rst) has, per page, bit 63
 * "present" and bit 62 "swapped"; a private anonymous page that is
 * neither was never written and reads as zeros, so it need not even be
 * looked at. Fills @touched for pages [first, first + n); false when the
 * file cannot tell (then every page is looked at).
 */
#define PAGEMAP_BATCH 4096

static bool pages_touched(int pm, const struct guestmem *m, uint64_t first,
			  uint64_t n, bool *touched)
{
	uint64_t e[PAGEMAP_BATCH];
	uint64_t vpn = ((uintptr_t)m->host >> 12) + first;

	if (pm < 0 || read_all(pm, e, n * 8, vpn * 8))
		return false;
	for (uint64_t i = 0; i < n; i++)
		touched[i] = e[i] >> 62;
	return true;
}

/* RAM at @off: runs of non-zero pages; zero pages stay holes. */
static int write_ram(int fd, const struct guestmem *m, uint64_t off)
{
	uint64_t pages = m->size / PAGE, run = 0, i;
	bool touched[PAGEMAP_BATCH];
	/* A snapshot's pages not yet read are the file's, not zeros. */
	int pm = m->from_file ? -1 : open("/proc/self/pagemap", O_RDONLY);
	bool known = false;
	int ret = 0;

	for (i = 0; i <= pages; i++) {
		if (i < pages && i % PAGEMAP_BATCH == 0) {
			uint64_t n = pages - i < PAGEMAP_BATCH ? pages - i
							       : PAGEMAP_BATCH;

			known = pages_touched(pm, m, i, n, touched);
		}
		if (i < pages && (!known || touched[i % PAGEMAP_BATCH]) &&
		    !page_is_zero(m->host + i * PAGE)) {
			run++;
			continue;
		}
		if (!run)
			continue;
		ret = write_all(fd, m->host + (i - run) * PAGE, run * PAGE,
				off + (i - run) * PAGE);
		if (ret)
			break;
		run = 0;
	}
	if (pm >= 0)
		close(pm);
	return ret;
}

/*
 * Writes the whole file under a temporary name beside @path, returned in
 * *@tmp_out; rename() then puts it in place, once the VM runs again (a
 * file it replaces may take a while to delete).
 */
static int write_file(struct vm *vm, const char *path,
		      const struct rec_writer *w, char **tmp_out, char *err,
		      size_t errlen)
{
	struct header h;
	uint8_t page[HEADER_SIZE];
	char *tmp = malloc(strlen(path) + 16);
	uint64_t ram_off;
	int fd, ret;

	*tmp_out = NULL;
	if (!tmp)
		return fail(err, errlen, "out of memory");
	sprintf(tmp, "%s.tmp-XXXXXX", path);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		fail(err, errlen, "cannot create a file beside it: %s",
		     strerror(-ret));
		free(tmp);
		return ret;
	}
	fchmod(fd, 0644);
	ram_off = (HEADER_SIZE + w->len + RAM_ALIGN - 1) & ~(RAM_ALIGN - 1);
	memset(&h, 0, sizeof(h));
	memcpy(h.magic, MAGIC, 8);
	h.format = htole32(SNAPSHOT_FORMAT_VERSION);
	h.header_size = htole32(HEADER_SIZE);
	snprintf(h.version, sizeof(h.version), "%s", HVRUN_VERSION);
	h.state_off = htole64(HEADER_SIZE);
	h.state_len = htole64(w->len);
	h.ram_off = htole64(ram_off);
	h.ram_size = htole64(vm->mem.size);
	h.state_crc = htole32(rec_crc32(0, w->buf, w->len));
	h.header_crc = htole32(rec_crc32(0, &h, sizeof(h)));
	memset(page, 0, sizeof(page));
	memcpy(page, &h, sizeof(h));

	ret = ftruncate(fd, ram_off + vm->mem.size) ? -errno : 0;
	ret = ret ?: write_all(fd, w->buf, w->len, HEADER_SIZE);
	ret = ret ?: write_ram(fd, &vm->mem, ram_off);
	/* The header last: a file cut short has none. */
	ret = ret ?: write_all(fd, page, sizeof(page), 0);
	if (close(fd) && !ret)
		ret = -errno;
	if (ret) {
		fail(err, errlen, "cannot write it: %s", strerror(-ret));
		unlink(tmp);
		free(tmp);
		return ret;
	}
	*tmp_out = tmp;
	return 0;
}

int snapshot_save(struct vm *vm, const char *path, char *err, size_t errlen)
{
	bool live = vm->threads_running;
	struct rec_writer w;
	char *tmp = NULL;
	int ret;

	if (live && vm_pause(vm))
		return fail(err, errlen, "the VM is shutting down");
	machine_quiesce(vm);
	rec_writer_init(&w);
	ret = save_machine(vm, &w);
	ret = ret ?: save_vm(vm, &w);
	ret = ret ?: save_harts(vm, &w);
	if (!ret && vm->sbi)
		ret = sbi_save(vm->sbi, &w);
	ret = ret ?: machine_save_devices(vm, &w);
	if (ret && w.why[0])
		fail(err, errlen, "%s", w.why);
	else if (ret)
		fail(err, errlen, "cannot save the state: %s", strerror(-ret));
	else
		ret = write_file(vm, path, &w, &tmp, err, errlen);
	rec_writer_free(&w);
	if (live) {
		machine_resume(vm);
		vm_resume(vm);
	}
	if (tmp && rename(tmp, path)) {
		ret = -errno;
		fail(err, errlen, "cannot write it: %s", strerror(-ret));
		unlink(tmp);
	}
	free(tmp);
	return ret;
}

/* --- Restoring --- */

static int open_fail(struct snapshot *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int open_fail(struct snapshot *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->err, sizeof(s->err), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static const char *keep(struct snapshot *s, const char *str)
{
	char *copy;

	if (s->nstrings == sizeof(s->strings) / sizeof(s->strings[0]))
		return NULL;
	copy = strdup(str);
	if (copy)
		s->strings[s->nstrings++] = copy;
	return copy;
}

/* An optional string field, kept; NULL when absent. */
static int opt_str(struct snapshot *s, const struct rec *rec, uint16_t key,
		   const char **out)
{
	char buf[PATH_MAX + 4096];
	int ret = rec_get_str(rec, key, buf, sizeof(buf));

	*out = NULL;
	if (ret == -ENOENT)
		return 0;
	if (ret)
		return ret;
	*out = keep(s, buf);
	return *out ? 0 : -ENOMEM;
}

static int check_disk(struct snapshot *s, const char *spec, uint64_t size,
		      uint64_t mtime)
{
	struct vblk_config cfg;
	struct stat st;
	char why[256];

	if (vblk_parse(spec, &cfg, why, sizeof(why)))
		return open_fail(s, "%s", why);
	if (stat(cfg.path, &st))
		return open_fail(s, "disk %s: %s", cfg.path, strerror(errno));
	if ((uint64_t)st.st_size != size ||
	    st.st_mtim.tv_sec * 1000000000ull + st.st_mtim.tv_nsec != mtime)
		return open_fail(s,
				 "disk %s has changed since the snapshot was "
				 "saved (size or modification time); give "
				 "the image as it was then (a copy made with "
				 "cp -p keeps both)",
				 cfg.path);
	return 0;
}

static bool net_present(const char *spec)
{
	struct net_config cfg;
	char err[256];

#ifdef CONFIG_SLIRP
	const char *dflt = "user";
#else
	const char *dflt = "none";
#endif
	if (net_parse(spec ? spec : dflt, &cfg, err, sizeof(err)))
		return true;
	return cfg.kind != NET_NONE;
}

/* The machine the snapshot describes, merged into @o. */
static int read_machine(struct snapshot *s, struct options *o)
{
	uint64_t memory, cpus, ndisks, nshares;
	bool host_sbi, vcon;
	const char *net, *isa_list;
	struct accel_isa isa;
	char bad[32];
	struct rec rec;
	unsigned i;
	int ret;

	ret = rec_next(&s->r, "machine", MACHINE_REC_VERSION, &rec);
	ret = ret ?: rec_get_uint(&rec, KM_MEMORY, OPTIONS_MAX_MEMORY, &memory);
	ret = ret ?: rec_get_uint(&rec, KM_CPUS, OPTIONS_MAX_CPUS, &cpus);
	ret = ret ?: rec_get_bool(&rec, KM_HOST_SBI, &host_sbi);
	ret = ret ?: opt_str(s, &rec, KM_BIOS, &o->bios);
	ret = ret ?: opt_str(s, &rec, KM_KERNEL, &o->kernel);
	ret = ret ?: opt_str(s, &rec, KM_INITRD, &o->initrd);
	ret = ret ?: opt_str(s, &rec, KM_APPEND, &o->append);
	ret = ret ?: rec_get_bool(&rec, KM_VIRTIO_CONSOLE, &vcon);
	ret = ret ?: rec_get_uint(&rec, KM_NDISKS, OPTIONS_MAX_DISKS, &ndisks);
	ret = ret
		      ?: rec_get_uint(&rec, KM_NSHARES, OPTIONS_MAX_SHARES,
				      &nshares);
	ret = ret ?: opt_str(s, &rec, KM_NET, &net);
	ret = ret ?: opt_str(s, &rec, KM_ISA, &isa_list);
	if (ret == -ENOMEM)
		return open_fail(s, "out of memory");
	if (ret)
		return open_fail(s, "%s", s->r.err);
	if (!cpus || memory < OPTIONS_MIN_MEMORY || memory != s->ram_size ||
	    host_sbi != !o->bios)
		return open_fail(s, "the machine it describes is inconsistent; "
				    "the file is corrupt");

	if ((o->given & OPTIONS_GIVEN_MEMORY) && o->memory != memory)
		return open_fail(s,
				 "its guest has %llu MiB of RAM, not the %llu "
				 "of --memory; leave --memory out",
				 (unsigned long long)(memory >> 20),
				 (unsigned long long)(o->memory >> 20));
	if ((o->given & OPTIONS_GIVEN_CPUS) && o->cpus != cpus)
		return open_fail(s,
				 "its guest has %llu harts, not the %u of "
				 "--cpus; leave --cpus out",
				 (unsigned long long)cpus, o->cpus);
	if ((o->given & OPTIONS_GIVEN_CONSOLE) && o->virtio_console != vcon)
		return open_fail(s,
				 "its guest's console is %s; leave --console "
				 "out",
				 vcon ? "virtio" : "serial");
	memset(&isa, 0, sizeof(isa));
	if (isa_list && isa_from_list(isa_list, &isa, bad, sizeof(bad)))
		return open_fail(s,
				 "its harts have the extension '%s', which "
				 "this hvrun does not know",
				 bad);
	if (!accel_isa_empty(&o->isa) &&
	    memcmp(&o->isa, &isa, sizeof(isa)) != 0)
		return open_fail(s, "its harts' extensions differ from "
				    "--isa's; leave --isa out");
	o->memory = memory;
	o->cpus = cpus;
	o->virtio_console = vcon;
	o->isa = isa;

	if (o->ndisks && o->ndisks != ndisks)
		return open_fail(s,
				 "its guest has %llu disks; give as many -d "
				 "(or none, for the images it names)",
				 (unsigned long long)ndisks);
	for (i = 0; i < ndisks; i++) {
		const char *spec;
		uint64_t size, mtime;

		ret = opt_str(s, &rec, KM_DISK0 + 4 * i, &spec);
		ret = ret ?: rec_get_u64(&rec, KM_DISK0 + 4 * i + 1, &size);
		ret = ret ?: rec_get_u64(&rec, KM_DISK0 + 4 * i + 2, &mtime);
		if (!ret && !spec)
			ret = -ENOENT;
		if (ret)
			return open_fail(s, "%s", s->r.err);
		if (!o->ndisks || i >= o->ndisks)
			o->disks[i] = spec;
		ret = check_disk(s, o->disks[i], size, mtime);
		if (ret)
			return ret;
	}
	o->ndisks = ndisks;

	if (o->nshares && o->nshares != nshares)
		return open_fail(s,
				 "its guest has %llu shared folders; give as "
				 "many --share (or none, for the folders it "
				 "names)",
				 (unsigned long long)nshares);
	for (i = 0; i < nshares && !o->nshares; i++) {
		ret = opt_str(s, &rec, KM_SHARE0 + i, &o->shares[i]);
		if (!ret && !o->shares[i])
			ret = -ENOENT;
		if (ret)
			return open_fail(s, "%s", s->r.err);
	}
	o->nshares = nshares;

	if (o->net && net_present(o->net) != net_present(net))
		return open_fail(s, "its guest %s a network card; %s",
				 net_present(net) ? "has" : "has no",
				 net_present(net) ? "--net none would take it "
						    "away"
						  : "leave --net out");
	if (!o->net)
		o->net = net;
	return 0;
}

static int read_all(int fd, void *buf, size_t len, off_t off)
{
	uint8_t *p = buf;

	while (len) {
		ssize_t n = pread(fd, p, len, off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -ENODATA;
		p += n;
		off += n;
		len -= n;
	}
	return 0;
}

int snapshot_open(struct snapshot *s, const char *path, struct options *o)
{
	struct header h;
	struct stat st;
	uint32_t crc;
	int ret;

	memset(s, 0, sizeof(*s));
	s->fd = -1;
	s->path = strdup(path);
	if (!s->path)
		return open_fail(s, "out of memory");
	s->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (s->fd < 0)
		return open_fail(s, "%s",
				 errno == ENOENT ? "no such file"
						 : strerror(errno));
	if (fstat(s->fd, &st))
		return open_fail(s, "%s", strerror(errno));
	if (!S_ISREG(st.st_mode))
		return open_fail(s, "not a snapshot file (not a regular file)");
	ret = read_all(s->fd, &h, sizeof(h), 0);
	if (ret || memcmp(h.magic, MAGIC, 8))
		return open_fail(s, "not an hvrun snapshot");
	if (le32toh(h.format) != SNAPSHOT_FORMAT_VERSION)
		return open_fail(s,
				 "snapshot format %u (written by hvrun %.64s); "
				 "this hvrun reads format %d",
				 le32toh(h.format), h.version,
				 SNAPSHOT_FORMAT_VERSION);
	crc = le32toh(h.header_crc);
	h.header_crc = 0;
	if (rec_crc32(0, &h, sizeof(h)) != crc)
		return open_fail(s, "its header is corrupt");
	s->state_len = le64toh(h.state_len);
	s->ram_off = le64toh(h.ram_off);
	s->ram_size = le64toh(h.ram_size);
	if (le64toh(h.state_off) != HEADER_SIZE || s->state_len > STATE_MAX ||
	    s->ram_off % RAM_ALIGN || s->ram_off < HEADER_SIZE + s->state_len ||
	    s->ram_size % PAGE || s->ram_size > OPTIONS_MAX_MEMORY)
		return open_fail(s, "its header is corrupt");
	if ((uint64_t)st.st_size < s->ram_off + s->ram_size)
		return open_fail(
			s, "the file is cut short: %llu bytes of %llu",
			(unsigned long long)st.st_size,
			(unsigned long long)(s->ram_off + s->ram_size));
	s->state = malloc(s->state_len ? s->state_len : 1);
	if (!s->state)
		return open_fail(s, "out of memory");
	ret = read_all(s->fd, s->state, s->state_len, HEADER_SIZE);
	if (ret)
		return open_fail(s, "cannot read it: %s", strerror(-ret));
	if (rec_crc32(0, s->state, s->state_len) != le32toh(h.state_crc))
		return open_fail(s, "its saved state is corrupt");
	rec_reader_init(&s->r, s->state, s->state_len);
	ret = read_machine(s, o);
	if (!ret)
		s->opts = *o;
	return ret;
}

/* The "vm" record: the clock's new origin and where the programs went. */
static int read_vm(struct snapshot *s, struct vm *vm)
{
	uint64_t mtime, ncpus;
	struct rec rec;
	int ret;

	ret = rec_next(&s->r, "vm", VM_REC_VERSION, &rec);
	ret = ret ?: rec_get_u64(&rec, KV_MTIME, &mtime);
	ret = ret ?: rec_get_u64(&rec, KV_ENTRY, &vm->entry);
	ret = ret ?: rec_get_u64(&rec, KV_FDT, &vm->fdt_addr);
	ret = ret ?: rec_get_u64(&rec, KV_FW_DYNAMIC, &vm->fw_dynamic_info);
	ret = ret ?: rec_get_u64(&rec, KV_INITRD_START, &vm->initrd_start);
	ret = ret ?: rec_get_u64(&rec, KV_INITRD_END, &vm->initrd_end);
	ret = ret ?: rec_get_u64(&rec, KV_TOHOST, &vm->tohost);
	ret = ret ?: rec_get_u64(&rec, KV_FROMHOST, &vm->fromhost);
	ret = ret ?: rec_get_u64(&rec, KV_NCPUS, &ncpus);
	if (!ret && ncpus != vm->ncpus)
		ret = rec_fail(&rec, "saved with %llu harts",
			       (unsigned long long)ncpus);
	if (ret)
		return open_fail(s, "%s", s->r.err);
	/* Time goes on from the saved moment: the clock's origin moves. */
	if (mtime > clock_now_ns() / CLOCK_NS_PER_TICK)
		return open_fail(s, "its clock is corrupt");
	vm->clock_origin_ns = clock_now_ns() - mtime * CLOCK_NS_PER_TICK;
	return 0;
}

int snapshot_restore_ram(struct snapshot *s, struct vm *vm, uint64_t base)
{
	int ret = read_vm(s, vm);

	if (ret)
		return ret;
	ret = guestmem_init_file(&vm->mem, base, s->ram_size, s->fd,
				 s->ram_off);
	if (ret)
		return open_fail(s, "cannot map its RAM: %s", strerror(-ret));
	return 0;
}

int snapshot_reload_ram(struct snapshot *s, struct vm *vm)
{
	int ret = read_vm(s, vm);

	if (ret)
		return ret;
	if (s->ram_size != vm->mem.size)
		return open_fail(s, "its guest has another RAM size");
	ret = guestmem_replace_file(&vm->mem, s->fd, s->ram_off);
	if (ret)
		return open_fail(s, "cannot map its RAM: %s", strerror(-ret));
	return 0;
}

static int load_hsm(struct snapshot *s, struct vm *vm, const struct rec *rec)
{
	for (unsigned i = 0; i < vm->ncpus; i++) {
		struct vcpu *v = &vm->vcpus[i];
		unsigned k = KV_HART0 + 8 * i;
		uint64_t hsm, addr, arg, susp, raddr, rarg;
		int ret;

		ret = rec_get_uint(rec, k + KV_H_HSM, VCPU_HSM_RESUME_PENDING,
				   &hsm);
		ret = ret ?: rec_get_u64(rec, k + KV_H_START_ADDR, &addr);
		ret = ret ?: rec_get_u64(rec, k + KV_H_START_ARG, &arg);
		ret = ret ?: rec_get_uint(rec, k + KV_H_SUSPEND, 3, &susp);
		ret = ret ?: rec_get_u64(rec, k + KV_H_RESUME_ADDR, &raddr);
		ret = ret ?: rec_get_u64(rec, k + KV_H_RESUME_ARG, &rarg);
		if (ret)
			return ret;
		/* A suspended hart sleeps again until an interrupt. */
		if ((hsm != VCPU_HSM_STARTED && hsm != VCPU_HSM_STOPPED &&
		     hsm != VCPU_HSM_START_PENDING &&
		     hsm != VCPU_HSM_SUSPENDED) ||
		    (hsm == VCPU_HSM_SUSPENDED) != (susp & 1))
			return rec_fail(rec, "hart %u is in HSM state %llu", i,
					(unsigned long long)hsm);
		atomic_store(&v->hsm, (int)hsm);
		v->start_addr = addr;
		v->start_arg = arg;
		v->suspend = susp & 1;
		v->suspend_retentive = susp & 2;
		v->resume_addr = raddr;
		v->resume_arg = rarg;
	}
	return 0;
}

static int load_hart(struct snapshot *s, struct vm *vm, unsigned i,
		     struct accel_hart_state *st)
{
	const uint8_t *regs;
	uint64_t hartid, version;
	size_t n;
	struct rec rec;
	int ret;

	ret = rec_next(&s->r, "hart", HART_REC_VERSION, &rec);
	ret = ret ?: rec_get_u64(&rec, KH_HARTID, &hartid);
	ret = ret ?: rec_get_u64(&rec, KH_VERSION, &version);
	ret = ret
		      ?: rec_get_blob(&rec, KH_REGS, 12 * ACCEL_STATE_MAX,
				      (const void **)&regs, &n);
	if (!ret && (hartid != i || n % 12))
		ret = rec_fail(&rec, "hart %u's record is malformed", i);
	if (!ret && version != ACCEL_STATE_VERSION)
		ret = rec_fail(
			&rec, "hart state version %llu; this hvrun reads %d",
			(unsigned long long)version, ACCEL_STATE_VERSION);
	if (ret)
		return open_fail(s, "%s", s->r.err);
	st->version = version;
	st->count = n / 12;
	for (uint32_t k = 0; k < st->count; k++) {
		uint32_t id;
		uint64_t val;

		memcpy(&id, regs + 12 * k, 4);
		memcpy(&val, regs + 12 * k + 4, 8);
		st->regs[k].id = le32toh(id);
		st->regs[k].pad = 0;
		st->regs[k].val = le64toh(val);
	}
	ret = vm->accel->set_state(vm->vcpus[i].av, st);
	if (ret)
		return open_fail(s,
				 "the %s accelerator cannot take hart %u's "
				 "state: %s",
				 vm->accel->name, i, strerror(-ret));
	return 0;
}

int snapshot_load_state(struct snapshot *s, struct vm *vm)
{
	struct accel_hart_state *st;
	struct rec_reader again = s->r;
	struct rec rec;
	int ret;

	/* The "vm" record's HSM part, now that the harts exist. */
	rec_reader_init(&again, s->state, s->state_len);
	if (rec_next(&again, "machine", MACHINE_REC_VERSION, &rec) ||
	    rec_next(&again, "vm", VM_REC_VERSION, &rec))
		return open_fail(s, "%s", again.err);
	ret = load_hsm(s, vm, &rec);
	if (ret)
		return open_fail(s, "%s", again.err);

	st = malloc(sizeof(*st));
	if (!st)
		return open_fail(s, "out of memory");
	for (unsigned i = 0; i < vm->ncpus && !ret; i++)
		ret = load_hart(s, vm, i, st);
	free(st);
	if (ret)
		return ret;
	if (vm->sbi && sbi_load(vm->sbi, &s->r))
		return open_fail(s, "%s", s->r.err);
	if (machine_load_devices(vm, &s->r))
		return open_fail(s, "%s", s->r.err);
	if (!rec_reader_done(&s->r))
		return open_fail(s,
				 "it holds more state than this machine has; "
				 "the file is corrupt");
	/* Buffers the driver made available are looked at. */
	machine_resume(vm);
	return 0;
}

void snapshot_close(struct snapshot *s)
{
	if (s->fd >= 0)
		close(s->fd);
	for (unsigned i = 0; i < s->nstrings; i++)
		free(s->strings[i]);
	free(s->state);
	free(s->path);
	memset(s, 0, sizeof(*s));
	s->fd = -1;
}
