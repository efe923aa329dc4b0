# less on the OS console, 5-line screen (LINES=5 from init's export), keys
# "j Enter Enter /kiwi Enter b Enter q Enter".  If the console's terminal
# can be set raw, every key is a command (Enter is one line on); if not,
# less reads command lines (Enter alone is one line on, Enter after a
# command only ends it).  Either way the screens are exact.  Hosted: the
# keys come through stdin; QEMU: typed on the serial console.
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
# The first line of each screen, in order.
OUT=$(printf '%s\n' "$OUT" | tr -d '\r' | sed 's/\x1b\[H\x1b\[2J/\n=====\n/g')
screens=$(printf '%s\n' "$OUT" | awk '/^=====$/ { getline; print }' | tr '\n' '|')
case "$screens" in
# raw: j, Enter, Enter, /kiwi (its Enter ends the pattern), b, Enter
"apple pie|Banana split|cherry tart|date|kiwi|fig 42|grape juice 7|")
	expect '^:/kiwi' ;;
# line mode: j, Enter alone, /kiwi, b
"apple pie|Banana split|cherry tart|kiwi|fig 42|") ;;
*) _fail "screens start with: $screens" ;;
esac
expect '^\(END\)$'
expect '^after-less$'
expect_status 0
