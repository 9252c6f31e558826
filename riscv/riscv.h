/* SPDX-License-Identifier: MIT */
/*
 * RISC-V architectural constants, and nothing else: CSR numbers and their
 * fields, privilege levels, exception and interrupt causes, address
 * translation and PTE bits, PMP. Shared by the emulated hart, the KVM
 * accelerator, the SBI and the disassembler. Names follow the privileged
 * ISA manual (../shared/spec/riscv-priv: machine.adoc, supervisor.adoc,
 * hypervisor.adoc, sstc.adoc) and the unprivileged one (Zicsr, Zicntr, F,
 * V).
 */
#ifndef HVRUN_RISCV_H
#define HVRUN_RISCV_H

/* Privilege levels (mstatus.MPP encoding). */
enum { PRV_U = 0, PRV_S = 1, PRV_M = 3 };

/* ---- CSR numbers ---------------------------------------------------- */

enum {
	/* Unprivileged: floating point, vector, counters */
	CSR_FFLAGS = 0x001,
	CSR_FRM = 0x002,
	CSR_FCSR = 0x003,
	CSR_VSTART = 0x008,
	CSR_VXSAT = 0x009,
	CSR_VXRM = 0x00a,
	CSR_VCSR = 0x00f,
	CSR_SEED = 0x015,
	CSR_CYCLE = 0xc00,
	CSR_TIME = 0xc01,
	CSR_INSTRET = 0xc02,
	CSR_HPMCOUNTER3 = 0xc03,
	CSR_HPMCOUNTER31 = 0xc1f,
	CSR_VL = 0xc20,
	CSR_VTYPE = 0xc21,
	CSR_VLENB = 0xc22,

	/* Supervisor */
	CSR_SSTATUS = 0x100,
	CSR_SIE = 0x104,
	CSR_STVEC = 0x105,
	CSR_SCOUNTEREN = 0x106,
	CSR_SENVCFG = 0x10a,
	CSR_SSTATEEN0 = 0x10c,
	CSR_SSTATEEN3 = 0x10f,
	CSR_SSCRATCH = 0x140,
	CSR_SEPC = 0x141,
	CSR_SCAUSE = 0x142,
	CSR_STVAL = 0x143,
	CSR_SIP = 0x144,
	CSR_STIMECMP = 0x14d,
	CSR_SISELECT = 0x150, /* Smaia */
	CSR_SCOUNTOVF = 0xda0,
	CSR_SATP = 0x180,

	/* Virtual supervisor (H) */
	CSR_VSSTATUS = 0x200,
	CSR_VSIE = 0x204,
	CSR_VSTVEC = 0x205,
	CSR_VSSCRATCH = 0x240,
	CSR_VSEPC = 0x241,
	CSR_VSCAUSE = 0x242,
	CSR_VSTVAL = 0x243,
	CSR_VSIP = 0x244,
	CSR_VSTIMECMP = 0x24d,
	CSR_VSATP = 0x280,

	/* Hypervisor (H) */
	CSR_HSTATUS = 0x600,
	CSR_HEDELEG = 0x602,
	CSR_HIDELEG = 0x603,
	CSR_HIE = 0x604,
	CSR_HTIMEDELTA = 0x605,
	CSR_HCOUNTEREN = 0x606,
	CSR_HGEIE = 0x607,
	CSR_HENVCFG = 0x60a,
	CSR_HSTATEEN0 = 0x60c,
	CSR_HSTATEEN3 = 0x60f,
	CSR_HTVAL = 0x643,
	CSR_HIP = 0x644,
	CSR_HVIP = 0x645,
	CSR_HVIPRIO1 = 0x646, /* Smaia */
	CSR_HVIPRIO2 = 0x647,
	CSR_HTINST = 0x64a,
	CSR_HGATP = 0x680,
	CSR_HGEIP = 0xe12,

	/* Machine */
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
	CSR_MSTATEEN0 = 0x30c,
	CSR_MSTATEEN3 = 0x30f,
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
	CSR_PMPADDR63 = 0x3ef,
	CSR_MSECCFG = 0x747,
	CSR_TSELECT = 0x7a0,
	CSR_TDATA1 = 0x7a1,
	CSR_TDATA2 = 0x7a2,
	CSR_TDATA3 = 0x7a3,
	CSR_TINFO = 0x7a4,
	CSR_MCYCLE = 0xb00,
	CSR_MINSTRET = 0xb02,
	CSR_MHPMCOUNTER3 = 0xb03,
	CSR_MHPMCOUNTER31 = 0xb1f,
};

/* A CSR number's access fields: bits 11:10 (3 = read-only), 9:8 level. */
#define CSR_READ_ONLY(csr) ((((csr) >> 10) & 3) == 3)
#define CSR_LEVEL(csr) (((csr) >> 8) & 3)

