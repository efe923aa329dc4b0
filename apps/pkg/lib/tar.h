/*
 * ustar archives, as packages use them: regular files only are written;
 * the reader reports every member's type so the caller can refuse links,
 * directories and devices.  The reader works on an archive in memory.
 */
#ifndef PKG_TAR_H
#define PKG_TAR_H

#include <stddef.h>
#include <stdint.h>

#define TAR_BLOCK 512
#define TAR_NAME_MAX 255	/* prefix (155) + '/' + name (100), minus one */

struct tar_member {
	char name[TAR_NAME_MAX + 1];
	unsigned mode;
	uint64_t size;
	char type;		/* '0' for a regular file ('\0' is read as '0') */
	const uint8_t *data;	/* size bytes inside the archive */
};

struct tar_reader {
	const uint8_t *buf;
	size_t len;
	size_t off;
};

void tar_reader_init(struct tar_reader *r, const void *buf, size_t len);
/* 1 and *m filled for a member, 0 at the end (a zero block or the end of
 * the buffer), -EINVAL for a damaged or truncated archive. */
int tar_next(struct tar_reader *r, struct tar_member *m);

/* Fills a ustar header for a regular file; -ENAMETOOLONG if name does
 * not fit, -EINVAL if size or mode do not fit their fields. */
int tar_header(uint8_t blk[TAR_BLOCK], const char *name, unsigned mode,
    uint64_t size, uint64_t mtime);
/* Zero bytes that pad size bytes of data to a whole block. */
size_t tar_padding(uint64_t size);

#endif
