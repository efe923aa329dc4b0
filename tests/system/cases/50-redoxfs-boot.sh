# The root file system: init mounts disk:0 with redoxfsd and runs
# file:/etc/init.rc from it; without a disk the boot goes on.  On qemu
# the image is the AHCI disk 0.
img=$(mktemp)
trap 'rm -f "$img"' EXIT
fresh_image "$img"
# The initfs's own init.rc (no --rc); stdin ends, so init shuts down.
boot_initfs "$img" 20
expect '^redoxfsd: disk:0: 64 MiB, read-write, serving file:$'
expect '^Root file system mounted \(file:/etc/init.rc\)$'
expect '^init: shutting down$'
expect_not 'init: .*(exited|No such|error)'
expect_status 0
"$BUILD/host/redoxfs-fsck" -q "$img" || _fail "fsck after a boot"

boot_initfs "" 20
expect '^redoxfsd: disk:0: '
expect '^init: redoxfsd exited before it was ready$'
expect '^init: shutting down$'
expect_status 0
