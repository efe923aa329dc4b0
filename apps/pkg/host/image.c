/*
 * pkg-image [-B BUILD] [-r REPODIR] BASELIST PACKAGES KEY.pub STAGEDIR OUT
 *
 * The root disk image's part of pkg, as lines for redoxfs-mkimage that
 * the image build appends to BASELIST (scripts/image/filesystem.list):
 *   /etc/pkg/keys/build.pub (KEY.pub), /var/lib/pkg;
 *   with REPODIR (when it has a repo.txt): a copy of it at /pkg/repo and
 *   /etc/pkg/repo naming it;
 *   every package PACKAGES names (one per line, `#` comments; their
 *   dependencies come along) installed as `pkg install` would: verified
 *   under KEY.pub, files extracted under STAGEDIR, /var/lib/pkg/NAME.manifest.
 * Paths under BASELIST's symlinks (usr/bin -> /bin) are written through
 * them; a file BASELIST already puts in the image is a collision.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "apps/pkg/lib/trust.h"
#include "fs/redoxfs/lib/sha256.h"

#define MAXN 4096
#define PKG_MAX (1ULL << 34)

/* A set of strings (small: linear search is fine). */
struct set {
	char **v;
	size_t n;
};

static const char *build = "build";
static struct set links_from, links_to, taken, dirs;
static FILE *out;
static const char *outpath;

static void
die(const char *what, const char *why)
{
	fprintf(stderr, "pkg-image: %s: %s\n", what, why);
	exit(1);
}

static int
set_has(const struct set *s, const char *x)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i], x) == 0)
			return 1;
	return 0;
}

static void
set_add(struct set *s, const char *x)
{
	char **nv = realloc(s->v, (s->n + 1) * sizeof *nv);

	if (nv == NULL || (nv[s->n] = strdup(x)) == NULL)
		die("pkg-image", strerror(ENOMEM));
	s->v = nv;
	s->n++;
}

/* "${B}/x" -> "BUILD/x" */
static void
expand(const char *src, char *dst, size_t n)
{
	if (strncmp(src, "${B}", 4) == 0)
		snprintf(dst, n, "%s%s", build, src + 4);
	else
		snprintf(dst, n, "%s", src);
}

/* The base list: its symlinks, and every file it puts in the image. */
static void
read_base(const char *path)
{
	char line[MAXN], kind[32], p[MAXN], src[MAXN], dir[MAXN], full[2 * MAXN];
	FILE *f = fopen(path, "r");

	if (f == NULL)
		die(path, strerror(errno));
	while (fgets(line, sizeof line, f) != NULL) {
		unsigned mode, uid, gid;
		int n = sscanf(line, "%31s %4095s %o %u %u %4095s", kind, p, &mode,
		    &uid, &gid, src);
		if (n < 5 || kind[0] == '#')
			continue;
		if (strcmp(kind, "symlink") == 0 && n == 6) {
			/* Relative targets are relative to the link's directory. */
			if (src[0] == '/') {
				snprintf(full, sizeof full, "%s", src + 1);
			} else {
				const char *s = strrchr(p + 1, '/');
				int plen = s ? (int)(s - (p + 1)) : 0;
				if (snprintf(full, sizeof full, "%.*s%s%s", plen, p + 1,
				    plen ? "/" : "", src) >= (int)sizeof full)
					die(p, "symbolic link target too long");
			}
			set_add(&links_from, p + 1);
			set_add(&links_to, full);
		} else if (strcmp(kind, "dir") == 0) {
			set_add(&dirs, p + 1);
		} else if (strcmp(kind, "file") == 0) {
			set_add(&taken, p + 1);
		} else if (strcmp(kind, "tree") == 0 && n == 6) {
			struct dirent *de;
			DIR *d;
			expand(src, dir, sizeof dir);
			if ((d = opendir(dir)) == NULL)
				continue;	/* mkimage will say so */
			while ((de = readdir(d)) != NULL) {
				if (de->d_name[0] == '.')
					continue;
				snprintf(full, sizeof full, "%s/%s", p + 1, de->d_name);
				set_add(&taken, full);
			}
			closedir(d);
		}
	}
	fclose(f);
}

