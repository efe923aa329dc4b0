#!/bin/sh
# check-prog.sh PROG: a program the kernel can load is a static PIE with no
# interpreter and only R_X86_64_RELATIVE relocations (core/exec.c rejects
# anything else with -ENOEXEC).
set -e
prog=$1
if readelf -lW "$prog" | grep -q 'INTERP'; then
	echo "$prog: has a PT_INTERP (not a static PIE)" >&2; exit 1
fi
bad=$(readelf -rW "$prog" | awk '/^[0-9a-f]+ +[0-9a-f]+ +R_X86_64_/ && $3 != "R_X86_64_RELATIVE" { print $3 }' | sort -u)
if [ -n "$bad" ]; then
	echo "$prog: relocations the loader rejects: $bad" >&2; exit 1
fi
