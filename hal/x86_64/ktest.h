/*
 * ktest.h - in-kernel tests of the HAL (ktest.c): "ktest" on the command
 * line runs them instead of the core and powers off with the failure
 * count; "kfault" faults in the kernel on purpose to test the report.
 */
#ifndef HAL_X86_64_KTEST_H
#define HAL_X86_64_KTEST_H
_Noreturn void ktest_run(void);
void ktest_kernel_fault(void);
#endif
