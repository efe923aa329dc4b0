# redoxfsd's permission check over owner/group/other x read/write/search
# in mixed modes (0640, 0604, 0460, ...): kt_perm runs as the owner, a
# group member and another user, each seeing exactly its class's bits.
img=$(mktemp)
trap 'rm -f "$img"' EXIT
fresh_image "$img"
boot_disk "$img" "notify redoxfsd disk:0
export PATH file:/bin:initfs:/bin
kt_perm file:/tmp
shutdown" 60
expect '^kt_perm: uid 1000 gid 1000: [0-9]+ checks, 0 failed$'
expect '^kt_perm: uid 1001 gid 1000: [0-9]+ checks, 0 failed$'
expect '^kt_perm: uid 1002 gid 1002: [0-9]+ checks, 0 failed$'
expect '^kt_perm: all identities passed$'
expect_not 'kt_perm: FAIL'
expect_status 0
