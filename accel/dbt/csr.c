/* SPDX-License-Identifier: MIT */
/*
 * The emulated hart's CSR file: RISC-V privileged ISA, "Machine-Level
 * ISA" (mstatus, misa, medeleg/mideleg, mip/mie, mtvec, counters, menvcfg,
 * PMP) and "Supervisor-Level ISA" (sstatus, sip/sie, stvec, satp,
 * senvcfg), the Sstc extension (stimecmp), the unprivileged Zicsr,
 * Zicntr and F/D (fcsr) chapters.
 *
 * Reads have no side effects, so csrrw with rd=x0 may read freely.
 */
#include "accel/dbt/csr.h"

#include <errno.h>

#include "accel/dbt/mmu.h"
#include "accel/dbt/trap.h"
#include "base/clock.h"

#define MSTATUS_M_WRITABLE                                                     \
	(MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | MSTATUS_MPIE |             \
	 MSTATUS_SPP | MSTATUS_MPP | MSTATUS_FS | MSTATUS_MPRV | MSTATUS_SUM | \
	 MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR)
#define SSTATUS_READABLE                                                       \
	(MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_UBE | MSTATUS_SPP | MSTATUS_VS | \
	 MSTATUS_FS | MSTATUS_XS | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_UXL |   \
	 MSTATUS_SD)
#define SSTATUS_WRITABLE                                                       \
	(MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS | MSTATUS_SUM | \
	 MSTATUS_MXR)

/* Exceptions M-mode may hand to S-mode; ecall from M (11) never. */
#define MEDELEG_WRITABLE                                                       \
	((1ull << 0) | (1ull << 1) | (1ull << 2) | (1ull << 3) | (1ull << 4) | \
	 (1ull << 5) | (1ull << 6) | (1ull << 7) | (1ull << 8) | (1ull << 9) | \
	 (1ull << 12) | (1ull << 13) | (1ull << 15))
#define MIE_WRITABLE (MIP_S_MASK | MIP_M_MASK)

#define MENVCFG_WRITABLE                                          \
	(ENVCFG_FIOM | ENVCFG_CBIE | ENVCFG_CBCFE | ENVCFG_CBZE | \
	 ENVCFG_PBMTE | ENVCFG_STCE | ENVCFG_ADUE)
#define SENVCFG_WRITABLE \
	(ENVCFG_FIOM | ENVCFG_CBIE | ENVCFG_CBCFE | ENVCFG_CBZE)

#define MISA_VALUE                                                       \
	(MISA_MXL_64 | MISA_EXT('I') | MISA_EXT('M') | MISA_EXT('A') |   \
	 MISA_EXT('F') | MISA_EXT('D') | MISA_EXT('C') | MISA_EXT('S') | \
	 MISA_EXT('U'))

uint64_t dbt_csr_time(const struct dbt_hart *h)
{
	return clock_ticks(h->vm->cfg.clock_origin_ns);
}

/*
 * Sstc: the host timer that makes the hart look at STIP when the time
 * reaches stimecmp; nothing polls the time.
 */
static void update_timer_deadline(struct dbt_hart *h)
{
	if (!dbt_csr_sstc_active(h) || h->csr.stimecmp == UINT64_MAX) {
		timer_disarm(&h->stimer);
		return;
	}
	timer_arm(&h->stimer, clock_deadline_ns(h->vm->cfg.clock_origin_ns,
						h->csr.stimecmp));
}

/*
 * Only the hart's own thread calls this: it folds the edges other threads
 * posted (SBI IPIs) into the software bits. The clock is read only when
 * @mask asks for STIP and Sstc drives it.
 */
uint64_t dbt_csr_mip_masked(struct dbt_hart *h, uint64_t mask)
{
	uint64_t mip;

	mip = dbt_csr_mip_sw(h);
	if (dbt_csr_sstc_active(h)) {
		mip &= ~MIP_STIP;
		if ((mask & MIP_STIP) && dbt_csr_time(h) >= h->csr.stimecmp)
			mip |= MIP_STIP;
	}
	/* Lines OR in: SEIP is the software bit or the PLIC's line. */
	mip |= atomic_load_explicit(&h->irq_lines, memory_order_relaxed);
	return mip & mask;
}

