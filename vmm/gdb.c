// SPDX-License-Identifier: MIT
/*
 * The GDB stub's target: the VM's harts through the accelerator
 * interface (registers, set_debug, vcpu_access) and pause-all.
 *
 * A hart that stops by itself (ACCEL_EXIT_DEBUG) holds itself and hands
 * the stop to the loop, where the stub stops every other hart with
 * vm_pause(); resuming sets each hart's debugging state (the same points
 * on all, a step on some) while all are paused, then holds those that
 * are to stay stopped and ends the pause.
 *
 * KVM: Linux 6.1 has no guest debugging for RISC-V (no
 * KVM_SET_GUEST_DEBUG), so there the debugger stops, continues, reads
 * and writes registers and memory, and breakpoints, watchpoints and
 * steps are refused. Without the accelerator's vcpu_access, memory is
 * reached through a walk of the hart's page table (Sv39/Sv48/Sv57, the
 * privileged ISA's "Virtual Address Translation Process").
 */
#include "vmm/gdb.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/loop.h"
#include "config.h"
#include "ui/gdbstub.h"

#define CSR_SATP 0x180
#define PTE_V (1ull << 0)
#define PTE_R (1ull << 1)
#define PTE_X (1ull << 3)
#define PPN_MASK ((1ull << 44) - 1)

struct gdb_event {
	bool valid;
	enum gdbstub_stop why;
	uint64_t addr;
};

struct gdb {
	struct vm *vm;
	struct gdbstub *stub;
	bool can_debug;
	bool paused; /* the stub holds one vm_pause() */
	/* @debug, @events and @posted, from any thread. */
	pthread_mutex_t lock;
	struct accel_debug debug; /* every hart's points (no step) */
	struct gdb_event *events; /* per hart: a stop not yet delivered */
	bool posted;		  /* delivery is on its way to the loop */
	/* Per hart: the stub holds it stopped. Written under pause_lock. */
	atomic_bool *hold;
};

static struct accel_vcpu *hart_av(struct gdb *g, unsigned hart)
{
	return g->vm->vcpus[hart].av;
}

/* GDB's register numbers to the accelerator's. */
static int reg_id(unsigned reg, unsigned *id)
{
	if (reg <= GDBSTUB_REG_PC)
		*id = reg == GDBSTUB_REG_PC ? ACCEL_REG_PC : ACCEL_REG_X0 + reg;
	else if (reg < GDBSTUB_REG_F0 + 32)
		*id = ACCEL_REG_F0 + reg - GDBSTUB_REG_F0;
	else if (reg >= GDBSTUB_REG_CSR0 && reg < GDBSTUB_REG_CSR0 + 0x1000)
		*id = ACCEL_REG_CSR0 + reg - GDBSTUB_REG_CSR0;
	else if (reg == GDBSTUB_REG_PRIV)
		*id = ACCEL_REG_PRIV;
	else
		return -ENOENT;
	return 0;
}

static int t_get_reg(void *opaque, unsigned hart, unsigned reg, uint64_t *val)
{
	struct gdb *g = opaque;
	unsigned id;

	if (hart >= g->vm->ncpus || reg_id(reg, &id))
		return -ENOENT;
	return g->vm->accel->get_reg(hart_av(g, hart), id, val);
}

static int t_set_reg(void *opaque, unsigned hart, unsigned reg, uint64_t val)
{
	struct gdb *g = opaque;
	unsigned id;

	if (hart >= g->vm->ncpus || reg_id(reg, &id))
		return -ENOENT;
	return g->vm->accel->set_reg(hart_av(g, hart), id, val);
}

/* The guest physical address of @va for the hart's data accesses. */
static int walk(struct gdb *g, unsigned hart, uint64_t va, uint64_t *pa)
{
	const struct accel_ops *ops = g->vm->accel;
	struct accel_vcpu *av = hart_av(g, hart);
	uint64_t priv, satp, table;
	int levels;

	if (ops->get_reg(av, ACCEL_REG_PRIV, &priv) ||
	    ops->get_reg(av, ACCEL_REG_CSR0 + CSR_SATP, &satp))
		return -EFAULT;
	levels = (priv & 3) == 3 ? 0 : (int)(satp >> 60) - 5; /* 8: Sv39 */
	if (levels <= 0) {
		*pa = va;
		return 0;
	}
	if (levels < 3 || levels > 5)
		return -EFAULT;
	table = (satp & PPN_MASK) << 12;
	for (int l = levels - 1; l >= 0; l--) {
		unsigned shift = 12 + 9 * l;
		const uint64_t *p = guestmem_ptr(
			&g->vm->mem, table + ((va >> shift) & 511) * 8, 8);
		uint64_t pte;

		if (!p)
			return -EFAULT;
		pte = __atomic_load_n(p, __ATOMIC_RELAXED);
		if (!(pte & PTE_V))
			return -EFAULT;
		if (pte & (PTE_R | PTE_X)) {
			uint64_t mask = (1ull << shift) - 1;

			*pa = ((((pte >> 10) & PPN_MASK) << 12) & ~mask) |
			      (va & mask);
			return 0;
		}
		table = ((pte >> 10) & PPN_MASK) << 12;
	}
	return -EFAULT;
}

