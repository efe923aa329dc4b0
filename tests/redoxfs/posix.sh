#!/bin/sh
# POSIX behaviour of a read-write redoxfs-fuse mount (tests/redoxfs/posix.c),
# part of it as uid 1000 (-o allow_other; the daemon checks permissions),
# then unmount, fsck, remount and check that it all
# was kept.  Usage: posix.sh BUILD_DIR [MANY]  (MANY files in one dir).
B=${1:-build}
MANY=${2:-100000}
FUSE=$B/host/redoxfs-fuse
T=$(mktemp -d)
chmod 755 "$T"		# uid 1000 must reach the mount point
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
if [ ! -e /dev/fuse ] || [ "$(id -u)" != 0 ]; then
	echo "SKIP test-redoxfs-posix: needs /dev/fuse and root"
	exit 0
fi
mnt() {
	"$FUSE" -f -o allow_other "$T/img" "$MNT" & pid=$!
	for _ in $(seq 100); do mountpoint -q "$MNT" && return 0; sleep 0.05; done
	echo "FAIL: mount"; exit 1
}
umnt() { fusermount3 -u "$MNT"; wait $pid || { echo "FAIL: daemon exit $?"; fail=1; }; pid=; }
fsck() {
	if "$B/host/redoxfs-fsck" "$T/img" >"$T/fsck.out" 2>&1; then
		echo "ok   fsck after $1: $(tail -1 "$T/fsck.out" | cut -d: -f2-)"
	else
		echo "FAIL: fsck after $1"; cat "$T/fsck.out"; fail=1
	fi
}
"$B/host/redoxfs-mkfs" "$T/img" 2G >/dev/null || exit 1
mnt
s=$(date +%s%N)
"$B/host/redoxfs-posix" "$MNT" "$MANY" || fail=1
echo "     ($((($(date +%s%N) - s) / 1000000)) ms)"
umnt
fsck "the suite"
mnt
"$B/host/redoxfs-posix" "$MNT" verify || fail=1
umnt
fsck "the remount"
exit $fail
