/* pwd.h - the user database, /etc/passwd (libc/src/pwd/).  Lines are
 * Redox's "name;uid;gid;gecos;home;shell"; passwords live in /etc/shadow,
 * so pw_passwd is always "x". */
#ifndef _PWD_H
#define _PWD_H

#include <features.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

struct passwd {
	char *pw_name;
	char *pw_passwd;
	uid_t pw_uid;
	gid_t pw_gid;
	char *pw_gecos;
	char *pw_dir;
	char *pw_shell;
};

__BEGIN_DECLS
struct passwd *getpwnam(const char *name);
struct passwd *getpwuid(uid_t uid);
int getpwnam_r(const char *name, struct passwd *pw, char *buf, size_t len,
    struct passwd **result);
int getpwuid_r(uid_t uid, struct passwd *pw, char *buf, size_t len,
    struct passwd **result);
struct passwd *getpwent(void);
void setpwent(void);
void endpwent(void);
/* The next well-formed entry of f (malformed lines are skipped). */
struct passwd *fgetpwent(FILE *f);
__END_DECLS

#endif
