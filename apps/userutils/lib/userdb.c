/* The user database files: parsing, lookups and atomic rewrites. */
#include "apps/userutils/lib/userdb.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FILE_MAX	(1 << 20)

static char etc_dir[USERDB_FIELD] = "/etc";

void
userdb_set_dir(const char *dir)
{
	snprintf(etc_dir, sizeof etc_dir, "%s", dir);
}

const char *
userdb_path(const char *file, char *buf, size_t cap)
{
	snprintf(buf, cap, "%s/%s", etc_dir, file);
	return buf;
}

/* The whole file, NUL-terminated, in *out (free it); its length or -errno. */
static int
slurp(const char *file, char **out)
{
	char path[USERDB_FIELD + 16];
	int fd = open(userdb_path(file, path, sizeof path), O_RDONLY);
	if (fd < 0)
		return -errno;
	size_t cap = 4096, n = 0;
	char *b = malloc(cap);
	for (;;) {
		if (b == NULL) {
			close(fd);
			return -ENOMEM;
		}
		if (n + 1 >= cap) {
			if (cap >= FILE_MAX) {
				free(b);
				close(fd);
				return -EFBIG;
			}
			char *nb = realloc(b, cap * 2);
			if (nb == NULL)
				free(b);
			b = nb;
			cap *= 2;
			continue;
		}
		ssize_t r = read(fd, b + n, cap - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			free(b);
			close(fd);
			return -e;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	b[n] = 0;
	*out = b;
	return (int)n;
}

/* Splits line (ending at NUL or '\n') on ';' into at most max fields
 * copied into f[i] (cap bytes each); returns the count or -EINVAL. */
static int
fields(const char *line, char f[][USERDB_FIELD], int max)
{
	int n = 0;
	const char *p = line;
	for (;;) {
		size_t len = strcspn(p, ";\n");
		if (n == max || len >= USERDB_FIELD)
			return -EINVAL;
		memcpy(f[n], p, len);
		f[n][len] = 0;
		n++;
		if (p[len] != ';')
			return n;
		p += len + 1;
	}
}

static int
number(const char *s, uint32_t *v)
{
	char *end;
	if (*s < '0' || *s > '9')
		return -EINVAL;
	unsigned long x = strtoul(s, &end, 10);
	if (*end || x > 0xffffffffUL)
		return -EINVAL;
	*v = (uint32_t)x;
	return 0;
}

int
userdb_valid_name(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n >= USERDB_NAME || name[0] == '-')
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-'))
			return 0;
	}
	return 1;
}

int
userdb_parse_user(const char *line, struct userdb_user *u)
{
	char f[6][USERDB_FIELD];
	if (fields(line, f, 6) != 6 || !userdb_valid_name(f[0]) ||
	    number(f[1], &u->uid) || number(f[2], &u->gid))
		return -EINVAL;
	memcpy(u->name, f[0], strlen(f[0]) + 1);	/* valid: it fits */
	memcpy(u->gecos, f[3], sizeof u->gecos);
	memcpy(u->home, f[4], sizeof u->home);
	memcpy(u->shell, f[5], sizeof u->shell);
	return 0;
}

int
userdb_parse_group(const char *line, struct userdb_group *g)
{
	char f[4][USERDB_FIELD];
	int n = fields(line, f, 4);
	/* redox_users allows the member list to be missing. */
	if (n < 3 || !userdb_valid_name(f[0]) || number(f[2], &g->gid))
		return -EINVAL;
	memcpy(g->name, f[0], strlen(f[0]) + 1);
	if (n == 4)
		memcpy(g->members, f[3], sizeof g->members);
	else
		g->members[0] = 0;
	return 0;
}

static int
skip_line(const char *l)
{
	return *l == '\n' || *l == 0 || *l == '#';
}

/* Walks each line of file; fn returns non-zero to stop (returned). */
static int
each_line(const char *file, int (*fn)(const char *, void *), void *arg)
{
	char *b;
	int n = slurp(file, &b), r = 0;
	if (n < 0)
		return n;
	for (char *l = b; *l && r == 0; ) {
		char *nl = strchr(l, '\n');
		if (!skip_line(l))
			r = fn(l, arg);
		l = nl ? nl + 1 : l + strlen(l);
	}
	free(b);
	return r;
}

