/* vfs.c - from a path to a scheme call, for the running process. */
#include "core/abi.h"
#include "core/file.h"
#include "core/kmem.h"
#include "core/proc.h"
#include "core/rootscheme.h"
#include "core/scheme.h"
#include "core/str.h"
#include "core/url.h"
#include "core/vfs.h"

long
vfs_resolve(const char *path, size_t len, char *out, size_t cap)
{
	struct proc *p = proc_current();
	const char *cwd = p ? p->cwd : "file:/";
	size_t cwd_len = p ? p->cwd_len : 6;
	return url_resolve(cwd, cwd_len, path, len, out, cap);
}

/*
 * Resolves path and finds its scheme (with a reference).  The reference
 * goes to the scheme as written ("vec:/hi" gives "/hi"); schemes that
 * treat it as a path trim the slashes (scheme_trim).
 */
static int
lookup(const char *path, size_t len, char **url, struct scheme **s,
    const char **ref, size_t *ref_len)
{
	*url = kmem_alloc(URL_MAX);
	if (!*url)
		return -ENOMEM;
	long n = vfs_resolve(path, len, *url, URL_MAX);
	if (n < 0) {
		kmem_free(*url);
		return (int)n;
	}
	long slen = url_split(*url, (size_t)n, ref, ref_len);
	*s = slen == 0 ? rootscheme_get() : scheme_find(*url, (size_t)slen);
	if (!*s) {
		kmem_free(*url);
		return -ENODEV;
	}
	return 0;
}

int
vfs_open(const char *path, size_t len, uint32_t flags, struct file **out)
{
	struct scheme *s;
	const char *ref;
	size_t ref_len;
	char *url;
	struct cred c;
	uint64_t handle;

	int e = lookup(path, len, &url, &s, &ref, &ref_len);
	if (e)
		return e;
	struct proc *p = proc_current();
	if (p)
		flags = (flags & ~0777u) | (flags & 0777u & ~p->umask);
	proc_cred(&c);
	e = s->ops->open ? s->ops->open(s, ref, ref_len, flags, &c, &handle) : -ENOENT;
	kmem_free(url);
	if (e == 0) {
		*out = file_new(s, handle, flags & ~0xffffu);
		if (!*out) {
			if (s->ops->close)
				s->ops->close(s, handle);
			e = -ENOMEM;
		}
	}
	scheme_put(s);
	return e;
}

int
vfs_unlink(const char *path, size_t len, int dir)
{
	struct scheme *s;
	const char *ref;
	size_t ref_len;
	char *url;
	struct cred c;

	int e = lookup(path, len, &url, &s, &ref, &ref_len);
	if (e)
		return e;
	proc_cred(&c);
	int (*op)(struct scheme *, const char *, size_t, const struct cred *) =
	    dir ? s->ops->rmdir : s->ops->unlink;
	e = op ? op(s, ref, ref_len, &c) : -ENOENT;
	kmem_free(url);
	scheme_put(s);
	return e;
}

int
vfs_mkdir(const char *path, size_t len, uint32_t mode)
{
	struct scheme *s;
	const char *ref;
	size_t ref_len;
	char *url;
	struct cred c;

	int e = lookup(path, len, &url, &s, &ref, &ref_len);
	if (e)
		return e;
	struct proc *p = proc_current();
	if (p)
		mode &= ~p->umask;
	proc_cred(&c);
	if (s->ops->mkdir)
		e = s->ops->mkdir(s, ref, ref_len, mode & 07777, &c);
	else if (s->ops->open) {
		/* Redox's way: open with O_CREAT | O_DIRECTORY. */
		uint64_t h;
		e = s->ops->open(s, ref, ref_len, O_CREAT | O_EXCL | O_DIRECTORY | O_STAT |
		    (mode & 07777), &c, &h);
		if (e == 0 && s->ops->close)
			s->ops->close(s, h);
	} else
		e = -EROFS;
	kmem_free(url);
	scheme_put(s);
	return e;
}

/*
 * Reads and writes at the description's position: the scheme's own read
 * or write, else its positioned op at f->pos (which then moves here).
 */
