# The syscall fuzzer (tests/fuzz/sysfuzz.c) for a bounded time: the core
# must answer every call with a value or an errno, never crash or hang,
# and the OS must still run a command and shut down cleanly afterwards.
# make test uses a fixed seed so a failure reproduces; SYSFUZZ_SEED=-
# draws a random one (SYSFUZZ_SEED=N picks N).  A failure prints the seed
# and the last calls (tests/fuzz/README.md says how to replay).  Children
# that die of a signal the fuzzer cannot account for are printed as
# oddities with their replay line; they fail nothing (a child can wreck
# its own memory); a bad result, a sanitizer report or a stuck core do.
# Hosted: 10 s; the ASan/UBSan build 60 s and at least 10^5 calls; QEMU:
# 20 s.  (Long runs once hung now and then: a spawn waiting, unkillable,
# for an image from a scheme its own process served, and the fuzzer's
# parent reaching its own scheme after a fuzzed chdir.  Both are fixed,
# the first with kt_spawnself as its regression case.)
seed=${SYSFUZZ_SEED:-0x5eed2026}
case "$BACKEND:$BUILD" in
qemu:*) secs=20 min=1000 ;;
*san*) secs=60 min=100000 ;;
*) secs=10 min=10000 ;;
esac
boot_rc "notify nulld
notify zerod
notify randd
sysfuzz $seed 1000000000 $secs
echo still-alive
kt_true
echo after-true" $((secs + 40))
printf '%s\n' "$OUT" | grep -a '^sysfuzz: seed .*calls' || true
expect '^sysfuzz: seed 0x[0-9a-f]+$'
expect '^sysfuzz: seed 0x[0-9a-f]+: [0-9]+ calls \([0-9]+ in children\), [0-9]+ per second, 0 problems, [0-9]+ oddities$'
expect_order '^sysfuzz: seed .* 0 problems, ' '^still-alive$' '^after-true$'
expect_not 'PROBLEM'
expect_not 'AddressSanitizer|runtime error|LeakSanitizer'
expect_not 'panic'
n=$(printf '%s\n' "$OUT" | sed -n 's/^sysfuzz: seed .*: \([0-9]*\) calls .*/\1/p' | tail -1)
[ "${n:-0}" -ge "$min" ] || _fail "only ${n:-0} calls, wanted at least $min"
expect_status 0
