/* Memory maps.  prot and flags go to the kernel in one word. */
#include <sys/mman.h>
#include <stdarg.h>
#include "../internal/libc.h"

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	long r = __syscall5(SYS_MMAP, addr, len, (long)((unsigned)prot | (unsigned)flags),
	    (flags & MAP_ANONYMOUS) ? -1 : fd, off);

	if (r < 0 && r > -4096)
		return (void *)__syscall_ret(r);	/* -1 == MAP_FAILED */
	return (void *)r;
}

int munmap(void *addr, size_t len)
{
	return (int)__syscall_ret(__syscall2(SYS_MUNMAP, addr, len));
}

int mprotect(void *addr, size_t len, int prot)
{
	return (int)__syscall_ret(__syscall3(SYS_MPROTECT, addr, len, prot));
}

void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...)
{
	void *to = NULL;
	va_list ap;

	if (flags & MREMAP_FIXED) {
		va_start(ap, flags);
		to = va_arg(ap, void *);
		va_end(ap);
	}
	long r = __syscall5(SYS_MREMAP, old, old_len, new_len, flags, to);
	if (r < 0 && r > -4096)
		return (void *)__syscall_ret(r);	/* -1 == MAP_FAILED */
	return (void *)r;
}
