#!/usr/bin/env python3
# Writes the vector differential programs diff_{int,fp,perm,mem}.c:
# every instruction form of V 1.0 (masked and not), one asm block each,
# run by vtest.h under every SEW and LMUL. Registers: vd = v8,
# vs2 = v16, vs1 = v24 (aligned for LMUL 8), scalars in a1 (x) and fa1
# (f), results in a0 / fa0, base address a2, stride a3.
#
#   python3 tests/isa/v/gen.py
import os
import subprocess

here = os.path.dirname(os.path.abspath(__file__))

XRM, FRM, SMALLX, IDX24, IDX16, MEM, IDXMEM, NOSTART, F, FH = (
    "VT_XRM", "VT_FRM", "VT_SMALLX", "VT_IDX24", "VT_IDX16", "VT_MEM",
    "VT_IDXMEM", "VT_NOSTART", "VT_F", "VT_FH")

SIMM = [-16, -1, 7]
UIMM = [0, 5, 31]

cases = {"int": [], "fp": [], "perm": [], "mem": []}


def add(group, name, insn, flags=(), masked=True):
    flags = list(flags)
    if group == "fp" and FH not in flags:
        flags.append(F)
    cases[group].append((name, insn, list(flags)))
    if masked:
        cases[group].append((name + " m", insn + ", v0.t", list(flags)))


def bin_int(group, op, forms, flags=(), uimm=False):
    for f in forms:
        if f == "v":
            add(group, op + ".vv", f"{op}.vv v8, v16, v24", flags)
        elif f == "x":
            add(group, op + ".vx", f"{op}.vx v8, v16, a1", flags)
        else:
            for imm in (UIMM if uimm else SIMM):
                add(group, f"{op}.vi {imm}", f"{op}.vi v8, v16, {imm}",
                    flags)


# ---- integer, fixed point ----
for op, forms in [("vadd", "vxi"), ("vsub", "vx"), ("vrsub", "xi"),
                  ("vminu", "vx"), ("vmin", "vx"), ("vmaxu", "vx"),
                  ("vmax", "vx"), ("vand", "vxi"), ("vor", "vxi"),
                  ("vxor", "vxi"), ("vmul", "vx"), ("vmulh", "vx"),
                  ("vmulhu", "vx"), ("vmulhsu", "vx"), ("vdivu", "vx"),
                  ("vdiv", "vx"), ("vremu", "vx"), ("vrem", "vx"),
                  ("vmseq", "vxi"), ("vmsne", "vxi"), ("vmsltu", "vx"),
                  ("vmslt", "vx"), ("vmsleu", "vxi"), ("vmsle", "vxi"),
                  ("vmsgtu", "xi"), ("vmsgt", "xi")]:
    bin_int("int", op, forms)
for op in ["vsll", "vsrl", "vsra"]:
    bin_int("int", op, "vxi", uimm=True)
for op, forms in [("vsaddu", "vxi"), ("vsadd", "vxi"), ("vssubu", "vx"),
                  ("vssub", "vx"), ("vaaddu", "vx"), ("vaadd", "vx"),
                  ("vasubu", "vx"), ("vasub", "vx"), ("vsmul", "vx")]:
    bin_int("int", op, forms, [XRM])
for op in ["vssrl", "vssra"]:
    bin_int("int", op, "vxi", [XRM], uimm=True)
for op in ["vmacc", "vnmsac", "vmadd", "vnmsub", "vwmaccu", "vwmacc",
           "vwmaccsu"]:
    add("int", op + ".vv", f"{op}.vv v8, v24, v16")
    add("int", op + ".vx", f"{op}.vx v8, a1, v16")
add("int", "vwmaccus.vx", "vwmaccus.vx v8, a1, v16")
for op in ["vwaddu", "vwadd", "vwsubu", "vwsub", "vwmulu", "vwmulsu",
           "vwmul"]:
    bin_int("int", op, "vx")
for op in ["vwaddu", "vwadd", "vwsubu", "vwsub"]:
    add("int", op + ".wv", f"{op}.wv v8, v16, v24")
    add("int", op + ".wx", f"{op}.wx v8, v16, a1")
for op, fl in [("vnsrl", []), ("vnsra", []), ("vnclipu", [XRM]),
               ("vnclip", [XRM])]:
    add("int", op + ".wv", f"{op}.wv v8, v16, v24", fl)
    add("int", op + ".wx", f"{op}.wx v8, v16, a1", fl)
    for imm in UIMM:
        add("int", f"{op}.wi {imm}", f"{op}.wi v8, v16, {imm}", fl)
