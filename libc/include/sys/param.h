/* sys/param.h - the BSD system parameters programs still look for. */
#ifndef _SYS_PARAM_H
#define _SYS_PARAM_H

#include <limits.h>
#include <endian.h>

#define MAXPATHLEN	PATH_MAX
#define MAXSYMLINKS	40
#define MAXHOSTNAMELEN	HOST_NAME_MAX
#define NOFILE		1024
#define NGROUPS		NGROUPS_MAX
#define NBBY		8
#define HZ		100	/* sysconf(_SC_CLK_TCK) */
#define DEV_BSIZE	512

#define howmany(x, y)	(((x) + ((y) - 1)) / (y))
#define roundup(x, y)	((((x) + ((y) - 1)) / (y)) * (y))
#define rounddown(x, y)	(((x) / (y)) * (y))
#define powerof2(x)	((((x) - 1) & (x)) == 0)
#ifndef MIN
#define MIN(a, b)	((a) < (b) ? (a) : (b))
#endif
#ifndef MAX
#define MAX(a, b)	((a) > (b) ? (a) : (b))
#endif

#define setbit(a, i)	(((unsigned char *)(a))[(i) / NBBY] |= 1 << ((i) % NBBY))
#define clrbit(a, i)	(((unsigned char *)(a))[(i) / NBBY] &= ~(1 << ((i) % NBBY)))
#define isset(a, i)	(((const unsigned char *)(a))[(i) / NBBY] & (1 << ((i) % NBBY)))
#define isclr(a, i)	(!isset(a, i))

#endif