uint64_t dbt_csr_mip_sw(struct dbt_hart *h)
{
	if (atomic_load_explicit(&h->irq_edges, memory_order_relaxed))
		h->csr.mip |= atomic_exchange(&h->irq_edges, 0);
	return h->csr.mip;
}

uint64_t dbt_csr_mip(struct dbt_hart *h)
{
	return dbt_csr_mip_masked(h, ~0ull);
}

static uint64_t status_read(const struct dbt_hart *h)
{
	uint64_t s = h->csr.mstatus;

	if ((s & MSTATUS_FS) == MSTATUS_FS || (s & MSTATUS_XS) == MSTATUS_XS)
		s |= MSTATUS_SD;
	return s;
}

static void mstatus_write(struct dbt_hart *h, uint64_t val)
{
	uint64_t old = h->csr.mstatus;
	uint64_t s = (old & ~MSTATUS_M_WRITABLE) | (val & MSTATUS_M_WRITABLE);

	/* MPP is WARL with the legal values U, S and M. */
	if ((s & MSTATUS_MPP) == (2ull << MSTATUS_MPP_SHIFT))
		s = (s & ~MSTATUS_MPP) | (old & MSTATUS_MPP);
	h->csr.mstatus = s;
	dbt_hart_irq_recheck(h);
}

static void sstatus_write(struct dbt_hart *h, uint64_t val)
{
	h->csr.mstatus =
		(h->csr.mstatus & ~SSTATUS_WRITABLE) | (val & SSTATUS_WRITABLE);
	dbt_hart_irq_recheck(h);
}

/* xtvec: modes 0 (direct) and 1 (vectored); a reserved mode keeps the old. */
static uint64_t tvec_legalize(uint64_t old, uint64_t val)
{
	if ((val & 3) >= 2)
		return (val & ~3ull) | (old & 3);
	return val;
}

static uint64_t envcfg_legalize(uint64_t old, uint64_t val, uint64_t mask)
{
	uint64_t v = (old & ~mask) | (val & mask);

	/* CBIE = 0b10 is reserved: keep the previous setting. */
	if ((v & ENVCFG_CBIE) == (2ull << 4))
		v = (v & ~ENVCFG_CBIE) | (old & ENVCFG_CBIE);
	return v;
}

static bool satp_mode_ok(uint64_t mode)
{
	return mode == ATP_MODE_BARE || mode == ATP_MODE_SV39 ||
	       mode == ATP_MODE_SV48 || mode == ATP_MODE_SV57;
}

static bool pmpaddr_locked(const struct dbt_hart *h, unsigned i)
{
	if (h->csr.pmpcfg[i] & PMP_L)
		return true;
	return i + 1 < DBT_PMP_COUNT && (h->csr.pmpcfg[i + 1] & PMP_L) &&
	       (h->csr.pmpcfg[i + 1] & PMP_A) == PMP_A_TOR;
}

/* pmpcfg0 covers entries 0-7 and pmpcfg2 entries 8-15 (RV64). */
static void pmpcfg_write(struct dbt_hart *h, unsigned first, uint64_t val)
{
	for (unsigned i = 0; i < 8; i++) {
		uint8_t c = val >> (8 * i);

		if (h->csr.pmpcfg[first + i] & PMP_L)
			continue;
		c &= PMP_L | PMP_A | PMP_X | PMP_W | PMP_R;
		/* R=0 W=1 is reserved: such an entry grants neither. */
		if ((c & (PMP_R | PMP_W)) == PMP_W)
			c &= ~PMP_W;
		h->csr.pmpcfg[first + i] = c;
	}
}

