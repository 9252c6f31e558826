#!/usr/bin/env python3
# GDB's remote protocol spoken by hand to hvrun's stub (tests/gdb): what
# a correct client sees, and what malformed packets, bad checksums,
# unknown and oversized packets, garbage and a second client get; the
# stub must answer each and keep serving.
#
#   proto.py SOCKET PROG.ELF NM
#
# SOCKET is hvrun's --gdb unix: socket; the program is tests/gdb's
# (symbols from NM), started with -S on 2 harts.
import os
import random
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rsp import Conn, frame, le64, symbols  # noqa: E402

sock_path, elf, nm = sys.argv[1], sys.argv[2], sys.argv[3]
syms = symbols(nm, elf)


def check(name, cond, why=""):
    print(("ok gdb/proto-" if cond else "FAIL gdb/proto-") + name +
          ("" if cond else ": " + why), flush=True)


c = Conn(sock_path)
r = c.cmd(b"qSupported:multiprocess+;swbreak+;hwbreak+;vContSupported+")
check("qsupported", b"PacketSize=" in r and b"qXfer:features:read+" in r
      and b"swbreak+" in r and b"hwbreak+" in r, r.decode(errors="replace"))
r = c.cmd(b"?")
check("stop-reason", r.startswith(b"T05thread:"), r.decode(errors="replace"))
r = c.cmd(b"qfThreadInfo")
check("threads", r == b"m1,2", r.decode(errors="replace"))
check("threads-end", c.cmd(b"qsThreadInfo") == b"l")
check("thread-alive", c.cmd(b"T2") == b"OK" and c.cmd(b"T3").startswith(b"E"))
check("attached", c.cmd(b"qAttached") == b"1")
r = c.cmd(b"qXfer:features:read:target.xml:0,3fff")
check("target-xml", r[:1] in (b"m", b"l") and b"org.gnu.gdb.riscv.cpu" in r
      and b"org.gnu.gdb.riscv.csr" in r, r[:80].decode(errors="replace"))

# Registers: 33 x/pc in g; pc at the entry with -S.
r = c.cmd(b"g")
check("g-size", len(r) == 33 * 16, "%d hex digits" % len(r))
check("g-pc-at-entry", le64(r[32 * 16:33 * 16].decode()) == syms["_start"],
      r[32 * 16:].decode(errors="replace"))
r = c.cmd(b"p%x" % (65 + 0xf14))   # mhartid of hart 0
check("p-mhartid", r == b"0" * 16, r.decode(errors="replace"))
check("hg-2", c.cmd(b"Hg2") == b"OK")
r = c.cmd(b"p%x" % (65 + 0xf14))
check("p-mhartid-hart1", le64(r.decode()) == 1, r.decode(errors="replace"))
check("hg-1", c.cmd(b"Hg1") == b"OK")
check("P-a0", c.cmd(b"Pa=efbeadde00000000") == b"OK" and
      le64(c.cmd(b"pa").decode()) == 0xdeadbeef)

# Memory through the hart: write, binary write, read back, a hole.
addr = syms["values"]
check("M", c.cmd(b"M%x,8:0102030405060708" % addr) == b"OK")
check("m", c.cmd(b"m%x,8" % addr) == b"0102030405060708")
data = bytes([0x23, 0x24, 0x7d, 0x2a, 0x00, 0xff, 0x03, 0x0a])  # # $ } * ...
esc = b"".join(b"}" + bytes([x ^ 0x20]) if x in b"#$}*" else bytes([x]) for x in data)
check("X-binary", c.cmd(b"X%x,8:" % addr + esc) == b"OK" and
      c.cmd(b"m%x,8" % addr) == data.hex().encode())
check("m-hole", c.cmd(b"m40000000,8").startswith(b"E"))
r = c.cmd(b"m%x,8000" % syms["_start"])
check("m-large-capped", 0 < len(r) <= 16384 and not r.startswith(b"E"), "%d" % len(r))

# Breakpoints: at most 16 distinct addresses; the 17th is refused.
rs = [c.cmd(b"Z0,%x,4" % (0x80002000 + 4 * i)) for i in range(17)]
check("z0-limit", all(x == b"OK" for x in rs[:16]) and rs[16].startswith(b"E"),
      repr(rs[15:]))
check("z0-same-again", c.cmd(b"Z0,80002000,4") == b"OK")
check("z1-same-address", c.cmd(b"Z1,80002000,4") == b"OK")
for i in range(17):
    c.cmd(b"z0,%x,4" % (0x80002000 + 4 * i))
c.cmd(b"z1,80002000,4")
ws = [c.cmd(b"Z2,%x,8" % (addr + 8 * i)) for i in range(17)]
check("z2-limit", all(x == b"OK" for x in ws[:16]) and ws[16].startswith(b"E"),
      repr(ws[15:]))
for i in range(17):
    c.cmd(b"z2,%x,8" % (addr + 8 * i))

# Malformed and unknown packets: an error or an empty reply, never more.
bad = [b"mzz,zz", b"m80000000", b"M80000000,4:zz", b"X80000000,10:ab",
       b"Z0,zz", b"Z9,80000000,4", b"Hgzz", b"Hg99", b"vCont;x", b"vCont;c:zz",
       b"p", b"pffffff", b"P1=12", b"P1", b"G123", b"T", b"qXfer:features:read:foo.xml:0,10",
       b"qXfer:features:read:target.xml:zz", b"c zz", b"Cxx", b"", b"H",
       b"qThreadExtraInfo,99", b"m" + b"f" * 40 + b",1"]
