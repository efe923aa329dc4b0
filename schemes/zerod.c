/* zerod - zero:, an endless source of zero bytes that swallows writes. */
#include <string.h>

#include "schemes/lib/serve.h"

static int64_t
handle(void *ctx, const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	(void)ctx; (void)in;
	switch (rq->op) {
	case SCHEME_OPEN: return 0;
	case SCHEME_READ: {
		size_t n = rq->c < cap ? rq->c : cap;
		memset(out, 0, n);
		*out_len = (uint32_t)n;
		return (int64_t)n;
	}
	case SCHEME_WRITE: return rq->len;
	case SCHEME_CLOSE: return 0;
	case SCHEME_DUP: return 0;
	case SCHEME_FSTAT: {
		struct redox_stat st = { .st_mode = MODE_CHR | 0666, .st_nlink = 1 };
		memcpy(out, &st, sizeof st);
		*out_len = sizeof st;
		return 0;
	}
	case SCHEME_FEVENT: return (int64_t)(rq->b & (EVENT_READ | EVENT_WRITE));
	case SCHEME_FPATH:
		memcpy(out, "zero:", 5);
		*out_len = 5;
		return 5;
	default: return -EBADF;
	}
}

int
main(void)
{
	return serve("zero", handle, NULL) == 0 ? 0 : 1;
}
