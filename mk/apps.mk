# apps/: init (the coreutils are built by mk/coreutils.mk).
APPS := init

define app_rule
$(B)/prog/apps/$(1)/$(1): $(B)/prog/apps/$(1)/$(1).o $$(PROG_LIBS)
	$$(call prog_link,$$@,$$(filter-out $$(PROG_LIBS),$$^))
INITFS_BIN += $(B)/prog/apps/$(1)/$(1)
endef
$(foreach a,$(APPS),$(eval $(call app_rule,$(a))))
-include $(foreach a,$(APPS),$(B)/prog/apps/$(a)/$(a).d)
