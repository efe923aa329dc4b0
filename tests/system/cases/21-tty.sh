# The console is a terminal: termios, window size and the foreground
# group through dup(0, "name") (kt_tty state, both backends); ^C typed
# interrupts the foreground group's read (hosted: keys are typed with a
# delay); getty starts its login in a new session that owns the terminal,
# again after each logout, and stops when logins end at once.
boot_rc "kt_tty state" 20
expect '^kt_tty: all [0-9]+ checks passed$'
[ "$BACKEND" = hosted ] || exit 0
boot_typed "kt_tty sigint
echo after-sigint" "sleep 1; printf '\\003'; sleep 1" 20
expect '^kt_tty: waiting for \^C$'
expect '^kt_tty: all [0-9]+ checks passed$'
expect_order '^kt_tty: waiting' '^kt_tty: all' '^after-sigint$'
boot_typed "getty debug: initfs:/bin/kt_tty
echo after-getty" "printf 'one\\ntwo\\nthree\\n'" 20
expect_order "^kt_tty: session leader yes, foreground yes$" "^kt_tty: read 'one'$" \
    "^kt_tty: read 'two'$" "^kt_tty: read 'three'$" \
    '^getty: debug:: login keeps failing at once; stopping$' '^after-getty$'
expect_status 0
