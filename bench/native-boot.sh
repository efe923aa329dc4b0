#!/usr/bin/env bash
# native-boot.sh BUILD: QEMU start to the end of boot under TCG, for our
# kernel next to a bare multiboot2 kernel (bench/bare-mb2.S) booted the
# same way in the same run, so the ratio does not depend on the machine.
#  - GRUB ISO (multiboot2, what `make qemu` boots): both kernels;
#  - QEMU -kernel (multiboot1, the system tests' path): ours.
# "End of boot" is the OS powering off at the end of the real boot: the
# initfs's init.rc (daemons, redoxfsd mounting a copy of
# build/harddrive.img over AHCI, the root's file:/etc/init.rc), then
# shutdown.  Without the image: init.rc's daemons, echo, shutdown.
# Best of 3 runs each.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
B=${1:-build}
case "$B" in /*) ;; *) B="$top/$B" ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gcc -m32 -c "$top/bench/bare-mb2.S" -o "$tmp/bare.o" &&
	ld -m elf_i386 -Ttext 0x100000 -e _start -o "$tmp/bare.elf" "$tmp/bare.o" || exit 1
disk=()
if [ -f "$B/harddrive.img" ]; then
	cp "$B/harddrive.img" "$tmp/hd.img"
	disk=(-drive "file=$tmp/hd.img,if=none,id=hd0,format=raw" -device ide-hd,drive=hd0,bus=ide.0)
	{ cat "$top/apps/init/initfs.rc"; echo shutdown; } >"$tmp/rc"
	what="root from disk (AHCI, redoxfsd), to shutdown"
else
	printf 'notify nulld\nnotify zerod\nnotify randd\necho booted\nshutdown\n' >"$tmp/rc"
	what="daemons, echo, shutdown (no build/harddrive.img)"
fi
"$top/scripts/mkiso.sh" "$tmp/ours.iso" "$B/kernel.elf" "$B/initfs.img" test "$tmp/rc" || exit 1
"$top/scripts/mkiso.sh" "$tmp/bare.iso" "$tmp/bare.elf" "$B/initfs.img" "" || exit 1

now() { date +%s.%N; }
best() {	# best of 3 wall-clock seconds of QEMU with these arguments
	local b=999 s e d
	for _ in 1 2 3; do
		s=$(now)
		timeout 120 qemu-system-x86_64 -machine q35 -accel tcg -cpu max -m 256M \
			-display none -serial null -monitor none -no-reboot \
			-device isa-debug-exit,iobase=0xf4,iosize=0x04 "${disk[@]}" "$@" </dev/null >/dev/null 2>&1
		e=$(now)
		d=$(awk -v a="$s" -v b="$e" 'BEGIN { printf "%.3f", b - a }')
		b=$(awk -v a="$b" -v d="$d" 'BEGIN { print (d < a ? d : a) }')
	done
	echo "$b"
}
ours_iso=$(best -cdrom "$tmp/ours.iso")
bare_iso=$(best -cdrom "$tmp/bare.iso")
ours_k=$(best -kernel "$B/kernel.elf" -append test -initrd "$B/initfs.img initfs,$tmp/rc rc")
awk -v o="$ours_iso" -v b="$bare_iso" -v k="$ours_k" -v w="$what" 'BEGIN {
	printf "native boot, QEMU start to power off (TCG, best of 3; %s):\n", w
	printf "  GRUB ISO (multiboot2): ours %.3f s, bare multiboot2 kernel %.3f s (ratio %.2f, our boot %+.3f s)\n", o, b, o / b, o - b
	printf "  QEMU -kernel (multiboot1): ours %.3f s\n", k
}'
