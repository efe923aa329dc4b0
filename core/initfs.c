/*
 * initfs.c - the initfs: scheme, read-only, over the image the HAL found
 * at boot.  A replacement init.rc (hosted --rc, or a multiboot2 module
 * named "rc") is served as etc/init.rc in place of the image's own.
 */
#include "core/abi.h"
#include "core/file.h"
#include "core/initfs.h"
#include "core/kmem.h"
#include "core/log.h"
#include "core/scheme.h"
#include "core/str.h"

struct ifs {
	const uint8_t *img;
	size_t len;
	const struct initfs_entry *ents;
	uint32_t count;
	const void *rc;
	size_t rc_len;
};

static struct ifs fs;

static const struct initfs_entry *
entries(const void *img)
{
	return (const struct initfs_entry *)((const uint8_t *)img + sizeof(struct initfs_header));
}

int
initfs_check(const void *img, size_t len)
{
	const struct initfs_header *h = img;
	if (!img || len < sizeof *h || memcmp(h->magic, INITFS_MAGIC, 8) != 0)
		return -EINVAL;
	if (h->count > INITFS_MAX_ENTRIES || h->size > len ||
	    sizeof *h + (size_t)h->count * sizeof(struct initfs_entry) > len)
		return -EINVAL;
	const struct initfs_entry *e = entries(img);
	for (uint32_t i = 0; i < h->count; i++) {
		if (e[i].path_len == 0 || e[i].path_len >= INITFS_PATH_MAX ||
		    e[i].path[0] == '/' || e[i].offset > len || e[i].length > len - e[i].offset)
			return -EINVAL;
		uint32_t t = e[i].mode & MODE_TYPE;
		if (t != MODE_FILE && t != MODE_DIR)
			return -EINVAL;
	}
	return 0;
}

const struct initfs_entry *
initfs_lookup(const void *img, const char *path, size_t len)
{
	const struct initfs_header *h = img;
	const struct initfs_entry *e = entries(img);
	for (uint32_t i = 0; i < h->count; i++)
		if (e[i].path_len == len && memcmp(e[i].path, path, len) == 0)
			return &e[i];
	return NULL;
}

/* Handles: index + 1 into the table; RC_HANDLE for the replacement rc;
 * ROOT_HANDLE for the top directory. */
#define ROOT_HANDLE 0xffffffffull
#define RC_HANDLE 0xfffffffeull

static int
find(const char *ref, size_t len, uint64_t *h)
{
	scheme_trim(&ref, &len);
	while (len && ref[len - 1] == '/')
		len--;
	if (len == 0) {
		*h = ROOT_HANDLE;
		return 0;
	}
	if (fs.rc && str_eqn(ref, len, "etc/init.rc")) {
		*h = RC_HANDLE;
		return 0;
	}
	const struct initfs_entry *e = initfs_lookup(fs.img, ref, len);
	if (!e)
		return -ENOENT;
	*h = (uint64_t)(e - fs.ents) + 1;
	return 0;
}

static int
ifs_open(struct scheme *s, const char *ref, size_t len, uint32_t flags,
    const struct cred *c, uint64_t *handle)
{
	(void)s; (void)c;
	int e = find(ref, len, handle);
	if (e)
		return (flags & O_CREAT) ? -EROFS : e;
	if (flags & (O_WRONLY | O_TRUNC))
		return -EROFS;
	if ((flags & O_EXCL) && (flags & O_CREAT))
		return -EEXIST;
	bool dir = *handle == ROOT_HANDLE ||
	    (*handle != RC_HANDLE && (fs.ents[*handle - 1].mode & MODE_TYPE) == MODE_DIR);
	if ((flags & O_DIRECTORY) && !dir)
		return -ENOTDIR;
	return 0;
}

static const char *
dir_path(uint64_t h, size_t *len)
{
	if (h == ROOT_HANDLE) {
		*len = 0;
		return "";
	}
	*len = fs.ents[h - 1].path_len;
	return fs.ents[h - 1].path;
}

/* The i'th child name of directory h (from index *i on); NULL at the end. */
static const struct initfs_entry *
next_child(uint64_t h, uint32_t *i)
{
	size_t dlen;
	const char *d = dir_path(h, &dlen);
	for (; *i < fs.count; (*i)++) {
		const struct initfs_entry *e = &fs.ents[*i];
		size_t skip = dlen ? dlen + 1 : 0;
		if (e->path_len <= skip)
			continue;
		if (dlen && (memcmp(e->path, d, dlen) != 0 || e->path[dlen] != '/'))
			continue;
		if (str_chr(e->path + skip, e->path_len - skip, '/'))
			continue;
		(*i)++;
		return e;
	}
	return NULL;
}

static bool
is_dir(uint64_t h)
{
	return h == ROOT_HANDLE ||
	    (h != RC_HANDLE && (fs.ents[h - 1].mode & MODE_TYPE) == MODE_DIR);
}

static void
entry_data(uint64_t h, const uint8_t **p, size_t *len)
{
	if (h == RC_HANDLE) {
		*p = fs.rc;
		*len = fs.rc_len;
	} else {
		*p = fs.img + fs.ents[h - 1].offset;
		*len = fs.ents[h - 1].length;
	}
}

