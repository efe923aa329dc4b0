# sqlite3 inside the OS on a file database in /tmp: tables, 10,000 rows
# inserted in one transaction, indexes, joins, aggregates, JSON, dates,
# PRAGMA integrity_check; its output against the host's sqlite3 (Debian's,
# the same version) on the same script, then the database file read back
# by the host's sqlite3 through the FUSE mount.  And locking between two
# processes (lock.sql): a second sqlite3 started while the first holds a
# write transaction finds the database locked.
. "$TOP/ports/tests/lib.sh"
d=$(mktemp -d)
trap 'mountpoint -q "$d/mnt" && fusermount3 -u "$d/mnt"; rm -rf "$d"' EXIT
command -v sqlite3 >/dev/null || _fail "the host has no sqlite3 (scripts/deps.sh installs it)"
{
	echo "CREATE TABLE person(id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
	echo "CREATE TABLE item(id INTEGER PRIMARY KEY, owner INTEGER REFERENCES person(id),"
	echo "  label TEXT, qty INTEGER, price REAL);"
	echo "BEGIN;"
	awk 'BEGIN {
		for (i = 1; i <= 100; i++) printf "INSERT INTO person VALUES(%d, %cperson %03d%c);\n", i, 39, i, 39
		for (i = 1; i <= 10000; i++)
			printf "INSERT INTO item VALUES(%d, %d, %citem %d%c, %d, %d.%02d);\n",
			    i, (i * 37) % 100 + 1, 39, i, 39, (i * 13) % 100, (i * 7) % 500, i % 100
	}'
	echo "COMMIT;"
	cat "$TOP/ports/sqlite3/tests/schema.sql"
} >"$d/run.sql"
[ "$(grep -c '^INSERT INTO item' "$d/run.sql")" -eq 10000 ] || _fail "run.sql does not have 10,000 inserts"
sqlite3 "$d/host.db" <"$d/run.sql" >"$d/want" 2>&1 || _fail "the host's sqlite3 fails on run.sql: $(cat "$d/want")"
port_image "$d/img" sqlite3 -- "file /ports/sqlite3/run.sql 0644 0 0 $d/run.sql"
boot_disk "$d/img" "notify nulld
notify redoxfsd disk:0
export PATH file:/bin:initfs:/bin
$(port_run sqlite3 "ion file:/ports/sqlite3/run.ion")
$(port_run lock "ion file:/ports/sqlite3/lock.ion")
sync
shutdown" 120
expect_status 0
port_section sqlite3 >"$d/got"
diff -u "$d/want" "$d/got" >"$d/diff" || _fail "sqlite3's output differs from the host's: $(cat "$d/diff")"
grep -qx ok "$d/got" || _fail "no integrity_check ok"
port_section lock >"$d/lock"
grep -q 'database is locked' "$d/lock" || _fail "the second sqlite3 was not locked out: $(cat "$d/lock")"
[ "$(tail -n 1 "$d/lock")" = "1,3" ] || _fail "lock.sql ends with '$(tail -n 1 "$d/lock")', not 1,3"
ls=$("$BUILD/host/redoxfs-ls" "$d/img") || _fail "redoxfs-ls"
printf '%s\n' "$ls" | grep -q '^/tmp/t.db f ' || _fail "no /tmp/t.db in the image"
printf '%s\n' "$ls" | grep -Eq '^/tmp/(t|lock).db(-journal|.lock) ' && _fail "a journal or lock was left behind"
mkdir "$d/mnt"
if port_mount "$d/img" "$d/mnt"; then
	q="PRAGMA integrity_check; SELECT count(*), total(qty), sum(price) FROM item; SELECT count(*) FROM person;"
	got=$(sqlite3 -readonly "$d/mnt/tmp/t.db" "$q" 2>&1)
	port_umount "$d/mnt"
	want=$(sqlite3 "$d/host.db" "$q")
	[ "$got" = "$want" ] || _fail "the host reads the OS's database as '$got', wanted '$want'"
else
	echo "(no FUSE: the database file is not read back on the host)"
fi