static int t_access(void *opaque, unsigned hart, uint64_t va, void *buf,
		    size_t len, bool write)
{
	struct gdb *g = opaque;
	const struct accel_ops *ops = g->vm->accel;
	uint8_t *b = buf;

	if (hart >= g->vm->ncpus)
		return -EFAULT;
	if (ops->vcpu_access)
		return ops->vcpu_access(hart_av(g, hart), va, buf, len, write);
	while (len) {
		size_t n = 4096 - (va & 4095);
		uint64_t pa;
		void *host;

		if (n > len)
			n = len;
		if (walk(g, hart, va, &pa))
			return -EFAULT;
		host = guestmem_ptr(&g->vm->mem, pa, n);
		if (!host)
			return -EFAULT;
		if (write) {
			memcpy(host, b, n);
			guestmem_written(&g->vm->mem, pa, n);
		} else {
			memcpy(b, host, n);
		}
		va += n;
		b += n;
		len -= n;
	}
	return 0;
}

static int t_stop(void *opaque)
{
	struct gdb *g = opaque;
	int ret;

	if (g->paused)
		return 0;
	ret = vm_pause(g->vm);
	g->paused = !ret;
	return ret;
}

/* Sets the holds and wakes the harts waiting on them. */
static void set_holds(struct gdb *g, const enum gdbstub_run *run)
{
	struct vm *vm = g->vm;

	pthread_mutex_lock(&vm->pause_lock);
	for (unsigned i = 0; i < vm->ncpus; i++)
		atomic_store(&g->hold[i], run && run[i] == GDBSTUB_RUN_STOP);
	pthread_cond_broadcast(&vm->pause_cond);
	pthread_mutex_unlock(&vm->pause_lock);
}

static int t_resume(void *opaque, const enum gdbstub_run *run,
		    const struct gdbstub_point *points, unsigned npoints)
{
	struct gdb *g = opaque;
	struct vm *vm = g->vm;
	struct accel_debug d = {0};
	int ret;

	for (unsigned i = 0; i < npoints; i++) {
		const struct gdbstub_point *p = &points[i];
		bool dup = false;

		if (p->type == GDBSTUB_BREAK_SW ||
		    p->type == GDBSTUB_BREAK_HW) {
			for (unsigned k = 0; k < d.nbreak; k++)
				dup |= d.breaks[k] == p->addr;
			if (dup)
				continue;
			if (d.nbreak == ACCEL_DEBUG_MAX_POINTS)
				return -ENOSPC;
			d.breaks[d.nbreak++] = p->addr;
		} else {
			if (d.nwatch == ACCEL_DEBUG_MAX_POINTS)
				return -ENOSPC;
			d.watches[d.nwatch].addr = p->addr;
			d.watches[d.nwatch].len = p->len;
			d.watches[d.nwatch].read =
				p->type != GDBSTUB_WATCH_WRITE;
			d.watches[d.nwatch].write =
				p->type != GDBSTUB_WATCH_READ;
			d.nwatch++;
		}
	}
	if (!g->can_debug && npoints)
		return -EOPNOTSUPP;
	ret = t_stop(g);
	if (ret)
		return ret;
	pthread_mutex_lock(&g->lock);
	g->debug = d;
	pthread_mutex_unlock(&g->lock);
	for (unsigned i = 0; g->can_debug && i < vm->ncpus; i++) {
		d.step = run[i] == GDBSTUB_RUN_STEP;
		ret = vm->accel->set_debug(hart_av(g, i), &d);
		if (ret)
			return ret;
	}
	set_holds(g, run);
	g->paused = false;
	vm_resume(vm);
	return 0;
}

/* Loop thread: the stops harts reported, to the stub. */
static void t_flush(void *opaque)
{
	struct gdb *g = opaque;
	unsigned n = g->vm->ncpus;
	struct gdb_event ev[OPTIONS_MAX_CPUS];

	pthread_mutex_lock(&g->lock);
	memcpy(ev, g->events, n * sizeof(ev[0]));
	memset(g->events, 0, n * sizeof(ev[0]));
	g->posted = false;
	pthread_mutex_unlock(&g->lock);
	for (unsigned i = 0; i < n; i++)
		if (ev[i].valid)
			gdbstub_hart_stopped(g->stub, i, ev[i].why, ev[i].addr);
}

static void t_kill(void *opaque)
{
	struct gdb *g = opaque;

	fprintf(stderr, "hvrun: the debugger killed the VM\n");
	vm_request_exit(g->vm, 0);
}

