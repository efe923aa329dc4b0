# init's `notify -r`: a killed daemon is logged and started again, and
# serves its scheme once more; one that keeps dying is restarted with a
# doubling back-off, never in a tight loop.
boot_rc "notify -r nulld
ut kill nulld
ut wait null: 3000
ut kill nulld
ut wait null: 3000
notify -r ut flaky
ut wait nosuch: 1700
echo done" 25
expect '^ut: killed nulld \(pid [0-9]+\)$'
expect '^init: nulld killed by signal 9, restarting in 100 ms$'
expect '^init: nulld killed by signal 9, restarting in 200 ms$'
expect '^ut: null: opens after ~[0-9]+ ms$'
expect_order 'restarting in 100 ms' 'null: opens' 'restarting in 200 ms' 'null: opens'
expect_order 'ut exited \(status 3\), restarting in 100 ms' \
    'ut exited \(status 3\), restarting in 200 ms' \
    'ut exited \(status 3\), restarting in 400 ms' \
    'ut exited \(status 3\), restarting in 800 ms'
expect_not 'ut exited \(status 3\), restarting in 3200 ms'
expect '^done$'
expect_status 0
