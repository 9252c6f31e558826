/* SPDX-License-Identifier: MIT */
/*
 * Trap entry and return of the emulated hart: RISC-V privileged ISA,
 * "Machine Trap Delegation (medeleg and mideleg)", "Machine Trap-Vector
 * Base-Address (mtvec)", "Machine Status (mstatus)" privilege and global
 * interrupt-enable stacks, "Trap-Return Instructions" and "Wait for
 * Interrupt"; the supervisor-level counterparts; Sstc for the timer.
 */
#include "accel/dbt/trap.h"

#include <errno.h>
#include <time.h>

#include "accel/dbt/csr.h"
#include "accel/dbt/mmu.h"
#include "base/clock.h"

/* Interrupt priority, highest first (privileged ISA, "mip and mie"). */
static const uint8_t irq_priority[] = {11, 3, 7, 9, 1, 5};

static void set_priv(struct dbt_hart *h, unsigned priv, bool virt)
{
	h->priv = priv;
	h->virt = virt;
	dbt_mmu_update(h);
	h->stop_block = true;
	/* Which interrupts are enabled depends on the privilege. */
	dbt_hart_irq_recheck(h);
}

static uint64_t tvec_target(uint64_t tvec, uint64_t cause)
{
	uint64_t base = tvec & ~3ull;

	if ((tvec & 3) == 1 && (cause & CAUSE_INTERRUPT))
		return base + 4 * (cause & ~CAUSE_INTERRUPT);
	return base;
}

/*
 * Does the trap go to S-mode? Only traps from S or U can be delegated.
 * With the H extension this is where V=1 traps consult hedeleg/hideleg
 * to pick VS-mode over HS-mode.
 */
static bool delegated_to_s(const struct dbt_hart *h, uint64_t cause)
{
	uint64_t code = cause & ~CAUSE_INTERRUPT;
	uint64_t deleg =
		(cause & CAUSE_INTERRUPT) ? h->csr.mideleg : h->csr.medeleg;

	return h->priv <= PRV_S && code < 64 && ((deleg >> code) & 1);
}

static void trap_to_s(struct dbt_hart *h, uint64_t cause, uint64_t tval)
{
	struct dbt_csrs *c = &h->csr;
	uint64_t s = c->mstatus;

	c->sepc = h->pc;
	c->scause = cause;
	c->stval = tval;
	s &= ~(MSTATUS_SPP | MSTATUS_SPIE);
	if (h->priv == PRV_S)
		s |= MSTATUS_SPP;
	if (s & MSTATUS_SIE)
		s |= MSTATUS_SPIE;
	s &= ~MSTATUS_SIE;
	c->mstatus = s;
	h->pc = tvec_target(c->stvec, cause);
	set_priv(h, PRV_S, false);
}

static void trap_to_m(struct dbt_hart *h, uint64_t cause, uint64_t tval,
		      uint64_t tval2, uint64_t tinst)
{
	struct dbt_csrs *c = &h->csr;
	uint64_t s = c->mstatus;

	c->mepc = h->pc;
	c->mcause = cause;
	c->mtval = tval;
	c->mtval2 = tval2;
	c->mtinst = tinst;
	s &= ~(MSTATUS_MPP | MSTATUS_MPIE);
	s |= (uint64_t)h->priv << MSTATUS_MPP_SHIFT;
	if (s & MSTATUS_MIE)
		s |= MSTATUS_MPIE;
	s &= ~MSTATUS_MIE;
	c->mstatus = s;
	h->pc = tvec_target(c->mtvec, cause);
	set_priv(h, PRV_M, false);
}

void dbt_trap_raise(struct dbt_hart *h)
{
	const struct dbt_exc *e = &h->exc;

	if (delegated_to_s(h, e->cause))
		trap_to_s(h, e->cause, e->tval);
	else
		trap_to_m(h, e->cause, e->tval, e->tval2, e->tinst);
}

void dbt_trap_interrupt(struct dbt_hart *h, unsigned irq)
{
	uint64_t cause = CAUSE_INTERRUPT | irq;

	if (delegated_to_s(h, cause))
		trap_to_s(h, cause, 0);
	else
		trap_to_m(h, cause, 0, 0, 0);
}

