# A pipe holds exactly its capacity and keeps byte order across the
# ring's wrap point.
boot_rc "kt_pipe
echo still-alive" 20
expect '^kt_pipe: all [0-9]+ checks passed$'
expect_order '^kt_pipe: all' '^still-alive$'
expect_not 'kt_pipe: FAIL'
expect_status 0
