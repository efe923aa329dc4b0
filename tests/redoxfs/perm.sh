#!/bin/sh
# The permission matrix of tests/programs/kt_perm.c (owner/group/other x
# read/write/search in mixed modes, plus a member through a supplementary
# group) on a redoxfs-fuse mount, whose daemon checks permissions itself.
# The same program runs inside the OS against redoxfsd (53-redoxfs-perm).
# Usage: perm.sh BUILD_DIR
B=${1:-build}
T=$(mktemp -d)
chmod 755 "$T"		# the other users must reach the mount point
MNT=$T/mnt
mkdir -p "$MNT"
pid=
cleanup() {
	mountpoint -q "$MNT" && fusermount3 -u "$MNT"
	[ -n "$pid" ] && wait $pid
	rm -rf "$T"
}
trap cleanup EXIT
if [ ! -e /dev/fuse ] || [ "$(id -u)" != 0 ]; then
	echo "SKIP test-redoxfs-perm: needs /dev/fuse and root"
	exit 0
fi
fail=0
"$B/host/redoxfs-mkfs" "$T/img" 64M >/dev/null || exit 1
"$B/host/redoxfs-fuse" -f -o allow_other "$T/img" "$MNT" & pid=$!
for _ in $(seq 100); do mountpoint -q "$MNT" && break; sleep 0.05; done
mountpoint -q "$MNT" || { echo "FAIL: mount"; exit 1; }
chmod 755 "$MNT"
"$B/host/redoxfs-permtest" "$MNT" || fail=1
fusermount3 -u "$MNT"
wait $pid || { echo "FAIL: daemon exit $?"; fail=1; }
pid=
if "$B/host/redoxfs-fsck" -q "$T/img"; then
	echo "ok   fsck after the permission matrix"
else
	echo "FAIL: fsck after the permission matrix"; fail=1
fi
exit $fail
