/*
 * apic.h - the local APIC (EOI, the one-shot timer) and the I/O APIC
 * (device IRQs); the legacy PICs are remapped and masked (apic.c).
 */
#ifndef HAL_X86_64_APIC_H
#define HAL_X86_64_APIC_H

#include <stdint.h>

void apic_init(void);
void apic_eoi(void);
/* Routes ISA IRQ irq (after MADT overrides) to vector on this CPU. */
void apic_route_irq(int irq, int vector);
/* Routes a PCI GSI (level, active low) to vector. */
void apic_route_gsi_level(int gsi, int vector);
/* One-shot local timer: fires VEC_TIMER after ticks (0 stops it). */
void apic_timer_start(uint32_t ticks);
uint32_t apic_timer_count(void);
/* The MSI address that delivers to this CPU's local APIC (fixed, edge). */
uint64_t apic_msi_address(void);

/* Filled from the MADT by acpi.c when present. */
extern uint64_t apic_ioapic_phys;
extern uint32_t apic_ioapic_gsi_base;
extern int apic_isa_gsi[16];		/* ISA IRQ -> GSI */
extern uint16_t apic_isa_flags[16];	/* MPS INTI flags per ISA IRQ */

#endif
