# ed inside the OS: GNU ed's own test suite (testsuite/ in its source,
# what its check.sh does, as an ion script): the .err scripts must fail
# (exit status not 0) and pass with -l (--loose-exit-status), and leave
# the buffer untouched when piped; the .ed scripts must succeed and write
# out.o equal to their .r file.  (The OS has no /dev/null: null: it is.)  The outputs are read back on the host
# through the FUSE mount.
#
# Two scripts need a POSIX sh behind ed's "!" commands, and the system's
# shell is ion: a.ed runs "!read one" (sh's read builtin) and filter.ed
# "w !sort > tmp.txt 2>&1" (sh's 2>&1).  They may fail; all others must
# pass.
shell_scripts=" a filter "
. "$TOP/ports/tests/lib.sh"
d=$(mktemp -d)
trap 'mountpoint -q "$d/mnt" && fusermount3 -u "$d/mnt"; rm -rf "$d"' EXIT
suite=$BUILD/ports/work/ed/src/testsuite
[ -f "$suite/test.txt" ] || _fail "no ed test suite in $suite (make ports)"
s=file:/ports/ed/suite
{
	echo "mkdir -p /tmp/edt"
	echo "cd /tmp/edt"
	echo "cp $s/test.txt $s/test.bin /tmp/edt/"
	echo "touch zero"
	for f in "$suite"/*.err; do
		n=$(basename "$f" .err)
		echo "ed -s test.txt < $s/$n.err &> null:"
		echo "echo err-strict $n \$?"
		echo "ed -sl test.txt < $s/$n.err &> null:"
		echo "echo err-loose $n \$?"
		echo "cat $s/$n.err | ed -s test.txt &> null:"
		echo "echo err-piped $n \$?"
		echo "mv out.ro $n.ro ^> null:"
	done
	for f in "$suite"/*.ed; do
		n=$(basename "$f" .ed)
		echo "ed -s test.txt < $s/$n.ed > null: ^> $n.log"
		echo "echo ed $n \$?"
		echo "mv out.o $n.o ^> null:"
	done
} >"$d/run.ion"
port_image "$d/img" ed -- "dir /ports/ed 0755 0 0" "dir /ports/ed/suite 0755 0 0" \
	"tree /ports/ed/suite 0644 0 0 $suite" "file /ports/ed/run.ion 0644 0 0 $d/run.ion"
boot_disk "$d/img" "notify nulld
notify redoxfsd disk:0
export PATH file:/bin:initfs:/bin
$(port_run suite "ion file:/ports/ed/run.ion")
sync
shutdown" 120
expect_status 0
port_section suite >"$d/out"
mkdir "$d/mnt"
port_mount "$d/img" "$d/mnt" || { echo "SKIP ed's suite needs FUSE to read its outputs"; exit 0; }
t=$d/mnt/tmp/edt
bad=""
for f in "$suite"/*.err; do
	n=$(basename "$f" .err)
	grep -Eqx "err-strict $n [1-9][0-9]*" "$d/out" || bad="$bad $n.err(exit status)"
	grep -qx "err-loose $n 0" "$d/out" || bad="$bad $n.err(-l)"
	grep -Eqx "err-piped $n [1-9][0-9]*" "$d/out" || bad="$bad $n.err(piped)"
	if [ -f "$t/$n.ro" ] && ! cmp -s "$t/$n.ro" "$suite/test.txt"; then
		bad="$bad $n.err(out.ro)"
	fi
done
ran=0
for f in "$suite"/*.ed; do
	n=$(basename "$f" .ed)
	ran=$((ran + 1))
	if grep -qx "ed $n 0" "$d/out" && cmp -s "$t/$n.o" "$suite/$n.r"; then
		continue
	fi
	case $shell_scripts in *" $n "*) echo "($n.ed fails: it needs a POSIX sh)"; ran=$((ran - 1)); continue ;; esac
	grep -qx "ed $n 0" "$d/out" || { bad="$bad $n.ed(exit: $(cat "$t/$n.log" 2>/dev/null))"; continue; }
	bad="$bad $n.ed(output)"
done
port_umount "$d/mnt"
[ -z "$bad" ] || _fail "ed's suite: failed:$bad"
echo "ed: $ran of $(ls "$suite"/*.ed | wc -l) .ed scripts and all $(ls "$suite"/*.err | wc -l) .err scripts pass"
