/*
 * acpi.h - the few ACPI tables the HAL reads (acpi.c): the MADT (I/O APIC,
 * ISA overrides), the FADT and the DSDT's \_S5 for power off.
 */
#ifndef HAL_X86_64_ACPI_H
#define HAL_X86_64_ACPI_H

void acpi_init(void);
/* Enters S5 through PM1a/PM1b control; returns only if that failed. */
void acpi_poweroff(void);

#endif
