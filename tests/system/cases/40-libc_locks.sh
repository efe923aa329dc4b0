# libc_locks runs inside the OS and checks fcntl record locks (F_GETLK,
# F_SETLK, F_SETLKW), lockf and flock between two processes on a file of
# the disk image (redoxfsd's lock table): conflicts, shared readers,
# splits, waits, EINTR, release at close, exit and SIGKILL, bad arguments.
# (tests/programs/libc_locks.c; it prints one line per failed check)
if [ ! -e "$BUILD/initfs/bin/libc_locks" ]; then
	echo "SKIP libc_locks is not in the initfs yet"
	return 0
fi
img=$(mktemp)
trap 'rm -f "$img"' EXIT
fresh_image "$img"
boot_disk "$img" "notify redoxfsd disk:0
initfs:/bin/libc_locks --system
shutdown" 90
expect 'libc_locks: all [0-9]+ checks passed'
expect_not 'libc_locks: FAIL'
expect_not 'checks skipped'
expect_status 0
