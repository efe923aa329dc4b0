# sigaltstack: SA_ONSTACK handlers run on the alternate stack, and a stack
# overflow's SIGSEGV reaches a handler there that siglongjmps out
# (tests/programs/kt_altstack.c).
boot_rc "kt_altstack" 30
expect '^kt_altstack: all [0-9]+ checks passed$'
expect_status 0
