/* SPDX-License-Identifier: MIT */
/*
 * The RISC-V ISA a VM's harts offer (--isa): the extensions, named as the
 * ISA manual and the profiles specification name them (riscv-profiles,
 * rva23-profile.adoc), the sets --isa starts from (rv64gc, rv64gcv,
 * rva22u64, rva22s64, rva23u64, rva23s64, max), and the strings the
 * device tree reports them by.
 *
 * Accelerator-neutral: the emulated hart (accel/dbt) decides with it
 * which instructions decode and which CSRs and fields exist; the KVM
 * accelerator maps each extension to its KVM_RISCV_ISA_EXT_* ONE_REG
 * enable by name (accel_isa_name()), keeping <linux/kvm.h> to itself.
 */
#ifndef HVRUN_ACCEL_ISA_H
#define HVRUN_ACCEL_ISA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Extension ids. The ones that decide whether an instruction decodes come
 * first: the decoder takes them as one 64-bit mask (accel_isa_decode()).
 */
enum accel_ext {
	/* Instruction sets */
	ACCEL_EXT_I,
	ACCEL_EXT_M,
	ACCEL_EXT_A,
	ACCEL_EXT_F,
	ACCEL_EXT_D,
	ACCEL_EXT_C,
	ACCEL_EXT_H,
	ACCEL_EXT_V,
	ACCEL_EXT_ZICSR,
	ACCEL_EXT_ZIFENCEI,
	ACCEL_EXT_ZICOND,
	ACCEL_EXT_ZIMOP,
	ACCEL_EXT_ZICBOM,
	ACCEL_EXT_ZICBOZ,
	ACCEL_EXT_ZAWRS,
	ACCEL_EXT_ZFA,
	ACCEL_EXT_ZFH,
	ACCEL_EXT_ZFHMIN,
	ACCEL_EXT_ZCA,
	ACCEL_EXT_ZCB,
	ACCEL_EXT_ZCD,
	ACCEL_EXT_ZCMOP,
	ACCEL_EXT_ZBA,
	ACCEL_EXT_ZBB,
	ACCEL_EXT_ZBC,
	ACCEL_EXT_ZBKB,
	ACCEL_EXT_ZBKC,
	ACCEL_EXT_ZBKX,
	ACCEL_EXT_ZBS,
	ACCEL_EXT_SVINVAL,
	ACCEL_EXT_ZVFHMIN,
	ACCEL_EXT_ZVBB,
	ACCEL_EXT_ZVKT,
	ACCEL_EXT_DECODE_END, /* the decoder's mask ends here */

	/* CSRs, fields and behaviour */
	ACCEL_EXT_ZICNTR = ACCEL_EXT_DECODE_END,
	ACCEL_EXT_ZIHPM,
	ACCEL_EXT_ZIHINTPAUSE,
	ACCEL_EXT_ZIHINTNTL,
	ACCEL_EXT_ZICBOP,
	ACCEL_EXT_ZIC64B,
	ACCEL_EXT_ZICCIF,
	ACCEL_EXT_ZICCRSE,
	ACCEL_EXT_ZICCAMOA,
	ACCEL_EXT_ZICCLSM,
	ACCEL_EXT_ZA64RS,
	ACCEL_EXT_ZKT,
	ACCEL_EXT_SHA,
	ACCEL_EXT_SHCOUNTERENW,
	ACCEL_EXT_SHGATPA,
	ACCEL_EXT_SHTVALA,
	ACCEL_EXT_SHVSATPA,
	ACCEL_EXT_SHVSTVALA,
	ACCEL_EXT_SHVSTVECD,
	ACCEL_EXT_SMMPM,
	ACCEL_EXT_SMNPM,
	ACCEL_EXT_SMSTATEEN,
	ACCEL_EXT_SSCCPTR,
	ACCEL_EXT_SSCOFPMF,
	ACCEL_EXT_SSCOUNTERENW,
	ACCEL_EXT_SSNPM,
	ACCEL_EXT_SSSTATEEN,
	ACCEL_EXT_SSTC,
	ACCEL_EXT_SSTVALA,
	ACCEL_EXT_SSTVECD,
	ACCEL_EXT_SSU64XL,
	ACCEL_EXT_SUPM,
	ACCEL_EXT_SVADE,
	ACCEL_EXT_SVADU,
	ACCEL_EXT_SVNAPOT,
	ACCEL_EXT_SVPBMT,
	/* satp modes: in mmu-type, not in the extension lists */
	ACCEL_EXT_SV39,
	ACCEL_EXT_SV48,
	ACCEL_EXT_SV57,
	ACCEL_EXT_COUNT,
};

_Static_assert(ACCEL_EXT_DECODE_END <= 64, "the decoder's mask is 64 bits");
_Static_assert(ACCEL_EXT_COUNT <= 128, "struct accel_isa holds 128");

/* A set of extensions. All zero means "not chosen": the default. */
struct accel_isa {
	uint64_t w[2];
};

static inline bool accel_isa_has(const struct accel_isa *isa, unsigned ext)
{
	return (isa->w[ext / 64] >> (ext % 64)) & 1;
}

static inline void accel_isa_set(struct accel_isa *isa, unsigned ext, bool on)
{
	uint64_t bit = 1ull << (ext % 64);

	if (on)
		isa->w[ext / 64] |= bit;
	else
		isa->w[ext / 64] &= ~bit;
}

static inline bool accel_isa_empty(const struct accel_isa *isa)
{
	return !isa->w[0] && !isa->w[1];
}

/* The instruction-set extensions of @isa, as a mask of 1 << id. */
static inline uint64_t accel_isa_decode(const struct accel_isa *isa)
{
	return isa->w[0] & ((1ull << ACCEL_EXT_DECODE_END) - 1);
}

/* The set --isa gives when the user names none. */
#define ACCEL_ISA_DEFAULT "rva23s64"

/*
 * Parses "NAME[,EXT=on|off]...": a named set, then extensions switched
 * on or off, left to right. Turning one on turns on what it needs (zfh
 * needs zfhmin and f); turning one off turns off what needs it. Returns
 * 0, or -EINVAL with a sentence for the user in @err.
 */
int accel_isa_parse(const char *arg, struct accel_isa *isa, char *err,
		    size_t errlen);

/* The named set @name ("rva23s64"...), or -ENOENT. */
int accel_isa_profile(const char *name, struct accel_isa *isa);

/* The extension's name as the device tree spells it ("zfh"), or NULL. */
const char *accel_isa_name(unsigned ext);

/* The id of the extension named @name, or -ENOENT. */
int accel_isa_lookup(const char *name);

/* riscv,isa: "rv64imafdch_zicsr_...", in the ISA manual's order. */
int accel_isa_string(const struct accel_isa *isa, char *buf, size_t len);

/*
 * riscv,isa-extensions: the names of @isa, NULL-ended, in @out (room for
 * @max including the NULL). Returns the count, or -ENOSPC.
 */
int accel_isa_list(const struct accel_isa *isa, const char **out, size_t max);

/* misa's extension bits (A..Z) and MXL, with S and U. */
uint64_t accel_isa_misa(const struct accel_isa *isa);

/* mmu-type: "riscv,sv57", "riscv,sv48", "riscv,sv39" or "riscv,none". */
const char *accel_isa_mmu_type(const struct accel_isa *isa);

/* What --isa help prints. */
void accel_isa_help(void *file);

#endif
