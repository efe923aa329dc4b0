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
