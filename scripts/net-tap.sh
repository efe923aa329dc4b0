#!/usr/bin/env bash
# net-tap.sh up|down [NAME] [--dhcp] - a TAP device for `redox-hosted --net
# tap:NAME` (default NAME redox0), so a newcomer tries networking with one
# command:
#   sudo scripts/net-tap.sh up          # redox0, Linux side 10.0.2.2/24,
#                                       # owned by you (no sudo to boot)
#   ./redox-hosted --net tap:redox0     # the OS is 10.0.2.15 (/etc/net)
#   sudo scripts/net-tap.sh up --dhcp   # the same, and dnsmasq serves
#                                       # DHCP and DNS (10.0.2.3) on it
#   sudo scripts/net-tap.sh down
# The addresses are QEMU's user-network ones, so the same /etc/net works
# under `make qemu`.
set -eu
cmd=${1:-}; shift || true
name=redox0 dhcp=0
for a in "$@"; do
	case "$a" in
	--dhcp) dhcp=1 ;;
	-*) echo "net-tap: unknown option $a" >&2; exit 2 ;;
	*) name=$a ;;
	esac
done
pidfile=/run/redox-net-$name.dnsmasq.pid
case "$cmd" in
up)
	owner=${SUDO_USER:-$(id -un)}
	ip tuntap add dev "$name" mode tap user "$owner"
	ip addr add 10.0.2.2/24 dev "$name"
	ip addr add 10.0.2.3/24 dev "$name"	# the DNS server, as QEMU's
	ip link set "$name" up
	if [ $dhcp = 1 ]; then
		if ! command -v dnsmasq >/dev/null; then
			echo "net-tap: no dnsmasq (apt-get install dnsmasq-base); static addresses only" >&2
		else
			dnsmasq --interface="$name" --bind-interfaces --except-interface=lo \
			    --dhcp-range=10.0.2.15,10.0.2.99,1h --dhcp-option=3,10.0.2.2 \
			    --dhcp-option=6,10.0.2.2 --no-resolv --no-hosts \
			    --address=/host.redox/10.0.2.2 --pid-file="$pidfile"
		fi
	fi
	echo "net-tap: $name is up (Linux 10.0.2.2/24, owned by $owner); boot with: ./redox-hosted --net tap:$name"
	;;
down)
	[ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null && rm -f "$pidfile"
	ip link del "$name"
	echo "net-tap: $name removed"
	;;
*)
	echo "usage: net-tap.sh up|down [NAME] [--dhcp]" >&2
	exit 2
	;;
esac
