# RedoxFS: the format library, its host tools and their tests.
# fs/redoxfs/lib: what the host tools and redoxfsd (mk/redoxfsd.mk) share.
RFS_LIB_SRCS := $(addprefix fs/redoxfs/lib/,seahash.c lz4.c fs.c node.c \
	dir.c write.c filew.c rcache.c dirw.c ops.c meta.c wbdisk.c perm.c policy.c \
	fddisk.c)
# fs/redoxfs/host: host-only helpers (stdio, image files, the checker,
# manifests) for the tools and tests, not the in-OS daemon.  sha256 is
# the library's (kt_crashload uses it inside the OS too).
RFS_TOOL_SRCS := fs/redoxfs/lib/sha256.c $(addprefix fs/redoxfs/host/, \
	manifest.c filedisk.c check.c check_tree.c check_node.c)
RFS_LIB := $(B)/host/libredoxfs.a
RFS_TOOLLIB := $(B)/host/libredoxfs-tools.a

# The archive depends on this file too: a new member (an object no build
# made yet) would not make it stale otherwise (.SECONDARY).
$(RFS_LIB): $(patsubst %.c,$(B)/host/%.o,$(RFS_LIB_SRCS)) mk/redoxfs.mk
	@mkdir -p $(dir $@)
	rm -f $@ && $(AR) rcs $@ $(filter %.o,$^)
$(RFS_TOOLLIB): $(patsubst %.c,$(B)/host/%.o,$(RFS_TOOL_SRCS))
	@mkdir -p $(dir $@)
	rm -f $@ && $(AR) rcs $@ $^

# redoxfs-fsck IMAGE
RFS_FSCK := $(B)/host/redoxfs-fsck
$(RFS_FSCK): $(B)/host/fs/redoxfs/host/fsck.o $(RFS_TOOLLIB) $(RFS_LIB)
	$(CC) $(HOST_LDFLAGS) -o $@ $^
ALL_TARGETS += $(RFS_FSCK)

# redoxfs-mkfs IMAGE [SIZE]
RFS_MKFS := $(B)/host/redoxfs-mkfs
$(RFS_MKFS): $(B)/host/fs/redoxfs/host/mkfs.o $(RFS_TOOLLIB) $(RFS_LIB)
	$(CC) $(HOST_LDFLAGS) -o $@ $^
ALL_TARGETS += $(RFS_MKFS)
TEST_STEPS += test-redoxfs-mkfs
.PHONY: test-redoxfs-mkfs
test-redoxfs-mkfs: $(RFS_MKFS) $(RFS_FSCK)
	tests/redoxfs/mkfs.sh $(B)

# Fixture images made by the original code, kept xz-compressed in the tree.
RFS_FIXTURES := redoxfs-a redoxfs-c-reserved
RFS_IMGS := $(patsubst %,$(B)/redoxfs/%.img,$(RFS_FIXTURES))
$(B)/redoxfs/%.img: tests/fixtures/redoxfs/%.img.xz
	@mkdir -p $(dir $@)
	xz -dc $< > $@.tmp && mv $@.tmp $@

UNIT_SRCS   += tests/unit/test_redoxfs.c tests/unit/test_redoxfs_write.c \
	tests/unit/test_redoxfs_alloc.c
UNIT_LIBS   += $(RFS_TOOLLIB) $(RFS_LIB)
UNIT_SUITES += redoxfs_suite redoxfs_write_suite redoxfs_alloc_suite
# POSIX metadata (meta.h): special files, directory link counts, times.
UNIT_SRCS   += tests/unit/test_redoxfs_meta.c tests/unit/rfs_memdisk.c \
	tests/unit/test_redoxfs_counts.c
UNIT_SUITES += redoxfs_meta_suite redoxfs_counts_suite
# The commit policy both daemons follow (policy.h).
UNIT_SRCS   += tests/unit/test_redoxfs_policy.c
UNIT_SUITES += redoxfs_policy_suite
# The record cache (rcache.h): pieces, reads, commits, remounts, undo.
UNIT_SRCS   += tests/unit/test_redoxfs_rcache.c
UNIT_SUITES += redoxfs_rcache_suite
$(B)/host/tests/unit/test_redoxfs.o $(B)/host/tests/unit/test_redoxfs_write.o: \
	HOST_CFLAGS += -DRFS_IMG_DIR='"$(B)/redoxfs"'
test-unit: $(RFS_IMGS)

