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

$(SYSFUZZ): $(B)/prog/tests/fuzz/sysfuzz.o $(PROG_LIBS)
	$(call prog_link,$@,$(filter-out $(PROG_LIBS),$^))

INITFS_BIN += $(SYSFUZZ)
-include $(SYSFUZZ).d
