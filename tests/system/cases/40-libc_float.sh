# libc_float runs inside the OS and checks that printf formats floats
# exactly as glibc and strtod/strtof round correctly (hard cases, and
# random doubles round-tripped through %.17g and %a).
# (tests/programs/libc_float.c; it prints one line per failed check)
if [ ! -e "$BUILD/initfs/bin/libc_float" ]; then
	echo "SKIP libc_float is not in the initfs yet"
	return 0
fi
boot_rc "initfs:/bin/libc_float" 60
expect 'libc_float: all [0-9]+ checks passed'
expect_not 'libc_float: FAIL'
expect_status 0
