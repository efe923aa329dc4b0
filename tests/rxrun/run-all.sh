#!/bin/sh
# run-all.sh RXRUN PROG...: runs each libc test program on Linux through
# rxrun, in a scratch directory, and reports like the system tests.
rx=$(cd "$(dirname "$1")" && pwd)/$(basename "$1"); shift
pass=0; fail=0
for p in "$@"; do
	name=$(basename "$p")
	abs=$(cd "$(dirname "$p")" && pwd)/$name
	dir=$(mktemp -d)
	out=$(cd "$dir" && TMPDIR="$dir" timeout 60 "$rx" "$abs" 2>&1 </dev/null)
	st=$?
	rm -rf "$dir"
	order_ok=1
	if [ "$name" = libc_stdlib ]; then	# atexit handlers, in reverse order
		printf '%s\n' "$out" | tail -2 | tr '\n' ' ' |
		    grep -q 'registered second.*registered first' || order_ok=0
	fi
	if [ $st -eq 0 ] && [ $order_ok = 1 ] &&
	    printf '%s\n' "$out" | grep -Eq "^$name: all [0-9]+ checks passed"; then
		printf 'ok   %-20s %s\n' "$name" "$(printf '%s\n' "$out" | grep -E "^$name: all")"
		pass=$((pass + 1))
	else
		printf 'FAIL %-20s (status %s)\n' "$name" "$st"
		printf '%s\n' "$out" | tail -30 | sed 's/^/     | /'
		fail=$((fail + 1))
	fi
done
echo "libc on rxrun: $pass passed, $fail failed"
[ $fail -eq 0 ]
