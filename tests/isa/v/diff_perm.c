/*
 * Written by gen.py: do not edit. Differential test of the vector
 * mask and permutation instructions (RISC-V "V" 1.0): each form, masked and
 * not, under every SEW and LMUL, full and partial vl, vstart 0 and 2;
 * the registers, CSRs after it are hashed and printed, and must
 * match QEMU's.
 * ISA-DIFF
 * ISA-QEMU: vector
 * ISA-VLEN: 256 1024
 */
#include "vtest.h"

VT(t0, "vmand.mm v8, v16, v24");
VT(t1, "vmnand.mm v8, v16, v24");
VT(t2, "vmandn.mm v8, v16, v24");
VT(t3, "vmxor.mm v8, v16, v24");
VT(t4, "vmor.mm v8, v16, v24");
VT(t5, "vmnor.mm v8, v16, v24");
VT(t6, "vmorn.mm v8, v16, v24");
VT(t7, "vmxnor.mm v8, v16, v24");
VT(t8, "vmand.mm v16, v16, v24");
VT(t9, "vcpop.m a0, v16");
VT(t10, "vcpop.m a0, v16, v0.t");
VT(t11, "vfirst.m a0, v16");
VT(t12, "vfirst.m a0, v16, v0.t");
VT(t13, "vmsbf.m v8, v16");
VT(t14, "vmsbf.m v8, v16, v0.t");
VT(t15, "vmsif.m v8, v16");
VT(t16, "vmsif.m v8, v16, v0.t");
VT(t17, "vmsof.m v8, v16");
VT(t18, "vmsof.m v8, v16, v0.t");
VT(t19, "viota.m v8, v16");
VT(t20, "viota.m v8, v16, v0.t");
VT(t21, "vid.v v8");
VT(t22, "vid.v v8, v0.t");
VT(t23, "vmv.x.s a0, v16");
VT(t24, "vmv.s.x v8, a1");
VT(t25, "vslideup.vx v8, v16, a1");
VT(t26, "vslideup.vx v8, v16, a1, v0.t");
VT(t27, "vslideup.vi v8, v16, 0");
VT(t28, "vslideup.vi v8, v16, 0, v0.t");
VT(t29, "vslideup.vi v8, v16, 1");
VT(t30, "vslideup.vi v8, v16, 1, v0.t");
VT(t31, "vslideup.vi v8, v16, 9");
VT(t32, "vslideup.vi v8, v16, 9, v0.t");
VT(t33, "vslideup.vi v8, v16, 31");
VT(t34, "vslideup.vi v8, v16, 31, v0.t");
VT(t35, "vslidedown.vx v8, v16, a1");
VT(t36, "vslidedown.vx v8, v16, a1, v0.t");
VT(t37, "vslidedown.vi v8, v16, 0");
VT(t38, "vslidedown.vi v8, v16, 0, v0.t");
VT(t39, "vslidedown.vi v8, v16, 1");
VT(t40, "vslidedown.vi v8, v16, 1, v0.t");
VT(t41, "vslidedown.vi v8, v16, 9");
VT(t42, "vslidedown.vi v8, v16, 9, v0.t");
VT(t43, "vslidedown.vi v8, v16, 31");
VT(t44, "vslidedown.vi v8, v16, 31, v0.t");
VT(t45, "vslidedown.vx v16, v16, a1");
VT(t46, "vslidedown.vx v16, v16, a1, v0.t");
VT(t47, "vslide1up.vx v8, v16, a1");
VT(t48, "vslide1up.vx v8, v16, a1, v0.t");
VT(t49, "vslide1down.vx v8, v16, a1");
VT(t50, "vslide1down.vx v8, v16, a1, v0.t");
VT(t51, "vrgather.vv v8, v16, v24");
VT(t52, "vrgather.vv v8, v16, v24, v0.t");
VT(t53, "vrgather.vv v8, v16, v24");
VT(t54, "vrgather.vv v8, v16, v24, v0.t");
VT(t55, "vrgatherei16.vv v8, v16, v24");
VT(t56, "vrgatherei16.vv v8, v16, v24, v0.t");
VT(t57, "vrgather.vx v8, v16, a1");
VT(t58, "vrgather.vx v8, v16, a1, v0.t");
VT(t59, "vrgather.vi v8, v16, 0");
VT(t60, "vrgather.vi v8, v16, 0, v0.t");
VT(t61, "vrgather.vi v8, v16, 3");
VT(t62, "vrgather.vi v8, v16, 3, v0.t");
VT(t63, "vrgather.vi v8, v16, 31");
VT(t64, "vrgather.vi v8, v16, 31, v0.t");
VT(t65, "vcompress.vm v8, v16, v24");
VT(t66, "vmv1r.v v8, v16");
VT(t67, "vmv2r.v v8, v16");
VT(t68, "vmv4r.v v8, v16");
VT(t69, "vmv8r.v v8, v16");
VT(t70, "vadd.vv v0, v16, v24, v0.t");
VT(t71, "vslideup.vx v16, v16, a1");
VT(t72, "vrgather.vv v24, v16, v24");
VT(t73, "vwadd.vv v9, v16, v24");
VT(t74, "vadd.vv v8, v17, v24");

