# lua inside the OS: each script in ports/lua/tests/ (tables, closures,
# coroutines, string patterns, string.format of floats, math, os.time and
# os.date, pcall/error, files) prints the same as Debian's lua5.4 on the
# host running the same script (in UTC: the OS has no time zones).
. "$TOP/ports/tests/lib.sh"
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
command -v lua5.4 >/dev/null || _fail "the host has no lua5.4 (scripts/deps.sh installs it)"
port_image "$d/img" lua
rc="notify redoxfsd disk:0
export PATH file:/bin:initfs:/bin"
names=""
for f in "$TOP"/ports/lua/tests/*.lua; do
	n=$(basename "$f")
	rc="$rc
$(port_run "$n" "lua file:/ports/lua/$n")"
	names="$names $n"
done
boot_disk "$d/img" "$rc
shutdown" 60
expect_status 0
for n in $names; do
	(cd "$TOP/ports/lua/tests" && TZ=UTC lua5.4 "$n") >"$d/want" 2>&1 ||
		_fail "$n fails under the host's lua5.4: $(cat "$d/want")"
	port_section "$n" >"$d/got"
	diff -u "$d/want" "$d/got" >"$d/diff" || _fail "$n: output differs from lua5.4's: $(cat "$d/diff")"
done
