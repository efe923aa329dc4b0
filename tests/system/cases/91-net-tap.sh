# netstackd over a real NIC: redox-hosted --net tap: in a network
# namespace of this test's own (10.77.2.1 Linux, 10.77.2.2 the OS).
# The OS pings Linux and downloads 4 MB from python3 -m http.server (its
# FNV-1a hash must match the file's); Linux pings the OS and downloads
# 6 MB from the OS's server with curl (the bytes must match the
# pattern).  Hosted (--net tap:) or QEMU (an e1000 on the TAP); needs
# root, /dev/net/tun, ip, curl, python3.
if [ "$(id -u)" != 0 ] || [ ! -c /dev/net/tun ]; then
	echo "SKIP needs root and /dev/net/tun"
	exit 0
fi
for c in ip curl python3 ping; do
	command -v $c >/dev/null || { echo "SKIP no $c"; exit 0; }
done
ns=rxos$$
d=$(mktemp -d)
os= http=
cleanup() {
	[ -n "$os" ] && kill "$os" 2>/dev/null
	[ -n "$http" ] && kill "$http" 2>/dev/null
	wait 2>/dev/null
	ip netns del "$ns" 2>/dev/null
	rm -rf "$d"
}
trap cleanup EXIT
ip netns add "$ns" || _fail "ip netns add"
ip netns exec "$ns" ip link set lo up
ip netns exec "$ns" ip tuntap add dev rxos0 mode tap || _fail "tuntap"
# No IPv6 chatter on the link: the test's traffic is all there is.
ip netns exec "$ns" sysctl -qw net.ipv6.conf.rxos0.disable_ipv6=1
ip netns exec "$ns" ip addr add 10.77.2.1/24 dev rxos0
ip netns exec "$ns" ip link set rxos0 up
head -c 4000000 /dev/urandom >"$d/big"
want=$(python3 -c '
import sys
h = 0xcbf29ce484222325
for b in open(sys.argv[1], "rb").read():
    h = ((h ^ b) * 0x100000001b3) & 0xffffffffffffffff
print("%016x" % h)' "$d/big")
ip netns exec "$ns" python3 -u -m http.server 8000 --bind 10.77.2.1 \
    --directory "$d" >"$d/http.log" 2>&1 &
http=$!
for _ in $(seq 100); do
	grep -q Serving "$d/http.log" && break
	sleep 0.1
done
printf '%s\n' "notify netstackd -a 10.77.2.2/24 -g 10.77.2.1" \
    "net_tapcheck ping 10.77.2.1 3" \
    "net_tapcheck get 10.77.2.1 8000 /big" \
    "net_tapcheck serve 8080 6000000" >"$d/rc"
case "$BACKEND" in
hosted)
	ip netns exec "$ns" "$BUILD/redox-hosted" --no-disk --net tap:rxos0 \
	    --rc "$d/rc" --timeout 90 </dev/null >"$d/os.log" 2>&1 &
	;;
qemu)
	ip netns exec "$ns" env QEMU_NET=tap:rxos0 BUILD="$BUILD" \
	    "$TOP/scripts/qemu-test.sh" "$d/rc" 90 </dev/null >"$d/os.log" 2>&1 &
	;;
*) _fail "unknown backend $BACKEND" ;;
esac
os=$!
for _ in $(seq 3000); do
	grep -q "net_tapcheck: serving" "$d/os.log" && break
	kill -0 "$os" 2>/dev/null || break
	sleep 0.1
done
ip netns exec "$ns" ping -c 3 -W 2 10.77.2.2 >"$d/ping.log" 2>&1
ip netns exec "$ns" curl -sS --max-time 60 -o "$d/got" http://10.77.2.2:8080/x \
    >"$d/curl.log" 2>&1
wait "$os"
STATUS=$?
os=
OUT=$(cat "$d/os.log" "$d/ping.log" "$d/curl.log")
expect '^net_tapcheck: 3 of 3 pings answered$'
expect "^net_tapcheck: got 4000000 bytes, fnv $want\$"
expect '^net_tapcheck: served 6000000 bytes$'
expect ' 3 received'
python3 -c '
import sys
d = open(sys.argv[1], "rb").read()
want = bytes((i * 131 + (i >> 9)) & 255 for i in range(6000000))
sys.exit(0 if d == want else 1)' "$d/got" || _fail "curl's download does not match"
expect_status 0
