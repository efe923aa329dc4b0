/* utime.h - setting a file's access and modification times (whole
 * seconds); utimes() with microseconds is in sys/time.h. */
#ifndef _UTIME_H
#define _UTIME_H

#include <features.h>
#include <sys/types.h>

struct utimbuf {
	time_t actime;
	time_t modtime;
};

__BEGIN_DECLS
int utime(const char *path, const struct utimbuf *t);
__END_DECLS

#endif