for f in [2, 4, 8]:
    add("int", f"vzext.vf{f}", f"vzext.vf{f} v8, v16")
    add("int", f"vsext.vf{f}", f"vsext.vf{f} v8, v16")
for op in ["vadc", "vsbc"]:
    add("int", op + ".vvm", f"{op}.vvm v8, v16, v24, v0", masked=False)
    add("int", op + ".vxm", f"{op}.vxm v8, v16, a1, v0", masked=False)
add("int", "vadc.vim", "vadc.vim v8, v16, -5, v0", masked=False)
for op in ["vmadc", "vmsbc"]:
    add("int", op + ".vvm", f"{op}.vvm v8, v16, v24, v0", masked=False)
    add("int", op + ".vxm", f"{op}.vxm v8, v16, a1, v0", masked=False)
    add("int", op + ".vv", f"{op}.vv v8, v16, v24", masked=False)
    add("int", op + ".vx", f"{op}.vx v8, v16, a1", masked=False)
add("int", "vmadc.vim", "vmadc.vim v8, v16, 9, v0", masked=False)
add("int", "vmadc.vi", "vmadc.vi v8, v16, -9", masked=False)
add("int", "vmerge.vvm", "vmerge.vvm v8, v16, v24, v0", masked=False)
add("int", "vmerge.vxm", "vmerge.vxm v8, v16, a1, v0", masked=False)
add("int", "vmerge.vim", "vmerge.vim v8, v16, -7, v0", masked=False)
add("int", "vmv.v.v", "vmv.v.v v8, v24", masked=False)
add("int", "vmv.v.x", "vmv.v.x v8, a1", masked=False)
add("int", "vmv.v.i", "vmv.v.i v8, 11", masked=False)
for op in ["vredsum", "vredand", "vredor", "vredxor", "vredminu", "vredmin",
           "vredmaxu", "vredmax", "vwredsumu", "vwredsum"]:
    # vstart > 0 is illegal for reductions; QEMU 7.2 runs them (v/vstart.c)
    add("int", op + ".vs", f"{op}.vs v8, v16, v24", [NOSTART])
# compares writing over a source (EEW 1 over SEW: allowed at the start)
add("int", "vmslt.vv vd=vs2", "vmslt.vv v16, v16, v24")
add("int", "vmseq.vi vd=v0", "vmseq.vi v0, v16, 3, v0.t", masked=False)

# ---- floating point ----
for op, forms in [("vfadd", "vf"), ("vfsub", "vf"), ("vfrsub", "f"),
                  ("vfmul", "vf"), ("vfdiv", "vf"), ("vfrdiv", "f"),
                  ("vfmin", "vf"), ("vfmax", "vf"), ("vfsgnj", "vf"),
                  ("vfsgnjn", "vf"), ("vfsgnjx", "vf"), ("vmfeq", "vf"),
                  ("vmfne", "vf"), ("vmflt", "vf"), ("vmfle", "vf"),
                  ("vmfgt", "f"), ("vmfge", "f")]:
    for f in forms:
        if f == "v":
            add("fp", op + ".vv", f"{op}.vv v8, v16, v24", [FRM])
        else:
            add("fp", op + ".vf", f"{op}.vf v8, v16, fa1", [FRM])
for op in ["vfmacc", "vfnmacc", "vfmsac", "vfnmsac", "vfmadd", "vfnmadd",
           "vfmsub", "vfnmsub", "vfwmacc", "vfwnmacc", "vfwmsac",
           "vfwnmsac"]:
    add("fp", op + ".vv", f"{op}.vv v8, v24, v16", [FRM])
    add("fp", op + ".vf", f"{op}.vf v8, fa1, v16", [FRM])
for op in ["vfwadd", "vfwsub", "vfwmul"]:
    add("fp", op + ".vv", f"{op}.vv v8, v16, v24", [FRM])
    add("fp", op + ".vf", f"{op}.vf v8, v16, fa1", [FRM])
for op in ["vfwadd", "vfwsub"]:
    add("fp", op + ".wv", f"{op}.wv v8, v16, v24", [FRM])
    add("fp", op + ".wf", f"{op}.wf v8, v16, fa1", [FRM])
# QEMU 7.2 aborts on the .rtz conversions: v/fp.c checks them on hvrun.
for op in ["vfsqrt.v", "vfrsqrt7.v", "vfrec7.v", "vfclass.v",
           "vfcvt.xu.f.v", "vfcvt.x.f.v", "vfcvt.f.xu.v", "vfcvt.f.x.v",
           "vfwcvt.xu.f.v", "vfwcvt.x.f.v", "vfncvt.f.xu.w",
           "vfncvt.f.x.w", "vfncvt.rod.f.f.w"]:
    add("fp", op, f"{op} v8, v16", [FRM])
