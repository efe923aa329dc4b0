/*
 * kt_crashd - a scheme daemon (crash:) that answers opens and then
 * crashes on the first read (plain or positioned), with a request in
 * flight.
 */
#include "schemes/lib/serve.h"

static int64_t
handle(void *ctx, const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	(void)ctx; (void)in; (void)out; (void)cap; (void)out_len;
	if (rq->op == SCHEME_OPEN)
		return 0;
	if (rq->op == SCHEME_READ)
		return *(volatile int *)0;	/* crash */
	return 0;
}

int
main(void)
{
	return serve("crash", handle, 0) == 0 ? 0 : 1;
}
