#!/usr/bin/env bash
# bench/net_bench.sh BUILD - TCP throughput and UDP round trips: the OS
# (netstackd in redox-hosted --net tap:) against Linux over a TAP device,
# next to Linux against Linux over a veth pair, all in this run.
#
# Both ends run netbench (net/tools/netbench.c: the same source built
# for the OS and for Linux), which times a transfer at the receiver from
# the first byte to EOF, and 64-byte UDP echoes one at a time.  Then
# Linux's iperf3 client runs against the OS's iperf3-compatible server
# (net/tools/iperf.c) both ways, next to iperf3 over the veth, when
# iperf3 is installed (NET_BENCH_IPERF_SECS, default 5, per test).
# It makes its own namespaces and devices and removes them; without root
# or /dev/net/tun it says SKIP.  NET_BENCH_BYTES sets the transfer size
# (default 256 MiB), NET_BENCH_PINGS the echoes (default 2000).
# NET_BENCH_NETSTACKD adds netstackd options: -O measures without the
# TAP's offload (plain 1,514-byte frames through network:batch).
set -u
B=${1:-build}
BYTES=${NET_BENCH_BYTES:-268435456}
PINGS=${NET_BENCH_PINGS:-2000}
IPERF_SECS=${NET_BENCH_IPERF_SECS:-5}
if [ "$(id -u)" != 0 ] || [ ! -c /dev/net/tun ] || ! command -v ip >/dev/null; then
	echo "net bench: SKIP (needs root, /dev/net/tun and ip)"
	exit 0
fi
T=$(mktemp -d)
nv1=nbv1$$ nv2=nbv2$$ nt=nbt$$
pids=
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	ip netns del "$nv1" 2>/dev/null
	ip netns del "$nv2" 2>/dev/null
	ip netns del "$nt" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
NB=$B/host/netbench
# Every wait is bounded: a transfer that stalls ends the row, not the run.
LIMIT=$((BYTES / 2000000 + 60))

# Linux <-> Linux: two namespaces joined by a veth pair.
ip netns add "$nv1" && ip netns add "$nv2" || exit 1
ip link add nbva$$ netns "$nv1" type veth peer name nbvb$$ netns "$nv2" || exit 1
ip -n "$nv1" addr add 10.78.1.1/24 dev nbva$$
ip -n "$nv2" addr add 10.78.1.2/24 dev nbvb$$
ip -n "$nv1" link set nbva$$ up
ip -n "$nv2" link set nbvb$$ up
ip -n "$nv1" link set lo up
ip -n "$nv2" link set lo up

# linux_pair CMD: netbench recv in nv2, netbench send from nv1; the line.
linux_tcp() {
	timeout $LIMIT ip netns exec "$nv2" "$NB" recv -w 20 5001 >"$T/lr" 2>&1 &
	local p=$!
	for _ in $(seq 100); do grep -qs listening "$T/lr" && break; sleep 0.05; done
	timeout $LIMIT ip netns exec "$nv1" "$NB" send 10.78.1.2 5001 "$BYTES" >/dev/null 2>&1
	wait $p
	grep '^netbench: received' "$T/lr"
}
linux_udp() {
	timeout $LIMIT ip netns exec "$nv2" "$NB" echo -w 5 5002 "$PINGS" >"$T/le" 2>&1 &
	local p=$!
	for _ in $(seq 100); do grep -qs echoing "$T/le" && break; sleep 0.05; done
	timeout $LIMIT ip netns exec "$nv1" "$NB" ping 10.78.1.2 5002 "$PINGS" 2>&1
	wait $p
}
veth=$(linux_tcp)
veth_rtt=$(linux_udp | grep '^netbench: .* echoes')
# iperf3 -J's receiver figure in Mbit/s (the JSON on stdin).
iperf_mbit() {
	python3 -c 'import json, sys
try:
    print("%.1f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"] / 1e6))
except Exception:
    print(0)'
}
have_iperf=0
command -v iperf3 >/dev/null && command -v python3 >/dev/null && have_iperf=1
iperf=
if [ $have_iperf = 1 ]; then
	ip netns exec "$nv2" timeout 60 iperf3 -s -1 -B 10.78.1.2 >/dev/null 2>&1 &
	ip=$!
	sleep 0.3
	iperf=$(timeout 30 ip netns exec "$nv1" iperf3 -c 10.78.1.2 -t $IPERF_SECS -J 2>/dev/null |
	    iperf_mbit)
	wait $ip
fi

