// SPDX-License-Identifier: MIT
/*
 * KVM RISC-V's registers in hvrun's terms (accel/accel.h ids), through
 * KVM_GET_ONE_REG/KVM_SET_ONE_REG (Documentation/virt/kvm/api.rst,
 * "KVM_SET_ONE_REG", RISC-V register ids): config, core, CSR (general,
 * AIA, Smstateen), timer, F/D and vector registers, ISA and SBI
 * extension switches. Also the hart description the device tree
 * advertises, built from what KVM says the guest's harts have.
 *
 * A KVM hart is the S- and U-mode part of a RISC-V hart: the host runs
 * M-mode and HS-mode. Its state record is the emulated hart's (the same
 * ids), with the supervisor's view where the emulated hart keeps the
 * machine's register: sstatus goes in mstatus's record entry, sie in
 * mie's, and sip's software bit in ACCEL_REG_MIP_SW. A record taken from
 * an emulated hart in S- or U-mode restores here; its machine- and
 * hypervisor-level registers belong to the host and are left alone.
 */
#include "accel/kvm/kvm-internal.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include "base/log.h"
#include "riscv/riscv.h"

#define ONE(type, idx) (KVM_REG_RISCV | KVM_REG_SIZE_U64 | (type) | (idx))
#define ONE32(type, idx) (KVM_REG_RISCV | KVM_REG_SIZE_U32 | (type) | (idx))
#define CONFIG(name) ONE(KVM_REG_RISCV_CONFIG, KVM_REG_RISCV_CONFIG_REG(name))
#define CORE(idx) ONE(KVM_REG_RISCV_CORE, (idx))
#define CSR(name)                                          \
	ONE(KVM_REG_RISCV_CSR | KVM_REG_RISCV_CSR_GENERAL, \
	    KVM_REG_RISCV_CSR_REG(name))
#define AIA(name)                                      \
	ONE(KVM_REG_RISCV_CSR | KVM_REG_RISCV_CSR_AIA, \
	    KVM_REG_RISCV_CSR_AIA_REG(name))
#define STATEEN(name)                                        \
	ONE(KVM_REG_RISCV_CSR | KVM_REG_RISCV_CSR_SMSTATEEN, \
	    KVM_REG_RISCV_CSR_SMSTATEEN_REG(name))
#define TIMER(name) ONE(KVM_REG_RISCV_TIMER, KVM_REG_RISCV_TIMER_REG(name))
#define FP_D(i) ONE(KVM_REG_RISCV_FP_D, (i))
#define FP_F(i) ONE32(KVM_REG_RISCV_FP_F, (i))
#define FCSR_INDEX 32 /* after f0..f31 in both FP layouts */
#define FCSR_D ONE32(KVM_REG_RISCV_FP_D, FCSR_INDEX)
#define FCSR_F ONE32(KVM_REG_RISCV_FP_F, FCSR_INDEX)
#define ISA_EXT(id) ONE(KVM_REG_RISCV_ISA_EXT | KVM_REG_RISCV_ISA_SINGLE, (id))
#define SBI_EXT(id) ONE(KVM_REG_RISCV_SBI_EXT | KVM_REG_RISCV_SBI_SINGLE, (id))
#define VEC_CSR(name) \
	ONE(KVM_REG_RISCV_VECTOR, KVM_REG_RISCV_VECTOR_CSR_REG(name))
#define CORE_MODE 32 /* kvm_riscv_core.mode, after pc and x1..x31 */

/* The sstatus bits (the supervisor's view of mstatus). */
#define SSTATUS_MASK                                                           \
	(MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_UBE | MSTATUS_SPP | MSTATUS_VS | \
	 MSTATUS_FS | MSTATUS_XS | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_UXL |   \
	 MSTATUS_SD)

#define ISA_BIT(c) (1ull << ((c) - 'a'))
#define NAN_BOX32 0xffffffff00000000ull

static int one_reg(struct kvm_hart *h, unsigned long req, uint64_t kvm_id,
		   void *buf)
{
	struct kvm_one_reg r = {.id = kvm_id, .addr = (uintptr_t)buf};

	return ioctl(h->fd, req, &r) ? -errno : 0;
}

