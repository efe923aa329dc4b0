/* dlfcn.h - dynamic loading.  Programs are static PIEs and there is no
 * dynamic linker: dlopen always fails and dlerror says why. */
#ifndef _DLFCN_H
#define _DLFCN_H

#include <features.h>

#define RTLD_LAZY	0x0001
#define RTLD_NOW	0x0002
#define RTLD_NOLOAD	0x0004
#define RTLD_GLOBAL	0x0100
#define RTLD_LOCAL	0
#define RTLD_NODELETE	0x1000
#define RTLD_DEFAULT	((void *)0)
#define RTLD_NEXT	((void *)-1)

typedef struct {
	const char *dli_fname;
	void *dli_fbase;
	const char *dli_sname;
	void *dli_saddr;
} Dl_info;

__BEGIN_DECLS
void *dlopen(const char *path, int flags);
void *dlsym(void *restrict handle, const char *restrict name);
int dlclose(void *handle);
char *dlerror(void);
int dladdr(const void *addr, Dl_info *info);
__END_DECLS

#endif
