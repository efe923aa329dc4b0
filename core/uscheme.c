/*
 * uscheme.c - the kernel side of user-space schemes.
 *
 * A caller's operation becomes a request queued on the scheme; the caller
 * sleeps until the daemon's response with the same id arrives.  Requests
 * live in kernel memory: the payload of a write is copied in while the
 * caller runs, the data of a read is copied out to the caller after it
 * wakes.  Lifecycle (ARCHITECTURE.md): responses may come in any order; a
 * response for a caller that gave up is dropped (a late open's handle is
 * closed); when the daemon dies every request fails with -EIO and the name
 * disappears.
 */
#include "core/abi.h"
#include "core/event.h"
#include "core/file.h"
#include "core/kmem.h"
#include "core/list.h"
#include "core/log.h"
#include "core/proc.h"
#include "core/rootscheme.h"
#include "core/scheme.h"
#include "core/sched.h"
#include "core/str.h"
#include "core/uscheme.h"
#include "core/usercopy.h"

struct uscheme {
	struct scheme *scheme;
	struct list pending;	/* not yet read by the daemon */
	struct list inflight;	/* read, waiting for a response */
	struct waitq daemon;	/* the daemon's readers */
	uint64_t next_id;
	bool dead;
	uint64_t daemon_handle;	/* its ':' handle, for events */
	struct list stats;	/* struct ustat: O_STAT opens' stats, not yet asked for */
};

/*
 * The stat a daemon sent with an O_STAT open's handle (core/PROTOCOL.md):
 * the description's first fstat is answered from it, without a round
 * trip, so libc's stat (open, fstat, close) costs one.  Later fstats ask
 * the daemon; the handle's close drops an unused one.
 */
struct ustat {
	struct list link;
	uint64_t handle;
	struct redox_stat st;
};

struct ureq {
	struct list link;
	struct scheme_request hdr;
	const void *payload;
	void *reply;		/* where the response payload goes */
	size_t reply_cap;
	int64_t result;
	uint32_t reply_len;
	bool done, abandoned;
	bool taken;		/* the daemon has read it */
	struct waitq wait;
};

static const struct scheme_ops uscheme_ops;

bool
uscheme_is_handle(uint64_t handle)
{
	return handle & 1;
}

static struct uscheme *
from_handle(uint64_t handle)
{
	return (struct uscheme *)(uintptr_t)(handle & ~1ull);
}

static void
free_req(struct ureq *r)
{
	kmem_free(r);
}

/* Fails a request with err: wakes its caller, or frees it if abandoned. */
static void
finish(struct ureq *r, int64_t result)
{
	list_remove(&r->link);
	r->result = result;
	r->done = true;
	if (r->abandoned)
		free_req(r);
	else
		waitq_handoff(&r->wait);
}

static struct ureq *req_new(uint32_t op, uint64_t a, uint64_t b, uint64_t c,
    const void *payload, size_t len, void *reply, size_t reply_cap);
static int64_t call(struct uscheme *u, struct ureq *r, bool oneway);
static int64_t call_got(struct uscheme *u, struct ureq *r, uint32_t *got);

/* Tells the daemon that the caller of request id gave up, so that it can
 * drop a request it keeps (a read waiting for data) instead of answering
 * it to nobody with data the next reader wanted. */
static void
cancel(struct uscheme *u, uint64_t id)
{
	struct ureq *r = req_new(SCHEME_CANCEL, id, 0, 0, NULL, 0, NULL, 0);
	if (r)
		call(u, r, true);
}

/* Queues a request and, unless `oneway`, sleeps until it is answered. */
static int64_t
call(struct uscheme *u, struct ureq *r, bool oneway)
{
	if (oneway)
		return call_got(u, r, NULL) < 0 ? -EIO : 0;
	uint32_t got;
	return call_got(u, r, &got);
}

