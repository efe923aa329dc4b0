/* shadow.h - /etc/shadow in Redox's format, "name;hash" per line (an
 * empty hash: no password; "!": login disabled).  The file holds no
 * ageing fields, so those are -1 ("not used"). */
#ifndef _SHADOW_H
#define _SHADOW_H

#include <features.h>
#include <stddef.h>
#include <stdio.h>

struct spwd {
	char *sp_namp;
	char *sp_pwdp;
	long sp_lstchg;
	long sp_min;
	long sp_max;
	long sp_warn;
	long sp_inact;
	long sp_expire;
	unsigned long sp_flag;
};

__BEGIN_DECLS
struct spwd *getspnam(const char *name);
int getspnam_r(const char *name, struct spwd *sp, char *buf, size_t len, struct spwd **res);
struct spwd *getspent(void);
void setspent(void);
void endspent(void);
struct spwd *fgetspent(FILE *f);
__END_DECLS

#endif