static void t_describe(void *opaque, unsigned hart, char *buf, size_t len)
{
	struct gdb *g = opaque;
	const char *state = "";

	if (!(g->vm->accel->caps & ACCEL_CAP_HSM)) {
		switch (vcpu_hsm_state(&g->vm->vcpus[hart])) {
		case VCPU_HSM_STOPPED:
		case VCPU_HSM_START_PENDING:
			state = ", stopped (SBI HSM)";
			break;
		case VCPU_HSM_SUSPENDED:
			state = ", suspended (SBI HSM)";
			break;
		default:
			break;
		}
	}
	snprintf(buf, len, "hart %u%s", hart, state);
}

static void posted(void *arg)
{
	t_flush(arg);
}

void gdb_hart_started(struct vcpu *v)
{
	struct gdb *g = v->vm->gdb;
	struct accel_debug d;

	if (!g->can_debug)
		return;
	pthread_mutex_lock(&g->lock);
	d = g->debug;
	pthread_mutex_unlock(&g->lock);
	if (d.nbreak || d.nwatch)
		v->vm->accel->set_debug(v->av, &d);
}

void gdb_hart_stopped(struct vcpu *v, const struct accel_exit *e)
{
	struct gdb *g = v->vm->gdb;
	struct gdb_event *ev = &g->events[v->hartid];
	bool post;

	pthread_mutex_lock(&g->lock);
	ev->valid = true;
	ev->why = e->debug.kind == ACCEL_DEBUG_BREAK   ? GDBSTUB_STOP_BREAK
		  : e->debug.kind == ACCEL_DEBUG_WATCH ? GDBSTUB_STOP_WATCH
						       : GDBSTUB_STOP_STEP;
	ev->addr = e->debug.addr;
	atomic_store(&g->hold[v->hartid], true);
	post = !g->posted;
	g->posted = true;
	pthread_mutex_unlock(&g->lock);
	if (post && loop_post(v->vm->loop, posted, g)) {
		/* Nobody would hear of it: run on. */
		pthread_mutex_lock(&g->lock);
		ev->valid = false;
		g->posted = false;
		atomic_store(&g->hold[v->hartid], false);
		pthread_mutex_unlock(&g->lock);
	}
}

bool gdb_hart_held(struct vcpu *v)
{
	return atomic_load(&v->vm->gdb->hold[v->hartid]);
}

int gdb_create(struct vm *vm, const struct options *o)
{
	const struct accel_ops *ops = vm->accel;
	struct gdbstub_target t;
	struct gdb *g;
	char err[512];
	int ret;

	if (!o->gdb)
		return 0;
	g = calloc(1, sizeof(*g));
	if (!g)
		return -ENOMEM;
	g->vm = vm;
	g->can_debug = (ops->caps & ACCEL_CAP_DEBUG) && ops->set_debug;
	pthread_mutex_init(&g->lock, NULL);
	g->events = calloc(vm->ncpus, sizeof(*g->events));
	g->hold = calloc(vm->ncpus, sizeof(*g->hold));
	if (!g->events || !g->hold) {
		ret = -ENOMEM;
		goto err;
	}
	for (unsigned i = 0; i < vm->ncpus; i++)
		atomic_init(&g->hold[i], o->gdb_wait);
	t = (struct gdbstub_target){
		.opaque = g,
		.nharts = vm->ncpus,
		.can_debug = g->can_debug,
		.max_breaks = ACCEL_DEBUG_MAX_POINTS,
		.max_watches = ACCEL_DEBUG_MAX_POINTS,
		.get_reg = t_get_reg,
		.set_reg = t_set_reg,
		.access = t_access,
		.stop = t_stop,
		.resume = t_resume,
		.flush = t_flush,
		.kill = t_kill,
		.describe = t_describe,
	};
	ret = gdbstub_create(&g->stub, vm->loop, o->gdb, &t, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "hvrun: %s\n", err);
		goto err;
	}
#ifdef CONFIG_DBT
#define GDB_OR_DBT " (use --accel dbt for them)"
#else
#define GDB_OR_DBT ""
#endif
	if (!g->can_debug)
		fprintf(stderr,
			"hvrun: --gdb: the %s accelerator has no guest "
			"debugging: breakpoints, watchpoints and steps are "
			"refused" GDB_OR_DBT "\n",
			ops->name);
	vm->gdb = g;
	return 0;
err:
	free(g->events);
	free(g->hold);
	pthread_mutex_destroy(&g->lock);
	free(g);
	return ret;
}

void gdb_vm_ended(struct vm *vm, int code)
{
	if (vm->gdb)
		gdbstub_vm_ended(vm->gdb->stub, code);
}

void gdb_destroy(struct vm *vm)
{
	struct gdb *g = vm->gdb;

	if (!g)
		return;
	gdbstub_destroy(g->stub);
	vm->gdb = NULL;
	free(g->events);
	free(g->hold);
	pthread_mutex_destroy(&g->lock);
	free(g);
}
