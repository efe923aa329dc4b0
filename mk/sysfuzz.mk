# tests/fuzz/sysfuzz.c: the syscall fuzzer, a program in the initfs
# (tests/fuzz/README.md).  sysfuzz_nrs.h lists every SYS_ number that
# core/abi.h defines, so a new syscall is fuzzed without editing the fuzzer.
SYSFUZZ := $(B)/prog/tests/fuzz/sysfuzz
SYSFUZZ_GEN := $(B)/gen/sysfuzz

$(SYSFUZZ_GEN)/sysfuzz_nrs.h: core/abi.h mk/sysfuzz.mk
	@mkdir -p $(dir $@)
	sed -n 's/^#define \(SYS_[A-Z0-9_]*\)[[:space:]].*/NR(\1)/p' $< | \
	    grep -v '^NR(SYS_\(CLASS\|ARG\|RET\)_' >$@.tmp
	mv $@.tmp $@

$(B)/prog/tests/fuzz/sysfuzz.o: $(SYSFUZZ_GEN)/sysfuzz_nrs.h
$(B)/prog/tests/fuzz/sysfuzz.o: PROG_CFLAGS += -I$(SYSFUZZ_GEN)

$(SYSFUZZ): $(B)/prog/tests/fuzz/sysfuzz.o $(B)/prog/tests/fuzz/sysfuzz_args.o $(PROG_LIBS)
	$(call prog_link,$@,$(filter-out $(PROG_LIBS),$^))

INITFS_BIN += $(SYSFUZZ)
-include $(SYSFUZZ).d $(B)/prog/tests/fuzz/sysfuzz_args.d

# make test fuzzes the ASan/UBSan build too (60 s, at least 10^5 calls):
# a sanitizer sees what a plain run misses.  `make SAN=1 test` runs it in
# its own suite.
ifneq ($(SAN),1)
TEST_STEPS += test-sysfuzz-san
.PHONY: test-sysfuzz-san
test-sysfuzz-san:
	@$(MAKE) --no-print-directory SAN=1 build/san/redox-hosted >/dev/null
	tests/system/run --backend hosted --build build/san tests/system/cases/60-sysfuzz.sh
endif
