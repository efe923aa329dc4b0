# SA_RESTART: a pipe read or write and waitpid interrupted by such a
# handler go on; without it they fail with EINTR; nanosleep and poll are
# never restarted (tests/programs/kt_restart.c).
boot_rc "kt_restart" 30
expect '^kt_restart: all [0-9]+ checks passed$'
expect_status 0
