# Helpers for the ports' checks (sourced by a case in ports/tests/, which
# tests/system/run runs with tests/system/lib.sh already sourced).
#
# port_image IMG NAME... [-- LINE...]
#     a disk image made as build/harddrive.img is, plus for each NAME the
#     staged programs (build/ports/stage/NAME/usr/bin/*) in /bin and the
#     recipe's checks (ports/NAME/tests/*) in /ports/NAME; each LINE is
#     one more redoxfs-mkimage manifest line.
# port_section NAME   prints what the OS printed between the lines
#     "@@begin NAME" and "@@end NAME" (init's `echo`), without CRs.
# port_run NAME CMD   init.rc lines that run CMD between those markers.
# port_mount IMG DIR / port_umount DIR
#     the image through redoxfs-fuse on the host (returns 1 without FUSE).

port_image() {
	local img=$1 list n
	shift
	list=$(mktemp)
	cat "$TOP/scripts/image/filesystem.list" >"$list"
	echo "dir /ports 0755 0 0" >>"$list"
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		n=$1; shift
		[ -f "$BUILD/ports/stage/$n.meta" ] || { rm -f "$list"; _fail "$n is not built (make ports)"; }
		if [ -d "$BUILD/ports/stage/$n/usr/bin" ]; then
			echo "tree /bin 0755 0 0 $BUILD/ports/stage/$n/usr/bin" >>"$list"
		fi
		if [ -d "$TOP/ports/$n/tests" ]; then
			echo "dir /ports/$n 0755 0 0" >>"$list"
			echo "tree /ports/$n 0644 0 0 $TOP/ports/$n/tests" >>"$list"
		fi
	done
	[ $# -gt 0 ] && shift
	for l in "$@"; do echo "$l" >>"$list"; done
	"$BUILD/host/redoxfs-mkimage" -B "$BUILD" "$list" "$img" 64M >/dev/null ||
		{ rm -f "$list"; _fail "redoxfs-mkimage $img"; }
	rm -f "$list"
}

port_run() {
	printf 'echo @@begin %s\n%s\necho @@end %s\n' "$1" "$2" "$1"
}

port_section() {
	printf '%s\n' "$OUT" | tr -d '\r' | awk -v n="$1" '
		$0 == "@@end " n { on = 0 }
		on { print }
		$0 == "@@begin " n { on = 1 }'
}

port_mount() {
	[ -e /dev/fuse ] && command -v fusermount3 >/dev/null || return 1
	"$BUILD/host/redoxfs-fuse" -f "$1" "$2" &
	PORT_FUSE_PID=$!
	for _ in $(seq 100); do mountpoint -q "$2" && return 0; sleep 0.05; done
	_fail "redoxfs-fuse $1 did not mount"
}

port_umount() {
	fusermount3 -u "$1" && wait "$PORT_FUSE_PID"
}
