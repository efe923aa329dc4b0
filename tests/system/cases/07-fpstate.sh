# Floating-point results and MXCSR survive preemption bit for bit.
boot_rc "kt_fprun" 60
expect '^kt_fprun: floating-point state survived preemption$'
expect_not 'mxcsr LOST'
expect_status 0
