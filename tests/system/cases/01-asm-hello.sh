# A program with no libc: the entry ABI (stack, auxv, syscall entry) and
# its exit status, which init reports.
boot_rc "asm_hello
echo after-hello" 20
expect '^asm_hello: hello from a program with no libc$'
expect 'init: asm_hello exited with status 7'
expect_order 'asm_hello: hello' '^after-hello$'
expect_status 0
