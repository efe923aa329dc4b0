# libc_complex runs inside the OS and checks complex.h against glibc's
# values and gcc's complex arithmetic through libgcc.
# (tests/programs/libc_complex.c; it prints one line per failed check)
if [ ! -e "$BUILD/initfs/bin/libc_complex" ]; then
	echo "SKIP libc_complex is not in the initfs yet"
	return 0
fi
boot_rc "initfs:/bin/libc_complex" 30
expect 'libc_complex: all [0-9]+ checks passed'
expect_not 'libc_complex: FAIL'
expect_status 0
