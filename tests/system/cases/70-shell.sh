# ion runs a script inside the OS: variables, functions, match, methods,
# in-shell pipes, a spawned program and its status.
boot_rc "export PATH initfs:/bin
notify nulld
ion initfs:/etc/70-shell.ion
echo shell-done" 30
expect '^ion-sum 55$'
expect '^ion-fizz fizz,4$'
expect '^ion-words 3 c b a$'
expect '^ion-pipe PIPED$'
expect '^ion-spawn ok 0$'
expect '^ion-notfound 127$'
# A builtin writing into a pipeline whose reader never started: its
# text is lost, not printed later on the console.
expect '^ion-brokenpipe 127$'
expect_not 'ion-into-nowhere'
expect '^ion-float 6.25$'
expect_order '^ion-sum' '^ion-float' '^shell-done$'
expect_not 'ion: '
expect_status 0
