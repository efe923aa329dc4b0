# Preemption in the middle of syscall-heavy code: a thread doing scheme
# round trips keeps its flags and registers (every write must return 1),
# while a spinner checks all general and vector registers.  Under QEMU's
# emulation every round trip costs ~40 us, so that backend runs fewer; so
# does a host without FSGSBASE, where each switch between programs is an
# arch_prctl system call (hal/hosted/fsbase.h).
n=2000000 m=5000000
[ "$BACKEND" = qemu ] && n=100000 m=200000
if [ "$BACKEND" = hosted ] && ! grep -qw fsgsbase /proc/cpuinfo; then
	n=100000 m=1000000
	# The sanitizer build also swaps FS at every crossing: twice a call.
	case "$BUILD" in *san*) m=200000 ;; esac
fi
boot_rc "notify nulld
kt_vecipc $n
kt_regs getpid $m
kt_regs null $m" 120
expect '^kt_vecipc: [0-9]+ spinner rounds, 0 corrupted words, 0 failed writes$'
expect_order "^kt_regs: all $m calls kept their registers\$" "^kt_regs: all $m calls kept their registers\$"
expect_status 0
