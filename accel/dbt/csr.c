/* SPDX-License-Identifier: MIT */
/*
 * The emulated hart's CSR file: RISC-V privileged ISA, "Machine-Level
 * ISA" (mstatus, misa, medeleg/mideleg, mip/mie, mtvec, counters, menvcfg,
 * PMP), "Supervisor-Level ISA" (sstatus, sip/sie, stvec, satp, senvcfg),
 * "Hypervisor Extension" (hstatus, hedeleg/hideleg, hvip/hip/hie,
 * hgeip/hgeie, hcounteren, htimedelta, htval, htinst, hgatp, henvcfg, the
 * VS CSRs, mtval2/mtinst, and the virtual-instruction rules), Sstc
 * (stimecmp, vstimecmp), the unprivileged Zicsr, Zicntr, Zihpm, F/D
 * (fcsr) and V (vstart, vxsat, vxrm, vcsr, vl, vtype, vlenb; mstatus.VS
 * and vsstatus.VS) chapters, and the extensions --isa may leave out: the
 * counters (Sscofpmf's scountovf, OF and xINH bits, LCOFI),
 * Smstateen/Ssstateen, pointer masking (the PMM fields of menvcfg,
 * henvcfg, senvcfg, mseccfg and hstatus.HUPMM), Svpbmt, Svadu, Sstc, the
 * CMO enables and V. A CSR or field of an extension the hart lacks does
 * not exist or reads zero.
 *
 * misa is read-only: it says what --isa chose, which is what the
 * decoder already decided for every block.
 *
 * An access is decided once, at the entry (csr_check): when V=1 the
 * supervisor CSR numbers that have a VS counterpart are renumbered to it,
 * and the access is allowed, illegal, or a virtual-instruction exception.
 * Reads have no side effects, so csrrw with rd=x0 may read freely.
 *
 * GEILEN is 0: the PLIC has no guest interrupt files, so hgeip, hgeie and
 * hstatus.VGEIN are read-only zero and guest external interrupts reach a
 * VS-mode guest through hvip.VSEIP, as a hypervisor injects them.
 */
#include "accel/dbt/csr.h"

#include <errno.h>

#include "accel/dbt/mmu.h"
#include "accel/dbt/pmu.h"
#include "accel/dbt/trap.h"
#include "base/clock.h"

#define MSTATUS_M_WRITABLE                                                     \
	(MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | MSTATUS_MPIE |             \
	 MSTATUS_SPP | MSTATUS_MPP | MSTATUS_FS | MSTATUS_MPRV | MSTATUS_SUM | \
	 MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR | MSTATUS_GVA |  \
	 MSTATUS_MPV | MSTATUS_VS)
#define SSTATUS_WRITABLE                                                       \
	(MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS | MSTATUS_SUM | \
	 MSTATUS_MXR | MSTATUS_VS)

#define HSTATUS_WRITABLE                                         \
	(HSTATUS_GVA | HSTATUS_SPV | HSTATUS_SPVP | HSTATUS_HU | \
	 HSTATUS_VTVM | HSTATUS_VTW | HSTATUS_VTSR)

/*
 * Exceptions M-mode may hand to HS-mode: ecall from M (11) never; with H,
 * ecall from VS (10), the guest-page faults and virtual instruction too.
 */
#define EXC(n) (1ull << (n))
#define MEDELEG_WRITABLE                                                    \
	(EXC(0) | EXC(1) | EXC(2) | EXC(3) | EXC(4) | EXC(5) | EXC(6) |     \
	 EXC(7) | EXC(8) | EXC(9) | EXC(10) | EXC(12) | EXC(13) | EXC(15) | \
	 EXC(20) | EXC(21) | EXC(22) | EXC(23))
/* What HS-mode may hand on to VS-mode (hypervisor.adoc, hedeleg table). */
#define HEDELEG_WRITABLE                                                \
	(EXC(0) | EXC(1) | EXC(2) | EXC(3) | EXC(4) | EXC(5) | EXC(6) | \
	 EXC(7) | EXC(8) | EXC(12) | EXC(13) | EXC(15))

#define HVIP_WRITABLE MIP_VS_MASK

/* henvcfg bits that read as zero while menvcfg's own is zero. */
#define HENVCFG_FOLLOWS_M (ENVCFG_PBMTE | ENVCFG_STCE | ENVCFG_ADUE)

/* mstateen0: the enables of the state hvrun's hart has. */
#define MSTATEEN0_WRITABLE (STATEEN_SE | STATEEN0_ENVCFG)

/* What an access may do: csr_check's answer. */
enum access { ACCESS_OK, ACCESS_ILLEGAL, ACCESS_VIRTUAL };

/* ---- what the hart's extensions leave writable ---- */

/* The S-level interrupts: SSI, STI, SEI, and LCOFI with Sscofpmf. */
static uint64_t s_irqs(const struct dbt_hart *h)
{
	return MIP_S_MASK | (dbt_has(h, ACCEL_EXT_SSCOFPMF) ? MIP_LCOFIP : 0);
}

/* The VS-level ones, which exist with H (read-only one in mideleg). */
static uint64_t vs_irqs(const struct dbt_hart *h)
{
	return dbt_has(h, ACCEL_EXT_H) ? MIP_VS_MASK : 0;
}

static uint64_t mstatus_writable(const struct dbt_hart *h)
{
	uint64_t m = MSTATUS_M_WRITABLE;

	if (!dbt_has(h, ACCEL_EXT_H))
		m &= ~(MSTATUS_GVA | MSTATUS_MPV);
	if (!dbt_has(h, ACCEL_EXT_V))
		m &= ~MSTATUS_VS;
	return m;
}

static uint64_t medeleg_writable(const struct dbt_hart *h)
{
	uint64_t m = MEDELEG_WRITABLE;

	if (!dbt_has(h, ACCEL_EXT_H))
		m &= ~(EXC(10) | EXC(20) | EXC(21) | EXC(22) | EXC(23));
	return m;
}

