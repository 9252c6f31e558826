/* SPDX-License-Identifier: MIT */
/*
 * Decoder tests. Encodings were produced by GNU as from the assembly in
 * the comments; the expected fields were worked out by hand from the
 * instruction formats of the Unprivileged ISA (RV32I/RV64I base formats,
 * M, A, F, D, C, Zicsr, Zifencei, B, CMO, Zihintpause, Zfh, Zbc, Zbkb,
 * Zbkx, Zawrs) and the Privileged ISA (Supervisor, Hypervisor and Svinval
 * instructions). GNU as 2.40 lacks Zfa, Zcb, Zimop and Zcmop: their
 * encodings were put together by hand from the spec's encoding figures.
 */
#include "accel/dbt/decode.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "accel/isa.h"

static int failures;

static void __attribute__((format(printf, 2, 3)))
fail(const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("FAIL %s: ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	failures++;
}

struct expect {
	uint32_t raw;
	uint8_t len;
	uint16_t op;
	uint8_t rd, rs1, rs2, rs3;
	int64_t imm;
	uint8_t rm, aqrl;
	uint16_t csr;
	const char *text;
};

/* clang-format off */
static const struct expect valid[] = {
#define E(raw, len, op, rd, rs1, rs2, rs3, imm, rm, aqrl, csr)                \
	{ raw, len, op, rd, rs1, rs2, rs3, imm, rm, aqrl, csr, NULL }
	/* add a0,a1,a2 */
	E(0x00c58533, 4, RV_OP_add, 10, 11, 12, 0, 0, 0, 0, 0),
	/* sub t6,s11,t0 */
	E(0x405d8fb3, 4, RV_OP_sub, 31, 27, 5, 0, 0, 0, 0, 0),
	/* addi a0,a1,-2048 */
	E(0x80058513, 4, RV_OP_addi, 10, 11, 0, 0, -2048, 0, 0, 0),
	/* addi a0,a1,2047 */
	E(0x7ff58513, 4, RV_OP_addi, 10, 11, 0, 0, 2047, 0, 0, 0),
	/* slti a0,a1,-1 */
	E(0xfff5a513, 4, RV_OP_slti, 10, 11, 0, 0, -1, 0, 0, 0),
	/* sltiu a0,a1,1 */
	E(0x0015b513, 4, RV_OP_sltiu, 10, 11, 0, 0, 1, 0, 0, 0),
	/* xori a0,a1,-1 */
	E(0xfff5c513, 4, RV_OP_xori, 10, 11, 0, 0, -1, 0, 0, 0),
	/* andi s1,s1,255 */
	E(0x0ff4f493, 4, RV_OP_andi, 9, 9, 0, 0, 255, 0, 0, 0),
	/* lui a0,0xfffff */
	E(0xfffff537, 4, RV_OP_lui, 10, 0, 0, 0, -4096, 0, 0, 0),
	/* lui t0,0x80000 */
	E(0x800002b7, 4, RV_OP_lui, 5, 0, 0, 0, -2147483648, 0, 0, 0),
	/* lui t0,0x7ffff */
	E(0x7ffff2b7, 4, RV_OP_lui, 5, 0, 0, 0, 2147479552, 0, 0, 0),
	/* auipc ra,0x12345 */
	E(0x12345097, 4, RV_OP_auipc, 1, 0, 0, 0, 305418240, 0, 0, 0),
	/* jal x0,.-1048576 */
	E(0x8000006f, 4, RV_OP_jal, 0, 0, 0, 0, -1048576, 0, 0, 0),
	/* jal ra,.+1048574 */
	E(0x7ffff0ef, 4, RV_OP_jal, 1, 0, 0, 0, 1048574, 0, 0, 0),
	/* jal a0,.+2048 */
	E(0x0010056f, 4, RV_OP_jal, 10, 0, 0, 0, 2048, 0, 0, 0),
	/* jalr ra,-1(a5) */
	E(0xfff780e7, 4, RV_OP_jalr, 1, 15, 0, 0, -1, 0, 0, 0),
	/* beq a0,a1,.-4096 */
	E(0x80b50063, 4, RV_OP_beq, 0, 10, 11, 0, -4096, 0, 0, 0),
	/* bgeu t1,t2,.+4094 */
	E(0x7e737fe3, 4, RV_OP_bgeu, 0, 6, 7, 0, 4094, 0, 0, 0),
	/* bne s0,zero,.+2 */
	E(0x00041163, 4, RV_OP_bne, 0, 8, 0, 0, 2, 0, 0, 0),
	/* blt a0,a1,.-2 */
	E(0xfeb54fe3, 4, RV_OP_blt, 0, 10, 11, 0, -2, 0, 0, 0),
	/* bge a0,a1,.+2048 */
	E(0x00b550e3, 4, RV_OP_bge, 0, 10, 11, 0, 2048, 0, 0, 0),
	/* bltu a0,a1,.+16 */
	E(0x00b56863, 4, RV_OP_bltu, 0, 10, 11, 0, 16, 0, 0, 0),
	/* lb a0,-1(a1) */
	E(0xfff58503, 4, RV_OP_lb, 10, 11, 0, 0, -1, 0, 0, 0),
	/* lhu a0,2047(a1) */
	E(0x7ff5d503, 4, RV_OP_lhu, 10, 11, 0, 0, 2047, 0, 0, 0),
	/* lwu a0,-2048(a1) */
	E(0x8005e503, 4, RV_OP_lwu, 10, 11, 0, 0, -2048, 0, 0, 0),
	/* ld a0,-8(sp) */
	E(0xff813503, 4, RV_OP_ld, 10, 2, 0, 0, -8, 0, 0, 0),
	/* sb a2,-1(a1) */
	E(0xfec58fa3, 4, RV_OP_sb, 0, 11, 12, 0, -1, 0, 0, 0),
	/* sh a2,2047(a1) */
	E(0x7ec59fa3, 4, RV_OP_sh, 0, 11, 12, 0, 2047, 0, 0, 0),
	/* sw a2,-2048(a1) */
	E(0x80c5a023, 4, RV_OP_sw, 0, 11, 12, 0, -2048, 0, 0, 0),
	/* sd ra,-8(sp) */
	E(0xfe113c23, 4, RV_OP_sd, 0, 2, 1, 0, -8, 0, 0, 0),
	/* slli a0,a0,63 */
	E(0x03f51513, 4, RV_OP_slli, 10, 10, 0, 0, 63, 0, 0, 0),
	/* srli a0,a1,32 */
	E(0x0205d513, 4, RV_OP_srli, 10, 11, 0, 0, 32, 0, 0, 0),
	/* srai a0,a0,63 */
	E(0x43f55513, 4, RV_OP_srai, 10, 10, 0, 0, 63, 0, 0, 0),
	/* addiw a0,a1,-5 */
	E(0xffb5851b, 4, RV_OP_addiw, 10, 11, 0, 0, -5, 0, 0, 0),
	/* slliw a0,a1,31 */
	E(0x01f5951b, 4, RV_OP_slliw, 10, 11, 0, 0, 31, 0, 0, 0),
	/* srliw a0,a1,1 */
	E(0x0015d51b, 4, RV_OP_srliw, 10, 11, 0, 0, 1, 0, 0, 0),
	/* sraiw a0,a1,31 */
	E(0x41f5d51b, 4, RV_OP_sraiw, 10, 11, 0, 0, 31, 0, 0, 0),
	/* addw a0,a1,a2 */
	E(0x00c5853b, 4, RV_OP_addw, 10, 11, 12, 0, 0, 0, 0, 0),
	/* subw a0,a1,a2 */
	E(0x40c5853b, 4, RV_OP_subw, 10, 11, 12, 0, 0, 0, 0, 0),
	/* sllw a0,a1,a2 */
	E(0x00c5953b, 4, RV_OP_sllw, 10, 11, 12, 0, 0, 0, 0, 0),
	/* srlw a0,a1,a2 */
	E(0x00c5d53b, 4, RV_OP_srlw, 10, 11, 12, 0, 0, 0, 0, 0),
	/* sraw a0,a1,a2 */
	E(0x40c5d53b, 4, RV_OP_sraw, 10, 11, 12, 0, 0, 0, 0, 0),
	/* sll a0,a1,a2 */
	E(0x00c59533, 4, RV_OP_sll, 10, 11, 12, 0, 0, 0, 0, 0),
	/* slt a0,a1,a2 */
	E(0x00c5a533, 4, RV_OP_slt, 10, 11, 12, 0, 0, 0, 0, 0),
	/* sltu a0,a1,a2 */
	E(0x00c5b533, 4, RV_OP_sltu, 10, 11, 12, 0, 0, 0, 0, 0),
	/* xor a0,a1,a2 */
	E(0x00c5c533, 4, RV_OP_xor, 10, 11, 12, 0, 0, 0, 0, 0),
	/* srl a0,a1,a2 */
	E(0x00c5d533, 4, RV_OP_srl, 10, 11, 12, 0, 0, 0, 0, 0),
	/* sra a0,a1,a2 */
	E(0x40c5d533, 4, RV_OP_sra, 10, 11, 12, 0, 0, 0, 0, 0),
	/* or a0,a1,a2 */
	E(0x00c5e533, 4, RV_OP_or, 10, 11, 12, 0, 0, 0, 0, 0),
	/* and a0,a1,a2 */
	E(0x00c5f533, 4, RV_OP_and, 10, 11, 12, 0, 0, 0, 0, 0),
	/* mul a0,a1,a2 */
	E(0x02c58533, 4, RV_OP_mul, 10, 11, 12, 0, 0, 0, 0, 0),
	/* mulh a0,a1,a2 */
	E(0x02c59533, 4, RV_OP_mulh, 10, 11, 12, 0, 0, 0, 0, 0),
	/* mulhsu a0,a1,a2 */
	E(0x02c5a533, 4, RV_OP_mulhsu, 10, 11, 12, 0, 0, 0, 0, 0),
	/* mulhu a0,a1,a2 */
	E(0x02c5b533, 4, RV_OP_mulhu, 10, 11, 12, 0, 0, 0, 0, 0),
	/* div a0,a1,a2 */
	E(0x02c5c533, 4, RV_OP_div, 10, 11, 12, 0, 0, 0, 0, 0),
	/* divu a0,a1,a2 */
	E(0x02c5d533, 4, RV_OP_divu, 10, 11, 12, 0, 0, 0, 0, 0),
	/* rem a0,a1,a2 */
	E(0x02c5e533, 4, RV_OP_rem, 10, 11, 12, 0, 0, 0, 0, 0),
	/* remu a0,a1,a2 */
	E(0x02c5f533, 4, RV_OP_remu, 10, 11, 12, 0, 0, 0, 0, 0),
	/* mulw a0,a1,a2 */
	E(0x02c5853b, 4, RV_OP_mulw, 10, 11, 12, 0, 0, 0, 0, 0),
	/* divw a0,a1,a2 */
	E(0x02c5c53b, 4, RV_OP_divw, 10, 11, 12, 0, 0, 0, 0, 0),
	/* divuw a0,a1,a2 */
	E(0x02c5d53b, 4, RV_OP_divuw, 10, 11, 12, 0, 0, 0, 0, 0),
	/* remw a0,a1,a2 */
	E(0x02c5e53b, 4, RV_OP_remw, 10, 11, 12, 0, 0, 0, 0, 0),
	/* remuw a0,a1,a2 */
	E(0x02c5f53b, 4, RV_OP_remuw, 10, 11, 12, 0, 0, 0, 0, 0),
	/* lr.w a0,(a1) */
	E(0x1005a52f, 4, RV_OP_lr_w, 10, 11, 0, 0, 0, 0, 0, 0),
	/* lr.d.aq a0,(a1) */
	E(0x1405b52f, 4, RV_OP_lr_d, 10, 11, 0, 0, 0, 0, 2, 0),
	/* sc.w.rl a0,a2,(a1) */
	E(0x1ac5a52f, 4, RV_OP_sc_w, 10, 11, 12, 0, 0, 0, 1, 0),
	/* sc.d.aqrl a0,a2,(a1) */
	E(0x1ec5b52f, 4, RV_OP_sc_d, 10, 11, 12, 0, 0, 0, 3, 0),
	/* amoswap.d.aqrl a0,a2,(a1) */
	E(0x0ec5b52f, 4, RV_OP_amoswap_d, 10, 11, 12, 0, 0, 0, 3, 0),
	/* amoadd.w t0,t1,(t2) */
	E(0x0063a2af, 4, RV_OP_amoadd_w, 5, 7, 6, 0, 0, 0, 0, 0),
	/* amoxor.w a0,a2,(a1) */
	E(0x20c5a52f, 4, RV_OP_amoxor_w, 10, 11, 12, 0, 0, 0, 0, 0),
	/* amoand.d a0,a2,(a1) */
	E(0x60c5b52f, 4, RV_OP_amoand_d, 10, 11, 12, 0, 0, 0, 0, 0),
	/* amoor.w.aq a0,a2,(a1) */
	E(0x44c5a52f, 4, RV_OP_amoor_w, 10, 11, 12, 0, 0, 0, 2, 0),
	/* amomin.d a0,a2,(a1) */
	E(0x80c5b52f, 4, RV_OP_amomin_d, 10, 11, 12, 0, 0, 0, 0, 0),
	/* amomax.w a0,a2,(a1) */
	E(0xa0c5a52f, 4, RV_OP_amomax_w, 10, 11, 12, 0, 0, 0, 0, 0),
	/* amominu.d a0,a2,(a1) */
	E(0xc0c5b52f, 4, RV_OP_amominu_d, 10, 11, 12, 0, 0, 0, 0, 0),
	/* amomaxu.w a0,a2,(a1) */
	E(0xe0c5a52f, 4, RV_OP_amomaxu_w, 10, 11, 12, 0, 0, 0, 0, 0),
	/* csrrw a0,mstatus,a1 */
	E(0x30059573, 4, RV_OP_csrrw, 10, 11, 0, 0, 0, 0, 0, 0x300),
	/* csrrs zero,satp,t0 */
	E(0x1802a073, 4, RV_OP_csrrs, 0, 5, 0, 0, 0, 0, 0, 0x180),
	/* csrrc a0,0xfff,a1 */
	E(0xfff5b573, 4, RV_OP_csrrc, 10, 11, 0, 0, 0, 0, 0, 0xfff),
	/* csrrwi a0,sstatus,31 */
	E(0x100fd573, 4, RV_OP_csrrwi, 10, 31, 0, 0, 0, 0, 0, 0x100),
	/* csrrsi a0,fflags,1 */
	E(0x0010e573, 4, RV_OP_csrrsi, 10, 1, 0, 0, 0, 0, 0, 0x001),
	/* csrrci zero,0x7c0,17 */
	E(0x7c08f073, 4, RV_OP_csrrci, 0, 17, 0, 0, 0, 0, 0, 0x7c0),
	/* ecall */
	E(0x00000073, 4, RV_OP_ecall, 0, 0, 0, 0, 0, 0, 0, 0),
	/* ebreak */
	E(0x00100073, 4, RV_OP_ebreak, 0, 0, 0, 0, 0, 0, 0, 0),
	/* sret */
	E(0x10200073, 4, RV_OP_sret, 0, 0, 0, 0, 0, 0, 0, 0),
	/* mret */
	E(0x30200073, 4, RV_OP_mret, 0, 0, 0, 0, 0, 0, 0, 0),
	/* wfi */
	E(0x10500073, 4, RV_OP_wfi, 0, 0, 0, 0, 0, 0, 0, 0),
	/* sfence.vma a0,a1 */
	E(0x12b50073, 4, RV_OP_sfence_vma, 0, 10, 11, 0, 0, 0, 0, 0),
	/* sfence.vma */
	E(0x12000073, 4, RV_OP_sfence_vma, 0, 0, 0, 0, 0, 0, 0, 0),
	/* hfence.vvma t0,t1 */
	E(0x22628073, 4, RV_OP_hfence_vvma, 0, 5, 6, 0, 0, 0, 0, 0),
	/* hfence.gvma a0 */
	E(0x62050073, 4, RV_OP_hfence_gvma, 0, 10, 0, 0, 0, 0, 0, 0),
	/* sinval.vma a0,a1 */
	E(0x16b50073, 4, RV_OP_sinval_vma, 0, 10, 11, 0, 0, 0, 0, 0),
	/* sfence.w.inval */
	E(0x18000073, 4, RV_OP_sfence_w_inval, 0, 0, 0, 0, 0, 0, 0, 0),
	/* sfence.inval.ir */
	E(0x18100073, 4, RV_OP_sfence_inval_ir, 0, 0, 0, 0, 0, 0, 0, 0),
	/* hinval.vvma a0,a1 */
	E(0x26b50073, 4, RV_OP_hinval_vvma, 0, 10, 11, 0, 0, 0, 0, 0),
	/* hinval.gvma a0,a1 */
	E(0x66b50073, 4, RV_OP_hinval_gvma, 0, 10, 11, 0, 0, 0, 0, 0),
	/* hlv.b a0,(a1) */
	E(0x6005c573, 4, RV_OP_hlv_b, 10, 11, 0, 0, 0, 0, 0, 0),
	/* hlv.bu a0,(a1) */
	E(0x6015c573, 4, RV_OP_hlv_bu, 10, 11, 0, 0, 0, 0, 0, 0),
	/* hlv.h a0,(a1) */
	E(0x6405c573, 4, RV_OP_hlv_h, 10, 11, 0, 0, 0, 0, 0, 0),
	/* hlv.hu a0,(a1) */
	E(0x6415c573, 4, RV_OP_hlv_hu, 10, 11, 0, 0, 0, 0, 0, 0),
	/* hlvx.hu a0,(a1) */
	E(0x6435c573, 4, RV_OP_hlvx_hu, 10, 11, 0, 0, 0, 0, 0, 0),
	/* hlv.w a0,(a1) */
	E(0x6805c573, 4, RV_OP_hlv_w, 10, 11, 0, 0, 0, 0, 0, 0),
	/* hlv.wu a0,(a1) */
	E(0x6815c573, 4, RV_OP_hlv_wu, 10, 11, 0, 0, 0, 0, 0, 0),
	/* hlvx.wu a0,(a1) */
	E(0x6835c573, 4, RV_OP_hlvx_wu, 10, 11, 0, 0, 0, 0, 0, 0),
	/* hlv.d t6,(s11) */
	E(0x6c0dcff3, 4, RV_OP_hlv_d, 31, 27, 0, 0, 0, 0, 0, 0),
	/* hsv.b a2,(a1) */
	E(0x62c5c073, 4, RV_OP_hsv_b, 0, 11, 12, 0, 0, 0, 0, 0),
	/* hsv.h a2,(a1) */
	E(0x66c5c073, 4, RV_OP_hsv_h, 0, 11, 12, 0, 0, 0, 0, 0),
	/* hsv.w a2,(a1) */
	E(0x6ac5c073, 4, RV_OP_hsv_w, 0, 11, 12, 0, 0, 0, 0, 0),
	/* hsv.d a2,(a1) */
	E(0x6ec5c073, 4, RV_OP_hsv_d, 0, 11, 12, 0, 0, 0, 0, 0),
	/* fence rw,rw */
	E(0x0330000f, 4, RV_OP_fence, 0, 0, 0, 0, 0x033, 0, 0, 0),
	/* fence */
	E(0x0ff0000f, 4, RV_OP_fence, 0, 0, 0, 0, 0x0ff, 0, 0, 0),
	/* fence.tso */
	E(0x8330000f, 4, RV_OP_fence, 0, 0, 0, 0, 0x833, 0, 0, 0),
	/* pause */
	E(0x0100000f, 4, RV_OP_fence, 0, 0, 0, 0, 0x010, 0, 0, 0),
	/* fence.i */
	E(0x0000100f, 4, RV_OP_fence_i, 0, 0, 0, 0, 0, 0, 0, 0),
	/* flw fa0,-4(a1) */
	E(0xffc5a507, 4, RV_OP_flw, 10, 11, 0, 0, -4, 0, 0, 0),
	/* fld fs11,2040(sp) */
	E(0x7f813d87, 4, RV_OP_fld, 27, 2, 0, 0, 2040, 0, 0, 0),
	/* fsw fa2,-4(a1) */
	E(0xfec5ae27, 4, RV_OP_fsw, 0, 11, 12, 0, -4, 0, 0, 0),
	/* fsd ft11,-2048(t6) */
	E(0x81ffb027, 4, RV_OP_fsd, 0, 31, 31, 0, -2048, 0, 0, 0),
	/* fmadd.s fa0,fa1,fa2,fa3 */
	E(0x68c5f543, 4, RV_OP_fmadd_s, 10, 11, 12, 13, 0, 7, 0, 0),
	/* fmsub.s fa0,fa1,fa2,fa3,rne */
	E(0x68c58547, 4, RV_OP_fmsub_s, 10, 11, 12, 13, 0, 0, 0, 0),
	/* fnmsub.d fa0,fa1,fa2,ft11,rtz */
	E(0xfac5954b, 4, RV_OP_fnmsub_d, 10, 11, 12, 31, 0, 1, 0, 0),
	/* fnmadd.d fa0,fa1,fa2,fa3,rmm */
	E(0x6ac5c54f, 4, RV_OP_fnmadd_d, 10, 11, 12, 13, 0, 4, 0, 0),
	/* fmadd.d fa0,fa1,fa2,fa3,rup */
	E(0x6ac5b543, 4, RV_OP_fmadd_d, 10, 11, 12, 13, 0, 3, 0, 0),
	/* fadd.s fa0,fa1,fa2,rdn */
	E(0x00c5a553, 4, RV_OP_fadd_s, 10, 11, 12, 0, 0, 2, 0, 0),
	/* fsub.d fa0,fa1,fa2 */
	E(0x0ac5f553, 4, RV_OP_fsub_d, 10, 11, 12, 0, 0, 7, 0, 0),
	/* fmul.s fa0,fa1,fa2 */
	E(0x10c5f553, 4, RV_OP_fmul_s, 10, 11, 12, 0, 0, 7, 0, 0),
	/* fdiv.d fa0,fa1,fa2 */
	E(0x1ac5f553, 4, RV_OP_fdiv_d, 10, 11, 12, 0, 0, 7, 0, 0),
	/* fsqrt.s fa0,fa1 */
	E(0x5805f553, 4, RV_OP_fsqrt_s, 10, 11, 0, 0, 0, 7, 0, 0),
	/* fsqrt.d fa0,fa1,rtz */
	E(0x5a059553, 4, RV_OP_fsqrt_d, 10, 11, 0, 0, 0, 1, 0, 0),
	/* fsgnj.s fa0,fa1,fa2 */
	E(0x20c58553, 4, RV_OP_fsgnj_s, 10, 11, 12, 0, 0, 0, 0, 0),
	/* fsgnjn.d fa0,fa1,fa2 */
	E(0x22c59553, 4, RV_OP_fsgnjn_d, 10, 11, 12, 0, 0, 0, 0, 0),
	/* fsgnjx.s fa0,fa1,fa2 */
	E(0x20c5a553, 4, RV_OP_fsgnjx_s, 10, 11, 12, 0, 0, 0, 0, 0),
	/* fmin.d fa0,fa1,fa2 */
	E(0x2ac58553, 4, RV_OP_fmin_d, 10, 11, 12, 0, 0, 0, 0, 0),
	/* fmax.s fa0,fa1,fa2 */
	E(0x28c59553, 4, RV_OP_fmax_s, 10, 11, 12, 0, 0, 0, 0, 0),
	/* fcvt.w.s a0,fa1,rtz */
	E(0xc0059553, 4, RV_OP_fcvt_w_s, 10, 11, 0, 0, 0, 1, 0, 0),
	/* fcvt.wu.d a0,fa1 */
	E(0xc215f553, 4, RV_OP_fcvt_wu_d, 10, 11, 0, 0, 0, 7, 0, 0),
	/* fcvt.l.s a0,fa1 */
	E(0xc025f553, 4, RV_OP_fcvt_l_s, 10, 11, 0, 0, 0, 7, 0, 0),
	/* fcvt.lu.d a0,fa1,rup */
	E(0xc235b553, 4, RV_OP_fcvt_lu_d, 10, 11, 0, 0, 0, 3, 0, 0),
	/* fcvt.s.w fa0,a1 */
	E(0xd005f553, 4, RV_OP_fcvt_s_w, 10, 11, 0, 0, 0, 7, 0, 0),
	/* fcvt.d.wu fa0,a1 */
	E(0xd2158553, 4, RV_OP_fcvt_d_wu, 10, 11, 0, 0, 0, 0, 0, 0),
	/* fcvt.s.l fa0,a1,rmm */
	E(0xd025c553, 4, RV_OP_fcvt_s_l, 10, 11, 0, 0, 0, 4, 0, 0),
	/* fcvt.d.lu fa0,a1 */
	E(0xd235f553, 4, RV_OP_fcvt_d_lu, 10, 11, 0, 0, 0, 7, 0, 0),
	/* fcvt.s.d fa0,fa1 */
	E(0x4015f553, 4, RV_OP_fcvt_s_d, 10, 11, 0, 0, 0, 7, 0, 0),
	/* fcvt.d.s fa0,fa1 */
	E(0x42058553, 4, RV_OP_fcvt_d_s, 10, 11, 0, 0, 0, 0, 0, 0),
	/* fmv.x.w a0,fa1 */
	E(0xe0058553, 4, RV_OP_fmv_x_w, 10, 11, 0, 0, 0, 0, 0, 0),
	/* fmv.w.x fa0,a1 */
	E(0xf0058553, 4, RV_OP_fmv_w_x, 10, 11, 0, 0, 0, 0, 0, 0),
	/* fmv.x.d a0,fa1 */
	E(0xe2058553, 4, RV_OP_fmv_x_d, 10, 11, 0, 0, 0, 0, 0, 0),
	/* fmv.d.x fa0,a1 */
	E(0xf2058553, 4, RV_OP_fmv_d_x, 10, 11, 0, 0, 0, 0, 0, 0),
	/* feq.s a0,fa1,fa2 */
	E(0xa0c5a553, 4, RV_OP_feq_s, 10, 11, 12, 0, 0, 0, 0, 0),
	/* flt.d a0,fa1,fa2 */
	E(0xa2c59553, 4, RV_OP_flt_d, 10, 11, 12, 0, 0, 0, 0, 0),
	/* fle.s a0,fa1,fa2 */
	E(0xa0c58553, 4, RV_OP_fle_s, 10, 11, 12, 0, 0, 0, 0, 0),
	/* fclass.d a0,fa1 */
	E(0xe2059553, 4, RV_OP_fclass_d, 10, 11, 0, 0, 0, 0, 0, 0),
	/* add.uw a0,a1,a2 */
	E(0x08c5853b, 4, RV_OP_add_uw, 10, 11, 12, 0, 0, 0, 0, 0),
	/* sh1add a0,a1,a2 */
	E(0x20c5a533, 4, RV_OP_sh1add, 10, 11, 12, 0, 0, 0, 0, 0),
	/* sh2add a0,a1,a2 */
	E(0x20c5c533, 4, RV_OP_sh2add, 10, 11, 12, 0, 0, 0, 0, 0),
	/* sh3add a0,a1,a2 */
	E(0x20c5e533, 4, RV_OP_sh3add, 10, 11, 12, 0, 0, 0, 0, 0),
	/* sh1add.uw a0,a1,a2 */
	E(0x20c5a53b, 4, RV_OP_sh1add_uw, 10, 11, 12, 0, 0, 0, 0, 0),
	/* sh2add.uw a0,a1,a2 */
	E(0x20c5c53b, 4, RV_OP_sh2add_uw, 10, 11, 12, 0, 0, 0, 0, 0),
	/* sh3add.uw a0,a1,a2 */
	E(0x20c5e53b, 4, RV_OP_sh3add_uw, 10, 11, 12, 0, 0, 0, 0, 0),
	/* slli.uw a0,a1,63 */
	E(0x0bf5951b, 4, RV_OP_slli_uw, 10, 11, 0, 0, 63, 0, 0, 0),
	/* andn a0,a1,a2 */
	E(0x40c5f533, 4, RV_OP_andn, 10, 11, 12, 0, 0, 0, 0, 0),
	/* orn a0,a1,a2 */
	E(0x40c5e533, 4, RV_OP_orn, 10, 11, 12, 0, 0, 0, 0, 0),
	/* xnor a0,a1,a2 */
	E(0x40c5c533, 4, RV_OP_xnor, 10, 11, 12, 0, 0, 0, 0, 0),
	/* clz a0,a1 */
	E(0x60059513, 4, RV_OP_clz, 10, 11, 0, 0, 0, 0, 0, 0),
	/* clzw a0,a1 */
	E(0x6005951b, 4, RV_OP_clzw, 10, 11, 0, 0, 0, 0, 0, 0),
	/* ctz a0,a1 */
	E(0x60159513, 4, RV_OP_ctz, 10, 11, 0, 0, 0, 0, 0, 0),
	/* ctzw a0,a1 */
	E(0x6015951b, 4, RV_OP_ctzw, 10, 11, 0, 0, 0, 0, 0, 0),
	/* cpop a0,a1 */
	E(0x60259513, 4, RV_OP_cpop, 10, 11, 0, 0, 0, 0, 0, 0),
	/* cpopw a0,a1 */
	E(0x6025951b, 4, RV_OP_cpopw, 10, 11, 0, 0, 0, 0, 0, 0),
	/* max a0,a1,a2 */
	E(0x0ac5e533, 4, RV_OP_max, 10, 11, 12, 0, 0, 0, 0, 0),
	/* maxu a0,a1,a2 */
	E(0x0ac5f533, 4, RV_OP_maxu, 10, 11, 12, 0, 0, 0, 0, 0),
	/* min a0,a1,a2 */
	E(0x0ac5c533, 4, RV_OP_min, 10, 11, 12, 0, 0, 0, 0, 0),
	/* minu a0,a1,a2 */
	E(0x0ac5d533, 4, RV_OP_minu, 10, 11, 12, 0, 0, 0, 0, 0),
	/* sext.b a0,a1 */
	E(0x60459513, 4, RV_OP_sext_b, 10, 11, 0, 0, 0, 0, 0, 0),
	/* sext.h a0,a1 */
	E(0x60559513, 4, RV_OP_sext_h, 10, 11, 0, 0, 0, 0, 0, 0),
	/* zext.h a0,a1 */
	E(0x0805c53b, 4, RV_OP_zext_h, 10, 11, 0, 0, 0, 0, 0, 0),
	/* rol a0,a1,a2 */
	E(0x60c59533, 4, RV_OP_rol, 10, 11, 12, 0, 0, 0, 0, 0),
	/* rolw a0,a1,a2 */
	E(0x60c5953b, 4, RV_OP_rolw, 10, 11, 12, 0, 0, 0, 0, 0),
	/* ror a0,a1,a2 */
	E(0x60c5d533, 4, RV_OP_ror, 10, 11, 12, 0, 0, 0, 0, 0),
	/* rori a0,a1,63 */
	E(0x63f5d513, 4, RV_OP_rori, 10, 11, 0, 0, 63, 0, 0, 0),
	/* roriw a0,a1,31 */
	E(0x61f5d51b, 4, RV_OP_roriw, 10, 11, 0, 0, 31, 0, 0, 0),
	/* rorw a0,a1,a2 */
	E(0x60c5d53b, 4, RV_OP_rorw, 10, 11, 12, 0, 0, 0, 0, 0),
	/* orc.b a0,a1 */
	E(0x2875d513, 4, RV_OP_orc_b, 10, 11, 0, 0, 0, 0, 0, 0),
	/* rev8 a0,a1 */
	E(0x6b85d513, 4, RV_OP_rev8, 10, 11, 0, 0, 0, 0, 0, 0),
	/* bclr a0,a1,a2 */
	E(0x48c59533, 4, RV_OP_bclr, 10, 11, 12, 0, 0, 0, 0, 0),
	/* bclri a0,a1,63 */
	E(0x4bf59513, 4, RV_OP_bclri, 10, 11, 0, 0, 63, 0, 0, 0),
	/* bext a0,a1,a2 */
	E(0x48c5d533, 4, RV_OP_bext, 10, 11, 12, 0, 0, 0, 0, 0),
	/* bexti a0,a1,1 */
	E(0x4815d513, 4, RV_OP_bexti, 10, 11, 0, 0, 1, 0, 0, 0),
	/* binv a0,a1,a2 */
	E(0x68c59533, 4, RV_OP_binv, 10, 11, 12, 0, 0, 0, 0, 0),
	/* binvi a0,a1,32 */
	E(0x6a059513, 4, RV_OP_binvi, 10, 11, 0, 0, 32, 0, 0, 0),
	/* bset a0,a1,a2 */
	E(0x28c59533, 4, RV_OP_bset, 10, 11, 12, 0, 0, 0, 0, 0),
	/* bseti a0,a1,0 */
	E(0x28059513, 4, RV_OP_bseti, 10, 11, 0, 0, 0, 0, 0, 0),
	/* cbo.clean (a0) */
	E(0x0015200f, 4, RV_OP_cbo_clean, 0, 10, 0, 0, 0, 0, 0, 0),
	/* cbo.flush (a1) */
	E(0x0025a00f, 4, RV_OP_cbo_flush, 0, 11, 0, 0, 0, 0, 0, 0),
	/* cbo.inval (t6) */
	E(0x000fa00f, 4, RV_OP_cbo_inval, 0, 31, 0, 0, 0, 0, 0, 0),
	/* cbo.zero (sp) */
	E(0x0041200f, 4, RV_OP_cbo_zero, 0, 2, 0, 0, 0, 0, 0, 0),
	/* lh a0,-2(a1) */
	E(0xffe59503, 4, RV_OP_lh, 10, 11, 0, 0, -2, 0, 0, 0),
	/* lbu a0,1(a1) */
	E(0x0015c503, 4, RV_OP_lbu, 10, 11, 0, 0, 1, 0, 0, 0),
	/* amoswap.w.rl a0,a2,(a1) */
	E(0x0ac5a52f, 4, RV_OP_amoswap_w, 10, 11, 12, 0, 0, 0, 1, 0),
	/* amoand.w a0,a2,(a1) */
	E(0x60c5a52f, 4, RV_OP_amoand_w, 10, 11, 12, 0, 0, 0, 0, 0),
	/* amomin.w a0,a2,(a1) */
	E(0x80c5a52f, 4, RV_OP_amomin_w, 10, 11, 12, 0, 0, 0, 0, 0),
	/* amominu.w a0,a2,(a1) */
	E(0xc0c5a52f, 4, RV_OP_amominu_w, 10, 11, 12, 0, 0, 0, 0, 0),
	/* amoadd.d.aq a0,a2,(a1) */
	E(0x04c5b52f, 4, RV_OP_amoadd_d, 10, 11, 12, 0, 0, 0, 2, 0),
	/* amoxor.d a0,a2,(a1) */
	E(0x20c5b52f, 4, RV_OP_amoxor_d, 10, 11, 12, 0, 0, 0, 0, 0),
	/* amoor.d a0,a2,(a1) */
	E(0x40c5b52f, 4, RV_OP_amoor_d, 10, 11, 12, 0, 0, 0, 0, 0),
	/* amomax.d a0,a2,(a1) */
	E(0xa0c5b52f, 4, RV_OP_amomax_d, 10, 11, 12, 0, 0, 0, 0, 0),
	/* amomaxu.d.aqrl a0,a2,(a1) */
	E(0xe6c5b52f, 4, RV_OP_amomaxu_d, 10, 11, 12, 0, 0, 0, 3, 0),
	/* fnmsub.s fa0,fa1,fa2,fa3 */
	E(0x68c5f54b, 4, RV_OP_fnmsub_s, 10, 11, 12, 13, 0, 7, 0, 0),
	/* fnmadd.s fa0,fa1,fa2,fa3,rne */
	E(0x68c5854f, 4, RV_OP_fnmadd_s, 10, 11, 12, 13, 0, 0, 0, 0),
	/* fsub.s fa0,fa1,fa2 */
	E(0x08c5f553, 4, RV_OP_fsub_s, 10, 11, 12, 0, 0, 7, 0, 0),
	/* fdiv.s fa0,fa1,fa2,rtz */
	E(0x18c59553, 4, RV_OP_fdiv_s, 10, 11, 12, 0, 0, 1, 0, 0),
	/* fsgnjn.s fa0,fa1,fa2 */
	E(0x20c59553, 4, RV_OP_fsgnjn_s, 10, 11, 12, 0, 0, 0, 0, 0),
	/* fmin.s fa0,fa1,fa2 */
	E(0x28c58553, 4, RV_OP_fmin_s, 10, 11, 12, 0, 0, 0, 0, 0),
	/* fcvt.wu.s a0,fa1 */
	E(0xc015f553, 4, RV_OP_fcvt_wu_s, 10, 11, 0, 0, 0, 7, 0, 0),
	/* flt.s a0,fa1,fa2 */
	E(0xa0c59553, 4, RV_OP_flt_s, 10, 11, 12, 0, 0, 0, 0, 0),
	/* fclass.s a0,fa1 */
	E(0xe0059553, 4, RV_OP_fclass_s, 10, 11, 0, 0, 0, 0, 0, 0),
	/* fcvt.s.wu fa0,a1 */
	E(0xd015f553, 4, RV_OP_fcvt_s_wu, 10, 11, 0, 0, 0, 7, 0, 0),
	/* fcvt.lu.s a0,fa1 */
	E(0xc035f553, 4, RV_OP_fcvt_lu_s, 10, 11, 0, 0, 0, 7, 0, 0),
	/* fcvt.s.lu fa0,a1 */
	E(0xd035f553, 4, RV_OP_fcvt_s_lu, 10, 11, 0, 0, 0, 7, 0, 0),
	/* fmsub.d fa0,fa1,fa2,fa3 */
	E(0x6ac5f547, 4, RV_OP_fmsub_d, 10, 11, 12, 13, 0, 7, 0, 0),
	/* fadd.d fa0,fa1,fa2 */
	E(0x02c5f553, 4, RV_OP_fadd_d, 10, 11, 12, 0, 0, 7, 0, 0),
	/* fmul.d fa0,fa1,fa2,rdn */
	E(0x12c5a553, 4, RV_OP_fmul_d, 10, 11, 12, 0, 0, 2, 0, 0),
	/* fsgnj.d fa0,fa1,fa2 */
	E(0x22c58553, 4, RV_OP_fsgnj_d, 10, 11, 12, 0, 0, 0, 0, 0),
	/* fsgnjx.d fa0,fa1,fa2 */
	E(0x22c5a553, 4, RV_OP_fsgnjx_d, 10, 11, 12, 0, 0, 0, 0, 0),
	/* fmax.d fa0,fa1,fa2 */
	E(0x2ac59553, 4, RV_OP_fmax_d, 10, 11, 12, 0, 0, 0, 0, 0),
	/* feq.d a0,fa1,fa2 */
	E(0xa2c5a553, 4, RV_OP_feq_d, 10, 11, 12, 0, 0, 0, 0, 0),
	/* fle.d a0,fa1,fa2 */
	E(0xa2c58553, 4, RV_OP_fle_d, 10, 11, 12, 0, 0, 0, 0, 0),
	/* fcvt.w.d a0,fa1 */
	E(0xc205f553, 4, RV_OP_fcvt_w_d, 10, 11, 0, 0, 0, 7, 0, 0),
	/* fcvt.d.w fa0,a1 */
	E(0xd2058553, 4, RV_OP_fcvt_d_w, 10, 11, 0, 0, 0, 0, 0, 0),
	/* fcvt.l.d a0,fa1,rmm */
	E(0xc225c553, 4, RV_OP_fcvt_l_d, 10, 11, 0, 0, 0, 4, 0, 0),
	/* fcvt.d.l fa0,a1 */
	E(0xd225f553, 4, RV_OP_fcvt_d_l, 10, 11, 0, 0, 0, 7, 0, 0),
	/* c.addi4spn a0,sp,1020 */
	E(0x1fe8, 2, RV_OP_addi, 10, 2, 0, 0, 1020, 0, 0, 0),
	/* c.addi4spn s1,sp,4 */
	E(0x0044, 2, RV_OP_addi, 9, 2, 0, 0, 4, 0, 0, 0),
	/* c.fld fa5,248(s0) */
	E(0x3c7c, 2, RV_OP_fld, 15, 8, 0, 0, 248, 0, 0, 0),
	/* c.lw a0,124(a5) */
	E(0x5fe8, 2, RV_OP_lw, 10, 15, 0, 0, 124, 0, 0, 0),
	/* c.ld s1,248(a5) */
	E(0x7fe4, 2, RV_OP_ld, 9, 15, 0, 0, 248, 0, 0, 0),
	/* c.fsd fs0,8(a0) */
	E(0xa500, 2, RV_OP_fsd, 0, 10, 8, 0, 8, 0, 0, 0),
	/* c.sw a0,64(s1) */
	E(0xc0a8, 2, RV_OP_sw, 0, 9, 10, 0, 64, 0, 0, 0),
	/* c.sd a5,248(a0) */
	E(0xfd7c, 2, RV_OP_sd, 0, 10, 15, 0, 248, 0, 0, 0),
	/* c.nop */
	E(0x0001, 2, RV_OP_addi, 0, 0, 0, 0, 0, 0, 0, 0),
	/* c.addi a0,-32 */
	E(0x1501, 2, RV_OP_addi, 10, 10, 0, 0, -32, 0, 0, 0),
	/* c.addi t6,31 */
	E(0x0ffd, 2, RV_OP_addi, 31, 31, 0, 0, 31, 0, 0, 0),
	/* c.addiw a0,-1 */
	E(0x357d, 2, RV_OP_addiw, 10, 10, 0, 0, -1, 0, 0, 0),
	/* c.addiw a0,0 */
	E(0x2501, 2, RV_OP_addiw, 10, 10, 0, 0, 0, 0, 0, 0),
	/* c.li ra,-32 */
	E(0x5081, 2, RV_OP_addi, 1, 0, 0, 0, -32, 0, 0, 0),
	/* c.addi16sp sp,-512 */
	E(0x7101, 2, RV_OP_addi, 2, 2, 0, 0, -512, 0, 0, 0),
	/* c.addi16sp sp,496 */
	E(0x617d, 2, RV_OP_addi, 2, 2, 0, 0, 496, 0, 0, 0),
	/* c.lui a0,0xfffe0 */
	E(0x7501, 2, RV_OP_lui, 10, 0, 0, 0, -131072, 0, 0, 0),
	/* c.lui t0,0x1f */
	E(0x62fd, 2, RV_OP_lui, 5, 0, 0, 0, 126976, 0, 0, 0),
	/* c.srli a0,63 */
	E(0x917d, 2, RV_OP_srli, 10, 10, 0, 0, 63, 0, 0, 0),
	/* c.srai s0,1 */
	E(0x8405, 2, RV_OP_srai, 8, 8, 0, 0, 1, 0, 0, 0),
	/* c.andi a5,-32 */
	E(0x9b81, 2, RV_OP_andi, 15, 15, 0, 0, -32, 0, 0, 0),
	/* c.sub s0,a5 */
	E(0x8c1d, 2, RV_OP_sub, 8, 8, 15, 0, 0, 0, 0, 0),
	/* c.xor s0,a5 */
	E(0x8c3d, 2, RV_OP_xor, 8, 8, 15, 0, 0, 0, 0, 0),
	/* c.or s0,a5 */
	E(0x8c5d, 2, RV_OP_or, 8, 8, 15, 0, 0, 0, 0, 0),
	/* c.and s0,a5 */
	E(0x8c7d, 2, RV_OP_and, 8, 8, 15, 0, 0, 0, 0, 0),
	/* c.subw a0,a1 */
	E(0x9d0d, 2, RV_OP_subw, 10, 10, 11, 0, 0, 0, 0, 0),
	/* c.addw a0,a1 */
	E(0x9d2d, 2, RV_OP_addw, 10, 10, 11, 0, 0, 0, 0, 0),
	/* c.j .-2048 */
	E(0xb001, 2, RV_OP_jal, 0, 0, 0, 0, -2048, 0, 0, 0),
	/* c.j .+2046 */
	E(0xaffd, 2, RV_OP_jal, 0, 0, 0, 0, 2046, 0, 0, 0),
	/* c.beqz a0,.-256 */
	E(0xd101, 2, RV_OP_beq, 0, 10, 0, 0, -256, 0, 0, 0),
	/* c.bnez s1,.+254 */
	E(0xecfd, 2, RV_OP_bne, 0, 9, 0, 0, 254, 0, 0, 0),
	/* c.slli a0,63 */
	E(0x157e, 2, RV_OP_slli, 10, 10, 0, 0, 63, 0, 0, 0),
	/* c.fldsp ft0,504(sp) */
	E(0x307e, 2, RV_OP_fld, 0, 2, 0, 0, 504, 0, 0, 0),
	/* c.lwsp ra,252(sp) */
	E(0x50fe, 2, RV_OP_lw, 1, 2, 0, 0, 252, 0, 0, 0),
	/* c.ldsp t6,504(sp) */
	E(0x7ffe, 2, RV_OP_ld, 31, 2, 0, 0, 504, 0, 0, 0),
	/* c.jr ra */
	E(0x8082, 2, RV_OP_jalr, 0, 1, 0, 0, 0, 0, 0, 0),
	/* c.mv a0,a1 */
	E(0x852e, 2, RV_OP_add, 10, 0, 11, 0, 0, 0, 0, 0),
	/* c.ebreak */
	E(0x9002, 2, RV_OP_ebreak, 0, 0, 0, 0, 0, 0, 0, 0),
	/* c.jalr t0 */
	E(0x9282, 2, RV_OP_jalr, 1, 5, 0, 0, 0, 0, 0, 0),
	/* c.add a0,a1 */
	E(0x952e, 2, RV_OP_add, 10, 10, 11, 0, 0, 0, 0, 0),
	/* c.fsdsp fs11,504(sp) */
	E(0xbfee, 2, RV_OP_fsd, 0, 2, 27, 0, 504, 0, 0, 0),
	/* c.swsp t6,252(sp) */
	E(0xdffe, 2, RV_OP_sw, 0, 2, 31, 0, 252, 0, 0, 0),
	/* c.sdsp ra,504(sp) */
	E(0xff86, 2, RV_OP_sd, 0, 2, 1, 0, 504, 0, 0, 0),
	/* HINTs decode to the base instruction they stand for. */
	/* c.li zero,5 */
	E(0x4015, 2, RV_OP_addi, 0, 0, 0, 0, 5, 0, 0, 0),
	/* c.addi a0,0 */
	E(0x0501, 2, RV_OP_addi, 10, 10, 0, 0, 0, 0, 0, 0),
	/* c.nop 5 */
	E(0x0015, 2, RV_OP_addi, 0, 0, 0, 0, 5, 0, 0, 0),
	/* c.mv zero,a1 */
	E(0x802e, 2, RV_OP_add, 0, 0, 11, 0, 0, 0, 0, 0),
	/* c.add zero,a1 */
	E(0x902e, 2, RV_OP_add, 0, 0, 11, 0, 0, 0, 0, 0),
	/* c.srli64 a0 */
	E(0x8101, 2, RV_OP_srli, 10, 10, 0, 0, 0, 0, 0, 0),
	/* c.slli64 a0 */
	E(0x0502, 2, RV_OP_slli, 10, 10, 0, 0, 0, 0, 0, 0),
	/* c.lui ra,1 */
	E(0x6085, 2, RV_OP_lui, 1, 0, 0, 0, 4096, 0, 0, 0),
	/* c.lui zero,1 */
	E(0x6005, 2, RV_OP_lui, 0, 0, 0, 0, 4096, 0, 0, 0),
	/* Only the low parcel of a compressed instruction is looked at. */
	E(0xdead0001, 2, RV_OP_addi, 0, 0, 0, 0, 0, 0, 0, 0),
	/* FENCE fields beyond fm/pred/succ are ignored; reserved fm too. */
	E(0x0ff5850f, 4, RV_OP_fence, 0, 0, 0, 0, 0x0ff, 0, 0, 0),
	E(0xf330000f, 4, RV_OP_fence, 0, 0, 0, 0, 0xf33, 0, 0, 0),
	E(0x0000000f, 4, RV_OP_fence, 0, 0, 0, 0, 0, 0, 0, 0),
	/* FENCE.I ignores imm, rs1 and rd. */
	E(0xfff5950f, 4, RV_OP_fence_i, 0, 0, 0, 0, 0, 0, 0, 0),
	/* rm 5 and 6 are checked by the hart, not by the decoder. */
	E(0xc005d553, 4, RV_OP_fcvt_w_s, 10, 11, 0, 0, 0, 5, 0, 0),
	E(0x00c5e553, 4, RV_OP_fadd_s, 10, 11, 12, 0, 0, 6, 0, 0),
	E(0x4205f553, 4, RV_OP_fcvt_d_s, 10, 11, 0, 0, 0, 7, 0, 0),
	/* Zicbop prefetches and Zihintntl are HINTs in ori/add. */
	E(0x0005e013, 4, RV_OP_ori, 0, 11, 0, 0, 0, 0, 0, 0),
	E(0x00200033, 4, RV_OP_add, 0, 0, 2, 0, 0, 0, 0, 0),
	/* czero.eqz a0,a1,a2 / czero.nez a0,a1,a2 (Zicond) */
	E(0x0ec5d533, 4, RV_OP_czero_eqz, 10, 11, 12, 0, 0, 0, 0, 0),
	E(0x0ec5f533, 4, RV_OP_czero_nez, 10, 11, 12, 0, 0, 0, 0, 0),
	/* Zfh: flh fa0,-2(a1) ... fmv.x.h a0,fa1 (GNU as) */
	E(0xffe59507, 4, RV_OP_flh, 10, 11, 0, 0, -2, 0, 0, 0),
	E(0x7e111f27, 4, RV_OP_fsh, 0, 2, 1, 0, 2046, 0, 0, 0),
	E(0x6cc58543, 4, RV_OP_fmadd_h, 10, 11, 12, 13, 0, 0, 0, 0),
	E(0x6cc5f547, 4, RV_OP_fmsub_h, 10, 11, 12, 13, 0, 7, 0, 0),
	E(0x6cc5954b, 4, RV_OP_fnmsub_h, 10, 11, 12, 13, 0, 1, 0, 0),
	E(0x6cc5f54f, 4, RV_OP_fnmadd_h, 10, 11, 12, 13, 0, 7, 0, 0),
	E(0x04c5f553, 4, RV_OP_fadd_h, 10, 11, 12, 0, 0, 7, 0, 0),
	E(0x0cc5a553, 4, RV_OP_fsub_h, 10, 11, 12, 0, 0, 2, 0, 0),
	E(0x14c5f553, 4, RV_OP_fmul_h, 10, 11, 12, 0, 0, 7, 0, 0),
	E(0x1cc5f553, 4, RV_OP_fdiv_h, 10, 11, 12, 0, 0, 7, 0, 0),
	E(0x5c05f553, 4, RV_OP_fsqrt_h, 10, 11, 0, 0, 0, 7, 0, 0),
	E(0x24c58553, 4, RV_OP_fsgnj_h, 10, 11, 12, 0, 0, 0, 0, 0),
	E(0x24c59553, 4, RV_OP_fsgnjn_h, 10, 11, 12, 0, 0, 0, 0, 0),
	E(0x24c5a553, 4, RV_OP_fsgnjx_h, 10, 11, 12, 0, 0, 0, 0, 0),
	E(0x2cc58553, 4, RV_OP_fmin_h, 10, 11, 12, 0, 0, 0, 0, 0),
	E(0x2cc59553, 4, RV_OP_fmax_h, 10, 11, 12, 0, 0, 0, 0, 0),
	E(0x40258553, 4, RV_OP_fcvt_s_h, 10, 11, 0, 0, 0, 0, 0, 0),
	E(0x4405f553, 4, RV_OP_fcvt_h_s, 10, 11, 0, 0, 0, 7, 0, 0),
	E(0x42258553, 4, RV_OP_fcvt_d_h, 10, 11, 0, 0, 0, 0, 0, 0),
	E(0x4415c553, 4, RV_OP_fcvt_h_d, 10, 11, 0, 0, 0, 4, 0, 0),
	E(0xd405f553, 4, RV_OP_fcvt_h_w, 10, 11, 0, 0, 0, 7, 0, 0),
	E(0xd415f553, 4, RV_OP_fcvt_h_wu, 10, 11, 0, 0, 0, 7, 0, 0),
	E(0xd425f553, 4, RV_OP_fcvt_h_l, 10, 11, 0, 0, 0, 7, 0, 0),
	E(0xd435f553, 4, RV_OP_fcvt_h_lu, 10, 11, 0, 0, 0, 7, 0, 0),
	E(0xf4058553, 4, RV_OP_fmv_h_x, 10, 11, 0, 0, 0, 0, 0, 0),
	E(0xa4c5a553, 4, RV_OP_feq_h, 10, 11, 12, 0, 0, 0, 0, 0),
	E(0xa4c59553, 4, RV_OP_flt_h, 10, 11, 12, 0, 0, 0, 0, 0),
	E(0xa4c58553, 4, RV_OP_fle_h, 10, 11, 12, 0, 0, 0, 0, 0),
	E(0xe4059553, 4, RV_OP_fclass_h, 10, 11, 0, 0, 0, 0, 0, 0),
	E(0xc4059553, 4, RV_OP_fcvt_w_h, 10, 11, 0, 0, 0, 1, 0, 0),
	E(0xc415f553, 4, RV_OP_fcvt_wu_h, 10, 11, 0, 0, 0, 7, 0, 0),
	E(0xc425f553, 4, RV_OP_fcvt_l_h, 10, 11, 0, 0, 0, 7, 0, 0),
	E(0xc435f553, 4, RV_OP_fcvt_lu_h, 10, 11, 0, 0, 0, 7, 0, 0),
	E(0xe4058553, 4, RV_OP_fmv_x_h, 10, 11, 0, 0, 0, 0, 0, 0),
	/* Zfa: fli.s fa0,1.0; fli.d fa0,min; fli.h ft0,inf (by hand) */
	E(0xf0180553, 4, RV_OP_fli_s, 10, 16, 0, 0, 0, 0, 0, 0),
	E(0xf2108553, 4, RV_OP_fli_d, 10, 1, 0, 0, 0, 0, 0, 0),
	E(0xf41f0053, 4, RV_OP_fli_h, 0, 30, 0, 0, 0, 0, 0, 0),
	/* fminm/fmaxm: fmin/fmax with bit 13 set */
	E(0x28c5a553, 4, RV_OP_fminm_s, 10, 11, 12, 0, 0, 0, 0, 0),
	E(0x28c5b553, 4, RV_OP_fmaxm_s, 10, 11, 12, 0, 0, 0, 0, 0),
	E(0x2ac5a553, 4, RV_OP_fminm_d, 10, 11, 12, 0, 0, 0, 0, 0),
	E(0x2ac5b553, 4, RV_OP_fmaxm_d, 10, 11, 12, 0, 0, 0, 0, 0),
	E(0x2cc5a553, 4, RV_OP_fminm_h, 10, 11, 12, 0, 0, 0, 0, 0),
	E(0x2cc5b553, 4, RV_OP_fmaxm_h, 10, 11, 12, 0, 0, 0, 0, 0),
	/* fround(nx): fcvt.{s.d,d.s,h.s} with rs2 4 or 5 */
	E(0x4045f553, 4, RV_OP_fround_s, 10, 11, 0, 0, 0, 7, 0, 0),
	E(0x40559553, 4, RV_OP_froundnx_s, 10, 11, 0, 0, 0, 1, 0, 0),
	E(0x4245f553, 4, RV_OP_fround_d, 10, 11, 0, 0, 0, 7, 0, 0),
	E(0x4255f553, 4, RV_OP_froundnx_d, 10, 11, 0, 0, 0, 7, 0, 0),
	E(0x4445f553, 4, RV_OP_fround_h, 10, 11, 0, 0, 0, 7, 0, 0),
	E(0x4455f553, 4, RV_OP_froundnx_h, 10, 11, 0, 0, 0, 7, 0, 0),
	/* fcvtmod.w.d a0,fa1,rtz: fcvt.w.d with rs2 8 */
	E(0xc2859553, 4, RV_OP_fcvtmod_w_d, 10, 11, 0, 0, 0, 1, 0, 0),
	/* fleq/fltq: fle/flt with bit 14 set */
	E(0xa0c5c553, 4, RV_OP_fleq_s, 10, 11, 12, 0, 0, 0, 0, 0),
	E(0xa0c5d553, 4, RV_OP_fltq_s, 10, 11, 12, 0, 0, 0, 0, 0),
	E(0xa2c5c553, 4, RV_OP_fleq_d, 10, 11, 12, 0, 0, 0, 0, 0),
	E(0xa2c5d553, 4, RV_OP_fltq_d, 10, 11, 12, 0, 0, 0, 0, 0),
	E(0xa4c5c553, 4, RV_OP_fleq_h, 10, 11, 12, 0, 0, 0, 0, 0),
	E(0xa4c5d553, 4, RV_OP_fltq_h, 10, 11, 12, 0, 0, 0, 0, 0),
	/* Zbc, Zbkb, Zbkx: clmul a0,a1,a2 ... xperm8 a0,a1,a2 (GNU as) */
	E(0x0ac59533, 4, RV_OP_clmul, 10, 11, 12, 0, 0, 0, 0, 0),
	E(0x0ac5b533, 4, RV_OP_clmulh, 10, 11, 12, 0, 0, 0, 0, 0),
	E(0x0ac5a533, 4, RV_OP_clmulr, 10, 11, 12, 0, 0, 0, 0, 0),
	E(0x08c5c533, 4, RV_OP_pack, 10, 11, 12, 0, 0, 0, 0, 0),
	E(0x08c5f533, 4, RV_OP_packh, 10, 11, 12, 0, 0, 0, 0, 0),
	E(0x08c5c53b, 4, RV_OP_packw, 10, 11, 12, 0, 0, 0, 0, 0),
	E(0x6875d513, 4, RV_OP_brev8, 10, 11, 0, 0, 0, 0, 0, 0),
	E(0x28c5a533, 4, RV_OP_xperm4, 10, 11, 12, 0, 0, 0, 0, 0),
	E(0x28c5c533, 4, RV_OP_xperm8, 10, 11, 12, 0, 0, 0, 0, 0),
	/* Zimop: mop.r.0 a0,a1; mop.r.31 t6,t6; mop.rr.7 a0,a1,a2 */
	E(0x81c5c573, 4, RV_OP_mop_r, 10, 11, 0, 0, 0, 0, 0, 0),
	E(0xcdffcff3, 4, RV_OP_mop_r, 31, 31, 0, 0, 31, 0, 0, 0),
	E(0xcec5c573, 4, RV_OP_mop_rr, 10, 11, 12, 0, 7, 0, 0, 0),
	/* Zcmop: c.mop.1, c.mop.15 (c.lui x1/x15 with nzimm 0) */
	E(0x6081, 2, RV_OP_c_mop, 0, 0, 0, 0, 1, 0, 0, 0),
	E(0x6781, 2, RV_OP_c_mop, 0, 0, 0, 0, 15, 0, 0, 0),
	/* Zawrs */
	E(0x00d00073, 4, RV_OP_wrs_nto, 0, 0, 0, 0, 0, 0, 0, 0),
	E(0x01d00073, 4, RV_OP_wrs_sto, 0, 0, 0, 0, 0, 0, 0, 0),
	/* Zcb: c.lbu a0,3(s1); c.lhu a0,2(s1); c.lh a0,2(s1) */
	E(0x80e8, 2, RV_OP_lbu, 10, 9, 0, 0, 3, 0, 0, 0),
	E(0x84a8, 2, RV_OP_lhu, 10, 9, 0, 0, 2, 0, 0, 0),
	E(0x84e8, 2, RV_OP_lh, 10, 9, 0, 0, 2, 0, 0, 0),
	/* c.sb a0,1(s1); c.sh a0,2(s1) */
	E(0x88c8, 2, RV_OP_sb, 0, 9, 10, 0, 1, 0, 0, 0),
	E(0x8ca8, 2, RV_OP_sh, 0, 9, 10, 0, 2, 0, 0, 0),
	/* c.zext.b, c.sext.b, c.zext.h, c.sext.h, c.zext.w, c.not s0 */
	E(0x9c61, 2, RV_OP_andi, 8, 8, 0, 0, 255, 0, 0, 0),
	E(0x9c65, 2, RV_OP_sext_b, 8, 8, 0, 0, 0, 0, 0, 0),
	E(0x9c69, 2, RV_OP_zext_h, 8, 8, 0, 0, 0, 0, 0, 0),
	E(0x9c6d, 2, RV_OP_sext_h, 8, 8, 0, 0, 0, 0, 0, 0),
	E(0x9c71, 2, RV_OP_add_uw, 8, 8, 0, 0, 0, 0, 0, 0),
	E(0x9c75, 2, RV_OP_xori, 8, 8, 0, 0, -1, 0, 0, 0),
	/* c.mul s0,a0 */
	E(0x9c49, 2, RV_OP_mul, 8, 8, 10, 0, 0, 0, 0, 0),
#undef E
};
/* clang-format on */

/* Reserved or unimplemented encodings. */
static const struct {
	uint32_t raw;
	uint8_t len;
	const char *what;
	/* clang-format off */
} illegal[] = {
	{ 0x0000, 2, "all-zero parcel" },
	{ 0x0004, 2, "c.addi4spn with nzuimm 0" },
	{ 0x0018, 2, "c.addi4spn with nzuimm 0, rd' a4" },
	{ 0x6501, 2, "c.lui a0 with nzimm 0" },
	{ 0x6001, 2, "c.lui zero with nzimm 0" },
	{ 0x6101, 2, "c.addi16sp with nzimm 0" },
	{ 0x4002, 2, "c.lwsp rd=0" },
	{ 0x4082 & 0xf07f, 2, "c.lwsp rd=0, offset 0" },
	{ 0x6002, 2, "c.ldsp rd=0" },
	{ 0x7ffe & ~0x0f80, 2, "c.ldsp rd=0, offset 504" },
	{ 0x8002, 2, "c.jr rs1=0" },
	{ 0x2001, 2, "c.addiw rd=0" },
	{ 0x8c40, 2, "Zcb c.sh with bit 6 set" },
	{ 0x9c79, 2, "Zcb unary funct 110" },
	{ 0x9c7d, 2, "Zcb unary funct 111" },
	{ 0x6201, 2, "c.lui x4 with nzimm 0 (c.mop takes odd rd)" },
	{ 0x6881, 2, "c.lui x17 with nzimm 0 (c.mop stops at x15)" },
	{ 0x44358553, 4, "fcvt.h.q" },
	{ 0xc2858553, 4, "fcvtmod.w.d with rm 0" },
	{ 0xc285f553, 4, "fcvtmod.w.d with rm dyn" },
	{ 0xc0858553, 4, "fcvt.w.s with rs2 8" },
	{ 0xf0258553, 4, "fmv.w.x group rs2 2" },
	{ 0x28c5c553, 4, "fmin funct3 4" },
	{ 0xa0c5e553, 4, "fle funct3 6" },
	{ 0x40358553, 4, "fcvt.s.d group rs2 3" },
	{ 0x80004073, 4, "SYSTEM funct3 4 with bit 31 set, not a MOP" },
	{ 0x3ffd & ~0x0f80, 2, "c.addiw rd=0, imm -1" },
	{ 0x0205151b, 4, "slliw with shamt[5]" },
	{ 0x0205551b, 4, "srliw with shamt[5]" },
	{ 0x4205551b, 4, "sraiw with shamt[5]" },
	{ 0x04051513, 4, "slli with funct6 000001" },
	{ 0x80051513, 4, "slli with funct6 100000" },
	{ 0x20055513, 4, "srli with funct6 001000" },
	{ 0x04c58533, 4, "add with funct7 0000010" },
	{ 0x40c5a533, 4, "slt with funct7 0100000" },
	{ 0x02c5953b, 4, "mulw funct3 1" },
	{ 0x0805c52f, 4, "amoswap funct3 4" },
	{ 0x0805852f, 4, "amoswap funct3 0" },
	{ 0x1015a52f, 4, "lr.w with rs2 != 0" },
	{ 0x101fb52f, 4, "lr.d with rs2 = 31" },
	{ 0x28c5a52f, 4, "AMO funct5 00101" },
	{ 0x06c58543, 4, "fmadd.q (fmt 11)" },
	{ 0x58158553, 4, "fsqrt.s with rs2 != 0" },
	{ 0x40058553, 4, "fcvt.s.d with rs2 0" },
	{ 0x42158553, 4, "fcvt.d.s with rs2 1" },
	{ 0xc0458553, 4, "fcvt.w.s with rs2 4" },
	{ 0xe005a553, 4, "fmv.x.w funct3 2" },
	{ 0xe015a553, 4, "fclass.s with rs2 != 0" },
	{ 0xf0059553, 4, "fmv.w.x funct3 1" },
	{ 0x20c5b553, 4, "fsgnj funct3 3" },
	{ 0xa0c5b553, 4, "feq funct3 3" },
	{ 0x0015c507, 4, "flq" },
	{ 0x0005e507, 4, "LOAD-FP funct3 6 (vector)" },
	{ 0x00a5c027, 4, "fsq" },
	{ 0x00000573, 4, "ecall with rd != 0" },
	{ 0x00058073, 4, "ecall with rs1 != 0" },
	{ 0x00300073, 4, "SYSTEM funct12 3" },
	{ 0x30208073, 4, "mret with rs1 != 0" },
	{ 0x10500573, 4, "wfi with rd != 0" },
	{ 0x00200073, 4, "uret" },
	{ 0x20200073, 4, "hret" },
	{ 0x7b200073, 4, "dret" },
	{ 0x10400073, 4, "sfence.vm (priv 1.9)" },
	{ 0x12b50573, 4, "sfence.vma with rd != 0" },
	{ 0x22b50573, 4, "hfence.vvma with rd != 0" },
	{ 0x18100573, 4, "sfence.inval.ir with rd != 0" },
	{ 0x18200073, 4, "SYSTEM funct12 0x182" },
	{ 0x62c5c573, 4, "hsv.b with rd != 0" },
	{ 0x6025c573, 4, "hlv.b with rs2 2" },
	{ 0x6035c573, 4, "hlvx.bu" },
	{ 0x6c15c573, 4, "hlv.du" },
	{ 0x6c35c573, 4, "hlvx.du" },
	{ 0x7005c573, 4, "SYSTEM funct3 4, funct7 0111000" },
	{ 0x0025250f, 4, "cbo.flush with rd != 0" },
	{ 0x0035200f, 4, "cbo with imm 3" },
	{ 0x0085200f, 4, "cbo with imm 8" },
	{ 0x0000300f, 4, "MISC-MEM funct3 3" },
	{ 0x0000700f, 4, "MISC-MEM funct3 7" },
	{ 0x00a5a063, 4, "BRANCH funct3 2" },
	{ 0x00a5b063, 4, "BRANCH funct3 3" },
	{ 0x0005f503, 4, "LOAD funct3 7" },
	{ 0x00a5c023, 4, "STORE funct3 4" },
	{ 0x000510e7, 4, "jalr funct3 1" },
	{ 0x6a05d513, 4, "OP-IMM funct3 5, funct6 011010, not rev8" },
	{ 0x2865d513, 4, "orc.b neighbour" },
	{ 0x60359513, 4, "clz group rs2 3" },
	{ 0x60659513, 4, "clz group rs2 6" },
	{ 0x62059513, 4, "clz group with bit 25" },
	{ 0x6035951b, 4, "clzw group rs2 3" },
	{ 0x0ec5e533, 4, "Zicond funct3 6" },
	{ 0x0000000b, 4, "custom-0" },
	{ 0x00000057, 4, "OP-V" },
	{ 0x0000001f, 4, "48-bit prefix" },
	{ 0x0000007f, 4, "80-bit+ prefix" },
	{ 0xffffffff, 4, "all ones" },
};
/* clang-format on */

static void test_valid(void)
{
	size_t i;
	bool ok = true;

	for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		const struct expect *e = &valid[i];
		struct rv_insn in;
		unsigned len;

		memset(&in, 0xa5, sizeof(in));
		len = rv_decode(e->raw, &in);
		if (len != e->len || in.len != e->len || in.op != e->op ||
		    in.rd != e->rd || in.rs1 != e->rs1 || in.rs2 != e->rs2 ||
		    in.rs3 != e->rs3 || in.imm != e->imm || in.rm != e->rm ||
		    in.aqrl != e->aqrl || in.csr != e->csr ||
		    in.raw != (e->len == 2 ? e->raw & 0xffff : e->raw)) {
			fail("decode-valid",
			     "%08x: got %s len %u rd %u rs1 %u rs2 %u rs3 %u "
			     "imm %" PRId64 " rm %u aqrl %u csr 0x%x raw %x; "
			     "want %s len %u rd %u rs1 %u rs2 %u rs3 %u "
			     "imm %" PRId64 " rm %u aqrl %u csr 0x%x",
			     e->raw,
			     in.op < RV_OP_COUNT ? rv_op_names[in.op] : "?",
			     in.len, in.rd, in.rs1, in.rs2, in.rs3, in.imm,
			     in.rm, in.aqrl, in.csr, in.raw, rv_op_names[e->op],
			     e->len, e->rd, e->rs1, e->rs2, e->rs3, e->imm,
			     e->rm, e->aqrl, e->csr);
			ok = false;
		}
	}
	if (ok)
		printf("ok decode-valid\n");
}

