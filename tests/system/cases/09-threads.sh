# Four threads incrementing a mutex-protected counter reach the total.
boot_rc "kt_threads" 60
expect '^kt_threads: counter 400000 \(want 400000\)$'
expect_status 0