/* ---- mstatus, sstatus, vsstatus ------------------------------------ */

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
/* Extension-state field values (FS, VS, XS). */
#define XSTATE_OFF 0
#define XSTATE_INITIAL 1
#define XSTATE_CLEAN 2
#define XSTATE_DIRTY 3
#define MSTATUS_FS_SHIFT 13
#define MSTATUS_VS_SHIFT 9
/* XLEN encodings of UXL, SXL, VSXL, MXL. */
#define XL_64 2ull

/* ---- hstatus ---------------------------------------------------------- */

#define HSTATUS_VSBE (1ull << 5)
#define HSTATUS_GVA (1ull << 6)
#define HSTATUS_SPV (1ull << 7)
#define HSTATUS_SPVP (1ull << 8)
#define HSTATUS_HU (1ull << 9)
#define HSTATUS_VGEIN_SHIFT 12
#define HSTATUS_VGEIN (0x3full << HSTATUS_VGEIN_SHIFT)
#define HSTATUS_VTVM (1ull << 20)
#define HSTATUS_VTW (1ull << 21)
#define HSTATUS_VTSR (1ull << 22)
#define HSTATUS_VSXL_SHIFT 32
#define HSTATUS_VSXL (3ull << HSTATUS_VSXL_SHIFT)
#define HSTATUS_HUPMM (3ull << 48)

/* ---- interrupts: mip/mie bit numbers and masks ----------------------- */

enum {
	IRQ_S_SOFT = 1,
	IRQ_VS_SOFT = 2,
	IRQ_M_SOFT = 3,
	IRQ_S_TIMER = 5,
	IRQ_VS_TIMER = 6,
	IRQ_M_TIMER = 7,
	IRQ_S_EXT = 9,
	IRQ_VS_EXT = 10,
	IRQ_M_EXT = 11,
	IRQ_S_GEXT = 12,
	IRQ_LCOF = 13,
};

#define MIP_SSIP (1ull << IRQ_S_SOFT)
#define MIP_VSSIP (1ull << IRQ_VS_SOFT)
#define MIP_MSIP (1ull << IRQ_M_SOFT)
#define MIP_STIP (1ull << IRQ_S_TIMER)
#define MIP_VSTIP (1ull << IRQ_VS_TIMER)
#define MIP_MTIP (1ull << IRQ_M_TIMER)
#define MIP_SEIP (1ull << IRQ_S_EXT)
#define MIP_VSEIP (1ull << IRQ_VS_EXT)
#define MIP_MEIP (1ull << IRQ_M_EXT)
#define MIP_SGEIP (1ull << IRQ_S_GEXT)
#define MIP_LCOFIP (1ull << IRQ_LCOF)
#define MIP_S_MASK (MIP_SSIP | MIP_STIP | MIP_SEIP)
#define MIP_VS_MASK (MIP_VSSIP | MIP_VSTIP | MIP_VSEIP)
#define MIP_M_MASK (MIP_MSIP | MIP_MTIP | MIP_MEIP)
/* The interrupts hideleg may hand to VS-mode, and mideleg's fixed bits. */
#define MIP_HS_MASK (MIP_VS_MASK | MIP_SGEIP)

/* ---- exception causes (mcause with the interrupt bit clear) ------------ */

enum {
	EXC_INSN_MISALIGNED = 0,
	EXC_INSN_ACCESS = 1,
	EXC_ILLEGAL = 2,
	EXC_BREAKPOINT = 3,
	EXC_LOAD_MISALIGNED = 4,
	EXC_LOAD_ACCESS = 5,
	EXC_STORE_MISALIGNED = 6,
	EXC_STORE_ACCESS = 7,
	EXC_ECALL_U = 8,
	EXC_ECALL_S = 9,
	EXC_ECALL_VS = 10,
	EXC_ECALL_M = 11,
	EXC_INSN_PAGE = 12,
	EXC_LOAD_PAGE = 13,
	EXC_STORE_PAGE = 15,
	EXC_SW_CHECK = 18,
	EXC_HW_ERROR = 19,
	EXC_INSN_GUEST_PAGE = 20,
	EXC_LOAD_GUEST_PAGE = 21,
	EXC_VIRTUAL_INSN = 22,
	EXC_STORE_GUEST_PAGE = 23,
};

#define CAUSE_INTERRUPT (1ull << 63)

/* ---- xtvec ------------------------------------------------------------ */

#define TVEC_MODE_DIRECT 0
#define TVEC_MODE_VECTORED 1

/* ---- counters: mcounteren, scounteren, hcounteren, mcountinhibit ------ */

#define COUNTER_CY (1u << 0)
#define COUNTER_TM (1u << 1)
#define COUNTER_IR (1u << 2)

/* ---- menvcfg, henvcfg, senvcfg ---------------------------------------- */

