# libc_ports runs inside the OS and checks what the ports needed from libc
# (log1p, expm1, the inverse hyperbolics, strftime's C99 conversions)
# (tests/programs/libc_ports.c; it prints one line per failed check)
if [ ! -e "$BUILD/initfs/bin/libc_ports" ]; then
	echo "SKIP libc_ports is not in the initfs yet"
	return 0
fi
boot_rc "initfs:/bin/libc_ports" 60
expect 'libc_ports: all [0-9]+ checks passed'
expect_not 'libc_ports: FAIL'
expect_status 0
