# libc_thread runs inside the OS and checks pthread create/join/detach, TLS, per-thread errno, mutexes, condition variables, once, keys.
# (tests/programs/libc_thread.c; it prints one line per failed check)
if [ ! -e "$BUILD/initfs/bin/libc_thread" ]; then
	echo "SKIP libc_thread is not in the initfs yet"
	return 0
fi
boot_rc "initfs:/bin/libc_thread" 30
expect 'libc_thread: all [0-9]+ checks passed'
expect_not 'libc_thread: FAIL'
expect_status 0
