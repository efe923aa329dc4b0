# libc_unistd runs inside the OS and checks fds, pipes, fcntl, paths, stat, directories, mmap, ids, clocks, calendar time, getopt.
# (tests/programs/libc_unistd.c; it prints one line per failed check)
if [ ! -e "$BUILD/initfs/bin/libc_unistd" ]; then
	echo "SKIP libc_unistd is not in the initfs yet"
	return 0
fi
boot_rc "initfs:/bin/libc_unistd" 30
expect 'libc_unistd: all [0-9]+ checks passed'
expect_not 'libc_unistd: FAIL'
expect_status 0

# Again over redoxfsd, so the file checks (positioned I/O among them) run
# inside the OS too: without a disk there is no writable directory.
img=$(mktemp)
trap 'rm -f "$img"' EXIT
fresh_image "$img"
boot_disk "$img" "notify redoxfsd disk:0
initfs:/bin/libc_unistd
shutdown" 60
expect 'libc_unistd: all [0-9]+ checks passed'
expect_not 'libc_unistd: FAIL'
expect_not 'file checks skipped'
expect_status 0
