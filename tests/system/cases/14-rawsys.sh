# A program's raw syscall instruction is trapped (hosted: Syscall User
# Dispatch; natively the kernel's origin check): the program dies of
# SIGSYS, nothing reaches the host, the OS goes on
# (tests/programs/kt_rawsys.c).
boot_rc "kt_rawsys
echo after" 30
expect '^kt_rawsys: raw exit: killed by SIGSYS$'
expect '^kt_rawsys: raw write: killed by SIGSYS$'
expect '^kt_rawsys: the OS is still here$'
expect '^after$'
expect_not '^LEAK$'
expect_status 0
