#include <check.h>
Suite *initfs_suite(void);
Suite *initfs_suite(void) { return suite_create("initfs"); }
