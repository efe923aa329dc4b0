# login (apps/userutils): `user` needs no password, `root` needs
# `password`, a wrong one gives `Login incorrect`, and a user cannot read
# /etc/shadow.  The console's input is the keyboard.
img=$(mktemp)
trap 'rm -f "$img"' EXIT
fresh_image "$img"
rc="notify randd
notify redoxfsd disk:0
cd file:/
export PATH file:/bin:initfs:/bin
login
echo login ended"
boot_input "$img" "$rc" 'user
id
whoami
ut cat /etc/shadow
ut cat /etc/motd
' 30
expect '(^|[$#] )# `root`:`password` '
expect 'redox login: Welcome to Redox-C!'
expect 'uid=1000\(user\) gid=1000\(user\) groups=1000\(user\),1\(sudo\)$'
expect '(^|[$#] )user$'
expect '(^|[$#] )ut: /etc/shadow: Permission denied$'
expect_not 'pbkdf2'
expect '(^|[$#] )login ended$'
expect_status 0

boot_input "$img" "$rc" 'root
nottheone
root
password
id
ut cat /etc/shadow
' 30
expect 'redox login: password: Login incorrect$'
expect 'password: Welcome to Redox-C!'
expect_order 'Login incorrect' 'uid=0\(root\) gid=0\(root\)'
expect '(^|[$#] )root;\$pbkdf2-sha256\$10000\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$'
expect '(^|[$#] )user;$'
expect_status 0

# An unknown user is asked for a password too, and refused; the end of
# input ends login with status 1.
boot_input "$img" "$rc" 'nobody
x
' 30
expect 'redox login: password: Login incorrect$'
expect 'init: login exited with status 1'
expect_not 'Welcome'

# --help on stdout, bad flags: usage on stderr and status 2.
boot_disk "$img" "notify redoxfsd disk:0
cd file:/
export PATH file:/bin:initfs:/bin
login -x
su -q
sudo -k
passwd -z
whoami x
id -n
useradd
login --help
id -u -n
id -g -n user
id nobody" 30
for p in login su sudo passwd whoami id useradd; do
	expect "^init: $p exited with status 2$"
	expect "^usage: $p"
done
expect '(^|[$#] )usage: login \[-f USER\]$'
expect '(^|[$#] )root$'
expect '(^|[$#] )user$'
expect '(^|[$#] )id: nobody: no such user$'
expect_status 0

# On a terminal (a pty from script(1), hosted only) the name is echoed and
# the password is not.  Typed with pauses: what is typed ahead of the
# prompt is echoed by the terminal before login can turn echo off.
if [ "$BACKEND" = hosted ] && command -v script >/dev/null; then
	f=$(rc_file "$rc")
	OUT=$( (sleep 2; printf 'root\n'; sleep 2; printf 'password\n'; sleep 1
	    printf 'id\n'; sleep 1; printf 'shutdown\n'; sleep 3) |
	    timeout 40 script -qfec "$BUILD/redox-hosted --disk $img --rc $f --timeout 30" \
	    /dev/null 2>&1 | tr -d '\r')
	rm -f "$f"
	expect '(^|[$#] )redox login: root$'
	expect '(^|[$#] )password: $'
	expect 'uid=0\(root\)'
	expect_not 'password: ?password'
	expect_not '(^|[$#] )password$'
fi
