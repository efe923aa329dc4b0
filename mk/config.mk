# Toolchain and flags shared by every fragment.
CC       := gcc
AR       := ar
GCC_INC  := $(shell $(CC) -print-file-name=include)

ifeq ($(SAN),1)
B        := build/san
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=undefined
else
B        := build
SANFLAGS :=
endif

WARN     := -Wall -Wextra -Werror
# Host programs (redox-hosted's HAL, host tools, unit tests): ordinary C.
HOST_CFLAGS := -std=gnu11 -O2 -g $(WARN) -I. -MMD -MP $(SANFLAGS)
HOST_LDFLAGS := $(SANFLAGS)

# The core: freestanding, no TLS, no stack protector (it runs on the
# program's FS base in hosted mode), no SSE (kernel code natively).
CORE_CFLAGS := -std=gnu11 -O2 -g $(WARN) -ffreestanding -nostdinc \
	-isystem $(GCC_INC) -I. -fPIE -mno-red-zone -mgeneral-regs-only \
	-fno-stack-protector -fno-omit-frame-pointer \
	-fno-asynchronous-unwind-tables -MMD -MP $(SANFLAGS)

# Programs that run inside the OS: static-PIE against our libc.
# The host gcc defines __linux__; programs must see a Redox system instead
# (configure scripts and #ifdefs pick Linux-only paths otherwise).
# -MD, not -MMD: libc's headers come in with -isystem, and -MMD leaves
# "system" headers out of the dependencies (a changed core/abi.h would
# not rebuild the programs).
PROG_CFLAGS := -std=gnu11 -O2 -g $(WARN) -ffreestanding -nostdinc \
	-isystem libc/include -isystem $(GCC_INC) -iquote . -fPIE -fno-stack-protector \
	-fno-builtin-malloc -MD -MP \
	-U__linux__ -U__linux -Ulinux -U__gnu_linux__ -D__redox__
PROG_LDFLAGS := -nostdlib -static-pie -Wl,--no-dynamic-linker,-z,text

# libc outputs (rules in mk/libc.mk); programs depend on PROG_LIBS.
LIBC_A    := $(B)/libc/libc.a
LIBC_CRT0 := $(B)/libc/crt0.o
PROG_LIBS := $(LIBC_CRT0) $(LIBC_A)

ALL_TARGETS :=
TEST_STEPS  :=
BENCH_STEPS :=
BENCH_TARGETS :=
# Unit tests: fragments add sources and the names of their Check suites.
UNIT_SRCS   :=
UNIT_SUITES :=
UNIT_LIBS   :=

# Compile rules by tree; a fragment only lists its objects.
$(B)/host/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -c $< -o $@
$(B)/host/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -c $< -o $@
$(B)/core/%.o: core/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CORE_CFLAGS) -c $< -o $@
$(B)/prog/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(PROG_CFLAGS) -c $< -o $@
$(B)/prog/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(PROG_CFLAGS) -c $< -o $@
