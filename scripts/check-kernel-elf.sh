#!/bin/sh
# Checks the layout both boot paths rely on (hal/x86_64/kernel.ld):
#  - the multiboot1 header within the first 8 KiB, multiboot2 within 32 KiB;
#  - every loaded segment at file offset - physical address = one constant
#    (QEMU -kernel loads the file as one flat image: the a.out kludge).
set -u
elf=$1
fail=0
readelf -lW "$elf" | awk '$1 == "LOAD" { print $2, $3, $4 }' >"$elf.segs"
delta=""
while read -r off vaddr paddr; do
	d=$(( off - paddr ))
	if [ -z "$delta" ]; then delta=$d; elif [ "$d" -ne "$delta" ]; then
		echo "kernel.elf: segment at paddr $paddr breaks the flat file image"; fail=1
	fi
done <"$elf.segs"
rm -f "$elf.segs"
mb1=$(od -An -tx4 -v -N 8192 "$elf" | tr -s ' ' '\n' | grep -n '^1badb002$' | head -1)
mb2=$(od -An -tx4 -v -N 32768 "$elf" | tr -s ' ' '\n' | grep -n '^e85250d6$' | head -1)
[ -n "$mb1" ] || { echo "kernel.elf: no multiboot1 header in the first 8 KiB"; fail=1; }
[ -n "$mb2" ] || { echo "kernel.elf: no multiboot2 header in the first 32 KiB"; fail=1; }
exit $fail
