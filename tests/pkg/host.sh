#!/bin/bash
# host.sh BUILD: pkg (built for Linux as pkg-host, with -R ROOT) against
# the fixtures: install, dependencies, list/info/search, remove, upgrade,
# everything that must be refused with nothing written, and the recovery
# after a run killed mid-install.  Also Ed25519 against openssl, both ways.
set -u
B=$1
TOP=$(cd "$(dirname "$0")/../.." && pwd)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAILED: $*"; [ -n "${OUT-}" ] && printf '%s\n' "$OUT" | sed 's/^/  | /' | tail -15; }
# run ARGS: pkg's stdout+stderr in OUT, status in ST
run() { OUT=$("$B/host/pkg-host" -R "$W/root" "$@" 2>&1); ST=$?; }
has() { printf '%s\n' "$OUT" | grep -Eq -- "$1" && ok || bad "no line /$1/ in: pkg $LAST"; }
status() { [ "$ST" -eq "$1" ] && ok || bad "pkg $LAST: status $ST, wanted $1"; }
p() { LAST="$*"; run "$@"; }
# the root's files (not the db), to compare before and after
snap() { (cd "$W/root" && find . -path ./var/lib/pkg -prune -o -print | sort; \
	find . -type f -exec sha256sum {} + | sort) > "$W/$1"; }
same() { cmp -s "$W/$1" "$W/$2" && ok || { bad "$3"; diff "$W/$1" "$W/$2" | head; }; }
nojournal() { [ -z "$(ls -A "$W/root/var/lib/pkg" 2>/dev/null | grep -v '\.manifest$')" ] &&
	[ -z "$(find "$W/root" -name '.pkgnew.*')" ] && ok || bad "leftovers: $(ls -A "$W/root/var/lib/pkg"; find "$W/root" -name '.pkgnew.*')"; }

"$TOP/tests/pkg/mkfixtures.sh" "$B" "$W/fx" /bin/true || { echo "FAILED: fixtures"; exit 1; }
F=$W/fx
mkdir -p "$W/root/etc/pkg/keys" "$W/root/bin" "$W/root/usr"
ln -s ../bin "$W/root/usr/bin"
cp "$F/keys/test.pub" "$W/root/etc/pkg/keys/test.pub"
printf 'the original issue\n' > "$W/root/etc/issue"
printf '# where pkg finds packages\nfile:/repo\n' > "$W/root/etc/pkg/repo"
cp -r "$F/repo" "$W/root/repo"

# Ed25519 against openssl, both ways (when openssl has Ed25519).
if openssl version >/dev/null 2>&1; then
	seed=$(cat "$F/keys/test.key")
	{ printf '302e020100300506032b657004220420'; printf '%s' "$seed"; } | xxd -r -p > "$W/k.der"
	openssl pkey -inform DER -in "$W/k.der" -out "$W/k.pem" 2>/dev/null &&
	openssl pkey -in "$W/k.pem" -pubout -outform DER -out "$W/pub.der" 2>/dev/null
	if [ -s "$W/pub.der" ]; then
		[ "$(tail -c 32 "$W/pub.der" | xxd -p -c 64)" = "$("$B/host/pkg-edtool" pub "$seed")" ] &&
			ok || bad "public key differs from openssl's"
		for n in 1 33 100 5000; do
			head -c $n /dev/urandom > "$W/msg"
			openssl pkeyutl -sign -inkey "$W/k.pem" -rawin -in "$W/msg" -out "$W/sig.bin" 2>/dev/null
			ours=$("$B/host/pkg-edtool" sign "$seed" "$W/msg")
			[ "$(xxd -p -c 128 "$W/sig.bin")" = "$ours" ] && ok || bad "signature of $n bytes differs from openssl's"
			"$B/host/pkg-edtool" verify "$(cat "$F/keys/test.pub")" "$(xxd -p -c 128 "$W/sig.bin")" "$W/msg" &&
				ok || bad "openssl's signature refused"
			printf '%s' "$ours" | xxd -r -p > "$W/our.bin"
			openssl pkeyutl -verify -pubin -inkey "$W/pub.der" -keyform DER -rawin -in "$W/msg" \
			    -sigfile "$W/our.bin" >/dev/null 2>&1 && ok || bad "openssl refused our signature"
			printf 'x' >> "$W/msg"
			openssl pkeyutl -verify -pubin -inkey "$W/pub.der" -keyform DER -rawin -in "$W/msg" \
			    -sigfile "$W/our.bin" >/dev/null 2>&1 && bad "openssl accepted a changed message" || ok
		done
	else
		echo "SKIP openssl has no Ed25519"
	fi
fi

p list; status 0; [ -z "$OUT" ] && ok || bad "list of nothing printed: $OUT"
p search hello; status 0; has '^hello +1\.0 +Prints hello'
p search LANGUAGES; status 0; has '^greet +1\.0 +Greetings'
p search nosuchword; status 1; has "no package matches 'nosuchword'"
p info big; status 0; has '^status: not installed$'; has '^files: 24 \(480000 bytes\)$'