static void test_illegal(void)
{
	size_t i;
	bool ok = true;

	for (i = 0; i < sizeof(illegal) / sizeof(illegal[0]); i++) {
		struct rv_insn in, zero;
		unsigned len;

		memset(&in, 0xa5, sizeof(in));
		len = rv_decode(illegal[i].raw, &in);
		memset(&zero, 0, sizeof(zero));
		zero.raw = illegal[i].raw;
		zero.len = illegal[i].len;
		if (len != illegal[i].len || memcmp(&in, &zero, sizeof(in))) {
			fail("decode-illegal", "%08x (%s): op %s len %u",
			     illegal[i].raw, illegal[i].what,
			     in.op < RV_OP_COUNT ? rv_op_names[in.op] : "?",
			     len);
			ok = false;
		}
	}
	if (ok)
		printf("ok decode-illegal\n");
}

/* Every op is reachable, and every op's template decodes to it. */
static void test_coverage(void)
{
	static bool seen[RV_OP_COUNT];
	size_t i;
	unsigned op;
	bool ok = true;

	for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++)
		seen[valid[i].op] = true;
	seen[RV_OP_illegal] = true;
	for (op = 0; op < RV_OP_COUNT; op++) {
		if (!seen[op]) {
			fail("decode-coverage", "no test for %s",
			     rv_op_names[op]);
			ok = false;
		}
	}
	if (ok)
		printf("ok decode-coverage\n");
}

