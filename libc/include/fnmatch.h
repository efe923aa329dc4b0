/* fnmatch.h - shell wildcard matching (libc/src/fnmatch/). */
#ifndef _FNMATCH_H
#define _FNMATCH_H

#include <features.h>

#define FNM_PATHNAME	1	/* '/' only matches a literal '/' */
#define FNM_NOESCAPE	2	/* '\\' is an ordinary character */
#define FNM_PERIOD	4	/* a leading '.' only matches a literal '.' */
#define FNM_LEADING_DIR	8	/* match if pat matches up to a '/' */
#define FNM_CASEFOLD	16
#define FNM_FILE_NAME	FNM_PATHNAME

#define FNM_NOMATCH	1

__BEGIN_DECLS
int fnmatch(const char *pattern, const char *string, int flags);
__END_DECLS

#endif
