# The core: freestanding C compiled once into $(B)/core.a, which both
# redox-hosted and kernel.elf link.
CORE_SRCS := $(sort $(wildcard core/*.c))
CORE_OBJS := $(patsubst core/%.c,$(B)/core/%.o,$(CORE_SRCS))

$(B)/core.a: $(CORE_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

ALL_TARGETS += $(B)/core.a
-include $(CORE_OBJS:.o=.d)

# core.a may need only hal_* and mem* from outside, define no libc names,
# and core/ must not branch on the backend.
TEST_STEPS += test-core-shape
.PHONY: test-core-shape
test-core-shape: $(B)/core.a
	@scripts/check-core.sh $(B)/core.a
