/* serve.c - the request loop of a scheme daemon. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <redox.h>

#include "schemes/lib/serve.h"

int
serve_register(const char *name)
{
	char path[64];
	snprintf(path, sizeof path, ":%s", name);
	int fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		fprintf(stderr, "%s: cannot register %s: %s\n", name, path, strerror(e));
		return -e;
	}
	return fd;
}

int
serve_fd(int fd, const char *name, serve_fn fn, void *ctx,
    volatile sig_atomic_t *stop)
{
	size_t cap = sizeof(struct scheme_request) + SCHEME_PAYLOAD_MAX;
	char *in = malloc(cap);
	char *out = malloc(sizeof(struct scheme_response) + SCHEME_PAYLOAD_MAX);
	int ret = 0;

	if (!in || !out) {
		fprintf(stderr, "%s: out of memory\n", name);
		ret = -ENOMEM;
	}
	while (ret == 0 && !(stop && *stop)) {
		ssize_t n = read(fd, in, cap);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < (ssize_t)sizeof(struct scheme_request)) {
			if (n != 0) {
				fprintf(stderr, "%s: reading requests: %s\n", name,
				    n < 0 ? strerror(errno) : "short");
				ret = -EIO;
			}
			break;
		}
		struct scheme_request rq;
		memcpy(&rq, in, sizeof rq);
		/* The kernel never sends more than it read; trust no length. */
		if (rq.len > (size_t)n - sizeof rq)
			rq.len = (uint32_t)((size_t)n - sizeof rq);
		struct scheme_response *rs = (struct scheme_response *)out;
		uint32_t out_len = 0;
		int64_t r = fn(ctx, &rq, in + sizeof rq, out + sizeof *rs,
		    SCHEME_PAYLOAD_MAX, &out_len);
		if (rq.op == SCHEME_CLOSE)
			continue;	/* closes are one-way */
		rs->id = rq.id;
		rs->result = r;
		rs->len = r < 0 ? 0 : out_len;
		rs->flags = 0;
		if (write(fd, out, sizeof *rs + rs->len) < 0 && errno != EINTR) {
			fprintf(stderr, "%s: writing a response: %s\n", name, strerror(errno));
			ret = -EIO;
		}
	}
	free(in);
	free(out);
	return ret;
}

int
serve(const char *name, serve_fn fn, void *ctx)
{
	int fd = serve_register(name);
	if (fd < 0)
		return fd;
	daemon_ready();
	return serve_fd(fd, name, fn, ctx, NULL);
}
