#!/usr/bin/env bash
# bench/run.sh BUILD - prints ours, Linux measured in the same run, and
# the ratio, for the core issue's speed goals.
set -u
B=${1:-build}
rc=$(mktemp)
trap 'rm -f "$rc"' EXIT

printf 'notify zerod\nnotify nulld\nos_bench\n' >"$rc"
full=$("$B/redox-hosted" --rc "$rc" --timeout 120 </dev/null 2>&1)
ours=$(printf '%s\n' "$full" | grep '^bench ')
linux=$("$B/host/linux_ref" | grep '^bench ')
get() { printf '%s\n%s\n' "$ours" "$linux" | awk -v k="$1" '$2 == k { print $3 }'; }

# Boot: the real one (initfs init.rc: the daemons, redoxfsd mounting a
# copy of build/harddrive.img, the root init.rc), until redox-hosted has
# exited after the console's end of input: median of 21 whole processes.
img=$(mktemp)
trap 'rm -f "$rc" "$img"' EXIT
cp "$B/harddrive.img" "$img"
boot=$(for i in $(seq 21); do
	s=$(date +%s%N); "$B/redox-hosted" --disk "$img" </dev/null >/dev/null 2>&1; e=$(date +%s%N)
	echo $(( (e - s) / 1000 ))
done | sort -n | sed -n 11p)
true_us=$(for i in $(seq 21); do
	s=$(date +%s%N); /bin/true; e=$(date +%s%N); echo $(( (e - s) / 1000 ))
done | sort -n | sed -n 11p)

printf '%-42s %12s %12s %8s  %s\n' "measurement" "ours" "Linux" "ratio" "goal"
row() { # name ours linux goal
	awk -v n="$1" -v o="$2" -v l="$3" -v g="$4" 'BEGIN {
		printf "%-42s %9.1f ns %9.1f ns %8.3f  %s\n", n, o, l, (l > 0 ? o / l : 0), g }'
}
row "null syscall: getpid vs Linux getppid" "$(get getpid)" "$(get linux_getppid)" "<= 10 ns, <= 0.1x"
row "scheme round trip: 1 B from zero:" "$(get zero_read)" "$(get linux_pipe_pingpong)" "<= 300 ns, >= 10x faster"
row "scheme round trip: 1 B to null:" "$(get null_write)" "$(get linux_pipe_pingpong)" "(same)"
row "spawn, exit, reap (1,000 in a row)" "$(get spawn_exit)" "$(get linux_spawn_exit)" "(posix_spawn /bin/true)"
printf '%s\n' "$full" | grep '^meminfo '
# The same two figures on the native kernel under QEMU: TCG emulates every
# instruction, so these are emulation figures, not the hardware's.
if [ -f "$B/kernel.elf" ] && command -v qemu-system-x86_64 >/dev/null; then
	printf 'notify zerod\nnotify nulld\nos_bench 20\n' >"$rc"
	nfull=$(BUILD=$B scripts/qemu-test.sh "$rc" 60 2>&1 | tr -d '\r')
	native=$(printf '%s\n' "$nfull" | grep '^bench ')
	nget() { printf '%s\n' "$native" | awk -v k="$1" '$2 == k { print $3 }'; }
	row "null syscall, native (QEMU TCG emulation)" "$(nget getpid)" "$(get linux_getppid)" "(emulated)"
	row "zero: round trip, native (QEMU TCG emulation)" "$(nget zero_read)" "$(get linux_pipe_pingpong)" "(emulated)"
	row "spawn, exit, reap, native (QEMU TCG)" "$(nget spawn_exit)" "$(get linux_spawn_exit)" "(emulated)"
	printf '%s\n' "$nfull" | grep '^meminfo ' | sed 's/^/native: /'
fi
# The syscall fuzzer's throughput (tests/fuzz/sysfuzz.c), 10 s with a
# fixed seed: calls per second, parent and children together.
printf 'notify nulld\nnotify zerod\nnotify randd\nsysfuzz 1 1000000000 10\n' >"$rc"
fz=$("$B/redox-hosted" --no-disk --rc "$rc" --timeout 60 </dev/null 2>&1 |
	sed -n 's/^sysfuzz: seed .* calls (.*), \([0-9]*\) per second.*/\1/p')
printf '%-42s %9s /s %12s %8s  %s\n' "syscall fuzzer (sysfuzz), hosted" "${fz:-?}" "-" "-" "(calls/s, seed 1)"
if [ -f "$B/kernel.elf" ] && command -v qemu-system-x86_64 >/dev/null; then
	fzq=$(BUILD=$B scripts/qemu-test.sh "$rc" 60 2>&1 | tr -d '\r' |
		sed -n 's/^sysfuzz: seed .* calls (.*), \([0-9]*\) per second.*/\1/p')
	printf '%-42s %9s /s %12s %8s  %s\n' "syscall fuzzer (sysfuzz), QEMU TCG" "${fzq:-?}" "-" "-" "(calls/s, seed 1, emulated)"
fi
awk -v b="$boot" -v t="$true_us" 'BEGIN {
	printf "%-42s %9.2f ms %9.2f ms %8.1f  %s\n", "boot, root from disk, to shutdown (wall)", b / 1000, t / 1000, b / t, "< 20 ms (vs /bin/true)" }'