static void test_names(void)
{
	unsigned a, b;
	bool ok = true;

	for (a = 0; a < RV_OP_COUNT; a++) {
		if (!rv_op_names[a] || !rv_op_names[a][0]) {
			fail("decode-names", "op %u has no name", a);
			ok = false;
			continue;
		}
		for (b = 0; b < a; b++) {
			if (rv_op_names[b] &&
			    !strcmp(rv_op_names[a], rv_op_names[b])) {
				fail("decode-names", "%s twice",
				     rv_op_names[a]);
				ok = false;
			}
		}
	}
	if (strcmp(rv_op_names[RV_OP_fence_i], "fence.i") ||
	    strcmp(rv_op_names[RV_OP_amomaxu_d], "amomaxu.d") ||
	    strcmp(rv_op_names[RV_OP_czero_nez], "czero.nez") ||
	    strcmp(rv_op_names[RV_OP_illegal], "illegal")) {
		fail("decode-names", "wrong name");
		ok = false;
	}
	if (ok)
		printf("ok decode-names\n");
}

/*
 * Structural invariants over all parcels and many words: lengths, raw
 * bits, register numbers in range, illegal results carrying nothing else.
 */
static void test_invariants(void)
{
	uint64_t s = 0x243f6a8885a308d3ull;
	uint32_t i;
	bool ok = true;

	for (i = 0; i < 65536 + 2000000; i++) {
		uint32_t raw;
		struct rv_insn in;
		unsigned len;

		if (i < 65536) {
			raw = i;
		} else {
			s ^= s << 13;
			s ^= s >> 7;
			s ^= s << 17;
			raw = (uint32_t)s | 3;
		}
		len = rv_decode(raw, &in);
		if (len != rv_insn_len(raw) || in.len != len ||
		    in.raw != (len == 2 ? (raw & 0xffff) : raw) ||
		    in.op >= RV_OP_COUNT || in.rd > 31 || in.rs1 > 31 ||
		    in.rs2 > 31 || in.rs3 > 31 || in.rm > 7 || in.aqrl > 3 ||
		    in.csr > 0xfff ||
		    (in.op == RV_OP_illegal &&
		     (in.rd | in.rs1 | in.rs2 | in.rs3 | in.rm | in.aqrl |
		      in.csr | in.imm))) {
			if (ok)
				fail("decode-invariants", "%08x", raw);
			ok = false;
		}
	}
	if (ok)
		printf("ok decode-invariants\n");
}