/* path with a leading symlink's name replaced by its target. */
static void
through_links(const char *path, char *res, size_t n)
{
	size_t i;

	snprintf(res, n, "%s", path);
	for (i = 0; i < links_from.n; i++) {
		size_t len = strlen(links_from.v[i]);
		if (strncmp(path, links_from.v[i], len) == 0 && path[len] == '/') {
			snprintf(res, n, "%s%s", links_to.v[i], path + len);
			return;
		}
	}
}

/* A `dir` line for each parent of path not yet made. */
static void
parents(const char *path)
{
	char p[MAXN];
	char *s;

	snprintf(p, sizeof p, "%s", path);
	for (s = p; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (!set_has(&dirs, p) && !set_has(&links_from, p)) {
			fprintf(out, "dir     /%s 0755 0 0\n", p);
			set_add(&dirs, p);
		}
		*s = '/';
	}
}

static void
write_file(const char *path, const void *data, size_t len, unsigned mode)
{
	char dir[MAXN];
	char *s;
	int fd;

	snprintf(dir, sizeof dir, "%s", path);
	for (s = dir + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(dir, 0755) != 0 && errno != EEXIST)
			die(dir, strerror(errno));
		*s = '/';
	}
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode)) < 0)
		die(path, strerror(errno));
	if (write(fd, data, len) != (ssize_t)len || close(fd) != 0)
		die(path, "write failed");
}

/* A comment with src's SHA-256, so the list changes when the file does
 * (the image is rebuilt when the list changes). */
static void
sha_comment(const char *src)
{
	struct sha256 s;
	uint8_t *buf, dig[32];
	char hex[65];
	size_t len;
	int e;

	if ((e = trust_read_file(src, &buf, &len, PKG_MAX)) != 0)
		die(src, strerror(-e));
	sha256_init(&s);
	sha256_update(&s, buf, len);
	sha256_final(&s, dig);
	sha256_hex(dig, hex);
	fprintf(out, "# sha256 %s\n", hex);
	free(buf);
}

/* One image entry: a file line for staged file src at /path. */
static void
entry(const char *path, unsigned mode, const char *src)
{
	char real[MAXN];

	through_links(path, real, sizeof real);
	if (set_has(&taken, real))
		die(path, "the image already has this file (a collision)");
	set_add(&taken, real);
	parents(real);
	fprintf(out, "file    /%s %04o 0 0 %s\n", real, mode, src);
}

struct repo {
	char dir[MAXN];
	char **name, **file;
	size_t n;
};

static void
read_repo(struct repo *r, const char *dir)
{
	char path[MAXN + 16], line[1024], nm[128], ver[128], file[512];
	FILE *f;

	memset(r, 0, sizeof *r);
	snprintf(r->dir, sizeof r->dir, "%s", dir);
	snprintf(path, sizeof path, "%s/repo.txt", dir);
	if ((f = fopen(path, "r")) == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		char **nn, **nf;
		if (sscanf(line, "%127s %127s %511s", nm, ver, file) != 3)
			die(path, "not NAME VERSION FILE DESCRIPTION");
		if ((nn = realloc(r->name, (r->n + 1) * sizeof *nn)) == NULL)
			die(path, strerror(ENOMEM));
		r->name = nn;
		if ((nf = realloc(r->file, (r->n + 1) * sizeof *nf)) == NULL)
			die(path, strerror(ENOMEM));
		r->file = nf;
		if ((r->name[r->n] = strdup(nm)) == NULL ||
		    (r->file[r->n] = strdup(file)) == NULL)
			die(path, strerror(ENOMEM));
		r->n++;
	}
	fclose(f);
}

static void
free_repo(struct repo *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->name[i]);
		free(r->file[i]);
	}
	free(r->name);
	free(r->file);
	memset(r, 0, sizeof *r);
}

static struct set installed;

