# libc_fnmatch runs inside the OS and checks fnmatch.h and glob.h.
# (tests/programs/libc_fnmatch.c; it prints one line per failed check)
if [ ! -e "$BUILD/initfs/bin/libc_fnmatch" ]; then
	echo "SKIP libc_fnmatch is not in the initfs yet"
	return 0
fi
boot_rc "initfs:/bin/libc_fnmatch" 60
expect 'libc_fnmatch: all [0-9]+ checks passed'
expect_not 'libc_fnmatch: FAIL'
expect_status 0

# Again over redoxfsd, so glob has a directory tree to walk.
img=$(mktemp)
trap 'rm -f "$img"' EXIT
fresh_image "$img"
boot_disk "$img" "notify redoxfsd disk:0
initfs:/bin/libc_fnmatch
shutdown" 60
expect 'libc_fnmatch: all [0-9]+ checks passed'
expect_not 'libc_fnmatch: FAIL'
expect_not 'checks skipped'
expect_status 0
