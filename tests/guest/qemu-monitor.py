#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""qemu-monitor.py SOCKET COMMAND...

Runs each COMMAND on the QEMU human monitor listening on the unix SOCKET
(qemu -monitor unix:SOCKET,server=on,wait=off) and prints its output, each
block under a "(qemu) COMMAND" line.  Exits 1 when the monitor cannot be
reached or stops answering (10 s a command).
"""
import re
import socket
import sys

PROMPT = b"(qemu) "
ESCAPES = re.compile(rb"\x1b\[[0-9;]*[A-Za-z]")


def read_to_prompt(sock):
    data = b""
    while not data.endswith(PROMPT):
        chunk = sock.recv(65536)
        if not chunk:
            break
        data = ESCAPES.sub(b"", data + chunk)
    return data[:-len(PROMPT)] if data.endswith(PROMPT) else data


def main():
    if len(sys.argv) < 3:
        sys.stderr.write("usage: qemu-monitor.py SOCKET COMMAND...\n")
        return 2
    try:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(10)
        sock.connect(sys.argv[1])
        read_to_prompt(sock)
        for cmd in sys.argv[2:]:
            sock.sendall(cmd.encode() + b"\n")
            out = read_to_prompt(sock).decode(errors="replace")
            # The monitor echoes the command line first.
            lines = out.replace("\r", "").split("\n")
            if lines and lines[0].strip() == cmd:
                lines = lines[1:]
            print("(qemu) " + cmd)
            print("\n".join(lines).rstrip("\n"))
    except OSError as e:
        sys.stderr.write(f"qemu-monitor: {sys.argv[1]}: {e}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