/* The envcfg fields the extensions give, and PMM from @pmm_ext. */
static uint64_t envcfg_writable(const struct dbt_hart *h, bool machine,
				unsigned pmm_ext)
{
	uint64_t m = ENVCFG_FIOM;

	if (dbt_has(h, ACCEL_EXT_ZICBOM))
		m |= ENVCFG_CBIE | ENVCFG_CBCFE;
	if (dbt_has(h, ACCEL_EXT_ZICBOZ))
		m |= ENVCFG_CBZE;
	if (dbt_has(h, pmm_ext))
		m |= ENVCFG_PMM;
	if (!machine)
		return m;
	if (dbt_has(h, ACCEL_EXT_SVPBMT))
		m |= ENVCFG_PBMTE;
	if (dbt_has(h, ACCEL_EXT_SSTC))
		m |= ENVCFG_STCE;
	if (dbt_has(h, ACCEL_EXT_SVADU))
		m |= ENVCFG_ADUE;
	return m;
}

/* PMM-like fields: the reserved value 01 keeps the previous setting. */
static uint64_t pmm_legalize(uint64_t old, uint64_t v, unsigned shift)
{
	if (((v >> shift) & 3) == PMM_RESERVED)
		v = (v & ~(3ull << shift)) | (old & (3ull << shift));
	return v;
}

/* xepc holds 4-byte aligned addresses on a hart without C (IALIGN 32). */
static uint64_t epc_mask(const struct dbt_hart *h)
{
	return dbt_has(h, ACCEL_EXT_C) ? ~1ull : ~3ull;
}

uint64_t dbt_csr_time(const struct dbt_hart *h)
{
	return clock_ticks(h->vm->cfg.clock_origin_ns);
}

static bool vstc_active(const struct dbt_hart *h)
{
	return dbt_csr_sstc_active(h) && (h->csr.henvcfg & ENVCFG_STCE);
}

/* Arms @t to fire when the time reaches @ticks (UINT64_MAX: never). */
static void arm_at(struct dbt_hart *h, struct timer *t, uint64_t ticks)
{
	if (ticks == UINT64_MAX) {
		timer_disarm(t);
		return;
	}
	timer_arm(t, clock_deadline_ns(h->vm->cfg.clock_origin_ns, ticks));
}

/*
 * Sstc: host timers make the hart look at STIP and VSTIP when the time
 * reaches stimecmp, or time + htimedelta reaches vstimecmp; nothing polls
 * the time.
 */
static void update_timers(struct dbt_hart *h)
{
	const struct dbt_csrs *c = &h->csr;

	arm_at(h, &h->stimer,
	       dbt_csr_sstc_active(h) ? c->stimecmp : UINT64_MAX);
	if (vstc_active(h)) {
		uint64_t now = dbt_csr_time(h), cur = now + c->htimedelta;

		/* The comparison is on the 64-bit sum, wrapping included. */
		arm_at(h, &h->vstimer,
		       cur >= c->vstimecmp ? now : now + (c->vstimecmp - cur));
	} else {
		timer_disarm(&h->vstimer);
	}
}

uint64_t dbt_csr_mip_sw(struct dbt_hart *h)
{
	if (atomic_load_explicit(&h->irq_edges, memory_order_relaxed))
		h->csr.mip |= atomic_exchange(&h->irq_edges, 0);
	return h->csr.mip;
}

/*
 * Only the hart's own thread calls this: it folds the edges other threads
 * posted (SBI IPIs) into the software bits. The clock is read only when
 * @mask asks for a timer bit Sstc drives.
 */
uint64_t dbt_csr_mip_masked(struct dbt_hart *h, uint64_t mask)
{
	const struct dbt_csrs *c = &h->csr;
	uint64_t mip = dbt_csr_mip_sw(h);

	if (dbt_csr_sstc_active(h)) {
		mip &= ~MIP_STIP;
		if ((mask & MIP_STIP) && dbt_csr_time(h) >= c->stimecmp)
			mip |= MIP_STIP;
	}
	/* VS bits: hvip's, and the VS timer when Sstc drives it. */
	mip |= c->hvip & MIP_VS_MASK;
	if ((mask & MIP_VSTIP) && vstc_active(h) &&
	    dbt_csr_time(h) + c->htimedelta >= c->vstimecmp)
		mip |= MIP_VSTIP;
	/* Lines OR in: SEIP is the software bit or the PLIC's line. */
	mip |= atomic_load_explicit(&h->irq_lines, memory_order_relaxed);
	return mip & mask;
}

uint64_t dbt_csr_mip(struct dbt_hart *h)
{
	return dbt_csr_mip_masked(h, ~0ull);
}

static uint64_t status_sd(uint64_t s)
{
	if ((s & MSTATUS_FS) == MSTATUS_FS || (s & MSTATUS_XS) == MSTATUS_XS ||
	    (s & MSTATUS_VS) == MSTATUS_VS)
		s |= MSTATUS_SD;
	return s;
}

static void mstatus_write(struct dbt_hart *h, uint64_t val)
{
	uint64_t old = h->csr.mstatus, m = mstatus_writable(h);
	uint64_t s = (old & ~m) | (val & m);

	/* MPP is WARL with the legal values U, S and M. */
	if ((s & MSTATUS_MPP) == (2ull << MSTATUS_MPP_SHIFT))
		s = (s & ~MSTATUS_MPP) | (old & MSTATUS_MPP);
	h->csr.mstatus = s;
	dbt_hart_irq_recheck(h);
}