int kvm_one_get(struct kvm_hart *h, uint64_t kvm_id, uint64_t *val)
{
	return one_reg(h, KVM_GET_ONE_REG, kvm_id, val);
}

int kvm_one_set(struct kvm_hart *h, uint64_t kvm_id, uint64_t val)
{
	return one_reg(h, KVM_SET_ONE_REG, kvm_id, &val);
}

static int one_get32(struct kvm_hart *h, uint64_t kvm_id, uint64_t *val)
{
	uint32_t v;
	int rc = one_reg(h, KVM_GET_ONE_REG, kvm_id, &v);

	if (!rc)
		*val = v;
	return rc;
}

static int one_set32(struct kvm_hart *h, uint64_t kvm_id, uint64_t val)
{
	uint32_t v = (uint32_t)val;

	return one_reg(h, KVM_SET_ONE_REG, kvm_id, &v);
}

/* The KVM id of a CSR kept in a plain 64-bit register, or 0. */
static uint64_t csr_kvm_id(const struct kvm_hart_info *in, unsigned csr)
{
	switch (csr) {
	case CSR_SSTATUS:
		return CSR(sstatus);
	case CSR_SIE:
		return CSR(sie);
	case CSR_STVEC:
		return CSR(stvec);
	case CSR_SSCRATCH:
		return CSR(sscratch);
	case CSR_SEPC:
		return CSR(sepc);
	case CSR_SCAUSE:
		return CSR(scause);
	case CSR_STVAL:
		return CSR(stval);
	case CSR_SIP:
		return CSR(sip);
	case CSR_SATP:
		return CSR(satp);
	case CSR_SCOUNTEREN:
		return CSR(scounteren);
	case CSR_SENVCFG:
		return in->senvcfg ? CSR(senvcfg) : 0;
	case CSR_STIMECMP:
		return TIMER(compare);
	case CSR_TIME:
		return TIMER(time);
	case CSR_SISELECT:
		return in->aia ? AIA(siselect) : 0;
	/* The guest's interrupt priorities, where a hypervisor keeps them. */
	case CSR_HVIPRIO1:
		return in->aia ? AIA(iprio1) : 0;
	case CSR_HVIPRIO2:
		return in->aia ? AIA(iprio2) : 0;
	case CSR_SSTATEEN0:
		return in->smstateen ? STATEEN(sstateen0) : 0;
	case CSR_MVENDORID:
		return CONFIG(mvendorid);
	case CSR_MARCHID:
		return CONFIG(marchid);
	case CSR_MIMPID:
		return CONFIG(mimpid);
	case CSR_VSTART:
		return in->vlenb ? VEC_CSR(vstart) : 0;
	case CSR_VL:
		return in->vlenb ? VEC_CSR(vl) : 0;
	case CSR_VTYPE:
		return in->vlenb ? VEC_CSR(vtype) : 0;
	case CSR_VCSR:
		return in->vlenb ? VEC_CSR(vcsr) : 0;
	case CSR_VLENB:
		return in->vlenb ? VEC_CSR(vlenb) : 0;
	default:
		return 0;
	}
}

/* Vector register @v whole (vlenb bytes) into @buf. */
static int vreg_access(struct kvm_hart *h, unsigned v, uint8_t *buf, bool set)
{
	uint64_t vlenb = h->vm->info.vlenb;
	uint64_t size = (uint64_t)__builtin_ctzll(vlenb) << KVM_REG_SIZE_SHIFT;
	uint64_t id = KVM_REG_RISCV | size | KVM_REG_RISCV_VECTOR |
		      KVM_REG_RISCV_VECTOR_REG(v);

	return one_reg(h, set ? KVM_SET_ONE_REG : KVM_GET_ONE_REG, id, buf);
}

