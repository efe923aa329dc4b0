# disk:0 over the HAL's block device: a pattern written and synced inside
# the OS is in the image file afterwards, and a second boot reads it back.
img=$(mktemp)
trap 'rm -f "$img"' EXIT
truncate -s 1M "$img"
if [ "$BACKEND" = qemu ]; then
	# The same program over AHCI: the image is the q35 controller's disk 0.
	export QEMU_DISK="$img"
	boot_rc "kt_disk write" 20
	expect '^kt_disk: write ok$'
	expect_status 0
	dd if="$img" bs=1 skip=4096 count=25 2>/dev/null | grep -q 'REDOX-C DISK TEST PATTERN' ||
		_fail "the pattern is not in the image file"
	boot_rc "kt_disk read" 20
	expect '^kt_disk: read ok$'
	expect_status 0
	exit 0
fi
boot_args --disk "$img" --rc "$(rc_file 'kt_disk write')" --timeout 20
expect '^kt_disk: write ok$'
expect_status 0
dd if="$img" bs=1 skip=4096 count=25 2>/dev/null | grep -q 'REDOX-C DISK TEST PATTERN' ||
	_fail "the pattern is not in the image file"
boot_args --disk "$img" --rc "$(rc_file 'kt_disk read')" --timeout 20
expect '^kt_disk: read ok$'
expect_status 0
