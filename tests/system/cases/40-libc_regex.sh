# libc_regex runs inside the OS and checks regex.h.
# (tests/programs/libc_regex.c; it prints one line per failed check)
if [ ! -e "$BUILD/initfs/bin/libc_regex" ]; then
	echo "SKIP libc_regex is not in the initfs yet"
	return 0
fi
boot_rc "initfs:/bin/libc_regex" 60
expect 'libc_regex: all [0-9]+ checks passed'
expect_not 'libc_regex: FAIL'
expect_status 0
