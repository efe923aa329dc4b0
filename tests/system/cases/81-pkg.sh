# pkg inside the OS, on a root disk made the way the image build makes
# one with packages: pkg-image preinstalls greet and puts the fixture
# repository (tests/pkg/mkfixtures.sh) at /pkg/repo, trusted under the
# fixtures' key; the broken packages are in /pkg/bad.  Install (with a
# dependency already there), run what was installed, list, info, search,
# remove, reinstall; refusals with nothing written; a run killed while
# writing and one killed while renaming, each put right by the next run.
# Then on the host: the image checks clean and holds exactly what it should.
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
pkg_stage "$w" greet || return 0
{
	cat "$TOP/scripts/image/filesystem.list" "$w/pkg.list"
	echo "dir /pkg/bad 0755 0 0"
	for b in "$w"/fx/bad/*.pkg; do echo "file /pkg/bad/$(basename "$b") 0644 0 0 $b"; done
} > "$w/all.list"
"$BUILD/host/redoxfs-mkimage" -B "$BUILD" "$w/all.list" "$w/img" 64M >/dev/null ||
	_fail "redoxfs-mkimage"

boot_disk "$w/img" "notify redoxfsd disk:0
export PATH file:/bin:initfs:/bin
cd file:/
echo == list
pkg list
pkg search hello
pkg info hello
echo == refused
pkg install file:/pkg/bad/tampered-file.pkg
pkg install file:/pkg/bad/tampered-sig.pkg
pkg install file:/pkg/bad/unknown-key.pkg
pkg install file:/pkg/bad/escape.pkg
pkg install file:/pkg/bad/symlink.pkg
pkg install issue
echo == install
pkg install hello
pkghello
cat file:/usr/share/hello/greeting.txt
pkg list
pkg install clash
pkg remove greet
echo == remove
pkg remove hello
pkg list
echo == reinstall
pkg install hello
pkg info hello
echo == killed
export PKG_TEST_KILL temp:10
pkg install big
unset PKG_TEST_KILL
pkg list
export PKG_TEST_KILL rename:5
pkg install big
unset PKG_TEST_KILL
pkg list
pkg remove big
echo == done
sync
shutdown" 60
expect_order '^== list$' '^greet +1\.0 +Greetings in three languages$' \
	'^hello +1\.0 +Prints hello \(a test package\)$' '^status: not installed$' '^== refused$'
expect 'tampered-file\.pkg: refused: usr/share/hello/greeting\.txt: SHA-256 does not match the manifest'
expect 'tampered-sig\.pkg: refused: signature not valid under any trusted key'
expect 'unknown-key\.pkg: refused: signature not valid under any trusted key'
expect 'escape\.pkg: refused: manifest: line 5: bad file entry'
expect "symlink\\.pkg: refused: usr/share/evil: not a regular file \\(tar type '2'\\)"
expect 'cannot install issue: /etc/issue exists and belongs to no package'
expect_order '^== install$' '^installed hello 1\.0 \(3 files\)$' \
	'^asm_hello: hello from a program with no libc$' '^hello from a package$' \
	'^greet +1\.0' '^hello +1\.0' \
	'cannot install clash: /usr/share/hello/greeting\.txt belongs to package hello' \
	'cannot remove greet: hello depends on it' '^== remove$' '^removed hello 1\.0$' \
	'^greet +1\.0' '^== reinstall$' '^installed hello 1\.0 \(3 files\)$' '^status: installed$' \
	'^  /usr/bin/pkghello$' '^== killed$' \
	'PKG_TEST_KILL: stopping after 10 files \(temp\)' \
	'removed what an interrupted install of big 1\.0 left' \
	'PKG_TEST_KILL: stopping after 5 files \(rename\)' \
	'finished an interrupted install of big 1\.0' '^big +1\.0' '^removed big 1\.0$' '^== done$'
expect_not 'installed greet'
# The console is a terminal: big (480 KB) draws a progress bar, hello
# (13 KB) does not.
expect 'big +\[#+\.+\] +[0-9]+%.*big +\[#{30}\] 100%$'
expect_not 'hello +\[#'
expect_status 0

image_check "$w/img" "after pkg"
want "^/bin/pkghello f 0755 0 0 "
want "^/usr/share/hello/greeting\.txt f 0644 0 0 21 .* $(printf 'hello from a package\n' | sha256sum | cut -d' ' -f1)$"
want "^/var/lib/pkg/greet\.manifest f "
want "^/var/lib/pkg/hello\.manifest f "
want "^/etc/issue f 0644 0 0 .* $(sha256sum < "$TOP/scripts/image/etc/issue" | cut -d' ' -f1)$"
printf '%s\n' "$IMAGE_LS" | grep -E '\.pkgnew\.|/var/lib/pkg/[^ ]*\.(partial|commit|removing|tmp) |^/usr/share/(big|evil|clash)|evil\.txt' &&
	_fail "leftovers in the image"
[ "$(printf '%s\n' "$IMAGE_LS" | grep -c '^/var/lib/pkg/')" -eq 2 ] || _fail "not exactly two packages in /var/lib/pkg"
true