# The OS over TAP: Linux 10.78.2.1, the OS 10.78.2.2.
ip netns add "$nt" || exit 1
ip -n "$nt" link set lo up
ip netns exec "$nt" ip tuntap add dev nbtap0 mode tap || exit 1
ip netns exec "$nt" sysctl -qw net.ipv6.conf.nbtap0.disable_ipv6=1
ip -n "$nt" addr add 10.78.2.1/24 dev nbtap0
ip -n "$nt" link set nbtap0 up
timeout $LIMIT ip netns exec "$nt" "$NB" recv -w 20 5011 >"$T/tr" 2>&1 &
pids="$pids $!"
timeout $LIMIT ip netns exec "$nt" "$NB" echo -w 30 5012 "$PINGS" >"$T/te" 2>&1 &
pids="$pids $!"
printf '%s\n' "notify netstackd ${NET_BENCH_NETSTACKD:-} -a 10.78.2.2/24" \
    "netbench recv -w 20 5021" \
    "netbench send 10.78.2.1 5011 $BYTES" \
    "netbench ping 10.78.2.1 5012 $PINGS" \
    "netbench echo -w 20 5022 $PINGS" \
    "iperf -s -n 2" \
    "shutdown" >"$T/rc"
ip netns exec "$nt" "$B/redox-hosted" --no-disk --net tap:nbtap0 --rc "$T/rc" \
    --timeout $((LIMIT * 3)) </dev/null >"$T/os.log" 2>&1 &
os=$!
pids="$pids $os"
waitfor() { # PATTERN: the OS said it (bounded), or the OS is gone
	for _ in $(seq 600); do
		grep -q "$1" "$T/os.log" && return 0
		kill -0 $os 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}
if waitfor 'netbench: listening'; then
	timeout $LIMIT ip netns exec "$nt" "$NB" send 10.78.2.2 5021 "$BYTES" >/dev/null 2>&1
fi
if waitfor 'netbench: echoing'; then
	tap_rtt_lin=$(timeout $LIMIT ip netns exec "$nt" "$NB" ping 10.78.2.2 5022 "$PINGS" 2>&1 |
	    grep '^netbench: .* echoes')
fi
ip_to= ip_from=
if [ $have_iperf = 1 ] && waitfor 'iperf: listening'; then
	ip_to=$(timeout 60 ip netns exec "$nt" iperf3 -c 10.78.2.2 -t $IPERF_SECS -J 2>/dev/null |
	    iperf_mbit)
	ip_from=$(timeout 60 ip netns exec "$nt" iperf3 -c 10.78.2.2 -t $IPERF_SECS -R -J 2>/dev/null |
	    iperf_mbit)
elif [ $have_iperf = 1 ]; then
	echo "net bench: the OS's iperf did not start"
fi
wait $os
to_os=$(grep '^netbench: received' "$T/os.log")
from_os=$(grep '^netbench: received' "$T/tr")
tap_rtt_os=$(grep '^netbench: .* echoes' "$T/os.log")

mbit() { printf '%s\n' "$1" | sed -n 's/.*: \([0-9.]*\) Mbit\/s$/\1/p'; }
median() { printf '%s\n' "$1" | sed -n 's|.*rtt min/median/mean [0-9.]*/\([0-9.]*\)/.*|\1|p'; }

printf '\nnetwork, %s bytes per transfer, %s UDP echoes of 64 bytes (ours: netstackd in redox-hosted over TAP)\n' "$BYTES" "$PINGS"
printf '%-40s %12s %12s %8s  %s\n' "measurement" "ours" "Linux veth" "ratio" "goal"
row() { # label ours linux unit lower-is-better goal
	awk -v n="$1" -v o="$2" -v l="$3" -v u="$4" -v low="$5" -v g="$6" 'BEGIN {
		r = (o > 0 && l > 0) ? (low ? l / o : o / l) : 0
		printf "%-40s %7.1f %-4s %7.1f %-4s %7.2fx  %s\n", n, o, u, l, u, r, g }'
}
row "TCP Linux->OS (netbench)" "$(mbit "$to_os")" "$(mbit "$veth")" Mb/s 0 ">= 1000 Mb/s, >= 0.30x veth"
row "TCP OS->Linux (netbench)" "$(mbit "$from_os")" "$(mbit "$veth")" Mb/s 0 ">= 1000 Mb/s, >= 0.30x veth"
row "UDP 64 B rtt median, Linux pings" "$(median "$tap_rtt_lin")" "$(median "$veth_rtt")" us 1 "(ratio: Linux's / ours)"
row "UDP 64 B rtt median, OS pings" "$(median "$tap_rtt_os")" "$(median "$veth_rtt")" us 1 ""
if [ $have_iperf = 1 ]; then
	row "TCP Linux->OS (iperf3)" "${ip_to:-0}" "${iperf:-0}" Mb/s 0 ">= 1000 Mb/s, >= 0.30x veth"
	row "TCP OS->Linux (iperf3 -R)" "${ip_from:-0}" "${iperf:-0}" Mb/s 0 ">= 1000 Mb/s, >= 0.30x veth"
else
	echo "(no iperf3: its rows are left out; scripts/deps.sh installs it)"
fi
for v in to_os from_os tap_rtt_lin tap_rtt_os; do
	[ -n "${!v:-}" ] || { echo "net bench: no figure for $v; the OS said:"; tail -20 "$T/os.log"; exit 1; }
done
exit 0
