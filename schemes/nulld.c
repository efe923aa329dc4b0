/* nulld - null:, which reads as empty and swallows writes. */
#include <stdio.h>

#include "schemes/lib/serve.h"

static int64_t
handle(void *ctx, const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	(void)ctx; (void)in; (void)out; (void)cap; (void)out_len;
	switch (rq->op) {
	case SCHEME_OPEN: return 0;
	case SCHEME_READ: return 0;
	case SCHEME_WRITE: return rq->len;
	case SCHEME_CLOSE: return 0;
	case SCHEME_DUP: return 0;
	case SCHEME_FSTAT: {
		struct redox_stat st = { .st_mode = MODE_CHR | 0666, .st_nlink = 1 };
		*out_len = sizeof st;
		__builtin_memcpy(out, &st, sizeof st);
		return 0;
	}
	case SCHEME_FEVENT: return (int64_t)(rq->b & (EVENT_READ | EVENT_WRITE));
	case SCHEME_FPATH:
		*out_len = 5;
		__builtin_memcpy(out, "null:", 5);
		return 5;
	default: return -EBADF;
	}
}

int
main(void)
{
	return serve("null", handle, NULL) == 0 ? 0 : 1;
}
