/*
 * dlfcn.c - dynamic loading that fails cleanly.  Programs are static
 * PIEs with no dynamic linker, so no library can be loaded and no symbol
 * looked up.  Each failure leaves a message for the next dlerror(),
 * which then forgets it, as POSIX asks.  The message is per thread.
 */
#include <dlfcn.h>
#include <stdio.h>

static __thread char msg[256];
static __thread int pending;

static void fail(const char *what, const char *name)
{
	snprintf(msg, sizeof(msg), "%s%s%s: dynamic loading is not supported "
	    "(programs are static)", name ? name : "", name ? ": " : "", what);
	pending = 1;
}

void *dlopen(const char *path, int flags)
{
	(void)flags;
	fail("dlopen", path);
	return NULL;
}

void *dlsym(void *restrict handle, const char *restrict name)
{
	(void)handle;
	fail("dlsym", name);
	return NULL;
}

int dlclose(void *handle)
{
	(void)handle;
	fail("dlclose", NULL);	/* no handle can exist */
	return -1;
}

char *dlerror(void)
{
	if (!pending)
		return NULL;
	pending = 0;
	return msg;
}

int dladdr(const void *addr, Dl_info *info)
{
	(void)addr;
	(void)info;
	return 0;
}
