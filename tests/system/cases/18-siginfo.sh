# SA_SIGINFO: the sender of a kill, a fault's si_code and si_addr, a
# child's CLD_* with its status, and the interrupted registers in the
# ucontext (tests/programs/kt_siginfo.c).
boot_rc "kt_siginfo" 30
expect '^kt_siginfo: all [0-9]+ checks passed$'
expect_status 0
