# libc_wchar runs inside the OS and checks locale.h, langinfo.h, wchar.h
# (UTF-8), wctype.h and iconv.h.
# (tests/programs/libc_wchar.c; it prints one line per failed check)
if [ ! -e "$BUILD/initfs/bin/libc_wchar" ]; then
	echo "SKIP libc_wchar is not in the initfs yet"
	return 0
fi
boot_rc "initfs:/bin/libc_wchar" 30
expect 'libc_wchar: all [0-9]+ checks passed'
expect_not 'libc_wchar: FAIL'
expect_status 0
