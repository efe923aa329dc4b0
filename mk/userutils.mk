# apps/userutils: login, su, sudo, passwd, whoami, id, useradd and their
# library (apps/userutils/lib).  sudo, passwd and su are set-uid root, which
# the initfs cannot express: they go only to the disk image's /bin (mode
# 4755, see scripts/image/filesystem.list); the rest are in initfs:/bin.
UU_DIR   := $(B)/prog/apps/userutils
UU_LIB   := $(addprefix $(B)/prog/apps/userutils/lib/,pwhash.o userdb.o session.o) \
	$(B)/prog/fs/redoxfs/lib/sha256.o
UU_PLAIN := login whoami id useradd
UU_SUID  := sudo passwd su

define uu_rule
$(UU_DIR)/$(1): $(UU_DIR)/$(1).o $(UU_LIB) $$(PROG_LIBS)
	$$(call prog_link,$$@,$$(filter-out $$(PROG_LIBS),$$^))
endef
$(foreach p,$(UU_PLAIN) $(UU_SUID),$(eval $(call uu_rule,$(p))))
INITFS_BIN += $(addprefix $(UU_DIR)/,$(UU_PLAIN))
ALL_TARGETS += $(addprefix $(UU_DIR)/,$(UU_SUID))
$(HARDDRIVE): $(addprefix $(UU_DIR)/,$(UU_SUID))
-include $(addprefix $(UU_DIR)/,$(addsuffix .d,$(UU_PLAIN) $(UU_SUID))) \
	$(UU_LIB:.o=.d)

# ut: the system tests' helper inside the OS.
$(B)/prog/tests/userutils/ut: $(B)/prog/tests/userutils/ut.o $(PROG_LIBS)
	$(call prog_link,$@,$(filter-out $(PROG_LIBS),$^))
INITFS_BIN += $(B)/prog/tests/userutils/ut
-include $(B)/prog/tests/userutils/ut.d

# Host tests of the hash and the file formats (tests/userutils/).
UU_HOST_TEST := $(B)/host/tests/userutils/test_userutils
$(UU_HOST_TEST): $(addprefix $(B)/host/,tests/userutils/test_userutils.o \
	apps/userutils/lib/pwhash.o apps/userutils/lib/userdb.o \
	fs/redoxfs/lib/sha256.o)
	$(CC) $(HOST_LDFLAGS) -o $@ $^
ALL_TARGETS += $(UU_HOST_TEST)
-include $(B)/host/tests/userutils/test_userutils.d

TEST_STEPS += test-userutils
.PHONY: test-userutils
test-userutils: $(UU_HOST_TEST)
	tests/userutils/run.sh $(B)
