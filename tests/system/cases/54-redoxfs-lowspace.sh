# A nearly full disk: with less than RFSD_LOW_SPACE free, redoxfsd
# commits before every request.  Files copied in 16 KiB writes (cp), one
# of them chmod'ed while its records still waited in the record cache,
# come back whole; a copy that does not fit fails with ENOSPC, not EIO.
# (Each request's node was once loaded before that commit: the writes
# after it failed with EIO, and the chmod stored stale record pointers.)
img=$(mktemp)
trap 'rm -f "$img"' EXIT
"$BUILD/host/redoxfs-mkfs" "$img" 3M >/dev/null || _fail "redoxfs-mkfs"
src=$BUILD/initfs/bin
boot_disk "$img" "notify redoxfsd disk:0
export PATH initfs:/bin
cp initfs:/bin/netstackd file:/fill1
cp initfs:/bin/netstackd file:/fill2
cp initfs:/bin/netstackd file:/fill3
cp initfs:/bin/netstackd file:/fill4
df
cp initfs:/bin/netstackd file:/a
chmod 600 file:/a
cp initfs:/bin/ion file:/b
cp initfs:/bin/netstackd file:/c1
cp initfs:/bin/netstackd file:/c2
cp initfs:/bin/netstackd file:/c3
cp initfs:/bin/netstackd file:/c4
cp initfs:/bin/netstackd file:/c5
cp initfs:/bin/netstackd file:/c6
cp initfs:/bin/netstackd file:/c7
cp initfs:/bin/netstackd file:/c8
cp initfs:/bin/netstackd file:/c9
cp initfs:/bin/netstackd file:/c10
cp initfs:/bin/netstackd file:/c11
cp initfs:/bin/netstackd file:/c12
df
ls -l file:/
rm -f file:/c1 file:/c2 file:/c3 file:/c4 file:/c5 file:/c6 file:/c7 file:/c8 file:/c9 file:/c10 file:/c11 file:/c12
sync
shutdown" 60
expect '^file: +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+%$'
expect "^cp: error writing 'file:/c[0-9]+': No space left on device$"
expect_not 'I/O error'
expect_status 0
image_check "$img" "after the low-space copies"
sha() { sha256sum "$1" | cut -d' ' -f1; }
want "^/a f 0600 0 0 $(stat -c %s "$src/netstackd") [0-9.]+ $(sha "$src/netstackd")$"
want "^/b f 0755 0 0 $(stat -c %s "$src/ion") [0-9.]+ $(sha "$src/ion")$"
want "^/fill4 f 0755 0 0 $(stat -c %s "$src/netstackd") [0-9.]+ $(sha "$src/netstackd")$"