struct ufind {
	const char *name;
	uint32_t uid;
	struct userdb_user *u;
};

static int
ufind_fn(const char *l, void *arg)
{
	struct ufind *f = arg;
	if (userdb_parse_user(l, f->u))
		return -EINVAL;
	if (f->name ? strcmp(f->u->name, f->name) == 0 : f->u->uid == f->uid)
		return 1;
	return 0;
}

int
userdb_user_byname(const char *name, struct userdb_user *u)
{
	struct ufind f = { name, 0, u };
	int r = each_line("passwd", ufind_fn, &f);
	return r == 1 ? 0 : r < 0 ? r : -ENOENT;
}

int
userdb_user_byuid(uint32_t uid, struct userdb_user *u)
{
	struct ufind f = { NULL, uid, u };
	int r = each_line("passwd", ufind_fn, &f);
	return r == 1 ? 0 : r < 0 ? r : -ENOENT;
}

struct gfind {
	const char *name;
	uint32_t gid;
	struct userdb_group *g;
};

static int
gfind_fn(const char *l, void *arg)
{
	struct gfind *f = arg;
	if (userdb_parse_group(l, f->g))
		return -EINVAL;
	if (f->name ? strcmp(f->g->name, f->name) == 0 : f->g->gid == f->gid)
		return 1;
	return 0;
}

int
userdb_group_byname(const char *name, struct userdb_group *g)
{
	struct gfind f = { name, 0, g };
	int r = each_line("group", gfind_fn, &f);
	return r == 1 ? 0 : r < 0 ? r : -ENOENT;
}

int
userdb_group_bygid(uint32_t gid, struct userdb_group *g)
{
	struct gfind f = { NULL, gid, g };
	int r = each_line("group", gfind_fn, &f);
	return r == 1 ? 0 : r < 0 ? r : -ENOENT;
}

int
userdb_group_has(const struct userdb_group *g, const char *user)
{
	size_t n = strlen(user);
	for (const char *p = g->members; *p; ) {
		size_t len = strcspn(p, ",");
		if (len == n && memcmp(p, user, n) == 0)
			return 1;
		p += len + (p[len] == ',');
	}
	return 0;
}

struct gof {
	const struct userdb_user *u;
	int (*fn)(const struct userdb_group *, void *);
	void *arg;
};

static int
gof_fn(const char *l, void *arg)
{
	struct gof *f = arg;
	struct userdb_group g;
	if (userdb_parse_group(l, &g))
		return -EINVAL;
	if (g.gid == f->u->gid || userdb_group_has(&g, f->u->name))
		return f->fn(&g, f->arg);
	return 0;
}

int
userdb_groups_of(const struct userdb_user *u,
    int (*fn)(const struct userdb_group *, void *), void *arg)
{
	struct gof f = { u, fn, arg };
	return each_line("group", gof_fn, &f);
}

struct sfind {
	const char *name;
	char *hash;
	size_t cap;
};

static int
sfind_fn(const char *l, void *arg)
{
	struct sfind *f = arg;
	char fl[2][USERDB_FIELD];
	if (fields(l, fl, 2) != 2)
		return -EINVAL;
	if (strcmp(fl[0], f->name))
		return 0;
	if (strlen(fl[1]) >= f->cap)
		return -ENAMETOOLONG;
	memcpy(f->hash, fl[1], strlen(fl[1]) + 1);
	return 1;
}

int
userdb_shadow_get(const char *name, char *hash, size_t cap)
{
	struct sfind f = { name, hash, cap };
	int r = each_line("shadow", sfind_fn, &f);
	return r == 1 ? 0 : r < 0 ? r : -ENOENT;
}

/* Writes text as file atomically, keeping mode (and owner root). */
static int
replace_file(const char *file, const char *text, size_t len, mode_t mode)
{
	char path[USERDB_FIELD + 16], tmp[USERDB_FIELD + 24];
	userdb_path(file, path, sizeof path);
	snprintf(tmp, sizeof tmp, "%s.new", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, mode);
	if (fd < 0)
		return -errno;
	int err = 0;
	for (size_t off = 0; off < len && !err; ) {
		ssize_t w = write(fd, text + off, len - off);
		if (w < 0 && errno != EINTR)
			err = -errno;
		else if (w > 0)
			off += (size_t)w;
	}
	/* An existing .new keeps its old mode: set it explicitly. */
	if (!err && fchmod(fd, mode) < 0)
		err = -errno;
	if (!err && fsync(fd) < 0)
		err = -errno;
	if (close(fd) < 0 && !err)
		err = -errno;
	if (!err && rename(tmp, path) < 0)
		err = -errno;
	if (err)
		unlink(tmp);
	return err;
}

