#!/bin/sh
# bench.sh BUILDDIR: the ported lua and sqlite3 inside redox-hosted against
# the same sources built with glibc for Linux (same compiler, -O2, same
# options), same run.  lua: ports/bench/bench.lua (calls, loops, strings,
# tables); sqlite3: 100,000 INSERTs in one transaction into a file
# database.  Each program times itself with elapsed time (lua's os.clock
# on Linux is made elapsed time too: ports/bench/wallclock.c); each runs
# RUNS times (default 3) on each side and the best time counts, since
# the machine is shared.  Prints both and the ratio (ours / Linux: below
# 1.3 is the goal).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
B=${1:-build}
case $B in /*) ;; *) B=$top/$B ;; esac
work=$B/ports/work
out=$B/ports/bench
runs=${RUNS:-3}
case $runs in ''|*[!0-9]*|0) echo "bench-ports: RUNS=$runs: not a positive number" >&2; exit 2 ;; esac
mkdir -p "$out"
for n in lua sqlite3; do
	[ -f "$B/ports/stage/$n.meta" ] || { echo "bench-ports: $n is not built (make ports)" >&2; exit 1; }
done

# The Linux builds: the recipes' sources and options, glibc.
(cd "$work/lua/src/src" && gcc -O2 -DLUA_COMPAT_5_3 -DLUA_USE_POSIX -o "$out/lua-linux" \
	$(ls l*.c | grep -v '^luac.c$') -lm) || exit 1
(cd "$work/sqlite3/src/bld" && gcc -O2 -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS5 \
	-DSQLITE_ENABLE_RTREE -DSQLITE_ENABLE_JSON1 -DSQLITE_ENABLE_MATH_FUNCTIONS \
	-DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_DEFAULT_UNIX_VFS='"unix-dotfile"' \
	-DHAVE_USLEEP=1 -DHAVE_LOCALTIME_R=1 -DHAVE_GMTIME_R=1 -DHAVE_UTIME=1 \
	-I. -o "$out/sqlite3-linux" shell.c sqlite3.c -lm -lpthread) || exit 1
gcc -O2 -shared -fPIC -o "$out/wallclock.so" "$top/ports/bench/wallclock.c" || exit 1

# 100,000 inserts; sqlite3 times them with julianday('now').
{
	echo "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, v REAL);"
	echo "CREATE TEMP TABLE t0 AS SELECT julianday('now') AS s;"
	echo "BEGIN;"
	awk 'BEGIN { for (i = 1; i <= 100000; i++) printf "INSERT INTO t VALUES(%d, %cname %d%c, %d.5);\n", i, 39, i, 39, i }'
	echo "COMMIT;"
	echo "SELECT printf('sqlite-bench: %.3f s (%d)', (julianday('now') - s) * 86400, (SELECT count(*) FROM t)) FROM t0;"
} >"$out/insert.sql"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
lin_lua= lin_sql=
for i in $(seq "$runs"); do
	lin_lua="$lin_lua
$(LD_PRELOAD=$out/wallclock.so "$out/lua-linux" "$top/ports/bench/bench.lua")"
	lin_sql="$lin_sql
$("$out/sqlite3-linux" "$tmp/b$i.db" <"$out/insert.sql")"
done

: >"$tmp/run.ion"
for i in $(seq "$runs"); do
	printf 'sqlite3 /tmp/b%s.db < file:/ports/insert.sql\n' "$i" >>"$tmp/run.ion"
done
{
	cat "$top/scripts/image/filesystem.list"
	echo "dir /ports 0755 0 0"
	echo "file /bin/lua 0755 0 0 $B/ports/stage/lua/usr/bin/lua"
	echo "file /bin/sqlite3 0755 0 0 $B/ports/stage/sqlite3/usr/bin/sqlite3"
	echo "file /ports/bench.lua 0644 0 0 $top/ports/bench/bench.lua"
	echo "file /ports/insert.sql 0644 0 0 $out/insert.sql"
	echo "file /ports/run.ion 0644 0 0 $tmp/run.ion"
} >"$tmp/list"
"$B/host/redoxfs-mkimage" -B "$B" "$tmp/list" "$tmp/img" 128M >/dev/null || exit 1
{
	printf '%s\n' "notify redoxfsd disk:0" "export PATH file:/bin:initfs:/bin"
	for i in $(seq "$runs"); do echo "lua file:/ports/bench.lua"; done
	printf '%s\n' "ion file:/ports/run.ion" "shutdown"
} >"$tmp/rc"
os=$(timeout 600 "$B/redox-hosted" --disk "$tmp/img" --rc "$tmp/rc" --timeout 590 </dev/null 2>&1 | tr -d '\r')
os_lua=$(printf '%s\n' "$os" | grep '^lua-bench:')
os_sql=$(printf '%s\n' "$os" | grep '^sqlite-bench:')
# The best of the runs' times.
secs() { printf '%s\n' "$1" | sed -n 's/^[a-z-]*: \([0-9.]*\) s.*/\1/p' | sort -n | head -n 1; }
row() {
	l=$(secs "$2") o=$(secs "$3")
	[ -n "$l" ] && [ -n "$o" ] || { echo "bench-ports: $1: no result (Linux: '$2', OS: '$3')" >&2; return 1; }
	awk -v n="$1" -v l="$l" -v o="$o" 'BEGIN { printf "%-22s %10.3f %10.3f %8.2fx\n", n, l, o, (l > 0 ? o / l : 0) }'
}
printf '%-22s %10s %10s %9s  (best of %s)\n' "bench-ports" "Linux s" "ours s" "ours/Lnx" "$runs"
row "lua bench.lua" "$lin_lua" "$os_lua" || exit 1
row "sqlite3 100k inserts" "$lin_sql" "$os_sql" || exit 1
