# event: queues report readiness of pipes and scheme daemons' files.
boot_rc "notify zerod
kt_event" 20
expect '^kt_event: readiness ok$'
expect_status 0
