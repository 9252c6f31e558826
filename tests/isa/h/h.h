/*
 * Shared by the H-extension test programs: CSR numbers and fields, the
 * hypervisor instructions, running code in VS/VU, and page tables for the
 * VS stage and the G stage. RISC-V Privileged ISA, "Hypervisor Extension".
 */
#ifndef ISA_H_H
#define ISA_H_H

#include "pte.h"
#include "rt.h"

/* Hypervisor and VS CSRs, and the M-level additions */
#define CSR_HSTATUS 0x600
#define CSR_HEDELEG 0x602
#define CSR_HIDELEG 0x603
#define CSR_HIE 0x604
#define CSR_HTIMEDELTA 0x605
#define CSR_HCOUNTEREN 0x606
#define CSR_HGEIE 0x607
#define CSR_HENVCFG 0x60a
#define CSR_HTIMEDELTAH 0x615
#define CSR_HENVCFGH 0x61a
#define CSR_HTVAL 0x643
#define CSR_HIP 0x644
#define CSR_HVIP 0x645
#define CSR_HTINST 0x64a
#define CSR_HGATP 0x680
#define CSR_HGEIP 0xe12
#define CSR_VSSTATUS 0x200
#define CSR_VSIE 0x204
#define CSR_VSTVEC 0x205
#define CSR_VSSCRATCH 0x240
#define CSR_VSEPC 0x241
#define CSR_VSCAUSE 0x242
#define CSR_VSTVAL 0x243
#define CSR_VSIP 0x244
#define CSR_VSTIMECMP 0x24d
#define CSR_VSATP 0x280
#define CSR_MTINST 0x34a
#define CSR_MTVAL2 0x34b
#define CSR_MCOUNTEREN 0x306
#define CSR_SCOUNTEREN 0x106

#define MSTATUS_GVA (1UL << 38)
#define MSTATUS_MPV (1UL << 39)

#define HSTATUS_VSBE (1UL << 5)
#define HSTATUS_GVA (1UL << 6)
#define HSTATUS_SPV (1UL << 7)
#define HSTATUS_SPVP (1UL << 8)
#define HSTATUS_HU (1UL << 9)
#define HSTATUS_VGEIN_SHIFT 12
#define HSTATUS_VGEIN (63UL << 12)
#define HSTATUS_VTVM (1UL << 20)
#define HSTATUS_VTW (1UL << 21)
#define HSTATUS_VTSR (1UL << 22)
#define HSTATUS_VSXL_SHIFT 32
#define HSTATUS_VSXL (3UL << 32)
#define HSTATUS_HUPMM (3UL << 48)

#define IRQ_VSSI 2
#define IRQ_VSTI 6
#define IRQ_VSEI 10
#define IRQ_SGEI 12
#define VS_IRQS ((1UL << IRQ_VSSI) | (1UL << IRQ_VSTI) | (1UL << IRQ_VSEI))
#define S_IRQS ((1UL << IRQ_SSI) | (1UL << IRQ_STI) | (1UL << IRQ_SEI))

#define ENVCFG_FIOM (1UL << 0)
#define ENVCFG_CBIE (3UL << 4)
#define ENVCFG_CBCFE (1UL << 6)
#define ENVCFG_CBZE (1UL << 7)
#define ENVCFG_ADUE (1UL << 61)
#define ENVCFG_PBMTE (1UL << 62)
#define ENVCFG_STCE (1UL << 63)

#define HGATP_MODE_SHIFT 60
#define HGATP_VMID_SHIFT 44
#define HGATP_VMID_MASK 0x3fffUL
#define HGATP_PPN_MASK ((1UL << 44) - 1)
#define SATP_ASID_SHIFT 44
#define SATP_ASID_MASK 0xffffUL
#define MODE_BARE 0UL
#define MODE_SV39 8UL /* Sv39 in vsatp, Sv39x4 in hgatp */
#define MODE_SV48 9UL
#define MODE_SV57 10UL

#define PTE_RWX (PTE_R | PTE_W | PTE_X)
#define PTE_AD (PTE_A | PTE_D)

/* htinst/mtinst for a guest-page fault on a VS-stage page-table access
 * (VSXLEN = 64): the read and the A/D-update write pseudoinstructions */
#define TINST_PT_READ 0x3000UL
#define TINST_PT_WRITE 0x3020UL

