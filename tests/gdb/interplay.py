#!/usr/bin/env python3
# The debugger and QMP stopping one VM (tests/gdb): each one's stop holds
# the VM until its own continue; the VM runs when neither holds it.
#
#   interplay.py GDB-SOCKET QMP-SOCKET PROG.ELF NM QMPCLIENT-DIR
#
# hvrun runs tests/gdb's program on 2 harts with -S, --gdb unix: and
# --qmp unix:; hart 1 counts `ticks` for ever, which shows whether the
# VM runs.
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, sys.argv[5])
from rsp import Conn, frame  # noqa: E402
from qmpclient import QMP  # noqa: E402
from rsp import symbols  # noqa: E402

gdb_path, qmp_path, elf, nm = sys.argv[1:5]
syms = symbols(nm, elf)


def check(name, cond, why=""):
    print(("ok gdb/qmp-" if cond else "FAIL gdb/qmp-") + name +
          ("" if cond else ": " + why), flush=True)


q = QMP(qmp_path)
q.negotiate()
g = Conn(gdb_path)
g.cmd(b"qSupported")
ticks = syms["ticks"]
# Hart 0 spins in main until the end.
g.write_u64(syms["spin"], 1)


def run_for(seconds):
    """Lets the VM run (as far as the debugger is concerned), then Ctrl-C."""
    g.s.sendall(frame(b"vCont;c"))
    time.sleep(seconds)
    g.s.sendall(b"\x03")
    return g.packet()


def still(name):
    """The VM does not run: ticks stands still."""
    a = g.read_u64(ticks)
    time.sleep(0.3)
    b = g.read_u64(ticks)
    check(name, a == b, "ticks moved from %d to %d" % (a, b))
    return b


# The debugger holds the VM (-S, then its connection): cont does not run it.
r = q.cmd("cont")
check("cont-does-not-run-debugged-vm", r == {"return": {}}, str(r))
t0 = still("held-by-debugger")
# The debugger runs it; QMP stops it; Ctrl-C still answers at once.
g.s.sendall(frame(b"vCont;c"))
time.sleep(0.3)
r = q.cmd("stop")
check("stop", r == {"return": {}}, str(r))
g.s.sendall(b"\x03")
r = g.packet()
check("ctrl-c-while-qmp-stopped", r.startswith(b"T02"), r.decode(errors="replace"))
t1 = still("stopped-by-both")
check("ran-between", t1 > t0, "ticks %d then %d" % (t0, t1))
# The debugger's continue does not run a VM that QMP stopped.
r = run_for(0.3)
t2 = still("debugger-continue-waits-for-qmp")
check("debugger-continue-did-not-run", t2 == t1, "ticks %d then %d" % (t1, t2))
# QMP's cont with the debugger holding it: still stopped.
r = q.cmd("cont")
t3 = still("qmp-cont-waits-for-debugger")
check("qmp-cont-did-not-run", t3 == t2, "ticks %d then %d" % (t2, t3))
# Both released: it runs.
r = run_for(0.3)
t4 = g.read_u64(ticks)
check("runs-when-neither-holds", r.startswith(b"T02") and t4 > t3,
      "ticks %d then %d" % (t3, t4))
# Detach: the program runs to its end, QMP hears SHUTDOWN.
g.write_u64(syms["spin"], 0)
check("detach", g.cmd(b"D") == b"OK")
ev = q.wait_event("SHUTDOWN", 30)
check("shutdown-after-detach", ev is not None and ev["event"] == "SHUTDOWN", str(ev))
