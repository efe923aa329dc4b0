# libc_string runs inside the OS and checks string.h, strings.h, ctype.h, strerror.
# (tests/programs/libc_string.c; it prints one line per failed check)
if [ ! -e "$BUILD/initfs/bin/libc_string" ]; then
	echo "SKIP libc_string is not in the initfs yet"
	return 0
fi
boot_rc "initfs:/bin/libc_string" 30
expect 'libc_string: all [0-9]+ checks passed'
expect_not 'libc_string: FAIL'
expect_status 0