static int vreg_chunk(struct kvm_hart *h, unsigned id, uint64_t *val, bool set)
{
	uint64_t vlenb = h->vm->info.vlenb;
	unsigned n = id - ACCEL_REG_V0, v = n / 32, c = n % 32;
	uint8_t buf[1024];
	int rc;

	/* ACCEL_REG_V0 + 32 * v + c, c counting 64-bit chunks. */
	if (!vlenb || vlenb > sizeof(buf) || c >= vlenb / 8)
		return -ENOENT;
	rc = vreg_access(h, v, buf, false);
	if (rc)
		return rc;
	if (!set) {
		memcpy(val, buf + 8 * c, 8);
		return 0;
	}
	memcpy(buf + 8 * c, val, 8);
	return vreg_access(h, v, buf, true);
}

static int mp_state(struct kvm_hart *h, uint64_t *stopped, bool set)
{
	struct kvm_mp_state mp;

	if (set) {
		mp.mp_state =
			*stopped ? KVM_MP_STATE_STOPPED : KVM_MP_STATE_RUNNABLE;
		return ioctl(h->fd, KVM_SET_MP_STATE, &mp) ? -errno : 0;
	}
	if (ioctl(h->fd, KVM_GET_MP_STATE, &mp))
		return -errno;
	*stopped = mp.mp_state == KVM_MP_STATE_STOPPED;
	return 0;
}

static int reg_access(struct kvm_hart *h, unsigned id, uint64_t *val, bool set)
{
	const struct kvm_hart_info *in = &h->vm->info;
	uint64_t kid, v;
	int rc;

	if (id < 32) {
		if (id == 0) {
			if (!set)
				*val = 0;
			return 0;
		}
		kid = CORE(id); /* x1..x31 follow pc in kvm_riscv_core */
	} else if (id == ACCEL_REG_PC) {
		kid = CORE(0);
	} else if (id == ACCEL_REG_PRIV) {
		if (set && *val > PRV_S)
			return -EINVAL; /* no M-mode, no V=1 under KVM */
		kid = CORE(CORE_MODE);
	} else if (id >= ACCEL_REG_F0 && id < ACCEL_REG_F0 + 32) {
		if (in->fp_d)
			kid = FP_D(id - ACCEL_REG_F0);
		else if (!in->fp_f)
			return -ENOENT;
		else if (set)
			return one_set32(h, FP_F(id - ACCEL_REG_F0), *val);
		else {
			rc = one_get32(h, FP_F(id - ACCEL_REG_F0), val);
			/* As a hart with D would hold it: NaN-boxed. */
			*val |= NAN_BOX32;
			return rc;
		}
	} else if (id == ACCEL_REG_CSR0 + CSR_FCSR) {
		if (!in->fp_d && !in->fp_f)
			return -ENOENT;
		kid = in->fp_d ? FCSR_D : FCSR_F;
		return set ? one_set32(h, kid, *val & 0xff)
			   : one_get32(h, kid, val);
	} else if (id >= ACCEL_REG_CSR0 && id < ACCEL_REG_CSR0 + 0x1000) {
		kid = csr_kvm_id(in, id - ACCEL_REG_CSR0);
		if (!kid)
			return -ENOENT;
	} else if (id >= ACCEL_REG_V0 && id < ACCEL_REG_V0 + 32 * 32) {
		return vreg_chunk(h, id, val, set);
	} else if (id == ACCEL_REG_MIP_SW) {
		/* SSIP is the one bit software sets; the lines are KVM's. */
		rc = kvm_one_get(h, CSR(sip), &v);
		if (rc || !set) {
			*val = v & MIP_SSIP;
			return rc;
		}
		return kvm_one_set(h, CSR(sip),
				   (v & ~MIP_SSIP) | (*val & MIP_SSIP));
	} else if (id == ACCEL_REG_WFI) {
		/* A hart woken early just finds no interrupt: allowed. */
		if (!set)
			*val = 0;
		return 0;
	} else if (id == ACCEL_REG_HSM_STOPPED) {
		return mp_state(h, val, set);
	} else {
		return -ENOENT;
	}
	return set ? kvm_one_set(h, kid, *val) : kvm_one_get(h, kid, val);
}

int kvm_reg_get(struct kvm_hart *h, unsigned id, uint64_t *val)
{
	return reg_access(h, id, val, false);
}

int kvm_reg_set(struct kvm_hart *h, unsigned id, uint64_t val)
{
	return reg_access(h, id, &val, true);
}

