# libc_compat runs inside the OS and checks the smaller compatibility
# calls (strverscmp, drand48, mkstemps, pathconf, quick_exit, ...) and,
# with --system on the disk image, getentropy from rand:.
# (tests/programs/libc_compat.c; it prints one line per failed check)
if [ ! -e "$BUILD/initfs/bin/libc_compat" ]; then
	echo "SKIP libc_compat is not in the initfs yet"
	return 0
fi
img=$(mktemp)
trap 'rm -f "$img"' EXIT
fresh_image "$img"
boot_disk "$img" "notify randd
notify redoxfsd disk:0
initfs:/bin/libc_compat --system
shutdown" 60
expect 'libc_compat: all [0-9]+ checks passed'
expect_not 'libc_compat: FAIL'
expect_not 'checks skipped'
expect_status 0
