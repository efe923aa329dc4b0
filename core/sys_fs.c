/*
 * sys_fs.c - file syscalls: user arguments checked and copied, then the
 * vfs layer.  Data crosses in chunks of at most SCHEME_PAYLOAD_MAX through
 * a kernel buffer; a short or failed chunk ends the call, so programs see
 * one read or write.
 */
#include "core/abi.h"
#include "core/fd.h"
#include "core/file.h"
#include "core/kmem.h"
#include "core/pipe.h"
#include "core/proc.h"
#include "core/scheme.h"
#include "core/sched.h"
#include "core/str.h"
#include "core/syscall.h"
#include "core/url.h"
#include "core/usercopy.h"
#include "core/uscheme.h"
#include "core/vfs.h"

/*
 * One transfer's kernel buffer: a packet's payload, so a user scheme
 * takes each chunk whole (a shorter answer ends the call).  A daemon's
 * own packets (header plus payload) skip it: uscheme moves them straight
 * between its memory and the requests.
 */
#define CHUNK SCHEME_PAYLOAD_MAX
#define SMALL 256

/*
 * The kernel buffer for a transfer: small ones on the stack, larger ones
 * in the thread's own bounce buffer (made at its first large transfer and
 * kept until it exits), so a read or write allocates nothing.
 */
static char *
bounce(size_t len, char *small)
{
	if (len <= SMALL)
		return small;
	struct thread *t = sched_current();
	if (!t->bounce)
		t->bounce = kmem_alloc(CHUNK);
	return t->bounce;
}

static struct file *
getf(long fd)
{
	struct proc *p = proc_current();
	if (fd < 0 || fd >= FD_MAX)
		return NULL;
	return fd_get(p->fds, (int)fd);
}

/* Copies a (pointer, length) path into a new kernel string. */
static long
path_in(long ptr, long len, char **out)
{
	if (len <= 0)
		return len == 0 ? -ENOENT : -EINVAL;
	if (len >= URL_MAX)
		return -ENAMETOOLONG;
	char *k = kmem_alloc((size_t)len + 1);
	if (!k)
		return -ENOMEM;
	if (uc_copy_in(k, (uintptr_t)ptr, (size_t)len) != 0) {
		kmem_free(k);
		return -EFAULT;
	}
	*out = k;
	return 0;
}

long
sys_open(long path, long len, long flags)
{
	char *k;
	struct file *f;
	long e = path_in(path, len, &k);
	if (e)
		return e;
	e = vfs_open(k, (size_t)len, (uint32_t)flags, &f);
	kmem_free(k);
	if (e)
		return e;
	int fd = fd_alloc(proc_current()->fds, f, (flags & O_CLOEXEC) != 0, 0);
	if (fd < 0)
		file_put(f);
	return fd;
}

long
sys_close(long fd)
{
	if (fd < 0 || fd >= FD_MAX)
		return -EBADF;
	return fd_close(proc_current()->fds, (int)fd);
}

/*
 * read and write: the user range is checked whole first, then moved in
 * chunks through the kernel buffer; a short or failed chunk ends the call
 * and the bytes moved so far are the result.  pos < 0: at the file's
 * position; else positioned (pread/pwrite) at pos.
 */
static long
chunk(struct file *f, char *k, size_t want, uintptr_t at, int64_t pos, bool write)
{
	long n;
	if (write) {
		n = uc_copy_in(k, at, want);
		if (n == 0)
			n = pos < 0 ? vfs_write(f, k, want) : vfs_pwrite(f, k, want, (uint64_t)pos);
	} else {
		n = pos < 0 ? vfs_read(f, k, want) : vfs_pread(f, k, want, (uint64_t)pos);
		if (n > 0 && uc_copy_out(at, k, (size_t)n) != 0)
			n = -EFAULT;
	}
	return n;
}

