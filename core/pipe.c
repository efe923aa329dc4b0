/*
 * pipe.c - pipes.  A reader blocks while the ring is empty and writers
 * remain; a writer blocks while it is full and readers remain.  Writing
 * with no reader left raises SIGPIPE and fails with -EPIPE.  As in Redox,
 * open("pipe:") gives a read end and dup(fd, "write") its write end.
 */
#include "core/abi.h"
#include "core/event.h"
#include "core/file.h"
#include "core/kmem.h"
#include "core/limits.h"
#include "core/pipe.h"
#include "core/proc.h"
#include "core/scheme.h"
#include "core/sched.h"
#include "core/signal.h"
#include "core/str.h"
#include "hal/hal.h"

#define PIPE_BUF_SIZE 65536
#define PIPE_ATOMIC 4096	/* POSIX PIPE_BUF: writes this small go in whole */

struct pipe {
	char *buf;
	size_t head, tail;	/* bytes are buf[tail..head) mod size */
	int readers, writers;
	struct waitq rq, wq;
	struct list ends;	/* for events */
};

struct end {
	struct pipe *p;
	bool write;
	struct list link;
};

static struct scheme *pipe_scheme;

static uint64_t
end_new(struct pipe *p, bool write)
{
	struct end *e = kmem_alloc(sizeof *e);
	if (!e)
		return 0;
	e->p = p;
	e->write = write;
	list_push_back(&p->ends, &e->link);
	if (write)
		p->writers++;
	else
		p->readers++;
	return (uint64_t)(uintptr_t)e;
}

static struct end *
end_of(struct file *f)
{
	return (struct end *)(uintptr_t)f->handle;
}

static struct pipe *
pipe_new(void)
{
	/* The ring is the only memory a pipe takes; users leave the reserve. */
	if (limits_kmem_check(proc_current(), PIPE_BUF_SIZE / HAL_PAGE_SIZE + 1) != 0)
		return NULL;
	struct pipe *p = kmem_alloc(sizeof *p);
	if (!p)
		return NULL;
	p->buf = kmem_alloc(PIPE_BUF_SIZE);
	if (!p->buf) {
		kmem_free(p);
		return NULL;
	}
	waitq_init(&p->rq);
	waitq_init(&p->wq);
	list_init(&p->ends);
	return p;
}

/* Tells event queues that the read (or write) ends became ready. */
static void
notify(struct pipe *p, bool write_ends)
{
	struct list *l;
	list_for_each(l, &p->ends) {
		struct end *e = list_entry(l, struct end, link);
		if (e->write == write_ends)
			event_trigger(pipe_scheme, (uint64_t)(uintptr_t)e,
			    write_ends ? EVENT_WRITE : EVENT_READ);
	}
}

static int
pp_open(struct scheme *s, const char *ref, size_t len, uint32_t flags,
    const struct cred *c, uint64_t *handle)
{
	(void)s; (void)ref; (void)len; (void)flags; (void)c;
	struct pipe *p = pipe_new();
	if (!p)
		return -ENOMEM;
	*handle = end_new(p, false);
	if (!*handle) {
		kmem_free(p->buf);
		kmem_free(p);
		return -ENOMEM;
	}
	return 0;
}

static int
pp_dup(struct scheme *s, struct file *f, const char *buf, size_t len,
    const struct cred *c, uint64_t *handle)
{
	(void)s; (void)c;
	struct end *e = end_of(f);
	bool write = e->write;
	if (str_eqn(buf, len, "write"))
		write = true;
	else if (str_eqn(buf, len, "read"))
		write = false;
	else if (len != 0)
		return -EINVAL;
	*handle = end_new(e->p, write);
	return *handle ? 0 : -ENOMEM;
}

static long
pp_read(struct scheme *s, struct file *f, void *buf, size_t len)
{
	struct end *e = end_of(f);
	struct pipe *p = e->p;
	if (e->write)
		return -EBADF;
	while (p->head == p->tail) {
		if (p->writers == 0)
			return 0;
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (waitq_sleep(&p->rq, 0, true) == -EINTR)
			return -EINTR;
	}
	size_t n = 0;
	while (n < len && p->tail != p->head)
		((char *)buf)[n++] = p->buf[p->tail++ % PIPE_BUF_SIZE];
	(void)s;
	waitq_wake(&p->wq, -1);
	notify(p, true);
	return (long)n;
}

