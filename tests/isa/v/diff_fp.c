/*
 * Written by gen.py: do not edit. Differential test of the vector
 * floating-point instructions (RISC-V "V" 1.0): each form, masked and
 * not, under every SEW and LMUL, full and partial vl, vstart 0 and 2, every frm;
 * the registers, CSRs (fflags too) after it are hashed and printed, and must
 * match QEMU's.
 * ISA-DIFF
 * ISA-QEMU: vector
 * ISA-VLEN: 256 1024
 */
#include "vtest.h"

VT(t0, "vfadd.vv v8, v16, v24");
VT(t1, "vfadd.vv v8, v16, v24, v0.t");
VT(t2, "vfadd.vf v8, v16, fa1");
VT(t3, "vfadd.vf v8, v16, fa1, v0.t");
VT(t4, "vfsub.vv v8, v16, v24");
VT(t5, "vfsub.vv v8, v16, v24, v0.t");
VT(t6, "vfsub.vf v8, v16, fa1");
VT(t7, "vfsub.vf v8, v16, fa1, v0.t");
VT(t8, "vfrsub.vf v8, v16, fa1");
VT(t9, "vfrsub.vf v8, v16, fa1, v0.t");
VT(t10, "vfmul.vv v8, v16, v24");
VT(t11, "vfmul.vv v8, v16, v24, v0.t");
VT(t12, "vfmul.vf v8, v16, fa1");
VT(t13, "vfmul.vf v8, v16, fa1, v0.t");
VT(t14, "vfdiv.vv v8, v16, v24");
VT(t15, "vfdiv.vv v8, v16, v24, v0.t");
VT(t16, "vfdiv.vf v8, v16, fa1");
VT(t17, "vfdiv.vf v8, v16, fa1, v0.t");
VT(t18, "vfrdiv.vf v8, v16, fa1");
VT(t19, "vfrdiv.vf v8, v16, fa1, v0.t");
VT(t20, "vfmin.vv v8, v16, v24");
VT(t21, "vfmin.vv v8, v16, v24, v0.t");
VT(t22, "vfmin.vf v8, v16, fa1");
VT(t23, "vfmin.vf v8, v16, fa1, v0.t");
VT(t24, "vfmax.vv v8, v16, v24");
VT(t25, "vfmax.vv v8, v16, v24, v0.t");
VT(t26, "vfmax.vf v8, v16, fa1");
VT(t27, "vfmax.vf v8, v16, fa1, v0.t");
VT(t28, "vfsgnj.vv v8, v16, v24");
VT(t29, "vfsgnj.vv v8, v16, v24, v0.t");
VT(t30, "vfsgnj.vf v8, v16, fa1");
VT(t31, "vfsgnj.vf v8, v16, fa1, v0.t");
VT(t32, "vfsgnjn.vv v8, v16, v24");
VT(t33, "vfsgnjn.vv v8, v16, v24, v0.t");
VT(t34, "vfsgnjn.vf v8, v16, fa1");
VT(t35, "vfsgnjn.vf v8, v16, fa1, v0.t");
VT(t36, "vfsgnjx.vv v8, v16, v24");
VT(t37, "vfsgnjx.vv v8, v16, v24, v0.t");
VT(t38, "vfsgnjx.vf v8, v16, fa1");
VT(t39, "vfsgnjx.vf v8, v16, fa1, v0.t");
VT(t40, "vmfeq.vv v8, v16, v24");
VT(t41, "vmfeq.vv v8, v16, v24, v0.t");
VT(t42, "vmfeq.vf v8, v16, fa1");
VT(t43, "vmfeq.vf v8, v16, fa1, v0.t");
VT(t44, "vmfne.vv v8, v16, v24");
VT(t45, "vmfne.vv v8, v16, v24, v0.t");
VT(t46, "vmfne.vf v8, v16, fa1");
VT(t47, "vmfne.vf v8, v16, fa1, v0.t");
VT(t48, "vmflt.vv v8, v16, v24");
VT(t49, "vmflt.vv v8, v16, v24, v0.t");
VT(t50, "vmflt.vf v8, v16, fa1");
VT(t51, "vmflt.vf v8, v16, fa1, v0.t");
VT(t52, "vmfle.vv v8, v16, v24");
VT(t53, "vmfle.vv v8, v16, v24, v0.t");
VT(t54, "vmfle.vf v8, v16, fa1");
VT(t55, "vmfle.vf v8, v16, fa1, v0.t");
VT(t56, "vmfgt.vf v8, v16, fa1");
VT(t57, "vmfgt.vf v8, v16, fa1, v0.t");
VT(t58, "vmfge.vf v8, v16, fa1");
VT(t59, "vmfge.vf v8, v16, fa1, v0.t");
VT(t60, "vfmacc.vv v8, v24, v16");
VT(t61, "vfmacc.vv v8, v24, v16, v0.t");
VT(t62, "vfmacc.vf v8, fa1, v16");
VT(t63, "vfmacc.vf v8, fa1, v16, v0.t");
VT(t64, "vfnmacc.vv v8, v24, v16");
VT(t65, "vfnmacc.vv v8, v24, v16, v0.t");
VT(t66, "vfnmacc.vf v8, fa1, v16");
VT(t67, "vfnmacc.vf v8, fa1, v16, v0.t");
VT(t68, "vfmsac.vv v8, v24, v16");
VT(t69, "vfmsac.vv v8, v24, v16, v0.t");
VT(t70, "vfmsac.vf v8, fa1, v16");
VT(t71, "vfmsac.vf v8, fa1, v16, v0.t");
VT(t72, "vfnmsac.vv v8, v24, v16");
VT(t73, "vfnmsac.vv v8, v24, v16, v0.t");
VT(t74, "vfnmsac.vf v8, fa1, v16");
VT(t75, "vfnmsac.vf v8, fa1, v16, v0.t");
VT(t76, "vfmadd.vv v8, v24, v16");
VT(t77, "vfmadd.vv v8, v24, v16, v0.t");
VT(t78, "vfmadd.vf v8, fa1, v16");
VT(t79, "vfmadd.vf v8, fa1, v16, v0.t");
VT(t80, "vfnmadd.vv v8, v24, v16");
VT(t81, "vfnmadd.vv v8, v24, v16, v0.t");
VT(t82, "vfnmadd.vf v8, fa1, v16");
VT(t83, "vfnmadd.vf v8, fa1, v16, v0.t");
VT(t84, "vfmsub.vv v8, v24, v16");
VT(t85, "vfmsub.vv v8, v24, v16, v0.t");
VT(t86, "vfmsub.vf v8, fa1, v16");
VT(t87, "vfmsub.vf v8, fa1, v16, v0.t");
VT(t88, "vfnmsub.vv v8, v24, v16");
VT(t89, "vfnmsub.vv v8, v24, v16, v0.t");
VT(t90, "vfnmsub.vf v8, fa1, v16");
VT(t91, "vfnmsub.vf v8, fa1, v16, v0.t");
VT(t92, "vfwmacc.vv v8, v24, v16");
VT(t93, "vfwmacc.vv v8, v24, v16, v0.t");
VT(t94, "vfwmacc.vf v8, fa1, v16");
VT(t95, "vfwmacc.vf v8, fa1, v16, v0.t");
VT(t96, "vfwnmacc.vv v8, v24, v16");
VT(t97, "vfwnmacc.vv v8, v24, v16, v0.t");
VT(t98, "vfwnmacc.vf v8, fa1, v16");
VT(t99, "vfwnmacc.vf v8, fa1, v16, v0.t");
VT(t100, "vfwmsac.vv v8, v24, v16");
VT(t101, "vfwmsac.vv v8, v24, v16, v0.t");
VT(t102, "vfwmsac.vf v8, fa1, v16");
VT(t103, "vfwmsac.vf v8, fa1, v16, v0.t");
VT(t104, "vfwnmsac.vv v8, v24, v16");
VT(t105, "vfwnmsac.vv v8, v24, v16, v0.t");
VT(t106, "vfwnmsac.vf v8, fa1, v16");
VT(t107, "vfwnmsac.vf v8, fa1, v16, v0.t");
VT(t108, "vfwadd.vv v8, v16, v24");
VT(t109, "vfwadd.vv v8, v16, v24, v0.t");
VT(t110, "vfwadd.vf v8, v16, fa1");
VT(t111, "vfwadd.vf v8, v16, fa1, v0.t");
VT(t112, "vfwsub.vv v8, v16, v24");
VT(t113, "vfwsub.vv v8, v16, v24, v0.t");
VT(t114, "vfwsub.vf v8, v16, fa1");
VT(t115, "vfwsub.vf v8, v16, fa1, v0.t");
VT(t116, "vfwmul.vv v8, v16, v24");
VT(t117, "vfwmul.vv v8, v16, v24, v0.t");
VT(t118, "vfwmul.vf v8, v16, fa1");
VT(t119, "vfwmul.vf v8, v16, fa1, v0.t");
VT(t120, "vfwadd.wv v8, v16, v24");
VT(t121, "vfwadd.wv v8, v16, v24, v0.t");
VT(t122, "vfwadd.wf v8, v16, fa1");
VT(t123, "vfwadd.wf v8, v16, fa1, v0.t");
VT(t124, "vfwsub.wv v8, v16, v24");
VT(t125, "vfwsub.wv v8, v16, v24, v0.t");
VT(t126, "vfwsub.wf v8, v16, fa1");
VT(t127, "vfwsub.wf v8, v16, fa1, v0.t");
VT(t128, "vfsqrt.v v8, v16");
VT(t129, "vfsqrt.v v8, v16, v0.t");
VT(t130, "vfrsqrt7.v v8, v16");
VT(t131, "vfrsqrt7.v v8, v16, v0.t");
VT(t132, "vfrec7.v v8, v16");
VT(t133, "vfrec7.v v8, v16, v0.t");
VT(t134, "vfclass.v v8, v16");
VT(t135, "vfclass.v v8, v16, v0.t");
VT(t136, "vfcvt.xu.f.v v8, v16");
VT(t137, "vfcvt.xu.f.v v8, v16, v0.t");
VT(t138, "vfcvt.x.f.v v8, v16");
VT(t139, "vfcvt.x.f.v v8, v16, v0.t");
VT(t140, "vfcvt.f.xu.v v8, v16");
VT(t141, "vfcvt.f.xu.v v8, v16, v0.t");
VT(t142, "vfcvt.f.x.v v8, v16");
VT(t143, "vfcvt.f.x.v v8, v16, v0.t");
VT(t144, "vfwcvt.xu.f.v v8, v16");
VT(t145, "vfwcvt.xu.f.v v8, v16, v0.t");
VT(t146, "vfwcvt.x.f.v v8, v16");
VT(t147, "vfwcvt.x.f.v v8, v16, v0.t");
VT(t148, "vfncvt.f.xu.w v8, v16");
VT(t149, "vfncvt.f.xu.w v8, v16, v0.t");
VT(t150, "vfncvt.f.x.w v8, v16");
VT(t151, "vfncvt.f.x.w v8, v16, v0.t");
VT(t152, "vfncvt.rod.f.f.w v8, v16");
VT(t153, "vfncvt.rod.f.f.w v8, v16, v0.t");
VT(t154, "vfwcvt.f.xu.v v8, v16");
VT(t155, "vfwcvt.f.xu.v v8, v16, v0.t");
VT(t156, "vfwcvt.f.x.v v8, v16");
VT(t157, "vfwcvt.f.x.v v8, v16, v0.t");
VT(t158, "vfwcvt.f.f.v v8, v16");
VT(t159, "vfwcvt.f.f.v v8, v16, v0.t");
VT(t160, "vfncvt.xu.f.w v8, v16");
VT(t161, "vfncvt.xu.f.w v8, v16, v0.t");
VT(t162, "vfncvt.x.f.w v8, v16");
VT(t163, "vfncvt.x.f.w v8, v16, v0.t");
VT(t164, "vfncvt.f.f.w v8, v16");
VT(t165, "vfncvt.f.f.w v8, v16, v0.t");
VT(t166, "vfredusum.vs v8, v16, v24");
VT(t167, "vfredusum.vs v8, v16, v24, v0.t");
VT(t168, "vfredosum.vs v8, v16, v24");
VT(t169, "vfredosum.vs v8, v16, v24, v0.t");
VT(t170, "vfredmin.vs v8, v16, v24");
VT(t171, "vfredmin.vs v8, v16, v24, v0.t");
VT(t172, "vfredmax.vs v8, v16, v24");
VT(t173, "vfredmax.vs v8, v16, v24, v0.t");
VT(t174, "vfwredusum.vs v8, v16, v24");
VT(t175, "vfwredusum.vs v8, v16, v24, v0.t");
VT(t176, "vfwredosum.vs v8, v16, v24");
VT(t177, "vfwredosum.vs v8, v16, v24, v0.t");
VT(t178, "vfmerge.vfm v8, v16, fa1, v0");
VT(t179, "vfmv.v.f v8, fa1");
VT(t180, "vfmv.f.s fa0, v16");
VT(t181, "vfmv.s.f v8, fa1");
VT(t182, "vfslide1up.vf v8, v16, fa1");
VT(t183, "vfslide1up.vf v8, v16, fa1, v0.t");
VT(t184, "vfslide1down.vf v8, v16, fa1");
VT(t185, "vfslide1down.vf v8, v16, fa1, v0.t");

