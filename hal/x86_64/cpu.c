/*
 * cpu.c - descriptor tables and processor features.
 *
 * GDT order is fixed by sysret: it loads CS = STAR[63:48] + 16 and
 * SS = STAR[63:48] + 8, so user data (0x18) sits just below user code
 * (0x20).  The TSS supplies rsp0 (the current thread's kernel stack, set at
 * every switch) and IST1, a separate stack for double faults and NMIs so a
 * kernel stack overflow still gets reported.
 */
#include "hal/x86_64/cpu.h"
#include "hal/x86_64/io.h"
#include "hal/x86_64/lib.h"
#include "hal/x86_64/trap.h"

struct x86_features x86_cpu;
/* Read by entry.S: stac/clac are #UD on CPUs without SMAP. */
uint8_t x86_smap_on;

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap;
} __attribute__((packed));

struct idt_entry {
	uint16_t off0, sel;
	uint8_t ist, type;
	uint16_t off1;
	uint32_t off2, zero;
} __attribute__((packed));

struct dtr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

static uint64_t gdt[7];
static struct tss tss;
static struct idt_entry idt[256];
static char ist_stack[8192] __attribute__((aligned(16)));
static uint8_t fpu_clean[4096] __attribute__((aligned(64)));

extern uint64_t x86_vector_stubs[256];	/* entry.S */

static void
detect(void)
{
	uint32_t r[4];
	cpuid(0, 0, r);
	uint32_t max = r[0];
	cpuid(1, 0, r);
	x86_cpu.xsave = (r[2] >> 26) & 1;
	x86_cpu.rdrand = (r[2] >> 30) & 1;
	x86_cpu.tsc_deadline = (r[2] >> 24) & 1;
	x86_cpu.pge = (r[3] >> 13) & 1;
	if (max >= 7) {
		cpuid(7, 0, r);
		x86_cpu.smep = (r[1] >> 7) & 1;
		x86_cpu.smap = (r[1] >> 20) & 1;
		x86_cpu.rdseed = (r[1] >> 18) & 1;
		x86_cpu.fsgsbase = r[1] & 1;
	}
	cpuid(0x80000001, 0, r);
	x86_cpu.nx = (r[3] >> 20) & 1;
}

static void
fpu_setup(void)
{
	uint64_t cr0 = read_cr0();
	cr0 &= ~(1ull << 2);		/* EM off: real FPU */
	cr0 |= (1ull << 1) | (1ull << 5);	/* MP, NE: native FPU errors */
	cr0 &= ~(1ull << 3);		/* TS off: state is switched eagerly */
	write_cr0(cr0);
	uint64_t cr4 = read_cr4();
	cr4 |= (1ull << 9) | (1ull << 10);	/* OSFXSR, OSXMMEXCPT */
	if (x86_cpu.xsave)
		cr4 |= 1ull << 18;	/* OSXSAVE */
	write_cr4(cr4);
	if (x86_cpu.xsave) {
		uint32_t r[4];
		cpuid(0xd, 0, r);
		/* Every user state component the CPU has (x87, SSE, AVX, ...). */
		uint64_t supported = (uint64_t)r[3] << 32 | r[0];
		x86_cpu.xcr0 = supported & 0x2e7;	/* x87 SSE AVX opmask ZMM; no MPX/PT */
		__asm__ volatile("xsetbv" : : "c"(0), "a"((uint32_t)x86_cpu.xcr0),
		    "d"((uint32_t)(x86_cpu.xcr0 >> 32)));
		cpuid(0xd, 0, r);
		x86_cpu.xsave_size = r[1];	/* for the enabled components */
	} else {
		x86_cpu.xsave_size = 512;
	}
	if (x86_cpu.xsave_size > sizeof fpu_clean)
		x86_panic("FPU state of %u bytes is too large", x86_cpu.xsave_size);
	__asm__ volatile("fninit");
	uint32_t mxcsr = 0x1f80;
	__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
	cpu_fpu_save(fpu_clean);
}

void
cpu_fpu_save(void *area)
{
	if (x86_cpu.xsave)
		__asm__ volatile("xsave64 (%0)" : : "r"(area), "a"(0xffffffff), "d"(0xffffffff) : "memory");
	else
		__asm__ volatile("fxsave64 (%0)" : : "r"(area) : "memory");
}