static long
pp_write(struct scheme *s, struct file *f, const void *buf, size_t len)
{
	struct end *e = end_of(f);
	struct pipe *p = e->p;
	size_t n = 0;
	(void)s;
	if (!e->write)
		return -EBADF;
	while (n < len) {
		if (p->readers == 0) {
			signal_send(proc_current(), SIGPIPE);
			return n ? (long)n : -EPIPE;
		}
		size_t room = PIPE_BUF_SIZE - (p->head - p->tail);
		if (len <= PIPE_ATOMIC && room < len)
			room = 0;	/* never interleave a small write */
		if (room == 0) {
			if (f->flags & O_NONBLOCK)
				return n ? (long)n : -EAGAIN;
			if (waitq_sleep(&p->wq, 0, true) == -EINTR)
				return n ? (long)n : -EINTR;
			continue;
		}
		while (n < len && room--)
			p->buf[p->head++ % PIPE_BUF_SIZE] = ((const char *)buf)[n++];
		waitq_wake(&p->rq, -1);
		notify(p, false);
	}
	return (long)n;
}

static int
pp_close(struct scheme *s, uint64_t handle)
{
	(void)s;
	struct end *e = (struct end *)(uintptr_t)handle;
	struct pipe *p = e->p;
	if (e->write)
		p->writers--;
	else
		p->readers--;
	list_remove(&e->link);
	kmem_free(e);
	waitq_wake(&p->rq, -1);
	waitq_wake(&p->wq, -1);
	notify(p, false);
	notify(p, true);
	if (p->readers == 0 && p->writers == 0) {
		kmem_free(p->buf);
		kmem_free(p);
	}
	return 0;
}

static int
pp_fstat(struct scheme *s, struct file *f, struct redox_stat *st)
{
	(void)s;
	struct pipe *p = end_of(f)->p;
	st->st_mode = MODE_FIFO | 0600;
	st->st_size = p->head - p->tail;
	st->st_nlink = 1;
	return 0;
}

static int
pp_fevent(struct scheme *s, struct file *f, uint32_t flags)
{
	(void)s;
	struct end *e = end_of(f);
	struct pipe *p = e->p;
	uint32_t r = 0;
	if (!e->write && (p->head != p->tail || p->writers == 0))
		r |= EVENT_READ;
	if (e->write && (p->head - p->tail < PIPE_BUF_SIZE || p->readers == 0))
		r |= EVENT_WRITE;
	return (int)(r & flags);
}

static long
pp_fpath(struct scheme *s, struct file *f, char *buf, size_t len)
{
	(void)s; (void)f;
	if (len < 5)
		return -ERANGE;
	memcpy(buf, STR_LIT("pipe:"));
	return 5;
}

static const struct scheme_ops pipe_ops = {
	.open = pp_open, .dup = pp_dup, .read = pp_read, .write = pp_write,
	.close = pp_close, .fstat = pp_fstat, .fevent = pp_fevent, .fpath = pp_fpath,
};

int
pipe_create(uint32_t flags, struct file **rd, struct file **wr)
{
	struct pipe *p = pipe_new();
	if (!p)
		return -ENOMEM;
	uint64_t r = end_new(p, false), w = end_new(p, true);
	*rd = r ? file_new(pipe_scheme, r, O_RDONLY | (flags & O_NONBLOCK)) : NULL;
	*wr = w ? file_new(pipe_scheme, w, O_WRONLY | (flags & O_NONBLOCK)) : NULL;
	if (*rd && *wr)
		return 0;
	if (*rd)
		file_put(*rd);
	else if (r)
		pp_close(pipe_scheme, r);
	if (*wr)
		file_put(*wr);
	else if (w)
		pp_close(pipe_scheme, w);
	return -ENOMEM;
}

int
pipe_init(void)
{
	return scheme_register(STR_LIT("pipe"), &pipe_ops, NULL, &pipe_scheme);
}
