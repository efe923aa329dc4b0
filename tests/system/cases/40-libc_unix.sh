# libc_unix runs inside the OS and checks times, utime, syslog, dlfcn,
# the unlocked stdio calls, tmpfile, wait3/wait4, getrusage and (with
# --system, on the disk image's /tmp) poll and select over event:,
# getcwd/realpath, system/popen and the /dev paths.
# (tests/programs/libc_unix.c; it prints one line per failed check)
if [ ! -e "$BUILD/initfs/bin/libc_unix" ]; then
	echo "SKIP libc_unix is not in the initfs yet"
	return 0
fi
img=$(mktemp)
trap 'rm -f "$img"' EXIT
fresh_image "$img"
boot_disk "$img" "notify nulld
notify zerod
notify randd
notify redoxfsd disk:0
initfs:/bin/libc_unix --system
shutdown" 60
expect 'libc_unix: all [0-9]+ checks passed'
expect_not 'libc_unix: FAIL'
expect_not 'checks skipped'
expect_status 0
