/* errno.h - errno is per thread; the values are Linux's (see redox/abi.h). */
#ifndef _ERRNO_H
#define _ERRNO_H

#include <features.h>
#include <redox/abi.h>

__BEGIN_DECLS
int *__errno_location(void);
#define errno (*__errno_location())
extern char *program_invocation_name;
extern char *program_invocation_short_name;
__END_DECLS

#endif
