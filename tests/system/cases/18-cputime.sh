# CPU time: user and system time per thread, process and reaped child
# (getrusage, times, clock, the CPU-time clocks, wait4), `time`
# reporting the child's, and ps -l (sys:context's TIME) a running
# process's (tests/programs/kt_cputime.c).
boot_rc "kt_cputime
time -p kt_cputime spin
kt_cputime spin &
ps -l" 60
expect '^kt_cputime: all [0-9]+ checks passed$'
expect '^real [0-9]+\.[0-9]{2}$'
expect '^user (0\.[1-9][0-9]|[1-9][0-9]*\.[0-9]{2})$'
expect '^sys [0-9]+\.[0-9]{2}$'
expect '^ +PID +PPID +PGID +UID +GID STAT THR +MEM +TIME CMD$'
expect '^ +[0-9]+ +1 +1 +0 +0 +[RS] +1 +[0-9]+K +[0-9]+\.[0-9]{2} kt_cputime$'
expect_status 0
