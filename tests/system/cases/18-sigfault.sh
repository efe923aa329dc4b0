# Handlers for a program's own faults: siglongjmp out, or fix and resume
# with every register intact; blocked or reset handlers and overflows kill.
boot_rc "kt_sigfault" 30
expect '^kt_sigfault: all [0-9]+ checks passed$'
expect_status 0