/* The instructions the access helpers below run (rs1 = t0, data in t1),
 * and their transformations for mtinst/htinst: rs1 and the offset zero. */
#define TINST_LD_T1 ((6UL << 7) | (3UL << 12) | 0x03)
#define TINST_SD_T1 ((6UL << 20) | (3UL << 12) | 0x23)

/* For what only some builds (without ISA_QEMU) use. */
#define MAYBE_UNUSED __attribute__((unused))

/* A value a load that trapped (and was skipped) leaves in its register. */
#define NOVAL 0xdead0000beefUL

/* misa.H; the programs stop at the first check when it is missing. */
static inline int has_h(void)
{
	return !!(csr_read(misa) & (1UL << ('H' - 'A')));
}

/* Runs fn(arg) in VS (PRV_S) or VU (PRV_U): mret with MPV = 1. */
static inline long run_v(int mode, long (*fn)(long), long arg)
{
	long r;

	csr_set(mstatus, MSTATUS_MPV);
	r = run_mode(mode, fn, arg);
	csr_clear(mstatus, MSTATUS_MPV);
	return r;
}

/* Trap vectors and stacks for HS (stvec) and VS (vstvec). */
static inline void hs_vs_vectors(void)
{
	csr_write(stvec, (unsigned long)s_trap_entry);
	csr_write(sscratch, (unsigned long)s_trap_stack_top);
	csr_write(CSR_VSTVEC, (unsigned long)vs_trap_entry);
	csr_write(CSR_VSSCRATCH, (unsigned long)vs_trap_stack_top);
}

/* The H CSRs back to their reset-like state; no delegation, no
 * translation. */
static inline void h_quiet(void)
{
	csr_write(medeleg, 0);
	csr_write(CSR_HEDELEG, 0);
	csr_write(CSR_HIDELEG, 0);
	csr_write(CSR_HVIP, 0);
	csr_write(CSR_HIE, 0);
	csr_write(CSR_HSTATUS, 2UL << HSTATUS_VSXL_SHIFT);
	csr_write(CSR_HGATP, 0);
	csr_write(CSR_VSATP, 0);
	csr_write(satp, 0);
	csr_write(CSR_VSSTATUS, 0);
	csr_clear(mstatus, MSTATUS_MPV | MSTATUS_GVA | MSTATUS_MPRV |
				   MSTATUS_SUM | MSTATUS_MXR | MSTATUS_TVM |
				   MSTATUS_TW | MSTATUS_TSR);
	hs_vs_vectors();
}

/* The hypervisor instructions, assembled whatever -march says. */
#define H_ASM(insn) \
	".option push\n\t.option arch, +h\n\t" insn "\n\t.option pop"

#define HLV(name, insn)                                   \
	static inline unsigned long name(unsigned long a) \
	{                                                 \
		unsigned long v = NOVAL;                  \
		asm volatile(H_ASM(insn " %0, (%1)")      \
			     : "+r"(v)                    \
			     : "r"(a)                     \
			     : "memory");                 \
		return v;                                 \
	}
HLV(hlv_b, "hlv.b")
HLV(hlv_bu, "hlv.bu")
HLV(hlv_h, "hlv.h")
HLV(hlv_hu, "hlv.hu")
HLV(hlv_w, "hlv.w")
HLV(hlv_wu, "hlv.wu")
HLV(hlv_d, "hlv.d")
HLV(hlvx_hu, "hlvx.hu")
HLV(hlvx_wu, "hlvx.wu")

#define HSV(name, insn)                                              \
	static inline void name(unsigned long a, unsigned long v)    \
	{                                                            \
		asm volatile(H_ASM(insn " %0, (%1)")::"r"(v), "r"(a) \
			     : "memory");                            \
	}
HSV(hsv_b, "hsv.b")
HSV(hsv_h, "hsv.h")
HSV(hsv_w, "hsv.w")
HSV(hsv_d, "hsv.d")

/* HFENCE with x0 or a register for rs1 and rs2: the spec tells them
 * apart by the register, not by its value. */
static inline void hfence_vvma(void)
{
	asm volatile(H_ASM("hfence.vvma zero, zero")::: "memory");
}

static inline void hfence_vvma_va(unsigned long va)
{
	asm volatile(H_ASM("hfence.vvma %0, zero")::"r"(va) : "memory");
}

static inline void hfence_vvma_asid(unsigned long asid)
{
	asm volatile(H_ASM("hfence.vvma zero, %0")::"r"(asid) : "memory");
}

