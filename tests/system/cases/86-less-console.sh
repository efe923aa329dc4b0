# less on the OS console, whose terminal cannot be set raw: commands are
# typed as lines (j, Enter alone, /kiwi, b, q) and each redraws a 5-line
# screen (LINES=5 from init's export).  Hosted: the keys come through
# stdin; QEMU: typed on the serial console.
if [ ! -e "$BUILD/initfs/bin/less" ]; then
	echo "SKIP less is not in the initfs"
	return 0
fi
keys='j

/kiwi
b
q
'
rc=$(mktemp)
printf 'cd initfs:/etc\nexport LINES 5\nless xt_fruits.txt\necho after-less\n' >"$rc"
case "$BACKEND" in
hosted)
	OUT=$(printf '%s' "$keys" | timeout 40 "$BUILD/redox-hosted" --no-disk --rc "$rc" --timeout 30 2>&1)
	STATUS=$?
	;;
qemu)
	OUT=$(QEMU_INPUT="$keys" "$TOP/scripts/qemu-test.sh" "$rc" 30 2>&1)
	STATUS=$?
	;;
esac
rm -f "$rc"
# One screen per command, in order: the first page, one line on (j), one
# more (Enter), the match, a page back.
OUT=$(printf '%s\n' "$OUT" | tr -d '\r' | sed 's/\x1b\[H\x1b\[2J/\n=====\n/g')
screens=$(printf '%s\n' "$OUT" | awk '/^=====$/ { getline; print }' | tr '\n' '|')
[ "$screens" = "apple pie|Banana split|cherry tart|kiwi|fig 42|" ] ||
	_fail "screens start with: $screens"
expect '^\(END\)$'
expect '^after-less$'
expect_status 0
