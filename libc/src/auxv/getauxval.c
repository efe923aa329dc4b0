/* getauxval.c - looks a key up in the auxiliary vector crt0 kept. */
#include <sys/auxv.h>

#include "../internal/libc.h"

unsigned long
getauxval(unsigned long type)
{
	for (const uintptr_t *a = __libc.auxv; a && a[0] != AT_NULL; a += 2)
		if (a[0] == type)
			return a[1];
	return 0;
}
