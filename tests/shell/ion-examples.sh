#!/bin/sh
# tests/shell/ion-examples.sh [BUILD] - dev only, not part of `make test`:
# runs ion's own example scripts (tests/*.ion in the redox-os/ion mirror)
# through build/host/ion and counts how many print exactly their .out
# (ion's .out files hold stdout and stderr together).
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
B=${1:-$TOP/build}
ION=$(cd "$B" && pwd)/host/ion
REPO=${ION_REPO:-/work/.mirror/redox-os+ion/repo}
[ -d "$REPO" ] || { echo "ion-examples: no ion mirror at $REPO"; exit 0; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
git -C "$REPO" archive HEAD tests | tar -x -C "$T" || exit 1
pass=0 fail=0 failed=""
for f in "$T"/tests/*.ion; do
	n=$(basename "$f" .ion)
	[ -f "$T/tests/$n.out" ] || continue
	if (cd "$T/tests" && timeout 10 "$ION" "$n.ion" </dev/null 2>&1) | cmp -s - "$T/tests/$n.out"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		failed="$failed $n"
	fi
done
echo "ion examples: $pass of $((pass + fail)) match"
[ "${VERBOSE:-0}" = 1 ] && echo "differ:$failed"
exit 0
