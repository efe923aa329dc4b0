#!/bin/sh
# Normalises disassembly (objdump -d --no-show-raw-insn, or disasm) to
# "ADDR INSN" lines: spacing collapsed, "<symbol>" and "# comments" cut.
awk -F '\t' '/^ *[0-9a-f]+:\t/ {
	addr = $1; sub(/^ */, "", addr); sub(/:$/, "", addr)
	insn = $NF
	sub(/#.*/, "", insn); gsub(/<[^>]*>/, "", insn)
	gsub(/[ \t]+/, " ", insn); sub(/^ /, "", insn); sub(/ $/, "", insn)
	print addr " " insn
}'
