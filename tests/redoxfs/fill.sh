#!/bin/sh
# Fills a fresh 64 MiB image through a read-write redoxfs-fuse mount: a
# user's repro (1500 one-line files, then cp of a 3 MB file, which the old
# next-fit allocator refused with ENOSPC on a mostly empty disk), then
# 4 MiB files until ENOSPC.  When ENOSPC comes, little may be free; the
# image checks clean and, remounted, every file reads back as written.
# Usage: fill.sh BUILD_DIR
B=${1:-build}
FUSE=$B/host/redoxfs-fuse
FSCK=$B/host/redoxfs-fsck
T=$(mktemp -d)
MNT=$T/mnt
mkdir -p "$MNT"
pid=
cleanup() {
	mountpoint -q "$MNT" && fusermount3 -u "$MNT"
	[ -n "$pid" ] && wait $pid
	rm -rf "$T"
}
trap cleanup EXIT
fail=0
say() { echo "$@"; }
bad() { echo "FAIL: $*"; fail=1; }

if [ ! -e /dev/fuse ]; then
	echo "SKIP test-redoxfs-fill: no /dev/fuse"
	exit 0
fi
mnt() {	# mnt [-o ro]
	"$FUSE" -f "$@" "$T/img" "$MNT" & pid=$!
	for _ in $(seq 100); do mountpoint -q "$MNT" && return 0; sleep 0.05; done
	echo "FAIL: mount"; exit 1
}
umnt() { fusermount3 -u "$MNT"; wait $pid || bad "daemon exit $?"; pid=; }
# A file of N bytes from the seed S, the same every time.
gen() { openssl enc -aes-128-ctr -nosalt -pass "pass:$2" -in /dev/zero \
	2>/dev/null | head -c "$1"; }

"$B/host/redoxfs-mkfs" "$T/img" 64M >/dev/null || exit 1
blocks=$(($(stat -c %s "$T/img") / 4096))
mnt

# The repro, as the user typed it.
s=$(date +%s%N)
for i in $(seq 1500); do echo x > "$MNT/f$i"; done
gen 3000000 big >"$T/big"
if cp "$T/big" "$MNT/big" && cmp -s "$T/big" "$MNT/big"; then
	say "ok   1500 small files, then cp of a 3 MB file ($((($(date +%s%N) - s) / 1000000)) ms)"
else
	bad "cp of a 3 MB file after 1500 small files"
fi
rm -f "$T/big"

# 4 MiB files until the disk is full.
n=0 err=
while [ $n -lt 100 ]; do
	n=$((n + 1))
	if ! gen 4194304 "l$n" | cp /dev/stdin "$MNT/l$n" 2>"$T/cp.err"; then
		err=$(cat "$T/cp.err")
		break
	fi
done
free=$(stat -f -c %f "$MNT")
case $err in
*"No space left"*)
	say "ok   ENOSPC at the ${n}th 4 MiB file; $free of $blocks blocks free" ;;
*)	bad "no ENOSPC after $n 4 MiB files: $err" ;;
esac
# Under 2% of the image, plus the 64 blocks kept for removals.
if [ "$free" -gt $((blocks / 50 + 64)) ]; then
	bad "ENOSPC with $free blocks free"
fi
umnt

if "$FSCK" "$T/img" >"$T/fsck.out" 2>&1; then
	say "ok   fsck of the full image: $(tail -1 "$T/fsck.out" | cut -d: -f2-)"
else
	bad "fsck of the full image"; cat "$T/fsck.out"
fi

# Remounted, everything reads back; the file cut short by ENOSPC holds
# a prefix of what was written.
mnt -o ro
bads=0
for i in $(seq 1500); do
	[ "$(cat "$MNT/f$i")" = x ] || bads=$((bads + 1))
done
gen 3000000 big | cmp -s - "$MNT/big" || bads=$((bads + 1))
for i in $(seq $((n - 1))); do
	gen 4194304 "l$i" | cmp -s - "$MNT/l$i" || bads=$((bads + 1))
done
if [ -e "$MNT/l$n" ]; then
	sz=$(stat -c %s "$MNT/l$n")
	gen "$sz" "l$n" | cmp -s - "$MNT/l$n" || bads=$((bads + 1))
fi
if [ $bads -eq 0 ]; then
	say "ok   after remount all $((1501 + n)) files read back as written"
else
	bad "$bads files differ after remount"
fi
umnt
exit $fail
