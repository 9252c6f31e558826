/* SPDX-License-Identifier: MIT */
/*
 * The DBT accelerator: hvrun's emulated RISC-V hart behind the
 * accelerator interface (accel/accel.h). A vCPU is a struct dbt_hart run
 * by the execution engine on the vCPU's own thread; other threads reach
 * it only through kick, set_irq and fence, which post events and wake it.
 */
#include "accel/accel.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "accel/dbt/csr.h"
#include "accel/dbt/hart.h"
#include "accel/dbt/cache.h"
#include "accel/dbt/jit/jit.h"
#include "accel/dbt/run.h"
#include "accel/dbt/mmu.h"
#include "accel/dbt/pmu.h"
#include "accel/dbt/state.h"
#include "accel/dbt/trace.h"
#include "accel/dbt/trap.h"
#include "base/clock.h"
#include "base/guestmem.h"

/* Where a hart starts when nobody sets its pc. */
#define DBT_RESET_PC_M 0x1000
#define DBT_RESET_PC_S 0x80200000

/* How long vcpu_fence waits for a running hart to acknowledge. */
#define FENCE_WAIT_NS 100000000ull

static struct dbt_vm *to_vm(struct accel_vm *vm)
{
	return (struct dbt_vm *)vm;
}

static struct dbt_hart *to_hart(struct accel_vcpu *vcpu)
{
	return (struct dbt_hart *)vcpu;
}

static int dbt_probe(const char **why)
{
	/* The interpreter is plain C: it runs on any host. */
	return 0;
}

/*
 * The accelerator's options (--accel dbt,OPTIONS): "jit=on" or "jit=off".
 * Without one, the JIT runs where the host can run its code, unless the
 * environment says HVRUN_JIT=off.
 */
static int parse_options(struct dbt_vm *vm, const char *opts)
{
	const char *env = getenv("HVRUN_JIT");

	vm->jit = dbt_jit_available() && !(env && !strcmp(env, "off"));
	while (opts && *opts) {
		size_t len = strcspn(opts, ",");

		if (len == 6 && !strncmp(opts, "jit=on", 6))
			vm->jit = dbt_jit_available();
		else if (len == 7 && !strncmp(opts, "jit=off", 7))
			vm->jit = false;
		else
			return -EINVAL;
		opts += len;
		if (*opts)
			opts++;
	}
	return 0;
}