/* call(); got = NULL: one-way; else *got = the reply's payload length. */
static int64_t
call_got(struct uscheme *u, struct ureq *r, uint32_t *got)
{
	bool oneway = got == NULL;
	if (u->dead) {
		free_req(r);
		return -EIO;
	}
	struct cred c;
	proc_cred(&c);
	r->hdr.id = ++u->next_id;
	r->hdr.pid = c.pid;
	r->hdr.uid = c.uid;
	r->hdr.gid = c.gid;
	waitq_init(&r->wait);
	list_push_back(&u->pending, &r->link);
	waitq_handoff(&u->daemon);
	event_trigger(rootscheme(), u->daemon_handle, EVENT_READ);
	if (oneway) {
		r->abandoned = true;
		return 0;
	}
	while (!r->done) {
		if (waitq_sleep(&r->wait, 0, true) == -EINTR && !r->done) {
			/* The caller gives up.  Unread, the request just goes;
			 * read, it is answered to nobody. */
			if (!r->taken) {
				list_remove(&r->link);
				free_req(r);
				return -EINTR;
			}
			r->abandoned = true;
			cancel(u, r->hdr.id);
			return -EINTR;
		}
	}
	int64_t res = r->result;
	*got = r->reply_len;
	free_req(r);
	return res;
}

static struct ureq *
req_new(uint32_t op, uint64_t a, uint64_t b, uint64_t c, const void *payload,
    size_t len, void *reply, size_t reply_cap)
{
	struct ureq *r = kmem_alloc(sizeof *r);
	if (!r)
		return NULL;
	list_init(&r->link);
	r->hdr.op = op;
	r->hdr.a = a;
	r->hdr.b = b;
	r->hdr.c = c;
	r->hdr.len = (uint32_t)len;
	r->payload = payload;
	r->reply = reply;
	r->reply_cap = reply_cap;
	return r;
}

static int64_t
simple(struct scheme *s, uint32_t op, uint64_t a, uint64_t b, uint64_t c,
    const void *payload, size_t len, void *reply, size_t cap, uint32_t flags)
{
	if (len > SCHEME_PAYLOAD_MAX || cap > SCHEME_PAYLOAD_MAX)
		return -EINVAL;
	struct ureq *r = req_new(op, a, b, c, payload, len, reply, cap);
	if (!r)
		return -ENOMEM;
	r->hdr.flags = flags;
	return call(s->priv, r, false);
}

/* ---- the ops callers reach (through the registered name) ---- */

static struct ustat *
ustat_take(struct uscheme *u, uint64_t handle)
{
	struct list *l;
	list_for_each(l, &u->stats) {
		struct ustat *e = list_entry(l, struct ustat, link);
		if (e->handle == handle) {
			list_remove(&e->link);
			return e;
		}
	}
	return NULL;
}

static int
u_open(struct scheme *s, const char *ref, size_t len, uint32_t flags,
    const struct cred *c, uint64_t *handle)
{
	struct uscheme *u = s->priv;
	struct ustat *e = NULL;
	uint32_t got = 0;
	(void)c;
	if (len > SCHEME_PAYLOAD_MAX)
		return -EINVAL;
	/* Without memory for the stat the open still goes, as a plain one. */
	if (flags & O_STAT)
		e = kmem_alloc(sizeof *e);
	struct ureq *r = req_new(SCHEME_OPEN, 0, 0, 0, ref, len,
	    e ? &e->st : NULL, e ? sizeof e->st : 0);
	if (!r) {
		kmem_free(e);
		return -ENOMEM;
	}
	r->hdr.flags = flags;
	int64_t h = call_got(u, r, &got);
	if (h < 0 || !e || got != sizeof e->st) {
		kmem_free(e);
		if (h < 0)
			return (int)h;
	} else {
		e->handle = (uint64_t)h;
		list_push_back(&u->stats, &e->link);
	}
	*handle = (uint64_t)h;
	return 0;
}

/*
 * Reads and writes: a = handle, b = offset, c = length, d = SCHEME_IO_*
 * (abi.h).  The daemon keeps each handle's position; a positioned one
 * names its offset and leaves that position alone.
 */
static long
rw(struct scheme *s, struct file *f, uint32_t op, void *rbuf, const void *wbuf,
    size_t len, uint64_t off, uint64_t io)
{
	if (len > SCHEME_PAYLOAD_MAX)
		len = SCHEME_PAYLOAD_MAX;
	struct ureq *r = req_new(op, f->handle, off, len, wbuf, wbuf ? len : 0,
	    rbuf, rbuf ? len : 0);
	if (!r)
		return -ENOMEM;
	r->hdr.flags = f->flags;
	r->hdr.d = io;
	return call(s->priv, r, false);
}

