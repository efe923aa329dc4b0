#!/usr/bin/env bash
# bench/shell_bench.sh BUILD - a 200,000-iteration arithmetic loop in ion
# (build/host/ion) against the same loop in dash and bash on this host;
# ratios are ion's time over theirs (below 1 is faster), each the median
# of 5 runs (one run swung 0.8x to 1.3x on a loaded VM).  A shell that
# is not installed is skipped.
set -u
B=${1:-build}
N=${SHELL_BENCH_N:-200000}
ION=$B/host/ion
[ -x "$ION" ] || { echo "shell_bench: $ION: not built" >&2; exit 1; }

secs() {	# secs CMD...: wall seconds of CMD, its stdout must be N
	local t0 t1 out
	t0=$(date +%s.%N)
	out=$("$@")
	t1=$(date +%s.%N)
	if [ "$out" != "$N" ]; then
		echo "shell_bench: $1 printed '$out', not $N" >&2
		return 1
	fi
	echo "$t1 - $t0" | bc -l
}

median5() {	# median5 CMD...: the median of 5 runs' secs
	local i
	for i in 1 2 3 4 5; do secs "$@" || return 1; done | sort -g | sed -n 3p
}

ion_t=$(median5 "$ION" -c "let i = 0; while test \$i -lt $N; let i += 1; end; echo \$i") || exit 1
printf 'bench shell ion   %6.3f s\n' "$ion_t"
posix='i=0; while [ $i -lt '$N' ]; do i=$((i + 1)); done; echo $i'
for sh in dash bash; do
	command -v $sh >/dev/null || { echo "bench shell $sh   (not installed, skipped)"; continue; }
	t=$(median5 $sh -c "$posix") || exit 1
	printf 'bench shell %-5s %6.3f s   ion/%s %.2f\n' "$sh" "$t" "$sh" "$(echo "$ion_t / $t" | bc -l)"
done
