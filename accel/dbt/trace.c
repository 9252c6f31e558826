// SPDX-License-Identifier: MIT
/*
 * Layout of the cpu trace, field by field (that of qemu-system-riscv64
 * 7.2 "-d cpu,fpu,int", which scripts/tracediff compares it with):
 *
 *    V      =   0                    (harts with the H extension)
 *    pc       0000000080000000
 *    mhartid  0000000000000000       one CSR a line, " %-8s %016x"
 *    ...
 *    x0/zero  0000000000000000 x1/ra    0000000000000000 ...  (4 a line)
 *    f0/ft0   0000000000000000 ...   (--trace fpu: raw 64-bit values)
 *
 * and a trap entry, before the first instruction of the handler:
 *
 *   trap: hart:0, async:0, cause:000000000000000b,
 *         epc:0x0000000080000018, tval:0x0000000000000000, desc=machine_ecall
 *
 * (one line). The CSRs are those a debugger reads (privileged ISA names):
 * a CSR the hart lacks is left out; the hypervisor ones appear with H.
 */
#include "accel/dbt/trace.h"

#include <inttypes.h>
#include <stdio.h>

#include "accel/dbt/csr.h"
#include "accel/dbt/disas.h"
#include "accel/dbt/trap.h"

struct trace_csr {
	unsigned short num;
	bool hyp; /* printed only when misa has H */
	const char *name;
};

/* The order of QEMU 7.2's dump, so both logs line up. */
static const struct trace_csr trace_csrs[] = {
	{CSR_MHARTID, false, "mhartid"},   {CSR_MSTATUS, false, "mstatus"},
	{CSR_HSTATUS, true, "hstatus"},	   {CSR_VSSTATUS, true, "vsstatus"},
	{CSR_MIP, false, "mip"},	   {CSR_MIE, false, "mie"},
	{CSR_MIDELEG, false, "mideleg"},   {CSR_HIDELEG, true, "hideleg"},
	{CSR_MEDELEG, false, "medeleg"},   {CSR_HEDELEG, true, "hedeleg"},
	{CSR_MTVEC, false, "mtvec"},	   {CSR_STVEC, false, "stvec"},
	{CSR_VSTVEC, true, "vstvec"},	   {CSR_MEPC, false, "mepc"},
	{CSR_SEPC, false, "sepc"},	   {CSR_VSEPC, true, "vsepc"},
	{CSR_MCAUSE, false, "mcause"},	   {CSR_SCAUSE, false, "scause"},
	{CSR_VSCAUSE, true, "vscause"},	   {CSR_MTVAL, false, "mtval"},
	{CSR_STVAL, false, "stval"},	   {CSR_HTVAL, true, "htval"},
	{CSR_MTVAL2, true, "mtval2"},	   {CSR_MSCRATCH, false, "mscratch"},
	{CSR_SSCRATCH, false, "sscratch"}, {CSR_SATP, false, "satp"},
};

static const char *const xreg_names[32] = {
	"x0/zero", "x1/ra",  "x2/sp",  "x3/gp",	 "x4/tp",  "x5/t0",   "x6/t1",
	"x7/t2",   "x8/s0",  "x9/s1",  "x10/a0", "x11/a1", "x12/a2",  "x13/a3",
	"x14/a4",  "x15/a5", "x16/a6", "x17/a7", "x18/s2", "x19/s3",  "x20/s4",
	"x21/s5",  "x22/s6", "x23/s7", "x24/s8", "x25/s9", "x26/s10", "x27/s11",
	"x28/t3",  "x29/t4", "x30/t5", "x31/t6",
};

static const char *const freg_names[32] = {
	"f0/ft0",   "f1/ft1",	"f2/ft2",   "f3/ft3",	"f4/ft4",  "f5/ft5",
	"f6/ft6",   "f7/ft7",	"f8/fs0",   "f9/fs1",	"f10/fa0", "f11/fa1",
	"f12/fa2",  "f13/fa3",	"f14/fa4",  "f15/fa5",	"f16/fa6", "f17/fa7",
	"f18/fs2",  "f19/fs3",	"f20/fs4",  "f21/fs5",	"f22/fs6", "f23/fs7",
	"f24/fs8",  "f25/fs9",	"f26/fs10", "f27/fs11", "f28/ft8", "f29/ft9",
	"f30/ft10", "f31/ft11",
};

/* Exception and interrupt names as QEMU's "-d int" lines give them. */
static const char *const exc_names[24] = {
	"misaligned_fetch",
	"fault_fetch",
	"illegal_instruction",
	"breakpoint",
	"misaligned_load",
	"fault_load",
	"misaligned_store",
	"fault_store",
	"user_ecall",
	"supervisor_ecall",
	"hypervisor_ecall",
	"machine_ecall",
	"exec_page_fault",
	"load_page_fault",
	"reserved",
	"store_page_fault",
	"reserved",
	"reserved",
	"reserved",
	"reserved",
	"guest_exec_page_fault",
	"guest_load_page_fault",
	"reserved",
	"guest_store_page_fault",
};

