#!/bin/sh
# make test-coreutils: every case in tests/coreutils/cases against GNU
# coreutils (proves the expectations), our host build, and our programs
# inside redox-hosted (one boot runs them all from a disk image).
set -u
B=${B:-build}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
cd "$TOP" || exit 1
cases=$TOP/tests/coreutils/cases
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# GNU's programs, by the names the cases use, in one directory.
mkdir -p "$tmp/gnu"
for f in "$cases"/*.case; do
	p=$(sed -n 's/^cmd \([^ ]*\).*/\1/p' "$f")
	[ -e "$tmp/gnu/$p" ] && continue
	for d in /usr/bin /bin; do [ -x "$d/$p" ] && ln -s "$d/$p" "$tmp/gnu/$p" && break; done
done
"$B/host/coreutils-test/cu-run" gnu "$tmp/gnu" "$cases" "$tmp/w-gnu" || fail=1
"$B/host/coreutils-test/cu-run" host "$TOP/$B/host/coreutils" "$cases" "$tmp/w-host" || fail=1

# In the OS: the cases on a disk image, cu-run from the initfs.
sed -e '$a\' scripts/image/filesystem.list > "$tmp/fs.list"
printf 'dir /cases 0755 0 0\ntree /cases 0644 0 0 %s\n' "$cases" >> "$tmp/fs.list"
"$B/host/redoxfs-mkimage" -B "$B" "$tmp/fs.list" "$tmp/disk.img" 64M >/dev/null || {
	echo "coreutils: redoxfs-mkimage failed"; exit 1; }
printf '%s\n' "notify redoxfsd disk:0" "export PATH file:/bin" \
	"cu-run redox file:/bin file:/cases file:/tmp/cu" "shutdown" > "$tmp/rc"
out=$(timeout 120 "$B/redox-hosted" --disk "$tmp/disk.img" --rc "$tmp/rc" --timeout 110 \
	</dev/null 2>&1)
printf '%s\n' "$out" | grep -E '^(FAIL|  want|  got |coreutils)'
printf '%s\n' "$out" | grep -Eq '^coreutils \(redox\): [0-9]+ passed, 0 failed' || {
	fail=1
	printf '%s\n' "$out" | grep -q '^coreutils (redox)' || printf '%s\n' "$out" | tail -20
}

# The summary: every run's counts added up.
sum=$(printf '%s\n' "$out" | grep -E '^coreutils \(' ; true)
[ $fail -eq 0 ] && echo "coreutils: all runs passed" || echo "coreutils: FAILED"
exit $fail
