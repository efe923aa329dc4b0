#!/usr/bin/env python3
"""net-peer.py IFACE SECONDS: the Linux end of a TAP for kt_net.

Answers every frame of EtherType 0x88b5 on IFACE with a frame back to its
sender whose payload is "hello from linux: " + the payload received.
Exits after SECONDS, printing how many it answered."""
import select, socket, sys, time

iface, secs = sys.argv[1], float(sys.argv[2])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x88b5))
s.bind((iface, 0x88b5))
mine = s.getsockname()[4][:6] if len(s.getsockname()) > 4 else b"\x02\0\0\0\0\x01"
print("net-peer: ready", flush=True)
answered, end = 0, time.monotonic() + secs
while time.monotonic() < end:
    r, _, _ = select.select([s], [], [], 0.2)
    if not r:
        continue
    try:
        f, addr = s.recvfrom(2048)
    except OSError:     # the link went away: the test is over
        break
    if addr[2] == socket.PACKET_OUTGOING or len(f) < 14 or f[12:14] != b"\x88\xb5":
        continue
    s.send(f[6:12] + mine + b"\x88\xb5" + b"hello from linux: " + f[14:].rstrip(b"\0"))
    answered += 1
print("net-peer: answered %d" % answered, flush=True)
