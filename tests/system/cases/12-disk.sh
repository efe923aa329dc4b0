# disk:0 over the HAL's block device: a pattern written and synced inside
# the OS is in the image file afterwards, and a second boot reads it back.
[ "$BACKEND" = hosted ] || { echo "SKIP the qemu backend has its own AHCI test"; exit 0; }
img=$(mktemp)
trap 'rm -f "$img"' EXIT
truncate -s 1M "$img"
boot_args --disk "$img" --rc "$(rc_file 'kt_disk write')" --timeout 20
expect '^kt_disk: write ok$'
expect_status 0
dd if="$img" bs=1 skip=4096 count=25 2>/dev/null | grep -q 'REDOX-C DISK TEST PATTERN' ||
	_fail "the pattern is not in the image file"
boot_args --disk "$img" --rc "$(rc_file 'kt_disk read')" --timeout 20
expect '^kt_disk: read ok$'
expect_status 0
