# Files that are not programs are refused with the right error; the
# system goes on.
boot_rc "kt_badexec
echo still-here" 20
expect '^kt_badexec: all bad programs refused$'
expect '^still-here$'
expect_status 0
