/* SPDX-License-Identifier: MIT */
/*
 * Trap entry and return of the emulated hart: RISC-V privileged ISA,
 * "Machine Trap Delegation (medeleg and mideleg)", "Machine Trap-Vector
 * Base-Address (mtvec)", "Machine Status (mstatus)" privilege and global
 * interrupt-enable stacks, "Trap-Return Instructions" and "Wait for
 * Interrupt"; the supervisor-level counterparts; hypervisor.adoc "Traps"
 * (delegation to VS-mode through hedeleg/hideleg, trap entry into M, HS
 * and VS, trap return with MPV/SPV), the HS/VS interrupt rules of
 * "Hypervisor Interrupt Registers", and the virtual-instruction cases of
 * "Trap Cause Codes" for xRET and WFI.
 */
#include "accel/dbt/trap.h"

#include <errno.h>

#include "accel/dbt/csr.h"
#include "accel/dbt/mmu.h"

/* Where a trap goes. */
enum target { TO_M, TO_HS, TO_VS };

/*
 * Interrupt priority within a level, highest first (machine.adoc "mip and
 * mie": MEI, MSI, MTI, SEI, SSI, STI, then hypervisor.adoc: SGEI, VSEI,
 * VSSI, VSTI, LCOFI).
 */
static const uint8_t irq_priority[] = {
	IRQ_M_EXT,   IRQ_M_SOFT,   IRQ_M_TIMER, IRQ_S_EXT,
	IRQ_S_SOFT,  IRQ_S_TIMER,  IRQ_S_GEXT,	IRQ_VS_EXT,
	IRQ_VS_SOFT, IRQ_VS_TIMER, IRQ_LCOF,
};

void dbt_hart_set_mode(struct dbt_hart *h, unsigned priv, bool virt)
{
	h->priv = priv;
	h->virt = virt && priv != PRV_M;
	dbt_mmu_update(h);
	h->stop_block = true;
	/* Which interrupts are enabled depends on the mode. */
	dbt_hart_irq_recheck(h);
}

static uint64_t tvec_target(uint64_t tvec, uint64_t cause)
{
	uint64_t base = tvec & ~3ull;

	if ((tvec & 3) == TVEC_MODE_VECTORED && (cause & CAUSE_INTERRUPT))
		return base + 4 * (cause & ~CAUSE_INTERRUPT);
	return base;
}

/*
 * The one place that picks a trap's target: M unless medeleg/mideleg
 * hand it to HS (only from below M), and from V=1 on to VS when
 * hedeleg/hideleg say so.
 */
static enum target trap_target(const struct dbt_hart *h, uint64_t cause)
{
	const struct dbt_csrs *c = &h->csr;
	uint64_t code = cause & ~CAUSE_INTERRUPT;
	bool irq = cause & CAUSE_INTERRUPT;

	if (h->priv == PRV_M || code >= 64)
		return TO_M;
	if (!(((irq ? c->mideleg : c->medeleg) >> code) & 1))
		return TO_M;
	if (h->virt && (((irq ? c->hideleg : c->hedeleg) >> code) & 1))
		return TO_VS;
	return TO_HS;
}

/* Pushes the interrupt-enable stack of an xstatus: xPIE = xIE, xIE = 0. */
static uint64_t push_ie(uint64_t s, uint64_t ie, uint64_t pie)
{
	s &= ~pie;
	if (s & ie)
		s |= pie;
	return s & ~ie;
}

static void trap_to_vs(struct dbt_hart *h, uint64_t cause, uint64_t tval)
{
	struct dbt_csrs *c = &h->csr;
	uint64_t s = c->vsstatus;

	/* VS interrupts arrive as their S counterparts (10 -> 9 ...). */
	if (cause & CAUSE_INTERRUPT)
		cause = CAUSE_INTERRUPT | ((cause & ~CAUSE_INTERRUPT) - 1);
	c->vsepc = h->pc;
	c->vscause = cause;
	c->vstval = tval;
	s &= ~MSTATUS_SPP;
	if (h->priv == PRV_S)
		s |= MSTATUS_SPP;
	c->vsstatus = push_ie(s, MSTATUS_SIE, MSTATUS_SPIE);
	h->pc = tvec_target(c->vstvec, cause);
	dbt_hart_set_mode(h, PRV_S, true);
}

