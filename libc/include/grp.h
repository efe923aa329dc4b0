/* grp.h - the group database, /etc/group (libc/src/grp/).  Lines are
 * "name;x;gid;member,member,...", as scripts/image/etc/group has them. */
#ifndef _GRP_H
#define _GRP_H

#include <features.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

struct group {
	char *gr_name;
	char *gr_passwd;
	gid_t gr_gid;
	char **gr_mem;		/* NULL-terminated */
};

__BEGIN_DECLS
struct group *getgrnam(const char *name);
struct group *getgrgid(gid_t gid);
int getgrnam_r(const char *name, struct group *gr, char *buf, size_t len,
    struct group **result);
int getgrgid_r(gid_t gid, struct group *gr, char *buf, size_t len,
    struct group **result);
struct group *getgrent(void);
void setgrent(void);
void endgrent(void);
struct group *fgetgrent(FILE *f);
/* user's groups: group first, then each group listing user as a member.
 * -1 (and *n = the number needed) if groups[] holds fewer than that. */
int getgrouplist(const char *user, gid_t group, gid_t *groups, int *n);
__END_DECLS

#endif
