/* sys/file.h - flock(), BSD whole-file locks (libc/src/file/flock.c).
 * The kernel has no file locks yet: flock() checks its arguments and then
 * fails with ENOLCK, as on a file system without lock support. */
#ifndef _SYS_FILE_H
#define _SYS_FILE_H

#include <features.h>
#include <fcntl.h>
#include <unistd.h>

#define LOCK_SH	1
#define LOCK_EX	2
#define LOCK_NB	4
#define LOCK_UN	8

__BEGIN_DECLS
int flock(int fd, int op);
__END_DECLS

#endif
