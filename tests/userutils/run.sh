#!/usr/bin/env bash
# Host tests of apps/userutils/lib: HMAC and PBKDF2 against python3's
# hashlib, then the library's own checks in a temporary /etc.
#   tests/userutils/run.sh BUILD
set -u
B=${1:-build}
t=$B/host/tests/userutils/test_userutils
fail=0 n=0
cmp_py() {	# what, ours, python expression
	n=$((n + 1))
	want=$(python3 -c "import hashlib, hmac; print($3)") || { echo "FAIL: python3"; fail=1; return; }
	[ "$2" = "$want" ] || { echo "FAIL: $1: got $2, want $want"; fail=1; }
}
cmp_py "hmac short key" "$($t hmac key 'The quick brown fox')" \
	"hmac.new(b'key', b'The quick brown fox', hashlib.sha256).hexdigest()"
long=$(printf 'k%.0s' $(seq 100))
cmp_py "hmac long key" "$($t hmac "$long" msg)" \
	"hmac.new(b'$long', b'msg', hashlib.sha256).hexdigest()"
cmp_py "hmac empty" "$($t hmac '' '')" \
	"hmac.new(b'', b'', hashlib.sha256).hexdigest()"
# RFC 7914 section 11's first PBKDF2-HMAC-SHA256 vector, spelled out.
n=$((n + 1))
rfc=55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783
[ "$($t pbkdf2 passwd salt 1 64)" = "$rfc" ] || { echo "FAIL: pbkdf2 RFC 7914 vector"; fail=1; }
for args in "password salt 1 32" "password salt 2 32" "password saltSALTsaltSALTsalt 4096 40" "pw 0123456789abcdef 10000 32"; do
	set -- $args
	cmp_py "pbkdf2 $args" "$($t pbkdf2 "$@")" \
		"hashlib.pbkdf2_hmac('sha256', b'$1', b'$2', $3, $4).hex()"
done
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
$t self "$d" | grep -v '^test_userutils:' ; r=${PIPESTATUS[0]}
[ "$r" -eq 0 ] || fail=1
echo "userutils host tests: $n hash vectors, $($t self "$d" | tail -1 | sed 's/^test_userutils: //')"
exit $fail
