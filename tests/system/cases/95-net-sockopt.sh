# Socket options and libc's socket bookkeeping against netstackd on
# loopback (tests/net/os/net_sockopt.c): IP_TTL seen in the datagram a
# raw ip:17 socket receives and kept across connect; send and recv
# answering ENOTSOCK exactly where an fd number is no socket any more
# (close, dup2, spawned children); recvfrom naming the sender.  Then
# netbench (the bench's tool) over loopback: 3 MB through tcp: and 20
# UDP echoes.
boot_rc "notify netstackd -l
net_sockopt
netbench recv -w 20 7201 &
netbench echo -w 20 7202 20 &
sleep 1
netbench send 127.0.0.1 7201 3000000
netbench ping 127.0.0.1 7202 20" 60
expect '^net_sockopt: all [0-9]+ checks passed$'
expect '^netbench: received 3000000 bytes in [0-9.]+ s: [0-9.]+ Mbit/s$'
expect '^netbench: sent 3000000 bytes in '
expect '^netbench: 20 of 20 echoes, rtt min/median/mean '
expect '^netbench: echoed 20$'
expect_not 'netstackd:'
expect_status 0