# Refused, and nothing written: each bad package, a collision with a file
# no package owns, an unknown package.
snap before
for b in tampered-file tampered-sig unknown-key escape symlink; do
	p install "$F/bad/$b.pkg"; status 1
	case $b in
	tampered-file) has 'refused: usr/share/hello/greeting.txt: SHA-256 does not match' ;;
	tampered-sig|unknown-key) has 'refused: signature not valid under any trusted key' ;;
	escape) has 'refused: manifest: line 5: bad file entry' ;;
	symlink) has "refused: usr/share/evil: not a regular file \\(tar type '2'\\)" ;;
	esac
done
p install issue; status 1; has 'cannot install issue: /etc/issue exists and belongs to no package'
p install nosuch; status 1; has 'nosuch: no such package in'
[ -e "$W/evil.txt" ] || [ -e "$W/root/../evil.txt" ] && bad "escape wrote outside" || ok
snap after; same before after "a refused install changed the root"; nojournal

# Install with its dependency, list, info, run it.
p install hello; status 0
has '^installed greet 1\.0 \(1 files\)$'; has '^installed hello 1\.0 \(3 files\)$'
p list; status 0; has '^greet +1\.0 '; has '^hello +1\.0 +Prints hello'
p info hello; has '^status: installed$'; has '^depends: greet$'; has '^  /usr/bin/pkghello$'
[ "$(cat "$W/root/usr/share/hello/greeting.txt")" = "hello from a package" ] && ok || bad "greeting.txt"
[ -x "$W/root/bin/pkghello" ] && ok || bad "pkghello not executable in /bin (through usr/bin)"
cmp -s "$W/root/bin/pkghello" /bin/true && ok || bad "pkghello bytes"
p install hello; status 0; has 'hello 1\.0 is already installed'
p search hello; has '^hello .*\[installed\]$'
nojournal

# Not root: install and remove are refused up front, saying what to do,
# and nothing is written (the mktemp directory opened so nobody can look).
if command -v setpriv >/dev/null; then
	chmod 755 "$W"
	snap before
	for c in "remove hello" "install big"; do
		LAST="$c (as nobody)"
		OUT=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$B/host/pkg-host" \
		    -R "$W/root" $c 2>&1); ST=$?
		status 1; has "pkg: ${c% *} changes the system: run it as root \\(sudo pkg ${c% *} \\.\\.\\.\\)"
	done
	snap after; same before after "a refused run as nobody changed the root"
	chmod 700 "$W"
else
	echo "SKIP setpriv is missing: no run as another user"
fi

# A collision with an installed package's file.
snap before
p install clash; status 1; has 'cannot install clash: /usr/share/hello/greeting.txt belongs to package hello'
snap after; same before after "a refused clash changed the root"

# Remove: not while needed; then hello, then greet; reinstall.
p remove greet; status 1; has 'cannot remove greet: hello depends on it'
p remove hello; status 0; has '^removed hello 1\.0$'
[ ! -e "$W/root/bin/pkghello" ] && [ ! -e "$W/root/usr/share/hello" ] && ok || bad "hello's files remain"
[ -d "$W/root/usr/share" ] && ok || bad "usr/share was pruned"
p remove greet; status 0; has '^removed greet 1\.0$'
p remove greet; status 1; has 'greet: not installed'
p list; [ -z "$OUT" ] && ok || bad "list after removals: $OUT"
p install "$F/repo/hello-1.0.pkg"; status 0; has '^installed hello 1\.0'
# Upgrade from a file: v1.txt is gone, greeting changed.
p install "$F/hello-2.0.pkg"; status 0; has '^installed hello 2\.0 \(2 files\)$'
[ ! -e "$W/root/usr/share/hello/doc" ] && ok || bad "the old version's file remains"
grep -q 'version two' "$W/root/usr/share/hello/greeting.txt" && ok || bad "greeting not upgraded"
p remove hello greet; status 0; nojournal

# Package files satisfy each other's dependencies, in any order; a
# dependency found nowhere refuses the lot.
mkdir -p "$W/empty"
snap before
p -r "$W/empty" install "$F/repo/hello-1.0.pkg"; status 1
has 'greet, needed by hello|repo\.txt: No such file'
snap after; same before after "a missing dependency changed the root"
p -r "$W/empty" install "$F/repo/hello-1.0.pkg" "$F/repo/greet-1.0.pkg"; status 0
printf '%s\n' "$OUT" | grep '^installed' | head -1 | grep -q '^installed greet' && ok ||
	bad "greet was not installed before hello"
p remove hello greet; status 0; nojournal