# defined at SEW 16 too: integer side 16 bits, or Zvfhmin's binary16
for op in ["vfwcvt.f.xu.v", "vfwcvt.f.x.v", "vfwcvt.f.f.v",
           "vfncvt.xu.f.w", "vfncvt.x.f.w", "vfncvt.f.f.w"]:
    add("fp", op, f"{op} v8, v16", [FRM, FH])
for op in ["vfredusum", "vfredosum", "vfredmin", "vfredmax", "vfwredusum",
           "vfwredosum"]:
    add("fp", op + ".vs", f"{op}.vs v8, v16, v24", [FRM, NOSTART])
add("fp", "vfmerge.vfm", "vfmerge.vfm v8, v16, fa1, v0", masked=False)
add("fp", "vfmv.v.f", "vfmv.v.f v8, fa1", masked=False)
add("fp", "vfmv.f.s", "vfmv.f.s fa0, v16", [NOSTART], masked=False)
add("fp", "vfmv.s.f", "vfmv.s.f v8, fa1", [NOSTART], masked=False)
add("fp", "vfslide1up.vf", "vfslide1up.vf v8, v16, fa1")
add("fp", "vfslide1down.vf", "vfslide1down.vf v8, v16, fa1")

# ---- mask and permutation ----
for op in ["vmand", "vmnand", "vmandn", "vmxor", "vmor", "vmnor", "vmorn",
           "vmxnor"]:
    add("perm", op + ".mm", f"{op}.mm v8, v16, v24", masked=False)
add("perm", "vmand.mm vd=vs", "vmand.mm v16, v16, v24", masked=False)
add("perm", "vcpop.m", "vcpop.m a0, v16", [NOSTART])
add("perm", "vfirst.m", "vfirst.m a0, v16", [NOSTART])
for op in ["vmsbf.m", "vmsif.m", "vmsof.m", "viota.m"]:
    add("perm", op, f"{op} v8, v16", [NOSTART])
add("perm", "vid.v", "vid.v v8")
# QEMU 7.2 leaves vstart set after vmv.x.s, vmv.s.x, vslideup and
# vmv<nr>r.v, and vmv<nr>r.v copies the elements below vstart too
# (v/vstart.c checks hvrun).
add("perm", "vmv.x.s", "vmv.x.s a0, v16", [NOSTART], masked=False)
add("perm", "vmv.s.x", "vmv.s.x v8, a1", [NOSTART], masked=False)
for op, fl in [("vslideup", [NOSTART]), ("vslidedown", [])]:
    add("perm", op + ".vx", f"{op}.vx v8, v16, a1", [SMALLX] + fl)
    for imm in [0, 1, 9, 31]:
        add("perm", f"{op}.vi {imm}", f"{op}.vi v8, v16, {imm}", fl)
add("perm", "vslidedown.vx vd=vs2", "vslidedown.vx v16, v16, a1", [SMALLX])
add("perm", "vslide1up.vx", "vslide1up.vx v8, v16, a1")
add("perm", "vslide1down.vx", "vslide1down.vx v8, v16, a1")
add("perm", "vrgather.vv", "vrgather.vv v8, v16, v24", [IDX24])
add("perm", "vrgather.vv big", "vrgather.vv v8, v16, v24")
add("perm", "vrgatherei16.vv", "vrgatherei16.vv v8, v16, v24", [IDX16])
add("perm", "vrgather.vx", "vrgather.vx v8, v16, a1", [SMALLX])
for imm in [0, 3, 31]:
    add("perm", f"vrgather.vi {imm}", f"vrgather.vi v8, v16, {imm}")
add("perm", "vcompress.vm", "vcompress.vm v8, v16, v24", [NOSTART],
    masked=False)
for n in [1, 2, 4, 8]:
    add("perm", f"vmv{n}r.v", f"vmv{n}r.v v8, v16", [NOSTART],
        masked=False)
# Reserved encodings both must refuse (illegal-instruction).
add("perm", "vadd.vv vd=v0 masked", "vadd.vv v0, v16, v24, v0.t",
    masked=False)
add("perm", "vslideup.vx vd=vs2", "vslideup.vx v16, v16, a1", [SMALLX],
    masked=False)
add("perm", "vrgather.vv vd=vs1", "vrgather.vv v24, v16, v24",
    masked=False)
add("perm", "vwadd.vv odd vd", "vwadd.vv v9, v16, v24", masked=False)
add("perm", "vadd.vv odd vs2", "vadd.vv v8, v17, v24", masked=False)

