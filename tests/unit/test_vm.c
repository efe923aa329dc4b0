#include <check.h>
Suite *vm_suite(void);
Suite *vm_suite(void) { return suite_create("vm"); }