static uint64_t pmpcfg_read(const struct dbt_hart *h, unsigned first)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < 8; i++)
		v |= (uint64_t)h->csr.pmpcfg[first + i] << (8 * i);
	return v;
}

/*
 * Zicntr counters below M-mode: mcounteren gates S (and U), scounteren
 * additionally gates U. With the H extension, hcounteren gates VS/VU here.
 */
static bool counter_allowed(const struct dbt_hart *h, unsigned idx)
{
	uint32_t bit = 1u << idx;

	if (h->priv == PRV_M)
		return true;
	if (!(h->csr.mcounteren & bit))
		return false;
	return h->priv == PRV_S || (h->csr.scounteren & bit);
}

/*
 * PMP entries 16..63 are not implemented: their CSRs exist and, being
 * WARL, read as zero ("Physical Memory Protection CSRs").
 */
#define CASE_PMP_UNIMPLEMENTED \
	case CSR_PMPCFG0 + 4:  \
	case CSR_PMPCFG0 + 6:  \
	case CSR_PMPCFG0 + 8:  \
	case CSR_PMPCFG0 + 10: \
	case CSR_PMPCFG0 + 12: \
	case CSR_PMPCFG0 + 14: \
	case CSR_PMPADDR0 + 16 ... CSR_PMPADDR0 + 63

/*
 * Reads @csr into *@val. With @check, also applies the access rules that
 * depend on state beyond the CSR number (counter enables, FS, TVM, STCE).
 * Returns -1 when the access is illegal or the CSR does not exist.
 */
static int csr_read(struct dbt_hart *h, unsigned csr, uint64_t *val, bool check)
{
	const struct dbt_csrs *c = &h->csr;

	switch (csr) {
	case CSR_FFLAGS:
	case CSR_FRM:
	case CSR_FCSR:
		if (check && !dbt_csr_fs_on(h))
			return -1;
		if (csr == CSR_FFLAGS)
			*val = c->fcsr & FCSR_FFLAGS;
		else if (csr == CSR_FRM)
			*val = (c->fcsr >> FCSR_FRM_SHIFT) & 7;
		else
			*val = c->fcsr & 0xff;
		return 0;
	case CSR_CYCLE ... CSR_HPMCOUNTER31:
		if (check && !counter_allowed(h, csr - CSR_CYCLE))
			return -1;
		if (csr == CSR_CYCLE)
			*val = c->mcycle;
		else if (csr == CSR_TIME)
			*val = dbt_csr_time(h);
		else if (csr == CSR_INSTRET)
			*val = c->minstret;
		else
			*val = 0;
		return 0;

	/* Supervisor */
	case CSR_SSTATUS:
		*val = status_read(h) & SSTATUS_READABLE;
		return 0;
	case CSR_SIE:
		*val = c->mie & c->mideleg & MIP_S_MASK;
		return 0;
	case CSR_SIP:
		*val = dbt_csr_mip(h) & c->mideleg & MIP_S_MASK;
		return 0;
	case CSR_STVEC:
		*val = c->stvec;
		return 0;
	case CSR_SCOUNTEREN:
		*val = c->scounteren;
		return 0;
	case CSR_SENVCFG:
		*val = c->senvcfg;
		return 0;
	case CSR_SSCRATCH:
		*val = c->sscratch;
		return 0;
	case CSR_SEPC:
		*val = c->sepc;
		return 0;
	case CSR_SCAUSE:
		*val = c->scause;
		return 0;
	case CSR_STVAL:
		*val = c->stval;
		return 0;
	case CSR_STIMECMP:
		if (check && h->priv < PRV_M &&
		    (!dbt_csr_sstc_active(h) || !(c->mcounteren & COUNTER_TM)))
			return -1;
		*val = c->stimecmp;
		return 0;
	case CSR_SATP:
		if (check && h->priv == PRV_S && (c->mstatus & MSTATUS_TVM))
			return -1;
		*val = c->satp;
		return 0;

	/* Machine */
	case CSR_MVENDORID:
	case CSR_MARCHID:
	case CSR_MIMPID:
	case CSR_MCONFIGPTR:
		*val = 0;
		return 0;
	case CSR_MHARTID:
		*val = h->hartid;
		return 0;
	case CSR_MSTATUS:
		*val = status_read(h);
		return 0;
	case CSR_MISA:
		*val = c->misa;
		return 0;
	case CSR_MEDELEG:
		*val = c->medeleg;
		return 0;
	case CSR_MIDELEG:
		*val = c->mideleg;
		return 0;
	case CSR_MIE:
		*val = c->mie;
		return 0;
	case CSR_MIP:
		*val = dbt_csr_mip(h);
		return 0;
	case CSR_MTVEC:
		*val = c->mtvec;
		return 0;
	case CSR_MCOUNTEREN:
		*val = c->mcounteren;
		return 0;
	case CSR_MENVCFG:
		*val = c->menvcfg;
		return 0;
	case CSR_MCOUNTINHIBIT:
		*val = c->mcountinhibit;
		return 0;
	case CSR_MHPMEVENT3 ... CSR_MHPMEVENT31:
	case CSR_MHPMCOUNTER3 ... CSR_MHPMCOUNTER31:
	case CSR_MSECCFG:
	case CSR_TSELECT:
	case CSR_TDATA1:
	case CSR_TDATA2:
	case CSR_TDATA3:
		*val = 0;
		return 0;
	case CSR_MSCRATCH:
		*val = c->mscratch;
		return 0;
	case CSR_MEPC:
		*val = c->mepc;
		return 0;
	case CSR_MCAUSE:
		*val = c->mcause;
		return 0;
	case CSR_MTVAL:
		*val = c->mtval;
		return 0;
	case CSR_PMPCFG0:
	case CSR_PMPCFG0 + 2:
		*val = pmpcfg_read(h, (csr - CSR_PMPCFG0) * 4);
		return 0;
	case CSR_PMPADDR0 ... CSR_PMPADDR0 + DBT_PMP_COUNT - 1:
		*val = c->pmpaddr[csr - CSR_PMPADDR0];
		return 0;
	CASE_PMP_UNIMPLEMENTED:
		*val = 0;
		return 0;
	case CSR_MCYCLE:
		*val = c->mcycle;
		return 0;
	case CSR_MINSTRET:
		*val = c->minstret;
		return 0;
	}
	/* H-extension CSRs (hstatus, vs*, ...) will be decoded here. */
	return -1;
}

