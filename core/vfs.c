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
	e = s->ops->open ? s->ops->open(s, ref, ref_len, flags, &c, &handle) :
	    scheme_op_missing(SCHEME_OPEN);
	kmem_free(url);
	if (e == 0) {
		*out = file_new(s, handle, flags & ~0xffffu);
		if (!*out) {
			vfs_close(s, handle);
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
	e = op ? op(s, ref, ref_len, &c) :
	    scheme_op_missing(dir ? SCHEME_RMDIR : SCHEME_UNLINK);
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
		if (e == 0)
			vfs_close(s, h);
	} else
		e = scheme_op_missing(SCHEME_MKDIR);
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
		return scheme_op_missing(SCHEME_READ);
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
		return scheme_op_missing(SCHEME_WRITE);
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
	return s->ops->seek ? s->ops->seek(s, f, off, whence) :
	    scheme_op_missing(SCHEME_SEEK);
}

int
vfs_fstat(struct file *f, struct redox_stat *st)
{
	struct scheme *s = f->scheme;
	memset(st, 0, sizeof *st);
	return s->ops->fstat ? s->ops->fstat(s, f, st) :
	    scheme_op_missing(SCHEME_FSTAT);
}

int
vfs_fsync(struct file *f)
{
	struct scheme *s = f->scheme;
	return s->ops->fsync ? s->ops->fsync(s, f) :
	    scheme_op_missing(SCHEME_FSYNC);
}

int
vfs_ftruncate(struct file *f, uint64_t len)
{
	struct scheme *s = f->scheme;
	if (!(f->flags & O_WRONLY))
		return -EBADF;
	return s->ops->ftruncate ? s->ops->ftruncate(s, f, len) :
	    scheme_op_missing(SCHEME_FTRUNCATE);
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
	return s->ops->getdents ? s->ops->getdents(s, f, buf, len) :
	    scheme_op_missing(SCHEME_GETDENTS);
}

void
vfs_close(struct scheme *s, uint64_t handle)
{
	if (s->ops->close)
		s->ops->close(s, handle);
}

int
vfs_dup(struct file *f, const char *name, size_t len, uint64_t *handle)
{
	struct scheme *s = f->scheme;
	struct cred c;

	proc_cred(&c);
	return s->ops->dup ? s->ops->dup(s, f, name, len, &c, handle) :
	    scheme_op_missing(SCHEME_DUP);
}

int
vfs_fstatvfs(struct file *f, struct redox_statvfs *st)
{
	struct scheme *s = f->scheme;
	memset(st, 0, sizeof *st);
	return s->ops->fstatvfs ? s->ops->fstatvfs(s, f, st) :
	    scheme_op_missing(SCHEME_FSTATVFS);
}

int
vfs_fchmod(struct file *f, uint32_t mode)
{
	struct scheme *s = f->scheme;
	struct cred c;

	proc_cred(&c);
	return s->ops->fchmod ? s->ops->fchmod(s, f, mode & 07777, &c) :
	    scheme_op_missing(SCHEME_FCHMOD);
}

int
vfs_fchown(struct file *f, uint32_t uid, uint32_t gid)
{
	struct scheme *s = f->scheme;
	struct cred c;

	proc_cred(&c);
	return s->ops->fchown ? s->ops->fchown(s, f, uid, gid, &c) :
	    scheme_op_missing(SCHEME_FCHOWN);
}

int
vfs_frename(struct file *f, const char *path, size_t len)
{
	struct scheme *s = f->scheme;
	const char *ref;
	size_t rlen;
	struct cred c;
	char *url = kmem_alloc(URL_MAX);
	long e = url ? vfs_resolve(path, len, url, URL_MAX) : -ENOMEM;

	if (e >= 0) {
		/* The new name must be in the same scheme. */
		long sl = url_split(url, (size_t)e, &ref, &rlen);
		if (sl < 0 || !str_eqn(url, (size_t)sl, s->name)) {
			e = -EXDEV;
		} else {
			proc_cred(&c);
			e = s->ops->frename ? s->ops->frename(s, f, ref, rlen, &c) :
			    scheme_op_missing(SCHEME_FRENAME);
		}
	}
	kmem_free(url);
	return (int)e;
}

