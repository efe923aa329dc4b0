#include <check.h>
Suite *fd_suite(void);
Suite *fd_suite(void) { return suite_create("fd"); }
