#!/bin/sh
# A bounded libFuzzer run of the RedoxFS reader and checker, seeded from
# the fixtures.  Usage: run-redoxfs.sh BUILD_DIR SECONDS
# The corpus grows in BUILD_DIR/fuzz/redoxfs-corpus across runs; crashes,
# leaks and hangs (over 10 s for one input) land in BUILD_DIR/fuzz/ and
# fail the run.
set -e
B=${1:-build}
SECS=${2:-60}
D=$B/fuzz
mkdir -p "$D/redoxfs-corpus"
for img in "$B"/redoxfs/*.img; do
	"$D/redoxfs-seed" "$img" "$D/redoxfs-corpus/seed-$(basename "$img" .img)"
done
"$D/fuzz_redoxfs" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 \
	-max_len=7000000 -print_final_stats=1 -artifact_prefix="$D/" \
	"$D/redoxfs-corpus" >"$D/redoxfs-fuzz.log" 2>&1 || {
	tail -40 "$D/redoxfs-fuzz.log"
	echo "fuzz-redoxfs: FAILED (artifact in $D/)"
	exit 1
}
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$D/redoxfs-fuzz.log")
cov=$(grep -o 'cov: [0-9]*' "$D/redoxfs-fuzz.log" | tail -1)
echo "fuzz-redoxfs: $runs executions in ${SECS}s, $cov, no crashes or hangs"
