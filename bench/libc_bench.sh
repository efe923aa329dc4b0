#!/usr/bin/env bash
# bench/libc_bench.sh BUILD - libc_bench.c against our libc inside
# redox-hosted and against glibc on Linux, same run: time per call (ns),
# bytes per second where a call moves bytes, and ours/Linux (time: lower
# is better).  The two sides take turns RUNS times (default 3) and each
# row keeps its best figure: the machine is shared, and a burst of
# someone else's work should not decide a row.
set -u
B=${1:-build}
runs=${RUNS:-3}
case $runs in ''|*[!0-9]*|0) echo "bench-libc: RUNS=$runs: not a positive number" >&2; exit 2 ;; esac
rc=$(mktemp)
trap 'rm -f "$rc"' EXIT
printf 'libc_bench\nshutdown\n' >"$rc"
ours= linux=
for i in $(seq "$runs"); do
	ours="$ours
$("$B/redox-hosted" --no-disk --rc "$rc" --timeout 120 </dev/null 2>&1 | tr -d '\r' | grep '^bench ')"
	linux="$linux
$("$B/host/libc_bench" | grep '^bench ')"
done
# The best figure per row, in the program's order.
best() { printf '%s\n' "$1" | awk 'NF == 4 && $1 == "bench" {
	if (!($2 in t)) { order[n++] = $2; t[$2] = $3; b[$2] = $4 }
	else if ($3 < t[$2]) t[$2] = $3 }
	END { for (i = 0; i < n; i++) print "bench", order[i], t[order[i]], b[order[i]] }'; }
ours=$(best "$ours")
linux=$(best "$linux")
[ -n "$ours" ] || { echo "bench-libc: no figures from the OS" >&2; exit 1; }
[ -n "$linux" ] || { echo "bench-libc: no figures from Linux" >&2; exit 1; }

printf '\nlibc: ours (in redox-hosted) against glibc (Linux), time per call, best of %s\n' "$runs"
printf '%-22s %12s %12s %10s %10s %8s\n' "measurement" "ours" "glibc" "ours" "glibc" "ratio"
printf '%s\n' "$linux" | while read -r _ name lns bytes; do
	ons=$(printf '%s\n' "$ours" | awk -v k="$name" '$2 == k { print $3 }')
	awk -v n="$name" -v o="${ons:-0}" -v l="$lns" -v b="$bytes" 'BEGIN {
		if (b > 0)
			printf "%-22s %9.1f ns %9.1f ns %5.2f GB/s %5.2f GB/s %7.2fx\n",
			    n, o, l, (o > 0 ? b / o : 0), b / l, (l > 0 ? o / l : 0)
		else
			printf "%-22s %9.1f ns %9.1f ns %10s %10s %7.2fx\n",
			    n, o, l, "-", "-", (l > 0 ? o / l : 0) }'
done
