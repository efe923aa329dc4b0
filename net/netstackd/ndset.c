/*
 * ndset.c - the setting files of a tcp: or udp: socket, which libc's
 * setsockopt and getsockopt read and write: dup(fd, "read_timeout") and
 * "write_timeout" (SO_RCVTIMEO, SO_SNDTIMEO) and "ttl" (IP_TTL).
 */
#include <errno.h>
#include <string.h>

#include "net/netstackd/ndset.h"
#include "net/stack/sock.h"

/*
 * A ttl file (libc's IP_TTL): one byte, 1 to 255.  A socket not bound
 * yet keeps it for when it is.
 */
static int64_t
ndset_ttl(struct nd *nd, struct ndfile *t, const struct scheme_request *rq,
    const uint8_t *in, uint32_t len, uint8_t *out, uint32_t *out_len)
{
	int r;

	if (rq->op == SCHEME_READ) {
		if (rq->c < 1)
			return -EINVAL;
		r = t->sh >= 0 ? ns_getopt(nd->st, t->sh, NS_OPT_TTL) :
		    t->ttl ? t->ttl : 64;
		if (r < 0)
			return r;
		out[0] = (uint8_t)r;
		*out_len = 1;
		return 1;
	}
	if (len != 1 || in[0] == 0)
		return -EINVAL;
	if (t->sh >= 0 && (r = ns_setopt(nd->st, t->sh, NS_OPT_TTL, in[0])) < 0)
		return r;
	t->ttl = in[0];
	return 1;
}

/*
 * A read_timeout or write_timeout file (libc's SO_RCVTIMEO and
 * SO_SNDTIMEO): a struct timespec, two 64-bit words; zero for none.
 */
int64_t
ndset_io(struct nd *nd, struct ndfile *f, const struct scheme_request *rq,
    const uint8_t *in, uint32_t len, uint8_t *out, uint32_t *out_len)
{
	struct ndfile *t;
	uint64_t *to;
	int64_t ts[2];

	if (f->target < 0 || f->target >= ND_FILES ||
	    !nd->files[f->target].used ||
	    nd->files[f->target].scheme != f->scheme)
		return -EBADF;
	t = &nd->files[f->target];
	if (f->setting == SET_TTL)
		return ndset_ttl(nd, t, rq, in, len, out, out_len);
	to = f->setting == SET_READ_TIMEOUT ? &t->rd_to : &t->wr_to;
	if (rq->op == SCHEME_READ) {
		if (rq->c < sizeof(ts))
			return -EINVAL;
		ts[0] = (int64_t)(*to / 1000);
		ts[1] = (int64_t)(*to % 1000) * 1000000;
		memcpy(out, ts, sizeof(ts));
		*out_len = sizeof(ts);
		return sizeof(ts);
	}
	if (len < sizeof(ts))
		return -EINVAL;
	memcpy(ts, in, sizeof(ts));
	if (ts[0] < 0 || ts[1] < 0 || ts[1] >= 1000000000)
		return -EINVAL;
	*to = (uint64_t)ts[0] * 1000 + (uint64_t)ts[1] / 1000000;
	if (*to == 0 && (ts[0] != 0 || ts[1] != 0))
		*to = 1;	/* under a millisecond: the shortest wait */
	return sizeof(ts);
}