#define ENVCFG_FIOM (1ull << 0)
#define ENVCFG_CBIE_SHIFT 4
#define ENVCFG_CBIE (3ull << ENVCFG_CBIE_SHIFT)
#define ENVCFG_CBCFE (1ull << 6)
#define ENVCFG_CBZE (1ull << 7)
#define ENVCFG_PMM_SHIFT 32
#define ENVCFG_PMM (3ull << ENVCFG_PMM_SHIFT)
/* PMM values (also mseccfg.PMM, hstatus.HUPMM): PMLEN 0, 7, 16. */
#define PMM_OFF 0
#define PMM_RESERVED 1
#define PMM_PMLEN7 2
#define PMM_PMLEN16 3
#define ENVCFG_ADUE (1ull << 61)
#define ENVCFG_PBMTE (1ull << 62)
#define ENVCFG_STCE (1ull << 63)

/* ---- mseccfg ------------------------------------------------------------ */

#define MSECCFG_PMM_SHIFT 32
#define MSECCFG_PMM (3ull << MSECCFG_PMM_SHIFT)

/* ---- mstateen, hstateen, sstateen (Smstateen) --------------------------- */

#define STATEEN_SE (1ull << 63)	     /* the matching sstateen/hstateen */
#define STATEEN0_ENVCFG (1ull << 62) /* henvcfg, senvcfg */

/* ---- address translation: satp, vsatp, hgatp --------------------------- */

#define ATP_MODE_SHIFT 60
#define ATP_MODE_BARE 0
#define ATP_MODE_SV39 8
#define ATP_MODE_SV48 9
#define ATP_MODE_SV57 10
#define ATP_MODE(atp) ((unsigned)((atp) >> ATP_MODE_SHIFT))
#define ATP_ASID_SHIFT 44
#define ATP_ASID_MASK (0xffffull << ATP_ASID_SHIFT)
#define ATP_ASID(atp) (((atp) >> ATP_ASID_SHIFT) & 0xffff)
#define ATP_PPN_MASK ((1ull << 44) - 1)
#define ATP_PPN(atp) ((atp)&ATP_PPN_MASK)
/* hgatp: the same modes (as SvNNx4), a 14-bit VMID where satp's ASID is. */
#define HGATP_VMID_MASK (0x3fffull << ATP_ASID_SHIFT)
#define HGATP_VMID(atp) (((atp) >> ATP_ASID_SHIFT) & 0x3fff)

#define PAGE_SHIFT 12
#define PAGE_SIZE (1ull << PAGE_SHIFT)

/* ---- page-table entries -------------------------------------------------- */

#define PTE_V (1ull << 0)
#define PTE_R (1ull << 1)
#define PTE_W (1ull << 2)
#define PTE_X (1ull << 3)
#define PTE_U (1ull << 4)
#define PTE_G (1ull << 5)
#define PTE_A (1ull << 6)
#define PTE_D (1ull << 7)
#define PTE_PPN_SHIFT 10
#define PTE_PPN(pte) (((pte) >> PTE_PPN_SHIFT) & ((1ull << 44) - 1))
#define PTE_RSVD (0x7full << 54)
#define PTE_PBMT_SHIFT 61
#define PTE_PBMT(pte) (((pte) >> PTE_PBMT_SHIFT) & 3)
#define PTE_N (1ull << 63)

/* mtinst/htinst pseudoinstructions for VS-stage page-table accesses (RV64). */
#define TINST_PTE_READ 0x00003000
#define TINST_PTE_WRITE 0x00003020

/* ---- PMP ------------------------------------------------------------------ */

#define PMP_R 0x01
#define PMP_W 0x02
#define PMP_X 0x04
#define PMP_A_SHIFT 3
#define PMP_A (3u << PMP_A_SHIFT)
#define PMP_A_OFF (0u << PMP_A_SHIFT)
#define PMP_A_TOR (1u << PMP_A_SHIFT)
#define PMP_A_NA4 (2u << PMP_A_SHIFT)
#define PMP_A_NAPOT (3u << PMP_A_SHIFT)
#define PMP_L 0x80
/* pmpaddr holds physical address bits 55:2. */
#define PMPADDR_MASK ((1ull << 54) - 1)

/* ---- misa ------------------------------------------------------------------ */

#define MISA_EXT(c) (1ull << ((c) - 'A'))
#define MISA_MXL_64 (XL_64 << 62)

/* ---- fcsr ------------------------------------------------------------------ */

#define FCSR_FFLAGS 0x1f
#define FCSR_FRM_SHIFT 5
#define FCSR_FRM (7u << FCSR_FRM_SHIFT)
enum { RM_RNE = 0, RM_RTZ = 1, RM_RDN = 2, RM_RUP = 3, RM_RMM = 4, RM_DYN = 7 };

#endif
