/* Manifest text <-> struct manifest, and the checks on its fields. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apps/pkg/lib/manifest.h"

static int
is_ctl(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

int
manifest_name_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > MANIFEST_NAME_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i];
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			continue;
		if (i > 0 && (c == '.' || c == '_' || c == '+' || c == '-'))
			continue;
		return 0;
	}
	return 1;
}

int
manifest_version_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > MANIFEST_NAME_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("._+~-", c) != NULL))
			return 0;
	}
	return 1;
}

int
manifest_desc_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (n > MANIFEST_DESC_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (is_ctl((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Relative, normalized, printable.  var/lib/pkg is pkg's own state: a
 * package may not write there. */
int
manifest_path_ok(const char *s)
{
	size_t n = strlen(s), i, start = 0;

	if (n == 0 || n > MANIFEST_PATH_MAX || s[0] == '/')
		return 0;
	for (i = 0; i <= n; i++) {
		if (i < n && is_ctl((unsigned char)s[i]))
			return 0;
		if (i == n || s[i] == '/') {
			size_t len = i - start;
			if (len == 0 || (len == 1 && s[start] == '.') ||
			    (len == 2 && s[start] == '.' && s[start + 1] == '.'))
				return 0;
			start = i + 1;
		}
	}
	if (strncmp(s, "var/lib/pkg/", 12) == 0 || strcmp(s, "var/lib/pkg") == 0)
		return 0;
	return 1;
}

