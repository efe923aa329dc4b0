#!/bin/sh
# check-same-core.sh BUILD: kernel.elf and redox-hosted link the identical
# core.a.  Two checks:
#  - each link recorded the sha256 of the core.a it used (mk/x86_64.mk);
#    both must equal today's core.a;
#  - every global function and object of core.a that one binary links is in
#    the other too, with the same size as in core.a: the same compiled
#    code, relocated differently.
set -u
export LC_ALL=C
B=${1:-build}
fail=0
now=$(sha256sum "$B/core.a" | cut -d' ' -f1)
for f in kernel.elf redox-hosted; do
	rec=$(cat "$B/$f.core-sha256" 2>/dev/null || echo none)
	if [ "$rec" != "$now" ]; then
		echo "same-core: $f was linked with core.a $rec, not the current $now"; fail=1
	fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Global symbols only: their names are unique within a link (statics such
# as two `ring` buffers are not, and the HAL may reuse a static's name).
nm -S --defined-only --extern-only "$B/core.a" 2>/dev/null | awk 'NF == 4 && $3 ~ /^[TDRB]$/ { print $4, $2 }' | sort -u >"$tmp/core"
for f in kernel.elf redox-hosted; do
	nm -S --defined-only --extern-only "$B/$f" | awk 'NF == 4 { print $4, $2 }' | sort -u >"$tmp/$f"
	# Only the archive members a link pulled in are there: compare those.
	join "$tmp/core" "$tmp/$f" >"$tmp/$f.linked"
done
# name core-size kernel-size / name core-size hosted-size, on common names
join -a1 -a2 -e MISSING -o 0,1.2,1.3,2.3 "$tmp/kernel.elf.linked" "$tmp/redox-hosted.linked" >"$tmp/both"
bad=$(awk '$2 != $3 || $2 != $4' "$tmp/both" | head -5)
if [ -n "$bad" ]; then
	echo "same-core: core symbols missing or of another size (name core kernel hosted): $bad"; fail=1
fi
grep -q '^core_main ' "$tmp/both" || { echo "same-core: core_main is not in both binaries"; fail=1; }
n=$(wc -l <"$tmp/both")
if [ $fail -eq 0 ]; then
	echo "same core: ok (core.a ${now%"${now#????????????}"}, $n core symbols linked into both, same sizes in kernel.elf and redox-hosted)"
fi
exit $fail
