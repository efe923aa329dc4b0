# The book's vec: scheme: a user-space daemon and its client.
boot_rc "notify vec_scheme
vec" 20
expect '^olleH ih/$'
expect_status 0
