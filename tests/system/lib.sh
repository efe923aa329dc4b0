# Helpers for system test cases (sourced by tests/system/run).
# boot_rc TEXT [TIMEOUT]  boots with TEXT as init.rc; sets OUT and STATUS.
# boot_args ARGS...       boots redox-hosted with raw options (hosted only).
# boot_disk IMG TEXT [T]  boots with disk image IMG as disk:0 and TEXT as
#                         init.rc (TEXT starts redoxfsd itself).
# boot_input IMG RC INPUT [T]  like boot_disk, with INPUT (a string) as
#                         the console's input.
# boot_initfs IMG [T]     boots with the initfs's own init.rc and disk image
#                         IMG as disk:0 ("" for no disk).
# boot_typed TEXT FEED [T] boots with TEXT as init.rc and the output of the
#                         shell command FEED as the console's input, as
#                         typed (hosted only; FEED may sleep between keys).
# pkg_stage DIR [PKG...]  the pkg fixtures and an image stage with PKGs (below).
# fresh_image IMG         makes IMG as `make` makes build/harddrive.img (not
#                         a copy: `make run` may have changed that one).
# expect REGEX            OUT must contain a line matching REGEX.
# expect_not REGEX        no line of OUT matches REGEX.
# expect_status N         the OS ended with status N.
# expect_order R1 R2 ...  lines matching R1, R2, ... appear in this order.
set -u
OUT=""
STATUS=0
_fail() { echo "FAILED: $*"; echo "--- output ---"; printf '%s\n' "$OUT" | tail -60; exit 1; }

boot_args() {
	case "$BACKEND" in
	hosted)
		OUT=$(timeout 60 "$BUILD/redox-hosted" "$@" </dev/null 2>&1)
		STATUS=$?
		;;
	*) echo "SKIP boot_args is hosted-only"; exit 0 ;;
	esac
}

boot_rc() {
	local rc=$1 t=${2:-20} f
	f=$(mktemp)
	printf '%s\n' "$rc" >"$f"
	case "$BACKEND" in
	hosted)
		# No disk: results must not depend on build/harddrive.img.
		OUT=$(timeout $((t + 5)) "$BUILD/redox-hosted" --no-disk ${NET:+--net "$NET"} \
		    --rc "$f" --timeout "$t" </dev/null 2>&1)
		STATUS=$?
		;;
	qemu)
		OUT=$(QEMU_NET="${NET:-}" "$TOP/scripts/qemu-test.sh" "$f" "$t" 2>&1)
		STATUS=$?
		;;
	*) rm -f "$f"; _fail "unknown backend $BACKEND" ;;
	esac
	rm -f "$f"
}

boot_disk() {
	local img=$1 rc=$2 t=${3:-20} f
	f=$(mktemp)
	printf '%s\n' "$rc" >"$f"
	case "$BACKEND" in
	hosted)
		OUT=$(timeout $((t + 5)) "$BUILD/redox-hosted" --disk "$img" --rc "$f" --timeout "$t" </dev/null 2>&1)
		STATUS=$?
		;;
	qemu)	# IMG is the q35 AHCI controller's disk 0
		OUT=$(QEMU_DISK="$img" "$TOP/scripts/qemu-test.sh" "$f" "$t" 2>&1)
		STATUS=$?
		;;
	*) rm -f "$f"; _fail "unknown backend $BACKEND" ;;
	esac
	rm -f "$f"
}

boot_input() {
	local img=$1 rc=$2 input=$3 t=${4:-20} f
	f=$(mktemp)
	printf '%s\n' "$rc" >"$f"
	case "$BACKEND" in
	hosted)
		OUT=$(printf '%s' "$input" | timeout $((t + 5)) "$BUILD/redox-hosted" \
		    --disk "$img" --rc "$f" --timeout "$t" 2>&1)
		STATUS=$?
		;;
	qemu)	# typed on the serial console, then EOT (end of input)
		OUT=$(QEMU_DISK="$img" QEMU_INPUT="$input" "$TOP/scripts/qemu-test.sh" "$f" "$t" 2>&1)
		STATUS=$?
		;;
	*) rm -f "$f"; _fail "unknown backend $BACKEND" ;;
	esac
	rm -f "$f"
}

