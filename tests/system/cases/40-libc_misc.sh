# libc_misc runs inside the OS and checks libgen.h, uname (from sys:uname),
# getopt_long, strtoll and friends, localtime.
# (tests/programs/libc_misc.c; it prints one line per failed check)
if [ ! -e "$BUILD/initfs/bin/libc_misc" ]; then
	echo "SKIP libc_misc is not in the initfs yet"
	return 0
fi
boot_rc "initfs:/bin/libc_misc --system" 30
expect 'libc_misc: all [0-9]+ checks passed'
expect 'libc_misc: uname: Redox-C [^ ]+ [0-9]'
expect_not 'libc_misc: FAIL'
expect_status 0
