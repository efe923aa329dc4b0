# libc_signal runs inside the OS and checks sigaction/signal, masks and pending signals, raise/kill, setjmp/longjmp, sigsetjmp.
# (tests/programs/libc_signal.c; it prints one line per failed check)
if [ ! -e "$BUILD/initfs/bin/libc_signal" ]; then
	echo "SKIP libc_signal is not in the initfs yet"
	return 0
fi
boot_rc "initfs:/bin/libc_signal" 30
expect 'libc_signal: all [0-9]+ checks passed'
expect_not 'libc_signal: FAIL'
expect_status 0
