#!/usr/bin/env bash
# bench/userland_bench.sh BUILD - the userland as a person meets it, in
# redox-hosted, against Linux in the same run:
#  1. `ls -l` of 10,000 files inside the OS (file:/many on redoxfsd) vs
#     GNU ls on the same image through redoxfs-fuse on the host; the OS
#     side is timed inside the OS by `time` (median of 5 in one boot,
#     after one run to warm the caches, as the host side is);
#  2. from typing a user name at `redox login:` to ion's prompt, and
#     `ls file:/bin` from Enter to the next prompt (goal: < 10 ms each),
#     next to the host's own `ls /usr/bin` in bash for scale.
set -u
B=${1:-build}
N=${USERLAND_BENCH_FILES:-10000}
T=$(mktemp -d)
MNT=$T/mnt
pid=
cleanup() {
	mountpoint -q "$MNT" 2>/dev/null && fusermount3 -u "$MNT"
	[ -n "$pid" ] && wait $pid
	rm -rf "$T"
}
trap cleanup EXIT

# An image: the root file system plus /many with N small files, and the
# script the boot runs (init's lines take no quotes).
for _ in 1 2 3 4 5 6; do echo 'time ls -l file:/many > null:'; done >"$T/ls.ion"
echo 'ls -l file:/many | wc -l' >>"$T/ls.ion"
: >"$T/one"
printf 'x\n' >"$T/one"
{
	cat scripts/image/filesystem.list
	echo "dir /many 0755 1000 1000"
	for i in $(seq 1 "$N"); do echo "file /many/f$i 0644 1000 1000 $T/one"; done
	echo "file /ls.ion 0644 0 0 $T/ls.ion"
} >"$T/list"
"$B/host/redoxfs-mkimage" -B "$B" "$T/list" "$T/img" 256M >/dev/null || exit 1

now() { date +%s.%N; }
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
printf 'notify nulld\nnotify redoxfsd disk:0\nexport PATH file:/bin:initfs:/bin\nion file:/ls.ion\nshutdown\n' >"$T/rc"
"$B/redox-hosted" --disk "$T/img" --rc "$T/rc" --timeout 300 </dev/null >"$T/out" 2>&1
# The first run warms the caches; the median of the other five.
ours=$(grep -Eo '^real[[:space:]]+[0-9]+m[0-9.]+s' "$T/out" |
	awk '{ split($2, t, "m"); sub("s", "", t[2]); if (NR > 1) print t[1] * 60 + t[2] }' | median)
listed=$(grep -Eo '^[0-9]+$' "$T/out" | tail -1)

gnu=
if [ -e /dev/fuse ] && [ "$(id -u)" = 0 ]; then
	mkdir -p "$MNT"
	"$B/host/redoxfs-fuse" -f "$T/img" "$MNT" & pid=$!
	for _ in $(seq 100); do mountpoint -q "$MNT" && break; sleep 0.05; done
	ls -l "$MNT/many" >/dev/null	# warm, as the OS's cache is after its boot
	gnu=$(for _ in 1 2 3 4 5; do
		t0=$(now); ls -l "$MNT/many" >/dev/null; t1=$(now); echo "$t1 - $t0" | bc -l
	done | median)
	fusermount3 -u "$MNT"; wait $pid; pid=
fi

printf '\nuserland (redox-hosted, median of 5)\n'
printf '%-44s %10s %10s %8s\n' "measurement" "ours" "Linux" "ratio"
if [ -n "$gnu" ]; then
	printf '%-44s %9.1fms %9.1fms %7.1fx\n' "ls -l of $N files (GNU ls on redoxfs-fuse)" \
	    "$(echo "$ours * 1000" | bc -l)" "$(echo "$gnu * 1000" | bc -l)" \
	    "$(echo "$ours / $gnu" | bc -l)"
else
	printf '%-44s %9.1fms %10s\n' "ls -l of $N files" "$(echo "$ours * 1000" | bc -l)" "(no FUSE)"
fi
[ "${listed:-0}" -eq $((N + 1)) ] || echo "  (ls -l listed ${listed:-nothing}, wanted $((N + 1)) lines)"

# 2. login and ls at the console, timed from the host through a pty.
python3 - "$B" "$T" <<'EOF'
import os, pty, re, select, subprocess, sys, time
b, t = sys.argv[1], sys.argv[2]
subprocess.run(["cp", b + "/harddrive.img", t + "/login.img"], check=True)
pid, fd = pty.fork()
if pid == 0:
    os.execv(b + "/redox-hosted", [b + "/redox-hosted", "--disk", t + "/login.img", "--timeout", "120"])
buf = b""
def wait_for(pat, secs=30):
    global buf
    end = time.monotonic() + secs
    while time.monotonic() < end:
        m = re.search(pat, buf)
        if m:
            buf = buf[m.end():]
            return time.monotonic()
        r, _, _ = select.select([fd], [], [], 0.5)
        if r:
            try:
                buf += os.read(fd, 65536)
            except OSError:
                break
    sys.exit("userland_bench: never saw %r in %r" % (pat, buf[-300:]))
# A prompt after output (the editor's redraws start with \r alone).
PROMPT = rb"\r\n\ruser:(file:)?/home/user\$ "
login, ls = [], []
wait_for(rb"redox login: ")
for i in range(5):
    os.write(fd, b"user\r")
    t0 = time.monotonic()
    login.append(wait_for(PROMPT) - t0)
    os.write(fd, b"ls file:/bin\r")
    t0 = time.monotonic()
    ls.append(wait_for(PROMPT) - t0)
    os.write(fd, b"exit\r")
    wait_for(rb"redox login: ")
os.write(fd, b"\x1d")	# Ctrl-]: end the OS
med = lambda v: sorted(v)[len(v) // 2] * 1000
t0 = time.monotonic()
subprocess.run(["bash", "-c", "ls /usr/bin"], stdout=subprocess.DEVNULL)
host = (time.monotonic() - t0) * 1000
print("%-44s %9.1fms %10s %8s" % ("login: user name to ion's prompt", med(login), "", "goal <10"))
print("%-44s %9.1fms %9.1fms %8s" % ("ls file:/bin at the prompt (Linux: bash ls)", med(ls), host, "goal <10"))
EOF
