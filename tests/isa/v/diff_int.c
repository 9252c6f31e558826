/*
 * Written by gen.py: do not edit. Differential test of the vector
 * integer and fixed-point instructions (RISC-V "V" 1.0): each form, masked and
 * not, under every SEW and LMUL, full and partial vl, vstart 0 and 2, every vxrm for fixed point;
 * the registers, CSRs after it are hashed and printed, and must
 * match QEMU's.
 * ISA-DIFF
 * ISA-QEMU: vector
 * ISA-VLEN: 256 1024
 */
#include "vtest.h"

VT(t0, "vadd.vv v8, v16, v24");
VT(t1, "vadd.vv v8, v16, v24, v0.t");
VT(t2, "vadd.vx v8, v16, a1");
VT(t3, "vadd.vx v8, v16, a1, v0.t");
VT(t4, "vadd.vi v8, v16, -16");
VT(t5, "vadd.vi v8, v16, -16, v0.t");
VT(t6, "vadd.vi v8, v16, -1");
VT(t7, "vadd.vi v8, v16, -1, v0.t");
VT(t8, "vadd.vi v8, v16, 7");
VT(t9, "vadd.vi v8, v16, 7, v0.t");
VT(t10, "vsub.vv v8, v16, v24");
VT(t11, "vsub.vv v8, v16, v24, v0.t");
VT(t12, "vsub.vx v8, v16, a1");
VT(t13, "vsub.vx v8, v16, a1, v0.t");
VT(t14, "vrsub.vx v8, v16, a1");
VT(t15, "vrsub.vx v8, v16, a1, v0.t");
VT(t16, "vrsub.vi v8, v16, -16");
VT(t17, "vrsub.vi v8, v16, -16, v0.t");
VT(t18, "vrsub.vi v8, v16, -1");
VT(t19, "vrsub.vi v8, v16, -1, v0.t");
VT(t20, "vrsub.vi v8, v16, 7");
VT(t21, "vrsub.vi v8, v16, 7, v0.t");
VT(t22, "vminu.vv v8, v16, v24");
VT(t23, "vminu.vv v8, v16, v24, v0.t");
VT(t24, "vminu.vx v8, v16, a1");
VT(t25, "vminu.vx v8, v16, a1, v0.t");
VT(t26, "vmin.vv v8, v16, v24");
VT(t27, "vmin.vv v8, v16, v24, v0.t");
VT(t28, "vmin.vx v8, v16, a1");
VT(t29, "vmin.vx v8, v16, a1, v0.t");
VT(t30, "vmaxu.vv v8, v16, v24");
VT(t31, "vmaxu.vv v8, v16, v24, v0.t");
VT(t32, "vmaxu.vx v8, v16, a1");
VT(t33, "vmaxu.vx v8, v16, a1, v0.t");
VT(t34, "vmax.vv v8, v16, v24");
VT(t35, "vmax.vv v8, v16, v24, v0.t");
VT(t36, "vmax.vx v8, v16, a1");
VT(t37, "vmax.vx v8, v16, a1, v0.t");
VT(t38, "vand.vv v8, v16, v24");
VT(t39, "vand.vv v8, v16, v24, v0.t");
VT(t40, "vand.vx v8, v16, a1");
VT(t41, "vand.vx v8, v16, a1, v0.t");
VT(t42, "vand.vi v8, v16, -16");
VT(t43, "vand.vi v8, v16, -16, v0.t");
VT(t44, "vand.vi v8, v16, -1");
VT(t45, "vand.vi v8, v16, -1, v0.t");
VT(t46, "vand.vi v8, v16, 7");
VT(t47, "vand.vi v8, v16, 7, v0.t");
VT(t48, "vor.vv v8, v16, v24");
VT(t49, "vor.vv v8, v16, v24, v0.t");
VT(t50, "vor.vx v8, v16, a1");
VT(t51, "vor.vx v8, v16, a1, v0.t");
VT(t52, "vor.vi v8, v16, -16");
VT(t53, "vor.vi v8, v16, -16, v0.t");
VT(t54, "vor.vi v8, v16, -1");
VT(t55, "vor.vi v8, v16, -1, v0.t");
VT(t56, "vor.vi v8, v16, 7");
VT(t57, "vor.vi v8, v16, 7, v0.t");
VT(t58, "vxor.vv v8, v16, v24");
VT(t59, "vxor.vv v8, v16, v24, v0.t");
VT(t60, "vxor.vx v8, v16, a1");
VT(t61, "vxor.vx v8, v16, a1, v0.t");
VT(t62, "vxor.vi v8, v16, -16");
VT(t63, "vxor.vi v8, v16, -16, v0.t");
VT(t64, "vxor.vi v8, v16, -1");
VT(t65, "vxor.vi v8, v16, -1, v0.t");
VT(t66, "vxor.vi v8, v16, 7");
VT(t67, "vxor.vi v8, v16, 7, v0.t");
VT(t68, "vmul.vv v8, v16, v24");
VT(t69, "vmul.vv v8, v16, v24, v0.t");
VT(t70, "vmul.vx v8, v16, a1");
VT(t71, "vmul.vx v8, v16, a1, v0.t");
VT(t72, "vmulh.vv v8, v16, v24");
VT(t73, "vmulh.vv v8, v16, v24, v0.t");
VT(t74, "vmulh.vx v8, v16, a1");
VT(t75, "vmulh.vx v8, v16, a1, v0.t");
VT(t76, "vmulhu.vv v8, v16, v24");
VT(t77, "vmulhu.vv v8, v16, v24, v0.t");
VT(t78, "vmulhu.vx v8, v16, a1");
VT(t79, "vmulhu.vx v8, v16, a1, v0.t");
VT(t80, "vmulhsu.vv v8, v16, v24");
VT(t81, "vmulhsu.vv v8, v16, v24, v0.t");
VT(t82, "vmulhsu.vx v8, v16, a1");
VT(t83, "vmulhsu.vx v8, v16, a1, v0.t");
VT(t84, "vdivu.vv v8, v16, v24");
VT(t85, "vdivu.vv v8, v16, v24, v0.t");
VT(t86, "vdivu.vx v8, v16, a1");
VT(t87, "vdivu.vx v8, v16, a1, v0.t");
VT(t88, "vdiv.vv v8, v16, v24");
VT(t89, "vdiv.vv v8, v16, v24, v0.t");
VT(t90, "vdiv.vx v8, v16, a1");
VT(t91, "vdiv.vx v8, v16, a1, v0.t");
VT(t92, "vremu.vv v8, v16, v24");
VT(t93, "vremu.vv v8, v16, v24, v0.t");
VT(t94, "vremu.vx v8, v16, a1");
VT(t95, "vremu.vx v8, v16, a1, v0.t");
VT(t96, "vrem.vv v8, v16, v24");
VT(t97, "vrem.vv v8, v16, v24, v0.t");
VT(t98, "vrem.vx v8, v16, a1");
VT(t99, "vrem.vx v8, v16, a1, v0.t");
VT(t100, "vmseq.vv v8, v16, v24");
VT(t101, "vmseq.vv v8, v16, v24, v0.t");
VT(t102, "vmseq.vx v8, v16, a1");
VT(t103, "vmseq.vx v8, v16, a1, v0.t");
VT(t104, "vmseq.vi v8, v16, -16");
VT(t105, "vmseq.vi v8, v16, -16, v0.t");
VT(t106, "vmseq.vi v8, v16, -1");
VT(t107, "vmseq.vi v8, v16, -1, v0.t");
VT(t108, "vmseq.vi v8, v16, 7");
VT(t109, "vmseq.vi v8, v16, 7, v0.t");
VT(t110, "vmsne.vv v8, v16, v24");
VT(t111, "vmsne.vv v8, v16, v24, v0.t");
VT(t112, "vmsne.vx v8, v16, a1");
VT(t113, "vmsne.vx v8, v16, a1, v0.t");
VT(t114, "vmsne.vi v8, v16, -16");
VT(t115, "vmsne.vi v8, v16, -16, v0.t");
VT(t116, "vmsne.vi v8, v16, -1");
VT(t117, "vmsne.vi v8, v16, -1, v0.t");
VT(t118, "vmsne.vi v8, v16, 7");
VT(t119, "vmsne.vi v8, v16, 7, v0.t");
VT(t120, "vmsltu.vv v8, v16, v24");
VT(t121, "vmsltu.vv v8, v16, v24, v0.t");
VT(t122, "vmsltu.vx v8, v16, a1");
VT(t123, "vmsltu.vx v8, v16, a1, v0.t");
VT(t124, "vmslt.vv v8, v16, v24");
VT(t125, "vmslt.vv v8, v16, v24, v0.t");
VT(t126, "vmslt.vx v8, v16, a1");
VT(t127, "vmslt.vx v8, v16, a1, v0.t");
VT(t128, "vmsleu.vv v8, v16, v24");
VT(t129, "vmsleu.vv v8, v16, v24, v0.t");
VT(t130, "vmsleu.vx v8, v16, a1");
VT(t131, "vmsleu.vx v8, v16, a1, v0.t");
VT(t132, "vmsleu.vi v8, v16, -16");
VT(t133, "vmsleu.vi v8, v16, -16, v0.t");
VT(t134, "vmsleu.vi v8, v16, -1");
VT(t135, "vmsleu.vi v8, v16, -1, v0.t");
VT(t136, "vmsleu.vi v8, v16, 7");
VT(t137, "vmsleu.vi v8, v16, 7, v0.t");
VT(t138, "vmsle.vv v8, v16, v24");
VT(t139, "vmsle.vv v8, v16, v24, v0.t");
VT(t140, "vmsle.vx v8, v16, a1");
VT(t141, "vmsle.vx v8, v16, a1, v0.t");
VT(t142, "vmsle.vi v8, v16, -16");
VT(t143, "vmsle.vi v8, v16, -16, v0.t");
VT(t144, "vmsle.vi v8, v16, -1");
VT(t145, "vmsle.vi v8, v16, -1, v0.t");
VT(t146, "vmsle.vi v8, v16, 7");
VT(t147, "vmsle.vi v8, v16, 7, v0.t");
VT(t148, "vmsgtu.vx v8, v16, a1");
VT(t149, "vmsgtu.vx v8, v16, a1, v0.t");
VT(t150, "vmsgtu.vi v8, v16, -16");
VT(t151, "vmsgtu.vi v8, v16, -16, v0.t");
VT(t152, "vmsgtu.vi v8, v16, -1");
VT(t153, "vmsgtu.vi v8, v16, -1, v0.t");
VT(t154, "vmsgtu.vi v8, v16, 7");
VT(t155, "vmsgtu.vi v8, v16, 7, v0.t");
VT(t156, "vmsgt.vx v8, v16, a1");
VT(t157, "vmsgt.vx v8, v16, a1, v0.t");
VT(t158, "vmsgt.vi v8, v16, -16");
VT(t159, "vmsgt.vi v8, v16, -16, v0.t");
VT(t160, "vmsgt.vi v8, v16, -1");
VT(t161, "vmsgt.vi v8, v16, -1, v0.t");
VT(t162, "vmsgt.vi v8, v16, 7");
VT(t163, "vmsgt.vi v8, v16, 7, v0.t");
VT(t164, "vsll.vv v8, v16, v24");
VT(t165, "vsll.vv v8, v16, v24, v0.t");
VT(t166, "vsll.vx v8, v16, a1");
VT(t167, "vsll.vx v8, v16, a1, v0.t");
VT(t168, "vsll.vi v8, v16, 0");
VT(t169, "vsll.vi v8, v16, 0, v0.t");
VT(t170, "vsll.vi v8, v16, 5");
VT(t171, "vsll.vi v8, v16, 5, v0.t");
VT(t172, "vsll.vi v8, v16, 31");
VT(t173, "vsll.vi v8, v16, 31, v0.t");
VT(t174, "vsrl.vv v8, v16, v24");
VT(t175, "vsrl.vv v8, v16, v24, v0.t");
VT(t176, "vsrl.vx v8, v16, a1");
VT(t177, "vsrl.vx v8, v16, a1, v0.t");
VT(t178, "vsrl.vi v8, v16, 0");
VT(t179, "vsrl.vi v8, v16, 0, v0.t");
VT(t180, "vsrl.vi v8, v16, 5");
VT(t181, "vsrl.vi v8, v16, 5, v0.t");
VT(t182, "vsrl.vi v8, v16, 31");
VT(t183, "vsrl.vi v8, v16, 31, v0.t");
VT(t184, "vsra.vv v8, v16, v24");
VT(t185, "vsra.vv v8, v16, v24, v0.t");
VT(t186, "vsra.vx v8, v16, a1");
VT(t187, "vsra.vx v8, v16, a1, v0.t");
VT(t188, "vsra.vi v8, v16, 0");
VT(t189, "vsra.vi v8, v16, 0, v0.t");
VT(t190, "vsra.vi v8, v16, 5");
VT(t191, "vsra.vi v8, v16, 5, v0.t");
VT(t192, "vsra.vi v8, v16, 31");
VT(t193, "vsra.vi v8, v16, 31, v0.t");
VT(t194, "vsaddu.vv v8, v16, v24");
VT(t195, "vsaddu.vv v8, v16, v24, v0.t");
VT(t196, "vsaddu.vx v8, v16, a1");
VT(t197, "vsaddu.vx v8, v16, a1, v0.t");
VT(t198, "vsaddu.vi v8, v16, -16");
VT(t199, "vsaddu.vi v8, v16, -16, v0.t");
VT(t200, "vsaddu.vi v8, v16, -1");
VT(t201, "vsaddu.vi v8, v16, -1, v0.t");
VT(t202, "vsaddu.vi v8, v16, 7");
VT(t203, "vsaddu.vi v8, v16, 7, v0.t");
VT(t204, "vsadd.vv v8, v16, v24");
VT(t205, "vsadd.vv v8, v16, v24, v0.t");
VT(t206, "vsadd.vx v8, v16, a1");
VT(t207, "vsadd.vx v8, v16, a1, v0.t");
VT(t208, "vsadd.vi v8, v16, -16");
VT(t209, "vsadd.vi v8, v16, -16, v0.t");
VT(t210, "vsadd.vi v8, v16, -1");
VT(t211, "vsadd.vi v8, v16, -1, v0.t");
VT(t212, "vsadd.vi v8, v16, 7");
VT(t213, "vsadd.vi v8, v16, 7, v0.t");
VT(t214, "vssubu.vv v8, v16, v24");
VT(t215, "vssubu.vv v8, v16, v24, v0.t");
VT(t216, "vssubu.vx v8, v16, a1");
VT(t217, "vssubu.vx v8, v16, a1, v0.t");
VT(t218, "vssub.vv v8, v16, v24");
VT(t219, "vssub.vv v8, v16, v24, v0.t");
VT(t220, "vssub.vx v8, v16, a1");
VT(t221, "vssub.vx v8, v16, a1, v0.t");
VT(t222, "vaaddu.vv v8, v16, v24");
VT(t223, "vaaddu.vv v8, v16, v24, v0.t");
VT(t224, "vaaddu.vx v8, v16, a1");
VT(t225, "vaaddu.vx v8, v16, a1, v0.t");
VT(t226, "vaadd.vv v8, v16, v24");
VT(t227, "vaadd.vv v8, v16, v24, v0.t");
VT(t228, "vaadd.vx v8, v16, a1");
VT(t229, "vaadd.vx v8, v16, a1, v0.t");
VT(t230, "vasubu.vv v8, v16, v24");
VT(t231, "vasubu.vv v8, v16, v24, v0.t");
VT(t232, "vasubu.vx v8, v16, a1");
VT(t233, "vasubu.vx v8, v16, a1, v0.t");
VT(t234, "vasub.vv v8, v16, v24");
VT(t235, "vasub.vv v8, v16, v24, v0.t");
VT(t236, "vasub.vx v8, v16, a1");
VT(t237, "vasub.vx v8, v16, a1, v0.t");
VT(t238, "vsmul.vv v8, v16, v24");
VT(t239, "vsmul.vv v8, v16, v24, v0.t");
VT(t240, "vsmul.vx v8, v16, a1");
VT(t241, "vsmul.vx v8, v16, a1, v0.t");
VT(t242, "vssrl.vv v8, v16, v24");
VT(t243, "vssrl.vv v8, v16, v24, v0.t");
VT(t244, "vssrl.vx v8, v16, a1");
VT(t245, "vssrl.vx v8, v16, a1, v0.t");
VT(t246, "vssrl.vi v8, v16, 0");
VT(t247, "vssrl.vi v8, v16, 0, v0.t");
VT(t248, "vssrl.vi v8, v16, 5");
VT(t249, "vssrl.vi v8, v16, 5, v0.t");
VT(t250, "vssrl.vi v8, v16, 31");
VT(t251, "vssrl.vi v8, v16, 31, v0.t");
VT(t252, "vssra.vv v8, v16, v24");
VT(t253, "vssra.vv v8, v16, v24, v0.t");
VT(t254, "vssra.vx v8, v16, a1");
VT(t255, "vssra.vx v8, v16, a1, v0.t");
VT(t256, "vssra.vi v8, v16, 0");
VT(t257, "vssra.vi v8, v16, 0, v0.t");
VT(t258, "vssra.vi v8, v16, 5");
VT(t259, "vssra.vi v8, v16, 5, v0.t");
VT(t260, "vssra.vi v8, v16, 31");
VT(t261, "vssra.vi v8, v16, 31, v0.t");
VT(t262, "vmacc.vv v8, v24, v16");
VT(t263, "vmacc.vv v8, v24, v16, v0.t");
VT(t264, "vmacc.vx v8, a1, v16");
VT(t265, "vmacc.vx v8, a1, v16, v0.t");
VT(t266, "vnmsac.vv v8, v24, v16");
VT(t267, "vnmsac.vv v8, v24, v16, v0.t");
VT(t268, "vnmsac.vx v8, a1, v16");
VT(t269, "vnmsac.vx v8, a1, v16, v0.t");
VT(t270, "vmadd.vv v8, v24, v16");
VT(t271, "vmadd.vv v8, v24, v16, v0.t");
VT(t272, "vmadd.vx v8, a1, v16");
VT(t273, "vmadd.vx v8, a1, v16, v0.t");
VT(t274, "vnmsub.vv v8, v24, v16");
VT(t275, "vnmsub.vv v8, v24, v16, v0.t");
VT(t276, "vnmsub.vx v8, a1, v16");
VT(t277, "vnmsub.vx v8, a1, v16, v0.t");
VT(t278, "vwmaccu.vv v8, v24, v16");
VT(t279, "vwmaccu.vv v8, v24, v16, v0.t");
VT(t280, "vwmaccu.vx v8, a1, v16");
VT(t281, "vwmaccu.vx v8, a1, v16, v0.t");
VT(t282, "vwmacc.vv v8, v24, v16");
VT(t283, "vwmacc.vv v8, v24, v16, v0.t");
VT(t284, "vwmacc.vx v8, a1, v16");
VT(t285, "vwmacc.vx v8, a1, v16, v0.t");
VT(t286, "vwmaccsu.vv v8, v24, v16");
VT(t287, "vwmaccsu.vv v8, v24, v16, v0.t");
VT(t288, "vwmaccsu.vx v8, a1, v16");
VT(t289, "vwmaccsu.vx v8, a1, v16, v0.t");
VT(t290, "vwmaccus.vx v8, a1, v16");
VT(t291, "vwmaccus.vx v8, a1, v16, v0.t");
VT(t292, "vwaddu.vv v8, v16, v24");
VT(t293, "vwaddu.vv v8, v16, v24, v0.t");
VT(t294, "vwaddu.vx v8, v16, a1");
VT(t295, "vwaddu.vx v8, v16, a1, v0.t");
VT(t296, "vwadd.vv v8, v16, v24");
VT(t297, "vwadd.vv v8, v16, v24, v0.t");
VT(t298, "vwadd.vx v8, v16, a1");
VT(t299, "vwadd.vx v8, v16, a1, v0.t");
VT(t300, "vwsubu.vv v8, v16, v24");
VT(t301, "vwsubu.vv v8, v16, v24, v0.t");
VT(t302, "vwsubu.vx v8, v16, a1");
VT(t303, "vwsubu.vx v8, v16, a1, v0.t");
VT(t304, "vwsub.vv v8, v16, v24");
VT(t305, "vwsub.vv v8, v16, v24, v0.t");
VT(t306, "vwsub.vx v8, v16, a1");
VT(t307, "vwsub.vx v8, v16, a1, v0.t");
VT(t308, "vwmulu.vv v8, v16, v24");
VT(t309, "vwmulu.vv v8, v16, v24, v0.t");
VT(t310, "vwmulu.vx v8, v16, a1");
VT(t311, "vwmulu.vx v8, v16, a1, v0.t");
VT(t312, "vwmulsu.vv v8, v16, v24");
VT(t313, "vwmulsu.vv v8, v16, v24, v0.t");
VT(t314, "vwmulsu.vx v8, v16, a1");
VT(t315, "vwmulsu.vx v8, v16, a1, v0.t");
VT(t316, "vwmul.vv v8, v16, v24");
VT(t317, "vwmul.vv v8, v16, v24, v0.t");
VT(t318, "vwmul.vx v8, v16, a1");
VT(t319, "vwmul.vx v8, v16, a1, v0.t");
VT(t320, "vwaddu.wv v8, v16, v24");
VT(t321, "vwaddu.wv v8, v16, v24, v0.t");
VT(t322, "vwaddu.wx v8, v16, a1");
VT(t323, "vwaddu.wx v8, v16, a1, v0.t");
VT(t324, "vwadd.wv v8, v16, v24");
VT(t325, "vwadd.wv v8, v16, v24, v0.t");
VT(t326, "vwadd.wx v8, v16, a1");
VT(t327, "vwadd.wx v8, v16, a1, v0.t");
VT(t328, "vwsubu.wv v8, v16, v24");
VT(t329, "vwsubu.wv v8, v16, v24, v0.t");
VT(t330, "vwsubu.wx v8, v16, a1");
VT(t331, "vwsubu.wx v8, v16, a1, v0.t");
VT(t332, "vwsub.wv v8, v16, v24");
VT(t333, "vwsub.wv v8, v16, v24, v0.t");
VT(t334, "vwsub.wx v8, v16, a1");
VT(t335, "vwsub.wx v8, v16, a1, v0.t");
VT(t336, "vnsrl.wv v8, v16, v24");
VT(t337, "vnsrl.wv v8, v16, v24, v0.t");
VT(t338, "vnsrl.wx v8, v16, a1");
VT(t339, "vnsrl.wx v8, v16, a1, v0.t");
VT(t340, "vnsrl.wi v8, v16, 0");
VT(t341, "vnsrl.wi v8, v16, 0, v0.t");
VT(t342, "vnsrl.wi v8, v16, 5");
VT(t343, "vnsrl.wi v8, v16, 5, v0.t");
VT(t344, "vnsrl.wi v8, v16, 31");
VT(t345, "vnsrl.wi v8, v16, 31, v0.t");
VT(t346, "vnsra.wv v8, v16, v24");
VT(t347, "vnsra.wv v8, v16, v24, v0.t");
VT(t348, "vnsra.wx v8, v16, a1");
VT(t349, "vnsra.wx v8, v16, a1, v0.t");
VT(t350, "vnsra.wi v8, v16, 0");
VT(t351, "vnsra.wi v8, v16, 0, v0.t");
VT(t352, "vnsra.wi v8, v16, 5");
VT(t353, "vnsra.wi v8, v16, 5, v0.t");
VT(t354, "vnsra.wi v8, v16, 31");
VT(t355, "vnsra.wi v8, v16, 31, v0.t");
VT(t356, "vnclipu.wv v8, v16, v24");
VT(t357, "vnclipu.wv v8, v16, v24, v0.t");
VT(t358, "vnclipu.wx v8, v16, a1");
VT(t359, "vnclipu.wx v8, v16, a1, v0.t");
VT(t360, "vnclipu.wi v8, v16, 0");
VT(t361, "vnclipu.wi v8, v16, 0, v0.t");
VT(t362, "vnclipu.wi v8, v16, 5");
VT(t363, "vnclipu.wi v8, v16, 5, v0.t");
VT(t364, "vnclipu.wi v8, v16, 31");
VT(t365, "vnclipu.wi v8, v16, 31, v0.t");
VT(t366, "vnclip.wv v8, v16, v24");
VT(t367, "vnclip.wv v8, v16, v24, v0.t");
VT(t368, "vnclip.wx v8, v16, a1");
VT(t369, "vnclip.wx v8, v16, a1, v0.t");
VT(t370, "vnclip.wi v8, v16, 0");
VT(t371, "vnclip.wi v8, v16, 0, v0.t");
VT(t372, "vnclip.wi v8, v16, 5");
VT(t373, "vnclip.wi v8, v16, 5, v0.t");
VT(t374, "vnclip.wi v8, v16, 31");
VT(t375, "vnclip.wi v8, v16, 31, v0.t");
VT(t376, "vzext.vf2 v8, v16");
VT(t377, "vzext.vf2 v8, v16, v0.t");
VT(t378, "vsext.vf2 v8, v16");
VT(t379, "vsext.vf2 v8, v16, v0.t");
VT(t380, "vzext.vf4 v8, v16");
VT(t381, "vzext.vf4 v8, v16, v0.t");
VT(t382, "vsext.vf4 v8, v16");
VT(t383, "vsext.vf4 v8, v16, v0.t");
VT(t384, "vzext.vf8 v8, v16");
VT(t385, "vzext.vf8 v8, v16, v0.t");
VT(t386, "vsext.vf8 v8, v16");
VT(t387, "vsext.vf8 v8, v16, v0.t");
VT(t388, "vadc.vvm v8, v16, v24, v0");
VT(t389, "vadc.vxm v8, v16, a1, v0");
VT(t390, "vsbc.vvm v8, v16, v24, v0");
VT(t391, "vsbc.vxm v8, v16, a1, v0");
VT(t392, "vadc.vim v8, v16, -5, v0");
VT(t393, "vmadc.vvm v8, v16, v24, v0");
VT(t394, "vmadc.vxm v8, v16, a1, v0");
VT(t395, "vmadc.vv v8, v16, v24");
VT(t396, "vmadc.vx v8, v16, a1");
VT(t397, "vmsbc.vvm v8, v16, v24, v0");
VT(t398, "vmsbc.vxm v8, v16, a1, v0");
VT(t399, "vmsbc.vv v8, v16, v24");
VT(t400, "vmsbc.vx v8, v16, a1");
VT(t401, "vmadc.vim v8, v16, 9, v0");
VT(t402, "vmadc.vi v8, v16, -9");
VT(t403, "vmerge.vvm v8, v16, v24, v0");
VT(t404, "vmerge.vxm v8, v16, a1, v0");
VT(t405, "vmerge.vim v8, v16, -7, v0");
VT(t406, "vmv.v.v v8, v24");
VT(t407, "vmv.v.x v8, a1");
VT(t408, "vmv.v.i v8, 11");
VT(t409, "vredsum.vs v8, v16, v24");
VT(t410, "vredsum.vs v8, v16, v24, v0.t");
VT(t411, "vredand.vs v8, v16, v24");
VT(t412, "vredand.vs v8, v16, v24, v0.t");
VT(t413, "vredor.vs v8, v16, v24");
VT(t414, "vredor.vs v8, v16, v24, v0.t");
VT(t415, "vredxor.vs v8, v16, v24");
VT(t416, "vredxor.vs v8, v16, v24, v0.t");
VT(t417, "vredminu.vs v8, v16, v24");
VT(t418, "vredminu.vs v8, v16, v24, v0.t");
VT(t419, "vredmin.vs v8, v16, v24");
VT(t420, "vredmin.vs v8, v16, v24, v0.t");
VT(t421, "vredmaxu.vs v8, v16, v24");
VT(t422, "vredmaxu.vs v8, v16, v24, v0.t");
VT(t423, "vredmax.vs v8, v16, v24");
VT(t424, "vredmax.vs v8, v16, v24, v0.t");
VT(t425, "vwredsumu.vs v8, v16, v24");
VT(t426, "vwredsumu.vs v8, v16, v24, v0.t");
VT(t427, "vwredsum.vs v8, v16, v24");
VT(t428, "vwredsum.vs v8, v16, v24, v0.t");
VT(t429, "vmslt.vv v16, v16, v24");
VT(t430, "vmslt.vv v16, v16, v24, v0.t");
VT(t431, "vmseq.vi v0, v16, 3, v0.t");