/*
 * Writes @val to @csr, which csr_read has accepted. @retiring is set when
 * a Zicsr instruction writes: its own retirement must not count on top
 * of a value written to minstret or mcycle.
 */
static void csr_write(struct dbt_hart *h, unsigned csr, uint64_t val,
		      bool retiring)
{
	struct dbt_csrs *c = &h->csr;
	uint64_t m;

	switch (csr) {
	case CSR_FFLAGS:
		c->fcsr = (c->fcsr & ~FCSR_FFLAGS) | (val & FCSR_FFLAGS);
		dbt_csr_fs_dirty(h);
		break;
	case CSR_FRM:
		c->fcsr =
			(c->fcsr & FCSR_FFLAGS) | ((val & 7) << FCSR_FRM_SHIFT);
		dbt_csr_fs_dirty(h);
		break;
	case CSR_FCSR:
		c->fcsr = val & 0xff;
		dbt_csr_fs_dirty(h);
		break;

	case CSR_SSTATUS:
		sstatus_write(h, val);
		break;
	case CSR_SIE:
		m = c->mideleg & MIP_S_MASK;
		c->mie = (c->mie & ~m) | (val & m);
		dbt_hart_irq_recheck(h);
		break;
	case CSR_SIP:
		/* Only SSIP is writable through sip, and only if delegated. */
		m = c->mideleg & MIP_SSIP;
		c->mip = (c->mip & ~m) | (val & m);
		dbt_hart_irq_recheck(h);
		break;
	case CSR_STVEC:
		c->stvec = tvec_legalize(c->stvec, val);
		break;
	case CSR_SCOUNTEREN:
		c->scounteren = (uint32_t)val;
		break;
	case CSR_SENVCFG:
		c->senvcfg = envcfg_legalize(c->senvcfg, val, SENVCFG_WRITABLE);
		break;
	case CSR_SSCRATCH:
		c->sscratch = val;
		break;
	case CSR_SEPC:
		c->sepc = val & ~1ull;
		break;
	case CSR_SCAUSE:
		c->scause = val;
		break;
	case CSR_STVAL:
		c->stval = val;
		break;
	case CSR_STIMECMP:
		c->stimecmp = val;
		update_timer_deadline(h);
		dbt_hart_irq_recheck(h);
		break;
	case CSR_SATP:
		if (!satp_mode_ok(val >> ATP_MODE_SHIFT))
			break;
		c->satp = val & ((0xfull << ATP_MODE_SHIFT) | ATP_ASID_MASK |
				 ATP_PPN_MASK);
		break;

	case CSR_MSTATUS:
		mstatus_write(h, val);
		break;
	case CSR_MEDELEG:
		c->medeleg = val & MEDELEG_WRITABLE;
		break;
	case CSR_MIDELEG:
		c->mideleg = val & MIP_S_MASK;
		dbt_hart_irq_recheck(h);
		break;
	case CSR_MIE:
		c->mie = val & MIE_WRITABLE;
		dbt_hart_irq_recheck(h);
		break;
	case CSR_MIP:
		m = MIP_SSIP | MIP_SEIP;
		if (!dbt_csr_sstc_active(h))
			m |= MIP_STIP;
		c->mip = (c->mip & ~m) | (val & m);
		dbt_hart_irq_recheck(h);
		break;
	case CSR_MTVEC:
		c->mtvec = tvec_legalize(c->mtvec, val);
		break;
	case CSR_MCOUNTEREN:
		c->mcounteren = (uint32_t)val;
		break;
	case CSR_MENVCFG:
		c->menvcfg = envcfg_legalize(c->menvcfg, val, MENVCFG_WRITABLE);
		update_timer_deadline(h);
		dbt_hart_irq_recheck(h);
		break;
	case CSR_MCOUNTINHIBIT:
		c->mcountinhibit = val & (COUNTER_CY | COUNTER_IR);
		h->cycle_inc = !(c->mcountinhibit & COUNTER_CY);
		h->instret_inc = !(c->mcountinhibit & COUNTER_IR);
		break;
	case CSR_MSCRATCH:
		c->mscratch = val;
		break;
	case CSR_MEPC:
		c->mepc = val & ~1ull;
		break;
	case CSR_MCAUSE:
		c->mcause = val;
		break;
	case CSR_MTVAL:
		c->mtval = val;
		break;
	case CSR_PMPCFG0:
	case CSR_PMPCFG0 + 2:
		pmpcfg_write(h, (csr - CSR_PMPCFG0) * 4, val);
		break;
	case CSR_PMPADDR0 ... CSR_PMPADDR0 + DBT_PMP_COUNT - 1:
		if (pmpaddr_locked(h, csr - CSR_PMPADDR0))
			break;
		c->pmpaddr[csr - CSR_PMPADDR0] = val & PMPADDR_MASK;
		break;
	CASE_PMP_UNIMPLEMENTED:
		break; /* read-only zero */
	case CSR_MCYCLE:
		c->mcycle = val - (retiring ? h->cycle_inc : 0);
		break;
	case CSR_MINSTRET:
		c->minstret = val - (retiring ? h->instret_inc : 0);
		break;
	default:
		/* Read-only zero registers and WARL fields with one value. */
		break;
	}
}

