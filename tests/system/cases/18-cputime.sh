# CPU time: user and system time per thread, process and reaped child
# (getrusage, times, clock, the CPU-time clocks, wait4), and `time`
# reporting the child's (tests/programs/kt_cputime.c).
boot_rc "kt_cputime
time -p kt_cputime spin" 60
expect '^kt_cputime: all [0-9]+ checks passed$'
expect '^real [0-9]+\.[0-9]{2}$'
expect '^user (0\.[1-9][0-9]|[1-9][0-9]*\.[0-9]{2})$'
expect '^sys [0-9]+\.[0-9]{2}$'
expect_status 0
