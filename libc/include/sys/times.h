/* sys/times.h - times(): the elapsed time is real; the CPU times are 0,
 * since the kernel does not account CPU time per process (see the
 * README's "Not here yet"). */
#ifndef _SYS_TIMES_H
#define _SYS_TIMES_H

#include <features.h>
#include <time.h>

struct tms {
	clock_t tms_utime;
	clock_t tms_stime;
	clock_t tms_cutime;
	clock_t tms_cstime;
};

__BEGIN_DECLS
clock_t times(struct tms *t);
__END_DECLS

#endif
