/* Signing keys for the host tools: 32 random bytes, kept as hex. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "apps/pkg/host/hostkey.h"
#include "apps/pkg/lib/ed25519.h"
#include "apps/pkg/lib/manifest.h"
#include "apps/pkg/lib/trust.h"

void
hostkey_pubpath(const char *path, char *out, size_t outlen)
{
	size_t n = strlen(path);

	if (n > 4 && strcmp(path + n - 4, ".key") == 0)
		snprintf(out, outlen, "%.*s.pub", (int)(n - 4), path);
	else
		snprintf(out, outlen, "%s.pub", path);
}

static int
mkdirs(const char *path)
{
	char dir[1024];
	char *p;

	snprintf(dir, sizeof dir, "%s", path);
	if ((p = strrchr(dir, '/')) == NULL)
		return 0;
	*p = '\0';
	for (p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0755) != 0 && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (dir[0] && mkdir(dir, 0755) != 0 && errno != EEXIST)
		return -errno;
	return 0;
}

static int
write_hex(const char *path, const uint8_t *b, int mode, int excl)
{
	char hex[66];
	int fd, r = 0;

	manifest_hex(b, 32, hex);
	hex[64] = '\n';
	fd = open(path, O_WRONLY | O_CREAT | (excl ? O_EXCL : O_TRUNC), mode);
	if (fd < 0)
		return -errno;
	if (write(fd, hex, 65) != 65)
		r = -EIO;
	if (close(fd) != 0 && r == 0)
		r = -errno;
	return r;
}

int
hostkey_generate(const char *path, uint8_t pub[32])
{
	uint8_t seed[32];
	int fd, r;

	if ((r = mkdirs(path)) != 0)
		return r;
	if ((fd = open("/dev/urandom", O_RDONLY)) < 0)
		return -errno;
	r = read(fd, seed, sizeof seed) == (ssize_t)sizeof seed ? 0 : -EIO;
	close(fd);
	if (r != 0)
		return r;
	if ((r = write_hex(path, seed, 0600, 1)) != 0)
		return r;
	ed25519_pubkey(pub, seed);
	memset(seed, 0, sizeof seed);
	return hostkey_write_pub(path, pub);
}

int
hostkey_write_pub(const char *path, const uint8_t pub[32])
{
	char pubpath[1024];

	hostkey_pubpath(path, pubpath, sizeof pubpath);
	return write_hex(pubpath, pub, 0644, 0);
}

int
hostkey_load(const char *path, uint8_t seed[32], uint8_t pub[32])
{
	int r = trust_read_key(path, seed);

	if (r == -ENOENT) {
		if ((r = hostkey_generate(path, pub)) != 0)
			return r;
		fprintf(stderr, "pkg: made a new signing key %s\n", path);
		r = trust_read_key(path, seed);
	}
	if (r == 0)
		ed25519_pubkey(pub, seed);
	return r;
}
