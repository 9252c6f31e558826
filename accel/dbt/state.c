/* SPDX-License-Identifier: MIT */
/*
 * The emulated hart's state as the accelerator interface's record
 * (accel/accel.h, struct accel_hart_state): every register with storage
 * of its own, written back raw, so that a hart saved and restored is the
 * same hart, PMP locks and software-set interrupt bits included.
 */
#include "accel/dbt/state.h"

#include <errno.h>
#include <stddef.h>

#include "accel/dbt/csr.h"
#include "accel/dbt/mmu.h"
#include "riscv/riscv.h"

#define FIELD(csr, name)                             \
	{                                            \
		csr, offsetof(struct dbt_csrs, name) \
	}

/* CSRs kept as one 64-bit field each. */
static const struct {
	uint16_t csr;
	uint16_t off;
} fields[] = {
	FIELD(CSR_MSTATUS, mstatus),
	FIELD(CSR_MISA, misa),
	FIELD(CSR_MEDELEG, medeleg),
	FIELD(CSR_MIDELEG, mideleg),
	FIELD(CSR_MIE, mie),
	FIELD(CSR_MTVEC, mtvec),
	FIELD(CSR_MSCRATCH, mscratch),
	FIELD(CSR_MEPC, mepc),
	FIELD(CSR_MCAUSE, mcause),
	FIELD(CSR_MTVAL, mtval),
	FIELD(CSR_MTVAL2, mtval2),
	FIELD(CSR_MTINST, mtinst),
	FIELD(CSR_MCOUNTEREN, mcounteren),
	FIELD(CSR_MCOUNTINHIBIT, mcountinhibit),
	FIELD(CSR_MENVCFG, menvcfg),
	FIELD(CSR_MSECCFG, mseccfg),
	FIELD(CSR_MCYCLE, mcycle),
	FIELD(CSR_MINSTRET, minstret),
	FIELD(CSR_STVEC, stvec),
	FIELD(CSR_SSCRATCH, sscratch),
	FIELD(CSR_SEPC, sepc),
	FIELD(CSR_SCAUSE, scause),
	FIELD(CSR_STVAL, stval),
	FIELD(CSR_SCOUNTEREN, scounteren),
	FIELD(CSR_SENVCFG, senvcfg),
	FIELD(CSR_SATP, satp),
	FIELD(CSR_STIMECMP, stimecmp),
	FIELD(CSR_HSTATUS, hstatus),
	FIELD(CSR_HEDELEG, hedeleg),
	FIELD(CSR_HIDELEG, hideleg),
	FIELD(CSR_HVIP, hvip),
	FIELD(CSR_HCOUNTEREN, hcounteren),
	FIELD(CSR_HGEIE, hgeie),
	FIELD(CSR_HTVAL, htval),
	FIELD(CSR_HTINST, htinst),
	FIELD(CSR_HGATP, hgatp),
	FIELD(CSR_HENVCFG, henvcfg),
	FIELD(CSR_HTIMEDELTA, htimedelta),
	FIELD(CSR_VSSTATUS, vsstatus),
	FIELD(CSR_VSTVEC, vstvec),
	FIELD(CSR_VSSCRATCH, vsscratch),
	FIELD(CSR_VSEPC, vsepc),
	FIELD(CSR_VSCAUSE, vscause),
	FIELD(CSR_VSTVAL, vstval),
	FIELD(CSR_VSATP, vsatp),
	FIELD(CSR_VSTIMECMP, vstimecmp),
};

#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

static uint64_t *field(struct dbt_hart *h, unsigned i)
{
	return (uint64_t *)((char *)&h->csr + fields[i].off);
}

