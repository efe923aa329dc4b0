# pkg from an http:// repository inside the OS: netstackd on loopback,
# the OS's own httpd serving /pkg (the fixture repository of
# tests/pkg/mkfixtures.sh at /pkg/repo, and /pkg/evil: the same index
# with a tampered hello and no big), pkg -r http://127.0.0.1:8080/...
# Tampered and missing packages are refused with nothing installed;
# good ones install, run and list; /etc/pkg/repo may name a URL; wget
# against a server that closes early fails.  Then on the host: the
# image is clean, the cache holds whole packages and no partial ones.
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
pkg_stage "$w" || return 0
printf '# the repository, over the network\nhttp://127.0.0.1:8080/repo/\n' > "$w/repo-url"
# A server that promises 1000 bytes and closes after 10.
printf 'HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789' > "$w/short.http"
printf 'nc -l 8081 < file:/pkg/short.http > null:\n' > "$w/short.ion"
{
	cat "$TOP/scripts/image/filesystem.list"
	grep -v '^file *\/etc\/pkg\/repo ' "$w/pkg.list"
	echo "file /etc/pkg/repo 0644 0 0 $w/repo-url"
	echo "dir /pkg/evil 0755 0 0"
	echo "file /pkg/evil/repo.txt 0644 0 0 $w/fx/repo/repo.txt"
	echo "file /pkg/evil/greet-1.0.pkg 0644 0 0 $w/fx/repo/greet-1.0.pkg"
	echo "file /pkg/evil/hello-1.0.pkg 0644 0 0 $w/fx/bad/tampered-file.pkg"
	echo "file /pkg/short.http 0644 0 0 $w/short.http"
	echo "file /pkg/short.ion 0644 0 0 $w/short.ion"
} > "$w/all.list"
"$BUILD/host/redoxfs-mkimage" -B "$BUILD" "$w/all.list" "$w/img" 64M >/dev/null ||
	_fail "redoxfs-mkimage"

boot_disk "$w/img" "notify redoxfsd disk:0
notify nulld
notify netstackd -l
export PATH file:/bin:initfs:/bin
cd file:/
httpd -q file:/pkg 8080 &
sleep 1
echo == evil
pkg -r http://127.0.0.1:8080/evil install hello
pkg -r http://127.0.0.1:8080/evil install big
pkg -r http://127.0.0.1:8080/nosuch/ search hello
pkg -r https://127.0.0.1/ list
pkg list
echo == good
pkg -r http://127.0.0.1:8080/repo/ search hello
pkg -r http://127.0.0.1:8080/repo info greet
pkg -r http://127.0.0.1:8080/repo install hello
pkghello
cat file:/usr/share/hello/greeting.txt
echo == config
pkg install big
pkg list
pkg remove big
echo == wget
ion file:/pkg/short.ion &
sleep 1
wget -O file:/tmp/short http://127.0.0.1:8081/short
ls file:/tmp/short
wget -O file:/tmp/r.txt http://127.0.0.1:8080/repo/repo.txt
wget -O file:/tmp/no http://127.0.0.1:8080/repo/nosuch.pkg
wget https://127.0.0.1/
echo == done
sync
shutdown" 90
expect_order '^== evil$' \
	'hello-1\.0\.pkg: refused: usr/share/hello/greeting\.txt: SHA-256 does not match the manifest' \
	'^pkg: http://127\.0\.0\.1:8080/evil/big-1\.0\.pkg: 404 Not Found$' \
	'^pkg: http://127\.0\.0\.1:8080/nosuch/repo\.txt: 404 Not Found$' \
	'^pkg: https://127\.0\.0\.1/: https is not supported \(no TLS\)$' \
	'^== good$' '^hello +1\.0 +Prints hello \(a test package\)$' \
	'^status: not installed$' \
	'^installed greet 1\.0 \(1 files\)$' '^installed hello 1\.0 \(3 files\)$' \
	'^asm_hello: hello from a program with no libc$' '^hello from a package$' \
	'^== config$' '^installed big 1\.0 \(24 files\)$' \
	'^big +1\.0' '^greet +1\.0' '^hello +1\.0' '^removed big 1\.0$' \
	'^== wget$' \
	'^wget: http://127\.0\.0\.1:8081/short: the connection closed after 10 of 1000 bytes$' \
	'^wget: file:/tmp/r\.txt: [0-9]+ bytes$' \
	'^wget: http://127\.0\.0\.1:8080/repo/nosuch\.pkg: 404 Not Found$' \
	'^wget: https://127\.0\.0\.1/: https is not supported \(no TLS\)$' '^== done$'
# Nothing between the refusals and the good install was installed.
printf '%s\n' "$OUT" | sed -n '/^== evil$/,/^== good$/p' | grep -E '^installed |^(greet|hello|big) +1\.0' &&
	_fail "something was installed from the bad repository"
# A killed or broken wget keeps nothing.
expect "ls: cannot access 'file:/tmp/short': No such file or directory"
# The console is a terminal: downloading big (500 KB) draws a bar.
expect 'big-1\.0\.pkg +\[#+\.+\] +[0-9]+%.*big-1\.0\.pkg +\[#{30}\] 100%$'
expect_not 'netstackd:'
expect_status 0

image_check "$w/img" "after pkg"
want "^/var/cache/pkg d 0755 "
want "^/var/cache/pkg/repo\.txt f 0644 0 0 $(stat -c %s "$w/fx/repo/repo.txt") .* $(sha256sum < "$w/fx/repo/repo.txt" | cut -d' ' -f1)$"
want "^/var/cache/pkg/hello-1\.0\.pkg f 0644 0 0 .* $(sha256sum < "$w/fx/repo/hello-1.0.pkg" | cut -d' ' -f1)$"
want "^/var/cache/pkg/big-1\.0\.pkg f 0644 0 0 .* $(sha256sum < "$w/fx/repo/big-1.0.pkg" | cut -d' ' -f1)$"
want "^/usr/share/hello/greeting\.txt f 0644 0 0 21 "
printf '%s\n' "$IMAGE_LS" | grep -E '/\.part\.|\.pkgnew\.|/var/lib/pkg/[^ ]*\.(partial|commit|removing|tmp) |^/usr/share/big' &&
	_fail "leftovers in the image"
[ "$(printf '%s\n' "$IMAGE_LS" | grep -c '^/var/lib/pkg/')" -eq 2 ] || _fail "not exactly two packages in /var/lib/pkg"
true