static long
u_read(struct scheme *s, struct file *f, void *buf, size_t len)
{
	return rw(s, f, SCHEME_READ, buf, NULL, len, 0, 0);
}

static long
u_write(struct scheme *s, struct file *f, const void *buf, size_t len)
{
	return rw(s, f, SCHEME_WRITE, NULL, buf, len, 0, 0);
}

static long
u_pread(struct scheme *s, struct file *f, void *buf, size_t len, uint64_t off)
{
	return rw(s, f, SCHEME_READ, buf, NULL, len, off, SCHEME_IO_POSITIONED);
}

static long
u_pwrite(struct scheme *s, struct file *f, const void *buf, size_t len, uint64_t off)
{
	return rw(s, f, SCHEME_WRITE, NULL, buf, len, off, SCHEME_IO_POSITIONED);
}

static long
u_seek(struct scheme *s, struct file *f, int64_t off, int whence)
{
	return simple(s, SCHEME_SEEK, f->handle, (uint64_t)off, (uint64_t)whence,
	    NULL, 0, NULL, 0, 0);
}

static int
u_close(struct scheme *s, uint64_t handle)
{
	struct uscheme *u = s->priv;
	kmem_free(ustat_take(u, handle));
	if (u->dead)
		return 0;
	struct ureq *r = req_new(SCHEME_CLOSE, handle, 0, 0, NULL, 0, NULL, 0);
	if (r)
		call(u, r, true);
	return 0;
}

static int
u_dup(struct scheme *s, struct file *f, const char *buf, size_t len,
    const struct cred *c, uint64_t *handle)
{
	(void)c;
	int64_t r = simple(s, SCHEME_DUP, f->handle, 0, 0, buf, len, NULL, 0, 0);
	if (r < 0)
		return (int)r;
	*handle = (uint64_t)r;
	return 0;
}

static int
u_fstat(struct scheme *s, struct file *f, struct redox_stat *st)
{
	struct ustat *e = ustat_take(s->priv, f->handle);
	if (e) {
		*st = e->st;
		kmem_free(e);
		return 0;
	}
	return (int)simple(s, SCHEME_FSTAT, f->handle, 0, sizeof *st, NULL, 0, st, sizeof *st, 0);
}

static int
u_fstatvfs(struct scheme *s, struct file *f, struct redox_statvfs *st)
{
	return (int)simple(s, SCHEME_FSTATVFS, f->handle, 0, sizeof *st, NULL, 0, st, sizeof *st, 0);
}

static int
u_fsync(struct scheme *s, struct file *f)
{
	return (int)simple(s, SCHEME_FSYNC, f->handle, 0, 0, NULL, 0, NULL, 0, 0);
}

static int
u_ftruncate(struct scheme *s, struct file *f, uint64_t len)
{
	return (int)simple(s, SCHEME_FTRUNCATE, f->handle, len, 0, NULL, 0, NULL, 0, 0);
}

static long
u_fpath(struct scheme *s, struct file *f, char *buf, size_t len)
{
	return simple(s, SCHEME_FPATH, f->handle, 0, len, NULL, 0, buf, len, 0);
}

static int
u_fchmod(struct scheme *s, struct file *f, uint32_t mode, const struct cred *c)
{
	(void)c;
	return (int)simple(s, SCHEME_FCHMOD, f->handle, mode, 0, NULL, 0, NULL, 0, 0);
}

static int
u_fchown(struct scheme *s, struct file *f, uint32_t uid, uint32_t gid, const struct cred *c)
{
	(void)c;
	return (int)simple(s, SCHEME_FCHOWN, f->handle, uid, gid, NULL, 0, NULL, 0, 0);
}

static int
u_frename(struct scheme *s, struct file *f, const char *ref, size_t len, const struct cred *c)
{
	(void)c;
	return (int)simple(s, SCHEME_FRENAME, f->handle, 0, 0, ref, len, NULL, 0, 0);
}

static int
u_futimens(struct scheme *s, struct file *f, const struct redox_timespec *ts)
{
	return (int)simple(s, SCHEME_FUTIMENS, f->handle, 0, 0, ts, 2 * sizeof *ts, NULL, 0, 0);
}

