/* sys/select.h - select() and pselect(), built on poll(). */
#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H

#include <features.h>
#include <sys/types.h>
#include <sys/time.h>
#include <signal.h>

#define FD_SETSIZE 1024

typedef struct {
	unsigned long fds_bits[FD_SETSIZE / (8 * sizeof(unsigned long))];
} fd_set;

#define __FD_WORD(fd)	((unsigned)(fd) / (8 * sizeof(unsigned long)))
#define __FD_BIT(fd)	(1UL << ((unsigned)(fd) % (8 * sizeof(unsigned long))))
#define FD_ZERO(s)	__builtin_memset((s), 0, sizeof(fd_set))
#define FD_SET(fd, s)	((void)((s)->fds_bits[__FD_WORD(fd)] |= __FD_BIT(fd)))
#define FD_CLR(fd, s)	((void)((s)->fds_bits[__FD_WORD(fd)] &= ~__FD_BIT(fd)))
#define FD_ISSET(fd, s)	(((s)->fds_bits[__FD_WORD(fd)] & __FD_BIT(fd)) != 0)

__BEGIN_DECLS
int select(int n, fd_set *restrict r, fd_set *restrict w, fd_set *restrict e,
    struct timeval *restrict timeout);
int pselect(int n, fd_set *restrict r, fd_set *restrict w, fd_set *restrict e,
    const struct timespec *restrict timeout, const sigset_t *restrict mask);
__END_DECLS

#endif