void
cpu_fpu_restore(const void *area)
{
	if (x86_cpu.xsave)
		__asm__ volatile("xrstor64 (%0)" : : "r"(area), "a"(0xffffffff), "d"(0xffffffff) : "memory");
	else
		__asm__ volatile("fxrstor64 (%0)" : : "r"(area) : "memory");
}

void
cpu_fpu_init_area(void *area)
{
	memcpy(area, fpu_clean, x86_cpu.xsave_size);
}

void
cpu_set_rsp0(uint64_t rsp0)
{
	tss.rsp[0] = rsp0;
}

static void
idt_set(int vec, uint64_t handler, int ist, int dpl)
{
	struct idt_entry *e = &idt[vec];
	e->off0 = (uint16_t)handler;
	e->sel = SEL_KCODE;
	e->ist = (uint8_t)ist;
	e->type = (uint8_t)(0x8e | (dpl << 5));	/* present, interrupt gate */
	e->off1 = (uint16_t)(handler >> 16);
	e->off2 = (uint32_t)(handler >> 32);
	e->zero = 0;
}

void
cpu_init(void)
{
	detect();

	gdt[0] = 0;
	gdt[1] = 0x00af9a000000ffffull;	/* kernel code, 64-bit */
	gdt[2] = 0x00cf92000000ffffull;	/* kernel data */
	gdt[3] = 0x00cff2000000ffffull;	/* user data, DPL 3 */
	gdt[4] = 0x00affa000000ffffull;	/* user code, 64-bit, DPL 3 */
	uint64_t tb = (uint64_t)&tss;
	uint64_t tl = sizeof tss - 1;
	gdt[5] = (tl & 0xffff) | (tb & 0xffffff) << 16 | 0x89ull << 40 |
	    ((tl >> 16) & 0xf) << 48 | ((tb >> 24) & 0xff) << 56;
	gdt[6] = tb >> 32;
	tss.ist[0] = (uint64_t)ist_stack + sizeof ist_stack;
	tss.iomap = sizeof tss;		/* no I/O bitmap: ring 3 gets no ports */

	struct dtr g = { sizeof gdt - 1, (uint64_t)gdt };
	__asm__ volatile(
	    "lgdt %0\n\t"
	    "mov %1, %%ds\n\t"
	    "mov %1, %%es\n\t"
	    "mov %1, %%ss\n\t"
	    "pushq %2\n\t"
	    "lea 1f(%%rip), %%rax\n\t"
	    "pushq %%rax\n\t"
	    "lretq\n"
	    "1:"
	    : : "m"(g), "r"((uint64_t)SEL_KDATA), "i"(SEL_KCODE) : "rax", "memory");
	__asm__ volatile("ltr %w0" : : "r"(SEL_TSS));

	for (int v = 0; v < 256; v++)
		idt_set(v, x86_vector_stubs[v], 0, 0);
	idt_set(2, x86_vector_stubs[2], 1, 0);		/* NMI */
	idt_set(8, x86_vector_stubs[8], 1, 0);		/* double fault */
	struct dtr i = { sizeof idt - 1, (uint64_t)idt };
	__asm__ volatile("lidt %0" : : "m"(i));

	uint64_t cr4 = read_cr4();
	if (x86_cpu.pge)
		cr4 |= 1ull << 7;
	if (x86_cpu.smep)
		cr4 |= 1ull << 20;
	if (x86_cpu.smap)
		cr4 |= 1ull << 21;
	write_cr4(cr4);
	if (x86_cpu.smap) {
		__asm__ volatile("clac");
		x86_smap_on = 1;
	}
	fpu_setup();

	/* syscall: kernel CS 0x08/SS 0x10; sysret: user SS 0x1b, CS 0x23. */
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | 1);	/* SCE */
	wrmsr(MSR_STAR, (uint64_t)0x10 << 48 | (uint64_t)SEL_KCODE << 32);
	wrmsr(MSR_LSTAR, (uint64_t)x86_syscall_entry);
	/* Entry clears IF, DF, TF, AC and NT: the kernel starts from a known state. */
	wrmsr(MSR_SFMASK, 0x47700);
}
