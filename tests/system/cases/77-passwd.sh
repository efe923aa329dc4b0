# passwd (set-uid root): a user changes its own password after giving the
# old one; the new one logs in on the next boot, the old one does not;
# another user's password is root's business.
img=$(mktemp)
trap 'rm -f "$img"' EXIT
fresh_image "$img"
rc="notify randd
notify redoxfsd disk:0
cd file:/
export PATH file:/bin:initfs:/bin
login"
# root is not asked for the current password.
boot_input "$img" "$rc" 'root
password
passwd
n3w
n3w
passwd root
x
y
' 60
expect 'changing the password of root'
expect 'passwd: password of root changed$'
expect 'retype new password: passwd: the passwords do not match$'
expect_status 0

boot_input "$img" "$rc" 'root
password
root
n3w
id -u
' 30
expect 'password: Login incorrect$'
expect '(^|[$#] )0$'

# As user: the wrong old password is refused, root's is not its to change.
boot_input "$img" "$rc" 'user
passwd root
passwd user
pw1
pw1
passwd
nope
' 30
expect '(^|[$#] )passwd: root: only root may change another user.s password$'
expect 'passwd: password of user changed$'
expect 'current password: passwd: incorrect password$'
boot_input "$img" "$rc" 'user
pw1
whoami
' 30
expect 'redox login: password: Welcome'
expect '(^|[$#] )user$'
