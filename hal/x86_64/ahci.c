/* ahci.c - placeholder until the AHCI driver lands (step 4). */
#include "hal/hal.h"
#include "hal/x86_64/ahci.h"

void
ahci_probe(const struct pci_dev *d)
{
	(void)d;
}

struct hal_blk *
hal_blk_get(unsigned index)
{
	(void)index;
	return NULL;
}
