# Four threads incrementing a mutex-protected counter reach the total,
# and each sees its own pthread_self() and errno all along.
boot_rc "kt_threads" 60
expect '^kt_threads: counter 400000 \(want 400000\)$'
expect "^kt_threads: rounds that saw another thread's pthread_self or errno: 0$"
expect_status 0
