/*
 * nicring.h - the memory of a NIC's descriptor rings (nicring.c): for
 * each direction a page of descriptors and one buffer per slot, in
 * physical pages the NIC reaches by DMA.
 */
#ifndef HAL_X86_64_NICRING_H
#define HAL_X86_64_NICRING_H

#include <stddef.h>
#include <stdint.h>

struct nic_ring {
	uint64_t desc_pa, buf_pa;	/* what the NIC is told */
	void *desc;			/* zeroed, 4 KiB */
	uint8_t *buf;			/* slot i at buf + i * bufsz */
};

/* Both directions for ndesc slots of bufsz bytes (ndesc * bufsz a whole
 * number of pages, descriptors of at most 4096 / ndesc bytes): 0, or
 * -ENOMEM with nothing kept. */
int nic_rings_alloc(struct nic_ring *rx, struct nic_ring *tx, unsigned ndesc, size_t bufsz);

#endif