/*
 * The privilege a CSR number asks for (bits 9:8). Level 2 belongs to the
 * H extension: HS-mode will reach it, and with V=1 the supervisor CSRs
 * will be redirected to their vs* counterparts, both here.
 */
static bool csr_privileged_enough(const struct dbt_hart *h, unsigned csr)
{
	unsigned level = (csr >> 8) & 3;

	if (level == 2)
		return false;
	return h->priv >= level;
}

int dbt_csr_access(struct dbt_hart *h, unsigned csr, enum dbt_csr_op op,
		   uint64_t src, bool read, bool write, uint64_t *old)
{
	uint64_t val, base, nv;

	if (!csr_privileged_enough(h, csr))
		goto illegal;
	if (write && (csr >> 10) == 3)
		goto illegal;
	if (csr_read(h, csr, &val, true) < 0)
		goto illegal;
	if (old)
		*old = val;
	if (!write)
		return 0;
	/* Only mip's software bits take part in a read-modify-write. */
	base = csr == CSR_MIP ? h->csr.mip : val;
	switch (op) {
	case DBT_CSR_RS:
		nv = base | src;
		break;
	case DBT_CSR_RC:
		nv = base & ~src;
		break;
	default:
		nv = src;
		break;
	}
	csr_write(h, csr, nv, true);
	dbt_mmu_update(h);
	/* Whatever the block assumed (translation, enables) may be gone. */
	h->stop_block = true;
	return 0;

illegal:
	dbt_exc_set(h, EXC_ILLEGAL, 0);
	return -1;
}