long
vfs_read(struct file *f, void *buf, size_t len)
{
	if (!(f->flags & O_RDONLY))
		return -EBADF;
	struct scheme *s = f->scheme;
	if (s->ops->read)
		return s->ops->read(s, f, buf, len);
	if (!s->ops->pread)
		return -EBADF;
	long n = s->ops->pread(s, f, buf, len, f->pos);
	if (n > 0)
		f->pos += (uint64_t)n;
	return n;
}

long
vfs_write(struct file *f, const void *buf, size_t len)
{
	if (!(f->flags & O_WRONLY))
		return -EBADF;
	struct scheme *s = f->scheme;
	if (s->ops->write)
		return s->ops->write(s, f, buf, len);
	if (!s->ops->pwrite)
		return -EBADF;
	long n = s->ops->pwrite(s, f, buf, len, f->pos);
	if (n > 0)
		f->pos += (uint64_t)n;
	return n;
}

/*
 * Positioned reads and writes (pread, pwrite): the one place that says a
 * scheme without them cannot seek.  off + len must stay an int64_t.
 */
long
vfs_pread(struct file *f, void *buf, size_t len, uint64_t off)
{
	if (!(f->flags & O_RDONLY))
		return -EBADF;
	if (off > (uint64_t)INT64_MAX || len > (uint64_t)INT64_MAX - off)
		return -EINVAL;
	struct scheme *s = f->scheme;
	return s->ops->pread ? s->ops->pread(s, f, buf, len, off) : -ESPIPE;
}

long
vfs_pwrite(struct file *f, const void *buf, size_t len, uint64_t off)
{
	if (!(f->flags & O_WRONLY))
		return -EBADF;
	if (off > (uint64_t)INT64_MAX || len > (uint64_t)INT64_MAX - off)
		return -EINVAL;
	struct scheme *s = f->scheme;
	return s->ops->pwrite ? s->ops->pwrite(s, f, buf, len, off) : -ESPIPE;
}

long
vfs_seek(struct file *f, int64_t off, int whence)
{
	struct scheme *s = f->scheme;
	if (whence < SEEK_SET || whence > SEEK_END)
		return -EINVAL;
	return s->ops->seek ? s->ops->seek(s, f, off, whence) : -ESPIPE;
}

int
vfs_fstat(struct file *f, struct redox_stat *st)
{
	struct scheme *s = f->scheme;
	memset(st, 0, sizeof *st);
	return s->ops->fstat ? s->ops->fstat(s, f, st) : -EBADF;
}

int
vfs_fsync(struct file *f)
{
	struct scheme *s = f->scheme;
	return s->ops->fsync ? s->ops->fsync(s, f) : 0;
}

int
vfs_ftruncate(struct file *f, uint64_t len)
{
	struct scheme *s = f->scheme;
	if (!(f->flags & O_WRONLY))
		return -EBADF;
	return s->ops->ftruncate ? s->ops->ftruncate(s, f, len) : -EINVAL;
}

long
vfs_fpath(struct file *f, char *buf, size_t len)
{
	struct scheme *s = f->scheme;
	if (s->ops->fpath)
		return s->ops->fpath(s, f, buf, len);
	/* Default: just "name:" */
	size_t n = str_len(s->name);
	if (n + 1 > len)
		return -ERANGE;
	memcpy(buf, s->name, n);
	buf[n] = ':';
	return (long)n + 1;
}

long
vfs_getdents(struct file *f, void *buf, size_t len)
{
	struct scheme *s = f->scheme;
	return s->ops->getdents ? s->ops->getdents(s, f, buf, len) : -ENOTDIR;
}

int
vfs_read_all(struct file *f, size_t max, uint8_t **out, size_t *len)
{
	struct redox_stat st;
	int e = vfs_fstat(f, &st);
	if (e)
		return e;
	if ((st.st_mode & MODE_TYPE) == MODE_DIR)
		return -EISDIR;
	if (st.st_size > max)
		return -EFBIG;
	/* 8-aligned (kmem gives 16) so the ELF parser can read structs. */
	uint8_t *buf = kmem_alloc(st.st_size ? st.st_size : 1);
	if (!buf)
		return -ENOMEM;
	size_t n = 0;
	while (n < st.st_size) {
		long r = vfs_read(f, buf + n, st.st_size - n);
		if (r < 0) {
			kmem_free(buf);
			return (int)r;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	*out = buf;
	*len = n;
	return 0;
}