/* Rewrites file with the line whose first field is key replaced by line
 * (or line appended when there is none). */
static int
set_line(const char *file, const char *key, const char *line, mode_t mode)
{
	char *b;
	int n = slurp(file, &b);
	if (n < 0)
		return n;
	size_t klen = strlen(key), llen = strlen(line), cap = (size_t)n + llen + 2;
	char *out = malloc(cap);
	if (out == NULL) {
		free(b);
		return -ENOMEM;
	}
	size_t o = 0;
	int done = 0;
	for (char *l = b; *l; ) {
		char *nl = strchr(l, '\n');
		size_t len = nl ? (size_t)(nl - l) : strlen(l);
		if (!done && strncmp(l, key, klen) == 0 && l[klen] == ';') {
			memcpy(out + o, line, llen);
			o += llen;
			done = 1;
		} else {
			memcpy(out + o, l, len);
			o += len;
		}
		out[o++] = '\n';
		l += len + (nl != NULL);
	}
	if (!done) {
		memcpy(out + o, line, llen);
		o += llen;
		out[o++] = '\n';
	}
	free(b);
	int err = replace_file(file, out, o, mode);
	free(out);
	return err;
}

int
userdb_shadow_set(const char *name, const char *hash)
{
	char line[USERDB_FIELD + USERDB_NAME + 2];
	if (!userdb_valid_name(name) || strchr(hash, ';') || strchr(hash, '\n'))
		return -EINVAL;
	int n = snprintf(line, sizeof line, "%s;%s", name, hash);
	if (n < 0 || (size_t)n >= sizeof line)
		return -ENAMETOOLONG;
	return set_line("shadow", name, line, 0600);
}

static int
uid_used(uint32_t uid)
{
	struct userdb_user u;
	return userdb_user_byuid(uid, &u) == 0;
}

static int
safe_field(const char *s)
{
	return strchr(s, ';') == NULL && strchr(s, '\n') == NULL;
}

int
userdb_add(struct userdb_user *u, const char *hash)
{
	struct userdb_user old;
	struct userdb_group g;
	char line[4 * USERDB_FIELD];
	int err;

	if (!userdb_valid_name(u->name) || !safe_field(u->gecos) ||
	    !safe_field(u->home) || !safe_field(u->shell))
		return -EINVAL;
	if ((err = userdb_user_byname(u->name, &old)) != -ENOENT)
		return err ? err : -EEXIST;
	if (u->uid == 0) {
		for (u->uid = 1000; u->uid <= 6000 && uid_used(u->uid); u->uid++)
			;
		if (u->uid > 6000)
			return -ENOSPC;
	} else if (uid_used(u->uid)) {
		return -EEXIST;
	}
	int newgroup = 0;
	if (u->gid == 0) {
		/* Its own group, gid = uid when that is free. */
		u->gid = u->uid;
		while (u->gid <= 6000 && userdb_group_bygid(u->gid, &g) == 0)
			u->gid++;
		if (u->gid > 6000)
			return -ENOSPC;
		newgroup = 1;
	} else if ((err = userdb_group_bygid(u->gid, &g)) == -ENOENT) {
		newgroup = 1;
	} else if (err) {
		return err;
	}
	if (newgroup) {
		if ((err = userdb_group_byname(u->name, &g)) != -ENOENT)
			return err ? err : -EEXIST;
		snprintf(line, sizeof line, "%s;x;%u;%s", u->name,
		    (unsigned)u->gid, u->name);
		if ((err = set_line("group", u->name, line, 0644)) != 0)
			return err;
	}
	int n = snprintf(line, sizeof line, "%s;%u;%u;%s;%s;%s", u->name,
	    (unsigned)u->uid, (unsigned)u->gid, u->gecos, u->home, u->shell);
	if (n < 0 || (size_t)n >= sizeof line)
		return -ENAMETOOLONG;
	if ((err = set_line("passwd", u->name, line, 0644)) != 0)
		return err;
	return userdb_shadow_set(u->name, hash);
}
