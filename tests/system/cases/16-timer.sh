# time: timeouts reported through event:, in order, never early.
boot_rc "kt_timer" 20
expect '^kt_timer: timeouts ok$'
expect_status 0