static long
transfer(struct file *f, long buf, long len, int64_t pos, bool write)
{
	if (len < 0)
		return -EINVAL;
	if (!uc_check((uintptr_t)buf, (size_t)len, !write))
		return -EFAULT;
	if (len == 0)
		return 0;
	/* A daemon's requests and replies go straight to the kernel side. */
	if (uscheme_daemon_file(f) && pos < 0)
		return write ? uscheme_daemon_write_user(f, (uintptr_t)buf, (size_t)len) :
		    uscheme_daemon_read_user(f, (uintptr_t)buf, (size_t)len);
	size_t cap = (size_t)len < CHUNK ? (size_t)len : CHUNK;
	char small[SMALL];
	char *k = bounce(cap, small);
	if (!k)
		return -ENOMEM;
	file_get(f);
	long done = 0;
	while (done < len) {
		size_t want = (size_t)(len - done) < cap ? (size_t)(len - done) : cap;
		uintptr_t at = (uintptr_t)buf + (size_t)done;
		long n = chunk(f, k, want, at, pos < 0 ? -1 : pos + done, write);
		if (n < 0) {
			if (!done)
				done = n;
			break;
		}
		done += n;
		if ((size_t)n < want)
			break;
	}
	file_put(f);
	return done;
}

long
sys_read(long fd, long buf, long len)
{
	struct file *f = getf(fd);
	return f ? transfer(f, buf, len, -1, false) : -EBADF;
}

long
sys_write(long fd, long buf, long len)
{
	struct file *f = getf(fd);
	return f ? transfer(f, buf, len, -1, true) : -EBADF;
}

/*
 * pread and pwrite (READ2, WRITE2): as read and write at off, leaving
 * the file position alone.  No flags are defined yet.
 */
static long
ptransfer(long fd, long buf, long len, long off, long flags, bool write)
{
	struct file *f = getf(fd);
	if (!f)
		return -EBADF;
	if (flags != 0 || off < 0)
		return -EINVAL;
	if (!(f->flags & (write ? O_WRONLY : O_RDONLY)))
		return -EBADF;
	if (len > 0 && (uint64_t)len > (uint64_t)INT64_MAX - (uint64_t)off)
		return -EINVAL;
	if (len == 0) {
		/* Nothing to move, but an unseekable file still says so. */
		char z;
		return write ? vfs_pwrite(f, &z, 0, (uint64_t)off) :
		    vfs_pread(f, &z, 0, (uint64_t)off);
	}
	return transfer(f, buf, len, off, write);
}

long
sys_read2(long fd, long buf, long len, long off, long flags)
{
	return ptransfer(fd, buf, len, off, flags, false);
}

long
sys_write2(long fd, long buf, long len, long off, long flags)
{
	return ptransfer(fd, buf, len, off, flags, true);
}

long
sys_lseek(long fd, long off, long whence)
{
	struct file *f = getf(fd);
	return f ? vfs_seek(f, off, (int)whence) : -EBADF;
}

long
sys_dup(long fd, long buf, long len)
{
	struct proc *p = proc_current();
	struct file *f = getf(fd), *nf;
	if (!f)
		return -EBADF;
	if (len == 0) {
		file_get(f);
		int nfd = fd_alloc(p->fds, f, false, 0);
		if (nfd < 0)
			file_put(f);
		return nfd;
	}
	if (len < 0 || len > 4096)
		return -EINVAL;
	char *k;
	long e = path_in(buf, len, &k);
	if (e)
		return e;
	uint64_t h;
	e = vfs_dup(f, k, (size_t)len, &h);
	/* dup(pipe, "write") gives the write end: its access mode follows. */
	uint32_t fl = f->flags;
	if (str_eqn(k, (size_t)len, "write"))
		fl = (fl & ~(uint32_t)O_ACCMODE) | O_WRONLY;
	else if (str_eqn(k, (size_t)len, "read"))
		fl = (fl & ~(uint32_t)O_ACCMODE) | O_RDONLY;
	kmem_free(k);
	if (e)
		return e;
	nf = file_new(f->scheme, h, fl);
	if (!nf) {
		vfs_close(f->scheme, h);
		return -ENOMEM;
	}
	int nfd = fd_alloc(p->fds, nf, false, 0);
	if (nfd < 0)
		file_put(nf);
	return nfd;
}

long
sys_dup2(long fd, long newfd, long buf, long len)
{
	if (len != 0 || buf != 0)
		return -EINVAL;
	if (newfd < 0 || newfd >= FD_MAX)
		return -EBADF;
	return fd_dup2(proc_current()->fds, (int)fd, (int)newfd);
}