# The fixtures check clean; the tool's errors for a missing or foreign file.
TEST_STEPS += test-redoxfs-fsck
.PHONY: test-redoxfs-fsck
test-redoxfs-fsck: $(RFS_FSCK) $(RFS_IMGS)
	tests/redoxfs/fsck.sh $(B)

-include $(patsubst %.c,$(B)/host/%.d,$(RFS_LIB_SRCS) $(RFS_TOOL_SRCS) \
	fs/redoxfs/host/fsck.c fs/redoxfs/host/mkfs.c tests/unit/test_redoxfs.c \
	tests/unit/test_redoxfs_write.c tests/unit/test_redoxfs_meta.c \
	tests/unit/test_redoxfs_alloc.c tests/unit/rfs_memdisk.c \
	tests/unit/test_redoxfs_policy.c tests/unit/test_redoxfs_rcache.c \
	tests/unit/test_redoxfs_counts.c)

# libFuzzer target for the reader and checker, with a short bounded run
# seeded from the fixtures (FUZZ_SECONDS, default 30 in make test).
FUZZ_SECONDS ?= 30
RFS_FUZZ := $(B)/fuzz/fuzz_redoxfs
RFS_FUZZ_SRCS := tests/fuzz/fuzz_redoxfs.c $(RFS_LIB_SRCS) \
	fs/redoxfs/lib/sha256.c $(addprefix fs/redoxfs/host/,manifest.c check.c check_tree.c check_node.c)