static void trap_to_hs(struct dbt_hart *h, uint64_t cause,
		       const struct dbt_exc *e)
{
	struct dbt_csrs *c = &h->csr;
	uint64_t s = c->mstatus, hs = c->hstatus;

	c->sepc = h->pc;
	c->scause = cause;
	c->stval = e->tval;
	c->htval = e->tval2;
	c->htinst = e->tinst;
	hs &= ~(HSTATUS_SPV | HSTATUS_GVA);
	if (h->virt) {
		hs |= HSTATUS_SPV;
		hs &= ~HSTATUS_SPVP;
		if (h->priv == PRV_S)
			hs |= HSTATUS_SPVP;
	}
	if (e->gva)
		hs |= HSTATUS_GVA;
	c->hstatus = hs;
	s &= ~MSTATUS_SPP;
	if (h->priv == PRV_S)
		s |= MSTATUS_SPP;
	c->mstatus = push_ie(s, MSTATUS_SIE, MSTATUS_SPIE);
	h->pc = tvec_target(c->stvec, cause);
	dbt_hart_set_mode(h, PRV_S, false);
}

static void trap_to_m(struct dbt_hart *h, uint64_t cause,
		      const struct dbt_exc *e)
{
	struct dbt_csrs *c = &h->csr;
	uint64_t s = c->mstatus;

	c->mepc = h->pc;
	c->mcause = cause;
	c->mtval = e->tval;
	c->mtval2 = e->tval2;
	c->mtinst = e->tinst;
	s &= ~(MSTATUS_MPP | MSTATUS_MPV | MSTATUS_GVA);
	s |= (uint64_t)h->priv << MSTATUS_MPP_SHIFT;
	if (h->virt)
		s |= MSTATUS_MPV;
	if (e->gva)
		s |= MSTATUS_GVA;
	c->mstatus = push_ie(s, MSTATUS_MIE, MSTATUS_MPIE);
	h->pc = tvec_target(c->mtvec, cause);
	dbt_hart_set_mode(h, PRV_M, false);
}

static void take(struct dbt_hart *h, uint64_t cause, const struct dbt_exc *e)
{
	switch (trap_target(h, cause)) {
	case TO_VS:
		trap_to_vs(h, cause, e->tval);
		break;
	case TO_HS:
		trap_to_hs(h, cause, e);
		break;
	default:
		trap_to_m(h, cause, e);
		break;
	}
	h->resv_valid = false;
}

void dbt_trap_raise(struct dbt_hart *h)
{
	struct dbt_exc e = h->exc;

	take(h, e.cause, &e);
}

void dbt_trap_interrupt(struct dbt_hart *h, unsigned irq)
{
	const struct dbt_exc none = {0};

	take(h, CAUSE_INTERRUPT | irq, &none);
}

static int highest(uint64_t pending)
{
	for (unsigned i = 0; i < sizeof(irq_priority); i++)
		if ((pending >> irq_priority[i]) & 1)
			return irq_priority[i];
	return -1;
}