void
manifest_hex(const uint8_t *b, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 15];
	}
	out[2 * n] = '\0';
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
manifest_unhex(const char *hex, size_t hexlen, uint8_t *b, size_t n)
{
	size_t i;

	if (hexlen != 2 * n)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -EINVAL;
		b[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

void
manifest_free(struct manifest *m)
{
	size_t i;

	free(m->name);
	free(m->version);
	free(m->description);
	for (i = 0; i < m->ndepends; i++)
		free(m->depends[i]);
	free(m->depends);
	for (i = 0; i < m->nfiles; i++)
		free(m->files[i].path);
	free(m->files);
	memset(m, 0, sizeof *m);
}

static char *
dupn(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (p != NULL) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

static int
parse_depends(struct manifest *m, const char *v)
{
	const char *p = v;

	for (;;) {
		const char *e;
		char *d, **nd;
		while (*p == ' ')
			p++;
		if (*p == '\0')
			return 0;
		for (e = p; *e && *e != ' '; e++)
			;
		if ((d = dupn(p, (size_t)(e - p))) == NULL)
			return -ENOMEM;
		nd = realloc(m->depends, (m->ndepends + 1) * sizeof *nd);
		if (nd == NULL) {
			free(d);
			return -ENOMEM;
		}
		m->depends = nd;
		m->depends[m->ndepends++] = d;
		if (!manifest_name_ok(d))
			return -EINVAL;
		p = e;
	}
}

/* "MODE SIZE SHA PATH" */
static int
parse_file(struct manifest *m, const char *v)
{
	struct manifest_file f, *nf;
	char *end;
	unsigned long long x;

	if (*v < '0' || *v > '7')
		return -EINVAL;
	x = strtoull(v, &end, 8);
	if (*end != ' ' || end - v > 5 || x > 07777)
		return -EINVAL;
	f.mode = (unsigned)x;
	v = end + 1;
	if (*v < '0' || *v > '9')
		return -EINVAL;
	errno = 0;
	x = strtoull(v, &end, 10);
	if (*end != ' ' || errno != 0)
		return -EINVAL;
	f.size = x;
	v = end + 1;
	if (strlen(v) < 66 || v[64] != ' ' || manifest_unhex(v, 64, f.sha, 32) != 0)
		return -EINVAL;
	v += 65;
	if (!manifest_path_ok(v))
		return -EINVAL;
	if ((f.path = dupn(v, strlen(v))) == NULL)
		return -ENOMEM;
	nf = realloc(m->files, (m->nfiles + 1) * sizeof *nf);
	if (nf == NULL) {
		free(f.path);
		return -ENOMEM;
	}
	m->files = nf;
	m->files[m->nfiles++] = f;
	return 0;
}

static int
cmp_path(const void *a, const void *b)
{
	return strcmp((*(const struct manifest_file *const *)a)->path,
	    (*(const struct manifest_file *const *)b)->path);
}

/* The duplicate path, or NULL. */
static const char *
find_duplicate(const struct manifest *m, int *nomem)
{
	const struct manifest_file **v;
	const char *dup = NULL;
	size_t i;

	*nomem = 0;
	if (m->nfiles < 2)
		return NULL;
	if ((v = malloc(m->nfiles * sizeof *v)) == NULL) {
		*nomem = 1;
		return NULL;
	}
	for (i = 0; i < m->nfiles; i++)
		v[i] = &m->files[i];
	qsort(v, m->nfiles, sizeof *v, cmp_path);
	for (i = 1; i < m->nfiles && dup == NULL; i++)
		if (strcmp(v[i - 1]->path, v[i]->path) == 0)
			dup = v[i]->path;
	free(v);
	return dup;
}

int
manifest_parse(struct manifest *m, const char *text, size_t len,
    char *err, size_t errlen)
{
	char line[MANIFEST_PATH_MAX + 128];
	size_t off = 0;
	int lineno = 0, r = 0, nomem;
	const char *dup;

	memset(m, 0, sizeof *m);
	if (len == 0 || text[len - 1] != '\n') {
		snprintf(err, errlen, "does not end with a newline");
		return -EINVAL;
	}
	while (off < len) {
		const char *nl = memchr(text + off, '\n', len - off);
		size_t n = (size_t)(nl - (text + off));
		char *eq, *v, **slot = NULL;
		int (*ok)(const char *) = NULL;

		lineno++;
		if (n >= sizeof line || memchr(text + off, '\0', n) != NULL) {
			snprintf(err, errlen, "line %d: too long or binary", lineno);
			r = -EINVAL;
			break;
		}
		memcpy(line, text + off, n);
		line[n] = '\0';
		off += n + 1;
		if ((eq = strchr(line, '=')) == NULL) {
			snprintf(err, errlen, "line %d: no '='", lineno);
			r = -EINVAL;
			break;
		}
		*eq = '\0';
		v = eq + 1;
		if (strcmp(line, "file") == 0) {
			if (m->name == NULL || m->version == NULL ||
			    m->description == NULL) {
				snprintf(err, errlen, "line %d: file before the header", lineno);
				r = -EINVAL;
				break;
			}
			if ((r = parse_file(m, v)) != 0) {
				snprintf(err, errlen, "line %d: bad file entry", lineno);
				break;
			}
			continue;
		}
		if (m->nfiles > 0) {
			snprintf(err, errlen, "line %d: %s after the files", lineno, line);
			r = -EINVAL;
			break;
		}
		if (strcmp(line, "depends") == 0) {
			if (m->depends != NULL || (r = parse_depends(m, v)) != 0) {
				snprintf(err, errlen, "line %d: bad depends", lineno);
				r = r ? r : -EINVAL;
				break;
			}
			if (m->depends == NULL && (m->depends = malloc(1)) == NULL) {
				r = -ENOMEM;	/* marks "seen" even when empty */
				break;
			}
			continue;
		}
		if (strcmp(line, "name") == 0)
			slot = &m->name, ok = manifest_name_ok;
		else if (strcmp(line, "version") == 0)
			slot = &m->version, ok = manifest_version_ok;
		else if (strcmp(line, "description") == 0)
			slot = &m->description, ok = manifest_desc_ok;
		if (slot == NULL || *slot != NULL || !ok(v)) {
			snprintf(err, errlen, "line %d: %s key '%s'", lineno,
			    slot == NULL ? "unknown" : *slot ? "repeated" : "bad value of",
			    line);
			r = -EINVAL;
			break;
		}
		if ((*slot = dupn(v, strlen(v))) == NULL) {
			r = -ENOMEM;
			break;
		}
	}
	if (r == 0 && (m->name == NULL || m->version == NULL ||
	    m->description == NULL || m->depends == NULL)) {
		snprintf(err, errlen, "missing %s", m->name == NULL ? "name" :
		    m->version == NULL ? "version" : m->description == NULL ?
		    "description" : "depends");
		r = -EINVAL;
	}
	if (r == 0 && (dup = find_duplicate(m, &nomem)) != NULL) {
		snprintf(err, errlen, "%s is listed twice", dup);
		r = -EINVAL;
	}
	if (r == 0 && nomem)
		r = -ENOMEM;
	if (r == -ENOMEM)
		snprintf(err, errlen, "out of memory");
	if (r != 0)
		manifest_free(m);
	return r;
}

/* Appends printf output to a growing buffer. */
struct buf {
	char *p;
	size_t len, cap;
	int err;
};

static void __attribute__((format(printf, 2, 3)))
bprintf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->err)
		return;
	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
		if (n < 0) {
			b->err = 1;
			return;
		}
		if ((size_t)n < b->cap - b->len) {
			b->len += (size_t)n;
			return;
		}
		char *np = realloc(b->p, b->cap * 2 + (size_t)n + 1);
		if (np == NULL) {
			b->err = 1;
			return;
		}
		b->p = np;
		b->cap = b->cap * 2 + (size_t)n + 1;
	}
}

char *
manifest_format(const struct manifest *m, size_t *len)
{
	struct buf b = { malloc(256), 0, 256, 0 };
	char hex[65];
	size_t i;

	if (b.p == NULL)
		return NULL;
	bprintf(&b, "name=%s\nversion=%s\ndescription=%s\ndepends=",
	    m->name, m->version, m->description);
	for (i = 0; i < m->ndepends; i++)
		bprintf(&b, "%s%s", i ? " " : "", m->depends[i]);
	bprintf(&b, "\n");
	for (i = 0; i < m->nfiles; i++) {
		manifest_hex(m->files[i].sha, 32, hex);
		bprintf(&b, "file=%04o %llu %s %s\n", m->files[i].mode,
		    (unsigned long long)m->files[i].size, hex, m->files[i].path);
	}
	if (b.err) {
		free(b.p);
		return NULL;
	}
	*len = b.len;
	return b.p;
}

const struct manifest_file *
manifest_find(const struct manifest *m, const char *path)
{
	size_t i;

	for (i = 0; i < m->nfiles; i++)
		if (strcmp(m->files[i].path, path) == 0)
			return &m->files[i];
	return NULL;
}