int dbt_trap_pending_irq(struct dbt_hart *h)
{
	const struct dbt_csrs *c = &h->csr;
	uint64_t m_on = 0, s_on = 0, want, pending, m, s;

	/*
	 * M-level interrupts are enabled below M or with MIE; delegated
	 * ones below S or in S with SIE, never in M.
	 */
	if (h->priv < PRV_M || (c->mstatus & MSTATUS_MIE))
		m_on = ~c->mideleg;
	if (h->priv < PRV_S || (h->priv == PRV_S && (c->mstatus & MSTATUS_SIE)))
		s_on = c->mideleg;
	want = c->mie & (m_on | s_on);
	if (!want)
		return -1;
	pending = dbt_csr_mip_masked(h, want);
	if (!pending)
		return -1;
	m = pending & ~c->mideleg;
	s = pending & c->mideleg;
	for (unsigned i = 0; i < sizeof(irq_priority); i++)
		if ((m >> irq_priority[i]) & 1)
			return irq_priority[i];
	for (unsigned i = 0; i < sizeof(irq_priority); i++)
		if ((s >> irq_priority[i]) & 1)
			return irq_priority[i];
	return -1;
}

bool dbt_trap_check_irq(struct dbt_hart *h)
{
	int irq = dbt_trap_pending_irq(h);

	if (irq < 0)
		return false;
	dbt_trap_interrupt(h, irq);
	return true;
}

int dbt_trap_mret(struct dbt_hart *h)
{
	struct dbt_csrs *c = &h->csr;
	uint64_t s = c->mstatus;
	unsigned mpp;

	if (h->priv < PRV_M) {
		dbt_exc_set(h, EXC_ILLEGAL, 0);
		return -1;
	}
	mpp = (s & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;
	s &= ~(MSTATUS_MIE | MSTATUS_MPP);
	if (s & MSTATUS_MPIE)
		s |= MSTATUS_MIE;
	s |= MSTATUS_MPIE;
	if (mpp != PRV_M)
		s &= ~MSTATUS_MPRV;
	c->mstatus = s;
	h->pc = c->mepc;
	set_priv(h, mpp, false);
	return 0;
}

int dbt_trap_sret(struct dbt_hart *h)
{
	struct dbt_csrs *c = &h->csr;
	uint64_t s = c->mstatus;
	unsigned spp;

	if (h->priv < PRV_S || (h->priv == PRV_S && (s & MSTATUS_TSR))) {
		dbt_exc_set(h, EXC_ILLEGAL, 0);
		return -1;
	}
	spp = (s & MSTATUS_SPP) ? PRV_S : PRV_U;
	s &= ~(MSTATUS_SIE | MSTATUS_SPP | MSTATUS_MPRV);
	if (s & MSTATUS_SPIE)
		s |= MSTATUS_SIE;
	s |= MSTATUS_SPIE;
	c->mstatus = s;
	h->pc = c->sepc;
	set_priv(h, spp, false);
	return 0;
}

/* Events that end a WFI: anything but a bare request to look at irqs. */
#define WFI_WAKE_EVENTS (~(unsigned)DBT_EV_IRQ)

static bool wfi_should_wake(struct dbt_hart *h)
{
	if (dbt_csr_mip_masked(h, h->csr.mie))
		return true;
	return atomic_load(&h->events) & WFI_WAKE_EVENTS;
}

int dbt_trap_wfi(struct dbt_hart *h)
{
	if (h->priv == PRV_U ||
	    (h->priv == PRV_S && (h->csr.mstatus & MSTATUS_TW))) {
		dbt_exc_set(h, EXC_ILLEGAL, 0);
		return -1;
	}
	/* Timers and lines post events and wake us (dbt_hart_post). */
	pthread_mutex_lock(&h->lock);
	atomic_store(&h->running, false);
	while (!wfi_should_wake(h))
		pthread_cond_wait(&h->wake, &h->lock);
	atomic_store(&h->running, true);
	pthread_mutex_unlock(&h->lock);
	dbt_hart_irq_recheck(h);
	return 0;
}
