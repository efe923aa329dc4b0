#!/bin/sh
# sources.sh NAME...: succeeds when every named recipe's Debian source is
# in build/ports/src/, downloading what is missing (ports/fetch.sh -d).
# `make test` runs the ports' checks only then.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
for n in "$@"; do
	srcpkg=""
	recipe=$top/ports/$n/recipe.sh
	[ -f "$recipe" ] || { echo "sources.sh: $n: no recipe" >&2; exit 1; }
	srcpkg=$(sed -n 's/^srcpkg=//p' "$recipe")
	[ -n "$srcpkg" ] || { echo "sources.sh: $recipe: no srcpkg=" >&2; exit 1; }
	"$top/ports/fetch.sh" -d "$srcpkg" || exit 1
done
