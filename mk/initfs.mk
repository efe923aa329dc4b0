# The initfs image: the programs and files the system boots with.
#   INITFS_BIN += $(B)/prog/...    a built program -> initfs:/bin/<name>
#   INITFS_ETC += path/to/file     -> initfs:/etc/<name>
# Fragments are read in name order, so the lists are used only at build
# time (secondary expansion), when every fragment has added to them.
MKINITFS := $(B)/host/mkinitfs

$(MKINITFS): scripts/mkinitfs.c core/initfs.h
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -o $@ $<

INITFS_ETC += apps/init/initfs.rc

.SECONDEXPANSION:
$(B)/initfs.img: $(MKINITFS) $$(INITFS_BIN) $$(INITFS_ETC) mk/initfs.mk
	@rm -rf $(B)/initfs && mkdir -p $(B)/initfs/bin $(B)/initfs/etc
	cp $(INITFS_BIN) $(B)/initfs/bin/
	@# Debug info stays in $(B)/prog (addr2line on a fault's name+offset).
	strip --strip-debug $(B)/initfs/bin/*
	chmod 4755 $(B)/initfs/bin/kt_whoami
	@# Files that look like programs but are not (kt_badexec).
	head -c 3000 /dev/urandom > $(B)/initfs/bin/kt_garbage
	head -c 1000 $(B)/initfs/bin/kt_true > $(B)/initfs/bin/kt_truncated
	cp $(B)/initfs/bin/kt_true $(B)/initfs/bin/kt_elf32
	printf '\001' | dd of=$(B)/initfs/bin/kt_elf32 bs=1 seek=4 conv=notrunc 2>/dev/null
	chmod 755 $(B)/initfs/bin/kt_garbage $(B)/initfs/bin/kt_truncated $(B)/initfs/bin/kt_elf32
	cp apps/init/initfs.rc $(B)/initfs/etc/init.rc
	cp $(filter-out apps/init/initfs.rc,$(INITFS_ETC)) $(B)/initfs/etc/ 2>/dev/null || true
	$(MKINITFS) $(B)/initfs $@

ALL_TARGETS += $(B)/initfs.img
