# ethernet: over a real NIC (redox-hosted --net tap:, or QEMU's e1000 on
# the TAP) in a network namespace of this test's own: the OS opens
# ethernet:88b5 (an experimental ethertype) and broadcasts a frame;
# Linux, on an AF_PACKET socket bound to the TAP, must see it with the
# OS's MAC as source, and answers with a frame of the same type to that
# MAC, which the OS must read whole.  Then 40 frames go back and forth
# one at a time, 20 ms apart, within 4 s in all: a frame the daemon
# hears of only at its idle timer takes up to half a second.  Needs root, /dev/net/tun, ip,
# python3.
if [ "$(id -u)" != 0 ] || [ ! -c /dev/net/tun ]; then
	echo "SKIP needs root and /dev/net/tun"
	exit 0
fi
for c in ip python3; do
	command -v $c >/dev/null || { echo "SKIP no $c"; exit 0; }
done
ns=rxeth$$
d=$(mktemp -d)
os= py=
cleanup() {
	[ -n "$os" ] && kill "$os" 2>/dev/null
	[ -n "$py" ] && kill "$py" 2>/dev/null
	wait 2>/dev/null
	ip netns del "$ns" 2>/dev/null
	rm -rf "$d"
}
trap cleanup EXIT
ip netns add "$ns" || _fail "ip netns add"
ip netns exec "$ns" ip tuntap add dev rxeth0 mode tap || _fail "tuntap"
ip netns exec "$ns" sysctl -qw net.ipv6.conf.rxeth0.disable_ipv6=1
ip netns exec "$ns" ip link set rxeth0 up
# Linux's side: wait (30 s at most) for the OS's frame, answer it, then
# time 40 round trips.
ip netns exec "$ns" timeout 60 python3 -c '
import socket, struct, sys, time
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x88b5))
s.bind(("rxeth0", 0))
s.settimeout(1)
print("linux: listening"); sys.stdout.flush()
me = s.getsockname()[4]
end = time.time() + 30
while time.time() < end:
    try:
        f = s.recv(2048)
    except socket.timeout:
        continue
    if f[12:14] == b"\x88\xb5" and f[14:27] == b"redox-eth-out":
        print("linux: got redox-eth-out from %s to %s" % (f[6:12].hex(":"), f[0:6].hex(":")))
        print("linux: tap is %s" % me.hex(":"))
        sys.stdout.flush()
        s.send(f[6:12] + me + b"\x88\xb5" + b"linux-eth-in\n" + bytes(33))
        break
else:
    print("linux: no frame from the OS")
    sys.exit(1)
# 40 round trips, each waiting for its echo, 20 ms apart so the OS
# waits in poll: a frame the daemon hears of only at its idle timer
# (500 ms) makes them slow.
os_mac = f[6:12]
t0 = time.time()
for i in range(40):
    time.sleep(0.02)	# the OS is asleep in poll by now
    s.send(os_mac + me + b"\x88\xb5" + b"ping %02d\n" % i + bytes(38))
    end = time.time() + 3
    while time.time() < end:
        try:
            g = s.recv(2048)
        except socket.timeout:
            continue
        if g[14:21] == b"ping %02d" % i and g[0:6] == me:
            break
    else:
        print("linux: echo %d lost" % i)
        sys.exit(1)
print("linux: 40 echoes in %.3f s" % (time.time() - t0))
sys.exit(0)' >"$d/py.log" 2>&1 &
py=$!
for _ in $(seq 50); do grep -q listening "$d/py.log" && break; sleep 0.1; done
printf '%s\n' "notify netstackd -a 10.77.6.2/24" "net_sockopt ether" >"$d/rc"
case "$BACKEND" in
hosted)
	ip netns exec "$ns" "$BUILD/redox-hosted" --no-disk --net tap:rxeth0 \
	    --rc "$d/rc" --timeout 60 </dev/null >"$d/os.log" 2>&1 &
	;;
qemu)
	ip netns exec "$ns" env QEMU_NET=tap:rxeth0 BUILD="$BUILD" \
	    "$TOP/scripts/qemu-test.sh" "$d/rc" 60 </dev/null >"$d/os.log" 2>&1 &
	;;
*) _fail "unknown backend $BACKEND" ;;
esac
os=$!
wait "$py"
pystatus=$?
py=
wait "$os"
STATUS=$?
os=
OUT=$(cat "$d/os.log" "$d/py.log")
[ $pystatus = 0 ] || _fail "Linux saw no frame from the OS"
osmac=$(sed -n 's/^linux: got redox-eth-out from \([0-9a-f:]*\) to ff:ff:ff:ff:ff:ff$/\1/p' "$d/py.log")
tapmac=$(sed -n 's/^linux: tap is \([0-9a-f:]*\)$/\1/p' "$d/py.log")
[ -n "$osmac" ] && [ "$osmac" != 00:00:00:00:00:00 ] || _fail "the OS's frame had no source MAC"
expect '^net_sockopt: ether sent$'
expect "^net_sockopt: ether got linux-eth-in from $tapmac\$"
expect '^net_sockopt: ether echoed 40$'
secs=$(sed -n 's/^linux: 40 echoes in \([0-9.]*\) s$/\1/p' "$d/py.log")
[ -n "$secs" ] && awk -v s="$secs" 'BEGIN { exit !(s < 4) }' ||
	_fail "40 ethernet round trips took ${secs:-ever} s (at most 4)"
expect_status 0
