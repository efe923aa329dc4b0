/*
 * apic.c - local APIC and I/O APIC.
 *
 * Both are reached through the direct map (they sit below 4 GiB).  The
 * 8259 PICs are remapped to vectors 0x50..0x5f before being masked, so a
 * spurious IRQ 7 from them cannot look like an exception.
 */
#include "hal/x86_64/apic.h"
#include "hal/x86_64/boot.h"
#include "hal/x86_64/io.h"
#include "hal/x86_64/lib.h"
#include "hal/x86_64/trap.h"

#define LAPIC_ID	0x20
#define LAPIC_TPR	0x80
#define LAPIC_EOI	0xb0
#define LAPIC_SVR	0xf0
#define LAPIC_LVT_TIMER	0x320
#define LAPIC_LVT_LINT0	0x350
#define LAPIC_LVT_LINT1	0x360
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR	0x390
#define LAPIC_TIMER_DIV	0x3e0

uint64_t apic_ioapic_phys = 0xfec00000;
uint32_t apic_ioapic_gsi_base;
int apic_isa_gsi[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
uint16_t apic_isa_flags[16];

static volatile uint32_t *lapic;
static uint32_t lapic_id;

static uint32_t
lapic_read(uint32_t reg)
{
	return lapic[reg / 4];
}

static void
lapic_write(uint32_t reg, uint32_t v)
{
	lapic[reg / 4] = v;
}

static void
ioapic_write(uint32_t reg, uint32_t v)
{
	volatile uint32_t *io = phys_to_virt(apic_ioapic_phys);
	io[0] = reg;
	io[4] = v;
}

static uint32_t
ioapic_read(uint32_t reg)
{
	volatile uint32_t *io = phys_to_virt(apic_ioapic_phys);
	io[0] = reg;
	return io[4];
}

void
apic_init(void)
{
	/* 8259: ICW1..ICW4 to vectors 0x50/0x58, then mask everything. */
	outb(0x20, 0x11); outb(0xa0, 0x11);
	outb(0x21, 0x50); outb(0xa1, 0x58);
	outb(0x21, 0x04); outb(0xa1, 0x02);
	outb(0x21, 0x01); outb(0xa1, 0x01);
	outb(0x21, 0xff); outb(0xa1, 0xff);

	uint64_t base = rdmsr(MSR_APIC_BASE);
	wrmsr(MSR_APIC_BASE, base | (1 << 11));		/* global enable */
	lapic = phys_to_virt(base & 0xffffff000ull);
	lapic_id = lapic_read(LAPIC_ID) >> 24;
	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_SVR, 0x100 | VEC_SPURIOUS);
	lapic_write(LAPIC_LVT_LINT0, 1 << 16);		/* masked */
	lapic_write(LAPIC_LVT_LINT1, 1 << 16);
	lapic_write(LAPIC_TIMER_DIV, 0x3);		/* divide by 16 */
	lapic_write(LAPIC_LVT_TIMER, VEC_TIMER);	/* one-shot */
	lapic_write(LAPIC_TIMER_INIT, 0);

	/* Every I/O APIC pin masked until a driver routes it. */
	uint32_t pins = ((ioapic_read(1) >> 16) & 0xff) + 1;
	for (uint32_t p = 0; p < pins; p++) {
		ioapic_write(0x10 + 2 * p, 1 << 16);
		ioapic_write(0x11 + 2 * p, 0);
	}
}

void
apic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

static void
route(uint32_t gsi, int vector, uint32_t flags)
{
	uint32_t pin = gsi - apic_ioapic_gsi_base;
	ioapic_write(0x11 + 2 * pin, lapic_id << 24);
	ioapic_write(0x10 + 2 * pin, (uint32_t)vector | flags);
}

void
apic_route_irq(int irq, int vector)
{
	uint32_t flags = 0;
	uint16_t mps = apic_isa_flags[irq];
	if ((mps & 3) == 3)
		flags |= 1 << 13;	/* active low */
	if (((mps >> 2) & 3) == 3)
		flags |= 1 << 15;	/* level */
	route((uint32_t)apic_isa_gsi[irq], vector, flags);
}

void
apic_route_gsi_level(int gsi, int vector)
{
	route((uint32_t)gsi, vector, (1 << 13) | (1 << 15));
}

void
apic_timer_start(uint32_t ticks)
{
	lapic_write(LAPIC_TIMER_INIT, ticks);
}

uint32_t
apic_timer_count(void)
{
	return lapic_read(LAPIC_TIMER_CUR);
}

uint64_t
apic_msi_address(void)
{
	return 0xfee00000u | lapic_id << 12;
}
