# Files put into an image on the host (redoxfs-mkimage, the host library)
# read back inside the OS; what the OS changes shows on the host.
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
printf 'from the host\n' >"$d/hello.txt"
python3 -c 'import sys
sys.stdout.buffer.write(bytes(((i * 7 + i // 251) & 255) for i in range(300000)))' >"$d/big.bin"
printf 'deep\n' >"$d/deep.txt"
{
	cat scripts/image/filesystem.list
	echo "dir  /data              0755 1000 1000"
	echo "file /data/hello.txt    0640 1000 1000 $d/hello.txt"
	echo "file /data/big.bin      0644 0    0    $d/big.bin"
	echo "dir  /data/sub          0755 0    0"
	echo "file /data/sub/deep.txt 0644 0    0    $d/deep.txt"
} >"$d/list"
"$BUILD/host/redoxfs-mkimage" -B "$BUILD" "$d/list" "$d/img" 32M >/dev/null ||
	_fail "redoxfs-mkimage"
"$BUILD/host/redoxfs-fsck" -q "$d/img" || _fail "fsck of the host's image"
boot_disk "$d/img" "notify redoxfsd disk:0
kt_fs read file:/data
shutdown" 20
expect '^redoxfsd: disk:0: 32 MiB, read-write, serving file:$'
expect '^kt_fs: all [0-9]+ checks passed$'
expect_status 0
image_check "$d/img" "after the OS changed it"
printf '%s\n' "$IMAGE_LS" | grep -q '^/data/hello.txt ' && _fail "hello.txt was not removed"
printf '%s\n' "$IMAGE_LS" | grep -Eq "^/data/sub/deep.txt f 0644 0 0 8 [0-9.]+ $(printf 'changed\n' | sha256sum | cut -d' ' -f1)$" ||
	_fail "deep.txt does not hold what the OS wrote"
