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
"$B/host/coreutils-test/cu-run" gnu "$tmp/gnu" "$cases" "$tmp/w-gnu" >"$tmp/gnu.out" || fail=1
"$B/host/coreutils-test/cu-run" host "$TOP/$B/host/coreutils" "$cases" "$tmp/w-host" \
	>"$tmp/host.out" || fail=1
cat "$tmp/gnu.out" "$tmp/host.out"

# In the OS: the cases on a disk image, cu-run from the initfs.
sed -e '$a\' scripts/image/filesystem.list > "$tmp/fs.list"
printf 'dir /cases 0755 0 0\ntree /cases 0644 0 0 %s\n' "$cases" >> "$tmp/fs.list"
"$B/host/redoxfs-mkimage" -B "$B" "$tmp/fs.list" "$tmp/disk.img" 64M >/dev/null || {
	echo "coreutils: redoxfs-mkimage failed"; exit 1; }
printf '%s\n' "notify redoxfsd disk:0" "export PATH file:/bin" \
	"cu-run redox file:/bin file:/cases file:/tmp/cu" "shutdown" > "$tmp/rc"
timeout 120 "$B/redox-hosted" --disk "$tmp/disk.img" --rc "$tmp/rc" --timeout 110 \
	</dev/null >"$tmp/redox.out" 2>&1
grep -E '^(FAIL|  want|  got |coreutils)' "$tmp/redox.out"
grep -Eq '^coreutils \(redox\): [0-9]+ passed, 0 failed' "$tmp/redox.out" || {
	fail=1
	grep -q '^coreutils (redox)' "$tmp/redox.out" || tail -20 "$tmp/redox.out"
}

# The summary: the three runs' counts added up.
cat "$tmp/gnu.out" "$tmp/host.out" "$tmp/redox.out" | awk -v fail=$fail '
	/^coreutils \([a-z]+\): / { p += $3; f += $5; runs++ }
	END { if ((fail || runs != 3 || p == 0) && !f) f = 1
	      printf "coreutils: %d passed, %d failed\n", p, f; exit f != 0 }' || fail=1
exit $fail