boot_initfs() {
	local img=$1 t=${2:-20}
	case "$BACKEND" in
	hosted)
		if [ -n "$img" ]; then
			OUT=$(timeout $((t + 5)) "$BUILD/redox-hosted" --disk "$img" --timeout "$t" </dev/null 2>&1)
		else
			OUT=$(timeout $((t + 5)) "$BUILD/redox-hosted" --no-disk --timeout "$t" </dev/null 2>&1)
		fi
		STATUS=$?
		;;
	qemu)	# "" as the rc file: the initfs's own init.rc
		OUT=$(QEMU_DISK="$img" "$TOP/scripts/qemu-test.sh" "" "$t" 2>&1)
		STATUS=$?
		;;
	*) _fail "unknown backend $BACKEND" ;;
	esac
}

boot_typed() {
	local rc=$1 feed=$2 t=${3:-20} f
	[ "$BACKEND" = hosted ] || { echo "SKIP boot_typed is hosted-only"; exit 0; }
	f=$(mktemp)
	printf '%s\n' "$rc" >"$f"
	OUT=$(sh -c "$feed" | timeout $((t + 5)) "$BUILD/redox-hosted" --no-disk --rc "$f" --timeout "$t" 2>&1)
	STATUS=$?
	rm -f "$f"
}

# image_check IMG WHAT: fsck must find IMG clean (WHAT names the moment
# in the failure); IMAGE_LS gets its listing (redoxfs-ls), which
# want REGEX searches.
image_check() {
	"$BUILD/host/redoxfs-fsck" -q "$1" || _fail "fsck $2"
	IMAGE_LS=$("$BUILD/host/redoxfs-ls" "$1") || _fail "redoxfs-ls $2"
}
want() { printf '%s\n' "$IMAGE_LS" | grep -Eq -- "$1" || _fail "image has no line /$1/"; }

# pkg_stage DIR [PKG...]: the fixture repository (tests/pkg/mkfixtures.sh)
# in DIR/fx, and the image's files with PKGs preinstalled from it
# (pkg-image): DIR/pkg.list lists them.  Returns 1, having said SKIP,
# when the package tools are not built.
pkg_stage() {
	local d=$1 t p
	shift
	for t in pkg-image pkg-create pkg-repo pkg-keygen pkg-edtool redoxfs-ls redoxfs-fsck; do
		[ -x "$BUILD/host/$t" ] || { echo "SKIP $BUILD/host/$t is not built"; return 1; }
	done
	"$TOP/tests/pkg/mkfixtures.sh" "$BUILD" "$d/fx" "$BUILD/initfs/bin/asm_hello" >/dev/null ||
		_fail "mkfixtures"
	: > "$d/packages.list"
	for p in "$@"; do echo "$p" >> "$d/packages.list"; done
	"$BUILD/host/pkg-image" -B "$BUILD" -r "$d/fx/repo" "$TOP/scripts/image/filesystem.list" \
	    "$d/packages.list" "$d/fx/keys/test.pub" "$d/stage" "$d/pkg.list" || _fail "pkg-image"
}

fresh_image() {
	"$BUILD/host/redoxfs-mkimage" -B "$BUILD" "$TOP/scripts/image/filesystem.list" \
	    "$1" 64M >/dev/null || _fail "redoxfs-mkimage $1"
}

expect() { printf '%s\n' "$OUT" | grep -Eq -- "$1" || _fail "no line matches /$1/"; }
expect_not() { ! printf '%s\n' "$OUT" | grep -Eq -- "$1" || _fail "a line matches /$1/"; }
expect_status() { [ "$STATUS" -eq "$1" ] || _fail "status $STATUS, wanted $1"; }
expect_order() {
	printf '%s\n' "$OUT" | awk -v pats="$(printf '%s\n' "$@")" \
	    'BEGIN { n = split(pats, p, "\n"); i = 1 } i <= n && $0 ~ p[i] { i++ } END { exit !(i > n) }' ||
	    _fail "lines not in order: $*"
}

# rc_file TEXT: a temporary init.rc holding TEXT; prints its path.
rc_file() {
	local f
	f=$(mktemp)
	printf '%s\n' "$1" >"$f"
	echo "$f"
}
