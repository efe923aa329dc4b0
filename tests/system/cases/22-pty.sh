# Pseudo-terminals (schemes/ptyd): master and slave through the line
# discipline, termios and winsize, ^C to the slave's foreground group, a
# cancelled read that does not swallow the next line, hangup.
boot_rc "notify ptyd
kt_pty" 30
expect '^kt_pty: all [0-9]+ checks passed$'
expect_status 0