long
sys_pipe2(long fds, long flags)
{
	struct proc *p = proc_current();
	struct file *r, *w;
	int32_t out[2];
	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	if (!uc_check((uintptr_t)fds, sizeof out, 1))
		return -EFAULT;
	long e = pipe_create((uint32_t)flags, &r, &w);
	if (e)
		return e;
	bool cx = (flags & O_CLOEXEC) != 0;
	out[0] = fd_alloc(p->fds, r, cx, 0);
	if (out[0] < 0) {
		file_put(r);
		file_put(w);
		return out[0];
	}
	out[1] = fd_alloc(p->fds, w, cx, 0);
	if (out[1] < 0) {
		file_put(w);
		fd_close(p->fds, out[0]);
		return out[1];
	}
	if (uc_copy_out((uintptr_t)fds, out, sizeof out) != 0) {
		fd_close(p->fds, out[0]);
		fd_close(p->fds, out[1]);
		return -EFAULT;
	}
	return 0;
}

long
sys_fstat(long fd, long st, long size)
{
	struct file *f = getf(fd);
	struct redox_stat k;
	if (!f)
		return -EBADF;
	if (size < (long)sizeof k)
		return -EINVAL;
	long e = vfs_fstat(f, &k);
	if (e)
		return e;
	return uc_copy_out((uintptr_t)st, &k, sizeof k);
}

long
sys_fstatvfs(long fd, long st, long size)
{
	struct file *f = getf(fd);
	struct redox_statvfs k;
	if (!f)
		return -EBADF;
	if (size < (long)sizeof k)
		return -EINVAL;
	long e = vfs_fstatvfs(f, &k);
	if (e)
		return e;
	return uc_copy_out((uintptr_t)st, &k, sizeof k);
}

long
sys_fsync(long fd)
{
	struct file *f = getf(fd);
	return f ? vfs_fsync(f) : -EBADF;
}

long
sys_ftruncate(long fd, long len)
{
	struct file *f = getf(fd);
	if (!f)
		return -EBADF;
	return len < 0 ? -EINVAL : vfs_ftruncate(f, (uint64_t)len);
}

long
sys_fpath(long fd, long buf, long len)
{
	struct file *f = getf(fd);
	if (!f)
		return -EBADF;
	if (len < 0)
		return -EINVAL;
	if (!uc_check((uintptr_t)buf, (size_t)len, 1))
		return -EFAULT;
	size_t cap = (size_t)len < URL_MAX ? (size_t)len : URL_MAX;
	char *k = kmem_alloc(cap + 1);
	if (!k)
		return -ENOMEM;
	long n = vfs_fpath(f, k, cap);
	if (n > 0 && uc_copy_out((uintptr_t)buf, k, (size_t)n) != 0)
		n = -EFAULT;
	kmem_free(k);
	return n;
}

long
sys_fchmod(long fd, long mode)
{
	struct file *f = getf(fd);
	return f ? vfs_fchmod(f, (uint32_t)mode) : -EBADF;
}

long
sys_fchown(long fd, long uid, long gid)
{
	struct file *f = getf(fd);
	return f ? vfs_fchown(f, (uint32_t)uid, (uint32_t)gid) : -EBADF;
}

long
sys_frename(long fd, long path, long len)
{
	struct file *f = getf(fd);
	char *k;
	if (!f)
		return -EBADF;
	long e = path_in(path, len, &k);
	if (e)
		return e;
	e = vfs_frename(f, k, (size_t)len);
	kmem_free(k);
	return e;
}

long
sys_futimens(long fd, long ts, long size)
{
	struct file *f = getf(fd);
	struct redox_timespec k[2];
	if (!f)
		return -EBADF;
	if (size < (long)sizeof k)
		return -EINVAL;
	if (uc_copy_in(k, (uintptr_t)ts, sizeof k) != 0)
		return -EFAULT;
	return vfs_futimens(f, k);
}

long
sys_unlink_common(long path, long len, int dir)
{
	char *k;
	long e = path_in(path, len, &k);
	if (e)
		return e;
	e = vfs_unlink(k, (size_t)len, dir);
	kmem_free(k);
	return e;
}

long
sys_mkdir(long path, long len, long mode)
{
	char *k;
	long e = path_in(path, len, &k);
	if (e)
		return e;
	e = vfs_mkdir(k, (size_t)len, (uint32_t)mode);
	kmem_free(k);
	return e;
}

