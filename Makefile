# One non-recursive build. Each directory's rules live in mk/<name>.mk;
# everything lands in $(B) (build/, or build/san with SAN=1).
.DEFAULT_GOAL := all
include mk/config.mk
include $(filter-out mk/config.mk,$(sort $(wildcard mk/*.mk)))

.PHONY: all test check deps run bench clean
# Keep objects made through chains of pattern rules.
.SECONDARY:
all: $(ALL_TARGETS)

deps:
	@scripts/deps.sh

# `make test` installs what it needs, then runs every suite and fails if
# any failed.  Fragments add phony targets to TEST_STEPS (hosted and
# host-only suites), NATIVE_STEPS (QEMU-bound ones) and PRE_TEST_STEPS
# (builds the suites share).  The two groups run side by side, one a core:
# the native group's output goes to $(B)/check-native.log and is printed
# after the rest, so the QEMU system tests' summary line ends the output.
# Each step's time follows it ("== STEP: N s"), to keep CI in its bound.
NATIVE_BACKENDS = $(filter-out hosted,$(SYSTEM_BACKENDS))
test: deps
	@$(MAKE) --no-print-directory check

check: all
	@for t in $(PRE_TEST_STEPS); do s=$$(date +%s); \
	  $(MAKE) --no-print-directory $$t || exit 1; echo "== $$t: $$(( $$(date +%s) - s )) s"; done
	@( fail=0; for t in $(NATIVE_STEPS) $(NATIVE_BACKENDS:%=test-system-%); do \
	    s=$$(date +%s); \
	    $(MAKE) --no-print-directory $$t || { echo "*** $$t FAILED"; fail=1; }; \
	    echo "== $$t: $$(( $$(date +%s) - s )) s"; \
	  done; exit $$fail ) >$(B)/check-native.log 2>&1 & native=$$!; \
	fail=0; for t in $(TEST_STEPS) test-system-hosted; do \
	  s=$$(date +%s); \
	  $(MAKE) --no-print-directory $$t || { echo "*** $$t FAILED"; fail=1; }; \
	  echo "== $$t: $$(( $$(date +%s) - s )) s"; \
	done; \
	wait $$native || fail=1; \
	echo "---- the native (QEMU) suites, run beside the ones above ----"; \
	cat $(B)/check-native.log; \
	[ $$fail = 0 ] || echo "*** make test: a suite FAILED (see above)"; \
	exit $$fail

bench: deps
	@$(MAKE) --no-print-directory all $(BENCH_TARGETS)
	@for b in $(BENCH_STEPS); do $(MAKE) --no-print-directory $$b || exit 1; done

clean:
	rm -rf build redox-hosted