static const struct vt_case cases[] = {
	{"vfadd.vv", t0, VT_FRM | VT_F},
	{"vfadd.vv m", t1, VT_FRM | VT_F},
	{"vfadd.vf", t2, VT_FRM | VT_F},
	{"vfadd.vf m", t3, VT_FRM | VT_F},
	{"vfsub.vv", t4, VT_FRM | VT_F},
	{"vfsub.vv m", t5, VT_FRM | VT_F},
	{"vfsub.vf", t6, VT_FRM | VT_F},
	{"vfsub.vf m", t7, VT_FRM | VT_F},
	{"vfrsub.vf", t8, VT_FRM | VT_F},
	{"vfrsub.vf m", t9, VT_FRM | VT_F},
	{"vfmul.vv", t10, VT_FRM | VT_F},
	{"vfmul.vv m", t11, VT_FRM | VT_F},
	{"vfmul.vf", t12, VT_FRM | VT_F},
	{"vfmul.vf m", t13, VT_FRM | VT_F},
	{"vfdiv.vv", t14, VT_FRM | VT_F},
	{"vfdiv.vv m", t15, VT_FRM | VT_F},
	{"vfdiv.vf", t16, VT_FRM | VT_F},
	{"vfdiv.vf m", t17, VT_FRM | VT_F},
	{"vfrdiv.vf", t18, VT_FRM | VT_F},
	{"vfrdiv.vf m", t19, VT_FRM | VT_F},
	{"vfmin.vv", t20, VT_FRM | VT_F},
	{"vfmin.vv m", t21, VT_FRM | VT_F},
	{"vfmin.vf", t22, VT_FRM | VT_F},
	{"vfmin.vf m", t23, VT_FRM | VT_F},
	{"vfmax.vv", t24, VT_FRM | VT_F},
	{"vfmax.vv m", t25, VT_FRM | VT_F},
	{"vfmax.vf", t26, VT_FRM | VT_F},
	{"vfmax.vf m", t27, VT_FRM | VT_F},
	{"vfsgnj.vv", t28, VT_FRM | VT_F},
	{"vfsgnj.vv m", t29, VT_FRM | VT_F},
	{"vfsgnj.vf", t30, VT_FRM | VT_F},
	{"vfsgnj.vf m", t31, VT_FRM | VT_F},
	{"vfsgnjn.vv", t32, VT_FRM | VT_F},
	{"vfsgnjn.vv m", t33, VT_FRM | VT_F},
	{"vfsgnjn.vf", t34, VT_FRM | VT_F},
	{"vfsgnjn.vf m", t35, VT_FRM | VT_F},
	{"vfsgnjx.vv", t36, VT_FRM | VT_F},
	{"vfsgnjx.vv m", t37, VT_FRM | VT_F},
	{"vfsgnjx.vf", t38, VT_FRM | VT_F},
	{"vfsgnjx.vf m", t39, VT_FRM | VT_F},
	{"vmfeq.vv", t40, VT_FRM | VT_F},
	{"vmfeq.vv m", t41, VT_FRM | VT_F},
	{"vmfeq.vf", t42, VT_FRM | VT_F},
	{"vmfeq.vf m", t43, VT_FRM | VT_F},
	{"vmfne.vv", t44, VT_FRM | VT_F},
	{"vmfne.vv m", t45, VT_FRM | VT_F},
	{"vmfne.vf", t46, VT_FRM | VT_F},
	{"vmfne.vf m", t47, VT_FRM | VT_F},
	{"vmflt.vv", t48, VT_FRM | VT_F},
	{"vmflt.vv m", t49, VT_FRM | VT_F},
	{"vmflt.vf", t50, VT_FRM | VT_F},
	{"vmflt.vf m", t51, VT_FRM | VT_F},
	{"vmfle.vv", t52, VT_FRM | VT_F},
	{"vmfle.vv m", t53, VT_FRM | VT_F},
	{"vmfle.vf", t54, VT_FRM | VT_F},
	{"vmfle.vf m", t55, VT_FRM | VT_F},
	{"vmfgt.vf", t56, VT_FRM | VT_F},
	{"vmfgt.vf m", t57, VT_FRM | VT_F},
	{"vmfge.vf", t58, VT_FRM | VT_F},
	{"vmfge.vf m", t59, VT_FRM | VT_F},
	{"vfmacc.vv", t60, VT_FRM | VT_F},
	{"vfmacc.vv m", t61, VT_FRM | VT_F},
	{"vfmacc.vf", t62, VT_FRM | VT_F},
	{"vfmacc.vf m", t63, VT_FRM | VT_F},
	{"vfnmacc.vv", t64, VT_FRM | VT_F},
	{"vfnmacc.vv m", t65, VT_FRM | VT_F},
	{"vfnmacc.vf", t66, VT_FRM | VT_F},
	{"vfnmacc.vf m", t67, VT_FRM | VT_F},
	{"vfmsac.vv", t68, VT_FRM | VT_F},
	{"vfmsac.vv m", t69, VT_FRM | VT_F},
	{"vfmsac.vf", t70, VT_FRM | VT_F},
	{"vfmsac.vf m", t71, VT_FRM | VT_F},
	{"vfnmsac.vv", t72, VT_FRM | VT_F},
	{"vfnmsac.vv m", t73, VT_FRM | VT_F},
	{"vfnmsac.vf", t74, VT_FRM | VT_F},
	{"vfnmsac.vf m", t75, VT_FRM | VT_F},
	{"vfmadd.vv", t76, VT_FRM | VT_F},
	{"vfmadd.vv m", t77, VT_FRM | VT_F},
	{"vfmadd.vf", t78, VT_FRM | VT_F},
	{"vfmadd.vf m", t79, VT_FRM | VT_F},
	{"vfnmadd.vv", t80, VT_FRM | VT_F},
	{"vfnmadd.vv m", t81, VT_FRM | VT_F},
	{"vfnmadd.vf", t82, VT_FRM | VT_F},
	{"vfnmadd.vf m", t83, VT_FRM | VT_F},
	{"vfmsub.vv", t84, VT_FRM | VT_F},
	{"vfmsub.vv m", t85, VT_FRM | VT_F},
	{"vfmsub.vf", t86, VT_FRM | VT_F},
	{"vfmsub.vf m", t87, VT_FRM | VT_F},
	{"vfnmsub.vv", t88, VT_FRM | VT_F},
	{"vfnmsub.vv m", t89, VT_FRM | VT_F},
	{"vfnmsub.vf", t90, VT_FRM | VT_F},
	{"vfnmsub.vf m", t91, VT_FRM | VT_F},
	{"vfwmacc.vv", t92, VT_FRM | VT_F},
	{"vfwmacc.vv m", t93, VT_FRM | VT_F},
	{"vfwmacc.vf", t94, VT_FRM | VT_F},
	{"vfwmacc.vf m", t95, VT_FRM | VT_F},
	{"vfwnmacc.vv", t96, VT_FRM | VT_F},
	{"vfwnmacc.vv m", t97, VT_FRM | VT_F},
	{"vfwnmacc.vf", t98, VT_FRM | VT_F},
	{"vfwnmacc.vf m", t99, VT_FRM | VT_F},
	{"vfwmsac.vv", t100, VT_FRM | VT_F},
	{"vfwmsac.vv m", t101, VT_FRM | VT_F},
	{"vfwmsac.vf", t102, VT_FRM | VT_F},
	{"vfwmsac.vf m", t103, VT_FRM | VT_F},
	{"vfwnmsac.vv", t104, VT_FRM | VT_F},
	{"vfwnmsac.vv m", t105, VT_FRM | VT_F},
	{"vfwnmsac.vf", t106, VT_FRM | VT_F},
	{"vfwnmsac.vf m", t107, VT_FRM | VT_F},
	{"vfwadd.vv", t108, VT_FRM | VT_F},
	{"vfwadd.vv m", t109, VT_FRM | VT_F},
	{"vfwadd.vf", t110, VT_FRM | VT_F},
	{"vfwadd.vf m", t111, VT_FRM | VT_F},
	{"vfwsub.vv", t112, VT_FRM | VT_F},
	{"vfwsub.vv m", t113, VT_FRM | VT_F},
	{"vfwsub.vf", t114, VT_FRM | VT_F},
	{"vfwsub.vf m", t115, VT_FRM | VT_F},
	{"vfwmul.vv", t116, VT_FRM | VT_F},
	{"vfwmul.vv m", t117, VT_FRM | VT_F},
	{"vfwmul.vf", t118, VT_FRM | VT_F},
	{"vfwmul.vf m", t119, VT_FRM | VT_F},
	{"vfwadd.wv", t120, VT_FRM | VT_F},
	{"vfwadd.wv m", t121, VT_FRM | VT_F},
	{"vfwadd.wf", t122, VT_FRM | VT_F},
	{"vfwadd.wf m", t123, VT_FRM | VT_F},
	{"vfwsub.wv", t124, VT_FRM | VT_F},
	{"vfwsub.wv m", t125, VT_FRM | VT_F},
	{"vfwsub.wf", t126, VT_FRM | VT_F},
	{"vfwsub.wf m", t127, VT_FRM | VT_F},
	{"vfsqrt.v", t128, VT_FRM | VT_F},
	{"vfsqrt.v m", t129, VT_FRM | VT_F},
	{"vfrsqrt7.v", t130, VT_FRM | VT_F},
	{"vfrsqrt7.v m", t131, VT_FRM | VT_F},
	{"vfrec7.v", t132, VT_FRM | VT_F},
	{"vfrec7.v m", t133, VT_FRM | VT_F},
	{"vfclass.v", t134, VT_FRM | VT_F},
	{"vfclass.v m", t135, VT_FRM | VT_F},
	{"vfcvt.xu.f.v", t136, VT_FRM | VT_F},
	{"vfcvt.xu.f.v m", t137, VT_FRM | VT_F},
	{"vfcvt.x.f.v", t138, VT_FRM | VT_F},
	{"vfcvt.x.f.v m", t139, VT_FRM | VT_F},
	{"vfcvt.f.xu.v", t140, VT_FRM | VT_F},
	{"vfcvt.f.xu.v m", t141, VT_FRM | VT_F},
	{"vfcvt.f.x.v", t142, VT_FRM | VT_F},
	{"vfcvt.f.x.v m", t143, VT_FRM | VT_F},
	{"vfwcvt.xu.f.v", t144, VT_FRM | VT_F},
	{"vfwcvt.xu.f.v m", t145, VT_FRM | VT_F},
	{"vfwcvt.x.f.v", t146, VT_FRM | VT_F},
	{"vfwcvt.x.f.v m", t147, VT_FRM | VT_F},
	{"vfncvt.f.xu.w", t148, VT_FRM | VT_F},
	{"vfncvt.f.xu.w m", t149, VT_FRM | VT_F},
	{"vfncvt.f.x.w", t150, VT_FRM | VT_F},
	{"vfncvt.f.x.w m", t151, VT_FRM | VT_F},
	{"vfncvt.rod.f.f.w", t152, VT_FRM | VT_F},
	{"vfncvt.rod.f.f.w m", t153, VT_FRM | VT_F},
	{"vfwcvt.f.xu.v", t154, VT_FRM | VT_FH},
	{"vfwcvt.f.xu.v m", t155, VT_FRM | VT_FH},
	{"vfwcvt.f.x.v", t156, VT_FRM | VT_FH},
	{"vfwcvt.f.x.v m", t157, VT_FRM | VT_FH},
	{"vfwcvt.f.f.v", t158, VT_FRM | VT_FH},
	{"vfwcvt.f.f.v m", t159, VT_FRM | VT_FH},
	{"vfncvt.xu.f.w", t160, VT_FRM | VT_FH},
	{"vfncvt.xu.f.w m", t161, VT_FRM | VT_FH},
	{"vfncvt.x.f.w", t162, VT_FRM | VT_FH},
	{"vfncvt.x.f.w m", t163, VT_FRM | VT_FH},
	{"vfncvt.f.f.w", t164, VT_FRM | VT_FH},
	{"vfncvt.f.f.w m", t165, VT_FRM | VT_FH},
	{"vfredusum.vs", t166, VT_FRM | VT_NOSTART | VT_F},
	{"vfredusum.vs m", t167, VT_FRM | VT_NOSTART | VT_F},
	{"vfredosum.vs", t168, VT_FRM | VT_NOSTART | VT_F},
	{"vfredosum.vs m", t169, VT_FRM | VT_NOSTART | VT_F},
	{"vfredmin.vs", t170, VT_FRM | VT_NOSTART | VT_F},
	{"vfredmin.vs m", t171, VT_FRM | VT_NOSTART | VT_F},
	{"vfredmax.vs", t172, VT_FRM | VT_NOSTART | VT_F},
	{"vfredmax.vs m", t173, VT_FRM | VT_NOSTART | VT_F},
	{"vfwredusum.vs", t174, VT_FRM | VT_NOSTART | VT_F},
	{"vfwredusum.vs m", t175, VT_FRM | VT_NOSTART | VT_F},
	{"vfwredosum.vs", t176, VT_FRM | VT_NOSTART | VT_F},
	{"vfwredosum.vs m", t177, VT_FRM | VT_NOSTART | VT_F},
	{"vfmerge.vfm", t178, VT_F},
	{"vfmv.v.f", t179, VT_F},
	{"vfmv.f.s", t180, VT_NOSTART | VT_F},
	{"vfmv.s.f", t181, VT_NOSTART | VT_F},
	{"vfslide1up.vf", t182, VT_F},
	{"vfslide1up.vf m", t183, VT_F},
	{"vfslide1down.vf", t184, VT_F},
	{"vfslide1down.vf m", t185, VT_F},
};

int main(void)
{
	vt_all(cases, sizeof(cases) / sizeof(cases[0]));
	return 0;
}