int dbt_hart_get_state(struct dbt_hart *h, struct accel_hart_state *st)
{
	unsigned i;
	int rc = 0;

	st->version = ACCEL_STATE_VERSION;
	st->count = 0;
	for (i = 0; i < 32 && !rc; i++)
		rc = accel_state_put(st, ACCEL_REG_X0 + i, h->x[i]);
	for (i = 0; i < 32 && !rc; i++)
		rc = accel_state_put(st, ACCEL_REG_F0 + i, h->f[i]);
	rc = rc ?: accel_state_put(st, ACCEL_REG_PC, h->pc);
	rc = rc
		     ?: accel_state_put(st, ACCEL_REG_PRIV,
					h->priv | (h->virt ? 4 : 0));
	for (i = 0; i < NFIELDS && !rc; i++)
		rc = accel_state_put(st, ACCEL_REG_CSR0 + fields[i].csr,
				     *field(h, i));
	rc = rc ?: accel_state_put(st, ACCEL_REG_CSR0 + CSR_FCSR, h->csr.fcsr);
	for (i = 0; i < DBT_PMP_COUNT && !rc; i += 8) {
		uint64_t v = 0;

		for (unsigned j = 0; j < 8; j++)
			v |= (uint64_t)h->csr.pmpcfg[i + j] << (8 * j);
		rc = accel_state_put(st, ACCEL_REG_CSR0 + CSR_PMPCFG0 + i / 4,
				     v);
	}
	for (i = 0; i < DBT_PMP_COUNT && !rc; i++)
		rc = accel_state_put(st, ACCEL_REG_CSR0 + CSR_PMPADDR0 + i,
				     h->csr.pmpaddr[i]);
	for (i = 3; i < 32 && !rc; i++) {
		rc = accel_state_put(st, ACCEL_REG_CSR0 + CSR_MCYCLE + i,
				     h->csr.mhpmcounter[i]);
		rc = rc
			     ?: accel_state_put(st,
						ACCEL_REG_CSR0 +
							CSR_MHPMEVENT3 + i - 3,
						h->csr.mhpmevent[i]);
	}
	for (i = 0; i < 4 && !rc; i++) {
		rc = accel_state_put(st, ACCEL_REG_CSR0 + CSR_MSTATEEN0 + i,
				     h->csr.mstateen[i]);
		rc = rc
			     ?: accel_state_put(
					st, ACCEL_REG_CSR0 + CSR_HSTATEEN0 + i,
					h->csr.hstateen[i]);
	}
	/* Edges other threads posted belong to the software bits. */
	rc = rc ?: accel_state_put(st, ACCEL_REG_MIP_SW, dbt_csr_mip_sw(h));
	return rc;
}

int dbt_hart_set_state(struct dbt_hart *h, const struct accel_hart_state *st)
{
	if (st->version != ACCEL_STATE_VERSION || st->count > ACCEL_STATE_MAX)
		return -EINVAL;
	for (uint32_t k = 0; k < st->count; k++) {
		uint32_t id = st->regs[k].id;
		uint64_t v = st->regs[k].val;
		unsigned csr = id - ACCEL_REG_CSR0, i;

		if (id < 32) {
			if (id)
				h->x[id] = v;
		} else if (id == ACCEL_REG_PC) {
			h->pc = v;
		} else if (id >= ACCEL_REG_F0 && id < ACCEL_REG_F0 + 32) {
			h->f[id - ACCEL_REG_F0] = v;
		} else if (id == ACCEL_REG_PRIV) {
			if ((v & 3) == 2 || v > 7)
				return -EINVAL;
			h->priv = v & 3;
			h->virt = v & 4;
		} else if (id == ACCEL_REG_MIP_SW) {
			h->csr.mip = v;
		} else if (id == ACCEL_REG_CSR0 + CSR_FCSR) {
			h->csr.fcsr = v & 0xff;
		} else if (id == ACCEL_REG_CSR0 + CSR_PMPCFG0 ||
			   id == ACCEL_REG_CSR0 + CSR_PMPCFG0 + 2) {
			unsigned first = (csr - CSR_PMPCFG0) * 4;

			for (unsigned j = 0; j < 8; j++)
				h->csr.pmpcfg[first + j] = v >> (8 * j);
		} else if (id >= ACCEL_REG_CSR0 + CSR_PMPADDR0 &&
			   id < ACCEL_REG_CSR0 + CSR_PMPADDR0 + DBT_PMP_COUNT) {
			h->csr.pmpaddr[csr - CSR_PMPADDR0] = v & PMPADDR_MASK;
		} else if (id >= ACCEL_REG_CSR0 + CSR_MHPMCOUNTER3 &&
			   id <= ACCEL_REG_CSR0 + CSR_MHPMCOUNTER31) {
			h->csr.mhpmcounter[csr - CSR_MCYCLE] = v;
		} else if (id >= ACCEL_REG_CSR0 + CSR_MHPMEVENT3 &&
			   id <= ACCEL_REG_CSR0 + CSR_MHPMEVENT31) {
			h->csr.mhpmevent[csr - CSR_MHPMEVENT3 + 3] = v;
		} else if (id >= ACCEL_REG_CSR0 + CSR_MSTATEEN0 &&
			   id <= ACCEL_REG_CSR0 + CSR_MSTATEEN3) {
			h->csr.mstateen[csr - CSR_MSTATEEN0] = v;
		} else if (id >= ACCEL_REG_CSR0 + CSR_HSTATEEN0 &&
			   id <= ACCEL_REG_CSR0 + CSR_HSTATEEN3) {
			h->csr.hstateen[csr - CSR_HSTATEEN0] = v;
		} else {
			for (i = 0; i < NFIELDS; i++)
				if (csr == fields[i].csr)
					break;
			if (i == NFIELDS)
				return -ENOENT;
			*field(h, i) = v;
		}
	}
	dbt_hart_state_changed(h);
	return 0;
}
