#include <check.h>
Suite *fmt_suite(void);
Suite *fmt_suite(void) { return suite_create("fmt"); }
