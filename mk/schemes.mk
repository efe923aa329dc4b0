# schemes/: small scheme daemons (and the book's vec example).
SERVE_OBJ := $(B)/prog/schemes/lib/serve.o
CHARDEV_OBJ := $(B)/prog/schemes/lib/chardev.o
SCHEME_DAEMONS := nulld zerod randd

define daemon_rule
$(B)/prog/schemes/$(1): $(B)/prog/schemes/$(1).o $(SERVE_OBJ) $(CHARDEV_OBJ) $$(PROG_LIBS)
	$$(call prog_link,$$@,$$(filter-out $$(PROG_LIBS),$$^))
INITFS_BIN += $(B)/prog/schemes/$(1)
endef
$(foreach d,$(SCHEME_DAEMONS),$(eval $(call daemon_rule,$(d))))

$(B)/prog/schemes/vec/vec_scheme: $(B)/prog/schemes/vec/vec_scheme.o $(SERVE_OBJ) $(PROG_LIBS)
	$(call prog_link,$@,$(filter-out $(PROG_LIBS),$^))
$(B)/prog/schemes/vec/vec: $(B)/prog/schemes/vec/vec.o $(PROG_LIBS)
	$(call prog_link,$@,$(filter-out $(PROG_LIBS),$^))
INITFS_BIN += $(B)/prog/schemes/vec/vec_scheme $(B)/prog/schemes/vec/vec
-include $(wildcard $(B)/prog/schemes/*.d $(B)/prog/schemes/*/*.d)
