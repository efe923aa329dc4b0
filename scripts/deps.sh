#!/bin/sh
# Install the Debian packages the build and the tests need, if missing.
# Called by `make run`, `make test` and `make bench`; safe to run again.
set -e
PKGS="build-essential pkg-config check libfuse3-dev fuse3 xz-utils
      qemu-system-x86 qemu-utils grub-pc-bin grub-efi-amd64-bin grub-common
      xorriso mtools ovmf e2fsprogs fuse2fs tmux clang llvm libpcap-dev iproute2
      dpkg-dev tcl8.6 lua5.4 sqlite3 lz4 iputils-ping dnsmasq-base iperf3"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || true
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
