/*
 * ndset.c - the setting files of a tcp: or udp: socket, which libc's
 * setsockopt and getsockopt read and write: dup(fd, "read_timeout") and
 * "write_timeout" (SO_RCVTIMEO, SO_SNDTIMEO), "ttl" (IP_TTL), and
 * "sndbuf" and "rcvbuf" (SO_SNDBUF, SO_RCVBUF: read only).
 */
#include <errno.h>
#include <string.h>

#include "net/netstackd/ndset.h"
#include "net/stack/ip.h"
#include "net/stack/sock.h"
#include "net/stack/tcp.h"
#include "net/stack/udp.h"

/*
 * A sndbuf or rcvbuf file: the buffer's size in bytes, an int.  The
 * sizes are fixed (setsockopt's are accepted and change nothing), so a
 * socket not bound yet reports those it will have.
 */
static int64_t
ndset_buf(struct nd *nd, struct ndfile *t, int setting,
    const struct scheme_request *rq, uint8_t *out, uint32_t *out_len)
{
	int opt = setting == SET_SNDBUF ? NS_OPT_SNDBUF : NS_OPT_RCVBUF, r;

	if (rq->op != SCHEME_READ)
		return -EINVAL;
	if (rq->c < sizeof(int))
		return -EINVAL;
	if (t->sh >= 0)
		r = ns_getopt(nd->st, t->sh, opt);
	else if (t->scheme == ND_UDP)
		r = opt == NS_OPT_SNDBUF ? IP_MAXPACKET - IP_HLEN - UDP_HLEN :
		    UDP_QUEUE_BYTES;
	else
		r = TCP_BUF;
	if (r < 0)
		return r;
	memcpy(out, &r, sizeof(r));
	*out_len = sizeof(r);
	return sizeof(r);
}

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
	if (f->setting == SET_SNDBUF || f->setting == SET_RCVBUF)
		return ndset_buf(nd, t, f->setting, rq, out, out_len);
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

