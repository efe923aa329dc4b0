# redoxfsd: the RedoxFS library built for programs, serving file: inside
# the OS; and build/harddrive.img, the root file system it mounts.
RFSD_SRCS := $(addprefix fs/redoxfs/daemon/,redoxfsd.c rfsd.c rfsd_handle.c \
	rfsd_path.c rfsd_file.c rfsd_meta.c rfsd_lock.c rfsd_flock.c)
RFSD_OBJS := $(patsubst %.c,$(B)/prog/%.o,$(RFSD_SRCS) $(RFS_LIB_SRCS))
RFSD := $(B)/prog/fs/redoxfs/daemon/redoxfsd
# The request loop is the scheme daemons' (schemes/lib/serve.c).
RFSD_OBJS += $(B)/prog/schemes/lib/serve.o
$(RFSD): $(RFSD_OBJS) $(PROG_LIBS)
	$(call prog_link,$@,$(RFSD_OBJS))
INITFS_BIN += $(RFSD)
-include $(RFSD_OBJS:.o=.d)

# redoxfs-mkimage [-B BUILD] MANIFEST IMAGE SIZE
RFS_MKIMAGE := $(B)/host/redoxfs-mkimage
$(RFS_MKIMAGE): $(B)/host/fs/redoxfs/host/mkimage.o $(RFS_TOOLLIB) $(RFS_LIB)
	$(CC) $(HOST_LDFLAGS) -o $@ $^
-include $(B)/host/fs/redoxfs/host/mkimage.d

# The image: /bin is every program of the initfs ($(B)/initfs/bin).
HARDDRIVE := $(B)/harddrive.img
HARDDRIVE_SIZE ?= 256M
HARDDRIVE_LIST := scripts/image/filesystem.list
# Other fragments add generated lists (mk/pkg.mk: keys, packages).
$(HARDDRIVE): $(RFS_MKIMAGE) $(HARDDRIVE_LIST) $(wildcard scripts/image/etc/*) \
		$(B)/initfs.img $$(HARDDRIVE_EXTRA_LISTS)
	cat $(HARDDRIVE_LIST) $(HARDDRIVE_EXTRA_LISTS) > $@.list
	$(RFS_MKIMAGE) -B $(B) $@.list $@.tmp $(HARDDRIVE_SIZE)
	mv $@.tmp $@
ALL_TARGETS += $(RFS_MKIMAGE) $(HARDDRIVE)

# The image checks clean and holds what the manifest lists.
TEST_STEPS += test-harddrive
.PHONY: test-harddrive
test-harddrive: $(HARDDRIVE) $(RFS_FSCK)
	tests/redoxfs/harddrive.sh $(B)

# redoxfs-ls IMAGE: a manifest listing of an image (tests).
RFS_LS := $(B)/host/redoxfs-ls
$(RFS_LS): $(B)/host/fs/redoxfs/host/ls.o $(RFS_TOOLLIB) $(RFS_LIB)
	$(CC) $(HOST_LDFLAGS) -o $@ $^
ALL_TARGETS += $(RFS_LS)
test-harddrive: $(RFS_LS)
-include $(B)/host/fs/redoxfs/host/ls.d

# The crash test inside the OS: tests/programs/kt_crashload.c (it prints
# each file's SHA-256 as redoxfs-ls lists it) under a booted redox-hosted,
# SIGKILLed at a random moment; fsck and every synced file checked after
# (RFS_OSCRASH_ROUNDS rounds, RFS_OSCRASH_SEED first seed; default: time).
RFS_OSCRASH_ROUNDS ?= 20
RFS_OSCRASH_SEED ?=
KT_CRASHLOAD := $(B)/prog/tests/programs/kt_crashload
$(KT_CRASHLOAD): $(KT_CRASHLOAD).o $(B)/prog/fs/redoxfs/lib/sha256.o $(PROG_LIBS)
	$(call prog_link,$@,$(filter-out $(PROG_LIBS),$^))
TEST_STEPS += test-redoxfs-oscrash
.PHONY: test-redoxfs-oscrash
test-redoxfs-oscrash: $(B)/redox-hosted $(RFS_MKIMAGE) $(RFS_FSCK) $(RFS_LS) \
		$(B)/initfs.img
	tests/redoxfs/oscrash.sh $(B) $(RFS_OSCRASH_ROUNDS) $(RFS_OSCRASH_SEED)

# The record lock table is a pure module: unit tests drive it directly.
UNIT_SRCS   += tests/unit/test_rfsd_lock.c fs/redoxfs/daemon/rfsd_lock.c
UNIT_SUITES += rfsd_lock_suite
