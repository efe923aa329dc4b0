# apps/getty: a login on a terminal (the console: `getty debug:`).
GETTY := $(B)/prog/apps/getty/getty
$(GETTY): $(B)/prog/apps/getty/getty.o $(PROG_LIBS)
	$(call prog_link,$@,$(filter-out $(PROG_LIBS),$^))
INITFS_BIN += $(GETTY)
-include $(B)/prog/apps/getty/getty.d
