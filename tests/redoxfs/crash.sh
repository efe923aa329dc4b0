#!/bin/sh
# Crash test: the workload (tests/redoxfs/crashload.c) writes and fsyncs
# files through a redoxfs-fuse mount and logs each file whose fsync
# returned; after a random delay the daemon is killed with SIGKILL (some
# rounds the workload first).  Then: lazy unmount, fsck must exit 0, a
# fresh mount must show every logged file intact (from every round so
# far, on the same image).  Seeds are printed; rerun one round with
#   crash.sh BUILD_DIR 1 SEED
# Usage: crash.sh BUILD_DIR [ROUNDS [FIRST_SEED]]
B=${1:-build}
ROUNDS=${2:-24}
SEED0=${3:-$(date +%s)}
FUSE=$B/host/redoxfs-fuse
LOAD=$B/host/redoxfs-crashload
T=$(mktemp -d)
MNT=$T/mnt
mkdir -p "$MNT"
pid=
cleanup() {
	mountpoint -q "$MNT" && fusermount3 -uz "$MNT"
	[ -n "$pid" ] && kill -9 $pid 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
if [ ! -e /dev/fuse ]; then
	echo "SKIP test-redoxfs-crash: no /dev/fuse"
	exit 0
fi
mnt() {
	"$FUSE" -f "$T/img" "$MNT" 2>>"$T/daemon.err" & pid=$!
	for _ in $(seq 100); do mountpoint -q "$MNT" && return 0; sleep 0.05; done
	echo "FAIL: mount (seed $seed)"; cat "$T/daemon.err"; exit 1
}
"$B/host/redoxfs-mkfs" "$T/img" 1G >/dev/null || exit 1
fail=0 kills=0
echo "crash test: $ROUNDS rounds, seeds $SEED0..$((SEED0 + ROUNDS - 1))"
for r in $(seq 0 $((ROUNDS - 1))); do
	seed=$((SEED0 + r))
	delay=$(awk -v s=$seed 'BEGIN { srand(s); printf "%.3f", 0.05 + rand() * 0.7 }')
	how=$((seed % 3))
	mnt
	"$LOAD" run "$MNT" "$T/log" $seed 2>/dev/null & load=$!
	sleep "$delay"
	case $how in
	0) kill -9 $pid ;;				# the daemon alone
	1) kill -9 $load; kill -9 $pid ;;		# workload, then daemon
	2) kill -9 $pid $load ;;
	esac
	wait $pid 2>/dev/null; pid=
	wait $load 2>/dev/null
	fusermount3 -uz "$MNT"
	kills=$((kills + 1))
	if ! "$B/host/redoxfs-fsck" -q "$T/img" >"$T/fsck.out" 2>&1; then
		echo "FAIL seed $seed: fsck after the kill"; cat "$T/fsck.out"
		fail=1; break
	fi
	mnt
	if ! "$LOAD" verify "$MNT" "$T/log" >"$T/verify.out"; then
		echo "FAIL seed $seed (kill after ${delay}s, mode $how):"
		cat "$T/verify.out"; fail=1
	fi
	fusermount3 -u "$MNT"; wait $pid; pid=
	[ $fail = 0 ] || break
	echo "ok   seed $seed: killed after ${delay}s (mode $how); fsck clean;$(tail -1 "$T/verify.out" | sed 's/ *bad$//;s/, 0$//')"
done
# A sanitizer build (make SAN=1) reports into the daemon's stderr.
if [ $fail = 0 ] && grep -Eq 'Sanitizer|runtime error' "$T/daemon.err"; then
	echo "FAIL: the daemon reported:"; cat "$T/daemon.err"; fail=1
fi
if [ $fail = 0 ]; then
	"$B/host/redoxfs-fsck" "$T/img" | tail -1 | sed 's/^/     final image: /'
	echo "ok   crash test: $kills kills, $(wc -l <"$T/log") fsync'd files all intact"
fi
exit $fail
