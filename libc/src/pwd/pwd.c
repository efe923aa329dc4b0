/*
 * pwd.c - /etc/passwd lookups.
 *
 * Each line is "name;uid;gid;gecos;home;shell": exactly six ';'-separated
 * fields, numeric ids.  Lines that are not are skipped, so one bad line
 * does not hide the users after it.  The _r functions copy an entry's
 * strings into the caller's buffer; the others share one static entry.
 */
#include <errno.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PWD_FILE	"/etc/passwd"
#define PWD_FIELDS	6

static FILE *pwd_ent;			/* getpwent's stream */
static struct passwd pwd_static;
static char pwd_buf[1024];

/* A decimal id, all digits and in range; -1 if not one. */
static long long pwd_id(const char *s)
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

/* Split line (no newline) in place; 0 if it is a well-formed entry. */
static int pwd_parse(char *line, struct passwd *pw)
{
	char *f[PWD_FIELDS];
	long long uid, gid;
	int n = 0;

	f[n++] = line;
	for (; *line; line++)
		if (*line == ';') {
			if (n == PWD_FIELDS)
				return -1;
			*line = '\0';
			f[n++] = line + 1;
		}
	if (n != PWD_FIELDS || *f[0] == '\0')
		return -1;
	uid = pwd_id(f[1]);
	gid = pwd_id(f[2]);
	if (uid < 0 || gid < 0)
		return -1;
	pw->pw_name = f[0];
	pw->pw_passwd = "x";
	pw->pw_uid = (uid_t)uid;
	pw->pw_gid = (gid_t)gid;
	pw->pw_gecos = f[3];
	pw->pw_dir = f[4];
	pw->pw_shell = f[5];
	return 0;
}

/* Next entry of f into a malloc'd *line; 1 entry, 0 end, -errno error. */
static int pwd_next(FILE *f, char **line, size_t *cap, struct passwd *pw)
{
	ssize_t n;

	while ((n = getline(line, cap, f)) >= 0) {
		if (n > 0 && (*line)[n - 1] == '\n')
			(*line)[n - 1] = '\0';
		if (pwd_parse(*line, pw) == 0)
			return 1;
	}
	return ferror(f) ? -(errno ? errno : EIO) : 0;
}

/* Copy src's strings into buf for dst; ERANGE if it does not fit. */
static int pwd_copy(const struct passwd *src, struct passwd *dst, char *buf,
    size_t len)
{
	const char *s[5] = { src->pw_name, src->pw_passwd, src->pw_gecos,
	    src->pw_dir, src->pw_shell };
	char **d[5] = { &dst->pw_name, &dst->pw_passwd, &dst->pw_gecos,
	    &dst->pw_dir, &dst->pw_shell };
	size_t off = 0, i, l;

	for (i = 0; i < 5; i++) {
		l = strlen(s[i]) + 1;
		if (l > len - off)
			return ERANGE;
		memcpy(buf + off, s[i], l);
		*d[i] = buf + off;
		off += l;
	}
	dst->pw_uid = src->pw_uid;
	dst->pw_gid = src->pw_gid;
	return 0;
}

/* Search the file for name (if not NULL) or uid. */
static int pwd_find(const char *name, uid_t uid, struct passwd *pw, char *buf,
    size_t len, struct passwd **result)
{
	FILE *f;
	char *line = NULL;
	size_t cap = 0;
	struct passwd e;
	int rc, err = 0;

	*result = NULL;
	f = fopen(PWD_FILE, "r");
	if (f == NULL)
		return errno == ENOENT ? 0 : errno;
	while ((rc = pwd_next(f, &line, &cap, &e)) > 0) {
		if (name ? strcmp(e.pw_name, name) == 0 : e.pw_uid == uid) {
			err = pwd_copy(&e, pw, buf, len);
			if (err == 0)
				*result = pw;
			break;
		}
	}
	if (rc < 0)
		err = -rc;
	free(line);
	fclose(f);
	return err;
}

int getpwnam_r(const char *name, struct passwd *pw, char *buf, size_t len,
    struct passwd **result)
{
	return pwd_find(name, 0, pw, buf, len, result);
}

int getpwuid_r(uid_t uid, struct passwd *pw, char *buf, size_t len,
    struct passwd **result)
{
	return pwd_find(NULL, uid, pw, buf, len, result);
}

struct passwd *getpwnam(const char *name)
{
	struct passwd *r;
	int err = getpwnam_r(name, &pwd_static, pwd_buf, sizeof(pwd_buf), &r);

	if (err)
		errno = err;
	return r;
}

struct passwd *getpwuid(uid_t uid)
{
	struct passwd *r;
	int err = getpwuid_r(uid, &pwd_static, pwd_buf, sizeof(pwd_buf), &r);

	if (err)
		errno = err;
	return r;
}

struct passwd *fgetpwent(FILE *f)
{
	static char *line;	/* the entry's strings point into it */
	static size_t cap;
	int rc = pwd_next(f, &line, &cap, &pwd_static);

	if (rc < 0)
		errno = -rc;
	return rc > 0 ? &pwd_static : NULL;
}

void setpwent(void)
{
	if (pwd_ent != NULL)
		rewind(pwd_ent);
}

void endpwent(void)
{
	if (pwd_ent != NULL)
		fclose(pwd_ent);
	pwd_ent = NULL;
}

struct passwd *getpwent(void)
{
	if (pwd_ent == NULL && (pwd_ent = fopen(PWD_FILE, "r")) == NULL)
		return NULL;
	return fgetpwent(pwd_ent);
}

/*
 * There are no login records: the login name is $LOGNAME or $USER (login
 * sets both), else the passwd entry of the real uid.
 */
int getlogin_r(char *buf, size_t n)
{
	const char *name = getenv("LOGNAME");
	struct passwd pw, *r;
	char tmp[1024];
	size_t len;
	int err;

	if (name == NULL || *name == '\0')
		name = getenv("USER");
	if (name == NULL || *name == '\0') {
		err = getpwuid_r(getuid(), &pw, tmp, sizeof(tmp), &r);
		if (err)
			return err;
		if (r == NULL)
			return ENXIO;
		name = pw.pw_name;
	}
	len = strlen(name);
	if (len >= n)
		return ERANGE;
	memcpy(buf, name, len + 1);
	return 0;
}

char *getlogin(void)
{
	static char name[256];
	int err = getlogin_r(name, sizeof(name));

	if (err) {
		errno = err;
		return NULL;
	}
	return name;
}