static int
u_unlink(struct scheme *s, const char *ref, size_t len, const struct cred *c)
{
	(void)c;
	return (int)simple(s, SCHEME_UNLINK, 0, 0, 0, ref, len, NULL, 0, 0);
}

static int
u_rmdir(struct scheme *s, const char *ref, size_t len, const struct cred *c)
{
	(void)c;
	return (int)simple(s, SCHEME_RMDIR, 0, 0, 0, ref, len, NULL, 0, 0);
}

static int
u_mkdir(struct scheme *s, const char *ref, size_t len, uint32_t mode, const struct cred *c)
{
	(void)c;
	return (int)simple(s, SCHEME_MKDIR, 0, mode, 0, ref, len, NULL, 0, 0);
}

static long
u_getdents(struct scheme *s, struct file *f, void *buf, size_t len)
{
	if (len > SCHEME_PAYLOAD_MAX)
		len = SCHEME_PAYLOAD_MAX;
	return simple(s, SCHEME_GETDENTS, f->handle, 0, len, NULL, 0, buf, len, 0);
}

static int
u_fevent(struct scheme *s, struct file *f, uint32_t flags)
{
	return (int)simple(s, SCHEME_FEVENT, f->handle, flags, 0, NULL, 0, NULL, 0, 0);
}

/*
 * Record locks: a = handle, d = SCHEME_LOCK_*, the lock as the caller
 * gave it in the payload (the daemon resolves whence: it holds the
 * position and the size).  GET's answer is the conflicting lock, whole.
 * A WAIT sleeps until the daemon grants it; a signal gives -EINTR and
 * the daemon a CANCEL (call()).  RELEASE is one-way, like CLOSE.
 */
static int
u_lock(struct scheme *s, struct file *f, uint32_t mode, struct redox_flock *fl)
{
	struct uscheme *u = s->priv;
	struct ureq *r;

	if (mode == SCHEME_LOCK_RELEASE) {
		if (u->dead)
			return 0;
		r = req_new(SCHEME_LOCK, f->handle, 0, 0, NULL, 0, NULL, 0);
		if (!r)
			return -ENOMEM;
		r->hdr.d = SCHEME_LOCK_RELEASE;
		call(u, r, true);
		return 0;
	}
	r = req_new(SCHEME_LOCK, f->handle, 0, 0, fl, sizeof *fl, fl,
	    mode == SCHEME_LOCK_GET ? sizeof *fl : 0);
	if (!r)
		return -ENOMEM;
	r->hdr.flags = f->flags;
	r->hdr.d = mode;
	return (int)call(u, r, false);
}

static void
u_release(struct scheme *s)
{
	struct uscheme *u = s->priv;
	while (!list_empty(&u->stats)) {
		struct ustat *e = list_entry(u->stats.next, struct ustat, link);
		list_remove(&e->link);
		kmem_free(e);
	}
	kmem_free(u);
}

static const struct scheme_ops uscheme_ops = {
	.open = u_open, .read = u_read, .write = u_write, .pread = u_pread,
	.pwrite = u_pwrite, .seek = u_seek,
	.close = u_close, .dup = u_dup, .fstat = u_fstat, .fstatvfs = u_fstatvfs,
	.fsync = u_fsync, .ftruncate = u_ftruncate, .fpath = u_fpath,
	.fchmod = u_fchmod, .fchown = u_fchown, .frename = u_frename,
	.futimens = u_futimens, .unlink = u_unlink, .rmdir = u_rmdir,
	.mkdir = u_mkdir, .getdents = u_getdents, .fevent = u_fevent,
	.lock = u_lock,
	.release = u_release,
};

/* ---- the daemon's end (a ':' handle) ---- */

int
uscheme_create(const char *name, size_t len, uint32_t flags,
    const struct cred *c, uint64_t *handle)
{
	(void)flags;
	if (c->uid != 0)
		return -EACCES;
	while (len && name[len - 1] == '/')
		len--;
	struct uscheme *u = kmem_alloc(sizeof *u);
	if (!u)
		return -ENOMEM;
	list_init(&u->pending);
	list_init(&u->inflight);
	list_init(&u->stats);
	waitq_init(&u->daemon);
	int e = scheme_register(name, len, &uscheme_ops, u, &u->scheme);
	if (e) {
		kmem_free(u);
		return e;
	}
	/* The daemon's handle keeps the scheme (and so u) alive. */
	scheme_get(u->scheme);
	*handle = (uint64_t)(uintptr_t)u | 1;
	u->daemon_handle = *handle;
	return 0;
}