/* sstatus and vsstatus share a layout; UXL reads as 64-bit. */
static uint64_t sstatus_write(const struct dbt_hart *h, uint64_t old,
			      uint64_t val)
{
	uint64_t m = SSTATUS_WRITABLE;

	if (!dbt_has(h, ACCEL_EXT_V))
		m &= ~MSTATUS_VS;
	return (old & ~m) | (val & m);
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
	if ((v & ENVCFG_CBIE) == (2ull << ENVCFG_CBIE_SHIFT))
		v = (v & ~ENVCFG_CBIE) | (old & ENVCFG_CBIE);
	return pmm_legalize(old, v, ENVCFG_PMM_SHIFT);
}

/* The translation modes --isa leaves (Sv39, Sv48, Sv57; Bare always). */
static bool atp_mode_ok(const struct dbt_hart *h, uint64_t mode)
{
	switch (mode) {
	case ATP_MODE_BARE:
		return true;
	case ATP_MODE_SV39:
		return dbt_has(h, ACCEL_EXT_SV39);
	case ATP_MODE_SV48:
		return dbt_has(h, ACCEL_EXT_SV48);
	case ATP_MODE_SV57:
		return dbt_has(h, ACCEL_EXT_SV57);
	default:
		return false;
	}
}

/* satp and vsatp: a write with an unsupported MODE is ignored. */
static void atp_write(const struct dbt_hart *h, uint64_t *atp, uint64_t val)
{
	if (!atp_mode_ok(h, ATP_MODE(val)))
		return;
	*atp = val &
	       ((0xfull << ATP_MODE_SHIFT) | ATP_ASID_MASK | ATP_PPN_MASK);
}

/*
 * hgatp: WARL fields, not an ignored write. An unsupported MODE keeps the
 * old one; VMIDLEN is 14; PPN[1:0] are zero (the x4 root is 16 KiB
 * aligned).
 */
