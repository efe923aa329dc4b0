# Preemption in the middle of syscall-heavy code: a thread doing scheme
# round trips keeps its flags and registers (every write must return 1),
# while a spinner checks all general and vector registers.
boot_rc "notify nulld
kt_vecipc
kt_regs
kt_regs null" 120
expect '^kt_vecipc: [0-9]+ spinner rounds, 0 corrupted words, 0 failed writes$'
expect_order '^kt_regs: all 5000000 calls kept their registers$' '^kt_regs: all 5000000 calls kept their registers$'
expect_status 0
