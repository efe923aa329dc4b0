/*
 * pkg-create [-k KEY] [-d DEPENDS] STAGEDIR NAME VERSION DESC OUT.pkg
 * pkg-create [-k KEY] -m META STAGEDIR OUTDIR
 *
 * Packs every regular file under STAGEDIR (paths relative to it become
 * paths relative to /) into a signed package.  The second form reads
 * name=, version=, description= and depends= from META and writes
 * OUTDIR/NAME-VERSION.pkg.  The key (default build/pkg/signing.key) is
 * made on first use.  Symbolic links in STAGEDIR are skipped with a
 * warning: packages carry regular files only.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "apps/pkg/host/hostkey.h"
#include "apps/pkg/lib/ed25519.h"
#include "apps/pkg/lib/manifest.h"
#include "apps/pkg/lib/tar.h"
#include "apps/pkg/lib/trust.h"
#include "fs/redoxfs/lib/sha256.h"

#define FILE_MAX (1ULL << 32)

static void
die(const char *what, const char *why)
{
	fprintf(stderr, "pkg-create: %s: %s\n", what, why);
	exit(1);
}

static void
usage(void)
{
	fprintf(stderr, "usage: pkg-create [-k KEY] [-d DEPENDS] STAGEDIR NAME VERSION DESC OUT.pkg\n"
	    "       pkg-create [-k KEY] -m META STAGEDIR OUTDIR\n");
	exit(2);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the regular files under stage/rel to m, in name order. */
static void
walk(struct manifest *m, const char *stage, const char *rel)
{
	char dir[4096], path[4096], sub[4096];
	char **names = NULL;
	size_t n = 0, i;
	struct dirent *de;
	DIR *d;

	snprintf(dir, sizeof dir, "%s%s%s", stage, *rel ? "/" : "", rel);
	if ((d = opendir(dir)) == NULL)
		die(dir, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		char **nn;
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if ((nn = realloc(names, (n + 1) * sizeof *nn)) == NULL ||
		    (nn[n] = strdup(de->d_name)) == NULL)
			die(dir, strerror(ENOMEM));
		names = nn;
		n++;
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof *names, cmp_str);
	for (i = 0; i < n; i++) {
		struct stat st;
		if (snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "",
		    names[i]) >= (int)sizeof sub ||
		    snprintf(path, sizeof path, "%s/%s", stage, sub) >= (int)sizeof path)
			die(names[i], "path too long");
		if (lstat(path, &st) != 0)
			die(path, strerror(errno));
		if (S_ISDIR(st.st_mode)) {
			walk(m, stage, sub);
		} else if (S_ISREG(st.st_mode)) {
			struct manifest_file *nf;
			if (!manifest_path_ok(sub))
				die(path, "not a name a package may install");
			if ((uint64_t)st.st_size >= FILE_MAX)
				die(path, "too big for a package");
			nf = realloc(m->files, (m->nfiles + 1) * sizeof *nf);
			if (nf == NULL || (nf[m->nfiles].path = strdup(sub)) == NULL)
				die(path, strerror(ENOMEM));
			m->files = nf;
			m->files[m->nfiles].mode = st.st_mode & 0777;
			m->files[m->nfiles].size = (uint64_t)st.st_size;
			m->nfiles++;
		} else {
			fprintf(stderr, "pkg-create: %s: skipped (%s)\n", path,
			    S_ISLNK(st.st_mode) ? "symbolic link" : "not a regular file");
		}
		free(names[i]);
	}
	free(names);
}

static void
set_depends(struct manifest *m, const char *deps)
{
	char *copy = strdup(deps), *w, *save = NULL;

	if (copy == NULL)
		die("depends", strerror(ENOMEM));
	for (w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		char **nd = realloc(m->depends, (m->ndepends + 1) * sizeof *nd);
		if (!manifest_name_ok(w))
			die(w, "not a package name");
		if (nd == NULL || (nd[m->ndepends] = strdup(w)) == NULL)
			die("depends", strerror(ENOMEM));
		m->depends = nd;
		m->ndepends++;
	}
	free(copy);
}

/* name=, version=, description=, depends= from a ports .meta file;
 * other keys are the ports' business. */
static void
read_meta(struct manifest *m, const char *path)
{
	char line[512];
	FILE *f = fopen(path, "r");
	int lineno = 0;

	if (f == NULL)
		die(path, strerror(errno));
	while (fgets(line, sizeof line, f) != NULL) {
		char *eq, *v, **slot = NULL;
		size_t n = strlen(line);
		lineno++;
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		if ((eq = strchr(line, '=')) == NULL) {
			fprintf(stderr, "pkg-create: %s:%d: no '='\n", path, lineno);
			exit(1);
		}
		*eq = '\0';
		v = eq + 1;
		if (strcmp(line, "depends") == 0)
			set_depends(m, v);
		else if (strcmp(line, "name") == 0)
			slot = &m->name;
		else if (strcmp(line, "version") == 0)
			slot = &m->version;
		else if (strcmp(line, "description") == 0)
			slot = &m->description;
		if (slot != NULL && (*slot = strdup(v)) == NULL)
			die(path, strerror(ENOMEM));
	}
	fclose(f);
	if (m->name == NULL || m->version == NULL || m->description == NULL)
		die(path, "needs name=, version= and description=");
}

