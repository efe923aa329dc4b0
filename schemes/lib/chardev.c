/* chardev.c - the common answers of character-device daemons. */
#include <string.h>

#include "schemes/lib/chardev.h"

int
chardev_answer(const char *name, const struct scheme_request *rq, void *out,
    uint32_t *out_len, int64_t *result)
{
	switch (rq->op) {
	case SCHEME_OPEN:
	case SCHEME_CLOSE:
	case SCHEME_DUP:
		*result = 0;
		return 1;
	case SCHEME_FSTAT: {
		struct redox_stat st = { .st_mode = MODE_CHR | 0666, .st_nlink = 1 };
		memcpy(out, &st, sizeof st);
		*out_len = sizeof st;
		*result = 0;
		return 1;
	}
	case SCHEME_FEVENT:
		*result = (int64_t)(rq->b & (EVENT_READ | EVENT_WRITE));
		return 1;
	case SCHEME_FPATH: {
		size_t n = strlen(name);
		if (n + 1 > rq->c) {
			*result = -ERANGE;
			return 1;
		}
		memcpy(out, name, n);
		((char *)out)[n] = ':';
		*out_len = (uint32_t)n + 1;
		*result = (int64_t)n + 1;
		return 1;
	}
	default:
		return 0;
	}
}
