# libc_pwd runs inside the OS and checks pwd.h and grp.h: the parser, and
# (--system) lookups in the disk image's /etc/passwd and /etc/group.
# (tests/programs/libc_pwd.c; it prints one line per failed check)
if [ ! -e "$BUILD/initfs/bin/libc_pwd" ]; then
	echo "SKIP libc_pwd is not in the initfs yet"
	return 0
fi
img=$(mktemp)
trap 'rm -f "$img"' EXIT
fresh_image "$img"
boot_disk "$img" "notify redoxfsd disk:0
initfs:/bin/libc_pwd --system
shutdown" 60
expect 'libc_pwd: all [0-9]+ checks passed'
expect_not 'libc_pwd: FAIL'
expect_not 'checks skipped'
expect_status 0
