# Unit tests (Check) and the system test driver.
#
# Fragments add their test sources to UNIT_SRCS, extra objects/libs to
# UNIT_LIBS and their suite constructor names to UNIT_SUITES; one runner
# binary runs them all and prints Check's summary.
UNIT_BIN := $(B)/tests/unit/run
UNIT_OBJS = $(patsubst %.c,$(B)/host/%.o,tests/unit/main.c $(UNIT_SRCS))

$(B)/tests/unit/suites.inc: FORCE
	@mkdir -p $(dir $@)
	@for s in $(UNIT_SUITES); do echo "SUITE($$s)"; done > $@.tmp
	@cmp -s $@.tmp $@ || mv $@.tmp $@; rm -f $@.tmp

$(B)/host/tests/unit/main.o: $(B)/tests/unit/suites.inc
$(B)/host/tests/unit/main.o: HOST_CFLAGS += -I$(B)/tests/unit

$(UNIT_BIN): $(UNIT_OBJS) $(UNIT_LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_LDFLAGS) -o $@ $(UNIT_OBJS) $(UNIT_LIBS) $$(pkg-config --libs check)

ALL_TARGETS += $(UNIT_BIN)
TEST_STEPS  += test-unit
.PHONY: test-unit test-system FORCE
FORCE:
test-unit: $(UNIT_BIN)
	CK_VERBOSITY=normal $(UNIT_BIN)

# System tests boot the OS with a script and check what it prints.
SYSTEM_BACKENDS ?= hosted
test-system: all
	@for be in $(SYSTEM_BACKENDS); do tests/system/run --backend $$be --build $(B) || exit 1; done
# One backend's system tests (make test runs them in two groups).
test-system-%: all
	@tests/system/run --backend $* --build $(B)
