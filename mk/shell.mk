# shell/: ion, the shell.  Built twice from the same sources: a Linux
# program (build/host/ion) and initfs:/bin/ion.
SHELL_SRCS := $(wildcard shell/*.c)
SHELL_HOST := $(B)/host/ion
SHELL_PROG := $(B)/prog/shell/ion

$(SHELL_HOST): $(patsubst %.c,$(B)/host/%.o,$(SHELL_SRCS))
	$(CC) $(HOST_LDFLAGS) -o $@ $^

$(SHELL_PROG): $(patsubst %.c,$(B)/prog/%.o,$(SHELL_SRCS)) $(PROG_LIBS)
	$(call prog_link,$@,$(filter-out $(PROG_LIBS),$^))

INITFS_BIN += $(SHELL_PROG)
ALL_TARGETS += $(SHELL_HOST)
-include $(patsubst %.c,$(B)/host/%.d,$(SHELL_SRCS)) $(patsubst %.c,$(B)/prog/%.d,$(SHELL_SRCS))

TEST_STEPS += test-shell
.PHONY: test-shell
test-shell: $(SHELL_HOST) $(B)/initfs.img $(B)/redox-hosted $(MKINITFS)
	tests/shell/run --build $(B)

# The system test's script (tests/system/cases/70-shell.sh).
INITFS_ETC += tests/shell/system/70-shell.ion

# ion's loop against dash and bash (make bench).
BENCH_TARGETS += $(SHELL_HOST)
BENCH_STEPS += bench-shell
.PHONY: bench-shell
bench-shell: $(SHELL_HOST)
	@bench/shell_bench.sh $(B)
