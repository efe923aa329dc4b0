#!/usr/bin/env bash
# bench/file_bench.sh BUILD - the same file work (file_bench.c) inside the
# OS on redoxfsd (file:/tmp on a copy of build/harddrive.img), on Linux in
# a /tmp directory, and through redoxfs-fuse, all in this run; ratios are
# ours against Linux, and redoxfsd against redoxfs-fuse.
set -u
B=${1:-build}
FILES=${FILE_BENCH_FILES:-2000}
T=$(mktemp -d)
MNT=$T/mnt
pid=
cleanup() {
	mountpoint -q "$MNT" 2>/dev/null && fusermount3 -u "$MNT"
	[ -n "$pid" ] && wait $pid
	rm -rf "$T"
}
trap cleanup EXIT

cp "$B/harddrive.img" "$T/img"
printf 'notify redoxfsd disk:0\nfile_bench file:/tmp %s\nshutdown\n' "$FILES" >"$T/rc"
ours=$("$B/redox-hosted" --disk "$T/img" --rc "$T/rc" --timeout 300 </dev/null 2>&1 | grep '^bench ')
mkdir -p "$T/linux"
linux=$("$B/host/file_bench" "$T/linux" "$FILES" | grep '^bench ')
fuse=
if [ -e /dev/fuse ] && [ "$(id -u)" = 0 ]; then
	mkdir -p "$MNT"
	"$B/host/redoxfs-mkfs" "$T/fuse.img" 256M >/dev/null
	"$B/host/redoxfs-fuse" -f "$T/fuse.img" "$MNT" & pid=$!
	for _ in $(seq 100); do mountpoint -q "$MNT" && break; sleep 0.05; done
	fuse=$("$B/host/file_bench" "$MNT" "$FILES" | grep '^bench ')
	fusermount3 -u "$MNT"; wait $pid; pid=
fi
get() { printf '%s\n' "$1" | awk -v k="$2" '$2 == k { print $3 }'; }

printf '\nfile work, %s small files and 32 MiB (ours: redoxfsd inside redox-hosted)\n' "$FILES"
printf '%-34s %10s %10s %10s %8s %8s  %s\n' "measurement" "ours" "Linux" "FUSE" "vs Linux" "vs FUSE" "goal"
# "vs Linux" is ours / Linux's figure, as the goals read (a time: at most
# so many times Linux's; a rate: at least so much of it); "vs FUSE" is
# how many times faster than redoxfs-fuse ours is.
row() { # key label unit lower-is-better goal
	awk -v o="$(get "$ours" "$1")" -v l="$(get "$linux" "$1")" \
	    -v f="$(get "$fuse" "$1")" -v n="$2" -v u="$3" -v low="$4" -v g="$5" 'BEGIN {
		rl = (o > 0 && l > 0) ? o / l : 0
		rf = (o > 0 && f > 0) ? (low ? f / o : o / f) : 0
		printf "%-34s %7.1f %s %7.1f %s %7.1f %s %7.2fx %7.2fx  %s\n",
		    n, o, u, l, u, f, u, rl, rf, g }'
}
row create_us "create+write+close, per file" us 1 "<= 3x Linux; >= 1x FUSE"
row stat_us "stat, per file" us 1 "<= 5x Linux; >= 1x FUSE"
row unlink_us "unlink, per file" us 1 "<= 3x Linux; >= 1x FUSE"
row read_mbs "sequential 64 KiB reads" MB/s 0 ">= 0.25x Linux; >= 1x FUSE"
row write_mbs "32 MiB write + fsync" MB/s 0 ">= 0.5x Linux; >= 1x FUSE"
