# Killing netstackd: the sockets it served fail (read and write give
# errors), init starts it again (notify -r), new connections work.
boot_rc "notify -r netstackd -l
net_loopback restart" 30
expect '^ut: killed netstackd \(pid [0-9]+\)$'
expect '^init: netstackd killed by signal 9, restarting in 100 ms$'
expect '^net_loopback: restart: all [0-9]+ checks passed$'
expect_status 0
