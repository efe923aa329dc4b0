/*
 * grp.c - /etc/group lookups.
 *
 * Each line is "name;password;gid;members", exactly four ';'-separated
 * fields (members comma-separated, possibly none).  Malformed lines are
 * skipped.  The _r functions copy an entry into the caller's buffer: the
 * member pointers first (aligned), then the strings.
 */
#include <errno.h>
#include <grp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GRP_FILE	"/etc/group"
#define GRP_FIELDS	4
#define GRP_MAX_MEM	1024	/* members of one group */

static FILE *grp_ent;			/* getgrent's stream */
static struct group grp_static;
static char *grp_mem_static[GRP_MAX_MEM + 1];
static char grp_buf[4096];

static long long grp_id(const char *s)
{
	long long v = 0;

	if (*s == '\0')
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
		if (v > UINT32_MAX)
			return -1;
	}
	return v;
}

/* Split line in place; mem holds GRP_MAX_MEM + 1 pointers. */
static int grp_parse(char *line, struct group *gr, char **mem)
{
	char *f[GRP_FIELDS], *p;
	long long gid;
	int n = 0, m = 0;

	f[n++] = line;
	for (p = line; *p; p++)
		if (*p == ';') {
			if (n == GRP_FIELDS)
				return -1;
			*p = '\0';
			f[n++] = p + 1;
		}
	if (n != GRP_FIELDS || *f[0] == '\0')
		return -1;
	gid = grp_id(f[2]);
	if (gid < 0)
		return -1;
	for (p = f[3]; *p; ) {
		char *comma = strchr(p, ',');

		if (comma != NULL)
			*comma = '\0';
		if (*p != '\0') {
			if (m == GRP_MAX_MEM)
				return -1;
			mem[m++] = p;
		}
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	mem[m] = NULL;
	gr->gr_name = f[0];
	gr->gr_passwd = f[1];
	gr->gr_gid = (gid_t)gid;
	gr->gr_mem = mem;
	return 0;
}

static int grp_next(FILE *f, char **line, size_t *cap, struct group *gr,
    char **mem)
{
	ssize_t n;

	while ((n = getline(line, cap, f)) >= 0) {
		if (n > 0 && (*line)[n - 1] == '\n')
			(*line)[n - 1] = '\0';
		if (grp_parse(*line, gr, mem) == 0)
			return 1;
	}
	return ferror(f) ? -(errno ? errno : EIO) : 0;
}

/* Copy into buf: nmem + 1 pointers, then name, password, members. */
static int grp_copy(const struct group *src, struct group *dst, char *buf,
    size_t len)
{
	size_t nmem = 0, i, off, l, pad;
	char **mem;

	while (src->gr_mem[nmem] != NULL)
		nmem++;
	pad = (sizeof(char *) - (uintptr_t)buf % sizeof(char *)) % sizeof(char *);
	off = pad + (nmem + 1) * sizeof(char *);
	if (off > len)
		return ERANGE;
	mem = (char **)(void *)(buf + pad);
	l = strlen(src->gr_name) + 1;
	if (l > len - off)
		return ERANGE;
	memcpy(buf + off, src->gr_name, l);
	dst->gr_name = buf + off;
	off += l;
	l = strlen(src->gr_passwd) + 1;
	if (l > len - off)
		return ERANGE;
	memcpy(buf + off, src->gr_passwd, l);
	dst->gr_passwd = buf + off;
	off += l;
	for (i = 0; i < nmem; i++) {
		l = strlen(src->gr_mem[i]) + 1;
		if (l > len - off)
			return ERANGE;
		memcpy(buf + off, src->gr_mem[i], l);
		mem[i] = buf + off;
		off += l;
	}
	mem[nmem] = NULL;
	dst->gr_mem = mem;
	dst->gr_gid = src->gr_gid;
	return 0;
}

static int grp_find(const char *name, gid_t gid, struct group *gr, char *buf,
    size_t len, struct group **result)
{
	FILE *f;
	char *line = NULL, **mem;
	size_t cap = 0;
	struct group e;
	int rc, err = 0;

	*result = NULL;
	mem = malloc((GRP_MAX_MEM + 1) * sizeof(*mem));
	if (mem == NULL)
		return ENOMEM;
	f = fopen(GRP_FILE, "r");
	if (f == NULL) {
		free(mem);
		return errno == ENOENT ? 0 : errno;
	}
	while ((rc = grp_next(f, &line, &cap, &e, mem)) > 0) {
		if (name ? strcmp(e.gr_name, name) == 0 : e.gr_gid == gid) {
			err = grp_copy(&e, gr, buf, len);
			if (err == 0)
				*result = gr;
			break;
		}
	}
	if (rc < 0)
		err = -rc;
	free(line);
	free(mem);
	fclose(f);
	return err;
}

int getgrnam_r(const char *name, struct group *gr, char *buf, size_t len,
    struct group **result)
{
	return grp_find(name, 0, gr, buf, len, result);
}

int getgrgid_r(gid_t gid, struct group *gr, char *buf, size_t len,
    struct group **result)
{
	return grp_find(NULL, gid, gr, buf, len, result);
}

struct group *getgrnam(const char *name)
{
	struct group *r;
	int err = getgrnam_r(name, &grp_static, grp_buf, sizeof(grp_buf), &r);

	if (err)
		errno = err;
	return r;
}

struct group *getgrgid(gid_t gid)
{
	struct group *r;
	int err = getgrgid_r(gid, &grp_static, grp_buf, sizeof(grp_buf), &r);

	if (err)
		errno = err;
	return r;
}

struct group *fgetgrent(FILE *f)
{
	static char *line;	/* the entry's strings point into it */
	static size_t cap;
	int rc = grp_next(f, &line, &cap, &grp_static, grp_mem_static);

	if (rc < 0)
		errno = -rc;
	return rc > 0 ? &grp_static : NULL;
}

void setgrent(void)
{
	if (grp_ent != NULL)
		rewind(grp_ent);
}

void endgrent(void)
{
	if (grp_ent != NULL)
		fclose(grp_ent);
	grp_ent = NULL;
}

struct group *getgrent(void)
{
	if (grp_ent == NULL && (grp_ent = fopen(GRP_FILE, "r")) == NULL)
		return NULL;
	return fgetgrent(grp_ent);
}

static void grp_note(gid_t g, gid_t *groups, int max, int *count)
{
	int i;

	for (i = 0; i < *count && i < max; i++)
		if (groups[i] == g)
			return;
	if (*count < max)
		groups[*count] = g;
	++*count;
}

int getgrouplist(const char *user, gid_t group, gid_t *groups, int *n)
{
	FILE *f;
	char *line = NULL, **mem;
	size_t cap = 0;
	struct group e;
	int count = 0, max = *n, i;

	grp_note(group, groups, max, &count);
	mem = malloc((GRP_MAX_MEM + 1) * sizeof(*mem));
	f = mem ? fopen(GRP_FILE, "r") : NULL;
	if (f != NULL) {
		while (grp_next(f, &line, &cap, &e, mem) > 0)
			for (i = 0; e.gr_mem[i] != NULL; i++)
				if (strcmp(e.gr_mem[i], user) == 0) {
					grp_note(e.gr_gid, groups, max, &count);
					break;
				}
		fclose(f);
	}
	free(line);
	free(mem);
	*n = count;
	return count > max ? -1 : count;
}
