/*
 * vec_scheme - the book's example scheme: vec: holds one global vector of
 * bytes.  Opening pushes the path, writing pushes the bytes, reading pops
 * them (so they come out reversed).  Run as root: only root registers.
 */
#include <stdlib.h>
#include <string.h>

#include "schemes/lib/serve.h"

struct vec {
	unsigned char *data;
	size_t len, cap;
};

static int
push(struct vec *v, const void *p, size_t n)
{
	if (v->len + n > v->cap) {
		size_t cap = v->cap ? v->cap : 64;
		while (cap < v->len + n)
			cap *= 2;
		unsigned char *d = realloc(v->data, cap);
		if (!d)
			return -ENOMEM;
		v->data = d;
		v->cap = cap;
	}
	memcpy(v->data + v->len, p, n);
	v->len += n;
	return 0;
}

static int64_t
handle(void *ctx, const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	struct vec *v = ctx;
	if (serve_positioned(rq))
		return -ESPIPE;		/* a stack has no offsets */
	switch (rq->op) {
	case SCHEME_OPEN:
		return push(v, in, rq->len) ? -ENOMEM : 0;
	case SCHEME_WRITE:
		return push(v, in, rq->len) ? -ENOMEM : (int64_t)rq->len;
	case SCHEME_READ: {
		size_t n = rq->c < cap ? rq->c : cap;
		if (n > v->len)
			n = v->len;
		for (size_t i = 0; i < n; i++)
			((unsigned char *)out)[i] = v->data[--v->len];
		*out_len = (uint32_t)n;
		return (int64_t)n;
	}
	case SCHEME_CLOSE:
		return 0;
	default:
		return scheme_op_missing(rq->op);
	}
}

int
main(void)
{
	static struct vec v;
	return serve("vec", handle, &v) == 0 ? 0 : 1;
}
