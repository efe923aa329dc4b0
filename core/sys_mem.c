/* sys_mem.c - mmap, munmap, mprotect, brk over the process's regions. */
#include "core/abi.h"
#include "core/proc.h"
#include "core/syscall.h"
#include "core/vm.h"
#include "hal/hal.h"

static int
mmap_prot(long flags)
{
	return (flags & PROT_READ ? HAL_PROT_READ : 0) |
	    (flags & PROT_WRITE ? HAL_PROT_WRITE | HAL_PROT_READ : 0) |
	    (flags & PROT_EXEC ? HAL_PROT_EXEC | HAL_PROT_READ : 0);
}

#define PROT_MASK (PROT_READ | PROT_WRITE | PROT_EXEC)
#define MAP_MASK (MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS)

long
sys_mmap(long addr, long len, long flags, long fd, long off)
{
	struct proc *p = proc_current();
	if (flags & ~(long)(PROT_MASK | MAP_MASK))
		return -EINVAL;
	if (len <= 0 || (addr & (HAL_PAGE_SIZE - 1)) || off < 0)
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS) || fd != -1)
		return -ENODEV;	/* file mappings come with fmap */
	if ((flags & MAP_SHARED) && (flags & MAP_PRIVATE))
		return -EINVAL;
	uintptr_t a = (flags & MAP_FIXED) ? (uintptr_t)addr : 0;
	if ((flags & MAP_FIXED) && a == 0)
		return -EINVAL;
	long e = vm_map(p->vm, &a, (size_t)len, mmap_prot(flags),
	    (flags & MAP_SHARED) ? R_SHARED : R_ANON);
	return e ? e : (long)a;
}

long
sys_munmap(long addr, long len)
{
	struct proc *p = proc_current();
	if (len <= 0)
		return -EINVAL;
	return vm_unmap(p->vm, (uintptr_t)addr, (size_t)len);
}

long
sys_mprotect(long addr, long len, long flags)
{
	struct proc *p = proc_current();
	if (flags & ~(long)PROT_MASK)
		return -EINVAL;
	if (len <= 0)
		return -EINVAL;
	return vm_protect(p->vm, (uintptr_t)addr, (size_t)len, mmap_prot(flags));
}

long
sys_brk(long addr)
{
	return (long)vm_brk(proc_current()->vm, (uintptr_t)addr);
}
