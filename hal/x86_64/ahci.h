/* ahci.h - SATA disks behind an AHCI controller as hal_blk devices (ahci.c). */
#ifndef HAL_X86_64_AHCI_H
#define HAL_X86_64_AHCI_H

#include "hal/x86_64/pci.h"

void ahci_probe(const struct pci_dev *d);
extern unsigned ahci_irqs;	/* completion interrupts taken (ktest checks it) */

#endif