/* Reads at off; vfs moves f->pos for a plain read. */
static long
ifs_pread(struct scheme *s, struct file *f, void *buf, size_t len, uint64_t off)
{
	(void)s;
	if (is_dir(f->handle)) {
		/* Classic Redox: a directory reads as its names, one a line. */
		size_t out = 0, skip = 0, dlen;
		uint32_t i = 0;
		dir_path(f->handle, &dlen);
		const struct initfs_entry *e;
		while ((e = next_child(f->handle, &i))) {
			size_t nlen = e->path_len - (dlen ? dlen + 1 : 0);
			const char *name = e->path + (dlen ? dlen + 1 : 0);
			for (size_t k = 0; k <= nlen; k++, skip++) {
				if (skip < off)
					continue;
				if (out == len)
					goto done;
				((char *)buf)[out++] = k < nlen ? name[k] : '\n';
			}
		}
done:
		return (long)out;
	}
	const uint8_t *p;
	size_t n;
	entry_data(f->handle, &p, &n);
	if (off >= n)
		return 0;
	if (len > n - off)
		len = n - (size_t)off;
	memcpy(buf, p + off, len);
	return (long)len;
}

static long
ifs_seek(struct scheme *s, struct file *f, int64_t off, int whence)
{
	(void)s;
	const uint8_t *p;
	size_t n = 0;
	if (!is_dir(f->handle))
		entry_data(f->handle, &p, &n);
	int64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (int64_t)f->pos : (int64_t)n;
	if (off > 0 && base > INT64_MAX - off)
		return -EOVERFLOW;
	if (base + off < 0)
		return -EINVAL;
	f->pos = (uint64_t)(base + off);
	return (long)f->pos;
}

static int
ifs_fstat(struct scheme *s, struct file *f, struct redox_stat *st)
{
	(void)s;
	uint64_t h = f->handle;
	st->st_ino = h == ROOT_HANDLE ? 1 : h + 1;
	st->st_nlink = 1;
	st->st_blksize = 4096;
	if (h == ROOT_HANDLE) {
		st->st_mode = MODE_DIR | 0755;
	} else if (h == RC_HANDLE) {
		st->st_mode = MODE_FILE | 0644;
		st->st_size = fs.rc_len;
	} else {
		const struct initfs_entry *e = &fs.ents[h - 1];
		st->st_mode = (uint16_t)e->mode;
		st->st_uid = e->uid;
		st->st_gid = e->gid;
		st->st_size = e->length;
	}
	st->st_blocks = (st->st_size + 511) / 512;
	return 0;
}

static long
ifs_fpath(struct scheme *s, struct file *f, char *buf, size_t len)
{
	(void)s;
	size_t plen = 11;
	const char *p = "etc/init.rc";
	if (f->handle != RC_HANDLE)
		p = dir_path(f->handle, &plen);
	if (plen + 8 > len)
		return -ERANGE;
	memcpy(buf, STR_LIT("initfs:/"));
	memcpy(buf + 8, p, plen);
	return (long)plen + 8;
}

static long
ifs_getdents(struct scheme *s, struct file *f, void *buf, size_t len)
{
	(void)s;
	if (!is_dir(f->handle))
		return -ENOTDIR;
	size_t out = 0, dlen;
	dir_path(f->handle, &dlen);
	uint32_t i = (uint32_t)f->pos;
	const struct initfs_entry *e;
	for (;;) {
		uint32_t at = i;
		if (!(e = next_child(f->handle, &i)))
			break;
		size_t nlen = e->path_len - (dlen ? dlen + 1 : 0);
		size_t rec = sizeof(struct redox_dirent) + nlen + 1;
		if (out + rec > len) {
			i = at;
			if (out == 0)
				return -EINVAL;
			break;
		}
		struct redox_dirent d = {
			.d_ino = (uint64_t)(e - fs.ents) + 2,
			.d_off = i,
			.d_reclen = (uint16_t)rec,
			.d_type = (e->mode & MODE_TYPE) == MODE_DIR ? DT_DIR : DT_REG,
		};
		memcpy((char *)buf + out, &d, sizeof d);
		memcpy((char *)buf + out + sizeof d, e->path + (dlen ? dlen + 1 : 0), nlen);
		((char *)buf)[out + sizeof d + nlen] = 0;
		out += rec;
	}
	f->pos = i;
	return (long)out;
}

static const struct scheme_ops initfs_ops = {
	.open = ifs_open,
	.pread = ifs_pread,
	.seek = ifs_seek,
	.fstat = ifs_fstat,
	.fpath = ifs_fpath,
	.getdents = ifs_getdents,
};

int
initfs_init(const void *img, size_t len, const void *rc, size_t rc_len)
{
	static const struct initfs_header empty = { .magic = INITFS_MAGIC };
	if (initfs_check(img, len) != 0) {
		if (len)
			log_printf("initfs: image of %zu bytes is not valid; using an empty one\n", len);
		img = &empty;
		len = sizeof empty;
	}
	fs.img = img;
	fs.len = len;
	fs.ents = entries(img);
	fs.count = ((const struct initfs_header *)img)->count;
	fs.rc = rc;
	fs.rc_len = rc_len;
	return scheme_register(STR_LIT("initfs"), &initfs_ops, &fs, NULL);
}
