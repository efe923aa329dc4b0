# libc_fenv runs inside the OS and checks fenv.h: exception flags from
# real arithmetic, rounding modes, saving and restoring the environment,
# across context switches.
# (tests/programs/libc_fenv.c; it prints one line per failed check)
if [ ! -e "$BUILD/initfs/bin/libc_fenv" ]; then
	echo "SKIP libc_fenv is not in the initfs yet"
	return 0
fi
boot_rc "initfs:/bin/libc_fenv" 30
expect 'libc_fenv: all [0-9]+ checks passed'
expect_not 'libc_fenv: FAIL'
expect_status 0
