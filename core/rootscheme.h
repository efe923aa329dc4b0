/*
 * rootscheme.h - ':' the root scheme.  open(":") lists the schemes;
 * open(":name", O_CREAT) registers a user-space scheme (uid 0 only) and
 * returns the daemon's end of it.
 */
#ifndef CORE_ROOTSCHEME_H
#define CORE_ROOTSCHEME_H

struct scheme;

void rootscheme_init(void);
/* The root scheme (no reference taken). */
struct scheme *rootscheme(void);
/* The root scheme, with a reference for the caller. */
struct scheme *rootscheme_get(void);

#endif
