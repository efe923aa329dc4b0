# useradd -m (root only) adds a user with its own group and home; it is
# locked until passwd gives it a password, then it logs in there.
img=$(mktemp)
trap 'rm -f "$img"' EXIT
fresh_image "$img"
rc="notify randd
notify redoxfsd disk:0
cd file:/
export PATH file:/bin:initfs:/bin
login"
boot_input "$img" "$rc" 'root
password
useradd -m dave
useradd -m dave
useradd -u 7000 x
useradd -q
useradd "b;d"
login -f dave
id
useradd eve
' 60
expect '(^|[$#] )useradd: dave uid 1001 gid 1001 home /home/dave$'
expect '(^|[$#] )useradd: dave: user, uid or group exists$'
expect '(^|[$#] )useradd: -u 7000: not an id in 1..6000$'
expect '(^|[$#] )usage: useradd '
expect '(^|[$#] )useradd: b;d: not a valid user name$'
expect 'uid=1001\(dave\) gid=1001\(dave\) groups=1001\(dave\)$'
expect '(^|[$#] )useradd: Operation not permitted$'
expect_status 0

# Locked: no password opens it until passwd sets one.
boot_input "$img" "$rc" 'dave

root
password
passwd dave
d4ve
d4ve
' 30
expect 'redox login: password: Login incorrect$'
expect 'passwd: password of dave changed$'
boot_input "$img" "$rc" 'dave
d4ve
id
' 30
expect 'uid=1001\(dave\) gid=1001\(dave\)'
expect_not 'Login incorrect'

# On the disk: the home is dave's, the files keep their modes.
OUT=$("$BUILD/host/redoxfs-ls" "$img") || _fail "redoxfs-ls"
expect '(^|[$#] )/home/dave d 0700 1001 1001 '
expect '(^|[$#] )/etc/passwd f 0644 0 0 '
expect '(^|[$#] )/etc/group f 0644 0 0 '
expect '(^|[$#] )/etc/shadow f 0600 0 0 '
expect_not '\.new '
