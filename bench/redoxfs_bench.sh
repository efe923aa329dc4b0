#!/usr/bin/env bash
# bench/redoxfs_bench.sh BUILD - redoxfs-fuse against fuse2fs on an ext4
# image of the same size, same workload, same run: sequential write of
# 256 MiB with fsync and its read back (each after a fresh mount), then
# 10,000 x 4 KiB create+write+close, stat of those files (fresh mount),
# ls -l, rm -r.  Prints both columns and the ratio (fuse2fs time / ours:
# above 1 means we are faster).  RFS_BENCH_MIB and RFS_BENCH_FILES
# change the sizes.
set -u
B=${1:-build}
PIN=
MIB=${RFS_BENCH_MIB:-256}
FILES=${RFS_BENCH_FILES:-10000}
BENCH=$B/host/redoxfs_bench
T=$(mktemp -d)
MNT=$T/mnt
mkdir -p "$MNT"
pid=
cleanup() {
	mountpoint -q "$MNT" && fusermount3 -u "$MNT"
	[ -n "$pid" ] && wait "$pid" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

if [ ! -e /dev/fuse ] || ! command -v fuse2fs >/dev/null; then
	echo "SKIP bench-redoxfs: needs /dev/fuse and fuse2fs"
	exit 0
fi

# Both images: 1 GiB files on the same host file system.
"$B/host/redoxfs-mkfs" "$T/redoxfs.img" 1G >/dev/null || exit 1
truncate -s 1G "$T/ext4.img"
mkfs.ext4 -q -F "$T/ext4.img" || exit 1

# Mounts in the foreground (in the background of this shell) so that
# umount can wait for the daemon to finish writing.
mnt() {
	case $1 in
	redoxfs) $PIN "$B/host/redoxfs-fuse" -f "$T/redoxfs.img" "$MNT" & ;;
	ext4) $PIN fuse2fs -f "$T/ext4.img" "$MNT" >/dev/null 2>&1 & ;;
	esac
	pid=$!
	for _ in $(seq 100); do mountpoint -q "$MNT" && return 0; sleep 0.05; done
	echo "bench-redoxfs: cannot mount $1" >&2
	exit 1
}
umnt() {
	fusermount3 -u "$MNT" && wait "$pid"
	pid=
}
secs() {	# secs COMMAND... : wall seconds of the command
	local s e
	s=$(date +%s%N)
	"$@" >/dev/null || { echo "bench-redoxfs: $* failed" >&2; exit 1; }
	e=$(date +%s%N)
	awk -v d=$((e - s)) 'BEGIN { printf "%.4f\n", d / 1e9 }'
}

declare -A R
for fs in redoxfs ext4; do
	mnt $fs
	R[$fs,write]=$(secs "$BENCH" write "$MNT/big" "$MIB")
	umnt; mnt $fs
	R[$fs,read]=$(secs "$BENCH" read "$MNT/big")
	rm "$MNT/big"
	mkdir "$MNT/d"
	R[$fs,create]=$(secs "$BENCH" create "$MNT/d" "$FILES")
	umnt; mnt $fs
	R[$fs,stat]=$(secs "$BENCH" stat "$MNT/d" "$FILES")
	R[$fs,ls]=$(secs ls -l "$MNT/d")
	R[$fs,rm]=$(secs rm -r "$MNT/d")
	umnt
done
# The create row again with the daemon and the program on one CPU: in a
# VM a wake-up across CPUs can cost more than the file system's own work,
# and this row shows the two file systems without that.
PIN=
if command -v taskset >/dev/null && [ "$(nproc)" -gt 1 ]; then
	PIN="taskset -c 0"
	for fs in redoxfs ext4; do
		mnt $fs
		mkdir "$MNT/p"
		R[$fs,pinned]=$(secs $PIN "$BENCH" create "$MNT/p" "$FILES")
		rm -r "$MNT/p"
		umnt
	done
	PIN=
fi
fsck_out=$("$B/host/redoxfs-fsck" "$T/redoxfs.img" 2>&1) ||
	{ echo "bench-redoxfs: fsck after the run failed:"; echo "$fsck_out"; exit 1; }

printf '%-44s %10s %10s %8s  %s\n' "redoxfs-fuse vs fuse2fs (1 GiB images)" \
	"redoxfs" "fuse2fs" "ratio" "goal"
row() {	# row LABEL KEY GOAL [MiB]
	awk -v n="$1" -v o="${R[redoxfs,$2]}" -v l="${R[ext4,$2]}" \
	    -v g="$3" -v m="${4:-0}" 'BEGIN {
		r = o > 0 ? l / o : 0
		if (m > 0)
			printf "%-44s %6.0f MB/s %5.0f MB/s %7.2fx  %s\n",
			    n, m * 1.048576 / o, m * 1.048576 / l, r, g
		else
			printf "%-44s %8.1f ms %7.1f ms %7.2fx  %s\n",
			    n, o * 1000, l * 1000, r, g
		}'
}
row "sequential write ${MIB} MiB + fsync" write ">= 1x" "$MIB"
row "sequential read ${MIB} MiB (fresh mount)" read ">= 1x" "$MIB"
row "$FILES x 4 KiB create+write+close" create ">= 5x"
row "stat $FILES files (fresh mount)" stat ">= 5x"
row "ls -l of $FILES files" ls ">= 5x"
row "rm -r of $FILES files" rm ">= 5x"
[ -n "${R[redoxfs,pinned]:-}" ] &&
	row "$FILES x 4 KiB create, both on one CPU" pinned "(diagnostic)"
echo "redoxfs image after the run: $(echo "$fsck_out" | tail -1)"
