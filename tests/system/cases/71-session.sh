# A session as a newcomer has it: getty and login on the console, then
# ion with Redox paths, redirection, a pipeline across five programs, the
# kernel's own schemes, a refused read of /etc/shadow, and logout.
img=$(mktemp)
trap 'rm -f "$img"' EXIT
fresh_image "$img"
rc="notify randd
notify redoxfsd disk:0
cd file:/
export PATH file:/bin:initfs:/bin
getty debug:
echo getty ended"
boot_input "$img" "$rc" 'user
echo hi there > file:/tmp/x
cat file:/tmp/x
cat file:/etc/passwd | grep -v root | cut -d ";" -f 1 | sort | tr a-z A-Z
cat sys:uname
ls file:/bin | grep -c "^ls$"
cat file:/etc/shadow
echo status $?
let n = 0
for f in file:/etc/*; let n += 1; end
echo files $n
exit
' 40
expect '^redox login: '
expect '^hi there$'
expect '^USER$'
expect '^Redox'
expect '^1$'
expect '^cat: file:/etc/shadow: Permission denied$'
expect '^status 1$'
expect '^files [0-9]+$'
expect_order '^hi there$' '^USER$' '^status 1$' '^getty ended$'
expect_not 'panic|Segmentation'
expect_status 0
