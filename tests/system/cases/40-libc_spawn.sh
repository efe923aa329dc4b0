# libc_spawn runs inside the OS and checks posix_spawn with addopen/adddup2/addclose, attributes, waitpid statuses, execve, kill.
# (tests/programs/libc_spawn.c; it prints one line per failed check)
if [ ! -e "$BUILD/initfs/bin/libc_spawn" ]; then
	echo "SKIP libc_spawn is not in the initfs yet"
	return 0
fi
boot_rc "initfs:/bin/libc_spawn" 30
expect 'libc_spawn: all [0-9]+ checks passed'
expect_not 'libc_spawn: FAIL'
expect_status 0
