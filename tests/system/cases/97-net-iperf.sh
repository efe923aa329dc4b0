# net/tools/iperf, the iperf3-compatible server, against Linux's own
# iperf3 client over TAP (or QEMU's e1000 on the TAP) in a network
# namespace of this test's own: a 2-second test each way (-R: the OS
# sends).  iperf3 must finish without error, and the byte counts the OS
# prints must be the ones iperf3 reports for the OS's side (its results
# JSON went across).  Needs root, /dev/net/tun, ip, iperf3 (scripts/deps.sh).
if [ "$(id -u)" != 0 ] || [ ! -c /dev/net/tun ]; then
	echo "SKIP needs root and /dev/net/tun"
	exit 0
fi
for c in ip iperf3 python3; do
	command -v $c >/dev/null || { echo "SKIP no $c"; exit 0; }
done
ns=rxip$$
d=$(mktemp -d)
os=
cleanup() {
	[ -n "$os" ] && kill "$os" 2>/dev/null
	wait 2>/dev/null
	ip netns del "$ns" 2>/dev/null
	rm -rf "$d"
}
trap cleanup EXIT
ip netns add "$ns" || _fail "ip netns add"
ip netns exec "$ns" ip link set lo up
ip netns exec "$ns" ip tuntap add dev rxip0 mode tap || _fail "tuntap"
ip netns exec "$ns" sysctl -qw net.ipv6.conf.rxip0.disable_ipv6=1
ip netns exec "$ns" ip addr add 10.77.7.1/24 dev rxip0
ip netns exec "$ns" ip link set rxip0 up
printf '%s\n' "notify netstackd -a 10.77.7.2/24" "iperf -s -n 2" >"$d/rc"
case "$BACKEND" in
hosted)
	ip netns exec "$ns" "$BUILD/redox-hosted" --no-disk --net tap:rxip0 \
	    --rc "$d/rc" --timeout 90 </dev/null >"$d/os.log" 2>&1 &
	;;
qemu)
	ip netns exec "$ns" env QEMU_NET=tap:rxip0 BUILD="$BUILD" \
	    "$TOP/scripts/qemu-test.sh" "$d/rc" 90 </dev/null >"$d/os.log" 2>&1 &
	;;
*) _fail "unknown backend $BACKEND" ;;
esac
os=$!
for _ in $(seq 600); do
	grep -q "iperf: listening" "$d/os.log" && break
	kill -0 "$os" 2>/dev/null || break
	sleep 0.1
done
ip netns exec "$ns" timeout 40 iperf3 -c 10.77.7.2 -t 2 -J >"$d/to.json" 2>&1
to=$?
ip netns exec "$ns" timeout 40 iperf3 -c 10.77.7.2 -t 2 -R -J >"$d/from.json" 2>&1
from=$?
wait "$os"
STATUS=$?
os=
OUT=$(cat "$d/os.log")
[ $to = 0 ] || _fail "iperf3 to the OS failed: $(tail -5 "$d/to.json")"
[ $from = 0 ] || _fail "iperf3 -R from the OS failed: $(tail -5 "$d/from.json")"
# The OS's side of each test: the receiver's bytes going to it, the
# sender's coming from it.
got=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["end"]["sum_received"]["bytes"])' "$d/to.json")
sent=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["end"]["sum_sent"]["bytes"])' "$d/from.json")
expect "^iperf: received $got bytes in "
expect "^iperf: sent $sent bytes in "
[ "${got:-0}" -gt 1000000 ] && [ "${sent:-0}" -gt 1000000 ] ||
	_fail "too little moved: $got bytes to the OS, $sent from it"
expect_status 0
