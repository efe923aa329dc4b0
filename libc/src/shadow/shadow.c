/*
 * shadow.c - /etc/shadow lookups.  Redox's shadow file has two
 * ';'-separated fields per line, the user name and the password hash
 * (empty: no password, "!": locked).  Lines without exactly two fields
 * or with an empty name are skipped.  Reading it needs root (mode 0600):
 * otherwise getspnam fails with EACCES.
 */
#include <shadow.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHADOW_FILE "/etc/shadow"

static FILE *sp_ent;		/* getspent's stream */
static struct spwd sp_static;
static char sp_buf[1024];

/* Splits line (no newline) in place; 0 if it is a well-formed entry. */
static int sp_parse(char *line, struct spwd *sp)
{
	char *semi = strchr(line, ';');

	if (semi == NULL || semi == line || strchr(semi + 1, ';') != NULL)
		return -1;
	*semi = '\0';
	sp->sp_namp = line;
	sp->sp_pwdp = semi + 1;
	sp->sp_lstchg = sp->sp_min = sp->sp_max = sp->sp_warn = -1;
	sp->sp_inact = sp->sp_expire = -1;
	sp->sp_flag = ~0UL;
	return 0;
}

/* The next well-formed entry of f, its strings in buf; 1 found, 0 at
 * the end, -errno on a read error or ERANGE if buf is too small. */
static int sp_next(FILE *f, struct spwd *sp, char *buf, size_t len)
{
	char *line = NULL;
	size_t cap = 0, n;
	ssize_t r;
	int ret = 0;

	while ((r = getline(&line, &cap, f)) >= 0) {
		if (r > 0 && line[r - 1] == '\n')
			line[--r] = '\0';
		if (sp_parse(line, sp) < 0)
			continue;
		n = (size_t)r + 1;
		if (n > len) {
			ret = -ERANGE;
			break;
		}
		/* the parse left "name\0hash\0": move it into buf */
		memcpy(buf, line, n);
		sp->sp_pwdp = buf + (sp->sp_pwdp - line);
		sp->sp_namp = buf;
		ret = 1;
		break;
	}
	if (r < 0 && ferror(f))
		ret = -EIO;
	free(line);
	return ret;
}

int getspnam_r(const char *name, struct spwd *sp, char *buf, size_t len, struct spwd **res)
{
	FILE *f = fopen(SHADOW_FILE, "re");
	int r;

	*res = NULL;
	if (f == NULL)
		return errno;
	while ((r = sp_next(f, sp, buf, len)) > 0)
		if (strcmp(sp->sp_namp, name) == 0) {
			*res = sp;
			break;
		}
	fclose(f);
	return r < 0 ? -r : 0;
}

struct spwd *getspnam(const char *name)
{
	struct spwd *res;
	int e = getspnam_r(name, &sp_static, sp_buf, sizeof(sp_buf), &res);

	if (e != 0)
		errno = e;
	return res;
}

struct spwd *fgetspent(FILE *f)
{
	int r = sp_next(f, &sp_static, sp_buf, sizeof(sp_buf));

	if (r < 0)
		errno = -r;
	return r > 0 ? &sp_static : NULL;
}

void setspent(void)
{
	if (sp_ent)
		rewind(sp_ent);
}

void endspent(void)
{
	if (sp_ent)
		fclose(sp_ent);
	sp_ent = NULL;
}

struct spwd *getspent(void)
{
	if (sp_ent == NULL && (sp_ent = fopen(SHADOW_FILE, "re")) == NULL)
		return NULL;
	return fgetspent(sp_ent);
}
