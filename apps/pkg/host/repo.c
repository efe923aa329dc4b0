/*
 * pkg-repo [-k PUBKEY] DIR: writes DIR/repo.txt, the repository's index,
 * one line per DIR/NAME-VERSION.pkg in name order:
 *   NAME VERSION FILE DESCRIPTION
 * With -k, every package's signature is checked against PUBKEY first.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "apps/pkg/lib/trust.h"

#define PKG_MAX (1ULL << 34)

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	char path[4096], tmp[4096], err[200];
	struct trust_keys keys = { .n = 0 };
	const char *pubkey = NULL, *dir;
	char **names = NULL;
	size_t n = 0, i;
	struct dirent *de;
	FILE *out;
	DIR *d;
	int c, r, bad = 0;

	while ((c = getopt(argc, argv, "k:")) != -1) {
		if (c != 'k') {
			fprintf(stderr, "usage: pkg-repo [-k PUBKEY] DIR\n");
			return 2;
		}
		pubkey = optarg;
	}
	if (argc - optind != 1) {
		fprintf(stderr, "usage: pkg-repo [-k PUBKEY] DIR\n");
		return 2;
	}
	dir = argv[optind];
	if (pubkey != NULL) {
		if ((r = trust_read_key(pubkey, keys.key[0])) != 0) {
			fprintf(stderr, "pkg-repo: %s: %s\n", pubkey,
			    r == -EINVAL ? "not a key file" : strerror(-r));
			return 1;
		}
		keys.n = 1;
	}
	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "pkg-repo: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		char **nn;
		if (len < 5 || strcmp(de->d_name + len - 4, ".pkg") != 0)
			continue;
		if ((nn = realloc(names, (n + 1) * sizeof *nn)) == NULL ||
		    (nn[n] = strdup(de->d_name)) == NULL) {
			fprintf(stderr, "pkg-repo: %s\n", strerror(ENOMEM));
			return 1;
		}
		names = nn;
		n++;
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof *names, cmp_str);
	snprintf(tmp, sizeof tmp, "%s/repo.txt.tmp", dir);
	if ((out = fopen(tmp, "w")) == NULL) {
		fprintf(stderr, "pkg-repo: %s: %s\n", tmp, strerror(errno));
		return 1;
	}
	for (i = 0; i < n; i++) {
		struct pkgfile p;
		uint8_t *buf;
		size_t len;

		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if ((r = trust_read_file(path, &buf, &len, PKG_MAX)) != 0) {
			fprintf(stderr, "pkg-repo: %s: %s\n", path, strerror(-r));
			bad = 1;
			continue;
		}
		if ((r = pkgfile_open(&p, buf, len, err, sizeof err)) == 0) {
			if (keys.n > 0) {
				r = pkgfile_check_sig(&p, &keys, err, sizeof err);
			} else {
				/* No key: only the manifest's shape is checked. */
				r = manifest_parse(&p.m, p.mtext, p.mlen, err, sizeof err);
			}
		}
		if (r != 0) {
			fprintf(stderr, "pkg-repo: %s: %s\n", path, err);
			bad = 1;
		} else {
			fprintf(out, "%s %s %s %s\n", p.m.name, p.m.version,
			    names[i], p.m.description);
		}
		pkgfile_close(&p);
		free(buf);
		free(names[i]);
	}
	free(names);
	if (fclose(out) != 0) {
		fprintf(stderr, "pkg-repo: %s: %s\n", tmp, strerror(errno));
		return 1;
	}
	snprintf(path, sizeof path, "%s/repo.txt", dir);
	if (rename(tmp, path) != 0) {
		fprintf(stderr, "pkg-repo: %s: %s\n", path, strerror(errno));
		return 1;
	}
	return bad;
}
