#!/usr/bin/env bash
# qemu-ktest.sh BUILD CPU: boots kernel.elf with "ktest" under TCG with
# -cpu CPU; the in-kernel HAL tests (hal/x86_64/ktest.c) print one line per
# check and power off with the number of failures.  An AHCI scratch disk
# is attached so the block driver is tested too.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
B=${1:-build}
cpu=${2:-max}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: >"$tmp/rc"
# A 1 MiB disk whose sector n starts with "sector n\n" (space padded).
awk 'BEGIN { pad = sprintf("%512s", ""); for (n = 0; n < 2048; n++) {
	s = "sector " n "\n"; printf "%s%s", s, substr(pad, 1, 512 - length(s)) } }' >"$tmp/disk.img"
start=$(date +%s.%N)
out=$(BUILD=$B QEMU_CPU=$cpu KCMD="ktest ktest-input" QEMU_INPUT=ping QEMU_DISK="$tmp/disk.img" \
	"$top/scripts/qemu-test.sh" "$tmp/rc" 20 2>&1)
st=$?
end=$(date +%s.%N)
summary=$(printf '%s\n' "$out" | grep '^ktest:' | tail -1)
if [ $st -ne 0 ] || [ -z "$summary" ]; then
	printf '%s\n' "$out" | tail -40
	echo "ktest (-cpu $cpu): FAILED (status $st)"
	exit 1
fi
# A kernel fault prints registers and a backtrace, then (under test) exits 70.
if [ "$cpu" = max ]; then
	fo=$(BUILD=$B KCMD=kfault "$top/scripts/qemu-test.sh" "$tmp/rc" 10 2>&1)
	fs=$?
	if [ $fs -ne 70 ] || ! printf '%s\n' "$fo" | grep -q '^KERNEL FAULT: page fault' ||
	    ! printf '%s\n' "$fo" | grep -q '^backtrace'; then
		printf '%s\n' "$fo" | tail -20
		echo "kfault: FAILED (status $fs)"
		exit 1
	fi
	echo "kfault: a kernel page fault prints registers and a backtrace (status 70)"
	# Without "test", hal_poweroff goes through ACPI S5: QEMU itself exits 0.
	echo shutdown >"$tmp/rc-off"
	as=$(date +%s.%N)
	timeout 60 qemu-system-x86_64 -machine q35 -accel tcg -cpu max -m 256M -display none \
		-serial null -monitor none -no-reboot -kernel "$B/kernel.elf" \
		-initrd "$B/initfs.img initfs,$tmp/rc-off rc" </dev/null >/dev/null 2>&1
	ae=$?
	if [ $ae -ne 0 ]; then
		echo "acpi: FAILED: QEMU ended with $ae, not by an ACPI power off"
		exit 1
	fi
	printf 'acpi: power off through FADT PM1a and \\_S5 ends QEMU [%.2fs]\n' \
		"$(awk -v a="$as" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')"
fi
printf 'ktest (-cpu %s, TCG): %s [%.2fs]\n' "$cpu" "${summary#ktest: }" \
	"$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')"
