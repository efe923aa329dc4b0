#include <check.h>
Suite *elf_suite(void);
Suite *elf_suite(void) { return suite_create("elf"); }