# Killed while writing temporaries: the next run removes them.
snap before
LAST="install big (killed)"
OUT=$(PKG_TEST_KILL=temp:10 "$B/host/pkg-host" -R "$W/root" install big 2>&1); ST=$?
[ $ST -ne 0 ] && ok || bad "the kill hook did not stop pkg"
[ -n "$(find "$W/root" -name '.pkgnew.*')" ] && ok || bad "no temporaries left to clean (hook too late?)"
[ -e "$W/root/var/lib/pkg/big.partial" ] && ok || bad "no journal after the kill"
p list; status 0; has 'removed what an interrupted install of big 1\.0 left'
snap after; same before after "leftovers after recovering a killed install"; nojournal

# Killed while renaming into place: the next run finishes the install.
LAST="install big (killed renaming)"
OUT=$(PKG_TEST_KILL=rename:5 "$B/host/pkg-host" -R "$W/root" install big 2>&1); ST=$?
[ $ST -ne 0 ] && ok || bad "the kill hook did not stop pkg"
p list; status 0; has 'finished an interrupted install of big 1\.0'; has '^big +1\.0'
[ "$(ls "$W/root/usr/share/big" | wc -l)" = 24 ] && ok || bad "big has not 24 files after recovery"
nojournal
p remove big; status 0

# Usage and bad input.
p; status 2
p frobnicate; status 2
p install 'Bad Name'; status 1; has 'not a package name'
OUT=$("$B/host/pkg-host" list 2>&1); ST=$?; LAST=list-without-R; status 2
p -r ftp://127.0.0.1/repo search x; status 1; has 'ftp://127.0.0.1/repo: not a repository \(a directory or an http:// URL\)'
p -r https://127.0.0.1/repo search x; status 1; has 'https is not supported \(no TLS\)'
p -r http://127.0.0.1:1/repo search x; status 1; has '^pkg: http://127.0.0.1:1/repo/repo.txt: connecting to 127.0.0.1 port 1: Connection refused$'
printf 'garbage\n' > "$W/root/repo/junk.pkg"
p install "$W/root/repo/junk.pkg"; status 1; has 'refused: not a package'

# Downloads cut short, from an http:// repository on 127.0.0.1 (a server
# that sends half of hello-1.0.pkg, then closes or stalls): an error, and
# no package under its real name in the cache; a killed download leaves
# only its .part file.  Nothing is installed either way.
if command -v python3 >/dev/null; then
	python3 - "$F/repo" > "$W/port" 2>/dev/null <<'PY' &
import os, socket, sys, time
repo = sys.argv[1]
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0))
s.listen(8)
s.settimeout(20)
print(s.getsockname()[1], flush=True)
n = 0
while n < 20:
    try:
        c, _ = s.accept()
    except socket.timeout:
        break
    n += 1
    name = os.path.basename(c.recv(4096).split(b" ")[1].decode())
    path = os.path.join(repo, name)
    if not os.path.isfile(path):
        c.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
    else:
        data = open(path, "rb").read()
        head = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(data)
        if name == "hello-1.0.pkg":
            c.sendall(head + data[:len(data) // 2])
            if os.path.exists(repo + "/../stall"):
                time.sleep(5)
        else:
            c.sendall(head + data)
    c.close()
PY
	srv=$!
	for i in $(seq 50); do [ -s "$W/port" ] && break; sleep 0.1; done
	port=$(cat "$W/port")
	mkdir -p "$W/r2/etc/pkg/keys"
	cp "$F/keys/test.pub" "$W/r2/etc/pkg/keys/test.pub"
	C=$W/r2/var/cache/pkg
	LAST="install from a server that closes early"
	OUT=$("$B/host/pkg-host" -R "$W/r2" -r "http://127.0.0.1:$port/" install hello 2>&1); ST=$?
	status 1
	has "^pkg: http://127.0.0.1:$port/hello-1.0.pkg: the connection closed after [0-9]+ of $(stat -c %s "$F/repo/hello-1.0.pkg") bytes$"
	[ -s "$C/repo.txt" ] && [ ! -e "$C/hello-1.0.pkg" ] && [ ! -e "$C/.part.hello-1.0.pkg" ] &&
		[ ! -e "$W/r2/var/lib/pkg/hello.manifest" ] && [ ! -e "$W/r2/usr" ] && ok ||
		bad "a broken download left: $(ls -A "$C" "$W/r2")"
	touch "$F/stall"
	(timeout -s KILL 2 "$B/host/pkg-host" -R "$W/r2" -r "http://127.0.0.1:$port/" install hello; true) >/dev/null 2>&1
	[ -s "$C/.part.hello-1.0.pkg" ] && [ ! -e "$C/hello-1.0.pkg" ] &&
		[ ! -e "$W/r2/var/lib/pkg/hello.manifest" ] && ok ||
		bad "a killed download left: $(ls -A "$C")"
	kill "$srv" 2>/dev/null
	wait "$srv" 2>/dev/null
fi

echo "pkg host: $pass passed, $fail failed"
[ $fail -eq 0 ]
