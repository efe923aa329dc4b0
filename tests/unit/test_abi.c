#include <check.h>
Suite *abi_suite(void);
Suite *abi_suite(void) { return suite_create("abi"); }