int
vfs_futimens(struct file *f, const struct redox_timespec *ts)
{
	struct scheme *s = f->scheme;
	return s->ops->futimens ? s->ops->futimens(s, f, ts) :
	    scheme_op_missing(SCHEME_FUTIMENS);
}

int
vfs_fevent(struct file *f, uint32_t flags)
{
	struct scheme *s = f->scheme;
	return s->ops->fevent ? s->ops->fevent(s, f, flags) :
	    scheme_op_missing(SCHEME_FEVENT);
}

/*
 * Record locks.  The range's arithmetic (whence, a negative length) is
 * the scheme's, which holds the position and the size; what can be
 * checked without them is checked here, and nothing a scheme answers
 * reaches the caller unchecked.
 */
int
vfs_lock(struct file *f, uint32_t mode, struct redox_flock *fl)
{
	struct scheme *s = f->scheme;
	int16_t type = fl->l_type;

	if (type != F_RDLCK && type != F_WRLCK && type != F_UNLCK)
		return -EINVAL;
	if (fl->l_whence < SEEK_SET || fl->l_whence > SEEK_END)
		return -EINVAL;
	if (mode == SCHEME_LOCK_GET && type == F_UNLCK)
		return -EINVAL;
	if (mode != SCHEME_LOCK_GET && mode != SCHEME_LOCK_SET &&
	    mode != SCHEME_LOCK_WAIT)
		return -EINVAL;
	/* POSIX: a read lock needs a readable fd, a write lock a writable. */
	if (mode != SCHEME_LOCK_GET &&
	    ((type == F_RDLCK && !(f->flags & O_RDONLY)) ||
	    (type == F_WRLCK && !(f->flags & O_WRONLY))))
		return -EBADF;
	if (fl->l_whence == SEEK_SET && (fl->l_start < 0 ||
	    (fl->l_len < 0 && fl->l_start + fl->l_len < 0)))
		return -EINVAL;
	/* The last byte, l_start + l_len - 1, must be an off_t. */
	if (fl->l_whence == SEEK_SET && fl->l_len > 0 &&
	    fl->l_len - 1 > INT64_MAX - fl->l_start)
		return -EOVERFLOW;
	if (!s->ops->lock)
		return scheme_op_missing(SCHEME_LOCK);
	struct redox_flock in = *fl;
	int e = s->ops->lock(s, f, mode, fl);
	if (e || mode != SCHEME_LOCK_GET)
		return e;
	if (fl->l_type == F_UNLCK) {
		/* No conflict: only the type changes (POSIX). */
		in.l_type = F_UNLCK;
		*fl = in;
		return 0;
	}
	if ((fl->l_type != F_RDLCK && fl->l_type != F_WRLCK) ||
	    fl->l_whence != SEEK_SET || fl->l_start < 0 || fl->l_len < 0 ||
	    fl->l_pid <= 0)
		return -EIO;
	fl->_pad0 = fl->_pad1 = 0;
	return 0;
}

void
vfs_lock_release(struct file *f)
{
	struct scheme *s = f->scheme;
	if (s->ops->lock)
		s->ops->lock(s, f, SCHEME_LOCK_RELEASE, NULL);
}

int
vfs_read_all(struct file *f, uint64_t size, size_t max, uint8_t **out, size_t *len)
{
	if (size > max)
		return -EFBIG;
	/* 8-aligned (kmem gives 16) so the ELF parser can read structs. */
	uint8_t *buf = kmem_alloc(size ? size : 1);
	if (!buf)
		return -ENOMEM;
	size_t n = 0;
	while (n < size) {
		long r = vfs_read(f, buf + n, size - n);
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
