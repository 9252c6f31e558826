/*
 * Written by gen.py: do not edit. Differential test of the vector
 * load and store instructions (RISC-V "V" 1.0): each form, masked and
 * not, under every SEW and LMUL, full and partial vl, vstart 0 and 2;
 * the registers, CSRs and memory after it are hashed and printed, and must
 * match QEMU's.
 * ISA-DIFF
 * ISA-QEMU: vector
 * ISA-VLEN: 256 1024
 */
#include "vtest.h"

VT(t0, "vle8.v v8, (a2)");
VT(t1, "vle8.v v8, (a2), v0.t");
VT(t2, "vse8.v v8, (a2)");
VT(t3, "vse8.v v8, (a2), v0.t");
VT(t4, "vle8ff.v v8, (a2)");
VT(t5, "vle8ff.v v8, (a2), v0.t");
VT(t6, "vlse8.v v8, (a2), a3");
VT(t7, "vlse8.v v8, (a2), a3, v0.t");
VT(t8, "vsse8.v v8, (a2), a3");
VT(t9, "vsse8.v v8, (a2), a3, v0.t");
VT(t10, "vlse8.v v8, (a2), zero");
VT(t11, "vlse8.v v8, (a2), zero, v0.t");
VT(t12, "vluxei8.v v8, (a2), v24");
VT(t13, "vluxei8.v v8, (a2), v24, v0.t");
VT(t14, "vsuxei8.v v8, (a2), v24");
VT(t15, "vsuxei8.v v8, (a2), v24, v0.t");
VT(t16, "vloxei8.v v8, (a2), v24");
VT(t17, "vloxei8.v v8, (a2), v24, v0.t");
VT(t18, "vsoxei8.v v8, (a2), v24");
VT(t19, "vsoxei8.v v8, (a2), v24, v0.t");
VT(t20, "vlseg2e8.v v8, (a2)");
VT(t21, "vlseg2e8.v v8, (a2), v0.t");
VT(t22, "vsseg2e8.v v8, (a2)");
VT(t23, "vsseg2e8.v v8, (a2), v0.t");
VT(t24, "vlseg2e8ff.v v8, (a2)");
VT(t25, "vlseg2e8ff.v v8, (a2), v0.t");
VT(t26, "vlsseg2e8.v v8, (a2), a3");
VT(t27, "vlsseg2e8.v v8, (a2), a3, v0.t");
VT(t28, "vssseg2e8.v v8, (a2), a3");
VT(t29, "vssseg2e8.v v8, (a2), a3, v0.t");
VT(t30, "vluxseg2ei8.v v8, (a2), v24");
VT(t31, "vluxseg2ei8.v v8, (a2), v24, v0.t");
VT(t32, "vsoxseg2ei8.v v8, (a2), v24");
VT(t33, "vsoxseg2ei8.v v8, (a2), v24, v0.t");
VT(t34, "vlseg3e8.v v8, (a2)");
VT(t35, "vlseg3e8.v v8, (a2), v0.t");
VT(t36, "vsseg3e8.v v8, (a2)");
VT(t37, "vsseg3e8.v v8, (a2), v0.t");
VT(t38, "vlseg3e8ff.v v8, (a2)");
VT(t39, "vlseg3e8ff.v v8, (a2), v0.t");
VT(t40, "vlsseg3e8.v v8, (a2), a3");
VT(t41, "vlsseg3e8.v v8, (a2), a3, v0.t");
VT(t42, "vssseg3e8.v v8, (a2), a3");
VT(t43, "vssseg3e8.v v8, (a2), a3, v0.t");
VT(t44, "vluxseg3ei8.v v8, (a2), v24");
VT(t45, "vluxseg3ei8.v v8, (a2), v24, v0.t");
VT(t46, "vsoxseg3ei8.v v8, (a2), v24");
VT(t47, "vsoxseg3ei8.v v8, (a2), v24, v0.t");
VT(t48, "vlseg4e8.v v8, (a2)");
VT(t49, "vlseg4e8.v v8, (a2), v0.t");
VT(t50, "vsseg4e8.v v8, (a2)");
VT(t51, "vsseg4e8.v v8, (a2), v0.t");
VT(t52, "vlseg4e8ff.v v8, (a2)");
VT(t53, "vlseg4e8ff.v v8, (a2), v0.t");
VT(t54, "vlsseg4e8.v v8, (a2), a3");
VT(t55, "vlsseg4e8.v v8, (a2), a3, v0.t");
VT(t56, "vssseg4e8.v v8, (a2), a3");
VT(t57, "vssseg4e8.v v8, (a2), a3, v0.t");
VT(t58, "vluxseg4ei8.v v8, (a2), v24");
VT(t59, "vluxseg4ei8.v v8, (a2), v24, v0.t");
VT(t60, "vsoxseg4ei8.v v8, (a2), v24");
VT(t61, "vsoxseg4ei8.v v8, (a2), v24, v0.t");
VT(t62, "vlseg8e8.v v8, (a2)");
VT(t63, "vlseg8e8.v v8, (a2), v0.t");
VT(t64, "vsseg8e8.v v8, (a2)");
VT(t65, "vsseg8e8.v v8, (a2), v0.t");
VT(t66, "vlseg8e8ff.v v8, (a2)");
VT(t67, "vlseg8e8ff.v v8, (a2), v0.t");
VT(t68, "vlsseg8e8.v v8, (a2), a3");
VT(t69, "vlsseg8e8.v v8, (a2), a3, v0.t");
VT(t70, "vssseg8e8.v v8, (a2), a3");
VT(t71, "vssseg8e8.v v8, (a2), a3, v0.t");
VT(t72, "vluxseg8ei8.v v8, (a2), v24");
VT(t73, "vluxseg8ei8.v v8, (a2), v24, v0.t");
VT(t74, "vsoxseg8ei8.v v8, (a2), v24");
VT(t75, "vsoxseg8ei8.v v8, (a2), v24, v0.t");
VT(t76, "vl1re8.v v8, (a2)");
VT(t77, "vl2re8.v v8, (a2)");
VT(t78, "vl4re8.v v8, (a2)");
VT(t79, "vl8re8.v v8, (a2)");
VT(t80, "vle16.v v8, (a2)");
VT(t81, "vle16.v v8, (a2), v0.t");
VT(t82, "vse16.v v8, (a2)");
VT(t83, "vse16.v v8, (a2), v0.t");
VT(t84, "vle16ff.v v8, (a2)");
VT(t85, "vle16ff.v v8, (a2), v0.t");
VT(t86, "vlse16.v v8, (a2), a3");
VT(t87, "vlse16.v v8, (a2), a3, v0.t");
VT(t88, "vsse16.v v8, (a2), a3");
VT(t89, "vsse16.v v8, (a2), a3, v0.t");
VT(t90, "vlse16.v v8, (a2), zero");
VT(t91, "vlse16.v v8, (a2), zero, v0.t");
VT(t92, "vluxei16.v v8, (a2), v24");
VT(t93, "vluxei16.v v8, (a2), v24, v0.t");
VT(t94, "vsuxei16.v v8, (a2), v24");
VT(t95, "vsuxei16.v v8, (a2), v24, v0.t");
VT(t96, "vloxei16.v v8, (a2), v24");
VT(t97, "vloxei16.v v8, (a2), v24, v0.t");
VT(t98, "vsoxei16.v v8, (a2), v24");
VT(t99, "vsoxei16.v v8, (a2), v24, v0.t");
VT(t100, "vlseg2e16.v v8, (a2)");
VT(t101, "vlseg2e16.v v8, (a2), v0.t");
VT(t102, "vsseg2e16.v v8, (a2)");
VT(t103, "vsseg2e16.v v8, (a2), v0.t");
VT(t104, "vlseg2e16ff.v v8, (a2)");
VT(t105, "vlseg2e16ff.v v8, (a2), v0.t");
VT(t106, "vlsseg2e16.v v8, (a2), a3");
VT(t107, "vlsseg2e16.v v8, (a2), a3, v0.t");
VT(t108, "vssseg2e16.v v8, (a2), a3");
VT(t109, "vssseg2e16.v v8, (a2), a3, v0.t");
VT(t110, "vluxseg2ei16.v v8, (a2), v24");
VT(t111, "vluxseg2ei16.v v8, (a2), v24, v0.t");
VT(t112, "vsoxseg2ei16.v v8, (a2), v24");
VT(t113, "vsoxseg2ei16.v v8, (a2), v24, v0.t");
VT(t114, "vlseg3e16.v v8, (a2)");
VT(t115, "vlseg3e16.v v8, (a2), v0.t");
VT(t116, "vsseg3e16.v v8, (a2)");
VT(t117, "vsseg3e16.v v8, (a2), v0.t");
VT(t118, "vlseg3e16ff.v v8, (a2)");
VT(t119, "vlseg3e16ff.v v8, (a2), v0.t");
VT(t120, "vlsseg3e16.v v8, (a2), a3");
VT(t121, "vlsseg3e16.v v8, (a2), a3, v0.t");
VT(t122, "vssseg3e16.v v8, (a2), a3");
VT(t123, "vssseg3e16.v v8, (a2), a3, v0.t");
VT(t124, "vluxseg3ei16.v v8, (a2), v24");
VT(t125, "vluxseg3ei16.v v8, (a2), v24, v0.t");
VT(t126, "vsoxseg3ei16.v v8, (a2), v24");
VT(t127, "vsoxseg3ei16.v v8, (a2), v24, v0.t");
VT(t128, "vlseg4e16.v v8, (a2)");
VT(t129, "vlseg4e16.v v8, (a2), v0.t");
VT(t130, "vsseg4e16.v v8, (a2)");
VT(t131, "vsseg4e16.v v8, (a2), v0.t");
VT(t132, "vlseg4e16ff.v v8, (a2)");
VT(t133, "vlseg4e16ff.v v8, (a2), v0.t");
VT(t134, "vlsseg4e16.v v8, (a2), a3");
VT(t135, "vlsseg4e16.v v8, (a2), a3, v0.t");
VT(t136, "vssseg4e16.v v8, (a2), a3");
VT(t137, "vssseg4e16.v v8, (a2), a3, v0.t");
VT(t138, "vluxseg4ei16.v v8, (a2), v24");
VT(t139, "vluxseg4ei16.v v8, (a2), v24, v0.t");
VT(t140, "vsoxseg4ei16.v v8, (a2), v24");
VT(t141, "vsoxseg4ei16.v v8, (a2), v24, v0.t");
VT(t142, "vlseg8e16.v v8, (a2)");
VT(t143, "vlseg8e16.v v8, (a2), v0.t");
VT(t144, "vsseg8e16.v v8, (a2)");
VT(t145, "vsseg8e16.v v8, (a2), v0.t");
VT(t146, "vlseg8e16ff.v v8, (a2)");
VT(t147, "vlseg8e16ff.v v8, (a2), v0.t");
VT(t148, "vlsseg8e16.v v8, (a2), a3");
VT(t149, "vlsseg8e16.v v8, (a2), a3, v0.t");
VT(t150, "vssseg8e16.v v8, (a2), a3");
VT(t151, "vssseg8e16.v v8, (a2), a3, v0.t");
VT(t152, "vluxseg8ei16.v v8, (a2), v24");
VT(t153, "vluxseg8ei16.v v8, (a2), v24, v0.t");
VT(t154, "vsoxseg8ei16.v v8, (a2), v24");
VT(t155, "vsoxseg8ei16.v v8, (a2), v24, v0.t");
VT(t156, "vl1re16.v v8, (a2)");
VT(t157, "vl2re16.v v8, (a2)");
VT(t158, "vl4re16.v v8, (a2)");
VT(t159, "vl8re16.v v8, (a2)");
VT(t160, "vle32.v v8, (a2)");
VT(t161, "vle32.v v8, (a2), v0.t");
VT(t162, "vse32.v v8, (a2)");
VT(t163, "vse32.v v8, (a2), v0.t");
VT(t164, "vle32ff.v v8, (a2)");
VT(t165, "vle32ff.v v8, (a2), v0.t");
VT(t166, "vlse32.v v8, (a2), a3");
VT(t167, "vlse32.v v8, (a2), a3, v0.t");
VT(t168, "vsse32.v v8, (a2), a3");
VT(t169, "vsse32.v v8, (a2), a3, v0.t");
VT(t170, "vlse32.v v8, (a2), zero");
VT(t171, "vlse32.v v8, (a2), zero, v0.t");
VT(t172, "vluxei32.v v8, (a2), v24");
VT(t173, "vluxei32.v v8, (a2), v24, v0.t");
VT(t174, "vsuxei32.v v8, (a2), v24");
VT(t175, "vsuxei32.v v8, (a2), v24, v0.t");
VT(t176, "vloxei32.v v8, (a2), v24");
VT(t177, "vloxei32.v v8, (a2), v24, v0.t");
VT(t178, "vsoxei32.v v8, (a2), v24");
VT(t179, "vsoxei32.v v8, (a2), v24, v0.t");
VT(t180, "vlseg2e32.v v8, (a2)");
VT(t181, "vlseg2e32.v v8, (a2), v0.t");
VT(t182, "vsseg2e32.v v8, (a2)");
VT(t183, "vsseg2e32.v v8, (a2), v0.t");
VT(t184, "vlseg2e32ff.v v8, (a2)");
VT(t185, "vlseg2e32ff.v v8, (a2), v0.t");
VT(t186, "vlsseg2e32.v v8, (a2), a3");
VT(t187, "vlsseg2e32.v v8, (a2), a3, v0.t");
VT(t188, "vssseg2e32.v v8, (a2), a3");
VT(t189, "vssseg2e32.v v8, (a2), a3, v0.t");
VT(t190, "vluxseg2ei32.v v8, (a2), v24");
VT(t191, "vluxseg2ei32.v v8, (a2), v24, v0.t");
VT(t192, "vsoxseg2ei32.v v8, (a2), v24");
VT(t193, "vsoxseg2ei32.v v8, (a2), v24, v0.t");
VT(t194, "vlseg3e32.v v8, (a2)");
VT(t195, "vlseg3e32.v v8, (a2), v0.t");
VT(t196, "vsseg3e32.v v8, (a2)");
VT(t197, "vsseg3e32.v v8, (a2), v0.t");
VT(t198, "vlseg3e32ff.v v8, (a2)");
VT(t199, "vlseg3e32ff.v v8, (a2), v0.t");
VT(t200, "vlsseg3e32.v v8, (a2), a3");
VT(t201, "vlsseg3e32.v v8, (a2), a3, v0.t");
VT(t202, "vssseg3e32.v v8, (a2), a3");
VT(t203, "vssseg3e32.v v8, (a2), a3, v0.t");
VT(t204, "vluxseg3ei32.v v8, (a2), v24");
VT(t205, "vluxseg3ei32.v v8, (a2), v24, v0.t");
VT(t206, "vsoxseg3ei32.v v8, (a2), v24");
VT(t207, "vsoxseg3ei32.v v8, (a2), v24, v0.t");
VT(t208, "vlseg4e32.v v8, (a2)");
VT(t209, "vlseg4e32.v v8, (a2), v0.t");
VT(t210, "vsseg4e32.v v8, (a2)");
VT(t211, "vsseg4e32.v v8, (a2), v0.t");
VT(t212, "vlseg4e32ff.v v8, (a2)");
VT(t213, "vlseg4e32ff.v v8, (a2), v0.t");
VT(t214, "vlsseg4e32.v v8, (a2), a3");
VT(t215, "vlsseg4e32.v v8, (a2), a3, v0.t");
VT(t216, "vssseg4e32.v v8, (a2), a3");
VT(t217, "vssseg4e32.v v8, (a2), a3, v0.t");
VT(t218, "vluxseg4ei32.v v8, (a2), v24");
VT(t219, "vluxseg4ei32.v v8, (a2), v24, v0.t");
VT(t220, "vsoxseg4ei32.v v8, (a2), v24");
VT(t221, "vsoxseg4ei32.v v8, (a2), v24, v0.t");
VT(t222, "vlseg8e32.v v8, (a2)");
VT(t223, "vlseg8e32.v v8, (a2), v0.t");
VT(t224, "vsseg8e32.v v8, (a2)");
VT(t225, "vsseg8e32.v v8, (a2), v0.t");
VT(t226, "vlseg8e32ff.v v8, (a2)");
VT(t227, "vlseg8e32ff.v v8, (a2), v0.t");
VT(t228, "vlsseg8e32.v v8, (a2), a3");
VT(t229, "vlsseg8e32.v v8, (a2), a3, v0.t");
VT(t230, "vssseg8e32.v v8, (a2), a3");
VT(t231, "vssseg8e32.v v8, (a2), a3, v0.t");
VT(t232, "vluxseg8ei32.v v8, (a2), v24");
VT(t233, "vluxseg8ei32.v v8, (a2), v24, v0.t");
VT(t234, "vsoxseg8ei32.v v8, (a2), v24");
VT(t235, "vsoxseg8ei32.v v8, (a2), v24, v0.t");
VT(t236, "vl1re32.v v8, (a2)");
VT(t237, "vl2re32.v v8, (a2)");
VT(t238, "vl4re32.v v8, (a2)");
VT(t239, "vl8re32.v v8, (a2)");
VT(t240, "vle64.v v8, (a2)");
VT(t241, "vle64.v v8, (a2), v0.t");
VT(t242, "vse64.v v8, (a2)");
VT(t243, "vse64.v v8, (a2), v0.t");
VT(t244, "vle64ff.v v8, (a2)");
VT(t245, "vle64ff.v v8, (a2), v0.t");
VT(t246, "vlse64.v v8, (a2), a3");
VT(t247, "vlse64.v v8, (a2), a3, v0.t");
VT(t248, "vsse64.v v8, (a2), a3");
VT(t249, "vsse64.v v8, (a2), a3, v0.t");
VT(t250, "vlse64.v v8, (a2), zero");
VT(t251, "vlse64.v v8, (a2), zero, v0.t");
VT(t252, "vluxei64.v v8, (a2), v24");
VT(t253, "vluxei64.v v8, (a2), v24, v0.t");
VT(t254, "vsuxei64.v v8, (a2), v24");
VT(t255, "vsuxei64.v v8, (a2), v24, v0.t");
VT(t256, "vloxei64.v v8, (a2), v24");
VT(t257, "vloxei64.v v8, (a2), v24, v0.t");
VT(t258, "vsoxei64.v v8, (a2), v24");
VT(t259, "vsoxei64.v v8, (a2), v24, v0.t");
VT(t260, "vlseg2e64.v v8, (a2)");
VT(t261, "vlseg2e64.v v8, (a2), v0.t");
VT(t262, "vsseg2e64.v v8, (a2)");
VT(t263, "vsseg2e64.v v8, (a2), v0.t");
VT(t264, "vlseg2e64ff.v v8, (a2)");
VT(t265, "vlseg2e64ff.v v8, (a2), v0.t");
VT(t266, "vlsseg2e64.v v8, (a2), a3");
VT(t267, "vlsseg2e64.v v8, (a2), a3, v0.t");
VT(t268, "vssseg2e64.v v8, (a2), a3");
VT(t269, "vssseg2e64.v v8, (a2), a3, v0.t");
VT(t270, "vluxseg2ei64.v v8, (a2), v24");
VT(t271, "vluxseg2ei64.v v8, (a2), v24, v0.t");
VT(t272, "vsoxseg2ei64.v v8, (a2), v24");
VT(t273, "vsoxseg2ei64.v v8, (a2), v24, v0.t");
VT(t274, "vlseg3e64.v v8, (a2)");
VT(t275, "vlseg3e64.v v8, (a2), v0.t");
VT(t276, "vsseg3e64.v v8, (a2)");
VT(t277, "vsseg3e64.v v8, (a2), v0.t");
VT(t278, "vlseg3e64ff.v v8, (a2)");
VT(t279, "vlseg3e64ff.v v8, (a2), v0.t");
VT(t280, "vlsseg3e64.v v8, (a2), a3");
VT(t281, "vlsseg3e64.v v8, (a2), a3, v0.t");
VT(t282, "vssseg3e64.v v8, (a2), a3");
VT(t283, "vssseg3e64.v v8, (a2), a3, v0.t");
VT(t284, "vluxseg3ei64.v v8, (a2), v24");
VT(t285, "vluxseg3ei64.v v8, (a2), v24, v0.t");
VT(t286, "vsoxseg3ei64.v v8, (a2), v24");
VT(t287, "vsoxseg3ei64.v v8, (a2), v24, v0.t");
VT(t288, "vlseg4e64.v v8, (a2)");
VT(t289, "vlseg4e64.v v8, (a2), v0.t");
VT(t290, "vsseg4e64.v v8, (a2)");
VT(t291, "vsseg4e64.v v8, (a2), v0.t");
VT(t292, "vlseg4e64ff.v v8, (a2)");
VT(t293, "vlseg4e64ff.v v8, (a2), v0.t");
VT(t294, "vlsseg4e64.v v8, (a2), a3");
VT(t295, "vlsseg4e64.v v8, (a2), a3, v0.t");
VT(t296, "vssseg4e64.v v8, (a2), a3");
VT(t297, "vssseg4e64.v v8, (a2), a3, v0.t");
VT(t298, "vluxseg4ei64.v v8, (a2), v24");
VT(t299, "vluxseg4ei64.v v8, (a2), v24, v0.t");
VT(t300, "vsoxseg4ei64.v v8, (a2), v24");
VT(t301, "vsoxseg4ei64.v v8, (a2), v24, v0.t");
VT(t302, "vlseg8e64.v v8, (a2)");
VT(t303, "vlseg8e64.v v8, (a2), v0.t");
VT(t304, "vsseg8e64.v v8, (a2)");
VT(t305, "vsseg8e64.v v8, (a2), v0.t");
VT(t306, "vlseg8e64ff.v v8, (a2)");
VT(t307, "vlseg8e64ff.v v8, (a2), v0.t");
VT(t308, "vlsseg8e64.v v8, (a2), a3");
VT(t309, "vlsseg8e64.v v8, (a2), a3, v0.t");
VT(t310, "vssseg8e64.v v8, (a2), a3");
VT(t311, "vssseg8e64.v v8, (a2), a3, v0.t");
VT(t312, "vluxseg8ei64.v v8, (a2), v24");
VT(t313, "vluxseg8ei64.v v8, (a2), v24, v0.t");
VT(t314, "vsoxseg8ei64.v v8, (a2), v24");
VT(t315, "vsoxseg8ei64.v v8, (a2), v24, v0.t");
VT(t316, "vl1re64.v v8, (a2)");
VT(t317, "vl2re64.v v8, (a2)");
VT(t318, "vl4re64.v v8, (a2)");
VT(t319, "vl8re64.v v8, (a2)");
VT(t320, "vs1r.v v8, (a2)");
VT(t321, "vs2r.v v8, (a2)");
VT(t322, "vs4r.v v8, (a2)");
VT(t323, "vs8r.v v8, (a2)");
VT(t324, "vlm.v v8, (a2)");
VT(t325, "vsm.v v8, (a2)");

