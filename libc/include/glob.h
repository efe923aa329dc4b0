/* glob.h - pathname expansion (libc/src/glob/); patterns as fnmatch(3). */
#ifndef _GLOB_H
#define _GLOB_H

#include <features.h>
#include <stddef.h>

typedef struct {
	size_t gl_pathc;	/* matched paths */
	char **gl_pathv;	/* gl_offs NULLs, the paths, then NULL */
	size_t gl_offs;		/* NULL slots to reserve (GLOB_DOOFFS) */
} glob_t;

#define GLOB_ERR	1	/* stop at an unreadable directory */
#define GLOB_MARK	2	/* append '/' to directories */
#define GLOB_NOSORT	4
#define GLOB_DOOFFS	8
#define GLOB_NOCHECK	16	/* no match: return the pattern itself */
#define GLOB_APPEND	32	/* add to the paths of an earlier call */
#define GLOB_NOESCAPE	64
#define GLOB_BRACE	1024	/* {a,b} alternatives */

#define GLOB_NOSPACE	1
#define GLOB_ABORTED	2
#define GLOB_NOMATCH	3

__BEGIN_DECLS
int glob(const char *restrict pattern, int flags,
    int (*errfunc)(const char *epath, int eerrno), glob_t *restrict g);
void globfree(glob_t *g);
__END_DECLS

#endif