static const struct vt_case cases[] = {
	{"vadd.vv", t0, 0},
	{"vadd.vv m", t1, 0},
	{"vadd.vx", t2, 0},
	{"vadd.vx m", t3, 0},
	{"vadd.vi -16", t4, 0},
	{"vadd.vi -16 m", t5, 0},
	{"vadd.vi -1", t6, 0},
	{"vadd.vi -1 m", t7, 0},
	{"vadd.vi 7", t8, 0},
	{"vadd.vi 7 m", t9, 0},
	{"vsub.vv", t10, 0},
	{"vsub.vv m", t11, 0},
	{"vsub.vx", t12, 0},
	{"vsub.vx m", t13, 0},
	{"vrsub.vx", t14, 0},
	{"vrsub.vx m", t15, 0},
	{"vrsub.vi -16", t16, 0},
	{"vrsub.vi -16 m", t17, 0},
	{"vrsub.vi -1", t18, 0},
	{"vrsub.vi -1 m", t19, 0},
	{"vrsub.vi 7", t20, 0},
	{"vrsub.vi 7 m", t21, 0},
	{"vminu.vv", t22, 0},
	{"vminu.vv m", t23, 0},
	{"vminu.vx", t24, 0},
	{"vminu.vx m", t25, 0},
	{"vmin.vv", t26, 0},
	{"vmin.vv m", t27, 0},
	{"vmin.vx", t28, 0},
	{"vmin.vx m", t29, 0},
	{"vmaxu.vv", t30, 0},
	{"vmaxu.vv m", t31, 0},
	{"vmaxu.vx", t32, 0},
	{"vmaxu.vx m", t33, 0},
	{"vmax.vv", t34, 0},
	{"vmax.vv m", t35, 0},
	{"vmax.vx", t36, 0},
	{"vmax.vx m", t37, 0},
	{"vand.vv", t38, 0},
	{"vand.vv m", t39, 0},
	{"vand.vx", t40, 0},
	{"vand.vx m", t41, 0},
	{"vand.vi -16", t42, 0},
	{"vand.vi -16 m", t43, 0},
	{"vand.vi -1", t44, 0},
	{"vand.vi -1 m", t45, 0},
	{"vand.vi 7", t46, 0},
	{"vand.vi 7 m", t47, 0},
	{"vor.vv", t48, 0},
	{"vor.vv m", t49, 0},
	{"vor.vx", t50, 0},
	{"vor.vx m", t51, 0},
	{"vor.vi -16", t52, 0},
	{"vor.vi -16 m", t53, 0},
	{"vor.vi -1", t54, 0},
	{"vor.vi -1 m", t55, 0},
	{"vor.vi 7", t56, 0},
	{"vor.vi 7 m", t57, 0},
	{"vxor.vv", t58, 0},
	{"vxor.vv m", t59, 0},
	{"vxor.vx", t60, 0},
	{"vxor.vx m", t61, 0},
	{"vxor.vi -16", t62, 0},
	{"vxor.vi -16 m", t63, 0},
	{"vxor.vi -1", t64, 0},
	{"vxor.vi -1 m", t65, 0},
	{"vxor.vi 7", t66, 0},
	{"vxor.vi 7 m", t67, 0},
	{"vmul.vv", t68, 0},
	{"vmul.vv m", t69, 0},
	{"vmul.vx", t70, 0},
	{"vmul.vx m", t71, 0},
	{"vmulh.vv", t72, 0},
	{"vmulh.vv m", t73, 0},
	{"vmulh.vx", t74, 0},
	{"vmulh.vx m", t75, 0},
	{"vmulhu.vv", t76, 0},
	{"vmulhu.vv m", t77, 0},
	{"vmulhu.vx", t78, 0},
	{"vmulhu.vx m", t79, 0},
	{"vmulhsu.vv", t80, 0},
	{"vmulhsu.vv m", t81, 0},
	{"vmulhsu.vx", t82, 0},
	{"vmulhsu.vx m", t83, 0},
	{"vdivu.vv", t84, 0},
	{"vdivu.vv m", t85, 0},
	{"vdivu.vx", t86, 0},
	{"vdivu.vx m", t87, 0},
	{"vdiv.vv", t88, 0},
	{"vdiv.vv m", t89, 0},
	{"vdiv.vx", t90, 0},
	{"vdiv.vx m", t91, 0},
	{"vremu.vv", t92, 0},
	{"vremu.vv m", t93, 0},
	{"vremu.vx", t94, 0},
	{"vremu.vx m", t95, 0},
	{"vrem.vv", t96, 0},
	{"vrem.vv m", t97, 0},
	{"vrem.vx", t98, 0},
	{"vrem.vx m", t99, 0},
	{"vmseq.vv", t100, 0},
	{"vmseq.vv m", t101, 0},
	{"vmseq.vx", t102, 0},
	{"vmseq.vx m", t103, 0},
	{"vmseq.vi -16", t104, 0},
	{"vmseq.vi -16 m", t105, 0},
	{"vmseq.vi -1", t106, 0},
	{"vmseq.vi -1 m", t107, 0},
	{"vmseq.vi 7", t108, 0},
	{"vmseq.vi 7 m", t109, 0},
	{"vmsne.vv", t110, 0},
	{"vmsne.vv m", t111, 0},
	{"vmsne.vx", t112, 0},
	{"vmsne.vx m", t113, 0},
	{"vmsne.vi -16", t114, 0},
	{"vmsne.vi -16 m", t115, 0},
	{"vmsne.vi -1", t116, 0},
	{"vmsne.vi -1 m", t117, 0},
	{"vmsne.vi 7", t118, 0},
	{"vmsne.vi 7 m", t119, 0},
	{"vmsltu.vv", t120, 0},
	{"vmsltu.vv m", t121, 0},
	{"vmsltu.vx", t122, 0},
	{"vmsltu.vx m", t123, 0},
	{"vmslt.vv", t124, 0},
	{"vmslt.vv m", t125, 0},
	{"vmslt.vx", t126, 0},
	{"vmslt.vx m", t127, 0},
	{"vmsleu.vv", t128, 0},
	{"vmsleu.vv m", t129, 0},
	{"vmsleu.vx", t130, 0},
	{"vmsleu.vx m", t131, 0},
	{"vmsleu.vi -16", t132, 0},
	{"vmsleu.vi -16 m", t133, 0},
	{"vmsleu.vi -1", t134, 0},
	{"vmsleu.vi -1 m", t135, 0},
	{"vmsleu.vi 7", t136, 0},
	{"vmsleu.vi 7 m", t137, 0},
	{"vmsle.vv", t138, 0},
	{"vmsle.vv m", t139, 0},
	{"vmsle.vx", t140, 0},
	{"vmsle.vx m", t141, 0},
	{"vmsle.vi -16", t142, 0},
	{"vmsle.vi -16 m", t143, 0},
	{"vmsle.vi -1", t144, 0},
	{"vmsle.vi -1 m", t145, 0},
	{"vmsle.vi 7", t146, 0},
	{"vmsle.vi 7 m", t147, 0},
	{"vmsgtu.vx", t148, 0},
	{"vmsgtu.vx m", t149, 0},
	{"vmsgtu.vi -16", t150, 0},
	{"vmsgtu.vi -16 m", t151, 0},
	{"vmsgtu.vi -1", t152, 0},
	{"vmsgtu.vi -1 m", t153, 0},
	{"vmsgtu.vi 7", t154, 0},
	{"vmsgtu.vi 7 m", t155, 0},
	{"vmsgt.vx", t156, 0},
	{"vmsgt.vx m", t157, 0},
	{"vmsgt.vi -16", t158, 0},
	{"vmsgt.vi -16 m", t159, 0},
	{"vmsgt.vi -1", t160, 0},
	{"vmsgt.vi -1 m", t161, 0},
	{"vmsgt.vi 7", t162, 0},
	{"vmsgt.vi 7 m", t163, 0},
	{"vsll.vv", t164, 0},
	{"vsll.vv m", t165, 0},
	{"vsll.vx", t166, 0},
	{"vsll.vx m", t167, 0},
	{"vsll.vi 0", t168, 0},
	{"vsll.vi 0 m", t169, 0},
	{"vsll.vi 5", t170, 0},
	{"vsll.vi 5 m", t171, 0},
	{"vsll.vi 31", t172, 0},
	{"vsll.vi 31 m", t173, 0},
	{"vsrl.vv", t174, 0},
	{"vsrl.vv m", t175, 0},
	{"vsrl.vx", t176, 0},
	{"vsrl.vx m", t177, 0},
	{"vsrl.vi 0", t178, 0},
	{"vsrl.vi 0 m", t179, 0},
	{"vsrl.vi 5", t180, 0},
	{"vsrl.vi 5 m", t181, 0},
	{"vsrl.vi 31", t182, 0},
	{"vsrl.vi 31 m", t183, 0},
	{"vsra.vv", t184, 0},
	{"vsra.vv m", t185, 0},
	{"vsra.vx", t186, 0},
	{"vsra.vx m", t187, 0},
	{"vsra.vi 0", t188, 0},
	{"vsra.vi 0 m", t189, 0},
	{"vsra.vi 5", t190, 0},
	{"vsra.vi 5 m", t191, 0},
	{"vsra.vi 31", t192, 0},
	{"vsra.vi 31 m", t193, 0},
	{"vsaddu.vv", t194, VT_XRM},
	{"vsaddu.vv m", t195, VT_XRM},
	{"vsaddu.vx", t196, VT_XRM},
	{"vsaddu.vx m", t197, VT_XRM},
	{"vsaddu.vi -16", t198, VT_XRM},
	{"vsaddu.vi -16 m", t199, VT_XRM},
	{"vsaddu.vi -1", t200, VT_XRM},
	{"vsaddu.vi -1 m", t201, VT_XRM},
	{"vsaddu.vi 7", t202, VT_XRM},
	{"vsaddu.vi 7 m", t203, VT_XRM},
	{"vsadd.vv", t204, VT_XRM},
	{"vsadd.vv m", t205, VT_XRM},
	{"vsadd.vx", t206, VT_XRM},
	{"vsadd.vx m", t207, VT_XRM},
	{"vsadd.vi -16", t208, VT_XRM},
	{"vsadd.vi -16 m", t209, VT_XRM},
	{"vsadd.vi -1", t210, VT_XRM},
	{"vsadd.vi -1 m", t211, VT_XRM},
	{"vsadd.vi 7", t212, VT_XRM},
	{"vsadd.vi 7 m", t213, VT_XRM},
	{"vssubu.vv", t214, VT_XRM},
	{"vssubu.vv m", t215, VT_XRM},
	{"vssubu.vx", t216, VT_XRM},
	{"vssubu.vx m", t217, VT_XRM},
	{"vssub.vv", t218, VT_XRM},
	{"vssub.vv m", t219, VT_XRM},
	{"vssub.vx", t220, VT_XRM},
	{"vssub.vx m", t221, VT_XRM},
	{"vaaddu.vv", t222, VT_XRM},
	{"vaaddu.vv m", t223, VT_XRM},
	{"vaaddu.vx", t224, VT_XRM},
	{"vaaddu.vx m", t225, VT_XRM},
	{"vaadd.vv", t226, VT_XRM},
	{"vaadd.vv m", t227, VT_XRM},
	{"vaadd.vx", t228, VT_XRM},
	{"vaadd.vx m", t229, VT_XRM},
	{"vasubu.vv", t230, VT_XRM},
	{"vasubu.vv m", t231, VT_XRM},
	{"vasubu.vx", t232, VT_XRM},
	{"vasubu.vx m", t233, VT_XRM},
	{"vasub.vv", t234, VT_XRM},
	{"vasub.vv m", t235, VT_XRM},
	{"vasub.vx", t236, VT_XRM},
	{"vasub.vx m", t237, VT_XRM},
	{"vsmul.vv", t238, VT_XRM},
	{"vsmul.vv m", t239, VT_XRM},
	{"vsmul.vx", t240, VT_XRM},
	{"vsmul.vx m", t241, VT_XRM},
	{"vssrl.vv", t242, VT_XRM},
	{"vssrl.vv m", t243, VT_XRM},
	{"vssrl.vx", t244, VT_XRM},
	{"vssrl.vx m", t245, VT_XRM},
	{"vssrl.vi 0", t246, VT_XRM},
	{"vssrl.vi 0 m", t247, VT_XRM},
	{"vssrl.vi 5", t248, VT_XRM},
	{"vssrl.vi 5 m", t249, VT_XRM},
	{"vssrl.vi 31", t250, VT_XRM},
	{"vssrl.vi 31 m", t251, VT_XRM},
	{"vssra.vv", t252, VT_XRM},
	{"vssra.vv m", t253, VT_XRM},
	{"vssra.vx", t254, VT_XRM},
	{"vssra.vx m", t255, VT_XRM},
	{"vssra.vi 0", t256, VT_XRM},
	{"vssra.vi 0 m", t257, VT_XRM},
	{"vssra.vi 5", t258, VT_XRM},
	{"vssra.vi 5 m", t259, VT_XRM},
	{"vssra.vi 31", t260, VT_XRM},
	{"vssra.vi 31 m", t261, VT_XRM},
	{"vmacc.vv", t262, 0},
	{"vmacc.vv m", t263, 0},
	{"vmacc.vx", t264, 0},
	{"vmacc.vx m", t265, 0},
	{"vnmsac.vv", t266, 0},
	{"vnmsac.vv m", t267, 0},
	{"vnmsac.vx", t268, 0},
	{"vnmsac.vx m", t269, 0},
	{"vmadd.vv", t270, 0},
	{"vmadd.vv m", t271, 0},
	{"vmadd.vx", t272, 0},
	{"vmadd.vx m", t273, 0},
	{"vnmsub.vv", t274, 0},
	{"vnmsub.vv m", t275, 0},
	{"vnmsub.vx", t276, 0},
	{"vnmsub.vx m", t277, 0},
	{"vwmaccu.vv", t278, 0},
	{"vwmaccu.vv m", t279, 0},
	{"vwmaccu.vx", t280, 0},
	{"vwmaccu.vx m", t281, 0},
	{"vwmacc.vv", t282, 0},
	{"vwmacc.vv m", t283, 0},
	{"vwmacc.vx", t284, 0},
	{"vwmacc.vx m", t285, 0},
	{"vwmaccsu.vv", t286, 0},
	{"vwmaccsu.vv m", t287, 0},
	{"vwmaccsu.vx", t288, 0},
	{"vwmaccsu.vx m", t289, 0},
	{"vwmaccus.vx", t290, 0},
	{"vwmaccus.vx m", t291, 0},
	{"vwaddu.vv", t292, 0},
	{"vwaddu.vv m", t293, 0},
	{"vwaddu.vx", t294, 0},
	{"vwaddu.vx m", t295, 0},
	{"vwadd.vv", t296, 0},
	{"vwadd.vv m", t297, 0},
	{"vwadd.vx", t298, 0},
	{"vwadd.vx m", t299, 0},
	{"vwsubu.vv", t300, 0},
	{"vwsubu.vv m", t301, 0},
	{"vwsubu.vx", t302, 0},
	{"vwsubu.vx m", t303, 0},
	{"vwsub.vv", t304, 0},
	{"vwsub.vv m", t305, 0},
	{"vwsub.vx", t306, 0},
	{"vwsub.vx m", t307, 0},
	{"vwmulu.vv", t308, 0},
	{"vwmulu.vv m", t309, 0},
	{"vwmulu.vx", t310, 0},
	{"vwmulu.vx m", t311, 0},
	{"vwmulsu.vv", t312, 0},
	{"vwmulsu.vv m", t313, 0},
	{"vwmulsu.vx", t314, 0},
	{"vwmulsu.vx m", t315, 0},
	{"vwmul.vv", t316, 0},
	{"vwmul.vv m", t317, 0},
	{"vwmul.vx", t318, 0},
	{"vwmul.vx m", t319, 0},
	{"vwaddu.wv", t320, 0},
	{"vwaddu.wv m", t321, 0},
	{"vwaddu.wx", t322, 0},
	{"vwaddu.wx m", t323, 0},
	{"vwadd.wv", t324, 0},
	{"vwadd.wv m", t325, 0},
	{"vwadd.wx", t326, 0},
	{"vwadd.wx m", t327, 0},
	{"vwsubu.wv", t328, 0},
	{"vwsubu.wv m", t329, 0},
	{"vwsubu.wx", t330, 0},
	{"vwsubu.wx m", t331, 0},
	{"vwsub.wv", t332, 0},
	{"vwsub.wv m", t333, 0},
	{"vwsub.wx", t334, 0},
	{"vwsub.wx m", t335, 0},
	{"vnsrl.wv", t336, 0},
	{"vnsrl.wv m", t337, 0},
	{"vnsrl.wx", t338, 0},
	{"vnsrl.wx m", t339, 0},
	{"vnsrl.wi 0", t340, 0},
	{"vnsrl.wi 0 m", t341, 0},
	{"vnsrl.wi 5", t342, 0},
	{"vnsrl.wi 5 m", t343, 0},
	{"vnsrl.wi 31", t344, 0},
	{"vnsrl.wi 31 m", t345, 0},
	{"vnsra.wv", t346, 0},
	{"vnsra.wv m", t347, 0},
	{"vnsra.wx", t348, 0},
	{"vnsra.wx m", t349, 0},
	{"vnsra.wi 0", t350, 0},
	{"vnsra.wi 0 m", t351, 0},
	{"vnsra.wi 5", t352, 0},
	{"vnsra.wi 5 m", t353, 0},
	{"vnsra.wi 31", t354, 0},
	{"vnsra.wi 31 m", t355, 0},
	{"vnclipu.wv", t356, VT_XRM},
	{"vnclipu.wv m", t357, VT_XRM},
	{"vnclipu.wx", t358, VT_XRM},
	{"vnclipu.wx m", t359, VT_XRM},
	{"vnclipu.wi 0", t360, VT_XRM},
	{"vnclipu.wi 0 m", t361, VT_XRM},
	{"vnclipu.wi 5", t362, VT_XRM},
	{"vnclipu.wi 5 m", t363, VT_XRM},
	{"vnclipu.wi 31", t364, VT_XRM},
	{"vnclipu.wi 31 m", t365, VT_XRM},
	{"vnclip.wv", t366, VT_XRM},
	{"vnclip.wv m", t367, VT_XRM},
	{"vnclip.wx", t368, VT_XRM},
	{"vnclip.wx m", t369, VT_XRM},
	{"vnclip.wi 0", t370, VT_XRM},
	{"vnclip.wi 0 m", t371, VT_XRM},
	{"vnclip.wi 5", t372, VT_XRM},
	{"vnclip.wi 5 m", t373, VT_XRM},
	{"vnclip.wi 31", t374, VT_XRM},
	{"vnclip.wi 31 m", t375, VT_XRM},
	{"vzext.vf2", t376, 0},
	{"vzext.vf2 m", t377, 0},
	{"vsext.vf2", t378, 0},
	{"vsext.vf2 m", t379, 0},
	{"vzext.vf4", t380, 0},
	{"vzext.vf4 m", t381, 0},
	{"vsext.vf4", t382, 0},
	{"vsext.vf4 m", t383, 0},
	{"vzext.vf8", t384, 0},
	{"vzext.vf8 m", t385, 0},
	{"vsext.vf8", t386, 0},
	{"vsext.vf8 m", t387, 0},
	{"vadc.vvm", t388, 0},
	{"vadc.vxm", t389, 0},
	{"vsbc.vvm", t390, 0},
	{"vsbc.vxm", t391, 0},
	{"vadc.vim", t392, 0},
	{"vmadc.vvm", t393, 0},
	{"vmadc.vxm", t394, 0},
	{"vmadc.vv", t395, 0},
	{"vmadc.vx", t396, 0},
	{"vmsbc.vvm", t397, 0},
	{"vmsbc.vxm", t398, 0},
	{"vmsbc.vv", t399, 0},
	{"vmsbc.vx", t400, 0},
	{"vmadc.vim", t401, 0},
	{"vmadc.vi", t402, 0},
	{"vmerge.vvm", t403, 0},
	{"vmerge.vxm", t404, 0},
	{"vmerge.vim", t405, 0},
	{"vmv.v.v", t406, 0},
	{"vmv.v.x", t407, 0},
	{"vmv.v.i", t408, 0},
	{"vredsum.vs", t409, VT_NOSTART},
	{"vredsum.vs m", t410, VT_NOSTART},
	{"vredand.vs", t411, VT_NOSTART},
	{"vredand.vs m", t412, VT_NOSTART},
	{"vredor.vs", t413, VT_NOSTART},
	{"vredor.vs m", t414, VT_NOSTART},
	{"vredxor.vs", t415, VT_NOSTART},
	{"vredxor.vs m", t416, VT_NOSTART},
	{"vredminu.vs", t417, VT_NOSTART},
	{"vredminu.vs m", t418, VT_NOSTART},
	{"vredmin.vs", t419, VT_NOSTART},
	{"vredmin.vs m", t420, VT_NOSTART},
	{"vredmaxu.vs", t421, VT_NOSTART},
	{"vredmaxu.vs m", t422, VT_NOSTART},
	{"vredmax.vs", t423, VT_NOSTART},
	{"vredmax.vs m", t424, VT_NOSTART},
	{"vwredsumu.vs", t425, VT_NOSTART},
	{"vwredsumu.vs m", t426, VT_NOSTART},
	{"vwredsum.vs", t427, VT_NOSTART},
	{"vwredsum.vs m", t428, VT_NOSTART},
	{"vmslt.vv vd=vs2", t429, 0},
	{"vmslt.vv vd=vs2 m", t430, 0},
	{"vmseq.vi vd=v0", t431, 0},
};

int main(void)
{
	vt_all(cases, sizeof(cases) / sizeof(cases[0]));
	return 0;
}
