/*
 * acpi.h - the few ACPI tables the HAL reads (acpi.c): the MADT (I/O APIC,
 * ISA overrides), the FADT and the DSDT's \_S5 for power off, the reset register for reboot.
 */
#ifndef HAL_X86_64_ACPI_H
#define HAL_X86_64_ACPI_H

void acpi_init(void);
/* Enters S5 through PM1a/PM1b control; returns only if that failed. */
void acpi_poweroff(void);
/* Writes the FADT's reset register; returns only if there is none or it
 * did nothing. */
void acpi_reset(void);

#endif