static int dbt_vm_init(const struct accel_vm_config *cfg, struct accel_vm **out)
{
	struct dbt_vm *vm = calloc(1, sizeof(*vm));
	size_t epochs = cfg->mem->pages * sizeof(*vm->page_epoch);
	int rc = -ENOMEM;

	if (!vm)
		return -ENOMEM;
	/* V: VLEN a power of two from 128 (Zvl128b) to 1024 bits. */
	if (cfg->vlen && (cfg->vlen < 128 || cfg->vlen > DBT_VLENB_MAX * 8 ||
			  (cfg->vlen & (cfg->vlen - 1)))) {
		free(vm);
		return -EINVAL;
	}
	vm->vlenb = cfg->vlen ? cfg->vlen / 8 : DBT_VLENB_DEFAULT;
	vm->cfg = *cfg;
	rc = parse_options(vm, cfg->options);
	if (rc)
		goto err_vm;
	rc = -ENOMEM;
	vm->isa = cfg->isa;
	if (accel_isa_empty(&vm->isa))
		accel_isa_profile(ACCEL_ISA_DEFAULT, &vm->isa);
	vm->decode_ext = accel_isa_decode(&vm->isa);
	dbt_pmu_vm_init(vm);
	vm->nharts = cfg->ncpus;
	vm->harts = calloc(cfg->ncpus ? cfg->ncpus : 1, sizeof(*vm->harts));
	if (!vm->harts)
		goto err_vm;
	atomic_init(&vm->mark_epoch, 0);
	vm->page_epoch =
		mmap(NULL, epochs, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (vm->page_epoch == MAP_FAILED) {
		rc = -errno;
		goto err_harts;
	}
	/* Sstc's timers run on the machine's timer thread, or on our own. */
	if (!vm->cfg.timers) {
		rc = timer_service_init(&vm->own_timers);
		if (rc)
			goto err_epochs;
		vm->cfg.timers = &vm->own_timers;
		vm->own_timers_ok = true;
	}
	*out = (struct accel_vm *)vm;
	return 0;

err_epochs:
	munmap((void *)vm->page_epoch, epochs);
err_harts:
	free(vm->harts);
err_vm:
	free(vm);
	return rc;
}

/* The hart the emulator implements, as the device tree advertises it. */
static int dbt_describe(struct accel_vm *avm, struct accel_hart_desc *d)
{
	const struct accel_isa *isa = &to_vm(avm)->isa;
	int rc;

	rc = accel_isa_string(isa, d->isa, sizeof(d->isa));
	if (rc)
		return rc;
	rc = accel_isa_list(isa, d->extensions,
			    sizeof(d->extensions) / sizeof(d->extensions[0]));
	if (rc < 0)
		return rc;
	d->mmu_type = accel_isa_mmu_type(isa);
	d->timebase_hz = CLOCK_TIMEBASE_HZ;
	d->cbom_block_size = accel_isa_has(isa, ACCEL_EXT_ZICBOM) ? 64 : 0;
	d->cboz_block_size = accel_isa_has(isa, ACCEL_EXT_ZICBOZ) ? 64 : 0;
	d->cbop_block_size = accel_isa_has(isa, ACCEL_EXT_ZICBOP) ? 64 : 0;
	if (accel_isa_has(isa, ACCEL_EXT_ZIHPM)) {
		d->hpm_counters = 0xfffffff8; /* 3..31 */
		dbt_pmu_events(d->hpm_events, sizeof(d->hpm_events) /
						      sizeof(d->hpm_events[0]));
	}
	return 0;
}

/*
 * Logging begins: every store must take the slow path from now on, which
 * marks its page. Entries installed before say otherwise, in the TLBs and
 * in what translated code keeps of them (the JIT's page cache, emptied
 * whenever it calls C or is entered): the TLB entries are flagged, and
 * each running hart is waited for until it has passed a block boundary.
 */
static void watch_stores(struct dbt_vm *v)
{
	for (unsigned i = 0; i < v->nharts; i++)
		if (v->harts[i])
			dbt_mmu_watch_all(v->harts[i]);
	atomic_thread_fence(memory_order_seq_cst);
	for (unsigned i = 0; i < v->nharts; i++) {
		struct dbt_hart *h = v->harts[i];
		uint64_t start = clock_now_ns();

		if (!h)
			continue;
		dbt_hart_post(h, DBT_EV_SYNC);
		/*
		 * A hart busy in C past the limit (a device, a sleep) has no
		 * page cache on its way back: the trampoline empties it.
		 */
		while ((atomic_load(&h->events) & DBT_EV_SYNC) &&
		       atomic_load(&h->running) &&
		       clock_now_ns() - start < FENCE_WAIT_NS)
			sched_yield();
	}
}

static int dbt_map_ram(struct accel_vm *vm, uint64_t gpa, void *host,
		       uint64_t size, unsigned flags)
{
	struct dbt_vm *v = to_vm(vm);

	/* The MMU reaches RAM through cfg.mem; that is the only RAM. */
	if (flags & ~ACCEL_MEM_DIRTY_LOG)
		return -EINVAL;
	if (gpa != v->cfg.mem->base || size != v->cfg.mem->size)
		return -EINVAL;
	if (flags & ACCEL_MEM_DIRTY_LOG) {
		int rc = guestmem_log_start(v->cfg.mem);

		if (!rc)
			watch_stores(v);
		return rc;
	}
	return 0;
}

/*
 * Stores to a page not yet dirty take the slow path, which marks it
 * (mmu.c); once the record is taken, every hart's TLB must send stores
 * that way again. A store already past its check lands either before the
 * record was taken or counts in the next one: its page is marked by the
 * slow path, or was dirty already.
 */
static int dbt_get_dirty_log(struct accel_vm *vm, uint64_t gpa, uint64_t size,
			     uint64_t *bitmap)
{
	struct dbt_vm *v = to_vm(vm);
	struct guestmem *m = v->cfg.mem;

	if (!atomic_load(&m->logging))
		return -EINVAL;
	if (gpa < m->base || gpa - m->base > m->size ||
	    size > m->size - (gpa - m->base) || (gpa | size) & 0xfff)
		return -EINVAL;
	for (unsigned i = 0; i < v->nharts; i++)
		if (v->harts[i])
			dbt_mmu_watch_all(v->harts[i]);
	atomic_thread_fence(memory_order_seq_cst);
	guestmem_log_take(m, (gpa - m->base) >> GUESTMEM_PAGE_SHIFT,
			  size >> GUESTMEM_PAGE_SHIFT, bitmap);
	return 0;
}

static void hart_reset(struct dbt_hart *h)
{
	bool host_sbi = h->vm->cfg.host_sbi;

	memset(h->x, 0, sizeof(h->x));
	memset(h->f, 0, sizeof(h->f));
	memset(h->vreg, 0, sizeof(h->vreg));
	h->priv = host_sbi ? PRV_S : PRV_M;
	h->virt = false;
	h->pc = host_sbi ? DBT_RESET_PC_S : DBT_RESET_PC_M;
	h->x[10] = h->hartid;
	dbt_csr_reset(h);
	h->resv_valid = false;
	h->htif_written = false;
	h->pending_exit = DBT_PENDING_NONE;
	atomic_store(&h->events, DBT_EV_IRQ);
	atomic_store(&h->jit_budget, INT64_MIN);
}

/* Sstc: the time reached stimecmp or vstimecmp. */
static void timer_fired(void *opaque)
{
	dbt_hart_post(opaque, DBT_EV_IRQ);
}

static int dbt_vcpu_init(struct accel_vm *avm, unsigned hartid,
			 struct accel_vcpu **out)
{
	struct dbt_vm *vm = to_vm(avm);
	struct dbt_hart *h;
	pthread_condattr_t ca;
	int err;

	if (hartid >= vm->nharts || vm->harts[hartid])
		return -EINVAL;
	err = posix_memalign((void **)&h, 64, sizeof(*h));
	if (err)
		return -err;
	memset(h, 0, sizeof(*h));
	h->hartid = hartid;
	h->vm = vm;
	h->vlenb = vm->vlenb;

	pthread_condattr_init(&ca);
	/* WFI's timed waits use mtime's clock. */
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	err = pthread_cond_init(&h->wake, &ca);
	pthread_condattr_destroy(&ca);
	if (err)
		goto err_free;
	err = pthread_mutex_init(&h->lock, NULL);
	if (err)
		goto err_cond;

	err = -dbt_cache_init(&h->cachemem);
	if (err)
		goto err_lock;
	h->cache = &h->cachemem;
	h->pgen = vm->cfg.mem->pgen;
	/* --trace jit alone prints translations, not each instruction. */
	h->tracing = dbt_trace_steps(h);
	h->stepping = h->tracing;
	h->step = calloc(1, sizeof(*h->step) + 2 * sizeof(struct dbt_op));
	if (!h->step) {
		err = ENOMEM;
		goto err_cache;
	}
	if (vm->jit) {
		err = -dbt_jit_init(h);
		if (err)
			goto err_step;
		dbt_win_init(h);
	}
	timer_init(&h->stimer, vm->cfg.timers, timer_fired, h);
	timer_init(&h->vstimer, vm->cfg.timers, timer_fired, h);
	hart_reset(h);
	dbt_mmu_init(h);
	vm->harts[hartid] = h;
	*out = (struct accel_vcpu *)h;
	return 0;

err_step:
	free(h->step);
err_cache:
	dbt_cache_destroy(&h->cachemem);
err_lock:
	pthread_mutex_destroy(&h->lock);
err_cond:
	pthread_cond_destroy(&h->wake);
err_free:
	free(h);
	return -err;
}

/* What the handler of the previous exit asked for. */
static void complete_exit(struct dbt_hart *h, const struct accel_exit *exit)
{
	const struct dbt_vm *vm = h->vm;
	uint64_t *p;

	switch (h->pending_exit) {
	case DBT_PENDING_SBI:
		/* The handler placed the hart itself (HSM start, resume). */
		if (exit->sbi.redirected)
			break;
		h->x[10] = (uint64_t)exit->sbi.error;
		if (!exit->sbi.legacy)
			h->x[11] = exit->sbi.value;
		h->pc += 4;
		h->csr.minstret += h->instret_inc;
		h->csr.mcycle += h->cycle_inc;
		break;
	case DBT_PENDING_HTIF:
		if (!exit->htif.reply || !vm->cfg.fromhost)
			break;
		p = guestmem_ptr(vm->cfg.mem, vm->cfg.fromhost, 8);
		if (p) {
			__atomic_store_n(p, exit->htif.fromhost,
					 __ATOMIC_SEQ_CST);
			guestmem_written_host(vm->cfg.mem, p, 8);
		}
		break;
	default:
		break;
	}
	h->pending_exit = DBT_PENDING_NONE;
}

static void fill_sbi_exit(struct dbt_hart *h, struct accel_exit *exit)
{
	exit->reason = ACCEL_EXIT_SBI;
	exit->sbi.ext = h->x[17];
	exit->sbi.fid = h->x[16];
	for (unsigned i = 0; i < 6; i++)
		exit->sbi.args[i] = h->x[10 + i];
	exit->sbi.error = 0;
	exit->sbi.value = 0;
	/* Extensions 0x00-0x0f are the legacy (v0.1) calls. */
	exit->sbi.legacy = exit->sbi.ext <= 0x0f;
	exit->sbi.redirected = false;
	h->pending_exit = DBT_PENDING_SBI;
}

/*
 * Takes the command the guest left in tohost (and clears the word), or
 * returns false when there is none: a store of zero, or the half of a
 * 64-bit word written last by two 32-bit stores, is no command.
 */
static bool fill_htif_exit(struct dbt_hart *h, struct accel_exit *exit)
{
	const struct dbt_vm *vm = h->vm;
	uint64_t *p = guestmem_ptr(vm->cfg.mem, vm->cfg.tohost, 8);
	uint64_t cmd = p ? __atomic_exchange_n(p, 0, __ATOMIC_SEQ_CST) : 0;

	h->htif_written = false;
	if (!cmd)
		return false;
	exit->reason = ACCEL_EXIT_HTIF;
	exit->htif.tohost = cmd;
	exit->htif.fromhost = 0;
	exit->htif.reply = false;
	h->pending_exit = DBT_PENDING_HTIF;
	return true;
}

static int dbt_vcpu_sync(struct accel_vcpu *vcpu, struct accel_exit *exit)
{
	complete_exit(to_hart(vcpu), exit);
	return 0;
}

static int dbt_vcpu_run(struct accel_vcpu *vcpu, struct accel_exit *exit)
{
	struct dbt_hart *h = to_hart(vcpu);
	enum dbt_stop stop;

	complete_exit(h, exit);
	h->hit = DBT_HIT_NONE;
	atomic_store(&h->running, true);
	do
		stop = dbt_run(h);
	while (stop == DBT_STOP_HTIF && !fill_htif_exit(h, exit));
	atomic_store(&h->running, false);

	switch (stop) {
	case DBT_STOP_SBI:
		fill_sbi_exit(h, exit);
		break;
	case DBT_STOP_HTIF:
		break;
	case DBT_STOP_DEBUG:
		exit->reason = ACCEL_EXIT_DEBUG;
		exit->debug.pc = h->pc;
		exit->debug.addr = h->hit_addr;
		exit->debug.kind = h->hit == DBT_HIT_BREAK   ? ACCEL_DEBUG_BREAK
				   : h->hit == DBT_HIT_WATCH ? ACCEL_DEBUG_WATCH
							     : ACCEL_DEBUG_STEP;
		break;
	default:
		exit->reason = ACCEL_EXIT_KICK;
		break;
	}
	return 0;
}

void dbt_hart_post(struct dbt_hart *h, unsigned ev)
{
	atomic_fetch_or(&h->events, ev);
	/* After the event: see set_budget() in jit/jit.c. */
	atomic_store(&h->jit_budget, INT64_MIN);
	pthread_mutex_lock(&h->lock);
	pthread_cond_broadcast(&h->wake);
	pthread_mutex_unlock(&h->lock);
}

static void dbt_vcpu_kick(struct accel_vcpu *vcpu)
{
	struct dbt_hart *h = to_hart(vcpu);

	dbt_hart_post(h, DBT_EV_KICK);
}

static void dbt_vcpu_set_irq(struct accel_vcpu *vcpu, unsigned irq, int level)
{
	struct dbt_hart *h = to_hart(vcpu);
	uint64_t bit;

	switch (irq) {
	case ACCEL_IRQ_SSIP:
		/* An edge (SBI IPI): the guest clears it through sip. */
		if (!level)
			return;
		atomic_fetch_or(&h->irq_edges, 1ull << irq);
		break;
	case ACCEL_IRQ_MSIP:
	case ACCEL_IRQ_STIP:
	case ACCEL_IRQ_MTIP:
	case ACCEL_IRQ_SEIP:
	case ACCEL_IRQ_MEIP:
		bit = 1ull << irq;
		if (level)
			atomic_fetch_or(&h->irq_lines, bit);
		else
			atomic_fetch_and(&h->irq_lines, ~bit);
		break;
	default:
		return;
	}
	dbt_hart_post(h, DBT_EV_IRQ);
}

static void dbt_vcpu_fence(struct accel_vcpu *vcpu, unsigned kind)
{
	struct dbt_hart *h = to_hart(vcpu);
	unsigned ev = 0;
	uint64_t start;

	if (kind & ACCEL_FENCE_I)
		ev |= DBT_EV_FENCE_I;
	if (kind & ACCEL_FENCE_VMA)
		ev |= DBT_EV_FENCE_VMA;
	if (kind & ACCEL_FENCE_GVMA)
		ev |= DBT_EV_FENCE_GVMA;
	if (!ev)
		return;
	dbt_hart_post(h, ev);
	/*
	 * A hart that is not running applies the fence before its next
	 * instruction; a running one clears the bits once it has.
	 */
	start = clock_now_ns();
	while ((atomic_load(&h->events) & ev) && atomic_load(&h->running) &&
	       clock_now_ns() - start < FENCE_WAIT_NS)
		sched_yield();
}

/* ACCEL_REG_V0 + 32 * v + c: the 64-bit chunk's bytes, or NULL. */
static uint8_t *vreg_chunk(struct dbt_hart *h, unsigned id)
{
	unsigned v = (id - ACCEL_REG_V0) / 32, c = (id - ACCEL_REG_V0) % 32;

	if (id < ACCEL_REG_V0 || id >= ACCEL_REG_V0 + 32 * 32 ||
	    !dbt_has(h, ACCEL_EXT_V) || c >= h->vlenb / 8)
		return NULL;
	return h->vreg + v * h->vlenb + 8 * c;
}

static int dbt_get_reg(struct accel_vcpu *vcpu, unsigned id, uint64_t *val)
{
	struct dbt_hart *h = to_hart(vcpu);

	if (id < 32)
		*val = h->x[id];
	else if (id == ACCEL_REG_PC)
		*val = h->pc;
	else if (id >= ACCEL_REG_F0 && id < ACCEL_REG_F0 + 32)
		*val = h->f[id - ACCEL_REG_F0];
	else if (id == ACCEL_REG_PRIV)
		*val = h->priv | (h->virt ? 4 : 0);
	else if (id >= ACCEL_REG_CSR0 && id < ACCEL_REG_CSR0 + 0x1000)
		return dbt_csr_get(h, id - ACCEL_REG_CSR0, val);
	else if (vreg_chunk(h, id))
		memcpy(val, vreg_chunk(h, id), 8);
	else
		return -ENOENT;
	return 0;
}

static int dbt_set_reg(struct accel_vcpu *vcpu, unsigned id, uint64_t val)
{
	struct dbt_hart *h = to_hart(vcpu);

	if (id < 32) {
		if (id)
			h->x[id] = val;
	} else if (id == ACCEL_REG_PC) {
		h->pc = val & ~1ull;
	} else if (id >= ACCEL_REG_F0 && id < ACCEL_REG_F0 + 32) {
		h->f[id - ACCEL_REG_F0] = val;
	} else if (id == ACCEL_REG_PRIV) {
		/* U, S or M, with bit 2 for V=1 (not with M). */
		if ((val & 3) == 2 || val > 5 || val == 7)
			return -EINVAL;
		dbt_hart_set_mode(h, val & 3, val & 4);
	} else if (id >= ACCEL_REG_CSR0 && id < ACCEL_REG_CSR0 + 0x1000) {
		return dbt_csr_set(h, id - ACCEL_REG_CSR0, val);
	} else if (vreg_chunk(h, id)) {
		memcpy(vreg_chunk(h, id), &val, 8);
	} else {
		return -ENOENT;
	}
	return 0;
}

static int dbt_set_debug(struct accel_vcpu *vcpu, const struct accel_debug *d)
{
	struct dbt_hart *h = to_hart(vcpu);
	bool on;

	if (d->nbreak > ACCEL_DEBUG_MAX_POINTS ||
	    d->nwatch > ACCEL_DEBUG_MAX_POINTS)
		return -EINVAL;
	h->debug = *d;
	on = d->step || d->nbreak || d->nwatch;
	/* Blocks decoded for one mode are not what the other wants. */
	if (on != h->debug_on)
		dbt_cache_reset(h->cache);
	h->debug_on = on;
	h->stepping = h->tracing || on;
	dbt_mmu_update(h);
	return 0;
}

static int dbt_vcpu_access(struct accel_vcpu *vcpu, uint64_t va, void *buf,
			   size_t len, bool write)
{
	return dbt_mmu_debug_access(to_hart(vcpu), va, buf, len, write);
}

static int dbt_vcpu_halt(struct accel_vcpu *vcpu)
{
	struct dbt_hart *h = to_hart(vcpu);
	int rc = dbt_trap_sleep(h, DBT_EV_KICK);

	/* The kick is delivered by this return: it ends no later run. */
	if (rc == -EINTR)
		atomic_fetch_and(&h->events, ~(unsigned)DBT_EV_KICK);
	return rc;
}

static int dbt_get_state(struct accel_vcpu *vcpu, struct accel_hart_state *st)
{
	return dbt_hart_get_state(to_hart(vcpu), st);
}

static int dbt_set_state(struct accel_vcpu *vcpu,
			 const struct accel_hart_state *st)
{
	return dbt_hart_set_state(to_hart(vcpu), st);
}

static void dbt_vcpu_destroy(struct accel_vcpu *vcpu)
{
	struct dbt_hart *h = to_hart(vcpu);

	if (!h)
		return;
	if (h->hartid < h->vm->nharts && h->vm->harts[h->hartid] == h)
		h->vm->harts[h->hartid] = NULL;
	timer_cancel(&h->stimer);
	timer_cancel(&h->vstimer);
	dbt_win_destroy(h);
	dbt_jit_destroy(h);
	dbt_cache_destroy(&h->cachemem);
	free(h->step);
	pthread_mutex_destroy(&h->lock);
	pthread_cond_destroy(&h->wake);
	free(h);
}

static void dbt_vm_destroy(struct accel_vm *avm)
{
	struct dbt_vm *vm = to_vm(avm);

	if (!vm)
		return;
	if (vm->own_timers_ok)
		timer_service_destroy(&vm->own_timers);
	munmap((void *)vm->page_epoch,
	       vm->cfg.mem->pages * sizeof(*vm->page_epoch));
	free(vm->harts);
	free(vm);
}

const struct accel_ops accel_dbt_ops = {
	.name = "dbt",
	.caps = ACCEL_CAP_FIRMWARE | ACCEL_CAP_HTIF | ACCEL_CAP_ACLINT |
		ACCEL_CAP_MMIO_FAULT | ACCEL_CAP_TRACE | ACCEL_CAP_DIRTY_LOG |
		ACCEL_CAP_DEBUG,
	.probe = dbt_probe,
	.vm_init = dbt_vm_init,
	.describe = dbt_describe,
	.map_ram = dbt_map_ram,
	.get_dirty_log = dbt_get_dirty_log,
	.vcpu_init = dbt_vcpu_init,
	.vcpu_run = dbt_vcpu_run,
	.vcpu_sync = dbt_vcpu_sync,
	.vcpu_kick = dbt_vcpu_kick,
	.vcpu_set_irq = dbt_vcpu_set_irq,
	.vcpu_fence = dbt_vcpu_fence,
	.get_reg = dbt_get_reg,
	.set_reg = dbt_set_reg,
	.get_state = dbt_get_state,
	.set_state = dbt_set_state,
	.vcpu_halt = dbt_vcpu_halt,
	.set_debug = dbt_set_debug,
	.vcpu_access = dbt_vcpu_access,
	.vcpu_destroy = dbt_vcpu_destroy,
	.vm_destroy = dbt_vm_destroy,
};
