#!/bin/sh
# Files written through the FUSE mount read back with the library, and
# files written with the library read back through the mount: a host tree
# (sizes around the inline limit and record edges, random and repetitive
# data, holes, hard links, symlinks, modes, owners, nanosecond mtimes) is
# copied in one way and listed the other (manifest listings compared
# line for line; the root's own line is left out).
# Usage: interop.sh BUILD_DIR
B=${1:-build}
FUSE=$B/host/redoxfs-fuse
LIBIO=$B/host/redoxfs-libio
WALK=$B/host/redoxfs-walk
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
if [ ! -e /dev/fuse ]; then
	echo "SKIP test-redoxfs-interop: no /dev/fuse"
	exit 0
fi
fail=0
mnt() {
	"$FUSE" -f "$1" "$MNT" & pid=$!
	for _ in $(seq 100); do mountpoint -q "$MNT" && return 0; sleep 0.05; done
	echo "FAIL: mount $1"; exit 1
}
umnt() { fusermount3 -u "$MNT"; wait $pid; pid=; }
fsck() {
	"$B/host/redoxfs-fsck" -q "$1" || { echo "FAIL: fsck $1"; fail=1; }
}

S=$T/src
mkdir -p "$S/dir/sub/deeper" "$S/empty"
for n in 0 1 100 3967 3968 4095 4096 4097 131071 131072 131073 400000; do
	head -c $n /dev/urandom >"$S/rand-$n"
done
yes "a line that repeats, so records compress" | head -c 1000000 >"$S/dir/repeat"
head -c 2000000 /dev/urandom >"$S/dir/sub/big"
printf 'tail' | dd of="$S/sparse" bs=1 seek=20000000 2>/dev/null
truncate -s 300000 "$S/hole-at-end"
echo "linked" >"$S/dir/hard1" && ln "$S/dir/hard1" "$S/dir/sub/hard2"
ln -s ../rand-100 "$S/dir/rel-link"
ln -s /some/absolute/target "$S/abs-link"
echo "mode" >"$S/dir/sub/deeper/mode" && chmod 4751 "$S/dir/sub/deeper/mode"
chown 1000:100 "$S/dir/sub" "$S/rand-1" && chmod 700 "$S/empty"
n=0
find "$S" -mindepth 1 | sort -r | while read -r p; do
	n=$((n + 1)); touch -h -d "@17000$(printf %05d $n).$(printf %09d $((n * 12345)))" "$p"
done
"$WALK" "$S" | grep -v '^/ ' >"$T/want"
count=$(wc -l <"$T/want")

# FUSE writes, the library reads.
"$B/host/redoxfs-mkfs" "$T/a.img" 64M >/dev/null || exit 1
mnt "$T/a.img"
cp -a "$S"/. "$MNT"/ || { echo "FAIL: cp into the mount"; fail=1; }
umnt
fsck "$T/a.img"
"$LIBIO" list "$T/a.img" | grep -v '^/ ' >"$T/got-a" || fail=1
if cmp -s "$T/want" "$T/got-a"; then
	echo "ok   written through FUSE, listed by the library: $count entries match"
else
	echo "FAIL: FUSE -> library"; diff "$T/want" "$T/got-a" | head; fail=1
fi

# The library writes, FUSE reads.
"$B/host/redoxfs-mkfs" "$T/b.img" 64M >/dev/null || exit 1
"$LIBIO" put "$T/b.img" "$S" || { echo "FAIL: library put"; fail=1; }
fsck "$T/b.img"
mnt "$T/b.img"
"$WALK" "$MNT" | grep -v '^/ ' >"$T/got-b"
# And a change through FUSE on top, seen by the library again.
echo "changed" >"$MNT/dir/hard1"
rm "$MNT/rand-0"
"$WALK" "$MNT" | grep -v '^/ ' >"$T/got-b2"
umnt
if cmp -s "$T/want" "$T/got-b"; then
	echo "ok   written by the library, read through FUSE: $count entries match"
else
	echo "FAIL: library -> FUSE"; diff "$T/want" "$T/got-b" | head; fail=1
fi
"$LIBIO" list "$T/b.img" | grep -v '^/ ' >"$T/got-b3"
if cmp -s "$T/got-b2" "$T/got-b3"; then
	echo "ok   then changed through FUSE: the library lists the same"
else
	echo "FAIL: FUSE change -> library"; diff "$T/got-b2" "$T/got-b3" | head; fail=1
fi
fsck "$T/b.img"
exit $fail
