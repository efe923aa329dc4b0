/* sys_mem.c - mmap, munmap, mprotect, brk over the process's regions. */
#include "core/abi.h"
#include "core/limits.h"
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
	if ((unsigned long)len > ((unsigned long)1 << 40))
		return -EINVAL;	/* as vm_map */
	size_t npages = ((size_t)len + HAL_PAGE_SIZE - 1) / HAL_PAGE_SIZE;
	/* A fixed map replaces our own pages: the address space stays.
	 * PROT_NONE reserves address space without committing pages. */
	long e = (flags & MAP_FIXED) ? 0 : limits_as_check(p, npages);
	if (!e && mmap_prot(flags))
		e = limits_mem_check(p, npages);
	if (e)
		return e;
	e = vm_map(p->vm, &a, (size_t)len, mmap_prot(flags),
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
	/* Opening up a reserved range commits its pages. */
	if (mmap_prot(flags)) {
		size_t n = vm_inaccessible(p->vm, (uintptr_t)addr, (size_t)len);
		if (n && limits_mem_check(p, n) != 0)
			return -ENOMEM;
	}
	return vm_protect(p->vm, (uintptr_t)addr, (size_t)len, mmap_prot(flags));
}

long
sys_mremap(long addr, long old_len, long new_len, long flags, long new_addr)
{
	struct proc *p = proc_current();
	if (flags & ~(long)(MREMAP_MAYMOVE | MREMAP_FIXED))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if (old_len <= 0 || new_len <= 0 || (unsigned long)new_len > ((unsigned long)1 << 40))
		return -EINVAL;
	/* Growth answers to the limits as an mmap of the difference would
	 * (a move holds both copies for a moment; that is not counted). */
	size_t pg = HAL_PAGE_SIZE;
	size_t old_pages = ((size_t)old_len + pg - 1) / pg;
	size_t new_pages = ((size_t)new_len + pg - 1) / pg;
	if (new_pages > old_pages) {
		long e = limits_as_check(p, new_pages - old_pages);
		if (!e && vm_check(p->vm, (uintptr_t)addr, pg, HAL_PROT_READ))
			e = limits_mem_check(p, new_pages - old_pages);
		if (e)
			return e;
	}
	uintptr_t a = (uintptr_t)new_addr;
	long e = vm_remap(p->vm, (uintptr_t)addr, (size_t)old_len, (size_t)new_len,
	    (int)flags, &a);
	return e ? e : (long)a;
}

/* brk moves inside a range reserved at exec (counted in RLIMIT_AS);
 * growing it commits pages, so it answers to the reserve too. */
long
sys_brk(long addr)
{
	struct proc *p = proc_current();
	struct vm *vm = p->vm;
	uintptr_t want = (uintptr_t)addr, pg = HAL_PAGE_SIZE;
	if (want > vm->brk_cur && want <= vm->brk_end) {
		size_t grow = (((want + pg - 1) & ~(pg - 1)) -
		    ((vm->brk_cur + pg - 1) & ~(pg - 1))) / pg;
		if (grow && limits_mem_check(p, grow) != 0)
			return (long)vm->brk_cur;
	}
	return (long)vm_brk(vm, want);
}
