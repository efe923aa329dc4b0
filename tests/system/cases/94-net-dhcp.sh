# netstackd -d over a real NIC: a lease from dnsmasq (in a network
# namespace of this test's own, on a TAP), then the OS's tools resolve a
# name through dnsmasq's DNS and ping Linux by it.  Hosted (--net tap:)
# or QEMU (an e1000 on the TAP); needs root, /dev/net/tun, ip, dnsmasq.
if [ "$(id -u)" != 0 ] || [ ! -c /dev/net/tun ]; then
	echo "SKIP needs root and /dev/net/tun"
	exit 0
fi
for c in ip dnsmasq; do
	command -v $c >/dev/null || { echo "SKIP no $c"; exit 0; }
done
ns=rxdh$$
d=$(mktemp -d)
dm=
cleanup() {
	[ -n "$dm" ] && kill "$dm" 2>/dev/null
	wait 2>/dev/null
	ip netns del "$ns" 2>/dev/null
	rm -rf "$d"
}
trap cleanup EXIT
ip netns add "$ns" || _fail "ip netns add"
ip netns exec "$ns" ip link set lo up
ip netns exec "$ns" ip tuntap add dev rxdh0 mode tap || _fail "tuntap"
ip netns exec "$ns" sysctl -qw net.ipv6.conf.rxdh0.disable_ipv6=1
ip netns exec "$ns" ip addr add 10.77.3.1/24 dev rxdh0
ip netns exec "$ns" ip link set rxdh0 up
ip netns exec "$ns" dnsmasq --keep-in-foreground --user=root \
    --interface=rxdh0 --bind-interfaces --except-interface=lo \
    --dhcp-range=10.77.3.50,10.77.3.60,1h --dhcp-option=3,10.77.3.1 \
    --dhcp-option=6,10.77.3.1 --no-resolv --no-hosts \
    --address=/linux.test/10.77.3.1 --dhcp-leasefile="$d/leases" \
    --pid-file="$d/dnsmasq.pid" >"$d/dnsmasq.log" 2>&1 &
dm=$!
sleep 0.5
printf '%s\n' "notify netstackd -d" "net_tapcheck ping 10.77.3.1 1" "ifconfig" \
    "nslookup linux.test" \
    "ping -c 2 linux.test" >"$d/rc"
case "$BACKEND" in
hosted)
	OUT=$(ip netns exec "$ns" timeout 60 "$BUILD/redox-hosted" --no-disk \
	    --net tap:rxdh0 --rc "$d/rc" --timeout 40 </dev/null 2>&1)
	STATUS=$?
	;;
qemu)
	OUT=$(ip netns exec "$ns" env QEMU_NET=tap:rxdh0 BUILD="$BUILD" \
	    "$TOP/scripts/qemu-test.sh" "$d/rc" 40 </dev/null 2>&1)
	STATUS=$?
	;;
*) _fail "unknown backend $BACKEND" ;;
esac
expect '^	inet 10\.77\.3\.(5[0-9]|60)  netmask 255\.255\.255\.0$'
expect '^Address: 10\.77\.3\.1$'
expect '^2 packets transmitted, 2 received, 0% packet loss$'
expect_status 0
