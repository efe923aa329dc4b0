# extrautils and binutils inside the OS, from init's line language on
# both backends: grep, calc, cal, dmesg (the kernel log again), hexdump -C
# and disasm -r over files in initfs:/etc.  The full case files run in
# `make test-extrautils` / `make test-binutils`.
for p in grep calc cal dmesg hexdump disasm; do
	if [ ! -e "$BUILD/initfs/bin/$p" ]; then
		echo "SKIP $p is not in the initfs"
		return 0
	fi
done
boot_rc "cd initfs:/etc
grep -n -E ^(kiwi|date)$ xt_fruits.txt
calc 2^10+(7%3)
cal 2 2024
dmesg
hexdump -C bt_hello.txt
disasm -r bt_code.bin
grep nosuch nosuch.txt
echo all-ran" 30
expect '^4:date$'
expect '^10:kiwi$'
expect '^1025$'
expect '^   February 2024    $'
expect '^25 26 27 28 29      $'
expect '^00000000  68 65 6c 6c 6f 0a                                 \|hello\.\|$'
expect '^00000006$'
expect '^ +7:	0f 05 +	syscall$'
expect '^ +6:	06 +	\(bad\)$'
expect '^ +b:	e8 00 00 00 00 +	call 10$'
expect 'grep: nosuch.txt: No such file or directory'
expect '^all-ran$'
# dmesg printed the kernel log: its first lines appear a second time.
n=$(printf '%s\n' "$OUT" | grep -c 'starting initfs:/bin/init')
[ "$n" -ge 2 ] || _fail "dmesg did not repeat the kernel log ($n copies)"
expect_status 0