/*
 * A hart decodes only its extensions' instructions: each encoding below
 * decodes to its op with the extensions it needs, and to illegal with
 * any one of them gone.
 */
static void test_isa(void)
{
#define X(e) (1ull << ACCEL_EXT_##e)
	static const struct {
		uint32_t raw;
		uint16_t op;
		uint64_t needs;
		const char *what;
		/* clang-format off */
	} cases[] = {
		{ 0x02c58533, RV_OP_mul, X(M), "mul" },
		{ 0x00c5a52f, RV_OP_amoadd_w, X(A), "amoadd.w" },
		{ 0x00c5f553, RV_OP_fadd_s, X(F), "fadd.s" },
		{ 0x02c5f553, RV_OP_fadd_d, X(D), "fadd.d" },
		{ 0x0000100f, RV_OP_fence_i, X(ZIFENCEI), "fence.i" },
		{ 0x6005c573, RV_OP_hlv_b, X(H), "hlv.b" },
		{ 0x16000073, RV_OP_sinval_vma, X(SVINVAL), "sinval.vma" },
		{ 0x26000073, RV_OP_hinval_vvma, X(H) | X(SVINVAL),
		  "hinval.vvma" },
		{ 0x0ec5d533, RV_OP_czero_eqz, X(ZICOND), "czero.eqz" },
		{ 0x0010200f, RV_OP_cbo_clean, X(ZICBOM), "cbo.clean" },
		{ 0x0040200f, RV_OP_cbo_zero, X(ZICBOZ), "cbo.zero" },
		{ 0x08c5853b, RV_OP_add_uw, X(ZBA), "add.uw" },
		{ 0x60051513, RV_OP_clz, X(ZBB), "clz" },
		{ 0x48c59533, RV_OP_bclr, X(ZBS), "bclr" },
		{ 0xffe59507, RV_OP_flh, X(ZFHMIN), "flh" },
		{ 0x42258553, RV_OP_fcvt_d_h, X(ZFHMIN) | X(D), "fcvt.d.h" },
		{ 0x04c5f553, RV_OP_fadd_h, X(ZFH), "fadd.h" },
		{ 0xf0180553, RV_OP_fli_s, X(ZFA), "fli.s" },
		{ 0xf2108553, RV_OP_fli_d, X(ZFA) | X(D), "fli.d" },
		{ 0xf41f0053, RV_OP_fli_h, X(ZFA) | X(ZFH), "fli.h" },
		{ 0xc2859553, RV_OP_fcvtmod_w_d, X(ZFA) | X(D), "fcvtmod.w.d" },
		{ 0x0ac5a533, RV_OP_clmulr, X(ZBC), "clmulr" },
		{ 0x08c5c533, RV_OP_pack, X(ZBKB), "pack" },
		{ 0x28c5c533, RV_OP_xperm8, X(ZBKX), "xperm8" },
		{ 0x81c5c573, RV_OP_mop_r, X(ZIMOP), "mop.r.0" },
		{ 0x00d00073, RV_OP_wrs_nto, X(ZAWRS), "wrs.nto" },
		{ 0x4108, RV_OP_lw, X(C), "c.lw" },
		{ 0x2008, RV_OP_fld, X(C) | X(D), "c.fld" },
		{ 0x80e8, RV_OP_lbu, X(C) | X(ZCB), "c.lbu" },
		{ 0x9c49, RV_OP_mul, X(C) | X(ZCB) | X(M), "c.mul" },
		{ 0x9c65, RV_OP_sext_b, X(C) | X(ZCB) | X(ZBB), "c.sext.b" },
		{ 0x9c69, RV_OP_zext_h, X(C) | X(ZCB) | X(ZBB), "c.zext.h" },
		{ 0x9c71, RV_OP_add_uw, X(C) | X(ZCB) | X(ZBA), "c.zext.w" },
		{ 0x6081, RV_OP_c_mop, X(C) | X(ZCMOP), "c.mop.1" },
		/* clang-format on */
	};
	/* Shared by two extensions: either one will do. */
	static const struct {
		uint32_t raw;
		uint16_t op;
		uint64_t either;
		const char *what;
		/* clang-format off */
	} shared[] = {
		{ 0x60c59533, RV_OP_rol, X(ZBB) | X(ZBKB), "rol" },
		{ 0x40c5f533, RV_OP_andn, X(ZBB) | X(ZBKB), "andn" },
		{ 0x6b85d513, RV_OP_rev8, X(ZBB) | X(ZBKB), "rev8" },
		{ 0x0805c53b, RV_OP_zext_h, X(ZBB) | X(ZBKB), "zext.h" },
		{ 0x0ac59533, RV_OP_clmul, X(ZBC) | X(ZBKC), "clmul" },
		{ 0x0ac5b533, RV_OP_clmulh, X(ZBC) | X(ZBKC), "clmulh" },
		/* clang-format on */
	};
#undef X
	struct rv_insn in;
	bool ok = true;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t need = cases[i].needs;

		rv_decode_isa(cases[i].raw, &in, need);
		if (in.op != cases[i].op) {
			fail("decode-isa", "%s with what it needs: %s",
			     cases[i].what, rv_op_names[in.op]);
			ok = false;
		}
		while (need) {
			uint64_t one = need & -need;

			need &= need - 1;
			rv_decode_isa(cases[i].raw, &in, ~one);
			if (in.op != RV_OP_illegal) {
				fail("decode-isa",
				     "%s without extension %d: %s",
				     cases[i].what, __builtin_ctzll(one),
				     rv_op_names[in.op]);
				ok = false;
			}
		}
	}
	for (i = 0; i < sizeof(shared) / sizeof(shared[0]); i++) {
		uint64_t e = shared[i].either;

		rv_decode_isa(shared[i].raw, &in, e & -e);
		if (in.op != shared[i].op) {
			fail("decode-isa", "%s with the first", shared[i].what);
			ok = false;
		}
		rv_decode_isa(shared[i].raw, &in, e & (e - 1));
		if (in.op != shared[i].op) {
			fail("decode-isa", "%s with the second",
			     shared[i].what);
			ok = false;
		}
		rv_decode_isa(shared[i].raw, &in, ~e);
		if (in.op != RV_OP_illegal) {
			fail("decode-isa", "%s with neither", shared[i].what);
			ok = false;
		}
	}
	if (ok)
		printf("ok decode-isa\n");
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_valid();
	test_illegal();
	test_coverage();
	test_names();
	test_invariants();
	test_isa();
	return failures ? 1 : 0;
}