$(RFS_FUZZ): $(RFS_FUZZ_SRCS) $(wildcard fs/redoxfs/*/*.h)
	@mkdir -p $(dir $@)
	clang -std=gnu11 -g -O1 -I. $(WARN) -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=undefined -o $@ $(RFS_FUZZ_SRCS)
$(B)/fuzz/redoxfs-seed: tests/fuzz/seed.c
	@mkdir -p $(dir $@)
	$(CC) -O2 $(WARN) -o $@ $<
TEST_STEPS += fuzz-redoxfs
.PHONY: fuzz-redoxfs
fuzz-redoxfs: $(RFS_FUZZ) $(B)/fuzz/redoxfs-seed $(RFS_IMGS)
	tests/fuzz/run-redoxfs.sh $(B) $(FUZZ_SECONDS)

# redoxfs-fuse IMAGE MOUNTPOINT (libfuse3, low-level API)
RFS_FUSE := $(B)/host/redoxfs-fuse
RFS_FUSE_OBJS := $(addprefix $(B)/host/fs/redoxfs/host/,fuse.o fuse_rw.o \
    fuse_perm.o fuse_inval.o)
$(RFS_FUSE_OBJS): HOST_CFLAGS += $(shell pkg-config --cflags fuse3)
$(RFS_FUSE): $(RFS_FUSE_OBJS) $(RFS_TOOLLIB) $(RFS_LIB)
	$(CC) $(HOST_LDFLAGS) -o $@ $^ $$(pkg-config --libs fuse3) -pthread
# redoxfs-walk DIR: a manifest listing of a real directory tree (tests).
RFS_WALK := $(B)/host/redoxfs-walk
$(RFS_WALK): $(B)/host/tests/redoxfs/walk.o $(RFS_TOOLLIB) $(RFS_LIB)
	$(CC) $(HOST_LDFLAGS) -o $@ $^
ALL_TARGETS += $(RFS_FUSE) $(RFS_WALK)
TEST_STEPS += test-redoxfs-fuse
.PHONY: test-redoxfs-fuse
test-redoxfs-fuse: $(RFS_FUSE) $(RFS_WALK) $(RFS_MKFS) $(RFS_FSCK) $(RFS_IMGS)
	tests/redoxfs/fuse.sh $(B)
-include $(RFS_FUSE_OBJS:.o=.d) $(B)/host/tests/redoxfs/walk.d

# Filling an image through FUSE: many small files, then large ones until
# ENOSPC, which must come only when the disk is really full.
TEST_STEPS += test-redoxfs-fill
.PHONY: test-redoxfs-fill
test-redoxfs-fill: $(RFS_FUSE) $(RFS_MKFS) $(RFS_FSCK)
	tests/redoxfs/fill.sh $(B)

# redoxfs-fuse against fuse2fs, same workload, same run (make bench).
RFS_BENCH := $(B)/host/redoxfs_bench
$(RFS_BENCH): bench/redoxfs_bench.c
	@mkdir -p $(dir $@)
	$(CC) -O2 $(WARN) -o $@ $<
BENCH_TARGETS += $(RFS_BENCH)
BENCH_STEPS += bench-redoxfs
.PHONY: bench-redoxfs
bench-redoxfs: $(RFS_BENCH) $(RFS_FUSE) $(RFS_MKFS) $(RFS_FSCK)
	@bench/redoxfs_bench.sh $(B)

# POSIX behaviour through the FUSE mount (RFS_POSIX_MANY files in one dir).
RFS_POSIX_MANY ?= 100000
RFS_POSIX := $(B)/host/redoxfs-posix
$(RFS_POSIX): $(B)/host/tests/redoxfs/posix.o
	$(CC) $(HOST_LDFLAGS) -o $@ $^
TEST_STEPS += test-redoxfs-posix
.PHONY: test-redoxfs-posix
test-redoxfs-posix: $(RFS_POSIX) $(RFS_FUSE) $(RFS_MKFS) $(RFS_FSCK)
	tests/redoxfs/posix.sh $(B) $(RFS_POSIX_MANY)
-include $(B)/host/tests/redoxfs/posix.d

# The permission matrix (tests/programs/kt_perm.c, which also runs inside
# the OS) through the FUSE mount, supplementary groups included.
RFS_PERM := $(B)/host/redoxfs-permtest
$(RFS_PERM): tests/programs/kt_perm.c
	@mkdir -p $(dir $@)
	$(CC) -O2 $(WARN) -DPERM_HOST -o $@ $<
TEST_STEPS += test-redoxfs-perm
.PHONY: test-redoxfs-perm
test-redoxfs-perm: $(RFS_PERM) $(RFS_FUSE) $(RFS_MKFS) $(RFS_FSCK)
	tests/redoxfs/perm.sh $(B)

# Crash test: SIGKILL the daemon under an fsync'ing workload
# (RFS_CRASH_ROUNDS rounds, RFS_CRASH_SEED first seed; default: the time).
RFS_CRASH_ROUNDS ?= 24
RFS_CRASH_SEED ?=
RFS_CRASHLOAD := $(B)/host/redoxfs-crashload
$(RFS_CRASHLOAD): $(B)/host/tests/redoxfs/crashload.o
	$(CC) $(HOST_LDFLAGS) -o $@ $^
# Built with the tools (by `make SAN=1 all` too), not only by the test.
ALL_TARGETS += $(RFS_CRASHLOAD)
TEST_STEPS += test-redoxfs-crash
.PHONY: test-redoxfs-crash
test-redoxfs-crash: $(RFS_CRASHLOAD) $(RFS_FUSE) $(RFS_MKFS) $(RFS_FSCK)
	tests/redoxfs/crash.sh $(B) $(RFS_CRASH_ROUNDS) $(RFS_CRASH_SEED)
-include $(B)/host/tests/redoxfs/crashload.d

# FUSE <-> library: written one way, read the other.
RFS_LIBIO := $(B)/host/redoxfs-libio
$(RFS_LIBIO): $(B)/host/tests/redoxfs/libio.o $(RFS_TOOLLIB) $(RFS_LIB)
	$(CC) $(HOST_LDFLAGS) -o $@ $^
TEST_STEPS += test-redoxfs-interop
.PHONY: test-redoxfs-interop
test-redoxfs-interop: $(RFS_LIBIO) $(RFS_WALK) $(RFS_FUSE) $(RFS_MKFS) $(RFS_FSCK)
	tests/redoxfs/interop.sh $(B)
-include $(B)/host/tests/redoxfs/libio.d

# The model test at full length: 100,000 operations against the in-memory
# model with crashes and torn commits (the unit suite runs 4 x 1,500), or
# as many as RFS_FSX_SECONDS (per run: plain, then through the write-back
# layer) allow: a loaded machine keeps make test in its time.
# The seed changes with the day; it is printed, and RFS_SEED reruns it.
TEST_STEPS += test-redoxfs-fsx
.PHONY: test-redoxfs-fsx
# Under the sanitizers every operation costs ten times more: a fifth as many.
ifeq ($(SAN),1)
RFS_FSX_OPS ?= 20000
else
RFS_FSX_OPS ?= 100000
endif
RFS_FSX_SECONDS ?= 75
test-redoxfs-fsx: $(UNIT_BIN)
	RFS_SEED=$${RFS_SEED:-$$(date +%Y%m%d)} RFS_OPS=$(RFS_FSX_OPS) \
		RFS_SECONDS=$(RFS_FSX_SECONDS) CK_RUN_SUITE=redoxfs-write \
		CK_RUN_CASE=fsx $(UNIT_BIN)
