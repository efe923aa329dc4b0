#!/bin/sh
# netstack-tap against real Linux: a network namespace of our own with a
# TAP device (10.77.0.1 on the Linux side, the stack at 10.77.0.2).
# Linux pings the stack and downloads a file from its HTTP server with
# curl; the stack downloads from python3 -m http.server and pings Linux;
# an echo round trip; then the transfers again with 5% loss and 25%
# reordering both ways (netstack-tap -L/-R, and a netem qdisc too when
# the kernel has netem); DHCP and DNS against dnsmasq when installed.  SKIPs when not root or without /dev/net/tun.
# Usage: tap.sh BUILD_DIR
B=${1:-build}
TOOL=$B/host/netstack-tap
NS=rxnet$$
TAP=rxtap0
D=$(mktemp -d /tmp/netstack-tap.XXXXXX) || exit 1
PIDS=""
pass=0
fail=0

skip() {
	echo "test-net-tap: SKIP ($1)"
	rm -rf "$D"
	exit 0
}
[ "$(id -u)" = 0 ] || skip "not root"
[ -c /dev/net/tun ] || skip "no /dev/net/tun"
for c in ip ping curl python3 cmp; do
	command -v $c >/dev/null 2>&1 || skip "no $c (scripts/deps.sh installs it)"
done

cleanup() {
	for p in $PIDS; do kill "$p" 2>/dev/null; done
	for p in $PIDS; do wait "$p" 2>/dev/null; done
	ip netns del "$NS" 2>/dev/null
	rm -rf "$D"
}
trap cleanup EXIT INT TERM

T0=$(date +%s)
ok() {
	now=$(date +%s)
	echo "ok   $1 ($((now - T0)) s)"
	T0=$now
	pass=$((pass + 1))
}
no() { echo "FAIL $1"; fail=$((fail + 1)); T0=$(date +%s); }
inns() { ip netns exec "$NS" "$@"; }

ip netns add "$NS" || skip "cannot make a network namespace"
inns ip link set lo up
inns ip tuntap add dev $TAP mode tap || { no "make $TAP"; exit 1; }
inns ip addr add 10.77.0.1/24 dev $TAP
inns ip link set $TAP up
# 20 MB for the clean runs, 6 MB under loss (the stack's sender does
# not use the SACK blocks Linux sends, so each loss costs more).
head -c 20000000 /dev/urandom >"$D/big" || exit 1
head -c 6000000 /dev/urandom >"$D/mid" || exit 1

# serve NAME [OPTIONS]: starts the stack's servers, waits for "ready".
serve() {
	name=$1
	shift
	# Not through inns: $! must be the tool itself (ip netns exec
	# execs it) for unserve to stop it.
	ip netns exec "$NS" "$TOOL" -i $TAP -a 10.77.0.2/24 -g 10.77.0.1 \
	    -t 300 "$@" serve -e 7 -p 80 -r "$D" >"$D/serve-$name.log" 2>&1 &
	SERVER=$!
	PIDS="$PIDS $SERVER"
	for _ in $(seq 50); do
		grep -q ready "$D/serve-$name.log" && return 0
		sleep 0.1
	done
	no "$name: server did not start: $(cat "$D/serve-$name.log")"
	return 1
}

unserve() {
	kill "$SERVER" 2>/dev/null
	wait "$SERVER" 2>/dev/null
}

# fetch NAME FILE: Linux curl downloads the file from the stack.
fetch() {
	rm -f "$D/got"
	if inns curl -sS --max-time 120 -o "$D/got" "http://10.77.0.2/$2" &&
	    cmp -s "$D/$2" "$D/got"; then
		ok "$1: curl downloads $(($(wc -c <"$D/$2") / 1000000)) MB from the stack intact"
	else
		no "$1: curl download ($(tail -2 "$D/serve-$1.log"))"
	fi
}

# get NAME FILE [OPTIONS]: the stack downloads from python3 -m http.server.
get() {
	name=$1
	file=$2
	shift 2
	rm -f "$D/got"
	if inns "$TOOL" -i $TAP -a 10.77.0.2/24 -t 120 "$@" \
	    get 10.77.0.1 8000 "/$file" "$D/got" >"$D/get.log" 2>&1 &&
	    cmp -s "$D/$file" "$D/got"; then
		ok "$name: the stack downloads $(($(wc -c <"$D/$file") / 1000000)) MB from Linux intact"
	else
		no "$name: download from Linux: $(tail -2 "$D/get.log")"
	fi
}

