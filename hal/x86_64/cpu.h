/*
 * cpu.h - the processor: descriptor tables, features, control registers,
 * the syscall MSRs and the FPU save format (cpu.c).
 */
#ifndef HAL_X86_64_CPU_H
#define HAL_X86_64_CPU_H

#define SEL_KCODE	0x08
#define SEL_KDATA	0x10
#define SEL_UDATA	0x1b	/* 0x18 | RPL 3 */
#define SEL_UCODE	0x23	/* 0x20 | RPL 3 */
#define SEL_TSS		0x28

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

struct x86_features {
	int smep, smap, nx, xsave, rdrand, rdseed, fsgsbase, pge, tsc_deadline;
	uint32_t xsave_size;	/* bytes of the FPU save area (xsave or fxsave) */
	uint64_t xcr0;		/* state components xsave saves */
};
extern struct x86_features x86_cpu;

/* GDT, TSS, IDT, CR0/CR4 bits, FPU and syscall MSRs; once at boot. */
void cpu_init(void);
/* The kernel stack the CPU switches to on an interrupt from ring 3. */
void cpu_set_rsp0(uint64_t rsp0);
/* Saves or loads the user FPU state (xsave or fxsave; 64-byte aligned). */
void cpu_fpu_save(void *area);
void cpu_fpu_restore(const void *area);
/* A clean FPU state image (as after fninit, MXCSR 0x1f80). */
void cpu_fpu_init_area(void *area);
#endif
#endif
