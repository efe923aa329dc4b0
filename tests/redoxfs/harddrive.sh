#!/usr/bin/env bash
# build/harddrive.img (made from scripts/image/filesystem.list) checks
# clean and holds the programs, /etc and the home directories with the
# owners and modes the manifest gives.
#   tests/redoxfs/harddrive.sh BUILD
set -u
B=${1:-build}
img=$B/harddrive.img
fail=0
"$B/host/redoxfs-fsck" -q "$img" || { echo "FAIL: fsck $img"; fail=1; }
ls=$("$B/host/redoxfs-ls" "$img") || { echo "FAIL: redoxfs-ls $img"; exit 1; }
want() {
	printf '%s\n' "$ls" | grep -Eq -- "$1" || { echo "FAIL: no line /$1/"; fail=1; }
}
want '^/ d 0755 0 0 '
want '^/bin/init f 0755 0 0 '
want '^/bin/redoxfsd f 0755 0 0 '
want '^/bin/shutdown f 0755 0 0 '
want '^/bin/(df|mount|sync) f 0755 0 0 '
want '^/etc/init.rc f 0644 0 0 '
want '^/etc/shadow f 0600 0 0 '
want '^/home/user d 0755 1000 1000 '
want '^/root d 0700 0 0 '
want '^/tmp d 1777 0 0 '
# Every program of the initfs is in /bin, byte for byte.
for p in "$B"/initfs/bin/*; do
	h=$(sha256sum "$p" | cut -d' ' -f1)
	want "^/bin/$(basename "$p") f 0755 0 0 $(stat -c %s "$p") [0-9.]+ $h\$"
done
n=$(printf '%s\n' "$ls" | grep -c '^/bin/')
[ $fail -eq 0 ] && echo "harddrive: $img checks clean, $n programs in /bin"
exit $fail
