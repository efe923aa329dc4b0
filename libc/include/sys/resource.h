/* sys/resource.h - resource limits (RLIMIT_* numbers are Linux's; the
 * kernel enforces RLIMIT_NPROC, RLIMIT_NOFILE and RLIMIT_AS, see
 * core/limits.h) and getrusage, whose CPU times are the kernel's
 * (core/cputime.c); the other counts are zeros.  Priorities are not
 * here yet. */
#ifndef _SYS_RESOURCE_H
#define _SYS_RESOURCE_H

#include <features.h>
#include <sys/types.h>
#include <redox/abi.h>
#include <sys/time.h>

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

/* RUSAGE_SELF, RUSAGE_CHILDREN, RUSAGE_THREAD: redox/abi.h */

struct rusage {
	struct timeval ru_utime;
	struct timeval ru_stime;
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss;
	long ru_minflt, ru_majflt, ru_nswap;
	long ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv;
	long ru_nsignals, ru_nvcsw, ru_nivcsw;
};

__BEGIN_DECLS
int getrusage(int who, struct rusage *ru);
int getrlimit(int resource, struct rlimit *rlp);
int setrlimit(int resource, const struct rlimit *rlp);
__END_DECLS

#endif
