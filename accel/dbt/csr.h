/* SPDX-License-Identifier: MIT */
/*
 * The emulated hart's control and status registers: numbers, fields, and
 * the Zicsr access path with each register's WARL rules (RISC-V
 * privileged ISA, chapters "Machine-Level ISA" and "Supervisor-Level
 * ISA"; Sstc; unprivileged "Zicsr" and "Zicntr").
 */
#ifndef HVRUN_DBT_CSR_H
#define HVRUN_DBT_CSR_H

#include <stdbool.h>
#include <stdint.h>

#include "accel/dbt/hart.h"

/* CSR numbers */
enum {
	CSR_FFLAGS = 0x001,
	CSR_FRM = 0x002,
	CSR_FCSR = 0x003,
	CSR_CYCLE = 0xc00,
	CSR_TIME = 0xc01,
	CSR_INSTRET = 0xc02,
	CSR_HPMCOUNTER3 = 0xc03,
	CSR_HPMCOUNTER31 = 0xc1f,

	CSR_SSTATUS = 0x100,
	CSR_SIE = 0x104,
	CSR_STVEC = 0x105,
	CSR_SCOUNTEREN = 0x106,
	CSR_SENVCFG = 0x10a,
	CSR_SSCRATCH = 0x140,
	CSR_SEPC = 0x141,
	CSR_SCAUSE = 0x142,
	CSR_STVAL = 0x143,
	CSR_SIP = 0x144,
	CSR_STIMECMP = 0x14d,
	CSR_SATP = 0x180,

	CSR_MVENDORID = 0xf11,
	CSR_MARCHID = 0xf12,
	CSR_MIMPID = 0xf13,
	CSR_MHARTID = 0xf14,
	CSR_MCONFIGPTR = 0xf15,
	CSR_MSTATUS = 0x300,
	CSR_MISA = 0x301,
	CSR_MEDELEG = 0x302,
	CSR_MIDELEG = 0x303,
	CSR_MIE = 0x304,
	CSR_MTVEC = 0x305,
	CSR_MCOUNTEREN = 0x306,
	CSR_MENVCFG = 0x30a,
	CSR_MCOUNTINHIBIT = 0x320,
	CSR_MHPMEVENT3 = 0x323,
	CSR_MHPMEVENT31 = 0x33f,
	CSR_MSCRATCH = 0x340,
	CSR_MEPC = 0x341,
	CSR_MCAUSE = 0x342,
	CSR_MTVAL = 0x343,
	CSR_MIP = 0x344,
	CSR_MTINST = 0x34a,
	CSR_MTVAL2 = 0x34b,
	CSR_PMPCFG0 = 0x3a0,
	CSR_PMPCFG15 = 0x3af,
	CSR_PMPADDR0 = 0x3b0,
	CSR_PMPADDR15 = 0x3bf,
	CSR_MSECCFG = 0x747,
	CSR_TSELECT = 0x7a0,
	CSR_TDATA1 = 0x7a1,
	CSR_TDATA2 = 0x7a2,
	CSR_TDATA3 = 0x7a3,
	CSR_MCYCLE = 0xb00,
	CSR_MINSTRET = 0xb02,
	CSR_MHPMCOUNTER3 = 0xb03,
	CSR_MHPMCOUNTER31 = 0xb1f,
};

/* mstatus / sstatus */
#define MSTATUS_SIE (1ull << 1)
#define MSTATUS_MIE (1ull << 3)
#define MSTATUS_SPIE (1ull << 5)
#define MSTATUS_UBE (1ull << 6)
#define MSTATUS_MPIE (1ull << 7)
#define MSTATUS_SPP (1ull << 8)
#define MSTATUS_VS (3ull << 9)
#define MSTATUS_MPP_SHIFT 11
#define MSTATUS_MPP (3ull << MSTATUS_MPP_SHIFT)
#define MSTATUS_FS (3ull << 13)
#define MSTATUS_XS (3ull << 15)
#define MSTATUS_MPRV (1ull << 17)
#define MSTATUS_SUM (1ull << 18)
#define MSTATUS_MXR (1ull << 19)
#define MSTATUS_TVM (1ull << 20)
#define MSTATUS_TW (1ull << 21)
#define MSTATUS_TSR (1ull << 22)
#define MSTATUS_UXL (3ull << 32)
#define MSTATUS_SXL (3ull << 34)
#define MSTATUS_SBE (1ull << 36)
#define MSTATUS_MBE (1ull << 37)
#define MSTATUS_GVA (1ull << 38)
#define MSTATUS_MPV (1ull << 39)
#define MSTATUS_SD (1ull << 63)

