#include <check.h>
Suite *kmem_suite(void);
Suite *kmem_suite(void) { return suite_create("kmem"); }
