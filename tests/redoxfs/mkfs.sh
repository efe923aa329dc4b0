#!/bin/sh
# redoxfs-mkfs: fresh images check clean and mount; sizes, a bootloader
# prefix, and clear errors.  Usage: mkfs.sh BUILD_DIR
B=${1:-build}
MKFS=$B/host/redoxfs-mkfs
FSCK=$B/host/redoxfs-fsck
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
expect() {	# expect STATUS PATTERN -- command...
	want=$1 pat=$2; shift 3
	"$@" >"$T/out" 2>&1; st=$?
	if [ "$st" -ne "$want" ] || ! grep -q -- "$pat" "$T/out"; then
		echo "FAIL: $* -> exit $st (want $want, /$pat/)"; sed 's/^/  | /' "$T/out"
		fail=1
	else
		echo "ok   $* -> $st: $(grep -m1 -- "$pat" "$T/out")"
	fi
}
expect 0 "usage" -- "$MKFS" --help
expect 1 "usage" -- "$MKFS"
expect 1 "give a SIZE" -- "$MKFS" "$T/none.img"
expect 1 "bad size" -- "$MKFS" "$T/x.img" 12Q
expect 1 "too small" -- "$MKFS" "$T/tiny.img" 512K
expect 0 "16384 blocks" -- "$MKFS" "$T/a.img" 64M
expect 0 "clean: 1 nodes" -- "$FSCK" "$T/a.img"
# Without SIZE the file's own size is used.
expect 0 "2048 blocks" -- "$MKFS" "$T/a.img" 8M
expect 0 "2048 blocks" -- "$MKFS" "$T/a.img"
expect 0 "generation 1" -- "$FSCK" "$T/a.img"
# A bootloader prefix: kept byte for byte, the file system after it.
head -c 70000 /dev/urandom >"$T/boot"
expect 0 "at block 18" -- "$MKFS" -b "$T/boot" "$T/b.img" 8M
expect 0 "at disk block 18" -- "$FSCK" "$T/b.img"
if cmp -s -n 70000 "$T/boot" "$T/b.img"; then
	echo "ok   the bootloader is intact"
else
	echo "FAIL: the bootloader was overwritten"; fail=1
fi
exit $fail
