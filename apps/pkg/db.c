/* The installed database, the repository index, keys and package files. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "apps/pkg/db.h"
#include "apps/pkg/fetch.h"
#include "net/http/http.h"

#define REPO_INDEX_MAX (4u << 20)	/* a downloaded repo.txt */

int
db_path(const struct db *db, const char *rel, char *out, size_t outlen)
{
	int n = snprintf(out, outlen, "%s/%s", db->root, rel);

	return n < 0 || (size_t)n >= outlen ? -ENAMETOOLONG : 0;
}

static int
cmp_manifest(const void *a, const void *b)
{
	return strcmp(((const struct manifest *)a)->name,
	    ((const struct manifest *)b)->name);
}

static void
free_installed(struct db *db)
{
	size_t i;

	for (i = 0; i < db->ninst; i++)
		manifest_free(&db->inst[i]);
	free(db->inst);
	db->inst = NULL;
	db->ninst = 0;
}

int
db_reload(struct db *db)
{
	char dir[1024], path[1300], err[200];
	struct dirent *de;
	DIR *d;
	int r = 0;

	free_installed(db);
	if ((r = db_path(db, DB_DIR, dir, sizeof dir)) != 0)
		return r;
	if ((d = opendir(dir)) == NULL)
		return errno == ENOENT ? 0 : -errno;	/* nothing installed yet */
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		struct manifest *ni;
		uint8_t *buf;

		if (len < 10 || strcmp(de->d_name + len - 9, ".manifest") != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if ((r = trust_read_file(path, &buf, &len, DB_PKG_MAX)) != 0) {
			fprintf(stderr, "pkg: %s: %s\n", path, strerror(-r));
			break;
		}
		if ((ni = realloc(db->inst, (db->ninst + 1) * sizeof *ni)) == NULL) {
			free(buf);
			r = -ENOMEM;
			break;
		}
		db->inst = ni;
		r = manifest_parse(&db->inst[db->ninst], (const char *)buf, len,
		    err, sizeof err);
		free(buf);
		if (r != 0) {
			fprintf(stderr, "pkg: %s: %s\n", path, err);
			break;
		}
		db->ninst++;
	}
	closedir(d);
	if (db->ninst > 1)
		qsort(db->inst, db->ninst, sizeof *db->inst, cmp_manifest);
	return r;
}

