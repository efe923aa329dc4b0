#!/bin/sh
# redoxfs-fsck on the fixtures (clean), on damaged copies (problems, exit 4)
# and on files it cannot check (exit 8).  Usage: fsck.sh BUILD_DIR
B=${1:-build}
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
flip() {	# flip IMAGE BYTE_OFFSET: xor one byte with 0xff
	b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
	printf "$(printf '\\%03o' $((b ^ 255)))" |
		dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

expect 0 "clean" -- "$FSCK" "$B/redoxfs/redoxfs-a.img"
expect 0 "clean" -- "$FSCK" "$B/redoxfs/redoxfs-c-reserved.img"
expect 0 "usage" -- "$FSCK" --help
expect 16 "usage" -- "$FSCK"
expect 8 "No such file" -- "$FSCK" "$T/missing.img"
head -c 1048576 /dev/zero >"$T/zero.img"
expect 8 "not a RedoxFS image" -- "$FSCK" "$T/zero.img"
expect 8 "Is a directory" -- "$FSCK" "$T"

# Damage: the tree root (block 260), a node, a data record, a DirList.
for case in "260 tree list block 260" "300 node 27" \
	"1000 /data/random-3M: record 19" "2000 node 827"; do
	set -- $case
	cp "$B/redoxfs/redoxfs-a.img" "$T/bad.img"
	flip "$T/bad.img" $(($1 * 4096 + 100))
	shift
	expect 4 "error: $*" -- "$FSCK" "$T/bad.img"
done
# A free block may hold anything.
cp "$B/redoxfs/redoxfs-a.img" "$T/bad.img"
flip "$T/bad.img" $((3000 * 4096))
expect 0 "clean" -- "$FSCK" "$T/bad.img"
# The newest header damaged: mount falls back to the previous generation,
# which upstream left whole (copy-on-write), so it checks clean.
cp "$B/redoxfs/redoxfs-a.img" "$T/bad.img"
flip "$T/bad.img" $((5 * 4096 + 40))
expect 0 "generation 4" -- "$FSCK" "$T/bad.img"
expect 0 "warning: header ring slot 5: header hash mismatch" -- "$FSCK" "$T/bad.img"
exit $fail
