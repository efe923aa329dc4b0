# zlib inside the OS: its own test program (example) and a minigzip round
# trip of 1 MB, plus a file gzip made on the host decompressed in the OS.
# The results are read back on the host: redoxfs-ls's checksums, and
# through the FUSE mount, the OS's .gz decompressed by the host's gzip.
. "$TOP/ports/tests/lib.sh"
d=$(mktemp -d)
trap 'mountpoint -q "$d/mnt" && fusermount3 -u "$d/mnt"; rm -rf "$d"' EXIT
# Text and binary, compressible and not.
python3 -c 'import sys, random
r = random.Random(17)
w = sys.stdout.buffer.write
for i in range(20000): w(b"line %d of the zlib round trip\n" % i)
w(bytes(r.getrandbits(8) for _ in range(300000)))' >"$d/data.bin"
gzip -9 -c "$d/data.bin" >"$d/host.gz"
sum=$(sha256sum <"$d/data.bin" | cut -d' ' -f1)
size=$(stat -c %s "$d/data.bin")
port_image "$d/img" zlib -- \
	"file /bin/zlib-example 0755 0 0 $BUILD/ports/stage/zlib/usr/libexec/zlib/example" \
	"file /ports/data.bin 0644 0 0 $d/data.bin" \
	"file /ports/host.gz 0644 0 0 $d/host.gz"
boot_disk "$d/img" "notify redoxfsd disk:0
export PATH file:/bin:initfs:/bin
cd file:/tmp
$(port_run example "zlib-example file:/tmp/foo.gz")
cp file:/ports/data.bin file:/tmp/rt
minigzip file:/tmp/rt
cp file:/tmp/rt.gz file:/tmp/keep.gz
minigzip -d file:/tmp/rt.gz
cp file:/ports/host.gz file:/tmp/host.gz
minigzip -d file:/tmp/host.gz
ls file:/tmp
sync
shutdown" 60
expect_status 0
port_section example >"$d/example"
want_ex() { grep -Eq -- "$1" "$d/example" || _fail "example printed no line /$1/"; }
want_ex '^zlib version 1\.2\.13 = 0x12d0, compile flags = 0x[0-9a-f]+$'
for l in 'uncompress\(\): hello, hello!' 'gzread\(\): hello, hello!' \
	'gzgets\(\) after gzseek:  hello!' 'inflate\(\): hello, hello!' \
	'large_inflate\(\): OK' 'after inflateSync\(\): hello, hello!' \
	'inflate with dictionary: hello, hello!'; do
	want_ex "^$l$"
done
grep -qi 'error' "$d/example" && _fail "example reports an error: $(cat "$d/example")"
expect_not '^minigzip: '
ls=$("$BUILD/host/redoxfs-ls" "$d/img") || _fail "redoxfs-ls"
for f in /tmp/rt /tmp/host; do
	printf '%s\n' "$ls" | grep -Eq "^$f f [0-7]+ 0 0 $size [0-9.]+ $sum$" ||
		_fail "$f is not the original data: $(printf '%s\n' "$ls" | grep "^$f ")"
done
printf '%s\n' "$ls" | grep -q '^/tmp/rt.gz ' && _fail "minigzip -d left rt.gz"
mkdir "$d/mnt"
if port_mount "$d/img" "$d/mnt"; then
	got=$(gzip -dc "$d/mnt/tmp/keep.gz" | sha256sum | cut -d' ' -f1)
	port_umount "$d/mnt"
	[ "$got" = "$sum" ] || _fail "the host's gzip -d of the OS's .gz differs"
else
	echo "(no FUSE: the OS's .gz is not checked by the host's gzip)"
fi