/* The CSRs the record holds by their own number, when KVM has them. */
static const uint16_t state_csrs[] = {
	CSR_STVEC,    CSR_SSCRATCH, CSR_SEPC,	    CSR_SCAUSE,
	CSR_STVAL,    CSR_SATP,	    CSR_SCOUNTEREN, CSR_SENVCFG,
	CSR_SISELECT, CSR_HVIPRIO1, CSR_HVIPRIO2,   CSR_SSTATEEN0,
	CSR_VSTART,   CSR_VL,	    CSR_VTYPE,	    CSR_VCSR,
};
#define NSTATE_CSRS (sizeof(state_csrs) / sizeof(state_csrs[0]))

static int put(struct kvm_hart *h, struct accel_hart_state *st, unsigned id)
{
	uint64_t v;
	int rc = kvm_reg_get(h, id, &v);

	return rc ?: accel_state_put(st, id, v);
}

int kvm_get_state(struct kvm_hart *h, struct accel_hart_state *st)
{
	const struct kvm_hart_info *in = &h->vm->info;
	uint64_t v;
	unsigned i;
	int rc = 0;

	st->version = ACCEL_STATE_VERSION;
	st->count = 0;
	for (i = 0; i < 32 && !rc; i++)
		rc = put(h, st, ACCEL_REG_X0 + i);
	for (i = 0; i < 32 && !rc && (in->fp_d || in->fp_f); i++)
		rc = put(h, st, ACCEL_REG_F0 + i);
	rc = rc ?: put(h, st, ACCEL_REG_PC);
	rc = rc ?: put(h, st, ACCEL_REG_PRIV);
	if (!rc && (in->fp_d || in->fp_f))
		rc = put(h, st, ACCEL_REG_CSR0 + CSR_FCSR);
	/* sstatus and sie in mstatus's and mie's entries; RV64's SXL. */
	rc = rc ?: kvm_one_get(h, CSR(sstatus), &v);
	rc = rc
		     ?: accel_state_put(st, ACCEL_REG_CSR0 + CSR_MSTATUS,
					(v & SSTATUS_MASK) | XL_64 << 34);
	rc = rc ?: kvm_one_get(h, CSR(sie), &v);
	rc = rc
		     ?: accel_state_put(st, ACCEL_REG_CSR0 + CSR_MIE,
					v & MIP_S_MASK);
	for (i = 0; i < NSTATE_CSRS && !rc; i++)
		if (csr_kvm_id(in, state_csrs[i]))
			rc = put(h, st, ACCEL_REG_CSR0 + state_csrs[i]);
	/*
	 * The timer's deadline (vstimecmp with Sstc, the SBI's otherwise);
	 * one that passed stands for the timer interrupt it raised.
	 */
	rc = rc ?: put(h, st, ACCEL_REG_CSR0 + CSR_STIMECMP);
	for (i = 0; in->vlenb && i < 32 * (in->vlenb / 8) && !rc; i++)
		rc = put(h, st,
			 ACCEL_REG_V0 + 32 * (i / (in->vlenb / 8)) +
				 i % (in->vlenb / 8));
	rc = rc ?: put(h, st, ACCEL_REG_MIP_SW);
	rc = rc ?: put(h, st, ACCEL_REG_HSM_STOPPED);
	return rc;
}

/*
 * Whether a record entry belongs to the host under KVM: the machine's and
 * the hypervisor's CSRs (mstatus and mie stand for sstatus and sie), the
 * emulated hart's WFI latch.
 */
static bool host_owned(unsigned id)
{
	unsigned csr = id - ACCEL_REG_CSR0;

	if (id == ACCEL_REG_WFI)
		return true;
	if (id < ACCEL_REG_CSR0 || id >= ACCEL_REG_CSR0 + 0x1000)
		return false;
	if (csr == CSR_MSTATUS || csr == CSR_MIE || csr == CSR_HVIPRIO1 ||
	    csr == CSR_HVIPRIO2)
		return false;
	return CSR_LEVEL(csr) >= 2;
}

