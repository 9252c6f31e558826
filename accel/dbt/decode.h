/* SPDX-License-Identifier: MIT */
/*
 * The one RISC-V decoder: raw instruction bits to a decoded form that the
 * interpreter, the disassembler and the JIT all use. Compressed encodings
 * decode to the base instruction they expand to (len = 2), so the rest of
 * the emulator never sees a C-extension opcode.
 */
#ifndef HVRUN_DBT_DECODE_H
#define HVRUN_DBT_DECODE_H

#include <stdbool.h>
#include <stdint.h>

/*
 * X(op, "mnemonic"). Names follow the ISA manual with '.' written '_'.
 * Operand use by group:
 *  - R-type: rd, rs1, rs2. I-type/loads: rd, rs1, imm. Stores: rs1, rs2, imm.
 *  - Branches and jal: imm is the pc-relative offset. lui/auipc: imm is the
 *    already shifted, sign-extended value (imm = (int32_t)(raw & ~0xfff)).
 *  - Shifts by immediate (slli, srai, rori, bseti, slli_uw ...): imm = shamt.
 *  - CSR: csr = CSR number; csrr*i: rs1 holds the 5-bit zimm.
 *  - AMO/LR/SC: rd, rs1, rs2; aqrl = (aq << 1) | rl.
 *  - fence: imm = fm:pred:succ (raw[31:20]); fence.i: nothing.
 *  - F/D: rm = rounding-mode field (7 = dynamic); fmadd etc. use rs3.
 *  - sfence.vma/hfence.*, sinval.vma/hinval.*: rs1, rs2.
 *  - cbo.*: rs1. hlv/hlvx: rd, rs1. hsv: rs1, rs2.
 *  - Zfh and Zfa ops follow the F/D ones; fli: rd, rs1 = constant index.
 *  - mop.r.n, mop.rr.n, c.mop.n: imm = n (mop.r: rd, rs1; mop.rr: rd,
 *    rs1, rs2; c.mop writes nothing).
 */
/*
 * The vector extension (V 1.0, Zvbb, Zvfhmin): one op per operation, its
 * operand kind (vector, x, immediate, f) taken from funct3 and its
 * element widths, field count and mask bit from the raw encoding, so the
 * names are stems the disassembler completes ("vadd.v" + "x"; "vle" +
 * "32.v"). The groups keep their order: ranges of them share attributes.
 */
