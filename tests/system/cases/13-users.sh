# Credentials: dropping root, refusals for a user, set-uid programs.
boot_rc "kt_users" 20
expect '^kt_users: set-uid child says: uid 1000 euid 0'
expect '^kt_users: credentials ok$'
expect_status 0
