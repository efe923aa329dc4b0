#!/bin/sh
# fetch.sh SRCPKG DESTDIR: the Debian source package SRCPKG (bookworm),
# unpacked with Debian's patches applied, in DESTDIR (removed first).
# fetch.sh -d SRCPKG: only make sure the files are in the cache.
#
# The .dsc, .orig.tar.* and .debian.tar.* are kept in
# build/ports/src/SRCPKG/; once they are there no network is used.  The
# download goes through a private apt configuration under
# build/ports/apt/ (its own sources.list, lists and cache), never through
# the system's.  apt checks the files against the signed Sources index.
set -eu
usage() { echo "usage: fetch.sh SRCPKG DESTDIR | fetch.sh -d SRCPKG" >&2; exit 2; }
[ $# -eq 2 ] || usage
if [ "$1" = -d ]; then pkg=$2 dest=""; else pkg=$1 dest=$2; fi
case $pkg in ""|-*|*/*) usage ;; esac
top=$(cd "$(dirname "$0")/.." && pwd)
ports=${PORTS_BUILD:-$top/build/ports}
cache=$ports/src/$pkg
apt=$ports/apt

mkdir -p "$cache"
if ! ls "$cache"/*.dsc >/dev/null 2>&1; then
	mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/parts" "$apt/prefs"
	echo 'deb-src http://deb.debian.org/debian bookworm main' >"$apt/sources.list"
	: >"$apt/status"
	set -- -o Dir::Etc::sourcelist="$apt/sources.list" \
	    -o Dir::Etc::sourceparts="$apt/parts" \
	    -o Dir::Etc::preferencesparts="$apt/prefs" \
	    -o Dir::State::Lists="$apt/lists" \
	    -o Dir::State::status="$apt/status" \
	    -o Dir::Cache="$apt/cache" \
	    -o APT::Sandbox::User=root -o Acquire::Languages=none \
	    -o Acquire::http::Timeout=20 -o Acquire::Retries=1
	# One index download serves every recipe; refresh it once a day.
	# Recipes fetch in parallel under make -j: one update at a time (the
	# others wait for it, then find the index fresh).
	exec 9>"$apt/update.lock"
	flock 9
	if [ -z "$(find "$apt/lists" -name '*Sources*' -mtime -1 2>/dev/null)" ]; then
		apt-get "$@" -qq update || { echo "fetch: $pkg: apt-get update failed (no network?)" >&2; exit 1; }
	fi
	flock -u 9
	tmp=$cache.tmp
	rm -rf "$tmp" && mkdir -p "$tmp"
	( cd "$tmp" && apt-get "$@" -qq source --download-only "$pkg" ) ||
		{ echo "fetch: $pkg: apt-get source failed" >&2; rm -rf "$tmp"; exit 1; }
	mv "$tmp"/* "$cache"/ && rmdir "$tmp"
fi
[ -n "$dest" ] || exit 0
dsc=$(ls "$cache"/*.dsc | head -n 1)
rm -rf "$dest"
mkdir -p "$(dirname "$dest")"
# --no-check: the files were verified against the signed index when they
# were downloaded; the .dsc's own OpenPGP signature needs debian-keyring.
dpkg-source --no-check -x "$dsc" "$dest" >/dev/null ||
	{ echo "fetch: $pkg: dpkg-source -x $dsc failed" >&2; exit 1; }
