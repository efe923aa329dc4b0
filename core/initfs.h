/*
 * initfs.h - the boot archive: a header, a table of fixed-size entries
 * (path, mode, uid, gid, offset, length) and page-aligned file data.
 * Made by build/host/mkinitfs from a directory; read-only at run time.
 */
#ifndef CORE_INITFS_H
#define CORE_INITFS_H

#include <stddef.h>
#include <stdint.h>

#define INITFS_MAGIC "RDXINIT1"
#define INITFS_PATH_MAX 224
#define INITFS_MAX_ENTRIES 4096
/* Entry types in `mode` (the values of MODE_FILE and MODE_DIR). */
#define INITFS_FILE 0x8000
#define INITFS_DIR 0x4000

struct initfs_header {
	char magic[8];
	uint32_t count;		/* entries */
	uint32_t reserved;
	uint64_t size;		/* whole image */
};

struct initfs_entry {
	uint64_t offset;	/* of the data, from the image start */
	uint64_t length;
	uint32_t mode;		/* MODE_FILE | MODE_DIR, and permissions */
	uint32_t uid, gid;
	uint16_t path_len;
	char path[INITFS_PATH_MAX];	/* "bin/init": no leading '/' */
	uint16_t reserved;
};

_Static_assert(sizeof(struct initfs_entry) == 256, "initfs entry size");

/* Checks an image; 0 or -EINVAL.  Every later access may trust it. */
int initfs_check(const void *img, size_t len);
/* The entry for path (no leading '/'), or NULL. */
const struct initfs_entry *initfs_lookup(const void *img, const char *path, size_t len);
/* Registers the initfs: scheme over img (and rc as etc/init.rc if given). */
int initfs_init(const void *img, size_t len, const void *rc, size_t rc_len);

#endif
