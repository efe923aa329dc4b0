/* nulld - null:, which reads as empty and swallows writes. */
#include "schemes/lib/chardev.h"

static int64_t
handle(void *ctx, const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	int64_t r;
	(void)ctx; (void)in; (void)cap;
	if (chardev_answer("null", rq, out, out_len, &r))
		return r;
	switch (rq->op) {
	case SCHEME_READ: return 0;
	case SCHEME_WRITE: return rq->len;
	default: return scheme_op_missing(rq->op);
	}
}

int
main(void)
{
	return serve("null", handle, NULL) == 0 ? 0 : 1;
}
