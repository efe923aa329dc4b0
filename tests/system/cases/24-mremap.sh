# mremap: shrink in place, grow in place over the program's own PROT_NONE
# reservation, move with MREMAP_MAYMOVE (contents kept), MREMAP_FIXED,
# and Linux's errors (tests/programs/kt_mremap.c).
boot_rc "kt_mremap" 30
expect '^kt_mremap: all [0-9]+ checks passed$'
expect_status 0
