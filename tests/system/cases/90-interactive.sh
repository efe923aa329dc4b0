# A person at the console (hosted, through tmux): log in, edit a line,
# recall history (Up, Ctrl-R), complete commands, paths and variables
# with Tab, stop a pipeline with Ctrl-C and keep the shell, log out and
# in again as root.
[ "$BACKEND" = hosted ] || { echo "SKIP tmux drives the hosted console"; exit 0; }
command -v tmux >/dev/null || _fail "tmux is missing (scripts/deps.sh installs it)"
img=$(mktemp)
fresh_image "$img"
sock="redox-test-$$"
tm() { tmux -L "$sock" "$@"; }
cleanup() { tm kill-server 2>/dev/null; rm -f "$img"; }
trap cleanup EXIT
tm new-session -d -x 120 -y 50 "$BUILD/redox-hosted --disk $img --timeout 120; sleep 30"
screen() { tm capture-pane -p -S -200; }
# wait_for REGEX [SECONDS]: until the screen has a line matching REGEX.
wait_for() {
	local i
	for i in $(seq $((${2:-10} * 10))); do
		screen | grep -Eq -- "$1" && return 0
		sleep 0.1
	done
	OUT=$(screen)
	_fail "the screen never showed /$1/"
}
keys() { tm send-keys "$@"; }
text() { tm send-keys -l "$1"; }
# count REGEX: how many lines of the screen match.
count() { screen | grep -Ec -- "$1"; }

wait_for '^redox login: ?$' 20
keys user Enter
wait_for '^user:/home/user\$ ?$'
text 'echo helo'; keys Left Left; text 'l'; keys Enter
wait_for '^hello$'
keys Up Enter					# history
for _ in $(seq 50); do [ "$(count '^hello$')" -ge 2 ] && break; sleep 0.1; done
keys C-r; text 'hel'; keys Enter		# reverse search
for _ in $(seq 50); do [ "$(count '^hello$')" -ge 3 ] && break; sleep 0.1; done
[ "$(count '^hello$')" -eq 3 ] || { OUT=$(screen); _fail "history did not run echo hello 3 times"; }
text 'abc'; keys C-a; text 'echo '; keys C-e; text ' def'; keys Enter
wait_for '^abc def$'
text 'garbage'; keys C-u; text 'echo words one two'; keys C-w C-w; text 'three'; keys Enter
wait_for '^words three$'
text 'ech'; keys Tab; text 'completed'; keys Enter	# a command
wait_for '^completed$'
text 'ls file:/ho'; keys Tab Enter			# a path
wait_for '^user$'
text 'let myvariable = 42'; keys Enter
text 'echo $myvar'; keys Tab Enter			# a variable
wait_for '^42$'
text 'yes | grep y > null:'; keys Enter			# Ctrl-C ends the job, not the shell
sleep 1
keys C-c
text 'echo alive $?'; keys Enter
wait_for '^alive 130$'
text 'history'; keys Enter
wait_for '^let myvariable = 42$'
text 'exit'; keys Enter
for _ in $(seq 100); do [ "$(count '^redox login: ')" -ge 2 ] && break; sleep 0.1; done
keys root Enter
wait_for '^password: ?$'
text 'password'; keys Enter
wait_for '^root:/root# ?$'
text 'whoami'; keys Enter
wait_for '^root$'
OUT=$(screen)
expect_not 'password$'		# never echoed
# (not a bare "fault": the sanitizer build's notice says "default")
expect_not 'panic|[Ss]egmentation|bus error|illegal instruction|page fault'