/* clang-format off */
#define RV_VOPS(X)                                                            \
	/* configuration: write x[rd] */                                      \
	X(vsetvli, "vsetvli") X(vsetivli, "vsetivli") X(vsetvl, "vsetvl")     \
	/* loads */                                                           \
	X(vle, "vle") X(vleff, "vleff") X(vlm, "vlm.v") X(vlse, "vlse")       \
	X(vluxei, "vluxei") X(vloxei, "vloxei") X(vlr, "vlr")                 \
	/* stores */                                                          \
	X(vse, "vse") X(vsm, "vsm.v") X(vsse, "vsse") X(vsuxei, "vsuxei")     \
	X(vsoxei, "vsoxei") X(vsr, "vsr")                                     \
	/* integer, fixed point, mask and permutation: vector results */      \
	X(vadd, "vadd.v") X(vsub, "vsub.v") X(vrsub, "vrsub.v")               \
	X(vminu, "vminu.v") X(vmin, "vmin.v") X(vmaxu, "vmaxu.v")             \
	X(vmax, "vmax.v") X(vand, "vand.v") X(vor, "vor.v")                   \
	X(vxor, "vxor.v") X(vrgather, "vrgather.v")                           \
	X(vrgatherei16, "vrgatherei16.v") X(vslideup, "vslideup.v")           \
	X(vslidedown, "vslidedown.v") X(vadc, "vadc.v") X(vmadc, "vmadc.v")   \
	X(vsbc, "vsbc.v") X(vmsbc, "vmsbc.v") X(vmerge, "vmerge.v")           \
	X(vmv_v, "vmv.v.") X(vmseq, "vmseq.v") X(vmsne, "vmsne.v")            \
	X(vmsltu, "vmsltu.v") X(vmslt, "vmslt.v") X(vmsleu, "vmsleu.v")       \
	X(vmsle, "vmsle.v") X(vmsgtu, "vmsgtu.v") X(vmsgt, "vmsgt.v")         \
	X(vsaddu, "vsaddu.v") X(vsadd, "vsadd.v") X(vssubu, "vssubu.v")       \
	X(vssub, "vssub.v") X(vsll, "vsll.v") X(vsmul, "vsmul.v")             \
	X(vmvr, "vmvr.v") X(vsrl, "vsrl.v") X(vsra, "vsra.v")                 \
	X(vssrl, "vssrl.v") X(vssra, "vssra.v") X(vnsrl, "vnsrl.w")           \
	X(vnsra, "vnsra.w") X(vnclipu, "vnclipu.w") X(vnclip, "vnclip.w")     \
	X(vwredsumu, "vwredsumu.vs") X(vwredsum, "vwredsum.vs")               \
	X(vandn, "vandn.v") X(vrol, "vrol.v") X(vror, "vror.v")               \
	X(vwsll, "vwsll.v")                                                   \
	X(vredsum, "vredsum.vs") X(vredand, "vredand.vs")                     \
	X(vredor, "vredor.vs") X(vredxor, "vredxor.vs")                       \
	X(vredminu, "vredminu.vs") X(vredmin, "vredmin.vs")                   \
	X(vredmaxu, "vredmaxu.vs") X(vredmax, "vredmax.vs")                   \
	X(vaaddu, "vaaddu.v") X(vaadd, "vaadd.v") X(vasubu, "vasubu.v")       \
	X(vasub, "vasub.v") X(vslide1up, "vslide1up.v")                       \
	X(vslide1down, "vslide1down.v") X(vmv_s_x, "vmv.s.x")                 \
	X(vzext_vf8, "vzext.vf8") X(vsext_vf8, "vsext.vf8")                   \
	X(vzext_vf4, "vzext.vf4") X(vsext_vf4, "vsext.vf4")                   \
	X(vzext_vf2, "vzext.vf2") X(vsext_vf2, "vsext.vf2")                   \
	X(vbrev, "vbrev.v") X(vbrev8, "vbrev8.v") X(vrev8, "vrev8.v")         \
	X(vclz, "vclz.v") X(vctz, "vctz.v") X(vcpop_v, "vcpop.v")             \
	X(vmsbf, "vmsbf.m") X(vmsof, "vmsof.m") X(vmsif, "vmsif.m")           \
	X(viota, "viota.m") X(vid, "vid.v") X(vcompress, "vcompress.vm")      \
	X(vmandn, "vmandn.mm") X(vmand, "vmand.mm") X(vmor, "vmor.mm")        \
	X(vmxor, "vmxor.mm") X(vmorn, "vmorn.mm") X(vmnand, "vmnand.mm")      \
	X(vmnor, "vmnor.mm") X(vmxnor, "vmxnor.mm")                           \
	X(vdivu, "vdivu.v") X(vdiv, "vdiv.v") X(vremu, "vremu.v")             \
	X(vrem, "vrem.v") X(vmulhu, "vmulhu.v") X(vmul, "vmul.v")             \
	X(vmulhsu, "vmulhsu.v") X(vmulh, "vmulh.v") X(vmadd, "vmadd.v")       \
	X(vnmsub, "vnmsub.v") X(vmacc, "vmacc.v") X(vnmsac, "vnmsac.v")       \
	X(vwaddu, "vwaddu.v") X(vwadd, "vwadd.v") X(vwsubu, "vwsubu.v")       \
	X(vwsub, "vwsub.v") X(vwaddu_w, "vwaddu.w") X(vwadd_w, "vwadd.w")     \
	X(vwsubu_w, "vwsubu.w") X(vwsub_w, "vwsub.w") X(vwmulu, "vwmulu.v")   \
	X(vwmulsu, "vwmulsu.v") X(vwmul, "vwmul.v")                           \
	X(vwmaccu, "vwmaccu.v") X(vwmacc, "vwmacc.v")                         \
	X(vwmaccus, "vwmaccus.v") X(vwmaccsu, "vwmaccsu.v")                   \
	/* integer results in x[rd] */                                        \
	X(vmv_x_s, "vmv.x.s") X(vcpop_m, "vcpop.m") X(vfirst_m, "vfirst.m")   \
	/* floating point: vector results */                                  \
	X(vfadd, "vfadd.v") X(vfsub, "vfsub.v") X(vfrsub, "vfrsub.v")         \
	X(vfmin, "vfmin.v") X(vfmax, "vfmax.v") X(vfsgnj, "vfsgnj.v")         \
	X(vfsgnjn, "vfsgnjn.v") X(vfsgnjx, "vfsgnjx.v")                       \
	X(vfslide1up, "vfslide1up.v") X(vfslide1down, "vfslide1down.v")       \
	X(vfmv_s_f, "vfmv.s.f")                                               \
	X(vfredusum, "vfredusum.vs") X(vfredosum, "vfredosum.vs")             \
	X(vfredmin, "vfredmin.vs") X(vfredmax, "vfredmax.vs")                 \
	X(vfwredusum, "vfwredusum.vs") X(vfwredosum, "vfwredosum.vs")         \
	X(vfcvt_xu_f, "vfcvt.xu.f.v") X(vfcvt_x_f, "vfcvt.x.f.v")             \
	X(vfcvt_f_xu, "vfcvt.f.xu.v") X(vfcvt_f_x, "vfcvt.f.x.v")             \
	X(vfcvt_rtz_xu_f, "vfcvt.rtz.xu.f.v")                                 \
	X(vfcvt_rtz_x_f, "vfcvt.rtz.x.f.v")                                   \
	X(vfwcvt_xu_f, "vfwcvt.xu.f.v") X(vfwcvt_x_f, "vfwcvt.x.f.v")         \
	X(vfwcvt_f_xu, "vfwcvt.f.xu.v") X(vfwcvt_f_x, "vfwcvt.f.x.v")         \
	X(vfwcvt_f_f, "vfwcvt.f.f.v")                                         \
	X(vfwcvt_rtz_xu_f, "vfwcvt.rtz.xu.f.v")                               \
	X(vfwcvt_rtz_x_f, "vfwcvt.rtz.x.f.v")                                 \
	X(vfncvt_xu_f, "vfncvt.xu.f.w") X(vfncvt_x_f, "vfncvt.x.f.w")         \
	X(vfncvt_f_xu, "vfncvt.f.xu.w") X(vfncvt_f_x, "vfncvt.f.x.w")         \
	X(vfncvt_f_f, "vfncvt.f.f.w") X(vfncvt_rod_f_f, "vfncvt.rod.f.f.w")   \
	X(vfncvt_rtz_xu_f, "vfncvt.rtz.xu.f.w")                               \
	X(vfncvt_rtz_x_f, "vfncvt.rtz.x.f.w")                                 \
	X(vfsqrt, "vfsqrt.v") X(vfrsqrt7, "vfrsqrt7.v") X(vfrec7, "vfrec7.v") \
	X(vfclass, "vfclass.v") X(vfmerge, "vfmerge.v") X(vfmv_v_f, "vfmv.v.")\
	X(vmfeq, "vmfeq.v") X(vmfle, "vmfle.v") X(vmflt, "vmflt.v")           \
	X(vmfne, "vmfne.v") X(vmfgt, "vmfgt.v") X(vmfge, "vmfge.v")           \
	X(vfdiv, "vfdiv.v") X(vfrdiv, "vfrdiv.v") X(vfmul, "vfmul.v")         \
	X(vfmadd, "vfmadd.v") X(vfnmadd, "vfnmadd.v") X(vfmsub, "vfmsub.v")   \
	X(vfnmsub, "vfnmsub.v") X(vfmacc, "vfmacc.v") X(vfnmacc, "vfnmacc.v") \
	X(vfmsac, "vfmsac.v") X(vfnmsac, "vfnmsac.v") X(vfwadd, "vfwadd.v")   \
	X(vfwsub, "vfwsub.v") X(vfwadd_w, "vfwadd.w") X(vfwsub_w, "vfwsub.w") \
	X(vfwmul, "vfwmul.v") X(vfwmacc, "vfwmacc.v")                         \
	X(vfwnmacc, "vfwnmacc.v") X(vfwmsac, "vfwmsac.v")                     \
	X(vfwnmsac, "vfwnmsac.v")                                             \
	/* floating point: result in f[rd] */                                 \
	X(vfmv_f_s, "vfmv.f.s")
