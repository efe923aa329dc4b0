/* errno.h - errno is per thread; the values are Linux's (see redox/abi.h). */
#ifndef _ERRNO_H
#define _ERRNO_H

#include <features.h>
#include <redox/abi.h>

/* POSIX values the kernel never returns but libc and programs use
 * (Linux's numbers, like the rest). */
#define EIDRM		43
#define ENOSTR		60
#define ENOSR		63
#define ENOLINK		67
#define EPROTO		71
#define EMULTIHOP	72
#define EBADMSG		74
#define EILSEQ		84
#define EDESTADDRREQ	89
#define EPROTOTYPE	91
#define EPROTONOSUPPORT	93
#define ENETDOWN	100
#define ENETRESET	102
#define ESTALE		116
#define EDQUOT		122
#define ENOTRECOVERABLE	131

__BEGIN_DECLS
int *__errno_location(void);
#define errno (*__errno_location())
extern char *program_invocation_name;
extern char *program_invocation_short_name;
__END_DECLS

#endif