int
uscheme_remove(const char *name, size_t len, const struct cred *c)
{
	if (c->uid != 0)
		return -EACCES;
	struct scheme *s = scheme_find(name, len);
	if (!s)
		return -ENOENT;
	if (s->ops != &uscheme_ops) {
		scheme_put(s);
		return -EPERM;
	}
	scheme_unregister(s);
	scheme_put(s);
	return 0;
}

/*
 * The daemon's side of a transfer: a kernel buffer (k), or the daemon's
 * own memory (u, through the checked user copies).  Taking the daemon's
 * memory directly saves the syscall layer's bounce: a request's payload
 * goes from the caller's kernel buffer straight out to the daemon, and a
 * reply's payload straight in to the caller's kernel buffer, while the
 * daemon runs (ARCHITECTURE.md, "User memory").
 */
struct dbuf {
	char *k;
	uintptr_t u;
};

static int
dbuf_out(const struct dbuf *b, size_t at, const void *src, size_t n)
{
	if (b->k) {
		memcpy(b->k + at, src, n);
		return 0;
	}
	return uc_copy_out(b->u + at, src, n) ? -EFAULT : 0;
}

static int
dbuf_in(const struct dbuf *b, size_t at, void *dst, size_t n)
{
	if (b->k) {
		memcpy(dst, b->k + at, n);
		return 0;
	}
	return uc_copy_in(dst, b->u + at, n) ? -EFAULT : 0;
}

static long
daemon_read(struct file *f, const struct dbuf *buf, size_t len)
{
	struct uscheme *u = from_handle(f->handle);
	while (list_empty(&u->pending)) {
		if (u->dead)
			return 0;
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (waitq_sleep(&u->daemon, 0, true) == -EINTR)
			return -EINTR;
	}
	struct ureq *r = list_entry(u->pending.next, struct ureq, link);
	size_t need = sizeof r->hdr + r->hdr.len;
	if (len < need)
		return -EINVAL;
	/* A fault leaves the request queued for the next read. */
	if (dbuf_out(buf, 0, &r->hdr, sizeof r->hdr) ||
	    (r->hdr.len && dbuf_out(buf, sizeof r->hdr, r->payload, r->hdr.len)))
		return -EFAULT;
	list_remove(&r->link);
	r->taken = true;
	if (r->abandoned && scheme_request_oneway(r->hdr.op, r->hdr.d)) {
		free_req(r);	/* one-way: no answer expected */
	} else {
		r->payload = NULL;	/* the caller's buffer may go away */
		list_push_back(&u->inflight, &r->link);
	}
	return (long)need;
}

/*
 * What a caller may see of a daemon's result, n payload bytes having come
 * with it: a byte count never above what moved, a status only 0 or an
 * errno, a stat only whole, readiness only what was asked; anything else
 * is -EIO.  The core trusts no reply.
 */
static int64_t
reply_result(const struct ureq *r, int64_t res, size_t n)
{
	if (res < 0)
		return res < -(int64_t)ERRNO_MAX ? -EIO : res;
	switch (r->hdr.op) {
	case SCHEME_OPEN:
	case SCHEME_DUP:
	case SCHEME_SEEK:
		return res;			/* a handle or a position */
	case SCHEME_READ:
	case SCHEME_GETDENTS:
	case SCHEME_FPATH:
		return res > (int64_t)n ? (int64_t)n : res;
	case SCHEME_WRITE:
		return res > (int64_t)r->hdr.len ? (int64_t)r->hdr.len : res;
	case SCHEME_FEVENT:
		return res & (int64_t)r->hdr.b & (EVENT_READ | EVENT_WRITE);
	case SCHEME_FSTAT:
	case SCHEME_FSTATVFS:
	case SCHEME_LOCK:	/* GET's answer whole; the others have none */
		return res == 0 && n == r->reply_cap ? 0 : -EIO;
	default:
		return res == 0 ? 0 : -EIO;
	}
}