int dbt_csr_get(struct dbt_hart *h, unsigned csr, uint64_t *val)
{
	if (csr > 0xfff || csr_read(h, csr, val, false) < 0)
		return -ENOENT;
	return 0;
}

int dbt_csr_set(struct dbt_hart *h, unsigned csr, uint64_t val)
{
	uint64_t old;

	if (csr > 0xfff || csr_read(h, csr, &old, false) < 0)
		return -ENOENT;
	csr_write(h, csr, val, false);
	dbt_mmu_update(h);
	return 0;
}

void dbt_csr_reset(struct dbt_hart *h)
{
	struct dbt_csrs *c = &h->csr;
	bool host_sbi = h->vm->cfg.host_sbi;

	*c = (struct dbt_csrs){0};
	c->misa = MISA_VALUE;
	c->mstatus = (2ull << 32) | (2ull << 34); /* UXL = SXL = 64 */
	c->stimecmp = UINT64_MAX;
	h->cycle_inc = 1;
	h->instret_inc = 1;

	if (host_sbi) {
		/*
		 * What a firmware such as OpenSBI leaves behind: everything
		 * but the ecalls that reach the SBI is delegated, counters
		 * (to U-mode too, as OpenSBI leaves scounteren),
		 * Sstc, Svpbmt and the cache-block operations are open to
		 * S-mode, and PMP entry 0 grants all.
		 */
		c->medeleg = MEDELEG_WRITABLE & ~((1ull << 9) | (1ull << 11));
		c->mideleg = MIP_S_MASK;
		c->mcounteren = 0xffffffff;
		c->scounteren = 0xffffffff;
		c->menvcfg = ENVCFG_STCE | ENVCFG_PBMTE | ENVCFG_CBIE |
			     ENVCFG_CBCFE | ENVCFG_CBZE;
		c->pmpaddr[0] = PMPADDR_MASK;
		c->pmpcfg[0] = PMP_A_TOR | PMP_R | PMP_W | PMP_X;
		/* As its MRET to S-mode left it. */
		c->mstatus |= MSTATUS_MPIE;
	}
	update_timer_deadline(h);
}

void dbt_hart_state_changed(struct dbt_hart *h)
{
	h->cycle_inc = !(h->csr.mcountinhibit & COUNTER_CY);
	h->instret_inc = !(h->csr.mcountinhibit & COUNTER_IR);
	h->resv_valid = false;
	update_timer_deadline(h);
	dbt_mmu_flush_all(h);
	dbt_mmu_update(h);
	h->stop_block = true;
	dbt_hart_irq_recheck(h);
}
