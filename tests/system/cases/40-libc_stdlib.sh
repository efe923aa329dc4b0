# libc_stdlib runs inside the OS and checks malloc/calloc/realloc/aligned_alloc, strtol/strtod, qsort/bsearch, environment, atexit order.
# (tests/programs/libc_stdlib.c; it prints one line per failed check)
if [ ! -e "$BUILD/initfs/bin/libc_stdlib" ]; then
	echo "SKIP libc_stdlib is not in the initfs yet"
	return 0
fi
boot_rc "initfs:/bin/libc_stdlib" 30
expect 'libc_stdlib: all [0-9]+ checks passed'
expect_not 'libc_stdlib: FAIL'
expect_order 'libc_stdlib: all [0-9]+ checks passed' 'libc_stdlib: atexit: registered second' 'libc_stdlib: atexit: registered first'
expect_status 0
