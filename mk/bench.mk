# bench/: figures against Linux measured in the same run (make bench).
$(B)/prog/bench/os_bench: $(B)/prog/bench/os_bench.o $(PROG_LIBS)
	$(call prog_link,$@,$(filter-out $(PROG_LIBS),$^))
INITFS_BIN += $(B)/prog/bench/os_bench

$(B)/host/linux_ref: bench/linux_ref.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -Wall -Wextra -Werror -o $@ $<

BENCH_TARGETS += $(B)/host/linux_ref
BENCH_STEPS += bench-core
.PHONY: bench-core
bench-core:
	@bench/run.sh $(B)

# The same file work inside the OS, on Linux and through redoxfs-fuse.
$(B)/prog/bench/file_bench: $(B)/prog/bench/file_bench.o $(PROG_LIBS)
	$(call prog_link,$@,$(filter-out $(PROG_LIBS),$^))
INITFS_BIN += $(B)/prog/bench/file_bench
$(B)/host/file_bench: bench/file_bench.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -Wall -Wextra -Werror -o $@ $<
BENCH_TARGETS += $(B)/host/file_bench
BENCH_STEPS += bench-files
.PHONY: bench-files
bench-files: $(B)/host/file_bench $(B)/redox-hosted $(RFS_FUSE) $(RFS_MKFS)
	@bench/file_bench.sh $(B)

# The userland as a person meets it: ls -l of 10,000 files, login to
# prompt, ls at the prompt (bench/userland_bench.sh).
BENCH_STEPS += bench-userland
.PHONY: bench-userland
bench-userland: $(B)/redox-hosted $(HARDDRIVE) $(RFS_MKIMAGE) $(RFS_FUSE)
	@bench/userland_bench.sh $(B)

# TCP throughput and UDP round trips: the OS over TAP against Linux over
# a veth pair (bench/net_bench.sh; root, else it says SKIP).
BENCH_TARGETS += $(B)/host/netbench
BENCH_STEPS += bench-net
.PHONY: bench-net
bench-net: $(B)/host/netbench $(B)/redox-hosted
	@bench/net_bench.sh $(B)

# The C library's hot paths: ours inside the OS against glibc on Linux.
$(B)/prog/bench/libc_bench: $(B)/prog/bench/libc_bench.o $(PROG_LIBS)
	$(call prog_link,$@,$(filter-out $(PROG_LIBS),$^))
INITFS_BIN += $(B)/prog/bench/libc_bench
$(B)/host/libc_bench: bench/libc_bench.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -Wall -Wextra -Werror -o $@ $<
BENCH_TARGETS += $(B)/host/libc_bench
BENCH_STEPS += bench-libc
.PHONY: bench-libc
bench-libc: $(B)/host/libc_bench $(B)/redox-hosted
	@bench/libc_bench.sh $(B)
