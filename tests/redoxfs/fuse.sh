#!/bin/sh
# Mounts each fixture read-only with redoxfs-fuse, walks the mount and
# compares the listing with the fixture's manifest byte for byte; copies
# fixture A into a fresh image through a read-write mount and checks the
# copy the same way (and with fsck); bad arguments give clear errors.
# Usage: fuse.sh BUILD_DIR
B=${1:-build}
FUSE=$B/host/redoxfs-fuse
WALK=$B/host/redoxfs-walk
T=$(mktemp -d)
MNT=$T/mnt
mkdir -p "$MNT"
cleanup() {
	mountpoint -q "$MNT" && fusermount3 -u "$MNT"
	rm -rf "$T"
}
trap cleanup EXIT
fail=0
say() { echo "$@"; }
bad() { echo "FAIL: $*"; fail=1; }

if [ ! -e /dev/fuse ]; then
	echo "SKIP test-redoxfs-fuse: no /dev/fuse"
	exit 0
fi
for img in "$B"/redoxfs/*.img; do
	name=$(basename "$img" .img)
	want=tests/fixtures/redoxfs/$name.manifest
	if ! timeout 20 "$FUSE" -o ro "$img" "$MNT"; then
		bad "$name: mount failed"
		continue
	fi
	timeout 120 "$WALK" "$MNT" >"$T/$name.walk" || bad "$name: walk failed"
	if cmp -s "$T/$name.walk" "$want"; then
		say "ok   $name: mount lists as the manifest ($(wc -l <"$want") entries)"
	else
		bad "$name: mount differs from the manifest"
		diff "$want" "$T/$name.walk" | head -10
	fi
	if touch "$MNT/new-file" 2>/dev/null; then
		bad "$name: mount is writable"
	else
		say "ok   $name: writes are refused"
	fi
	fusermount3 -u "$MNT" || bad "$name: unmount failed"
done

# Foreground with -o ro: runs until unmounted, then exits 0.
"$FUSE" -f -o ro "$B/redoxfs/redoxfs-c-reserved.img" "$MNT" &
pid=$!
for i in 1 2 3 4 5 6 7 8 9 10; do mountpoint -q "$MNT" && break; sleep 0.2; done
if mountpoint -q "$MNT" && "$WALK" "$MNT" | cmp -s - tests/fixtures/redoxfs/redoxfs-c-reserved.manifest; then
	fusermount3 -u "$MNT"
	if wait $pid; then say "ok   -f -o ro: foreground mount lists, exits 0 on unmount"
	else bad "-f: exit status $?"; fi
else
	bad "-f -o ro: mount missing or differs"
	kill $pid 2>/dev/null
fi

# Read-write: copy fixture A into a new image through two mounts.
MKFS=$B/host/redoxfs-mkfs
FSCK=$B/host/redoxfs-fsck
MNT2=$T/mnt2
mkdir -p "$MNT2"
if "$MKFS" "$T/copy.img" 32M >/dev/null &&
	timeout 20 "$FUSE" -o ro "$B/redoxfs/redoxfs-a.img" "$MNT" &&
	timeout 20 "$FUSE" "$T/copy.img" "$MNT2"; then
	start=$(date +%s%N)
	cp -a "$MNT"/. "$MNT2"/ ||
		bad "copy into the read-write mount failed"
	ms=$((($(date +%s%N) - start) / 1000000))
	# A file unlinked while open stays readable until its last close.
	exec 3<>"$MNT2/scratch"
	echo "still here" >&3
	rm "$MNT2/scratch"
	if [ "$(cat /proc/$$/fd/3)" = "still here" ] && [ ! -e "$MNT2/scratch" ]; then
		say "ok   an unlinked open file stays readable"
	else
		bad "unlinked open file"
	fi
	exec 3>&-
	# The root of the copy is the mount root, which cp leaves alone.
	touch -h -d @1700000999.5 "$MNT2"

	fusermount3 -u "$MNT"
	fusermount3 -u "$MNT2"
	say "ok   copied fixture A (16 MiB image, 1536 entries) in ${ms} ms"
	if "$FSCK" "$T/copy.img" >"$T/fsck.out"; then
		say "ok   the copy checks clean: $(tail -1 "$T/fsck.out" | cut -d: -f2-)"
	else
		bad "fsck of the copy"; cat "$T/fsck.out"
	fi
	timeout 20 "$FUSE" -o ro "$T/copy.img" "$MNT"
	if "$WALK" "$MNT" | cmp -s - tests/fixtures/redoxfs/redoxfs-a.manifest; then
		say "ok   the copy lists as fixture A's manifest"
	else
		bad "the copy differs from fixture A's manifest"
		"$WALK" "$MNT" | diff tests/fixtures/redoxfs/redoxfs-a.manifest - | head
	fi
	fusermount3 -u "$MNT"
else
	bad "could not set up the read-write copy"
fi
mountpoint -q "$MNT2" && fusermount3 -u "$MNT2"

expect() {	# expect STATUS PATTERN -- command...
	want=$1 pat=$2; shift 3
	timeout 20 "$@" >"$T/out" 2>&1; st=$?
	if [ "$st" -ne "$want" ] || ! grep -q -- "$pat" "$T/out"; then
		bad "$* -> exit $st (want $want, /$pat/)"; sed 's/^/  | /' "$T/out"
	else
		say "ok   $* -> $st: $(grep -m1 -- "$pat" "$T/out")"
	fi
}
expect 0 "usage" -- "$FUSE" --help
expect 1 "usage" -- "$FUSE"
expect 1 "usage" -- "$FUSE" "$B/redoxfs/redoxfs-a.img"
expect 1 "No such file" -- "$FUSE" "$T/missing.img" "$MNT"
head -c 1048576 /dev/zero >"$T/zero.img"
expect 1 "not a RedoxFS" -- "$FUSE" "$T/zero.img" "$MNT"
mountpoint -q "$MNT" && bad "something stayed mounted"
exit $fail
