# Every syscall with bad pointers, lengths, fds and flags gets its errno,
# and the system keeps running.
boot_rc "notify nulld
kt_badcalls
echo still-alive" 20
expect '^kt_badcalls: all [0-9]+ checks passed$'
expect_order '^kt_badcalls: all' '^still-alive$'
expect_not 'kt_badcalls: FAIL'
expect_status 0
