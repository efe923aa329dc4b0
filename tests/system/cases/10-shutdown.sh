# shutdown ends the OS with status 0; nothing after it runs.
boot_rc "echo before
shutdown
echo not-reached" 20
expect '^init: shutting down$'
expect_not '^not-reached$'
expect_status 0
