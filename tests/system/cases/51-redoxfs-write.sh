# Files written inside the OS through redoxfsd reach the image: kt_fs
# makes, renames, unlinks and checks files (and permission denials as
# uid 1000); on the host the image checks clean and lists what it made.
img=$(mktemp)
trap 'rm -f "$img"' EXIT
fresh_image "$img"
boot_disk "$img" "notify redoxfsd disk:0
export PATH file:/bin:initfs:/bin
kt_fs write file:/tmp
df
df -h file:
mount
sync
shutdown" 30
expect '^kt_fs: all [0-9]+ checks passed$'
expect '^Filesystem +1K-blocks +Used +Available +Use%$'
expect '^file: +65536 +[0-9]+ +[0-9]+ +[0-9]+%$'
expect '^file: +64M +[0-9]+[KM] +[0-9]+M +[0-9]+%$'
expect '^disk:0 file: redoxfs rw blocks=16384 free=[0-9]+ generation=[0-9]+ uuid=[0-9a-f-]{36} '
expect_not 'sync: '
expect_status 0
"$BUILD/host/redoxfs-fsck" -q "$img" || _fail "fsck after kt_fs"
# kt_fs's file unlinked while open went at its close: no node but the
# root is left without an entry (on the release list).
ck=$("$BUILD/host/redoxfs-fsck" "$img" | grep -o ' [0-9]* nodes .*, [0-9]* entries')
nodes=$(printf '%s\n' "$ck" | awk '{ print $1 }') entries=$(printf '%s\n' "$ck" | awk '{ print $(NF - 1) }')
[ -n "$nodes" ] && [ "$nodes" -eq $((entries + 1)) ] ||
	_fail "fsck counts $nodes nodes for $entries entries: an unlinked file was kept"
IMAGE_LS=$("$BUILD/host/redoxfs-ls" "$img") || _fail "redoxfs-ls"
sha() { printf "$1" | sha256sum | cut -d' ' -f1; }
want "^/tmp/kt d 0755 0 0 "
want "^/tmp/kt/sub d 0750 0 0 1 "
want "^/tmp/kt/sub/b.txt f 0644 0 0 19 [0-9.]+ $(sha 'hello redoxfs\nmore\n')$"
want "^/tmp/kt/big.bin f 0644 0 0 300000 "
want "^/tmp/kt/t.txt f 0600 0 0 2 [0-9.]+ $(sha 'ab')$"
want "^/tmp/kt/link l 0777 0 0 9 [0-9.]+ ->sub/b.txt$"
want "^/tmp/kt/secret f 0600 0 0 9 "
want "^/tmp/kt/rootfile f 0444 0 0 1 "
want "^/tmp/kt/user d 0755 1000 1000 1 "
want "^/tmp/kt/user/u.txt f 0640 1000 1000 10 [0-9.]+ $(sha 'user data\n')$"
printf '%s\n' "$IMAGE_LS" | grep -Eq '^/tmp/kt/(a.txt|gone|open|empty|new|newdir) ' &&
	_fail "a removed or refused name is in the image"
# The big file's bytes, generated the same way as kt_fs does.
big=$(python3 -c 'import sys, hashlib
print(hashlib.sha256(bytes(((i * 7 + i // 251) & 255) for i in range(300000))).hexdigest())')
want "^/tmp/kt/big.bin f 0644 0 0 300000 [0-9.]+ $big$"

# Killed without a shutdown (a power cut), seconds after kt_fs: what was
# fsync'd, and what the 1 s commit window caught while redoxfsd was
# idle, survives, and the image still checks clean.
fresh_image "$img"
boot_disk "$img" "notify redoxfsd disk:0
kt_fs write file:/home/user
kt_spin" 5
expect '^kt_fs: all [0-9]+ checks passed$'
expect_status 124
image_check "$img" "after a power cut"
want "^/home/user/kt/sub/b.txt f 0644 0 0 19 [0-9.]+ $(sha 'hello redoxfs\nmore\n')$"
want "^/home/user/kt/user/u.txt f 0640 1000 1000 10 "
want "^/home/user/kt/big.bin f 0644 0 0 300000 [0-9.]+ $big$"
