# A CPU-bound program with no syscalls does not starve the others.
boot_rc "kt_preempt" 30
expect '^kt_preempt: every thread made progress; state intact$'
expect_status 0
