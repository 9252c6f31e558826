#!/usr/bin/env python3
"""A small QMP client for the tests: JSON over a Unix socket, as any QMP
user would write it with python3's standard library alone.

As a program: qmpclient.py SOCKET COMMAND[=JSON-ARGS]... connects (waiting
up to 30 s for the socket), negotiates, runs each command in order and
prints each reply and event as one line of JSON."""
import json
import os
import socket
import sys
import time


class QMP:
    def __init__(self, path, timeout=30.0):
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(path)
                break
            except OSError:
                self.sock.close()
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.002)
        self.sock.settimeout(timeout)
        self.buf = b""
        self.events = []
        self.greeting = self.recv()

    def recv(self):
        while b"\n" not in self.buf:
            data = self.sock.recv(65536)
            if not data:
                raise EOFError("QMP connection closed")
            self.buf += data
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def send_raw(self, data):
        self.sock.sendall(data)

    def reply(self):
        """The next reply; events met on the way are kept in .events."""
        while True:
            msg = self.recv()
            if "event" in msg:
                self.events.append(msg)
            else:
                return msg

    def cmd(self, name, args=None, id=None):
        req = {"execute": name}
        if args is not None:
            req["arguments"] = args
        if id is not None:
            req["id"] = id
        self.send_raw(json.dumps(req).encode() + b"\n")
        return self.reply()

    def negotiate(self):
        return self.cmd("qmp_capabilities")

    def wait_event(self, name, timeout=30.0):
        for e in self.events:
            if e["event"] == name:
                return e
        self.sock.settimeout(timeout)
        while True:
            msg = self.recv()
            if "event" in msg:
                self.events.append(msg)
                if msg["event"] == name:
                    return msg

    def close(self):
        self.sock.close()


def main(argv):
    q = QMP(argv[1])
    print(json.dumps(q.greeting), flush=True)
    print(json.dumps(q.negotiate()), flush=True)
    for a in argv[2:]:
        name, _, args = a.partition("=")
        r = q.cmd(name, json.loads(args) if args else None)
        for e in q.events:
            print(json.dumps(e), flush=True)
        q.events = []
        print(json.dumps(r), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