/* clang-format on */

/* One line a group reads better than one op a line. */
/* clang-format off */
#define RV_OPS(X)                                                             \
	X(illegal, "illegal")                                                 \
	/* RV64I */                                                           \
	X(lui, "lui") X(auipc, "auipc") X(jal, "jal") X(jalr, "jalr")         \
	X(beq, "beq") X(bne, "bne") X(blt, "blt") X(bge, "bge")               \
	X(bltu, "bltu") X(bgeu, "bgeu")                                       \
	X(lb, "lb") X(lh, "lh") X(lw, "lw") X(ld, "ld") X(lbu, "lbu")         \
	X(lhu, "lhu") X(lwu, "lwu")                                           \
	X(sb, "sb") X(sh, "sh") X(sw, "sw") X(sd, "sd")                       \
	X(addi, "addi") X(slti, "slti") X(sltiu, "sltiu") X(xori, "xori")     \
	X(ori, "ori") X(andi, "andi") X(slli, "slli") X(srli, "srli")         \
	X(srai, "srai")                                                       \
	X(add, "add") X(sub, "sub") X(sll, "sll") X(slt, "slt")               \
	X(sltu, "sltu") X(xor, "xor") X(srl, "srl") X(sra, "sra")             \
	X(or, "or") X(and, "and")                                             \
	X(fence, "fence") X(fence_i, "fence.i")                               \
	X(ecall, "ecall") X(ebreak, "ebreak")                                 \
	X(addiw, "addiw") X(slliw, "slliw") X(srliw, "srliw")                 \
	X(sraiw, "sraiw") X(addw, "addw") X(subw, "subw") X(sllw, "sllw")     \
	X(srlw, "srlw") X(sraw, "sraw")                                       \
	/* M */                                                               \
	X(mul, "mul") X(mulh, "mulh") X(mulhsu, "mulhsu") X(mulhu, "mulhu")   \
	X(div, "div") X(divu, "divu") X(rem, "rem") X(remu, "remu")           \
	X(mulw, "mulw") X(divw, "divw") X(divuw, "divuw") X(remw, "remw")     \
	X(remuw, "remuw")                                                     \
	/* A */                                                               \
	X(lr_w, "lr.w") X(sc_w, "sc.w") X(amoswap_w, "amoswap.w")             \
	X(amoadd_w, "amoadd.w") X(amoxor_w, "amoxor.w")                       \
	X(amoand_w, "amoand.w") X(amoor_w, "amoor.w")                         \
	X(amomin_w, "amomin.w") X(amomax_w, "amomax.w")                       \
	X(amominu_w, "amominu.w") X(amomaxu_w, "amomaxu.w")                   \
	X(lr_d, "lr.d") X(sc_d, "sc.d") X(amoswap_d, "amoswap.d")             \
	X(amoadd_d, "amoadd.d") X(amoxor_d, "amoxor.d")                       \
	X(amoand_d, "amoand.d") X(amoor_d, "amoor.d")                         \
	X(amomin_d, "amomin.d") X(amomax_d, "amomax.d")                       \
	X(amominu_d, "amominu.d") X(amomaxu_d, "amomaxu.d")                   \
	/* Zicsr */                                                           \
	X(csrrw, "csrrw") X(csrrs, "csrrs") X(csrrc, "csrrc")                 \
	X(csrrwi, "csrrwi") X(csrrsi, "csrrsi") X(csrrci, "csrrci")           \
	/* Privileged, H, Svinval */                                          \
	X(sret, "sret") X(mret, "mret") X(wfi, "wfi")                         \
	X(sfence_vma, "sfence.vma") X(hfence_vvma, "hfence.vvma")             \
	X(hfence_gvma, "hfence.gvma")                                         \
	X(sinval_vma, "sinval.vma") X(sfence_w_inval, "sfence.w.inval")       \
	X(sfence_inval_ir, "sfence.inval.ir") X(hinval_vvma, "hinval.vvma")   \
	X(hinval_gvma, "hinval.gvma")                                         \
	X(hlv_b, "hlv.b") X(hlv_bu, "hlv.bu") X(hlv_h, "hlv.h")               \
	X(hlv_hu, "hlv.hu") X(hlvx_hu, "hlvx.hu") X(hlv_w, "hlv.w")           \
	X(hlvx_wu, "hlvx.wu") X(hlv_wu, "hlv.wu") X(hlv_d, "hlv.d")           \
	X(hsv_b, "hsv.b") X(hsv_h, "hsv.h") X(hsv_w, "hsv.w")                 \
	X(hsv_d, "hsv.d")                                                     \
	/* F */                                                               \
	X(flw, "flw") X(fsw, "fsw") X(fmadd_s, "fmadd.s")                     \
	X(fmsub_s, "fmsub.s") X(fnmsub_s, "fnmsub.s") X(fnmadd_s, "fnmadd.s") \
	X(fadd_s, "fadd.s") X(fsub_s, "fsub.s") X(fmul_s, "fmul.s")           \
	X(fdiv_s, "fdiv.s") X(fsqrt_s, "fsqrt.s") X(fsgnj_s, "fsgnj.s")       \
	X(fsgnjn_s, "fsgnjn.s") X(fsgnjx_s, "fsgnjx.s") X(fmin_s, "fmin.s")   \
	X(fmax_s, "fmax.s") X(fcvt_w_s, "fcvt.w.s")                           \
	X(fcvt_wu_s, "fcvt.wu.s") X(fmv_x_w, "fmv.x.w") X(feq_s, "feq.s")     \
	X(flt_s, "flt.s") X(fle_s, "fle.s") X(fclass_s, "fclass.s")           \
	X(fcvt_s_w, "fcvt.s.w") X(fcvt_s_wu, "fcvt.s.wu")                     \
	X(fmv_w_x, "fmv.w.x") X(fcvt_l_s, "fcvt.l.s")                         \
	X(fcvt_lu_s, "fcvt.lu.s") X(fcvt_s_l, "fcvt.s.l")                     \
	X(fcvt_s_lu, "fcvt.s.lu")                                             \
	/* D */                                                               \
	X(fld, "fld") X(fsd, "fsd") X(fmadd_d, "fmadd.d")                     \
	X(fmsub_d, "fmsub.d") X(fnmsub_d, "fnmsub.d") X(fnmadd_d, "fnmadd.d") \
	X(fadd_d, "fadd.d") X(fsub_d, "fsub.d") X(fmul_d, "fmul.d")           \
	X(fdiv_d, "fdiv.d") X(fsqrt_d, "fsqrt.d") X(fsgnj_d, "fsgnj.d")       \
	X(fsgnjn_d, "fsgnjn.d") X(fsgnjx_d, "fsgnjx.d") X(fmin_d, "fmin.d")   \
	X(fmax_d, "fmax.d") X(fcvt_s_d, "fcvt.s.d") X(fcvt_d_s, "fcvt.d.s")   \
	X(feq_d, "feq.d") X(flt_d, "flt.d") X(fle_d, "fle.d")                 \
	X(fclass_d, "fclass.d") X(fcvt_w_d, "fcvt.w.d")                       \
	X(fcvt_wu_d, "fcvt.wu.d") X(fcvt_d_w, "fcvt.d.w")                     \
	X(fcvt_d_wu, "fcvt.d.wu") X(fcvt_l_d, "fcvt.l.d")                     \
	X(fcvt_lu_d, "fcvt.lu.d") X(fmv_x_d, "fmv.x.d")                       \
	X(fcvt_d_l, "fcvt.d.l") X(fcvt_d_lu, "fcvt.d.lu")                     \
	X(fmv_d_x, "fmv.d.x")                                                 \
	/* Zba */                                                             \
	X(add_uw, "add.uw") X(sh1add, "sh1add") X(sh2add, "sh2add")           \
	X(sh3add, "sh3add") X(sh1add_uw, "sh1add.uw")                         \
	X(sh2add_uw, "sh2add.uw") X(sh3add_uw, "sh3add.uw")                   \
	X(slli_uw, "slli.uw")                                                 \
	/* Zbb */                                                             \
	X(andn, "andn") X(orn, "orn") X(xnor, "xnor") X(clz, "clz")           \
	X(clzw, "clzw") X(ctz, "ctz") X(ctzw, "ctzw") X(cpop, "cpop")         \
	X(cpopw, "cpopw") X(max, "max") X(maxu, "maxu") X(min, "min")         \
	X(minu, "minu") X(sext_b, "sext.b") X(sext_h, "sext.h")               \
	X(zext_h, "zext.h") X(rol, "rol") X(rolw, "rolw") X(ror, "ror")       \
	X(rori, "rori") X(roriw, "roriw") X(rorw, "rorw") X(orc_b, "orc.b")   \
	X(rev8, "rev8")                                                       \
	/* Zbs */                                                             \
	X(bclr, "bclr") X(bclri, "bclri") X(bext, "bext") X(bexti, "bexti")   \
	X(binv, "binv") X(binvi, "binvi") X(bset, "bset") X(bseti, "bseti")   \
	/* Zicbom, Zicboz */                                                  \
	X(cbo_clean, "cbo.clean") X(cbo_flush, "cbo.flush")                   \
	X(cbo_inval, "cbo.inval") X(cbo_zero, "cbo.zero")                     \
	/* Zicond */                                                          \
	X(czero_eqz, "czero.eqz") X(czero_nez, "czero.nez")                   \
	RV_OPS_RVA23(X)                                                       \
	RV_VOPS(X)

