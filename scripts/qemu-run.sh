#!/usr/bin/env bash
# qemu-run.sh ISO [kvm=no] [vga=no]: `make qemu`.  Boots the ISO on q35
# with the serial console on this terminal (-serial mon:stdio: Ctrl-A X
# quits, Ctrl-A C is the monitor), build/harddrive.img as an AHCI disk when
# it exists, KVM only when the CPU has vmx/svm and /dev/kvm opens (kvm=no
# forces TCG), no window with vga=no, and an e1000 on QEMU's user
# network (the guest is 10.0.2.15 behind 10.0.2.2; host port 8080 goes
# to the guest's port 80, QEMU_HOSTFWD changes that).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/qemu-common.sh"
iso=$1; shift
kvm=""; vga=""
for a in "$@"; do
	case "$a" in
	kvm=*) kvm=${a#kvm=} ;;
	vga=*) vga=${a#vga=} ;;
	esac
done
args=(-machine q35 $(qemu_accel "$kvm") -m "${QEMU_MEM:-1G}" -serial mon:stdio
	-cdrom "$iso" -boot d)
if [ "$vga" = no ]; then
	args+=(-display none -vga none)
fi
args+=(-netdev "user,id=net0,${QEMU_HOSTFWD:-hostfwd=tcp::8080-:80}" -device e1000,netdev=net0)
hd=$(dirname "$iso")/harddrive.img
[ -f "$hd" ] && args+=(-drive "file=$hd,if=none,id=hd0,format=raw" -device ide-hd,drive=hd0,bus=ide.0)
echo "qemu: ${args[*]}"
exec "$QEMU" "${args[@]}"
