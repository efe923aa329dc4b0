#!/usr/bin/env bash
# qemu-fbcon-test.sh BUILD [bios|uefi|scroll|keys]: boots the ISO through
# GRUB, which sets up a framebuffer, and reads the screen back (QEMU's
# screendump, scripts/fbtext): the boot banner, the kernel log and
# init.rc's output must be on it as they are on the serial console.
# "scroll" first prints 100 lines more than fit; "keys" types a command on
# the PS/2 keyboard (QEMU's sendkey) and looks for its output on screen.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
B=${1:-build}
mode=${2:-bios}
case "$B" in /*) ;; *) B="$top/$B" ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# "scroll": 100 lines more than the screen holds go by first.
if [ "$mode" = scroll ]; then
	for i in $(seq 100); do echo "echo scroll line $i"; done >"$tmp/rc"
fi
printf 'echo on the screen: fbcon-ready\n' >>"$tmp/rc"
[ "$mode" = uefi ] && boot=uefi || boot=iso
at=fbcon-ready keys=
if [ "$mode" = keys ]; then
	# echo Typed-on-PS2 keys!  (then Enter)
	keys="e c h o spc shift-t y p e d minus o n minus shift-p shift-s 2 spc
	    k e y s shift-1 ret"
	at=Typed-on-PS2
fi
out=$(BUILD=$B QEMU_BOOT=$boot QEMU_SCREENDUMP="$tmp/screen.ppm" \
	QEMU_DUMP_AT=$at QEMU_KEYS="$keys" QEMU_KEYS_DONE=$at \
	"$top/scripts/qemu-test.sh" "$tmp/rc" 20 2>&1)
st=$?
fail() {
	echo "FAIL fbcon ($mode): $*"
	printf '%s\n' "$out" | tail -20 | sed 's/^/     | /'
	[ -f "$tmp/screen.txt" ] && sed 's/^/     screen| /' "$tmp/screen.txt" | head -40
	exit 1
}
[ $st -eq 0 ] || fail "the boot ended with status $st"
[ -s "$tmp/screen.ppm" ] || fail "no screendump"
"$B/host/fbtext" "$tmp/screen.ppm" >"$tmp/screen.txt" || fail "fbtext could not read the screendump"
if [ "$mode" = keys ]; then
	printf '%s\n' "$out" | grep -q '^Typed-on-PS2 keys!' || fail "the typed command did not run"
	grep -q '^Typed-on-PS2 keys!$' "$tmp/screen.txt" || fail "its output is not on the screen"
elif [ "$mode" = scroll ]; then
	# The newest lines, in order, right above the last one.
	grep -v '^$' "$tmp/screen.txt" | tail -4 >"$tmp/tail"
	printf 'scroll line 98\nscroll line 99\nscroll line 100\non the screen: fbcon-ready\n' |
	    cmp -s - "$tmp/tail" || fail "the screen does not end with the newest lines"
	grep -q '^scroll line 1$' "$tmp/screen.txt" && fail "the oldest lines did not scroll away"
else
	for want in '^Redox-C [0-9.]* \(x86_64\)' '^fbcon: [0-9]+x[0-9]+ framebuffer console' \
	    '^core: initfs' '^on the screen: fbcon-ready$'; do
		grep -Eq "$want" "$tmp/screen.txt" || fail "the screen lacks /$want/"
	done
fi
grep -q '?' "$tmp/screen.txt" && fail "cells on the screen that are no glyph"
if [ "$mode" = keys ]; then
	echo "ok   fbcon (keys): a command typed on the PS/2 keyboard ran, its output on the screen"
elif [ "$mode" = scroll ]; then
	echo "ok   fbcon (scroll): after 100 more lines than fit, the screen ends with the newest, in order"
else
	echo "ok   fbcon ($mode): the screen shows the banner, the log and init.rc's output ($(grep -c . "$tmp/screen.txt") lines)"
fi
