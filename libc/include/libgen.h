/* libgen.h - POSIX basename and dirname (libc/src/libgen/).  Both may
 * modify path and may return a pointer into it or to static storage. */
#ifndef _LIBGEN_H
#define _LIBGEN_H

#include <features.h>

__BEGIN_DECLS
char *basename(char *path);
char *dirname(char *path);
__END_DECLS

#endif