static const struct vt_case cases[] = {
	{"vmand.mm", t0, 0},
	{"vmnand.mm", t1, 0},
	{"vmandn.mm", t2, 0},
	{"vmxor.mm", t3, 0},
	{"vmor.mm", t4, 0},
	{"vmnor.mm", t5, 0},
	{"vmorn.mm", t6, 0},
	{"vmxnor.mm", t7, 0},
	{"vmand.mm vd=vs", t8, 0},
	{"vcpop.m", t9, VT_NOSTART},
	{"vcpop.m m", t10, VT_NOSTART},
	{"vfirst.m", t11, VT_NOSTART},
	{"vfirst.m m", t12, VT_NOSTART},
	{"vmsbf.m", t13, VT_NOSTART},
	{"vmsbf.m m", t14, VT_NOSTART},
	{"vmsif.m", t15, VT_NOSTART},
	{"vmsif.m m", t16, VT_NOSTART},
	{"vmsof.m", t17, VT_NOSTART},
	{"vmsof.m m", t18, VT_NOSTART},
	{"viota.m", t19, VT_NOSTART},
	{"viota.m m", t20, VT_NOSTART},
	{"vid.v", t21, 0},
	{"vid.v m", t22, 0},
	{"vmv.x.s", t23, VT_NOSTART},
	{"vmv.s.x", t24, VT_NOSTART},
	{"vslideup.vx", t25, VT_SMALLX | VT_NOSTART},
	{"vslideup.vx m", t26, VT_SMALLX | VT_NOSTART},
	{"vslideup.vi 0", t27, VT_NOSTART},
	{"vslideup.vi 0 m", t28, VT_NOSTART},
	{"vslideup.vi 1", t29, VT_NOSTART},
	{"vslideup.vi 1 m", t30, VT_NOSTART},
	{"vslideup.vi 9", t31, VT_NOSTART},
	{"vslideup.vi 9 m", t32, VT_NOSTART},
	{"vslideup.vi 31", t33, VT_NOSTART},
	{"vslideup.vi 31 m", t34, VT_NOSTART},
	{"vslidedown.vx", t35, VT_SMALLX},
	{"vslidedown.vx m", t36, VT_SMALLX},
	{"vslidedown.vi 0", t37, 0},
	{"vslidedown.vi 0 m", t38, 0},
	{"vslidedown.vi 1", t39, 0},
	{"vslidedown.vi 1 m", t40, 0},
	{"vslidedown.vi 9", t41, 0},
	{"vslidedown.vi 9 m", t42, 0},
	{"vslidedown.vi 31", t43, 0},
	{"vslidedown.vi 31 m", t44, 0},
	{"vslidedown.vx vd=vs2", t45, VT_SMALLX},
	{"vslidedown.vx vd=vs2 m", t46, VT_SMALLX},
	{"vslide1up.vx", t47, 0},
	{"vslide1up.vx m", t48, 0},
	{"vslide1down.vx", t49, 0},
	{"vslide1down.vx m", t50, 0},
	{"vrgather.vv", t51, VT_IDX24},
	{"vrgather.vv m", t52, VT_IDX24},
	{"vrgather.vv big", t53, 0},
	{"vrgather.vv big m", t54, 0},
	{"vrgatherei16.vv", t55, VT_IDX16},
	{"vrgatherei16.vv m", t56, VT_IDX16},
	{"vrgather.vx", t57, VT_SMALLX},
	{"vrgather.vx m", t58, VT_SMALLX},
	{"vrgather.vi 0", t59, 0},
	{"vrgather.vi 0 m", t60, 0},
	{"vrgather.vi 3", t61, 0},
	{"vrgather.vi 3 m", t62, 0},
	{"vrgather.vi 31", t63, 0},
	{"vrgather.vi 31 m", t64, 0},
	{"vcompress.vm", t65, VT_NOSTART},
	{"vmv1r.v", t66, VT_NOSTART},
	{"vmv2r.v", t67, VT_NOSTART},
	{"vmv4r.v", t68, VT_NOSTART},
	{"vmv8r.v", t69, VT_NOSTART},
	{"vadd.vv vd=v0 masked", t70, 0},
	{"vslideup.vx vd=vs2", t71, VT_SMALLX},
	{"vrgather.vv vd=vs1", t72, 0},
	{"vwadd.vv odd vd", t73, 0},
	{"vadd.vv odd vs2", t74, 0},
};

int main(void)
{
	vt_all(cases, sizeof(cases) / sizeof(cases[0]));
	return 0;
}
