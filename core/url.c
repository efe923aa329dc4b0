/* url.c - URL resolution, as Redox's kernel canonicalizes paths. */
#include <stdbool.h>

#include "core/abi.h"
#include "core/str.h"
#include "core/url.h"

long
url_split(const char *url, size_t len, const char **ref, size_t *ref_len)
{
	const char *colon = str_chr(url, len, ':');
	if (!colon)
		return -EINVAL;
	*ref = colon + 1;
	*ref_len = len - (size_t)(colon + 1 - url);
	return colon - url;
}

struct buf {
	char *p;
	size_t cap, len;
	bool overflow;
};

static void
put(struct buf *b, const char *s, size_t n)
{
	if (b->len + n >= b->cap) {
		b->overflow = true;
		return;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

/* Appends the parts of ref to b (whose reference starts at `base`). */
static void
add_parts(struct buf *b, size_t base, const char *ref, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && ref[j] != '/')
			j++;
		size_t plen = j - i;
		const char *part = ref + i;
		i = j + 1;
		if (plen == 0 || (plen == 1 && part[0] == '.'))
			continue;
		if (plen == 2 && part[0] == '.' && part[1] == '.') {
			/* Drop the last part, and its '/', but never the base. */
			while (b->len > base && b->p[b->len - 1] != '/')
				b->len--;
			if (b->len > base && !(b->len == base + 1 && b->p[base] == '/'))
				b->len--;
			continue;
		}
		if (b->len > base && b->p[b->len - 1] != '/')
			put(b, "/", 1);
		put(b, part, plen);
	}
}

long
url_resolve(const char *cwd, size_t cwd_len, const char *path, size_t len,
    char *out, size_t cap)
{
	struct buf b = { out, cap, 0, false };
	const char *ref, *cref;
	size_t ref_len, cref_len;
	size_t base;

	if (len == 0 || str_chr(path, len, '\0'))
		return -EINVAL;
	long slen = url_split(path, len, &ref, &ref_len);
	if (slen >= 0) {
		put(&b, path, (size_t)slen + 1);
		base = b.len;
		if (ref_len && ref[0] == '/')
			put(&b, "/", 1);
	} else {
		/* Relative: the cwd supplies the scheme, and maybe the parts. */
		long cslen = url_split(cwd, cwd_len, &cref, &cref_len);
		if (cslen < 0)
			return -EINVAL;
		put(&b, cwd, (size_t)cslen + 1);
		base = b.len;
		if (path[0] == '/' || (cref_len && cref[0] == '/'))
			put(&b, "/", 1);
		if (path[0] != '/')
			add_parts(&b, base, cref, cref_len);
		ref = path;
		ref_len = len;
	}
	add_parts(&b, base, ref, ref_len);
	if (b.overflow || b.len >= cap)
		return -ENAMETOOLONG;
	out[b.len] = 0;
	return (long)b.len;
}