# ---- loads and stores ----
M = [MEM]
for w in [8, 16, 32, 64]:
    add("mem", f"vle{w}.v", f"vle{w}.v v8, (a2)", M)
    add("mem", f"vse{w}.v", f"vse{w}.v v8, (a2)", M)
    add("mem", f"vle{w}ff.v", f"vle{w}ff.v v8, (a2)", M)
    add("mem", f"vlse{w}.v", f"vlse{w}.v v8, (a2), a3", M)
    add("mem", f"vsse{w}.v", f"vsse{w}.v v8, (a2), a3", M)
    add("mem", f"vlse{w}.v x0", f"vlse{w}.v v8, (a2), zero", M)
    for o in ["u", "o"]:
        add("mem", f"vl{o}xei{w}.v", f"vl{o}xei{w}.v v8, (a2), v24",
            M + [IDXMEM, f"VT_IDXW({w})"])
        add("mem", f"vs{o}xei{w}.v", f"vs{o}xei{w}.v v8, (a2), v24",
            M + [IDXMEM, f"VT_IDXW({w})"])
    for nf in [2, 3, 4, 8]:
        add("mem", f"vlseg{nf}e{w}.v", f"vlseg{nf}e{w}.v v8, (a2)", M)
        add("mem", f"vsseg{nf}e{w}.v", f"vsseg{nf}e{w}.v v8, (a2)", M)
        add("mem", f"vlseg{nf}e{w}ff.v", f"vlseg{nf}e{w}ff.v v8, (a2)", M)
        add("mem", f"vlsseg{nf}e{w}.v", f"vlsseg{nf}e{w}.v v8, (a2), a3",
            M)
        add("mem", f"vssseg{nf}e{w}.v", f"vssseg{nf}e{w}.v v8, (a2), a3",
            M)
        add("mem", f"vluxseg{nf}ei{w}.v",
            f"vluxseg{nf}ei{w}.v v8, (a2), v24",
            M + [IDXMEM, f"VT_IDXW({w})"])
        add("mem", f"vsoxseg{nf}ei{w}.v",
            f"vsoxseg{nf}ei{w}.v v8, (a2), v24",
            M + [IDXMEM, f"VT_IDXW({w})"])
    for n in [1, 2, 4, 8]:
        # vstart 2 is past vl1re64.v's 2 elements: QEMU 7.2 keeps it
        fl = M + [NOSTART] if n * 128 // w <= 2 else M
        add("mem", f"vl{n}re{w}.v", f"vl{n}re{w}.v v8, (a2)", fl,
            masked=False)
for n in [1, 2, 4, 8]:
    add("mem", f"vs{n}r.v", f"vs{n}r.v v8, (a2)", M, masked=False)
add("mem", "vlm.v", "vlm.v v8, (a2)", M, masked=False)
add("mem", "vsm.v", "vsm.v v8, (a2)", M, masked=False)

HEAD = """/*
 * Written by gen.py: do not edit. Differential test of the vector
 * {what} instructions (RISC-V "V" 1.0): each form, masked and
 * not, under every SEW and LMUL, full and partial vl, vstart 0 and 2{extra};
 * the registers, CSRs{mem} after it are hashed and printed, and must
 * match QEMU's.
 * ISA-DIFF
 * ISA-QEMU: vector
 * ISA-VLEN: 256 1024
 */
#include "vtest.h"
"""

what = {
    "int": ("integer and fixed-point", ", every vxrm for fixed point", ""),
    "fp": ("floating-point", ", every frm", " (fflags too)"),
    "perm": ("mask and permutation", "", ""),
    "mem": ("load and store", "", " and memory"),
}

for group, cs in cases.items():
    w, extra, mem = what[group]
    out = [HEAD.format(what=w, extra=extra, mem=mem)]
    for i, (name, insn, flags) in enumerate(cs):
        out.append(f'VT(t{i}, "{insn}");')
    out.append("")
    out.append("static const struct vt_case cases[] = {")
    for i, (name, insn, flags) in enumerate(cs):
        fl = " | ".join(flags) if flags else "0"
        out.append(f'\t{{"{name}", t{i}, {fl}}},')
    out.append("};")
    out.append("")
    out.append("int main(void)")
    out.append("{")
    out.append("\tvt_all(cases, sizeof(cases) / sizeof(cases[0]));")
    out.append("\treturn 0;")
    out.append("}")
    path = os.path.join(here, f"diff_{group}.c")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")
    # The repository's style (make format-check).
    subprocess.run(["clang-format", "-i", path], check=True)
    print(f"diff_{group}.c: {len(cs)} cases")
