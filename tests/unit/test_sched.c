#include <check.h>
Suite *sched_suite(void);
Suite *sched_suite(void) { return suite_create("sched"); }