serve clean && {
	if inns ping -c 3 -W 2 10.77.0.2 >"$D/ping.log" 2>&1 &&
	    grep -q "3 received" "$D/ping.log"; then
		ok "Linux ping gets replies from the stack"
	else
		no "Linux ping: $(tail -2 "$D/ping.log")"
	fi
	fetch clean big
	# 1 MB through the echo server and back.
	if inns python3 -c '
import socket, sys
data = open(sys.argv[1], "rb").read(1 << 20)
s = socket.create_connection(("10.77.0.2", 7), timeout=30)
got = b""
sent = 0
s.setblocking(True)
while sent < len(data):
    sent += s.send(data[sent:sent + 65536])
    s.settimeout(0.001)
    try:
        while True:
            b = s.recv(65536)
            if not b: break
            got += b
    except socket.timeout:
        pass
    s.settimeout(30)
s.shutdown(socket.SHUT_WR)
while True:
    b = s.recv(65536)
    if not b: break
    got += b
sys.exit(0 if got == data else 1)
' "$D/big"; then
		ok "1 MB through the stack's echo server comes back intact"
	else
		no "echo round trip"
	fi
	unserve
}

ip netns exec "$NS" python3 -m http.server 8000 --bind 10.77.0.1 --directory "$D" \
    >"$D/http.log" 2>&1 &
PIDS="$PIDS $!"
for _ in $(seq 100); do
	inns python3 -c 'import socket; socket.create_connection(("10.77.0.1", 8000), timeout=1)' \
	    2>/dev/null && break
	sleep 0.1
done
get clean big
if inns "$TOOL" -i $TAP -a 10.77.0.2/24 -t 20 ping 10.77.0.1 3 >"$D/ping.log" 2>&1; then
	ok "the stack's ping gets replies from Linux"
else
	no "the stack's ping: $(tail -2 "$D/ping.log")"
fi

serve lossy -L 50 -R 250 -s 1 && {
	fetch lossy mid
	unserve
}
get lossy big -L 50 -R 250 -s 2

# DHCP and DNS against dnsmasq on the link, when it is installed.
if command -v dnsmasq >/dev/null 2>&1; then
	ip netns exec "$NS" dnsmasq --keep-in-foreground --user=root \
	    --interface=$TAP --bind-interfaces --except-interface=lo \
	    --dhcp-range=10.77.0.50,10.77.0.60,1h --dhcp-option=3,10.77.0.1 \
	    --dhcp-option=6,10.77.0.1 --no-resolv --no-hosts \
	    --address=/host.test/10.77.0.1 --dhcp-leasefile="$D/leases" \
	    --pid-file="$D/dnsmasq.pid" >"$D/dnsmasq.log" 2>&1 &
	PIDS="$PIDS $!"
	sleep 0.5
	if inns "$TOOL" -i $TAP -D -t 30 resolve host.test >"$D/dhcp.log" 2>&1 &&
	    grep -Eq '^dhcp: 10\.77\.0\.(5[0-9]|60)$' "$D/dhcp.log" &&
	    grep -q '^10\.77\.0\.1$' "$D/dhcp.log"; then
		ok "a lease from dnsmasq, and host.test resolved by its DNS"
	else
		no "DHCP and DNS with dnsmasq: $(cat "$D/dhcp.log")"
	fi
	if inns "$TOOL" -i $TAP -D -t 30 resolve nosuch.test >"$D/dns.log" 2>&1; then
		no "nosuch.test resolved: $(cat "$D/dns.log")"
	else
		ok "nosuch.test does not resolve"
	fi
else
	echo "     (no dnsmasq: the DHCP and DNS runs are left out)"
fi

if inns tc qdisc add dev $TAP root netem delay 1ms loss 5% reorder 25% \
    2>/dev/null; then
	serve netem && {
		fetch netem mid
		unserve
	}
	get netem big
else
	echo "     (this kernel has no netem: the netem runs are left out)"
fi

echo "test-net-tap: $pass passed, $fail failed"
[ "$fail" = 0 ]
