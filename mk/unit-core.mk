# Unit tests of the core: Check suites linked with core.a and a fake HAL.
# tests/unit/main.c runs every suite listed in UNIT_SUITES.
UNIT_CORE_SUITES := url fd vm sched signal abi uscheme usercopy elf initfs fmt kmem limits tty
UNIT_SRCS   += tests/unit/fake_hal.c \
	$(patsubst %,tests/unit/test_%.c,$(UNIT_CORE_SUITES))
UNIT_LIBS   += $(B)/core.a
UNIT_SUITES += $(patsubst %,%_suite,$(UNIT_CORE_SUITES))

# The RTL8168 driver against a register model of the chip (QEMU has none).
UNIT_SRCS   += hal/x86_64/rtl8168.c tests/unit/test_rtl8168.c
UNIT_SUITES += rtl8168_suite

# A real static-PIE program for the ELF parser to accept: linked exactly
# as programs are (ARCHITECTURE.md), without sanitizers, and read by the
# test at run time from $(UNIT_ELF_SAMPLE).
UNIT_ELF_SAMPLE := $(B)/tests/unit/sample.elf
$(UNIT_ELF_SAMPLE): tests/unit/elf_sample.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -ffreestanding -fPIE -fno-stack-protector \
		-fno-asynchronous-unwind-tables $(PROG_LDFLAGS) -o $@ $<
$(UNIT_BIN): $(UNIT_ELF_SAMPLE)
$(B)/host/tests/unit/test_elf.o: HOST_CFLAGS += -DELF_SAMPLE='"$(UNIT_ELF_SAMPLE)"'

# tests.mk is read before this file and names prerequisites at once, so
# our objects are listed here too (its recipe sees them all, late).
UNIT_CORE_OBJS := $(patsubst %.c,$(B)/host/%.o,tests/unit/fake_hal.c \
	$(patsubst %,tests/unit/test_%.c,$(UNIT_CORE_SUITES)) \
	hal/x86_64/rtl8168.c tests/unit/test_rtl8168.c)
$(UNIT_BIN): $(UNIT_CORE_OBJS) $(B)/core.a
-include $(UNIT_CORE_OBJS:.o=.d)