/* What a record entry needs that the host lacks, or NULL. */
static const char *missing_feature(const struct kvm_hart_info *in, unsigned id,
				   uint64_t val)
{
	unsigned csr = id - ACCEL_REG_CSR0;

	if (((id >= ACCEL_REG_F0 && id < ACCEL_REG_F0 + 32) ||
	     id == ACCEL_REG_CSR0 + CSR_FCSR) &&
	    !in->fp_d && !in->fp_f)
		return "the F and D extensions";
	if (id >= ACCEL_REG_V0 && id < ACCEL_REG_V0 + 32 * 32 && !in->vlenb)
		return "the V extension";
	if (id < ACCEL_REG_CSR0 || id >= ACCEL_REG_CSR0 + 0x1000 || !val)
		return NULL;
	/* A CSR at its reset value 0 restores as well without it. */
	if (csr == CSR_SENVCFG && !in->senvcfg)
		return "senvcfg (Linux 6.6's KVM or later)";
	if ((csr == CSR_SISELECT || csr == CSR_HVIPRIO1 ||
	     csr == CSR_HVIPRIO2) &&
	    !in->aia)
		return "the Ssaia extension";
	if (csr == CSR_SSTATEEN0 && !in->smstateen)
		return "the Smstateen extension";
	return NULL;
}

int kvm_set_state(struct kvm_hart *h, const struct accel_hart_state *st)
{
	const struct kvm_hart_info *in = &h->vm->info;
	uint64_t deadline = UINT64_MAX, v, sip = 0, stopped = 0;
	bool have_deadline = false, have_sip = false, have_stopped = false;
	int rc;

	if (st->version != ACCEL_STATE_VERSION || st->count > ACCEL_STATE_MAX)
		return -EINVAL;
	/* Everything checked before anything is written. */
	for (uint32_t k = 0; k < st->count; k++) {
		uint32_t id = st->regs[k].id;
		const char *what = missing_feature(in, id, st->regs[k].val);

		if (what) {
			log_error("kvm: the saved hart uses %s, which this "
				  "host's KVM does not give guests; restore "
				  "it on a host that does",
				  what);
			return -EOPNOTSUPP;
		}
		if (id == ACCEL_REG_PRIV && st->regs[k].val > PRV_S) {
			log_error("kvm: the saved hart runs in %s, which KVM "
				  "cannot resume; restore it with --accel dbt",
				  st->regs[k].val == PRV_M ? "M-mode"
							   : "a virtual mode");
			return -EOPNOTSUPP;
		}
	}
	for (uint32_t k = 0; k < st->count; k++) {
		uint32_t id = st->regs[k].id;

		v = st->regs[k].val;
		rc = 0;
		if (host_owned(id))
			continue;
		if (id == ACCEL_REG_CSR0 + CSR_MSTATUS) {
			rc = kvm_one_set(h, CSR(sstatus), v & SSTATUS_MASK);
		} else if (id == ACCEL_REG_CSR0 + CSR_MIE) {
			rc = kvm_one_set(h, CSR(sie), v & MIP_S_MASK);
		} else if (id == ACCEL_REG_CSR0 + CSR_STIMECMP) {
			deadline = v;
			have_deadline = true;
		} else if (id == ACCEL_REG_MIP_SW) {
			sip = v;
			have_sip = true;
		} else if (id == ACCEL_REG_HSM_STOPPED) {
			stopped = v;
			have_stopped = true;
		} else if (csr_kvm_id(in, id - ACCEL_REG_CSR0) || id < 32 ||
			   id == ACCEL_REG_PC || id == ACCEL_REG_PRIV ||
			   id == ACCEL_REG_CSR0 + CSR_FCSR ||
			   (id >= ACCEL_REG_F0 && id < ACCEL_REG_F0 + 32) ||
			   (id >= ACCEL_REG_V0 &&
			    id < ACCEL_REG_V0 + 32 * 32)) {
			rc = kvm_reg_set(h, id, v);
		} else {
			rc = -ENOENT;
		}
		if (rc)
			return rc;
	}
	/*
	 * Pending interrupts: the software bit from the record, the
	 * external line as the PLIC drives it now; a timer interrupt comes
	 * back by itself when the deadline below has passed.
	 */
	if (have_sip) {
		v = (sip & MIP_SSIP) | (atomic_load(&h->seip) ? MIP_SEIP : 0);
		rc = kvm_one_set(h, CSR(sip), v);
		if (rc)
			return rc;
	}
	if (have_deadline) {
		rc = kvm_one_set(h, TIMER(compare), deadline);
		if (rc)
			return rc;
		/*
		 * With Sstc the deadline is all there is (KVM loads it into
		 * vstimecmp). Without, KVM's own timer must be armed; KVM
		 * arms it for the moment of the write, so an armed timer
		 * fires once at once (an early tick the guest's handler
		 * takes for what it is) and the deadline is lost: the guest
		 * sets its next one there.
		 */
		if (!in->ext[KVM_RISCV_ISA_EXT_SSTC])
			kvm_one_set(h, TIMER(state),
				    deadline == UINT64_MAX
					    ? KVM_RISCV_TIMER_STATE_OFF
					    : KVM_RISCV_TIMER_STATE_ON);
	}
	if (have_stopped)
		return mp_state(h, &stopped, true);
	return 0;
}

