# apps/coreutils: each program is apps/coreutils/NAME.c plus the shared
# lib/cu.c, built for the OS ($(B)/prog/apps/coreutils/NAME, into the
# initfs and so the disk's /bin) and for Linux ($(B)/host/coreutils/NAME)
# so tests/coreutils/ can run the same cases against GNU, the host build
# and the OS.
CU_DIR   := apps/coreutils
CU_ALL   := $(patsubst $(CU_DIR)/%.c,%,$(sort $(wildcard $(CU_DIR)/*.c)))
# These talk to init or to Redox schemes only; no host build.
CU_OSONLY := mount shutdown sync
CU_HOST  := $(filter-out $(CU_OSONLY),$(CU_ALL))

CU_OS_BINS   := $(addprefix $(B)/prog/$(CU_DIR)/,$(CU_ALL))
CU_HOST_BINS := $(addprefix $(B)/host/coreutils/,$(CU_HOST))

# Static pattern rules, so they never compete with the %.o rules.
$(CU_OS_BINS): $(B)/prog/$(CU_DIR)/%: $(B)/prog/$(CU_DIR)/%.o \
	$(B)/prog/$(CU_DIR)/lib/cu.o $(PROG_LIBS)
	$(call prog_link,$@,$(filter %.o,$(filter-out $(PROG_LIBS),$^)))

$(CU_HOST_BINS): $(B)/host/coreutils/%: $(B)/host/$(CU_DIR)/%.o $(B)/host/$(CU_DIR)/lib/cu.o
	@mkdir -p $(dir $@)
	$(CC) $(HOST_LDFLAGS) -o $@ $^

# "[" is test under the name that wants a closing "]".
$(B)/prog/$(CU_DIR)/[: $(B)/prog/$(CU_DIR)/test
	cp $< '$@'
$(B)/host/coreutils/[: $(B)/host/coreutils/test
	cp $< '$@'
# reboot is shutdown under the name that means -r.
$(B)/prog/$(CU_DIR)/reboot: $(B)/prog/$(CU_DIR)/shutdown
	cp $< $@
CU_OS_BINS   += $(B)/prog/$(CU_DIR)/[ $(B)/prog/$(CU_DIR)/reboot
CU_HOST_BINS += $(B)/host/coreutils/[

# The test runner: one program for both sides (tests/coreutils/README.md).
CU_RUN_HOST := $(B)/host/coreutils-test/cu-run
CU_RUN_OS   := $(B)/prog/tests/coreutils/cu-run
$(CU_RUN_HOST): $(B)/host/tests/coreutils/cu-run.o
	@mkdir -p $(dir $@)
	$(CC) $(HOST_LDFLAGS) -o $@ $^
$(CU_RUN_OS): $(B)/prog/tests/coreutils/cu-run.o $(PROG_LIBS)
	$(call prog_link,$@,$(filter-out $(PROG_LIBS),$^))

INITFS_BIN  += $(CU_OS_BINS) $(CU_RUN_OS)
ALL_TARGETS += $(CU_HOST_BINS) $(CU_RUN_HOST)
-include $(patsubst %,$(B)/prog/$(CU_DIR)/%.d,$(CU_ALL) lib/cu) \
	$(patsubst %,$(B)/host/$(CU_DIR)/%.d,$(CU_HOST) lib/cu) \
	$(B)/prog/tests/coreutils/cu-run.d $(B)/host/tests/coreutils/cu-run.d

TEST_STEPS += test-coreutils
.PHONY: test-coreutils
# `all`: the test's image holds every program scripts/image/filesystem.list names.
test-coreutils: all
	@B=$(B) tests/coreutils/run.sh