long
sys_getdents(long fd, long buf, long len)
{
	struct file *f = getf(fd);
	if (!f)
		return -EBADF;
	if (len <= 0)
		return -EINVAL;
	if (!uc_check((uintptr_t)buf, (size_t)len, 1))
		return -EFAULT;
	size_t cap = (size_t)len < CHUNK ? (size_t)len : CHUNK;
	char small[SMALL];
	char *k = bounce(cap, small);
	if (!k)
		return -ENOMEM;
	long n = vfs_getdents(f, k, cap);
	if (n > 0 && uc_copy_out((uintptr_t)buf, k, (size_t)n) != 0)
		n = -EFAULT;
	return n;
}

long
sys_chdir(long path, long len)
{
	struct proc *p = proc_current();
	char *k, *url;
	struct file *f;
	struct redox_stat st;
	long e = path_in(path, len, &k);
	if (e)
		return e;
	url = kmem_alloc(URL_MAX);
	e = url ? vfs_resolve(k, (size_t)len, url, URL_MAX) : -ENOMEM;
	if (e >= 0) {
		long n = e;
		e = vfs_open(url, (size_t)n, O_STAT | O_DIRECTORY, &f);
		if (!e) {
			e = vfs_fstat(f, &st);
			file_put(f);
			if (!e && (st.st_mode & MODE_TYPE) != MODE_DIR)
				e = -ENOTDIR;
		}
		if (!e) {
			char *c = kmem_strndup(url, (size_t)n);
			if (c) {
				kmem_free(p->cwd);
				p->cwd = c;
				p->cwd_len = (size_t)n;
			} else
				e = -ENOMEM;
		}
	}
	kmem_free(url);
	kmem_free(k);
	return e;
}

long
sys_getcwd(long buf, long len)
{
	struct proc *p = proc_current();
	if (len < 0)
		return -EINVAL;
	if ((size_t)len < p->cwd_len)
		return -ERANGE;
	if (uc_copy_out((uintptr_t)buf, p->cwd, p->cwd_len) != 0)
		return -EFAULT;
	return (long)p->cwd_len;
}

/*
 * Record locks: the struct redox_flock is copied in, checked (vfs_lock)
 * and, for F_GETLK, copied back.  The description is held across the
 * call: F_SETLKW may sleep while another thread closes the fd.
 */
static long
fcntl_lock(struct proc *p, struct file *f, long cmd, long arg)
{
	struct redox_flock fl;
	uint32_t mode = cmd == F_GETLK ? SCHEME_LOCK_GET :
	    cmd == F_SETLK ? SCHEME_LOCK_SET : SCHEME_LOCK_WAIT;

	if (uc_copy_in(&fl, (uintptr_t)arg, sizeof fl) != 0)
		return -EFAULT;
	/* Set before the request: a close racing a grant still releases. */
	if (mode != SCHEME_LOCK_GET && fl.l_type != F_UNLCK)
		p->fds->locks = true;
	file_get(f);
	int e = vfs_lock(f, mode, &fl);
	file_put(f);
	if (e == 0 && mode == SCHEME_LOCK_GET &&
	    uc_copy_out((uintptr_t)arg, &fl, sizeof fl) != 0)
		e = -EFAULT;
	return e;
}

long
sys_fcntl(long fd, long cmd, long arg)
{
	struct proc *p = proc_current();
	struct file *f = getf(fd);
	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
		if (arg < 0 || arg >= FD_MAX)
			return -EINVAL;
		file_get(f);
		long nfd = fd_alloc(p->fds, f, false, (int)arg);
		if (nfd < 0)
			file_put(f);
		return nfd;
	case F_GETFD:
		return fd_get_cloexec(p->fds, (int)fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		return fd_set_cloexec(p->fds, (int)fd, (arg & FD_CLOEXEC) != 0);
	case F_GETFL:
		return f->flags;
	case F_SETFL:
		f->flags = (f->flags & ~(uint32_t)O_FCNTL_MASK) | ((uint32_t)arg & O_FCNTL_MASK);
		return 0;
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
		return fcntl_lock(p, f, cmd, arg);
	default:
		return -EINVAL;
	}
}

long
sys_umask(long mask)
{
	struct proc *p = proc_current();
	long old = p->umask;
	p->umask = (uint32_t)mask & 0777;
	return old;
}
