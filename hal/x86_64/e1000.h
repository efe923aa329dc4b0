/* e1000.h - the Intel 82540EM (QEMU's e1000) as the hal_nic (e1000.c). */
#ifndef HAL_X86_64_E1000_H
#define HAL_X86_64_E1000_H

#include "hal/hal.h"
#include "hal/x86_64/pci.h"

void e1000_probe(const struct pci_dev *d);
/* The NIC once set up, else NULL. */
struct hal_nic *e1000_nic(void);
extern unsigned e1000_irqs;	/* interrupts taken (ktest could check it) */

#endif
