/* getopt.h - getopt and getopt_long (libc/src/unistd/getopt.c).  Options
 * are not permuted: parsing stops at the first operand, as POSIX says. */
#ifndef _GETOPT_H
#define _GETOPT_H

#include <features.h>
#include <unistd.h>

struct option {
	const char *name;
	int has_arg;		/* no_argument, required_argument, optional_argument */
	int *flag;		/* NULL: return val; else *flag = val, return 0 */
	int val;
};

#define no_argument		0
#define required_argument	1
#define optional_argument	2

__BEGIN_DECLS
int getopt_long(int argc, char *const argv[], const char *opts,
    const struct option *longopts, int *longindex);
__END_DECLS

#endif
