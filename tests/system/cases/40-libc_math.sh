# libc_math runs inside the OS and checks math.h.
# (tests/programs/libc_math.c; it prints one line per failed check)
if [ ! -e "$BUILD/initfs/bin/libc_math" ]; then
	echo "SKIP libc_math is not in the initfs yet"
	return 0
fi
boot_rc "initfs:/bin/libc_math" 60
expect 'libc_math: all [0-9]+ checks passed'
expect_not 'libc_math: FAIL'
expect_status 0
