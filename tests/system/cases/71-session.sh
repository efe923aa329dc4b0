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
# The prompt (no echo: the input is not typed) starts the output's lines.
P='(^|\$ )'
expect '^redox login: '
expect "${P}hi there\$"
expect "${P}USER\$"
expect "${P}Redox"
expect "${P}1\$"
expect "${P}cat: file:/etc/shadow: Permission denied\$"
expect "${P}status 1\$"
expect "${P}files [0-9]+\$"
expect_order "${P}hi there\$" "${P}USER\$" "${P}status 1\$" '^getty ended$'
expect_not 'panic|Segmentation'
expect_status 0
