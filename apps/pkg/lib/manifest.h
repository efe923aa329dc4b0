/*
 * The package manifest: `key=value` lines, name, version, description,
 * depends (space-separated names, may be empty), then one line per file,
 *   file=MODE SIZE SHA256HEX PATH
 * MODE octal, SIZE decimal bytes, PATH relative to / (no "..", no ".",
 * no empty parts, no control characters).  See apps/pkg/README.md.
 */
#ifndef PKG_MANIFEST_H
#define PKG_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#define MANIFEST_NAME_MAX 64
#define MANIFEST_DESC_MAX 200
#define MANIFEST_PATH_MAX 1024

struct manifest_file {
	unsigned mode;
	uint64_t size;
	uint8_t sha[32];
	char *path;
};

struct manifest {
	char *name, *version, *description;
	char **depends;		/* ndepends names */
	size_t ndepends;
	struct manifest_file *files;
	size_t nfiles;
};

/* Parses len bytes of text into *m (which manifest_free releases).
 * 0, or -EINVAL with a message ("line 3: bad mode") in err, or -ENOMEM. */
int manifest_parse(struct manifest *m, const char *text, size_t len,
    char *err, size_t errlen);
void manifest_free(struct manifest *m);

/* The text of m (malloc'd, *len bytes, NUL-terminated), or NULL. */
char *manifest_format(const struct manifest *m, size_t *len);

int manifest_name_ok(const char *s);
int manifest_version_ok(const char *s);
int manifest_desc_ok(const char *s);
int manifest_path_ok(const char *s);
/* The file entry for path, or NULL. */
const struct manifest_file *manifest_find(const struct manifest *m,
    const char *path);

/* Lower-case hex of n bytes into out (2n + 1 bytes); and back: 0 or
 * -EINVAL when hex is not exactly 2n hex digits. */
void manifest_hex(const uint8_t *b, size_t n, char *out);
int manifest_unhex(const char *hex, size_t hexlen, uint8_t *b, size_t n);

#endif