static void
put(FILE *out, const char *outpath, const void *p, size_t n)
{
	if (n > 0 && fwrite(p, 1, n, out) != n)
		die(outpath, strerror(errno));
}

static void
member(FILE *out, const char *outpath, const char *name, unsigned mode,
    const void *data, size_t len)
{
	uint8_t blk[TAR_BLOCK];
	static const uint8_t zero[TAR_BLOCK];
	int r;

	if ((r = tar_header(blk, name, mode, len, 0)) != 0)
		die(name, strerror(-r));
	put(out, outpath, blk, sizeof blk);
	put(out, outpath, data, len);
	put(out, outpath, zero, tar_padding(len));
}

int
main(int argc, char **argv)
{
	const char *key = HOSTKEY_DEFAULT, *meta = NULL, *deps = "", *stage;
	char outpath[4096], tmp[4200], sighex[130], path[4096];
	uint8_t seed[32], pub[32], sig[64], **data;
	struct manifest m;
	size_t mlen, i;
	char *mtext, err[200];
	struct manifest chk;
	FILE *out;
	int c, r;

	memset(&m, 0, sizeof m);
	while ((c = getopt(argc, argv, "k:m:d:")) != -1) {
		switch (c) {
		case 'k': key = optarg; break;
		case 'm': meta = optarg; break;
		case 'd': deps = optarg; break;
		default: usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (meta != NULL) {
		if (argc != 2)
			usage();
		read_meta(&m, meta);
		snprintf(outpath, sizeof outpath, "%s/%s-%s.pkg", argv[1], m.name,
		    m.version);
	} else {
		if (argc != 5)
			usage();
		set_depends(&m, deps);
		if ((m.name = strdup(argv[1])) == NULL ||
		    (m.version = strdup(argv[2])) == NULL ||
		    (m.description = strdup(argv[3])) == NULL)
			die("pkg-create", strerror(ENOMEM));
		snprintf(outpath, sizeof outpath, "%s", argv[4]);
	}
	stage = argv[0];
	if (!manifest_name_ok(m.name))
		die(m.name, "not a package name (a-z 0-9, then . _ + -)");
	if (!manifest_version_ok(m.version))
		die(m.version, "not a version (A-Z a-z 0-9 . _ + ~ -)");
	if (!manifest_desc_ok(m.description))
		die(m.description, "not a one-line description of at most 200 bytes");
	walk(&m, stage, "");
	if ((data = calloc(m.nfiles + 1, sizeof *data)) == NULL)
		die("pkg-create", strerror(ENOMEM));
	for (i = 0; i < m.nfiles; i++) {
		struct sha256 s;
		size_t len;
		snprintf(path, sizeof path, "%s/%s", stage, m.files[i].path);
		if ((r = trust_read_file(path, &data[i], &len, FILE_MAX)) != 0)
			die(path, strerror(-r));
		if (len != m.files[i].size)
			die(path, "changed while being packed");
		sha256_init(&s);
		sha256_update(&s, data[i], len);
		sha256_final(&s, m.files[i].sha);
	}
	if ((mtext = manifest_format(&m, &mlen)) == NULL)
		die("pkg-create", strerror(ENOMEM));
	/* What we sign must be what pkg will accept. */
	if (manifest_parse(&chk, mtext, mlen, err, sizeof err) != 0)
		die("manifest", err);
	manifest_free(&chk);
	if ((r = hostkey_load(key, seed, pub)) != 0)
		die(key, r == -EINVAL ? "not a key file (64 hex digits)" : strerror(-r));
	ed25519_sign(sig, mtext, mlen, seed, pub);
	memset(seed, 0, sizeof seed);
	manifest_hex(sig, 64, sighex);
	sighex[128] = '\n';

	snprintf(tmp, sizeof tmp, "%s.tmp", outpath);
	if ((out = fopen(tmp, "wb")) == NULL)
		die(tmp, strerror(errno));
	member(out, tmp, "pkg/manifest", 0644, mtext, mlen);
	member(out, tmp, "pkg/signature", 0644, sighex, 129);
	for (i = 0; i < m.nfiles; i++)
		member(out, tmp, m.files[i].path, m.files[i].mode, data[i],
		    (size_t)m.files[i].size);
	{
		static const uint8_t end[2 * TAR_BLOCK];
		put(out, tmp, end, sizeof end);
	}
	if (fclose(out) != 0)
		die(tmp, strerror(errno));
	if (rename(tmp, outpath) != 0)
		die(outpath, strerror(errno));
	printf("%s\n", outpath);
	for (i = 0; i < m.nfiles; i++)
		free(data[i]);
	free(data);
	free(mtext);
	manifest_free(&m);
	return 0;
}