/* The guest's multi-letter extensions by KVM id, as the ISA string names them. */
static const char *const ext_names[KVM_RISCV_ISA_EXT_MAX] = {
	[KVM_RISCV_ISA_EXT_SVPBMT] = "svpbmt",
	[KVM_RISCV_ISA_EXT_SSTC] = "sstc",
	[KVM_RISCV_ISA_EXT_SVINVAL] = "svinval",
	[KVM_RISCV_ISA_EXT_ZIHINTPAUSE] = "zihintpause",
	[KVM_RISCV_ISA_EXT_ZICBOM] = "zicbom",
	[KVM_RISCV_ISA_EXT_ZICBOZ] = "zicboz",
	[KVM_RISCV_ISA_EXT_ZBB] = "zbb",
	[KVM_RISCV_ISA_EXT_SSAIA] = "ssaia",
	[KVM_RISCV_ISA_EXT_SVNAPOT] = "svnapot",
	[KVM_RISCV_ISA_EXT_ZBA] = "zba",
	[KVM_RISCV_ISA_EXT_ZBS] = "zbs",
	[KVM_RISCV_ISA_EXT_ZICNTR] = "zicntr",
	[KVM_RISCV_ISA_EXT_ZICSR] = "zicsr",
	[KVM_RISCV_ISA_EXT_ZIFENCEI] = "zifencei",
	[KVM_RISCV_ISA_EXT_ZIHPM] = "zihpm",
	[KVM_RISCV_ISA_EXT_SMSTATEEN] = "smstateen",
	[KVM_RISCV_ISA_EXT_ZICOND] = "zicond",
	[KVM_RISCV_ISA_EXT_ZBC] = "zbc",
	[KVM_RISCV_ISA_EXT_ZBKB] = "zbkb",
	[KVM_RISCV_ISA_EXT_ZBKC] = "zbkc",
	[KVM_RISCV_ISA_EXT_ZBKX] = "zbkx",
	[KVM_RISCV_ISA_EXT_ZKND] = "zknd",
	[KVM_RISCV_ISA_EXT_ZKNE] = "zkne",
	[KVM_RISCV_ISA_EXT_ZKNH] = "zknh",
	[KVM_RISCV_ISA_EXT_ZKR] = "zkr",
	[KVM_RISCV_ISA_EXT_ZKSED] = "zksed",
	[KVM_RISCV_ISA_EXT_ZKSH] = "zksh",
	[KVM_RISCV_ISA_EXT_ZKT] = "zkt",
	[KVM_RISCV_ISA_EXT_ZVBB] = "zvbb",
	[KVM_RISCV_ISA_EXT_ZVBC] = "zvbc",
	[KVM_RISCV_ISA_EXT_ZVKB] = "zvkb",
	[KVM_RISCV_ISA_EXT_ZVKG] = "zvkg",
	[KVM_RISCV_ISA_EXT_ZVKNED] = "zvkned",
	[KVM_RISCV_ISA_EXT_ZVKNHA] = "zvknha",
	[KVM_RISCV_ISA_EXT_ZVKNHB] = "zvknhb",
	[KVM_RISCV_ISA_EXT_ZVKSED] = "zvksed",
	[KVM_RISCV_ISA_EXT_ZVKSH] = "zvksh",
	[KVM_RISCV_ISA_EXT_ZVKT] = "zvkt",
	[KVM_RISCV_ISA_EXT_ZFH] = "zfh",
	[KVM_RISCV_ISA_EXT_ZFHMIN] = "zfhmin",
	[KVM_RISCV_ISA_EXT_ZIHINTNTL] = "zihintntl",
	[KVM_RISCV_ISA_EXT_ZVFH] = "zvfh",
	[KVM_RISCV_ISA_EXT_ZVFHMIN] = "zvfhmin",
	[KVM_RISCV_ISA_EXT_ZFA] = "zfa",
	[KVM_RISCV_ISA_EXT_ZTSO] = "ztso",
	[KVM_RISCV_ISA_EXT_ZACAS] = "zacas",
	[KVM_RISCV_ISA_EXT_SSCOFPMF] = "sscofpmf",
	[KVM_RISCV_ISA_EXT_ZIMOP] = "zimop",
	[KVM_RISCV_ISA_EXT_ZCA] = "zca",
	[KVM_RISCV_ISA_EXT_ZCB] = "zcb",
	[KVM_RISCV_ISA_EXT_ZCD] = "zcd",
	[KVM_RISCV_ISA_EXT_ZCF] = "zcf",
	[KVM_RISCV_ISA_EXT_ZCMOP] = "zcmop",
	[KVM_RISCV_ISA_EXT_ZAWRS] = "zawrs",
};

