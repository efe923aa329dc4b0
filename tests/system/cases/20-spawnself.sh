# A process spawning a program from a scheme it serves itself can never be
# answered; SIGKILL must still end it (tests/programs/kt_spawnself.c).
boot_rc "kt_spawnself" 30
expect '^kt_spawnself: child spawns from its own scheme$'
expect '^kt_spawnself: killed while spawning from its own scheme: ok$'
expect_not 'FAIL'
expect_status 0
