/* zerod - zero:, an endless source of zero bytes that swallows writes. */
#include <string.h>

#include "schemes/lib/chardev.h"

static int64_t
handle(void *ctx, const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	int64_t r;
	(void)ctx; (void)in;
	if (chardev_answer("zero", rq, out, out_len, &r))
		return r;
	switch (rq->op) {
	case SCHEME_READ: {
		size_t n = rq->c < cap ? rq->c : cap;
		memset(out, 0, n);
		*out_len = (uint32_t)n;
		return (int64_t)n;
	}
	case SCHEME_WRITE: return rq->len;
	default: return scheme_op_missing(rq->op);
	}
}

int
main(void)
{
	return serve("zero", handle, NULL) == 0 ? 0 : 1;
}
