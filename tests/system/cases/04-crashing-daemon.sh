# A daemon that crashes on a request: the caller gets EIO, the scheme
# leaves sys:scheme, other programs go on.
boot_rc "notify zerod
notify kt_crashd
kt_crashc
echo after-crash" 20
expect 'kt_crashc: read from the crashing daemon: -1 \(.*\)'
expect '^kt_crashc: daemon crash contained$'
expect 'pid [0-9]+ \(kt_crashd\): segmentation fault'
expect_order 'daemon crash contained' '^after-crash$'
expect_status 0
