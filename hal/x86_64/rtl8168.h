/*
 * rtl8168.h - the Realtek RTL8168 as a hal_nic (rtl8168.c), written from
 * the datasheet and tested against a register model (tests/hal/).
 */
#ifndef HAL_X86_64_RTL8168_H
#define HAL_X86_64_RTL8168_H

#include <stdint.h>

#include "hal/hal.h"
#include "hal/x86_64/pci.h"

void rtl8168_probe(const struct pci_dev *d);
/* Resets the chip at mmio_pa and starts both rings; irqs: unmask its
 * interrupts.  0, or -errno if it never leaves reset or no memory. */
int rtl8168_setup(uint64_t mmio_pa, int irqs);
/* The interrupt's work: acknowledge, note the link, raise HAL_EV_NET. */
void rtl8168_interrupt(void);
/* The NIC once set up, else NULL. */
struct hal_nic *rtl8168_nic(void);
extern unsigned rtl8168_irqs;

#endif