static long
daemon_write(struct file *f, const struct dbuf *buf, size_t len)
{
	struct uscheme *u = from_handle(f->handle);
	struct scheme_response resp;
	struct dbuf src = *buf;	/* where the payload is */
	size_t at = sizeof resp;
	if (len < sizeof resp)
		return -EINVAL;
	if (dbuf_in(buf, 0, &resp, sizeof resp))
		return -EFAULT;
	if (resp.flags & SCHEME_RESP_EVENT) {
		if (resp.len > len - sizeof resp)
			return -EINVAL;
		event_trigger(u->scheme, resp.id, (uint32_t)resp.result);
		return (long)len;
	}
	if (resp.flags & SCHEME_RESP_AT) {
		/*
		 * The payload stays where the daemon has it (its cache) and
		 * is copied once, from there to the caller's buffer: only
		 * from the daemon's own memory, checked whole.
		 */
		uint64_t addr;
		if (buf->k || len - sizeof resp < sizeof addr)
			return -EINVAL;
		if (dbuf_in(buf, sizeof resp, &addr, sizeof addr))
			return -EFAULT;
		if (!uc_check((uintptr_t)addr, resp.len, 0))
			return -EFAULT;
		src = (struct dbuf){ NULL, (uintptr_t)addr };
		at = 0;
	} else if (resp.len > len - sizeof resp) {
		return -EINVAL;
	}
	struct list *l;
	list_for_each(l, &u->inflight) {
		struct ureq *r = list_entry(l, struct ureq, link);
		if (r->hdr.id != resp.id)
			continue;
		if (r->abandoned) {
			/* Nobody waits; give back what a late open made. */
			uint32_t op = r->hdr.op;
			list_remove(&r->link);
			free_req(r);
			if ((op == SCHEME_OPEN || op == SCHEME_DUP) && resp.result >= 0)
				u_close(u->scheme, (uint64_t)resp.result);
			return (long)len;
		}
		size_t n = resp.len < r->reply_cap ? resp.len : r->reply_cap;
		/* A fault leaves the request waiting for a good answer. */
		if (n && dbuf_in(&src, at, r->reply, n))
			return -EFAULT;
		r->reply_len = (uint32_t)n;
		finish(r, reply_result(r, resp.result, n));
		return (long)len;
	}
	return (long)len;	/* a response for a caller that is gone */
}

long
uscheme_daemon_read(struct file *f, void *buf, size_t len)
{
	struct dbuf b = { buf, 0 };
	return daemon_read(f, &b, len);
}

long
uscheme_daemon_write(struct file *f, const void *buf, size_t len)
{
	struct dbuf b = { (char *)(uintptr_t)buf, 0 };
	return daemon_write(f, &b, len);
}

bool
uscheme_daemon_file(const struct file *f)
{
	return f->scheme == rootscheme() && uscheme_is_handle(f->handle);
}

/* The daemon's read and write syscalls on its ':' descriptor; the caller
 * checked the whole user range. */
long
uscheme_daemon_read_user(struct file *f, uintptr_t buf, size_t len)
{
	struct dbuf b = { NULL, buf };
	if (!(f->flags & O_RDONLY))
		return -EBADF;
	file_get(f);
	long n = daemon_read(f, &b, len);
	file_put(f);
	return n;
}

long
uscheme_daemon_write_user(struct file *f, uintptr_t buf, size_t len)
{
	struct dbuf b = { NULL, buf };
	if (!(f->flags & O_WRONLY))
		return -EBADF;
	file_get(f);
	long n = daemon_write(f, &b, len);
	file_put(f);
	return n;
}

void
uscheme_daemon_close(uint64_t handle)
{
	struct uscheme *u = from_handle(handle);
	u->dead = true;
	while (!list_empty(&u->pending))
		finish(list_entry(u->pending.next, struct ureq, link), -EIO);
	while (!list_empty(&u->inflight))
		finish(list_entry(u->inflight.next, struct ureq, link), -EIO);
	waitq_wake(&u->daemon, -1);
	struct scheme *s = u->scheme;
	scheme_unregister(s);
	scheme_put(s);
}

int
uscheme_daemon_fevent(struct file *f, uint32_t flags)
{
	struct uscheme *u = from_handle(f->handle);
	return (int)(flags & ((list_empty(&u->pending) ? 0 : EVENT_READ) | EVENT_WRITE));
}
