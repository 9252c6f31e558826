/* SPDX-License-Identifier: MIT */
/*
 * A scripted accelerator for the unit tests of the vCPU and SBI code: it
 * keeps each hart's registers, interrupt lines and fences where a test
 * can look at them, and vcpu_run hands out a scripted list of exits,
 * then waits for a kick. Included by one test file each.
 */
#ifndef HVRUN_TESTS_FAKE_ACCEL_H
#define HVRUN_TESTS_FAKE_ACCEL_H

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "accel/accel.h"

#define FAKE_MAX_SCRIPT 16

struct fake_sbi_result {
	int64_t error;
	uint64_t value;
	bool legacy, redirected;
};

struct fake_vcpu {
	unsigned hartid;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	uint64_t x[32], pc, priv;
	uint64_t csr[4096];
	bool csr_missing; /* get_reg of a CSR fails */
	int irq[16];
	unsigned fences[8]; /* count per kind bit */
	unsigned kicks;
	bool kicked;
	/* Script: the exits vcpu_run hands out, in order. */
	struct accel_exit script[FAKE_MAX_SCRIPT];
	unsigned nscript, next;
	/* What the previous SBI/HTIF exits were answered with. */
	struct fake_sbi_result sbi_results[FAKE_MAX_SCRIPT];
	unsigned nsbi_results;
	uint64_t htif_replies[FAKE_MAX_SCRIPT];
	unsigned nhtif_replies;
	uint64_t mmio_read_data[FAKE_MAX_SCRIPT];
	unsigned nmmio_reads;
	/* Registers seen at the start of each run. */
	uint64_t run_pc[FAKE_MAX_SCRIPT], run_a0[FAKE_MAX_SCRIPT],
		run_a1[FAKE_MAX_SCRIPT], run_a2[FAKE_MAX_SCRIPT];
	unsigned runs;
	unsigned syncs; /* vcpu_sync calls */
	bool last_was_exit;
	enum accel_exit_reason last_reason;
};

struct fake_vm {
	struct fake_vcpu *harts[64];
	unsigned nharts;
};

static int fake_probe(const char **why)
{
	return 0;
}

static int fake_vm_init(const struct accel_vm_config *cfg, struct accel_vm **vm)
{
	*vm = calloc(1, sizeof(struct fake_vm));
	return *vm ? 0 : -ENOMEM;
}

static int fake_map_ram(struct accel_vm *vm, uint64_t gpa, void *host,
			uint64_t size, unsigned flags)
{
	return 0;
}

static int fake_vcpu_init(struct accel_vm *avm, unsigned hartid,
			  struct accel_vcpu **out)
{
	struct fake_vm *vm = (struct fake_vm *)avm;
	struct fake_vcpu *v = calloc(1, sizeof(*v));

	if (!v)
		return -ENOMEM;
	v->hartid = hartid;
	v->priv = 1;
	pthread_mutex_init(&v->lock, NULL);
	pthread_cond_init(&v->cond, NULL);
	vm->harts[hartid] = v;
	vm->nharts++;
	*out = (struct accel_vcpu *)v;
	return 0;
}

/* Applies the answer to the previous exit, as an accelerator must. */
static void fake_complete(struct fake_vcpu *v, struct accel_exit *e)
{
	if (!v->last_was_exit)
		return;
	v->last_was_exit = false;
	switch (v->last_reason) {
	case ACCEL_EXIT_SBI:
		if (v->nsbi_results < FAKE_MAX_SCRIPT)
			v->sbi_results[v->nsbi_results++] =
				(struct fake_sbi_result){
					e->sbi.error, e->sbi.value,
					e->sbi.legacy, e->sbi.redirected};
		if (e->sbi.redirected)
			break;
		v->x[10] = (uint64_t)e->sbi.error;
		if (!e->sbi.legacy)
			v->x[11] = e->sbi.value;
		v->pc += 4;
		break;
	case ACCEL_EXIT_HTIF:
		if (e->htif.reply && v->nhtif_replies < FAKE_MAX_SCRIPT)
			v->htif_replies[v->nhtif_replies++] = e->htif.fromhost;
		break;
	case ACCEL_EXIT_MMIO:
		if (!e->mmio.write && v->nmmio_reads < FAKE_MAX_SCRIPT)
			v->mmio_read_data[v->nmmio_reads++] = e->mmio.data;
		break;
	default:
		break;
	}
}