static const struct vt_case cases[] = {
	{"vle8.v", t0, VT_MEM},
	{"vle8.v m", t1, VT_MEM},
	{"vse8.v", t2, VT_MEM},
	{"vse8.v m", t3, VT_MEM},
	{"vle8ff.v", t4, VT_MEM},
	{"vle8ff.v m", t5, VT_MEM},
	{"vlse8.v", t6, VT_MEM},
	{"vlse8.v m", t7, VT_MEM},
	{"vsse8.v", t8, VT_MEM},
	{"vsse8.v m", t9, VT_MEM},
	{"vlse8.v x0", t10, VT_MEM},
	{"vlse8.v x0 m", t11, VT_MEM},
	{"vluxei8.v", t12, VT_MEM | VT_IDXMEM | VT_IDXW(8)},
	{"vluxei8.v m", t13, VT_MEM | VT_IDXMEM | VT_IDXW(8)},
	{"vsuxei8.v", t14, VT_MEM | VT_IDXMEM | VT_IDXW(8)},
	{"vsuxei8.v m", t15, VT_MEM | VT_IDXMEM | VT_IDXW(8)},
	{"vloxei8.v", t16, VT_MEM | VT_IDXMEM | VT_IDXW(8)},
	{"vloxei8.v m", t17, VT_MEM | VT_IDXMEM | VT_IDXW(8)},
	{"vsoxei8.v", t18, VT_MEM | VT_IDXMEM | VT_IDXW(8)},
	{"vsoxei8.v m", t19, VT_MEM | VT_IDXMEM | VT_IDXW(8)},
	{"vlseg2e8.v", t20, VT_MEM},
	{"vlseg2e8.v m", t21, VT_MEM},
	{"vsseg2e8.v", t22, VT_MEM},
	{"vsseg2e8.v m", t23, VT_MEM},
	{"vlseg2e8ff.v", t24, VT_MEM},
	{"vlseg2e8ff.v m", t25, VT_MEM},
	{"vlsseg2e8.v", t26, VT_MEM},
	{"vlsseg2e8.v m", t27, VT_MEM},
	{"vssseg2e8.v", t28, VT_MEM},
	{"vssseg2e8.v m", t29, VT_MEM},
	{"vluxseg2ei8.v", t30, VT_MEM | VT_IDXMEM | VT_IDXW(8)},
	{"vluxseg2ei8.v m", t31, VT_MEM | VT_IDXMEM | VT_IDXW(8)},
	{"vsoxseg2ei8.v", t32, VT_MEM | VT_IDXMEM | VT_IDXW(8)},
	{"vsoxseg2ei8.v m", t33, VT_MEM | VT_IDXMEM | VT_IDXW(8)},
	{"vlseg3e8.v", t34, VT_MEM},
	{"vlseg3e8.v m", t35, VT_MEM},
	{"vsseg3e8.v", t36, VT_MEM},
	{"vsseg3e8.v m", t37, VT_MEM},
	{"vlseg3e8ff.v", t38, VT_MEM},
	{"vlseg3e8ff.v m", t39, VT_MEM},
	{"vlsseg3e8.v", t40, VT_MEM},
	{"vlsseg3e8.v m", t41, VT_MEM},
	{"vssseg3e8.v", t42, VT_MEM},
	{"vssseg3e8.v m", t43, VT_MEM},
	{"vluxseg3ei8.v", t44, VT_MEM | VT_IDXMEM | VT_IDXW(8)},
	{"vluxseg3ei8.v m", t45, VT_MEM | VT_IDXMEM | VT_IDXW(8)},
	{"vsoxseg3ei8.v", t46, VT_MEM | VT_IDXMEM | VT_IDXW(8)},
	{"vsoxseg3ei8.v m", t47, VT_MEM | VT_IDXMEM | VT_IDXW(8)},
	{"vlseg4e8.v", t48, VT_MEM},
	{"vlseg4e8.v m", t49, VT_MEM},
	{"vsseg4e8.v", t50, VT_MEM},
	{"vsseg4e8.v m", t51, VT_MEM},
	{"vlseg4e8ff.v", t52, VT_MEM},
	{"vlseg4e8ff.v m", t53, VT_MEM},
	{"vlsseg4e8.v", t54, VT_MEM},
	{"vlsseg4e8.v m", t55, VT_MEM},
	{"vssseg4e8.v", t56, VT_MEM},
	{"vssseg4e8.v m", t57, VT_MEM},
	{"vluxseg4ei8.v", t58, VT_MEM | VT_IDXMEM | VT_IDXW(8)},
	{"vluxseg4ei8.v m", t59, VT_MEM | VT_IDXMEM | VT_IDXW(8)},
	{"vsoxseg4ei8.v", t60, VT_MEM | VT_IDXMEM | VT_IDXW(8)},
	{"vsoxseg4ei8.v m", t61, VT_MEM | VT_IDXMEM | VT_IDXW(8)},
	{"vlseg8e8.v", t62, VT_MEM},
	{"vlseg8e8.v m", t63, VT_MEM},
	{"vsseg8e8.v", t64, VT_MEM},
	{"vsseg8e8.v m", t65, VT_MEM},
	{"vlseg8e8ff.v", t66, VT_MEM},
	{"vlseg8e8ff.v m", t67, VT_MEM},
	{"vlsseg8e8.v", t68, VT_MEM},
	{"vlsseg8e8.v m", t69, VT_MEM},
	{"vssseg8e8.v", t70, VT_MEM},
	{"vssseg8e8.v m", t71, VT_MEM},
	{"vluxseg8ei8.v", t72, VT_MEM | VT_IDXMEM | VT_IDXW(8)},
	{"vluxseg8ei8.v m", t73, VT_MEM | VT_IDXMEM | VT_IDXW(8)},
	{"vsoxseg8ei8.v", t74, VT_MEM | VT_IDXMEM | VT_IDXW(8)},
	{"vsoxseg8ei8.v m", t75, VT_MEM | VT_IDXMEM | VT_IDXW(8)},
	{"vl1re8.v", t76, VT_MEM},
	{"vl2re8.v", t77, VT_MEM},
	{"vl4re8.v", t78, VT_MEM},
	{"vl8re8.v", t79, VT_MEM},
	{"vle16.v", t80, VT_MEM},
	{"vle16.v m", t81, VT_MEM},
	{"vse16.v", t82, VT_MEM},
	{"vse16.v m", t83, VT_MEM},
	{"vle16ff.v", t84, VT_MEM},
	{"vle16ff.v m", t85, VT_MEM},
	{"vlse16.v", t86, VT_MEM},
	{"vlse16.v m", t87, VT_MEM},
	{"vsse16.v", t88, VT_MEM},
	{"vsse16.v m", t89, VT_MEM},
	{"vlse16.v x0", t90, VT_MEM},
	{"vlse16.v x0 m", t91, VT_MEM},
	{"vluxei16.v", t92, VT_MEM | VT_IDXMEM | VT_IDXW(16)},
	{"vluxei16.v m", t93, VT_MEM | VT_IDXMEM | VT_IDXW(16)},
	{"vsuxei16.v", t94, VT_MEM | VT_IDXMEM | VT_IDXW(16)},
	{"vsuxei16.v m", t95, VT_MEM | VT_IDXMEM | VT_IDXW(16)},
	{"vloxei16.v", t96, VT_MEM | VT_IDXMEM | VT_IDXW(16)},
	{"vloxei16.v m", t97, VT_MEM | VT_IDXMEM | VT_IDXW(16)},
	{"vsoxei16.v", t98, VT_MEM | VT_IDXMEM | VT_IDXW(16)},
	{"vsoxei16.v m", t99, VT_MEM | VT_IDXMEM | VT_IDXW(16)},
	{"vlseg2e16.v", t100, VT_MEM},
	{"vlseg2e16.v m", t101, VT_MEM},
	{"vsseg2e16.v", t102, VT_MEM},
	{"vsseg2e16.v m", t103, VT_MEM},
	{"vlseg2e16ff.v", t104, VT_MEM},
	{"vlseg2e16ff.v m", t105, VT_MEM},
	{"vlsseg2e16.v", t106, VT_MEM},
	{"vlsseg2e16.v m", t107, VT_MEM},
	{"vssseg2e16.v", t108, VT_MEM},
	{"vssseg2e16.v m", t109, VT_MEM},
	{"vluxseg2ei16.v", t110, VT_MEM | VT_IDXMEM | VT_IDXW(16)},
	{"vluxseg2ei16.v m", t111, VT_MEM | VT_IDXMEM | VT_IDXW(16)},
	{"vsoxseg2ei16.v", t112, VT_MEM | VT_IDXMEM | VT_IDXW(16)},
	{"vsoxseg2ei16.v m", t113, VT_MEM | VT_IDXMEM | VT_IDXW(16)},
	{"vlseg3e16.v", t114, VT_MEM},
	{"vlseg3e16.v m", t115, VT_MEM},
	{"vsseg3e16.v", t116, VT_MEM},
	{"vsseg3e16.v m", t117, VT_MEM},
	{"vlseg3e16ff.v", t118, VT_MEM},
	{"vlseg3e16ff.v m", t119, VT_MEM},
	{"vlsseg3e16.v", t120, VT_MEM},
	{"vlsseg3e16.v m", t121, VT_MEM},
	{"vssseg3e16.v", t122, VT_MEM},
	{"vssseg3e16.v m", t123, VT_MEM},
	{"vluxseg3ei16.v", t124, VT_MEM | VT_IDXMEM | VT_IDXW(16)},
	{"vluxseg3ei16.v m", t125, VT_MEM | VT_IDXMEM | VT_IDXW(16)},
	{"vsoxseg3ei16.v", t126, VT_MEM | VT_IDXMEM | VT_IDXW(16)},
	{"vsoxseg3ei16.v m", t127, VT_MEM | VT_IDXMEM | VT_IDXW(16)},
	{"vlseg4e16.v", t128, VT_MEM},
	{"vlseg4e16.v m", t129, VT_MEM},
	{"vsseg4e16.v", t130, VT_MEM},
	{"vsseg4e16.v m", t131, VT_MEM},
	{"vlseg4e16ff.v", t132, VT_MEM},
	{"vlseg4e16ff.v m", t133, VT_MEM},
	{"vlsseg4e16.v", t134, VT_MEM},
	{"vlsseg4e16.v m", t135, VT_MEM},
	{"vssseg4e16.v", t136, VT_MEM},
	{"vssseg4e16.v m", t137, VT_MEM},
	{"vluxseg4ei16.v", t138, VT_MEM | VT_IDXMEM | VT_IDXW(16)},
	{"vluxseg4ei16.v m", t139, VT_MEM | VT_IDXMEM | VT_IDXW(16)},
	{"vsoxseg4ei16.v", t140, VT_MEM | VT_IDXMEM | VT_IDXW(16)},
	{"vsoxseg4ei16.v m", t141, VT_MEM | VT_IDXMEM | VT_IDXW(16)},
	{"vlseg8e16.v", t142, VT_MEM},
	{"vlseg8e16.v m", t143, VT_MEM},
	{"vsseg8e16.v", t144, VT_MEM},
	{"vsseg8e16.v m", t145, VT_MEM},
	{"vlseg8e16ff.v", t146, VT_MEM},
	{"vlseg8e16ff.v m", t147, VT_MEM},
	{"vlsseg8e16.v", t148, VT_MEM},
	{"vlsseg8e16.v m", t149, VT_MEM},
	{"vssseg8e16.v", t150, VT_MEM},
	{"vssseg8e16.v m", t151, VT_MEM},
	{"vluxseg8ei16.v", t152, VT_MEM | VT_IDXMEM | VT_IDXW(16)},
	{"vluxseg8ei16.v m", t153, VT_MEM | VT_IDXMEM | VT_IDXW(16)},
	{"vsoxseg8ei16.v", t154, VT_MEM | VT_IDXMEM | VT_IDXW(16)},
	{"vsoxseg8ei16.v m", t155, VT_MEM | VT_IDXMEM | VT_IDXW(16)},
	{"vl1re16.v", t156, VT_MEM},
	{"vl2re16.v", t157, VT_MEM},
	{"vl4re16.v", t158, VT_MEM},
	{"vl8re16.v", t159, VT_MEM},
	{"vle32.v", t160, VT_MEM},
	{"vle32.v m", t161, VT_MEM},
	{"vse32.v", t162, VT_MEM},
	{"vse32.v m", t163, VT_MEM},
	{"vle32ff.v", t164, VT_MEM},
	{"vle32ff.v m", t165, VT_MEM},
	{"vlse32.v", t166, VT_MEM},
	{"vlse32.v m", t167, VT_MEM},
	{"vsse32.v", t168, VT_MEM},
	{"vsse32.v m", t169, VT_MEM},
	{"vlse32.v x0", t170, VT_MEM},
	{"vlse32.v x0 m", t171, VT_MEM},
	{"vluxei32.v", t172, VT_MEM | VT_IDXMEM | VT_IDXW(32)},
	{"vluxei32.v m", t173, VT_MEM | VT_IDXMEM | VT_IDXW(32)},
	{"vsuxei32.v", t174, VT_MEM | VT_IDXMEM | VT_IDXW(32)},
	{"vsuxei32.v m", t175, VT_MEM | VT_IDXMEM | VT_IDXW(32)},
	{"vloxei32.v", t176, VT_MEM | VT_IDXMEM | VT_IDXW(32)},
	{"vloxei32.v m", t177, VT_MEM | VT_IDXMEM | VT_IDXW(32)},
	{"vsoxei32.v", t178, VT_MEM | VT_IDXMEM | VT_IDXW(32)},
	{"vsoxei32.v m", t179, VT_MEM | VT_IDXMEM | VT_IDXW(32)},
	{"vlseg2e32.v", t180, VT_MEM},
	{"vlseg2e32.v m", t181, VT_MEM},
	{"vsseg2e32.v", t182, VT_MEM},
	{"vsseg2e32.v m", t183, VT_MEM},
	{"vlseg2e32ff.v", t184, VT_MEM},
	{"vlseg2e32ff.v m", t185, VT_MEM},
	{"vlsseg2e32.v", t186, VT_MEM},
	{"vlsseg2e32.v m", t187, VT_MEM},
	{"vssseg2e32.v", t188, VT_MEM},
	{"vssseg2e32.v m", t189, VT_MEM},
	{"vluxseg2ei32.v", t190, VT_MEM | VT_IDXMEM | VT_IDXW(32)},
	{"vluxseg2ei32.v m", t191, VT_MEM | VT_IDXMEM | VT_IDXW(32)},
	{"vsoxseg2ei32.v", t192, VT_MEM | VT_IDXMEM | VT_IDXW(32)},
	{"vsoxseg2ei32.v m", t193, VT_MEM | VT_IDXMEM | VT_IDXW(32)},
	{"vlseg3e32.v", t194, VT_MEM},
	{"vlseg3e32.v m", t195, VT_MEM},
	{"vsseg3e32.v", t196, VT_MEM},
	{"vsseg3e32.v m", t197, VT_MEM},
	{"vlseg3e32ff.v", t198, VT_MEM},
	{"vlseg3e32ff.v m", t199, VT_MEM},
	{"vlsseg3e32.v", t200, VT_MEM},
	{"vlsseg3e32.v m", t201, VT_MEM},
	{"vssseg3e32.v", t202, VT_MEM},
	{"vssseg3e32.v m", t203, VT_MEM},
	{"vluxseg3ei32.v", t204, VT_MEM | VT_IDXMEM | VT_IDXW(32)},
	{"vluxseg3ei32.v m", t205, VT_MEM | VT_IDXMEM | VT_IDXW(32)},
	{"vsoxseg3ei32.v", t206, VT_MEM | VT_IDXMEM | VT_IDXW(32)},
	{"vsoxseg3ei32.v m", t207, VT_MEM | VT_IDXMEM | VT_IDXW(32)},
	{"vlseg4e32.v", t208, VT_MEM},
	{"vlseg4e32.v m", t209, VT_MEM},
	{"vsseg4e32.v", t210, VT_MEM},
	{"vsseg4e32.v m", t211, VT_MEM},
	{"vlseg4e32ff.v", t212, VT_MEM},
	{"vlseg4e32ff.v m", t213, VT_MEM},
	{"vlsseg4e32.v", t214, VT_MEM},
	{"vlsseg4e32.v m", t215, VT_MEM},
	{"vssseg4e32.v", t216, VT_MEM},
	{"vssseg4e32.v m", t217, VT_MEM},
	{"vluxseg4ei32.v", t218, VT_MEM | VT_IDXMEM | VT_IDXW(32)},
	{"vluxseg4ei32.v m", t219, VT_MEM | VT_IDXMEM | VT_IDXW(32)},
	{"vsoxseg4ei32.v", t220, VT_MEM | VT_IDXMEM | VT_IDXW(32)},
	{"vsoxseg4ei32.v m", t221, VT_MEM | VT_IDXMEM | VT_IDXW(32)},
	{"vlseg8e32.v", t222, VT_MEM},
	{"vlseg8e32.v m", t223, VT_MEM},
	{"vsseg8e32.v", t224, VT_MEM},
	{"vsseg8e32.v m", t225, VT_MEM},
	{"vlseg8e32ff.v", t226, VT_MEM},
	{"vlseg8e32ff.v m", t227, VT_MEM},
	{"vlsseg8e32.v", t228, VT_MEM},
	{"vlsseg8e32.v m", t229, VT_MEM},
	{"vssseg8e32.v", t230, VT_MEM},
	{"vssseg8e32.v m", t231, VT_MEM},
	{"vluxseg8ei32.v", t232, VT_MEM | VT_IDXMEM | VT_IDXW(32)},
	{"vluxseg8ei32.v m", t233, VT_MEM | VT_IDXMEM | VT_IDXW(32)},
	{"vsoxseg8ei32.v", t234, VT_MEM | VT_IDXMEM | VT_IDXW(32)},
	{"vsoxseg8ei32.v m", t235, VT_MEM | VT_IDXMEM | VT_IDXW(32)},
	{"vl1re32.v", t236, VT_MEM},
	{"vl2re32.v", t237, VT_MEM},
	{"vl4re32.v", t238, VT_MEM},
	{"vl8re32.v", t239, VT_MEM},
	{"vle64.v", t240, VT_MEM},
	{"vle64.v m", t241, VT_MEM},
	{"vse64.v", t242, VT_MEM},
	{"vse64.v m", t243, VT_MEM},
	{"vle64ff.v", t244, VT_MEM},
	{"vle64ff.v m", t245, VT_MEM},
	{"vlse64.v", t246, VT_MEM},
	{"vlse64.v m", t247, VT_MEM},
	{"vsse64.v", t248, VT_MEM},
	{"vsse64.v m", t249, VT_MEM},
	{"vlse64.v x0", t250, VT_MEM},
	{"vlse64.v x0 m", t251, VT_MEM},
	{"vluxei64.v", t252, VT_MEM | VT_IDXMEM | VT_IDXW(64)},
	{"vluxei64.v m", t253, VT_MEM | VT_IDXMEM | VT_IDXW(64)},
	{"vsuxei64.v", t254, VT_MEM | VT_IDXMEM | VT_IDXW(64)},
	{"vsuxei64.v m", t255, VT_MEM | VT_IDXMEM | VT_IDXW(64)},
	{"vloxei64.v", t256, VT_MEM | VT_IDXMEM | VT_IDXW(64)},
	{"vloxei64.v m", t257, VT_MEM | VT_IDXMEM | VT_IDXW(64)},
	{"vsoxei64.v", t258, VT_MEM | VT_IDXMEM | VT_IDXW(64)},
	{"vsoxei64.v m", t259, VT_MEM | VT_IDXMEM | VT_IDXW(64)},
	{"vlseg2e64.v", t260, VT_MEM},
	{"vlseg2e64.v m", t261, VT_MEM},
	{"vsseg2e64.v", t262, VT_MEM},
	{"vsseg2e64.v m", t263, VT_MEM},
	{"vlseg2e64ff.v", t264, VT_MEM},
	{"vlseg2e64ff.v m", t265, VT_MEM},
	{"vlsseg2e64.v", t266, VT_MEM},
	{"vlsseg2e64.v m", t267, VT_MEM},
	{"vssseg2e64.v", t268, VT_MEM},
	{"vssseg2e64.v m", t269, VT_MEM},
	{"vluxseg2ei64.v", t270, VT_MEM | VT_IDXMEM | VT_IDXW(64)},
	{"vluxseg2ei64.v m", t271, VT_MEM | VT_IDXMEM | VT_IDXW(64)},
	{"vsoxseg2ei64.v", t272, VT_MEM | VT_IDXMEM | VT_IDXW(64)},
	{"vsoxseg2ei64.v m", t273, VT_MEM | VT_IDXMEM | VT_IDXW(64)},
	{"vlseg3e64.v", t274, VT_MEM},
	{"vlseg3e64.v m", t275, VT_MEM},
	{"vsseg3e64.v", t276, VT_MEM},
	{"vsseg3e64.v m", t277, VT_MEM},
	{"vlseg3e64ff.v", t278, VT_MEM},
	{"vlseg3e64ff.v m", t279, VT_MEM},
	{"vlsseg3e64.v", t280, VT_MEM},
	{"vlsseg3e64.v m", t281, VT_MEM},
	{"vssseg3e64.v", t282, VT_MEM},
	{"vssseg3e64.v m", t283, VT_MEM},
	{"vluxseg3ei64.v", t284, VT_MEM | VT_IDXMEM | VT_IDXW(64)},
	{"vluxseg3ei64.v m", t285, VT_MEM | VT_IDXMEM | VT_IDXW(64)},
	{"vsoxseg3ei64.v", t286, VT_MEM | VT_IDXMEM | VT_IDXW(64)},
	{"vsoxseg3ei64.v m", t287, VT_MEM | VT_IDXMEM | VT_IDXW(64)},
	{"vlseg4e64.v", t288, VT_MEM},
	{"vlseg4e64.v m", t289, VT_MEM},
	{"vsseg4e64.v", t290, VT_MEM},
	{"vsseg4e64.v m", t291, VT_MEM},
	{"vlseg4e64ff.v", t292, VT_MEM},
	{"vlseg4e64ff.v m", t293, VT_MEM},
	{"vlsseg4e64.v", t294, VT_MEM},
	{"vlsseg4e64.v m", t295, VT_MEM},
	{"vssseg4e64.v", t296, VT_MEM},
	{"vssseg4e64.v m", t297, VT_MEM},
	{"vluxseg4ei64.v", t298, VT_MEM | VT_IDXMEM | VT_IDXW(64)},
	{"vluxseg4ei64.v m", t299, VT_MEM | VT_IDXMEM | VT_IDXW(64)},
	{"vsoxseg4ei64.v", t300, VT_MEM | VT_IDXMEM | VT_IDXW(64)},
	{"vsoxseg4ei64.v m", t301, VT_MEM | VT_IDXMEM | VT_IDXW(64)},
	{"vlseg8e64.v", t302, VT_MEM},
	{"vlseg8e64.v m", t303, VT_MEM},
	{"vsseg8e64.v", t304, VT_MEM},
	{"vsseg8e64.v m", t305, VT_MEM},
	{"vlseg8e64ff.v", t306, VT_MEM},
	{"vlseg8e64ff.v m", t307, VT_MEM},
	{"vlsseg8e64.v", t308, VT_MEM},
	{"vlsseg8e64.v m", t309, VT_MEM},
	{"vssseg8e64.v", t310, VT_MEM},
	{"vssseg8e64.v m", t311, VT_MEM},
	{"vluxseg8ei64.v", t312, VT_MEM | VT_IDXMEM | VT_IDXW(64)},
	{"vluxseg8ei64.v m", t313, VT_MEM | VT_IDXMEM | VT_IDXW(64)},
	{"vsoxseg8ei64.v", t314, VT_MEM | VT_IDXMEM | VT_IDXW(64)},
	{"vsoxseg8ei64.v m", t315, VT_MEM | VT_IDXMEM | VT_IDXW(64)},
	{"vl1re64.v", t316, VT_MEM | VT_NOSTART},
	{"vl2re64.v", t317, VT_MEM},
	{"vl4re64.v", t318, VT_MEM},
	{"vl8re64.v", t319, VT_MEM},
	{"vs1r.v", t320, VT_MEM},
	{"vs2r.v", t321, VT_MEM},
	{"vs4r.v", t322, VT_MEM},
	{"vs8r.v", t323, VT_MEM},
	{"vlm.v", t324, VT_MEM},
	{"vsm.v", t325, VT_MEM},
};

int main(void)
{
	vt_all(cases, sizeof(cases) / sizeof(cases[0]));
	return 0;
}
