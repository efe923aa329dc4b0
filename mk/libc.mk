# libc/: the C library every program inside the OS links (libc/README.md).
#
# Outputs
#   $(LIBC_A)     $(B)/libc/libc.a
#   $(LIBC_CRT0)  $(B)/libc/crt0.o
#   $(PROG_LIBS)  both, for a program's prerequisites
#
# Linking a program (other fragments): as a recipe line,
#   $(B)/prog/apps/foo: $(B)/prog/apps/foo.o $(B)/prog/apps/bar.o $(PROG_LIBS)
#   	$(call prog_link,$@,$(filter %.o,$^))
# prog_link links crt0.o OBJS libc.a -lgcc as a static PIE and then checks
# that the result has only R_X86_64_RELATIVE relocations and no
# interpreter, which is all the kernel's loader accepts.  Objects come from
# the $(B)/prog/%.o rule in mk/config.mk (PROG_CFLAGS).
#
# Test programs: tests/programs/NAME.c -> $(B)/prog/tests/programs/NAME,
# listed in $(LIBC_TEST_PROGS) (paths) and $(LIBC_TEST_NAMES) (names), for
# the initfs.  `make test-libc-host` runs them on Linux through
# tests/rxrun (a Redox-syscall-to-Linux translator), with no kernel.

# LIBC_A, LIBC_CRT0 and PROG_LIBS are set in mk/config.mk, so fragments
# read before this one can name them as prerequisites.

# -fno-tree-loop-distribute-patterns: gcc would otherwise turn the loops
# in memset/memcpy-like code into calls to themselves.
LIBC_CFLAGS := $(PROG_CFLAGS) -fno-tree-loop-distribute-patterns -fno-stack-protector

