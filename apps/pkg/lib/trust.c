/* Key files, and the checks that stand between a .pkg and the disk. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "apps/pkg/lib/ed25519.h"
#include "apps/pkg/lib/tar.h"
#include "apps/pkg/lib/trust.h"
#include "fs/redoxfs/lib/sha256.h"

int
trust_read_key(const char *path, uint8_t key[32])
{
	char buf[80];
	ssize_t n;
	int fd, r;

	if ((fd = open(path, O_RDONLY)) < 0)
		return -errno;
	n = read(fd, buf, sizeof buf);
	r = n < 0 ? -errno : 0;
	close(fd);
	if (r != 0)
		return r;
	if (n > 0 && buf[n - 1] == '\n')
		n--;
	return manifest_unhex(buf, (size_t)n, key, 32);
}

int
trust_read_dir(const char *dir, struct trust_keys *k, char *bad,
    size_t badlen)
{
	char path[1024];
	struct dirent *de;
	DIR *d;
	int r = 0;

	k->n = 0;
	if ((d = opendir(dir)) == NULL)
		return -errno;
	while ((de = readdir(d)) != NULL && k->n < TRUST_KEYS_MAX) {
		size_t len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 4, ".pub") != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if ((r = trust_read_key(path, k->key[k->n])) != 0) {
			snprintf(bad, badlen, "%s", path);
			break;
		}
		k->n++;
	}
	closedir(d);
	return r;
}

int
trust_read_file(const char *path, uint8_t **buf, size_t *len, size_t max)
{
	size_t cap = 65536, n = 0;
	uint8_t *b = malloc(cap), *nb;
	ssize_t k;
	int fd, r = 0;

	if (b == NULL)
		return -ENOMEM;
	if ((fd = open(path, O_RDONLY)) < 0) {
		free(b);
		return -errno;
	}
	for (;;) {
		if (n == cap) {
			if (cap >= max) {
				r = -EFBIG;
				break;
			}
			if ((nb = realloc(b, cap * 2)) == NULL) {
				r = -ENOMEM;
				break;
			}
			b = nb;
			cap *= 2;
		}
		k = read(fd, b + n, cap - n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			r = -errno;
			break;
		}
		if (k == 0)
			break;
		n += (size_t)k;
	}
	close(fd);
	if (r == 0 && n > max)
		r = -EFBIG;
	if (r != 0) {
		free(b);
		return r;
	}
	*buf = b;
	*len = n;
	return 0;
}

int
pkgfile_open(struct pkgfile *p, const void *buf, size_t len, char *err,
    size_t errlen)
{
	struct tar_reader r;
	struct tar_member m;
	int n;

	memset(p, 0, sizeof *p);
	p->buf = buf;
	p->len = len;
	tar_reader_init(&r, buf, len);
	n = tar_next(&r, &m);
	if (n <= 0 || strcmp(m.name, "pkg/manifest") != 0 || m.type != '0') {
		snprintf(err, errlen, "not a package (no pkg/manifest first)");
		return -EINVAL;
	}
	p->mtext = (const char *)m.data;
	p->mlen = (size_t)m.size;
	n = tar_next(&r, &m);
	if (n <= 0 || strcmp(m.name, "pkg/signature") != 0 || m.type != '0') {
		snprintf(err, errlen, "not signed (no pkg/signature second)");
		return -EINVAL;
	}
	while (m.size > 0 && (m.data[m.size - 1] == '\n'))
		m.size--;
	if (manifest_unhex((const char *)m.data, (size_t)m.size, p->sig, 64) != 0) {
		snprintf(err, errlen, "pkg/signature is not 128 hex digits");
		return -EINVAL;
	}
	p->files_off = r.off;
	return 0;
}

int
pkgfile_check_sig(struct pkgfile *p, const struct trust_keys *keys,
    char *err, size_t errlen)
{
	char why[160];
	size_t i;
	int r;

	for (i = 0; i < keys->n; i++)
		if (ed25519_verify(p->sig, p->mtext, p->mlen, keys->key[i]) == 0)
			break;
	if (i == keys->n) {
		snprintf(err, errlen, keys->n ? "signature not valid under any trusted key" :
		    "no trusted keys");
		return -EACCES;
	}
	if ((r = manifest_parse(&p->m, p->mtext, p->mlen, why, sizeof why)) != 0) {
		snprintf(err, errlen, "manifest: %s", why);
		return r;
	}
	return 0;
}

int
pkgfile_check_files(struct pkgfile *p, char *err, size_t errlen)
{
	struct tar_reader r;
	struct tar_member m;
	size_t i;
	int n;

	free(p->data);
	if ((p->data = calloc(p->m.nfiles + 1, sizeof *p->data)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	tar_reader_init(&r, p->buf, p->len);
	r.off = p->files_off;
	for (i = 0;; i++) {
		const struct manifest_file *f;
		struct sha256 s;
		uint8_t dig[32];

		n = tar_next(&r, &m);
		if (n < 0) {
			snprintf(err, errlen, "damaged archive after %zu files", i);
			return -EINVAL;
		}
		if (n == 0)
			break;
		if (i >= p->m.nfiles) {
			snprintf(err, errlen, "%s: not in the manifest", m.name);
			return -EINVAL;
		}
		f = &p->m.files[i];
		if (m.type != '0') {
			snprintf(err, errlen, "%s: not a regular file (tar type '%c')",
			    m.name, m.type);
			return -EINVAL;
		}
		if (strcmp(m.name, f->path) != 0) {
			snprintf(err, errlen, "%s: the manifest lists %s here",
			    m.name, f->path);
			return -EINVAL;
		}
		if (m.size != f->size || m.mode != f->mode) {
			snprintf(err, errlen, "%s: size or mode differ from the manifest",
			    m.name);
			return -EINVAL;
		}
		sha256_init(&s);
		sha256_update(&s, m.data, (size_t)m.size);
		sha256_final(&s, dig);
		if (memcmp(dig, f->sha, 32) != 0) {
			snprintf(err, errlen, "%s: SHA-256 does not match the manifest",
			    m.name);
			return -EINVAL;
		}
		p->data[i] = m.data;
	}
	if (i != p->m.nfiles) {
		snprintf(err, errlen, "%s: missing from the archive",
		    p->m.files[i].path);
		return -EINVAL;
	}
	return 0;
}

void
pkgfile_close(struct pkgfile *p)
{
	manifest_free(&p->m);
	free(p->data);
	p->data = NULL;
}