/* mip / mie bits */
#define MIP_SSIP (1ull << 1)
#define MIP_MSIP (1ull << 3)
#define MIP_STIP (1ull << 5)
#define MIP_MTIP (1ull << 7)
#define MIP_SEIP (1ull << 9)
#define MIP_MEIP (1ull << 11)
#define MIP_S_MASK (MIP_SSIP | MIP_STIP | MIP_SEIP)
#define MIP_M_MASK (MIP_MSIP | MIP_MTIP | MIP_MEIP)

/* menvcfg / senvcfg */
#define ENVCFG_FIOM (1ull << 0)
#define ENVCFG_CBIE (3ull << 4)
#define ENVCFG_CBCFE (1ull << 6)
#define ENVCFG_CBZE (1ull << 7)
#define ENVCFG_ADUE (1ull << 61)
#define ENVCFG_PBMTE (1ull << 62)
#define ENVCFG_STCE (1ull << 63)

/* satp */
#define SATP_MODE_SHIFT 60
#define SATP_MODE_BARE 0
#define SATP_MODE_SV39 8
#define SATP_MODE_SV48 9
#define SATP_MODE_SV57 10
#define SATP_ASID_MASK (0xffffull << 44)
#define SATP_PPN_MASK ((1ull << 44) - 1)

/* pmpcfg entry bits */
#define PMP_R 0x01
#define PMP_W 0x02
#define PMP_X 0x04
#define PMP_A 0x18
#define PMP_A_TOR 0x08
#define PMP_A_NA4 0x10
#define PMP_A_NAPOT 0x18
#define PMP_L 0x80

/* mcounteren / scounteren / mcountinhibit */
#define COUNTER_CY (1u << 0)
#define COUNTER_TM (1u << 1)
#define COUNTER_IR (1u << 2)

/* misa */
#define MISA_EXT(c) (1ull << ((c) - 'A'))
#define MISA_MXL_64 (2ull << 62)

/* fcsr */
#define FCSR_FFLAGS 0x1f
#define FCSR_FRM_SHIFT 5

/* Zicsr operations */
enum dbt_csr_op { DBT_CSR_RW, DBT_CSR_RS, DBT_CSR_RC };

/*
 * One Zicsr instruction on @csr: checks privilege and existence, reads
 * the old value into *@old when @read, and when @write stores the value
 * @op makes from it and @src. Returns 0, or -1 with hart->exc set to an
 * illegal-instruction exception (tval 0: the caller knows the encoding).
 */
int dbt_csr_access(struct dbt_hart *h, unsigned csr, enum dbt_csr_op op,
		   uint64_t src, bool read, bool write, uint64_t *old);

/*
 * Debugger-style access (get_reg/set_reg): no privilege or enable checks,
 * but the same WARL rules. -ENOENT for a CSR that does not exist.
 */
int dbt_csr_get(struct dbt_hart *h, unsigned csr, uint64_t *val);
int dbt_csr_set(struct dbt_hart *h, unsigned csr, uint64_t val);

/* Reset values of every CSR for the boot mode in the VM config. */
void dbt_csr_reset(struct dbt_hart *h);

/* mtime as the hart sees it. */
uint64_t dbt_csr_time(const struct dbt_hart *h);

/* mip as software reads it: software bits, lines, and the Sstc timer. */
uint64_t dbt_csr_mip(struct dbt_hart *h);
/* The bits of mip in @mask (cheaper when @mask leaves STIP out). */
uint64_t dbt_csr_mip_masked(struct dbt_hart *h, uint64_t mask);

/* Sstc's stimecmp is what drives STIP (menvcfg.STCE). */
static inline bool dbt_csr_sstc_active(const struct dbt_hart *h)
{
	return h->csr.menvcfg & ENVCFG_STCE;
}

/* Floating-point state is usable (mstatus.FS != Off). */
static inline bool dbt_csr_fs_on(const struct dbt_hart *h)
{
	return h->csr.mstatus & MSTATUS_FS;
}

static inline void dbt_csr_fs_dirty(struct dbt_hart *h)
{
	h->csr.mstatus |= MSTATUS_FS;
}

/* Ask the hart to re-evaluate its pending interrupts before going on. */
static inline void dbt_hart_irq_recheck(struct dbt_hart *h)
{
	atomic_fetch_or_explicit(&h->events, DBT_EV_IRQ, memory_order_relaxed);
}

#endif
