#!/usr/bin/env bash
# qemu-test.sh RCFILE TIMEOUT: boots the native kernel with RCFILE as
# init.rc (the multiboot module "rc", as hosted --rc), prints the serial
# output and exits with the OS's status.  RCFILE "" boots with the
# initfs's own init.rc.
#
# The kernel runs with "test" on its command line, so hal_poweroff(status)
# writes status to QEMU's isa-debug-exit device, and QEMU exits with
# (status << 1) | 1.  Any other ending is not the OS's: a timeout is 124,
# QEMU quitting without the device (a triple fault with -no-reboot) 125.
#
# Fast path (default): QEMU -kernel loads kernel.elf through its multiboot1
# header, with the initfs and rc as modules - the same files the ISO has,
# without building an ISO per test.  QEMU_BOOT=iso boots through GRUB
# (multiboot2) from a per-run ISO instead; QEMU_BOOT=uefi does the same
# with OVMF's UEFI firmware instead of SeaBIOS.
#   BUILD (default build), QEMU_CPU (default max), QEMU_MEM (default 256M),
#   QEMU_DISK (a raw image attached as AHCI disk 0), KCMD (extra options),
#   QEMU_INPUT (bytes typed on the serial console once the banner is out;
#   an EOT follows, which the kernel under test takes as end of input),
#   QEMU_SCREENDUMP=FILE with QEMU_DUMP_AT=TEXT (when a serial line holds
#   TEXT, the screen is saved to FILE as PPM through QEMU's monitor; the
#   input waits until then), QEMU_KEYS="k1 k2 ..." with QEMU_KEYS_DONE=TEXT
#   (after the banner, the keys are pressed on the PS/2 keyboard with the
#   monitor's sendkey; the serial input waits until a line holds TEXT),
#   QEMU_REBOOT=1 (a reset restarts the machine: no -no-reboot),
#   QEMU_NET=tap:NAME (an e1000 on the existing TAP device NAME)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/qemu-common.sh"
rc=$1
t=${2:-20}
B=${BUILD:-build}
case "$B" in /*) ;; *) B="$top/$B" ;; esac
kernel=$B/kernel.elf
initfs=$B/initfs.img
[ -f "$kernel" ] || { echo "qemu-test: $kernel is not built"; exit 2; }
# TCG is slower than hosted: give the OS more time than the case asked for.
limit=$((t * 3 + 10))
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -n "$rc" ] && cp "$rc" "$tmp/rc"
args=(-machine q35 $(qemu_accel no) -m "${QEMU_MEM:-256M}" -display none
	-serial stdio -device isa-debug-exit,iobase=0xf4,iosize=0x04)
[ "${QEMU_REBOOT:-0}" = 1 ] || args+=(-no-reboot)
dump=${QEMU_SCREENDUMP:-}
keys=${QEMU_KEYS:-}
if [ -n "$dump" ] || [ -n "$keys" ]; then
	# The monitor on a pair of FIFOs: QEMU opens mon.in to read (ours
	# stays open for writing) and mon.out to write (a reader drains it).
	mkfifo "$tmp/mon.in" "$tmp/mon.out"
	exec 4<>"$tmp/mon.in"
	cat "$tmp/mon.out" >/dev/null &
	args+=(-monitor "pipe:$tmp/mon")
else
	args+=(-monitor none)
fi
case "${QEMU_NET:-}" in
tap:?*) args+=(-netdev "tap,id=n0,ifname=${QEMU_NET#tap:},script=no,downscript=no"
	-device e1000,netdev=n0) ;;
"") ;;
*) echo "qemu-test: QEMU_NET wants tap:NAME"; exit 2 ;;
esac
[ -n "${QEMU_DISK:-}" ] && args+=(-drive "file=$QEMU_DISK,if=none,id=d0,format=raw"
	-device ide-hd,drive=d0,bus=ide.0)
cmd="test${KCMD:+ $KCMD}"
if [ "${QEMU_BOOT:-kernel}" = iso ] || [ "${QEMU_BOOT:-kernel}" = uefi ]; then
	"$top/scripts/mkiso.sh" "$tmp/test.iso" "$kernel" "$initfs" "$cmd" ${rc:+"$tmp/rc"} >"$tmp/mkiso.log" 2>&1 ||
		{ cat "$tmp/mkiso.log"; echo "qemu-test: mkiso failed"; exit 2; }
	args+=(-cdrom "$tmp/test.iso")
	if [ "$QEMU_BOOT" = uefi ]; then
		fw=/usr/share/qemu/OVMF.fd
		[ -f "$fw" ] || fw=/usr/share/OVMF/OVMF_CODE.fd
		args+=(-bios "$fw")
		limit=$((limit + 30))	# the firmware alone takes seconds under TCG
	fi
else
	args+=(-kernel "$kernel" -append "$cmd" -initrd "$initfs initfs${rc:+,$tmp/rc rc}")
fi
# Console input goes in once the banner (or ktest's prompt) is out - the
# UART is ready then -
# followed by EOT: under "test" the kernel takes it as the end of input, as
# hosted sees the end of its stdin.
mkfifo "$tmp/in"
exec 3<>"$tmp/in"
timeout "$limit" "$QEMU" "${args[@]}" <"$tmp/in" 2>"$tmp/err" | {
	sent=0
	while IFS= read -r line; do
		line=${line%$'\r'}
		printf '%s\n' "$line"
		if [ -n "$dump" ] && [ $sent -eq 0 ] && [[ "$line" == *"$QEMU_DUMP_AT"* ]]; then
			printf 'screendump %s\n' "$dump" >&4
			# Done when the file is there and stops growing.
			last=-1
			for _ in $(seq 100); do
				sleep 0.1
				size=$(stat -c %s "$dump" 2>/dev/null || echo 0)
				[ "$size" -gt 0 ] && [ "$size" = "$last" ] && break
				last=$size
			done
			printf '%s\004' "${QEMU_INPUT:-}" >&3
			sent=1
		fi
		if [ -n "$keys" ] && [[ "$line" == Redox-C* ]]; then
			for k in $keys; do
				printf 'sendkey %s\n' "$k" >&4
				sleep 0.05
			done
		fi
		if [ -n "$keys" ] && [ $sent -eq 0 ] && [[ "$line" == *"$QEMU_KEYS_DONE"* ]]; then
			printf '%s\004' "${QEMU_INPUT:-}" >&3
			sent=1
		fi
		if [ -z "$dump$keys" ] && [ $sent -eq 0 ] &&
		    [[ "$line" == Redox-C* || "$line" == "kt input:"* ]]; then
			printf '%s\004' "${QEMU_INPUT:-}" >&3
			sent=1
		fi
	done
	[ -n "$line" ] && printf '%s' "$line"
}
e=${PIPESTATUS[0]}
exec 3>&-
if [ "$e" -eq 124 ]; then
	echo "qemu-test: no power off within ${limit}s"
	exit 124
fi
if [ $((e & 1)) -eq 1 ]; then
	exit $((e >> 1))
fi
cat "$tmp/err"
echo "qemu-test: QEMU ended (status $e) without the OS's exit status"
exit 125
