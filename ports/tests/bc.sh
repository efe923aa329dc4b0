# bc and dc inside the OS: each script in ports/bc/tests/ against its
# expected output (NAME.out, what Debian's bc 1.07.1 prints on Linux; the
# dc one worked out by hand).
. "$TOP/ports/tests/lib.sh"
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
port_image "$d/img" bc
rc="notify redoxfsd disk:0
export PATH file:/bin:initfs:/bin"
names=""
for f in "$TOP"/ports/bc/tests/*.bc "$TOP"/ports/bc/tests/*.dc; do
	n=$(basename "$f")
	case $n in
	*.bc) cmd="bc -ql file:/ports/bc/$n" ;;
	*.dc) cmd="dc file:/ports/bc/$n" ;;
	esac
	rc="$rc
$(port_run "$n" "$cmd")"
	names="$names $n"
done
boot_disk "$d/img" "$rc
shutdown" 60
expect_status 0
for n in $names; do
	port_section "$n" >"$d/got"
	diff -u "$TOP/ports/bc/tests/${n%.*}.out" "$d/got" >"$d/diff" ||
		_fail "$n: output differs: $(cat "$d/diff")"
done
echo "bc: $(echo $names | wc -w) scripts match"
