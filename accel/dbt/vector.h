/* SPDX-License-Identifier: MIT */
/*
 * The vector unit of the emulated hart: RISC-V "V" Standard Extension for
 * Vector Operations 1.0 with Zvfhmin, Zvbb and Zvkt, carried out by a
 * helper for the interpreter and the JIT alike.
 *
 * Zvkt (vector cryptography chapter): the instructions on its list take
 * no branch and index no memory with the values of data operands, active
 * or not; only vl, vtype, the mask and what the list exempts as control
 * (vrgather's vs1/rs1 indices, vslideup/down's amount, immediates) steer
 * them. That is why vclz/vctz/vcpop.v count with bit arithmetic, rotations
 * shift both ways even by 0, vmadc/vmsbc take a bit of the wide sum and
 * vmerge and the mask logic mask rather than branch. Saturating,
 * averaging and clipping arithmetic, division, min/max, vcompress,
 * reductions, mask scans and floating point are not on the list.
 *
 * Choices the specification leaves to an implementation:
 *  - tail and inactive elements are left undisturbed whatever vta and vma
 *    say (the spec allows it for both policies), mask-producing
 *    instructions included;
 *  - vl = min(AVL, VLMAX); a vtype hvrun does not support (reserved bits,
 *    SEW > 64, LMUL reserved or fractional LMUL with SEW > LMUL * ELEN)
 *    sets vill; vsetvl{i} x0, x0 (keep vl) under a vtype whose VLMAX is
 *    below vl, which the spec reserves, sets vl = VLMAX;
 *  - traps are precise: a memory fault on element i leaves elements
 *    before i done and vstart = i (in segments for segment instructions,
 *    bytes for vlm/vsm); fault-only-first loads trap only on element 0
 *    and otherwise trim vl; traps never happen inside an arithmetic
 *    instruction, which runs whole;
 *  - misaligned element accesses are carried out (split as scalar ones);
 *  - reserved encodings that hvrun can recognise (register groups out of
 *    alignment or overlapping where the spec forbids it, EMUL out of
 *    range, SEW an instruction does not support, a non-zero vstart on an
 *    instruction that cannot restart) raise illegal-instruction, vstart
 *    unchanged; vstart past the element count is not trapped on;
 *  - vfredusum/vfwredusum sum in element order, as vfredosum does;
 *  - VLEN 128 to 1024 bits (accel_vm_config.vlen), ELEN 64.
 */
#ifndef HVRUN_DBT_VECTOR_H
#define HVRUN_DBT_VECTOR_H

#include "accel/dbt/exec.h"

/* Executes @in, an op with RV_A_VECTOR, with h->pc at it. */
enum dbt_exec_result dbt_exec_vector(struct dbt_hart *h,
				     const struct rv_insn *in);

#endif
