#!/bin/sh
# Checks the shape rules of ARCHITECTURE.md on a built core.a:
#  - undefined symbols are only hal_* and mem{cpy,set,move,cmp}
#    (sanitizer builds may also need __asan_* / __ubsan_*);
#  - it defines no libc names, and no hal_* names (only HAL calls are);
#  - every core/*.c module has its own header (main.c needs none);
#  - core/ has no backend conditionals and includes only allowed headers.
set -u
a=${1:-build/core.a}
fail=0
defined=$(mktemp)
nm --defined-only "$a" | awk 'NF==3 {print $3}' | sort -u >"$defined"
needed=$(nm -u "$a" | awk 'NF==2 {print $2}' | sort -u | comm -23 - "$defined")
rm -f "$defined"
undef=$(printf '%s\n' "$needed" | grep -v '^$' |
	grep -vE '^(hal_[a-z0-9_]+|memcpy|memset|memmove|memcmp|__(asan|ubsan|sanitizer)_.*|_GLOBAL_OFFSET_TABLE_)$')
if [ -n "$undef" ]; then
	echo "core.a needs symbols outside the HAL: $undef"; fail=1
fi
libc=$(nm --defined-only "$a" | awk '$2 ~ /^[TDBR]$/ {print $3}' |
	grep -xE 'memcpy|memset|memmove|memcmp|strlen|strcpy|strcmp|malloc|free|calloc|realloc|printf|sprintf|snprintf|abort|exit|puts|putchar')
if [ -n "$libc" ]; then
	echo "core.a defines libc names: $libc"; fail=1
fi
# Every name the host's libc exports counts too: a core function called
# like a libc one (say sched_yield) would replace it inside redox-hosted
# and the unit tests, for glibc and the sanitizers alike.
hostlibc=$(${CC:-gcc} -print-file-name=libc.so.6 2>/dev/null)
if [ -f "$hostlibc" ]; then
	names=$(mktemp)
	nm -D --defined-only "$hostlibc" | awk '{sub(/@.*/, "", $3); print $3}' | sort -u >"$names"
	clash=$(nm --defined-only "$a" | awk '$2 ~ /^[TDBRW]$/ {print $3}' | sort -u | comm -12 - "$names")
	rm -f "$names"
	if [ -n "$clash" ]; then
		echo "core.a defines names the host libc exports: $clash"; fail=1
	fi
fi
own=$(nm --defined-only "$a" | awk '{print $NF}' | grep -E '^hal_' | sort -u)
if [ -n "$own" ]; then
	echo "core.a defines hal_* names (only HAL calls may be called so): $own"; fail=1
fi
# (The syscall handlers sys_*.c share syscall.h; runq.c is sched.h's.)
for c in core/*.c; do
	case $c in core/main.c|core/sys_*.c|core/runq.c) continue ;; esac
	[ -f "${c%.c}.h" ] || { echo "core module without a header: $c"; fail=1; }
done
cond=$(grep -rnE '#\s*(if|ifdef|ifndef|elif).*(HOSTED|X86_64|__linux__|_WIN32|CONFIG_HAL|BACKEND|__x86_64__)' core --include='*.[ch]')
if [ -n "$cond" ]; then
	echo "core/ branches on the backend:"; echo "$cond"; fail=1
fi
inc=$(grep -rnE '^\s*#\s*include' core --include='*.[ch]' |
	grep -vE '<(stdint|stddef|stdbool|stdarg|limits)\.h>|"(core/[a-z0-9_]+\.h|hal/hal\.h)"')
if [ -n "$inc" ]; then
	echo "core/ includes headers beyond its own, hal/hal.h and the freestanding set:"; echo "$inc"; fail=1
fi
if [ $fail -eq 0 ]; then
	echo "core shape: ok ($(printf '%s\n' "$needed" | grep -c '^hal_') HAL functions used, no libc names, no backend conditionals)"
fi
exit $fail
