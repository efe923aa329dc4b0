# The OS boots, prints its banner and the kernel log, and ends cleanly.
boot_rc "echo rc-ran" 10
expect '^Redox-C [0-9]+\.[0-9]+\.[0-9]+ \((hosted|x86_64)\)'
expect_status 0
