/* ustar (POSIX.1-1988 with the prefix field): read and write. */
#include <errno.h>
#include <string.h>

#include "apps/pkg/lib/tar.h"

/* Header fields: offset and length. */
enum {
	T_NAME = 0, T_MODE = 100, T_UID = 108, T_GID = 116, T_SIZE = 124,
	T_MTIME = 136, T_CHKSUM = 148, T_TYPE = 156, T_MAGIC = 257,
	T_VERSION = 263, T_PREFIX = 345,
};

static unsigned
checksum(const uint8_t blk[TAR_BLOCK])
{
	unsigned sum = 0;
	int i;

	for (i = 0; i < TAR_BLOCK; i++)
		sum += (i >= T_CHKSUM && i < T_CHKSUM + 8) ? ' ' : blk[i];
	return sum;
}

/* An octal field: digits, then spaces or NULs; -1 when malformed. */
static int
octal(const uint8_t *f, int len, uint64_t *out)
{
	uint64_t v = 0;
	int i = 0, digits = 0;

	while (i < len && f[i] == ' ')
		i++;
	for (; i < len && f[i] >= '0' && f[i] <= '7'; i++, digits++) {
		if (v >> 60)
			return -1;
		v = v * 8 + (uint64_t)(f[i] - '0');
	}
	for (; i < len; i++)
		if (f[i] != ' ' && f[i] != '\0')
			return -1;
	if (digits == 0)
		return -1;
	*out = v;
	return 0;
}

static int
zero_block(const uint8_t *b)
{
	int i;

	for (i = 0; i < TAR_BLOCK; i++)
		if (b[i])
			return 0;
	return 1;
}

void
tar_reader_init(struct tar_reader *r, const void *buf, size_t len)
{
	r->buf = buf;
	r->len = len;
	r->off = 0;
}

int
tar_next(struct tar_reader *r, struct tar_member *m)
{
	const uint8_t *h;
	uint64_t mode, size, sum;
	size_t plen, nlen, n = 0;

	if (r->len - r->off < TAR_BLOCK)
		return r->off == r->len ? 0 : -EINVAL;
	h = r->buf + r->off;
	if (zero_block(h))
		return 0;
	if (octal(h + T_CHKSUM, 8, &sum) != 0 || sum != checksum(h) ||
	    memcmp(h + T_MAGIC, "ustar", 5) != 0 ||
	    octal(h + T_MODE, 8, &mode) != 0 || octal(h + T_SIZE, 12, &size) != 0)
		return -EINVAL;
	if (size > r->len - r->off - TAR_BLOCK)
		return -EINVAL;
	plen = strnlen((const char *)h + T_PREFIX, 155);
	nlen = strnlen((const char *)h + T_NAME, 100);
	if (nlen == 0)
		return -EINVAL;
	if (plen > 0) {
		memcpy(m->name, h + T_PREFIX, plen);
		m->name[plen] = '/';
		n = plen + 1;
	}
	memcpy(m->name + n, h + T_NAME, nlen);
	m->name[n + nlen] = '\0';
	m->mode = (unsigned)(mode & 07777);
	m->size = size;
	m->type = h[T_TYPE] ? (char)h[T_TYPE] : '0';
	m->data = h + TAR_BLOCK;
	/* Only regular files carry data we skip by size; for the rest the
	 * size field is still what the archive occupies. */
	r->off += TAR_BLOCK + (size_t)size + tar_padding(size);
	if (r->off > r->len)
		r->off = r->len;
	return 1;
}

static void
put_octal(uint8_t *f, int len, uint64_t v)
{
	int i;

	/* len - 1 digits, zero-filled, then a NUL. */
	f[len - 1] = '\0';
	for (i = len - 2; i >= 0; i--) {
		f[i] = (uint8_t)('0' + (v & 7));
		v >>= 3;
	}
}

int
tar_header(uint8_t blk[TAR_BLOCK], const char *name, unsigned mode,
    uint64_t size, uint64_t mtime)
{
	size_t len = strlen(name), split = 0;

	memset(blk, 0, TAR_BLOCK);
	if (len == 0)
		return -EINVAL;
	if (len > 100) {
		/* Split at a '/' so the prefix fits 155 and the rest 100. */
		size_t i;
		for (i = len - 1; i > 0; i--)
			if (name[i] == '/' && i <= 155 && len - i - 1 <= 100 &&
			    len - i - 1 > 0) {
				split = i;
				break;
			}
		if (split == 0)
			return -ENAMETOOLONG;
		memcpy(blk + T_PREFIX, name, split);
		memcpy(blk + T_NAME, name + split + 1, len - split - 1);
	} else {
		memcpy(blk + T_NAME, name, len);
	}
	if (mode > 07777 || size >= (1ULL << 33) || mtime >= (1ULL << 33))
		return -EINVAL;
	put_octal(blk + T_MODE, 8, mode);
	put_octal(blk + T_UID, 8, 0);
	put_octal(blk + T_GID, 8, 0);
	put_octal(blk + T_SIZE, 12, size);
	put_octal(blk + T_MTIME, 12, mtime);
	blk[T_TYPE] = '0';
	memcpy(blk + T_MAGIC, "ustar", 6);
	memcpy(blk + T_VERSION, "00", 2);
	memcpy(blk + 265, "root", 4);	/* uname */
	memcpy(blk + 297, "root", 4);	/* gname */
	put_octal(blk + T_CHKSUM, 7, checksum(blk));
	blk[T_CHKSUM + 7] = ' ';
	return 0;
}

size_t
tar_padding(uint64_t size)
{
	return (size_t)((TAR_BLOCK - size % TAR_BLOCK) % TAR_BLOCK);
}