LIBC_C_SRCS := $(sort $(wildcard libc/src/*/*.c))
LIBC_S_SRCS := $(filter-out libc/src/arch/x86_64/crt0.S,$(sort $(wildcard libc/src/arch/x86_64/*.S)))
LIBC_OBJS   := $(patsubst libc/src/%.c,$(B)/libc/%.o,$(LIBC_C_SRCS)) \
	       $(patsubst libc/src/%.S,$(B)/libc/%.o,$(LIBC_S_SRCS))

$(B)/libc/%.o: libc/src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(LIBC_CFLAGS) -c $< -o $@
$(B)/libc/%.o: libc/src/%.S
	@mkdir -p $(dir $@)
	$(CC) $(LIBC_CFLAGS) -c $< -o $@

$(LIBC_A): $(LIBC_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(LIBC_CRT0): libc/src/arch/x86_64/crt0.S
	@mkdir -p $(dir $@)
	$(CC) $(LIBC_CFLAGS) -c $< -o $@

# $(call prog_link,OUT,OBJS)
define prog_link
	@mkdir -p $(dir $(1))
	$(CC) $(PROG_LDFLAGS) -o $(1) $(LIBC_CRT0) $(2) $(LIBC_A) -lgcc
	@scripts/check-prog.sh $(1)
endef

ALL_TARGETS += $(LIBC_A) $(LIBC_CRT0)
-include $(LIBC_OBJS:.o=.d) $(LIBC_CRT0:.o=.d)

# ---- test programs ----
LIBC_TEST_NAMES := $(patsubst tests/programs/%.c,%,$(sort $(wildcard tests/programs/libc_*.c)))
LIBC_TEST_PROGS := $(addprefix $(B)/prog/tests/programs/,$(LIBC_TEST_NAMES))

$(B)/prog/tests/programs/%: $(B)/prog/tests/programs/%.o $(PROG_LIBS)
	$(call prog_link,$@,$<)

ALL_TARGETS += $(LIBC_TEST_PROGS)
-include $(LIBC_TEST_PROGS:=.d)

# ---- running them on Linux (no kernel needed) ----
RXRUN := $(B)/host/tests/rxrun/rxrun
RXRUN_OBJS := $(B)/host/tests/rxrun/load.o $(B)/host/tests/rxrun/shim.o \
	      $(B)/host/tests/rxrun/entry.o
# The shim runs on the program's thread pointer and stack: no glibc calls,
# no stack protector, no sanitizers.
RXRUN_SHIM_CFLAGS := -std=gnu11 -O2 -g $(WARN) -ffreestanding -fno-stack-protector \
	-fno-builtin -fno-tree-loop-distribute-patterns -I. -MMD -MP
$(B)/host/tests/rxrun/shim.o: tests/rxrun/shim.c
	@mkdir -p $(dir $@)
	$(CC) $(RXRUN_SHIM_CFLAGS) -c $< -o $@
$(B)/host/tests/rxrun/entry.o: tests/rxrun/entry.S
	@mkdir -p $(dir $@)
	$(CC) $(RXRUN_SHIM_CFLAGS) -c $< -o $@
$(B)/host/tests/rxrun/load.o: tests/rxrun/load.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -g $(WARN) -I. -MMD -MP -c $< -o $@
$(RXRUN): $(RXRUN_OBJS)
	$(CC) -o $@ $^

ALL_TARGETS += $(RXRUN)
-include $(RXRUN_OBJS:.o=.d)

# ---- our engines against glibc's, on the host (libc/tests/) ----
# Each compares a table of cases and prints the differences.
LIBC_VS_GLIBC := $(B)/host/libc/tests/regex_glibc
$(B)/host/libc/tests/regex_glibc: $(B)/host/libc/tests/regex_glibc.o \
		$(B)/host/libc/src/regex/rx_comp.o $(B)/host/libc/src/regex/rx_exec.o
	$(CC) $(HOST_LDFLAGS) -o $@ $^

# fnmatch.c is compiled against glibc's fnmatch.h under another name.
LIBC_VS_GLIBC += $(B)/host/libc/tests/fnmatch_glibc
$(B)/host/libc/tests/our_fnmatch.o: libc/src/fnmatch/fnmatch.c
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -D_GNU_SOURCE -Dfnmatch=our_fnmatch -c $< -o $@
$(B)/host/libc/tests/fnmatch_glibc.o: HOST_CFLAGS += -D_GNU_SOURCE
$(B)/host/libc/tests/fnmatch_glibc: $(B)/host/libc/tests/fnmatch_glibc.o \
		$(B)/host/libc/tests/our_fnmatch.o
	$(CC) $(HOST_LDFLAGS) -o $@ $^

# math.c is compiled against our headers (glibc's math.h would clash),
# then its functions are renamed our_NAME so glibc's libm can sit beside.
LIBC_VS_GLIBC += $(B)/host/libc/tests/math_glibc
$(B)/host/libc/tests/our_math.o: libc/src/math/math.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 $(WARN) -ffreestanding -nostdinc -isystem libc/include \
		-isystem $(GCC_INC) -MD -MP -c $< -o $@.tmp
	objcopy $$(nm --defined-only -g $@.tmp | awk '{ print "--redefine-sym " $$3 "=our_" $$3 }') $@.tmp $@
	@rm -f $@.tmp
$(B)/host/libc/tests/math_glibc.o: HOST_CFLAGS += -fno-builtin
$(B)/host/libc/tests/math_glibc: $(B)/host/libc/tests/math_glibc.o \
		$(B)/host/libc/tests/our_math.o
	$(CC) $(HOST_LDFLAGS) -o $@ $^ -lm

# printf's float formatting and strtod/strtof, built against our headers;
# only strtod.c's names clash with glibc's, so only they are renamed.
LIBC_VS_GLIBC += $(B)/host/libc/tests/float_glibc
OURS_CC = $(CC) -std=gnu11 -O2 $(WARN) -ffreestanding -nostdinc -isystem libc/include \
	-isystem $(GCC_INC) -MD -MP
FLOAT_OURS := $(addprefix $(B)/host/libc/tests/ours_,vformat.o big.o strtod.o float_shim.o)
$(B)/host/libc/tests/ours_vformat.o: libc/src/stdio/vformat.c
	@mkdir -p $(dir $@)
	$(OURS_CC) -c $< -o $@
$(B)/host/libc/tests/ours_big.o: libc/src/fpconv/big.c
	@mkdir -p $(dir $@)
	$(OURS_CC) -c $< -o $@
$(B)/host/libc/tests/ours_float_shim.o: libc/tests/float_shim.c
	@mkdir -p $(dir $@)
	$(OURS_CC) -c $< -o $@
$(B)/host/libc/tests/ours_strtod.o: libc/src/stdlib/strtod.c
	@mkdir -p $(dir $@)
	$(OURS_CC) -c $< -o $@.tmp
	objcopy $(foreach f,strtod strtof strtold atof,--redefine-sym $(f)=our_$(f)) $@.tmp $@
	@rm -f $@.tmp
$(B)/host/libc/tests/float_glibc.o: HOST_CFLAGS += -fno-builtin
$(B)/host/libc/tests/float_glibc: $(B)/host/libc/tests/float_glibc.o $(FLOAT_OURS)
	$(CC) $(HOST_LDFLAGS) -o $@ $^ -lm

ALL_TARGETS += $(LIBC_VS_GLIBC)
-include $(addsuffix .d,$(LIBC_VS_GLIBC)) $(B)/host/libc/tests/our_fnmatch.d \
	$(B)/host/libc/tests/our_math.d $(FLOAT_OURS:.o=.d) \
	$(B)/host/libc/src/regex/rx_comp.d $(B)/host/libc/src/regex/rx_exec.d

TEST_STEPS += test-libc-host
.PHONY: test-libc-host
test-libc-host: $(RXRUN) $(LIBC_TEST_PROGS) $(LIBC_VS_GLIBC)
	@for t in $(LIBC_VS_GLIBC); do $$t || exit 1; done
	@tests/rxrun/run-all.sh $(RXRUN) $(LIBC_TEST_PROGS)

# The test programs boot from the initfs (tests/system/cases/40-libc_*.sh).
INITFS_BIN += $(LIBC_TEST_PROGS)
