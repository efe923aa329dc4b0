# The native x86_64 kernel: hal/x86_64 + the same $(B)/core.a redox-hosted
# links, booted by GRUB (multiboot2, `make iso`) or QEMU -kernel
# (multiboot1, the system tests' fast path).  Not built with SAN=1.
ifneq ($(SAN),1)

X86_SRCS := $(sort $(wildcard hal/x86_64/*.c hal/x86_64/*.S))
X86_OBJS := $(patsubst %,$(B)/x86_64/%.o,$(basename $(X86_SRCS)))
X86_LDS  := hal/x86_64/kernel.ld

# Kernel code: no SSE (the FPU holds the user's state), no red zone
# (interrupts push on the kernel stack), linked at -2 GiB.
X86_CFLAGS := -std=gnu11 -O2 -g $(WARN) -ffreestanding -nostdinc \
	-isystem $(GCC_INC) -I. -mno-red-zone -mgeneral-regs-only \
	-mcmodel=kernel -fno-pic -fno-pie -fno-stack-protector \
	-fno-omit-frame-pointer -fno-asynchronous-unwind-tables -MMD -MP

$(B)/x86_64/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(X86_CFLAGS) -c $< -o $@
$(B)/x86_64/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(X86_CFLAGS) -c $< -o $@

# The screen console's glyphs (hal/x86_64/fbcon.c), made from GRUB's
# ASCII font (grub-common, GNU Unifont 16) at build time.
FBFONT_PF2 := /usr/share/grub/ascii.pf2
$(B)/host/pf2font: scripts/pf2font.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 $(WARN) -o $@ $<
$(B)/x86_64/gen/fbfont.c: $(B)/host/pf2font $(FBFONT_PF2)
	@mkdir -p $(dir $@)
	$(B)/host/pf2font $(FBFONT_PF2) $@
$(B)/x86_64/gen/fbfont.o: $(B)/x86_64/gen/fbfont.c
	$(CC) $(X86_CFLAGS) -c $< -o $@
X86_OBJS += $(B)/x86_64/gen/fbfont.o
# Reads the screen console back from a screendump (the tests).
$(B)/host/fbtext: scripts/fbtext.c $(B)/x86_64/gen/fbfont.c
	$(CC) -std=gnu11 -O2 $(WARN) -o $@ $^
ALL_TARGETS += $(B)/host/fbtext

# The link records which core.a it used (scripts/check-same-core.sh).
$(B)/kernel.elf: $(X86_OBJS) $(B)/core.a $(X86_LDS)
	$(CC) -nostdlib -static -no-pie -Wl,-T,$(X86_LDS) -Wl,-z,max-page-size=4096 \
	    -Wl,--build-id=none -Wl,-Map,$@.map -o $@ $(X86_OBJS) $(B)/core.a
	@scripts/check-kernel-elf.sh $@
	@sha256sum $(B)/core.a | cut -d' ' -f1 > $@.core-sha256

# redox-hosted's link is in mk/hosted.mk; this stamp is made right after it.
$(B)/redox-hosted.core-sha256: $(B)/redox-hosted
	@sha256sum $(B)/core.a | cut -d' ' -f1 > $@

ALL_TARGETS += $(B)/kernel.elf $(B)/redox-hosted.core-sha256
-include $(X86_OBJS:.o=.d)

# ---- the ISO: GRUB for BIOS and UEFI, kernel.elf + initfs as modules ----
ISO_DIR := $(B)/iso
$(B)/redox.iso: $(B)/kernel.elf $(B)/initfs.img scripts/mkiso.sh
	scripts/mkiso.sh $@ $(B)/kernel.elf $(B)/initfs.img ""

.PHONY: iso qemu
iso: $(B)/redox.iso

# make qemu [kvm=no] [vga=no]: boots the ISO; see scripts/qemu-run.sh.
qemu: $(B)/redox.iso
	scripts/qemu-run.sh $(B)/redox.iso kvm=$(kvm) vga=$(vga)

# ---- tests ----
TEST_STEPS += test-same-core
# QEMU-bound suites: make test runs them beside the hosted ones (Makefile).
NATIVE_STEPS += test-native-ktest test-native-smoke
.PHONY: test-same-core test-native-ktest test-native-smoke
test-same-core: $(B)/kernel.elf $(B)/redox-hosted $(B)/redox-hosted.core-sha256
	@scripts/check-same-core.sh $(B)

# In-kernel HAL tests (ring 3, paging, signals, timer, disk) under TCG,
# with -cpu max and with -cpu qemu64 (no xsave, SMAP, RDRAND).
test-native-ktest: $(B)/kernel.elf
	@scripts/qemu-ktest.sh $(B) max
	@scripts/qemu-ktest.sh $(B) qemu64

# The banner case once more through GRUB (multiboot2 from the ISO, BIOS and
# UEFI); then, with -cpu qemu64 (fxsave, no SMAP/SMEP/RDRAND/AVX2: the
# fallbacks), the cases whose paths those features change: FP and vector
# state across switches, signals and faults, threads, spawn, libc's string,
# math and stdio code (SSE2 instead of AVX2), the disk and the shell.
# Every case with qemu64 nearly doubled the native suites' time (5 min on
# a busy machine) in a CI run that must stay within 20 minutes; every case
# still runs on -cpu max in test-system-qemu.
QEMU64_CASES := 00-banner 02-vec 05-faults 06-preempt 07-fpstate 09-threads \
	18-altstack 18-siginfo 18-sigfault 20-spawnself 20-vfork 40-libc_string \
	40-libc_math 40-libc_float 40-libc_stdio 40-libc_stdlib 50-redoxfs-boot \
	70-shell 80-coreutils
test-native-smoke: $(B)/kernel.elf $(B)/initfs.img $(B)/host/fbtext
	@echo "qemu smoke: GRUB ISO (multiboot2)"
	@QEMU_BOOT=iso tests/system/run --backend qemu --build $(B) tests/system/cases/00-banner.sh
	@scripts/qemu-fbcon-test.sh $(B) bios
	@scripts/qemu-fbcon-test.sh $(B) scroll
	@scripts/qemu-fbcon-test.sh $(B) keys
	@echo "qemu smoke: GRUB ISO under UEFI (OVMF)"
	@QEMU_BOOT=uefi tests/system/run --backend qemu --build $(B) tests/system/cases/00-banner.sh
	@echo "qemu: the CPU-feature cases with -cpu qemu64"
	@QEMU_CPU=qemu64 tests/system/run --backend qemu --build $(B) $(QEMU64_CASES:%=tests/system/cases/%.sh)

SYSTEM_BACKENDS += qemu

BENCH_STEPS += bench-native-boot
.PHONY: bench-native-boot
bench-native-boot: $(B)/kernel.elf $(B)/initfs.img
	@bench/native-boot.sh $(B)

endif