/*
 * The scalar extensions of the RVA23 profiles and the scalar crypto ones:
 * Zfhmin/Zfh (results in f[rd], then in x[rd]), Zfa (likewise), Zbc and
 * Zbk*, Zimop/Zcmop (imm = n of mop.r.n, mop.rr.n, c.mop.n; fli: rs1 is
 * the constant's index), Zawrs.
 */
#define RV_OPS_RVA23(X)                                                       \
	X(flh, "flh") X(fsh, "fsh") X(fmadd_h, "fmadd.h")                     \
	X(fmsub_h, "fmsub.h") X(fnmsub_h, "fnmsub.h") X(fnmadd_h, "fnmadd.h") \
	X(fadd_h, "fadd.h") X(fsub_h, "fsub.h") X(fmul_h, "fmul.h")           \
	X(fdiv_h, "fdiv.h") X(fsqrt_h, "fsqrt.h") X(fsgnj_h, "fsgnj.h")       \
	X(fsgnjn_h, "fsgnjn.h") X(fsgnjx_h, "fsgnjx.h") X(fmin_h, "fmin.h")   \
	X(fmax_h, "fmax.h") X(fcvt_s_h, "fcvt.s.h") X(fcvt_h_s, "fcvt.h.s")   \
	X(fcvt_d_h, "fcvt.d.h") X(fcvt_h_d, "fcvt.h.d")                       \
	X(fcvt_h_w, "fcvt.h.w") X(fcvt_h_wu, "fcvt.h.wu")                     \
	X(fcvt_h_l, "fcvt.h.l") X(fcvt_h_lu, "fcvt.h.lu") X(fmv_h_x, "fmv.h.x") \
	X(feq_h, "feq.h") X(flt_h, "flt.h") X(fle_h, "fle.h")                 \
	X(fclass_h, "fclass.h") X(fcvt_w_h, "fcvt.w.h")                       \
	X(fcvt_wu_h, "fcvt.wu.h") X(fcvt_l_h, "fcvt.l.h")                     \
	X(fcvt_lu_h, "fcvt.lu.h") X(fmv_x_h, "fmv.x.h")                       \
	/* Zfa */                                                             \
	X(fli_s, "fli.s") X(fli_d, "fli.d") X(fli_h, "fli.h")                 \
	X(fminm_s, "fminm.s") X(fmaxm_s, "fmaxm.s") X(fminm_d, "fminm.d")     \
	X(fmaxm_d, "fmaxm.d") X(fminm_h, "fminm.h") X(fmaxm_h, "fmaxm.h")     \
	X(fround_s, "fround.s") X(froundnx_s, "froundnx.s")                   \
	X(fround_d, "fround.d") X(froundnx_d, "froundnx.d")                   \
	X(fround_h, "fround.h") X(froundnx_h, "froundnx.h")                   \
	X(fcvtmod_w_d, "fcvtmod.w.d") X(fleq_s, "fleq.s") X(fltq_s, "fltq.s") \
	X(fleq_d, "fleq.d") X(fltq_d, "fltq.d") X(fleq_h, "fleq.h")           \
	X(fltq_h, "fltq.h")                                                   \
	/* Zbc, Zbkc, Zbkb, Zbkx */                                           \
	X(clmul, "clmul") X(clmulh, "clmulh") X(clmulr, "clmulr")             \
	X(pack, "pack") X(packh, "packh") X(packw, "packw") X(brev8, "brev8") \
	X(xperm4, "xperm4") X(xperm8, "xperm8")                               \
	/* Zimop, Zcmop, Zawrs */                                             \
	X(mop_r, "mop.r") X(mop_rr, "mop.rr") X(c_mop, "c.mop")               \
	X(wrs_nto, "wrs.nto") X(wrs_sto, "wrs.sto")
