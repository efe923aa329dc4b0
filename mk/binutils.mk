# binutils: strings hex hexdump disasm, each built twice: for the OS
# (initfs:/bin) and for the Linux host ($(B)/host/binutils/NAME), so the
# tests can hold them against GNU binutils / util-linux on the host.
BU_PROGS := strings hex hexdump disasm
BU_disasm_OBJS := disasm x86dec elfsym

define bu_rule
$(B)/prog/apps/binutils/$(1): $(foreach o,$(or $(BU_$(1)_OBJS),$(1)),$(B)/prog/apps/binutils/$(o).o) $$(PROG_LIBS)
	$$(call prog_link,$$@,$$(filter-out $$(PROG_LIBS),$$^))
$(B)/host/binutils/$(1): $(foreach o,$(or $(BU_$(1)_OBJS),$(1)),$(B)/host/apps/binutils/$(o).o)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(HOST_LDFLAGS) -o $$@ $$^
INITFS_BIN += $(B)/prog/apps/binutils/$(1)
ALL_TARGETS += $(B)/host/binutils/$(1)
endef
$(foreach p,$(BU_PROGS),$(eval $(call bu_rule,$(p))))
-include $(wildcard $(B)/prog/apps/binutils/*.d $(B)/host/apps/binutils/*.d)

INITFS_ETC += $(wildcard tests/binutils/fixtures/bt_*) tests/binutils/bt_cases

BU_HOST := $(addprefix $(B)/host/binutils/,$(BU_PROGS))
.PHONY: test-binutils
# xtrun (the case runner) comes from mk/extrautils.mk, read after this file.
test-binutils: $(BU_HOST) $(B)/host/tests/extrautils/xtrun $(B)/redox-hosted $(B)/initfs.img \
		$(B)/prog/apps/extrautils/grep $(B)/prog/apps/extrautils/less
	@tests/binutils/run $(B)
TEST_STEPS += test-binutils
