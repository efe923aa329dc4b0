# NULL dereference, ud2, division by zero and privileged instructions end
# that program with the right signal; the next program runs.
boot_rc "kt_fault
echo next-ran" 20
expect 'null killed by signal 11 as expected'
expect 'ud2 killed by signal 4 as expected'
expect 'div0 killed by signal 8 as expected'
expect 'stack killed by signal 11 as expected'
expect '^kt_fault: all passed$'
expect_order '^kt_fault: all passed$' '^next-ran$'
expect_status 0
