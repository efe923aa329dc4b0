/* kmem.h - the core's heap: small objects in slab pages, big ones in runs. */
#ifndef CORE_KMEM_H
#define CORE_KMEM_H

#include <stddef.h>

/* Zeroed memory, or NULL.  Alignment is 16 bytes. */
void *kmem_alloc(size_t size);
void kmem_free(void *p);
/* A copy of s[0..n) with a NUL after it, or NULL. */
char *kmem_strndup(const char *s, size_t n);
/* Bytes currently handed out (for sys:meminfo and leak tests). */
size_t kmem_in_use(void);

#endif
