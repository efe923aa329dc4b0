/* paths.h - well-known paths.  The system's shell is ion (/bin/ion):
 * there is no /bin/sh unless a port installs one. */
#ifndef _PATHS_H
#define _PATHS_H

#define _PATH_BSHELL	"/bin/ion"
#define _PATH_CONSOLE	"debug:"
#define _PATH_DEFPATH	"/usr/bin:/bin"
#define _PATH_STDPATH	"/usr/bin:/bin:/usr/sbin:/sbin"
#define _PATH_DEVNULL	"/dev/null"	/* open maps it to null: */
#define _PATH_TMP	"/tmp/"
#define _PATH_PASSWD	"/etc/passwd"
#define _PATH_GROUP	"/etc/group"
#define _PATH_SHADOW	"/etc/shadow"
#define _PATH_SHELLS	"/etc/shells"

#endif
