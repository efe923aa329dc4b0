#!/bin/sh
# build.sh NAME [BUILDDIR]: build ports/NAME/recipe.sh.
#
# Fetches the Debian source (ports/fetch.sh), unpacks it in
# BUILDDIR/ports/work/NAME/, runs the recipe's recipe_build there with the
# cross tools in the environment, and on success writes
# BUILDDIR/ports/stage/NAME.meta next to the staged files in
# BUILDDIR/ports/stage/NAME/.  The build's output goes to
# BUILDDIR/ports/log/NAME.log; its end is shown when it fails.
set -eu
[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: build.sh NAME [BUILDDIR]" >&2; exit 2; }
name=$1
top=$(cd "$(dirname "$0")/.." && pwd)
bdir=$(cd "$top" && mkdir -p "${2:-build}" && cd "${2:-build}" && pwd)
recipe=$top/ports/$name/recipe.sh
[ -f "$recipe" ] || { echo "build.sh: $name: no recipe ($recipe)" >&2; exit 1; }

ports=$top/build/ports
work=$bdir/ports/work/$name
STAGE=$bdir/ports/stage/$name
log=$bdir/ports/log/$name.log
meta=$bdir/ports/stage/$name.meta
mkdir -p "$(dirname "$log")"
rm -f "$meta"

srcpkg="" description=""
. "$recipe"
[ -n "$srcpkg" ] && [ -n "$description" ] ||
	{ echo "build.sh: $recipe: srcpkg and description must be set" >&2; exit 1; }

echo "ports: $name: fetching $srcpkg"
PORTS_BUILD=$ports "$top/ports/fetch.sh" "$srcpkg" "$work/src"
dsc=$(ls "$ports/src/$srcpkg"/*.dsc | head -n 1)
version=$(sed -n 's/^Version: *//p' "$dsc" | head -n 1)
version=${version#*:}	# no epoch: it would put a colon in file names

tools=$bdir/host
export CC="$tools/x86_64-redox-gcc" AR="$tools/x86_64-redox-ar" \
	RANLIB="$tools/x86_64-redox-ranlib" STRIP="$tools/x86_64-redox-strip" \
	NM="$tools/x86_64-redox-nm"
# PORT_ names: HOST and BUILD would reach every make as variables.
export PORT_HOST=x86_64-redox PORT_BUILD=x86_64-pc-linux-gnu HOSTCC=gcc
export STAGE JOBS="${JOBS:-2}" PORTS_TOP="$top"
rm -rf "$STAGE" && mkdir -p "$STAGE"
echo "ports: $name: building $srcpkg $version (log: $log)"
# A shell of its own, so that -e holds inside recipe_build (it would not
# in a subshell tested by `if`).
if ! (cd "$work/src" && sh -exc '. "$1" && recipe_build' sh "$recipe") >"$log" 2>&1; then
	tail -n 30 "$log" >&2
	echo "ports: $name: build failed (whole log: $log)" >&2
	exit 1
fi
printf 'name=%s\nversion=%s\ndescription=%s\n' "$name" "$version" "$description" >"$meta.tmp"
mv "$meta.tmp" "$meta"
echo "ports: $name: staged in $STAGE"