/* The host's own MMU, when KVM has no satp_mode register (before 6.6). */
static void host_mmu(char *buf, size_t len)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[256];

	snprintf(buf, len, "sv39"); /* what every RV64 MMU has */
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char mode[16];

		if (sscanf(line, "mmu : %15s", mode) == 1 &&
		    !strncmp(mode, "sv", 2)) {
			snprintf(buf, len, "%s", mode);
			break;
		}
	}
	fclose(f);
}

int kvm_read_hart_info(struct kvm_hart *h)
{
	struct kvm_hart_info *in = &h->vm->info;
	uint64_t v;
	int rc;

	memset(in, 0, sizeof(*in));
	rc = kvm_one_get(h, CONFIG(isa), &in->isa);
	if (rc)
		return rc;
	for (unsigned i = 0; i < KVM_RISCV_ISA_EXT_MAX; i++)
		in->ext[i] = !kvm_one_get(h, ISA_EXT(i), &v) && v;
	rc = kvm_one_get(h, TIMER(frequency), &in->timebase_hz);
	if (rc)
		return rc;
	if (in->ext[KVM_RISCV_ISA_EXT_ZICBOM])
		kvm_one_get(h, CONFIG(zicbom_block_size), &in->cbom_block);
	if (in->ext[KVM_RISCV_ISA_EXT_ZICBOZ])
		kvm_one_get(h, CONFIG(zicboz_block_size), &in->cboz_block);
	in->fp_d = in->isa & ISA_BIT('d');
	in->fp_f = in->isa & ISA_BIT('f');
	if ((in->isa & ISA_BIT('v')) &&
	    (kvm_one_get(h, VEC_CSR(vlenb), &in->vlenb) ||
	     in->vlenb & (in->vlenb - 1) || in->vlenb > 1024))
		in->vlenb = 0; /* not one we can hold: no V */
	in->senvcfg = !kvm_one_get(h, CSR(senvcfg), &v);
	in->aia = in->ext[KVM_RISCV_ISA_EXT_SSAIA] &&
		  !kvm_one_get(h, AIA(siselect), &v);
	in->smstateen = in->ext[KVM_RISCV_ISA_EXT_SMSTATEEN] &&
			!kvm_one_get(h, STATEEN(sstateen0), &v);
	if (!kvm_one_get(h, CONFIG(satp_mode), &v) && v >= ATP_MODE_SV39 &&
	    v <= ATP_MODE_SV57)
		snprintf(in->mmu, sizeof(in->mmu), "sv%u",
			 39 + 9 * (unsigned)(v - ATP_MODE_SV39));
	else
		host_mmu(in->mmu, sizeof(in->mmu));
	in->valid = true;
	return 0;
}