/* clang-format on */

enum rv_op {
#define RV_OP_ENUM(op, name) RV_OP_##op,
	RV_OPS(RV_OP_ENUM)
#undef RV_OP_ENUM
		RV_OP_COUNT
};

/* 24 bytes: the interpreter keeps one a guest instruction. */
struct rv_insn {
	uint16_t op; /* enum rv_op */
	uint8_t len; /* 2 (compressed) or 4 */
	uint8_t rd, rs1, rs2, rs3;
	uint8_t rm : 3;	  /* F/D rounding mode field */
	uint8_t aqrl : 2; /* AMO ordering bits */
	/*
	 * Not the decoder's: the byte offset of the instruction from the
	 * start of the block that holds it (a translated block may take
	 * code from anywhere in its page, before its start too), so that
	 * pc-relative values need no pc kept per instruction.
	 */
	int16_t pcoff;
	uint16_t csr; /* CSR number for Zicsr */
	uint32_t raw; /* the encoding as fetched (16 bits for compressed) */
	int64_t imm;
};
_Static_assert(sizeof(struct rv_insn) == 24, "a decoded instruction is small");

/*
 * What an instruction is, as every user of the decoder needs to know it:
 * one row a decoded op (rv_op_attrs[in->op]).
 */
enum {
	RV_A_END = 1 << 0,     /* ends a block: pc or privilege may change */
	RV_A_BRANCH = 1 << 1,  /* conditional branch (pc + imm or next) */
	RV_A_JUMP = 1 << 2,    /* jal, jalr */
	RV_A_TRAP = 1 << 3,    /* may raise an exception */
	RV_A_LOAD = 1 << 4,    /* reads memory (size, sign below) */
	RV_A_STORE = 1 << 5,   /* writes memory */
	RV_A_SIGNED = 1 << 6,  /* a load that sign-extends */
	RV_A_RD = 1 << 7,      /* writes x[rd] */
	RV_A_FRD = 1 << 8,     /* writes f[rd] */
	RV_A_FP = 1 << 9,      /* needs mstatus.FS on */
	RV_A_PC = 1 << 10,     /* reads the pc */
	RV_A_SYSTEM = 1 << 11, /* privileged, CSR or fence: a helper runs it */
	RV_A_ATOMIC = 1 << 12, /* LR, SC, AMO */
	RV_A_VECTOR = 1 << 13, /* needs mstatus.VS on; a helper runs it */
};

