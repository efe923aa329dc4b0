#!/bin/sh
# mkiso.sh OUT.iso KERNEL INITFS "CMDLINE" [RCFILE]: a GRUB rescue ISO that
# boots on BIOS and UEFI, loads KERNEL with multiboot2 and the initfs (and
# optionally an init.rc) as modules named "initfs" and "rc".
set -eu
out=$1 kernel=$2 initfs=$3 cmd=$4 rc=${5:-}
dir=$(mktemp -d)
log=$(mktemp)
trap 'rm -rf "$dir" "$log"' EXIT
mkdir -p "$dir/boot/grub"
cp "$kernel" "$dir/boot/kernel.elf"
cp "$initfs" "$dir/boot/initfs.img"
{
	echo "set timeout=0"
	# Video drivers for the framebuffer the kernel asks for (its screen
	# console): VBE under BIOS, GOP under UEFI.
	echo "insmod all_video"
	echo "serial --unit=0 --speed=115200"
	echo "terminal_input console serial"
	echo "terminal_output console serial"
	echo "menuentry \"Redox-C\" {"
	echo "	multiboot2 /boot/kernel.elf $cmd"
	echo "	module2 /boot/initfs.img initfs"
	if [ -n "$rc" ]; then
		cp "$rc" "$dir/boot/init.rc"
		echo "	module2 /boot/init.rc rc"
	fi
	echo "	boot"
	echo "}"
} >"$dir/boot/grub/grub.cfg"
grub-mkrescue -o "$out" "$dir" >"$log" 2>&1 || { cat "$log"; exit 1; }
