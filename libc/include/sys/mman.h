/* sys/mman.h - memory maps.  prot and flags share one word in Redox, so
 * PROT_* and MAP_* values never overlap (see redox/abi.h). */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#include <features.h>
#include <sys/types.h>
#include <redox/abi.h>

#define MAP_ANON	MAP_ANONYMOUS
#define MAP_FAILED	((void *)-1)

__BEGIN_DECLS
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);
/* MREMAP_MAYMOVE, MREMAP_FIXED (then a fifth argument, the new address). */
void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...);
__END_DECLS

#endif
