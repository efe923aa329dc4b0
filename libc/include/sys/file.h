/*
 * sys/file.h - flock(), BSD whole-file locks, made here of fcntl record
 * locks over the whole file.  The differences from BSD's: the owner is
 * the process, not the open file description (a lock is not shared with
 * a child through an inherited fd, and any close of the file by the
 * process drops it), and flock and fcntl locks on one file are the same
 * locks.
 */
#ifndef _SYS_FILE_H
#define _SYS_FILE_H

#include <features.h>
#include <fcntl.h>

#define LOCK_SH	1
#define LOCK_EX	2
#define LOCK_NB	4
#define LOCK_UN	8

__BEGIN_DECLS
int flock(int fd, int op);
__END_DECLS

#endif
