# netstackd on loopback only (-l): tcp: listen, connect, accept by dup
# "listen", 1 MiB each way, fpath, a refused connection, a non-blocking
# accept; udp: datagrams; icmp:echo; dns:localhost; netcfg:.
boot_rc "notify netstackd -l
net_loopback" 60
expect '^net_loopback: all [0-9]+ checks passed$'
expect_not 'netstackd:'
expect_status 0