int dbt_trap_pending_irq(struct dbt_hart *h)
{
	const struct dbt_csrs *c = &h->csr;
	uint64_t m_on = 0, hs_on = 0, vs_on = 0, want, pending;
	uint64_t to_hs = c->mideleg & ~c->hideleg;
	uint64_t to_vs = c->mideleg & c->hideleg;
	int irq;

	/*
	 * M-level interrupts are enabled below M or with MIE; HS-level ones
	 * below HS (VS and VU included) or in HS with SIE; VS-level ones
	 * only in VU, or in VS with vsstatus.SIE.
	 */
	if (h->priv < PRV_M || (c->mstatus & MSTATUS_MIE))
		m_on = ~c->mideleg;
	if (h->priv < PRV_M &&
	    (h->virt || h->priv == PRV_U || (c->mstatus & MSTATUS_SIE)))
		hs_on = to_hs;
	if (h->virt && (h->priv == PRV_U || (c->vsstatus & MSTATUS_SIE)))
		vs_on = to_vs;
	want = c->mie & (m_on | hs_on | vs_on);
	if (!want)
		return -1;
	pending = dbt_csr_mip_masked(h, want);
	if (!pending)
		return -1;
	irq = highest(pending & ~c->mideleg);
	if (irq < 0)
		irq = highest(pending & to_hs);
	if (irq < 0)
		irq = highest(pending & to_vs);
	return irq;
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
	bool mpv;

	if (h->priv < PRV_M) {
		dbt_exc_set(h, EXC_ILLEGAL, 0);
		return -1;
	}
	mpp = (s & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;
	mpv = mpp != PRV_M && (s & MSTATUS_MPV);
	s &= ~(MSTATUS_MIE | MSTATUS_MPP | MSTATUS_MPV);
	if (s & MSTATUS_MPIE)
		s |= MSTATUS_MIE;
	s |= MSTATUS_MPIE;
	if (mpp != PRV_M)
		s &= ~MSTATUS_MPRV;
	c->mstatus = s;
	h->pc = c->mepc;
	dbt_hart_set_mode(h, mpp, mpv);
	return 0;
}

int dbt_trap_sret(struct dbt_hart *h)
{
	struct dbt_csrs *c = &h->csr;
	uint64_t s;
	unsigned spp;
	bool spv;

	if (h->virt) {
		/* A supervisor instruction: virtual in VU, and with VTSR. */
		if (h->priv == PRV_U || (c->hstatus & HSTATUS_VTSR)) {
			dbt_exc_set(h, EXC_VIRTUAL_INSN, 0);
			return -1;
		}
		s = c->vsstatus;
		spp = (s & MSTATUS_SPP) ? PRV_S : PRV_U;
		s &= ~(MSTATUS_SIE | MSTATUS_SPP);
		if (s & MSTATUS_SPIE)
			s |= MSTATUS_SIE;
		c->vsstatus = s | MSTATUS_SPIE;
		h->pc = c->vsepc;
		dbt_hart_set_mode(h, spp, true);
		return 0;
	}
	if (h->priv < PRV_S ||
	    (h->priv == PRV_S && (c->mstatus & MSTATUS_TSR))) {
		dbt_exc_set(h, EXC_ILLEGAL, 0);
		return -1;
	}
	s = c->mstatus;
	spp = (s & MSTATUS_SPP) ? PRV_S : PRV_U;
	spv = c->hstatus & HSTATUS_SPV;
	s &= ~(MSTATUS_SIE | MSTATUS_SPP | MSTATUS_MPRV);
	if (s & MSTATUS_SPIE)
		s |= MSTATUS_SIE;
	c->mstatus = s | MSTATUS_SPIE;
	c->hstatus &= ~HSTATUS_SPV;
	h->pc = c->sepc;
	dbt_hart_set_mode(h, spp, spv);
	return 0;
}

/* Events that end a WFI: anything but a bare request to look at irqs. */
#define WFI_WAKE_EVENTS (~(unsigned)DBT_EV_IRQ)

int dbt_trap_sleep(struct dbt_hart *h, unsigned wake_events)
{
	int rc = 0;

	/* Timers and lines post events and wake us (dbt_hart_post). */
	pthread_mutex_lock(&h->lock);
	atomic_store(&h->running, false);
	for (;;) {
		if (dbt_csr_mip_masked(h, h->csr.mie))
			break;
		if (atomic_load(&h->events) & wake_events) {
			rc = -EINTR;
			break;
		}
		pthread_cond_wait(&h->wake, &h->lock);
	}
	atomic_store(&h->running, true);
	pthread_mutex_unlock(&h->lock);
	dbt_hart_irq_recheck(h);
	return rc;
}

int dbt_trap_wfi(struct dbt_hart *h)
{
	const struct dbt_csrs *c = &h->csr;

	/* TW traps below M; otherwise VU, and VS with VTW, are virtual. */
	if (h->priv < PRV_M && (c->mstatus & MSTATUS_TW)) {
		dbt_exc_set(h, EXC_ILLEGAL, 0);
		return -1;
	}
	if (h->virt && (h->priv == PRV_U || (c->hstatus & HSTATUS_VTW))) {
		dbt_exc_set(h, EXC_VIRTUAL_INSN, 0);
		return -1;
	}
	if (h->priv == PRV_U) {
		dbt_exc_set(h, EXC_ILLEGAL, 0);
		return -1;
	}
	dbt_trap_sleep(h, WFI_WAKE_EVENTS);
	return 0;
}
