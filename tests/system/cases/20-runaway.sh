# Runaway unprivileged programs (uid 1000) hit their limits with the
# errno POSIX gives (EAGAIN, ENOMEM, EMFILE; a full pipe blocks) while
# root spawns and the zero: daemon answers; sys:meminfo is back to its
# starting figures after each; shutdown ends with status 0.
# The default RLIMIT_NPROC (128) fits QEMU's 256 MiB as well; the
# address-space run lowers RLIMIT_AS to $as MiB.
as=128
run() { printf 'kt_runaway %s &\nkt_runaway root\nkt_runaway meminfo %s\n' "$1" "$2"; }
boot_rc "notify zerod
kt_runaway meminfo start
$(run spawn spawn)
$(run mem mem)
$(run "mem $as" as)
$(run fds fds)
$(run "fds 64" fds64)
$(run pipe pipe)
kt_true
echo root-still-works
shutdown" 90
printf '%s\n' "$OUT" | grep -E '^kt_runaway: ' | grep -v holding
expect '^kt_runaway: spawn: EAGAIN after [0-9]+ processes$'
expect '^kt_runaway: spawn: reaped [0-9]+$'
expect '^kt_runaway: mem: ENOMEM after [0-9]+ MiB$'
expect '^kt_runaway: mem: sys:meminfo readable'
expect '^kt_runaway: mem: a reserved MiB, made writable: ENOMEM$'
expect "^kt_runaway: mem: limit $((as * 1024 * 1024))\$"
expect '^kt_runaway: fds: EMFILE after [0-9]+ opens; highest fd 1023$'
expect '^kt_runaway: fds: EMFILE after [0-9]+ opens; highest fd 63$'
expect '^kt_runaway: fds: raising the hard limit: EPERM$'
expect '^kt_runaway: pipe: EAGAIN after 65536 bytes; kernel heap \+[0-9]+ bytes$'
expect '^kt_runaway: pipe: blocking write: EINTR$'
expect_not 'never released|no runaway holding|did not exit|setrlimit\('
expect_not 'kt_runaway: root: .*does not answer'
[ "$(printf '%s\n' "$OUT" | grep -c '^kt_runaway: root: spawn none, kt_true status 0, zero: answers$')" -eq 6 ] ||
	_fail "root could not spawn or reach zero: every time"
# Each stopped at its limit: NPROC counts the runaway itself; the
# address space limit is below what was mapped; the reserve is kept.
nlim=$(printf '%s\n' "$OUT" | sed -n 's/^kt_runaway: spawn: limit \([0-9]*\)$/\1/p')
n=$(printf '%s\n' "$OUT" | sed -n 's/^kt_runaway: spawn: EAGAIN after \([0-9]*\) processes$/\1/p')
[ "$n" -eq $((nlim - 1)) ] || _fail "spawned $n with RLIMIT_NPROC $nlim"
mibs=$(printf '%s\n' "$OUT" | sed -n 's/^kt_runaway: mem: ENOMEM after \([0-9]*\) MiB$/\1/p')
[ "$(printf '%s\n' "$mibs" | wc -l)" -eq 2 ] || _fail "two mem runs: $mibs"
total_pages=$(printf '%s\n' "$OUT" | sed -n 's/^kt_runaway: mem: .*pages used [0-9]* of \([0-9]*\)).*/\1/p' | head -1)
[ "$(printf '%s\n' "$mibs" | head -1)" -le $((total_pages * 4 / 1024 * 15 / 16)) ] ||
	_fail "mapped $(printf '%s\n' "$mibs" | head -1) MiB: more than all but the reserve"
[ "$(printf '%s\n' "$mibs" | tail -1)" -lt "$as" ] || _fail "mapped $(printf '%s\n' "$mibs" | tail -1) MiB under RLIMIT_AS $as MiB"
# The pipe took no more than its ring (64 KiB) and a page or so around it.
heap=$(printf '%s\n' "$OUT" | sed -n 's/^kt_runaway: pipe: .*kernel heap +\([0-9]*\) bytes$/\1/p')
[ "${heap:-999999}" -le $((65536 + 2 * 4096)) ] || _fail "a full pipe took $heap bytes of kernel heap"
# Every runaway's memory came back: the same figures as at the start.
start=$(printf '%s\n' "$OUT" | sed -n 's/^kt_runaway: meminfo start: //p')
[ -n "$start" ] || _fail "no starting figures"
for m in spawn mem as fds fds64 pipe; do
	now=$(printf '%s\n' "$OUT" | sed -n "s/^kt_runaway: meminfo $m: //p")
	[ "$now" = "$start" ] || _fail "after $m: $now, at the start: $start"
done
expect '^root-still-works$'
expect '^init: shutting down$'
expect_status 0