static inline void hfence_vvma_va_asid(unsigned long va, unsigned long asid)
{
	asm volatile(H_ASM("hfence.vvma %0, %1")::"r"(va), "r"(asid)
		     : "memory");
}

static inline void hfence_gvma(void)
{
	asm volatile(H_ASM("hfence.gvma zero, zero")::: "memory");
}

/* gpa: the guest physical address (not shifted: done here) */
static inline void hfence_gvma_gpa(unsigned long gpa)
{
	asm volatile(H_ASM("hfence.gvma %0, zero")::"r"(gpa >> 2) : "memory");
}

static inline void hfence_gvma_vmid(unsigned long vmid)
{
	asm volatile(H_ASM("hfence.gvma zero, %0")::"r"(vmid) : "memory");
}

static inline void hfence_gvma_gpa_vmid(unsigned long gpa, unsigned long vmid)
{
	asm volatile(H_ASM("hfence.gvma %0, %1")::"r"(gpa >> 2), "r"(vmid)
		     : "memory");
}

/*
 * Accesses with known encodings (not compressed): ld t1, 0(t0) and
 * sd t1, 0(t0), so that a transformed instruction in mtinst/htinst can be
 * checked (TINST_LD_T1, TINST_SD_T1). A load that traps returns NOVAL.
 */
static inline long ld_at(long a)
{
	long v;

	asm volatile(".option push\n\t.option norvc\n\t"
		     "mv t0, %1\n\tli t1, %2\n\tld t1, 0(t0)\n\tmv %0, t1\n\t"
		     ".option pop"
		     : "=r"(v)
		     : "r"(a), "i"(NOVAL)
		     : "t0", "t1", "memory");
	return v;
}

#define STORE_VALUE 0x5a5a5a5a12345678UL
static inline long sd_at(long a)
{
	asm volatile(".option push\n\t.option norvc\n\t"
		     "mv t0, %0\n\tli t1, %1\n\tsd t1, 0(t0)\n\t"
		     ".option pop" ::"r"(a),
		     "i"(STORE_VALUE)
		     : "t0", "t1", "memory");
	return 0;
}

/* Calls code at a (which returns 42 in a0); a fetch fault returns to ra
 * with a0 unchanged. */
static inline long call_at(long a)
{
	register long a0 asm("a0") = NOVAL;

	asm volatile("jalr ra, 0(%1)"
		     : "+r"(a0)
		     : "r"(a)
		     : "ra", "t0", "t1", "t2", "a1", "a2", "a3", "a4", "a5",
		       "a6", "a7", "t3", "t4", "t5", "t6", "memory");
	return a0;
}

/*
 * Page tables from a pool. pt_map() maps addr (a guest virtual address in
 * a VS-stage table, a guest physical address in a G-stage one: x4 widens
 * the root to 2048 entries) to pa; the tables it adds hold physical
 * addresses, which are also guest physical ones where the G stage maps RAM
 * one to one.
 */
#define PT_POOL_PAGES 120
static uint64_t pt_pool[PT_POOL_PAGES][512]
	__attribute__((aligned(16384), unused));
static int pt_used __attribute__((unused));

static inline void pt_reset(void)
{
	pt_used = 0;
}

static inline uint64_t *pt_page(void)
{
	uint64_t *p;

	if (pt_used >= PT_POOL_PAGES) {
		printf("page-table pool exhausted\n");
		test_exit(253);
	}
	p = pt_pool[pt_used++];
	for (int i = 0; i < 512; i++)
		p[i] = 0;
	return p;
}

/* A 16 KiB root, 16 KiB aligned (G stage). */
static inline uint64_t *pt_root16(void)
{
	uint64_t *r;

	pt_used = (pt_used + 3) & ~3;
	r = pt_page();
	pt_page();
	pt_page();
	pt_page();
	for (int i = 0; i < 2048; i++)
		r[i] = 0;
	return r;
}

static inline unsigned long pt_index(unsigned long addr, int level, int levels,
				     int x4)
{
	unsigned long mask = (x4 && level == levels - 1) ? 2047 : 511;

	return (addr >> (12 + 9 * level)) & mask;
}

static inline uint64_t pte_of(unsigned long pa, unsigned long flags)
{
	return ((pa >> 12) << 10) | flags;
}

