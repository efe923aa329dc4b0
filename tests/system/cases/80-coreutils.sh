# A few coreutils on the booted system, as a user would type them (the
# full suite is make test-coreutils): Redox URLs as paths, the process
# table, the root file system.
img=$(mktemp)
trap 'rm -f "$img"' EXIT
fresh_image "$img"
e=$'\e'
boot_disk "$img" "notify redoxfsd disk:0
export PATH file:/bin:initfs:/bin
export NO_COLOR 1
ls -l file:/bin
ls -lh file:/bin/ls
unset NO_COLOR
ls -1 initfs:/etc
ls file:/etc
cat sys:uname
uname -a
ps
head -n 2 file:/etc/passwd
mkdir -p file:/tmp/cu/a/b
echo marker
ls -R file:/tmp/cu
ls -1 -d file:/tmp/cu/a
wc -l file:/etc/passwd
ls nosuch:
shutdown" 30
expect '^-rwxr-xr-x 1 root +root +[0-9]+ [A-Z][a-z]{2} [ 0-9]{2} ([0-9]{2}:[0-9]{2}| [0-9]{4}) ls$'
expect '^-rwxr-xr-x 1 root +root +[0-9.]+K .* file:/bin/ls$'
expect '^init\.rc$'
# The console is a terminal: names in columns (net/ coloured: a directory).
expect "^group +init\\.rc +issue +motd +$e\\[01;34mnet$e\\[0m +passwd +shadow\$"
expect '^Redox-C$'
expect '^Redox-C redox [0-9.]+ x86_64'
expect '^ +PID +PPID +UID STAT +MEM CMD$'
expect '^ +1 +0 +0 [RS] +[0-9]+K init$'
expect '^ +[0-9]+ +1 +0 R +[0-9]+K ps$'
expect '^root[:;]'
# On the console (a terminal) ls colours directories.
expect_order '^marker$' '^file:/tmp/cu:$' "^$e\\[01;34ma$e\\[0m$" '^file:/tmp/cu/a:$' \
	"^$e\\[01;34mb$e\\[0m$" '^file:/tmp/cu/a/b:$' "^$e\\[01;34mfile:/tmp/cu/a$e\\[0m$"
expect '^[0-9]+ file:/etc/passwd$'
expect "^ls: cannot access 'nosuch:': "
expect_status 0
