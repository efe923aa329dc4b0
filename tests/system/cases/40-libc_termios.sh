# libc_termios runs inside the OS and checks termios.h and sys/ioctl.h (on non-terminals: no server serves them yet).
# (tests/programs/libc_termios.c; it prints one line per failed check)
if [ ! -e "$BUILD/initfs/bin/libc_termios" ]; then
	echo "SKIP libc_termios is not in the initfs yet"
	return 0
fi
boot_rc "initfs:/bin/libc_termios" 60
expect 'libc_termios: all [0-9]+ checks passed'
expect_not 'libc_termios: FAIL'
expect_status 0
