/*
 * mem.c - address spaces and user copies for the hosted backend
 * (kernel pages: pages.c).
 *
 * All programs share the host's one address space (hosted mode isolates
 * faults, not wild writes).  An address space is a reserved range of it
 * (arena.c) that its mappings are carved from, so freeing one is a
 * single munmap.  The core checks every user range against
 * its region lists before it calls the copy routines; a fault inside them
 * still becomes -EFAULT (see signal.c).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "hal/hal.h"
#include "hal/hosted/hosted.h"
#include "hal/hosted/rawsys.h"


/* Address room per program; RLIMIT_AS and the 1 TiB mmap cap are
 * checked by the core, this only bounds the reservation. */
#define AS_ARENA ((size_t)128 << 30)

struct hal_as {
	struct arena arena;
};

struct hal_as *
hosted_as_new(void)
{
	struct hal_as *as = calloc(1, sizeof *as);
	if (as && arena_init(&as->arena, AS_ARENA) != 0) {
		free(as);
		return NULL;
	}
	return as;
}

/* Every mapping goes with the space (hal.h). */
void
hosted_as_free(struct hal_as *as)
{
	if (!as)
		return;
	arena_fini(&as->arena);
	free(as);
}

static int
host_prot(int prot)
{
	return (prot & HAL_PROT_READ ? PROT_READ : 0) |
	    (prot & HAL_PROT_WRITE ? PROT_WRITE : 0) |
	    (prot & HAL_PROT_EXEC ? PROT_EXEC : 0);
}

/*
 * hal_map, hal_unmap and hal_protect run without a thunk (thunks.S): a
 * program's every mmap would otherwise swap the FS base twice.
 */
int
hal_map(struct hal_as *as, uintptr_t *addr, size_t len, int prot)
{
	uintptr_t a = *addr;
	if (a == 0) {
		if (arena_take(&as->arena, len, &a) != 0)
			return -ENOMEM;
	} else if (!arena_contains(&as->arena, a, len)) {
		return -EINVAL;
	}
	if (arena_map(a, len, host_prot(prot)) != 0) {
		if (*addr == 0)
			arena_give(&as->arena, a, len);
		return -ENOMEM;
	}
	*addr = a;
	return 0;
}

int
hal_unmap(struct hal_as *as, uintptr_t addr, size_t len)
{
	if (!arena_contains(&as->arena, addr, len))
		return -EINVAL;
	/* Drop the pages, keep the addresses reserved for reuse. */
	if (arena_map(addr, len, PROT_NONE) != 0)
		return -ENOMEM;
	return arena_give(&as->arena, addr, len);
}

int
hal_protect(struct hal_as *as, uintptr_t addr, size_t len, int prot)
{
	(void)as;
	return arena_protect(addr, len, host_prot(prot));
}

/*
 * Without it a fresh image page costs a host page fault: 8-15 us on the
 * VMs this runs on, about 2,500 of them for a 7.6 MB program.  One
 * madvise fills them all for the price of zeroing.  Kernels before 5.14
 * lack MADV_POPULATE_WRITE and say -EINVAL: then the faults it was to
 * save still happen, nothing else changes.
 */
void
hal_prefault(struct hal_as *as, uintptr_t addr, size_t len)
{
	if (arena_contains(&as->arena, addr, len))
		(void)hosted_rawsys3(SYS_madvise, (long)addr, (long)len, MADV_POPULATE_WRITE);
}

