# Signals reach a program that never makes a syscall; SIGSTOP/SIGTSTP stop
# every thread, SIGCONT resumes, waitpid reports both, SIGKILL ends a stop.
boot_rc "kt_jobctl" 30
expect '^kt_jobctl: all [0-9]+ checks passed$'
expect_status 0
