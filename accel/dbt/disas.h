/* SPDX-License-Identifier: MIT */
/*
 * Disassembler for decoded RISC-V instructions. The text follows the GNU
 * objdump conventions (ABI register names, the usual pseudo-instructions,
 * CSR names), so that traces can be compared with other tools' output.
 */
#ifndef HVRUN_DBT_DISAS_H
#define HVRUN_DBT_DISAS_H

#include <stddef.h>
#include <stdint.h>

#include "accel/dbt/decode.h"

/*
 * Writes the text of @in, located at @pc (used for branch and jump
 * targets, which are printed as absolute hex addresses without "0x"), to
 * @buf as a NUL-terminated string: mnemonic, one space, operands.
 * Returns 0, -EINVAL without a buffer, or -ENOSPC when the text did not
 * fit (@buf then holds as much as fitted). 64 bytes always suffice.
 */
int rv_disas(const struct rv_insn *in, uint64_t pc, char *buf, size_t len);

/* ABI names: "zero", "ra", ..., "t6"; "ft0", ..., "ft11". NULL if r > 31. */
const char *rv_disas_xreg_name(unsigned r);
const char *rv_disas_freg_name(unsigned r);

/*
 * Writes the name the privileged spec gives CSR @csr to @buf. Returns 0,
 * -ENOENT for a CSR without a name, -ENOSPC if @len is too small.
 */
int rv_disas_csr_name(unsigned csr, char *buf, size_t len);

#endif
