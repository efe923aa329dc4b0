# lz4 inside the OS: 1 MB of text and random bytes compressed at levels 1
# and 9 and decompressed again, a host-made .lz4 decompressed, and lz4
# -b's built-in round trip; the results are checked on the host
# (redoxfs-ls's checksums; through FUSE, the host's lz4 -d).  Not lz4 -t:
# it writes to /dev/null, which the OS does not have (null: is its name,
# and a link from another scheme gives EXDEV).
. "$TOP/ports/tests/lib.sh"
d=$(mktemp -d)
trap 'mountpoint -q "$d/mnt" && fusermount3 -u "$d/mnt"; rm -rf "$d"' EXIT
python3 -c 'import sys, random
r = random.Random(4)
w = sys.stdout.buffer.write
for i in range(30000): w(b"record %d: %s\n" % (i, b"abc" * (i % 9)))
w(bytes(r.getrandbits(8) for _ in range(200000)))' >"$d/data.bin"
sum=$(sha256sum <"$d/data.bin" | cut -d' ' -f1)
size=$(stat -c %s "$d/data.bin")
have_lz4=0
if command -v lz4 >/dev/null; then
	lz4 -q -9 "$d/data.bin" "$d/host.lz4" && have_lz4=1
fi
extra="file /ports/data.bin 0644 0 0 $d/data.bin"
[ $have_lz4 = 1 ] && extra2="file /ports/host.lz4 0644 0 0 $d/host.lz4" || extra2="dir /ports/nohost 0755 0 0"
port_image "$d/img" lz4 -- "$extra" "$extra2"
boot_disk "$d/img" "notify redoxfsd disk:0
export PATH file:/bin:initfs:/bin
lz4 -q -1 file:/ports/data.bin file:/tmp/d1.lz4
lz4 -q -9 file:/ports/data.bin file:/tmp/d9.lz4
lz4 -q -d file:/tmp/d1.lz4 file:/tmp/out1
lz4 -q -d file:/tmp/d9.lz4 file:/tmp/out9
lz4 -q -d file:/ports/data.bin file:/tmp/notlz4
$([ $have_lz4 = 1 ] && echo "lz4 -q -d file:/ports/host.lz4 file:/tmp/outh")
$(port_run bench "lz4 -q -b1 -i1 file:/ports/data.bin")
sync
shutdown" 60
expect_status 0
ls=$("$BUILD/host/redoxfs-ls" "$d/img") || _fail "redoxfs-ls"
outs="/tmp/out1 /tmp/out9"
[ $have_lz4 = 1 ] && outs="$outs /tmp/outh"
for f in $outs; do
	printf '%s\n' "$ls" | grep -Eq "^$f f [0-7]+ 0 0 $size [0-9.]+ $sum$" ||
		_fail "$f is not the original data: $(printf '%s\n' "$ls" | grep "^$f ")"
done
# A file that is not lz4 is refused with lz4's message, and nothing else is.
expect '^Error 44 : Unrecognized header : file cannot be decoded'
[ "$(printf '%s\n' "$OUT" | grep -c '^Error')" -eq 1 ] || _fail "lz4 reported more than one error"
# (The sanitizer build's own "==PID==WARNING" notices are not lz4's.)
printf '%s\n' "$OUT" | grep -v '^==[0-9]*==' | grep -q 'WARNING' &&
	_fail "lz4 -b found a bad round trip"
port_section bench | grep -Eq "^-1 +[0-9]+ \([0-9.]+\) +[0-9.]+ MB/s +[0-9.]+ MB/s +data.bin$" ||
	_fail "lz4 -b printed no result: $(port_section bench)"
mkdir "$d/mnt"
if [ $have_lz4 = 1 ] && port_mount "$d/img" "$d/mnt"; then
	got1=$(lz4 -q -d -c "$d/mnt/tmp/d1.lz4" | sha256sum | cut -d' ' -f1)
	got9=$(lz4 -q -d -c "$d/mnt/tmp/d9.lz4" | sha256sum | cut -d' ' -f1)
	port_umount "$d/mnt"
	[ "$got1" = "$sum" ] && [ "$got9" = "$sum" ] || _fail "the host's lz4 -d of the OS's files differs"
else
	echo "(no host lz4 or no FUSE: the OS's .lz4 files are not checked by the host)"
fi
