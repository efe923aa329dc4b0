# RedoxFS: the format library, its host tools and their tests.
RFS_LIB_SRCS := $(addprefix fs/redoxfs/,seahash.c lz4.c fs.c node.c dir.c)
# Host-only helpers (stdio, files, sha256): tools and tests, not the daemon.
RFS_TOOL_SRCS := $(addprefix fs/redoxfs/,sha256.c manifest.c filedisk.c)
RFS_LIB := $(B)/host/libredoxfs.a
RFS_TOOLLIB := $(B)/host/libredoxfs-tools.a

$(RFS_LIB): $(patsubst %.c,$(B)/host/%.o,$(RFS_LIB_SRCS))
	@mkdir -p $(dir $@)
	rm -f $@ && $(AR) rcs $@ $^
$(RFS_TOOLLIB): $(patsubst %.c,$(B)/host/%.o,$(RFS_TOOL_SRCS))
	@mkdir -p $(dir $@)
	rm -f $@ && $(AR) rcs $@ $^

# Fixture images made by the original code, kept xz-compressed in the tree.
RFS_FIXTURES := redoxfs-a redoxfs-c-reserved
RFS_IMGS := $(patsubst %,$(B)/redoxfs/%.img,$(RFS_FIXTURES))
$(B)/redoxfs/%.img: tests/fixtures/redoxfs/%.img.xz
	@mkdir -p $(dir $@)
	xz -dc $< > $@.tmp && mv $@.tmp $@

UNIT_SRCS   += tests/unit/test_redoxfs.c
UNIT_LIBS   += $(RFS_TOOLLIB) $(RFS_LIB)
UNIT_SUITES += redoxfs_suite
$(B)/host/tests/unit/test_redoxfs.o: HOST_CFLAGS += -DRFS_IMG_DIR='"$(B)/redoxfs"'
test-unit: $(RFS_IMGS)

-include $(patsubst %.c,$(B)/host/%.d,$(RFS_LIB_SRCS) $(RFS_TOOL_SRCS) tests/unit/test_redoxfs.c)
