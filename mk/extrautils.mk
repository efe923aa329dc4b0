# extrautils: grep less dmesg rem cal calc watch, each built twice: for
# the OS (initfs:/bin) and for the Linux host ($(B)/host/extrautils/NAME),
# so the tests can hold them against GNU grep on the host.  grep uses
# libc's regex.h, less its termios.h.
XU_PROGS := grep less dmesg rem cal calc watch
XU_calc_OBJS := calc calcexpr

define xu_rule
$(B)/prog/apps/extrautils/$(1): $(foreach o,$(or $(XU_$(1)_OBJS),$(1)),$(B)/prog/apps/extrautils/$(o).o) $$(PROG_LIBS)
	$$(call prog_link,$$@,$$(filter-out $$(PROG_LIBS),$$^))
INITFS_BIN += $(B)/prog/apps/extrautils/$(1)
endef
define xu_host_rule
$(B)/host/extrautils/$(1): $(foreach o,$(or $(XU_$(1)_OBJS),$(1)),$(B)/host/apps/extrautils/$(o).o)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(HOST_LDFLAGS) -o $$@ $$^
ALL_TARGETS += $(B)/host/extrautils/$(1)
endef
$(foreach p,$(XU_PROGS),$(eval $(call xu_rule,$(p))))
$(foreach p,$(XU_PROGS),$(eval $(call xu_host_rule,$(p))))
-include $(wildcard $(B)/prog/apps/extrautils/*.d $(B)/host/apps/extrautils/*.d)

# xtrun: the case runner both suites use, for the host and for the OS.
XT_HOSTRUN := $(B)/host/tests/extrautils/xtrun
$(XT_HOSTRUN): $(B)/host/tests/extrautils/xtrun.o
	$(CC) $(HOST_LDFLAGS) -o $@ $^
$(B)/prog/tests/extrautils/xtrun: $(B)/prog/tests/extrautils/xtrun.o $(PROG_LIBS)
	$(call prog_link,$@,$(filter-out $(PROG_LIBS),$^))
INITFS_BIN += $(B)/prog/tests/extrautils/xtrun
INITFS_ETC += $(wildcard tests/extrautils/fixtures/xt_*) tests/extrautils/xt_cases
ALL_TARGETS += $(XT_HOSTRUN)

XU_HOST := $(addprefix $(B)/host/extrautils/,$(XU_PROGS))
.PHONY: test-extrautils
test-extrautils: $(XU_HOST) $(XT_HOSTRUN) $(B)/redox-hosted $(B)/initfs.img
	@tests/extrautils/run $(B)
TEST_STEPS += test-extrautils
