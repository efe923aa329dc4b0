# 100 programs spawned and reaped: sys:meminfo is back to its baseline.
boot_rc "kt_spawnmany" 60
expect '^kt_spawnmany: memory back to baseline$'
expect_status 0