static inline uint64_t *pt_map(uint64_t *root, int levels, int x4,
			       unsigned long addr, unsigned long pa,
			       int leaf_level, unsigned long flags)
{
	uint64_t *t = root;

	for (int l = levels - 1; l > leaf_level; l--) {
		unsigned long i = pt_index(addr, l, levels, x4);

		if (!(t[i] & PTE_V))
			t[i] = pte_of((unsigned long)pt_page(), PTE_V);
		t = (uint64_t *)((t[i] >> 10) << 12);
	}
	uint64_t *pte = &t[pt_index(addr, leaf_level, levels, x4)];

	*pte = pte_of(pa, flags | PTE_V);
	return pte;
}

/* The PTE that pt_map() wrote for addr at level (it must be there). */
static inline uint64_t *pt_pte(uint64_t *root, int levels, int x4,
			       unsigned long addr, int level)
{
	uint64_t *t = root;

	for (int l = levels - 1; l > level; l--)
		t = (uint64_t *)((t[pt_index(addr, l, levels, x4)] >> 10)
				 << 12);
	return &t[pt_index(addr, level, levels, x4)];
}

#define RAM_BASE 0x80000000UL
#define GIB (1UL << 30)
#define MIB2 (1UL << 21)
#define PAGE 4096UL

/* A G-stage table with guest physical RAM at RAM_BASE mapped one to one
 * by a 1 GiB page (read, write, execute, user: G-stage pages must be U). */
static inline uint64_t *g_space(int levels)
{
	uint64_t *root = pt_root16();

	pt_map(root, levels, 1, RAM_BASE, RAM_BASE, 2,
	       PTE_RWX | PTE_U | PTE_AD);
	return root;
}

static inline unsigned long hgatp_of(uint64_t *root, int levels,
				     unsigned long vmid)
{
	unsigned long mode = levels == 3   ? MODE_SV39
			     : levels == 4 ? MODE_SV48
					   : MODE_SV57;

	return (mode << HGATP_MODE_SHIFT) | (vmid << HGATP_VMID_SHIFT) |
	       ((unsigned long)root >> 12);
}

static inline void g_use(uint64_t *root, int levels, unsigned long vmid)
{
	csr_write(CSR_HGATP, hgatp_of(root, levels, vmid));
	hfence_gvma();
}

/* A VS-stage table with RAM mapped one to one (1 GiB, ram_flags: add
 * PTE_U for code that runs in VU). */
static inline uint64_t *vs_space(int levels, unsigned long ram_flags)
{
	uint64_t *root = pt_page();

	pt_map(root, levels, 0, RAM_BASE, RAM_BASE, 2, ram_flags | PTE_AD);
	return root;
}

static inline unsigned long satp_of(uint64_t *root, int levels,
				    unsigned long asid)
{
	unsigned long mode = levels == 3   ? MODE_SV39
			     : levels == 4 ? MODE_SV48
					   : MODE_SV57;

	return (mode << 60) | (asid << SATP_ASID_SHIFT) |
	       ((unsigned long)root >> 12);
}

static inline void vs_use(uint64_t *root, int levels, unsigned long asid)
{
	csr_write(CSR_VSATP, satp_of(root, levels, asid));
	hfence_vvma();
}

/* A page of code at a: "li a0, 42; ret". */
static inline void put_code(uint32_t *a)
{
	a[0] = 0x02a00513;
	a[1] = 0x00008067;
	fence_i();
}

/* Result of try_v(): the value, or 0x100 + the cause of one trap. */
#define TRAPPED(c) (0x100UL + (c))

/*
 * Runs fn(a) in VS or VU; with one trap into M (and none elsewhere),
 * returns TRAPPED(cause) and leaves the trap in m_trap.
 */
static inline unsigned long try_v(int mode, long (*fn)(long), unsigned long a)
{
	long r;

	trap_reset();
	r = run_v(mode, fn, a);
	if (m_trap.count == 1 && !s_trap.count && !vs_trap.count)
		return TRAPPED(m_trap.cause);
	if (m_trap.count || s_trap.count || vs_trap.count) {
		printf("unexpected traps: M %lu (cause %lx) HS %lu (cause %lx) "
		       "VS %lu (cause %lx)\n",
		       m_trap.count, m_trap.cause, s_trap.count, s_trap.cause,
		       vs_trap.count, vs_trap.cause);
		return 0xbad;
	}
	return r;
}

#endif
