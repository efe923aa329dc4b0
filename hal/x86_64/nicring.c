/* nicring.c - descriptor ring memory for the NIC drivers (nicring.h). */
#include "hal/x86_64/boot.h"
#include "hal/x86_64/lib.h"
#include "hal/x86_64/nicring.h"
#include "hal/x86_64/pmm.h"

#define ENOMEM 12	/* the ABI's value (the HAL has no libc) */

static int
one(struct nic_ring *r, size_t bufpages)
{
	r->desc_pa = pmm_alloc(1);
	r->buf_pa = r->desc_pa ? pmm_alloc(bufpages) : 0;
	if (!r->buf_pa) {
		if (r->desc_pa)
			pmm_free(r->desc_pa, 1);
		return -ENOMEM;
	}
	r->desc = phys_to_virt(r->desc_pa);
	r->buf = phys_to_virt(r->buf_pa);
	memset(r->desc, 0, 4096);
	return 0;
}

int
nic_rings_alloc(struct nic_ring *rx, struct nic_ring *tx, unsigned ndesc, size_t bufsz)
{
	size_t bufpages = (size_t)ndesc * bufsz / 4096;
	if (one(rx, bufpages) != 0)
		return -ENOMEM;
	if (one(tx, bufpages) != 0) {
		pmm_free(rx->desc_pa, 1);
		pmm_free(rx->buf_pa, bufpages);
		return -ENOMEM;
	}
	return 0;
}
