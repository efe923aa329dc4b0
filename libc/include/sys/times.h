/* sys/times.h - times(): the elapsed real time and the CPU times of the
 * process and its reaped children, in clock ticks (100 a second). */
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
