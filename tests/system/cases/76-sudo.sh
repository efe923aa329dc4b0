# sudo (set-uid root): a member of group sudo runs a command as root after
# giving its own password; a wrong password (three times) and a user
# outside the group are refused and logged.  su as root needs nothing.
img=$(mktemp)
trap 'rm -f "$img"' EXIT
fresh_image "$img"
boot_input "$img" "notify randd
notify redoxfsd disk:0
cd file:/
export PATH file:/bin:initfs:/bin
login" 'root
password
passwd user
s3cret
s3cret
useradd carol
su user
id -u
sudo id
bad
worse
worst
sudo whoami
s3cret
sudo ut cat /etc/shadow
s3cret
su -c whoami
nope
su root -c whoami
password
' 60
expect 'passwd: password of user changed$'
expect '(^|[$#] )1000$'
expect_order '\[sudo\] password for user: sudo: incorrect password' \
    'incorrect password' 'incorrect password' \
    'sudo: denied user \(uid 1000\) running id: wrong password'
expect_not 'uid=0\(root\) gid=0\(root\)'
expect '\[sudo\] password for user: root$'
expect '(^|[$#] )user;\$pbkdf2-sha256\$'
# su as user: root's password, not the caller's.
expect 'password: su: incorrect password$'
expect_order "su: incorrect password" "(^|[\$#] )password: root\$"
expect_status 0

# carol is not in group sudo: refused before any password.
boot_input "$img" "notify randd
notify redoxfsd disk:0
cd file:/
export PATH file:/bin:initfs:/bin
login -f carol
echo after" 'whoami
sudo whoami
' 30
expect '(^|[$#] )carol$'
expect 'sudo: denied carol \(uid 1001\) running whoami: not in group sudo'
expect '(^|[$#] )sudo: carol is not in group sudo$'
expect_not '(^|[$#] )root$'
