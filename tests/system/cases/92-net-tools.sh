# The network tools (net/tools, over libc's sockets) against netstackd on
# loopback: ifconfig, ping, nslookup, httpd and wget (a file of the
# initfs, whose size wc reports the same), netstat seeing the sockets.
boot_rc "notify nulld
notify netstackd -l
ifconfig
ping -c 2 127.0.0.1
nslookup localhost
httpd -q initfs:/bin 8080 &
sleep 1
wget -O null: http://127.0.0.1:8080/net_loopback
wc -c initfs:/bin/net_loopback
netstat -t" 60
expect '^	inet 127\.0\.0\.1  netmask 255\.0\.0\.0$'
expect '^2 packets transmitted, 2 received, 0% packet loss$'
expect '^Address: 127\.0\.0\.1$'
expect '^tcp +0\.0\.0\.0:8080 +0\.0\.0\.0:0 +LISTEN$'
got=$(printf '%s\n' "$OUT" | sed -n 's/^wget: null:: \([0-9]*\) bytes$/\1/p')
want=$(printf '%s\n' "$OUT" | sed -n 's/^ *\([0-9][0-9]*\) initfs:\/bin\/net_loopback$/\1/p')
[ -n "$got" ] && [ "$got" = "$want" ] || _fail "wget got '$got' bytes, wc says '$want'"
expect_status 0