struct rv_op_attr {
	uint16_t flags; /* RV_A_* */
	uint8_t size;	/* bytes a memory access moves, 0 if none */
};

extern const struct rv_op_attr rv_op_attrs[RV_OP_COUNT];

/*
 * The extensions an op needs (bits 1 << ACCEL_EXT_*, accel/isa.h): all
 * of @all, and one of @any when it is not 0 (rol is Zbb's and Zbkb's).
 * A compressed encoding also needs C, and Zcb's forms Zcb (and the
 * extension of the instruction they expand to).
 */
struct rv_op_ext {
	uint64_t all, any;
};

extern const struct rv_op_ext rv_op_exts[RV_OP_COUNT];

/* Length in bytes implied by the low bits of the first parcel. */
static inline unsigned rv_insn_len(uint32_t first_parcel)
{
	return (first_parcel & 3) == 3 ? 4 : 2;
}

/*
 * Decodes @raw (for a 16-bit instruction only the low half is looked at).
 * Returns the length (2 or 4); an encoding that is reserved or not
 * implemented yields op RV_OP_illegal with len and raw still set, and the
 * hart raises illegal-instruction with tval = raw.
 */
unsigned rv_decode(uint32_t raw, struct rv_insn *out);

/*
 * rv_decode() for a hart that has the instruction-set extensions in
 * @ext (accel_isa_decode()): an instruction of an extension it lacks is
 * RV_OP_illegal. Blocks are decoded per hart, so the choice costs
 * nothing when they run. rv_decode() is rv_decode_isa(raw, out, ~0).
 */
unsigned rv_decode_isa(uint32_t raw, struct rv_insn *out, uint64_t ext);

/*
 * Whether the 5-bit immediate of the OPIVI form of vector op @op is
 * unsigned (shift amounts, slide offsets, gather indexes) rather than
 * sign-extended. vror's takes a sixth bit from the encoding besides.
 */
bool rv_vop_uimm(unsigned op);

extern const char *const rv_op_names[RV_OP_COUNT];

#endif