static uint64_t hgatp_legalize(const struct dbt_hart *h, uint64_t old,
			       uint64_t val)
{
	uint64_t mode = ATP_MODE(val);

	if (!atp_mode_ok(h, mode))
		mode = ATP_MODE(old);
	return mode << ATP_MODE_SHIFT | (val & HGATP_VMID_MASK) |
	       (val & ATP_PPN_MASK & ~3ull);
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
 * vsip and vsie show hip/hie's VS bits one place down (VSSIP as SSIP...),
 * each only where hideleg hands that interrupt to VS-mode.
 */
static uint64_t vs_to_s(uint64_t v, uint64_t hideleg)
{
	return (v & hideleg & MIP_VS_MASK) >> 1;
}

static uint64_t s_to_vs(uint64_t v)
{
	return (v << 1) & MIP_VS_MASK;
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
	case CSR_PMPADDR0 + 16 ... CSR_PMPADDR63

/* Whether @csr is one hvrun's hart may have (any privilege). */
static bool csr_known(unsigned csr)
{
	switch (csr) {
	case CSR_FFLAGS:
	case CSR_FRM:
	case CSR_FCSR:
	case CSR_VSTART:
	case CSR_VXSAT:
	case CSR_VXRM:
	case CSR_VCSR:
	case CSR_VL:
	case CSR_VTYPE:
	case CSR_VLENB:
	case CSR_CYCLE ... CSR_HPMCOUNTER31:
	case CSR_SSTATUS:
	case CSR_SIE:
	case CSR_STVEC:
	case CSR_SCOUNTEREN:
	case CSR_SENVCFG:
	case CSR_SSCRATCH:
	case CSR_SEPC:
	case CSR_SCAUSE:
	case CSR_STVAL:
	case CSR_SIP:
	case CSR_STIMECMP:
	case CSR_SATP:
	case CSR_VSSTATUS:
	case CSR_VSIE:
	case CSR_VSTVEC:
	case CSR_VSSCRATCH:
	case CSR_VSEPC:
	case CSR_VSCAUSE:
	case CSR_VSTVAL:
	case CSR_VSIP:
	case CSR_VSTIMECMP:
	case CSR_VSATP:
	case CSR_HSTATUS:
	case CSR_HEDELEG:
	case CSR_HIDELEG:
	case CSR_HIE:
	case CSR_HTIMEDELTA:
	case CSR_HCOUNTEREN:
	case CSR_HGEIE:
	case CSR_HENVCFG:
	case CSR_HTVAL:
	case CSR_HIP:
	case CSR_HVIP:
	case CSR_HTINST:
	case CSR_HGATP:
	case CSR_HGEIP:
	case CSR_MVENDORID:
	case CSR_MARCHID:
	case CSR_MIMPID:
	case CSR_MHARTID:
	case CSR_MCONFIGPTR:
	case CSR_MSTATUS:
	case CSR_MISA:
	case CSR_MEDELEG:
	case CSR_MIDELEG:
	case CSR_MIE:
	case CSR_MTVEC:
	case CSR_MCOUNTEREN:
	case CSR_MENVCFG:
	case CSR_MCOUNTINHIBIT:
	case CSR_MHPMEVENT3 ... CSR_MHPMEVENT31:
	case CSR_MSCRATCH:
	case CSR_MEPC:
	case CSR_MCAUSE:
	case CSR_MTVAL:
	case CSR_MIP:
	case CSR_MTINST:
	case CSR_MTVAL2:
	case CSR_PMPCFG0:
	case CSR_PMPCFG0 + 2:
	case CSR_PMPADDR0 ... CSR_PMPADDR0 + DBT_PMP_COUNT - 1:
	CASE_PMP_UNIMPLEMENTED:
	case CSR_MSECCFG:
	case CSR_TSELECT:
	case CSR_TDATA1:
	case CSR_TDATA2:
	case CSR_TDATA3:
	case CSR_MCYCLE:
	case CSR_MINSTRET:
	case CSR_MHPMCOUNTER3 ... CSR_MHPMCOUNTER31:
	case CSR_SCOUNTOVF:
	case CSR_MSTATEEN0 ... CSR_MSTATEEN3:
	case CSR_HSTATEEN0 ... CSR_HSTATEEN3:
	case CSR_SSTATEEN0 ... CSR_SSTATEEN3:
		return true;
	default:
		return false;
	}
}

/* Whether @csr exists on this hart, given its extensions. */
static bool csr_exists(const struct dbt_hart *h, unsigned csr)
{
	bool hyp = dbt_has(h, ACCEL_EXT_H);

	if (!csr_known(csr))
		return false;
	switch (csr) {
	case CSR_FFLAGS:
	case CSR_FRM:
	case CSR_FCSR:
		return dbt_has(h, ACCEL_EXT_F);
	case CSR_CYCLE ... CSR_INSTRET:
		return dbt_has(h, ACCEL_EXT_ZICNTR);
	case CSR_HPMCOUNTER3 ... CSR_HPMCOUNTER31:
		return dbt_has(h, ACCEL_EXT_ZIHPM);
	case CSR_STIMECMP:
		return dbt_has(h, ACCEL_EXT_SSTC);
	case CSR_VSSTATUS ... CSR_VSATP:
	case CSR_HSTATUS ... CSR_HGATP:
	case CSR_HGEIP:
	case CSR_MTINST:
	case CSR_MTVAL2:
		if (csr == CSR_VSTIMECMP)
			return hyp && dbt_has(h, ACCEL_EXT_SSTC);
		if (csr >= CSR_HSTATEEN0 && csr <= CSR_HSTATEEN3)
			return hyp && dbt_has(h, ACCEL_EXT_SSSTATEEN);
		return hyp;
	case CSR_SCOUNTOVF:
		return dbt_has(h, ACCEL_EXT_SSCOFPMF);
	case CSR_MSTATEEN0 ... CSR_MSTATEEN3:
		return dbt_has(h, ACCEL_EXT_SMSTATEEN);
	case CSR_SSTATEEN0 ... CSR_SSTATEEN3:
		return dbt_has(h, ACCEL_EXT_SSSTATEEN);
	case CSR_VSTART:
	case CSR_VXSAT:
	case CSR_VXRM:
	case CSR_VCSR:
	case CSR_VL:
	case CSR_VTYPE:
	case CSR_VLENB:
		return dbt_has(h, ACCEL_EXT_V);
	}
	return true;
}

/* With V=1, the supervisor CSRs that have a VS counterpart become it. */
static unsigned vs_alias(unsigned csr)
{
	switch (csr) {
	case CSR_SSTATUS:
	case CSR_SIE:
	case CSR_STVEC:
	case CSR_SSCRATCH:
	case CSR_SEPC:
	case CSR_SCAUSE:
	case CSR_STVAL:
	case CSR_SIP:
	case CSR_STIMECMP:
	case CSR_SATP:
		return csr + 0x100;
	default:
		return csr;
	}
}

/*
 * The rules beyond the number's privilege level, as they would apply in
 * HS-mode: counter enables (mcounteren), FS, STCE. Illegal or ok.
 */
static enum access hs_rules(const struct dbt_hart *h, unsigned csr)
{
	const struct dbt_csrs *c = &h->csr;

	if (h->priv == PRV_M)
		return ACCESS_OK;
	switch (csr) {
	case CSR_CYCLE ... CSR_HPMCOUNTER31:
		if (!(c->mcounteren & (1u << (csr - CSR_CYCLE))))
			return ACCESS_ILLEGAL;
		break;
	case CSR_STIMECMP:
	case CSR_VSTIMECMP:
		if (!dbt_csr_sstc_active(h) || !(c->mcounteren & COUNTER_TM))
			return ACCESS_ILLEGAL;
		break;
	}
	if (!dbt_has(h, ACCEL_EXT_SMSTATEEN))
		return ACCESS_OK;
	/* Smstateen: mstateen's SE and ENVCFG bits gate these below M. */
	switch (csr) {
	case CSR_SSTATEEN0 ... CSR_SSTATEEN3:
		if (!(c->mstateen[csr - CSR_SSTATEEN0] & STATEEN_SE))
			return ACCESS_ILLEGAL;
		break;
	case CSR_HSTATEEN0 ... CSR_HSTATEEN3:
		if (!(c->mstateen[csr - CSR_HSTATEEN0] & STATEEN_SE))
			return ACCESS_ILLEGAL;
		break;
	case CSR_SENVCFG:
	case CSR_HENVCFG:
		if (!(c->mstateen[0] & STATEEN0_ENVCFG))
			return ACCESS_ILLEGAL;
		break;
	}
	return ACCESS_OK;
}

/*
 * Whether the hart, as it is, may make this access to @csr (already
 * renumbered for V=1); hypervisor.adoc "Trap Cause Codes" says when a
 * refusal is a virtual-instruction exception: when V=1 and the access
 * would be allowed in HS-mode (with TSR and TVM taken as 0).
 */
static enum access csr_check(const struct dbt_hart *h, unsigned csr,
			     unsigned orig, bool write)
{
	const struct dbt_csrs *c = &h->csr;
	unsigned level = CSR_LEVEL(orig);
	bool v = h->virt;
	enum access hs;

	if (!csr_exists(h, csr))
		return ACCESS_ILLEGAL;
	if (write && CSR_READ_ONLY(csr))
		return ACCESS_ILLEGAL;
	/* FS off is always illegal, V=1 or not. */
	if (csr <= CSR_FCSR) {
		if (!dbt_csr_fs_on(h))
			return ACCESS_ILLEGAL;
		return ACCESS_OK;
	}
	/* So is VS off, for the vector CSRs (all unprivileged). */
	switch (csr) {
	case CSR_VSTART:
	case CSR_VXSAT:
	case CSR_VXRM:
	case CSR_VCSR:
	case CSR_VL:
	case CSR_VTYPE:
	case CSR_VLENB:
		return dbt_csr_vs_on(h) ? ACCESS_OK : ACCESS_ILLEGAL;
	}
	if (level == 3)
		return h->priv == PRV_M ? ACCESS_OK : ACCESS_ILLEGAL;
	if (h->priv == PRV_M)
		return ACCESS_OK;
	hs = hs_rules(h, csr);
	if (!v) {
		/* Level 2 (hypervisor, VS) is HS-mode's: it needs S too. */
		if (h->priv < (level == 2 ? PRV_S : level))
			return ACCESS_ILLEGAL;
		if (hs != ACCESS_OK)
			return hs;
		/* U-mode counters are also gated by scounteren. */
		if (h->priv == PRV_U && csr >= CSR_CYCLE &&
		    csr <= CSR_HPMCOUNTER31 &&
		    !(c->scounteren & (1u << (csr - CSR_CYCLE))))
			return ACCESS_ILLEGAL;
		/* TVM stops HS-mode reaching satp and hgatp. */
		if ((csr == CSR_SATP || csr == CSR_HGATP) &&
		    (c->mstatus & MSTATUS_TVM))
			return ACCESS_ILLEGAL;
		return ACCESS_OK;
	}
	/* V=1: what HS-mode could not do is illegal... */
	if (hs != ACCESS_OK)
		return ACCESS_ILLEGAL;
	/* ... and what only VS-mode's lesser privilege forbids, virtual. */
	if (level == 2)
		return ACCESS_VIRTUAL; /* hypervisor and VS CSRs */
	if (level == 1 && h->priv == PRV_U)
		return ACCESS_VIRTUAL;
	switch (csr) {
	case CSR_CYCLE ... CSR_HPMCOUNTER31: {
		uint32_t bit = 1u << (csr - CSR_CYCLE);

		if (!(c->hcounteren & bit))
			return ACCESS_VIRTUAL;
		if (h->priv == PRV_U && !(c->scounteren & bit))
			return ACCESS_VIRTUAL;
		break;
	}
	case CSR_VSTIMECMP:
		if (!(c->henvcfg & ENVCFG_STCE) ||
		    !(c->hcounteren & COUNTER_TM))
			return ACCESS_VIRTUAL;
		break;
	case CSR_VSATP:
		if (c->hstatus & HSTATUS_VTVM)
			return ACCESS_VIRTUAL;
		break;
	case CSR_SSTATEEN0 ... CSR_SSTATEEN3:
		/* hstateen gates what mstateen let through. */
		if (dbt_has(h, ACCEL_EXT_SMSTATEEN) &&
		    !(c->hstateen[csr - CSR_SSTATEEN0] & STATEEN_SE))
			return ACCESS_VIRTUAL;
		break;
	case CSR_SENVCFG:
		if (dbt_has(h, ACCEL_EXT_SMSTATEEN) &&
		    !(c->hstateen[0] & STATEEN0_ENVCFG))
			return ACCESS_VIRTUAL;
		break;
	}
	return ACCESS_OK;
}

/*
 * Reads @csr into *@val, without access checks. -1 when the CSR does not
 * exist.
 */
static int csr_read(struct dbt_hart *h, unsigned csr, uint64_t *val)
{
	const struct dbt_csrs *c = &h->csr;

	switch (csr) {
	case CSR_FFLAGS:
		*val = c->fcsr & FCSR_FFLAGS;
		return 0;
	case CSR_FRM:
		*val = (c->fcsr >> FCSR_FRM_SHIFT) & 7;
		return 0;
	case CSR_FCSR:
		*val = c->fcsr & 0xff;
		return 0;
	case CSR_VSTART:
		*val = c->vstart;
		return 0;
	case CSR_VXSAT:
		*val = c->vxsat;
		return 0;
	case CSR_VXRM:
		*val = c->vxrm;
		return 0;
	case CSR_VCSR:
		*val = (uint64_t)c->vxrm << 1 | c->vxsat;
		return 0;
	case CSR_VL:
		*val = c->vl;
		return 0;
	case CSR_VTYPE:
		*val = c->vtype;
		return 0;
	case CSR_VLENB:
		*val = h->vlenb;
		return 0;
	case CSR_CYCLE:
		*val = c->mcycle;
		return 0;
	case CSR_TIME:
		*val = dbt_csr_time(h) + (h->virt ? c->htimedelta : 0);
		return 0;
	case CSR_INSTRET:
		*val = c->minstret;
		return 0;
	case CSR_HPMCOUNTER3 ... CSR_HPMCOUNTER31:
		*val = c->mhpmcounter[csr - CSR_CYCLE];
		return 0;
	case CSR_SCOUNTOVF:
		*val = dbt_pmu_scountovf(h);
		return 0;

	/* Supervisor */
	case CSR_SSTATUS:
		*val = status_sd(c->mstatus) & DBT_SSTATUS_READABLE;
		return 0;
	case CSR_SIE:
		*val = c->mie & c->mideleg & s_irqs(h);
		return 0;
	case CSR_SIP:
		*val = dbt_csr_mip(h) & c->mideleg & s_irqs(h);
		return 0;
	case CSR_SSTATEEN0 ... CSR_SSTATEEN3:
		/* Bits 31:0 would enable U-mode state hvrun has none of. */
		*val = 0;
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
		*val = c->stimecmp;
		return 0;
	case CSR_SATP:
		*val = c->satp;
		return 0;

	/* Virtual supervisor */
	case CSR_VSSTATUS:
		*val = status_sd(c->vsstatus) & DBT_SSTATUS_READABLE;
		return 0;
	case CSR_VSIE:
		*val = vs_to_s(c->mie, c->hideleg);
		return 0;
	case CSR_VSIP:
		*val = vs_to_s(dbt_csr_mip(h), c->hideleg);
		return 0;
	case CSR_VSTVEC:
		*val = c->vstvec;
		return 0;
	case CSR_VSSCRATCH:
		*val = c->vsscratch;
		return 0;
	case CSR_VSEPC:
		*val = c->vsepc;
		return 0;
	case CSR_VSCAUSE:
		*val = c->vscause;
		return 0;
	case CSR_VSTVAL:
		*val = c->vstval;
		return 0;
	case CSR_VSTIMECMP:
		*val = c->vstimecmp;
		return 0;
	case CSR_VSATP:
		*val = c->vsatp;
		return 0;

	/* Hypervisor */
	case CSR_HSTATUS:
		*val = c->hstatus;
		return 0;
	case CSR_HEDELEG:
		*val = c->hedeleg;
		return 0;
	case CSR_HIDELEG:
		*val = c->hideleg;
		return 0;
	case CSR_HIE:
		*val = c->mie & MIP_HS_MASK;
		return 0;
	case CSR_HIP:
		*val = dbt_csr_mip(h) & MIP_HS_MASK;
		return 0;
	case CSR_HVIP:
		*val = c->hvip;
		return 0;
	case CSR_HTIMEDELTA:
		*val = c->htimedelta;
		return 0;
	case CSR_HCOUNTEREN:
		*val = c->hcounteren;
		return 0;
	case CSR_HGEIE:
	case CSR_HGEIP:
		*val = 0; /* GEILEN = 0 */
		return 0;
	case CSR_HENVCFG:
		*val = c->henvcfg;
		return 0;
	case CSR_HTVAL:
		*val = c->htval;
		return 0;
	case CSR_HTINST:
		*val = c->htinst;
		return 0;
	case CSR_HGATP:
		*val = c->hgatp;
		return 0;
	case CSR_HSTATEEN0 ... CSR_HSTATEEN3:
		/* Zero where mstateen is. */
		*val = c->hstateen[csr - CSR_HSTATEEN0] &
		       c->mstateen[csr - CSR_HSTATEEN0];
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
		*val = status_sd(c->mstatus);
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
		*val = c->mhpmevent[csr - CSR_MHPMEVENT3 + 3];
		return 0;
	case CSR_MHPMCOUNTER3 ... CSR_MHPMCOUNTER31:
		*val = c->mhpmcounter[csr - CSR_MCYCLE];
		return 0;
	case CSR_MSECCFG:
		*val = c->mseccfg;
		return 0;
	case CSR_MSTATEEN0 ... CSR_MSTATEEN3:
		*val = c->mstateen[csr - CSR_MSTATEEN0];
		return 0;
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
	case CSR_MTVAL2:
		*val = c->mtval2;
		return 0;
	case CSR_MTINST:
		*val = c->mtinst;
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
	return -1;
}

/*
 * Writes @val to @csr, which exists. @retiring is set when a Zicsr
 * instruction writes: its own retirement must not count on top of a value
 * written to minstret or mcycle.
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
	case CSR_VSTART:
		/* Enough bits for the largest element index, VLEN - 1. */
		c->vstart = val & (h->vlenb * 8 - 1);
		dbt_csr_vs_dirty(h);
		break;
	case CSR_VXSAT:
		c->vxsat = val & 1;
		dbt_csr_vs_dirty(h);
		break;
	case CSR_VXRM:
		c->vxrm = val & 3;
		dbt_csr_vs_dirty(h);
		break;
	case CSR_VCSR:
		c->vxsat = val & 1;
		c->vxrm = (val >> 1) & 3;
		dbt_csr_vs_dirty(h);
		break;
	case CSR_VL:
	case CSR_VTYPE:
		/* Read-only to software; set_reg and set_state write them. */
		if (!retiring)
			*(csr == CSR_VL ? &c->vl : &c->vtype) = val;
		break;

	case CSR_SSTATUS:
		c->mstatus = sstatus_write(h, c->mstatus, val);
		dbt_hart_irq_recheck(h);
		break;
	case CSR_SIE:
		m = c->mideleg & s_irqs(h);
		c->mie = (c->mie & ~m) | (val & m);
		dbt_hart_irq_recheck(h);
		break;
	case CSR_SIP:
		/* SSIP and LCOFIP are writable through sip, if delegated. */
		m = c->mideleg & s_irqs(h) & (MIP_SSIP | MIP_LCOFIP);
		dbt_csr_mip_sw(h);
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
		c->senvcfg = envcfg_legalize(
			c->senvcfg, val,
			envcfg_writable(h, false, ACCEL_EXT_SSNPM));
		break;
	case CSR_SSCRATCH:
		c->sscratch = val;
		break;
	case CSR_SEPC:
		c->sepc = val & epc_mask(h);
		break;
	case CSR_SCAUSE:
		c->scause = val;
		break;
	case CSR_STVAL:
		c->stval = val;
		break;
	case CSR_STIMECMP:
		c->stimecmp = val;
		update_timers(h);
		dbt_hart_irq_recheck(h);
		break;
	case CSR_SATP:
		atp_write(h, &c->satp, val);
		break;

	case CSR_VSSTATUS:
		c->vsstatus = sstatus_write(h, c->vsstatus, val);
		dbt_hart_irq_recheck(h);
		break;
	case CSR_VSIE:
		m = c->hideleg & MIP_VS_MASK;
		c->mie = (c->mie & ~m) | (s_to_vs(val) & m);
		dbt_hart_irq_recheck(h);
		break;
	case CSR_VSIP:
		/* VSSIP, through hvip, when delegated. */
		m = c->hideleg & MIP_VSSIP;
		c->hvip = (c->hvip & ~m) | (s_to_vs(val) & m);
		dbt_hart_irq_recheck(h);
		break;
	case CSR_VSTVEC:
		c->vstvec = tvec_legalize(c->vstvec, val);
		break;
	case CSR_VSSCRATCH:
		c->vsscratch = val;
		break;
	case CSR_VSEPC:
		c->vsepc = val & epc_mask(h);
		break;
	case CSR_VSCAUSE:
		c->vscause = val;
		break;
	case CSR_VSTVAL:
		c->vstval = val;
		break;
	case CSR_VSTIMECMP:
		c->vstimecmp = val;
		update_timers(h);
		dbt_hart_irq_recheck(h);
		break;
	case CSR_VSATP:
		atp_write(h, &c->vsatp, val);
		break;

	case CSR_HSTATUS:
		m = HSTATUS_WRITABLE;
		if (dbt_has(h, ACCEL_EXT_SSNPM))
			m |= HSTATUS_HUPMM;
		c->hstatus = pmm_legalize(c->hstatus,
					  (c->hstatus & ~m) | (val & m), 48);
		break;
	case CSR_HEDELEG:
		c->hedeleg = val & HEDELEG_WRITABLE;
		break;
	case CSR_HIDELEG:
		c->hideleg = val & MIP_VS_MASK;
		dbt_hart_irq_recheck(h);
		break;
	case CSR_HIE:
		m = MIP_VS_MASK; /* SGEIE is read-only zero with GEILEN 0 */
		c->mie = (c->mie & ~m) | (val & m);
		dbt_hart_irq_recheck(h);
		break;
	case CSR_HIP:
		/* VSSIP is hvip's; the other bits are read-only here. */
		c->hvip = (c->hvip & ~MIP_VSSIP) | (val & MIP_VSSIP);
		dbt_hart_irq_recheck(h);
		break;
	case CSR_HVIP:
		c->hvip = val & HVIP_WRITABLE;
		dbt_hart_irq_recheck(h);
		break;
	case CSR_HTIMEDELTA:
		c->htimedelta = val;
		update_timers(h);
		dbt_hart_irq_recheck(h);
		break;
	case CSR_HCOUNTEREN:
		c->hcounteren = (uint32_t)val;
		break;
	case CSR_HENVCFG:
		c->henvcfg = envcfg_legalize(c->henvcfg, val,
					     envcfg_writable(h, true,
							     ACCEL_EXT_SSNPM)) &
			     ~(HENVCFG_FOLLOWS_M & ~c->menvcfg);
		update_timers(h);
		dbt_hart_irq_recheck(h);
		break;
	case CSR_HTVAL:
		c->htval = val;
		break;
	case CSR_HTINST:
		c->htinst = val;
		break;
	case CSR_HGATP:
		c->hgatp = hgatp_legalize(h, c->hgatp, val);
		break;
	case CSR_HSTATEEN0:
		c->hstateen[0] = val & MSTATEEN0_WRITABLE;
		break;
	case CSR_HSTATEEN0 + 1 ... CSR_HSTATEEN3:
		c->hstateen[csr - CSR_HSTATEEN0] = val & STATEEN_SE;
		break;
	case CSR_MSTATEEN0:
		c->mstateen[0] = val & MSTATEEN0_WRITABLE;
		break;
	case CSR_MSTATEEN0 + 1 ... CSR_MSTATEEN3:
		c->mstateen[csr - CSR_MSTATEEN0] = val & STATEEN_SE;
		break;
	case CSR_MSECCFG:
		if (dbt_has(h, ACCEL_EXT_SMMPM))
			c->mseccfg = pmm_legalize(c->mseccfg, val & MSECCFG_PMM,
						  MSECCFG_PMM_SHIFT);
		break;
	case CSR_MHPMEVENT3 ... CSR_MHPMEVENT31:
		c->mhpmevent[csr - CSR_MHPMEVENT3 + 3] =
			dbt_pmu_event_legalize(h, val);
		dbt_pmu_update(h);
		break;
	case CSR_MHPMCOUNTER3 ... CSR_MHPMCOUNTER31:
		c->mhpmcounter[csr - CSR_MCYCLE] = val;
		if (retiring)
			dbt_pmu_written(h, csr - CSR_MCYCLE);
		break;

	case CSR_MSTATUS:
		mstatus_write(h, val);
		break;
	case CSR_MEDELEG:
		c->medeleg = val & medeleg_writable(h);
		break;
	case CSR_MIDELEG:
		c->mideleg = (val & s_irqs(h)) | vs_irqs(h);
		dbt_hart_irq_recheck(h);
		break;
	case CSR_MIE:
		c->mie = val & (s_irqs(h) | MIP_M_MASK | vs_irqs(h));
		dbt_hart_irq_recheck(h);
		break;
	case CSR_MIP:
		/* mip.VSSIP is hvip's; VSEIP and VSTIP are read-only here. */
		m = MIP_SSIP | MIP_SEIP | (s_irqs(h) & MIP_LCOFIP);
		if (!dbt_csr_sstc_active(h))
			m |= MIP_STIP;
		dbt_csr_mip_sw(h);
		c->mip = (c->mip & ~m) | (val & m);
		c->hvip = (c->hvip & ~MIP_VSSIP) | (val & MIP_VSSIP);
		dbt_hart_irq_recheck(h);
		break;
	case CSR_MTVEC:
		c->mtvec = tvec_legalize(c->mtvec, val);
		break;
	case CSR_MCOUNTEREN:
		c->mcounteren = (uint32_t)val;
		break;
	case CSR_MENVCFG:
		c->menvcfg = envcfg_legalize(
			c->menvcfg, val,
			envcfg_writable(h, true, ACCEL_EXT_SMNPM));
		c->henvcfg &= ~(HENVCFG_FOLLOWS_M & ~c->menvcfg);
		update_timers(h);
		dbt_hart_irq_recheck(h);
		break;
	case CSR_MCOUNTINHIBIT:
		/* Every counter but time (bit 1) may be inhibited. */
		c->mcountinhibit = val & ~(uint64_t)COUNTER_TM & 0xffffffff;
		h->cycle_inc = !(c->mcountinhibit & COUNTER_CY);
		h->instret_inc = !(c->mcountinhibit & COUNTER_IR);
		dbt_pmu_update(h);
		break;
	case CSR_MSCRATCH:
		c->mscratch = val;
		break;
	case CSR_MEPC:
		c->mepc = val & epc_mask(h);
		break;
	case CSR_MCAUSE:
		c->mcause = val;
		break;
	case CSR_MTVAL:
		c->mtval = val;
		break;
	case CSR_MTVAL2:
		c->mtval2 = val;
		break;
	case CSR_MTINST:
		c->mtinst = val;
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

/* The value a read-modify-write starts from: the software-written bits. */
static uint64_t rmw_base(struct dbt_hart *h, unsigned csr, uint64_t val)
{
	switch (csr) {
	case CSR_MIP:
		return (dbt_csr_mip_sw(h) & ~MIP_VS_MASK) |
		       (h->csr.hvip & MIP_VSSIP);
	case CSR_HIP:
		return h->csr.hvip & MIP_VSSIP;
	case CSR_SIP:
		return dbt_csr_mip_sw(h) & h->csr.mideleg & s_irqs(h);
	case CSR_VSIP:
		return vs_to_s(h->csr.hvip, h->csr.hideleg);
	default:
		return val;
	}
}

int dbt_csr_access(struct dbt_hart *h, unsigned orig, enum dbt_csr_op op,
		   uint64_t src, bool read, bool write, uint64_t *old)
{
	unsigned csr = h->virt ? vs_alias(orig) : orig;
	uint64_t val = 0, nv;

	switch (csr_check(h, csr, orig, write)) {
	case ACCESS_OK:
		break;
	case ACCESS_ILLEGAL:
		dbt_exc_set(h, EXC_ILLEGAL, 0);
		return -1;
	case ACCESS_VIRTUAL:
		dbt_exc_set(h, EXC_VIRTUAL_INSN, 0);
		return -1;
	}
	if (csr_read(h, csr, &val) < 0) {
		dbt_exc_set(h, EXC_ILLEGAL, 0);
		return -1;
	}
	if (old)
		*old = read ? val : 0;
	if (!write)
		return 0;
	switch (op) {
	case DBT_CSR_RS:
		nv = rmw_base(h, csr, val) | src;
		break;
	case DBT_CSR_RC:
		nv = rmw_base(h, csr, val) & ~src;
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
}

int dbt_csr_get(struct dbt_hart *h, unsigned csr, uint64_t *val)
{
	/* A CSR of an extension the hart lacks does not exist here either. */
	if (csr > 0xfff || !csr_exists(h, csr) || csr_read(h, csr, val) < 0)
		return -ENOENT;
	return 0;
}

int dbt_csr_set(struct dbt_hart *h, unsigned csr, uint64_t val)
{
	if (csr > 0xfff || !csr_exists(h, csr))
		return -ENOENT;
	csr_write(h, csr, val, false);
	dbt_mmu_update(h);
	h->stop_block = true;
	return 0;
}

void dbt_csr_reset(struct dbt_hart *h)
{
	struct dbt_csrs *c = &h->csr;
	bool host_sbi = h->vm->cfg.host_sbi;

	*c = (struct dbt_csrs){0};
	c->misa = accel_isa_misa(&h->vm->isa);
	c->mstatus = XL_64 << 32 | XL_64 << 34; /* UXL = SXL = 64 */
	c->vsstatus = XL_64 << 32;		/* UXL = 64 */
	c->hstatus = XL_64 << HSTATUS_VSXL_SHIFT;
	c->mideleg = vs_irqs(h);
	c->stimecmp = UINT64_MAX;
	c->vstimecmp = UINT64_MAX;
	/* What the V chapter recommends: vill set, vl 0. */
	c->vtype = VTYPE_VILL;
	h->cycle_inc = 1;
	h->instret_inc = 1;
	dbt_pmu_update(h);

	if (host_sbi) {
		/*
		 * What a firmware such as OpenSBI leaves behind: everything
		 * but the ecalls that reach the SBI is delegated, counters
		 * (to U-mode too, as OpenSBI leaves scounteren),
		 * Sstc, Svpbmt and the cache-block operations are open to
		 * S-mode, and PMP entry 0 grants all.
		 */
		c->medeleg = medeleg_writable(h) & ~(EXC(9) | EXC(11));
		c->mideleg = s_irqs(h) | vs_irqs(h);
		c->mcounteren = 0xffffffff;
		c->scounteren = 0xffffffff;
		c->menvcfg = (ENVCFG_STCE | ENVCFG_PBMTE | ENVCFG_CBIE |
			      ENVCFG_CBCFE | ENVCFG_CBZE) &
			     envcfg_writable(h, true, ACCEL_EXT_SMNPM);
		/* Smstateen: S-mode may reach senvcfg and the stateen CSRs. */
		if (dbt_has(h, ACCEL_EXT_SMSTATEEN)) {
			c->mstateen[0] = MSTATEEN0_WRITABLE;
			for (unsigned i = 1; i < 4; i++)
				c->mstateen[i] = STATEEN_SE;
		}
		c->pmpaddr[0] = PMPADDR_MASK;
		c->pmpcfg[0] = PMP_A_TOR | PMP_R | PMP_W | PMP_X;
		/* As its MRET to S-mode left it. */
		c->mstatus |= MSTATUS_MPIE;
	}
	update_timers(h);
}

void dbt_hart_state_changed(struct dbt_hart *h)
{
	h->cycle_inc = !(h->csr.mcountinhibit & COUNTER_CY);
	h->instret_inc = !(h->csr.mcountinhibit & COUNTER_IR);
	dbt_pmu_update(h);
	h->resv_valid = false;
	update_timers(h);
	dbt_mmu_flush_all(h);
	dbt_mmu_update(h);
	h->stop_block = true;
	dbt_hart_irq_recheck(h);
}