static void
install(const struct repo *r, const char *name, const struct trust_keys *k,
    const char *stage, int depth)
{
	char path[2 * MAXN], err[300], staged[2 * MAXN];
	const char *file = NULL;
	struct pkgfile p;
	uint8_t *buf;
	size_t len, i;
	int e;

	if (set_has(&installed, name))
		return;
	if (depth > 32)
		die(name, "dependencies nest too deep");
	for (i = 0; i < r->n; i++)
		if (strcmp(r->name[i], name) == 0)
			file = r->file[i];
	if (file == NULL)
		die(name, r->n ? "not in the repository" : "no repository (make pkg-repo)");
	set_add(&installed, name);
	snprintf(path, sizeof path, "%s/%s", r->dir, file);
	if ((e = trust_read_file(path, &buf, &len, PKG_MAX)) != 0)
		die(path, strerror(-e));
	if (pkgfile_open(&p, buf, len, err, sizeof err) != 0 ||
	    pkgfile_check_sig(&p, k, err, sizeof err) != 0 ||
	    pkgfile_check_files(&p, err, sizeof err) != 0)
		die(path, err);
	for (i = 0; i < p.m.ndepends; i++)
		install(r, p.m.depends[i], k, stage, depth + 1);
	fprintf(out, "# %s %s from %s\n", p.m.name, p.m.version, file);
	sha_comment(path);
	for (i = 0; i < p.m.nfiles; i++) {
		const struct manifest_file *f = &p.m.files[i];
		snprintf(staged, sizeof staged, "%s/root/%s", stage, f->path);
		write_file(staged, p.data[i], (size_t)f->size, f->mode);
		entry(f->path, f->mode, staged);
	}
	snprintf(staged, sizeof staged, "%s/db/%s.manifest", stage, p.m.name);
	write_file(staged, p.mtext, p.mlen, 0644);
	snprintf(path, sizeof path, "var/lib/pkg/%s.manifest", p.m.name);
	entry(path, 0644, staged);
	pkgfile_close(&p);
	free(buf);
}

int
main(int argc, char **argv)
{
	const char *repodir = NULL, *stage, *key;
	char line[512], path[2 * MAXN], tmp[MAXN];
	struct trust_keys k = { .n = 1 };
	struct repo r;
	FILE *list;
	int c, e;

	while ((c = getopt(argc, argv, "B:r:")) != -1) {
		switch (c) {
		case 'B': build = optarg; break;
		case 'r': repodir = optarg; break;
		default: goto usage;
		}
	}
	if (argc - optind != 5)
		goto usage;
	key = argv[optind + 2];
	stage = argv[optind + 3];
	outpath = argv[optind + 4];
	read_base(argv[optind]);
	if ((e = trust_read_key(key, k.key[0])) != 0)
		die(key, e == -EINVAL ? "not a key file" : strerror(-e));
	snprintf(tmp, sizeof tmp, "%s.tmp", outpath);
	if ((out = fopen(tmp, "w")) == NULL)
		die(tmp, strerror(errno));
	fprintf(out, "# pkg: trusted keys, the database, preinstalled packages "
	    "(made by pkg-image)\n");
	entry("etc/pkg/keys/build.pub", 0644, key);
	parents("var/lib/pkg/x");
	memset(&r, 0, sizeof r);
	if (repodir != NULL)
		read_repo(&r, repodir);
	if (repodir != NULL && r.n > 0) {
		size_t i;
		snprintf(path, sizeof path, "%s/repo-config", stage);
		write_file(path, "file:/pkg/repo\n", 15, 0644);
		entry("etc/pkg/repo", 0644, path);
		snprintf(path, sizeof path, "%s/repo.txt", repodir);
		entry("pkg/repo/repo.txt", 0644, path);
		for (i = 0; i < r.n; i++) {
			char dst[MAXN];
			snprintf(path, sizeof path, "%s/%s", repodir, r.file[i]);
			snprintf(dst, sizeof dst, "pkg/repo/%s", r.file[i]);
			sha_comment(path);
			entry(dst, 0644, path);
		}
	}
	if ((list = fopen(argv[optind + 1], "r")) == NULL)
		die(argv[optind + 1], strerror(errno));
	while (fgets(line, sizeof line, list) != NULL) {
		char name[128];
		if (sscanf(line, "%127s", name) != 1 || name[0] == '#')
			continue;
		if (!manifest_name_ok(name))
			die(name, "not a package name");
		install(&r, name, &k, stage, 0);
	}
	fclose(list);
	free_repo(&r);
	if (fclose(out) != 0)
		die(tmp, strerror(errno));
	if (rename(tmp, outpath) != 0)
		die(outpath, strerror(errno));
	return 0;
usage:
	fprintf(stderr, "usage: pkg-image [-B BUILD] [-r REPODIR] BASELIST PACKAGES "
	    "KEY.pub STAGEDIR OUT\n");
	return 2;
}