/* ROOT/etc/pkg/repo: the first line that is not a comment. */
static int
read_repo_config(struct db *db)
{
	char path[1024], line[1024];
	FILE *f;

	if (db_path(db, "etc/pkg/repo", path, sizeof path) != 0)
		return -ENAMETOOLONG;
	if ((f = fopen(path, "r")) == NULL)
		return errno == ENOENT ? 0 : -errno;
	while (fgets(line, sizeof line, f) != NULL) {
		size_t n = strcspn(line, "\r\n");
		line[n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		snprintf(db->repo, sizeof db->repo, "%s", line);
		break;
	}
	fclose(f);
	return 0;
}

/* "file:/x" and "/x" are under ROOT; http:// is fetched; other
 * schemes are refused. */
static int
resolve_repo(struct db *db, const char *given)
{
	char v[1024], err[256];
	struct http_url u;
	const char *p;
	size_t n;

	snprintf(v, sizeof v, "%s", given);
	if (strncasecmp(v, "http://", 7) == 0 || strncasecmp(v, "https://", 8) == 0) {
		if (http_parse_url(v, &u, err, sizeof err) != 0) {
			fprintf(stderr, "pkg: %s: %s\n", v, err);
			return -EINVAL;
		}
		n = strlen(v);
		while (n > 0 && v[n - 1] == '/')	/* joined with "/FILE" */
			v[--n] = '\0';
		snprintf(db->repo, sizeof db->repo, "%s", v);
		db->remote = 1;
		return 0;
	}
	if (strstr(v, "://") != NULL) {
		fprintf(stderr, "pkg: %s: not a repository (a directory or an "
		    "http:// URL)\n", v);
		return -EOPNOTSUPP;
	}
	p = strncmp(v, "file:", 5) == 0 ? v + 5 : v;
	if (p[0] == '/') {
		if (db_path(db, p + 1, db->repo, sizeof db->repo) != 0)
			return -ENAMETOOLONG;
	} else {
		snprintf(db->repo, sizeof db->repo, "%s", v);
	}
	return 0;
}

int
db_open(struct db *db, const char *root, const char *repo)
{
	char path[1024];
	int r;

	memset(db, 0, sizeof *db);
	db->root = root;
	if (repo != NULL) {
		/* -r is taken as given, relative to the current directory too. */
		snprintf(db->repo, sizeof db->repo, "%s", repo);
		if (strstr(repo, "://") != NULL && (r = resolve_repo(db, repo)) != 0)
			return r;
	} else {
		if ((r = read_repo_config(db)) != 0) {
			db_path(db, "etc/pkg/repo", path, sizeof path);
			fprintf(stderr, "pkg: %s: %s\n", path, strerror(-r));
			return r;
		}
		if (db->repo[0] != '\0') {
			snprintf(path, sizeof path, "%s", db->repo);
			if ((r = resolve_repo(db, path)) != 0)
				return r;
		}
	}
	if ((r = db_reload(db)) != 0) {
		db_path(db, DB_DIR, path, sizeof path);
		fprintf(stderr, "pkg: %s: %s\n", path, strerror(-r));
	}
	return r;
}

void
db_close(struct db *db)
{
	free_installed(db);
}

const struct manifest *
db_installed(const struct db *db, const char *name)
{
	size_t i;

	for (i = 0; i < db->ninst; i++)
		if (strcmp(db->inst[i].name, name) == 0)
			return &db->inst[i];
	return NULL;
}

const struct manifest *
db_owner(const struct db *db, const char *path, const char *self)
{
	size_t i;

	for (i = 0; i < db->ninst; i++)
		if ((self == NULL || strcmp(db->inst[i].name, self) != 0) &&
		    manifest_find(&db->inst[i], path) != NULL)
			return &db->inst[i];
	return NULL;
}

/* NAME VERSION FILE DESCRIPTION */
static int
parse_repo_line(char *line, struct repo_entry *e)
{
	char *f[3], *p = line;
	int i;

	for (i = 0; i < 3; i++) {
		f[i] = p;
		if ((p = strchr(p, ' ')) == NULL)
			return -EINVAL;
		*p++ = '\0';
	}
	if (!manifest_name_ok(f[0]) || !manifest_version_ok(f[1]) ||
	    strlen(f[2]) >= sizeof e->file || strchr(f[2], '/') != NULL ||
	    f[2][0] == '.' ||
	    !manifest_desc_ok(p))
		return -EINVAL;
	snprintf(e->name, sizeof e->name, "%s", f[0]);
	snprintf(e->version, sizeof e->version, "%s", f[1]);
	snprintf(e->file, sizeof e->file, "%s", f[2]);
	snprintf(e->desc, sizeof e->desc, "%s", p);
	return 0;
}

int
db_repo_read(const struct db *db, struct repo_entry **e, size_t *n)
{
	char path[1100], line[1024];
	int lineno = 0, r = 0;
	FILE *f;

	*e = NULL;
	*n = 0;
	if (db->repo[0] == '\0') {
		fprintf(stderr, "pkg: no repository: give -r DIR or name one in "
		    "/etc/pkg/repo\n");
		return -ENOENT;
	}
	if (db->remote) {
		if ((r = db_repo_pkg(db, "repo.txt", path, sizeof path, 0)) != 0)
			return r;
	} else
		snprintf(path, sizeof path, "%s/repo.txt", db->repo);
	if ((f = fopen(path, "r")) == NULL) {
		r = -errno;
		fprintf(stderr, "pkg: %s: %s\n", path, strerror(errno));
		return r;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		struct repo_entry *ne;
		size_t len = strcspn(line, "\n");
		lineno++;
		line[len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		if ((ne = realloc(*e, (*n + 1) * sizeof *ne)) == NULL) {
			r = -ENOMEM;
			fprintf(stderr, "pkg: %s\n", strerror(ENOMEM));
			break;
		}
		*e = ne;
		if (parse_repo_line(line, &ne[*n]) != 0) {
			fprintf(stderr, "pkg: %s%s:%d: not NAME VERSION FILE DESCRIPTION\n",
			    db->remote ? db->repo : path, db->remote ? "/repo.txt" : "",
			    lineno);
			r = -EINVAL;
			break;
		}
		(*n)++;
	}
	fclose(f);
	if (r != 0) {
		free(*e);
		*e = NULL;
		*n = 0;
	}
	return r;
}

int
db_repo_pkg(const struct db *db, const char *file, char *path,
    size_t pathlen, int show)
{
	char dir[1024], url[HTTP_URL_MAX];
	int n, r;

	if (!db->remote) {
		n = snprintf(path, pathlen, "%s/%s", db->repo, file);
		return n < 0 || (size_t)n >= pathlen ? -ENAMETOOLONG : 0;
	}
	n = snprintf(url, sizeof url, "%s/%s", db->repo, file);
	if (n < 0 || (size_t)n >= sizeof url) {
		fprintf(stderr, "pkg: %s/%s: the URL is too long\n", db->repo, file);
		return -ENAMETOOLONG;
	}
	if ((r = fetch_cache_dir(db->root, dir, sizeof dir)) != 0)
		return r;
	n = snprintf(path, pathlen, "%s/%s", dir, file);
	if (n < 0 || (size_t)n >= pathlen)
		return -ENAMETOOLONG;
	return fetch_file(url, dir, file, strcmp(file, "repo.txt") == 0 ?
	    REPO_INDEX_MAX : DB_PKG_MAX, show);
}

int
db_keys(const struct db *db, struct trust_keys *keys)
{
	char dir[1024], bad[1100];
	int r;

	if ((r = db_path(db, "etc/pkg/keys", dir, sizeof dir)) != 0)
		return r;
	r = trust_read_dir(dir, keys, bad, sizeof bad);
	if (r == -EINVAL)
		fprintf(stderr, "pkg: %s: not a key (64 hex digits)\n", bad);
	else if (r != 0)
		fprintf(stderr, "pkg: %s: %s\n", dir, strerror(-r));
	else if (keys->n == 0)
		fprintf(stderr, "pkg: %s: no trusted keys (NAME.pub)\n", dir);
	return r ? r : keys->n ? 0 : -ENOENT;
}

int
db_load_pkg(const char *path, const struct trust_keys *keys,
    struct pkgfile *p, uint8_t **buf)
{
	char err[300];
	size_t len;
	int r;

	memset(p, 0, sizeof *p);
	if ((r = trust_read_file(path, buf, &len, DB_PKG_MAX)) != 0) {
		fprintf(stderr, "pkg: %s: %s\n", path, strerror(-r));
		return r;
	}
	if ((r = pkgfile_open(p, *buf, len, err, sizeof err)) != 0 ||
	    (r = pkgfile_check_sig(p, keys, err, sizeof err)) != 0 ||
	    (r = pkgfile_check_files(p, err, sizeof err)) != 0) {
		fprintf(stderr, "pkg: %s: refused: %s\n", path, err);
		pkgfile_close(p);
		free(*buf);
		*buf = NULL;
		return r;
	}
	return 0;
}