void kvm_setup_sbi(struct kvm_hart *h)
{
	/*
	 * The debug console is hvrun's to serve: KVM forwards it once it
	 * is enabled. Kernels without these registers (before 6.4) have no
	 * DBCN of their own either; the legacy console calls always come.
	 */
	kvm_one_set(h, SBI_EXT(KVM_RISCV_SBI_EXT_DBCN), 1);
}

int kvm_set_time(struct kvm_hart *h, uint64_t origin_ns)
{
	uint64_t hz = h->vm->info.timebase_hz;
	struct timespec ts;
	unsigned __int128 ticks;
	uint64_t now;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
	ticks = (unsigned __int128)(now - origin_ns) * hz / 1000000000u;
	return kvm_one_set(h, TIMER(time), (uint64_t)ticks);
}

/* Appends @s to the extension list, copying it into d->names. */
static int add_ext(struct accel_hart_desc *d, unsigned *n, size_t *used,
		   const char *s)
{
	size_t len = strlen(s) + 1;

	if (*n + 1 >= sizeof(d->extensions) / sizeof(d->extensions[0]) ||
	    *used + len > sizeof(d->names))
		return -ENOSPC;
	memcpy(d->names + *used, s, len);
	d->extensions[(*n)++] = d->names + *used;
	*used += len;
	return 0;
}

int kvm_describe_harts(struct kvm_accel_vm *vm, struct accel_hart_desc *d)
{
	const struct kvm_hart_info *in = &vm->info;
	/* Single letters in the order the ISA manual gives; no H: KVM
	 * offers guests no virtualization of their own. */
	static const char letters[] = "imafdqcbvp";
	unsigned n = 0, i;
	size_t used = 0, len;
	char one[2] = {0};
	bool implied;
	int rc = 0;

	if (!in->valid)
		return -EAGAIN;
	memset(d, 0, sizeof(*d));
	len = (size_t)snprintf(d->isa, sizeof(d->isa), "rv64");
	for (i = 0; letters[i] && !rc; i++) {
		if (!(in->isa & ISA_BIT(letters[i])))
			continue;
		one[0] = letters[i];
		len += (size_t)snprintf(d->isa + len, sizeof(d->isa) - len,
					"%s", one);
		rc = add_ext(d, &n, &used, one);
	}
	/*
	 * Zicsr and Zifencei were part of I when KVM's first ISA registers
	 * were defined; older kernels list them nowhere, yet every guest
	 * hart has them. Then the Z extensions, then the S ones.
	 */
	for (unsigned pass = 0; pass < 3 && !rc; pass++) {
		for (i = 0; i < KVM_RISCV_ISA_EXT_MAX && !rc; i++) {
			const char *name = ext_names[i];

			if (!name)
				continue;
			implied = i == KVM_RISCV_ISA_EXT_ZICSR ||
				  i == KVM_RISCV_ISA_EXT_ZIFENCEI;
			if (pass == 0 && !(implied && !in->ext[i]))
				continue;
			if (pass == 1 && (name[0] != 'z' || !in->ext[i]))
				continue;
			if (pass == 2 && (name[0] != 's' || !in->ext[i]))
				continue;
			len += (size_t)snprintf(d->isa + len,
						sizeof(d->isa) - len, "_%s",
						name);
			rc = add_ext(d, &n, &used, name);
		}
	}
	if (rc || len >= sizeof(d->isa))
		return -ENOSPC;
	d->extensions[n] = NULL;
	/* The string for a 6-char "riscv," prefix lives past the list. */
	len = strlen(in->mmu) + 7;
	if (used + len > sizeof(d->names))
		return -ENOSPC;
	snprintf(d->names + used, len, "riscv,%s", in->mmu);
	d->mmu_type = d->names + used;
	d->timebase_hz = (uint32_t)in->timebase_hz;
	d->cbom_block_size = (uint32_t)in->cbom_block;
	d->cboz_block_size = (uint32_t)in->cboz_block;
	return 0;
}
