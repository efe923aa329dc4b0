/* ktest.h - in-kernel tests of the HAL (ktest.c), run with "ktest" on the command line. */
#ifndef HAL_X86_64_KTEST_H
#define HAL_X86_64_KTEST_H
_Noreturn void ktest_run(void);
#endif
