# libc_stdio runs inside the OS and checks printf family (ints, strings, chars, pointers, floats), sscanf, FILE streams over pipes and files.
# (tests/programs/libc_stdio.c; it prints one line per failed check)
if [ ! -e "$BUILD/initfs/bin/libc_stdio" ]; then
	echo "SKIP libc_stdio is not in the initfs yet"
	return 0
fi
boot_rc "initfs:/bin/libc_stdio" 30
expect 'libc_stdio: all [0-9]+ checks passed'
expect_not 'libc_stdio: FAIL'
expect_status 0
