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

# `make test` installs what it needs, then runs every suite in order and
# fails if any failed.  Fragments add phony targets to TEST_STEPS; the
# system tests run last so their summary line ends the output.
test: deps
	@$(MAKE) --no-print-directory check

check: all
	@fail=0; for t in $(TEST_STEPS) test-system; do \
	  $(MAKE) --no-print-directory $$t || { echo "*** $$t FAILED"; fail=1; }; \
	done; exit $$fail

bench: deps
	@$(MAKE) --no-print-directory all $(BENCH_TARGETS)
	@for b in $(BENCH_STEPS); do $(MAKE) --no-print-directory $$b || exit 1; done

clean:
	rm -rf build redox-hosted