static int fake_vcpu_run(struct accel_vcpu *av, struct accel_exit *e)
{
	struct fake_vcpu *v = (struct fake_vcpu *)av;

	pthread_mutex_lock(&v->lock);
	fake_complete(v, e);
	if (v->runs < FAKE_MAX_SCRIPT) {
		v->run_pc[v->runs] = v->pc;
		v->run_a0[v->runs] = v->x[10];
		v->run_a1[v->runs] = v->x[11];
		v->run_a2[v->runs] = v->x[12];
	}
	v->runs++;
	if (v->next < v->nscript) {
		*e = v->script[v->next++];
	} else {
		/* Nothing left to do: idle until kicked. */
		while (!v->kicked)
			pthread_cond_wait(&v->cond, &v->lock);
		e->reason = ACCEL_EXIT_KICK;
	}
	v->kicked = false;
	v->last_was_exit = true;
	v->last_reason = e->reason;
	pthread_mutex_unlock(&v->lock);
	return 0;
}

static int fake_vcpu_sync(struct accel_vcpu *av, struct accel_exit *e)
{
	struct fake_vcpu *v = (struct fake_vcpu *)av;

	pthread_mutex_lock(&v->lock);
	fake_complete(v, e);
	v->syncs++;
	pthread_mutex_unlock(&v->lock);
	return 0;
}

static void fake_vcpu_kick(struct accel_vcpu *av)
{
	struct fake_vcpu *v = (struct fake_vcpu *)av;

	pthread_mutex_lock(&v->lock);
	v->kicks++;
	v->kicked = true;
	pthread_cond_broadcast(&v->cond);
	pthread_mutex_unlock(&v->lock);
}

static void fake_vcpu_set_irq(struct accel_vcpu *av, unsigned irq, int level)
{
	struct fake_vcpu *v = (struct fake_vcpu *)av;

	pthread_mutex_lock(&v->lock);
	if (irq < 16)
		v->irq[irq] = level;
	pthread_mutex_unlock(&v->lock);
}

static void fake_vcpu_fence(struct accel_vcpu *av, unsigned kind)
{
	struct fake_vcpu *v = (struct fake_vcpu *)av;

	pthread_mutex_lock(&v->lock);
	for (unsigned i = 0; i < 8; i++)
		if (kind & (1u << i))
			v->fences[i]++;
	pthread_mutex_unlock(&v->lock);
}

static int fake_get_reg(struct accel_vcpu *av, unsigned id, uint64_t *val)
{
	struct fake_vcpu *v = (struct fake_vcpu *)av;

	if (id < 32)
		*val = id ? v->x[id] : 0;
	else if (id == ACCEL_REG_PC)
		*val = v->pc;
	else if (id == ACCEL_REG_PRIV)
		*val = v->priv;
	else if (id >= ACCEL_REG_CSR0 && id < ACCEL_REG_CSR0 + 4096 &&
		 !v->csr_missing)
		*val = v->csr[id - ACCEL_REG_CSR0];
	else
		return -EINVAL;
	return 0;
}

static int fake_set_reg(struct accel_vcpu *av, unsigned id, uint64_t val)
{
	struct fake_vcpu *v = (struct fake_vcpu *)av;

	if (id < 32)
		v->x[id] = id ? val : 0;
	else if (id == ACCEL_REG_PC)
		v->pc = val;
	else if (id == ACCEL_REG_PRIV)
		v->priv = val;
	else if (id >= ACCEL_REG_CSR0 && id < ACCEL_REG_CSR0 + 4096)
		v->csr[id - ACCEL_REG_CSR0] = val;
	else
		return -EINVAL;
	return 0;
}

static void fake_vcpu_destroy(struct accel_vcpu *av)
{
	struct fake_vcpu *v = (struct fake_vcpu *)av;

	pthread_mutex_destroy(&v->lock);
	pthread_cond_destroy(&v->cond);
	free(v);
}

static void fake_vm_destroy(struct accel_vm *vm)
{
	free(vm);
}

static const struct accel_ops fake_accel_ops = {
	.name = "fake",
	.probe = fake_probe,
	.vm_init = fake_vm_init,
	.map_ram = fake_map_ram,
	.vcpu_init = fake_vcpu_init,
	.vcpu_run = fake_vcpu_run,
	.vcpu_sync = fake_vcpu_sync,
	.vcpu_kick = fake_vcpu_kick,
	.vcpu_set_irq = fake_vcpu_set_irq,
	.vcpu_fence = fake_vcpu_fence,
	.get_reg = fake_get_reg,
	.set_reg = fake_set_reg,
	.vcpu_destroy = fake_vcpu_destroy,
	.vm_destroy = fake_vm_destroy,
};

static inline struct fake_vcpu *fake_hart(struct accel_vm *avm, unsigned i)
{
	return ((struct fake_vm *)avm)->harts[i];
}

static inline struct accel_exit
fake_sbi_exit(uint64_t ext, uint64_t fid, uint64_t a0, uint64_t a1, uint64_t a2)
{
	struct accel_exit e = {.reason = ACCEL_EXIT_SBI};

	e.sbi.ext = ext;
	e.sbi.fid = fid;
	e.sbi.args[0] = a0;
	e.sbi.args[1] = a1;
	e.sbi.args[2] = a2;
	return e;
}

#endif
