/*
 * pci.h - PCI configuration space through ports 0xcf8/0xcfc and bus
 * enumeration (pci.c); drivers (ahci.c) find their devices here.
 */
#ifndef HAL_X86_64_PCI_H
#define HAL_X86_64_PCI_H

#include <stdint.h>

struct pci_dev {
	uint8_t bus, dev, fn;
	uint16_t vendor, device;
	uint8_t class, subclass, progif;
	uint8_t irq_line;
};

void pci_init(void);
uint32_t pci_read32(const struct pci_dev *d, uint8_t off);
void pci_write32(const struct pci_dev *d, uint8_t off, uint32_t v);
/* The physical address of memory BAR n (64-bit BARs included). */
uint64_t pci_bar(const struct pci_dev *d, int n);
/* Memory BAR n if the kernel's direct map reaches it; else 0, after
 * saying so for driver `what`. */
uint64_t pci_mmio_bar(const struct pci_dev *d, int n, const char *what);
/* Enables memory decoding and bus mastering. */
void pci_enable(const struct pci_dev *d);
/*
 * Points the function's MSI capability at addr/data (one message) and
 * turns INTx off; -1 if it has no MSI capability.
 */
int pci_msi_enable(const struct pci_dev *d, uint64_t addr, uint32_t data);

#endif
