/* rfsd_flock.c - the LOCK op over the rfsd_lock table (rfsd_flock.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include "fs/redoxfs/daemon/rfsd.h"
#include "fs/redoxfs/daemon/rfsd_flock.h"
#include "fs/redoxfs/daemon/rfsd_handle.h"
#include "fs/redoxfs/daemon/rfsd_lock.h"
#include "schemes/lib/serve.h"

static struct rfsd_locks locks;
static int ready;

static struct rfsd_locks *
table(void)
{
	if (!ready) {
		rfsd_lock_init(&locks);
		ready = 1;
	}
	return &locks;
}

/* A kept F_SETLKW is granted (0) or cannot be (-ENOLCK): answer it. */
static void
grant(void *arg, uint64_t id, int result)
{
	int err;

	(void)arg;
	if ((err = serve_reply(rfsd.schemefd, id, result, NULL, 0)) != 0)
		fprintf(stderr, "redoxfsd: answering a lock wait: %s\n",
		    strerror(-err));
}

/* The lock a request asks for: its range resolved against the handle's
 * position (SEEK_CUR) or the file's size (SEEK_END). */
static int
want_of(const struct scheme_request *rq, const struct redox_flock *fl,
    struct rfsd_handle *h, struct rfsd_lock *want)
{
	struct rfs_node node;
	int64_t base = 0;
	int err;

	if (fl->l_type != F_RDLCK && fl->l_type != F_WRLCK &&
	    fl->l_type != F_UNLCK)
		return -EINVAL;
	if (rq->d == SCHEME_LOCK_GET && fl->l_type == F_UNLCK)
		return -EINVAL;
	if (rq->d != SCHEME_LOCK_GET &&
	    ((fl->l_type == F_RDLCK && !(h->flags & O_RDONLY)) ||
	    (fl->l_type == F_WRLCK && !(h->flags & O_WRONLY))))
		return -EBADF;
	switch (fl->l_whence) {
	case SEEK_SET:
		break;
	case SEEK_CUR:
		if (h->pos > (uint64_t)INT64_MAX)
			return -EOVERFLOW;
		base = (int64_t)h->pos;
		break;
	case SEEK_END:
		if (rfsd_node_handle(rq->a, &node, &err) == NULL)
			return err;
		if (node.size > (uint64_t)INT64_MAX)
			return -EOVERFLOW;
		base = (int64_t)node.size;
		break;
	default:
		return -EINVAL;
	}
	want->node = h->node;
	want->type = fl->l_type;
	want->pid = rq->pid;
	return rfsd_lock_range(base, fl->l_start, fl->l_len, &want->start,
	    &want->end);
}

int64_t
rfsd_flock(const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	struct rfsd_handle *h = rfsd_handle_get(rq->a);
	struct redox_flock fl, res;
	struct rfsd_lock want, c;
	int r;

	if (h == NULL)
		return -EBADF;
	if (h->kind != RFSD_NODE)
		return -EINVAL;		/* the info handle has no bytes to lock */
	if (rq->d == SCHEME_LOCK_RELEASE) {
		rfsd_flock_closed(h->node, rq->pid, 0);
		return 0;
	}
	if (rq->len != sizeof fl)
		return -EINVAL;
	memcpy(&fl, in, sizeof fl);
	if ((r = want_of(rq, &fl, h, &want)) != 0)
		return r;
	switch (rq->d) {
	case SCHEME_LOCK_GET:
		if (cap < sizeof res)
			return -EINVAL;
		memset(&res, 0, sizeof res);
		res.l_type = F_UNLCK;
		if (rfsd_lock_test(table(), &want, &c)) {
			res.l_type = (int16_t)c.type;
			res.l_whence = SEEK_SET;
			res.l_start = (int64_t)c.start;
			res.l_len = c.end == RFSD_LOCK_EOF ? 0 :
			    (int64_t)(c.end - c.start);
			res.l_pid = (int32_t)c.pid;
		}
		memcpy(out, &res, sizeof res);
		*out_len = sizeof res;
		return 0;
	case SCHEME_LOCK_SET:
		r = rfsd_lock_set(table(), &want);
		break;
	case SCHEME_LOCK_WAIT:
		r = rfsd_lock_wait(table(), &want, rq->id);
		if (r == 1)
			return SERVE_DEFER;
		break;
	default:
		return -EINVAL;
	}
	/* An unlock or a conversion may have freed bytes others wait for. */
	if (r == 0)
		rfsd_lock_wake(table(), grant, NULL);
	return r;
}

int64_t
rfsd_flock_cancel(const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	(void)in;
	(void)out;
	(void)cap;
	(void)out_len;
	rfsd_lock_cancel(table(), rq->a);
	return 0;
}

void
rfsd_flock_closed(uint32_t node, uint64_t pid, int last)
{
	if (last)
		rfsd_lock_forget_node(table(), node);
	else
		rfsd_lock_release(table(), node, pid);
	rfsd_lock_wake(table(), grant, NULL);
}
