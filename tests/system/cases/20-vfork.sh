# vfork: the child runs in the parent's memory with its own pid and fds
# until _exit or execve, the parent suspended meanwhile
# (tests/programs/kt_vfork.c).
boot_rc "kt_vfork" 30
expect '^kt_vfork: all [0-9]+ checks passed$'
expect_not 'killed'
expect_status 0
