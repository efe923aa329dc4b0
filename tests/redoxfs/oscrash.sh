#!/bin/sh
# Crash test inside the OS: boots redox-hosted on a fresh copy of the root
# image with redoxfsd and the workload tests/programs/kt_crashload.c
# (files synced by fsync, fdatasync or O_SYNC, each printed on the console
# once durable, plus unsynced churn), SIGKILLs the whole redox-hosted
# process after a random 0.1-1.5 s (a power cut: whatever redoxfsd had not
# written is gone), then fsck must pass and redoxfs-ls must list every
# printed file with its size and SHA-256 (and read every other file).
# A last round leaves one file unsynced and the daemon idle: killed 1.6 s
# later, the file must be there (the policy's 1 s window, kept by a timer).
# Seeds are printed; each round is one seed (operations and delay), so
#   oscrash.sh BUILD_DIR 1 SEED
# reruns one (timing inside the OS varies a little from run to run).
# Usage: oscrash.sh BUILD_DIR [ROUNDS [FIRST_SEED]]
B=${1:-build}
ROUNDS=${2:-20}
SEED0=${3:-$(date +%s)}
T=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill -9 $pid 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
# The image `make` builds (not build/harddrive.img: `make run` changes it).
"$B/host/redoxfs-mkimage" -B "$B" scripts/image/filesystem.list "$T/base" \
    64M >/dev/null || { echo "FAIL: redoxfs-mkimage"; exit 1; }
printf 'notify redoxfsd disk:0\n' >"$T/rc.head"
# boot ARGS: redox-hosted on a fresh copy, running kt_crashload ARGS.
boot() {
	cp "$T/base" "$T/img"
	{ cat "$T/rc.head"; echo "kt_crashload $*"; } >"$T/rc"
	"$B/redox-hosted" --disk "$T/img" --rc "$T/rc" </dev/null >"$T/out" 2>&1 &
	pid=$!
}
# kill_os: the power cut.
kill_os() {
	kill -9 $pid
	wait $pid 2>/dev/null
	pid=
}
# check WHAT WHEN: fsck clean, every "WHAT" file printed is in the image
# (into $T/log); prints why not and returns 1.
check() {
	# Whole lines only: "WHAT PATH SIZE SHA256 ok".
	awk -v what="$1" '$1 == "kt_crashload:" && $2 == what && $6 == "ok" &&
	    $5 ~ /^[0-9a-f]+$/ && length($5) == 64 { print $3, $4, $5 }' \
	    "$T/out" >"$T/log"
	# A sanitizer build (make SAN=1) reports on the same output.
	if grep -Eq 'Sanitizer|runtime error' "$T/out"; then
		echo "FAIL $2: redox-hosted reported:"; cat "$T/out"; return 1
	fi
	if grep -q 'kt_crashload: FAIL' "$T/out"; then
		echo "FAIL $2: the workload failed"
		grep 'kt_crashload: FAIL' "$T/out"; return 1
	fi
	if ! "$B/host/redoxfs-fsck" -q "$T/img" >"$T/fsck.out" 2>&1; then
		echo "FAIL $2: fsck after the kill"; cat "$T/fsck.out"; return 1
	fi
	# redoxfs-ls reads every file (its SHA-256): any unreadable one fails.
	if ! "$B/host/redoxfs-ls" "$T/img" >"$T/ls" 2>"$T/ls.err"; then
		echo "FAIL $2: redoxfs-ls after the kill"; cat "$T/ls.err"
		return 1
	fi
	if ! awk 'FILENAME == ARGV[1] { want[$1] = $2 " " $3; next }
	    ($1 in want) { got[$1] = ($2 == "f" ? $6 " " $8 : $2) }
	    END {
		for (p in want)
			if (!(p in got) || got[p] != want[p]) {
				printf "     %s: image has %s, printed \"%s\"\n", p,
				    (p in got) ? "\"" got[p] "\"" : "nothing", want[p]
				bad = 1
			}
		exit bad
	    }' "$T/log" "$T/ls" >"$T/verify.out"; then
		echo "FAIL $2: $1 files lost or wrong"; cat "$T/verify.out"
		return 1
	fi
}

fail=0 files=0 bytes=0 idle=0
start=$(date +%s)
echo "os crash test: $ROUNDS rounds, seeds $SEED0..$((SEED0 + ROUNDS - 1))" \
    "(rerun one: $0 $B 1 SEED)"
for r in $(seq 0 $((ROUNDS - 1))); do
	seed=$((SEED0 + r))
	delay=$(awk -v s=$seed 'BEGIN { srand(s); printf "%.3f", 0.1 + rand() * 1.4 }')
	boot file:/tmp/crash $seed
	sleep "$delay"
	kill_os
	check synced "seed $seed (killed after ${delay}s)" || { fail=1; break; }
	n=$(wc -l <"$T/log")
	[ "$n" = 0 ] && idle=$((idle + 1))
	files=$((files + n))
	bytes=$((bytes + $(awk '{ s += $2 } END { print s + 0 }' "$T/log")))
	echo "ok   seed $seed: killed after ${delay}s; fsck clean; $n synced files intact"
done
# The window while idle: a file closed, never synced, and no request
# after it; 1 s (policy.h) later it must be on the disk.
if [ $fail = 0 ]; then
	boot -idle file:/tmp/crash $SEED0
	for _ in $(seq 100); do
		grep -q '^kt_crashload: unsynced ' "$T/out" && break
		sleep 0.05
	done
	sleep 1.6
	kill_os
	if check unsynced "idle window" && [ "$(wc -l <"$T/log")" = 1 ]; then
		echo "ok   idle: an unsynced file was committed by the window" \
		    "(killed 1.6 s after its close)"
	else
		[ -s "$T/log" ] || echo "FAIL idle window: the file was never written"
		fail=1
	fi
fi
if [ $fail = 0 ]; then
	echo "ok   os crash test: $ROUNDS kills in $(($(date +%s) - start)) s," \
	    "$files synced files ($bytes bytes) all intact" \
	    "($idle rounds killed before a file was synced)"
fi
exit $fail