for p in bad:
    r = c.cmd(p)
    check("malformed-" + (p[:20].decode() or "empty").replace(" ", "_"),
          r == b"" or r.startswith(b"E"), r[:40].decode(errors="replace"))
check("unknown-packet", c.cmd(b"qNoSuchThing:1") == b"")
check("unknown-v-packet", c.cmd(b"vMustReplyEmpty") == b"")

# A bad checksum is answered '-' (and the packet dropped).
c.s.sendall(b"$g#00")
check("bad-checksum", c.ack() == b"-")
c.s.sendall(b"$g#zz")
check("bad-checksum-digits", c.ack() == b"-")
# A '-' from the client: the last packet again.
first = c.cmd(b"qC")
c.s.sendall(b"-")
check("retransmit", c.packet() == first, first.decode(errors="replace"))

# Beyond PacketSize: acknowledged, refused, and the stub goes on.
big = b"M80000000,4000:" + b"00" * 0x4000
c.s.sendall(frame(big))
a = c.ack()
r = c.packet()
check("oversized", a == b"+" and r.startswith(b"E"), r[:20].decode(errors="replace"))

# Garbage between packets, unterminated packets, random payloads with a
# wrong checksum: ignored or refused.
rnd = random.Random(14)
junk = bytes(rnd.choice(b"abcdefXYZ0123456789,:;+}{*#\n\r\x00\xff") for _ in range(20000))
c.s.sendall(junk)
for _ in range(50):
    payload = bytes(rnd.choice(b"gGmMXZzcsvqQHp0123456789abcdef,:;") for _ in range(rnd.randint(0, 40)))
    wrong = (sum(payload) + 1) & 0xff
    c.s.sendall(b"$" + payload + b"#%02x" % wrong)
time.sleep(0.5)
c.buf = b""
# Drain what the stub said (only '-'s).
c.s.setblocking(False)
try:
    while True:
        d = c.s.recv(65536)
        if not d:
            break
        c.buf += d
except BlockingIOError:
    pass
c.s.setblocking(True)
c.s.settimeout(10)
check("garbage-only-naks", set(c.buf) <= set(b"-"), repr(c.buf[:40]))
c.buf = b""
r = c.cmd(b"?")
check("alive-after-garbage", r.startswith(b"T05"), r.decode(errors="replace"))

# One debugger at a time: a second connection is closed at once.
d = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
d.connect(sock_path)
d.settimeout(5)
try:
    closed = d.recv(10) == b""
except OSError:
    closed = True
check("second-client-refused", closed)
d.close()
check("first-client-still-served", c.cmd(b"?").startswith(b"T05"))

# No-ack mode.
check("noack", c.cmd(b"QStartNoAckMode") == b"OK")
c.noack = True
c.s.sendall(frame(b"qAttached"))
r = c.packet()
check("noack-no-plus", r == b"1" and c.buf == b"", repr(c.buf))
cmd_noack = c.cmd

# Run, then Ctrl-C: hart 0 spins in main until `spin` is cleared.
cmd_noack(b"M%x,8:0100000000000000" % syms["spin"])
c.s.sendall(frame(b"vCont;c"))
time.sleep(0.5)
c.s.sendall(b"\x03")
r = c.packet()
check("ctrl-c", r.startswith(b"T02thread:"), r.decode(errors="replace"))
spins = le64(cmd_noack(b"m%x,8" % syms["spins"]).decode())
ticks = le64(cmd_noack(b"m%x,8" % syms["ticks"]).decode())
time.sleep(0.3)
ticks2 = le64(cmd_noack(b"m%x,8" % syms["ticks"]).decode())
check("ran-then-all-stopped", spins > 0 and ticks > 0 and ticks == ticks2,
      "spins %d ticks %d then %d" % (spins, ticks, ticks2))
# A step of hart 1 alone: hart 0 stays where it is.
pc0 = cmd_noack(b"g")[32 * 16:]
r = cmd_noack(b"vCont;s:2")
pc0b = (cmd_noack(b"Hg1"), cmd_noack(b"g")[32 * 16:])[1]
check("step-one-hart", r.startswith(b"T05thread:2;") and pc0 == pc0b,
      r.decode(errors="replace"))
# Breakpoint on add, continue: hart 0 stops there, reported as swbreak.
cmd_noack(b"M%x,8:0000000000000000" % syms["spin"])
cmd_noack(b"Z0,%x,4" % syms["add"])
r = cmd_noack(b"vCont;c")
pc = le64((cmd_noack(b"Hg1"), cmd_noack(b"g"))[1][32 * 16:33 * 16].decode())
check("breakpoint", r.startswith(b"T05thread:1;") and b"swbreak" in r and pc == syms["add"],
      "%s pc %x" % (r.decode(errors="replace"), pc))
# Resumed unchanged, it stops there again (before the instruction).
r = cmd_noack(b"vCont;c:1")
check("breakpoint-again", r.startswith(b"T05thread:1;swbreak"), r.decode(errors="replace"))
# Detach: the breakpoint goes, the program runs to its end.
check("detach", cmd_noack(b"D") == b"OK")
c.s.close()
