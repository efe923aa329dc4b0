# reboot stops every process, then the machine starts again: the same rc
# runs a second time and finds what the first boot wrote to the disk.
# Only root may reboot.  Both backends (QEMU without -no-reboot).
img=$(mktemp)
dir=$(mktemp -d)
trap 'rm -rf "$img" "$dir"' EXIT
cat >"$dir/boot.ion" <<'ION'
if test -e /boot-mark
	echo second-boot
	cat /boot-mark
else
	echo first > /boot-mark
	su user -c reboot
	echo user-reboot-status $?
	su user -c 'echo reset > sys:kstop'
	echo user-kstop-status $?
	reboot
	echo not-reached
end
ION
{ cat "$TOP/scripts/image/filesystem.list"
  printf 'file /boot.ion 0644 0 0 %s\n' "$dir/boot.ion"; } >"$dir/list"
"$BUILD/host/redoxfs-mkimage" -B "$BUILD" "$dir/list" "$img" 64M >/dev/null ||
	_fail "redoxfs-mkimage"
rc="notify randd
notify redoxfsd disk:0
cd file:/
export PATH file:/bin:initfs:/bin
ion /boot.ion
shutdown"
export QEMU_REBOOT=1
boot_disk "$img" "$rc" 40
expect '^user-reboot-status 1$'
expect '^user-kstop-status [1-9]'
expect 'sys:kstop.*Permission denied'
expect '^init: rebooting$'
expect '^second-boot$'
expect '^first$'
expect '^init: shutting down$'
expect_not '^not-reached$'
expect_status 0
