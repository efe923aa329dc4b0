# libc_socket runs inside the OS: address text, getaddrinfo/getnameinfo on
# numbers and services, and socket calls on things that are not sockets
# (tests/programs/libc_socket.c).  The calls against the stack itself are
# in the network cases.
boot_rc "notify nulld
libc_socket --no-stack" 30
expect 'libc_socket: all [0-9]+ checks passed'
expect_not 'libc_socket: FAIL'
expect_status 0
