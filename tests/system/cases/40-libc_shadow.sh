# libc_shadow runs inside the OS and checks crypt() against independent
# PBKDF2-SHA256 hashes and (--system) getspnam over the disk image's
# /etc/shadow, whose root hash must verify with root's password.
# (tests/programs/libc_shadow.c; it prints one line per failed check)
if [ ! -e "$BUILD/initfs/bin/libc_shadow" ]; then
	echo "SKIP libc_shadow is not in the initfs yet"
	return 0
fi
img=$(mktemp)
trap 'rm -f "$img"' EXIT
fresh_image "$img"
boot_disk "$img" "notify redoxfsd disk:0
initfs:/bin/libc_shadow --system
shutdown" 60
expect 'libc_shadow: all [0-9]+ checks passed'
expect_not 'libc_shadow: FAIL'
expect_not 'checks skipped'
expect_status 0