static const char *const irq_names[16] = {
	"u_software", "s_software", "vs_software", "m_software",
	"u_timer",    "s_timer",    "vs_timer",	   "m_timer",
	"u_external", "s_external", "vs_external", "m_external",
	"reserved",   "reserved",   "reserved",	   "reserved",
};

unsigned dbt_trace_flags(const struct dbt_hart *h)
{
	const struct accel_vm_config *cfg = &h->vm->cfg;

	if (!cfg->trace)
		return 0;
	/* A VM configured before the kinds existed traces instructions. */
	return cfg->trace_flags ? cfg->trace_flags : ACCEL_TRACE_INSN;
}

static void trace_regs(FILE *f, const char *const names[32],
		       const uint64_t *regs)
{
	for (unsigned i = 0; i < 32; i++) {
		fprintf(f, " %-8s %016" PRIx64, names[i], regs[i]);
		if ((i & 3) == 3)
			fputc('\n', f);
	}
}

static void trace_cpu(struct dbt_hart *h, FILE *f, unsigned flags)
{
	bool hyp = h->csr.misa & MISA_EXT('H');

	if (hyp)
		fprintf(f, " V      =   %d\n", h->virt ? 1 : 0);
	fprintf(f, " %-8s %016" PRIx64 "\n", "pc", h->pc);
	for (size_t i = 0; i < sizeof(trace_csrs) / sizeof(trace_csrs[0]);
	     i++) {
		const struct trace_csr *c = &trace_csrs[i];
		uint64_t v;

		if (c->hyp && !hyp)
			continue;
		if (dbt_csr_get(h, c->num, &v) < 0)
			continue;
		fprintf(f, " %-8s %016" PRIx64 "\n", c->name, v);
	}
	trace_regs(f, xreg_names, h->x);
	if (flags & ACCEL_TRACE_FPU)
		trace_regs(f, freg_names, h->f);
}

/* `core   0: 0x... (0x...) disassembly`, as Spike and --trace insn print. */
static void trace_insn(struct dbt_hart *h, FILE *f, uint32_t raw)
{
	struct rv_insn in;
	char text[96];

	rv_decode(raw, &in);
	rv_disas(&in, h->pc, text, sizeof(text));
	if (in.len == 2)
		fprintf(f, "core %3u: 0x%016" PRIx64 " (0x%04" PRIx32 ") %s\n",
			h->hartid, h->pc, raw & 0xffff, text);
	else
		fprintf(f, "core %3u: 0x%016" PRIx64 " (0x%08" PRIx32 ") %s\n",
			h->hartid, h->pc, raw, text);
}

void dbt_trace_step(struct dbt_hart *h, uint32_t raw)
{
	unsigned flags = dbt_trace_flags(h);
	FILE *f = h->vm->cfg.trace;

	/* One hart's record stays whole when harts share the file. */
	flockfile(f);
	if (flags & ACCEL_TRACE_INSN)
		trace_insn(h, f, raw);
	if (flags & ACCEL_TRACE_CPU)
		trace_cpu(h, f, flags);
	funlockfile(f);
}

static void trace_trap(struct dbt_hart *h, uint64_t cause, uint64_t epc,
		       uint64_t tval)
{
	bool async = cause & CAUSE_INTERRUPT;
	uint64_t code = cause & ~CAUSE_INTERRUPT;
	const char *desc = "(unknown)";

	if (!(dbt_trace_flags(h) & ACCEL_TRACE_CPU))
		return;
	if (async && code < sizeof(irq_names) / sizeof(irq_names[0]))
		desc = irq_names[code];
	else if (!async && code < sizeof(exc_names) / sizeof(exc_names[0]))
		desc = exc_names[code];
	fprintf(h->vm->cfg.trace,
		"trap: hart:%u, async:%d, cause:%016" PRIx64
		", epc:0x%016" PRIx64 ", tval:0x%016" PRIx64 ", desc=%s\n",
		h->hartid, async ? 1 : 0, code, epc, tval, desc);
}

void dbt_trace_exception(struct dbt_hart *h)
{
	trace_trap(h, h->exc.cause, h->pc, h->exc.tval);
}

void dbt_trace_interrupt(struct dbt_hart *h)
{
	unsigned cause_csr, epc_csr;
	uint64_t cause = 0, epc = 0;

	if (!dbt_trap_check_irq(h))
		return;
	if (h->priv == PRV_M) {
		cause_csr = CSR_MCAUSE;
		epc_csr = CSR_MEPC;
	} else if (h->virt) {
		cause_csr = CSR_VSCAUSE;
		epc_csr = CSR_VSEPC;
	} else {
		cause_csr = CSR_SCAUSE;
		epc_csr = CSR_SEPC;
	}
	dbt_csr_get(h, cause_csr, &cause);
	dbt_csr_get(h, epc_csr, &epc);
	trace_trap(h, cause, epc, 0);
}
