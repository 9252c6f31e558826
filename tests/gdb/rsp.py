"""A small client of GDB's remote protocol for the tests (tests/gdb):
packets framed and checked by hand, over a Unix socket."""
import socket
import subprocess


def symbols(nm, elf):
    """The program's symbols: name -> address."""
    syms = {}
    out = subprocess.run([nm, elf], capture_output=True, text=True).stdout
    for line in out.splitlines():
        f = line.split()
        if len(f) == 3:
            syms[f[2]] = int(f[0], 16)
    return syms


def frame(payload):
    return b"$" + payload + b"#" + b"%02x" % (sum(payload) & 0xff)


class Conn:
    def __init__(self, path):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.s.connect(path)
        self.s.settimeout(10)
        self.buf = b""
        self.noack = False

    def read(self, n=1):
        while len(self.buf) < n:
            d = self.s.recv(65536)
            if not d:
                raise EOFError("connection closed")
            self.buf += d
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def ack(self):
        """The next byte: '+' or '-'."""
        return self.read(1)

    def packet(self):
        """The next packet's payload (escapes undone, checksum checked)."""
        while self.read(1) != b"$":
            pass
        raw = b""
        while True:
            c = self.read(1)
            if c == b"#":
                break
            raw += c
        csum = int(self.read(2), 16)
        if csum != sum(raw) & 0xff:
            raise ValueError("bad checksum from the stub")
        if not self.noack:
            try:
                self.s.sendall(b"+")
            except (BrokenPipeError, ConnectionResetError):
                # The stub may be gone once its last reply is out (a
                # detached program that ran to its end): the reply stands.
                pass
        out, i = b"", 0
        while i < len(raw):
            if raw[i:i + 1] == b"}":
                out += bytes([raw[i + 1] ^ 0x20])
                i += 2
            else:
                out += raw[i:i + 1]
                i += 1
        return out

    def cmd(self, payload):
        self.s.sendall(frame(payload))
        if not self.noack:
            a = self.ack()
            if a != b"+":
                raise ValueError("no ack: %r" % a)
        return self.packet()

    def read_u64(self, addr):
        return le64(self.cmd(b"m%x,8" % addr).decode())

    def write_u64(self, addr, val):
        return self.cmd(b"M%x,8:%s" % (addr, val.to_bytes(8, "little").hex().encode()))


def le64(hexstr):
    return int.from_bytes(bytes.fromhex(hexstr), "little")
