# A daemon that misbehaves on purpose (wrong ids, lengths past its
# payload, huge and out-of-range results, short stats, double and late
# answers, events for unknown handles, silence, death with callers
# waiting): callers get errors or the clamped truth, a silent daemon's
# caller is interrupted by a signal, and its death gives back all it held.
boot_rc "kt_hostile meminfo
kt_hostile meminfo
kt_hostile
kt_hostile meminfo
echo still-alive" 30
expect '^kt_hostile: blocked caller: read gave -5$'
# The first run warms init up; the second and last must agree.
mem=$(printf '%s\n' "$OUT" | grep '^kt_hostile: meminfo ')
before=$(printf '%s\n' "$mem" | sed -n 2p) after=$(printf '%s\n' "$mem" | sed -n 3p)
[ -n "$before" ] && [ "$before" = "$after" ] ||
	_fail "memory not given back: '$before' then '$after'"
expect '^kt_hostile: all [0-9]+ checks passed$'
expect_order '^kt_hostile: all' '^still-alive$'
expect_not 'kt_hostile: FAIL'
expect_status 0
