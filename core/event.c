/*
 * event.c - the event: scheme.
 *
 * A watch ties (queue, scheme, handle) to the fd number and cookie the
 * program gave.  Registering asks the scheme for readiness now (fevent),
 * so a watch starts level-triggered; afterwards schemes report edges with
 * event_trigger().  Queues are themselves watchable.
 */
#include "core/abi.h"
#include "core/event.h"
#include "core/fd.h"
#include "core/file.h"
#include "core/kmem.h"
#include "core/proc.h"
#include "core/scheme.h"
#include "core/sched.h"
#include "core/str.h"
#include "core/vfs.h"

struct queue {
	struct list ready;	/* struct watch with pending flags */
	struct waitq readers;
};

struct watch {
	struct list all;	/* on `watches` */
	struct list ready;	/* on queue->ready while pending != 0 */
	struct queue *q;
	struct scheme *s;	/* not referenced: event_forget runs first */
	uint64_t handle;
	uint64_t fd, data;
	uint32_t flags, pending;
};

static struct list watches = LIST_INIT(watches);
static struct scheme *event_scheme;

static void
post(struct watch *w, uint32_t flags)
{
	flags &= w->flags;
	if (!flags)
		return;
	if (!w->pending)
		list_push_back(&w->q->ready, &w->ready);
	w->pending |= flags;
	waitq_wake(&w->q->readers, -1);
	event_trigger(event_scheme, (uint64_t)(uintptr_t)w->q, EVENT_READ);
}

void
event_trigger(struct scheme *s, uint64_t handle, uint32_t flags)
{
	struct list *l, *n;
	list_for_each_safe(l, n, &watches) {
		struct watch *w = list_entry(l, struct watch, all);
		if (w->s == s && w->handle == handle)
			post(w, flags);
	}
}

static void
drop(struct watch *w)
{
	list_remove(&w->all);
	if (w->pending)
		list_remove(&w->ready);
	kmem_free(w);
}

void
event_forget(struct scheme *s, uint64_t handle)
{
	struct list *l, *n;
	list_for_each_safe(l, n, &watches) {
		struct watch *w = list_entry(l, struct watch, all);
		if (w->s == s && w->handle == handle)
			drop(w);
	}
}

static int
ev_open(struct scheme *s, const char *ref, size_t len, uint32_t flags,
    const struct cred *c, uint64_t *handle)
{
	(void)s; (void)ref; (void)len; (void)flags; (void)c;
	struct queue *q = kmem_alloc(sizeof *q);
	if (!q)
		return -ENOMEM;
	list_init(&q->ready);
	waitq_init(&q->readers);
	*handle = (uint64_t)(uintptr_t)q;
	return 0;
}

static long
ev_write(struct scheme *s, struct file *f, const void *buf, size_t len)
{
	(void)s;
	struct queue *q = (struct queue *)(uintptr_t)f->handle;
	struct proc *p = proc_current();
	size_t n = len / sizeof(struct redox_event);
	if (n == 0)
		return -EINVAL;
	for (size_t i = 0; i < n; i++) {
		struct redox_event ev;
		memcpy(&ev, (const char *)buf + i * sizeof ev, sizeof ev);
		if (ev.id > FD_MAX)
			return -EBADF;
		struct file *t = fd_get(p->fds, (int)ev.id);
		if (!t)
			return -EBADF;
		/* Re-registering replaces; flags 0 removes. */
		struct list *l, *nx;
		list_for_each_safe(l, nx, &watches) {
			struct watch *w = list_entry(l, struct watch, all);
			if (w->q == q && w->fd == ev.id)
				drop(w);
		}
		if (!ev.flags)
			continue;
		struct watch *w = kmem_alloc(sizeof *w);
		if (!w)
			return -ENOMEM;
		w->q = q;
		w->s = t->scheme;
		w->handle = t->handle;
		w->fd = ev.id;
		w->data = ev.data;
		w->flags = (uint32_t)ev.flags;
		list_init(&w->ready);
		list_push_back(&watches, &w->all);
		int now = vfs_fevent(t, w->flags);
		if (now > 0)
			post(w, (uint32_t)now);
	}
	return (long)(n * sizeof(struct redox_event));
}

static long
ev_read(struct scheme *s, struct file *f, void *buf, size_t len)
{
	(void)s;
	struct queue *q = (struct queue *)(uintptr_t)f->handle;
	size_t max = len / sizeof(struct redox_event), n = 0;
	if (max == 0)
		return -EINVAL;
	while (list_empty(&q->ready)) {
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (waitq_sleep(&q->readers, 0, true) == -EINTR)
			return -EINTR;
	}
	while (n < max && !list_empty(&q->ready)) {
		struct watch *w = list_entry(q->ready.next, struct watch, ready);
		struct redox_event ev = { w->fd, w->pending, w->data };
		memcpy((char *)buf + n * sizeof ev, &ev, sizeof ev);
		list_remove(&w->ready);
		w->pending = 0;
		n++;
	}
	return (long)(n * sizeof(struct redox_event));
}

static int
ev_close(struct scheme *s, uint64_t handle)
{
	struct queue *q = (struct queue *)(uintptr_t)handle;
	struct list *l, *n;
	list_for_each_safe(l, n, &watches) {
		struct watch *w = list_entry(l, struct watch, all);
		if (w->q == q)
			drop(w);
	}
	event_forget(s, handle);
	kmem_free(q);
	return 0;
}

static int
ev_fevent(struct scheme *s, struct file *f, uint32_t flags)
{
	(void)s;
	struct queue *q = (struct queue *)(uintptr_t)f->handle;
	return (int)(flags & (list_empty(&q->ready) ? 0 : EVENT_READ));
}

static int
ev_fstat(struct scheme *s, struct file *f, struct redox_stat *st)
{
	(void)s; (void)f;
	st->st_mode = MODE_CHR | 0600;
	return 0;
}

static const struct scheme_ops event_ops = {
	.open = ev_open,
	.read = ev_read,
	.write = ev_write,
	.close = ev_close,
	.fevent = ev_fevent,
	.fstat = ev_fstat,
};

int
event_init(void)
{
	return scheme_register(STR_LIT("event"), &event_ops, NULL, &event_scheme);
}

bool
event_is_queue(const struct file *f)
{
	return f->scheme == event_scheme;
}
