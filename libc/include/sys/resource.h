/* sys/resource.h - resource limits (RLIMIT_* numbers are Linux's; the
 * kernel enforces RLIMIT_NPROC, RLIMIT_NOFILE and RLIMIT_AS, see
 * core/limits.h).  getrusage and priorities are not here yet. */
#ifndef _SYS_RESOURCE_H
#define _SYS_RESOURCE_H

#include <features.h>
#include <sys/types.h>
#include <redox/abi.h>

typedef uint64_t rlim_t;

#define RLIM_INFINITY	RLIMIT_INFINITY
#define RLIM_SAVED_MAX	RLIM_INFINITY
#define RLIM_SAVED_CUR	RLIM_INFINITY
#define RLIM_NLIMITS	RLIMIT_NLIMITS

/* The same layout as the kernel's struct redox_rlimit. */
struct rlimit {
	rlim_t rlim_cur;
	rlim_t rlim_max;
};

__BEGIN_DECLS
int getrlimit(int resource, struct rlimit *rlp);
int setrlimit(int resource, const struct rlimit *rlp);
__END_DECLS

#endif
