/* sys/auxv.h - values the kernel passed in the auxiliary vector. */
#ifndef _SYS_AUXV_H
#define _SYS_AUXV_H

#include <features.h>
#include <redox/abi.h>

__BEGIN_DECLS
/* The value for `type` (AT_*), or 0 if the kernel gave none. */
unsigned long getauxval(unsigned long type);
__END_DECLS

#endif
