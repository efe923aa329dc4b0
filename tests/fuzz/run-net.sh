#!/bin/sh
# A bounded libFuzzer run of the network stack's parsers (fuzz_net.c),
# seeded by seed_net.  Usage: run-net.sh BUILD_DIR SECONDS
# The corpus grows in BUILD_DIR/fuzz/net-corpus across runs; crashes,
# leaks and hangs (over 10 s for one input) land in BUILD_DIR/fuzz/ and
# fail the run.
set -e
B=${1:-build}
SECS=${2:-30}
D=$B/fuzz
mkdir -p "$D/net-corpus"
"$D/seed_net" "$D/net-corpus"
# Each input builds a fresh stack (about 300 KiB of tables); a small
# quarantine keeps use-after-free detection without ASan's default 256
# MiB of it making every run page memory in and out (7 times slower).
ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=4} \
"$D/fuzz_net" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 \
	-max_len=8192 -seed=1 -print_final_stats=1 -artifact_prefix="$D/net-" \
	"$D/net-corpus" >"$D/net-fuzz.log" 2>&1 || {
	tail -40 "$D/net-fuzz.log"
	echo "fuzz-net: FAILED (artifact in $D/)"
	exit 1
}
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$D/net-fuzz.log")
cov=$(grep -o 'cov: [0-9]*' "$D/net-fuzz.log" | tail -1)
echo "fuzz-net: $runs executions in ${SECS}s, $cov, no crashes or hangs"
