# network: over a real Linux TAP device (hosted) or an e1000 on it (QEMU):
# kt_net sends a frame, tests/system/net-peer.py answers it from the
# Linux side, and kt_net checks the answer, EAGAIN, event: readiness,
# EBUSY for a second holder and EACCES for a user.  Needs root and
# /dev/net/tun (a private TAP, removed afterwards).
if [ "$(id -u)" != 0 ] || [ ! -c /dev/net/tun ] || ! command -v ip >/dev/null; then
	echo "SKIP needs root, /dev/net/tun and ip(8)"
	exit 0
fi
tap=rdx$$
ip tuntap add dev "$tap" mode tap || _fail "ip tuntap add $tap"
peer=
log=$(mktemp)
trap 'kill $peer 2>/dev/null; ip link del "$tap" 2>/dev/null; rm -f "$log"' EXIT
ip link set "$tap" up
# Linux's own chatter on a fresh link (IPv6) is harmless: kt_net skips it.
python3 "$TOP/tests/system/net-peer.py" "$tap" 120 >"$log" 2>&1 &
peer=$!
for _ in $(seq 300); do grep -q ready "$log" 2>/dev/null && break; sleep 0.1; done
NET=tap:$tap boot_rc "kt_net" 60
kill $peer 2>/dev/null
expect '^kt_net: mac ([0-9a-f]{2}:){5}[0-9a-f]{2}$'
expect '^kt_net: all [0-9]+ checks passed$'
expect_status 0

# Hosted also reaches a real interface through libpcap: one end of a
# private veth pair, the peer on the other end.
[ "$BACKEND" = hosted ] || exit 0
va=rdxa$$ vb=rdxb$$
ip link add "$va" type veth peer name "$vb" || _fail "ip link add veth"
trap 'kill $peer 2>/dev/null; ip link del "$tap" 2>/dev/null; ip link del "$va" 2>/dev/null; rm -f "$log"' EXIT
ip link set "$va" up
ip link set "$vb" up
: >"$log"
python3 "$TOP/tests/system/net-peer.py" "$vb" 120 >"$log" 2>&1 &
peer=$!
for _ in $(seq 300); do grep -q ready "$log" 2>/dev/null && break; sleep 0.1; done
NET=pcap:$va boot_rc "kt_net" 60
kill $peer 2>/dev/null
expect '^kt_net: all [0-9]+ checks passed$'
expect_status 0
